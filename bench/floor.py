"""The physical floor for time to first chart: one static HTML file per page, opened from disk.

A floor page holds exactly the Plotly figures the app drew on that page (data, layout and config read
back from the drawn charts in the browser, Streamlit's theme included), with plotly.js from the
installed plotly package inlined: no server, no websocket, no CDN. A page without charts gets a static
HTML table of the same rows as its main table. Each chart sits in an element with the same data-testid as Streamlit's,
so the browser benchmark waits for both in exactly the same way.
"""

from __future__ import annotations

import functools
import html
import json
from pathlib import Path

import pandas as pd


@functools.cache
def plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def _script_json(value: object) -> str:
    # Data inside a <script>: "</" would end the script early, so it is escaped the JSON way.
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def _page(title: str, body: str, with_plotly: bool) -> str:
    head_script = f"<script>{plotly_js()}</script>" if with_plotly else ""
    return (
        "<!doctype html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title>{head_script}"
        "<style>body{font-family:sans-serif;margin:2rem 4rem}"
        "table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #ddd}</style>"
        f"</head><body><h1>{html.escape(title)}</h1>\n{body}\n</body></html>\n"
    )


def figures_html(title: str, figures: list[dict]) -> str:
    """A static page with every figure, each {"data", "layout", "config"} as the app's page drew it."""
    parts = []
    for i, fig in enumerate(figures):
        layout = fig.get("layout") or {}
        config = dict(fig.get("config") or {}, responsive=True)
        height = layout.get("height") or 450
        parts.append(
            f"<div data-testid=\"stPlotlyChart\"><div id=\"fig{i}\" style=\"width:100%;height:{int(height)}px\">"
            f"</div></div>\n<script>Plotly.newPlot(\"fig{i}\", {_script_json(fig.get('data') or [])}, "
            f"{_script_json(layout)}, {_script_json(config)});</script>"
        )
    return _page(title, "\n".join(parts), with_plotly=True)


def table_html(title: str, frame: pd.DataFrame) -> str:
    """A static page with the page's main table (pandas escapes every cell)."""
    table = frame.to_html(index=False, escape=True, border=0, na_rep="")
    return _page(title, f"<div data-testid=\"stTable\">{table}</div>", with_plotly=False)


def write(path: Path, content: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path
