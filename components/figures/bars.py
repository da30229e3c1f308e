"""Bar charts: money per year (by grant or area), regions ranked, focus areas, one region against the country."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from funding.text import t
from funding.text.escape import plot_escape
from funding.text.labels import Labels
from funding.vocabulary import STATUSES

from .style import (
    PALETTE,
    add_legend_swatch,
    add_status_key,
    bar_marker,
    colour,
    colours_apart,
    layout,
    legend_height,
    short_mn,
    status_legend_name,
    wrap,
)


def _parts(frame: pd.DataFrame, column: str, keys):
    """(index, key, status, rows) for each key and status that has rows: one bar trace each."""
    for i, key in enumerate(keys):
        for status in STATUSES:
            part = frame.loc[(frame[column] == key) & (frame["status"] == status)]
            if len(part):
                yield i, key, status, part


def _by_status(frame: pd.DataFrame):
    """(status, rows) for each status that has rows, decided first: one bar trace each."""
    for status in STATUSES:
        part = frame.loc[frame["status"] == status]
        if len(part):
            yield status, part


def per_year_by_grant(frame: pd.DataFrame, labels: Labels, grant_order: list[str], years: list[int],
                      compact: bool = False) -> go.Figure:
    """Stacked bars per year: colour = grant, pattern = status. `frame`: year, grant_id, status, amount_sek.
    `compact` (a narrow window): the totals over the bars in smaller type.

    One legend entry per grant plus one grey swatch per status: a grant-by-status legend had twenty entries
    and left a phone no room for the bars.
    """
    present = [g for g in grant_order if g in set(frame["grant_id"])]
    fills = colours_apart({g: set(frame.loc[frame["grant_id"] == g, "year"]) for g in present})
    fig = go.Figure()
    for grant_id in present:
        add_legend_swatch(fig, wrap(plot_escape(labels.grant(grant_id))), fills[grant_id], grant_id)
    for _, grant_id, status, part in _parts(frame, "grant_id", present):
        grant = labels.grant(grant_id)
        hover = [f"{y}<br>{plot_escape(grant)}<br>{labels.status(status)}: {labels.money(a)}"
                 for y, a in zip(part["year"], part["amount_sek"], strict=True)]
        fig.add_bar(x=part["year"].astype(str), y=part["amount_sek"] / 1e6, name=wrap(plot_escape(grant)),
                    marker=bar_marker(fills[grant_id], status), showlegend=False,
                    hovertext=hover, hovertemplate="%{hovertext}<extra></extra>", legendgroup=grant_id)
    keys = add_status_key(fig, frame["status"], labels)
    totals = frame.groupby("year")["amount_sek"].sum()
    fig.add_scatter(x=[str(y) for y in totals.index], y=totals.to_numpy() / 1e6, mode="text",
                    text=[short_mn(v, labels) for v in totals.to_numpy()], textposition="top center",
                    # On 390 px eleven years leave 27 px a bar: "1 700" and "1 716" in the default size touched.
                    textfont={"size": 10} if compact else None,
                    showlegend=False, hoverinfo="skip", cliponaxis=False)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=[str(y) for y in years], title_text="")
    fig.update_yaxes(title_text=t("msek", labels.lang), rangemode="tozero")
    return layout(fig, labels, 400 + legend_height(len(present) + keys), barmode="relative")


def per_year_by_area(frame: pd.DataFrame, labels: Labels, per_capita: bool, years: list[int]) -> go.Figure:
    """Bars per year, one group per area (country or region), stacked by status."""
    value = "sek_per_capita" if per_capita else "amount_sek"
    scale = 1.0 if per_capita else 1e6
    fig = go.Figure()
    areas = list(dict.fromkeys(frame["area_code"]))
    for ai, area in enumerate(areas):
        rows = frame.loc[frame["area_code"] == area]
        name = str(rows["area_name"].iloc[0]) or t("country", labels.lang)
        add_legend_swatch(fig, plot_escape(name), colour(ai), str(area), offsetgroup=str(area))
        for status, part in _by_status(rows):
            hover = [f"{plot_escape(name)}, {y}<br>{labels.status(status)}: {labels.money(a)}<br>"
                     f"{labels.per_capita(p)}"
                     for y, a, p in zip(part["year"], part["amount_sek"], part["sek_per_capita"], strict=True)]
            fig.add_bar(x=part["year"].astype(str), y=part[value].astype(float) / scale, name=plot_escape(name),
                        offsetgroup=str(area), marker=bar_marker(colour(ai), status), showlegend=False,
                        hovertext=hover, hovertemplate="%{hovertext}<extra></extra>", legendgroup=str(area))
    keys = add_status_key(fig, frame["status"], labels, offsetgroup=str(areas[0]))
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=[str(y) for y in years], title_text="")
    fig.update_yaxes(title_text=t("sek_per_inh" if per_capita else "msek", labels.lang), rangemode="tozero")
    return layout(fig, labels, 400 + legend_height(len(areas) + keys), barmode="relative")


def ranked(table: pd.DataFrame, by_status: pd.DataFrame, national: float | None, labels: Labels,
           hover: dict[str, str], highlight: tuple[str, ...], decimals: int, all_equal: bool) -> go.Figure:
    """Regions ranked by kronor per inhabitant (1 on top), split by status, with the national average marked.

    Chosen regions are named in bold with an arrow (not by colour alone); tied regions share a rank, marked
    with "=", and the labels carry just the decimals needed to tell neighbouring values apart.
    """
    rows = table.loc[table["has_data"]].sort_values(["rank", "region_code"])
    tied = rows["rank"].duplicated(keep=False)
    names = {}
    for r, is_tie in zip(rows.itertuples(), tied, strict=True):
        rank = f"{'=' if is_tie else ''}{int(r.rank)}."
        name = f"{rank} {plot_escape(r.region_name)}"
        names[r.region_code] = f"<b>▶ {name}</b>" if r.region_code in highlight else name
    order = [names[c] for c in rows["region_code"]][::-1]
    fig = go.Figure()
    for status in STATUSES:
        part = by_status.loc[(by_status["status"] == status) & by_status["region_code"].isin(names)]
        if part.empty:
            continue
        fig.add_bar(y=[names[c] for c in part["region_code"]], x=part["sek_per_capita"].astype(float),
                    orientation="h", name=labels.status(status).capitalize(),
                    marker=bar_marker(PALETTE[0] if not all_equal else "#4D4D4D", status),
                    hovertext=[hover[c] for c in part["region_code"]], hovertemplate="%{hovertext}<extra></extra>")
    fig.add_scatter(y=[names[c] for c in rows["region_code"]], x=rows["sek_per_capita"].astype(float),
                    # An en space first: where every region is close to the national average (2026: 176,60-180,17
                    # against 178,14) the dashed line ran along the first digit of each value on a phone.
                    mode="text", text=["\u2002" + labels.number(float(v), decimals) for v in rows["sek_per_capita"]],
                    textposition="middle right", showlegend=False, hoverinfo="skip", cliponaxis=False)
    if national is not None:
        fig.add_vline(x=national, line={"color": "#000000", "width": 2, "dash": "dash"}, layer="below")
        # Named in the legend, which wraps on a phone; an annotation by the line ran off a narrow screen.
        fig.add_scatter(x=[None], y=[None], mode="lines", hoverinfo="skip",
                        line={"color": "#000000", "width": 2, "dash": "dash"},
                        name=t("rg_national", labels.lang, value=labels.per_capita(national)))
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=order, title_text="", automargin=True)
    top = float(rows["sek_per_capita"].max()) if len(rows) else 1.0
    fig.update_xaxes(title_text=t("sek_per_inh", labels.lang), range=[0, top * 1.3])
    return layout(fig, labels, max(300, 24 * len(rows) + 140), barmode="relative")


def focus_shares(frame: pd.DataFrame, labels: Labels) -> go.Figure:
    """Share of the selection per focus area, split by status. `frame`: focus_area, status, amount_sek."""
    whole = frame["amount_sek"].sum()
    per_focus = frame.groupby("focus_area")["amount_sek"].sum().sort_values()
    names = {f: plot_escape(labels.focus.get(f, f)) for f in per_focus.index}
    fig = go.Figure()
    for status, part in _by_status(frame):
        hover = [f"{names[f]}<br>{labels.status(status)}: {labels.percent(a / whole)} ({labels.money(a)})"
                 for f, a in zip(part["focus_area"], part["amount_sek"], strict=True)]
        fig.add_bar(y=[names[f] for f in part["focus_area"]], x=part["amount_sek"] / whole * 100, orientation="h",
                    name=labels.status(status).capitalize(), marker=bar_marker(PALETTE[0], status),
                    hovertext=hover, hovertemplate="%{hovertext}<extra></extra>")
    fig.add_scatter(y=[names[f] for f in per_focus.index], x=per_focus.to_numpy() / whole * 100, mode="text",
                    # An en space first, as on the ranking: "59,2 %" started at the bar's very end, touching it.
                    text=["\u2002" + labels.percent(v / whole) for v in per_focus.to_numpy()],
                    textposition="middle right",
                    showlegend=False, hoverinfo="skip", cliponaxis=False)
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=[names[f] for f in per_focus.index],
                     title_text="", automargin=True)
    top = float(per_focus.max() / whole * 100) if whole else 1.0
    fig.update_xaxes(title_text=t("percent", labels.lang), range=[0, top * 1.3])
    return layout(fig, labels, max(300, 34 * len(per_focus) + 140), barmode="relative")


def region_focus(frame: pd.DataFrame, labels: Labels, focus_order: list[str]) -> go.Figure:
    """Stacked horizontal bars per region; focus area by colour, status by pattern as in every chart here.

    (Focus areas once had patterns of their own as well, which contradicted the status key under the chart.)
    """
    totals = frame.groupby("region_name")["amount_sek"].sum().sort_values()
    fig = go.Figure()
    for fi, focus, status, part in _parts(frame, "focus_area", focus_order):
        name = labels.focus.get(focus, focus)
        legend = plot_escape(name) if status == "decided" else status_legend_name(name, status, labels)
        hover = [f"{plot_escape(r)}<br>{legend}: {labels.money(a)}"
                 for r, a in zip(part["region_name"], part["amount_sek"], strict=True)]
        fig.add_bar(y=[plot_escape(r) for r in part["region_name"]], x=part["amount_sek"] / 1e6, orientation="h",
                    name=legend, marker=bar_marker(colour(fi), status), hovertext=hover,
                    hovertemplate="%{hovertext}<extra></extra>")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=[plot_escape(r) for r in totals.index],
                     title_text="", automargin=True)
    fig.update_xaxes(title_text=t("msek", labels.lang))
    return layout(fig, labels, max(360, 26 * len(totals) + 200), barmode="relative")


def profile(by_status: pd.DataFrame, national: pd.DataFrame, labels: Labels, region_name: str) -> go.Figure:
    """The region's kronor per inhabitant per year (bars by status) against the national figure (black ticks).

    `by_status`: year, status, amount_sek, sek_per_capita; `national`: year, national_per_capita.
    """
    national = national.dropna(subset=["national_per_capita"])
    years = [str(y) for y in sorted(set(by_status["year"]) | set(national["year"]))]
    fig = go.Figure()
    for status, part in _by_status(by_status):
        hover = [f"{plot_escape(region_name)}, {y}<br>{labels.status(status)}: {labels.per_capita(v)} "
                 f"({labels.money(a)})" for y, v, a in zip(part["year"], part["sek_per_capita"], part["amount_sek"],
                                                             strict=True)]
        fig.add_bar(x=part["year"].astype(str), y=part["sek_per_capita"].astype(float),
                    name=status_legend_name(region_name, status, labels), marker=bar_marker(PALETTE[0], status),
                    hovertext=hover, hovertemplate="%{hovertext}<extra></extra>")
    country = t("country", labels.lang)
    fig.add_scatter(x=national["year"].astype(str), y=national["national_per_capita"].astype(float), mode="markers",
                    name=country, marker={"symbol": "line-ew-open", "size": 44, "color": "#000000",
                                          "line": {"width": 3, "color": "#000000"}},
                    hovertext=[f"{country}, {y}: {labels.per_capita(v)}" for y, v in
                               zip(national["year"], national["national_per_capita"], strict=True)],
                    hovertemplate="%{hovertext}<extra></extra>")
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=years, title_text="")
    fig.update_yaxes(title_text=t("sek_per_inh", labels.lang), rangemode="tozero")
    return layout(fig, labels, 420, barmode="relative")
