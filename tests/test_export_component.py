"""components.downloads: the widgets wire the right bytes, name and type to the button, in both languages,
for the rows under a view and for a chart's table as shown."""

from __future__ import annotations

import io
import zipfile

import frictionless
import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from funding import exports, paths

CALLS: list[dict] = []


def _rows_app() -> None:
    import streamlit as st

    from components.data import current_dataset
    from components.downloads import rows_download

    ds = current_dataset()
    view = ds.view[(ds.view["region_code"] == "14") & ds.view["year"].isin([2025, 2026])]
    rows_download(view, {"year": ["2025", "2026"], "region": ["14"], "status": [], "lang": "sv"},
                  st.session_state.get("lang", "sv"), "t", fmt=st.session_state.get("fixed"),
                  statuses=st.session_state.get("statuses", ()))


def _table_app() -> None:
    import pandas as pd
    import streamlit as st

    from components.data import current_dataset
    from components.downloads import table_download

    ds = current_dataset()
    rows = ds.view[(ds.view["year"] == 2026) & (ds.view["region_code"] != "")]
    table = (rows.groupby("region_name", as_index=False)["amount_sek"].sum()
             .sort_values("amount_sek", ascending=False).rename(columns={"region_name": "Region",
                                                                         "amount_sek": "Belopp (kr)"}))
    table["Andel"] = table["Belopp (kr)"] / table["Belopp (kr)"].sum()
    table_download(pd.DataFrame(table), {}, rows, {"year": ["2026"]}, st.session_state.get("lang", "sv"), "k",
                   "map", "Ladda ned tabellen")


@pytest.fixture
def recorded(monkeypatch):
    """Record what reaches st.download_button (AppTest cannot click a download) and still draw it."""
    CALLS.clear()
    original = st.download_button

    def spy(label, data, **kwargs):
        CALLS.append({"label": label, "data": data, **kwargs})
        return original(label, data, **kwargs)

    monkeypatch.setattr(st, "download_button", spy)
    monkeypatch.chdir(paths.ROOT)
    return CALLS


def app_test(app=_rows_app, lang: str = "sv", fixed: str | None = None) -> AppTest:
    at = AppTest.from_function(app, default_timeout=30)
    at.session_state["lang"] = lang
    if fixed:
        at.session_state["fixed"] = fixed
    return at


def vg(ds) -> pd.DataFrame:
    v = ds.view
    return v[(v["region_code"] == "14") & v["year"].isin([2025, 2026])]


def test_default_is_swedish_excel_csv_with_the_right_file(ds, recorded):
    at = app_test().run()
    assert not at.exception
    box = at.selectbox[0]
    assert box.options == ["CSV för Excel (svensk)", "CSV (standard)", "Excel (.xlsx)", "Datapaket (.zip)"]
    assert box.value == "excel-csv"
    call = recorded[-1]
    rows = len(vg(ds))
    assert call["label"] == f"Ladda ned {rows} rader"
    assert call["mime"] == "text/csv" and call["on_click"] == "ignore"
    name = call["file_name"]
    assert name.startswith("statsbidrag-psykisk-halsa_2025-2026_region-14_20") and name.endswith(".csv")
    assert not name.endswith("_standard.csv")
    data = call["data"]()  # what the click produces
    back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig", dtype={"Länskod": str})
    assert len(back) == rows and back["Belopp (kr)"].sum() == vg(ds)["amount_sek"].sum()
    # The filters as the page describes them; the empty ones (all) are left out.
    assert set(back["Filter"]) == {"year=2025,2026; region=14; lang=sv"}
    assert set(back["Datasetversion"]) == {ds.version}
    assert set(back["Status"]) == {"beslutat", "skattat"} and "skattning" in set(back["Grund"])


@pytest.mark.parametrize(("fmt", "mime", "suffix"), [
    ("csv", "text/csv", "_standard.csv"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    ("datapackage", "application/zip", ".zip"),
])
def test_each_choice_gives_its_own_bytes(ds, recorded, tmp_path, fmt, mime, suffix):
    at = app_test().run()
    at.selectbox[0].set_value(fmt).run()
    assert not at.exception
    call = recorded[-1]
    assert call["mime"] == mime and call["file_name"].endswith(suffix)
    data = call["data"]()
    want = vg(ds)
    if fmt == "csv":
        back = pd.read_csv(io.BytesIO(data))
        assert back["amount_sek"].sum() == want["amount_sek"].sum()
        assert back["grant_name"].tolist() == want["grant_name"].tolist()  # Swedish page, Swedish names
    elif fmt == "xlsx":
        assert pd.read_excel(io.BytesIO(data))["Belopp (kr)"].sum() == want["amount_sek"].sum()
    else:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            assert "Så citerar du" in zf.read("README.md").decode()
            zf.extractall(tmp_path)
        report = frictionless.validate(str(tmp_path / "datapackage.json"))
        assert report.valid, report.flatten(["type", "note"])
        assert report.tasks[0].stats["rows"] == len(want)


def test_a_chosen_status_is_in_the_file_name(ds, recorded):
    """/data?year=2026&status=decided and /data?year=2026 downloaded files of the same name (69 and 93 rows)."""
    at = app_test()
    at.session_state["statuses"] = ("decided",)
    at.run()
    assert recorded[-1]["file_name"].startswith("statsbidrag-psykisk-halsa_2025-2026_region-14_beslutat_20")
    default = app_test().run()
    assert not default.exception
    assert recorded[-1]["file_name"].startswith("statsbidrag-psykisk-halsa_2025-2026_region-14_20")


def test_english_labels_and_names(ds, recorded):
    at = app_test(lang="en").run()
    assert at.selectbox[0].options == ["CSV for Excel (Swedish)", "CSV (standard)", "Excel (.xlsx)",
                                       "Data package (.zip)"]
    assert recorded[-1]["label"] == f"Download {len(vg(ds))} rows"
    assert recorded[-1]["file_name"].startswith("state-funding-mental-health_2025-2026_region-14_20")
    at.selectbox[0].set_value("excel-csv").run()
    back = pd.read_csv(io.BytesIO(recorded[-1]["data"]()), sep=";", decimal=",", encoding="utf-8-sig")
    assert back["Grant"].tolist() == vg(ds)["grant_name_en"].tolist()
    assert set(back["Status"]) == {"decided", "estimated"}
    at.selectbox[0].set_value("xlsx").run()
    data = recorded[-1]["data"]()
    assert pd.ExcelFile(io.BytesIO(data)).sheet_names == ["Data", "About"]
    assert exports.MIME_TYPES["xlsx"] == recorded[-1]["mime"]


def test_in_english_the_default_is_plain_csv(ds, recorded):
    """Semicolons and decimal commas are for Swedish Excel; an English reader gets comma and dot by default."""
    at = app_test(lang="en").run()
    assert not at.exception
    assert at.selectbox[0].value == "csv"
    call = recorded[-1]
    assert call["file_name"].endswith("_standard.csv")
    text = call["data"]().decode("utf-8")
    assert not text.startswith("\ufeff") and text.split("\r\n")[0].startswith("year,region_code,region_name,")
    back = pd.read_csv(io.StringIO(text), dtype={"region_code": str})
    assert back["amount_sek"].sum() == vg(ds)["amount_sek"].sum()
    assert back["grant_name"].tolist() == vg(ds)["grant_name_en"].tolist()
    assert any("." in v for v in text.split("\r\n")[1].split(","))  # kronor per inhabitant with a decimal point


def test_a_table_download_defaults_by_language_and_follows_a_switch(ds, recorded):
    at = app_test(_table_app).run()
    assert at.selectbox[0].value == "excel-csv"  # Swedish: CSV for Swedish Excel
    at.session_state["lang"] = "en"
    at.run()
    assert at.selectbox[0].value == "csv" and recorded[-1]["file_name"].endswith("_standard.csv")
    assert pd.read_csv(io.BytesIO(recorded[-1]["data"]()))["Belopp (kr)"].dtype == "int64"


def test_a_fixed_format_has_no_choice(ds, recorded):
    at = app_test(fixed="xlsx").run()
    assert not at.exception
    assert len(at.selectbox) == 0
    call = recorded[-1]
    assert call["file_name"].endswith(".xlsx") and call["mime"] == exports.MIME_TYPES["xlsx"]
    assert pd.read_excel(io.BytesIO(call["data"]()))["Belopp (kr)"].sum() == vg(ds)["amount_sek"].sum()


@pytest.mark.parametrize("fmt", ["excel-csv", "csv", "xlsx"])
def test_table_download_is_the_table_as_shown(ds, recorded, fmt):
    at = app_test(_table_app).run()
    assert not at.exception
    box = at.selectbox[0]
    assert box.options == ["CSV för Excel (svensk)", "CSV (standard)", "Excel (.xlsx)"]  # no data package
    if fmt != "excel-csv":
        box.set_value(fmt).run()
    call = recorded[-1]
    assert call["label"] == "Ladda ned tabellen" and call["mime"] == exports.MIME_TYPES[fmt]
    assert call["file_name"].startswith("statsbidrag-psykisk-halsa_tabell-karta_2026_alla-regioner_20")
    data = call["data"]()
    if fmt == "excel-csv":
        back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    elif fmt == "csv":
        back = pd.read_csv(io.BytesIO(data))
    else:
        back = pd.read_excel(io.BytesIO(data))
    rows = ds.view[(ds.view["year"] == 2026) & (ds.view["region_code"] != "")]
    want = rows.groupby("region_name")["amount_sek"].sum().sort_values(ascending=False)
    assert list(back.columns) == ["Region", "Belopp (kr)", "Andel", "Tabellens källor", "Datasetversion", "Filter"]
    assert back["Tabellens källor"].str.contains("pv2026-anvisningar: Socialstyrelsen, 2026").all()
    assert back["Region"].tolist() == want.index.tolist() and back["Belopp (kr)"].tolist() == want.tolist()
    assert back["Andel"].sum() == pytest.approx(1.0)
    assert set(back["Datasetversion"]) == {ds.version} and set(back["Filter"]) == {"year=2026"}


def test_an_english_table_download_is_named_in_english(ds, recorded):
    at = app_test(_table_app, lang="en").run()
    assert not at.exception
    assert recorded[-1]["file_name"].startswith("state-funding-mental-health_table-map_2026_all-regions_20")


@pytest.mark.parametrize(("lang", "name", "note"), [
    # The default's statuses (decided and estimated) are named: a name without them holds every status.
    ("sv", "statsbidrag-psykisk-halsa_tabell-pengarnas-vag_2026_regioner-01-12-och-ovriga_beslutat+skattat_20",
     "övriga regioner summerade"),
    ("en", "state-funding-mental-health_table-money-trail_2026_regions-01-12-and-others_decided+estimated_20",
     "other regions summed"),
])
def test_the_money_trail_download_says_what_it_holds(ds, recorded, lang, name, note):
    """Översikt /?year=2025,2026&region=01,12: the trail shows 2026, Stockholm and Skåne and the other regions
    summed. Its table's file said 2025,2026 and all regions; its filter text year=2025,2026; region=01,12."""
    from tests.test_app_pages import open_page, open_tables

    open_tables(open_page(year="2025,2026", region="01,12", lang=lang))
    table_call = next(c for c in recorded if c["key"] == "dlt_trail-download")
    rows_call = next(c for c in recorded if c["key"] == "dlr_trail-download")
    assert table_call["file_name"].startswith(name) and table_call["file_name"].endswith(".csv")
    data = table_call["data"]()  # each language's default CSV
    back = (pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig") if lang == "sv"
            else pd.read_csv(io.BytesIO(data)))
    to = back.columns[1]
    assert {"Stockholm", "Skåne", "Övriga regioner" if lang == "sv" else "Other regions"} <= set(back[to])
    filters = exports.common.header("filters", lang)
    assert set(back[filters]) == {f"year=2026; region=01,12 ({note}); status=decided,estimated"}
    # The underlying rows are every region's 2026 money: no region filter, and named so; in the format chosen
    # for the table above them (they were always xlsx, whatever the reader chose).
    assert "_2026_" in rows_call["file_name"] and ("alla-regioner" if lang == "sv" else "all-regions") in \
        rows_call["file_name"]
    assert rows_call["file_name"].endswith(".csv") and rows_call["mime"] == "text/csv"
    data = rows_call["data"]()
    if lang == "sv":  # Swedish Excel's CSV has the interface's headers, the standard CSV the contract's names
        rows = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
        year, amount = exports.common.header("year", lang), exports.common.header("amount_sek", lang)
    else:
        rows, year, amount, filters = pd.read_csv(io.BytesIO(data)), "year", "amount_sek", "filters"
    assert set(rows[year]) == {2026} and rows[amount].sum() == 3_216_000_000
    assert set(rows[filters]) == {"year=2026; status=decided,estimated"}


def test_the_underlying_rows_follow_the_format_chosen_for_the_table(ds, recorded):
    from tests.test_app_pages import open_page, open_tables

    at = open_tables(open_page())
    box = next(b for b in at.selectbox if b.key == "dlt_trail-format-sv")
    box.set_value("xlsx").run()
    rows_call = [c for c in recorded if c["key"] == "dlr_trail-download"][-1]
    assert rows_call["file_name"].endswith(".xlsx") and rows_call["mime"] == exports.MIME_TYPES["xlsx"]
    rows = pd.read_excel(io.BytesIO(rows_call["data"]()), sheet_name=0)
    assert rows["Belopp (kr)"].sum() == 3_216_000_000
