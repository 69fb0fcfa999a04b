"""A worker in a process of its own, for the tests that run several or kill one.

python -m tests.integration.queue_worker_process URL drain [--slots N] [--lease S]
    decides rows until the inbox stays empty, then prints {"decided": n, "failed": n}
python -m tests.integration.queue_worker_process URL ticks [--interval S]
    turns due wake-ups into Tick rows (at the start, then every S seconds) and decides them
    with a recording stand-in for the core, until nothing is due and the inbox stays empty;
    prints {"ticks": [message ids decided], "failed": n}
python -m tests.integration.queue_worker_process URL hang --claims K [--lease S]
    claims K rows, begins deciding the first and never finishes: prints "deciding <ids>"
    and waits to be killed
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta

from adapters.persistence.database import create_database_engine
from adapters.persistence.queue import WorkQueue, new_worker_id
from adapters.persistence.store import SqlStore
from adapters.persistence.wakeups import Wakeups
from adapters.scheduling.worker import QueueWorker
from core.service import WorkshopService
from tests.fakes import TickRecorder


class RandomIds:
    """Unique across processes, unlike the tests' counting ids."""

    def new_id(self) -> str:
        return uuid.uuid4().hex

    def new_code(self) -> str:
        return secrets.token_hex(4).upper()


def _queue_and_service(url: str, lease: float) -> tuple[WorkQueue, WorkshopService]:
    store = SqlStore(create_database_engine(url))
    queue = WorkQueue(store, lease=timedelta(seconds=lease), retry_after=lambda attempts: 0.1)
    return queue, WorkshopService(store, lambda: datetime.now(UTC), RandomIds())


async def drain(url: str, slots: int, lease: float) -> dict:
    queue, service = _queue_and_service(url, lease)
    worker = QueueWorker(queue, service.handle, slots=slots, interval=0.2)
    await _until_quiet(queue, worker)
    return {"decided": worker.decided, "failed": worker.failed, "left": worker.left}


async def ticks(url: str, slots: int, interval: float) -> dict:
    queue, _ = _queue_and_service(url, 30.0)
    recorder = TickRecorder()
    wakeups = Wakeups(queue)
    worker = QueueWorker(
        queue, recorder.handle, slots=slots, interval=interval, due_work=wakeups.enqueue_due
    )

    def due_left() -> int:
        return len(queue.store.due_wakeups(datetime.now(UTC), limit=1))

    await _until_quiet(queue, worker, due_left)
    return {"ticks": recorder.ticks, "failed": worker.failed, "looked": worker.ticks}


async def _until_quiet(queue, worker, more=lambda: 0) -> None:
    """Runs the worker until the inbox (and `more`) stayed empty for a second."""
    running = asyncio.create_task(worker.run())
    empty_since = None
    while True:
        await asyncio.sleep(0.1)
        if await asyncio.to_thread(lambda: queue.stats().waiting + more()) > 0:
            empty_since = None
        elif empty_since is None:
            empty_since = time.monotonic()
        elif time.monotonic() - empty_since > 1.0:
            break
    worker.stop()
    worker.left = await running


def hang(url: str, claims: int, lease: float) -> None:
    queue, service = _queue_and_service(url, lease)
    worker = new_worker_id()
    held = [claim for claim in (queue.claim(worker) for _ in range(claims)) if claim]

    def decide_then_hang(incoming):
        outcome = service.handle(incoming)
        print("deciding", *(claim.id for claim in held), flush=True)
        time.sleep(600)  # inside the transaction: killed here, nothing of it is committed
        return outcome

    queue.process(held[0], decide_then_hang)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("mode", choices=["drain", "hang", "ticks"])
    parser.add_argument("--interval", type=float, default=0.2)
    parser.add_argument("--slots", type=int, default=4)
    parser.add_argument("--claims", type=int, default=1)
    parser.add_argument("--lease", type=float, default=30.0)
    args = parser.parse_args()
    if args.mode == "drain":
        print(json.dumps(asyncio.run(drain(args.url, args.slots, args.lease))), flush=True)
    elif args.mode == "ticks":
        print(json.dumps(asyncio.run(ticks(args.url, args.slots, args.interval))), flush=True)
    else:
        hang(args.url, args.claims, args.lease)
    sys.exit(0)


if __name__ == "__main__":
    main()
