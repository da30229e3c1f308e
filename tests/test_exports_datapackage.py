"""The data package download, validated with the frictionless library (a test dependency; the app has no validator).

Each package is unzipped into a temporary folder and datapackage.json validated as a whole: descriptor, schema,
types, constraints, primary key, and the resource's declared bytes, hash and row count against data.csv. The
rows and kronor it holds are compared with the curated data and with what the sources print (data/raw).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime
from pathlib import Path

import frictionless
import pandas as pd
import pytest

from funding import exports, paths
from funding.exports import common, datapackage

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=common.TIMEZONE)
DAY = "2026-11-25"


def package(ds, view: pd.DataFrame, filters: dict | None = None, lang: str = "sv") -> bytes:
    return exports.payload("datapackage", view, exports.provenance(ds, view, filters or {}, now=NOW), lang)


def unzip(data: bytes, folder: Path) -> Path:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert sorted(zf.namelist()) == ["README.md", "data.csv", "datapackage.json"]
        zf.extractall(folder)
    return folder / "datapackage.json"


def validate(data: bytes, folder: Path) -> frictionless.Report:
    return frictionless.validate(str(unzip(data, folder)))


def errors(report: frictionless.Report) -> list[tuple[str, str]]:
    return [(e[0], e[1]) for e in report.flatten(["type", "note"])]


def read_data(folder: Path) -> pd.DataFrame:
    return pd.read_csv(folder / "data.csv", dtype={"region_code": str}, keep_default_na=False,
                       na_values={"population": [""], "sek_per_capita": [""]})


def belopp() -> pd.DataFrame:
    """The transcription of every amount the government's pages print nationally."""
    table = pd.read_csv(paths.raw_dir() / "tables" / "belopp_nationellt.csv", dtype=str, keep_default_na=False)
    table["year"] = table["year"].astype(int)
    table["amount_sek"] = table["amount_sek"].astype("int64")
    return table.set_index("amount_id", drop=False)


# Valid, whole and filtered ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_whole_dataset_package_is_valid_and_holds_every_row_and_krona(ds, tmp_path, lang):
    data = package(ds, ds.view, {}, lang)
    report = validate(data, tmp_path)
    assert report.valid, errors(report)
    [task] = report.tasks
    assert task.stats["rows"] == len(ds.allocations) == 283
    assert task.stats["fields"] == len(common.DOWNLOAD_COLUMNS)
    assert task.stats["errors"] == 0

    back = read_data(tmp_path)
    assert len(back) == len(ds.allocations)
    assert int(back["amount_sek"].sum()) == int(ds.allocations["amount_sek"].sum())
    got = back.groupby(["year", "status"])["amount_sek"].sum()
    want = ds.allocations.groupby(["year", "status"])["amount_sek"].sum()
    assert got.to_dict() == want.to_dict()
    # The headline years, against what the sources print: 2026 is the 2026 agreement's total, the adult
    # psychiatry decision's total and Socialstyrelsen's primary-care total (split by the project's estimate).
    raw = belopp()
    decided_2026 = raw.loc[["ok2026-total", "psyk2026-total"], "amount_sek"].sum()
    estimated_2026 = raw.loc["pv2026-regioner", "amount_sek"]
    assert (got[(2026, "decided")], got[(2026, "estimated")]) == (decided_2026, estimated_2026)
    assert decided_2026 + estimated_2026 == 3_216_000_000
    announced = raw[(raw["year"] == 2026) & (raw["status"] == "announced") & (raw["row_kind"] == "part")]
    assert got[(2026, "announced")] == announced["amount_sek"].sum() == 1_190_000_000
    assert (got[(2025, "decided")], got[(2025, "announced")]) == (3_780_500_000, 50_000_000)


def test_filtered_package_is_valid_and_holds_exactly_the_selection(ds, tmp_path):
    view = common.select(ds, [2025, 2026], ["14"])
    data = package(ds, view, {"year": [2025, 2026], "region": ["14"]}, "en")
    report = validate(data, tmp_path)
    assert report.valid, errors(report)
    assert report.tasks[0].stats["rows"] == len(view)

    back = read_data(tmp_path)
    assert set(back["region_code"]) == {"14"} and set(back["year"]) == {2025, 2026}
    curated = ds.allocations[ds.allocations["year"].isin([2025, 2026]) & (ds.allocations["region_code"] == "14")]
    assert len(back) == len(curated)
    assert int(back["amount_sek"].sum()) == int(curated["amount_sek"].sum())
    # What the annexes print for Västra Götaland: the 2025 primary-care grant, the 2026 adult-psychiatry money.
    tables = paths.raw_dir() / "tables"
    pv = pd.read_csv(tables / "pv2025_bilaga.csv", dtype=str)
    psych = pd.read_csv(tables / "psykiatri2026_bilaga.csv", dtype=str)
    pv_vg = int(pv.loc[pv["region_as_printed"] == "Västra Götaland", "amount_sek"].item())
    psych_vg = int(psych.loc[psych["county_as_printed"] == "Västra Götalands län", "totalt_per_region_sek"].item())
    assert back.loc[(back["year"] == 2025) & (back["stream_id"] == "pv-regioner"), "amount_sek"].tolist() == [pv_vg]
    assert back.loc[(back["year"] == 2026) & (back["grant_id"] == "psykiatri-vuxna"), "amount_sek"].sum() == psych_vg

    desc = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert desc["filters"] == {"year": ["2025", "2026"], "region": ["14"]}
    assert desc["filters_text"] == "year=2025,2026; region=14"
    assert {s["source_id"] for s in desc["sources"]} == set(view["source_id"])


def test_one_year_package_in_each_language_is_valid(ds, tmp_path):
    view = ds.view[ds.view["year"] == 2026]
    for lang in ("sv", "en"):
        report = validate(package(ds, view, {"year": ["2026"]}, lang), tmp_path / lang)
        assert report.valid, (lang, errors(report))
        assert report.tasks[0].stats["rows"] == len(view) == int((ds.allocations["year"] == 2026).sum())


def test_empty_and_hostile_packages_are_valid(ds, tmp_path):
    empty = ds.view.iloc[0:0]
    report = validate(package(ds, empty), tmp_path / "empty")
    assert report.valid, errors(report)
    assert report.tasks[0].stats.get("rows", 0) == 0 and read_data(tmp_path / "empty").empty

    hostile = ds.view[ds.view["stream_id"] == "pv-regioner"].head(4).copy()
    hostile["grant_name"] = ["=1+1", "-cmd", "@SUM(A1:A2)", "+46 8 123"]
    hostile["amount_sek"] = [-5, 0, 7, 1]
    report = validate(package(ds, hostile.reset_index(drop=True)), tmp_path / "hostile")
    assert report.valid, errors(report)
    back = read_data(tmp_path / "hostile")
    assert back["grant_name"].tolist() == ["'=1+1", "'-cmd", "'@SUM(A1:A2)", "'+46 8 123"]
    assert back["amount_sek"].tolist() == [-5, 0, 7, 1]


# The descriptor and the README ------------------------------------------------------------------------------


def test_descriptor_describes_every_column_and_the_provenance(ds, tmp_path):
    view = ds.view[ds.view["year"] == 2026]
    unzip(package(ds, view, {"year": ["2026"]}), tmp_path)
    desc = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    res = desc["resources"][0]
    fields = res["schema"]["fields"]
    assert [f["name"] for f in fields] == list(common.DOWNLOAD_COLUMNS) == list(datapackage.FIELDS)
    assert all(f["description"] for f in fields)
    types = {f["name"]: f["type"] for f in fields}
    assert types["amount_sek"] == "integer" and types["sek_per_capita"] == "number" and types["year"] == "year"
    assert types["population_date"] == "date" and types["region_code"] == "string"
    assert {f["name"]: f.get("unit") for f in fields}["amount_sek"] == "SEK"
    enums = {f["name"]: f.get("constraints", {}).get("enum") for f in fields}
    assert enums["basis"] == ["printed", "estimated", "rest"] and enums["status"] == list(common.CODED["status"])
    assert enums["recipient_level"] == list(common.CODED["recipient_level"])
    assert enums["channel"] == list(common.CODED["channel"])
    assert res["schema"]["primaryKey"] == ["year", "stream_id", "recipient"]
    assert res["rows"] == len(view) and res["path"] == "data.csv"
    assert res["bytes"] == (tmp_path / "data.csv").stat().st_size
    assert desc["licenses"][0]["name"] == "CC0-1.0"
    assert desc["dataset_version"] == ds.version and desc["filters"] == {"year": ["2026"]}
    assert desc["created"] == "2026-11-25T10:30:00+01:00"
    assert {s["source_id"] for s in desc["sources"]} == set(view["source_id"])
    titles = dict(zip(ds.sources["source_id"], ds.sources["title"], strict=True))
    assert all(s["title"] == titles[s["source_id"]] for s in desc["sources"])
    # frictionless reads the descriptor the same way: the package it loads has our resource and schema.
    loaded = frictionless.Package(str(tmp_path / "datapackage.json"))
    assert loaded.resource_names == ["allocations"]
    assert loaded.get_resource("allocations").schema.primary_key == ["year", "stream_id", "recipient"]


def test_readme_in_swedish_and_english(ds, tmp_path):
    view = ds.view[ds.view["year"] == 2026]
    unzip(package(ds, view, {"year": ["2026"]}, "sv"), tmp_path / "sv")
    unzip(package(ds, view, {"year": ["2026"]}, "en"), tmp_path / "en")
    sv = (tmp_path / "sv" / "README.md").read_text(encoding="utf-8")
    en = (tmp_path / "en" / "README.md").read_text(encoding="utf-8")
    assert ds.version in sv and "year=2026" in sv and DAY in sv and f"({len(view)} rader" in sv
    assert "Så citerar du" in sv and "Namn på bidrag, delposter och mottagare är på svenska" in sv
    assert "Status 'skattat' (Primärvårdens arbete med psykisk ohälsa 2026)" in sv
    assert "Status 'aviserat'" in sv and "länsgemensamt" in sv and "CC0" in sv and "dnr S2025/00397" in sv
    assert "How to cite" in en and f"({len(view)} rows" in en and "are in English" in en
    assert "Status 'estimated' (Primary care work on mental ill-health 2026)" in en
    assert "Status 'announced'" in en and "county-joint" in en and "ref. S2025/00397" in en
    assert "skattat" not in en and "dnr " not in en
    # Any other language value is Swedish, the reference label included.
    other = datapackage.readme(view, exports.provenance(ds, view, {}, now=NOW), "de")
    assert "Så citerar du" in other and "dnr S2025/00397" in other


def test_names_in_the_package_follow_the_language(ds, tmp_path):
    view = ds.view[(ds.view["year"] == 2026) & (ds.view["stream_id"] == "pv-regioner")]
    for lang in ("sv", "en"):
        unzip(package(ds, view, {}, lang), tmp_path / lang)
    sv, en = read_data(tmp_path / "sv"), read_data(tmp_path / "en")
    assert sv["grant_name"].tolist() == view["grant_name"].tolist()
    assert en["grant_name"].tolist() == view["grant_name_en"].tolist()
    assert en["estimate_method"].tolist() == view["estimate_method_en"].tolist()
    assert sv["estimate_method"].tolist() == view["estimate_method"].tolist()
    assert set(sv["status"]) == set(en["status"]) == {"estimated"}  # codes, as the schema's enum says
    assert set(en["basis"]) == {"estimated"}
    estimates = pd.read_csv(paths.raw_dir() / "estimates.csv", dtype=str)
    assert set(en["estimate_method"]) == set(estimates.loc[estimates["stream_id"] == "pv-regioner", "method_en"])


# The validation is real: frictionless catches what our schema forbids ---------------------------------------


def _tamper(folder: Path, csv_text: str, loose: bool = True) -> frictionless.Report:
    (folder / "data.csv").write_bytes(csv_text.encode("utf-8"))
    if loose:  # without the declared size and hash, so each check below is the only error
        desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        for key in ("bytes", "hash", "rows"):
            desc["resources"][0].pop(key)
        (folder / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    return frictionless.validate(str(folder / "datapackage.json"))


def test_frictionless_catches_what_the_schema_forbids(ds, tmp_path):
    view = ds.view[ds.view["year"] == 2025]
    good = package(ds, view)
    unzip(good, tmp_path / "good")
    csv_text = (tmp_path / "good" / "data.csv").read_bytes().decode("utf-8")
    lines = csv_text.split("\r\n")
    assert lines[1].count(",decided,") == 1

    def check(name: str, text: str, loose: bool = True) -> set[str]:
        folder = tmp_path / name
        unzip(good, folder)
        report = _tamper(folder, text, loose)
        assert not report.valid, name
        return {kind for kind, _ in errors(report)}

    # Changed data behind an unchanged descriptor: the declared hash and size no longer match.
    assert {"hash-count", "byte-count"} <= check("tampered", csv_text.replace(",decided,", ",beslutat,", 1), False)
    assert check("duplicate", "\r\n".join([*lines[:-1], lines[1], ""])) == {"primary-key"}
    assert check("status", csv_text.replace(",decided,", ",maybe,", 1)) == {"constraint-error"}
    bad_amount = lines[1].replace(",decided,", ",decided,x", 1)
    assert check("amount", csv_text.replace(lines[1], bad_amount, 1)) == {"type-error"}
    assert check("header", csv_text.replace("amount_sek", "amount", 1)) == {"incorrect-label"}

    def with_cell(column: str, value: str) -> str:
        """data.csv with one cell of the first row changed (parsed as CSV: names hold quoted commas)."""
        records = list(csv.reader(io.StringIO(csv_text)))
        records[1][records[0].index(column)] = value
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(records)
        return out.getvalue()

    assert check("source", with_cell("source_id", "")) == {"constraint-error"}  # required
    assert check("basis", with_cell("basis", "guessed")) == {"constraint-error"}  # enum
    assert check("level", with_cell("recipient_level", "kommun")) == {"constraint-error"}  # enum
    assert check("code", with_cell("region_code", "1")) == {"constraint-error"}  # pattern: two digits
    assert check("population", with_cell("population", "-1")) == {"constraint-error"}  # minimum 0
    assert check("date", with_cell("population_date", "1/11/2024")) == {"type-error"}


def test_frictionless_catches_a_bad_descriptor(tmp_path):
    (tmp_path / "d.csv").write_text("a\n1\n", encoding="utf-8")

    def problems(name: str, schema: dict) -> list[tuple[str, str]]:
        desc = {"name": name, "resources": [{"name": "r", "path": "d.csv", "schema": schema}]}
        (tmp_path / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
        report = frictionless.validate(str(tmp_path / "datapackage.json"))
        assert not report.valid
        return [(e.type, e.note) for e in report.errors] + errors(report)

    assert any(kind == "package-error" and "'Bad Name'" in note
               for kind, note in problems("Bad Name", {"fields": [{"name": "a", "type": "integer"}]}))
    assert ("field-error", 'field type "money" is not supported') in problems(
        "x", {"fields": [{"name": "a", "type": "money"}]})
    assert any(kind == "schema-error" and "primary key" in note
               for kind, note in problems("x", {"fields": [{"name": "a", "type": "integer"}], "primaryKey": ["b"]}))
    # Our own schema has none of these faults: every type and the primary key's fields are known.
    schema = frictionless.Schema.from_descriptor(datapackage.schema())
    assert schema.primary_key == ["year", "stream_id", "recipient"]
    assert set(schema.primary_key) <= set(schema.field_names)
    assert {f.type for f in schema.fields} == {"year", "string", "integer", "date", "number"}
    assert datapackage.FILE_STEM == "statsbidrag-psykisk-halsa"  # a valid package name, unlike "Bad Name"


def test_the_package_names_every_source_of_the_dataset_and_what_changed(ds, tmp_path):
    # Issue 11: the 2026 supplementary agreement (S2025/02060) states the total its parts are reconciled with;
    # no row cites it, yet a package of the whole dataset must name it, and the change log per release.
    unzip(package(ds, ds.view, {}, "sv"), tmp_path)
    desc = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    named = {s["source_id"] for s in desc["sources"]} | {s["source_id"] for s in desc["dataset_other_sources"]}
    assert named == set(ds.sources["source_id"]) and len(named) == 66
    assert not {s["source_id"] for s in desc["sources"]} & {s["source_id"] for s in desc["dataset_other_sources"]}
    assert any(s.get("diarienummer") == "S2025/02060" for s in desc["dataset_other_sources"])
    assert [c["release"] for c in desc["dataset_changes"]] == list(ds.changes["release"])
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "## Vad som ändrats i datan, per version" in readme and "- 2026-11-25: Första versionen" in readme
    assert "S2025/02060" in readme and "<NA>" not in readme
    frictionless.Package(str(tmp_path / "datapackage.json"))   # extra keys do not break the descriptor
