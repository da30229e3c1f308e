"""Regionprofil: one region on one page, to print or take away: its money, per inhabitant against the country,
its rank, every row with its key and source, and why a year is empty where the sources say nothing."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.figures import bars
from funding.analysis import facts
from funding.analysis.profile import Profile, profile
from funding.analysis.regions import regional_rows
from funding.analysis.sums import totals_by
from funding.dataset import per_capita, select
from funding.fmt import year_span
from funding.vocabulary import STATUSES

from . import notes
from .common import ChartSpec, Metric, Table, narrow_spread, of_which, rank_of, years_label
from .context import ViewContext, per_view


@dataclass(frozen=True)
class ProfileView:
    profile: Profile
    heading: str
    population: str
    metrics: tuple[Metric, ...]
    message: str | None          # one sentence when the chosen years hold nothing for the region, and why
    chart: ChartSpec | None
    own: Table
    joint: Table
    own_rows: pd.DataFrame
    joint_rows: pd.DataFrame
    all_rows: pd.DataFrame       # every row of the region in every year, for the one-click workbook
    no_joint: str = ""           # what to say where `joint` is empty


def _detail(ctx: ViewContext, frame: pd.DataFrame) -> Table:
    lb, tr, en = ctx.labels, ctx.tr, ctx.lang == "en"
    # The region is fixed on this page, so the amount comes first: on a phone the columns after the first
    # two or three are off to the right (issue 16).
    table = pd.DataFrame({
        tr("col_amount"): frame["amount_sek"].astype("int64"),
        tr("col_per_capita"): frame["sek_per_capita"],
        tr("year"): frame["year"].astype("int64"),
        tr("grant"): [lb.grant(g) for g in frame["grant_id"]],
        tr("stream"): [lb.stream(s) for s in frame["stream_id"]],
        tr("status"): [lb.status(s) for s in frame["status"]],
        # An estimated row's amount comes from this dataset's method, not from the grant's key: Socialstyrelsen
        # splits primary care 2026 by the population of 2025-11-01, the estimate by that of 2024-11-01.
        tr("key"): [tr("rp_key_estimated", method=method) if status == "estimated" else key for key, status, method
                    in zip(frame["key_en" if en else "key_sv"], frame["status"],
                           frame["estimate_method_en" if en else "estimate_method"], strict=True)],
        tr("source"): [lb.source(s) for s in frame["source_id"]],
    })
    return Table(table, {tr("year"): "year", tr("col_amount"): "money", tr("col_per_capita"): "per_capita"})


def _message(ctx: ViewContext, code: str, prof: Profile, every_status: pd.DataFrame) -> str | None:
    """Nothing for the region in the chosen years: say why (partial years) and which years have its money."""
    focus = set(ctx.snapshot.years)
    if set(prof.by_year["year"]) & focus:
        return None
    name = ctx.labels.region_names.get(code, code)
    everything = select(ctx.ds.view, ctx.filters.replace(years=()), statuses=ctx.snapshot.statuses,
                        ignore_regions=True)
    mine = regional_rows(everything).loc[lambda r: r["region_code"] == code]
    available = year_span(pd.unique(mine["year"]))
    partial = [p for p in facts.partial_detail(everything, ctx.n_regions) if p.year in focus]
    if partial:
        others = ", ".join(ctx.labels.region_names.get(c, c) for c in partial[0].region_codes)
        return ctx.tr("rp_empty_partial", years=year_span(focus), regions=others, region=name, available=available)
    message = ctx.tr("rp_empty", years=year_span(focus), region=name, available=available or "–")
    # The years may still hold money for the whole country, announced money too, which the default leaves out
    # (2027: 3 439 mnkr, all announced): "no amounts" alone read as no money at all.
    in_focus = every_status.loc[every_status["year"].isin(focus)]
    if national := _national_only(ctx, in_focus):
        message += " " + national
        if "announced" not in ctx.snapshot.statuses and (in_focus["status"] == "announced").any():
            message += " " + ctx.tr("rp_national_only_announced_hint")
    return message


def _every_status(ctx: ViewContext) -> pd.DataFrame:
    """Every year and status of the selection, for every region: what the sources give beyond the chart's."""
    return select(ctx.ds.view, ctx.filters.replace(years=(), region_codes=()), statuses=STATUSES)


def _national_only(ctx: ViewContext, rows: pd.DataFrame) -> str:
    """'För 2027 är 3 439,0 mnkr aviserat för hela landet, inget av det per region.' for `rows` that hold no
    amount for the region; how much of it is announced where some is."""
    if rows.empty:
        return ""
    total = int(rows["amount_sek"].sum())
    announced = int(rows.loc[rows["status"] == "announced", "amount_sek"].sum())
    years, lb = year_span(pd.unique(rows["year"])), ctx.labels
    if announced == total:
        return ctx.tr("rp_national_only_announced", years=years, national=lb.mn(total))
    if announced:
        return ctx.tr("rp_national_only_part_announced", years=years, national=lb.mn(total),
                      announced=lb.mn(announced))
    return ctx.tr("rp_national_only", years=years, national=lb.mn(total))


def _later_years(ctx: ViewContext, code: str, last: int, every_status: pd.DataFrame) -> tuple[str, ...]:
    """The years after the chart's last one that hold money for the whole country only (2027-2028, announced):
    a chart ending in 2026 said nothing of what is coming."""
    later = every_status.loc[every_status["year"] > last]
    if len(regional_rows(later).loc[lambda r: r["region_code"] == code]):
        return ()
    text = _national_only(ctx, later)
    return (text,) if text else ()


def _unsplit(rows: pd.DataFrame, years, level: str) -> pd.DataFrame:
    """The rows of `years` to regions ("region") or counties ("county") that the sources give only as a total."""
    return rows.loc[rows["year"].isin(years) & (rows["recipient_level"] == level) & (rows["region_code"] == "")]


@per_view
def present(ctx: ViewContext, code: str) -> ProfileView:
    lb, tr = ctx.labels, ctx.tr
    rows = select(ctx.ds.view, ctx.filters, years=ctx.series.years, statuses=ctx.snapshot.statuses,
                  ignore_regions=True)
    prof = profile(rows, ctx.ds.regions, ctx.ds.population_by_region, ctx.ds.streams, ctx.ds.grants, code)
    every_status = _every_status(ctx)
    focus = prof.by_year.loc[prof.by_year["year"].isin(ctx.snapshot.years)]
    items: list[Metric] = []
    for r in focus.itertuples():
        estimated = (tr("rp_estimated_part", amount=lb.money(r.estimated_sek),
                        value=lb.kr(per_capita(r.estimated_sek, prof.population))),) if r.estimated_sek else ()
        # County-joint money the sources give only for the whole country is not this county's zero.
        unsplit = int(_unsplit(rows, (r.year,), "county")["amount_sek"].sum())
        split_help = tr("rp_total_help_unsplit", own=lb.mn(r.own_sek), national=lb.mn(unsplit)) \
            if unsplit and not r.joint_sek else tr("rp_total_help", own=lb.mn(r.own_sek), joint=lb.mn(r.joint_sek))
        # So is money to the regions that the sources give only as a total (2026: 548 mnkr of the agreement;
        # 2025: 1 490 mnkr of BUP and psychiatric beds): the region's share of it is in no figure here.
        unsplit_own = int(_unsplit(rows, (r.year,), "region")["amount_sek"].sum())
        own_help = (tr("rp_total_help_unsplit_own", national=lb.mn(unsplit_own)),) if unsplit_own else ()
        items.append(Metric(tr("rp_total", year=r.year), lb.mn(r.amount_sek),
                            (lb.money(r.amount_sek), split_help, *own_help, *estimated)))
        national = tr("rp_vs_country", value=lb.kr(r.national_per_capita)) if r.national_per_capita is not None \
            else tr("rp_no_national")
        items.append(Metric(tr("rp_per_capita", year=r.year), lb.kr(r.sek_per_capita),
                            # The same money as the total's: only the region's own where it has no joint funds
                            # (not split by county in the sources, or filtered out).
                            (tr("rp_per_capita_help_own" if not r.joint_sek else "rp_per_capita_help",
                                pop=lb.number(prof.population), date=ctx.ds.population_date),
                             national)))
        rank_note = tr("rp_rank_help", n=r.ranked) if r.ranked == ctx.n_regions else \
            tr("rp_partial", n=r.ranked, year=r.year)
        # The rank and the country's figure cover only the money the sources split by region: say how much.
        coverage = notes.coverage_line(ctx, rows.loc[rows["year"] == r.year])
        # In a partial year "1 av 1" in large type said more than the note under it allows: no rank at all.
        rank, tie_note = rank_of(tr, r.rank, r.ranked, r.tied) if r.ranked == ctx.n_regions else ("–", ())
        narrow = ()
        spread = narrow_spread(r.highest_per_capita, r.lowest_per_capita, r.all_equal)
        if r.ranked == ctx.n_regions and spread is not None:
            narrow = (tr("rp_rank_narrow", year=r.year, spread=lb.kr(spread),
                         share=lb.percent(spread / r.highest_per_capita), date=ctx.ds.population_date),)
        items.append(Metric(tr("rp_rank", year=r.year), rank, (rank_note, *tie_note, *narrow, coverage)))
    mine = prof.rows
    chart = None
    if not prof.by_year.empty:
        split = totals_by(mine, ["year", "status"])
        split["sek_per_capita"] = per_capita(split["amount_sek"], prof.population)
        fig = bars.profile(split, prof.by_year[["year", "national_per_capita"]], lb, prof.region_name)
        last = prof.by_year.iloc[-1]
        national = last["national_per_capita"]
        summary = tr("rp_chart_summary", year=int(last["year"]), region=prof.region_name,
                     value=lb.kr(last["sek_per_capita"]), national=lb.kr(national)) \
            if national is not None and not pd.isna(national) else \
            tr("rp_chart_summary_partial", year=int(last["year"]), region=prof.region_name,
               value=lb.kr(last["sek_per_capita"]))
        by_year = prof.by_year
        table = pd.DataFrame({
            tr("year"): by_year["year"].astype("int64"),
            tr("col_per_capita"): by_year["sek_per_capita"].astype("Float64").round(2),
            tr("rp_col_national"): by_year["national_per_capita"].astype("Float64").round(2),
            tr("col_amount"): by_year["amount_sek"].astype("int64"),
            # Two numbers, not "15 av 21": the table is also the chart's download, and a spreadsheet sorts
            # and counts numbers (the Regioner page's ranking table gives its rank as a number too).
            tr("rank"): by_year["rank"].astype("Int64"),
            tr("rp_col_ranked"): by_year["ranked"].astype("Int64"),
        })
        formats = {tr("year"): "year", tr("col_per_capita"): "per_capita", tr("rp_col_national"): "per_capita",
                   tr("col_amount"): "money", tr("rank"): "int", tr("rp_col_ranked"): "int"}
        for column, amounts in of_which(tr, lb, split, "year", by_year["year"]).items():
            table[column] = amounts.to_numpy()
            formats[column] = "money"
        chart = ChartSpec("profile", fig, tr("rp_chart_title", region=prof.region_name, years=years_label(mine)),
                          tr("rp_chart_alt"), summary, Table(table, formats), mine,
                          (tr("legend_status"), *notes.partial_notes(ctx, rows), *notes.estimate_notes(ctx, mine),
                           *_later_years(ctx, code, int(prof.by_year["year"].max()), every_status)))
    in_focus = mine.loc[mine["year"].isin(ctx.snapshot.years)]
    own = in_focus.loc[in_focus["recipient_level"] == "region"]
    joint = in_focus.loc[in_focus["recipient_level"] == "county"]
    # The card says the county-joint money exists but is not split by county: "none in the selection" under it
    # contradicted that (2026: 493 mnkr).
    unsplit_joint = _unsplit(rows, ctx.snapshot.years, "county")
    # The years of that money, not the chosen ones: /?year=2026,2027 said "2026–2027 … 493 mnkr", 2026's alone.
    no_joint = tr("rp_no_joint_unsplit", years=year_span(pd.unique(unsplit_joint["year"])),
                  national=lb.mn(int(unsplit_joint["amount_sek"].sum()))) if len(unsplit_joint) else tr("rp_no_joint")
    return ProfileView(
        profile=prof, heading=tr("rp_heading", region=prof.region_name),
        population=tr("rp_population", date=ctx.ds.population_date, pop=lb.number(prof.population)),
        metrics=tuple(items), message=_message(ctx, code, prof, every_status), chart=chart, own=_detail(ctx, own),
        joint=_detail(ctx, joint), own_rows=own, joint_rows=joint, all_rows=mine, no_joint=no_joint,
    )
