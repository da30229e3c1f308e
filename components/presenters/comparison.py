"""Regioner: every region's kronor per inhabitant on a map and in a ranking, against the national average,
saying how much of the selected money is known per region at all."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.figures import bars, maps
from funding.analysis.regions import RegionComparison, compare_regions, complete_years, key_rows, regional_rows
from funding.dataset import select
from funding.text import has
from funding.text.escape import plot_escape

from . import notes
from .common import ChartSpec, Metric, Table, narrow_spread, of_which, rank_of, years_label
from .context import ViewContext, per_view

MAX_ANSWERS = 3


@dataclass(frozen=True)
class ComparisonView:
    coverage: str                  # "By region: X of Y of the selected money"
    answers: tuple[Metric, ...]    # each chosen region's value, rank and the national average, first on the page
    notes: tuple[str, ...]
    map: ChartSpec | None
    ranking: ChartSpec | None
    empty: str | None              # why there is nothing to compare, and what to choose instead


def _hover(ctx: ViewContext, table: pd.DataFrame, n: int, decimals: int) -> dict[str, str]:
    tr, lb = ctx.tr, ctx.labels
    hover = {}
    for r in table.itertuples():
        lines = [f"<b>{plot_escape(r.region_name)}</b>"]
        if r.has_data:
            lines += [f"{tr('amount')}: {lb.money(int(r.amount_sek))}",
                      f"{tr('population')}: {lb.number(r.population)}",
                      f"{tr('per_capita')}: {lb.per_capita(float(r.sek_per_capita), max(decimals, 2))}",
                      f"{tr('rank')}: {tr('rg_rank_of', rank=int(r.rank), n=n)}"]
        else:
            lines += [f"{tr('population')}: {lb.number(r.population)}", tr("rg_no_value")]
        hover[r.region_code] = "<br>".join(lines)
    return hover


def _empty_message(ctx: ViewContext, rows: pd.DataFrame) -> str:
    """Why no region has money in the selection, and which years would have some."""
    everything = select(ctx.ds.view, ctx.filters.replace(years=()), statuses=ctx.snapshot.statuses,
                        ignore_regions=True)
    years = complete_years(everything, ctx.n_regions)
    lb = ctx.labels
    if not years:
        return ctx.tr("rg_empty_never")
    return ctx.tr("rg_empty", years=lb.years(ctx.snapshot.years), total=lb.mn(int(rows["amount_sek"].sum())),
                  available=lb.years(years))


def _answers(ctx: ViewContext, comp: RegionComparison, years: str) -> tuple[Metric, ...]:
    """"What does my region get per inhabitant, against the country?" for up to three chosen regions, so a
    phone shows it before the map and the 21 bars."""
    lb, tr = ctx.labels, ctx.tr
    table = comp.table.set_index("region_code")
    out = []
    for code in ctx.filters.region_codes[:MAX_ANSWERS]:
        r = table.loc[code]
        label = tr("rg_answer_label", region=r["region_name"], years=years)
        if not r["has_data"]:
            out.append(Metric(label, "–", (tr("rg_answer_none"),)))
            continue
        value = lb.per_capita(float(r["sek_per_capita"]), comp.decimals)
        if comp.national_per_capita is None:  # a partial year: no rank among all, no average
            out.append(Metric(label, value, (tr("rg_answer_no_national"),)))
            continue
        rank, tie_note = rank_of(tr, int(r["rank"]), comp.regions_with_data, int(r["tied"]))
        out.append(Metric(label, value, (tr("rg_answer_rank", rank=rank), *tie_note,
                                         tr("rg_answer_national", value=lb.per_capita(comp.national_per_capita)))))
    return tuple(out)


@per_view
def present(ctx: ViewContext) -> ComparisonView:
    f, lb, tr = ctx.filters, ctx.labels, ctx.tr
    # The comparison always covers all 21 regions; the region filter only marks the chosen ones.
    rows = select(ctx.ds.view, f, years=ctx.snapshot.years, statuses=ctx.snapshot.statuses, ignore_regions=True)
    comp = compare_regions(rows, ctx.ds.regions, ctx.ds.population_by_region, f.denom)
    shown = regional_rows(rows)
    if f.denom == "key":
        shown, _ = key_rows(shown)
    lines = [*notes.several_years_note(ctx, ctx.snapshot.years), *notes.partial_notes(ctx, rows)]
    if len(comp.excluded):
        names = [f"{lb.stream(s)} ({tr('key_pop_' + k) if has('key_pop_' + k) else k})"
                 for s, k in zip(comp.excluded["stream_id"], comp.excluded["key_population"], strict=True)]
        lines.append(tr("rg_excluded", streams="; ".join(names)))
    missing = int((~comp.table["has_data"]).sum())
    if missing and comp.regions_with_data:
        lines.append(tr("rg_no_data", n=missing))
    if comp.all_equal:
        lines.append(tr("rg_all_equal", value=lb.per_capita(float(comp.table["sek_per_capita"].dropna().iloc[0]))))
    lines.extend(notes.estimate_notes(ctx, shown))
    # Money left off the map because only its estimated split is regional: say so, beside the coverage line.
    lines.extend(notes.unsplit_estimate_notes(ctx, rows))
    lines.extend(notes.gap_notes(ctx, ctx.snapshot.years))
    coverage = notes.coverage_line(ctx, rows)
    if not comp.regions_with_data:
        return ComparisonView(coverage, (), tuple(lines), None, None, _empty_message(ctx, rows))

    table, n = comp.table, comp.regions_with_data
    hover = _hover(ctx, table, n, comp.decimals)
    chosen = tuple(f.region_codes)
    map_fig = maps.region_map(table, lb, [hover[c] for c in table["region_code"]], chosen, comp.all_equal)
    bar_fig = bars.ranked(table, comp.by_status, comp.national_per_capita, lb, hover, chosen, comp.decimals,
                          comp.all_equal)
    if chosen:
        lines.append(tr("rg_highlight", regions=", ".join(lb.region_names.get(c, c) for c in chosen)))
    ranked = table.loc[table["has_data"]]
    top, bottom = ranked.iloc[0], ranked.iloc[-1]

    def show(value: float) -> str:
        return lb.per_capita(float(value), comp.decimals)

    if comp.all_equal:
        summary = tr("rg_summary_equal", n=n, value=show(top["sek_per_capita"]))
    elif n == 1:
        summary = tr("rg_summary_one", region=top["region_name"], value=show(top["sek_per_capita"]))
    else:
        summary = tr("rg_summary" if comp.national_per_capita is not None else "rg_summary_partial",
                     top=top["region_name"], top_value=show(top["sek_per_capita"]), bottom=bottom["region_name"],
                     bottom_value=show(bottom["sek_per_capita"]), national=lb.per_capita(comp.national_per_capita))
    # Region and value first, so a narrow screen shows the answer before it has to scroll sideways.
    display = pd.DataFrame({
        tr("region"): table["region_name"],
        tr("col_per_capita"): table["sek_per_capita"].round(2),
        tr("rank"): table["rank"],
        tr("col_amount"): table["amount_sek"],
        tr("col_population"): table["population"].astype("int64"),
    })
    national = pd.DataFrame({tr("region"): [tr("country")],
                             tr("col_per_capita"): pd.Series([comp.national_per_capita], dtype="Float64").round(2),
                             tr("rank"): pd.Series([None], dtype="Int64"), tr("col_amount"): [comp.national_amount],
                             tr("col_population"): [comp.national_population]})
    display = pd.concat([display, national], ignore_index=True)
    formats = {tr("col_per_capita"): "per_capita", tr("rank"): "int", tr("col_amount"): "money",
               tr("col_population"): "int"}
    for column, amounts in of_which(tr, lb, comp.by_status, "region_code", table["region_code"]).items():
        display[column] = pd.concat([amounts, pd.Series([int(amounts.sum())])], ignore_index=True)  # Riket
        formats[column] = "money"
    tbl = Table(display, formats, {tr("col_per_capita"): comp.decimals})
    years = years_label(shown)
    map_notes = [tr("map_scale_note") if not comp.all_equal else tr("map_equal_note")]
    spread = narrow_spread(float(top["sek_per_capita"]), float(bottom["sek_per_capita"]), comp.all_equal)
    if spread is not None:
        # Honest but easy to misread as a broken map: every region in nearly the same colour.
        map_notes.append(tr("map_narrow_note", spread=show(spread),
                            share=lb.percent(spread / float(top["sek_per_capita"]))))
    map_spec = ChartSpec("map", map_fig, tr("rg_map_title", years=years), tr("rg_map_alt"), summary, tbl, shown,
                         (*map_notes, tr("map_credit")), every_region=True)
    bar_notes = [tr("legend_status")]
    if ranked["rank"].duplicated().any():
        bar_notes.append(tr("rg_ties"))
    bar_spec = ChartSpec("ranked", bar_fig, tr("rg_bar_title", years=years), tr("rg_bar_alt"), summary, tbl, shown,
                         tuple(bar_notes), every_region=True)
    return ComparisonView(coverage, _answers(ctx, comp, years), tuple(lines), map_spec, bar_spec, None)
