"""`kill -9` in the middle of a busy room: a real `python -m bot serve` on SQLite and on
PostgreSQL takes 400 signed `/rasmus note` commands, 20 at a time, and is killed with SIGKILL
after about a third were acknowledged. Started again, it loses nothing it acknowledged: every
acknowledged note is on the board exactly once and every author got a receipt."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import text

from adapters.persistence.database import create_database_engine
from tests.e2e.slack import slack_requests as sr
from tests.e2e.slack.conftest import SIGNING_SECRET
from tests.e2e.slack.fake_slack import FakeSlack
from tests.pg_schema import postgres_schema

ROOT = Path(__file__).resolve().parents[3]
CHANNEL = "C0KILLED"
NOTES, AT_ONCE, KILL_AFTER = 400, 20, 133


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`python -m bot serve` as a deployment runs it, in a process of its own."""

    def __init__(self, database_url: str, fake: FakeSlack, workdir: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workdir = workdir
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "TEAMS_"))},
            "DATABASE_URL": database_url,
            "PORT": str(self.port),
            "HOST": "127.0.0.1",
            "SLACK_BOT_TOKEN": "xoxb-test-token",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": fake.base_url,
            "SCHEDULER_INTERVAL_SECONDS": "1",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }
        self.process: subprocess.Popen | None = None
        self.signalled = False

    def run(self, *command: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "bot", *command],
            cwd=self.workdir, env=self.env, capture_output=True, text=True, timeout=60,
        )

    async def start(self, *command: str) -> None:
        command = command or ("serve",)
        self.log = open(self.workdir / f"serve-{time.monotonic_ns()}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", *command],
            cwd=self.workdir, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        if command[0] == "worker":  # no port: it says when it runs
            while "worker and dispatcher running" not in self.output():
                assert self.process.poll() is None and time.monotonic() < deadline, self.output()
                await asyncio.sleep(0.1)
            return
        async with aiohttp.ClientSession() as session:
            while time.monotonic() < deadline:
                assert self.process.poll() is None, self.output()
                try:
                    async with session.get(self.url + "/healthz") as response:
                        if response.status == 200:
                            return
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.1)
        raise AssertionError("the server did not start:\n" + self.output())

    def output(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text()

    def kill(self, how: signal.Signals = signal.SIGKILL) -> None:
        self.signalled = True
        self.process.send_signal(how)
        if how == signal.SIGKILL:
            self.process.wait(10)

    async def stop(self) -> str:
        """SIGTERM (unless signalled already), and wait for the exit without blocking this
        loop: the fake Slack runs on it and answers the server's last sends."""
        if self.process and self.process.poll() is None and not self.signalled:
            self.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 30
        while self.process and self.process.poll() is None:
            assert time.monotonic() < deadline, "the server did not stop after SIGTERM"
            await asyncio.sleep(0.05)
        self.signalled = False
        self.log.close()
        return Path(self.log.name).read_text()

    async def queue(self) -> dict:
        async with aiohttp.ClientSession() as session:
            async with session.get(self.url + "/healthz") as response:
                return (await response.json())["queue"]

    async def until_done(self, timeout: float = 40.0) -> None:
        """Until the restarted server has decided every stored request and sent every reply."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            queue = await self.queue()
            if queue["requests"]["waiting"] == 0 and queue["replies"]["due"] == 0:
                if queue["replies"]["failing"] == 0:
                    return
            await asyncio.sleep(0.1)
        raise AssertionError(f"work still waiting: {await self.queue()}")


async def post(session, server: Server, request: sr.SignedRequest) -> int:
    async with session.post(
        server.url + "/slack/events", data=request.body, headers=request.headers
    ) as response:
        await response.read()
        return response.status


async def command(session, server, user: str, words: str) -> int:
    return await post(session, server, sr.slash_command(words, user, CHANNEL, SIGNING_SECRET))


def database_urls():
    urls = ["sqlite"]
    if os.environ.get("TEST_DATABASE_URL"):
        urls.append("postgresql")
    return urls


@pytest.fixture(params=database_urls())
def database_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'rasmus.db'}"
        return
    with postgres_schema("k") as url:
        yield url


async def test_a_server_killed_mid_burst_loses_no_acknowledged_note_and_stores_none_twice(
    database_url, tmp_path
):
    await burst_and_stop(database_url, tmp_path, signal.SIGKILL)


async def test_a_server_stopped_by_sigterm_mid_burst_finishes_or_keeps_everything_it_acked(
    tmp_path,
):
    first_run = await burst_and_stop(f"sqlite:///{tmp_path / 'rasmus.db'}", tmp_path,
                                     signal.SIGTERM)
    assert "left for the next start:" in first_run


async def burst_and_stop(database_url: str, tmp_path, how: signal.Signals) -> str:
    fake = FakeSlack()
    await fake.start()
    server = Server(database_url, fake, tmp_path)
    try:
        migrated = server.run("migrate")
        assert migrated.returncode == 0, migrated.stderr
        await server.start()
        async with aiohttp.ClientSession() as session:
            assert await command(session, server, "UFACIL", "start Robotstøvsuger") == 200
            assert await command(session, server, "UFACIL", "next") == 200
            await server.until_done()  # the room is in today's step

            acknowledged: list[int] = []
            killed = asyncio.Event()
            numbers = iter(range(NOTES))

            async def person() -> None:
                for n in numbers:
                    if killed.is_set():
                        return
                    try:
                        status = await command(session, server, f"U{n:05d}", f"note sundt N{n}x")
                    except aiohttp.ClientError:
                        continue  # the server died under this one: never acknowledged
                    if status == 200:
                        acknowledged.append(n)
                        if len(acknowledged) >= KILL_AFTER and not killed.is_set():
                            killed.set()
                            server.kill(how)

            await asyncio.gather(*(person() for _ in range(AT_ONCE)))
        assert killed.is_set() and len(acknowledged) >= KILL_AFTER
        await asyncio.sleep(0.2)
        first_run = await server.stop()
        engine = create_database_engine(database_url)
        with engine.connect() as connection:
            undecided = connection.execute(text("SELECT count(*) FROM inbox")).scalar_one()
            unsent = connection.execute(
                text("SELECT count(*) FROM outbox WHERE sent_at IS NULL")
            ).scalar_one()
        engine.dispose()

        await server.start()
        await server.until_done()
        await server.stop()
    finally:
        await fake.stop()

    engine = create_database_engine(database_url)
    with engine.connect() as connection:
        texts = Counter(connection.execute(text("SELECT text FROM notes")).scalars())
    engine.dispose()
    on_board = {int(t[1:-1]): count for t, count in texts.items()}
    missing = [n for n in acknowledged if n not in on_board]
    assert missing == [], f"acknowledged but lost: {missing}\n{first_run[-2000:]}"
    assert [n for n, count in on_board.items() if count != 1] == []
    told = Counter(c.params["user"] for c in fake.calls_to("chat.postEphemeral"))
    assert [n for n in acknowledged if told[f"U{n:05d}"] < 1] == []
    print(
        f"\n{database_url.split(':')[0]}: {len(acknowledged)} acknowledged before {how.name} "
        f"({undecided} undecided and {unsent} replies unsent at the kill), "
        f"{len(on_board)} on the board after the restart, receipts {sum(told.values())} "
        f"(to {len(told)} people); first run: {first_run.strip().splitlines()[-1:]}"
    )
    return first_run


@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="needs PostgreSQL")
async def test_a_web_process_and_a_worker_process_share_only_postgresql_and_wake_at_once(
    tmp_path,
):
    base = os.environ["TEST_DATABASE_URL"]
    schema = f"w_{uuid.uuid4().hex[:12]}"
    admin = create_database_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    fake = FakeSlack()
    await fake.start()
    web_only = Server(url, fake, tmp_path)
    worker = Server(url, fake, tmp_path)
    for server in (web_only, worker):
        server.env["SCHEDULER_INTERVAL_SECONDS"] = "60"  # only a NOTIFY can wake it sooner
    try:
        assert web_only.run("migrate").returncode == 0
        await web_only.start("serve", "--no-worker")
        await worker.start("worker")
        async with aiohttp.ClientSession() as session:
            started = time.monotonic()
            assert await command(session, web_only, "UFACIL", "start Robotstøvsuger") == 200
            await fake.wait_for_calls("chat.postMessage", 2, timeout=10)
            assert time.monotonic() - started < 5  # well before the 60 s interval
        assert "not yet decided" not in (await web_only.stop())  # the web decides nothing
        assert "left for the next start: 0 request(s)" in (await worker.stop())
    finally:
        await fake.stop()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
