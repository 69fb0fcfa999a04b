"""`python -m bot tick`: the due work of this moment once, said in a line or two."""

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from adapters.persistence.database import open_database
from adapters.persistence.store import SqlStore
from core.model import Actor, ChannelKey
from core.service import Incoming, WorkshopService
from tests.fakes import CountingIds, SteppingClock

ROOT = Path(__file__).resolve().parents[2]
CHANNEL = ChannelKey("console", "local", "console")


def tick(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SLACK_", "MICROSOFT_", "TEAMS_"))
    }
    env |= {"DATABASE_URL": f"sqlite:///{tmp_path / 'rasmus.db'}", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "tick"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()


def test_tick_hands_due_work_to_the_core_once_and_says_so(tmp_path):
    engine = open_database(f"sqlite:///{tmp_path / 'rasmus.db'}")
    store = SqlStore(engine)
    service = WorkshopService(store, SteppingClock(), CountingIds())
    service.handle(Incoming(CHANNEL, Actor("anne", "Anne"), text="ny Vagtplan"))
    with store.unit(CHANNEL) as unit:  # due while nothing ran
        unit.wake_at(datetime.now(UTC) - timedelta(hours=2))
    engine.dispose()

    first = tick(tmp_path)
    assert len(first) == 2
    assert first[0].startswith("tick: 1 workshop(s) had due work; decided ")
    assert "no platform is configured to send them" in first[1]
    assert store.due_wakeups(datetime.now(UTC)) == []
    # Run again: that moment's work was handed over already.
    assert tick(tmp_path)[0].startswith("tick: 0 workshop(s) had due work; decided 0 request(s)")
