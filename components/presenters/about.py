"""Om datan: the sources and their credit, what the data cover and lack (from the data), how every figure is
checked (reconciliation, contradictions between pages, key audit) and what changed in the data."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from funding.analysis import facts
from funding.analysis.quality import key_audit_summary, reconciliation_summary
from funding.fmt import year_span
from funding.text import has
from funding.vocabulary import NOT_COUNTED_WHY

from . import notes
from .common import Table
from .context import ViewContext, per_language


@dataclass(frozen=True)
class AboutView:
    sources: tuple[tuple[str, str], ...]   # (title, publisher, date, reference number, address, credit)
    credits: tuple[str, ...]
    coverage: tuple[str, ...]              # what the data hold per year, phrased from the data
    gaps: tuple[str, ...]
    keys: Table
    audit: Table
    reconciliation: dict[str, int]
    tolerated: Table
    contradictions: Table
    worded: Table
    not_counted: Table
    not_counted_counts: dict[str, int]     # rows per reason
    frames: Table
    estimates: tuple[str, ...]
    changes: tuple[tuple[str, tuple[str, ...]], ...]


def _sources(ctx: ViewContext) -> tuple[tuple[str, str], ...]:
    tr, out = ctx.tr, []
    for r in ctx.ds.sources.itertuples():
        parts = [str(r.publisher)]
        if isinstance(r.date, str) and r.date:
            parts.append(r.date)
        if isinstance(r.diarienummer, str) and r.diarienummer:
            parts.append(f"{tr('col_diarienummer').lower()} {r.diarienummer}")
        kind = tr(f"kind_{r.kind}") if has(f"kind_{r.kind}") else str(r.kind)
        rest = ", ".join(parts) + f" ({kind})"
        if isinstance(r.url, str) and r.url:
            rest += f". {r.url}"
        out.append((str(r.title), rest))
    return tuple(out)


def _coverage(ctx: ViewContext) -> tuple[str, ...]:
    view, lb, tr = ctx.ds.view, ctx.labels, ctx.tr
    lines = []
    for year, part in view.groupby("year"):
        per = part.groupby("status")["amount_sek"].sum()
        statuses = ", ".join(f"{lb.status(s)} {lb.mn(int(per[s]))}" for s in ("decided", "estimated", "announced")
                             if s in per)
        cov = facts.coverage(part)
        lines.append(tr("om_year_line", year=int(year), statuses=statuses, n=part["grant_id"].nunique(),
                        regional=lb.mn(cov.regional)))
    return tuple(lines)


def _gaps(ctx: ViewContext) -> tuple[str, ...]:
    tr, lb = ctx.tr, ctx.labels
    years = sorted(int(y) for y in ctx.ds.grants["year"].dropna().unique())
    out = list(notes.partial_notes(ctx, ctx.ds.view))
    gaps = facts.worded_gaps(ctx.ds.view, ctx.ds.grants, ctx.ds.worded, years)
    for grant, part in gaps.groupby("grant_id"):
        out.append(tr("om_gap_grant", grant=lb.grant(grant), years=year_span(part["year"])))
    undated = ctx.ds.worded.loc[ctx.ds.worded["year"].isna()]
    if len(undated):
        out.append(tr("om_gap_undated", grants="; ".join(dict.fromkeys(lb.grant(g) for g in undated["grant_id"]))))
    ann = facts.announced(ctx.ds.view)
    if len(ann):
        out.append(tr("om_gap_announced", years=year_span(ann["year"])))
    national = ctx.ds.view.loc[ctx.ds.view["region_code"] == ""]
    out.append(tr("om_gap_national", amount=lb.mn(int(national["amount_sek"].sum())),
                  total=lb.mn(int(ctx.ds.view["amount_sek"].sum()))))
    return tuple(out)


def _keys(ctx: ViewContext) -> Table:
    tr, lb, en = ctx.tr, ctx.labels, ctx.lang == "en"
    streams = ctx.ds.streams.loc[ctx.ds.streams["stream_id"].isin(set(ctx.ds.view["stream_id"]))]
    frame = pd.DataFrame({
        tr("grant"): [lb.grant(g) for g in streams["grant_id"]],
        tr("stream"): [lb.stream(s) for s in streams["stream_id"]],
        tr("level"): [lb.level(x) for x in streams["recipient_level"]],
        tr("key"): streams["key_en" if en else "key_sv"].fillna("–"),
        tr("col_key_population"): [tr("key_pop_" + k) if has("key_pop_" + k) else k
                                   for k in streams["key_population"]],
    })
    return Table(frame)


def _audit(ctx: ViewContext) -> Table:
    tr, lb, en = ctx.tr, ctx.labels, ctx.lang == "en"
    s = key_audit_summary(ctx.ds.key_audit)
    frame = pd.DataFrame({
        tr("year"): s["year"].astype("int64"), tr("stream"): [lb.stream(x) for x in s["stream_id"]],
        tr("col_key_basis"): s["key_basis_en" if en else "key_basis"],
        tr("col_recipients"): s["recipients"].astype("int64"), tr("col_max_dev"): s["max_abs_deviation"].astype(float),
        tr("col_within"): s["within_1"].astype("int64"),
    })
    return Table(frame, {tr("year"): "year", tr("col_recipients"): "int", tr("col_max_dev"): "per_capita",
                         tr("col_within"): "int"})


# The source tables' own words for their total rows, kept (they name the row to look for in the source) and
# glossed in English.
_ROW_GLOSS_EN = {"Riket": "Riket (Sweden)", "Summa": "Summa (total)", "Summa total": "Summa total (total)"}


def _tolerated(ctx: ViewContext) -> Table:
    tr, en = ctx.tr, ctx.lang == "en"
    rec = ctx.ds.reconciliation
    tol = rec.loc[rec["result"] == "tolerated"]
    frame = pd.DataFrame({
        tr("col_table"): tol["table"].str.replace("tables/", "", regex=False),
        tr("col_row"): tol["row"].map(lambda r: _ROW_GLOSS_EN.get(r, r)) if en else tol["row"],
        tr("col_printed"): tol["published"].astype("int64"), tr("col_sum"): tol["computed"].astype("int64"),
        tr("col_difference"): tol["difference"].astype("int64"),
        tr("col_explanation"): tol["explanation_en" if en else "explanation"],
    })
    return Table(frame, {tr("col_printed"): "money", tr("col_sum"): "money", tr("col_difference"): "signed_money"})


def _contradictions(ctx: ViewContext) -> Table:
    tr, lb, en = ctx.tr, ctx.labels, ctx.lang == "en"
    alt = ctx.ds.alternatives
    chosen = pd.concat([ctx.ds.totals.set_index("amount_id")[["amount_sek", "source_id"]],
                        ctx.ds.allocations.loc[ctx.ds.allocations["amount_id"] != ""]
                        .drop_duplicates("amount_id").set_index("amount_id")[["amount_sek", "source_id"]]])
    chosen = chosen.loc[~chosen.index.duplicated()]
    frame = pd.DataFrame({
        tr("year"): alt["year"].astype("int64"), tr("grant"): [lb.grant(g) for g in alt["grant_id"]],
        tr("om_chosen"): [int(chosen.loc[i, "amount_sek"]) for i in alt["instead_of"]],
        tr("om_chosen_source"): [lb.source(chosen.loc[i, "source_id"]) for i in alt["instead_of"]],
        tr("om_other"): alt["amount_sek"].astype("int64"),
        tr("om_other_source"): [lb.source(s) for s in alt["source_id"]],
        tr("om_reason"): alt["note_en" if en else "note_sv"],
    })
    return Table(frame, {tr("year"): "year", tr("om_chosen"): "money", tr("om_other"): "money"})


def _worded(ctx: ViewContext) -> Table:
    tr, lb = ctx.tr, ctx.labels
    w = ctx.ds.worded
    frame = pd.DataFrame({
        tr("grant"): [lb.grant(g) for g in w["grant_id"]],
        tr("year"): [str(int(y)) if pd.notna(y) else "–" for y in w["year"]],
        tr("col_as_worded"): w["amount_as_worded"], tr("source"): [lb.source(s) for s in w["source_id"]],
    })
    return Table(frame)


def _figures(ctx: ViewContext) -> dict[str, str]:
    """What each figure id stands for, as a reader would name it: grant, year and amount."""
    lb, ds, en = ctx.labels, ctx.ds, ctx.lang == "en"
    out: dict[str, str] = {}
    columns = ["amount_id", "grant_id", "year", "amount_sek"]
    # A printed total is its one figure (its rest also carries its id); a leaf may be split over several rows.
    totals = ds.totals[columns].dropna(subset=["amount_id"]).drop_duplicates("amount_id")
    leaves = ds.allocations.loc[~ds.allocations["amount_id"].isin(totals["amount_id"]), columns]
    leaves = leaves.dropna(subset=["amount_id"]).groupby("amount_id", as_index=False).agg(
        grant_id=("grant_id", "first"), year=("year", "first"), amount_sek=("amount_sek", "sum"))
    for r in pd.concat([totals, leaves]).itertuples():
        out[str(r.amount_id)] = f"{lb.grant(r.grant_id)} {int(r.year)}: {lb.money(int(r.amount_sek))}"
    for w in ds.worded.itertuples():
        year = f" {int(w.year)}" if pd.notna(w.year) else ""
        out[w.worded_id] = f"{lb.grant(w.grant_id)}{year}: {w.amount_as_worded}"
    for f in ds.frames.itertuples():
        out[f.frame_id] = f"{f.label_en if en else f.label_sv} {int(f.year)}: {lb.money(int(f.amount_sek))}"
    return out


def _not_counted(ctx: ViewContext) -> tuple[Table, dict[str, int]]:
    tr, nc, en = ctx.tr, ctx.ds.not_counted, ctx.lang == "en"
    figures = _figures(ctx)
    frame = pd.DataFrame({
        # Amount and reason first: on a phone they are what fits beside the row's start.
        tr("col_as_printed"): nc["amount_as_printed"].fillna("–").replace("", "–"),
        tr("col_why"): [tr(f"nc_why_{w}") for w in nc["why"]],
        tr("col_page"): [str(f).removeprefix("regeringen/") for f in nc["file"]],
        tr("col_refs"): ["; ".join(figures[r] for r in str(refs).split(";")) if isinstance(refs, str) and refs
                         else "–" for refs in nc["refs"]],
        tr("col_explanation"): nc["note_en" if en else "note_sv"],
    })
    counts = nc["why"].value_counts()
    return Table(frame), {k: int(counts.get(k, 0)) for k in NOT_COUNTED_WHY}


def _frames(ctx: ViewContext) -> Table:
    tr, lb, en = ctx.tr, ctx.labels, ctx.lang == "en"
    fr = ctx.ds.frames
    itemised = ctx.ds.view.groupby("year")["amount_sek"].sum()
    frame = pd.DataFrame({
        tr("year"): fr["year"].astype("int64"), tr("om_frame"): fr["label_en" if en else "label_sv"],
        tr("col_amount"): fr["amount_sek"].astype("int64"),
        tr("om_itemised"): [int(itemised.get(y, 0)) for y in fr["year"]],
        tr("source"): [lb.source(s) for s in fr["source_id"]],
    })
    return Table(frame, {tr("year"): "year", tr("col_amount"): "money", tr("om_itemised"): "money"})


def _estimates(ctx: ViewContext) -> tuple[str, ...]:
    en = ctx.lang == "en"
    est = facts.estimated(ctx.ds.view)
    return tuple(ctx.tr("om_estimate_line", grant=ctx.labels.grant(r.grant_id), year=int(r.year),
                        amount=ctx.labels.money(int(r.amount_sek)),
                        method=r.estimate_method_en if en else r.estimate_method) for r in est.itertuples())


@per_language
def present(ctx: ViewContext) -> AboutView:
    not_counted, not_counted_counts = _not_counted(ctx)
    credits = tuple(dict.fromkeys(c for c in ctx.ds.sources["credit"].dropna() if c))
    return AboutView(
        sources=_sources(ctx), credits=credits, coverage=_coverage(ctx), gaps=_gaps(ctx), keys=_keys(ctx),
        audit=_audit(ctx), reconciliation=reconciliation_summary(ctx.ds.reconciliation), tolerated=_tolerated(ctx),
        contradictions=_contradictions(ctx), worded=_worded(ctx), not_counted=not_counted,
        not_counted_counts=not_counted_counts, frames=_frames(ctx), estimates=_estimates(ctx),
        changes=tuple((release, tuple(part["change_en" if ctx.lang == "en" else "change_sv"]))
                      for release, part in ctx.ds.changes.sort_values("release", ascending=False, kind="stable")
                      .groupby("release", sort=False)),
    )
