"""Översikt: the year's money at a glance (headline figures that follow the filters), where it goes (the money
trail) and what changed since the year before, grant by grant."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.figures import flows
from funding.analysis import facts, timeline, trail
from funding.analysis.defaults import base_year
from funding.analysis.regions import compare_regions, regional_rows
from funding.dataset import per_capita, select, total_statuses
from funding.fmt import and_list, year_span
from funding.vocabulary import STATUSES

from . import notes
from .common import ChartSpec, Metric, Table, rank_of
from .context import ViewContext, per_view


@dataclass(frozen=True)
class OverviewView:
    heading: str
    metrics: tuple[Metric, ...]
    notes: tuple[str, ...]        # what the figures cover and leave out
    trail: ChartSpec | str
    changes: ChartSpec | str
    base: int | None              # the year the change chart starts from
    base_options: tuple[int, ...]


def _status_parts(ctx: ViewContext, rows: pd.DataFrame) -> str:
    per = rows.groupby("status")["amount_sek"].sum()
    parts = [f"{ctx.labels.status(s)} {ctx.labels.money(int(per[s]))}" for s in ("decided", "estimated", "announced")
             if per.get(s)]
    if len(parts) == 1 and per.get("announced"):
        # 2027 and 2028 are announced only: the card must say so as plainly as 2026's mix.
        return ctx.tr("ov_parts_announced_only")
    if len(parts) <= 1:
        return ""
    text = ctx.tr("ov_parts", parts=", ".join(parts))
    # The estimate is of the split by region, not of the sum: read nationally, the total is a stated figure.
    return f"{text} {ctx.tr('ov_estimated_means')}" if per.get("estimated") else text


def _scope(ctx: ViewContext) -> str:
    f, lb = ctx.filters, ctx.labels
    if f.region_codes:
        return ctx.tr("ov_scope_regions", regions=", ".join(lb.region_names.get(c, c) for c in f.region_codes))
    if f.narrowed:
        return ctx.tr("ov_scope_filtered")
    return ctx.tr("ov_scope_all")


def _announced_left_out(ctx: ViewContext) -> tuple[str, ...]:
    """Announced money for the shown years that the default leaves out, with how to include it."""
    if not ctx.snapshot.default_statuses:
        return ()
    ann = select(ctx.ds.view, ctx.filters, years=ctx.snapshot.years, statuses=("announced",))
    if ann.empty:
        return ()
    return (ctx.tr("ov_announced_left_out", amount=ctx.labels.money(int(ann["amount_sek"].sum())),
                   years=year_span(ctx.snapshot.years)),)


def headline(ctx: ViewContext) -> tuple[Metric, ...]:
    tr, lb, f = ctx.tr, ctx.labels, ctx.filters
    years = year_span(ctx.snapshot.years)
    rows = ctx.snapshot_rows
    total = int(rows["amount_sek"].sum())
    total_notes = [lb.money(total), _scope(ctx)]
    if parts := _status_parts(ctx, rows):
        total_notes.append(parts)
    total_notes.extend(_announced_left_out(ctx))
    items = [Metric(tr("ov_total", years=years), lb.compact(total), tuple(total_notes))]

    all_rows = select(ctx.ds.view, f, years=ctx.snapshot.years, statuses=ctx.snapshot.statuses, ignore_regions=True)
    comp = compare_regions(all_rows, ctx.ds.regions, ctx.ds.population_by_region)
    national_regional = lb.per_capita(comp.national_per_capita)
    if f.region_codes:
        people = int(ctx.ds.population_by_region.loc[list(f.region_codes)].sum())
        value = per_capita(total, people)
        items.append(Metric(tr("ov_per_capita", years=years), lb.kr(value),
                            (tr("ov_per_capita_region", pop=lb.number(people), date=ctx.ds.population_date),
                             tr("ov_per_capita_vs", value=national_regional),
                             notes.coverage_line(ctx, all_rows))))
        if len(f.region_codes) == 1:
            me = comp.table.loc[comp.table["region_code"] == f.region_codes[0]].iloc[0]
            rank, tie_note = rank_of(tr, int(me["rank"]), comp.regions_with_data, int(me["tied"])) \
                if me["has_data"] else ("–", ())
            items.append(Metric(tr("ov_rank", years=years), rank, (tr("ov_rank_help"), *tie_note)))
    else:
        people = ctx.ds.national_population
        items.append(Metric(tr("ov_per_capita", years=years), lb.kr(per_capita(total, people)),
                            (tr("ov_per_capita_all", pop=lb.number(people), date=ctx.ds.population_date),
                             tr("ov_per_capita_regional", value=national_regional))))
        cov = facts.coverage(rows)
        # Nothing counted (2027 without its announced money): "Of SEK 0.0m (–). The rest, SEK 0.0m" said nothing.
        known_help = tr("ov_known_help", total=lb.mn(cov.total), share=lb.percent(cov.regional / cov.total),
                        national=lb.mn(cov.national_only)) if cov.total else tr("ov_known_none", years=years)
        items.append(Metric(tr("ov_known", years=years), lb.compact(cov.regional), (known_help,)))
    return tuple(items)


def frame_notes(ctx: ViewContext, rows: pd.DataFrame) -> tuple[str, ...]:
    """The budget frame of the year (the appropriation), beside what is itemised here, and what it is not."""
    lb, out = ctx.labels, []
    years = set(int(y) for y in pd.unique(rows["year"]))
    frames = ctx.ds.frames.loc[(ctx.ds.frames["kind"] == "anslag") & ctx.ds.frames["year"].isin(years)]
    for r in frames.itertuples():
        itemised = int(rows.loc[rows["year"] == r.year, "amount_sek"].sum())
        out.append(ctx.tr("ov_frame", year=int(r.year), label=r.label_en if ctx.lang == "en" else r.label_sv,
                          amount=lb.mn(int(r.amount_sek)), itemised=lb.mn(itemised),
                          source=lb.source(r.source_id)))
    return tuple(out)


def _node_names(ctx: ViewContext, links: pd.DataFrame) -> dict[tuple[str, str], str]:
    lb, tr = ctx.labels, ctx.tr
    names: dict[tuple[str, str], str] = {}
    for kind, key in {*zip(links["source_kind"], links["source"], strict=True),
                      *zip(links["target_kind"], links["target"], strict=True)}:
        names[(kind, key)] = {
            trail.BUDGET: lambda k: tr("ov_trail_budget", year=k),
            trail.GRANT: lb.grant,
            trail.CHANNEL: lb.channel,
            trail.LEVEL: lb.level,
            trail.REGION: lambda k: {trail.OTHER_REGIONS: tr("ov_trail_other"),
                                     trail.NOT_BY_REGION: tr("ov_trail_national")}.get(k, lb.region_names.get(k, k)),
        }[kind](key)
    return names


def _sources(ctx: ViewContext, links: pd.DataFrame) -> list[str]:
    return [" · ".join(ctx.labels.source(s) for s in ids) for ids in links["source_ids"]]


def _hover(ctx: ViewContext, links: pd.DataFrame, names: dict[tuple[str, str], str]) -> list[str]:
    lb, tr = ctx.labels, ctx.tr
    return [f"{names[(a, b)]} → {names[(c, d)]}: {lb.money(int(v))}<br>{tr('source')}: {s}"
            for a, b, c, d, v, s in zip(links["source_kind"], links["source"], links["target_kind"], links["target"],
                                        links["amount_sek"], _sources(ctx, links), strict=True)]


@per_view
def money_trail(ctx: ViewContext, compact: bool = False) -> ChartSpec | str:
    """`compact` (a narrow window, components/shell.narrow): the chart goes from grant straight to recipient.
    The table keeps every grant and column whatever the chart leaves out."""
    tr, lb, f = ctx.tr, ctx.labels, ctx.filters
    year = max(ctx.snapshot.years)
    rows = select(ctx.ds.view, f, years=(year,), statuses=ctx.snapshot.statuses, ignore_regions=True)
    if rows.empty:
        return tr("no_rows")
    links = trail.trail(rows, f.region_codes)
    names = _node_names(ctx, links)
    sources = _sources(ctx, links)
    # The chart draws the grants under 2.5 % of the year as one node (a name needs about 12 px of node beside the
    # 30 px between nodes); the table below it keeps every grant and every column.
    grouped = trail.small_grants(rows, 0.025)
    drawn = trail.trail(rows, f.region_codes, via_channel=not compact, via_level=False, grouped=grouped)
    drawn_names = {**_node_names(ctx, drawn), (trail.GRANT, trail.OTHER_GRANTS): tr("ov_trail_small", n=len(grouped))}
    fig = flows.sankey(drawn, drawn_names, _hover(ctx, drawn, drawn_names), lb, compact=compact)
    of_which = {tr("col_of_which", status=lb.status(status)): links[f"{status}_sek"].astype("int64")
                for status in trail.NOT_DECIDED if links[f"{status}_sek"].any()}
    table = pd.DataFrame({
        tr("ov_trail_from"): [names[(k, s)] for k, s in zip(links["source_kind"], links["source"], strict=True)],
        tr("ov_trail_to"): [names[(k, s)] for k, s in zip(links["target_kind"], links["target"], strict=True)],
        tr("col_amount"): links["amount_sek"].astype("int64"),
        # A link can sum decided and estimated or announced money (2026: Primärvård -> Regionerna is 396 mnkr
        # estimated per region); the table says how much, as the region tables do (presenters.common.of_which).
        **of_which,
        tr("source"): sources,
    })
    largest = links.loc[links["source_kind"] == trail.BUDGET].sort_values("amount_sek", ascending=False).iloc[0]
    summary = tr("ov_trail_summary", year=year, total=lb.mn(int(rows["amount_sek"].sum())),
                 grant=names[(trail.GRANT, largest["target"])], amount=lb.mn(int(largest["amount_sek"])))
    lines = [*notes.several_years_note(ctx, ctx.snapshot.years), *frame_notes(ctx, rows),
             *notes.estimate_notes(ctx, rows),
             *notes.rest_notes(ctx, rows), *notes.partial_notes(ctx, rows), *notes.gap_notes(ctx, (year,))]
    if len(ctx.snapshot.years) > 1:
        lines.insert(0, tr("ov_trail_one_year", year=year))
    if grouped:
        lines.insert(0, tr("ov_trail_small_note", n=len(grouped), names="; ".join(lb.grant(g) for g in grouped),
                           total=lb.mn(int(rows.loc[rows["grant_id"].isin(grouped), "amount_sek"].sum()))))
    if compact:
        lines.insert(0, tr("ov_trail_compact"))
    title = tr("ov_trail_title", year=year)
    summed = (trail.OTHER_REGIONS,) if (links["target"] == trail.OTHER_REGIONS).any() else ()
    return ChartSpec("trail", fig, title, tr("ov_trail_alt_compact" if compact else "ov_trail_alt"), summary,
                     Table(table, dict.fromkeys((tr("col_amount"), *of_which), "money")), rows, tuple(lines),
                     table_regions=(*f.region_codes, *summed) if f.region_codes else ())


def _statuses_by_year(ctx: ViewContext, rows: pd.DataFrame, grants: pd.Series, years: tuple[int, int]) -> list[str]:
    """Per grant, e.g. "2025: beslutat; 2026: beslutat, skattat"."""
    # Without a region, a grant's amount is its printed total even where the split by region is estimated.
    status = rows["status"] if ctx.filters.region_codes else total_statuses(rows)
    per = status.groupby([rows["grant_id"], rows["year"]]).agg(lambda s: set(s))
    out = []
    for grant in grants:
        parts = [f"{year}: " + ", ".join(ctx.labels.status(s) for s in STATUSES if s in per[(grant, year)])
                 for year in years if (grant, year) in per.index]
        out.append("; ".join(parts))
    return out


# A grant with no amount counted in the second year but an announced one there, which the selection leaves out
# (BUP 2026: 1 000 mnkr). Drawn as "no amount", its bar read as a cut to nothing.
ANNOUNCED_ONLY = "announced"


def _announced_instead(ctx: ViewContext, frame: pd.DataFrame, second: int) -> pd.Series:
    """Grant -> the announced amount in `second` of the grants without an amount there in the selection."""
    if "announced" in ctx.snapshot.statuses:
        return pd.Series(dtype="int64")
    gone = frame.loc[frame["kind"] == "ended", "grant_id"]
    # Announced money has no region: for a chosen region, the grant's announced amount for the whole country
    # (Gotland 2027: primary care and adult psychiatry read as cut to nothing).
    ann = select(ctx.ds.view, ctx.filters, years=(second,), statuses=("announced",), ignore_regions=True)
    return ann.loc[ann["grant_id"].isin(gone)].groupby("grant_id")["amount_sek"].sum()


def _announced_note(ctx: ViewContext, announced: pd.Series, second: int) -> tuple[str, ...]:
    if announced.empty:
        return ()
    items = "; ".join(f"{ctx.labels.grant(g)} {ctx.labels.mn(int(a))}" for g, a in announced.items())
    key = "ov_changes_announced_national" if ctx.filters.region_codes else "ov_changes_announced"
    return (ctx.tr(key, second=second, items=items),)


@per_view
def changes(ctx: ViewContext) -> tuple[ChartSpec | str, int | None]:
    """Grant by grant from the base year to the focus year; the parts add up to the two totals."""
    tr, lb, f = ctx.tr, ctx.labels, ctx.filters
    second = max(ctx.snapshot.years)
    first = base_year(f, second, ctx.ds.view)
    if first is None:
        return tr("ov_changes_none", year=second), None
    rows = select(ctx.ds.view, f, years=(first, second), statuses=ctx.snapshot.statuses)
    if rows.empty:
        return tr("ov_changes_none", year=second), first
    frame = timeline.grant_changes(rows, first, second)
    if f.region_codes:
        frame = timeline.mark_unsplit(frame, select(ctx.ds.view, f, years=(first, second),
                                                    statuses=ctx.snapshot.statuses, ignore_regions=True),
                                      first, second)
    # The chart leaves out the grants that did not change (a bar of nothing); the table keeps them after the
    # others, or its grants did not add up to its own Summa row (BUP 2025-2026 with announced: 1 000 mnkr short).
    unchanged = frame.loc[frame["kind"] == "same"].reset_index(drop=True)
    frame = frame.loc[frame["kind"] != "same"].reset_index(drop=True)
    announced = _announced_instead(ctx, frame, second)
    frame.loc[(frame["kind"] == "ended") & frame["grant_id"].isin(announced.index), "kind"] = ANNOUNCED_ONLY
    t1 = int(rows.loc[rows["year"] == first, "amount_sek"].sum())
    t2 = int(rows.loc[rows["year"] == second, "amount_sek"].sum())
    kinds = {k: tr(f"kind_{k}") for k in (*timeline.CHANGE_KINDS, ANNOUNCED_ONLY)}
    fig = flows.waterfall(frame, first, second, t1, t2, kinds, lb)
    counts = frame["kind"].value_counts()
    # With the amount: Gotland's "from 18,1 to 11,0 mnkr" is mostly 15,2 mnkr of 2025 agreement money whose 2026
    # counterpart the sources do not split by region, which "1 not split by region" alone did not tell.
    change_of = frame.groupby("kind")["change"].sum()
    counted = [tr(f"ov_n_{k}", n=int(counts[k]), year=second,  # one: ov_n_<kind>_one (funding.text.t)
                  change=("+" if change_of[k] > 0 else "") + lb.mn(int(change_of[k])))
               for k in ("new", "ended", ANNOUNCED_ONLY, "unsplit", "up", "down") if counts.get(k)]
    parts = and_list(counted, tr("and"))
    if t1 and t2:
        summary = tr("ov_changes_summary", first=first, second=second, first_total=lb.mn(t1),
                     second_total=lb.mn(t2), change=("+" if t2 > t1 else "") + lb.mn(t2 - t1), parts=parts)
    else:  # a year with nothing counted (2027 without the announced money) has no total to go "to" or "from"
        empty, other = (second, first) if not t2 else (first, second)
        summary = tr("ov_changes_summary_empty", empty=empty, other=other, other_total=lb.mn(t1 or t2), parts=parts)
    col_first, col_second = tr("col_year_amount", year=first), tr("col_year_amount", year=second)
    frame = pd.concat([frame, unchanged], ignore_index=True)
    # A year without an amount is an empty cell, not 0 kr: the file's "2026: 0, -100 %" for BUP read as a cut
    # to nothing, where the page says the 2026 money is announced and not counted.
    no_first = (frame["kind"] == "new") | ((frame["kind"] == "unsplit") & (frame["first"] == 0))
    no_second = frame["kind"].isin(["ended", ANNOUNCED_ONLY]) | ((frame["kind"] == "unsplit") & (frame["second"] == 0))
    change_share = [c / a if a and not gone else None
                    for c, a, gone in zip(frame["change"], frame["first"], no_second, strict=True)]
    table = pd.DataFrame({
        tr("grant"): [lb.grant(g) for g in frame["grant_id"]],
        tr("ov_change_kind"): [kinds[k] for k in frame["kind"]],
        col_first: frame["first"].astype("Int64").mask(no_first.to_numpy()),
        col_second: frame["second"].astype("Int64").mask(no_second.to_numpy()),
        tr("col_change"): frame["change"].astype("int64"),
        tr("col_change_pct"): pd.Series(change_share, dtype="Float64"),
        # Which amounts are estimated or announced, year by year, as the chart's notes say for the whole.
        tr("status"): _statuses_by_year(ctx, rows, frame["grant_id"], (first, second)),
    })
    total_row = pd.DataFrame({tr("grant"): [tr("ov_changes_sum")], tr("ov_change_kind"): [""],
                              col_first: pd.array([t1 or None], dtype="Int64"),
                              col_second: pd.array([t2 or None], dtype="Int64"), tr("col_change"): [t2 - t1],
                              tr("col_change_pct"): pd.Series([(t2 - t1) / t1 if t1 and t2 else None],
                                                              dtype="Float64"),
                              tr("status"): [""]})
    table = pd.concat([table, total_row], ignore_index=True)
    formats = {col_first: "money", col_second: "money", tr("col_change"): "signed_money",
               tr("col_change_pct"): "signed_percent"}
    lines = (tr("ov_changes_note"), *_announced_note(ctx, announced, second), *notes.estimate_notes(ctx, rows),
             *notes.rest_notes(ctx, rows), *notes.announced_note(ctx, rows), *notes.gap_notes(ctx, (first, second)))
    spec = ChartSpec("changes", fig, tr("ov_changes_title", first=first, second=second), tr("ov_changes_alt"),
                     summary, Table(table, formats), rows, lines)
    return spec, first


@per_view
def present(ctx: ViewContext, compact: bool = False) -> OverviewView:
    """`compact`: for a narrow window (money_trail)."""
    tr = ctx.tr
    change_spec, base = changes(ctx)
    regional = regional_rows(ctx.snapshot_rows)
    lines = [*notes.several_years_note(ctx, ctx.snapshot.years)]
    if ctx.filters.region_codes and regional.empty:
        lines.append(tr("ov_region_none", years=year_span(ctx.snapshot.years)))
    years = sorted(int(y) for y in pd.unique(ctx.ds.view["year"]))
    return OverviewView(
        heading=tr("ov_heading", years=year_span(ctx.snapshot.years)),
        metrics=headline(ctx), notes=tuple(lines), trail=money_trail(ctx, compact=compact), changes=change_spec,
        base=base,
        base_options=tuple(y for y in years if y < max(ctx.snapshot.years)),
    )
