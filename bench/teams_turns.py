"""Teams note turns at 1, 10 and 50 concurrent: RASMUS against a bare bot on the same Agents SDK.

Four processes: RASMUS (`python -m bot serve`, SQLite, anonymous Teams), a bare bot that only
answers "ok" in its turn, a fake Bot Framework connector that records when each reply arrives,
and this load generator. Per target and concurrency it prints p50/p99 of the turn (activity
posted -> HTTP answer), requests/s, the receipt p50/p99 (activity posted -> the reply to its
author arriving at the connector: RASMUS's private receipt, the bare bot's "ok") and the CPU
milliseconds per turn of the server process (from /proc, its user + system time).

Usage: python bench/teams_turns.py [--turns 400] [--levels 1,10,50]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BOT = {"id": "28:rasmus-bot", "name": "RASMUS"}
TEAM, CHANNEL = "19:team@thread.tacv2", "19:bench@thread.tacv2"
TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def channel_id(number: int) -> str:
    return f"19:bench{number}@thread.tacv2"


def activity(
    text: str, service_url: str, user: str, activity_id: str, channel: str = CHANNEL
) -> dict:
    mention = "<at>RASMUS</at>"
    return {
        "type": "message",
        "id": activity_id,
        "channelId": "msteams",
        "serviceUrl": service_url,
        "from": {"id": user, "name": user.title()},
        "recipient": BOT,
        "text": f"{mention} {text}",
        "conversation": {
            "id": f"{channel};messageid=1700000000000",
            "isGroup": True,
            "conversationType": "channel",
            "tenantId": "tenant",
        },
        "entities": [{"type": "mention", "text": mention, "mentioned": BOT}],
        "channelData": {"team": {"id": TEAM}, "channel": {"id": channel}},
    }


# --- the fake connector (its own process) ---------------------------------------------------


def run_connector(port: int) -> None:
    from aiohttp import web

    arrivals: list[tuple[float, str | None, bool, str]] = []

    async def answer(request: web.Request) -> web.Response:
        if request.path == "/_arrivals":
            return web.json_response(arrivals)
        if request.path == "/_reset":
            arrivals.clear()
            return web.json_response({})
        raw = await request.text()
        if request.method == "POST" and "/activities" in request.path:
            body = json.loads(raw) if raw else {}
            targeted = request.query.get("isTargetedActivity") == "true"
            arrivals.append((time.time(), body.get("replyToId"), targeted, raw))
        if request.path.endswith("/members"):
            return web.json_response([])
        return web.json_response({"id": uuid.uuid4().hex})

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", answer)
    web.run_app(app, host="127.0.0.1", port=port, print=None)


# --- the bare bot (its own process) ---------------------------------------------------------


def run_bare(port: int) -> None:
    from aiohttp import web
    from microsoft_agents.hosting.aiohttp import CloudAdapter
    from microsoft_agents.hosting.core import ActivityHandler, RestChannelServiceClientFactory
    from microsoft_agents.hosting.core.authorization import (
        AgentAuthConfiguration,
        AnonymousTokenProvider,
        ClaimsIdentity,
        ConnectionManager,
    )

    configuration = AgentAuthConfiguration(anonymous_allowed=True)
    connections = ConnectionManager(
        provider_factory=lambda _config: AnonymousTokenProvider(),
        connections_configurations={"SERVICE_CONNECTION": configuration},
    )
    adapter = CloudAdapter(
        channel_service_client_factory=RestChannelServiceClientFactory(connections)
    )

    class Bare(ActivityHandler):
        async def on_message_activity(self, turn_context):
            await turn_context.send_activity("ok")

    agent = Bare()

    async def messages(request: web.Request) -> web.StreamResponse:
        request["claims_identity"] = ClaimsIdentity({}, authentication_type="anonymous")
        return await adapter.process(request, agent)

    app = web.Application()
    app.router.add_post("/api/messages", messages)
    web.run_app(app, host="127.0.0.1", port=port, print=None)


# --- the load generator ---------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


async def wait_until_up(url: str) -> None:
    async with aiohttp.ClientSession() as session:
        for _ in range(300):
            try:
                async with session.post(url, json={}) as _answer:
                    return
            except aiohttp.ClientError:
                await asyncio.sleep(0.1)
    raise RuntimeError(f"{url} never answered")


async def load(
    url: str,
    connector: str,
    turns: int,
    concurrency: int,
    run: str,
    rasmus: bool,
    channels: int,
    rate: float = 0.0,
):
    """Posts `turns` note turns, `concurrency` at a time; returns turn times and receipts."""
    sent: dict[str, tuple[float, str]] = {}  # activity id -> (time posted, the note's token)
    took: list[float] = []
    refused = 0
    next_turn = iter(range(turns))

    async def writer(session: aiohttp.ClientSession) -> None:
        nonlocal refused
        for n in next_turn:
            if rate:  # an open load: turn n goes out at its time, however fast others answer
                await asyncio.sleep(max(0.0, began + n / rate - time.time()))
            token = f"{run}n{n}z"
            activity_id = f"{run}-{n}"
            user = f"29:p{n % 50}"
            text = f"note realistic slow screens {token}"
            body = activity(text, connector, user, activity_id, channel_id(n % channels))
            started = time.time()
            async with session.post(url, json=body) as answer:
                await answer.read()
                if answer.status not in (200, 202):
                    refused += 1
            took.append(time.time() - started)
            sent[activity_id] = (started, token)

    began = time.time()
    async with aiohttp.ClientSession() as session:
        await asyncio.gather(*(writer(session) for _ in range(concurrency)))
    elapsed = time.time() - began
    receipts = await receipts_of(connector, sent, rasmus)
    return took, elapsed, receipts, refused


async def receipts_of(connector: str, sent: dict, rasmus: bool, wait: float = 30.0) -> list:
    deadline = time.time() + wait
    async with aiohttp.ClientSession() as session:
        while True:
            async with session.get(connector + "_arrivals") as answer:
                arrivals = await answer.json()
            first: dict[str, float] = {}
            by_token = {token: activity_id for activity_id, (_, token) in sent.items()}
            for at, reply_to, targeted, raw in arrivals:
                if rasmus:
                    if not targeted:
                        continue
                    found = next((t for t in by_token if t in raw), None)  # the receipt's text
                    activity_id = by_token.get(found) if found else None
                else:
                    activity_id = reply_to if reply_to in sent else None
                if activity_id and activity_id not in first:
                    first[activity_id] = at
            if len(first) == len(sent) or time.time() > deadline:
                break
            await asyncio.sleep(0.2)
        async with session.get(connector + "_reset") as _answer:
            pass
    return [first[a] - sent[a][0] for a in first]


async def prepare_rasmus(url: str, connector: str, channels: int) -> None:
    """A workshop at its first step in each channel (one channel's turns are decided in the
    order they were stored, so they need no pause between them)."""
    async with aiohttp.ClientSession() as session:

        async def prepare(number: int) -> None:
            for n, text in enumerate(("start Bench", "lang en", "next")):
                body = activity(
                    text, connector, "29:boss", f"setup-{number}-{n}", channel_id(number)
                )
                async with session.post(url, json=body) as answer:
                    assert answer.status in (200, 202), answer.status

        await asyncio.gather(*(prepare(number) for number in range(channels)))
    await asyncio.sleep(3.0 + channels * 0.1)  # the steps' cards go out before the notes


def start(args: list[str], env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=400)
    parser.add_argument("--levels", default="1,10,50")
    parser.add_argument("--channels", type=int, default=1, help="spread the notes over N")
    parser.add_argument("--rate", type=float, default=0.0, help="turns/s (0: as fast as answered)")
    parser.add_argument("--profile", help="write a cProfile of the RASMUS process here")
    options = parser.parse_args()
    levels = [int(level) for level in options.levels.split(",")]
    workdir = Path(tempfile.mkdtemp(prefix="teams-bench-"))
    ports = {name: free_port() for name in ("connector", "rasmus", "bare")}
    connector = f"http://127.0.0.1:{ports['connector']}/"
    rasmus_env = {
        "DATABASE_URL": f"sqlite:///{workdir / 'rasmus.db'}",
        "PORT": str(ports["rasmus"]),
        "HOST": "127.0.0.1",
        "TEAMS_ALLOW_ANONYMOUS": "true",
        "SCHEDULER_INTERVAL_SECONDS": "1",
        "LOG_LEVEL": "WARNING",
        "DATA_DIR": str(workdir),
        "EXPORT_DIR": str(workdir / "exports"),
    }
    processes = {
        "connector": start([__file__, "connector", str(ports["connector"])]),
        "rasmus": start(
            [*(["-m", "cProfile", "-o", options.profile] if options.profile else []), "-m", "bot"]
            + ["serve"],
            rasmus_env,
        ),
        "bare": start([__file__, "bare", str(ports["bare"])]),
    }
    try:
        urls = {name: f"http://127.0.0.1:{ports[name]}/api/messages" for name in ("rasmus", "bare")}
        for url in urls.values():
            await wait_until_up(url)
        await prepare_rasmus(urls["rasmus"], connector, options.channels)
        rows = []
        for concurrency in levels:
            turns = max(concurrency * 4, min(options.turns, concurrency * 40))
            for name in ("bare", "rasmus"):
                pid = processes[name].pid
                before = cpu_seconds(pid)
                run = uuid.uuid4().hex[:6]
                took, elapsed, receipts, refused = await load(
                    urls[name],
                    connector,
                    turns,
                    concurrency,
                    run,
                    name == "rasmus",
                    options.channels,
                    options.rate,
                )
                cpu = (cpu_seconds(pid) - before) / turns * 1000  # includes the work after it
                rows.append((name, concurrency, turns, took, elapsed, receipts, refused, cpu))
        paced = f", {options.rate:g} turns/s offered" if options.rate else ", closed loop"
        print(f"notes spread over {options.channels} channel(s){paced}; {os.cpu_count()} cores")
        print_table(rows)
    finally:
        for process in processes.values():
            process.terminate()
        for process in processes.values():
            process.wait(10)


def print_table(rows) -> None:
    print(
        f"{'bot':7} {'conc':>4} {'turns':>5} {'p50 ms':>7} {'p99 ms':>7} {'req/s':>6} "
        f"{'rcpt p50':>8} {'rcpt p99':>8} {'CPU ms/turn':>11} {'not ok':>6}"
    )
    for name, concurrency, turns, took, elapsed, receipts, refused, cpu in rows:
        missing = turns - len(receipts)
        print(
            f"{name:7} {concurrency:>4} {turns:>5} {percentile(took, 0.5) * 1000:7.1f} "
            f"{percentile(took, 0.99) * 1000:7.1f} {turns / elapsed:6.1f} "
            f"{percentile(receipts, 0.5) * 1000:8.1f} {percentile(receipts, 0.99) * 1000:8.1f} "
            f"{cpu:11.2f} {refused:>6}"
            + (f"  ({missing} receipts not yet sent; CPU without them)" if missing else "")
        )
    by = {(name, c): (took, cpu) for name, c, _t, took, _e, _r, _x, cpu in rows}
    for concurrency in sorted({c for _n, c, *_ in rows}):
        if ("bare", concurrency) not in by or ("rasmus", concurrency) not in by:
            continue
        bare_took, bare_cpu = by["bare", concurrency]
        ours, our_cpu = by["rasmus", concurrency]
        ratio = percentile(ours, 0.99) / percentile(bare_took, 0.99)
        print(
            f"at {concurrency}: p99 {ratio:.2f}x the bare bot's, CPU/turn {our_cpu / bare_cpu:.2f}x"
        )


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "connector":
        run_connector(int(sys.argv[2]))
    elif len(sys.argv) > 2 and sys.argv[1] == "bare":
        run_bare(int(sys.argv[2]))
    else:
        asyncio.run(main())
