"""AppTest helpers for the benchmark: the main table of each chartless page, and profiling a page's reruns.

Run by bench/run.py in a fresh process per dataset (so FUNDING_CURATED_DIR and every cache start clean):

    .venv/bin/python bench/apptest.py --out tables.json --table-dir floors/
    .venv/bin/python bench/apptest.py --profile over-tid [--runs 20]      # cProfile of 20 unchanged reruns
    .venv/bin/python bench/apptest.py --times [--runs 20]                 # median unchanged rerun per page

Rerun times themselves are measured in the real server (bench/timed_server.py), not here: with
st.navigation, AppTest 1.67 drops the entrypoint's sidebar widgets from its element tree after the
first run and loses their values, so a sidebar filter change cannot be made through AppTest. Pages
run normally otherwise, which is all the tables and the profile need.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import floor  # noqa: E402 (needs the repository on sys.path first)

TIMEOUT_S = 300


def timed_run(at) -> float:
    start = time.perf_counter()
    at.run(timeout=TIMEOUT_S)
    elapsed = (time.perf_counter() - start) * 1000
    if at.exception:
        raise RuntimeError(f"the page raised: {at.exception[0].value}")
    return elapsed


def main_table(at):
    """The first table on the page as a DataFrame (st.dataframe or st.table), or None."""
    if len(at.dataframe):
        return at.dataframe[0].value
    if len(at.table):
        return at.table[0].value
    return None


def app_on(page_script: str | None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
    timed_run(at)
    if page_script:
        at.switch_page(page_script)
        timed_run(at)
    return at


def tables(table_dir: Path) -> dict:
    """For each page: how many charts AppTest sees, and the floor file of its main table if it has no chart."""
    from components.navigation import PAGES

    at = app_on(None)
    out = {}
    for spec in PAGES:
        at.switch_page(spec.script)
        timed_run(at)
        charts = len(at.get("plotly_chart"))
        table = main_table(at)
        path = None
        if not charts and table is not None:
            path = floor.write(table_dir / f"{spec.url_path or 'start'}.html", floor.table_html(spec.title_sv, table))
        out[spec.url_path] = {"charts": charts, "table": table is not None, "table_floor": str(path) if path else None}
    return out


def profile(url_path: str, runs: int) -> str:
    from components.navigation import by_url_path

    at = app_on(by_url_path(url_path).script)
    profiler = cProfile.Profile()
    times = []
    profiler.enable()
    for _ in range(runs):
        times.append(timed_run(at))
    profiler.disable()
    stream = io.StringIO()
    stream.write(f"{runs} AppTest reruns of /{url_path}: median {statistics.median(times):.0f} ms\n")
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(45)
    return stream.getvalue()


def rerun_times(runs: int) -> dict[str, float]:
    """Median of `runs` unchanged AppTest reruns per page: a quick check of server time, for A/B trials."""
    from components.navigation import PAGES

    at = app_on(None)
    out = {}
    for spec in PAGES:
        at.switch_page(spec.script)
        timed_run(at)
        out[spec.url_path] = round(statistics.median(timed_run(at) for _ in range(runs)), 1)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--table-dir", type=Path)
    parser.add_argument("--profile", metavar="URL_PATH", help="cProfile the reruns of this page ('' = start)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--times", action="store_true", help="print the median AppTest rerun time per page")
    args = parser.parse_args(argv)
    if args.times:
        print(json.dumps(rerun_times(args.runs)))
        return
    if args.profile is not None:
        print(profile(args.profile, args.runs))
        return
    if not args.out or not args.table_dir:
        parser.error("--out and --table-dir are needed (or --profile)")
    args.out.write_text(json.dumps(tables(args.table_dir), indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
