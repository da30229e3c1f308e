"""Regioner: the regions per inhabitant on a map and in a ranking, with how much of the money they cover."""

import streamlit as st

from components import blocks, shell, state
from components.navigation import by_url_path
from components.presenters import comparison
from components.presenters.summary import filter_summary
from funding.analysis.filters import DENOMINATORS

ctx = shell.context()
blocks.page_title(by_url_path("regioner").title(ctx.lang), ctx.tr("rg_intro"))
blocks.filter_summary(ctx, filter_summary(ctx))
view = comparison.present(ctx)
# The chosen regions' answer first: on a phone the map and 21 bars come several screens later.
blocks.metrics_row(view.answers)
st.radio(ctx.tr("rg_denom"), DENOMINATORS, horizontal=True, format_func=lambda d: ctx.tr(f"denom_{d}"),
         help=ctx.tr("rg_denom_help"), **state.page_bind("denom", ctx.filters.denom))
blocks.notice(view.coverage)
for note in view.notes:
    blocks.caption(note)
if view.empty:
    blocks.notice(view.empty)
else:
    # Two columns on a wide screen; assets/app.css stacks them below the width where both no longer fit.
    with st.container(key="regions_pair", horizontal=False):
        left, right = st.columns([5, 6], gap="medium")
        with left:
            blocks.show(ctx, view.map)
        with right:
            blocks.show(ctx, view.ranking)
