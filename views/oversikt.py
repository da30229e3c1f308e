"""Översikt: the year's money at a glance, where it goes and what changed since the year before."""

import streamlit as st

from components import blocks, shell, state
from components.presenters import overview
from components.presenters.summary import filter_summary

ctx = shell.context()
view = overview.present(ctx, compact=shell.narrow())
blocks.page_title(ctx.tr("app_title"), ctx.tr("app_caption"))
blocks.filter_summary(ctx, filter_summary(ctx))
st.subheader(view.heading, anchor=False)
blocks.metrics_row(view.metrics, columns=3)
for note in view.notes:
    blocks.caption(note)
blocks.show(ctx, view.trail)
if view.base is not None:
    # The placeholder shows while the box is emptied with Backspace: Streamlit's own is "Choose an option".
    st.selectbox(ctx.tr("ov_base"), tuple(str(y) for y in view.base_options), placeholder=ctx.tr("ov_base_placeholder"),
                 **state.page_bind("base", str(view.base)))
blocks.show(ctx, view.changes)
