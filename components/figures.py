"""Plotly figures for every chart. Builders only: they take computed frames and return a Figure, never draw.

Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies). Status is never told
by colour alone: decided money is solid, estimated money hatched and announced money dotted and lighter,
and the status word is in every legend entry and hover text. All text is preformatted with funding.fmt
(Swedish number format) and escaped, because Plotly reads a few HTML tags in labels.
"""

from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go

from funding import paths
from funding.filters import STATUSES
from funding.i18n import t

from .labels import Labels, plot_escape

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
GREY = "#BBBBBB"
# Sequential and colour-blind safe; light = few kronor per inhabitant, dark = many.
SEQUENTIAL = "cividis_r"
STATUS_STYLE = {
    "decided": {"shape": "", "opacity": 1.0},
    "estimated": {"shape": "/", "opacity": 0.8},
    "announced": {"shape": ".", "opacity": 0.5},
}
# Focus areas are told apart by colour and pattern; "/" and "." are kept for estimated and announced money.
FOCUS_PATTERNS = ("", "x", "-", "|", "+", "\\")
CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
    "scrollZoom": False,
}


def colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def _layout(fig: go.Figure, labels: Labels, height: int, *, legend: bool = True, **extra) -> go.Figure:
    extra.setdefault("margin", {"l": 8, "r": 8, "t": 16, "b": 8})
    fig.update_layout(
        separators=", " if labels.lang == "sv" else ".,",
        height=height,
        showlegend=legend,
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0, "xanchor": "left",
                "title": {"text": ""}},
        hoverlabel={"align": "left"},
        font={"size": 13},
        **extra,
    )
    return fig


def _bar_marker(fill: str, status: str, pattern: str | None = None) -> dict:
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


# ---------------------------------------------------------------- Översikt


def totals_by_grant(frame: pd.DataFrame, labels: Labels, grant_order: list[str]) -> go.Figure:
    """Stacked bars per year: colour = grant, pattern = status. `frame`: year, grant_id, status, amount_sek."""
    fig = go.Figure()
    years = [str(y) for y in sorted(frame["year"].unique())]
    for gi, grant_id in enumerate(grant_order):
        for status in STATUSES:
            part = frame.loc[(frame["grant_id"] == grant_id) & (frame["status"] == status)]
            if part.empty:
                continue
            grant = labels.grants.get(grant_id, grant_id)
            channel = labels.channel(str(part["channel"].iloc[0])) if "channel" in part else ""
            hover = [f"{y}<br>{plot_escape(grant)}<br>{plot_escape(channel)}<br>{labels.status(status)}: "
                     f"{labels.money(a)}" for y, a in zip(part["year"], part["amount_sek"], strict=True)]
            fig.add_bar(x=part["year"].astype(str), y=part["amount_sek"] / 1e6,
                        name=status_legend_name(grant, status, labels), marker=_bar_marker(colour(gi), status),
                        hovertext=hover, hovertemplate="%{hovertext}<extra></extra>", legendgroup=grant_id)
    totals = frame.groupby("year")["amount_sek"].sum()
    fig.add_scatter(x=[str(y) for y in totals.index], y=totals.to_numpy() / 1e6, mode="text",
                    text=[short_mn(v, labels) for v in totals.to_numpy()], textposition="top center", showlegend=False,
                    hoverinfo="skip", cliponaxis=False)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=years, title_text="")
    fig.update_yaxes(title_text=t("msek", labels.lang), rangemode="tozero")
    return _layout(fig, labels, 460, barmode="relative")


def changes(frame: pd.DataFrame, labels: Labels) -> go.Figure:
    """Horizontal bars of the change per region, largest absolute change on top."""
    frame = frame.iloc[::-1]  # Plotly draws the first category at the bottom
    fig = go.Figure()
    for sign, key, fill, pattern in ((1, "increase", PALETTE[0], ""), (-1, "decrease", PALETTE[5], "x")):
        part = frame.loc[(frame["change"] >= 0) if sign > 0 else (frame["change"] < 0)]
        if part.empty:
            continue
        text = [short_mn(c, labels, sign=True) for c in part["change"]]
        hover = [f"{plot_escape(n)}<br>{t(key, labels.lang)}: {('+' if c > 0 else '') + labels.money(c)}<br>"
                 f"{labels.mn(a)} → {labels.mn(b)}"
                 for n, c, a, b in zip(part["region_name"], part["change"], part["first"], part["second"],
                                       strict=True)]
        fig.add_bar(y=[plot_escape(n) for n in part["region_name"]], x=part["change"] / 1e6, orientation="h",
                    name=t(key, labels.lang), marker=_bar_marker(fill, "decided", pattern), text=text,
                    textposition="outside", cliponaxis=False, hovertext=hover,
                    hovertemplate="%{hovertext}<extra></extra>")
    fig.update_yaxes(type="category", categoryorder="array",
                     categoryarray=[plot_escape(n) for n in frame["region_name"]], title_text="")
    # Room beyond the longest bars on both sides, so the outside labels never run into the region names.
    low, high = min(float(frame["change"].min()), 0.0) / 1e6, max(float(frame["change"].max()), 0.0) / 1e6
    span = (high - low) or 1.0
    fig.update_xaxes(title_text=t("msek", labels.lang), zeroline=True, zerolinecolor="#444444",
                     range=[low - 0.4 * span if low < 0 else 0, high + 0.25 * span if high > 0 else 0])
    return _layout(fig, labels, max(320, 26 * len(frame) + 120), barmode="relative")


# ---------------------------------------------------------------- Regioner


@lru_cache(maxsize=1)
def _geojson_text() -> str:
    # Read once per process; parsed afresh per figure so no caller can change the shared copy.
    return (paths.geo_dir() / "swedish_regions.geojson").read_text(encoding="utf-8")


def geojson() -> dict:
    return json.loads(_geojson_text())


def _outlines(geo: dict, ids) -> dict:
    """Only the features a trace draws: every trace carries its own GeoJSON to the browser, so handing each
    the whole country sent the 48 kB of outlines two or three times on every run of the page."""
    wanted = {int(i) for i in ids}
    return {**geo, "features": [ft for ft in geo["features"] if int(ft["properties"]["l_id"]) in wanted]}


def region_map(table: pd.DataFrame, labels: Labels, hover: list[str], highlight: frozenset[str] = frozenset()
               ) -> go.Figure:
    """Choropleth of kronor per inhabitant on a blank map style: no tiles, no request to another host.

    Regions in `highlight` (the sidebar's region filter) get a thick black outline.
    """
    geo = geojson()
    fig = go.Figure()
    with_data = table["has_data"].to_numpy()
    ids = table["region_code"].astype(int).to_numpy()
    hover_arr = pd.Series(hover, index=table.index)
    if (~with_data).any():
        fig.add_trace(go.Choroplethmap(
            geojson=_outlines(geo, ids[~with_data]), featureidkey="properties.l_id", locations=ids[~with_data],
            z=[0] * int((~with_data).sum()), colorscale=[[0, "#E8E8E8"], [1, "#E8E8E8"]], showscale=False,
            marker={"line": {"color": "#FFFFFF", "width": 1}}, hovertext=hover_arr[~with_data].tolist(),
            hovertemplate="%{hovertext}<extra></extra>"))
    if with_data.any():
        values = table.loc[with_data, "sek_per_capita"].astype(float)
        fig.add_trace(go.Choroplethmap(
            geojson=_outlines(geo, ids[with_data]), featureidkey="properties.l_id", locations=ids[with_data],
            z=values.to_numpy(),
            colorscale=SEQUENTIAL, marker={"line": {"color": "#FFFFFF", "width": 1}},
            colorbar={"title": {"text": t("sek_per_inh", labels.lang), "side": "right"}, "thickness": 12,
                      "len": 0.8},
            hovertext=hover_arr[with_data].tolist(), hovertemplate="%{hovertext}<extra></extra>"))
    chosen = table["region_code"].isin(highlight).to_numpy()
    if chosen.any():
        fig.add_trace(go.Choroplethmap(
            geojson=_outlines(geo, ids[chosen]), featureidkey="properties.l_id", locations=ids[chosen],
            z=[0] * int(chosen.sum()),
            colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False,
            marker={"line": {"color": "#000000", "width": 3}}, hovertext=hover_arr[chosen].tolist(),
            hovertemplate="%{hovertext}<extra></extra>"))
    fig.update_layout(map={"style": "white-bg", "center": {"lat": 62.4, "lon": 17.2}, "zoom": 3.45})
    return _layout(fig, labels, 600, legend=False)


def ranked_bars(table: pd.DataFrame, by_status: pd.DataFrame, national: float | None, labels: Labels,
                hover: dict[str, str], highlight: frozenset[str] = frozenset()) -> go.Figure:
    """Regions ranked by kronor per inhabitant (1 on top), split by status, with the national average marked.
    Regions in `highlight` (the sidebar's region filter) are named in bold with an arrow: not by colour alone."""
    ranked = table.loc[table["has_data"]].sort_values(["rank", "region_code"])
    names = {r.region_code: (f"<b>▶ {int(r.rank)}. {plot_escape(r.region_name)}</b>" if r.region_code in highlight
                             else f"{int(r.rank)}. {plot_escape(r.region_name)}") for r in ranked.itertuples()}
    order = [names[c] for c in ranked["region_code"]][::-1]
    fig = go.Figure()
    for status in STATUSES:
        part = by_status.loc[(by_status["status"] == status) & by_status["region_code"].isin(names)]
        if part.empty:
            continue
        fig.add_bar(y=[names[c] for c in part["region_code"]], x=part["sek_per_capita"], orientation="h",
                    name=labels.status(status).capitalize(), marker=_bar_marker(PALETTE[0], status),
                    hovertext=[hover[c] for c in part["region_code"]], hovertemplate="%{hovertext}<extra></extra>")
    fig.add_scatter(y=[names[c] for c in ranked["region_code"]], x=ranked["sek_per_capita"].astype(float),
                    mode="text", text=[labels.number(float(v)) for v in ranked["sek_per_capita"]],
                    textposition="middle right", showlegend=False, hoverinfo="skip", cliponaxis=False)
    if national is not None:
        fig.add_vline(x=national, line={"color": "#000000", "width": 2, "dash": "dash"}, layer="below")
        fig.add_annotation(x=national, y=1.0, yref="paper", yanchor="bottom", showarrow=False,
                           text=t("rg_national", labels.lang, value=labels.per_capita(national)),
                           font={"size": 12}, bgcolor="rgba(255,255,255,0.85)")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=order, title_text="")
    top = float(ranked["sek_per_capita"].max()) if len(ranked) else 1.0
    fig.update_xaxes(title_text=t("sek_per_inh", labels.lang), range=[0, top * 1.35])
    return _layout(fig, labels, max(300, 24 * len(ranked) + 130), barmode="relative",
                   margin={"l": 8, "r": 8, "t": 30, "b": 8})


# ---------------------------------------------------------------- Över tid


def over_time(frame: pd.DataFrame, labels: Labels, per_capita: bool, years: list[int]) -> go.Figure:
    """Bars per year, one group per area (country or region), stacked by status."""
    value = "sek_per_capita" if per_capita else "amount_sek"
    scale = 1.0 if per_capita else 1e6
    fig = go.Figure()
    areas = list(dict.fromkeys(frame["area_code"]))
    for ai, area in enumerate(areas):
        rows = frame.loc[frame["area_code"] == area]
        name = str(rows["area_name"].iloc[0]) or t("country", labels.lang)
        for status in STATUSES:
            part = rows.loc[rows["status"] == status]
            if part.empty:
                continue
            hover = [f"{plot_escape(name)}, {y}<br>{labels.status(status)}: {labels.money(a)}<br>"
                     f"{labels.per_capita(p)}"
                     for y, a, p in zip(part["year"], part["amount_sek"], part["sek_per_capita"], strict=True)]
            fig.add_bar(x=part["year"].astype(str), y=part[value] / scale,
                        name=status_legend_name(name, status, labels), offsetgroup=str(area),
                        marker=_bar_marker(colour(ai), status), hovertext=hover,
                        hovertemplate="%{hovertext}<extra></extra>", legendgroup=str(area))
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=[str(y) for y in years], title_text="")
    fig.update_yaxes(title_text=t("sek_per_inh" if per_capita else "msek", labels.lang), rangemode="tozero")
    return _layout(fig, labels, 460, barmode="relative")


# ---------------------------------------------------------------- Fokusområden


def treemap(frame: pd.DataFrame, labels: Labels, grant_order: list[str]) -> go.Figure:
    """Channel > grant > stream (with status) as nested boxes sized by kronor."""
    ids, names, parents, values, colours, shapes, texts = [], [], [], [], [], [], []
    whole = frame["amount_sek"].sum()

    def add(node: str, label: str, parent: str, amount: int, fill: str, shape: str) -> None:
        ids.append(node)
        names.append(label)
        parents.append(parent)
        values.append(int(amount))
        colours.append(fill)
        shapes.append(shape)
        texts.append(f"{labels.mn(amount)} · {labels.percent(amount / whole if whole else None)}")

    for channel, ch_rows in frame.groupby("channel", sort=True):
        add(f"c:{channel}", plot_escape(labels.channel(str(channel))), "", ch_rows["amount_sek"].sum(), "#4D4D4D", "")
        for grant_id, g_rows in ch_rows.groupby("grant_id", sort=True):
            gi = grant_order.index(grant_id) if grant_id in grant_order else 0
            add(f"g:{grant_id}", plot_escape(labels.grants.get(grant_id, grant_id)), f"c:{channel}",
                g_rows["amount_sek"].sum(), colour(gi), "")
            for row in g_rows.itertuples():
                label = plot_escape(labels.streams_plain.get(row.stream_id, row.stream_id))
                if row.status != "decided":
                    label = f"{label} ({labels.status(row.status)})"
                add(f"s:{row.stream_id}:{row.status}", label, f"g:{grant_id}", row.amount_sek, colour(gi),
                    STATUS_STYLE[row.status]["shape"])
    fig = go.Figure(go.Treemap(
        ids=ids, labels=names, parents=parents, values=values, branchvalues="total",
        # Treemaps draw a pattern over its own background colour, so each box gets its colour as background.
        marker={"colors": colours, "line": {"color": "#FFFFFF", "width": 2},
                "pattern": {"shape": shapes, "bgcolor": colours, "size": 8,
                            "solidity": [0.15 if sh == "." else 0.3 for sh in shapes],
                            "fgcolor": ["#1A1A1A" if sh == "." else "#FFFFFF" for sh in shapes]}},
        customdata=texts, texttemplate="%{label}<br>%{customdata}", hovertemplate="%{label}<br>%{customdata}"
        "<extra></extra>", maxdepth=3, tiling={"pad": 2}, root={"color": "#FFFFFF"},
        insidetextfont={"color": "#FFFFFF"}, outsidetextfont={"color": "#000000"}, pathbar={"visible": False},
    ))
    return _layout(fig, labels, 520, legend=False)


def region_focus(frame: pd.DataFrame, labels: Labels, focus_order: list[str]) -> go.Figure:
    """Stacked horizontal bars per region; focus area by colour and pattern, status by opacity and name."""
    totals = frame.groupby("region_name")["amount_sek"].sum().sort_values()
    fig = go.Figure()
    for fi, focus in enumerate(focus_order):
        for status in STATUSES:
            part = frame.loc[(frame["focus_area"] == focus) & (frame["status"] == status)]
            if part.empty:
                continue
            name = labels.focus.get(focus, focus)
            legend = plot_escape(name) if status == "decided" else status_legend_name(name, status, labels)
            pattern = FOCUS_PATTERNS[fi % len(FOCUS_PATTERNS)] if status == "decided" else None
            marker = _bar_marker(colour(fi), status, pattern)
            hover = [f"{plot_escape(r)}<br>{legend}: {labels.money(a)}"
                     for r, a in zip(part["region_name"], part["amount_sek"], strict=True)]
            fig.add_bar(y=[plot_escape(r) for r in part["region_name"]], x=part["amount_sek"] / 1e6, orientation="h",
                        name=legend, marker=marker, hovertext=hover, hovertemplate="%{hovertext}<extra></extra>")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=[plot_escape(r) for r in totals.index],
                     title_text="")
    fig.update_xaxes(title_text=t("msek", labels.lang))
    return _layout(fig, labels, max(360, 26 * len(totals) + 200), barmode="relative")


def focus_shares(frame: pd.DataFrame, labels: Labels) -> go.Figure:
    """Share of the selection per focus area, split by status. `frame`: focus_area, status, amount_sek."""
    whole = frame["amount_sek"].sum()
    per_focus = frame.groupby("focus_area")["amount_sek"].sum().sort_values()
    names = {f: plot_escape(labels.focus.get(f, f)) for f in per_focus.index}
    fig = go.Figure()
    for status in STATUSES:
        part = frame.loc[frame["status"] == status]
        if part.empty:
            continue
        hover = [f"{names[f]}<br>{labels.status(status)}: {labels.percent(a / whole)} ({labels.money(a)})"
                 for f, a in zip(part["focus_area"], part["amount_sek"], strict=True)]
        fig.add_bar(y=[names[f] for f in part["focus_area"]], x=part["amount_sek"] / whole * 100, orientation="h",
                    name=labels.status(status).capitalize(), marker=_bar_marker(PALETTE[0], status),
                    hovertext=hover, hovertemplate="%{hovertext}<extra></extra>")
    fig.add_scatter(y=[names[f] for f in per_focus.index], x=per_focus.to_numpy() / whole * 100, mode="text",
                    text=[labels.percent(v / whole) for v in per_focus.to_numpy()], textposition="middle right",
                    showlegend=False, hoverinfo="skip", cliponaxis=False)
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=[names[f] for f in per_focus.index],
                     title_text="")
    top = float(per_focus.max() / whole * 100) if whole else 1.0
    fig.update_xaxes(title_text=t("percent", labels.lang), range=[0, top * 1.3])
    return _layout(fig, labels, max(300, 34 * len(per_focus) + 140), barmode="relative")


# ---------------------------------------------------------------- Regionprofil


def profile(by_status: pd.DataFrame, national: pd.DataFrame, labels: Labels, region_name: str) -> go.Figure:
    """The region's kronor per inhabitant per year (bars by status) against the national figure (black ticks).

    `by_status`: year, status, amount_sek, sek_per_capita; `national`: year, national_per_capita.
    """
    national = national.dropna(subset=["national_per_capita"])
    years = [str(y) for y in sorted(set(by_status["year"]) | set(national["year"]))]
    fig = go.Figure()
    for status in STATUSES:
        part = by_status.loc[by_status["status"] == status]
        if part.empty:
            continue
        hover = [f"{plot_escape(region_name)}, {y}<br>{labels.status(status)}: {labels.per_capita(v)} "
                 f"({labels.money(a)})" for y, v, a in zip(part["year"], part["sek_per_capita"], part["amount_sek"],
                                                             strict=True)]
        fig.add_bar(x=part["year"].astype(str), y=part["sek_per_capita"],
                    name=status_legend_name(region_name, status, labels), marker=_bar_marker(PALETTE[0], status),
                    hovertext=hover, hovertemplate="%{hovertext}<extra></extra>")
    country = t("rp_national_label", labels.lang)
    fig.add_scatter(x=national["year"].astype(str), y=national["national_per_capita"], mode="markers",
                    name=country, marker={"symbol": "line-ew-open", "size": 44, "color": "#000000",
                                          "line": {"width": 3, "color": "#000000"}},
                    hovertext=[f"{country}, {y}: {labels.per_capita(v)}" for y, v in
                               zip(national["year"], national["national_per_capita"], strict=True)],
                    hovertemplate="%{hovertext}<extra></extra>")
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=years, title_text="")
    fig.update_yaxes(title_text=t("sek_per_inh", labels.lang), rangemode="tozero")
    return _layout(fig, labels, 420, barmode="relative")
