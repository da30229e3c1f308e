"""Data: every row behind the charts for the current filters, with names in the interface's language."""

from __future__ import annotations

import pandas as pd

from .common import Table
from .context import ViewContext, per_view

# The grid shows at most this many rows. Streamlit formats a table in the interface's language through a pandas
# Styler, which took about 2 s per run for 28 300 rows (the 100x bench data), 0.15 s for 2 000 and 0.04 s for
# 500; a grid of hundreds of rows is not read on screen anyway, and the downloads always hold every row. The real
# data has 283.
MAX_GRID_ROWS = 500


@per_view
def present(ctx: ViewContext) -> tuple[Table, pd.DataFrame]:
    """The table shown (numbers stay numbers so it sorts; shown in the language's format; at most MAX_GRID_ROWS
    rows, the first in the rows' order) and all of its rows."""
    # Every year and status by default: this is where the whole dataset is read and taken away.
    rows, lb, tr, en = ctx.series_rows, ctx.labels, ctx.tr, ctx.lang == "en"
    return _table(rows.head(MAX_GRID_ROWS), lb, tr, en), rows


def _table(rows: pd.DataFrame, lb, tr, en: bool) -> Table:
    table = pd.DataFrame({
        tr("year"): rows["year"].astype("int64"),
        tr("col_recipient"): rows["recipient_en" if en else "recipient"],
        tr("col_amount"): rows["amount_sek"].astype("int64"),
        tr("grant"): rows["grant_name_en" if en else "grant_name"],
        tr("stream"): [lb.stream(s) for s in rows["stream_id"]],
        tr("status"): [lb.status(s) for s in rows["status"]],
        tr("region"): [f"{c} {n}" if c else "" for c, n in zip(rows["region_code"], rows["region_name"], strict=True)],
        tr("col_level"): [lb.level(x) for x in rows["recipient_level"]],
        tr("focus"): rows["focus_name_en" if en else "focus_name"],
        tr("col_population"): rows["population"],
        tr("col_per_capita"): rows["sek_per_capita"],
        tr("col_source"): [lb.source(s) for s in rows["source_id"]],
        tr("col_estimate"): rows["estimate_method_en" if en else "estimate_method"],
    })
    formats = {tr("year"): "year", tr("col_amount"): "money", tr("col_population"): "int",
               tr("col_per_capita"): "per_capita"}
    return Table(table, formats)
