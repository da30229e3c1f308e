"""The look every chart shares: palette, status patterns, layout, the Plotly config. Builders only.

Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies). Status is never told by
colour alone: decided money is solid, estimated money hatched and announced money dotted and lighter, and
the status word is in every legend entry and hover text. All text is preformatted in the interface's number
format and escaped, because Plotly reads a few HTML tags in labels.
"""

from __future__ import annotations

import plotly.graph_objects as go

from funding.text.escape import plot_escape
from funding.text.labels import Labels

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
GREY = "#BBBBBB"
STATUS_STYLE = {
    "decided": {"shape": "", "opacity": 1.0},
    "estimated": {"shape": "/", "opacity": 0.8},
    "announced": {"shape": ".", "opacity": 0.5},
}
# Focus areas are told apart by colour and pattern; "/" and "." are kept for estimated and announced money.
FOCUS_PATTERNS = ("", "x", "-", "|", "+", "\\")
# The toolbar sits in the top margin (never over the data), is hidden on touch screens by assets/app.css, and
# is taken out of the Tab order by assets/app.js: the table under each chart is the keyboard's way to the data.
CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "zoom2d", "pan2d", "zoomIn2d", "zoomOut2d",
                               "resetScale2d", "zoomInGeo", "zoomOutGeo", "resetGeo", "hoverClosestGeo"],
    "scrollZoom": False,
    "responsive": True,
}
TOP_MARGIN = 40  # room for the toolbar above the plot area


def colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def layout(fig: go.Figure, labels: Labels, height: int, *, legend: bool = True, **extra) -> go.Figure:
    margin = {"l": 8, "r": 8, "t": TOP_MARGIN, "b": 8}
    margin.update(extra.pop("margin", {}))
    margin["t"] = max(margin["t"], TOP_MARGIN)
    # No drag-to-zoom or pan: a swipe over a chart on a phone must scroll the page, and the numbers are in
    # the table for anyone who needs them closer.
    fig.update_layout(
        separators=", " if labels.lang == "sv" else ".,",
        height=height,
        showlegend=legend,
        dragmode=False,
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0, "xanchor": "left", "title": {"text": ""}},
        hoverlabel={"align": "left"},
        font={"size": 13},
        margin=margin,
        **extra,
    )
    fig.update_xaxes(fixedrange=True)
    fig.update_yaxes(fixedrange=True)
    return fig


def bar_marker(fill: str, status: str, pattern: str | None = None) -> dict:
    style = STATUS_STYLE.get(status, STATUS_STYLE["decided"])
    shape = style["shape"] if pattern is None else pattern
    return {
        "color": fill,
        "opacity": style["opacity"],
        "line": {"color": fill, "width": 1.5},
        "pattern": {"shape": shape, "fillmode": "overlay", "fgcolor": "#FFFFFF" if shape != "." else "#1A1A1A",
                    "size": 8, "solidity": 0.35 if shape != "." else 0.2},
    }


def wrap(text: str, width: int = 34) -> str:
    """Break a long (already escaped) label into lines: Plotly never wraps legend or axis text itself."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "<br>".join(lines)


def status_legend_name(name: str, status: str, labels: Labels) -> str:
    return wrap(f"{plot_escape(name)} – {labels.status(status)}")


def short_mn(value: float, labels: Labels, sign: bool = False) -> str:
    """A bar label in millions without the unit (the axis names it): '2 060', '81,4', '+0,7'."""
    mn = value / 1e6
    text = labels.number(mn, 0 if abs(mn) >= 100 else 1 if abs(mn) >= 1 else 2)
    return ("+" + text) if sign and value > 0 else text
