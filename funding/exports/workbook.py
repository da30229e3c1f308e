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

from .export import CAVEATS, HEADERS, LICENCE, LICENCE_TEXT, Provenance, download_frame, filters_text, labelled
from .export import neutralise as _neutralise

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

TEXT = {
    "sv": {
        "data": "Data", "about": "Om datan",
        "title": "Statsbidrag för psykisk hälsa – nedladdat urval",
        "version": "Datasetversion (innehållshash)", "built": "Datasetet byggt", "downloaded": "Nedladdat",
        "filters": "Filter", "rows": "Antal rader", "licence": "Licens",
        "sources": "Källor", "source_cols": ("Källa", "Titel", "Utgivare", "Datum", "Diarienummer"),
        "keys": "Fördelningsnycklar", "key_cols": ("Gäller", "Id", "År", "Nyckel"),
        "kind": {"grant": "bidrag", "stream": "delpost"},
        "caveats": "Att tänka på",
    },
    "en": {
        "data": "Data", "about": "About",
        "title": "State funding for mental health – downloaded selection",
        "version": "Dataset version (content hash)", "built": "Dataset built", "downloaded": "Downloaded",
        "filters": "Filters", "rows": "Rows", "licence": "Licence",
        "sources": "Sources", "source_cols": ("Source", "Title", "Publisher", "Date", "Reference number"),
        "keys": "Allocation keys", "key_cols": ("Applies to", "Id", "Year", "Key"),
        "kind": {"grant": "grant", "stream": "stream"},
        "caveats": "Caveats",
    },
}


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


def _data_sheet(ws: Worksheet, view: pd.DataFrame, lang: str) -> None:
    frame = labelled(download_frame(view), lang)
    columns = list(frame.columns)
    for j, col in enumerate(columns, start=1):
        _write_text(ws, 1, j, HEADERS[lang][col], bold=True)
    for i, record in enumerate(frame.itertuples(index=False, name=None), start=2):
        for j, (col, value) in enumerate(zip(columns, record, strict=True), start=1):
            cell = ws.cell(row=i, column=j, value=_cell_value(value, col))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
            if col in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[col]
    for j, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(j)].width = WIDTHS.get(col, max(12, len(HEADERS[lang][col]) + 2))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(frame) + 1)}"


def _about_sheet(ws: Worksheet, view: pd.DataFrame, prov: Provenance, lang: str) -> None:
    t = TEXT[lang]
    row = 1
    _write_text(ws, row, 1, t["title"], bold=True)
    row += 2
    for label, value in ((t["version"], prov.version), (t["built"], prov.built_at), (t["downloaded"], prov.day),
                         (t["filters"], filters_text(prov.filters, lang)), (t["rows"], len(view)),
                         (t["licence"], f"{LICENCE['name']} ({LICENCE['path']})")):
        _write_text(ws, row, 1, label, bold=True)
        _write_text(ws, row, 2, value)
        row += 1
    _write_text(ws, row, 2, LICENCE_TEXT[lang])
    ws.cell(row=row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    row += 2

    _write_text(ws, row, 1, t["sources"], bold=True)
    row += 1
    for j, label in enumerate(t["source_cols"], start=1):
        _write_text(ws, row, j, label, bold=True)
    for record in prov.sources.itertuples(index=False, name=None):
        row += 1
        for j, value in enumerate(record, start=1):
            _write_text(ws, row, j, value)
    row += 2

    _write_text(ws, row, 1, t["keys"], bold=True)
    row += 1
    for j, label in enumerate(t["key_cols"], start=1):
        _write_text(ws, row, j, label, bold=True)
    key_col = "key_sv" if lang == "sv" else "key_en"
    for key in prov.keys.itertuples(index=False):
        row += 1
        _write_text(ws, row, 1, t["kind"][key.kind])
        _write_text(ws, row, 2, key.id)
        _write_text(ws, row, 3, key.year)
        _write_text(ws, row, 4, getattr(key, key_col))
    row += 2

    _write_text(ws, row, 1, t["caveats"], bold=True)
    for caveat in CAVEATS[lang]:
        row += 1
        _write_text(ws, row, 2, caveat)
    for letter, width in zip("ABCDE", (30, 60, 26, 14, 36), strict=True):
        ws.column_dimensions[letter].width = width


def to_xlsx(view: pd.DataFrame, prov: Provenance, lang: str = "sv") -> bytes:
    """Data sheet (frozen header, filters, number formats, dates as dates) plus an about sheet."""
    wb = Workbook()
    data = wb.active
    data.title = TEXT[lang]["data"]
    _data_sheet(data, view, lang)
    _about_sheet(wb.create_sheet(TEXT[lang]["about"]), view, prov, lang)
    wb.properties.title = TEXT[lang]["title"]
    wb.properties.creator = "statsbidrag-psykisk-halsa"
    stamp = prov.downloaded.replace(tzinfo=None) if isinstance(prov.downloaded, datetime) else None
    if stamp is not None:
        wb.properties.created = stamp
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
