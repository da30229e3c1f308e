"""Exports: the downloads in four formats (CSV, Swedish-Excel CSV, xlsx, data package) over one shared module.

`payload` builds the underlying rows of a view; `table_payload` a chart's table exactly as shown. Both say
where they come from (dataset version, filters, sources) and neither can carry a spreadsheet formula.
"""

from __future__ import annotations

import pandas as pd

from .common import (
    BINARY_FORMATS,
    FORMATS,
    MIME_TYPES,
    TABLE_FORMATS,
    Provenance,
    file_name,
    provenance,
    select,
    table_part,
)
from .datapackage import to_datapackage
from .tabular import table_csv, table_excel_csv, to_csv, to_excel_csv
from .workbook import table_xlsx, to_xlsx

__all__ = ["BINARY_FORMATS", "FORMATS", "MIME_TYPES", "TABLE_FORMATS", "file_name", "payload", "provenance", "select",
           "table_part", "table_payload"]


def payload(fmt: str, view: pd.DataFrame, prov: Provenance, lang: str = "sv") -> bytes:
    """The bytes of one download of tidy-view rows, in the language `lang` (names, headers, README)."""
    builders = {"excel-csv": to_excel_csv, "csv": to_csv, "xlsx": to_xlsx, "datapackage": to_datapackage}
    if fmt not in builders:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return builders[fmt](view, prov, lang)


def table_payload(fmt: str, table: pd.DataFrame, prov: Provenance, lang: str = "sv",
                  kinds: dict[str, str] | None = None) -> bytes:
    """The bytes of a chart's table as shown: its rows, order and columns, plus dataset version and filters.
    `kinds` (column -> money, per_capita, percent …) gives the workbook its number formats and puts shares in
    per cent in the CSVs."""
    builders = {"excel-csv": table_excel_csv, "csv": table_csv, "xlsx": table_xlsx}
    if fmt not in builders:
        raise ValueError(f"unknown table format {fmt!r}; choose one of {', '.join(TABLE_FORMATS)}")
    return builders[fmt](table, prov, lang, kinds)
