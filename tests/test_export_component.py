"""components.downloads: the widgets wire the right bytes, name and type to the button, in both languages."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from funding import datapackage, export, paths

CALLS: list[dict] = []


def _app() -> None:
    import streamlit as st

    from components.data import dataset
    from components.downloads import render_downloads

    ds = dataset()
    view = ds.view[(ds.view["region_code"] == "14") & ds.view["year"].isin([2025, 2026])]
    render_downloads(view, {"year": ["2025", "2026"], "region": ["14"]}, st.session_state.get("lang", "sv"), "t")


@pytest.fixture
def recorded(monkeypatch):
    """Record what reaches st.download_button (AppTest cannot click a download) and still draw it."""
    CALLS.clear()
    original = st.download_button

    def spy(label, data, **kwargs):
        CALLS.append({"label": label, "data": data, **kwargs})
        return original(label, data, **kwargs)

    monkeypatch.setattr(st, "download_button", spy)
    return CALLS


def app_test(lang: str = "sv") -> AppTest:
    at = AppTest.from_function(_app, default_timeout=30)
    at.session_state["lang"] = lang
    return at


def vg(ds) -> pd.DataFrame:
    v = ds.view
    return v[(v["region_code"] == "14") & v["year"].isin([2025, 2026])]


def test_default_is_swedish_excel_csv_with_the_right_file(ds, recorded, monkeypatch):
    monkeypatch.chdir(paths.ROOT)
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
    assert set(back["Filter"]) == {"year=2025,2026; region=14"} and set(back["Datasetversion"]) == {ds.version}


@pytest.mark.parametrize(("fmt", "mime", "suffix"), [
    ("csv", "text/csv", "_standard.csv"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    ("datapackage", "application/zip", ".zip"),
])
def test_each_choice_gives_its_own_bytes(ds, recorded, monkeypatch, fmt, mime, suffix):
    monkeypatch.chdir(paths.ROOT)
    at = app_test().run()
    at.selectbox[0].set_value(fmt).run()
    assert not at.exception
    call = recorded[-1]
    assert call["mime"] == mime and call["file_name"].endswith(suffix)
    data = call["data"]()
    if fmt == "csv":
        assert pd.read_csv(io.BytesIO(data))["amount_sek"].sum() == vg(ds)["amount_sek"].sum()
    elif fmt == "xlsx":
        assert pd.read_excel(io.BytesIO(data))["Belopp (kr)"].sum() == vg(ds)["amount_sek"].sum()
    else:
        assert datapackage.validate(data) == []
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            assert "Så citerar du" in zf.read("README.md").decode()


def test_english_labels(ds, recorded, monkeypatch):
    monkeypatch.chdir(paths.ROOT)
    at = app_test("en").run()
    assert at.selectbox[0].options == ["CSV for Excel (Swedish)", "CSV (standard)", "Excel (.xlsx)",
                                       "Data package (.zip)"]
    assert recorded[-1]["label"] == f"Download {len(vg(ds))} rows"
    at.selectbox[0].set_value("xlsx").run()
    data = recorded[-1]["data"]()
    assert pd.ExcelFile(io.BytesIO(data)).sheet_names == ["Data", "About"]
    assert export.MIME_TYPES["xlsx"] == recorded[-1]["mime"]
