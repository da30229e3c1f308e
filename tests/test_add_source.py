"""Adding a source is a data change: a new transcription, its column declaration and mapping rows, and no
Python, and the new money is on the pages (issue 11.6)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from funding import build, dataset, paths

NEW_TABLE = """source_id,row_kind,year,mottagare,belopp_sek
ny-kalla,part,2026,Socialstyrelsen,12345678
ny-kalla,total,2026,Summa,12345678
"""


def add_source(raw: Path) -> None:
    def append(name: str, text: str) -> None:
        with open(raw / name, "a", encoding="utf-8") as handle:
            handle.write(text)

    (raw / "tables/ny_kalla.csv").write_text(NEW_TABLE, encoding="utf-8")
    append("columns.csv",
           "tables/ny_kalla.csv,source_id,text,true,false,Källa\n"
           "tables/ny_kalla.csv,row_kind,text,true,false,part eller total\n"
           "tables/ny_kalla.csv,year,year,true,true,År\n"
           "tables/ny_kalla.csv,mottagare,text,true,true,Mottagaren som tryckt\n"
           "tables/ny_kalla.csv,belopp_sek,sek,true,false,Belopp\n")
    header = (raw / "mapping.csv").read_text(encoding="utf-8").splitlines()[0].split(",")

    def mapping(**fields) -> str:
        return ",".join(fields.get(col, "") for col in header) + "\n"

    append("mapping.csv",
           mapping(table="tables/ny_kalla.csv", rows="row_kind=part", role="part", amount_column="belopp_sek",
                   year="{year}", grant_id="testbidrag", stream_id="testbidrag-myndighet", recipient_level="agency",
                   status="decided", source_id="{source_id}", label="{mottagare}", every_region="false")
           + mapping(table="tables/ny_kalla.csv", rows="row_kind=total", role="total", amount_column="belopp_sek",
                     amount_id="testbidrag-total", year="{year}", grant_id="testbidrag", status="decided",
                     source_id="{source_id}", scope="grant", label="{mottagare}", every_region="false"))
    append("sources.csv", "ny-kalla,Ett nytt regeringsbeslut,Regeringen,2026-02-01,S2026/99999,"
                          "regeringen/ny.md,regeringsuppdrag,,\n")
    append("grants.csv", "testbidrag,2026,Testbidraget för nya källor,The test grant for new sources,myndighet,"
                         "decided,,,,ny-kalla,S2026/99999,Beslutet\n")
    append("streams.csv", "testbidrag-myndighet,testbidrag,Myndighetens uppdrag,The agency's assignment,"
                          "nationellt-stod,agency,Socialstyrelsen,Socialstyrelsen,none,,,,Fast belopp,Fixed amount\n")


@pytest.fixture(scope="module")
def curated_with_new_source(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("newsource")
    raw = root / "raw"
    shutil.copytree(paths.raw_dir(), raw)
    add_source(raw)
    build.build(raw, root / "curated", root / "reports")
    return root / "curated"


def test_the_new_source_is_built_reconciled_and_counted(curated_with_new_source):
    ds = dataset.load(curated_with_new_source)
    row = ds.allocations.loc[ds.allocations["grant_id"] == "testbidrag"].iloc[0]
    assert (row["amount_sek"], row["year"], row["recipient"], row["source_table"]) == (
        12_345_678, 2026, "Socialstyrelsen", "tables/ny_kalla.csv")
    check = ds.reconciliation.set_index("row").loc["testbidrag-total"]
    assert (check["published"], check["computed"], check["result"]) == (12_345_678, 12_345_678, "ok")
    assert ds.view.loc[ds.view["year"] == 2026, "amount_sek"].sum() == 3_216_000_000 + 1_190_000_000 + 12_345_678


def test_the_new_source_is_on_the_pages(curated_with_new_source, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("FUNDING_CURATED_DIR", str(curated_with_new_source))
    at = AppTest.from_file(str(paths.ROOT / "app.py"), default_timeout=90)
    at.query_params["grant"] = "testbidrag"
    at.run()
    assert not at.exception
    # Översikt: the headline is the new grant's money alone.
    assert at.metric[0].value == "12,3\u00a0mnkr"
    at.switch_page("views/data.py").run()
    table = at.dataframe[0].value
    assert list(table["Statsbidrag"]) == ["Testbidraget för nya källor"]
    assert list(table["Belopp (kr)"]) == [12_345_678]
