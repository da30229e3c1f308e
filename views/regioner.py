"""Regioner: a map and a ranked bar chart of kronor per inhabitant, with the national average marked."""

import streamlit as st

from components import blocks, present, state
from components.navigation import by_url_path
from funding.filters import DENOMINATORS

ctx = state.context()
blocks.page_title(by_url_path("regioner").title(ctx.lang), ctx.tr("rg_intro"))
state.page_choice("denom", DENOMINATORS, ctx.tr("rg_denom"), lambda d: ctx.tr(f"denom_{d}"))
blocks.caption(ctx.tr("rg_denom_help"))
view = present.regions(ctx)
for note in view.notes:
    blocks.notice(note)
if view.map is None:
    st.info(ctx.tr("rg_no_map"))
else:
    left, right = st.columns([5, 6], gap="medium")
    with left:
        blocks.show(ctx, view.map)
    with right:
        blocks.show(ctx, view.bars)
