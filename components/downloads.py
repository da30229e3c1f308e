"""Download widgets: a format choice and one button, for exactly the rows or the table the reader is looking at.

The bytes are built by funding.exports (pure, tested) only when the button is clicked (a callable `data`), so the
page's reruns on every interaction cost nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import partial

import pandas as pd
import streamlit as st

from funding import dataset, exports
from funding.fmt import number
from funding.text import t

from .data import current_dataset


def _rows_payload(ds: dataset.Dataset, fmt: str, rows: pd.DataFrame, filters: dict, now: datetime,
                  lang: str) -> bytes:
    return exports.payload(fmt, rows, exports.provenance(ds, rows, filters, now=now), lang)


def _table_payload(ds: dataset.Dataset, fmt: str, table: pd.DataFrame, kinds: dict, rows: pd.DataFrame,
                   filters: dict, now: datetime, lang: str) -> bytes:
    return exports.table_payload(fmt, table, exports.provenance(ds, rows, filters, now=now), lang, kinds)


# Semicolons and decimal commas are what Swedish Excel opens on a double click; anyone else reads comma and dot.
DEFAULT_FORMAT = {"sv": "excel-csv", "en": "csv"}


def _format(key: str, formats: Sequence[str], lang: str) -> str:
    default = DEFAULT_FORMAT.get(lang, formats[0])
    # The language is part of the key: a keyed widget keeps its value when only its index changes, so a switch
    # of language would otherwise keep the other language's default.
    return st.selectbox(t("dl_format", lang), formats, index=formats.index(default) if default in formats else 0,
                        format_func=lambda f: t(f"fmt_{f}", lang), key=f"{key}-format-{lang}",
                        help=t("dl_help", lang), placeholder=t("dl_format_placeholder", lang))


def rows_download(rows: pd.DataFrame, filters: Mapping, lang: str, key: str, label: str | None = None,
                  help_text: str | None = None, fmt: str | None = None, statuses: Sequence[str] = ()) -> None:
    """A format choice (unless `fmt` is given) and a button for `rows` (rows of the tidy view); `statuses`, the
    statuses the rows were chosen by, go into the file name unless they are all of them."""
    try:
        ds = current_dataset()
    except dataset.DataUnavailable:
        st.info(t("dl_unavailable", lang))
        return
    fmt = fmt or _format(key, exports.FORMATS, lang)
    now = datetime.now(exports.common.TIMEZONE)
    rows = rows.copy()  # the caller may reuse its frame; the click runs later, on another thread
    st.download_button(
        label or t("dl_button", lang, n=number(len(rows), 0, lang)),
        data=partial(_rows_payload, ds, fmt, rows, dict(filters or {}), now, lang),
        file_name=exports.file_name(fmt, rows, now.date().isoformat(), ds.region_codes, lang=lang, statuses=statuses),
        mime=exports.MIME_TYPES[fmt], key=f"{key}-download", on_click="ignore", icon=":material/download:",
        help=help_text,
    )


def table_download(table: pd.DataFrame, kinds: dict, rows: pd.DataFrame, filters: Mapping, lang: str, key: str,
                   chart: str, label: str, regions: Sequence[str] = (), statuses: Sequence[str] = ()) -> str | None:
    """A format choice and a button for a chart's table as shown (same rows, order and columns); `chart` is the
    chart's key, which names the table in the file name; `regions` the regions the table shows, where they are
    not its rows' (ChartSpec.table_regions). Returns the chosen format, for the rows' button under it."""
    try:
        ds = current_dataset()
    except dataset.DataUnavailable:
        st.info(t("dl_unavailable", lang))
        return None
    fmt = _format(key, exports.TABLE_FORMATS, lang)
    now = datetime.now(exports.common.TIMEZONE)
    table, rows = table.copy(), rows.copy()
    st.download_button(
        label, data=partial(_table_payload, ds, fmt, table, dict(kinds), rows, dict(filters or {}), now, lang),
        file_name=exports.file_name(fmt, rows, now.date().isoformat(), ds.region_codes,
                                    part=exports.table_part(chart, lang), lang=lang, regions=regions,
                                    statuses=statuses),
        mime=exports.MIME_TYPES[fmt], key=f"{key}-download", on_click="ignore", icon=":material/download:",
    )
    return fmt
