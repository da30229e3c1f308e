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

CPU time, which other work on the machine does not inflate the way it inflates wall time: `cpu_ms` is the
script thread's CPU for the script itself (time.thread_time); a `{"finished": ...}` line follows with
`thread_cpu_ms`, the script thread's CPU for the whole run (ScriptRunner._run_script: the script, and
Streamlit's work before and after it, such as widget cleanup and its garbage collection after every run);
and a `{"sent": ...}` line follows each run's last message out of the server: `loop_cpu_ms` is the event
loop thread's CPU for sending that run's messages (Runtime._send_message: protobuf serialisation, cache
references), from the session's previous run's last message to this one's. bench/run.py adds the two
latter into a run's `server_cpu_ms`.
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

from streamlit.runtime import runtime as st_runtime
from streamlit.runtime.scriptrunner import script_runner

ROOT = Path(__file__).resolve().parents[1]
LOG = os.environ["BENCH_RUN_LOG"]
PROFILE_DIR = os.environ.get("BENCH_PROFILE_DIR")
ELEMENTS_DIR = os.environ.get("BENCH_ELEMENTS_DIR")
CAPTURED = ("plotly_chart", "dataframe")
_lock = threading.Lock()
_runs = itertools.count(1)
_original = script_runner.exec_func_with_error_handling
_original_send = st_runtime.Runtime._send_message
_original_run_script = script_runner.ScriptRunner._run_script
_loop_cpu: dict[str, float] = {}  # session id -> the event loop's CPU seconds since its last script_finished
_memo_counted = False
_memo_counts = threading.local()  # per script thread: the per-view memo's hits and misses in the current run


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
    _memo_counts.hits = _memo_counts.misses = 0
    cpu_start = time.thread_time()
    start = time.perf_counter()
    try:
        if profiler:
            result = profiler.runcall(_original, func, ctx)
        else:
            result = _original(func, ctx)
    finally:
        elapsed = (time.perf_counter() - start) * 1000
        cpu = (time.thread_time() - cpu_start) * 1000
        del ctx.enqueue  # back to the class's method
    url_path = _url_path(ctx)
    if not _memo_counted and "components.presenters.context" in sys.modules:
        with _lock:
            if not _memo_counted:
                _memo(None)
    if profiler:
        profiler.dump_stats(os.path.join(PROFILE_DIR, f"{url_path or 'start'}-{next(_runs):04d}.prof"))
    interrupted = result[2] is not None
    record = {"at": time.time(), "ms": round(elapsed, 2), "cpu_ms": round(cpu, 2), "session": ctx.session_id,
              "url_path": url_path, "query": ctx.query_string, "interrupted": interrupted, "elements": elements,
              "memo": {"hits": _memo_counts.hits, "misses": _memo_counts.misses}}
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


def _log(record: dict) -> None:
    with _lock:
        with open(LOG, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")


def _timed_run_script(self, rerun_data) -> None:
    start = time.thread_time()
    try:
        _original_run_script(self, rerun_data)
    finally:
        _log({"finished": self._session_id, "thread_cpu_ms": round((time.thread_time() - start) * 1000, 2)})


def _timed_send(self, session_info, msg) -> None:
    start = time.thread_time()
    try:
        _original_send(self, session_info, msg)
    finally:
        sid = session_info.session.id
        _loop_cpu[sid] = _loop_cpu.get(sid, 0.0) + time.thread_time() - start
        if msg.WhichOneof("type") == "script_finished":
            _log({"sent": sid, "loop_cpu_ms": round(_loop_cpu.pop(sid) * 1000, 2)})


def _memo(size: str | None) -> None:
    """Count the per-view memo's hits and misses per run; set its size if BENCH_VIEW_MEMO_SIZE says so.

    Without a size this is done after the first run has imported the app, so the server still starts (and
    the first load still pays for the imports) as it would without the benchmark."""
    global _memo_counted
    _memo_counted = True
    sys.path.insert(0, str(ROOT))
    from components.presenters import context  # the module the pages import: one instance per process

    views = context._views
    original_get = views.get

    def counted(ds, key, make):
        missed = False

        def made():
            nonlocal missed
            missed = True
            return make()

        value = original_get(ds, key, made)
        if hasattr(_memo_counts, "hits"):
            _memo_counts.misses += missed
            _memo_counts.hits += not missed
        return value

    views.get = counted
    if size is not None:
        views.size = int(size)


script_runner.exec_func_with_error_handling = _timed
st_runtime.Runtime._send_message = _timed_send
script_runner.ScriptRunner._run_script = _timed_run_script

if __name__ == "__main__":
    from streamlit.web import cli

    if os.environ.get("BENCH_VIEW_MEMO_SIZE") is not None:
        _memo(os.environ["BENCH_VIEW_MEMO_SIZE"])
    sys.argv = ["streamlit", "run", *sys.argv[1:]]
    sys.exit(cli.main())
