"""Let the browser fetch, while Streamlit's client starts, the code a page's first elements will need.

Streamlit's client loads the code of a chart, a widget or a data grid only when the first element of its kind
arrives over the websocket, i.e. after the client has started, connected and the script has run: one round
trip more on every first visit, and for Plotly 1,2 MB that start only then. On a phone's network (150 ms a
round trip, 9 Mbit/s) that was most of what separated the dashboard from its target. The page shell now names,
for the page it is sent for, those chunks and what they import as <link rel="modulepreload">, so they download
while the client starts. Per page, because Plotly is not needed on the table pages, nor the grid on most
chart pages: fetched without use, they would cost what they are meant to save.

The chunks' names carry content hashes that change with every Streamlit release, so the pages name the
components (the file stems) and the chunks are found in Streamlit's own static folder at start-up.
tests/browser/test_preload.py checks, page by page, that what is named is what the page loads.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

# What the first run of each page draws, by the stem of the chunk Streamlit's client loads for it. Every page
# has the sidebar: the language radio, the filters' multiselects and the "clear filters" button.
SIDEBAR = ("Radio", "Multiselect", "Button")
CHARTS = ("PlotlyChart",)
GRID = ("DataFrame",)
PAGES: dict[str, tuple[str, ...]] = {
    "": SIDEBAR + CHARTS + ("Metric", "Selectbox"),
    "regioner": SIDEBAR + CHARTS,
    "over-tid": SIDEBAR + CHARTS,
    "fokusomraden": SIDEBAR + CHARTS,
    "regionprofil": SIDEBAR + CHARTS + GRID + ("Metric", "Selectbox", "DownloadButton"),
    "data": SIDEBAR + GRID + ("Selectbox", "DownloadButton"),
    "om": SIDEBAR + GRID,
}
_IMPORT = re.compile(r'(?:\bfrom|\bimport)\s*"\./([\w.\-]+\.js)"')
# What the shell already loads: its module script and its own modulepreload links.
_SHELL = re.compile(r'(?:href|src)="\./static/js/([\w.\-]+\.js)"')


def _imports(js: Path, name: str) -> list[str]:
    """The chunks a chunk imports statically (`import ... from"./x.js"`, `import"./x.js"`), which come first
    in its text; lazy `import("./x.js")` calls are left out: such a chunk is loaded only when used."""
    return _IMPORT.findall((js / name).read_text(encoding="utf-8", errors="replace")[:30000])


def chunks(static_dir: Path, page: str) -> tuple[str, ...]:
    """The chunk files (names in static/js) to preload for a page, beyond those the shell already names;
    () for a path that is not a page (Streamlit's 404 page, a typo): those are not remembered either."""
    page = page.strip("/")
    return _chunks(static_dir, page) if page in PAGES else ()


@cache
def _chunks(static_dir: Path, page: str) -> tuple[str, ...]:
    stems = PAGES[page]
    js = static_dir / "static" / "js"
    shell = set(_SHELL.findall((static_dir / "index.html").read_text(encoding="utf-8", errors="replace")))
    found: dict[str, None] = {}
    todo = [p.name for stem in stems for p in sorted(js.glob(f"{stem}.*.js"))]
    while todo:
        name = todo.pop(0)
        if name in found or name in shell or not (js / name).is_file():
            continue
        found[name] = None
        todo += _imports(js, name)
    return tuple(found)


def links(static_dir: Path, page: str) -> bytes:
    return "".join(f'<link rel="modulepreload" crossorigin href="./static/js/{n}">'
                   for n in chunks(static_dir, page)).encode()
