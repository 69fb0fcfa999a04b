"""The follow-up at scale: 10,000 check-ins and 10,000 reminders in 1,000 workspaces, planned,
ticked and sent through the dispatcher against the fake Slack with its per-channel limit on.

    .venv/bin/python bench/followup.py [--workspaces 1000] [--checkins 10] [--owners 5]
                                       [--postgres URL | --no-postgres] [--mode auto|real|seeded]

`real` (the default once the core has its Tick): in each workspace one workshop is started and
planned through the core (`tjekplan 1u 2u ... 10u`, five agreements owned by a mention each,
`udrulning`); a clock of the benchmark's own then steps a day at a time through the follow-up,
and at each step the due wake-ups become Tick rows (adapters.persistence.wakeups), the worker
path decides them with the real core, and the dispatcher sends what it said: check-ins and
stock-takings to the channels, reminders as direct messages (two per agreement).

`seeded` (before the core's Tick is merged): the same workshops, and in each of `checkins`
rounds every workshop's wake-up is set through the store and ticked the same way, but a
stand-in decides each Tick: one CheckInPost to the channel and one AgreementReminder to its
owner as a DIRECT reply (plain Said texts where the Slack adapter cannot render those yet).

Printed per database: planning time (seeded: setting the wake-ups too), ticking time (due
wake-ups to Tick rows to decisions, with the dispatcher sending meanwhile), the sending that
was left once the last Tick was decided ("tail"), the rate held per channel, 429s from the
fake, what was sent to channels and as DMs, duplicates (the same message to the same place
twice: must be 0) and failures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
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

ROLLOUT = date(2027, 3, 1)  # a Monday
START = datetime(2027, 2, 15, 8, 0, tzinfo=UTC)


class BenchClock:
    """The time the core is told: stepped by the benchmark, never read from the wall."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def core_has_tick() -> bool:
    from core.commands import Tick
    from core.method import COMMANDS

    return any(entry.command is Tick for entry in COMMANDS)


def _channels(workspaces: int):
    from core.model import ChannelKey

    return [ChannelKey("slack", f"T{n:05d}", f"C{n:05d}") for n in range(workspaces)]


def _plan(service, channels, checkins: int, owners: int) -> None:
    """Through the core, as a facilitator would type it."""
    from core.model import Actor
    from core.service import Incoming

    offsets = " ".join(f"{n}u" for n in range(1, checkins + 1))
    for n, channel in enumerate(channels):
        lines = ["ny Vagtplan", "næste", "næste", "næste", "næste"]
        for k in range(owners):  # due on a Thursday, k+1 weeks after the go-live
            due = ROLLOUT + timedelta(days=7 * (k + 1) + 3)
            lines.append(f"aftale <@U{n:05d}O{k}> {due.day}/{due.month}-{due.year} Opgave {k}")
        lines += [f"tjekplan {offsets}", f"udrulning {ROLLOUT.day}.{ROLLOUT.month}.{ROLLOUT.year}"]
        facilitator = Actor(f"U{n:05d}F", "Facilitator")  # one person per workspace
        for line in lines:
            service.handle(Incoming(channel, facilitator, text=line))


class StandIn:
    """Decides Ticks in `seeded` mode: what the real Tick says at a check-in with one
    reminder due, so the path after the core (outbox, DMs, dispatcher, Slack) is measured."""

    def __init__(self, service, rich: bool):
        self.service, self.rich, self.round = service, rich, 0

    def handle(self, incoming):
        from core.messages import AgreementReminder, Audience, CheckInPost, Reply, Said
        from core.service import Outcome

        workshop = self.service.workshop(incoming.channel)
        owner = f"U{incoming.channel.workspace[1:]}O{self.round % 5}"
        if self.rich:
            post = CheckInPost(workshop, self.round)
            agreement = workshop.agreements[self.round % len(workshop.agreements)]
            reminder = AgreementReminder(agreement, workshop.technology, "soon")
        else:  # a text with a value in it, so each round's messages differ
            post = Said("export_saved", {"path": f"check-in {self.round}"})
            reminder = Said("export_saved", {"path": f"reminder {self.round} for {owner}"})
        return Outcome(
            [Reply(Audience.CHANNEL, post, "da"), Reply(Audience.DIRECT, reminder, "da", (owner,))],
            workshop,
        )


def _slack_renders_followup() -> bool:
    from adapters.slack.render import to_slack
    from core.messages import AgreementReminder, CheckInPost
    from core.model import Actor, Agreement, Workshop

    workshop = Workshop("w", _channels(1)[0], "Vagtplan", Actor("U"), START)
    agreement = Agreement("a", "AF1", "<@U>", ROLLOUT, "Opgave", Actor("U"), START)
    try:
        to_slack(CheckInPost(workshop, 1), "da")
        to_slack(AgreementReminder(agreement, "Vagtplan", "soon"), "da")
    except Exception:  # noqa: BLE001 - not rendered yet: the h-platforms branch adds it
        return False
    return True


def _decide_all(queue, handler, counts: Counter, threads: int = 4) -> int:
    """Every due inbox row decided (several channels at once); how many."""
    from adapters.persistence.database import StorageBusy

    def counted(incoming):
        outcome = handler(incoming)
        for reply in outcome.replies:
            counts[f"{reply.audience.value}:{type(reply.message).__name__}"] += 1
        return outcome

    def claimed(worker: str):
        # As the worker does: a busy database (SQLite's one writer, taken by the dispatcher's
        # marks too) is waited out, never a reason to stop deciding.
        while True:
            try:
                return queue.claim(worker)
            except StorageBusy:
                time.sleep(0.05)

    def drain(worker: str) -> int:
        done = 0
        claim = claimed(worker)
        while claim is not None:
            try:
                _, claim = queue.process_and_claim_next(claim, counted)
                done += 1
            except StorageBusy:  # the row backs off (a second or so) and is decided later
                claim = None
            claim = claim or claimed(worker)
        return done

    done = 0
    with ThreadPoolExecutor(threads) as pool:
        while True:
            done += sum(pool.map(drain, [f"bench-{n}" for n in range(threads)]))
            if queue.stats().waiting == 0:
                return done
            time.sleep(0.2)  # rows that backed off after a busy moment come due again


async def run(database_url, api_url, fake_port, args, mode: str) -> dict:
    import aiohttp
    from aiohttp import web

    from adapters.persistence.wakeups import Wakeups
    from adapters.scheduling.dispatcher import Dispatcher
    from adapters.scheduling.pacing import DEFAULT_PACE
    from bot.runtime import build_runtime
    from bot.server import PLATFORMS_KEY, build_web_app

    settings = bench_settings(api_url, database_url, secret="bench")
    clock = BenchClock(START)
    runtime = build_runtime(settings, migrate=True, clock=clock)
    app, _ = build_web_app(runtime, background=False)
    runner = web.AppRunner(app)
    await runner.setup()
    slack = next(p for p in app[PLATFORMS_KEY] if p.key == "slack")
    loop = asyncio.get_running_loop()
    channels = _channels(args.workspaces)
    began = time.time()
    planned = time.perf_counter()
    owners = args.owners if mode == "real" else 5
    await loop.run_in_executor(None, _plan, runtime.service, channels, args.checkins, owners)
    planning = time.perf_counter() - planned

    dispatcher = Dispatcher(runtime.queue.outbox, {"slack": slack}, pace=DEFAULT_PACE, interval=1)
    sending = loop.create_task(dispatcher.run())
    wakeups, counts = Wakeups(runtime.queue), Counter()
    ticks = decided = 0
    ticking = 0.0
    stand_in = StandIn(runtime.service, _slack_renders_followup()) if mode == "seeded" else None

    def step() -> tuple[int, int, float]:
        seeding = time.perf_counter()
        if stand_in is not None:  # every workshop's wake-up, set through the store
            stand_in.round += 1
            for channel in channels:
                with runtime.store.unit(channel) as unit:
                    unit.wake_at(clock.now)
        seeding = time.perf_counter() - seeding
        written = wakeups.enqueue_due(clock.now)
        handler = stand_in.handle if stand_in else runtime.service.handle
        return written, _decide_all(runtime.queue, handler, counts), seeding

    days = args.checkins if mode == "seeded" else (args.checkins + 2) * 7 + 14
    for _ in range(days):
        clock.now += timedelta(days=1)
        t0 = time.perf_counter()
        written, done, seeding = await loop.run_in_executor(None, step)
        ticking += time.perf_counter() - t0 - seeding
        planning += seeding
        ticks, decided = ticks + written, decided + done
        dispatcher.notify()
    ticked_at = time.perf_counter()
    while True:
        waiting = await loop.run_in_executor(
            None, lambda: runtime.queue.outbox.counts(timedelta(0))["waiting"]
        )
        if waiting == 0 and not dispatcher.busy:
            break
        await asyncio.sleep(0.1)
    sending_tail = time.perf_counter() - ticked_at
    elapsed = time.time() - began
    dispatcher.stop()
    await sending
    await runner.cleanup()
    runtime.close()

    async with aiohttp.ClientSession() as session:
        url = f"http://127.0.0.1:{fake_port}/calls/list?method=chat.postMessage"
        async with session.get(url) as response:
            posted = [c for c in await response.json() if c["at"] >= began]
        url = f"http://127.0.0.1:{fake_port}/calls/list?method=chat.postMessage:429"
        async with session.get(url) as response:
            limited = [c for c in await response.json() if c["at"] >= began]
    ours = {c.channel for c in channels}
    per_channel = defaultdict(list)
    for call in posted:
        per_channel[call["channel"]].append(call["at"])
    to_channels = sum(len(v) for k, v in per_channel.items() if k in ours)
    duplicates = len(posted) - len({(c["channel"], c["body"]) for c in posted})
    rates = []
    for key, moments in per_channel.items():
        moments.sort()
        if key in ours and len(moments) > 10 and moments[-1] > moments[9]:
            rates.append((len(moments) - 10) / (moments[-1] - moments[9]))
    return {
        "mode": mode if stand_in is None or stand_in.rich else f"{mode} (Said texts)",
        "planning": planning,
        "ticks": ticks,
        "decided": decided,
        "ticking": ticking,
        "tail": sending_tail,
        "seconds": elapsed,
        "to_channels": to_channels,
        "dms": len(posted) - to_channels,
        "rate": statistics.median(rates) if rates else float("nan"),
        "limited": len(limited),
        "duplicates": duplicates,
        "failed": dispatcher.failed,
        "kinds": dict(counts),
    }


HEADER = (
    f"{'database':<12}{'plan s':>8}{'ticks':>7}{'tick s':>8}{'tail s':>8}{'total s':>9}"
    f"{'channel':>8}{'DMs':>7}{'ch/s':>6}{'429s':>6}{'dupes':>6}{'failed':>7}"
)


def _line(name: str, r: dict) -> str:
    return (
        f"{name:<12}{r['planning']:>8.1f}{r['ticks']:>7}{r['ticking']:>8.1f}"
        f"{r['tail']:>8.1f}{r['seconds']:>9.1f}{r['to_channels']:>8}{r['dms']:>7}"
        f"{r['rate']:>6.2f}{r['limited']:>6}{r['duplicates']:>6}{r['failed']:>7}\n"
        f"{name} [{r['mode']}]: replies decided by kind: {json.dumps(r['kinds'], sort_keys=True)}"
    )


async def main(args) -> None:
    mode = args.mode if args.mode != "auto" else ("real" if core_has_tick() else "seeded")
    fake = Child("fake-slack-limited", "-", "-")
    api_url = f"http://127.0.0.1:{fake.port}/api/"
    schema = None
    print(f"mode: {mode}; {args.workspaces} workspaces (each database printed as it finishes)")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/f.db"
            result = await run(url, api_url, fake.port, args, mode)
            print(f"{HEADER}\n{_line('SQLite', result)}", flush=True)
            if args.postgres:
                schema, url = _fresh_postgres_schema(args.postgres)
                result = await run(url, api_url, fake.port, args, mode)
                print(f"{HEADER}\n{_line('PostgreSQL', result)}", flush=True)
    finally:
        fake.stop()
        if schema:
            _drop_schema(args.postgres, schema)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workspaces", type=int, default=1000)
    parser.add_argument("--checkins", type=int, default=10)
    parser.add_argument("--owners", type=int, default=5, help="agreements per workshop")
    parser.add_argument("--mode", choices=["auto", "real", "seeded"], default="auto")
    parser.add_argument(
        "--postgres", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRES)
    )
    parser.add_argument("--no-postgres", dest="postgres", action="store_const", const="")
    asyncio.run(main(parser.parse_args()))
