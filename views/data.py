"""Data: the filtered rows as a table, with downloads of exactly those rows."""

import streamlit as st

from components import blocks, downloads, shell
from components.navigation import by_url_path
from components.presenters import data_table
from components.presenters.summary import filter_summary
from funding.fmt import number

ctx = shell.context()
page = by_url_path("data")
blocks.page_title(page.title(ctx.lang), ctx.tr("dt_intro"))
blocks.filter_summary(ctx, filter_summary(ctx, series_only=page.series_only))
table, rows = data_table.present(ctx)
if rows.empty:
    st.info(ctx.tr("no_rows"))
else:
    total = ctx.labels.money(int(rows["amount_sek"].sum()))
    blocks.caption(ctx.tr("dt_rows", n=number(len(rows), 0, ctx.lang), total=total))
    if len(table.frame) < len(rows):
        blocks.caption(ctx.tr("dt_grid_cut", shown=number(len(table.frame), 0, ctx.lang),
                              n=number(len(rows), 0, ctx.lang)))
    blocks.table_view(ctx, table, alt=ctx.tr("dt_table"), height=560)
    downloads.rows_download(rows, ctx.described(rows), ctx.lang, key="dl_data", statuses=ctx.series.statuses)
