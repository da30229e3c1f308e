"""The look every chart shares: palette, status patterns, layout, the Plotly config. Builders only.

Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies). Status is never told by
colour alone: decided money is solid, estimated money hatched and announced money dotted and lighter, and
the status is named in the legend (a grey swatch per status, or the status word in the entry) and in every
hover text. All text is preformatted in the interface's number
format and escaped, because Plotly reads a few HTML tags in labels.
"""

from __future__ import annotations

import plotly.graph_objects as go

from funding.text.escape import plot_escape
from funding.text.labels import Labels

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
# Five more from Paul Tol's schemes, so that each of the thirteen grants in the series has its own colour.
EXTRA = ("#882255", "#999933", "#332288", "#AA4499", "#117733")
GREY = "#BBBBBB"
STATUS_STYLE = {
    "decided": {"shape": "", "opacity": 1.0},
    "estimated": {"shape": "/", "opacity": 0.8},
    "announced": {"shape": ".", "opacity": 0.5},
}
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


def colours_apart(years_of: dict[str, set[int]]) -> dict[str, str]:
    """A colour per key (in the given order) such that keys present in the same year never share one.

    With more keys than colours, keys that never meet in a year share a colour first (the hover text names
    each bar's grant).
    """
    colours = PALETTE + EXTRA
    chosen: dict[str, str] = {}
    for key, years in years_of.items():
        taken = {chosen[k] for k in chosen if years_of[k] & years}
        free = [c for c in colours if c not in taken] or list(colours)
        # The least-used free colour, so that any sharing is spread thin rather than piled on one colour.
        chosen[key] = min(free, key=lambda c: (list(chosen.values()).count(c), colours.index(c)))
    return chosen


def add_legend_swatch(fig: go.Figure, name: str, fill: str, group: str, offsetgroup: str | None = None) -> None:
    """A legend-only entry in a plain colour, so a key's swatch does not show whichever status came first.

    In grouped bars pass an existing `offsetgroup`: a trace outside every group takes a slot of its own.
    """
    fig.add_bar(x=[None], y=[None], name=name, marker=bar_marker(fill, "decided"), legendgroup=group,
                hoverinfo="skip", offsetgroup=offsetgroup)


def add_status_key(fig: go.Figure, statuses, labels: Labels, offsetgroup: str | None = None) -> int:
    """Grey legend-only swatches that say which pattern is which status; returns how many were added."""
    shown = [s for s in STATUS_STYLE if s in set(statuses)]
    for status in shown:
        fig.add_bar(x=[None], y=[None], name=labels.status(status).capitalize(), marker=bar_marker("#666666", status),
                    legendgroup="status", hoverinfo="skip", offsetgroup=offsetgroup)
    return len(shown)


def legend_height(entries: int) -> int:
    """Room to keep for a legend of this many (up to three-line) entries: on a phone they stack one per row."""
    return 44 * entries


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
        # Anchored to the foot of the whole figure, so the plot area gives way to it and to rotated tick labels
        # (placed just under the plot area, it covered the years on a phone and scrolled inside itself).
        legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "x": 0, "xanchor": "left",
                "maxheight": 0.8, "title": {"text": ""}},
        hoverlabel={"align": "left"},
        font={"size": 13},
        margin=margin,
        **extra,
    )
    # Plotly leaves four-digit numbers unseparated ("2000"); the interface writes 2 000 / 2,000 throughout.
    fig.update_xaxes(fixedrange=True, separatethousands=True)
    fig.update_yaxes(fixedrange=True, separatethousands=True)
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
    # Nothing is "0", not "0,00" (a region's base year without known money, beside "+50,7").
    text = labels.number(mn, 0 if abs(mn) >= 100 or mn == 0 else 1 if abs(mn) >= 1 else 2)
    return ("+" + text) if sign and value > 0 else text
