"""What the pages compute from the read-only dataset, kept for reuse by every session (issue 7).

One bounded, thread-safe store keyed by the dataset and the caller's key. Each entry holds its dataset, so
the dataset's id cannot go to another one while the entry exists; a rebuilt dataset (another version)
never meets the old one's entries, which age out. Callers must never mutate what they get back.

One computation per key at a time (issue 14): when thirty sessions arrive at once, they ask for the same
views together, and each computing its own copy made every one of them wait for thirty computations on
the same two cores. The first caller computes; the others wait for its result. If it fails, the next one
waiting computes in turn (and meets the same error, as it would have on its own).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from funding.dataset import Dataset

T = TypeVar("T")


class _Flight:
    """One computation in progress: the waiters' event, and the value once it is there."""

    __slots__ = ("done", "ok", "value")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.ok = False
        self.value: object = None


class DatasetMemo:
    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict[tuple, tuple[Dataset, object]] = OrderedDict()
        self._flights: dict[tuple, _Flight] = {}
        self._lock = threading.Lock()

    def get(self, ds: Dataset, key: Hashable, make: Callable[[], T]) -> T:
        full = (key, id(ds), ds.version)
        while True:
            with self._lock:
                hit = self._entries.get(full)
                if hit is not None:
                    self._entries.move_to_end(full)
                    return hit[1]
                flight = self._flights.get(full)
                if flight is None:
                    flight = self._flights[full] = _Flight()
                    break
            flight.done.wait()  # another session computes this value: take its result
            if flight.ok:
                return flight.value
        try:
            value = make()  # outside the lock: other keys are computed meanwhile
            flight.value, flight.ok = value, True
            with self._lock:
                self._entries[full] = (ds, value)
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
        finally:
            with self._lock:
                del self._flights[full]
            flight.done.set()
        return value
