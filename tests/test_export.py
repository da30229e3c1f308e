"""Downloads of the tidy rows: every format read back gives the curated values and types, in the language chosen;
formulas are defused; file names say what the file holds.

The data package is validated with the frictionless library in tests/test_exports_datapackage.py, the
chart-table downloads are tested in tests/test_exports_tables.py.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import zipfile
from datetime import datetime

import openpyxl
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from funding import dataset, exports, paths
from funding.dataset import EXPORT_COLUMNS
from funding.exports import common
from funding.vocabulary import CHANNELS, LEVELS, STATUSES

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=common.TIMEZONE)
DAY = "2026-11-25"
LANGS = ("sv", "en")
NUMERIC = ("year", "amount_sek", "population", "sek_per_capita")
TEXT_COLUMNS = [c for c in common.DOWNLOAD_COLUMNS if c not in NUMERIC]
HEADERS = {lang: {col: common.header(col, lang) for col in (*common.DOWNLOAD_COLUMNS, *common.PROVENANCE_COLUMNS)}
           for lang in LANGS}
LABELS = {lang: {col: {code: common.value_label(col, code, lang) for code in codes}
                 for col, codes in common.CODED.items()} for lang in LANGS}


# What the sources print, read from the transcriptions themselves (not from the curated data under test) -------

def raw_table(name: str) -> pd.DataFrame:
    return pd.read_csv(paths.raw_dir() / "tables" / name, dtype=str, keep_default_na=False)


def raw_pv2025(region_as_printed: str = "Västra Götaland") -> int:
    """The 2025 primary-care grant to one region, as printed in the annex to S2025/00397."""
    annex = raw_table("pv2025_bilaga.csv")
    return int(annex.loc[annex["region_as_printed"] == region_as_printed, "amount_sek"].item())


def raw_name(file: str, id_col: str, ident: str, lang: str, year: int | None = None) -> str:
    table = pd.read_csv(paths.raw_dir() / file, dtype=str, keep_default_na=False)
    row = table.loc[table[id_col] == ident]
    if year is not None:
        row = row.loc[row["year"] == str(year)]
    return row[f"name_{lang}"].iloc[-1]


# Reading the files back as their users would ---------------------------------------------------------------

def prov_for(ds, view, filters=None):
    return exports.provenance(ds, view, filters or {}, now=NOW)


def expected(view: pd.DataFrame, lang: str) -> pd.DataFrame:
    return common.download_frame(view, None, lang).reset_index(drop=True)


def normalise(back: pd.DataFrame) -> pd.DataFrame:
    """Read-back frame -> the download frame's dtypes. Integers must already be integers, not text or float."""
    assert back["year"].dtype == "int64", back["year"].dtype
    assert back["amount_sek"].dtype == "int64", back["amount_sek"].dtype
    assert pd.api.types.is_numeric_dtype(back["population"]) and pd.api.types.is_float_dtype(back["sek_per_capita"])
    out = back.loc[:, list(common.DOWNLOAD_COLUMNS)].copy()
    pop = out["population"]
    assert (pop.dropna() % 1 == 0).all()
    out["population"] = pop.astype("Float64").astype("Int64")
    out["sek_per_capita"] = out["sek_per_capita"].astype("Float64")
    for col in TEXT_COLUMNS:
        out[col] = out[col].fillna("").astype(str)
    return out.reset_index(drop=True)


def assert_same(back: pd.DataFrame, view: pd.DataFrame, lang: str) -> None:
    want = expected(view, lang)
    for col in TEXT_COLUMNS:
        want[col] = want[col].astype(str)
    got = normalise(back)
    # check_dtype=False only because "str" and object are both text; the numbers were checked in normalise.
    assert_frame_equal(got, want, check_dtype=False, check_exact=True)
    assert got["amount_sek"].sum() == view["amount_sek"].sum()


@functools.cache
def focus_names(lang: str) -> dict[str, str]:
    """focus_id -> its name in `lang`, from the curated focus areas."""
    areas = dataset.load().focus_areas
    return dict(zip(areas["focus_id"], areas["name_en" if lang == "en" else "name_sv"], strict=True))


def unlabel(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Words back to codes ('skattat' -> 'estimated', 'Barn och unga' -> 'barn-unga'); every cell of a coded
    column must be a known word."""
    out = frame.copy()
    for col, labels in (*LABELS[lang].items(), ("focus_area", focus_names(lang))):
        out[col] = out[col].map({v: k for k, v in labels.items()})
        assert out[col].notna().all(), col
    return out


def from_headers(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return frame.rename(columns={v: k for k, v in HEADERS[lang].items()})


def read_excel_csv(data: bytes, lang: str = "sv") -> pd.DataFrame:
    h = HEADERS[lang]
    back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig", keep_default_na=False,
                       na_values={h["population"]: [""], h["sek_per_capita"]: [""]},
                       dtype={h["region_code"]: str, h["population_date"]: str})
    return unlabel(from_headers(back, lang), lang)


def read_standard_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), keep_default_na=False,
                       na_values={"population": [""], "sek_per_capita": [""]},
                       dtype={"region_code": str, "population_date": str})


def read_xlsx(data: bytes, lang: str = "sv") -> pd.DataFrame:
    back = from_headers(pd.read_excel(io.BytesIO(data), sheet_name=0, dtype={HEADERS[lang]["region_code"]: str}),
                        lang)
    dates = back["population_date"]
    assert pd.api.types.is_datetime64_any_dtype(dates)
    back["population_date"] = dates.dt.strftime("%Y-%m-%d").fillna("")
    return unlabel(back, lang)


def read_package_csv(data: bytes) -> tuple[pd.DataFrame, dict, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert sorted(zf.namelist()) == ["README.md", "data.csv", "datapackage.json"]
        desc = json.loads(zf.read("datapackage.json"))
        return read_standard_csv(zf.read("data.csv")), desc, zf.read("README.md").decode("utf-8")


def vg_pv_2025(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[(frame["year"] == 2025) & (frame["region_code"] == "14") & (frame["stream_id"] == "pv-regioner")]


# The vocabulary of the spreadsheets ------------------------------------------------------------------------


def test_coded_columns_have_one_distinct_word_per_code_in_each_language(ds):
    assert common.CODED == {"status": STATUSES, "recipient_level": LEVELS, "channel": CHANNELS,
                            "basis": ("printed", "estimated", "rest")}
    for lang in LANGS:
        for col, labels in LABELS[lang].items():
            words = list(labels.values())
            assert len(set(words)) == len(words), (lang, col)  # invertible: a reader can tell codes apart
            assert all(isinstance(w, str) and w for w in words), (lang, col)
            # Every code the data use has a word, so no raw code leaks into a Swedish spreadsheet.
            assert set(ds.view[col]) <= set(labels), (lang, col)
    assert LABELS["sv"]["status"] == {"decided": "beslutat", "estimated": "skattat", "announced": "aviserat"}
    assert LABELS["sv"]["recipient_level"]["county"] == "länsgemensamt"
    assert LABELS["en"]["recipient_level"]["county"] == "county-joint"
    assert LABELS["sv"]["basis"]["rest"] == "rest av tryckt total"
    assert common.value_label("status", "maybe", "sv") == "maybe"  # unknown values pass through unchanged


def test_headers_are_words_in_both_languages():
    assert [HEADERS["sv"][c] for c in ("year", "region_code", "amount_sek", "basis", "dataset_version")] == \
        ["År", "Länskod", "Belopp (kr)", "Grund", "Datasetversion"]
    assert [HEADERS["en"][c] for c in ("year", "region_code", "amount_sek", "basis", "dataset_version")] == \
        ["Year", "Region code", "Amount (SEK)", "Basis", "Dataset version"]
    for lang in LANGS:
        assert len(set(HEADERS[lang].values())) == len(HEADERS[lang]), lang


# Round trips ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_standard_csv_round_trip_with_provenance_columns(ds, lang):
    view = ds.view
    data = exports.payload("csv", view, prov_for(ds, view, {"year": [2025, 2026], "region": []}), lang)
    assert not data.startswith(b"\xef\xbb\xbf") and data.endswith(b"\r\n")
    assert data.count(b"\r\n") == len(view) + 1
    back = read_standard_csv(data)
    assert list(back.columns) == [*EXPORT_COLUMNS, "recipient", "estimate_method", "basis", "dataset_version",
                                  "filters"]
    assert len(back) == len(ds.allocations) == 283
    assert set(back["dataset_version"]) == {ds.version}
    assert set(back["filters"]) == {"year=2025,2026"}
    assert_same(back, view, lang)
    # Codes stay codes in the standard CSV (it is for scripts), in either language.
    assert set(back["status"]) == set(STATUSES) and set(back["basis"]) == {"printed", "estimated", "rest"}
    assert vg_pv_2025(back)["amount_sek"].tolist() == [raw_pv2025()]


def test_to_csv_defaults_to_english_names_and_payload_to_swedish(ds):
    view = ds.view[ds.view["grant_id"] == "psykiatri-vuxna"]
    prov = prov_for(ds, view)
    english = read_standard_csv(exports.tabular.to_csv(view, prov))
    swedish = read_standard_csv(exports.payload("csv", view, prov))
    assert set(english["grant_name"]) == {raw_name("grants.csv", "grant_id", "psykiatri-vuxna", "en", 2026)}
    assert set(swedish["grant_name"]) == {raw_name("grants.csv", "grant_id", "psykiatri-vuxna", "sv", 2026)}


def test_an_unknown_language_downloads_in_swedish(ds):
    view = ds.view[ds.view["grant_id"] == "psykiatri-vuxna"]
    prov = prov_for(ds, view)
    for fmt in ("csv", "excel-csv"):
        assert exports.payload(fmt, view, prov, "de") == exports.payload(fmt, view, prov, "sv"), fmt
    assert exports.payload("csv", view, prov, "de") != exports.payload("csv", view, prov, "en")


def test_contract_csv_without_provenance_is_exactly_the_contract(ds):
    back = pd.read_csv(io.BytesIO(exports.tabular.to_csv(ds.view)), keep_default_na=False, dtype=str)
    assert list(back.columns) == list(EXPORT_COLUMNS)
    assert len(back) == len(ds.allocations)
    contract = common.contract_frame(ds.view, "sv")
    assert list(contract.columns) == list(EXPORT_COLUMNS) and contract["amount_sek"].dtype == "int64"


def test_excel_csv_bytes_are_what_swedish_excel_expects(ds):
    view = ds.view[ds.view["region_code"].isin(["14", "18"]) | (ds.view["region_code"] == "")]
    data = exports.payload("excel-csv", view, prov_for(ds, view, {"region": ["14", "18"]}), "sv")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    lines = text.split("\r\n")
    assert lines[0].split(";") == [HEADERS["sv"][c] for c in (*common.DOWNLOAD_COLUMNS, *common.PROVENANCE_COLUMNS)]
    assert lines[0].split(";")[:4] == ["År", "Länskod", "Region", "Mottagarnivå"]
    assert lines[0].endswith(";Skattningsmetod;Grund;Datasetversion;Filter")
    assert lines[-1] == "" and len(lines) == len(view) + 2
    # Whole kronor with no separator (Excel would read "1 234" as text) and a decimal comma.
    records = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(records) == len(view) + 1
    cells = [dict(zip(records[0], record, strict=True)) for record in records[1:]]
    vg = next(c for c in cells if c["Länskod"] == "14" and c["Delpost-id"] == "pv-regioner" and c["År"] == "2025")
    assert vg["Belopp (kr)"] == str(raw_pv2025())
    assert "," in vg["Kr per invånare"] and "." not in vg["Kr per invånare"]
    assert vg["Status"] == "beslutat" and vg["Grund"] == "tryckt belopp" and vg["Mottagarnivå"] == "regionerna"
    assert {"Västra Götaland", "Örebro"} <= {c["Region"] for c in cells}
    for word in ("länsgemensamt", "skattat", "aviserat", "skattning", "rest av tryckt total", "kommunerna", "SKR"):
        assert f";{word};" in text, word
    assert set(c["Filter"] for c in cells) == {"region=14,18"}


def test_excel_csv_in_english_has_english_headers_words_and_names(ds):
    view = ds.view[(ds.view["year"] == 2026) & (ds.view["region_code"].isin(["14", ""]))]
    data = exports.payload("excel-csv", view, prov_for(ds, view, {"year": ["2026"]}), "en")
    text = data.decode("utf-8-sig")
    header = text.split("\r\n")[0].split(";")
    assert header[:4] == ["Year", "Region code", "Region", "Recipient level"]
    assert header[-5:] == ["Recipient", "Estimate method", "Basis", "Dataset version", "Filters"]
    back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig", keep_default_na=False,
                       dtype={"Region code": str})
    assert {"decided", "estimated", "announced"} == set(back["Status"])
    assert {"printed amount", "estimate"} <= set(back["Basis"])
    assert "state–SKR agreement" in set(back["Channel"]) and "agency" in set(back["Recipient level"])
    psych = back[back["Grant id"] == "psykiatri-vuxna"]
    assert set(psych["Grant"]) == {raw_name("grants.csv", "grant_id", "psykiatri-vuxna", "en", 2026)}
    pv = back[(back["Stream id"] == "pv-regioner") & (back["Region code"] == "14")]
    assert pv["Stream"].tolist() == [raw_name("streams.csv", "stream_id", "pv-regioner", "en")]
    estimates = pd.read_csv(paths.raw_dir() / "estimates.csv", dtype=str)
    method = estimates.loc[estimates["stream_id"] == "pv-regioner", "method_en"].tolist()
    assert pv["Estimate method"].tolist() == method and len(method) == 1
    assert "beslutat" not in text and "Skattningsmetod" not in text


@pytest.mark.parametrize("fmt", ["excel-csv", "xlsx"])
def test_the_spreadsheets_name_focus_areas_in_their_language(ds, fmt):
    """'Focus area' held the Swedish slugs (komplexa-behov, ej-fordelat) in English and in Swedish alike."""
    view = ds.view[ds.view["year"].isin([2025, 2026])]
    p = prov_for(ds, view)
    for lang, names in (("sv", {"komplexa-behov": "Komplexa behov och samsjuklighet",
                                "vardkapacitet": "Vårdkapacitet i psykiatrin",
                                "ej-fordelat": "Ej fördelat på fokusområde"}),
                        ("en", {"komplexa-behov": "Complex needs and co-morbidity",
                                "vardkapacitet": "Psychiatric care capacity",
                                "ej-fordelat": "Not broken down by focus area"})):
        data = exports.payload(fmt, view, p, lang)
        if fmt == "xlsx":
            back = pd.read_excel(io.BytesIO(data), sheet_name=0, dtype=str)
        else:
            back = pd.read_csv(io.BytesIO(data), sep=";", encoding="utf-8-sig", dtype=str)
        focus, stream = HEADERS[lang]["focus_area"], HEADERS[lang]["stream_id"]
        assert focus == ("Fokusområde" if lang == "sv" else "Focus area")
        got = dict(zip(back[stream], back[focus], strict=False))
        want = view.drop_duplicates("stream_id").set_index("stream_id")["focus_area"].map(focus_names(lang))
        assert got == want.to_dict()
        assert set(names.values()) <= set(back[focus])
        assert not set(back[focus]) & set(focus_names(lang))  # no slug left
    standard = pd.read_csv(io.BytesIO(exports.payload("csv", view, p, "en")))
    assert set(standard["focus_area"]) <= set(focus_names("en"))  # the contract's code, as grant_id and status


@pytest.mark.parametrize("lang", LANGS)
def test_excel_csv_round_trip(ds, lang):
    view = ds.view
    back = read_excel_csv(exports.payload("excel-csv", view, prov_for(ds, view), lang), lang)
    assert set(back["dataset_version"]) == {ds.version}
    assert set(back["filters"]) == {common.filters_text((), lang)}
    assert_same(back, view, lang)
    assert {"Västra Götaland", "Jönköping", "Örebro", "Skåne", "Södermanland"} <= set(back["region_name"])
    assert vg_pv_2025(back)["amount_sek"].tolist() == [raw_pv2025()]


@pytest.mark.parametrize("lang", LANGS)
def test_xlsx_round_trip_and_number_formats(ds, lang):
    view = ds.view[ds.view["year"].isin([2025, 2026])]
    data = exports.payload("xlsx", view, prov_for(ds, view, {"year": ["2025", "2026"]}), lang)
    assert_same(read_xlsx(data, lang), view, lang)

    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == (["Data", "Om datan"] if lang == "sv" else ["Data", "About"])
    sheet = wb.worksheets[0]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert header == [HEADERS[lang][c] for c in common.DOWNLOAD_COLUMNS]
    col = {name: header.index(HEADERS[lang][name]) for name in common.DOWNLOAD_COLUMNS}
    row = next(r for r in sheet.iter_rows(min_row=2) if r[col["region_code"]].value == "14"
               and r[col["stream_id"]].value == "pv-regioner" and r[col["year"]].value == 2025)
    amount = row[col["amount_sek"]]
    assert amount.value == raw_pv2025() and amount.data_type == "n" and amount.number_format == "#,##0"
    assert row[col["sek_per_capita"]].number_format == "#,##0.00"
    assert row[col["population_date"]].number_format == "yyyy-mm-dd"
    assert row[col["region_code"]].data_type == "s"
    assert row[col["status"]].value == LABELS[lang]["status"]["decided"]
    assert row[col["basis"]].value == LABELS[lang]["basis"]["printed"]


@pytest.mark.parametrize("lang", LANGS)
def test_datapackage_round_trip(ds, lang):
    view = ds.view[ds.view["year"] == 2026]
    back, desc, readme = read_package_csv(exports.payload("datapackage", view, prov_for(ds, view, {"year": ["2026"]}),
                                                          lang))
    assert list(back.columns) == list(common.DOWNLOAD_COLUMNS)  # the provenance is in the descriptor instead
    assert_same(back, view, lang)
    assert desc["dataset_version"] == ds.version and desc["filters"] == {"year": ["2026"]}
    assert desc["resources"][0]["rows"] == len(view) and ds.version in readme


def test_xlsx_about_sheet_lists_version_filters_sources_and_keys(ds):
    view = ds.view[ds.view["region_code"] == "14"]
    data = exports.payload("xlsx", view, prov_for(ds, view, {"region": ["14"], "status": ["decided", "estimated"]}))
    about = openpyxl.load_workbook(io.BytesIO(data))["Om datan"]
    cells = {str(c.value) for r in about.iter_rows() for c in r if c.value is not None}
    assert ds.version in cells and DAY in cells and "region=14; status=decided,estimated" in cells
    assert str(len(view)) in cells
    assert any(c.startswith("CC0-1.0") for c in cells)
    used = ds.sources[ds.sources["source_id"].isin(set(view["source_id"]))]
    assert len(used) == view["source_id"].nunique()
    for src in used.itertuples():
        assert src.title in cells
        if isinstance(src.diarienummer, str):
            assert src.diarienummer in cells
    others = ds.sources[~ds.sources["source_id"].isin(set(view["source_id"]))]
    assert not set(others["title"]) & cells  # only the sources behind these rows
    assert "S2025/00397" in cells  # the primary-care decision, behind the 2025 and 2026 rows of region 14
    keys = set(ds.streams.loc[ds.streams["stream_id"].isin(set(view["stream_id"])), "key_sv"].dropna()) - {""}
    assert keys and keys <= cells
    caveats = [c for c in cells if c.startswith(("Status", "Mottagarnivå", "Grund", "20"))]
    assert any("'skattat'" in c for c in caveats) and any("'länsgemensamt'" in c for c in caveats)
    # Region 14's regional rows of 2023-2024 are the only ones those years: one caveat names both years.
    assert any(c.startswith("2023–2024: per region ger källorna bara Västra Götaland") for c in cells)


def test_xlsx_about_sheet_in_english(ds):
    view = ds.view[ds.view["year"] == 2026]
    wb = openpyxl.load_workbook(io.BytesIO(exports.payload("xlsx", view, prov_for(ds, view, {"year": [2026]}), "en")))
    cells = {str(c.value) for r in wb["About"].iter_rows() for c in r if c.value is not None}
    assert {"State funding for mental health – downloaded selection", "Dataset version (content hash)", "Sources",
            "Allocation keys", "Caveats", "year=2026"} <= cells
    keys = set(ds.streams.loc[ds.streams["stream_id"].isin(set(view["stream_id"])), "key_en"].dropna()) - {""}
    assert keys and keys <= cells
    assert any(c.startswith("Status 'estimated' (Primary care work on mental ill-health 2026)") for c in cells)
    assert not any("skattat" in c or "Att tänka på" in c for c in cells)


# Caveats are phrased from the rows --------------------------------------------------------------------------


def test_caveats_follow_the_rows_and_name_each_grant_by_its_own_name(ds):
    v = ds.view
    decided_2025 = v[(v["year"] == 2025) & (v["status"] == "decided") & (v["basis"] == "printed")
                     & (v["recipient_level"] != "county")]
    text = " ".join(common.caveats(ds, decided_2025, "en"))
    assert "'estimated'" not in text and "'announced'" not in text and "county-joint" not in text
    assert "'rest of a printed total'" not in text and "2024-11-01" in text

    bup = v[v["grant_id"] == "bup-tillganglighet"]
    assert bup["grant_name_en"].nunique() == 3  # renamed: the 2023 and 2024 shares, then the BUP agreement
    by_lang = {lang: common.caveats(ds, bup, lang) for lang in LANGS}
    announced = next(c for c in by_lang["en"] if c.startswith("Status 'announced'"))
    # The announced 2026-2027 money carries the agreement's name of those years, not the 2023 share's.
    assert "Access to child and adolescent psychiatry (BUP) 2026–2027" in announced
    assert "2023 agreement" not in announced
    rest = next(c for c in by_lang["en"] if c.startswith("Basis 'rest of a printed total'"))
    assert "BUP share of the 2024 agreement on access to health care 2024" in rest
    assert any(c.startswith("Status 'aviserat'") for c in by_lang["sv"])


# Formula injection ----------------------------------------------------------------------------------------

HOSTILE = ["=1+1", "-cmd", "@SUM(A1:A2)", "\tx", "+46 8 123", "\rfoo"]


@pytest.fixture
def hostile_view(ds) -> pd.DataFrame:
    view = ds.view[ds.view["stream_id"] == "pv-regioner"].head(len(HOSTILE)).copy()
    view["grant_name"] = HOSTILE
    view["grant_name_en"] = HOSTILE
    view.loc[view.index[1], ["recipient", "recipient_en"]] = "=HYPERLINK(\"http://x\")"
    view["amount_sek"] = [-5, 0, 7, 1, 2, 3]
    view["sek_per_capita"] = pd.array([-1.25, 0.5, None, 1, 2, 3], dtype="Float64")
    return view.reset_index(drop=True)


def test_neutralise_only_touches_dangerous_text():
    assert [common.neutralise(v) for v in HOSTILE] == ["'" + v for v in HOSTILE]
    assert common.neutralise("Västra Götaland") == "Västra Götaland"
    assert common.neutralise(-5) == -5 and common.neutralise(-1.5) == -1.5
    assert common.neutralise("a=1") == "a=1"


def _dangerous(text: str) -> bool:
    return text.startswith(common.FORMULA_PREFIXES)


@pytest.mark.parametrize("lang", LANGS)
def test_csvs_defuse_formulas_and_keep_negative_numbers(ds, hostile_view, lang):
    prov = prov_for(ds, hostile_view)
    for back in (read_excel_csv(exports.payload("excel-csv", hostile_view, prov, lang), lang),
                 read_standard_csv(exports.payload("csv", hostile_view, prov, lang))):
        assert back["grant_name"].tolist() == ["'" + v for v in HOSTILE]
        assert back["recipient"][1] == "'=HYPERLINK(\"http://x\")"
        assert back["amount_sek"].dtype == "int64" and back["amount_sek"].tolist() == [-5, 0, 7, 1, 2, 3]
        assert back["sek_per_capita"][0] == -1.25 and pd.isna(back["sek_per_capita"][2])
        for col in back.columns:
            if back[col].dtype != "int64" and not pd.api.types.is_float_dtype(back[col]):
                assert not back[col].astype(str).map(_dangerous).any(), col
    raw = exports.payload("excel-csv", hostile_view, prov, lang).decode("utf-8-sig")
    assert ";-5;" in raw and ";-1,25;" in raw


def test_xlsx_never_holds_a_formula(ds, hostile_view):
    data = exports.payload("xlsx", hostile_view, prov_for(ds, hostile_view, {"grant": ["=evil"]}))
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


# File names -----------------------------------------------------------------------------------------------


def test_file_names_say_years_regions_and_date(ds):
    v, codes = ds.view, ds.region_codes

    def name(fmt, rows, part=""):
        return exports.file_name(fmt, rows, DAY, codes, part)

    vg = v[(v["region_code"] == "14") & v["year"].isin([2025, 2026])]
    assert name("excel-csv", vg) == "statsbidrag-psykisk-halsa_2025-2026_region-14_2026-11-25.csv"
    assert name("csv", vg) == "statsbidrag-psykisk-halsa_2025-2026_region-14_2026-11-25_standard.csv"
    assert name("xlsx", vg) == "statsbidrag-psykisk-halsa_2025-2026_region-14_2026-11-25.xlsx"
    assert name("datapackage", vg) == "statsbidrag-psykisk-halsa_2025-2026_region-14_2026-11-25.zip"
    # The data run 2018-2020 and 2023-2028: 2021 and 2022 have no exact amounts, so the name says so in runs.
    assert sorted(set(v["year"])) == [2018, 2019, 2020, 2023, 2024, 2025, 2026, 2027, 2028]
    assert name("excel-csv", v) == "statsbidrag-psykisk-halsa_2018-2020+2023-2028_alla-regioner_2026-11-25.csv"
    assert name("xlsx", v[v["year"] == 2025]) == "statsbidrag-psykisk-halsa_2025_alla-regioner_2026-11-25.xlsx"
    two = v[v["region_code"].isin(["01", "14"]) & v["year"].isin([2023, 2025])]
    assert name("csv", two) == "statsbidrag-psykisk-halsa_2023+2025_regioner-01-14_2026-11-25_standard.csv"
    many = v[v["region_code"].isin(codes[:6]) & (v["year"] == 2026)]
    assert name("excel-csv", many) == "statsbidrag-psykisk-halsa_2026_6-regioner_2026-11-25.csv"
    every = v[(v["year"] == 2026) & (v["grant_id"] == "psykiatri-vuxna")]
    assert name("xlsx", every) == "statsbidrag-psykisk-halsa_2026_alla-regioner_2026-11-25.xlsx"
    assert name("csv", v.iloc[0:0]) == "statsbidrag-psykisk-halsa_inga-ar_alla-regioner_2026-11-25_standard.csv"
    assert name("xlsx", vg, exports.table_part("map", "sv")) == \
        "statsbidrag-psykisk-halsa_tabell-karta_2025-2026_region-14_2026-11-25.xlsx"
    with pytest.raises(ValueError, match="unknown format"):
        name("pdf", v)


def test_file_names_follow_the_language(ds):
    """An English download is named in English all the way, a chart's table by its name, not its internal key."""
    v, codes = ds.view, ds.region_codes

    def name(fmt, rows, part=""):
        return exports.file_name(fmt, rows, DAY, codes, part, lang="en")

    vg = v[(v["region_code"] == "14") & v["year"].isin([2025, 2026])]
    assert name("excel-csv", vg) == "state-funding-mental-health_2025-2026_region-14_2026-11-25.csv"
    assert name("csv", v) == "state-funding-mental-health_2018-2020+2023-2028_all-regions_2026-11-25_standard.csv"
    two = v[v["region_code"].isin(["01", "14"]) & v["year"].isin([2023, 2025])]
    assert name("xlsx", two) == "state-funding-mental-health_2023+2025_regions-01-14_2026-11-25.xlsx"
    many = v[v["region_code"].isin(codes[:6]) & (v["year"] == 2026)]
    assert name("datapackage", many) == "state-funding-mental-health_2026_6-regions_2026-11-25.zip"
    assert name("csv", v.iloc[0:0]) == "state-funding-mental-health_no-years_all-regions_2026-11-25_standard.csv"
    y26 = v[v["year"] == 2026]
    assert name("xlsx", y26, exports.table_part("trail", "en")) == \
        "state-funding-mental-health_table-money-trail_2026_all-regions_2026-11-25.xlsx"
    assert name("csv", y26, exports.table_part("changes", "en")).startswith(
        "state-funding-mental-health_table-changes_2026_all-regions_")
    # A table of chosen regions and the rest summed (the money trail) is named by them, not by its rows.
    assert name("xlsx", y26, exports.table_part("trail", "en")) != exports.file_name(
        "xlsx", y26, DAY, codes, exports.table_part("trail", "en"), "en", regions=("01", "12", "other"))
    assert exports.file_name("csv", y26, DAY, codes, "", "en", regions=("12", "other")) == \
        "state-funding-mental-health_2026_region-12-and-others_2026-11-25_standard.csv"
    assert exports.file_name("csv", y26, DAY, codes, "", "sv", regions=("01", "12", "other")) == \
        "statsbidrag-psykisk-halsa_2026_regioner-01-12-och-ovriga_2026-11-25_standard.csv"
    assert common.filters_text((("year", ("2026",)), ("region", ("01", "12", "other"))), "sv") == \
        "year=2026; region=01,12 (övriga regioner summerade)"
    assert exports.table_part("trail", "sv") == "tabell-pengarnas-vag"
    assert exports.table_part("focus_regions", "sv") == "tabell-fokus-per-region"
    assert exports.table_part("focus_regions", "en") == "table-focus-by-region"


def test_filters_text_and_normalisation():
    spec = common.normalise_filters({"year": [2025, 2026], "region": [], "lang": "en", "status": "", "base": ""})
    assert spec == (("year", ("2025", "2026")), ("lang", ("en",)))
    assert common.filters_text(spec) == "year=2025,2026; lang=en"
    assert common.filters_text(()) == "no filters (the whole dataset)"
    assert common.filters_text((), "sv") == "inga filter (hela datasetet)"
    assert common.normalise_filters(None) == ()


def test_select_picks_years_and_regions(ds):
    v = ds.view
    both = common.select(ds, [2025, 2026], ["14"])
    assert len(both) == len(v[v["year"].isin([2025, 2026]) & (v["region_code"] == "14")])
    assert set(both["year"]) == {2025, 2026} and set(both["region_code"]) == {"14"}
    assert len(common.select(ds)) == len(ds.allocations)
    # Raw check: VG's 2026 adult-psychiatry money is the annex's row total.
    annex = raw_table("psykiatri2026_bilaga.csv")
    vg_2026 = int(annex.loc[annex["county_as_printed"] == "Västra Götalands län", "totalt_per_region_sek"].item())
    psych = both[(both["year"] == 2026) & (both["grant_id"] == "psykiatri-vuxna")]
    assert int(psych["amount_sek"].sum()) == vg_2026 == 249_940_771


def test_unknown_formats_are_refused(ds):
    view = ds.view.head(3)
    prov = prov_for(ds, view)
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        exports.payload("pdf", view, prov)
    with pytest.raises(ValueError, match="unknown table format 'datapackage'"):
        exports.table_payload("datapackage", view, prov)
    assert exports.FORMATS == ("excel-csv", "csv", "xlsx", "datapackage")
    assert exports.TABLE_FORMATS == ("excel-csv", "csv", "xlsx")
    assert set(exports.MIME_TYPES) == set(exports.FORMATS)


def test_empty_view_downloads_a_header_only(ds):
    empty = ds.view.iloc[0:0]
    prov = prov_for(ds, empty)
    assert prov.sources.empty and prov.keys.empty  # no rows, so no sources behind them
    assert read_standard_csv(exports.payload("csv", empty, prov)).empty
    assert read_excel_csv(exports.payload("excel-csv", empty, prov)).empty
    back, desc, _ = read_package_csv(exports.payload("datapackage", empty, prov))
    assert back.empty and desc["resources"][0]["rows"] == 0 and desc["sources"] == []
    assert openpyxl.load_workbook(io.BytesIO(exports.payload("xlsx", empty, prov))).worksheets[0].max_row == 1
