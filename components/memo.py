"""What the pages compute from the read-only dataset, kept for reuse by every session (issue 7).

One bounded, thread-safe store keyed by the dataset and the caller's key. Each entry holds its dataset, so
the dataset's id cannot go to another one while the entry exists; a rebuilt dataset (another version)
never meets the old one's entries, which age out. Callers must never mutate what they get back.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from funding.dataset import Dataset

T = TypeVar("T")


class DatasetMemo:
    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict[tuple, tuple[Dataset, object]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, ds: Dataset, key: Hashable, make: Callable[[], T]) -> T:
        full = (key, id(ds), ds.version)
        with self._lock:
            hit = self._entries.get(full)
            if hit is not None:
                self._entries.move_to_end(full)
                return hit[1]
        value = make()  # outside the lock: two sessions may compute the same value once each, never block
        with self._lock:
            self._entries[full] = (ds, value)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value
