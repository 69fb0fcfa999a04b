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
        self._changed = threading.Condition(threading.Lock())
        self._held = False
        self._urgent_waiting = 0

    def acquire(self, blocking: bool = True, timeout: float = -1, *, urgent: bool = False) -> bool:
        free = False
        with self._changed:
            if urgent:
                self._urgent_waiting += 1
            try:
                free = self._changed.wait_for(
                    lambda: not self._held and (urgent or not self._urgent_waiting),
                    timeout=(None if timeout < 0 else timeout) if blocking else 0,
                )
                if free:
                    self._held = True
                return free
            finally:
                if urgent:
                    self._urgent_waiting -= 1
                if not free:  # a wake-up this waiter took as it gave up goes to another
                    self._wake()

    @property
    def urgent_waiting(self) -> bool:
        return self._urgent_waiting > 0

    def release(self) -> None:
        with self._changed:
            self._held = False
            self._wake()

    def _wake(self) -> None:
        # One waiter is enough, unless an urgent one waits: then all, so that it is among
        # them (the others see it waiting and wait on).
        if self._urgent_waiting:
            self._changed.notify_all()
        else:
            self._changed.notify()

    def __enter__(self) -> WriterTurn:
        self.acquire()
        return self

    def __exit__(self, *_exc) -> None:
        self.release()
