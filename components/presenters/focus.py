"""Fokusområden: how the year's money splits by channel, grant and stream, by focus area, and per region.

Money the sources do not break down into focus areas is left out of the focus-area shares (and said so), so
"not broken down" is never presented as a focus area, let alone the largest one.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.figures import bars, flows
from funding.analysis import facts
from funding.analysis.focus import UNALLOCATED_FOCUS, broken_down, focus_split, hierarchy
from funding.analysis.regions import regional_rows
from funding.analysis.sums import totals_by
from funding.fmt import year_span

from . import notes
from .common import ChartSpec, Table, years_label
from .context import ViewContext, per_view


@dataclass(frozen=True)
class FocusView:
    notes: tuple[str, ...]
    tree: ChartSpec | str
    shares: ChartSpec | str
    regions: ChartSpec | str


def _share_table(ctx: ViewContext, frame: pd.DataFrame, share: pd.Series, first: dict) -> Table:
    """Focus area, kronor, share and status after the `first` columns (the region, where there is one)."""
    lb, tr = ctx.labels, ctx.tr
    table = pd.DataFrame({**first, tr("focus"): [lb.focus.get(x, x) for x in frame["focus_area"]],
                          tr("col_amount"): frame["amount_sek"].astype("int64"), tr("share"): share,
                          tr("status"): [lb.status(s) for s in frame["status"]]})
    return Table(table, {tr("col_amount"): "money", tr("share"): "percent"})


def _grant_order(ctx: ViewContext) -> list[str]:
    return list(dict.fromkeys(ctx.ds.view.sort_values(["year", "grant_id"])["grant_id"]))


def tree(ctx: ViewContext) -> ChartSpec | str:
    rows, lb, tr = ctx.snapshot_rows, ctx.labels, ctx.tr
    if rows.empty or rows["amount_sek"].sum() == 0:
        return tr("no_rows")
    frame = hierarchy(rows)
    fig = flows.treemap(frame, lb, _grant_order(ctx))
    # Only a stream the sources break down can be "the largest": an unsplit rest or an announced sum is not a
    # sub-area (issue 13), however many kronor it holds.
    split = set(rows.loc[broken_down(rows), "stream_id"])
    candidates = frame.loc[frame["stream_id"].isin(split)].sort_values("amount_sek", ascending=False)
    if candidates.empty:
        summary = tr("fo_tree_summary_none")
    else:
        top = candidates.iloc[0]
        summary = tr("fo_tree_summary", stream=lb.stream(top["stream_id"]), amount=lb.mn(top["amount_sek"]),
                     share=lb.percent(top["share"]))
    table = pd.DataFrame({
        tr("grant"): [lb.grant(g) for g in frame["grant_id"]],
        tr("stream"): [lb.stream(s) for s in frame["stream_id"]],
        tr("col_amount"): frame["amount_sek"].astype("int64"),
        tr("share"): frame["share"],
        tr("channel"): [lb.channel(c) for c in frame["channel"]],
        tr("status"): [lb.status(s) for s in frame["status"]],
    })
    return ChartSpec("tree", fig, tr("fo_tree_title", years=years_label(rows)), tr("fo_tree_alt"), summary,
                     Table(table, {tr("col_amount"): "money", tr("share"): "percent"}), rows,
                     (*notes.estimate_notes(ctx, rows), *notes.rest_notes(ctx, rows),
                      *notes.gap_notes(ctx, ctx.snapshot.years)))


def shares(ctx: ViewContext) -> ChartSpec | str:
    lb, tr = ctx.labels, ctx.tr
    if ctx.snapshot_rows.empty:
        return tr("no_rows")
    with_focus, per_focus, left_out = focus_split(ctx.snapshot_rows)
    left_note = (tr("fo_share_excluded", amount=lb.mn(left_out),
                    total=lb.mn(int(ctx.snapshot_rows["amount_sek"].sum()))),) if left_out else ()
    if with_focus.empty or with_focus["amount_sek"].sum() == 0:
        return " ".join(left_note) or tr("no_rows")
    frame = totals_by(with_focus, ["focus_area", "status"])
    fig = bars.focus_shares(frame, lb)
    top = per_focus.iloc[0]
    summary = tr("fo_share_summary", focus=lb.focus.get(top["focus_area"], top["focus_area"]),
                 share=lb.percent(top["share"]), amount=lb.mn(top["amount_sek"]))
    table = _share_table(ctx, frame, frame["amount_sek"] / frame["amount_sek"].sum(), {})
    return ChartSpec("focus_shares", fig, tr("fo_share_title", years=years_label(with_focus)), tr("fo_share_alt"),
                     summary, table, with_focus,
                     (*left_note, tr("legend_status"), *notes.estimate_notes(ctx, with_focus)))


def per_region(ctx: ViewContext) -> ChartSpec | str:
    lb, tr = ctx.labels, ctx.tr
    rows = regional_rows(ctx.snapshot_rows)
    rows = rows.loc[rows["focus_area"] != UNALLOCATED_FOCUS]
    if rows.empty:
        return tr("fo_region_none", coverage=notes.coverage_line(ctx, ctx.snapshot_rows))
    frame = totals_by(rows, ["region_code", "focus_area", "status"])
    frame["region_name"] = frame["region_code"].map(lb.region_names).astype(str)
    focus_order = list(dict.fromkeys(ctx.ds.focus_areas["focus_id"]))
    fig = bars.region_focus(frame, lb, focus_order)
    per_reg = frame.groupby("region_name")["amount_sek"].sum().sort_values(ascending=False)
    per_foc = frame.groupby("focus_area")["amount_sek"].sum().sort_values(ascending=False)
    partial = facts.partial_detail(ctx.snapshot_rows, ctx.n_regions)
    if partial:
        # A year in which the sources split money for only some regions has no "gets the most".
        names = sorted({lb.region_names.get(c, c) for p in partial for c in p.region_codes})
        summary = tr("fo_region_summary_partial", regions=", ".join(names),
                     years=year_span([p.year for p in partial]))
    else:
        summary = tr("fo_region_summary", region=per_reg.index[0], amount=lb.mn(per_reg.iloc[0]),
                     focus=lb.focus.get(per_foc.index[0], per_foc.index[0]))
    share = frame["amount_sek"] / frame.groupby("region_code")["amount_sek"].transform("sum")
    table = _share_table(ctx, frame, share, {tr("region"): frame["region_name"]})
    return ChartSpec("focus_regions", fig, tr("fo_region_title", years=years_label(rows)), tr("fo_region_alt"),
                     summary, table, rows,
                     (notes.coverage_line(ctx, ctx.snapshot_rows), tr("legend_status"), *notes.partial_notes(ctx, rows),
                      *notes.estimate_notes(ctx, rows)))


@per_view
def present(ctx: ViewContext) -> FocusView:
    return FocusView(notes.several_years_note(ctx, ctx.snapshot.years), tree(ctx), shares(ctx), per_region(ctx))
