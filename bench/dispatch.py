"""The dispatcher against Slack's per-channel limit: 10,000 due messages in 1,000 workspaces.

    .venv/bin/python bench/dispatch.py [--workspaces 1000] [--per-channel 10] [--postgres URL]

A fake Slack Web API runs in a process of its own with its per-channel posting limit on (a
burst of 10, then one message a second: more gets 429 with Retry-After). The outbox is filled
with `per-channel` channel messages for one channel in each of `workspaces` workspaces; then
RASMUS's Slack platform and the outbox dispatcher (in this process, as in `python -m bot
worker`) send them. Printed per database: total time, the rate held per channel, 429s from the
fake, duplicates (must be 0), and the shortest time the limits allow.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.slack_ack import (  # noqa: E402
    DEFAULT_POSTGRES,
    Child,
    _drop_schema,
    _fresh_postgres_schema,
    bench_settings,
)

BURST, PER_SECOND = 10, 1.0  # the fake Slack's limit per channel


async def run(
    database_url: str, api_url: str, fake_port: int, workspaces: int, per: int, limit: float
):
    import aiohttp
    from aiohttp import web

    from adapters.persistence.routes import Outgoing, conversation_of
    from adapters.scheduling.dispatcher import Dispatcher
    from adapters.scheduling.pacing import DEFAULT_PACE
    from bot.runtime import build_runtime
    from bot.server import PLATFORMS_KEY, build_web_app
    from core.messages import Audience, Reply, Said
    from core.model import ChannelKey

    settings = bench_settings(api_url, database_url, secret="bench")
    runtime = build_runtime(settings, migrate=True)
    app, _ = build_web_app(runtime, background=False)
    runner = web.AppRunner(app)
    await runner.setup()  # the Slack platform's pooled HTTP session
    slack = next(p for p in app[PLATFORMS_KEY] if p.key == "slack")
    outbox, store = runtime.queue.outbox, runtime.store
    # Channels of their own per run: the fake Slack's limit still remembers the last run's.
    run_id = uuid.uuid4().hex[:6]
    channels = [ChannelKey("slack", f"T{n:05d}", f"C{run_id}{n:05d}") for n in range(workspaces)]
    for channel in channels:
        with store.transaction(channel) as session:
            outbox.add_all(
                session,
                channel,
                [
                    Outgoing(
                        Reply(Audience.CHANNEL, Said("language_set"), "en"),
                        conversation_of(channel),
                    )
                    for _ in range(per)
                ],
            )
    dispatcher = Dispatcher(outbox, {"slack": slack}, pace=DEFAULT_PACE, interval=1)
    claims = _timed(outbox, "claim")
    total = workspaces * per
    began = time.time()
    task = asyncio.get_running_loop().create_task(dispatcher.run())
    while dispatcher.sent + dispatcher.failed < total and time.time() - began < limit:
        await asyncio.sleep(0.05)
    elapsed = time.time() - began
    dispatcher.stop()
    left = await task
    await runner.cleanup()
    runtime.close()
    async with aiohttp.ClientSession() as session:
        url = f"http://127.0.0.1:{fake_port}/calls/list?method=chat.postMessage"
        async with session.get(url) as response:
            posted = [c for c in await response.json() if c["at"] >= began]
        url = f"http://127.0.0.1:{fake_port}/calls/list?method=chat.postMessage:429"
        async with session.get(url) as response:
            limited = [c for c in await response.json() if c["at"] >= began]
    per_channel = defaultdict(list)
    for call in posted:
        per_channel[call["channel"]].append(call["at"])
    counts = Counter(len(v) for v in per_channel.values())
    duplicates = sum(n - per for n in (len(v) for v in per_channel.values()) if n > per)
    # The rate each channel held after its burst: messages beyond the burst per second.
    rates = []
    for moments in per_channel.values():
        moments.sort()
        if len(moments) > BURST:
            span = moments[-1] - moments[BURST - 1]
            rates.append((len(moments) - BURST) / span if span > 0 else float("inf"))
    return {
        "total": total,
        "sent": len(posted),
        "seconds": elapsed,
        "rate": statistics.median(rates) if rates else float("nan"),
        "rate_max": max(rates) if rates else float("nan"),
        "limited": len(limited),
        "duplicates": duplicates,
        "left": left,
        "complete": counts.get(per, 0),
        "floor": max(0.0, (per - BURST) / PER_SECOND),
        "failed": dispatcher.failed,
        "claims": len(claims),
        "claim_p50": statistics.median(claims) * 1000 if claims else float("nan"),
        "claim_max": max(claims) * 1000 if claims else float("nan"),
    }


def _timed(outbox, name: str) -> list[float]:
    """Wraps `outbox.<name>` to record how long each call took (seconds, wall clock)."""
    took: list[float] = []
    original = getattr(outbox, name)

    def timed(*args, **kwargs):
        began = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            took.append(time.perf_counter() - began)

    setattr(outbox, name, timed)
    return took


def fake_slack_with_limit() -> None:
    from tests.e2e.slack.fake_slack import FakeSlack

    async def serve():
        fake = FakeSlack()
        fake.limit_channels(per_second=PER_SECOND, burst=BURST)
        base = await fake.start()
        print(f"READY {base.split(':')[2].split('/')[0]}", flush=True)
        await asyncio.Event().wait()

    asyncio.run(serve())


async def main(args) -> None:
    fake = Child("fake-slack-limited", "-", "-")
    api_url = f"http://127.0.0.1:{fake.port}/api/"
    rows = []
    schema = None
    try:
        with tempfile.TemporaryDirectory() as tmp:
            rows.append(
                (
                    "SQLite",
                    await run(
                        f"sqlite:///{tmp}/d.db",
                        api_url,
                        fake.port,
                        args.workspaces,
                        args.per_channel,
                        args.limit,
                    ),
                )
            )
            _print(rows[-1:])
            if args.postgres:
                schema, url = _fresh_postgres_schema(args.postgres)
                rows.append(
                    (
                        "PostgreSQL",
                        await run(
                            url, api_url, fake.port, args.workspaces, args.per_channel, args.limit
                        ),
                    )
                )
    finally:
        fake.stop()
        if schema:
            _drop_schema(args.postgres, schema)
    _print(rows)


def _print(rows) -> None:
    print(
        f"\n{'database':<12}{'messages':>9}{'sent':>7}{'seconds':>9}{'msg/s':>7}"
        f"{'ch rate/s':>10}{'max':>6}{'429s':>6}{'dupes':>6}{'failed':>7}{'floor s':>8}"
        f"{'claims':>7}{'claim p50 ms':>13}{'max ms':>8}"
    )
    for name, r in rows:
        print(
            f"{name:<12}{r['total']:>9}{r['sent']:>7}{r['seconds']:>9.1f}"
            f"{r['sent'] / r['seconds']:>7.0f}{r['rate']:>10.2f}{r['rate_max']:>6.2f}"
            f"{r['limited']:>6}{r['duplicates']:>6}{r['failed']:>7}{r['floor']:>8.1f}"
            f"{r['claims']:>7}{r['claim_p50']:>13.1f}{r['claim_max']:>8.1f}",
            flush=True,
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workspaces", type=int, default=1000)
    parser.add_argument("--per-channel", type=int, default=10)
    parser.add_argument(
        "--postgres", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRES)
    )
    parser.add_argument(
        "--limit", type=float, default=300.0, help="give up on a database after this many seconds"
    )
    parsed = parser.parse_args()
    asyncio.run(main(parsed))
