"""What a first visit does before its first chart: moments, long tasks and Streamlit's skeletons, app against bare.

    .venv/bin/python bench/timeline.py --pages regionprofil --loads 5
    .venv/bin/python bench/timeline.py --pages om --loads 5 --variants app,app-preimport,bare

bench/breakdown.py says how long; this says when. Each load (a fresh browser context, the variants in turn, load
after load, as in breakdown.py) records, in milliseconds since navigation start:

- moments, at the first DOM change where each holds: `app` (Streamlit's client has mounted),
  `heading` (the page's first heading is drawn), `sidebar` (the filter panel's first element), `grid` (a data
  grid is mounted), `chart` (a Plotly chart is mounted), `drawn` (what bench/run.py times: every chart has its
  SVG, or the main table its canvas); and the websocket's `ws-open`, first `ws-send` (the client asks for the
  first run) and first `ws-message` (the server's answer begins);
- the browser's long tasks (over 50 ms: start and length), where one task of 0.7 s on a chart page is Plotly's
  chunk being evaluated;
- how many of Streamlit's skeletons are on the page at each change: an element whose code is loaded lazily
  (every widget, the data grid, the chart) shows one until React draws it.

Medians of the moments per variant, then each load's long tasks and skeletons. bench/README.md ("Why the page
waits for its chart") reads them.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import breakdown, run  # noqa: E402 (needs the repository on sys.path first)
from tests.browser.conftest import CHROMIUM_ARGS, chromium_path  # noqa: E402

# Installed before any page script: marks each moment once, collects long tasks and skeleton counts.
TIMELINE_JS = """
(() => {
  const moments = {}, tasks = [], skeletons = [];
  window.__timeline = {moments, tasks, skeletons};
  const now = () => Math.round(performance.now());
  const MOMENTS = {
    app: "[data-testid='stApp']",
    heading: "[data-testid='stMain'] [data-testid='stHeading']",
    sidebar: "[data-testid='stSidebar'] [data-testid='stElementContainer']",
    grid: "[data-testid='stDataFrame']",
    chart: "[data-testid='stPlotlyChart']",
  };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push([Math.round(e.startTime), Math.round(e.duration)]);
    }).observe({type: "longtask", buffered: true});
  } catch (e) { /* no long task API: moments only */ }
  // The websocket's opening, the client's first message to the server (its first run's request) and the
  // server's first message back (the page's elements come right after it).
  const mark = (name) => { if (!(name in moments)) moments[name] = now(); };
  window.WebSocket = new Proxy(window.WebSocket, {
    construct(target, args) {
      const socket = Reflect.construct(target, args);
      socket.addEventListener("open", () => mark("ws-open"));
      socket.addEventListener("message", () => mark("ws-message"));
      const send = socket.send;
      socket.send = function () { mark("ws-send"); return send.apply(this, arguments); };
      return socket;
    },
  });
  let count = -1;
  const observer = new MutationObserver(() => {
    for (const [name, selector] of Object.entries(MOMENTS)) {
      if (document.querySelector(selector)) mark(name);
    }
    const n = document.querySelectorAll("[data-testid='stSkeleton']").length;
    if (n !== count) { count = n; skeletons.push([now(), n]); }
  });
  document.addEventListener("DOMContentLoaded", () => {
    observer.observe(document.documentElement, {childList: true, subtree: true});
  });
})();
"""


async def load(browser, url: str, expected: dict) -> dict | None:
    drawn = await run.timed_load(browser, url, expected, extra_js=TIMELINE_JS, collect="() => window.__timeline")
    if drawn["ttfc"] is None:
        return None
    out = drawn["collected"]
    out["moments"]["drawn"] = round(drawn["ttfc"] * 1000)
    return out


def report(page: str, loads: dict[str, list[dict | None]]) -> None:
    print(f"\n/{page} (ms since navigation start; medians of the loads drawn, of {max(map(len, loads.values()))})")
    for name, records in loads.items():
        drawn = [r for r in records if r]
        if not drawn:
            print(f"  {name:<22} no load drawn")
            continue
        medians = {k: statistics.median(r["moments"][k] for r in drawn if k in r["moments"])
                   for k in {k for r in drawn for k in r["moments"]}}
        moments = "  ".join(f"{k} {v:.0f}" for k, v in sorted(medians.items(), key=lambda kv: kv[1]))
        failed = f"  ({len(records) - len(drawn)} not drawn)" if len(drawn) < len(records) else ""
        print(f"  {name:<22} {moments}{failed}")
        for r in drawn:
            # The first count is the empty page's (0), at DOMContentLoaded.
            print(f"    drawn {r['moments']['drawn']:>5}  long tasks {r['tasks']}  skeletons {r['skeletons'][1:]}")


async def main_async(args) -> None:
    from playwright.async_api import async_playwright

    pages = args.pages.split(",")
    variants = args.variants.split(",")
    breakdown.check_variants(variants)
    tmp = run.TMP_ROOT / "timeline"
    shutil.rmtree(tmp, ignore_errors=True)
    elements_dir = tmp / "elements"
    counts = await breakdown.capture(pages, elements_dir, tmp)
    with breakdown.started(variants, elements_dir, tmp) as servers:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
            for page in pages:
                expected = {"charts": counts.get(page, 0)}
                urls = {name: breakdown.variant_url(name, server, page) for name, server in servers.items()}
                for name in servers:  # a first load apart (the server's imports, the data)
                    await load(browser, urls[name], expected)
                loads: dict[str, list] = {name: [] for name in servers}
                for _ in range(args.loads):
                    for name in servers:
                        loads[name].append(await load(browser, urls[name], expected))
                report(page, loads)
            await browser.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="regionprofil", help="url paths, comma-separated ('' = start page)")
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--variants", default="app,bare",
                        help=f"comma-separated: app, bare[+sidebar][+nav][+chrome][+after], "
                             f"app-<{'|'.join(breakdown.PATCHES)}>")
    asyncio.run(main_async(parser.parse_args(argv)))


if __name__ == "__main__":
    main()
