"""Nothing lost: the whole dataset exported and read back gives every row and every krona, in either language.

Each download format is read back the way its user would (pandas for the CSVs, the workbook's first
sheet, the package's data.csv) and compared with the curated allocations table itself, not with the
view the export was made from: totals per grant, per stream, per region, per basis and per cell must
agree to the krona. The same holds when text cells carry separators, quotes, line breaks and formula starts.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pandas as pd
import pytest

from funding import exports
from funding.exports import common

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=common.TIMEZONE)
KEY = ["year", "grant_id", "stream_id", "region_code", "recipient_level", "status", "basis"]
LANGS = ("sv", "en")

NASTY = ['=HYPERLINK("http://example.invalid","x")', "rad ett\r\nrad två", "semi;kolon", 'citat"tecken', "\ttab",
         "-5", "+46 8 123", "@SUM(A1)", "komma, och; allt \"på\" en\nrad", "   ", "vagn\rretur"]


def read_back(fmt: str, data: bytes, lang: str) -> pd.DataFrame:
    """The downloaded file read as its user would, with the codes restored (status, level, channel, basis)."""
    if fmt == "csv":
        return pd.read_csv(io.BytesIO(data), dtype={"region_code": str}, keep_default_na=False)
    if fmt == "datapackage":
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return read_back("csv", zf.read("data.csv"), lang)
    code = common.header("region_code", lang)
    if fmt == "excel-csv":
        frame = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig", dtype={code: str},
                            keep_default_na=False)
    else:
        frame = pd.read_excel(io.BytesIO(data), sheet_name=0, dtype={code: str})
        frame[code] = frame[code].fillna("")
    headers = {common.header(c, lang): c for c in (*common.DOWNLOAD_COLUMNS, *common.PROVENANCE_COLUMNS)}
    frame = frame.rename(columns=headers)
    for col, codes in common.CODED.items():
        words = {common.value_label(col, c, lang): c for c in codes}
        frame[col] = frame[col].map(words)
        assert frame[col].notna().all(), col
    return frame


def totals(frame: pd.DataFrame, by: str | list[str]) -> pd.Series:
    frame = frame.assign(region_code=frame["region_code"].fillna("").astype(str),
                         amount_sek=frame["amount_sek"].astype("int64"))
    return frame.groupby(by)["amount_sek"].sum().sort_index()


def assert_nothing_lost(back: pd.DataFrame, allocations: pd.DataFrame) -> None:
    assert len(back) == len(allocations), "rows were lost or split"
    assert pd.api.types.is_integer_dtype(back["amount_sek"]), back["amount_sek"].dtype
    assert int(back["amount_sek"].sum()) == int(allocations["amount_sek"].sum())
    for by in ("grant_id", "stream_id", "region_code", "year", "status", "basis", KEY):
        got, want = totals(back, by), totals(allocations, by)
        assert got.index.tolist() == want.index.tolist(), by
        assert got.tolist() == want.tolist(), by
    # Cell by cell: the same multiset of (key, amount) rows, so no two errors can cancel out.
    cells = lambda f: sorted(map(tuple, totals(f, KEY).reset_index().astype(str).to_numpy().tolist()))  # noqa: E731
    assert cells(back) == cells(allocations)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_full_export_read_back_keeps_every_row_and_krona(ds, fmt, lang):
    view = ds.view
    data = exports.payload(fmt, view, exports.provenance(ds, view, {}, now=NOW), lang)
    back = read_back(fmt, data, lang)
    assert_nothing_lost(back, ds.allocations)
    # The names are those of the language asked for, row by row.
    suffix = "_en" if lang == "en" else ""
    for col in ("grant_name", "stream_name", "recipient"):
        assert back[col].fillna("").tolist() == view[col + suffix].tolist(), col


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", ["csv", "excel-csv"])
def test_hostile_text_cells_do_not_split_or_merge_rows(ds, fmt, lang):
    view = ds.view.copy()
    recipients = [NASTY[i % len(NASTY)] for i in range(len(view))]
    methods = [NASTY[(i + 3) % len(NASTY)] for i in range(len(view))]
    view["recipient"] = view["recipient_en"] = recipients
    view["estimate_method"] = view["estimate_method_en"] = methods
    data = exports.payload(fmt, view, exports.provenance(ds, view, {"region": ["14"]}, now=NOW), lang)
    back = read_back(fmt, data, lang)
    assert_nothing_lost(back, ds.allocations)
    # The text itself survives too, apart from the quote mark that defuses a formula.
    assert back["recipient"].str.removeprefix("'").tolist() == recipients
    assert back["estimate_method"].str.removeprefix("'").tolist() == methods
