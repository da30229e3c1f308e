"""Om datan: sources, keys, the key audit and reconciliation, definitions, gaps, estimates, map, accessibility."""

import streamlit as st

from components import blocks, present, state
from components.navigation import by_url_path

ctx = state.context()
tr, lb = ctx.tr, ctx.labels
view = present.about(ctx)

blocks.page_title(by_url_path("om").title(ctx.lang), tr("om_intro"))

st.header(tr("om_sources"), anchor=False)
st.markdown(tr("om_sources_text"))
blocks.bullets(view.sources)

st.header(tr("om_definitions"), anchor=False)
for paragraph in tr.prose("definitions", national_pop=lb.number(ctx.ds.national_population)):
    st.markdown(paragraph)

st.header(tr("om_keys"), anchor=False)
st.markdown(tr("om_keys_text"))
blocks.table_view(view.keys, alt=tr("om_keys"))

st.header(tr("om_audit"), anchor=False)
st.markdown(tr("om_audit_text"))
blocks.table_view(view.audit, alt=tr("om_audit"))

st.header(tr("om_reconciliation"), anchor=False)
st.markdown(tr("om_rec_text", **view.reconciliation))
blocks.table_view(view.tolerated, alt=tr("om_reconciliation"))

st.header(tr("om_no_figures"), anchor=False)
st.markdown(tr("om_no_figures_text"))
blocks.table_view(view.no_figures, alt=tr("om_no_figures"))

st.header(tr("om_estimates"), anchor=False)
for paragraph in tr.prose("estimates", pv_total=lb.money(view.estimated_total)):
    st.markdown(paragraph)

st.header(tr("om_gaps"), anchor=False)
st.markdown("\n".join(f"- {p}" for p in tr.prose("gaps")))

st.header(tr("om_map"), anchor=False)
for paragraph in tr.prose("map"):
    st.markdown(paragraph)

st.header(tr("om_a11y"), anchor=False)
for paragraph in tr.prose("a11y"):
    st.markdown(paragraph)

blocks.caption(tr("om_version", version=ctx.ds.version, built=ctx.ds.built_at))
