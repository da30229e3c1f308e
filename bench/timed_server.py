"""`streamlit run` with the duration of every script run appended to a JSON-lines file (bench only).

    BENCH_RUN_LOG=/tmp/runs.jsonl python bench/timed_server.py app.py --server.port 8600 ...

Streamlit has no per-run timing of its own (its page profile is telemetry, switched off here), so this
wraps the one function that executes the script, exec_func_with_error_handling in the script runner:
the figure is the script's own run time, from the first line of app.py to the end of the page,
element serialisation included, websocket and browser excluded. It also counts the elements each run
sends (how many charts and tables a page has). Nothing else changes.
"""

from __future__ import annotations

import cProfile
import itertools
import json
import os
import sys
import threading
import time

from streamlit.runtime.scriptrunner import script_runner

LOG = os.environ["BENCH_RUN_LOG"]
# With BENCH_PROFILE_DIR set, every run is also profiled with cProfile into that folder (one file a run).
PROFILE_DIR = os.environ.get("BENCH_PROFILE_DIR")
_lock = threading.Lock()
_runs = itertools.count(1)
_original = script_runner.exec_func_with_error_handling


def _url_path(ctx) -> str | None:
    try:
        page = ctx.pages_manager.get_pages().get(ctx.page_script_hash) or {}
        return page.get("url_pathname")
    except Exception:  # a page registry in another shape must not break the server
        return None


def _timed(func, ctx):
    # Count the elements the run sends (before Streamlit swaps repeats for cache references), so the
    # benchmark knows how many charts a page draws without guessing from the browser.
    elements: dict[str, int] = {}
    method = ctx.enqueue

    def counting(msg):
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            kind = msg.delta.new_element.WhichOneof("type")
            elements[kind] = elements.get(kind, 0) + 1
        method(msg)

    ctx.enqueue = counting
    profiler = cProfile.Profile() if PROFILE_DIR else None
    start = time.perf_counter()
    try:
        if profiler:
            result = profiler.runcall(_original, func, ctx)
        else:
            result = _original(func, ctx)
    finally:
        elapsed = (time.perf_counter() - start) * 1000
        del ctx.enqueue  # back to the class's method
    if profiler:
        profiler.dump_stats(os.path.join(PROFILE_DIR, f"{_url_path(ctx) or 'start'}-{next(_runs):04d}.prof"))
    record = {"at": time.time(), "ms": round(elapsed, 2), "session": ctx.session_id, "url_path": _url_path(ctx),
              "query": ctx.query_string, "interrupted": result[2] is not None, "elements": elements}
    with _lock, open(LOG, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(record) + "\n")
    return result


script_runner.exec_func_with_error_handling = _timed

if __name__ == "__main__":
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", *sys.argv[1:]]
    sys.exit(cli.main())
