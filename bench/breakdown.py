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

# The app's own script (deferred) runs before Streamlit's module script when it comes first in <head>; there
# it tells Streamlit's client where the server is, so a deep link (/regioner) does not first try
# /regioner/_stcore/health and host-config (404) before /_stcore/...: one round trip less before the websocket.
_BASE_HINT_JS = """(function () {
  var src = document.currentScript && document.currentScript.src;
  var at = src ? src.indexOf("/_app/app.js") : -1;
  if (at > 0) window.__streamlit = Object.assign({}, window.__streamlit, {BACKEND_BASE_URL: src.slice(0, at)});
})();
"""

# The chunks Streamlit's client loads only when the first element of their kind arrives (a chart, a widget),
# announced in the page shell with <link rel=modulepreload>, with the chunks they import: fetched while the
# client starts instead of one round trip (and, for Plotly, 1.2 MB) after the script's first elements.
_PRELOAD_PY = '''

def _preload_links() -> bytes:
    import re as _re

    from streamlit import file_util

    js = Path(file_util.get_static_dir()) / "static" / "js"
    wanted = [p for stem in PRELOAD for p in js.glob(stem + ".*.js")]
    seen: dict[str, None] = {}
    todo = [p.name for p in wanted]
    while todo:
        name = todo.pop()
        if name in seen or not (js / name).is_file():
            continue
        seen[name] = None
        head = (js / name).read_text(encoding="utf-8", errors="replace")[:4000]
        todo += _re.findall(r'from"\\./([^"]+\\.js)"', head) + _re.findall(r'import"\\./([^"]+\\.js)"', head)
    return "".join(f'<link rel="modulepreload" crossorigin href="./static/js/{n}">' for n in seen).encode()
'''

_SIDEBAR = "    sidebar.draw(options, labels, latest_year_for(ds), series_page=_spec(nav.url_path).series_only)\n"
PATCHES: dict[str, list[tuple[str, str, str]]] = {
    # (file, old, new): each old text must occur in the file.
    "basehint": [
        ("web/assets.py", 'at = html.find(b"</head>")\n    return None if at < 0 else html[:at] + snippet + html[at:]',
         'at = html.find(b"<head>")\n    return None if at < 0 else html[:at + 6] + snippet + html[at + 6:]'),
        ("assets/app.js", "(function () {\n  \"use strict\";", _BASE_HINT_JS + "(function () {\n  \"use strict\";"),
    ],
    "preload": [
        ("web/assets.py", "class AppAssets:",
         'PRELOAD = ("PlotlyChart", "Radio", "Multiselect", "Metric", "Button", "DownloadButton")\n' + _PRELOAD_PY
         + "\n\nclass AppAssets:"),
        ("web/assets.py", '(f\'<script defer src="./_app/app.js?v={js.version}"></script>\' if js else "")).encode()',
         '(f\'<script defer src="./_app/app.js?v={js.version}"></script>\' if js else "")).encode() '
         '+ _preload_links()'),
    ],
    "nosidebar": [
        ("components/shell.py", _SIDEBAR, ""),
    ],
    "sidebar-after": [
        ("components/shell.py", _SIDEBAR, ""),
        ("components/shell.py", "    nav.run()",
         "    nav.run()\n" + _SIDEBAR.rstrip("\n")),
    ],
}
PATCHES["basehint+preload"] = PATCHES["basehint"] + PATCHES["preload"]
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
_LATE_FALLBACK = ('window.addEventListener("load", function () { window.setTimeout(function () '
                  '{ preloadLate("load"); }, 3000); });')
PATCHES["late-at-once"] = [("assets/app.js", _LATE_FALLBACK, 'preloadLate("at-once");')]
PATCHES["late-at-dcl"] = [("assets/app.js", _LATE_FALLBACK,
                           'document.addEventListener("DOMContentLoaded", function () { preloadLate("dcl"); });')]
# Plotly's chunk evaluated (imported) as soon as the client has asked the server for its first run, so that its
# one long task overlaps the server's run and the messages' way back instead of following them.
_EARLY_PLOTLY = """
  var earlySend = window.WebSocket && window.WebSocket.prototype.send;
  var earlyDone = false;
  if (earlySend) window.WebSocket.prototype.send = function () {
    var r = earlySend.apply(this, arguments);
    if (!earlyDone) { earlyDone = true; var l = document.querySelector("link[rel='modulepreload']");
      if (l) window.setTimeout(function () { import(l.href).catch(function () {}); }, 0); }
    return r;
  };
"""
PATCHES["early-plotly"] = [("assets/app.js", _LATE_FALLBACK, _LATE_FALLBACK + _EARLY_PLOTLY)]
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
PATCHES["preload+profile-static-tables"] = PATCHES["preload"] + PATCHES["profile-static-tables"]
# No Material icon in the pages' shell (navigation, buttons, notices): the 375 kB icon font is then not needed on
# a first visit. Only to measure what the icons cost on a network.
ICONS = "<icons>"
PATCHES["preload+no-icons"] = PATCHES["preload"] + [(ICONS, "", "")]
PATCHES["basehint+preload+no-icons"] = PATCHES["basehint+preload"] + [(ICONS, "", "")]


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


async def main_async(args) -> None:
    from playwright.async_api import async_playwright

    pages = args.pages.split(",")
    tmp = run.TMP_ROOT / "breakdown"
    shutil.rmtree(tmp, ignore_errors=True)
    elements_dir = tmp / "elements"
    counts = await capture(pages, elements_dir, tmp)
    variants = args.variants.split(",")
    servers, urls = {}, {}
    try:
        for name in variants:
            if name == "app":
                servers[name] = run.Server({}, tmp)
            elif name.startswith("bare"):
                extras = ",".join(name.split("+")[1:])
                servers[name] = run.Server({"BENCH_ELEMENTS_DIR": str(elements_dir), "BENCH_BARE_EXTRAS": extras},
                                           tmp, ROOT / "bench" / "bare_app.py")
            else:
                copy = make_copy(name.removeprefix("app-"))
                servers[name] = run.Server({}, tmp, copy / "app.py", cwd=copy)
            servers[name].__enter__()
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
            for page in pages:
                expected = {"charts": counts.get(page, 0)}
                for name, server in servers.items():
                    if name.startswith("bare"):
                        urls[name] = f"{server.base}/?page={run.page_name(page)}"
                        if "nav" in name:
                            urls[name] = f"{server.base}/{page}?page={run.page_name(page)}"
                    else:
                        urls[name] = run.url_for(server.base, page)
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
    finally:
        for server in servers.values():
            if hasattr(server, "proc"):
                server.__exit__(None, None, None)


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
