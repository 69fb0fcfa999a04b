"""How fast notes land when many people write at once, on SQLite and PostgreSQL.

Prints a table: writers, notes/s and p50/p99 latency per store, with the in-memory store of the
unit tests as the baseline measured in the same run. Usage:
    python bench/concurrent_notes.py [--pg postgresql+psycopg://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text  # noqa: E402

from adapters.persistence.database import create_database_engine, open_database  # noqa: E402
from adapters.persistence.store import SqlStore  # noqa: E402
from bot.runtime import RandomIds, utc_now  # noqa: E402
from core.model import Actor, ChannelKey  # noqa: E402
from core.service import Incoming, WorkshopService  # noqa: E402
from tests.fakes import MemoryStore  # noqa: E402


def run(service: WorkshopService, writers: int, notes_each: int) -> tuple[float, list[float]]:
    channel = ChannelKey("bench", "w", uuid.uuid4().hex)
    boss = Actor("boss")
    service.handle(Incoming(channel, boss, text="ny Bench"))
    service.handle(Incoming(channel, boss, text="next"))
    barrier = threading.Barrier(writers)
    latencies: list[float] = []

    def write(n: int) -> None:
        barrier.wait()
        for i in range(notes_each):
            started = time.perf_counter()
            service.handle(
                Incoming(
                    channel, Actor(f"p{n}"), text=f"note sundt N{n}.{i}", message_id=f"{n}.{i}"
                )
            )
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=writers) as pool:
        list(pool.map(write, range(writers)))
    elapsed = time.perf_counter() - started
    stored = len(service.workshop(channel).notes)
    assert stored == writers * notes_each, f"lost notes: {stored}"
    return elapsed, latencies


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[q - 1] * 1000 if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", default="")
    parser.add_argument("--notes-each", type=int, default=4)
    args = parser.parse_args()
    stores = {"memory (baseline)": lambda: MemoryStore()}
    tmp = tempfile.mkdtemp()
    stores["sqlite"] = lambda: SqlStore(open_database(f"sqlite:///{tmp}/bench.db"))
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    if args.pg:
        admin = create_database_engine(args.pg)
        with admin.begin() as c:
            c.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = f"{args.pg}?options=-csearch_path%3D{schema}"
        stores["postgresql"] = lambda: SqlStore(open_database(url, migrate=True))
    print(f"{'store':<18} {'writers':>7} {'notes':>6} {'notes/s':>9} {'p50 ms':>8} {'p99 ms':>8}")
    baseline: dict[int, float] = {}
    try:
        for name, make in stores.items():
            service = WorkshopService(make(), utc_now, RandomIds())
            for writers in (1, 10, 50):
                elapsed, lat = run(service, writers, args.notes_each)
                rate = writers * args.notes_each / elapsed
                baseline.setdefault(writers, rate)
                print(
                    f"{name:<18} {writers:>7} {writers * args.notes_each:>6} {rate:>9.0f} "
                    f"{pct(lat, 50):>8.1f} {pct(lat, 99):>8.1f}"
                )
    finally:
        if args.pg:
            with admin.begin() as c:
                c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


if __name__ == "__main__":
    main()
