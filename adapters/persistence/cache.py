"""Recently used workshops, trusted only while their version in the database still matches.

Loading a workshop means every note on its board; with a few hundred notes that is most of a
command's time. The version check runs under the channel's lock, so a copy changed by another
process is never used.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from core.model import Workshop


class WorkshopCache:
    def __init__(self, size: int = 256):
        self.size = size
        self._entries: OrderedDict[str, tuple[int, Workshop]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, workshop_id: str, version: int) -> Workshop | None:
        with self._lock:
            entry = self._entries.get(workshop_id)
            if entry is None or entry[0] != version:
                return None
            self._entries.move_to_end(workshop_id)
            return entry[1]

    def put(self, workshop: Workshop, version: int) -> None:
        with self._lock:
            self._entries[workshop.id] = (version, workshop)
            self._entries.move_to_end(workshop.id)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def drop(self, workshop_id: str) -> None:
        with self._lock:
            self._entries.pop(workshop_id, None)
