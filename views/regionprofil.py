"""Regionprofil: one region on one page, to print or share."""

import streamlit as st

from components import blocks, present, state
from components.navigation import by_url_path

ctx = state.context()
blocks.page_title(by_url_path("regionprofil").title(ctx.lang))
code = state.profile_region(ctx)
if code is None:
    st.info(ctx.tr("rp_prompt"))
else:
    view = present.region_profile(ctx, code)
    prof = view.profile
    st.header(ctx.tr("rp_heading", region=prof.region_name), anchor=False)
    blocks.caption(ctx.tr("rp_population", date=ctx.ds.population_date, pop=ctx.labels.number(prof.population)))
    if not view.metrics:
        st.info(ctx.tr("no_rows"))
    else:
        blocks.metrics_row(view.metrics, columns=3)
    blocks.show(ctx, view.chart)
    st.header(ctx.tr("rp_streams_title"), anchor=False)
    if view.own.empty:
        st.info(ctx.tr("rp_no_own"))
    else:
        blocks.table_view(view.own, alt=ctx.tr("rp_streams_title"))
        blocks.downloads(view.own_rows, ctx, key="dl_profile_own")
    st.header(ctx.tr("rp_joint_title"), anchor=False)
    blocks.caption(ctx.tr("rp_joint_note"))
    if view.joint.empty:
        st.info(ctx.tr("rp_no_joint"))
    else:
        blocks.table_view(view.joint, alt=ctx.tr("rp_joint_title"))
        blocks.downloads(view.joint_rows, ctx, key="dl_profile_joint")
    blocks.caption(ctx.tr("rp_print"))
