"""Om datan: sources and credit, coverage and gaps, definitions, keys and their audit, reconciliation,
contradictions between pages, amounts only in words, amounts on the source pages not counted (and why),
budget frames, estimates, changes, map, accessibility."""

import streamlit as st

from components import blocks, shell
from components.navigation import by_url_path
from components.presenters import about

ctx = shell.context()
tr, lb = ctx.tr, ctx.labels
view = about.present(ctx)
nc = view.not_counted_counts

blocks.page_title(by_url_path("om").title(ctx.lang), tr("om_intro"))

st.header(tr("om_coverage"), anchor=False)
blocks.plain_list(view.coverage)
st.header(tr("om_gaps"), anchor=False)
blocks.plain_list(view.gaps)

st.header(tr("om_definitions"), anchor=False)
for paragraph in tr.prose("definitions", national_pop=lb.number(ctx.ds.national_population),
                          date=ctx.ds.population_date):
    st.markdown(paragraph)

st.header(tr("om_sources"), anchor=False)
st.markdown(tr("om_sources_text"))
if view.credits:
    blocks.caption(tr("om_credit", credits="; ".join(view.credits)))
blocks.bullets(view.sources)

# Each check on the data: a heading, what it is, and its table.
for heading, intro, table in (
    ("om_reconciliation", tr("om_rec_text", **view.reconciliation), view.tolerated),
    ("om_contradictions", tr("om_contradictions_text"), view.contradictions),
    ("om_no_figures", tr("om_no_figures_text"), view.worded),
    ("om_not_counted", tr("om_not_counted_text", same=nc["same-money"], approximate=nc["approximate"],
                          wider=nc["wider-total"], outside=nc["outside-scope"], none=nc["no-amount"]),
     view.not_counted),
    ("om_frames", tr("om_frames_text"), view.frames),
    ("om_keys", tr("om_keys_text"), view.keys),
    ("om_audit", tr("om_audit_text"), view.audit),
):
    st.header(tr(heading), anchor=False)
    st.markdown(intro)
    blocks.table_view(ctx, table, alt=tr(heading))

st.header(tr("om_estimates"), anchor=False)
blocks.plain_list(view.estimates)

st.header(tr("om_changes"), anchor=False)
for release, changes in view.changes:
    st.markdown(f"**{release}**")
    blocks.plain_list(changes)

st.header(tr("om_map"), anchor=False)
for paragraph in tr.prose("map"):
    st.markdown(paragraph)

st.header(tr("om_a11y"), anchor=False)
for paragraph in tr.prose("a11y"):
    st.markdown(paragraph)

blocks.caption(tr("om_version", version=ctx.ds.version, release=ctx.ds.release, built=ctx.ds.built_at))
