"""Let the browser fetch the client code a page's first run needs before the client asks for it, in two steps.

Streamlit's client loads the code of an element (a chart, a data grid, a widget) only when the first element of
its kind arrives over the websocket, i.e. after the client has started, checked the server, connected and the
script has run. On a phone's network (150 ms a round trip, 9 Mbit/s) each of those files then costs a round trip
of its own, and over HTTP/1.1 the browser has six connections to a host: /data's first run needs 58 small files,
about ten rounds of 150 ms after the websocket's first message.

1. `chunks`, links at the start of <head>: Plotly's chunk (1,2 MB) on chart pages, so that its long download
   runs while the client starts.
2. `late`, names in a <meta> at the end of <head>, which assets/app.js turns into low-priority preloads right
   after the client's own health and host-config requests: while the client connects, the connections are
   otherwise idle. The files the page's first element needs come first (the data grid on a table page, what
   Plotly's chunk imports on a chart page), then the rest of the page, then the filter panel's widgets.

Asked for earlier, the same files made a first visit slower (bench/README.md, "Preloading code"): as links in
<head>, before or after Streamlit's own, they queued in front of the client's start-up code or its health check.
The order is the point. A browser test compares the lists with what the client really asks for.

Where the browser has a service worker, the late list's files come in one response instead (web/bundle.py; the
<meta> names it), and so do the client's start-up files; the links are what a browser without one gets.

The files' names carry a content hash that changes with every Streamlit release, so they are found in Streamlit's
own static folder, with the chunks each one imports.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

# The client's chunks (file stems in static/js) each page's first run loads: the element the page is about, then
# the rest of the page, then the filter panel's widgets, which every page has.
MAIN_ROOTS = {
    "": ("PlotlyChart", "Metric"),
    "regioner": ("PlotlyChart",),
    "over-tid": ("PlotlyChart",),
    "fokusomraden": ("PlotlyChart",),
    "regionprofil": ("PlotlyChart",),
    "data": ("DataFrame",),
    "om": ("DataFrame",),
}
OTHER_ROOTS = {
    "": ("Selectbox",),
    "regionprofil": ("DataFrame", "Metric", "Selectbox", "DownloadButton"),
    "data": ("Selectbox", "DownloadButton"),
}
LANGUAGE_ROOTS = ("Radio",)
SIDEBAR_ROOTS = (*LANGUAGE_ROOTS, "Multiselect", "Button")
# The pages whose filter panel holds only the language switch (components/navigation.PageSpec.filtered; a test
# keeps the two in step).
LANGUAGE_ONLY = ("om",)
CHUNK_STEM = "PlotlyChart"
# The pages whose first run draws a Plotly chart, and the others (components/navigation.PAGES; a test keeps
# them in step).
CHART_PAGES = tuple(page for page, roots in MAIN_ROOTS.items() if CHUNK_STEM in roots)
TABLE_PAGES = tuple(page for page in MAIN_ROOTS if page not in CHART_PAGES)
# A chunk's static imports, as the bundler writes them (import{a as b}from"./x.js" and import"./x.js").
_IMPORT = re.compile(r'(?:from|import)\s*"\./([\w.\-]+\.js)"')


def chunks(static_dir: Path, page: str) -> tuple[str, ...]:
    """The chunk files (names in static/js) to preload first for a page; () for a page without charts and for a
    path that is not a page (Streamlit's 404 page, a typo): those are not remembered either."""
    page = page.strip("/")
    return _plotly(static_dir) if page in CHART_PAGES else ()


@cache
def _plotly(static_dir: Path) -> tuple[str, ...]:
    return tuple(p.name for p in sorted((static_dir / "static" / "js").glob(f"{CHUNK_STEM}.*.js")))


def late(static_dir: Path, page: str) -> tuple[str, ...]:
    """Step 2: what the page's first run loads beyond step 1 and the shell's own files (names in static/js and
    static/css), the page's first element first; () for a path that is not a page, and not remembered (the
    path comes from the request: any address would otherwise add an entry)."""
    page = page.strip("/")
    return _late(static_dir, page) if page in MAIN_ROOTS else ()


@cache
def _late(static_dir: Path, page: str) -> tuple[str, ...]:
    shell = (static_dir / "index.html").read_text(encoding="utf-8", errors="replace")
    known = set(re.findall(r'static/(?:js|css)/([\w.\-]+\.(?:js|css))', shell)) | set(chunks(static_dir, page))
    sidebar = LANGUAGE_ROOTS if page in LANGUAGE_ONLY else SIDEBAR_ROOTS
    return _closure(static_dir, MAIN_ROOTS[page] + OTHER_ROOTS.get(page, ()) + sidebar, known)


def _closure(static_dir: Path, stems: tuple[str, ...], known: set[str]) -> tuple[str, ...]:
    """Each root's stylesheet (Streamlit's loader waits for it before the chunk runs) and chunk with every chunk
    it imports, root after root (a root's files all before the next root's), less the `known` files."""
    js, css = static_dir / "static" / "js", static_dir / "static" / "css"
    seen: dict[str, None] = {}
    for stem in stems:
        seen.update(dict.fromkeys(p.name for p in sorted(css.glob(f"{stem}.*.css"))))
        todo = [p.name for p in sorted(js.glob(f"{stem}.*.js"))]
        while todo:
            name = todo.pop(0)
            if name in seen or not (js / name).is_file():
                continue
            seen[name] = None
            todo += _IMPORT.findall((js / name).read_text(encoding="utf-8", errors="replace"))
    return tuple(n for n in seen if n not in known)


def links(static_dir: Path, page: str) -> bytes:
    """Step 1, for the start of <head>."""
    return "".join(f'<link rel="modulepreload" crossorigin href="./static/js/{n}">'
                   for n in chunks(static_dir, page)).encode()


def late_meta(static_dir: Path, page: str, bundle: str = "") -> bytes:
    """Step 2, for the end of <head>: the names, for assets/app.js, and where the same files are as one response
    (web/bundle.py: `bundle` is its address under <base>/_app/late/, made of page names and a hash only)."""
    names = late(static_dir, page)
    if not names:
        return b""
    extra = f' data-bundle="{bundle}"' if bundle else ""
    return f'<meta name="app-late-preload" content="{" ".join(names)}"{extra}>'.encode()
