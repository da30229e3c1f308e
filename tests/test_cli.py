"""python -m funding build | check | export: every format from the command line, named files, clear refusals."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile

import frictionless
import openpyxl
import pandas as pd
import pytest

from funding import __main__ as cli
from funding import dataset, exports, paths
from funding.dataset import EXPORT_COLUMNS

# The subprocesses read data/curated: the session fixture builds it first if it is missing.
pytestmark = pytest.mark.usefixtures("ds")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "funding", *args], cwd=paths.ROOT, capture_output=True,
                          timeout=120, check=False)


def vg_rows(ds, years=(2025, 2026)) -> pd.DataFrame:
    v = ds.view
    return v[(v["region_code"] == "14") & v["year"].isin(years)]


def raw_pv2025_vg() -> int:
    """The 2025 primary-care grant to Västra Götaland as the annex to S2025/00397 prints it."""
    annex = pd.read_csv(paths.raw_dir() / "tables" / "pv2025_bilaga.csv", dtype=str)
    return int(annex.loc[annex["region_as_printed"] == "Västra Götaland", "amount_sek"].item())


def test_csv_to_stdout_is_the_contract_plus_provenance(ds):
    result = run("export", "--year", "2025", "--region", "14")
    assert result.returncode == 0, result.stderr
    back = pd.read_csv(io.BytesIO(result.stdout), dtype={"region_code": str}, keep_default_na=False)
    assert list(back.columns[:16]) == list(EXPORT_COLUMNS)
    assert list(back.columns[16:]) == ["recipient", "estimate_method", "basis", "dataset_version", "filters"]
    want = vg_rows(ds, (2025,))
    assert len(back) == len(want) and back["amount_sek"].sum() == want["amount_sek"].sum()
    assert set(back["dataset_version"]) == {ds.version} and set(back["filters"]) == {"year=2025; region=14"}
    pv = back[back["stream_id"] == "pv-regioner"]
    assert pv["amount_sek"].tolist() == [raw_pv2025_vg()] and pv["basis"].tolist() == ["printed"]
    # Swedish by default: the names of things are Swedish, codes stay codes.
    assert set(back["grant_name"]) == set(want["grant_name"]) and set(back["status"]) == {"decided"}


def test_status_gives_the_dashboard_s_selection(ds):
    """--status decided: the browser's "Bara beslutade" for 2026, 3 216 000 000 kr, with primary care's decided
    396 000 000 kr as one row not split by region (its split is estimated); the command line had no status."""
    result = run("export", "--year", "2026", "--status", "decided")
    assert result.returncode == 0, result.stderr
    back = pd.read_csv(io.BytesIO(result.stdout), dtype={"region_code": str}, keep_default_na=False)
    assert back["amount_sek"].sum() == 3_216_000_000 and set(back["status"]) == {"decided"}
    pv = back[back["grant_id"] == "primarvard"]
    assert pv[["region_code", "amount_sek", "basis"]].values.tolist() == [["", 396_000_000, "printed"]]
    assert set(back["filters"]) == {"year=2026; status=decided"}
    both = run("export", "--year", "2026", "--status", "decided", "--status", "estimated", "--region", "14")
    back = pd.read_csv(io.BytesIO(both.stdout), dtype={"region_code": str}, keep_default_na=False)
    assert back["amount_sek"].sum() == 249_940_771 + 66_317_621
    # Decided money is always counted, as on the page: /data?status=estimated&status=announced holds it too.
    added = run("export", "--year", "2026", "--status", "estimated", "--status", "announced", "--region", "14")
    back = pd.read_csv(io.BytesIO(added.stdout), dtype={"region_code": str}, keep_default_na=False)
    assert set(back["status"]) == {"decided", "estimated"} and back["amount_sek"].sum() == 249_940_771 + 66_317_621
    assert run("export", "--status", "maybe").returncode == 2


def test_lang_en_gives_english_names_and_headers(ds):
    result = run("export", "--year", "2026", "--region", "14", "--lang", "en")
    assert result.returncode == 0, result.stderr
    back = pd.read_csv(io.BytesIO(result.stdout), dtype={"region_code": str}, keep_default_na=False)
    want = vg_rows(ds, (2026,))
    assert back["grant_name"].tolist() == want["grant_name_en"].tolist()
    assert back["stream_name"].tolist() == want["stream_name_en"].tolist()
    assert back["estimate_method"].tolist() == want["estimate_method_en"].tolist()
    assert "estimated" in set(back["basis"])
    result = run("export", "--format", "excel-csv", "--year", "2026", "--region", "14", "--lang", "en")
    assert result.returncode == 0, result.stderr
    header = result.stdout.decode("utf-8-sig").split("\r\n")[0].split(";")
    assert header[:3] == ["Year", "Region code", "Region"] and header[-3:] == ["Basis", "Dataset version", "Filters"]


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_each_format_to_a_file(ds, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    result = run("export", "--format", fmt, "--year", "2025", "--year", "2026", "--region", "14", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    want = vg_rows(ds)
    assert f"wrote {len(want)} rows as {fmt} to {out} (dataset version {ds.version})" in result.stderr.decode()
    data = out.read_bytes()
    if fmt == "excel-csv":
        assert data.startswith(b"\xef\xbb\xbf")
        back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig", dtype={"Länskod": str})
        assert back["Belopp (kr)"].dtype == "int64" and back["Belopp (kr)"].sum() == want["amount_sek"].sum()
        assert set(back["Region"]) == {"Västra Götaland"} and set(back["Datasetversion"]) == {ds.version}
        assert {"skattat", "beslutat"} == set(back["Status"]) and "skattning" in set(back["Grund"])
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
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            zf.extractall(tmp_path / "package")
            assert "Så citerar du" in zf.read("README.md").decode()
        report = frictionless.validate(str(tmp_path / "package" / "datapackage.json"))
        assert report.valid, report.flatten(["type", "note"])
        assert report.tasks[0].stats["rows"] == len(want)
        back = pd.read_csv(tmp_path / "package" / "data.csv", dtype={"region_code": str})
        assert back["amount_sek"].sum() == want["amount_sek"].sum()


def test_out_folder_gets_a_descriptive_file_name(ds, tmp_path):
    result = run("export", "--format", "xlsx", "--year", "2025", "--year", "2026", "--region", "14",
                 "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    [written] = list(tmp_path.iterdir())
    assert written.name.startswith("statsbidrag-psykisk-halsa_2025-2026_region-14_20")
    assert written.suffix == ".xlsx"
    result = run("export", "--format", "csv", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert any(n.startswith("statsbidrag-psykisk-halsa_2018-2020+2023-2028_alla-regioner_20")
               and n.endswith("_standard.csv") for n in names), names


def test_a_one_digit_region_code_is_read_as_the_address_reads_it(ds):
    one, two = run("export", "--year", "2026", "--region", "1"), run("export", "--year", "2026", "--region", "01")
    assert one.returncode == 0, one.stderr
    assert one.stdout == two.stdout and b"Region Stockholm" in one.stdout


def test_an_empty_selection_says_so(ds):
    result = run("export", "--year", "2027", "--region", "01")
    assert result.returncode == 0
    assert "no rows match the selection (year=2027; region=01)" in result.stderr.decode("utf-8")
    assert result.stdout.decode("utf-8").count("\n") == 1  # the header only
    assert "leave out --region" in result.stderr.decode("utf-8")


def test_an_empty_export_is_named_after_what_was_asked(ds, tmp_path):
    decided = run("export", "--year", "2027", "--status", "decided", "--out", str(tmp_path))
    message = decided.stderr.decode("utf-8")
    assert "(year=2027; status=decided)" in message and "announced amounts need --status announced" in message
    assert "leave out --region" not in message
    run("export", "--year", "2027", "--region", "01", "--out", str(tmp_path))
    names = sorted(p.name.rsplit("_", 2)[0] for p in tmp_path.iterdir())
    assert names == ["statsbidrag-psykisk-halsa_2027_alla-regioner_beslutat",
                     "statsbidrag-psykisk-halsa_2027_region-01"]


def test_exports_with_different_statuses_into_one_folder_keep_apart(ds, tmp_path):
    """Named by year and region only, `--status decided` and a full export of 2026 had the same file name and
    the second overwrote the first."""
    for statuses in ([], ["decided"], ["decided", "announced"]):
        args = [a for s in statuses for a in ("--status", s)]
        result = run("export", "--format", "csv", "--year", "2026", *args, "--out", str(tmp_path))
        assert result.returncode == 0, result.stderr
    names = sorted(p.name.rsplit("_", 2)[0] for p in tmp_path.iterdir())  # without the day and "standard.csv"
    assert names == ["statsbidrag-psykisk-halsa_2026_alla-regioner",
                     "statsbidrag-psykisk-halsa_2026_alla-regioner_beslutat",
                     "statsbidrag-psykisk-halsa_2026_alla-regioner_beslutat+aviserat"]
    decided = next(p for p in tmp_path.iterdir() if "_beslutat_" in p.name)
    assert pd.read_csv(decided)["amount_sek"].sum() == 3_216_000_000


def test_an_english_export_is_named_in_english(ds, tmp_path):
    result = run("export", "--format", "csv", "--year", "2026", "--region", "01", "--region", "12", "--lang", "en",
                 "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    [written] = list(tmp_path.iterdir())
    assert written.name.startswith("state-funding-mental-health_2026_regions-01-12_20")
    assert written.name.endswith("_standard.csv")


def test_english_workbook(tmp_path):
    out = tmp_path / "en.xlsx"
    assert run("export", "--format", "xlsx", "--lang", "en", "--year", "2027", "--out", str(out)).returncode == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Data", "About"]
    header = [c.value for c in wb["Data"][1]]
    assert header[:3] == ["Year", "Region code", "Region"] and header[-1] == "Basis"
    statuses = {r[header.index("Status")] for r in wb["Data"].iter_rows(min_row=2, values_only=True)}
    assert statuses == {"announced"}  # 2027 is only announced money so far


def test_binary_format_to_a_pipe_is_written(ds, tmp_path):
    result = run("export", "--format", "datapackage", "--year", "2028")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"PK")
    with zipfile.ZipFile(io.BytesIO(result.stdout)) as zf:
        zf.extractall(tmp_path)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid and report.tasks[0].stats["rows"] == int((ds.allocations["year"] == 2028).sum())


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


def test_unknown_year_format_and_language_are_refused(ds):
    # 2021 is named by the sources only in words (no exact amount), so it has no rows to export.
    assert 2021 in set(ds.worded["year"].dropna()) and 2021 not in set(ds.view["year"])
    result = run("export", "--year", "2021")
    err = result.stderr.decode()
    assert result.returncode == 2 and "no data for year(s) [2021]" in err
    assert "[2018, 2019, 2020, 2023, 2024, 2025, 2026, 2027, 2028]" in err
    result = run("export", "--format", "pdf")
    assert result.returncode == 2 and "invalid choice: 'pdf'" in result.stderr.decode()
    result = run("export", "--lang", "fr")
    assert result.returncode == 2 and "invalid choice: 'fr'" in result.stderr.decode()


def test_unwritable_out_is_a_message_not_a_traceback(tmp_path):
    result = run("export", "--out", str(tmp_path / "missing-folder" / "x.csv"))
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "cannot write" in err and "Traceback" not in err


def test_check_reports_the_version_and_rows(ds):
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().strip() == (f"curated data version {ds.version}, built {ds.built_at}: "
                                              f"{len(ds.view)} rows")


def test_check_and_export_fail_cleanly_without_data(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FUNDING_CURATED_DIR", str(tmp_path / "nowhere"))
    assert cli.main(["check"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("check failed: The curated data are missing") and "make data" in err
    assert cli.main(["export", "--format", "csv"]) == 1
    assert "export failed: The curated data are missing" in capsys.readouterr().err


def test_build_writes_a_loadable_dataset(tmp_path):
    out = tmp_path / "curated"
    result = run("build", "--out", str(out))
    assert result.returncode == 0, result.stderr
    built = dataset.load(out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert built.version == manifest["version"]
    message = result.stdout.decode()
    assert message.startswith(f"built {out} (version {built.version}): {len(built.allocations)} allocation rows")
    # What it built is what the annex prints: Västra Götaland's row, and the regions adding up to the 'Summa' row.
    annex = pd.read_csv(paths.raw_dir() / "tables" / "pv2025_bilaga.csv", dtype=str)
    summa = int(annex.loc[annex["row_kind"] == "total", "amount_sek"].item())
    pv = built.view[(built.view["year"] == 2025) & (built.view["stream_id"] == "pv-regioner")]
    assert int(pv.loc[pv["region_code"] == "14", "amount_sek"].item()) == raw_pv2025_vg()
    assert len(pv) == 21 and int(pv["amount_sek"].sum()) == summa == 496_000_000
