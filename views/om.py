"""Om datan: sources and credit, coverage and gaps, definitions, keys and their audit, reconciliation,
contradictions between pages, amounts only in words, budget frames, estimates, changes, map, accessibility."""

import streamlit as st

from components import blocks, shell
from components.navigation import by_url_path
from components.presenters import about

ctx = shell.context()
tr, lb = ctx.tr, ctx.labels
view = about.present(ctx)

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

st.header(tr("om_reconciliation"), anchor=False)
st.markdown(tr("om_rec_text", **view.reconciliation))
blocks.table_view(ctx, view.tolerated, alt=tr("om_reconciliation"))

st.header(tr("om_contradictions"), anchor=False)
st.markdown(tr("om_contradictions_text"))
blocks.table_view(ctx, view.contradictions, alt=tr("om_contradictions"))

st.header(tr("om_no_figures"), anchor=False)
st.markdown(tr("om_no_figures_text"))
blocks.table_view(ctx, view.worded, alt=tr("om_no_figures"))

st.header(tr("om_frames"), anchor=False)
st.markdown(tr("om_frames_text"))
blocks.table_view(ctx, view.frames, alt=tr("om_frames"))

st.header(tr("om_keys"), anchor=False)
st.markdown(tr("om_keys_text"))
blocks.table_view(ctx, view.keys, alt=tr("om_keys"))

st.header(tr("om_audit"), anchor=False)
st.markdown(tr("om_audit_text"))
blocks.table_view(ctx, view.audit, alt=tr("om_audit"))

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
