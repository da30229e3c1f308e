"""Where the dashboard's time to first chart goes: the app beside bare Streamlit and variants in between.

    .venv/bin/python bench/breakdown.py --pages regioner,data --loads 7            # localhost
    .venv/bin/python bench/breakdown.py --pages regioner --loads 3 --network        # the emulated network

Every variant is loaded in turn, load after load (so a busy moment of the machine hits all of them alike),
and each gets the median of its loads, and its ratio to the bare app:

- `app`: the dashboard as it is (app.py through its st.App).
- `bare`: bench/bare_app.py, the same chart (or table) elements and nothing else.
- `bare+sidebar`, `bare+nav`, `bare+sidebar+nav`, `bare+sidebar+nav+chrome`, `bare+sidebar+after`: the bare app
  with pieces of the dashboard's shell added (BENCH_BARE_EXTRAS, see bench/bare_app.py).
- `app-<patch>`: a copy of the dashboard under bench/tmp/variants/ with one change applied (PATCHES below),
  served like the app: the measured effect of an app-side change, made without touching the app.
The page's elements for the bare app are captured from the app's first run over a websocket session.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import run, wsload  # noqa: E402 (needs the repository on sys.path first)
from tests.browser.conftest import CHROMIUM_ARGS, chromium_path  # noqa: E402

VARIANTS_DIR = run.TMP_ROOT / "variants"
COPIED = ("app.py", "components", "views", "funding", "web", "assets", ".streamlit")

_SIDEBAR = ("    sidebar.draw(options, labels, latest_year_for(ds), series_page=spec.series_only, "
            "boxes=spec.filtered)\n")
PATCHES: dict[str, list[tuple[str, str, str]]] = {
    # (file, old, new): each old text must occur in the file.
    "nosidebar": [
        ("components/shell.py", _SIDEBAR, ""),
    ],
    "sidebar-after": [
        ("components/shell.py", _SIDEBAR, ""),
        ("components/shell.py", "    nav.run()",
         "    nav.run()\n" + _SIDEBAR.rstrip("\n")),
    ],
}
# The filter panel with one kind of widget left out, to see which of them the first chart waits for.
_YEAR_MULTI = '        _multi("years", tr("f_year"), options.years, str,\n'
PATCHES["sidebar-no-multiselects"] = [
    ("components/sidebar.py", _YEAR_MULTI, _YEAR_MULTI.replace("_multi(", "0 and _multi(")),
    ("components/sidebar.py", '        _multi("region_codes",', '        0 and _multi("region_codes",'),
]
PATCHES["sidebar-no-radio"] = [("components/sidebar.py", '        st.radio(tr("language")',
                                 '        0 and st.radio(tr("language")')]
PATCHES["sidebar-no-button"] = [("components/sidebar.py", '        st.button(tr("reset")',
                                  '        0 and st.button(tr("reset")')]
# The late preload (web/preload.late: the chunks of the page's first run) asked for as soon as app.js runs, or at
# DOMContentLoaded, instead of after the client's host-config request; or not at all.
_LATE_FALLBACK = ('  function lateFallback() { window.setTimeout(function () { preloadLate("load"); }, 3000); }\n')
PATCHES["late-at-once"] = [("assets/app.js", _LATE_FALLBACK, _LATE_FALLBACK + '  preloadLate("at-once");\n')]
PATCHES["late-at-dcl"] = [("assets/app.js", _LATE_FALLBACK, _LATE_FALLBACK
                           + '  document.addEventListener("DOMContentLoaded", function () { preloadLate("dcl"); });\n')]
# Plotly's chunk evaluated (imported) as soon as the client has asked the server for its first run, so that its
# one long task overlaps the server's run and the messages' way back instead of following them.
_EARLY_PLOTLY = """
  var earlySend = window.WebSocket && window.WebSocket.prototype.send;
  var earlyDone = false;
  if (earlySend) window.WebSocket.prototype.send = function () {
    var r = earlySend.apply(this, arguments);
    if (!earlyDone) { earlyDone = true;
      var l = document.querySelector("link[rel='modulepreload'][href*='PlotlyChart']");
      if (l) window.setTimeout(function () { import(l.href).catch(function () {}); }, 0); }
    return r;
  };
"""
PATCHES["early-plotly"] = [("assets/app.js", "  var originalFetch = window.fetch;\n",
                            "  var originalFetch = window.fetch;\n" + _EARLY_PLOTLY)]
# The code of the page's widgets and data grids evaluated (imported) by app.js as soon as the late bundle is with
# the worker, before the first run's elements ask for it: whether an element waits for its code or for React.
_LATE_HANDED = ('      controller.postMessage({ type: "bundle", batch: batch, prefix: staticPrefix, buffer: buffer },\n'
                '                             buffer ? [buffer] : []);\n')
PATCHES["preimport"] = [("assets/app.js", _LATE_HANDED, _LATE_HANDED + """      names.forEach(function (name) {
        if (/^(DataFrame|Radio|Multiselect|Button|DownloadButton|Selectbox)\\./.test(name)) {
          import(staticPrefix + "js/" + name).catch(function () {});
        }
      });
""")]
PATCHES["no-late-preload"] = [("web/assets.py", "self.assets.head_end() + preload.late_meta(static, rel, "
                                "bundle.meta_attr(static, rel))", "self.assets.head_end()")]
# The client's code as Streamlit's page shell asks for it, file by file, without the service worker's bundles
# (web/bundle.py): the app as it was before them. And the page shell without the entry script but no worker to
# hand the bundle over (a browser without service workers): app.js then starts the client with the preloads.
_DEFER = '    names = shell_files(static)\n    made = build(static, SHELL)\n'
_META_ATTR = '    if page not in preload.MAIN_ROOTS:\n        return ""\n    made = build(static, page)\n'
PATCHES["no-worker"] = [("web/bundle.py", _DEFER, '    return html, b""\n' + _DEFER),
                        ("web/bundle.py", _META_ATTR, '    return ""\n' + _META_ATTR)]
PATCHES["worker-refused"] = [("assets/app.js", "    var sw = navigator.serviceWorker;\n", "    var sw = null;\n")]

# /data at 100x: pandas' Styler refuses more than 262,144 cells (StreamlitAPIException on the page). Lifting the
# limit shows what styling every cell costs; dropping the Styler shows what the table costs without it (the
# numbers then shown unformatted: an upper bound for formatting in the browser with st.column_config instead).
_STYLED = 'styled = frame.style.format(formatters, na_rep="–") if formatters else frame'
PATCHES["styler-limit"] = [("components/blocks.py", _STYLED,
                            'pd.set_option("styler.render.max_elements", 10**8)\n    ' + _STYLED),
                           ("components/blocks.py", "import streamlit as st",
                            "import pandas as pd\nimport streamlit as st")]
PATCHES["no-styler"] = [("components/blocks.py", _STYLED, "styled = frame")]
# /regionprofil's two tables as text tables (st.table) instead of data grids: the page then needs no data grid
# code (about 0.32 MB compressed) on a first visit. Only to measure what the grids cost: st.table cannot be
# scrolled with the keyboard (the reason blocks.table_view uses st.dataframe).
PATCHES["profile-static-tables"] = [
    ("views/regionprofil.py", "blocks.table_view(ctx, view.own, alt=tr(\"rp_streams_title\", years=years))",
     "st.table(view.own.frame)"),
    ("views/regionprofil.py", "blocks.table_view(ctx, view.joint, alt=tr(\"rp_joint_title\", years=years))",
     "st.table(view.joint.frame)"),
]
# /regionprofil's late list without the data grid's chunks (the grids are below the chart): the grid's code then
# does not share the phone's bandwidth with what the chart needs, and loads when the grids arrive.
PATCHES["profile-late-no-grid"] = [("web/preload.py", '"regionprofil": ("DataFrame", "Metric", ',
                                    '"regionprofil": ("Metric", ')]
# /regionprofil without what it draws above its chart besides the other pages' chrome: the key figures, the
# workbook's download button.
PATCHES["profile-no-metrics"] = [("views/regionprofil.py", "        blocks.metrics_row(view.metrics, columns=3)",
                                  "        pass")]
PATCHES["profile-no-download"] = [("views/regionprofil.py", "    downloads.rows_download(view.all_rows,",
                                   "    0 and downloads.rows_download(view.all_rows,")]
# Each key figure's caveats, and each chart's notes, as one caption (paragraphs) instead of one caption each:
# fewer Markdown elements for the client to draw (Streamlit's Markdown renderer, React and styling per element).
PATCHES["merged-captions"] = [
    ("components/blocks.py", "                for note in item.notes:\n                    caption(note)",
     '                caption("\\n\\n".join(item.notes))'),
    ("components/blocks.py", "        for note in spec.notes:\n            caption(note)",
     '        caption("\\n\\n".join(spec.notes))'),
]
# No Material icon in the pages' shell (navigation, buttons, notices): the 375 kB icon font is then not needed on
# a first visit. Only to measure what the icons cost on a network.
ICONS = "<icons>"
PATCHES["no-icons"] = [(ICONS, "", "")]


def make_copy(name: str) -> Path:
    """A copy of the app with the named patches applied (re-made every time, so it follows the app)."""
    target = VARIANTS_DIR / name
    shutil.rmtree(target, ignore_errors=True)
    for item in COPIED:
        source = ROOT / item
        if source.is_dir():
            shutil.copytree(source, target / item, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / item)
    (target / "data").symlink_to(ROOT / "data", target_is_directory=True)  # read only: the real curated data
    for file, old, new in PATCHES[name]:
        if file == ICONS:  # every Material icon named in the app's code left out
            for path in (target / "components").rglob("*.py"):
                text = path.read_text(encoding="utf-8")
                path.write_text(re.sub(r'":material/[a-z_]+:"', "None", text), encoding="utf-8")
            continue
        path = target / file
        text = path.read_text(encoding="utf-8")
        if old not in text:
            raise SystemExit(f"patch {name}: {file} no longer has the text to change; update bench/breakdown.py")
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


async def capture(pages: list[str], elements_dir: Path, tmp: Path) -> dict[str, int]:
    """Run each page once in the app (one websocket session) to capture its elements; return its chart count."""
    counts = {}
    with run.Server({"BENCH_ELEMENTS_DIR": str(elements_dir)}, tmp) as server:
        async with wsload.Session(server.base) as session:
            for page in pages:
                await session.run(page, run.PAGE_QUERY.get(page, ""))
        for record in server.runs():
            counts[record["url_path"]] = record["elements"].get("plotly_chart", 0)
    return counts


BARE_EXTRAS = ("sidebar", "nav", "chrome", "after")


def check_variants(names: list[str]) -> None:
    """Stop with the list of known variants before any server starts, not with a KeyError halfway."""
    for name in names:
        extras = name.split("+")[1:] if name.startswith("bare") else []
        known = (name == "app" or (name.startswith("bare") and name.split("+")[0] == "bare"
                                   and set(extras) <= set(BARE_EXTRAS))
                 or (name.startswith("app-") and name.removeprefix("app-") in PATCHES))
        if not known:
            raise SystemExit(f"unknown variant {name!r}: app, bare[+{'][+'.join(BARE_EXTRAS)}], "
                             f"app-<{'|'.join(PATCHES)}>")


def variant_server(name: str, elements_dir: Path, tmp: Path) -> run.Server:
    """The (not yet started) server of a variant: the app, the bare app with its extras, or a patched copy."""
    if name == "app":
        return run.Server({}, tmp)
    if name.startswith("bare"):
        extras = ",".join(name.split("+")[1:])
        return run.Server({"BENCH_ELEMENTS_DIR": str(elements_dir), "BENCH_BARE_EXTRAS": extras}, tmp,
                          ROOT / "bench" / "bare_app.py")
    copy = make_copy(name.removeprefix("app-"))
    return run.Server({}, tmp, copy / "app.py", cwd=copy)


def variant_url(name: str, server: run.Server, page: str) -> str:
    if not name.startswith("bare"):
        return run.url_for(server.base, page)
    # The bare app draws the page named in its query; with its navigation, under the page's own path.
    return f"{server.base}/{page if 'nav' in name else ''}?page={run.page_name(page)}"


@contextlib.contextmanager
def started(names: list[str], elements_dir: Path, tmp: Path):
    """Every variant's server, started in turn and stopped again however the measurement ends."""
    check_variants(names)
    servers: dict[str, run.Server] = {}
    try:
        for name in names:
            servers[name] = variant_server(name, elements_dir, tmp)
            servers[name].__enter__()
        yield servers
    finally:
        for server in servers.values():
            if hasattr(server, "proc"):
                server.__exit__(None, None, None)


async def main_async(args) -> None:
    from playwright.async_api import async_playwright

    pages = args.pages.split(",")
    variants = args.variants.split(",")
    check_variants(variants)
    tmp = run.TMP_ROOT / "breakdown"
    shutil.rmtree(tmp, ignore_errors=True)
    elements_dir = tmp / "elements"
    counts = await capture(pages, elements_dir, tmp)
    with started(variants, elements_dir, tmp) as servers:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
            for page in pages:
                expected = {"charts": counts.get(page, 0)}
                urls = {name: variant_url(name, server, page) for name, server in servers.items()}
                for name in servers:
                    if (await run.timed_load(browser, urls[name], expected))["ttfc"] is None:  # a first load apart
                        raise SystemExit(f"{name} did not draw /{page}: see {tmp / 'server.log'}")
                samples: dict[str, list] = {name: [] for name in servers}
                sizes: dict[str, list] = {name: [] for name in servers}
                for _ in range(args.loads):
                    for name in servers:
                        load = await run.timed_load(browser, urls[name], expected, run.LOAD_TIMEOUT_MS * 2,
                                                    run.NETWORK if args.network else None)
                        samples[name].append(load["ttfc"])
                        sizes[name].append(load.get("bytes"))
                bare = run.median(samples.get("bare", []))
                print(f"\n/{page} ({expected['charts']} charts, {args.loads} loads"
                      f"{', ' + run.NETWORK_LABEL if args.network else ', localhost'})")
                for name in servers:
                    med = run.median(samples[name])
                    extra = f"  {run.median(sizes[name]) / 1e6:.2f} MB" if args.network and sizes[name][0] else ""
                    print(f"  {name:<28} {run._fmt(med, '.3f')} s  x bare {run._fmt(run._ratio(med, bare), '.2f')}"
                          f"  samples {[run._round(s, 2) for s in samples[name]]}{extra}", flush=True)
            await browser.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="regioner,data", help="url paths, comma-separated ('' = start page)")
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--network", action="store_true", help="under the emulated network (bench/run.py NETWORK)")
    parser.add_argument("--variants", default="app,bare,bare+sidebar,bare+nav,bare+sidebar+nav+chrome",
                        help=f"comma-separated: app, bare[+sidebar][+nav][+chrome][+after], app-<{'|'.join(PATCHES)}>")
    args = parser.parse_args(argv)
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
