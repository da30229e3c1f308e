"""One holder at a time across the threads of this process and across processes: a thread lock, then an
exclusive flock on a lock file. Whoever waited re-checks and usually finds the work done."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: one server process per checkout is assumed, so the thread lock alone serves
    fcntl = None


@contextmanager
def exclusive(lock_file: Path, thread_lock: threading.Lock) -> Iterator[None]:
    # flock alone would also keep threads apart (each open() is its own lock holder), but the thread lock
    # spares a file handle per waiting session and works where fcntl does not exist.
    with thread_lock:
        if fcntl is None:
            yield
            return
        with open(lock_file, "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)  # released when the handle closes
            yield
