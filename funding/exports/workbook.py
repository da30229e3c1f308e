"""The Excel workbook download: a data sheet with real numbers and dates, and a sheet saying where it came from."""

from __future__ import annotations

import io
import numbers
from datetime import date, datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..text import t
from .common import LICENCE, Provenance, download_frame, filters_text, header, labelled, table_frame
from .common import neutralise as _neutralise

# Excel shows these with the reader's own separators (a space and a comma in Swedish Excel).
NUMBER_FORMATS = {
    "year": "0",
    "amount_sek": "#,##0",
    "population": "#,##0",
    "sek_per_capita": "#,##0.00",
    "population_date": "yyyy-mm-dd",
}
WIDTHS = {"year": 7, "region_code": 9, "amount_sek": 15, "population": 12, "population_date": 14,
          "sek_per_capita": 12, "estimate_method": 40}

def _text(value: str) -> str:
    # openpyxl refuses control characters that XML cannot hold; drop them, then defuse formulas. XML turns a
    # CR into LF when the file is read (and Excel breaks lines in a cell with LF), so say so explicitly.
    text = _neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _cell_value(value: object, column: str) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if column == "population_date":
        return date.fromisoformat(value) if value else None
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    return float(value)


def _write_text(ws: Worksheet, row: int, col: int, value: object, bold: bool = False) -> None:
    cell = ws.cell(row=row, column=col)
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return
    if isinstance(value, numbers.Integral):
        cell.value = int(value)
    else:
        cell.value = _text(str(value))
        cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)


# A chart table's column kinds (components/presenters/common.FORMATS) as Excel shows them.
KIND_FORMATS = {"money": "#,##0", "signed_money": "+#,##0;-#,##0;0", "int": "#,##0", "per_capita": "#,##0.00",
                "percent": "0.0%", "signed_percent": "+0.0%;-0.0%;0.0%", "year": "0", "msek": "#,##0"}


def _data_sheet(ws: Worksheet, frame: pd.DataFrame, headers: list[str], formats: dict[str, str] | None = None) -> None:
    columns = list(frame.columns)
    formats = formats if formats is not None else NUMBER_FORMATS
    for j, text in enumerate(headers, start=1):
        _write_text(ws, 1, j, text, bold=True)
    for i, record in enumerate(frame.itertuples(index=False, name=None), start=2):
        for j, (col, value) in enumerate(zip(columns, record, strict=True), start=1):
            cell = ws.cell(row=i, column=j, value=_cell_value(value, col))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
            if col in formats:
                cell.number_format = formats[col]
    for j, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(j)].width = WIDTHS.get(col, max(12, len(headers[j - 1]) + 2))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(frame) + 1)}"


def _about_sheet(ws: Worksheet, n_rows: int, prov: Provenance, lang: str) -> None:
    row = 1
    _write_text(ws, row, 1, t("wb_title", lang), bold=True)
    row += 2
    for label, value in (("wb_version", prov.version), ("wb_built", prov.built_at), ("wb_downloaded", prov.day),
                         ("wb_filters", filters_text(prov.filters, lang)), ("wb_rows", n_rows),
                         ("wb_licence", f"{LICENCE['name']} ({LICENCE['path']})")):
        _write_text(ws, row, 1, t(label, lang), bold=True)
        _write_text(ws, row, 2, value)
        row += 1
    _write_text(ws, row, 2, t("licence", lang))
    ws.cell(row=row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    row += 2

    _write_text(ws, row, 1, t("wb_sources", lang), bold=True)
    row += 1
    for j, key in enumerate(("id", "title", "publisher", "date", "diarienummer", "url"), start=1):
        _write_text(ws, row, j, t(f"wb_src_{key}", lang), bold=True)
    for record in prov.sources.itertuples(index=False, name=None):
        row += 1
        for j, value in enumerate(record, start=1):
            _write_text(ws, row, j, value)
    row += 2

    _write_text(ws, row, 1, t("wb_keys", lang), bold=True)
    row += 1
    for j, key in enumerate(("applies", "id", "year", "key"), start=1):
        _write_text(ws, row, j, t(f"wb_key_{key}", lang), bold=True)
    key_col = "key_en" if lang == "en" else "key_sv"
    for key in prov.keys.itertuples(index=False):
        row += 1
        _write_text(ws, row, 1, t(f"wb_kind_{key.kind}", lang))
        _write_text(ws, row, 2, key.id)
        _write_text(ws, row, 3, key.year)
        _write_text(ws, row, 4, getattr(key, key_col))
    row += 2

    _write_text(ws, row, 1, t("wb_caveats", lang), bold=True)
    for caveat in prov.caveats(lang):
        row += 1
        _write_text(ws, row, 2, caveat)
    for letter, width in zip("ABCDEF", (30, 60, 26, 14, 36, 40), strict=True):
        ws.column_dimensions[letter].width = width


def _workbook(frame: pd.DataFrame, headers: list[str], prov: Provenance, lang: str,
              formats: dict[str, str] | None = None) -> bytes:
    wb = Workbook()
    data = wb.active
    data.title = t("wb_data", lang)
    _data_sheet(data, frame, headers, formats)
    _about_sheet(wb.create_sheet(t("wb_about", lang)), len(frame), prov, lang)
    wb.properties.title = t("wb_title", lang)
    wb.properties.creator = "statsbidrag-psykisk-halsa"
    stamp = prov.downloaded.replace(tzinfo=None) if isinstance(prov.downloaded, datetime) else None
    if stamp is not None:
        wb.properties.created = stamp
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def to_xlsx(view: pd.DataFrame, prov: Provenance, lang: str = "sv") -> bytes:
    """Data sheet (frozen header, filters, number formats, dates as dates) plus an about sheet."""
    frame = labelled(download_frame(view, None, lang), lang, view)
    return _workbook(frame, [header(col, lang) for col in frame.columns], prov, lang)


def table_xlsx(table: pd.DataFrame, prov: Provenance, lang: str = "sv", kinds: dict[str, str] | None = None) -> bytes:
    """A chart's table as shown, numbers formatted by their column kind, with the same about sheet."""
    frame = table_frame(table, prov, lang)
    formats = {col: KIND_FORMATS[kind] for col, kind in (kinds or {}).items() if kind in KIND_FORMATS}
    return _workbook(frame, [str(c) for c in frame.columns], prov, lang, formats)
