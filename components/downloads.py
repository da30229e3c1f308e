"""Download widgets: a format choice and one button, for exactly the rows the user is looking at.

The bytes are built by funding.export (pure, tested) only when the button is clicked (a callable `data`),
so the page's reruns on every interaction cost nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import partial

import pandas as pd
import streamlit as st

from funding import export, model
from funding.fmt import number as fmt_number

from .data import dataset

FORMAT_LABELS = {
    "sv": {
        "excel-csv": "CSV för Excel (svensk)",
        "csv": "CSV (standard)",
        "xlsx": "Excel (.xlsx)",
        "datapackage": "Datapaket (.zip)",
    },
    "en": {
        "excel-csv": "CSV for Excel (Swedish)",
        "csv": "CSV (standard)",
        "xlsx": "Excel (.xlsx)",
        "datapackage": "Data package (.zip)",
    },
}

TEXT = {
    "sv": {
        "format": "Format",
        "button": "Ladda ned {n} rader",
        "help": ("CSV för Excel öppnas direkt i svenska Excel (semikolon, decimalkomma). Excel visar länskoden 01 "
                 "som 1; välj .xlsx om koden ska behållas. Standard-CSV: komma och punkt, för skript. Datapaketet "
                 "innehåller data, beskrivning av varje kolumn och hur man citerar. Alla format anger "
                 "datasetversion och filter."),
        "unavailable": "Nedladdning är inte tillgänglig just nu: datan kunde inte läsas.",
    },
    "en": {
        "format": "Format",
        "button": "Download {n} rows",
        "help": ("CSV for Excel opens directly in Swedish Excel (semicolon, decimal comma). Excel shows region code "
                 "01 as 1; choose .xlsx to keep it. Standard CSV: comma and dot, for scripts. The data package holds "
                 "the data, a description of every column and how to cite it. Every format states the dataset "
                 "version and the filters."),
        "unavailable": "Download is not available right now: the data could not be read.",
    },
}


def _payload(ds: model.Dataset, fmt: str, rows: pd.DataFrame, filters: dict, now: datetime, version: str | None,
             lang: str) -> bytes:
    return export.payload(fmt, rows, export.provenance(ds, rows, filters, now=now, version=version), lang)


def render_downloads(view: pd.DataFrame, filters: Mapping[str, Sequence[str] | str], lang: str, key: str,
                     version: str | None = None) -> None:
    """A format choice and a download button for `view` (rows of ds.view) under the given filters."""
    lang = lang if lang in TEXT else "sv"
    t = TEXT[lang]
    try:
        ds = dataset()
    except model.DataUnavailable:
        st.info(t["unavailable"])
        return
    labels = FORMAT_LABELS[lang]
    fmt = st.selectbox(t["format"], export.FORMATS, format_func=labels.__getitem__, key=f"{key}-format",
                       help=t["help"])
    now = datetime.now(export.TIMEZONE)
    rows = view.copy()  # the caller may reuse its frame; the click runs later, on another thread
    st.download_button(
        t["button"].format(n=fmt_number(len(rows), 0, lang)),
        data=partial(_payload, ds, fmt, rows, dict(filters or {}), now, version, lang),
        file_name=export.file_name(fmt, rows, now.date().isoformat(), ds.region_codes),
        mime=export.MIME_TYPES[fmt],
        key=f"{key}-download",
        on_click="ignore",
        icon=":material/download:",
    )
