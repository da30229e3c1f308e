"""Data: the filtered rows as a table, with downloads of exactly that view."""

import streamlit as st

from components import blocks, present, state
from components.navigation import by_url_path

ctx = state.context()
blocks.page_title(by_url_path("data").title(ctx.lang), ctx.tr("dt_intro"))
if ctx.rows.empty:
    st.info(ctx.tr("no_rows"))
else:
    blocks.caption(ctx.tr("dt_rows", n=ctx.labels.number(len(ctx.rows)),
                          total=ctx.labels.money(int(ctx.rows["amount_sek"].sum()))))
    blocks.data_table(ctx, present.data_table(ctx))
    blocks.downloads(ctx.rows, ctx, key="dl_data")
