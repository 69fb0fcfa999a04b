"""SQLite's one writer, taken in turn by this process's threads, acknowledgements first.

Every write on SQLite waits for this lock (then BEGIN IMMEDIATE finds the file free). Its
holders are the worker deciding (a few ms each), the dispatcher claiming and marking, and the
web side storing requests before it may acknowledge them. A plain lock hands itself to
whichever thread wakes first, so under load a request could wait behind many decisions in a
row; an `urgent` waiter (the web's inbox commit) goes before every other waiter instead, so an
acknowledgement waits for at most the one transaction in hand.
"""

from __future__ import annotations

import threading


class WriterTurn:
    def __init__(self) -> None:
        lock = threading.Lock()
        self._lock = lock
        # Two queues on one lock, so a release wakes exactly the one waiter next in line:
        # waking every waiter to let them sort it out among themselves cost, under load, more
        # CPU than the commits they waited for.
        self._urgent_turn = threading.Condition(lock)
        self._other_turn = threading.Condition(lock)
        self._held = False
        self._urgent_waiting = 0

    def acquire(self, blocking: bool = True, timeout: float = -1, *, urgent: bool = False) -> bool:
        free = False
        with self._lock:
            if urgent:
                self._urgent_waiting += 1
            turn = self._urgent_turn if urgent else self._other_turn
            try:
                free = turn.wait_for(
                    lambda: not self._held and (urgent or not self._urgent_waiting),
                    timeout=(None if timeout < 0 else timeout) if blocking else 0,
                )
                if free:
                    self._held = True
                return free
            finally:
                if urgent:
                    self._urgent_waiting -= 1
                if not free:  # a wake-up this waiter took as it gave up goes to the next
                    self._wake()

    @property
    def urgent_waiting(self) -> bool:
        return self._urgent_waiting > 0

    def release(self) -> None:
        with self._lock:
            self._held = False
            self._wake()

    def _wake(self) -> None:
        """Call holding `_lock`: the next urgent waiter if there is one, else the next other."""
        if self._urgent_waiting:
            self._urgent_turn.notify()
        else:
            self._other_turn.notify()

    def __enter__(self) -> WriterTurn:
        self.acquire()
        return self

    def __exit__(self, *_exc) -> None:
        self.release()
