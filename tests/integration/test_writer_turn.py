"""SQLite's writer is taken in turn by this process's threads, a request to acknowledge first."""

import threading
import time

from adapters.persistence.writer_turn import WriterTurn


def _waiting(turn: WriterTurn, order: list[str], name: str, urgent: bool) -> threading.Thread:
    def take() -> None:
        turn.acquire(urgent=urgent)
        order.append(name)
        turn.release()

    thread = threading.Thread(target=take, daemon=True)  # a failed test must not hang
    thread.start()
    return thread


def _until(condition, limit: float = 5.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, "the threads never queued"
        time.sleep(0.001)


def test_an_urgent_waiter_goes_before_the_writers_that_waited_longer():
    turn, order = WriterTurn(), []
    assert turn.acquire()
    workers = [_waiting(turn, order, f"decision {n}", urgent=False) for n in range(3)]
    _until(lambda: len(turn._other_turn._waiters) == 3)  # noqa: SLF001
    ack = _waiting(turn, order, "acknowledgement", urgent=True)
    _until(lambda: turn._urgent_waiting == 1)  # noqa: SLF001
    turn.release()
    for thread in [*workers, ack]:
        thread.join(5)
    assert order[0] == "acknowledgement"
    assert sorted(order[1:]) == ["decision 0", "decision 1", "decision 2"]


def test_a_wait_that_runs_out_says_so_and_leaves_the_turn_to_the_others():
    turn = WriterTurn()
    assert turn.acquire()
    assert turn.acquire(timeout=0.05, urgent=True) is False
    assert turn._urgent_waiting == 0  # noqa: SLF001
    turn.release()
    assert turn.acquire(timeout=0.05) is True
    turn.release()


def test_only_one_holder_at_a_time():
    turn, inside, most = WriterTurn(), [0], [0]

    def work(urgent: bool) -> None:
        for _ in range(200):
            turn.acquire(urgent=urgent)
            inside[0] += 1
            most[0] = max(most[0], inside[0])
            inside[0] -= 1
            turn.release()

    threads = [threading.Thread(target=work, args=(n % 2 == 0,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert most[0] == 1
