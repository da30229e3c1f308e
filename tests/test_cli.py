"""python -m funding export: every format from the command line, named files, clear refusals."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import openpyxl
import pandas as pd
import pytest

from funding import __main__ as cli
from funding import datapackage, export, paths

# The subprocesses read data/curated: the session fixture builds it first if it is missing.
pytestmark = pytest.mark.usefixtures("ds")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "funding", *args], cwd=paths.ROOT, capture_output=True,
                          timeout=120, check=False)


def vg_rows(ds, years=(2025, 2026)) -> pd.DataFrame:
    v = ds.view
    return v[(v["region_code"] == "14") & v["year"].isin(years)]


def test_csv_to_stdout_is_the_contract_plus_provenance(ds):
    result = run("export", "--year", "2025", "--region", "14")
    assert result.returncode == 0, result.stderr
    back = pd.read_csv(io.BytesIO(result.stdout), dtype={"region_code": str}, keep_default_na=False)
    assert list(back.columns[:16]) == list(export.EXPORT_COLUMNS)
    assert list(back.columns[16:]) == ["recipient", "estimate_method", "dataset_version", "filters"]
    want = vg_rows(ds, (2025,))
    assert len(back) == len(want) and back["amount_sek"].sum() == want["amount_sek"].sum()
    assert set(back["dataset_version"]) == {ds.version} and set(back["filters"]) == {"year=2025; region=14"}


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_each_format_to_a_file(ds, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    result = run("export", "--format", fmt, "--year", "2025", "--year", "2026", "--region", "14", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    assert f"wrote {len(vg_rows(ds))} rows as {fmt}" in result.stderr.decode()
    data = out.read_bytes()
    want = vg_rows(ds)
    if fmt == "excel-csv":
        assert data.startswith(b"\xef\xbb\xbf")
        back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig", dtype={"Länskod": str})
        assert back["Belopp (kr)"].dtype == "int64" and back["Belopp (kr)"].sum() == want["amount_sek"].sum()
        assert set(back["Region"]) == {"Västra Götaland"} and set(back["Datasetversion"]) == {ds.version}
    elif fmt == "csv":
        back = pd.read_csv(io.BytesIO(data), dtype={"region_code": str})
        assert back["amount_sek"].sum() == want["amount_sek"].sum() and set(back["region_code"]) == {"14"}
    elif fmt == "xlsx":
        wb = openpyxl.load_workbook(io.BytesIO(data))
        assert wb.sheetnames == ["Data", "Om datan"]
        back = pd.read_excel(io.BytesIO(data), sheet_name="Data", dtype={"Länskod": str})
        assert back["Belopp (kr)"].sum() == want["amount_sek"].sum() and set(back["Länskod"]) == {"14"}
        about = {c.value for r in wb["Om datan"].iter_rows() for c in r}
        assert ds.version in about and "year=2025,2026; region=14" in about
    else:
        assert datapackage.validate(data) == []
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            back = pd.read_csv(zf.open("data.csv"), dtype={"region_code": str})
            assert "Så citerar du" in zf.read("README.md").decode()
        assert back["amount_sek"].sum() == want["amount_sek"].sum()


def test_out_folder_gets_a_descriptive_file_name(ds, tmp_path):
    result = run("export", "--format", "xlsx", "--year", "2025", "--year", "2026", "--region", "14",
                 "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    [written] = list(tmp_path.iterdir())
    assert written.name.startswith("statsbidrag-psykisk-halsa_2025-2026_region-14_20")
    assert written.suffix == ".xlsx"


def test_english_workbook(tmp_path):
    out = tmp_path / "en.xlsx"
    assert run("export", "--format", "xlsx", "--lang", "en", "--year", "2027", "--out", str(out)).returncode == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Data", "About"]
    assert [c.value for c in wb["Data"][1]][:3] == ["Year", "Region code", "Region"]


def test_binary_format_to_a_pipe_is_written(ds):
    result = run("export", "--format", "datapackage", "--year", "2028")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"PK") and datapackage.validate(result.stdout) == []


def test_binary_format_refuses_a_terminal(monkeypatch, capsys):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert cli.main(["export", "--format", "xlsx"]) == 2
    err = capsys.readouterr().err
    assert "binary format" in err and "--out" in err


def test_unknown_region_exits_2_with_a_clear_message():
    result = run("export", "--format", "excel-csv", "--region", "99")
    assert result.returncode == 2
    err = result.stderr.decode()
    assert "unknown region code(s) 99" in err and "14 (Västra Götaland)" in err and "Traceback" not in err
    assert result.stdout == b""


def test_unknown_year_and_format_are_refused():
    result = run("export", "--year", "2019")
    assert result.returncode == 2 and "no data for year(s) [2019]" in result.stderr.decode()
    result = run("export", "--format", "pdf")
    assert result.returncode == 2 and "invalid choice: 'pdf'" in result.stderr.decode()


def test_unwritable_out_is_a_message_not_a_traceback(tmp_path):
    result = run("export", "--out", str(tmp_path / "missing-folder" / "x.csv"))
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "cannot write" in err and "Traceback" not in err
