"""Regionprofil: one region on one page, to print (A4, assets/app.css) or take away as a workbook."""

import streamlit as st

from components import blocks, downloads, shell, state
from components.navigation import by_url_path
from components.presenters import profile
from components.presenters.summary import filter_summary
from funding.fmt import number, year_span

ctx = shell.context()
tr = ctx.tr
blocks.page_title(by_url_path("regionprofil").title(ctx.lang))
blocks.filter_summary(ctx, filter_summary(ctx))
code = state.profile_region(ctx)
if code is None:
    st.info(tr("rp_prompt"))
else:
    view = profile.present(ctx, code)
    st.header(view.heading, anchor=False)
    blocks.caption(view.population)
    downloads.rows_download(view.all_rows, ctx.described(view.all_rows), ctx.lang, key="dl_profile_all", fmt="xlsx",
                            label=tr("rp_download", n=number(len(view.all_rows), 0, ctx.lang)),
                            help_text=tr("rp_download_help"), statuses=ctx.snapshot.statuses)
    if view.message:
        blocks.notice(view.message)
    else:
        blocks.metrics_row(view.metrics, columns=3)
    if view.chart is not None:
        blocks.chart(ctx, view.chart)
    years = year_span(ctx.snapshot.years)
    if not view.message:
        st.header(tr("rp_streams_title", years=years), anchor=False)
        if view.own.frame.empty:
            st.info(tr("rp_no_own"))
        else:
            blocks.table_view(ctx, view.own, alt=tr("rp_streams_title", years=years))
        st.header(tr("rp_joint_title", years=years), anchor=False)
        blocks.caption(tr("rp_joint_note"))
        if view.joint.frame.empty:
            st.info(view.no_joint)
        else:
            blocks.table_view(ctx, view.joint, alt=tr("rp_joint_title", years=years))
    blocks.caption(tr("rp_print"))
