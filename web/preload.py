"""Let the browser fetch Plotly's code while Streamlit's client starts, on the pages that draw charts.

Streamlit's client loads the code of a chart only when the first chart element arrives over the websocket,
i.e. after the client has started, connected and the script has run; for Plotly that is 1,2 MB that only
start downloading then. On a phone's network (150 ms a round trip, 9 Mbit/s) that was the largest part of
what separated the dashboard from its target. The page shell of a chart page therefore names that one chunk
as <link rel="modulepreload">, so it downloads while the client starts.

Only that chunk, and only on chart pages: bench/README.md has the measurements. Preloading every chunk a
page's first run needs (about 30 to 60 small files, with the widgets' and the grid's) made a first visit
slower under the emulated network, not faster: over HTTP/1.1 the browser opens six connections to a host, and
the small files queued in front of the client's own start-up (/data went from 0.84 to 0.96 of the bare
app's time). Plotly's chunk is the one whose download outlasts a round trip many times over.

The chunk's name carries a content hash that changes with every Streamlit release, so it is found in
Streamlit's own static folder at start-up.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

# The pages whose first run draws a Plotly chart (components/navigation.PAGES; a test keeps the two in step).
CHART_PAGES = ("", "regioner", "over-tid", "fokusomraden", "regionprofil")
TABLE_PAGES = ("data", "om")
CHUNK_STEM = "PlotlyChart"


def chunks(static_dir: Path, page: str) -> tuple[str, ...]:
    """The chunk files (names in static/js) to preload for a page; () for a page without charts and for a path
    that is not a page (Streamlit's 404 page, a typo): those are not remembered either."""
    page = page.strip("/")
    return _plotly(static_dir) if page in CHART_PAGES else ()


@cache
def _plotly(static_dir: Path) -> tuple[str, ...]:
    return tuple(p.name for p in sorted((static_dir / "static" / "js").glob(f"{CHUNK_STEM}.*.js")))


def links(static_dir: Path, page: str) -> bytes:
    return "".join(f'<link rel="modulepreload" crossorigin href="./static/js/{n}">'
                   for n in chunks(static_dir, page)).encode()
