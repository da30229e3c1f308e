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

from .common import Provenance, contract_frame, download_frame, header, labelled, neutralise_frame, table_frame


def _standard_csv(frame: pd.DataFrame) -> bytes:
    # CRLF as RFC 4180 says, and because the csv writer then quotes any text holding a CR or LF: with a bare
    # LF terminator a CR inside a cell went out unquoted and split the row for every reader.
    buffer = io.StringIO()
    neutralise_frame(frame).to_csv(buffer, index=False, lineterminator="\r\n", float_format="%.2f")
    return buffer.getvalue().encode("utf-8")


def _excel_cell(value: object, decimals: int | None) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, numbers.Integral):
        return str(int(value))
    # ASCII minus and no thousands separator: Excel reads "-5,00" as a number, not "−5,00" or "1 234,00".
    return f"{float(value):.{decimals or 2}f}".replace(".", ",")


def _excel_csv(frame: pd.DataFrame, headers: list[str]) -> bytes:
    frame = neutralise_frame(frame)
    decimals = {col: (2 if pd.api.types.is_float_dtype(frame[col]) else None) for col in frame.columns}
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
    frame = labelled(download_frame(view, prov, lang), lang)
    return _excel_csv(frame, [header(col, lang) for col in frame.columns])


def table_csv(table: pd.DataFrame, prov: Provenance, lang: str) -> bytes:
    return _standard_csv(table_frame(table, prov, lang))


def table_excel_csv(table: pd.DataFrame, prov: Provenance, lang: str) -> bytes:
    frame = table_frame(table, prov, lang)
    return _excel_csv(frame, [str(c) for c in frame.columns])
