"""A chart's table downloads as shown (issue 16.4): exactly its columns in its order, its rows in its order,
numbers as numbers, then the dataset version and the filters, in CSV, Excel CSV and xlsx."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import openpyxl
import pandas as pd
import pytest

from funding import exports
from funding.exports import common

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=common.TIMEZONE)
FILTERS = {"year": ["2026"], "status": ["decided", "estimated"]}


def region_table(ds, lang: str = "sv") -> tuple[pd.DataFrame, pd.DataFrame]:
    """A per-region chart's table as a presenter builds one: 2026, decided and estimated money to each region,
    sorted by kronor per inhabitant (not by name or code), with a share of the total."""
    v = ds.view
    rows = v[(v["year"] == 2026) & v["status"].isin(["decided", "estimated"]) & (v["region_code"] != "")]
    per = rows.groupby(["region_code", "region_name"], as_index=False).agg(amount=("amount_sek", "sum"),
                                                                          population=("population", "first"))
    per["per_capita"] = per["amount"] / per["population"].astype(float)
    per["share"] = per["amount"] / per["amount"].sum()
    per = per.sort_values("per_capita", ascending=False, kind="stable")
    words = {"sv": ("Region", "År", "Belopp (kr)", "Befolkning", "Kr per invånare", "Andel"),
             "en": ("Region", "Year", "Amount (SEK)", "Population", "SEK per inhabitant", "Share")}[lang]
    table = pd.DataFrame({words[0]: per["region_name"], words[1]: 2026, words[2]: per["amount"].astype("int64"),
                          words[3]: per["population"].astype("Int64"), words[4]: per["per_capita"],
                          words[5]: per["share"]})
    return table.reset_index(drop=True), rows


def prov(ds, rows):
    return exports.provenance(ds, rows, FILTERS, now=NOW)


def provenance_headers(lang: str) -> list[str]:
    return [common.header("sources", lang), common.header("dataset_version", lang), common.header("filters", lang)]


def assert_table_back(back: pd.DataFrame, table: pd.DataFrame, ds, lang: str) -> None:
    """The read-back file is the table: same header order, same rows in the same order, numbers as numbers."""
    assert list(back.columns) == [*table.columns, *provenance_headers(lang)]
    assert len(back) == len(table)
    for col in table.columns:
        want, got = table[col], back[col]
        if pd.api.types.is_integer_dtype(want):
            assert pd.api.types.is_integer_dtype(got), (col, got.dtype)
            assert got.tolist() == want.astype("int64").tolist(), col
        elif pd.api.types.is_float_dtype(want):
            assert pd.api.types.is_float_dtype(got), (col, got.dtype)
            assert got.tolist() == pytest.approx(want.tolist(), rel=0, abs=1e-9), col
        else:
            assert got.astype(str).tolist() == want.astype(str).tolist(), col
    # The sources of the 2026 regional figures, each by the id the rows download gives (an analyst found none).
    (sources,) = set(back[provenance_headers(lang)[0]])
    assert sources == ("pv2026-anvisningar: Socialstyrelsen, 2026, S2025/00397; S2025/02147 | psyk2026-beslut: "
                       "Regeringen (Socialdepartementet), 2026-01-22, S2025/01528; S2025/02071; S2026/00095")
    assert set(back[provenance_headers(lang)[1]]) == {ds.version}
    assert set(back[provenance_headers(lang)[2]]) == {"year=2026; status=decided,estimated"}


def test_the_table_is_real_and_in_its_own_order(ds):
    table, rows = region_table(ds)
    assert len(table) == 21
    assert table["Belopp (kr)"].sum() == rows["amount_sek"].sum()
    assert table["Region"].tolist() != sorted(table["Region"])  # sorted by value, so the order is the chart's
    assert table["Kr per invånare"].is_monotonic_decreasing
    # Shares with more than two significant decimals: the download must not cut them to 0.xx.
    assert (table["Andel"].round(2) != table["Andel"]).all()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_standard_csv_is_the_table_as_shown(ds, lang):
    table, rows = region_table(ds, lang)
    data = exports.table_payload("csv", table, prov(ds, rows), lang)
    assert not data.startswith(b"\xef\xbb\xbf") and data.count(b"\r\n") == len(table) + 1
    back = pd.read_csv(io.BytesIO(data))
    assert_table_back(back, table, ds, lang)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_excel_csv_is_the_table_as_shown(ds, lang):
    table, rows = region_table(ds, lang)
    data = exports.table_payload("excel-csv", table, prov(ds, rows), lang)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    records = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert records[0] == [*table.columns, *provenance_headers(lang)]
    first = dict(zip(records[0], records[1], strict=True))
    amount = table.columns[2]
    assert first[amount] == str(table[amount].iloc[0])  # whole kronor, no thousands separator
    share = table.columns[5]
    assert first[share] == f"{table[share].iloc[0]:.10f}".rstrip("0").replace(".", ",")  # decimal comma, all digits
    back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    assert_table_back(back, table, ds, lang)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_xlsx_is_the_table_as_shown_with_an_about_sheet(ds, lang):
    table, rows = region_table(ds, lang)
    data = exports.table_payload("xlsx", table, prov(ds, rows), lang)
    back = pd.read_excel(io.BytesIO(data), sheet_name=0)
    assert_table_back(back, table, ds, lang)

    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == (["Data", "Om datan"] if lang == "sv" else ["Data", "About"])
    sheet = wb.worksheets[0]
    assert [c.value for c in sheet[1]] == [*table.columns, *provenance_headers(lang)]
    for row, want in zip(sheet.iter_rows(min_row=2), table.itertuples(index=False), strict=True):
        assert row[0].value == want[0] and row[0].data_type == "s"
        for cell, value in zip(row[1:6], want[1:6], strict=True):
            assert cell.data_type == "n" and cell.value == pytest.approx(value, abs=1e-9)
    about = {str(c.value) for r in wb.worksheets[1].iter_rows() for c in r if c.value is not None}
    assert ds.version in about and "year=2026; status=decided,estimated" in about and str(len(table)) in about
    assert set(ds.sources.loc[ds.sources["source_id"].isin(set(rows["source_id"])), "title"]) <= about


def test_the_three_formats_agree(ds):
    table, rows = region_table(ds)
    p = prov(ds, rows)
    csv_back = pd.read_csv(io.BytesIO(exports.table_payload("csv", table, p, "sv")))
    excel_back = pd.read_csv(io.BytesIO(exports.table_payload("excel-csv", table, p, "sv")), sep=";", decimal=",",
                             encoding="utf-8-sig")
    xlsx_back = pd.read_excel(io.BytesIO(exports.table_payload("xlsx", table, p, "sv")), sheet_name=0)
    for other in (excel_back, xlsx_back):
        assert list(other.columns) == list(csv_back.columns)
        assert other["Region"].tolist() == csv_back["Region"].tolist()
        assert other["Belopp (kr)"].tolist() == csv_back["Belopp (kr)"].tolist()
        assert other["Andel"].tolist() == pytest.approx(csv_back["Andel"].tolist(), abs=1e-9)


def test_year_columns_missing_values_and_negative_changes(ds):
    """A time table: years as column names, a missing cell, a negative change; all stay numbers."""
    table = pd.DataFrame({"Bidrag": ["Primärvård", "Psykiatri", "-minskning"], 2025: [500_000_000, 0, 10],
                          2026: pd.array([396_000_000, 1_500_000_000, None], dtype="Int64"),
                          "Förändring": [-104_000_000, 1_500_000_000, -10], "Andel": [-0.208, 0.0001234, -1.0]})
    rows = ds.view[ds.view["year"].isin([2025, 2026])]
    p = prov(ds, rows)
    back = pd.read_csv(io.BytesIO(exports.table_payload("csv", table, p, "sv")))
    assert list(back.columns) == ["Bidrag", "2025", "2026", "Förändring", "Andel", "Tabellens källor", "Datasetversion",
                                  "Filter"]
    assert back["2026"].tolist()[:2] == [396_000_000, 1_500_000_000] and pd.isna(back["2026"].iloc[2])
    assert back["Förändring"].tolist() == [-104_000_000, 1_500_000_000, -10]
    assert back["Andel"].tolist() == [-0.208, 0.0001234, -1.0]
    assert back["Bidrag"].tolist() == ["Primärvård", "Psykiatri", "'-minskning"]  # text defused, numbers not
    text = exports.table_payload("excel-csv", table, p, "sv").decode("utf-8-sig")
    assert "Primärvård;500000000;396000000;-104000000;-0,208;" in text
    assert "'-minskning;10;;-10;-1;" in text
    wb = openpyxl.load_workbook(io.BytesIO(exports.table_payload("xlsx", table, p, "sv")))
    sheet = wb.worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["Bidrag", "2025", "2026"]
    assert [c.value for c in sheet[2]][1:5] == [500_000_000, 396_000_000, -104_000_000, -0.208]
    assert sheet["C4"].value is None and sheet["A4"].value == "'-minskning"


def test_hostile_headers_and_cells_never_become_formulas(ds):
    table = pd.DataFrame({"=SUM(A1)": ["=1+1", "@x"], "+tal": [1, -2]})
    rows = ds.view.head(2)
    p = prov(ds, rows)
    for fmt in ("csv", "excel-csv"):
        data = exports.table_payload(fmt, table, p, "sv")
        sep = "," if fmt == "csv" else ";"
        records = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=sep))
        assert records[0][:2] == ["'=SUM(A1)", "'+tal"]
        assert [r[0] for r in records[1:]] == ["'=1+1", "'@x"] and [r[1] for r in records[1:]] == ["1", "-2"]
    wb = openpyxl.load_workbook(io.BytesIO(exports.table_payload("xlsx", table, p, "sv")))
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                assert not (isinstance(cell.value, str) and cell.value.startswith(common.FORMULA_PREFIXES))
    assert [c.value for c in wb.worksheets[0]["B"]][1:] == [1, -2]


def test_table_file_names_name_the_table(ds):
    _, rows = region_table(ds)
    name = exports.file_name("xlsx", rows, "2026-11-25", ds.region_codes, part=exports.table_part("map", "sv"))
    assert name == "statsbidrag-psykisk-halsa_tabell-karta_2026_alla-regioner_2026-11-25.xlsx"
    name = exports.file_name("csv", rows, "2026-11-25", ds.region_codes, part=exports.table_part("map", "en"),
                             lang="en")
    assert name == "state-funding-mental-health_table-map_2026_all-regions_2026-11-25_standard.csv"


# A share column by its kind ---------------------------------------------------------------------------------


def change_table(ds, lang: str):
    """Översikt's per-grant change table for /?year=2025,2026, as the presenter builds it."""
    from components.presenters import overview
    from components.presenters.context import ViewContext
    from funding.analysis.filters import Filters

    spec, _ = overview.changes(ViewContext(ds, Filters(lang=lang, years=(2025, 2026))))
    return spec.table, spec.rows


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_change_in_per_cent_is_written_in_per_cent_in_both_csvs(ds, lang):
    """The header says (%) and the screen -20,8 %: the CSV cell holds -20.8, not the ratio -0.208 (which read as
    -0.2 %); every decimal kept (-15.3846153846), and a new grant's change an empty cell."""
    table, rows = change_table(ds, lang)
    grant, pct = table.frame.columns[0], table.frame.columns[5]
    assert pct == ("Förändring (%)" if lang == "sv" else "Change (%)")
    assert table.formats[pct] == "signed_percent"
    p = prov(ds, rows)
    standard = pd.read_csv(io.BytesIO(exports.table_payload("csv", table.frame, p, lang, table.formats)))
    excel = pd.read_csv(io.BytesIO(exports.table_payload("excel-csv", table.frame, p, lang, table.formats)), sep=";",
                        decimal=",", encoding="utf-8-sig")
    for back in (standard, excel):
        got = dict(zip(back[grant], back[pct], strict=True))
        names = table.frame[grant].tolist()
        assert pd.isna(got[names[0]])                                    # new: no per cent of nothing
        assert pd.isna(got[names[1]])                                    # no amount in 2026: no per cent either
        assert got[names[3]] == pytest.approx(-240 / 1560 * 100, abs=1e-9)  # 1 560 -> 1 320 mn
        assert got[names[5]] == pytest.approx(-20.8, abs=1e-9)             # 500 -> 396 mn
        assert got[names[-1]] == pytest.approx(-564.5 / 3780.5 * 100, abs=1e-9)
    text = exports.table_payload("excel-csv", table.frame, p, lang, table.formats).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[1].split(";")[5] == "" and lines[2].split(";")[5] == "" and lines[6].split(";")[5] == "-20,8"
    # A year without an amount is an empty cell, not 0 kr (BUP 2026 read as cut to nothing): new, then ended.
    assert lines[1].split(";")[2] == "" and lines[2].split(";")[2:5] == ["1000000000", "", "-1000000000"]
    assert lines[4].split(";")[5] == "-15,3846153846"
    csv_lines = exports.table_payload("csv", table.frame, p, lang, table.formats).decode().splitlines()
    assert next(csv.reader([csv_lines[6]]))[5] == "-20.8" and next(csv.reader([csv_lines[1]]))[5] == ""


def test_the_workbook_keeps_the_share_as_a_ratio_under_a_percent_format(ds):
    table, rows = change_table(ds, "en")
    data = exports.table_payload("xlsx", table.frame, prov(ds, rows), "en", table.formats)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    assert sheet["F1"].value == "Change (%)"
    assert sheet["F2"].value is None                       # the new grant
    assert sheet["F3"].value is None and sheet["D3"].value is None and sheet["C3"].value == 1_000_000_000
    assert sheet["F7"].value == pytest.approx(-0.208)
    assert sheet["F7"].number_format == "+0.0%;-0.0%;0.0%"  # Excel shows -20.8%


def test_only_share_columns_are_scaled_and_the_callers_table_is_left_alone(ds):
    table = pd.DataFrame({"Namn": ["a", "b"], "Andel (%)": [0.25, 0.0001234], "Belopp (kr)": [10, 20],
                          "Kvot": [0.5, 0.25]})
    kinds = {"Andel (%)": "percent", "Belopp (kr)": "money"}
    p = prov(ds, ds.view.head(2))
    back = pd.read_csv(io.BytesIO(exports.table_payload("csv", table, p, "sv", kinds)))
    assert back["Andel (%)"].tolist() == [25.0, 0.01234]
    assert back["Belopp (kr)"].tolist() == [10, 20] and back["Kvot"].tolist() == [0.5, 0.25]  # not a share kind
    assert table["Andel (%)"].tolist() == [0.25, 0.0001234]
