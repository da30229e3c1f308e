"""`streamlit run` with the duration of every script run appended to a JSON-lines file (bench only).

    BENCH_RUN_LOG=/tmp/runs.jsonl python bench/timed_server.py app.py --server.port 8600 ...

Streamlit has no per-run timing of its own (its page profile is telemetry, switched off here), so this
wraps the one function that executes the script, exec_func_with_error_handling in the script runner:
the figure is the script's own run time, from the first line of app.py to the end of the page,
element serialisation included, websocket and browser excluded. It also counts the elements each run
sends (how many charts and tables a page has). Served the way Streamlit serves the script: app.py's
st.App (headers, precompressed files) for the dashboard, Streamlit's plain server for bench/bare_app.py.

Optional, all for the benchmark only:
- BENCH_ELEMENTS_DIR: the Plotly charts and tables of each page's first complete run are written there
  (<page>.json, the serialised Element protos in order), so bench/bare_app.py can send exactly the same
  elements and nothing else.
- BENCH_VIEW_MEMO_SIZE: the size of the per-view memo (components/presenters/context.py `_views`) for
  this server, to measure what the memo costs in memory against what it saves in run time.
- BENCH_PROFILE_DIR: every run is also profiled with cProfile into that folder (one file a run).
"""

from __future__ import annotations

import base64
import cProfile
import itertools
import json
import os
import sys
import threading
import time
from pathlib import Path

from streamlit.runtime.scriptrunner import script_runner

ROOT = Path(__file__).resolve().parents[1]
LOG = os.environ["BENCH_RUN_LOG"]
PROFILE_DIR = os.environ.get("BENCH_PROFILE_DIR")
ELEMENTS_DIR = os.environ.get("BENCH_ELEMENTS_DIR")
CAPTURED = ("plotly_chart", "dataframe")
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
    captured: list[dict] = []
    method = ctx.enqueue

    def counting(msg):
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            kind = msg.delta.new_element.WhichOneof("type")
            elements[kind] = elements.get(kind, 0) + 1
            if ELEMENTS_DIR and kind in CAPTURED:
                captured.append({"kind": kind, "element": base64.b64encode(
                    msg.delta.new_element.SerializeToString()).decode()})
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
    url_path = _url_path(ctx)
    if profiler:
        profiler.dump_stats(os.path.join(PROFILE_DIR, f"{url_path or 'start'}-{next(_runs):04d}.prof"))
    interrupted = result[2] is not None
    record = {"at": time.time(), "ms": round(elapsed, 2), "session": ctx.session_id, "url_path": url_path,
              "query": ctx.query_string, "interrupted": interrupted, "elements": elements}
    with _lock:
        with open(LOG, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")
        if ELEMENTS_DIR and not interrupted and url_path is not None:
            # The page's first complete run only: later runs of the probe change the filters.
            target = Path(ELEMENTS_DIR) / f"{url_path or 'start'}.json"
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(json.dumps({"query": ctx.query_string, "elements": captured}), encoding="utf-8")
    return result


def _memo_size() -> None:
    size = os.environ.get("BENCH_VIEW_MEMO_SIZE")
    if size is None:
        return
    sys.path.insert(0, str(ROOT))
    from components.presenters import context  # the module the pages import: one instance per process

    context._views.size = int(size)


script_runner.exec_func_with_error_handling = _timed

if __name__ == "__main__":
    from streamlit.web import cli

    _memo_size()
    sys.argv = ["streamlit", "run", *sys.argv[1:]]
    sys.exit(cli.main())
