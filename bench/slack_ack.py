"""How fast RASMUS acknowledges Slack, next to a bare bolt app on the same aiohttp stack.

    .venv/bin/python bench/slack_ack.py [--postgres URL] [--levels 1,10,50,200] [--requests 400]

Each server runs in its own process (as in production, the load generator must not share its
CPU): the bare bolt app that only acks, RASMUS on SQLite, and RASMUS on PostgreSQL. A fake
Slack Web API runs in a third process, so the work RASMUS does after the ack (store the note,
post the receipt, update the counts) really happens and competes for the CPU. Requests are
signed slash commands (`/rasmus note …`) and note-modal view_submissions, half each, at each
concurrency level. Printed: p50/p99 ack latency, requests per second, and p99 against the bare
app's p99 at the same level. Targets (issue 3): p99 < 100 ms at 50 concurrent requests, and at
most twice the bare app's p99.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.slack import slack_requests as sr  # noqa: E402

SECRET = "bench-signing-secret"
# Ten teams' channels, each with its own workshop: the requests are spread over them
# round-robin, as on a server that hosts several workshops at once.
CHANNELS = [f"C0BENCH{n:02d}" for n in range(10)]
USERS = [f"UBENCH{n:02d}" for n in range(20)]
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


# -- the processes under test ------------------------------------------------------------------


async def _serve_forever(app, port_file: str | None = None) -> None:
    from aiohttp import web

    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, backlog=1024)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    print(f"READY {port}", flush=True)
    await asyncio.Event().wait()


def _bare_app(api_url: str):
    from aiohttp import web
    from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
    from slack_bolt.async_app import AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient

    bolt = AsyncApp(signing_secret=SECRET, client=AsyncWebClient("xoxb-bench", base_url=api_url))

    async def just_ack(ack):
        await ack()

    bolt.command("/rasmus")(just_ack)
    bolt.view("rasmus_note_modal")(just_ack)

    async def events(request):
        return await to_aiohttp_response(await bolt.async_dispatch(await to_bolt_request(request)))

    async def freeze_startup_objects(app):
        gc.freeze()  # as RASMUS's Slack mount does, so the comparison is like for like

    app = web.Application()
    app.router.add_post("/slack/events", events)
    app.on_startup.append(freeze_startup_objects)
    return app


def _rasmus_app(api_url: str, database_url: str):
    from bot.config import Settings
    from bot.runtime import build_runtime
    from bot.server import build_web_app

    settings = Settings(
        _env_file=None, database_url=database_url, slack_bot_token="xoxb-bench",
        slack_signing_secret=SECRET, slack_api_url=api_url, slack_app_token="",
        slack_client_id="", slack_client_secret="",
    )
    runtime = build_runtime(settings, migrate=True)
    app, _statuses = build_web_app(runtime)
    return app


def serve(kind: str, api_url: str, database_url: str) -> None:
    """Runs in a child process: one server until it is terminated."""
    if kind == "fake-slack":
        from tests.e2e.slack.fake_slack import FakeSlack

        async def run_fake():
            fake = FakeSlack(users={u: u.title() for u in USERS})
            base = await fake.start()
            print(f"READY {base.split(':')[2].split('/')[0]}", flush=True)
            await asyncio.Event().wait()

        asyncio.run(run_fake())
        return
    app = _bare_app(api_url) if kind == "bare" else _rasmus_app(api_url, database_url)
    asyncio.run(_serve_forever(app))


class Child:
    def __init__(self, *args: str):
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        for name in ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_APP_TOKEN"):
            env.pop(name, None)
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve", *args], stdout=subprocess.PIPE, env=env,
            text=True, cwd=ROOT,
        )
        line = self.process.stdout.readline()
        if not line.startswith("READY"):
            self.stop()
            raise RuntimeError(f"{args[0]} did not start: {line!r}")
        self.port = int(line.split()[1])

    def stop(self) -> None:
        self.process.terminate()  # only the child this benchmark started
        self.process.wait(timeout=10)


# -- the load ----------------------------------------------------------------------------------


def _request(number: int) -> sr.SignedRequest:
    user = USERS[number % len(USERS)]
    channel = CHANNELS[(number // 2) % len(CHANNELS)]
    if number % 2 == 0:
        return sr.slash_command(f"note realistisk bench note {number}", user, channel, SECRET)
    values = {
        "text": {"value": {"type": "plain_text_input", "value": f"bench modal note {number}"}},
        "anonymous": {"value": {"type": "checkboxes", "selected_options": []}},
    }
    meta = {"tm": sr.TEAM_ID, "ch": channel, "c": "realistic", "s": "today", "lg": "da"}
    return sr.view_submission("rasmus_note_modal", json.dumps(meta), values,
                              user, SECRET, view_id=f"VBENCH{uuid.uuid4().hex[:10]}")


async def _wait_for_quiet(session, fake_port: int, quiet: float = 1.0, limit: float = 120) -> None:
    """The work after the ack must finish before the next level starts."""
    url = f"http://127.0.0.1:{fake_port}/calls/count"
    last, deadline = -1, time.monotonic() + limit
    while time.monotonic() < deadline:
        async with session.get(url) as response:
            count = (await response.json())["calls"]
        if count == last:
            return
        last = count
        await asyncio.sleep(quiet)


async def _level(session, port: int, concurrency: int, total: int) -> dict:
    url = f"http://127.0.0.1:{port}/slack/events"
    requests = [_request(n) for n in range(total)]
    latencies: list[float] = []
    failures = 0
    queue = iter(requests)

    async def worker():
        nonlocal failures
        for request in queue:
            started = time.perf_counter()
            async with session.post(url, data=request.body, headers=request.headers) as response:
                await response.read()
                if response.status != 200:
                    failures += 1
            latencies.append((time.perf_counter() - started) * 1000)

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "p50": statistics.median(latencies),
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        "rps": total / elapsed,
        "failures": failures,
    }


async def _prepare_workshops(session, port: int, fake_port: int) -> None:
    """A workshop in the `today` step in every channel, so each request stores a real note."""
    url = f"http://127.0.0.1:{port}/slack/events"
    for text in ("start Benchmark", "next"):
        for channel in CHANNELS:
            request = sr.slash_command(text, USERS[0], channel, SECRET)
            async with session.post(url, data=request.body, headers=request.headers) as reply:
                await reply.read()
        await _wait_for_quiet(session, fake_port, quiet=0.5)


async def measure(name: str, child_args: list[str], fake_port: int, levels, total: int):
    import aiohttp

    child = Child(*child_args)
    rows = []
    try:
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(connector=connector) as session:
            await _prepare_workshops(session, child.port, fake_port)
            # Warm-up: auth.test, lazy imports, every worker thread and pooled connection.
            await _level(session, child.port, 10, 60)
            await _wait_for_quiet(session, fake_port)
            for concurrency in levels:
                result = await _level(session, child.port, concurrency,
                                      max(total, concurrency * 2))
                rows.append((name, concurrency, result))
                await _wait_for_quiet(session, fake_port)
    finally:
        child.stop()
    return rows


def _fresh_postgres_schema(url: str) -> tuple[str, str]:
    from sqlalchemy import create_engine, text

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    separator = "&" if "?" in url else "?"
    return schema, f"{url}{separator}options=-csearch_path%3D{schema}"


def _drop_schema(url: str, schema: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


async def main(args) -> None:
    levels = [int(x) for x in args.levels.split(",")]
    fake = Child("fake-slack", "-", "-")
    api_url = f"http://127.0.0.1:{fake.port}/api/"
    results = []
    schema = None
    try:
        with tempfile.TemporaryDirectory() as tmp:
            results += await measure("bare bolt (ack only)", ["bare", api_url, "-"], fake.port,
                                     levels, args.requests)
            sqlite_url = f"sqlite:///{tmp}/bench.db"
            results += await measure("RASMUS on SQLite", ["rasmus", api_url, sqlite_url],
                                     fake.port, levels, args.requests)
            if args.postgres:
                schema, pg_url = _fresh_postgres_schema(args.postgres)
                results += await measure("RASMUS on PostgreSQL", ["rasmus", api_url, pg_url],
                                         fake.port, levels, args.requests)
    finally:
        fake.stop()
        if schema:
            _drop_schema(args.postgres, schema)
    _print(results)


def _print(results) -> None:
    bare = {c: r["p99"] for name, c, r in results if name.startswith("bare")}
    print(f"\n{'server':<22}{'conc':>5}{'p50 ms':>9}{'p99 ms':>9}{'req/s':>9}"
          f"{'p99/bare':>10}{'errors':>8}")
    for name, concurrency, r in results:
        ratio = r["p99"] / bare[concurrency] if bare.get(concurrency) else float("nan")
        print(f"{name:<22}{concurrency:>5}{r['p50']:>9.1f}{r['p99']:>9.1f}{r['rps']:>9.0f}"
              f"{ratio:>10.2f}{r['failures']:>8}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--serve", nargs=3, metavar=("KIND", "API_URL", "DATABASE_URL"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--postgres", default=os.environ.get("BENCH_DATABASE_URL",
                                                             DEFAULT_POSTGRES),
                        help="PostgreSQL URL; empty to skip")
    parser.add_argument("--levels", default="1,10,50,200")
    parser.add_argument("--requests", type=int, default=400, help="requests per level (min)")
    parsed = parser.parse_args()
    if parsed.serve:
        serve(*parsed.serve)
    else:
        asyncio.run(main(parsed))
