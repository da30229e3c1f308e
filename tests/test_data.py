"""The curated dataset against the source tables: every published cell, totals, keys, estimates."""

from __future__ import annotations

import csv
import shutil
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

from funding import build, model, paths, reports
from funding.rawio import RawDataError

RAW = paths.raw_dir()


def raw_rows(name: str) -> list[dict[str, str]]:
    with open(RAW / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def amount(ds, year, stream, code="", level=None) -> int:
    a = ds.allocations
    rows = a[(a["year"] == year) & (a["stream_id"] == stream) & (a["region_code"] == code)]
    if level:
        rows = rows[rows["recipient_level"] == level]
    assert len(rows) == 1, (year, stream, code, len(rows))
    return int(rows["amount_sek"].iloc[0])


def code_of(name: str) -> str:
    variants = {r["variant"]: r["region_code"] for r in raw_rows("region_names.csv")}
    return variants[name.strip()]


# Every published cell, exactly once, with its source. ----------------------------------

TABLE_CELLS = [
    ("tables/pv2025_bilaga.csv", "region_as_printed", 2025, {"amount_sek": "pv-regioner"}),
    ("tables/psykiatri2026_bilaga.csv", "county_as_printed", 2026,
     {"vardkapacitet_sek": "psyk-vardkapacitet", "sjalvvald_inlaggning_sek": "psyk-sjalvvald-inlaggning",
      "flexibla_overgangar_sek": "psyk-flexibla-overgangar"}),
    ("tables/ok2025_regioner.csv", "region_as_printed", 2025,
     {"suicidprevention_sek": "ok-region-suicidprevention", "komplexa_behov_sek": "ok-region-komplexa-behov"}),
    ("tables/ok2025_lansgemensamma.csv", "county_as_printed", 2025,
     {"strategi_sek": "ok-lan-strategi", "komplexa_behov_sek": "ok-lan-komplexa-behov",
      "suicidprevention_sek": "ok-lan-suicidprevention"}),
]


@pytest.mark.parametrize(("file", "name_col", "year", "columns"), TABLE_CELLS)
def test_every_published_cell_is_present_once_with_its_source(ds, file, name_col, year, columns):
    body = [r for r in raw_rows(file) if r["row_kind"] != "total"]
    assert len(body) == 21
    a = ds.allocations
    for row in body:
        code = code_of(row[name_col])
        for column, stream in columns.items():
            match = a[(a["year"] == year) & (a["stream_id"] == stream) & (a["region_code"] == code)]
            assert len(match) == 1, (file, row[name_col], column)
            assert int(match["amount_sek"].iloc[0]) == int(row[column])
            assert match["source_id"].iloc[0] == row["source_id"]
            assert match["source_table"].iloc[0] == file
    # Nothing extra: the stream has exactly the 21 published cells for that year.
    for stream in columns.values():
        assert len(a[(a["year"] == year) & (a["stream_id"] == stream)]) == 21


def test_spot_values_as_printed(ds):
    assert amount(ds, 2025, "pv-regioner", "01") == 115_800_812
    assert amount(ds, 2025, "pv-regioner", "09") == 2_857_807
    assert amount(ds, 2026, "psyk-vardkapacitet", "14") == 191_233_308
    assert amount(ds, 2026, "psyk-flexibla-overgangar", "09") == 772_278
    assert amount(ds, 2025, "ok-region-komplexa-behov", "01") == 116_734_689
    assert amount(ds, 2025, "ok-lan-suicidprevention", "09") == 5_547_362
    assert amount(ds, 2025, "ok-lan-strategi", "12") == 7_000_000
    assert amount(ds, 2025, "ok-kommuner-barn-unga", "", "municipalities") == 250_000_000
    assert amount(ds, 2025, "ok-skr", "", "organisation") == 29_000_000
    assert amount(ds, 2025, "pv-socialstyrelsen", "", "organisation") == 4_000_000
    assert amount(ds, 2026, "psyk-socialstyrelsen", "", "organisation") == 10_000_000


def test_vg_history_by_purpose(ds):
    a = ds.allocations
    vg = a[a["year"].isin([2023, 2024])]
    assert set(vg["region_code"]) == {"14"} and set(vg["recipient_level"]) == {"county"}
    assert vg[vg["year"] == 2023]["amount_sek"].sum() == 81_364_628
    # The printed 2024 total is 106 679 943; the parts add up to one krona more (listed tolerance).
    assert vg[vg["year"] == 2024]["amount_sek"].sum() == 106_679_944
    assert amount(ds, 2024, "ok-lan-barn-unga", "14") == 41_917_629
    assert amount(ds, 2023, "ok-lan-ungdomsmottagningar", "14") == 25_064_083


# Totals per grant and stream. ----------------------------------------------------------

EXPECTED_TOTALS = {
    (2025, "primarvard"): 500_000_000,
    (2026, "primarvard"): 396_000_000,
    (2027, "primarvard"): 400_000_000,
    (2026, "psykiatri-vuxna"): 1_500_000_000,
    (2027, "psykiatri-vuxna"): 1_500_000_000,
    (2028, "psykiatri-vuxna"): 1_200_000_000,
    (2025, "ok-psykisk-halsa"): 1_560_000_000,
}

EXPECTED_STREAMS = {
    (2025, "pv-regioner"): 496_000_000,
    (2026, "psyk-vardkapacitet"): 1_140_000_000,
    (2026, "psyk-sjalvvald-inlaggning"): 200_000_000,
    (2026, "psyk-flexibla-overgangar"): 150_000_000,
    (2025, "ok-region-suicidprevention"): 288_000_000,
    (2025, "ok-region-komplexa-behov"): 500_000_000,
    (2025, "ok-lan-strategi"): 93_000_000,
    # The county table's printed column totals are 200 000 000 each; the published parts add to
    # one krona less and one more (tolerances.csv); the stored figures are the published parts.
    (2025, "ok-lan-komplexa-behov"): 199_999_999,
    (2025, "ok-lan-suicidprevention"): 200_000_001,
}


def test_totals_per_grant(ds):
    got = ds.allocations.groupby(["year", "grant_id"])["amount_sek"].sum()
    for key, expected in EXPECTED_TOTALS.items():
        assert got.loc[key] == expected, key


def test_totals_per_stream(ds):
    got = ds.allocations.groupby(["year", "stream_id"])["amount_sek"].sum()
    for key, expected in EXPECTED_STREAMS.items():
        assert got.loc[key] == expected, key


def test_headline_years(ds):
    a = ds.allocations
    assert a[a["year"] == 2025]["amount_sek"].sum() == 2_060_000_000
    assert a[a["year"] == 2026]["amount_sek"].sum() == 1_896_000_000


def test_reconciliation_has_no_failures_and_lists_every_rounding_difference(ds):
    rec = ds.reconciliation
    assert set(rec["result"]) <= {"ok", "tolerated"}
    tolerated = rec[rec["result"] == "tolerated"]
    assert len(tolerated) == len(raw_rows("tolerances.csv")) == 19
    assert tolerated["difference"].abs().max() == 1
    stockholm = rec[(rec["table"] == "tables/ok2025_regioner.csv") & (rec["row"] == "Stockholm")
                    & (rec["column"] == "totalt_belopp_sek")].iloc[0]
    assert (stockholm["published"], stockholm["computed"]) == (183_973_871, 183_973_870)


# Grants without exact figures. ---------------------------------------------------------


def test_grants_without_exact_figures_are_catalogued_but_never_allocated(ds):
    g = ds.grants
    vague = g[~g["has_exact_figures"]]
    assert set(zip(vague["grant_id"], vague["year"], strict=False)) == {
        ("psykiatri-vardplatser", 2025), ("psykiatri-overgangar", 2025), ("ok-psykisk-halsa", 2026)}
    assert set(vague["diarienummer"]) == {"S2025/01235", "S2025/01181", "S2025/00159"}
    assert vague["total_sek"].isna().all()
    assert "över 1,3 miljarder kronor" in set(vague["amount_as_worded"])
    a = ds.allocations
    assert a[a["grant_id"].isin(["psykiatri-vardplatser", "psykiatri-overgangar"])].empty
    assert a[(a["grant_id"] == "ok-psykisk-halsa") & (a["year"] == 2026)].empty


# The 2026 primary-care estimates. ------------------------------------------------------


def test_2026_estimates_sum_to_the_total_and_are_never_decided(ds):
    a = ds.allocations
    est = a[(a["year"] == 2026) & (a["grant_id"] == "primarvard")]
    assert len(est) == 21
    assert set(est["status"]) == {"estimated"}
    assert est["amount_sek"].sum() == 396_000_000
    assert est["estimate_method"].str.contains("största-rest").all()
    assert (ds.view[ds.view["status"] == "estimated"]["grant_id"] == "primarvard").all()


def test_2026_estimates_follow_the_population_key_exactly(ds):
    pop = {r["region_code"]: int(r["count"]) for _, r in ds.population.iterrows()}
    total = sum(pop.values())
    assert total == 10_587_140
    a = ds.allocations
    est = a[(a["year"] == 2026) & (a["grant_id"] == "primarvard")].set_index("region_code")["amount_sek"]
    for code, people in pop.items():
        exact = Fraction(396_000_000 * people, total)
        assert int(exact) <= est[code] <= int(exact) + 1, code
    # Stockholm: 396 000 000 x 2 471 773 / 10 587 140 = 92 453 873.9... kronor.
    assert est["01"] == 92_453_874


def test_largest_remainder_is_exact_and_stable():
    weights = pd.Series([1, 1, 1], index=["a", "b", "c"])
    assert build.largest_remainder(100, weights).tolist() == [34, 33, 33]
    weights = pd.Series([3, 5, 7, 11])
    parts = build.largest_remainder(1_000_001, weights)
    assert parts.sum() == 1_000_001
    exact = [Fraction(1_000_001 * w, 26) for w in weights]
    assert all(int(e) <= p <= int(e) + 1 for e, p in zip(exact, parts, strict=False))


# Key audit. ----------------------------------------------------------------------------


def summary(ds):
    return reports.audit_summary(ds.key_audit).set_index(["year", "stream_id"])


def test_key_audit_population_keys_recompute_within_a_krona(ds):
    s = summary(ds)
    for stream in ("pv-regioner", "ok-region-suicidprevention", "ok-region-komplexa-behov",
                   "ok-lan-komplexa-behov", "ok-lan-suicidprevention"):
        assert s.loc[(2025, stream), "recipients"] == 21
        assert s.loc[(2025, stream), "max_abs_deviation_sek"] < 1, stream
    assert s.loc[(2025, "ok-lan-strategi"), "max_abs_deviation_sek"] == 0


def test_key_audit_implied_shares_for_keys_missing_from_sources(ds):
    audit = ds.key_audit
    cap = audit[audit["stream_id"] == "psyk-vardkapacitet"]
    assert abs(cap["implied_share"].sum() - 1) < 1e-12
    assert cap["key_basis"].str.contains("finns inte i källorna").all()
    stockholm = cap.set_index("region_code").loc["01"]
    assert stockholm["implied_share"] == pytest.approx(265_445_359 / 1_140_000_000)
    # The 18+ key is not the total population: the proxy deviation is large and reported, not hidden.
    assert summary(ds).loc[(2026, "psyk-vardkapacitet"), "max_abs_deviation_sek"] > 100_000
    # Same key for self-chosen admission: recomputed from care capacity's shares within a krona.
    assert summary(ds).loc[(2026, "psyk-sjalvvald-inlaggning"), "max_abs_deviation_sek"] < 1


def test_committed_reports_match_a_fresh_build(ds, tmp_path):
    tables = build.build_tables()
    reports.write_reports(tables, tmp_path)
    for name in ("reconciliation.md", "key_audit.md"):
        committed = (paths.reports_dir() / name).read_text(encoding="utf-8")
        assert committed == (tmp_path / name).read_text(encoding="utf-8"), f"run make data and commit {name}"


# A broken raw file stops the build with a precise message, and writes nothing. -------


@pytest.fixture()
def raw_copy(tmp_path) -> Path:
    target = tmp_path / "raw"
    shutil.copytree(RAW, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_malformed_number_names_file_line_column_expected_and_found(raw_copy):
    edit(raw_copy / "tables/pv2025_bilaga.csv", ",115800812", ",115 800 812")
    with pytest.raises(RawDataError) as err:
        build.build_tables(raw_copy)
    assert str(err.value) == (
        "data/raw/tables/pv2025_bilaga.csv, line 2, column 'amount_sek': "
        "expected a whole number >= 0 <= 10000000000 (digits only, no spaces), found '115 800 812'")


def test_unknown_region_name_is_reported(raw_copy):
    edit(raw_copy / "tables/psykiatri2026_bilaga.csv", "Gotlands län,", "Gottland,")
    with pytest.raises(RawDataError, match=r"psykiatri2026_bilaga.csv, line 9, column 'county_as_printed': "
                                           r"expected a region name listed in region_names.csv, found 'Gottland'"):
        build.build_tables(raw_copy)


def test_wrong_status_value_is_reported(raw_copy):
    edit(raw_copy / "grants.csv", "socialstyrelsen,announced", "socialstyrelsen,planned")
    with pytest.raises(RawDataError, match=r"grants.csv, line 4, column 'status': "
                                           r"expected one of decided, announced, found 'planned'"):
        build.build_tables(raw_copy)


def test_duplicate_key_is_reported(raw_copy):
    path = raw_copy / "sources.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(RawDataError, match=r"sources.csv, line 7, column 'source_id': expected a unique key"):
        build.build_tables(raw_copy)


def test_missing_column_is_reported(raw_copy):
    edit(raw_copy / "regions.csv", ",metropolitan", "")
    with pytest.raises(RawDataError, match=r"regions.csv, line 1: expected header .*missing \['metropolitan'\]"):
        build.build_tables(raw_copy)


def test_a_changed_figure_breaks_reconciliation_with_the_amounts(raw_copy):
    edit(raw_copy / "tables/psykiatri2026_bilaga.csv", "265445359", "265445358")
    with pytest.raises(build.BuildError) as err:
        build.build_tables(raw_copy)
    message = str(err.value)
    assert "psykiatri2026_bilaga.csv / Stockholms län / totalt_per_region_sek: printed 347393632, " \
           "sum of parts 347393631 (difference -1)" in message
    assert "Summa / vardkapacitet_sek: printed 1140000000, sum of parts 1139999999" in message


def test_stale_tolerance_is_reported(raw_copy):
    edit(raw_copy / "tables/ok2025_regioner.csv", "183973871", "183973870")
    with pytest.raises(build.BuildError, match=r"tolerances.csv, line 2: .*Stockholm.*reconciles exactly"):
        build.build_tables(raw_copy)


def test_failed_build_leaves_existing_curated_data_untouched(raw_copy, tmp_path):
    out = tmp_path / "curated"
    build.build(raw_copy, out, tmp_path / "reports")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    edit(raw_copy / "tables/pv2025_bilaga.csv", ",115800812", ",x")
    with pytest.raises(RawDataError):
        build.build(raw_copy, out, tmp_path / "reports")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".curated")]
    assert model.load(out).version


# The export contract. ------------------------------------------------------------------


def test_export_contract_columns_and_types(ds):
    from funding import export

    frame = pd.read_csv(pd.io.common.BytesIO(export.to_csv(ds.view)), dtype={"region_code": str},
                        keep_default_na=False)
    assert list(frame.columns) == list(model.EXPORT_COLUMNS)
    assert len(frame) == len(ds.allocations) == 225
    assert frame["amount_sek"].dtype == "int64"
    assert frame["amount_sek"].sum() == ds.allocations["amount_sek"].sum()
    assert set(frame["recipient_level"]) == {"region", "county", "municipalities", "organisation"}
    assert set(frame["status"]) == {"decided", "estimated", "announced"}
    assert set(frame["region_code"]) == set(ds.region_codes) | {""}
    vg = frame[(frame["year"] == 2025) & (frame["region_code"] == "14") & (frame["stream_id"] == "pv-regioner")]
    assert vg.iloc[0]["region_name"] == "Västra Götaland"
    assert vg.iloc[0]["population"] == "1773015"
    assert vg.iloc[0]["sek_per_capita"] == "46.85"
    organisations = frame[frame["recipient_level"] == "organisation"]
    assert (organisations["population"] == "").all() and (organisations["sek_per_capita"] == "").all()
    assert pd.to_numeric(frame["population"].replace("", None)).dropna().astype(int).min() == 61_000


# Provenance: every transcribed figure can be found, as printed, in its source document. --

SOURCE_TEXT_DIR = paths.SOURCES_DIR


def printed(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def source_text(source_id: str) -> str:
    files = {r["source_id"]: r["file"] for r in raw_rows("sources.csv")}
    path = SOURCE_TEXT_DIR / files[source_id]
    if not path.exists():
        pytest.skip(f"source documents not found at {SOURCE_TEXT_DIR}")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("file", ["tables/pv2025_bilaga.csv", "tables/psykiatri2026_bilaga.csv",
                                  "tables/ok2025_regioner.csv", "tables/ok2025_lansgemensamma.csv",
                                  "tables/ok2025_fordelningstabell.csv", "tables/vg_lansgemensamma_2023_2024.csv"])
def test_every_transcribed_figure_appears_in_its_source_document(file):
    for row in raw_rows(file):
        text = source_text(row["source_id"])
        for column, value in row.items():
            if value and (column.endswith("_sek") or column.startswith("population_")):
                assert printed(int(value)) in text, (file, row, column)


def test_grant_totals_and_reference_numbers_appear_in_their_sources():
    for row in raw_rows("grants.csv"):
        text = source_text(row["source_id"])
        for column in ("total_sek", "distributed_sek", "admin_sek"):
            if row[column]:
                value = int(row[column])
                words = {printed(value), f"{value // 1_000_000} miljoner", f"{value // 1_000_000} miljoner kronor"}
                assert any(w in text for w in words), (row["grant_id"], row["year"], column)
        for number in filter(None, (n.strip() for n in row["diarienummer"].split(";"))):
            assert number in text or number in source_text("pv2026-anvisningar"), number
        if row["amount_as_worded"]:
            first_words = row["amount_as_worded"].split(" (")[0].split(" …")[0]
            assert first_words in " ".join(text.split()), row["amount_as_worded"]  # PDF line breaks
