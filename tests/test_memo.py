"""The per-view memo computes each value once, also when many sessions ask for it at the same moment."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest

from components.memo import DatasetMemo

DS = SimpleNamespace(version="v1")


def _ask_together(memo: DatasetMemo, make, callers: int = 8) -> list:
    """`callers` threads ask for one key while the first computation is held until all have started."""
    results: list = [None] * callers
    errors: list = []
    started = threading.Barrier(callers + 1)

    def ask(i: int) -> None:
        started.wait()
        try:
            results[i] = memo.get(DS, ("view",), make)
        except Exception as exc:  # collected for the test to look at
            errors.append(exc)

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(callers)]
    for thread in threads:
        thread.start()
    started.wait()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a caller is still waiting"
    return results if not errors else [*results, *errors]


def test_concurrent_callers_share_one_computation():
    calls = []
    release = threading.Event()

    def make():
        calls.append(1)
        release.wait(5)  # hold the first computation so that the others arrive while it runs
        return object()

    releaser = threading.Timer(0.2, release.set)
    releaser.start()
    results = _ask_together(DatasetMemo(size=4), make)
    releaser.join()
    assert len(calls) == 1
    assert all(r is results[0] for r in results)


def test_waiters_get_the_value_even_when_the_memo_keeps_nothing():
    calls = []
    release = threading.Event()

    def make():
        calls.append(1)
        release.wait(5)
        return "view"

    releaser = threading.Timer(0.2, release.set)
    releaser.start()
    results = _ask_together(DatasetMemo(size=0), make)
    releaser.join()
    assert results == ["view"] * 8
    assert len(calls) == 1


def test_a_failed_computation_is_not_kept_and_nobody_hangs():
    memo = DatasetMemo(size=4)

    def fail():
        raise ValueError("broken data")

    with pytest.raises(ValueError):
        memo.get(DS, ("view",), fail)
    assert memo.get(DS, ("view",), lambda: "computed again") == "computed again"
    assert memo.get(DS, ("view",), fail) == "computed again"


def test_concurrent_failures_reach_every_caller():
    def fail():
        raise ValueError("broken")

    results = _ask_together(DatasetMemo(size=4), fail)
    errors = [r for r in results if r is not None]
    assert len(errors) == 8 and all(isinstance(e, ValueError) for e in errors)


def test_another_dataset_version_is_computed_apart():
    memo = DatasetMemo(size=4)
    assert memo.get(DS, ("view",), lambda: 1) == 1
    assert memo.get(SimpleNamespace(version="v2"), ("view",), lambda: 2) == 2
    assert memo.get(DS, ("view",), lambda: 3) == 1
