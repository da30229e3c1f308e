"""Över tid: every year, grant by grant for the country or per chosen region, in kronor or per inhabitant."""

import streamlit as st

from components import blocks, shell, state
from components.navigation import by_url_path
from components.presenters import over_time
from components.presenters.summary import filter_summary
from funding.analysis.filters import UNITS

ctx = shell.context()
page = by_url_path("over-tid")
blocks.page_title(page.title(ctx.lang), ctx.tr("ot_intro"))
blocks.filter_summary(ctx, filter_summary(ctx, series_only=page.series_only))
st.radio(ctx.tr("ot_unit"), UNITS, horizontal=True, format_func=lambda u: ctx.tr(f"unit_{u}"),
         **state.page_bind("unit", ctx.filters.unit))
blocks.show(ctx, over_time.present(ctx, compact=shell.narrow(shell.PHONE_BELOW_PX)))
