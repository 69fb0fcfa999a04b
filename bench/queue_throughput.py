"""What the durable inbox costs: rows/s enqueued and decided, next to deciding directly.

For SQLite and (with --pg) PostgreSQL, at 1 and 10 channels: notes decided by calling
WorkshopService.handle directly (the baseline, measured in the same run), notes enqueued one
committed row at a time, and the same notes decided by the worker loop (claim, decide, outbox,
delete) with --slots channel slots. Rates are wall-clock and move with whatever else the
machine does; the CPU this process spent per row (ms, direct and worker) moves far less.
Usage:
    python bench/queue_throughput.py [--pg postgresql+psycopg://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine, text  # noqa: E402

from adapters.persistence.database import create_database_engine, open_database  # noqa: E402
from adapters.persistence.queue import WorkQueue  # noqa: E402
from adapters.persistence.store import SqlStore  # noqa: E402
from adapters.scheduling.worker import QueueWorker  # noqa: E402
from core.model import Actor, ChannelKey  # noqa: E402
from core.service import Incoming, WorkshopService  # noqa: E402


class RandomIds:
    def new_id(self) -> str:
        return uuid.uuid4().hex

    def new_code(self) -> str:
        return secrets.token_hex(4).upper()


def utc_now() -> datetime:
    return datetime.now(UTC)


def notes(channels: list[ChannelKey], total: int) -> list[Incoming]:
    return [
        Incoming(channels[n % len(channels)], Actor(f"p{n}"), text=f"note sundt Bench {n}")
        for n in range(total)
    ]


def open_workshops(service: WorkshopService, channels: list[ChannelKey]) -> None:
    for channel in channels:
        service.handle(Incoming(channel, Actor("boss"), text="ny Bench"))
        service.handle(Incoming(channel, Actor("boss"), text="next"))


def rate(count: int, started: float) -> float:
    return count / (time.perf_counter() - started)


async def drain(queue: WorkQueue, service: WorkshopService, slots: int, total: int) -> None:
    worker = QueueWorker(queue, service.handle, slots=slots, interval=0.5)
    running = asyncio.create_task(worker.run())
    while worker.decided < total:  # counted in memory: polling the database would slow it
        await asyncio.sleep(0.005)
    worker.stop()
    assert await running == 0 and worker.failed == 0


def measure(engine: Engine, channel_count: int, total: int, slots: int) -> dict[str, float]:
    store = SqlStore(engine)
    service = WorkshopService(store, utc_now, RandomIds())
    queue = WorkQueue(store)
    run = uuid.uuid4().hex[:6]
    direct = [ChannelKey("bench", "w", f"d{run}-{n}") for n in range(channel_count)]
    queued = [ChannelKey("bench", "w", f"q{run}-{n}") for n in range(channel_count)]
    open_workshops(service, direct + queued)
    started, cpu = time.perf_counter(), time.process_time()
    for incoming in notes(direct, total):
        service.handle(incoming)
    direct_rate = rate(total, started)
    direct_cpu = (time.process_time() - cpu) / total * 1000
    started = time.perf_counter()
    for incoming in notes(queued, total):
        queue.enqueue(incoming)
    enqueue_rate = rate(total, started)
    started, cpu = time.perf_counter(), time.process_time()
    asyncio.run(drain(queue, service, slots, total))
    process_rate = rate(total, started)
    process_cpu = (time.process_time() - cpu) / total * 1000
    return {
        "direct": direct_rate,
        "enqueue": enqueue_rate,
        "process": process_rate,
        "direct_cpu": direct_cpu,
        "process_cpu": process_cpu,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", default="")
    parser.add_argument("--rows", type=int, default=400)
    parser.add_argument("--slots", type=int, default=4)
    args = parser.parse_args()
    engines = {"sqlite": lambda: open_database(f"sqlite:///{tempfile.mkdtemp()}/bench.db")}
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    if args.pg:
        admin = create_database_engine(args.pg)
        with admin.begin() as c:
            c.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = f"{args.pg}?options=-csearch_path%3D{schema}"
        engines["postgresql"] = lambda: open_database(url, migrate=True)
    print(f"{args.rows} notes per row of the table; worker with {args.slots} channel slots")
    print(
        f"{'database':<11} {'channels':>8} {'direct/s':>9} {'enqueue/s':>10} {'process/s':>10}"
        f" {'enqueue÷direct':>15} {'process÷direct':>15} {'CPU ms direct':>14}"
        f" {'CPU ms worker':>14}"
    )
    try:
        for name, make in engines.items():
            engine = make()
            for channels in (1, 10):
                r = measure(engine, channels, args.rows, args.slots)
                print(
                    f"{name:<11} {channels:>8} {r['direct']:>9.0f} {r['enqueue']:>10.0f}"
                    f" {r['process']:>10.0f} {r['enqueue'] / r['direct']:>15.2f}"
                    f" {r['process'] / r['direct']:>15.2f} {r['direct_cpu']:>14.2f}"
                    f" {r['process_cpu']:>14.2f}"
                )
            engine.dispose()
    finally:
        if args.pg:
            with admin.begin() as c:
                c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


if __name__ == "__main__":
    main()
