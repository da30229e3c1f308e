"""The sentences charts carry under them about the data shown, each phrased from the data (funding.analysis.facts):
what is estimated and how, what is the unsplit rest of a total, which years cover only some regions, which
grants the sources name without an amount, what is only announced, and how much is known per region."""

from __future__ import annotations

import pandas as pd

from funding.analysis import facts
from funding.fmt import year_span

from .context import ViewContext


def source_line(rows: pd.DataFrame, ctx: ViewContext) -> str:
    """'Källa: Regeringen (Socialdepartementet), 2025, S2025/00397; …' for the sources behind `rows`."""
    ids = [s for s in pd.unique(rows["source_id"]) if s] if "source_id" in rows and len(rows) else []
    return ctx.tr("sources_line", sources="; ".join(ctx.labels.source(s) for s in ids) if ids else "–")


def estimate_notes(ctx: ViewContext, rows: pd.DataFrame) -> tuple[str, ...]:
    """Which of the money shown is estimated, and how (the method as the data states it)."""
    en = ctx.lang == "en"
    estimates = tuple(ctx.tr("estimate_note", grant=ctx.labels.grant(r.grant_id), year=int(r.year),
                             amount=ctx.labels.money(int(r.amount_sek)),
                             method=r.estimate_method_en if en else r.estimate_method)
                      for r in facts.estimated(rows).itertuples())
    return unsplit_estimate_notes(ctx, rows) + estimates


def unsplit_estimate_notes(ctx: ViewContext, rows: pd.DataFrame) -> tuple[str, ...]:
    """Without the estimates, a split's printed total is counted unsplit (dataset.select): say why the regions
    do not get it here."""
    split = set(ctx.ds.view.loc[ctx.ds.view["status"] == "estimated", "amount_id"])
    stand_ins = rows.loc[(rows["region_code"] == "") & rows["amount_id"].isin(split) & (rows["status"] != "estimated")]
    en = ctx.lang == "en"
    return tuple(ctx.tr("unsplit_estimate_note", grant=ctx.labels.grant(r.grant_id), year=int(r.year),
                        amount=ctx.labels.money(int(r.amount_sek)),
                        recipient=(r.recipient_en if en else r.recipient).lower())
                 for r in stand_ins.itertuples())


def rest_notes(ctx: ViewContext, rows: pd.DataFrame) -> tuple[str, ...]:
    """Money that is the unsplit rest of a printed total, per grant and year."""
    rests = facts.rests(rows)
    if rests.empty:
        return ()
    per = rests.groupby(["grant_id", "year"])["amount_sek"].sum().reset_index()
    return tuple(ctx.tr("rest_note", amount=ctx.labels.money(int(r.amount_sek)), grant=ctx.labels.grant(r.grant_id),
                        year=int(r.year)) for r in per.itertuples())


def partial_notes(ctx: ViewContext, rows: pd.DataFrame) -> tuple[str, ...]:
    """Years in which the sources split the money by region for only some regions, naming which."""
    notes = []
    details = facts.partial_detail(rows, ctx.n_regions)
    groups: dict[str, list[int]] = {}
    for p in details:
        regions = ", ".join(ctx.tr("partial_regions_item", region=ctx.labels.region_names.get(c, c),
                                   levels=" + ".join(ctx.tr(f"v_level_{lv}") for lv in p.levels))
                            for c in p.region_codes)
        groups.setdefault(regions, []).append(p.year)
    for regions, years in groups.items():
        notes.append(ctx.tr("partial_note", years=year_span(years), regions=regions))
    return tuple(notes)


def gap_notes(ctx: ViewContext, years) -> tuple[str, ...]:
    """Grants the sources name for these years without any exact amount: never drawn, so say so."""
    f = ctx.filters
    gaps = facts.worded_gaps(ctx.ds.view, ctx.ds.grants, ctx.ds.worded, list(years))
    if f.grants:
        gaps = gaps.loc[gaps["grant_id"].isin(f.grants)]
    if f.channels:
        channels = ctx.ds.grants.set_index(["grant_id", "year"])["channel"]
        gaps = gaps.loc[[channels.get((g, y)) in f.channels for g, y in zip(gaps["grant_id"], gaps["year"],
                                                                             strict=True)]]
    items = []
    for r in gaps.itertuples():
        name = ctx.labels.grant(r.grant_id)
        worded = str(r.amount_as_worded)
        items.append(ctx.tr("missing_item_none", name=name, year=int(r.year)) if worded in ("", "–")
                     else ctx.tr("missing_item", name=name, year=int(r.year), worded=worded))
    # One grant-year can be named by several pages (2022: the agreement and its supplement): say it once.
    items = list(dict.fromkeys(items))
    return (ctx.tr("missing_note", items="; ".join(items)),) if items else ()


def announced_note(ctx: ViewContext, rows: pd.DataFrame) -> tuple[str, ...]:
    ann = facts.announced(rows)
    if ann.empty:
        return ()
    per = ann.groupby("grant_id")
    items = [f"{ctx.labels.grant(g)} {year_span(part['year'])}" for g, part in per]
    return (ctx.tr("announced_note", items="; ".join(items)),)


def coverage_line(ctx: ViewContext, rows: pd.DataFrame) -> str:
    """'Per region: X of Y of the selected money': every view that compares regions says how much it covers."""
    cov = facts.coverage(rows)
    lb = ctx.labels
    if cov.complete:
        return ctx.tr("coverage_full", total=lb.mn(cov.total))
    share = cov.regional / cov.total if cov.total else None
    return ctx.tr("coverage_line", regional=lb.mn(cov.regional), total=lb.mn(cov.total), share=lb.percent(share),
                  national=lb.mn(cov.national_only))


def several_years_note(ctx: ViewContext, years) -> tuple[str, ...]:
    years = sorted(set(int(y) for y in years))
    return (ctx.tr("several_years_note", years=year_span(years)),) if len(years) > 1 else ()
