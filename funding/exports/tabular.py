"""The two CSV formats: standard CSV (comma, dot, UTF-8) and CSV for Swedish Excel (BOM, semicolon, comma).

Excel CSV is what Swedish Excel opens correctly on a double click: UTF-8 with BOM (else å ä ö break),
semicolon (the Swedish list separator), decimal comma, headers and coded values in words, whole kronor
without thousands separators (a separator would turn the amount into text).
"""

from __future__ import annotations

import csv
import io
import numbers

import pandas as pd

from .common import (
    Provenance,
    as_percent,
    contract_frame,
    download_frame,
    header,
    labelled,
    neutralise,
    neutralise_frame,
    table_frame,
)

# The tidy rows' only decimal column, sek_per_capita, is rounded to two decimals by definition. A chart's table
# holds other numbers too (a share of 0.2334 shown as 23,3 %, kronor per inhabitant to three decimals): those
# keep every significant decimal, written plainly (no exponent), so the file says what the chart shows.
TIDY_DECIMALS = 2
TABLE_DECIMALS = 10


def _plain(value: float, decimals: int) -> str:
    """Fixed-point text, never an exponent. The tidy rows' two decimals are written out in full; a table's
    longer ones lose their trailing zeros: 0.2334 -> '0.2334', 3216000000.0 -> '3216000000'."""
    text = f"{value:.{decimals}f}"
    if decimals > TIDY_DECIMALS:
        text = text.rstrip("0").rstrip(".")
        text = "0" if text == "-0" else text
    return text


def _standard_csv(frame: pd.DataFrame, decimals: int = TIDY_DECIMALS) -> bytes:
    # CRLF as RFC 4180 says, and because the csv writer then quotes any text holding a CR or LF: with a bare
    # LF terminator a CR inside a cell went out unquoted and split the row for every reader.
    buffer = io.StringIO()
    frame = neutralise_frame(frame)
    frame.columns = [neutralise(c) for c in frame.columns]
    frame.to_csv(buffer, index=False, lineterminator="\r\n", float_format=lambda v: _plain(v, decimals))
    return buffer.getvalue().encode("utf-8")


def _excel_cell(value: object, decimals: int | None) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, numbers.Integral):
        return str(int(value))
    # ASCII minus and no thousands separator: Excel reads "-5,00" as a number, not "−5,00" or "1 234,00".
    return _plain(float(value), decimals or TIDY_DECIMALS).replace(".", ",")


def _excel_csv(frame: pd.DataFrame, headers: list[str], float_decimals: int = TIDY_DECIMALS) -> bytes:
    frame = neutralise_frame(frame)
    headers = [neutralise(h) for h in headers]
    decimals = {col: (float_decimals if pd.api.types.is_float_dtype(frame[col]) else None) for col in frame.columns}
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(headers)
    for record in frame.itertuples(index=False, name=None):
        writer.writerow([_excel_cell(v, decimals[col]) for col, v in zip(frame.columns, record, strict=True)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_csv(view: pd.DataFrame, prov: Provenance | None = None, lang: str = "en") -> bytes:
    """Standard CSV: without provenance exactly the contract columns; with it the download columns plus
    dataset_version and filters. Column names are the contract's; names of things follow `lang`."""
    return _standard_csv(contract_frame(view, lang) if prov is None else download_frame(view, prov, lang))


def to_excel_csv(view: pd.DataFrame, prov: Provenance, lang: str = "sv") -> bytes:
    frame = labelled(download_frame(view, prov, lang), lang, view)
    return _excel_csv(frame, [header(col, lang) for col in frame.columns])


def table_csv(table: pd.DataFrame, prov: Provenance, lang: str, kinds: dict[str, str] | None = None) -> bytes:
    return _standard_csv(table_frame(as_percent(table, kinds), prov, lang), TABLE_DECIMALS)


def table_excel_csv(table: pd.DataFrame, prov: Provenance, lang: str, kinds: dict[str, str] | None = None) -> bytes:
    frame = table_frame(as_percent(table, kinds), prov, lang)
    return _excel_csv(frame, [str(c) for c in frame.columns], TABLE_DECIMALS)
