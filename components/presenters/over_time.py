"""Över tid: every year from the first agreement to the last announced amount, for the whole country (grant by
grant, so years with different grants are not read as like for like) or for chosen regions."""

from __future__ import annotations

import pandas as pd

from components.figures import bars
from funding.analysis import facts, timeline
from funding.analysis.regions import partial_years, regional_rows
from funding.analysis.sums import totals_by
from funding.dataset import per_capita as per_capita_of
from funding.dataset import select

from . import notes
from .common import ChartSpec, Table, years_label
from .context import ViewContext, per_view

MAX_AREAS = 8


def _grant_order(ctx: ViewContext) -> list[str]:
    return list(dict.fromkeys(ctx.ds.view.sort_values(["year", "grant_id"])["grant_id"]))


def _comparable(ctx: ViewContext, frame: pd.DataFrame, every_region: pd.DataFrame | None) -> tuple[pd.DataFrame, bool]:
    """Years without gaps (no grant named without an amount, no partial regional coverage) for the summary, and
    whether there were any: else every year, and the summary must not call them complete. `every_region`: the
    selection over every region, where regions are chosen."""
    gaps = set(facts.worded_gaps(ctx.ds.view, ctx.ds.grants, ctx.ds.worded, list(ctx.series.years))["year"])
    if every_region is not None:
        # Partial means: only some regions have figures that year, so it is judged over every region, not
        # just the chosen ones (for whom every year would otherwise look partial).
        gaps |= set(partial_years(every_region, ctx.n_regions))
    kept = frame.loc[~frame["year"].isin(gaps)]
    return (kept, True) if len(kept) else (frame, False)


@per_view
def present(ctx: ViewContext, compact: bool = False) -> ChartSpec | str:
    f, lb, tr = ctx.filters, ctx.labels, ctx.tr
    rows = ctx.series_rows
    if rows.empty:
        return tr("no_rows")
    per_capita = f.unit == "capita"
    years = list(ctx.series.years)
    lines = [tr("legend_status")]
    if f.region_codes:
        frame = timeline.series(rows, ctx.ds.regions, ctx.ds.population_by_region, f.region_codes)
        if frame.empty:
            return tr("ot_regions_none", years=lb.years(years))
        areas = list(dict.fromkeys(frame["area_code"]))
        if len(areas) > MAX_AREAS:
            lines.append(tr("ot_many", n=MAX_AREAS))
        fig = bars.per_year_by_area(frame.loc[frame["area_code"].isin(areas[:MAX_AREAS])], lb, per_capita, years)
        shown = regional_rows(rows).loc[lambda r: r["region_code"].isin(f.region_codes)]
        lines.append(tr("ot_regions_note"))
        names = [str(n) for n in frame["area_name"]]
        label = ", ".join(dict.fromkeys(names)) if len(areas) <= 3 else tr("ot_n_regions", n=len(areas))
        table = pd.DataFrame({tr("region"): names, tr("year"): frame["year"].astype("int64"),
                              tr("status"): [lb.status(s) for s in frame["status"]],
                              tr("col_amount"): frame["amount_sek"].astype("int64"),
                              tr("col_per_capita"): frame["sek_per_capita"].round(2)})
        per_year = frame.groupby(["area_code", "year"])[["amount_sek"]].sum().reset_index()
        per_year = per_year.loc[per_year["area_code"] == areas[0]]
        area_name = names[0]
        population = int(frame.loc[frame["area_code"] == areas[0], "population"].iloc[0])
    else:
        frame = totals_by(rows, ["year", "grant_id", "status"])
        fig = bars.per_year_by_grant(frame, lb, _grant_order(ctx), years, compact=compact)
        if per_capita:
            lines.append(tr("ot_capita_national"))
        shown = rows
        label = tr("country")
        table = pd.DataFrame({tr("year"): frame["year"].astype("int64"), tr("grant"): [lb.grant(g) for g in
                                                                                         frame["grant_id"]],
                              tr("status"): [lb.status(s) for s in frame["status"]],
                              tr("col_amount"): frame["amount_sek"].astype("int64")})
        per_year = frame.groupby("year")[["amount_sek"]].sum().reset_index()
        area_name = tr("country")
        population = ctx.ds.national_population
    # Which years are partial, and how much of the money is known per region, are facts about every region:
    # judged over the chosen ones only, 2025 read as "the sources give only Stockholm and Västra Götaland".
    every_region = select(ctx.ds.view, f, years=ctx.series.years, statuses=ctx.series.statuses,
                          ignore_regions=True) if f.region_codes else None
    per_year, complete = _comparable(ctx, per_year, every_region)
    mx, mn = per_year.loc[per_year["amount_sek"].idxmax()], per_year.loc[per_year["amount_sek"].idxmin()]

    def value(amount: int) -> str:
        return lb.per_capita(per_capita_of(amount, population)) if per_capita else lb.mn(amount)

    # A year's bar holds announced money too; a summary quoting it must say how much, or 4 406 mnkr for 2026
    # would be read as decided (3 216 are).
    announced = frame.loc[frame["status"] == "announced"]
    if "area_code" in frame:
        announced = announced.loc[announced["area_code"] == areas[0]]
    announced_by_year = announced.groupby("year")["amount_sek"].sum()

    def value_of(row) -> str:
        part = int(announced_by_year.get(int(row["year"]), 0))
        whole = value(int(row["amount_sek"]))
        return tr("ot_value_announced", value=whole, announced=value(part)) if part else whole

    extremes = {"area": area_name, "max_year": int(mx["year"]), "max_value": value_of(mx),
                "min_year": int(mn["year"]), "min_value": value_of(mn)}
    if every_region is not None:
        # Every region has figures in 2025 and 2026, but not for the same part of the money: Gotland's "lowest
        # 2026" was the agreement's 2026 money, which the sources do not split by region. The summary gives
        # each year's share split by region instead of calling the years gap-free.
        shares = {year: lb.percent(cov.regional / cov.total if cov.total else None)
                  for year in (extremes["max_year"], extremes["min_year"])
                  for cov in [facts.coverage(every_region.loc[every_region["year"] == year])]}
        # 2023-2024 for Västra Götaland: no year has amounts for every region, so none is called complete.
        summary = tr("ot_summary_regions" if complete else "ot_summary_regions_partial", **extremes,
                     max_share=shares[extremes["max_year"]], min_share=shares[extremes["min_year"]])
        lines += [notes.coverage_line(ctx, every_region), *notes.partial_notes(ctx, every_region)]
    else:
        summary = tr("ot_summary" if complete else "ot_summary_partial", **extremes)
        lines += notes.partial_notes(ctx, shown)
    if extremes["max_year"] == extremes["min_year"]:  # one year: no highest and lowest to speak of
        summary = tr("ot_summary_one", area=area_name, year=extremes["max_year"], value=extremes["max_value"])
    lines += [*notes.gap_notes(ctx, years), *notes.estimate_notes(ctx, shown), *notes.rest_notes(ctx, shown),
              *notes.announced_note(ctx, shown)]
    unit = tr("sek_per_inh") if per_capita else tr("msek")
    formats = {tr("year"): "year", tr("col_amount"): "money", tr("col_per_capita"): "per_capita"}
    title = tr("ot_title_grants" if not f.region_codes else "ot_title", areas=label, unit=unit,
               years=years_label(frame))
    return ChartSpec("over_time", fig, title, tr("ot_alt_grants" if not f.region_codes else "ot_alt"), summary,
                     Table(table, formats), shown, tuple(lines), statuses=ctx.series.statuses)
