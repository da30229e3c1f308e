"""Build: data/raw transcriptions -> validated, reconciled, audited curated tables (data/curated), atomically.

# Load inputs: the fixed files and the declared transcriptions (tables.py).
# Process data: mapping.csv turns cells into allocations and population.csv its columns into populations
#   (mapping.py), the build adds estimates and rests (derive.py), checks every printed total (reconcile.py)
#   and recomputes every key (audit.py).
# Save outputs: Parquet files and a manifest swapped into place together (store.py), and the reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import paths
from . import schema
from .audit import key_audit
from .derive import estimates, rests
from .mapping import BuildError, check_duplicates, map_tables, population
from .rawio import RawDataError, require_in
from .reconcile import apply_tolerances, stated_checks, table_checks
from .store import write_tables
from .tables import Raw, read_raw

__all__ = ["BuildError", "BuildResult", "RawDataError", "build", "build_tables"]

TOTAL_COLUMNS = ["amount_id", "year", "grant_id", "role", "scope", "scope_levels", "scope_streams", "amount_sek",
                 "status", "source_id", "source_table", "source_line", "source_row"]
ALTERNATIVE_COLUMNS = ["amount_id", "instead_of", "year", "grant_id", "amount_sek", "status", "source_id",
                       "source_table", "source_line", "source_row", "note_sv", "note_en"]


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    version: str
    tables: dict[str, pd.DataFrame]


def _check_references(raw: Raw) -> None:
    sources = set(raw["sources.csv"]["source_id"])
    codes = set(raw["regions.csv"]["region_code"])
    grants = set(raw["grants.csv"]["grant_id"])
    streams = set(raw["streams.csv"]["stream_id"])
    require_in(raw["region_names.csv"], "region_names.csv", "region_code", codes, "region code")
    require_in(raw["grants.csv"], "grants.csv", "source_id", sources, "source id")
    require_in(raw["streams.csv"], "streams.csv", "grant_id", grants, "grant id")
    require_in(raw["streams.csv"], "streams.csv", "focus_area", set(raw["focus_areas.csv"]["focus_id"]), "focus area")
    require_in(raw["streams.csv"], "streams.csv", "key_same_as", streams, "stream id")
    require_in(raw["worded.csv"], "worded.csv", "source_id", sources, "source id")
    require_in(raw["worded.csv"], "worded.csv", "grant_id", grants, "grant id")
    require_in(raw["frames.csv"], "frames.csv", "source_id", sources, "source id")
    require_in(raw["population.csv"], "population.csv", "source_id", sources, "source id")
    for table, frame in raw.tables.items():
        if "source_id" in frame.columns:
            require_in(frame, table, "source_id", sources, "source id")
    missing = codes - set(raw["region_names.csv"]["region_code"])
    if missing:
        raise RawDataError("data/raw/region_names.csv", None, "region_code", "a variant for every region",
                           f"none for {sorted(missing)}")
    for _, s in raw["streams.csv"].iterrows():
        if s["recipient_level"] in ("skr", "agency", "organisation") and not (s["recipient_sv"] and s["recipient_en"]):
            raise RawDataError("data/raw/streams.csv", int(s["_line"]), "recipient_sv",
                               f"the recipient's name for money to {s['recipient_level']}", "")


def _check_catalogue(raw: Raw, alloc: pd.DataFrame) -> None:
    """Every grant-year in grants.csv has an amount or a worded entry; every worded entry a grant-year; and the
    catalogue's status is the status of the grant-year's amounts (an estimate may split a decided total), so
    that a grant is never listed as decided while the only amount known is an announcement."""
    with_amount = set(zip(alloc["grant_id"], alloc["year"], strict=True))
    statuses = alloc.groupby(["grant_id", "year"])["status"].agg(lambda s: set(s))
    worded = raw["worded.csv"]
    with_words = {(g, None if pd.isna(y) else y) for g, y in zip(worded["grant_id"], worded["year"], strict=True)}
    listed = set()
    for _, g in raw["grants.csv"].iterrows():
        key = (g["grant_id"], None if pd.isna(g["year"]) else g["year"])
        listed.add(key)
        if key not in with_amount | with_words:
            raise RawDataError("data/raw/grants.csv", int(g["_line"]), "grant_id",
                               "a grant-year with an amount (mapping.csv) or a worded entry (worded.csv)",
                               f"{g['grant_id']} {g['year']}")
        if key in with_amount:
            allowed = {g["status"], "estimated"} if g["status"] == "decided" else {g["status"]}
            if statuses[key] - allowed:
                raise RawDataError("data/raw/grants.csv", int(g["_line"]), "status",
                                   f"the status of its amounts ({', '.join(sorted(statuses[key]))})", g["status"])
    for _, w in worded.iterrows():
        if pd.notna(w["year"]) and (w["grant_id"], w["year"]) not in listed:
            raise RawDataError("data/raw/worded.csv", int(w["_line"]), "year",
                               f"a year of {w['grant_id']} in grants.csv", w["year"])


def _check_not_counted(raw: Raw, alloc: pd.DataFrame, totals: pd.DataFrame) -> None:
    """Every amount left out names what it is: the figures it repeats or contains exist, a repeat names them,
    and only a page without amounts leaves the amount empty (tests/test_provenance.py reads the pages)."""
    known = (set(alloc["amount_id"].dropna()) | set(totals["amount_id"].dropna())
             | set(raw["worded.csv"]["worded_id"]) | set(raw["frames.csv"]["frame_id"]))
    for _, row in raw["not_counted.csv"].iterrows():
        where = ("data/raw/not_counted.csv", int(row["_line"]))
        refs = [r for r in (row["refs"] or "").split(";") if r]
        for ref in refs:
            if ref not in known:
                raise RawDataError(*where, "refs", "an amount_id, worded_id or frame_id", ref)
        if row["why"] in ("same-money", "no-amount") and not refs:
            raise RawDataError(*where, "refs", f"the figures that '{row['why']}' points to", "")
        if (row["why"] == "no-amount") != (not row["amount_as_printed"]):
            raise RawDataError(*where, "amount_as_printed", "empty exactly when why is no-amount",
                               row["amount_as_printed"] or "")


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop(columns=["_line"], errors="ignore").reset_index(drop=True)


def build_tables(raw_root: Path | None = None) -> dict[str, pd.DataFrame]:
    # Load inputs.
    raw = read_raw(Path(raw_root) if raw_root else paths.raw_dir())
    _check_references(raw)

    # Process data.
    mapped = map_tables(raw)
    pop = population(raw)
    totals = mapped.totals.reindex(columns=[*TOTAL_COLUMNS, "stream_id", "recipient_level", "recipient",
                                            "recipient_en", "column"])
    estimated = estimates(raw, totals, pop)
    leaves = pd.concat([f for f in (mapped.parts, estimated) if len(f)], ignore_index=True)
    alloc = pd.concat([f for f in (leaves, rests(totals, leaves)) if len(f)], ignore_index=True)
    check_duplicates(alloc.to_dict("records"))  # a rest or an estimate must not land on a printed leaf
    alloc = alloc.reindex(columns=list(schema.ALLOCATION_COLUMNS)).astype(
        {"year": "int64", "amount_sek": "int64", "source_line": "int64"})
    alloc = alloc.sort_values(["year", "grant_id", "stream_id", "recipient_level", "region_code"], ignore_index=True)
    _check_catalogue(raw, alloc)
    _check_not_counted(raw, alloc, totals)
    checks = apply_tolerances(raw, table_checks(raw) + stated_checks(totals, alloc))

    # Save outputs (the caller writes them).
    copied = ("regions", "region_names", "sources", "grants", "streams", "focus_areas", "worded", "frames",
              "not_counted", "changes")
    return {
        "allocations": alloc,
        **{name: _clean(raw[f"{name}.csv"]) for name in copied},
        "population": pop,
        "totals": totals[TOTAL_COLUMNS].reset_index(drop=True),
        "alternatives": mapped.alternatives.reindex(columns=ALTERNATIVE_COLUMNS),
        "reconciliation": checks,
        "key_audit": key_audit(raw, alloc, pop),
    }


def build(raw_root: Path | None = None, out_dir: Path | None = None, reports: Path | None = None) -> BuildResult:
    tables = build_tables(raw_root)
    out = Path(out_dir) if out_dir else paths.curated_dir()
    version = write_tables(tables, out)
    from .reports import write_reports  # reports depend on the built tables only

    write_reports(tables, Path(reports) if reports else paths.reports_dir())
    return BuildResult(out, version, tables)
