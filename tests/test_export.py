"""Downloads: every format read back gives the curated values and types; formulas are defused; names say what."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime

import openpyxl
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from funding import datapackage, export
from funding.model import EXPORT_COLUMNS

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=export.TIMEZONE)
DAY = "2026-11-25"
TEXT_COLUMNS = [c for c in export.DOWNLOAD_COLUMNS
                if c not in ("year", "amount_sek", "population", "sek_per_capita")]


def prov_for(ds, view, filters=None):
    return export.provenance(ds, view, filters or {}, now=NOW)


def expected(view: pd.DataFrame) -> pd.DataFrame:
    return export.download_frame(view).reset_index(drop=True)


def normalise(back: pd.DataFrame) -> pd.DataFrame:
    """Read-back frame -> the download frame's dtypes. Integers must already be integers, not text or float."""
    assert back["year"].dtype == "int64", back["year"].dtype
    assert back["amount_sek"].dtype == "int64", back["amount_sek"].dtype
    assert pd.api.types.is_numeric_dtype(back["population"]) and pd.api.types.is_float_dtype(back["sek_per_capita"])
    out = back.loc[:, list(export.DOWNLOAD_COLUMNS)].copy()
    pop = out["population"]
    assert (pop.dropna() % 1 == 0).all()
    out["population"] = pop.astype("Float64").astype("Int64")
    out["sek_per_capita"] = out["sek_per_capita"].astype("Float64")
    for col in TEXT_COLUMNS:
        out[col] = out[col].fillna("").astype(str)
    return out.reset_index(drop=True)


def assert_same(back: pd.DataFrame, view: pd.DataFrame) -> None:
    want = expected(view)
    for col in TEXT_COLUMNS:
        want[col] = want[col].astype(str)
    assert_frame_equal(normalise(back), want, check_dtype=False, check_exact=True)
    # check_dtype=False only because "str" and object are both text; the numbers were checked in normalise.
    got = normalise(back)
    assert got["amount_sek"].sum() == view["amount_sek"].sum()


def unlabel(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = frame.copy()
    for col, labels in export.VALUE_LABELS[lang].items():
        out[col] = out[col].map({v: k for k, v in labels.items()})
        assert out[col].notna().all(), col
    return out


def read_excel_csv(data: bytes) -> pd.DataFrame:
    back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig", keep_default_na=False,
                       na_values={"Befolkning": [""], "Kr per invånare": [""]},
                       dtype={"Länskod": str, "Befolkningsdatum": str})
    back = back.rename(columns={v: k for k, v in export.HEADERS["sv"].items()})
    return unlabel(back, "sv")


def read_standard_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), keep_default_na=False,
                       na_values={"population": [""], "sek_per_capita": [""]},
                       dtype={"region_code": str, "population_date": str})


def read_xlsx(data: bytes, lang: str = "sv") -> pd.DataFrame:
    back = pd.read_excel(io.BytesIO(data), sheet_name=0, dtype={export.HEADERS[lang]["region_code"]: str})
    back = back.rename(columns={v: k for k, v in export.HEADERS[lang].items()})
    dates = back["population_date"]
    assert pd.api.types.is_datetime64_any_dtype(dates)
    back["population_date"] = dates.dt.strftime("%Y-%m-%d").fillna("")
    return unlabel(back, lang)


def read_package_csv(data: bytes) -> tuple[pd.DataFrame, dict, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert sorted(zf.namelist()) == ["README.md", "data.csv", "datapackage.json"]
        desc = json.loads(zf.read("datapackage.json"))
        return read_standard_csv(zf.read("data.csv")), desc, zf.read("README.md").decode("utf-8")


# Round trips ----------------------------------------------------------------------------------------------


def test_standard_csv_round_trip_with_provenance_columns(ds):
    view = ds.view
    data = export.to_csv(view, prov_for(ds, view, {"year": [2025, 2026], "region": []}))
    assert not data.startswith(b"\xef\xbb\xbf") and data.endswith(b"\r\n")
    assert data.count(b"\r\n") == len(view) + 1
    back = read_standard_csv(data)
    assert list(back.columns) == [*EXPORT_COLUMNS, "recipient", "estimate_method", "dataset_version", "filters"]
    assert set(back["dataset_version"]) == {ds.version}
    assert set(back["filters"]) == {"year=2025,2026"}
    assert_same(back, view)
    vg = back[(back["year"] == 2025) & (back["region_code"] == "14") & (back["stream_id"] == "pv-regioner")]
    assert vg["amount_sek"].tolist() == [vg_pv_2025(ds)]


def vg_pv_2025(ds) -> int:
    v = ds.view
    row = v[(v["year"] == 2025) & (v["region_code"] == "14") & (v["stream_id"] == "pv-regioner")]
    assert len(row) == 1
    return int(row["amount_sek"].iloc[0])


def test_contract_csv_without_provenance_is_exactly_the_contract(ds):
    back = pd.read_csv(io.BytesIO(export.to_csv(ds.view)), keep_default_na=False, dtype=str)
    assert list(back.columns) == list(EXPORT_COLUMNS)


def test_excel_csv_bytes_are_what_swedish_excel_expects(ds):
    view = ds.view[ds.view["region_code"].isin(["14", "18"]) | (ds.view["region_code"] == "")]
    data = export.to_excel_csv(view, prov_for(ds, view, {"region": ["14", "18"]}))
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    lines = text.split("\r\n")
    assert lines[0].split(";")[:4] == ["År", "Länskod", "Region", "Mottagarnivå"]
    assert lines[0].endswith(";Datasetversion;Filter")
    assert lines[-1] == "" and len(lines) == len(view) + 2
    # Whole kronor with no separator (Excel would read "1 234" as text) and a decimal comma.
    first = dict(zip(lines[0].split(";"), next(line for line in lines[1:] if ";14;" in line).split(";"), strict=True))
    assert first["Belopp (kr)"].isdigit()
    assert "," in first["Kr per invånare"] and "." not in first["Kr per invånare"]
    assert "Västra Götaland" in text and "Örebro" in text and "länsgemensamt" in text and "skattat" in text


def test_excel_csv_round_trip(ds):
    view = ds.view
    back = read_excel_csv(export.to_excel_csv(view, prov_for(ds, view)))
    assert set(back["dataset_version"]) == {ds.version}
    assert set(back["filters"]) == {export.NO_FILTERS["sv"]}
    assert_same(back, view)
    assert {"Västra Götaland", "Jönköping", "Örebro", "Skåne", "Södermanland"} <= set(back["region_name"])


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_xlsx_round_trip_and_number_formats(ds, lang):
    view = ds.view[ds.view["year"].isin([2025, 2026])]
    data = export.payload("xlsx", view, prov_for(ds, view, {"year": ["2025", "2026"]}), lang)
    assert_same(read_xlsx(data, lang), view)

    wb = openpyxl.load_workbook(io.BytesIO(data))
    sheet = wb.worksheets[0]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    col = {name: header.index(export.HEADERS[lang][name]) for name in export.DOWNLOAD_COLUMNS}
    row = next(r for r in sheet.iter_rows(min_row=2) if r[col["region_code"]].value == "14"
               and r[col["stream_id"]].value == "pv-regioner" and r[col["year"]].value == 2025)
    amount = row[col["amount_sek"]]
    assert amount.value == vg_pv_2025(ds) and amount.data_type == "n" and amount.number_format == "#,##0"
    assert row[col["sek_per_capita"]].number_format == "#,##0.00"
    assert row[col["population_date"]].number_format == "yyyy-mm-dd"
    assert row[col["region_code"]].data_type == "s"


def test_xlsx_about_sheet_lists_version_filters_sources_and_keys(ds):
    view = ds.view[ds.view["region_code"] == "14"]
    data = export.payload("xlsx", view, prov_for(ds, view, {"region": ["14"], "status": ["decided", "estimated"]}))
    about = openpyxl.load_workbook(io.BytesIO(data))["Om datan"]
    cells = {str(c.value) for r in about.iter_rows() for c in r if c.value is not None}
    assert ds.version in cells and DAY in cells and "region=14; status=decided,estimated" in cells
    assert any(c.startswith("CC0-1.0") for c in cells)
    used = ds.sources[ds.sources["source_id"].isin(set(view["source_id"]))]
    for src in used.itertuples():
        assert src.title in cells
        if isinstance(src.diarienummer, str):
            assert src.diarienummer in cells
    assert "S2025/00397" in cells  # the primary care decision, behind the 2025 and 2026 rows of region 14
    keys = set(ds.streams.loc[ds.streams["stream_id"].isin(set(view["stream_id"])), "key_sv"].dropna())
    assert keys and keys <= cells
    assert any("skattat" in c for c in cells) and any("länsgemensamt" in c for c in cells)


def test_datapackage_round_trip_and_descriptor(ds):
    view = ds.view[ds.view["year"] == 2026]
    data = export.payload("datapackage", view, prov_for(ds, view, {"year": ["2026"]}), "sv")
    back, desc, readme = read_package_csv(data)
    assert_same(back, view)
    assert datapackage.validate(data) == []

    res = desc["resources"][0]
    fields = res["schema"]["fields"]
    assert [f["name"] for f in fields] == list(export.DOWNLOAD_COLUMNS)
    assert all(f["description"] for f in fields)
    types = {f["name"]: f["type"] for f in fields}
    assert types["amount_sek"] == "integer" and types["sek_per_capita"] == "number" and types["year"] == "year"
    assert types["population_date"] == "date" and types["region_code"] == "string"
    assert {f["name"]: f.get("unit") for f in fields}["amount_sek"] == "SEK"
    assert res["schema"]["primaryKey"] == ["year", "stream_id", "recipient"]
    assert res["rows"] == len(view)
    assert desc["licenses"][0]["name"] == "CC0-1.0"
    assert desc["dataset_version"] == ds.version and desc["filters"] == {"year": ["2026"]}
    assert {s["source_id"] for s in desc["sources"]} == set(view["source_id"])
    titles = dict(zip(ds.sources["source_id"], ds.sources["title"], strict=True))
    assert all(s["title"] == titles[s["source_id"]] for s in desc["sources"])

    assert ds.version in readme and "year=2026" in readme and DAY in readme
    assert "skattat" in readme and "aviserat" in readme and "länsgemensamt" in readme and "CC0" in readme


def test_datapackage_readme_in_english(ds):
    view = ds.view
    _, _, readme = read_package_csv(export.payload("datapackage", view, prov_for(ds, view), "en"))
    assert "How to cite" in readme and "estimated" in readme and "announced" in readme and "county-joint" in readme


# The validator is real: it catches what it should. ---------------------------------------------------------


def _repack(data: bytes, **replace: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, replace.get(name.replace(".", "_"), src.read(name)))
    return out.getvalue()


def _without_size_checks(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        desc = json.loads(zf.read("datapackage.json"))
    for key in ("bytes", "hash", "rows"):
        desc["resources"][0].pop(key)
    return _repack(data, datapackage_json=json.dumps(desc).encode())


def test_validator_catches_bad_packages(ds):
    view = ds.view[ds.view["year"] == 2025]
    good = export.payload("datapackage", view, prov_for(ds, view))
    with zipfile.ZipFile(io.BytesIO(good)) as zf:
        csv_text = zf.read("data.csv").decode()
    lines = csv_text.splitlines()

    tampered = _repack(good, data_csv=(csv_text.replace(",decided,", ",maybe,", 1)).encode())
    assert any("hash does not match" in e for e in datapackage.validate(tampered))

    loose = _without_size_checks(good)
    assert datapackage.validate(loose) == []
    duplicate = _repack(loose, data_csv=("\n".join([*lines, lines[1]]) + "\n").encode())
    assert any("primary key" in e for e in datapackage.validate(duplicate))
    bad_status = _repack(loose, data_csv=csv_text.replace(",decided,", ",maybe,", 1).encode())
    assert any("'maybe' not in" in e for e in datapackage.validate(bad_status))
    bad_amount = _repack(loose, data_csv=csv_text.replace(lines[1], lines[1].replace(",decided,", ",decided,x"), 1)
                         .encode())
    assert any("amount_sek" in e and "not a valid integer" in e for e in datapackage.validate(bad_amount))
    no_source = lines[1].rsplit(",", 3)
    missing = _repack(loose, data_csv=csv_text.replace(lines[1], ",".join([no_source[0], "", *no_source[2:]]), 1)
                      .encode())
    assert any("source_id: required value missing" in e for e in datapackage.validate(missing))
    bad_header = _repack(loose, data_csv=csv_text.replace("amount_sek", "amount", 1).encode())
    assert any("header" in e for e in datapackage.validate(bad_header))


def test_validator_checks_the_descriptor():
    assert datapackage.validate_descriptor({"name": "Bad Name", "resources": []})
    errors = datapackage.validate_descriptor({
        "name": "x", "licenses": [{"name": "CC0-1.0"}],
        "resources": [{"name": "r", "path": "d.csv", "schema": {"fields": [{"name": "a", "type": "money"}],
                                                                 "primaryKey": ["b"]}}]})
    assert any("unknown type 'money'" in e for e in errors) and any("primaryKey" in e for e in errors)


# Formula injection ----------------------------------------------------------------------------------------

HOSTILE = ["=1+1", "-cmd", "@SUM(A1:A2)", "\tx", "+46 8 123", "\rfoo"]


@pytest.fixture
def hostile_view(ds) -> pd.DataFrame:
    view = ds.view[ds.view["stream_id"] == "pv-regioner"].head(len(HOSTILE)).copy()
    view["grant_name"] = HOSTILE
    view.loc[view.index[1], "recipient"] = "=HYPERLINK(\"http://x\")"
    view["amount_sek"] = [-5, 0, 7, 1, 2, 3]
    view["sek_per_capita"] = pd.array([-1.25, 0.5, None, 1, 2, 3], dtype="Float64")
    return view.reset_index(drop=True)


def test_neutralise_only_touches_dangerous_text():
    assert [export.neutralise(v) for v in HOSTILE] == ["'" + v for v in HOSTILE]
    assert export.neutralise("Västra Götaland") == "Västra Götaland"
    assert export.neutralise(-5) == -5 and export.neutralise(-1.5) == -1.5
    assert export.neutralise("a=1") == "a=1"


def _dangerous(text: str) -> bool:
    return text.startswith(export.FORMULA_PREFIXES)


def test_csvs_defuse_formulas_and_keep_negative_numbers(ds, hostile_view):
    prov = prov_for(ds, hostile_view)
    for back in (read_excel_csv(export.to_excel_csv(hostile_view, prov)),
                 read_standard_csv(export.to_csv(hostile_view, prov))):
        assert back["grant_name"].tolist() == ["'" + v for v in HOSTILE]
        assert back["recipient"][1] == "'=HYPERLINK(\"http://x\")"
        assert back["amount_sek"].dtype == "int64" and back["amount_sek"].tolist() == [-5, 0, 7, 1, 2, 3]
        assert back["sek_per_capita"][0] == -1.25 and pd.isna(back["sek_per_capita"][2])
        for col in back.columns:
            if back[col].dtype != "int64" and not pd.api.types.is_float_dtype(back[col]):
                assert not back[col].astype(str).map(_dangerous).any(), col
    raw = export.to_excel_csv(hostile_view, prov).decode("utf-8-sig")
    assert ";-5;" in raw and ";-1,25;" in raw


def test_xlsx_never_holds_a_formula(ds, hostile_view):
    data = export.payload("xlsx", hostile_view, prov_for(ds, hostile_view, {"grant": ["=evil"]}))
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not _dangerous(cell.value), (sheet.title, cell.coordinate, cell.value)
    back = read_xlsx(data)
    # XML reads a CR in a cell as LF (Excel's own in-cell line break); the cell is defused all the same.
    assert back["grant_name"].tolist() == ["'" + v.replace("\r", "\n") for v in HOSTILE]
    assert back["amount_sek"].tolist() == [-5, 0, 7, 1, 2, 3] and back["amount_sek"].dtype == "int64"
    assert back["sek_per_capita"][0] == -1.25


def test_datapackage_defuses_formulas_and_still_validates(ds, hostile_view):
    data = export.payload("datapackage", hostile_view, prov_for(ds, hostile_view))
    back, _, _ = read_package_csv(data)
    assert back["grant_name"].tolist() == ["'" + v for v in HOSTILE]
    assert back["amount_sek"].tolist() == [-5, 0, 7, 1, 2, 3]
    assert datapackage.validate(data) == []


# File names -----------------------------------------------------------------------------------------------


def test_file_names_say_years_regions_and_date(ds):
    v, codes = ds.view, ds.region_codes

    def name(fmt, rows):
        return export.file_name(fmt, rows, DAY, codes)

    vg = v[(v["region_code"] == "14") & v["year"].isin([2025, 2026])]
    assert name("excel-csv", vg) == "statsbidrag-psykisk-halsa_2025-2026_region-14_2026-11-25.csv"
    assert name("csv", vg) == "statsbidrag-psykisk-halsa_2025-2026_region-14_2026-11-25_standard.csv"
    assert name("xlsx", vg) == "statsbidrag-psykisk-halsa_2025-2026_region-14_2026-11-25.xlsx"
    assert name("datapackage", vg) == "statsbidrag-psykisk-halsa_2025-2026_region-14_2026-11-25.zip"
    assert name("excel-csv", v) == "statsbidrag-psykisk-halsa_2023-2028_alla-regioner_2026-11-25.csv"
    assert name("xlsx", v[v["year"] == 2025]) == "statsbidrag-psykisk-halsa_2025_alla-regioner_2026-11-25.xlsx"
    two = v[v["region_code"].isin(["01", "14"]) & v["year"].isin([2023, 2025])]
    assert name("csv", two) == "statsbidrag-psykisk-halsa_2023+2025_regioner-01-14_2026-11-25_standard.csv"
    many = v[v["region_code"].isin(codes[:6]) & (v["year"] == 2026)]
    assert name("excel-csv", many) == "statsbidrag-psykisk-halsa_2026_6-regioner_2026-11-25.csv"
    assert name("csv", v.iloc[0:0]) == "statsbidrag-psykisk-halsa_inga-ar_alla-regioner_2026-11-25_standard.csv"
    with pytest.raises(ValueError, match="unknown format"):
        name("pdf", v)


def test_filters_text_and_normalisation():
    spec = export.normalise_filters({"year": [2025, 2026], "region": [], "lang": "en", "status": ""})
    assert spec == (("year", ("2025", "2026")), ("lang", ("en",)))
    assert export.filters_text(spec) == "year=2025,2026; lang=en"
    assert export.filters_text(()) == "no filters (the whole dataset)"
    assert export.filters_text((), "sv") == "inga filter (hela datasetet)"


def test_empty_view_downloads_a_header_only(ds):
    empty = ds.view.iloc[0:0]
    prov = prov_for(ds, empty)
    assert read_standard_csv(export.to_csv(empty, prov)).empty
    assert read_excel_csv(export.to_excel_csv(empty, prov)).empty
    data = export.payload("datapackage", empty, prov)
    assert datapackage.validate(data) == []
    assert openpyxl.load_workbook(io.BytesIO(export.payload("xlsx", empty, prov))).worksheets[0].max_row == 1
