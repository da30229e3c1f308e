"""Benchmarks: time to first chart against bare Streamlit, a real network, memory, load at the server, scale.

    make bench                                  # everything (about 13 minutes on 2 cores): bench/results.json
    make bench-quick                            # an A/B check in under 3 minutes: bench/tmp/results-quick.json
    .venv/bin/python bench/run.py --table       # the README's performance table (Markdown) from results.json

What is measured (bench/README.md has the method and its limits):
- Time to first chart (TTFC), per page: headless Chromium (Debian's chromium, the browser tests' flags),
  a fresh browser context per load, from navigation start until every Plotly chart on the page has its
  .main-svg in the DOM (a page without charts: until its main table is drawn). The moment is taken in
  the page itself (performance.now() on the first animation frame where it holds). Beside it, in the same
  run and alternating load by load: a bare Streamlit app that sends exactly the same chart (or table)
  elements and nothing else (bench/bare_app.py): `bare_ratio` = dashboard / bare. The static floor (plotly.js
  inlined in a file, bench/floor.py) is kept for reference.
- Real network: the same first visit under Chromium's network emulation (DevTools protocol, 9 Mbit/s down,
  150 ms round trip), for the dashboard and for the bare app; bytes transferred (encodedDataLength of every
  response) until the page is drawn and the network is idle.
- Server time per rerun: the script's own run time in the real server (bench/timed_server.py), for
  --reruns unchanged reruns of every page (Streamlit's "r" key) and --reruns changes of the sidebar's
  year filter (empty, i.e. each chart's default year, <-> 2025), driven from the browser, on every page the
  filters change (not /om: components/navigation.PageSpec.filtered); median and p95.
- Memory: RSS of the server with 1 and 10 sessions that each visited every page, and the per-view memo's
  cost and benefit (RSS and run times with the memo at several sizes), sessions over the websocket
  (bench/wsload.py).
- Load at the server: 1, 10 and 30 concurrent sessions over the websocket (no browsers), navigating and
  changing filters with think time; the server's run time p50/p95 per level.
- Scale: the same on a synthetic dataset 100x larger (bench/synthetic.py; --scales 1,10,100 adds 10x),
  written into bench/tmp/ and selected with FUNDING_CURATED_DIR; the real data/curated is never touched.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import io
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import floor, synthetic, wsload  # noqa: E402 (needs the repository on sys.path first)
from tests.browser.conftest import CHROMIUM_ARGS, chromium_path, free_port, wait_healthy  # noqa: E402

try:
    from playwright.async_api import TimeoutError as PlaywrightTimeout
except ImportError:  # main() explains: the test requirements are not installed
    PlaywrightTimeout = TimeoutError

RESULTS = ROOT / "bench" / "results.json"
QUICK_RESULTS = ROOT / "bench" / "tmp" / "results-quick.json"
TMP_ROOT = ROOT / "bench" / "tmp"
VIEWPORT = {"width": 1366, "height": 900}
LOAD_TIMEOUT_MS = 90_000
RUN_TIMEOUT_S = 120.0

TARGETS = {
    # Kept from issue 7 (the static floor is now a reference, the bare app the target).
    "ttfc_ratio_max": 1.5, "rerun_median_ms_real": 150, "rerun_median_ms_100x": 400, "rss_mb_10_sessions": 300,
    # Issue 14.
    "bare_ratio_max": 1.10,
    "first_visit_mb_max": 2.5,
    "network_ttfc_ratio_max": 0.6,
    "rerun_p95_ms_real": 150,
    "rerun_p95_ms_100x": 400,
    "server_load_p95_ratio_max": 2.0,
}

# The network a first visit is measured on: Chromium's emulation (DevTools Network.emulateNetworkConditions),
# which delays every request by the latency and meters every response through the bandwidth.
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 9_000_000 / 8, "uploadThroughput": 1_500_000 / 8}
NETWORK_LABEL = "9 Mbit/s down, 1.5 Mbit/s up, 150 ms round trip (DevTools emulation)"

# The filter change: the sidebar's year filter (the first multiselect there) from empty (every chart shows its
# default year) to one year and back.
FILTER_YEAR = "2025"
# A page that shows only a prompt until something is chosen is measured with a choice made in its URL.
PAGE_QUERY = {"regionprofil": "region=14"}
# The load test's visitors change these filters (through the query string, as a shared link would).
REGIONS = ("01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "17", "18", "19", "20", "21", "22", "23",
           "24", "25")  # the county codes but 14, the profile's own (PAGE_QUERY)
LOAD_FILTERS = ["year=2025", "year=2024", "region=14", "region=01", "year=2025&region=14", "lang=en"]

# Installed before any page script runs: checks on every animation frame whether the page is drawn and
# stamps the time since navigation start. `expected.charts` is how many Plotly charts the page draws
# (counted on the same data beforehand); with none, the page's main table is waited for instead.
WATCH_JS = """
((expected) => {
  const drawn = () => {
    if (expected.charts > 0) {
      const charts = document.querySelectorAll("[data-testid='stPlotlyChart']");
      if (charts.length < expected.charts) return false;
      for (const chart of charts) { if (!chart.querySelector(".main-svg")) return false; }
      return true;
    }
    return !!document.querySelector(
      "[data-testid='stDataFrame'] canvas, [data-testid='stTable'] td, [data-testid='stTable'] th");
  };
  const tick = () => {
    if (drawn()) { window.__ttfc = performance.now(); } else { requestAnimationFrame(tick); }
  };
  requestAnimationFrame(tick);
})(%s);
"""

# The app has finished a run: connected, script not running, nothing stale, every chart drawn.
READY_JS = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.dataset.testScriptState !== "notRunning" || app.dataset.testConnectionState !== "CONNECTED")
    return -1;
  if (document.querySelector("[data-stale='true']")) return -1;
  const charts = [...document.querySelectorAll("[data-testid='stPlotlyChart']")];
  if (!charts.every(c => c.querySelector(".main-svg"))) return -1;
  return charts.length;
}"""

READY_NOT_RUNNING_JS = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  return !!app && app.dataset.testScriptState === "notRunning" && app.dataset.testConnectionState === "CONNECTED";
}"""

# Every drawn chart's figure as Plotly holds it (Streamlit's theme merged in); typed arrays become lists.
EXTRACT_JS = """() => [...document.querySelectorAll("[data-testid='stPlotlyChart'] .js-plotly-plot")].map(gd =>
  JSON.stringify({data: gd.data, layout: gd.layout,
                  config: {displayModeBar: (gd._context || {}).displayModeBar, displaylogo: false}},
                 (key, value) => ArrayBuffer.isView(value) ? Array.from(value) : value))"""

SIDEBAR_YEAR = "[data-testid='stSidebar'] [data-testid='stMultiSelect'] input"


# Machine and server. ---------------------------------------------------------------------------


def _busy_percent() -> float:
    """The machine's CPU use over the last second, in per cent (psutil)."""
    import psutil

    return psutil.cpu_percent(interval=1.0)


def cpu_check_ms() -> float:
    """A fixed pure-Python workload: when the machine is shared, this shows how much CPU the run really had."""
    start = time.perf_counter()
    total = 0
    for i in range(2_000_000):
        total += i * i % 7
    return round((time.perf_counter() - start) * 1000, 1)


def machine() -> dict:
    import psutil

    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": model, "cores": os.cpu_count(), "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "os": platform.platform(), "python": platform.python_version()}


def versions(browser_version: str | None) -> dict:
    import pandas
    import plotly
    import streamlit

    return {"streamlit": streamlit.__version__, "pandas": pandas.__version__, "plotly": plotly.__version__,
            "chromium": browser_version}


class Server:
    """`streamlit run app.py` (or `script`) on a free port through bench/timed_server.py, which logs every run.

    app.py is served as the dashboard is deployed (its st.App: headers, precompressed static files, its own
    script and stylesheet); bench/bare_app.py, a plain script, by Streamlit's own server.
    """

    count = 0

    def __init__(self, env_extra: dict[str, str], tmp: Path, script: Path = ROOT / "app.py", cwd: Path = ROOT):
        Server.count += 1
        self.env_extra = env_extra
        self.script = script
        self.cwd = cwd
        tmp.mkdir(parents=True, exist_ok=True)
        self.log = tmp / "server.log"
        self.runs_file = tmp / f"runs-{Server.count}.jsonl"

    def __enter__(self) -> Server:
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        env = dict(os.environ, **self.env_extra, BENCH_RUN_LOG=str(self.runs_file))
        cmd = [sys.executable, str(ROOT / "bench" / "timed_server.py"), str(self.script),
               "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
               "--browser.gatherUsageStats", "false"]
        # The log goes to a file: a pipe nobody reads would fill up and stall the server mid-run.
        with open(self.log, "ab") as handle:
            self.proc = subprocess.Popen(cmd, cwd=self.cwd, env=env, stdout=handle, stderr=subprocess.STDOUT)
        try:
            wait_healthy(self.base, self.proc)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def rss_mb(self) -> float:
        import psutil

        proc = psutil.Process(self.proc.pid)
        return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)]) / 2**20

    def runs(self) -> list[dict]:
        """Every script run logged so far. Once finished and sent, a run carries `thread_cpu_ms` (its script
        thread's CPU, the script and Streamlit's work around it) and `loop_cpu_ms` (the event loop's CPU for
        sending its messages) from bench/timed_server.py, and `server_cpu_ms`, their sum."""
        if not self.runs_file.exists():
            return []
        lines = self.runs_file.read_text(encoding="utf-8").splitlines()
        runs, last = [], {}
        for record in (json.loads(line) for line in lines if line.endswith("}")):
            if "sent" in record or "finished" in record:
                run = last.get(record.get("sent") or record.get("finished"))
                name = "loop_cpu_ms" if "sent" in record else "thread_cpu_ms"
                if run is not None and name not in run:
                    run[name] = record[name]
                    if "loop_cpu_ms" in run and "thread_cpu_ms" in run:
                        run["server_cpu_ms"] = round(run["thread_cpu_ms"] + run["loop_cpu_ms"], 2)
            else:
                runs.append(record)
                last[record["session"]] = record
        return runs

    def cpu_s(self) -> float:
        """The server process's CPU time so far (user + system, every thread)."""
        import psutil

        times = psutil.Process(self.proc.pid).cpu_times()
        return times.user + times.system

    async def next_run(self, before: int, timeout: float = RUN_TIMEOUT_S) -> dict | None:
        """The first script run logged after `before` runs, or None if none comes within `timeout`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            runs = self.runs()
            if len(runs) > before:
                return runs[before]
            await asyncio.sleep(0.01)
        return None


def page_name(url_path: str) -> str:
    return url_path or "start"


def url_for(base: str, url_path: str) -> str:
    query = PAGE_QUERY.get(url_path)
    return f"{base}/{url_path}" + (f"?{query}" if query else "")


def ws_pages(pages) -> list[tuple[str, str]]:
    """Every page as the websocket sessions open it: (url path, query string)."""
    return [(spec.url_path, PAGE_QUERY.get(spec.url_path, "")) for spec in pages]


# Small statistics. -----------------------------------------------------------------------------


def drawn(samples: list[float | None]) -> list[float]:
    return [s for s in samples if s is not None]


def median(samples: list[float | None]) -> float | None:
    """Median of the samples that exist (a failed load is None, counted separately); None if none."""
    ok = drawn(samples)
    return statistics.median(ok) if ok else None


def percentile(samples: list[float | None], q: float) -> float | None:
    ordered = sorted(drawn(samples))
    if not ordered:
        return None
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _ratio(a: float | None, b: float | None, digits: int = 2) -> float | None:
    return round(a / b, digits) if a and b else None


_STARTED = time.monotonic()


def clock() -> str:
    """Minutes and seconds since the benchmark started, for the progress lines."""
    elapsed = int(time.monotonic() - _STARTED)
    return f"[{elapsed // 60:2d}:{elapsed % 60:02d}]"


def _fmt(value, spec: str) -> str:
    return "–" if value is None else format(value, spec)


# Browser measurements. -------------------------------------------------------------------------


async def timed_load(browser, url: str, expected: dict, timeout_ms: float = LOAD_TIMEOUT_MS,
                     network: dict | None = None, extra_js: str = "", collect: str = "") -> dict:
    """One first visit in a fresh context (cold HTTP cache): {"ttfc": seconds or None, ...}.

    With `network`, the visit runs under that emulated network and also counts what it transferred
    (every response's encodedDataLength: headers and compressed body) until the page was drawn and no
    request had been open for half a second. A page not drawn within `timeout_ms` gives ttfc None:
    counted and reported as a failed load, never dropped.

    `extra_js` is installed beside the watch before the page runs; `collect`, a function evaluated in the page
    0.3 s after it is drawn (what happens right after the chart, the last skeletons, included), gives "collected".
    """
    context = await browser.new_context(viewport=VIEWPORT, locale="sv-SE")
    out: dict = {"ttfc": None}
    try:
        await context.add_init_script(WATCH_JS % json.dumps(expected))
        if extra_js:
            await context.add_init_script(extra_js)
        page = await context.new_page()
        if network is not None:
            cdp = await context.new_cdp_session(page)
            sizes: dict[str, float] = {}
            open_requests: set[str] = set()
            last_change = [time.monotonic()]

            def started(event):
                open_requests.add(event["requestId"])
                last_change[0] = time.monotonic()

            def finished(event):
                sizes[event["requestId"]] = event.get("encodedDataLength", 0)
                open_requests.discard(event["requestId"])
                last_change[0] = time.monotonic()

            def failed(event):
                open_requests.discard(event["requestId"])
                last_change[0] = time.monotonic()

            cdp.on("Network.requestWillBeSent", started)
            cdp.on("Network.loadingFinished", finished)
            cdp.on("Network.loadingFailed", failed)
            await cdp.send("Network.enable")
            await cdp.send("Network.emulateNetworkConditions", network)
        await page.goto(url, wait_until="commit", timeout=timeout_ms)
        await page.wait_for_function("() => window.__ttfc !== undefined", timeout=timeout_ms, polling=50)
        out["ttfc"] = await page.evaluate("() => window.__ttfc") / 1000
        if collect:
            await page.wait_for_timeout(300)
            out["collected"] = await page.evaluate(collect)
        if network is not None:
            deadline = time.monotonic() + 8  # a request still open then (a stalled font) is left out
            while time.monotonic() < deadline and (open_requests or time.monotonic() - last_change[0] < 0.5):
                await asyncio.sleep(0.1)
            out["bytes"] = int(sum(sizes.values()))
            out["requests"] = len(sizes)
    except PlaywrightTimeout:
        print(f"    ! not drawn within {timeout_ms / 1000:.0f} s: {url}", flush=True)
    finally:
        await context.close()
    return out


async def settle(page, charts: int | None = None, timeout_s: float = LOAD_TIMEOUT_MS / 1000) -> int:
    """Wait until a run has finished and `charts` charts are drawn; return how many are drawn.

    Without `charts`: until the count has stayed the same for a second (Plotly mounts after the
    script has finished, so "not running" alone can come before the last chart).
    """
    deadline = time.monotonic() + timeout_s
    last, since = -2, time.monotonic()
    while time.monotonic() < deadline:
        count = await page.evaluate(READY_JS)
        if count != last:
            last, since = count, time.monotonic()
        if count >= 0 and (count >= charts if charts is not None else time.monotonic() - since >= 1.0):
            if await page.locator("[data-testid='stException']").count():
                raise RuntimeError(f"{page.url} shows an exception")
            return count
        await asyncio.sleep(0.1)
    raise RuntimeError(f"{page.url} did not settle within {timeout_s:.0f} s ({last} charts, {charts} expected)")


def last_complete(runs: list[dict]) -> dict | None:
    complete = [r for r in runs if not r["interrupted"]]
    return complete[-1] if complete else None


def table_floor(elements_file: Path, title: str, out: Path) -> Path | None:
    """The static floor of a chartless page: its first table (as the app sent it, formatted values where the
    app formatted them) as a plain HTML table."""
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
    from streamlit.proto.Element_pb2 import Element

    if not elements_file.is_file():
        return None
    tables = [e for e in json.loads(elements_file.read_text(encoding="utf-8"))["elements"] if e["kind"] == "dataframe"]
    if not tables:
        return None
    element = Element()
    element.ParseFromString(base64.b64decode(tables[0]["element"]))
    arrow = element.dataframe.arrow_data
    shown = arrow.styler.display_values if arrow.HasField("styler") and arrow.styler.display_values else arrow.data
    frame = convert_arrow_bytes_to_pandas_df(shown)
    return floor.write(out, floor.table_html(title, frame))


async def probe(browser, server: Server, pages, runs: int, floor_dir: Path, elements_dir: Path,
                changes: int | None = None) -> dict:
    """Per page: count and read back its charts (for the floor), then time reruns and filter changes."""
    out = {}
    for spec in pages:
        context = await browser.new_context(viewport=VIEWPORT, locale="sv-SE")
        page = await context.new_page()
        before = len(server.runs())
        await page.goto(url_for(server.base, spec.url_path), wait_until="domcontentloaded")
        await server.next_run(before)
        await page.wait_for_function(READY_NOT_RUNNING_JS, timeout=LOAD_TIMEOUT_MS, polling=100)
        load_runs = server.runs()[before:]
        # How many charts and tables the page has: what the server sent in its (last complete) run.
        sent = (last_complete(load_runs) or {}).get("elements", {})
        charts = sent.get("plotly_chart", 0)
        try:
            await settle(page, charts)
        except RuntimeError as exc:  # the page failed (an exception shown): recorded, nothing more to time
            print(f"    ! /{spec.url_path}: {exc}", flush=True)
            out[spec.url_path] = {"charts": charts, "table": False, "floor": None, "exception": True,
                                  "load_run_ms": [r["ms"] for r in load_runs], "rerun_ms": [], "filter_ms": [],
                                  "filter_verified": False}
            await context.close()
            continue
        figures = [json.loads(f) for f in await page.evaluate(EXTRACT_JS)]
        name = page_name(spec.url_path)
        floor_path = None
        if figures:
            floor_path = floor.write(floor_dir / f"{name}.html", floor.figures_html(spec.title("sv"), figures))
        elif sent.get("dataframe"):
            floor_path = table_floor(elements_dir / f"{name}.json", spec.title("sv"), floor_dir / f"{name}.html")
        row: dict = {"charts": charts, "table": bool(sent.get("dataframe")),
                     "floor": str(floor_path) if floor_path else None,
                     "load_run_ms": [r["ms"] for r in load_runs]}

        # Unchanged reruns over a websocket session (bench/wsload.py): the same script run with the same query
        # and filters as the browser's rerun key, without waiting for the browser to redraw 20 times.
        async with wsload.Session(server.base) as session:
            await session.run(spec.url_path, PAGE_QUERY.get(spec.url_path, ""))  # the session's first run
            n = len(server.runs())
            for _ in range(runs):
                await session.run(spec.url_path, PAGE_QUERY.get(spec.url_path, ""))
            reruns = [r["ms"] for r in server.runs()[n:] if not r["interrupted"]]
        row["rerun_ms"] = reruns

        timed_changes, verified = [], False
        year = page.locator(SIDEBAR_YEAR).first
        # Om datan has no filter boxes (PageSpec.filtered); any other page without its year box is a regression,
        # said out loud rather than left as an empty column.
        has_box = spec.filtered and await year.count() > 0
        if spec.filtered and not has_box:
            print(f"    ! /{spec.url_path}: no year box in the filter panel; its filter changes are not timed",
                  flush=True)
        if has_box:
            for i in range(runs if changes is None else changes):
                n = len(server.runs())
                await year.click()
                if i % 2 == 0:
                    await year.fill(FILTER_YEAR)
                    await page.keyboard.press("Enter")
                else:
                    await page.keyboard.press("Backspace")
                await page.keyboard.press("Escape")
                run = await server.next_run(n)
                timed_changes.append(run["ms"] if run else None)
                await frontend_done(page)
                if i == 0 and run is not None:
                    verified = f"year={FILTER_YEAR}" in (await _url_after_run(page))
            await settle(page, (last_complete(server.runs()) or {}).get("elements", {}).get("plotly_chart", 0))
        row["filter_ms"], row["filter_verified"] = timed_changes, verified
        await context.close()
        out[spec.url_path] = row
        print(f"    /{spec.url_path:<14} {charts} charts  load run {_fmt(median(row['load_run_ms']), '6.0f')} ms  "
              f"rerun {_fmt(median(reruns), '5.0f')} ms (p95 {_fmt(percentile(reruns, 0.95), '4.0f')})  "
              f"filter {_fmt(median(timed_changes), '5.0f')} ms (p95 {_fmt(percentile(timed_changes, 0.95), '4.0f')})",
              flush=True)
    return out


async def frontend_done(page, timeout_ms: float = LOAD_TIMEOUT_MS) -> None:
    # The browser ignores the rerun key until it has heard that the last run finished.
    await page.wait_for_function(READY_NOT_RUNNING_JS, timeout=timeout_ms, polling=50)


async def _url_after_run(page) -> str:
    await page.wait_for_timeout(300)  # the app writes the filter into the address at the end of its run
    return page.url


async def page_ttfc(browser, spec, exp: dict, prob: dict, env_extra: dict[str, str], tmp: Path, args,
                    loads: int, bare: Server | None) -> dict:
    """One page's time to first chart: the app on a fresh server (its first load apart), then `loads` loads
    of the app and of the bare app alternately, the static floor, and both under the emulated network."""
    url_path = spec.url_path
    with Server(env_extra, tmp) as server:
        url = url_for(server.base, url_path)
        first = (await timed_load(browser, url, exp))["ttfc"]
        first_run = next(iter(server.runs()), {}).get("ms")
        bare_url = f"{bare.base}/?page={page_name(url_path)}" if bare else None
        samples, bare_samples, floor_samples = [], [], []
        floor_url = Path(prob["floor"]).resolve().as_uri() if prob["floor"] else None
        for i in range(loads):
            samples.append((await timed_load(browser, url, exp))["ttfc"])
            if bare_url:
                bare_samples.append((await timed_load(browser, bare_url, exp))["ttfc"])
            if floor_url and i < args.floor_loads:
                floor_samples.append((await timed_load(browser, floor_url, exp))["ttfc"])
        net, bare_net = [], []
        if bare_url and url_path in args.net_pages:
            for _ in range(args.net_loads):
                net.append(await timed_load(browser, url, exp, LOAD_TIMEOUT_MS * 2, NETWORK))
                bare_net.append(await timed_load(browser, bare_url, exp, LOAD_TIMEOUT_MS * 2, NETWORK))
    net_ttfc, bare_net_ttfc = median([n["ttfc"] for n in net]), median([n["ttfc"] for n in bare_net])
    print(f"    /{url_path:<14} first {_fmt(first, '5.2f')} s  median {_fmt(median(samples), '5.2f')} s"
          f"  bare {_fmt(median(bare_samples), '5.2f')} s"
          f" (x{_fmt(_ratio(median(samples), median(bare_samples)), '.2f')})"
          f"  floor {_fmt(median(floor_samples), '5.2f')} s"
          + (f"  network {_fmt(net_ttfc, '5.2f')} s vs bare {_fmt(bare_net_ttfc, '5.2f')} s"
             f" (x{_fmt(_ratio(net_ttfc, bare_net_ttfc), '.2f')}),"
             f" {_fmt(median([n.get('bytes') for n in net]), ',.0f')} vs"
             f" {_fmt(median([n.get('bytes') for n in bare_net]), ',.0f')} bytes" if net else ""),
          flush=True)
    return {"first": first, "samples": samples, "floor_samples": floor_samples, "bare_samples": bare_samples,
            "first_run_ms": first_run, "network": net, "bare_network": bare_net}


# Sessions without browsers (bench/wsload.py). --------------------------------------------------


def _run_stats(runs: list[dict]) -> dict:
    done = [r for r in runs if not r["interrupted"]]
    ms = [r["ms"] for r in done]
    out = {"runs": len(ms), "run_p50_ms": _round(median(ms), 1), "run_p95_ms": _round(percentile(ms, 0.95), 1),
           "run_max_ms": _round(max(ms), 1) if ms else None}
    # CPU per run (bench/timed_server.py): the script's, and the whole run's (its thread's, Streamlit's work
    # around the script included, plus the event loop's sending).
    # Other work on the machine hardly changes these, unlike the wall times above.
    cpu = [r["cpu_ms"] for r in done if "cpu_ms" in r]
    server = [r["server_cpu_ms"] for r in done if "server_cpu_ms" in r]
    if cpu:
        out.update({"cpu_p50_ms": _round(median(cpu), 1), "cpu_p95_ms": _round(percentile(cpu, 0.95), 1),
                    "cpu_mean_ms": _round(statistics.fmean(cpu), 1)})
    if server:
        out.update({"server_cpu_p50_ms": _round(median(server), 1),
                    "server_cpu_p95_ms": _round(percentile(server, 0.95), 1),
                    "server_cpu_mean_ms": _round(statistics.fmean(server), 1)})
    return out


def run_kind(run: dict, previous: dict | None) -> str:
    """What a run was, for the per-kind figures: a session's first run, a page switch, a rerun of the same
    page and query, or a filter change (same page, another query); `+miss` if it computed a view anew."""
    if previous is None:
        kind = "first"
    elif previous["url_path"] != run["url_path"]:
        kind = "page"
    elif previous["query"] == run["query"]:
        kind = "rerun"
    else:
        kind = "filter"
    misses = (run.get("memo") or {}).get("misses")
    return kind if misses is None else f"{kind}+{'miss' if misses else 'hit'}"


def kind_stats(runs: list[dict]) -> dict:
    """Per page and kind of run (run_kind): how many, wall and CPU medians."""
    groups: dict[str, list[dict]] = {}
    previous: dict[str, dict] = {}
    for run in runs:
        if not run["interrupted"]:
            groups.setdefault(f"/{run['url_path']} {run_kind(run, previous.get(run['session']))}", []).append(run)
        previous[run["session"]] = run
    return {key: {"n": len(rs), "ms_p50": _round(median([r["ms"] for r in rs]), 1),
                  "cpu_p50_ms": _round(median([r.get("cpu_ms") for r in rs]), 1),
                  "server_cpu_p50_ms": _round(median([r.get("server_cpu_ms") for r in rs]), 1)}
            for key, rs in sorted(groups.items())}


async def memory_sessions(server: Server, pages, sessions: int) -> dict:
    """RSS of the server idle, with one session and with `sessions` sessions that each visited every page
    (one after the other, over the websocket), and the run times of those visits.

    The first session's visits compute every view (`cold`); the later sessions ask for the same views, which
    the per-view memo may already hold (`warm`): what the memo saves is the difference.
    """
    out: dict = {"idle_after_start": round(server.rss_mb(), 1)}
    peak, sampling = 0.0, True

    async def sample():
        nonlocal peak
        while sampling:
            try:
                peak = max(peak, server.rss_mb())
            except Exception:  # the server went away: the next reading reports it
                return
            await asyncio.sleep(0.2)

    sampler = asyncio.create_task(sample())
    visits = ws_pages(pages)
    open_sessions = []
    try:
        before = len(server.runs())
        open_sessions.append(await wsload.visit_all(server.base, visits))
        cold = server.runs()[before:]
        await asyncio.sleep(1)
        out["1"] = round(server.rss_mb(), 1)
        before = len(server.runs())
        for _ in range(sessions - 1):
            open_sessions.append(await wsload.visit_all(server.base, visits))
        warm = server.runs()[before:]
        await asyncio.sleep(1)
        out[str(sessions)] = round(server.rss_mb(), 1)
    finally:
        for session in open_sessions:
            await session.__aexit__(None, None, None)
        sampling = False
        await sampler
    out["peak"] = round(peak, 1)
    out["cold"], out["warm"] = _run_stats(cold), _run_stats(warm)
    out["failed"] = sum(v.exception for s in open_sessions for v in s.visits)
    return out


async def server_load(server: Server, pages, levels: list[int], actions: int, think_s: float,
                      single_rounds: int) -> dict:
    """The server's run times with 1, 10 and 30 sessions at once, each a visitor over the websocket.

    Every visitor opens a page and then takes `actions` - 1 more actions, each after a think time (exponential,
    mean `think_s`): mostly a filter change on the page at hand, sometimes another page (bench/wsload.py).
    A level of n sessions starts them together; level 1 runs `single_rounds` visitors one after the other,
    so that every level has the same mix of first runs and later runs. A warm-up visitor goes first, so no
    level pays for the process's first imports.
    """
    visits = ws_pages(pages)
    rng = random.Random(14)
    warm = await wsload.user(server.base, wsload.plan(rng, visits, LOAD_FILTERS, actions), 0.0, rng)
    out: dict = {"failed": sum(v.exception for v in warm.visits)}
    for level in levels:
        rng = random.Random(1000 + level)
        before, start, cpu_before = len(server.runs()), time.perf_counter(), server.cpu_s()
        load_before, busy_before = [round(x, 2) for x in os.getloadavg()], _busy_percent()
        users = []
        for _ in range(single_rounds if level == 1 else 1):
            plans = [wsload.plan(rng, visits, LOAD_FILTERS, actions) for _ in range(level)]
            # Alone, a session's think time changes nothing at the server; a short one keeps the run short.
            think = min(think_s, 0.3) if level == 1 else think_s
            users += await asyncio.gather(*(wsload.user(server.base, p, think, random.Random(rng.random()))
                                            for p in plans))
        wall = time.perf_counter() - start
        await asyncio.sleep(0.5)  # the last runs' "sent" lines
        process_cpu = server.cpu_s() - cpu_before
        client = [v.client_ms for u in users for v in u.visits]
        level_runs = server.runs()[before:]
        row = _run_stats(level_runs)
        row.update({"sessions": level, "client_p50_ms": _round(median(client), 1),
                    "client_p95_ms": _round(percentile(client, 0.95), 1), "wall_s": round(wall, 1),
                    "runs_per_s": round(row["runs"] / wall, 2) if wall else None,
                    # Everything the server process did during the level (every thread, GC, websocket I/O),
                    # per run: the figure the level's wall times follow on a machine of two cores.
                    "process_cpu_s": round(process_cpu, 2),
                    "process_cpu_per_run_ms": round(process_cpu * 1000 / len(level_runs), 1) if level_runs else None,
                    "rss_mb_after": round(server.rss_mb(), 1),
                    "loadavg_before": load_before, "cpu_busy_percent_before": busy_before,
                    "kinds": kind_stats(level_runs)})
        out["failed"] += sum(v.exception for u in users for v in u.visits)
        out[str(level)] = row
        print(f"    {level:>2} sessions: {row['runs']} runs in {wall:.0f} s,"
              f" run p50 {_fmt(row['run_p50_ms'], '.0f')} ms"
              f" p95 {_fmt(row['run_p95_ms'], '.0f')} ms (client p95 {_fmt(row['client_p95_ms'], '.0f')} ms);"
              f" CPU a run: script p50 {_fmt(row.get('cpu_p50_ms'), '.0f')} ms, whole run (thread + sending) mean"
              f" {_fmt(row.get('server_cpu_mean_ms'), '.0f')} ms, process {_fmt(row['process_cpu_per_run_ms'], '.0f')}"
              f" ms; machine {busy_before:.0f} % busy before, loadavg {load_before}", flush=True)
    return out


async def run_cost(server: Server, pages, rounds: int) -> dict:
    """The cost of each kind of run, page by page, one run at a time on a fresh server (no concurrency).

    Per page and round: a new session opens the page with a query nobody asked for yet (`first+miss`: its
    views are computed), a second new session opens it the same way (`first+hit`: the views come from the
    memo; the session's first run still draws the sidebar and sends every element), reruns it (`rerun`),
    changes a filter to a combination nobody asked for (`filter+miss`), changes it back (`filter+hit`), and
    opens the previous page of the list, which the round has already computed (`page+hit`). CPU per run is
    the script thread's plus the event loop's sending (bench/timed_server.py), robust to a busy machine.
    """
    visits = ws_pages(pages)
    before = len(server.runs())
    for r in range(rounds):
        for i, (page, query) in enumerate(visits):
            # Another region each round and page, so that "miss" is a combination nobody asked for before.
            region = f"region={REGIONS[(r * 7 + i) % len(REGIONS)]}"
            first = "&".join(filter(None, [query, region, f"lang={'en' if r % 2 else 'sv'}"]))
            other = "&".join(filter(None, [first, f"year={2025 - r}"]))
            async with wsload.Session(server.base) as a:
                await a.run(page, first)
            async with wsload.Session(server.base) as b:
                await b.run(page, first)
                await b.run(page, first)
                await b.run(page, other)
                await b.run(page, first)
                if i:
                    await b.run(*visits[i - 1])
                    await b.run(page, "")  # back: the session's filters are `first`'s, computed above
    await asyncio.sleep(0.5)  # the last run's "sent" line
    return kind_stats(server.runs()[before:])


async def memo_sweep(env_extra: dict[str, str], tmp: Path, pages, sessions: int, sizes: list[int]) -> dict:
    """RSS and run times with the per-view memo at each size (BENCH_VIEW_MEMO_SIZE, set in the server)."""
    out = {}
    for size in sizes:
        with Server(dict(env_extra, BENCH_VIEW_MEMO_SIZE=str(size)), tmp) as server:
            row = await memory_sessions(server, pages, sessions)
        out[str(size)] = row
        print(f"    memo {size:>3}: RSS 1 session {row['1']:.0f} MB, {sessions} sessions {row[str(sessions)]:.0f} MB"
              f" (peak {row['peak']:.0f});  runs cold p50 {_fmt(row['cold']['run_p50_ms'], '.0f')} ms,"
              f" warm p50 {_fmt(row['warm']['run_p50_ms'], '.0f')} / p95 {_fmt(row['warm']['run_p95_ms'], '.0f')} ms",
              flush=True)
    return out


def app_memo_size() -> int:
    from components.presenters import context

    return context._views.size


# One dataset. ----------------------------------------------------------------------------------


async def browser_measures(pages, env_extra, args, tmp: Path, loads: int, changes: int, real: bool) -> dict:
    from playwright.async_api import async_playwright

    out: dict = {"pages": {}}
    elements_dir = tmp / "elements"
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        out["chromium"] = browser.version

        print(f"  {clock()} probe: {args.reruns} reruns and {changes} filter changes per page ...", flush=True)
        with Server(dict(env_extra, BENCH_ELEMENTS_DIR=str(elements_dir)), tmp) as server:
            out["probe"] = await probe(browser, server, pages, args.reruns, tmp / "floors", elements_dir, changes)
        expected = {url: {"charts": p["charts"]} for url, p in out["probe"].items()}

        if loads:
            print(f"  {clock()} time to first chart (fresh server per page, first load + {loads}"
                  f"{', bare Streamlit alternating, static floor, emulated network' if real else ''}) ...", flush=True)
            bare_env = dict(env_extra, BENCH_ELEMENTS_DIR=str(elements_dir))
            bare_ctx = Server(bare_env, tmp, ROOT / "bench" / "bare_app.py") if real else None
            bare = bare_ctx.__enter__() if bare_ctx else None
            try:
                if bare:  # its first load apart: the bare server's own imports
                    drawn_pages = [s.url_path for s in pages if expected[s.url_path]["charts"]
                                   or out["probe"][s.url_path]["table"]]
                    if drawn_pages:
                        await timed_load(browser, f"{bare.base}/?page={page_name(drawn_pages[0])}",
                                         expected[drawn_pages[0]])
                for spec in pages:
                    exp, prob = expected[spec.url_path], out["probe"][spec.url_path]
                    if exp["charts"] or prob["table"]:  # else nothing to wait for on this page: no TTFC
                        out["pages"][spec.url_path] = await page_ttfc(browser, spec, exp, prob, env_extra, tmp, args,
                                                                      loads, bare)
            finally:
                if bare_ctx:
                    bare_ctx.__exit__(None, None, None)
        await browser.close()
    return out


def measure_dataset(label: str, env_extra: dict[str, str], args, tmp: Path) -> dict:
    from components.navigation import PAGES

    pages = PAGES if args.pages is None else [p for p in PAGES if p.url_path in args.pages.split(",")]
    real = label == "1"
    tmp.mkdir(parents=True, exist_ok=True)
    # Other work on the machine slows every figure; the load average is kept with the results to show it.
    import psutil

    load_before = [round(x, 2) for x in os.getloadavg()]
    # The load average trails the previous dataset's work by minutes; what the CPUs do now tells.
    busy_before = psutil.cpu_percent(interval=1.0)
    cpu_before = cpu_check_ms()
    if busy_before > 50:
        print(f"  ! the machine is busy ({busy_before:.0f} % CPU in use before the start): figures will be slower",
              flush=True)
    # Fewer browser loads on the synthetic data keep the whole run short; the real data get the full count.
    loads = args.loads if real else min(args.loads, args.scale_loads)
    changes = args.reruns if real else min(args.reruns, args.scale_changes)
    raw: dict = {"browser": asyncio.run(browser_measures(pages, env_extra, args, tmp, loads, changes, real))}

    if label in args.memory_scales:
        sizes = sorted({app_memo_size(), *args.memo_sizes}) if label == "100" and args.memo_sizes else [app_memo_size()]
        print(f"  {clock()} memory: 1 and {args.sessions} sessions over the websocket, memo size(s) {sizes} ...",
              flush=True)
        sweep = asyncio.run(memo_sweep(env_extra, tmp, pages, args.sessions, sizes))
        raw["memory"] = sweep[str(app_memo_size())]
        if len(sweep) > 1:
            raw["memo"] = sweep
    if real and args.load_levels:
        print(f"  {clock()} load at the server: {args.load_levels} sessions over the websocket ...", flush=True)

        async def load() -> dict:
            with Server(env_extra, tmp) as server:
                return await server_load(server, pages, args.load_levels, args.load_actions, args.think_s,
                                         args.single_rounds)

        raw["server_load"] = asyncio.run(load())
    load_after = [round(x, 2) for x in os.getloadavg()]
    raw.update({"loads": loads, "loadavg": {"before": load_before, "after": load_after},
                "cpu_busy_percent_before": busy_before,
                "cpu_check_ms": {"before": cpu_before, "after": cpu_check_ms()}})
    return raw


# Results. --------------------------------------------------------------------------------------


def _net_row(loads: list[dict]) -> dict:
    return {"ttfc_s": _round(median([n["ttfc"] for n in loads]), 3),
            "bytes": int(median([n.get("bytes") for n in loads]) or 0) or None,
            "requests": int(median([n.get("requests") for n in loads]) or 0) or None}


def page_rows(raw: dict) -> dict[str, dict]:
    rows = {}
    for url, prob in raw["browser"]["probe"].items():
        b = raw["browser"]["pages"].get(url)
        row: dict = {"charts": prob["charts"], "table": prob["table"]}
        if prob.get("exception"):
            row["exception"] = True  # the page showed an error instead of its content
        if b:
            ttfc, floor_median = median(b["samples"]), median(b["floor_samples"])
            bare = median(b["bare_samples"])
            row.update({
                "ttfc_first_s": _round(b["first"], 3), "ttfc_median_s": _round(ttfc, 3),
                "floor_median_s": _round(floor_median, 3),
                "ratio": _ratio(ttfc, floor_median),
                # The same elements in a bare Streamlit app (bench/bare_app.py), loaded alternately with the app.
                "bare_streamlit_median_s": _round(bare, 3),
                "bare_streamlit_ratio": _ratio(bare, floor_median),
                "bare_ratio": _ratio(ttfc, bare),
            })
            if b["network"]:
                net, bare_net = _net_row(b["network"]), _net_row(b["bare_network"])
                row["network"] = {"ttfc_s": net["ttfc_s"], "bare_ttfc_s": bare_net["ttfc_s"],
                                  "ratio": _ratio(net["ttfc_s"], bare_net["ttfc_s"]),
                                  "bytes": net["bytes"], "bare_bytes": bare_net["bytes"],
                                  "requests": net["requests"], "bare_requests": bare_net["requests"]}
        else:
            row.update({"ttfc_first_s": None, "ttfc_median_s": None, "floor_median_s": None, "ratio": None,
                        "bare_streamlit_median_s": None, "bare_streamlit_ratio": None, "bare_ratio": None})
        net_samples = b.get("network", []) + b.get("bare_network", []) if b else []
        row.update({
            "rerun_median_ms": _round(median(prob["rerun_ms"]), 1),
            "rerun_p95_ms": _round(percentile(prob["rerun_ms"], 0.95), 1),
            # The first change reaches a filter combination no one has asked for yet: nothing cached.
            "filter_first_ms": prob["filter_ms"][0] if prob["filter_ms"] else None,
            "filter_median_ms": _round(median(prob["filter_ms"]), 1),
            "filter_p95_ms": _round(percentile(prob["filter_ms"], 0.95), 1),
            "filter_verified": prob["filter_verified"],
            "first_run_after_start_ms": b.get("first_run_ms") if b else None,
            "query": PAGE_QUERY.get(url),
            "samples": {
                "ttfc_s": [_round(t, 3) for t in b["samples"]] if b else [],
                "floor_s": [_round(t, 3) for t in b["floor_samples"]] if b else [],
                "bare_streamlit_s": [_round(t, 3) for t in b["bare_samples"]] if b else [],
                "network_ttfc_s": [_round(n["ttfc"], 3) for n in b["network"]] if b else [],
                "network_bare_ttfc_s": [_round(n["ttfc"], 3) for n in b["bare_network"]] if b else [],
                "network_bytes": [n.get("bytes") for n in b["network"]] if b else [],
                "rerun_ms": prob["rerun_ms"], "filter_ms": prob["filter_ms"],
            },
            "failed": sum(t is None for t in ([b["first"], *b["samples"], *b["floor_samples"], *b["bare_samples"]]
                                              if b else []))
            + sum(n["ttfc"] is None for n in net_samples)
            + sum(t is None for t in prob["rerun_ms"] + prob["filter_ms"]),
        })
        rows[f"/{url}"] = row
    return rows


def _worst(pages: dict, key: str) -> float | None:
    return max((p[key] for p in pages.values() if p.get(key) is not None), default=None)


def scale_row(raw: dict, rows: int) -> dict:
    pages = page_rows(raw)
    reruns = [s for p in raw["browser"]["probe"].values() for s in p["rerun_ms"]]
    filters = [s for p in raw["browser"]["probe"].values() for s in p["filter_ms"]]
    ttfc = [s for p in raw["browser"]["pages"].values() for s in p["samples"]]
    out = {
        "allocation_rows": rows,
        "rerun_median_ms": _round(median(reruns), 1),
        "rerun_worst_page_median_ms": _worst(pages, "rerun_median_ms"),
        "rerun_worst_page_p95_ms": _worst(pages, "rerun_p95_ms"),
        "filter_median_ms": _round(median(filters), 1),
        "filter_worst_page_median_ms": _worst(pages, "filter_median_ms"),
        "filter_worst_page_p95_ms": _worst(pages, "filter_p95_ms"),
        "ttfc_median_s": _round(median(ttfc), 3),
        "ttfc_worst_page_median_s": _worst(pages, "ttfc_median_s"),
        "ttfc_worst_ratio": _worst(pages, "ratio"),
        "pages_failed": [url for url, p in pages.items() if p.get("exception")],
        "bare_worst_ratio": _worst(pages, "bare_ratio"),
        "loadavg_1_5_15": raw["loadavg"],
        "cpu_busy_percent_before": raw.get("cpu_busy_percent_before"),
        "cpu_check_ms": raw["cpu_check_ms"],
        "pages": {url: {k: p.get(k) for k in ("ttfc_first_s", "ttfc_median_s", "floor_median_s", "ratio",
                                             "bare_ratio", "rerun_median_ms", "rerun_p95_ms", "filter_median_ms",
                                             "filter_p95_ms")}
                  for url, p in pages.items()},
    }
    if "memory" in raw:
        memory = raw["memory"]
        out["rss_mb"] = {k: memory[k] for k in ("idle_after_start", "1", "10", "peak") if k in memory}
    if "memo" in raw:
        out["memo"] = {size: {"rss_mb_1": m["1"], "rss_mb_10": m.get("10"), "rss_mb_peak": m["peak"],
                              "cold_run_p50_ms": m["cold"]["run_p50_ms"], "cold_run_p95_ms": m["cold"]["run_p95_ms"],
                              "warm_run_p50_ms": m["warm"]["run_p50_ms"], "warm_run_p95_ms": m["warm"]["run_p95_ms"]}
                       for size, m in raw["memo"].items()}
    return out


def network_summary(pages: dict) -> dict:
    nets = [p["network"] for p in pages.values() if p.get("network")]
    return {
        "conditions": NETWORK_LABEL, "emulation": NETWORK,
        "first_visit_bytes_max": max((n["bytes"] for n in nets if n["bytes"]), default=None),
        "first_visit_bytes_median": _round(median([n["bytes"] for n in nets]), 0),
        "bare_first_visit_bytes_median": _round(median([n["bare_bytes"] for n in nets]), 0),
        "ttfc_ratio_worst": max((n["ratio"] for n in nets if n["ratio"]), default=None),
        "ttfc_ratio_median": _round(median([n["ratio"] for n in nets]), 2),
    }


def assemble(raws: dict[str, dict], rows: dict[str, int], args) -> dict:
    # "pages", "rss_mb" and the load test are the real data's; in a run without it (--scales 100), the first
    # dataset's, named in "pages_scale".
    real = raws.get("1") or raws[next(iter(raws))]
    memory = real.get("memory", {})
    pages = page_rows(real)
    result = {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": versions(real["browser"].get("chromium")),
        "settings": {"loads_per_page": args.loads, "loads_per_page_synthetic": args.scale_loads,
                     "floor_loads_per_page": args.floor_loads, "network_loads_per_page": args.net_loads,
                     "network_pages": [f"/{p}" for p in args.net_pages],
                     "filter_changes_per_page_synthetic": args.scale_changes,
                     "reruns_per_page": args.reruns, "sessions": args.sessions,
                     "viewport": VIEWPORT, "scales": list(raws), "filter_change": f"year: empty <-> {FILTER_YEAR}",
                     "page_queries": PAGE_QUERY, "network": NETWORK_LABEL,
                     "view_memo_size": app_memo_size(), "memo_sizes_measured": args.memo_sizes,
                     "server_load": {"levels": args.load_levels, "actions_per_session": args.load_actions,
                                     "think_s_mean": args.think_s, "single_session_rounds": args.single_rounds,
                                     "filters": LOAD_FILTERS, "driver": "websocket sessions (bench/wsload.py)"},
                     "quick": args.quick},
        "pages_scale": "1" if "1" in raws else next(iter(raws)),
        "pages": pages,
        "rss_mb": {k: memory[k] for k in ("idle_after_start", "1", "10", "peak") if k in memory},
        # Ten browsers loading at once measured ten Chromiums on two cores (issue 14); the server's load is
        # measured without browsers now, in "server_load". The keys stay, empty.
        "load_10_sessions_page_median_s": None,
        "load_10_sessions": {"replaced_by": "server_load"},
        "network": network_summary(pages),
        "server_load": {k: v for k, v in real.get("server_load", {}).items()},
        "scale": {label: scale_row(raw, rows[label]) for label, raw in raws.items()},
        "targets": TARGETS,
    }
    result["targets_met"] = targets_met(result)
    return result


def targets_met(result: dict) -> dict:
    """The issue's targets, each judged on the dataset it names; a run without the real data (--scales 100)
    judges only the 100x ones."""
    met: dict = {}
    scale = result["scale"]
    pages = result["pages"]
    if "1" in scale:
        ratios = [p["ratio"] for p in pages.values() if p.get("ratio") is not None]
        if ratios:  # issue 7's target against the static floor, kept for comparison
            met["ttfc_at_most_1.5x_floor"] = all(r <= TARGETS["ttfc_ratio_max"] for r in ratios)
        bare = [p["bare_ratio"] for p in pages.values() if p.get("bare_ratio") is not None]
        if bare:
            met["ttfc_at_most_1.10x_bare"] = max(bare) <= TARGETS["bare_ratio_max"]
        net = result.get("network", {})
        if net.get("first_visit_bytes_max"):
            met["first_visit_at_most_2.5_mb"] = net["first_visit_bytes_max"] <= TARGETS["first_visit_mb_max"] * 1e6
        if net.get("ttfc_ratio_worst"):
            met["network_ttfc_at_most_0.6x_bare"] = net["ttfc_ratio_worst"] <= TARGETS["network_ttfc_ratio_max"]
        reruns = [p["rerun_median_ms"] for p in pages.values() if p["rerun_median_ms"] is not None]
        if reruns:
            met["rerun_median_real"] = max(reruns) <= TARGETS["rerun_median_ms_real"]
        p95 = [p[k] for p in pages.values() for k in ("rerun_p95_ms", "filter_p95_ms") if p.get(k) is not None]
        if p95:
            met["rerun_p95_real"] = max(p95) <= TARGETS["rerun_p95_ms_real"] and not scale["1"].get("pages_failed")
        if "10" in result["rss_mb"]:
            met["rss_10_sessions"] = result["rss_mb"]["10"] <= TARGETS["rss_mb_10_sessions"]
        load = result.get("server_load", {})
        if load.get("1", {}).get("run_p95_ms") and load.get("30", {}).get("run_p95_ms"):
            met["server_load_30_p95_at_most_2x_single"] = (
                load["30"]["run_p95_ms"] <= TARGETS["server_load_p95_ratio_max"] * load["1"]["run_p95_ms"])
    if "100" in scale:
        s = scale["100"]
        if s["rerun_worst_page_median_ms"] is not None:
            met["rerun_median_100x"] = s["rerun_worst_page_median_ms"] <= TARGETS["rerun_median_ms_100x"]
        worst = [v for v in (s.get("rerun_worst_page_p95_ms"), s.get("filter_worst_page_p95_ms")) if v is not None]
        if worst:  # a page that fails at this size cannot meet it
            met["rerun_p95_100x"] = max(worst) <= TARGETS["rerun_p95_ms_100x"] and not s.get("pages_failed")
        if "10" in s.get("rss_mb", {}):
            met["rss_10_sessions_100x"] = s["rss_mb"]["10"] <= TARGETS["rss_mb_10_sessions"]
    return met


# Reports. --------------------------------------------------------------------------------------


def _mb(value) -> str:
    return _fmt(value / 1e6 if value else None, ".2f")


def markdown_table(result: dict) -> str:
    """The README's performance section, regenerated from results.json: per page, then memory, load, scale."""
    m, v = result["machine"], result["versions"]
    t = result["targets"]
    lines = [
        f"Measured {result['date'][:10]} with `make bench` on {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB "
        f"({m['os']}); Streamlit {v['streamlit']}, Chromium {v['chromium']}. Medians of "
        f"{result['settings']['loads_per_page']} first visits per page (fresh browser context each); the bare "
        "Streamlit app sends the same charts (or table) and nothing else; network: "
        f"{result['settings']['network']}.",
        "",
        "| Page | TTFC | bare Streamlit | static floor | × bare | network TTFC | × bare (network) | first visit "
        "| rerun p50 / p95 | filter p50 / p95 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for url, p in result["pages"].items():
        net = p.get("network") or {}
        lines.append(
            f"| `{url}` | {_fmt(p['ttfc_median_s'], '.2f')} s | {_fmt(p['bare_streamlit_median_s'], '.2f')} s "
            f"| {_fmt(p['floor_median_s'], '.2f')} s | {_fmt(p.get('bare_ratio'), '.2f')} "
            + (f"| {_fmt(net.get('ttfc_s'), '.2f')} s (bare {_fmt(net.get('bare_ttfc_s'), '.2f')} s) "
               f"| {_fmt(net.get('ratio'), '.2f')} | {_mb(net.get('bytes'))} MB (bare {_mb(net.get('bare_bytes'))} MB) "
               if net else "| not measured | – | – ")
            + f"| {_fmt(p['rerun_median_ms'], '.0f')} / {_fmt(p['rerun_p95_ms'], '.0f')} ms "
            f"| {_fmt(p['filter_median_ms'], '.0f')} / {_fmt(p['filter_p95_ms'], '.0f')} ms |")
    lines += ["", f"Targets (issue 14): TTFC ≤ {t['bare_ratio_max']:.2f} × bare; first visit ≤ "
              f"{t['first_visit_mb_max']} MB; network TTFC ≤ {t['network_ttfc_ratio_max']} × bare; reruns p95 ≤ "
              f"{t['rerun_p95_ms_real']} ms (real data), ≤ {t['rerun_p95_ms_100x']} ms (100×); RSS with 10 sessions ≤ "
              f"{t['rss_mb_10_sessions']} MB; server p95 with 30 sessions ≤ {t['server_load_p95_ratio_max']:.0f} × one "
              "session's.", ""]
    load = result.get("server_load") or {}
    levels = [k for k in ("1", "10", "30") if k in load]
    if levels:
        s = result["settings"]["server_load"]
        lines += [f"Server run time under load (websocket sessions, no browsers; {s['actions_per_session']} actions "
                  f"per session, think time {s['think_s_mean']} s mean):", "",
                  "| Sessions | runs | run p50 | run p95 | runs/s |", "|---|---|---|---|---|"]
        lines += [f"| {k} | {load[k]['runs']} | {_fmt(load[k]['run_p50_ms'], '.0f')} ms | "
                  f"{_fmt(load[k]['run_p95_ms'], '.0f')} ms | {_fmt(load[k]['runs_per_s'], '.1f')} |" for k in levels]
        lines.append("")
    lines += ["| Data | rows | rerun p95 (worst page) | filter p95 (worst page) | RSS 1 / 10 sessions |",
              "|---|---|---|---|---|"]
    for label, s in result["scale"].items():
        rss = s.get("rss_mb", {})
        lines.append(f"| {'real' if label == '1' else label + '×'} | {s['allocation_rows']:,} "
                     f"| {_fmt(s.get('rerun_worst_page_p95_ms'), '.0f')} ms "
                     f"| {_fmt(s.get('filter_worst_page_p95_ms'), '.0f')} ms "
                     f"| {_fmt(rss.get('1'), '.0f')} / {_fmt(rss.get('10'), '.0f')} MB |")
    failed = {label: s.get("pages_failed") for label, s in result["scale"].items() if s.get("pages_failed")}
    for label, urls in failed.items():
        lines.append(f"\nAt {'the real data' if label == '1' else label + '×'}, these pages showed an error instead of "
                     f"their content: {', '.join(f'`{u}`' for u in urls)}.")
    memo = result["scale"].get("100", {}).get("memo")
    if memo:
        lines += ["", f"Per-view memo at 100× (app: {result['settings']['view_memo_size']} views), "
                  f"{result['settings']['sessions']} sessions visiting every page one after the other:", "",
                  "| Memo size | RSS 10 sessions | first visit p50 | later sessions p50 / p95 |", "|---|---|---|---|"]
        lines += [f"| {size} | {_fmt(r['rss_mb_10'], '.0f')} MB | {_fmt(r['cold_run_p50_ms'], '.0f')} ms "
                  f"| {_fmt(r['warm_run_p50_ms'], '.0f')} / {_fmt(r['warm_run_p95_ms'], '.0f')} ms |"
                  for size, r in memo.items()]
    met = result.get("targets_met", {})
    lines += ["", "Targets met: " + ", ".join(f"{k} {'yes' if ok else '**no**'}" for k, ok in met.items()) + "."]
    return "\n".join(lines)


def print_table(result: dict) -> None:
    m = result["machine"]
    print(f"\n{result['date']}  {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB")
    print(f"{'page':<15}{'TTFC 1st':>9}{'med':>7}{'bare':>7}{'x bare':>7}{'floor':>7}{'net':>7}{'bare':>7}"
          f"{'x':>6}{'MB':>6}{'rerun p50':>10}{'p95':>6}{'filter p50':>11}{'p95':>6}")
    for url, p in result["pages"].items():
        net = p.get("network") or {}
        print(f"{url:<15}{_fmt(p['ttfc_first_s'], '.2f'):>9}{_fmt(p['ttfc_median_s'], '.2f'):>7}"
              f"{_fmt(p['bare_streamlit_median_s'], '.2f'):>7}{_fmt(p.get('bare_ratio'), '.2f'):>7}"
              f"{_fmt(p['floor_median_s'], '.2f'):>7}{_fmt(net.get('ttfc_s'), '.2f'):>7}"
              f"{_fmt(net.get('bare_ttfc_s'), '.2f'):>7}{_fmt(net.get('ratio'), '.2f'):>6}{_mb(net.get('bytes')):>6}"
              f"{_fmt(p['rerun_median_ms'], '.0f'):>10}{_fmt(p['rerun_p95_ms'], '.0f'):>6}"
              f"{_fmt(p['filter_median_ms'], '.0f'):>11}{_fmt(p['filter_p95_ms'], '.0f'):>6}")
    rss = result["rss_mb"]
    print(f"\nserver RSS (real data): 1 session {_fmt(rss.get('1'), '.0f')} MB, 10 sessions "
          f"{_fmt(rss.get('10'), '.0f')} MB (peak {_fmt(rss.get('peak'), '.0f')} MB)")
    for k, row in (result.get("server_load") or {}).items():
        if isinstance(row, dict):
            print(f"server load, {k:>2} sessions: run p50 {_fmt(row['run_p50_ms'], '.0f')} ms, "
                  f"p95 {_fmt(row['run_p95_ms'], '.0f')} ms ({row['runs']} runs)")
    print(f"\n{'scale':<7}{'rows':>8}{'rerun p50':>10}{'worst p95':>10}{'filter p50':>11}{'worst p95':>10}"
          f"{'TTFC med':>9}{'RSS 10':>8}")
    for label, s in result["scale"].items():
        print(f"{label + 'x':<7}{s['allocation_rows']:>8}{_fmt(s['rerun_median_ms'], '.0f'):>7} ms"
              f"{_fmt(s.get('rerun_worst_page_p95_ms'), '.0f'):>7} ms{_fmt(s['filter_median_ms'], '.0f'):>8} ms"
              f"{_fmt(s.get('filter_worst_page_p95_ms'), '.0f'):>7} ms{_fmt(s['ttfc_median_s'], '.2f'):>7} s"
              f"{_fmt(s.get('rss_mb', {}).get('10'), '.0f'):>5} MB")
    print("\ntargets met:", ", ".join(f"{k} {'yes' if v else 'NO'}" for k, v in result["targets_met"].items()))


async def profile_pages(pages, env_extra: dict[str, str], runs: int, tmp: Path) -> dict[str, str]:
    """cProfile every server run of the probe (reruns and filter changes); a pstats summary per page."""
    import pstats

    from playwright.async_api import async_playwright

    prof_dir = tmp / "profile"
    prof_dir.mkdir(parents=True, exist_ok=True)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        with Server(dict(env_extra, BENCH_PROFILE_DIR=str(prof_dir)), tmp) as server:
            await probe(browser, server, pages, runs, tmp / "floors", tmp / "elements")
        await browser.close()
    out = {}
    for spec in pages:
        name = spec.url_path or "start"
        files = sorted(prof_dir.glob(f"{name}-*.prof"))[1:]  # the page's first run (imports, data) apart
        if not files:
            continue
        stream = io.StringIO()
        stats = pstats.Stats(*map(str, files), stream=stream)
        stats.sort_stats("cumulative").print_stats(40)
        # pstats starts with one line per input file; keep the table only.
        table = stream.getvalue()
        table = table[table.find("function calls") - 20:] if "function calls" in table else table
        out[spec.url_path] = f"/{spec.url_path}: {len(files)} profiled reruns and filter changes\n{table}"
        (tmp / f"profile-{name}.txt").write_text(out[spec.url_path], encoding="utf-8")
    return out


async def only(args) -> None:
    """One part of the benchmark on the real data (--only), with the machine's state beside its figures."""
    import psutil

    from components.navigation import PAGES

    pages = [p for p in PAGES if args.pages is None or p.url_path in args.pages.split(",")]
    TMP_ROOT.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="only-", dir=TMP_ROOT))
    out: dict = {"date": datetime.now().astimezone().isoformat(timespec="seconds"), "part": args.only,
                 "loadavg_before": [round(x, 2) for x in os.getloadavg()],
                 "cpu_busy_percent_before": psutil.cpu_percent(interval=1.0), "cpu_check_ms_before": cpu_check_ms()}
    print(f"{args.only}: machine {out['cpu_busy_percent_before']:.0f} % busy, loadavg {out['loadavg_before']},"
          f" cpu check {out['cpu_check_ms_before']:.0f} ms", flush=True)
    env_extra: dict[str, str] = {}
    factor = int(args.scales.split(",")[0]) if args.only == "memory" else 1
    if factor != 1:
        env_extra["FUNDING_CURATED_DIR"] = str(tmp / f"curated-x{factor}")
        synthetic.write(factor, Path(env_extra["FUNDING_CURATED_DIR"]))
    out["scale"] = factor
    try:
        with Server(env_extra, tmp) as server:
            if args.only == "memory":
                out["memory"] = await memory_sessions(server, pages, args.sessions)
                print(json.dumps(out["memory"]))
            elif args.only == "server_load":
                out["server_load"] = await server_load(server, pages, args.load_levels, args.load_actions,
                                                       args.think_s, args.single_rounds)
            else:
                out["run_cost"] = await run_cost(server, pages, args.single_rounds)
                print(f"{'page and kind':<28}{'n':>4}{'wall p50':>10}{'script CPU':>12}{'run CPU':>10}  (ms)")
                for key, row in out["run_cost"].items():
                    print(f"{key:<28}{row['n']:>4}{_fmt(row['ms_p50'], '10.1f')}{_fmt(row['cpu_p50_ms'], '12.1f')}"
                          f"{_fmt(row['server_cpu_p50_ms'], '10.1f')}")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    out["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    out["cpu_check_ms_after"] = cpu_check_ms()
    args.out.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {args.out}")


def _ints(text: str) -> list[int]:
    return [int(s) for s in text.split(",") if s.strip()]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,100", help="dataset sizes to measure, e.g. 1,10,100")
    parser.add_argument("--loads", type=int, default=5,
                        help="browser loads per page (app and bare) after the first")
    parser.add_argument("--floor-loads", type=int, default=1, help="loads of the static floor per page")
    parser.add_argument("--net-loads", type=int, default=2,
                        help="loads per page (app and bare) on the emulated network")
    parser.add_argument("--net-pages", default=",regionprofil,data",
                        help="pages measured on the emulated network ('' = start page; the default: the start page, "
                             "the page with the most to download, the table page)")
    parser.add_argument("--reruns", type=int, default=20, help="reruns and filter changes per page")
    parser.add_argument("--scale-loads", type=int, default=0,
                        help="browser loads per page on synthetic data (0: none; TTFC hardly depends on data size)")
    parser.add_argument("--scale-changes", type=int, default=20,
                        help="filter changes per page on synthetic data (the issue asks at least 20 runs)")
    parser.add_argument("--sessions", type=int, default=10, help="sessions for the memory measure")
    parser.add_argument("--memory-scales", default="1,100", help="datasets whose memory is measured, e.g. 1,100")
    parser.add_argument("--memo-sizes", default="0,8,32,64",
                        help="per-view memo sizes measured at 100x ('' = only the app's own)")
    parser.add_argument("--load-levels", default="1,10,30", help="concurrent sessions for the load test ('' = none)")
    parser.add_argument("--load-actions", type=int, default=5, help="actions per session in the load test")
    parser.add_argument("--think-s", type=float, default=3.0, help="mean think time between a session's actions")
    parser.add_argument("--single-rounds", type=int, default=3,
                        help="sessions one after the other at level 1 (the same mix of runs as the other levels)")
    parser.add_argument("--quick", action="store_true",
                        help="an A/B check in under 3 minutes: real data, /regioner and /data, 3 loads, 6 reruns, "
                             "no floor, the network on /regioner only, a shorter load test")
    parser.add_argument("--pages", help="only these url paths, comma-separated ('' = start page); for debugging")
    parser.add_argument("--profile", action="store_true",
                        help="only profile each page's reruns with cProfile (slower; writes no results)")
    parser.add_argument("--only", choices=("server_load", "run_cost", "memory"),
                        help="only this part, with its own server: the load test at --load-levels, the CPU and "
                             "time of each kind of run per page (--single-rounds rounds), both on the real data, or "
                             "the memory measure (--sessions) on the first of --scales; "
                             "printed and written to bench/tmp/only-<part>.json")
    parser.add_argument("--table", nargs="?", const=RESULTS, type=Path, metavar="RESULTS_JSON",
                        help="print the README's performance table (Markdown) from results.json and exit")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep bench/tmp/run-* (datasets, floors, logs)")
    args = parser.parse_args(argv)
    if args.table:
        print(markdown_table(json.loads(args.table.read_text(encoding="utf-8"))))
        return
    if args.quick:
        args.scales, args.loads, args.floor_loads, args.reruns = "1", 3, 0, 6
        args.memory_scales, args.memo_sizes, args.load_actions, args.single_rounds = "1", "", 3, 2
        args.pages = args.pages if args.pages is not None else "regioner,data"
        args.net_pages, args.net_loads = "regioner", 1
    if args.only:
        args.out = args.out or TMP_ROOT / f"only-{args.only}.json"  # never results.json
    args.out = args.out or (QUICK_RESULTS if args.quick else RESULTS)
    args.memo_sizes = _ints(args.memo_sizes)
    args.net_pages = args.net_pages.split(",")
    args.load_levels = _ints(args.load_levels)
    args.memory_scales = {s.strip() for s in args.memory_scales.split(",")}
    if args.only:
        asyncio.run(only(args))
        return
    if not chromium_path():
        sys.exit("Debian's chromium is not installed. Install it with: sudo apt-get install -y chromium")
    scales = [s.strip() for s in args.scales.split(",") if s.strip()]

    from funding import dataset, paths

    TMP_ROOT.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="run-", dir=TMP_ROOT))
    started = time.perf_counter()
    raws, rows = {}, {}
    try:
        for label in scales:
            factor = int(label)
            env_extra: dict[str, str] = {}
            folder = paths.data_dir() / "curated"
            if factor != 1:
                folder = tmp / f"curated-x{factor}"
                synthetic.write(factor, folder)
                env_extra["FUNDING_CURATED_DIR"] = str(folder)
            rows[label] = len(dataset.load(folder).allocations)
            if args.profile:
                from components.navigation import PAGES

                pages = [p for p in PAGES if args.pages is None or p.url_path in args.pages.split(",")]
                for text in asyncio.run(profile_pages(pages, env_extra, args.reruns, tmp / f"x{label}")).values():
                    print(text)
                continue
            print(f"\n== {label}x: {rows[label]} allocation rows ({time.perf_counter() - started:.0f} s) ==",
                  flush=True)
            raws[label] = measure_dataset(label, env_extra, args, tmp / f"x{label}")
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    if args.profile:
        return
    result = assemble(raws, rows, args)
    result["bench_wall_s"] = round(time.perf_counter() - started)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print_table(result)
    shown = args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out
    print(f"\nwritten {shown} in {result['bench_wall_s']} s")


if __name__ == "__main__":
    main()
