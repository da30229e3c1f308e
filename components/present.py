"""From computed figures to what a page shows: each chart's figure, title, alt text, summary, notes and
table alternative. No Streamlit calls here, so the tests can check every number a page would show."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from funding import metrics
from funding.i18n import TEXT, recipient, source_text

from . import figures
from .labels import Labels, plot_escape
from .memo import DatasetMemo
from .state import Context, year_span

# Reruns reuse what a page computed for the same dataset and filters (issue 7, bench/run.py): most of a
# rerun's time went into rebuilding the same pandas tables and Plotly figures (a Figure validates every
# property it is given). Every function below is a pure function of (dataset, filters, arguments); the
# rest of the context (language, labels, rows, populations) is derived from those two. The results are
# shared by all sessions, like the dataset itself, so callers must never mutate them.
_views = DatasetMemo(size=64)


def per_view(fn):
    @functools.wraps(fn)
    def cached(ctx: Context, *args, **kwargs):
        key = (fn.__name__, ctx.filters, args, tuple(sorted(kwargs.items())))
        return _views.get(ctx.ds, key, lambda: fn(ctx, *args, **kwargs))

    return cached


@dataclass(frozen=True)
class ChartSpec:
    key: str
    fig: go.Figure
    title: str
    alt: str
    summary: str
    table: pd.DataFrame        # display-ready (formatted strings)
    rows: pd.DataFrame         # the tidy-view rows behind the chart, for downloads
    notes: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Metric:
    label: str
    value: str
    notes: tuple[str, ...] = ()


def _years(rows: pd.DataFrame) -> str:
    return year_span([int(y) for y in pd.unique(rows["year"])])


def _status_col(labels: Labels, statuses: pd.Series) -> list[str]:
    return [labels.status(s) for s in statuses]


def _grant_order(ctx: Context) -> list[str]:
    return list(dict.fromkeys(ctx.ds.view["grant_id"]))


def _focus_order(ctx: Context) -> list[str]:
    return list(dict.fromkeys(ctx.ds.focus_areas["focus_id"]))


def estimate_notes(ctx: Context, rows: pd.DataFrame) -> tuple[str, ...]:
    """The estimate caveat, whenever estimated money is among the rows shown."""
    estimated = rows.loc[rows["status"] == "estimated"]
    if estimated.empty:
        return ()
    notes = []
    for (grant_id, year), part in estimated.groupby(["grant_id", "year"]):
        grant = ctx.ds.grants.loc[(ctx.ds.grants["grant_id"] == grant_id) & (ctx.ds.grants["year"] == year)]
        total = grant["distributed_sek"].dropna()
        amount = int(total.iloc[0]) if len(total) else int(part["amount_sek"].sum())
        notes.append(ctx.tr("estimate_note", amount=ctx.labels.money(amount)))
    return tuple(dict.fromkeys(notes))


@per_view
def partial_years(ctx: Context) -> tuple[int, ...]:
    """Years the sources cover for only some regions, under the filters but whatever regions are chosen."""
    return metrics.partial_years(metrics.select(ctx.ds.view, ctx.filters, ignore_regions=True),
                                 len(ctx.ds.regions))


def coverage_notes(ctx: Context, years, *, partial: bool = True) -> tuple[str, ...]:
    """What a chart over `years` cannot show: years the sources give for only some regions, and grants
    they name without an exact amount (never drawn, so those years' bars are smaller than the real money)."""
    f, tr, lb = ctx.filters, ctx.tr, ctx.labels
    shown = {int(y) for y in years}
    notes = []
    if partial:
        gaps = [y for y in partial_years(ctx) if y in shown]
        if gaps:
            notes.append(tr("partial_years_note", years=year_span(gaps)))
    grants = ctx.ds.grants
    missing = grants.loc[~grants["has_exact_figures"] & grants["year"].isin(shown)]
    if f.grants:
        missing = missing.loc[missing["grant_id"].isin(f.grants)]
    if f.channels:
        missing = missing.loc[missing["channel"].isin(f.channels)]
    items = [tr("missing_item", name=lb.grants.get(r.grant_id, r.grant_id), year=int(r.year),
                worded=r.amount_as_worded) for r in missing.sort_values(["year", "grant_id"]).itertuples()]
    if items:
        notes.append(tr("missing_note", items="; ".join(items)))
    return tuple(notes)


# ---------------------------------------------------------------- Översikt


@per_view
def headline(ctx: Context) -> tuple[metrics.Headline, list[Metric]]:
    ds, tr, lb = ctx.ds, ctx.tr, ctx.labels
    h = metrics.headline(ds.view, ds.grants, ds.national_population)
    # Both years miss grants the sources name without an exact amount (2025: two psychiatry grants,
    # 2026: the state-SKR agreement); each total says so right under it.
    first_notes = [lb.money(h.total_first)]
    for g, worded in h.missing_first:
        first_notes.append(tr("ov_incomplete", names=lb.grants.get(g, g), year=h.first_year, worded=worded))
    second_notes = [lb.money(h.total_second)]
    for g, worded in h.missing_second:
        second_notes.append(tr("ov_incomplete", names=lb.grants.get(g, g), year=h.second_year, worded=worded))
    if h.estimated_second:
        second_notes.append(tr("ov_estimated_part", amount=lb.money(h.estimated_second)))
    sign = "+" if h.change > 0 else ""
    change_notes = [sign + lb.money(h.change)]
    if h.change_share is not None:
        change_notes[0] += f" ({sign}{lb.percent(h.change_share)})"
    incomplete = [y for y, m in ((h.first_year, h.missing_first), (h.second_year, h.missing_second)) if m]
    if incomplete:
        change_notes.append(tr("ov_change_help", years=year_span(incomplete)))
    # Short values: st.metric cuts long ones; the exact kronor are in the note right under each.
    items = [
        Metric(tr("ov_total", year=h.first_year), lb.compact(h.total_first), tuple(first_notes)),
        Metric(tr("ov_total", year=h.second_year), lb.compact(h.total_second), tuple(second_notes)),
        Metric(tr("ov_change", first=h.first_year, second=h.second_year), sign + lb.compact(h.change),
               tuple(change_notes)),
        Metric(tr("ov_grants"), lb.number(h.grants_with_figures),
               (tr("ov_grants_help", n=h.grants_without_figures),) if h.grants_without_figures else ()),
        Metric(tr("ov_per_capita", year=h.first_year), lb.kr(h.sek_per_capita_first),
               (tr("ov_per_capita_help", year=h.first_year, date=ds.population_date,
                   pop=lb.number(h.national_population)),)),
    ]
    return h, items


@per_view
def overview_totals(ctx: Context) -> ChartSpec | None:
    rows, lb, tr = ctx.rows, ctx.labels, ctx.tr
    if rows.empty:
        return None
    frame = metrics.totals_by(rows, ["year", "grant_id", "channel", "status"])
    fig = figures.totals_by_grant(frame, lb, _grant_order(ctx))
    per_year = metrics.totals_by(rows, ["year", "status"]).pivot_table(
        index="year", columns="status", values="amount_sek", aggfunc="sum", fill_value=0)
    totals = per_year.sum(axis=1)
    top = int(totals.idxmax())
    part = per_year.loc[top]
    parts = ", ".join(f"{lb.status(s)} {lb.mn(part[s])}" for s in ("decided", "estimated", "announced")
                      if part.get(s, 0))
    summary = tr("ov_chart_summary", year=top, amount=lb.mn(totals[top]), parts=parts)
    table = pd.DataFrame({
        tr("year"): frame["year"].astype(str),
        tr("grant"): [lb.grants.get(g, g) for g in frame["grant_id"]],
        tr("channel"): [lb.channel(c) for c in frame["channel"]],
        tr("status"): _status_col(lb, frame["status"]),
        tr("col_amount"): [lb.money(a) for a in frame["amount_sek"]],
    })
    return ChartSpec("totals", fig, tr("ov_chart_title", years=_years(rows)), tr("ov_chart_alt"), summary, table,
                     rows, (tr("legend_status"), *estimate_notes(ctx, rows),
                            *coverage_notes(ctx, pd.unique(rows["year"]))))


@per_view
def overview_changes(ctx: Context, first: int = 2025, second: int = 2026) -> ChartSpec | str:
    """The largest changes per region; a sentence instead when no region has figures in both years."""
    f, lb, tr = ctx.filters, ctx.labels, ctx.tr
    rows = metrics.select(ctx.ds.view, f, ignore_years=True)
    rows = rows.loc[rows["year"].isin([first, second])]
    frame = metrics.largest_changes(rows, ctx.ds.regions, first, second)
    if frame.empty:
        return tr("ov_changes_none", first=first, second=second)
    fig = figures.changes(frame, lb)
    top = frame.iloc[0]
    sign = "+" if top["change"] > 0 else ""
    summary = tr("ov_changes_summary", region=top["region_name"], change=sign + lb.mn(top["change"]),
                 first_amount=lb.mn(top["first"]), second_amount=lb.mn(top["second"]))
    table = pd.DataFrame({
        tr("region"): frame["region_name"],
        f"{first}": [lb.money(v) for v in frame["first"]],
        f"{second}": [lb.money(v) for v in frame["second"]],
        tr("change"): [("+" if c > 0 else "") + lb.money(c) for c in frame["change"]],
        f"{tr('change')} (%)": [("+" if s > 0 else "") + lb.percent(s) for s in frame["change_share"]],
    })
    shown = metrics.regional_rows(rows)
    shown = shown.loc[shown["region_code"].isin(frame["region_code"])]
    notes = (tr("ov_changes_note", first=first, second=second), *estimate_notes(ctx, shown))
    return ChartSpec("changes", fig, tr("ov_changes_title", first=first, second=second),
                     tr("ov_changes_alt", first=first, second=second), summary, table, shown, notes)


# ---------------------------------------------------------------- Regioner


@dataclass(frozen=True)
class RegionsView:
    map: ChartSpec | None
    bars: ChartSpec | None
    notes: tuple[str, ...]
    comparison: metrics.RegionComparison


@per_view
def regions(ctx: Context) -> RegionsView:
    f, lb, tr = ctx.filters, ctx.labels, ctx.tr
    # The comparison always covers all 21 regions; the region filter only highlights.
    rows = metrics.select(ctx.ds.view, f, ignore_regions=True)
    notes: list[str] = []
    if not f.years:
        # Unless years are chosen, compare only the years in which every region has figures: adding a
        # year that only some regions have would rank them by a gap in the sources.
        complete = metrics.complete_years(rows, len(ctx.ds.regions))
        if complete:
            rows = rows.loc[rows["year"].isin(complete)]
            notes.append(tr("rg_complete_years", years=year_span(list(complete))))
    comp = metrics.compare_regions(rows, ctx.ds.regions, ctx.pop, f.denom)
    table = comp.table
    shown = metrics.regional_rows(rows)
    if f.denom == "key":
        shown, _ = metrics.key_rows(shown)
    if comp.partial_years:
        notes.append(tr("rg_partial", years=year_span(list(comp.partial_years))))
    if len(comp.excluded):
        names = [f"{lb.streams.get(s, s)} ({tr('key_pop_' + k) if 'key_pop_' + k in TEXT else k})"
                 for s, k in zip(comp.excluded["stream_id"], comp.excluded["key_population"], strict=True)]
        notes.append(tr("rg_excluded", streams="; ".join(names)))
    missing = int((~table["has_data"]).sum())
    if missing and comp.regions_with_data:
        notes.append(tr("rg_no_data", n=missing))
    notes.extend(estimate_notes(ctx, shown))
    notes.extend(coverage_notes(ctx, pd.unique(shown["year"]), partial=False))  # rg_partial covers the rest
    if not comp.regions_with_data:
        return RegionsView(None, None, tuple(notes), comp)

    years = _years(shown)
    n = comp.regions_with_data
    hover = {}
    for r in table.itertuples():
        lines = [f"<b>{plot_escape(r.region_name)}</b>"]
        if r.has_data:
            lines += [f"{tr('amount')}: {lb.money(int(r.amount_sek))}",
                      f"{tr('population')}: {lb.number(r.population)}",
                      f"{tr('per_capita')}: {lb.per_capita(float(r.sek_per_capita))}",
                      f"{tr('rank')}: {tr('rg_rank_of', rank=int(r.rank), n=n)}"]
        else:
            lines += [f"{tr('population')}: {lb.number(r.population)}", "–"]
        hover[r.region_code] = "<br>".join(lines)
    # The region filter does not narrow the comparison (a rank needs all 21); it marks the chosen regions.
    chosen = frozenset(f.regions)
    map_fig = figures.region_map(table, lb, [hover[c] for c in table["region_code"]], chosen)
    bar_fig = figures.ranked_bars(table, comp.by_status, comp.national_per_capita, lb, hover, chosen)
    if chosen:
        notes.append(tr("rg_highlight", regions=", ".join(lb.regions.get(c, c) for c in f.regions)))

    ranked = table.loc[table["has_data"]]
    top, bottom = ranked.iloc[0], ranked.iloc[-1]
    if len(ranked) == 1:
        summary = tr("rg_summary_one", region=top["region_name"], value=lb.per_capita(float(top["sek_per_capita"])))
    else:
        summary = tr("rg_summary" if comp.national_per_capita is not None else "rg_summary_partial",
                     top=top["region_name"], top_value=lb.per_capita(float(top["sek_per_capita"])),
                     bottom=bottom["region_name"], bottom_value=lb.per_capita(float(bottom["sek_per_capita"])),
                     national=lb.per_capita(comp.national_per_capita))
    display = pd.DataFrame({
        tr("rank"): [str(int(r)) if pd.notna(r) else "–" for r in table["rank"]],
        tr("region"): table["region_name"],
        tr("col_amount"): [lb.money(int(a)) if pd.notna(a) else "–" for a in table["amount_sek"]],
        tr("col_population"): [lb.number(p) for p in table["population"]],
        tr("col_per_capita"): [lb.per_capita(float(v)) if pd.notna(v) else "–" for v in table["sek_per_capita"]],
    })
    national_row = pd.DataFrame({
        tr("rank"): [""], tr("region"): [tr("country")], tr("col_amount"): [lb.money(comp.national_amount)],
        tr("col_population"): [lb.number(comp.national_population)],
        tr("col_per_capita"): [lb.per_capita(comp.national_per_capita)],
    })
    display = pd.concat([display, national_row], ignore_index=True)
    map_spec = ChartSpec("map", map_fig, tr("rg_map_title", years=years), tr("rg_map_alt"), summary, display, shown,
                         (tr("map_credit"),))
    bar_spec = ChartSpec("ranked", bar_fig, tr("rg_bar_title", years=years), tr("rg_bar_alt"), summary, display,
                         shown, (tr("legend_status"),))
    return RegionsView(map_spec, bar_spec, tuple(notes), comp)


# ---------------------------------------------------------------- Över tid


@per_view
def over_time(ctx: Context, max_areas: int = 8) -> ChartSpec | None:
    f, lb, tr = ctx.filters, ctx.labels, ctx.tr
    rows = ctx.rows
    if rows.empty:
        return None
    frame = metrics.over_time(rows, ctx.ds.regions, ctx.pop, f.regions)
    if frame.empty:
        return None
    per_capita = f.unit == "capita"
    areas = list(dict.fromkeys(frame["area_code"]))
    notes = [tr("legend_status")]
    if f.regions:
        notes.append(tr("ot_regions_note"))
    if len(areas) > max_areas:
        notes.append(tr("ot_many", n=max_areas))
    drawn = frame.loc[frame["area_code"].isin(areas[:max_areas])]
    all_years = f.years or tuple(sorted(int(y) for y in pd.unique(ctx.ds.view["year"])))
    fig = figures.over_time(drawn, lb, per_capita, list(all_years))
    value = "sek_per_capita" if per_capita else "amount_sek"
    per_area_year = frame.groupby(["area_code", "area_name", "year"])[value].sum().reset_index()
    first_area = per_area_year.loc[per_area_year["area_code"] == areas[0]]
    # Highest and lowest among the years the sources cover for every region: 2023's 81 mnkr is
    # Västra Götaland's county-joint money alone, not the country's lowest year.
    comparable = first_area.loc[~first_area["year"].isin(partial_years(ctx))]
    if not comparable.empty:
        first_area = comparable
    mx, mn = first_area.loc[first_area[value].idxmax()], first_area.loc[first_area[value].idxmin()]
    show = lb.per_capita if per_capita else lb.mn
    area_name = str(first_area["area_name"].iloc[0]) or tr("country")
    summary = tr("ot_summary", area=area_name, max_year=int(mx["year"]), max_value=show(mx[value]),
                 min_year=int(mn["year"]), min_value=show(mn[value]))
    names = [str(n) or tr("country") for n in frame["area_name"]]
    table = pd.DataFrame({
        tr("region"): names,
        tr("year"): frame["year"].astype(str),
        tr("status"): _status_col(lb, frame["status"]),
        tr("col_amount"): [lb.money(a) for a in frame["amount_sek"]],
        tr("col_per_capita"): [lb.per_capita(v) for v in frame["sek_per_capita"]],
    })
    if not f.regions:
        area_label = tr("country")
    elif len(areas) <= 3:
        area_label = ", ".join(dict.fromkeys(names))
    else:
        area_label = tr("ot_n_regions", n=len(areas))
    unit = tr("sek_per_inh") if per_capita else tr("msek")
    shown = rows if not f.regions else metrics.regional_rows(rows)
    title = tr("ot_title", areas=area_label, unit=unit, years=_years(frame))
    return ChartSpec("over_time", fig, title, tr("ot_alt"), summary, table, shown,
                     (*notes, *estimate_notes(ctx, shown), *coverage_notes(ctx, pd.unique(frame["year"]))))


# ---------------------------------------------------------------- Fokusområden


@per_view
def focus_tree(ctx: Context) -> ChartSpec | None:
    rows, lb, tr = ctx.rows, ctx.labels, ctx.tr
    if rows.empty:
        return None
    frame = metrics.hierarchy(rows)
    fig = figures.treemap(frame, lb, _grant_order(ctx))
    top = frame.sort_values("amount_sek", ascending=False).iloc[0]
    summary = tr("fo_tree_summary", stream=lb.streams.get(top["stream_id"], top["stream_id"]),
                 amount=lb.mn(top["amount_sek"]), share=lb.percent(top["share"]))
    table = pd.DataFrame({
        tr("channel"): [lb.channel(c) for c in frame["channel"]],
        tr("grant"): [lb.grants.get(g, g) for g in frame["grant_id"]],
        tr("stream"): [lb.streams.get(s, s) for s in frame["stream_id"]],
        tr("status"): _status_col(lb, frame["status"]),
        tr("col_amount"): [lb.money(a) for a in frame["amount_sek"]],
        tr("share"): [lb.percent(s) for s in frame["share"]],
    })
    return ChartSpec("tree", fig, tr("fo_tree_title", years=_years(rows)), tr("fo_tree_alt"), summary, table, rows,
                     (*estimate_notes(ctx, rows), *coverage_notes(ctx, pd.unique(rows["year"]))))


@per_view
def focus_regions(ctx: Context) -> ChartSpec | None:
    lb, tr = ctx.labels, ctx.tr
    rows = metrics.regional_rows(ctx.rows)
    if rows.empty:
        return None
    frame = metrics.totals_by(rows, ["region_code", "focus_area", "status"])
    names = ctx.ds.regions.set_index("region_code")["short_name"]
    frame["region_name"] = frame["region_code"].map(names).astype(str)
    fig = figures.region_focus(frame, lb, _focus_order(ctx))
    per_region = frame.groupby("region_name")["amount_sek"].sum().sort_values(ascending=False)
    per_focus = frame.groupby("focus_area")["amount_sek"].sum().sort_values(ascending=False)
    summary = tr("fo_region_summary", region=per_region.index[0], amount=lb.mn(per_region.iloc[0]),
                 focus=lb.focus.get(per_focus.index[0], per_focus.index[0]))
    region_total = frame.groupby("region_code")["amount_sek"].transform("sum")
    table = pd.DataFrame({
        tr("region"): frame["region_name"],
        tr("focus"): [lb.focus.get(x, x) for x in frame["focus_area"]],
        tr("status"): _status_col(lb, frame["status"]),
        tr("col_amount"): [lb.money(a) for a in frame["amount_sek"]],
        tr("share"): [lb.percent(s) for s in frame["amount_sek"] / region_total],
    })
    return ChartSpec("focus_regions", fig, tr("fo_region_title", years=_years(rows)), tr("fo_region_alt"), summary,
                     table, rows, (tr("legend_status"), *estimate_notes(ctx, rows),
                                   *coverage_notes(ctx, pd.unique(rows["year"]))))


@per_view
def focus_shares(ctx: Context) -> ChartSpec | str | None:
    lb, tr = ctx.labels, ctx.tr
    if ctx.rows.empty or ctx.rows["amount_sek"].sum() == 0:
        return None
    shares, excluded = metrics.focus_shares(ctx.rows)
    excluded_note = (tr("fo_share_excluded", amount=lb.mn(excluded)),) if excluded else ()
    rows = ctx.rows.loc[ctx.rows["focus_area"] != metrics.UNALLOCATED_FOCUS]
    if rows["amount_sek"].sum() == 0:
        return " ".join(excluded_note) or None
    frame = metrics.totals_by(rows, ["focus_area", "status"])
    fig = figures.focus_shares(frame, lb)
    top = shares.iloc[0]
    summary = tr("fo_share_summary", focus=lb.focus.get(top["focus_area"], top["focus_area"]),
                 share=lb.percent(top["share"]), amount=lb.mn(top["amount_sek"]))
    whole = frame["amount_sek"].sum()
    table = pd.DataFrame({
        tr("focus"): [lb.focus.get(x, x) for x in frame["focus_area"]],
        tr("status"): _status_col(lb, frame["status"]),
        tr("col_amount"): [lb.money(a) for a in frame["amount_sek"]],
        tr("share"): [lb.percent(a / whole) for a in frame["amount_sek"]],
    })
    return ChartSpec("focus_shares", fig, tr("fo_share_title", years=_years(rows)), tr("fo_share_alt"), summary,
                     table, rows, (*excluded_note, tr("legend_status"), *estimate_notes(ctx, rows),
                                   *coverage_notes(ctx, pd.unique(rows["year"]))))


# ---------------------------------------------------------------- Regionprofil


@dataclass(frozen=True)
class ProfileView:
    profile: metrics.Profile
    metrics: list[Metric]
    chart: ChartSpec | None
    own: pd.DataFrame
    joint: pd.DataFrame
    own_rows: pd.DataFrame
    joint_rows: pd.DataFrame
    notes: tuple[str, ...]


def _detail_table(ctx: Context, frame: pd.DataFrame) -> pd.DataFrame:
    lb, tr, en = ctx.labels, ctx.tr, ctx.lang == "en"
    return pd.DataFrame({
        tr("year"): frame["year"].astype(str),
        tr("grant"): [lb.grants.get(g, g) for g in frame["grant_id"]],
        tr("stream"): [lb.streams.get(s, s) for s in frame["stream_id"]],
        tr("status"): _status_col(lb, frame["status"]),
        tr("col_amount"): [lb.money(a) for a in frame["amount_sek"]],
        tr("col_per_capita"): [lb.per_capita(v) if pd.notna(v) else "–" for v in frame["sek_per_capita"]],
        tr("key"): frame["key_en" if en else "key_sv"],
        tr("source"): [lb.sources.get(s, s) for s in frame["source_id"]],
    })


@per_view
def region_profile(ctx: Context, code: str) -> ProfileView:
    f, lb, tr = ctx.filters, ctx.labels, ctx.tr
    rows = metrics.select(ctx.ds.view, f, ignore_regions=True)
    prof = metrics.profile(rows, ctx.ds.regions, ctx.pop, ctx.ds.streams, ctx.ds.grants, code)
    by_year = prof.by_year
    items: list[Metric] = []
    notes: list[str] = []
    for r in by_year.tail(2).itertuples():  # the two latest years; the chart and table show them all
        # A total that holds an estimate says so right under it, as the chart and tables do.
        estimated = (tr("rp_estimated_part", amount=lb.money(r.estimated_sek),
                        value=lb.kr(r.estimated_sek / prof.population)),) if r.estimated_sek else ()
        items.append(Metric(tr("rp_total", year=r.year), lb.mn(r.amount_sek), (lb.money(r.amount_sek), *estimated)))
        items.append(Metric(tr("rp_per_capita", year=r.year), lb.kr(r.sek_per_capita),
                            (tr("rp_vs_country", value=lb.kr(r.national_per_capita)), *estimated)))
        rank_note = tr("rp_rank_help", n=r.ranked) if r.ranked == len(ctx.ds.regions) else tr(
            "rp_partial", n=r.ranked, year=r.year)
        items.append(Metric(tr("rp_rank", year=r.year), tr("rg_rank_of", rank=r.rank, n=r.ranked), (rank_note,)))
    mine = metrics.regional_rows(rows)
    mine = mine.loc[mine["region_code"] == code]
    chart = None
    if not by_year.empty:
        split = metrics.totals_by(mine, ["year", "status"])
        split["sek_per_capita"] = split["amount_sek"] / prof.population
        fig = figures.profile(split, by_year[["year", "national_per_capita"]], lb, prof.region_name)
        last = by_year.iloc[-1]
        summary = tr("rp_chart_summary", year=int(last["year"]), region=prof.region_name,
                     value=lb.kr(last["sek_per_capita"]), national=lb.kr(last["national_per_capita"]))
        table = pd.DataFrame({
            tr("year"): by_year["year"].astype(str),
            tr("col_amount"): [lb.money(a) for a in by_year["amount_sek"]],
            tr("col_per_capita"): [lb.per_capita(v) for v in by_year["sek_per_capita"]],
            f"{tr('country')}, {tr('col_per_capita').lower()}": [lb.per_capita(v)
                                                                  for v in by_year["national_per_capita"]],
            tr("rank"): [tr("rg_rank_of", rank=int(r), n=int(n)) for r, n in zip(by_year["rank"], by_year["ranked"],
                                                                                 strict=True)],
        })
        title = tr("rp_chart_title", region=prof.region_name, years=_years(mine))
        chart = ChartSpec("profile", fig, title, tr("rp_chart_alt"), summary,
                          table, mine, (tr("legend_status"), *estimate_notes(ctx, mine),
                                        *coverage_notes(ctx, by_year["year"])))
    return ProfileView(profile=prof, metrics=items, chart=chart, own=_detail_table(ctx, prof.streams),
                       joint=_detail_table(ctx, prof.joint), own_rows=mine.loc[mine["recipient_level"] == "region"],
                       joint_rows=mine.loc[mine["recipient_level"] == "county"], notes=tuple(notes))


# ---------------------------------------------------------------- Data


@per_view
def data_table(ctx: Context) -> pd.DataFrame:
    """The filtered rows with labels in the chosen language; numbers stay numbers so the table sorts."""
    rows, lb, tr, en = ctx.rows, ctx.labels, ctx.tr, ctx.lang == "en"
    return pd.DataFrame({
        tr("year"): rows["year"].astype("int64"),
        tr("region"): [f"{c} {n}" if c else "" for c, n in zip(rows["region_code"], rows["region_name"],
                                                                 strict=True)],
        tr("col_recipient"): [recipient(r, lv, c, n, ctx.lang) for r, lv, c, n in
                              zip(rows["recipient"], rows["recipient_level"], rows["region_code"],
                                  rows["region_name"], strict=True)],
        tr("col_level"): [lb.level(x) for x in rows["recipient_level"]],
        tr("grant"): rows["grant_name_en" if en else "grant_name"],
        tr("stream"): [lb.streams.get(s, s) for s in rows["stream_id"]],
        tr("focus"): rows["focus_name_en" if en else "focus_name"],
        tr("status"): _status_col(lb, rows["status"]),
        tr("col_amount"): rows["amount_sek"].astype("int64"),
        tr("col_population"): rows["population"],
        tr("col_per_capita"): rows["sek_per_capita"],
        tr("col_source"): [lb.sources.get(s, s) for s in rows["source_id"]],
        tr("col_estimate"): [source_text(m, ctx.lang) for m in rows["estimate_method"]],
    })


# ---------------------------------------------------------------- Om datan


@dataclass(frozen=True)
class AboutView:
    sources: list[tuple[str, str]]   # (title, publisher, date, reference number and kind)
    keys: pd.DataFrame
    audit: pd.DataFrame
    reconciliation: dict[str, int]
    tolerated: pd.DataFrame
    no_figures: pd.DataFrame
    estimated_total: int | None   # the published total that the estimated amounts split


@per_view
def about(ctx: Context) -> AboutView:
    ds, lb, tr, en = ctx.ds, ctx.labels, ctx.tr, ctx.lang == "en"
    # A list rather than a table: the titles are long and must stay readable on a phone.
    sources = [(str(r.title), f"{r.publisher}, {r.date}"
                + (f", {tr('col_diarienummer').lower()} {r.diarienummer}" if isinstance(r.diarienummer, str) else "")
                + f" ({source_text(r.kind, ctx.lang)})") for r in ds.sources.itertuples()]
    streams = ds.streams
    keys = pd.DataFrame({
        tr("grant"): [lb.grants.get(g, g) for g in streams["grant_id"]],
        tr("stream"): [lb.streams.get(s, s) for s in streams["stream_id"]],
        tr("level"): [lb.level(x) for x in streams["recipient_level"]],
        tr("key"): streams["key_en" if en else "key_sv"].fillna("–"),
        tr("col_key_population"): [tr("key_pop_" + k) if "key_pop_" + k in TEXT else k
                                   for k in streams["key_population"]],
    })
    summary = metrics.key_audit_summary(ds.key_audit)
    audit = pd.DataFrame({
        tr("year"): summary["year"].astype(str),
        tr("stream"): [lb.streams.get(s, s) for s in summary["stream_id"]],
        tr("col_key_basis"): [source_text(b, ctx.lang) for b in summary["key_basis"]],
        tr("col_recipients"): summary["recipients"].astype(str),
        tr("col_max_dev"): [lb.number(v, 2) for v in summary["max_abs_deviation"]],
        tr("col_within"): summary["within_1"].astype(str),
    })
    rec = ds.reconciliation
    tol = rec.loc[rec["result"] == "tolerated"]
    tolerated = pd.DataFrame({
        tr("col_table"): tol["table"].str.replace("tables/", "", regex=False),
        tr("col_row"): tol["row"], tr("col_column"): tol["column"],
        tr("col_printed"): [lb.money(v) for v in tol["published"]],
        tr("col_sum"): [lb.money(v) for v in tol["computed"]],
        tr("col_difference"): [("+" if d > 0 else "") + lb.number(d) for d in tol["difference"]],
    })
    grants = ds.grants.loc[~ds.grants["has_exact_figures"]]
    no_figures = pd.DataFrame({
        tr("grant"): grants["name_en" if en else "name_sv"],
        tr("year"): grants["year"].astype(str),
        tr("col_as_worded"): grants["amount_as_worded"].fillna("–"),
        tr("col_diarienummer"): grants["diarienummer"].fillna("–"),
        tr("source"): [lb.sources.get(s, s) for s in grants["source_id"]],
    })
    estimated = ds.view.loc[ds.view["status"] == "estimated", ["grant_id", "year"]].drop_duplicates()
    totals = estimated.merge(ds.grants, on=["grant_id", "year"])["distributed_sek"].dropna()
    return AboutView(sources, keys, audit, metrics.reconciliation_summary(rec), tolerated, no_figures,
                     int(totals.sum()) if len(totals) else None)
