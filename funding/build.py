"""Build the curated dataset from data/raw: validate, reconcile, audit keys, write atomically."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from . import paths, schema
from .rawio import RawDataError, read, require_in

POPULATION_DATE = "2024-11-01"  # the only population the sources print (annex of S2025/00397)
NATIONAL = ""  # region_code of amounts that are not broken down by region

PV2026_METHOD = (
    "Skattning: 396 000 000 kr fördelat efter regionernas andel av befolkningen 2024-11-01 "
    "(bilagan till S2025/00397, den senaste befolkning källorna anger; Socialstyrelsen använder "
    "2025-11-01), hela kronor, största-rest-avrundning så att summan blir exakt 396 000 000 kr."
)


class BuildError(ValueError):
    """The raw data are consistent cell by cell but do not add up; nothing is written."""


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    version: str
    tables: dict[str, pd.DataFrame]


# Load inputs. --------------------------------------------------------------------------


def load_raw(raw_root: Path | None = None) -> dict[str, pd.DataFrame]:
    root = raw_root or paths.raw_dir()
    raw = {s.file: read(s, root) for s in schema.ALL_RAW}
    _check_references(raw)
    return raw


def _check_references(raw: dict[str, pd.DataFrame]) -> None:
    sources = set(raw["sources.csv"]["source_id"])
    codes = set(raw["regions.csv"]["region_code"])
    grants = set(raw["grants.csv"]["grant_id"])
    focus = set(raw["focus_areas.csv"]["focus_id"])
    require_in(raw["region_names.csv"], "region_names.csv", "region_code", codes, "region code")
    require_in(raw["grants.csv"], "grants.csv", "source_id", sources, "source id")
    require_in(raw["streams.csv"], "streams.csv", "grant_id", grants, "grant id")
    require_in(raw["streams.csv"], "streams.csv", "focus_area", focus, "focus area")
    for s in (schema.PV2025, schema.PSYK2026, schema.OK2025_REGIONS, schema.OK2025_COUNTIES,
              schema.OK2025_DISTRIBUTION, schema.VG_HISTORY):
        require_in(raw[s.file], s.file, "source_id", sources, "source id")
    # Every region and every name variant must map to exactly one code.
    missing = codes - set(raw["region_names.csv"]["region_code"])
    if missing:
        raise RawDataError("data/raw/region_names.csv", None, "region_code", "a variant for every region",
                           f"none for {sorted(missing)}")


def _resolve(raw: dict[str, pd.DataFrame], file: str, frame: pd.DataFrame, name_col: str,
             code_col: str | None = None) -> pd.Series:
    """Map the region name as printed (and the printed code, if any) to the SCB code."""
    variants = dict(zip(raw["region_names.csv"]["variant"], raw["region_names.csv"]["region_code"], strict=False))
    codes = []
    for _, row in frame.iterrows():
        name = row[name_col].strip()
        if name not in variants:
            raise RawDataError(f"data/raw/{file}", int(row["_line"]), name_col,
                               "a region name listed in region_names.csv", row[name_col])
        code = variants[name]
        if code_col and pd.notna(row[code_col]) and row[code_col] != code:
            raise RawDataError(f"data/raw/{file}", int(row["_line"]), code_col,
                               f"code {code} for {name}", row[code_col])
        codes.append(code)
    resolved = pd.Series(codes, index=frame.index)
    dup = resolved[resolved.duplicated()]
    if not dup.empty:
        line = int(frame.loc[dup.index[0], "_line"])
        raise RawDataError(f"data/raw/{file}", line, name_col, "each region once", f"region {dup.iloc[0]} twice")
    if set(resolved) != set(raw["regions.csv"]["region_code"]):
        raise RawDataError(f"data/raw/{file}", None, name_col, "all 21 regions",
                           f"{len(set(resolved))} regions")
    return resolved


# Process data. -------------------------------------------------------------------------


def largest_remainder(total: int, weights: pd.Series) -> pd.Series:
    """Split a whole-krona total by weights so the parts are whole kronor summing to total.

    Each part gets the floor of its exact share; the kronor left over go, one each, to the
    largest fractional remainders (ties broken by the index order, so the result is stable).
    """
    weights = weights.astype("int64")
    denominator = int(weights.sum())
    exact_num = weights * total  # integer arithmetic: no float rounding for kronor
    floors = exact_num // denominator
    remainders = exact_num - floors * denominator
    left = total - int(floors.sum())
    order = remainders.sort_values(ascending=False, kind="stable").index[:left]
    floors.loc[order] += 1
    return floors.astype("int64")


def _rows(year, grant, stream, level, codes, amounts, status, source_id, table, labels, method=""):
    return pd.DataFrame({
        "year": year, "grant_id": grant, "stream_id": stream, "recipient_level": level,
        "region_code": list(codes), "amount_sek": list(amounts), "status": status,
        "source_id": source_id, "source_table": table, "source_row": list(labels), "estimate_method": method,
    })


def population(raw: dict[str, pd.DataFrame]) -> pd.DataFrame:
    pv = raw[schema.PV2025.file]
    body = pv[pv["row_kind"] == "region"]
    codes = _resolve(raw, schema.PV2025.file, body, "region_as_printed")
    return pd.DataFrame({
        "region_code": codes.values, "ref_date": POPULATION_DATE, "age_group": "total",
        "count": body["population_2024_11_01"].astype("int64").values, "source_id": body["source_id"].values,
    }).sort_values("region_code", ignore_index=True)


def allocations(raw: dict[str, pd.DataFrame]) -> pd.DataFrame:
    grants = raw["grants.csv"].set_index(["grant_id", "year"])
    parts = []

    # Primary care 2025: the annex, per region, plus Socialstyrelsen's administration.
    f = schema.PV2025.file
    body = raw[f][raw[f]["row_kind"] == "region"]
    codes = _resolve(raw, f, body, "region_as_printed")
    parts.append(_rows(2025, "primarvard", "pv-regioner", "region", codes, body["amount_sek"], "decided",
                       "pv2025-beslut", f, body["region_as_printed"]))
    g = grants.loc[("primarvard", 2025)]
    parts.append(_rows(2025, "primarvard", "pv-socialstyrelsen", "organisation", [NATIONAL], [g["admin_sek"]],
                       "decided", g["source_id"], "grants.csv", ["Socialstyrelsen (administration)"]))

    # Primary care 2026: only the total is published; estimate per region from the documented key.
    g = grants.loc[("primarvard", 2026)]
    pop = population(raw)
    est = largest_remainder(int(g["distributed_sek"]), pop["count"])
    parts.append(_rows(2026, "primarvard", "pv-regioner", "region", pop["region_code"], est, "estimated",
                       g["source_id"], "grants.csv", ["Skattning"] * len(pop), PV2026_METHOD))

    # Specialised adult psychiatry 2026: three streams per county, plus Socialstyrelsen's own work.
    f = schema.PSYK2026.file
    body = raw[f][raw[f]["row_kind"] == "region"]
    codes = _resolve(raw, f, body, "county_as_printed")
    for column, stream in (("vardkapacitet_sek", "psyk-vardkapacitet"),
                           ("sjalvvald_inlaggning_sek", "psyk-sjalvvald-inlaggning"),
                           ("flexibla_overgangar_sek", "psyk-flexibla-overgangar")):
        parts.append(_rows(2026, "psykiatri-vuxna", stream, "region", codes, body[column], "decided",
                           "psyk2026-beslut", f, body["county_as_printed"]))
    g = grants.loc[("psykiatri-vuxna", 2026)]
    parts.append(_rows(2026, "psykiatri-vuxna", "psyk-socialstyrelsen", "organisation", [NATIONAL],
                       [g["admin_sek"]], "decided", g["source_id"], "grants.csv", ["Socialstyrelsen (eget arbete)"]))

    # Announced totals that the sources do not break down.
    for grant, year, stream in (("primarvard", 2027, "pv-ej-fordelat"), ("psykiatri-vuxna", 2027, "psyk-ej-fordelat"),
                                ("psykiatri-vuxna", 2028, "psyk-ej-fordelat")):
        g = grants.loc[(grant, year)]
        parts.append(_rows(year, grant, stream, "region", [NATIONAL], [g["total_sek"]], "announced",
                           g["source_id"], "grants.csv", ["Aviserat, ej fördelat"]))

    # State-SKR agreement 2025.
    f = schema.OK2025_REGIONS.file
    body = raw[f][raw[f]["row_kind"] == "region"]
    codes = _resolve(raw, f, body, "region_as_printed", "code_as_printed")
    for column, stream in (("suicidprevention_sek", "ok-region-suicidprevention"),
                           ("komplexa_behov_sek", "ok-region-komplexa-behov")):
        parts.append(_rows(2025, "ok-psykisk-halsa", stream, "region", codes, body[column], "decided",
                           "ok2025-skr", f, body["region_as_printed"]))
    f = schema.OK2025_COUNTIES.file
    body = raw[f][raw[f]["row_kind"] == "county"]
    codes = _resolve(raw, f, body, "county_as_printed", "code_as_printed")
    for column, stream in (("strategi_sek", "ok-lan-strategi"), ("komplexa_behov_sek", "ok-lan-komplexa-behov"),
                           ("suicidprevention_sek", "ok-lan-suicidprevention")):
        parts.append(_rows(2025, "ok-psykisk-halsa", stream, "county", codes, body[column], "decided",
                           "ok2025-skr", f, body["county_as_printed"]))
    f = schema.OK2025_DISTRIBUTION.file
    dist = raw[f].set_index("area_as_printed")
    kommun = dist.loc["Insatser som främjar psykisk hälsa och förebygger psykisk ohälsa bland barn och unga"]
    parts.append(_rows(2025, "ok-psykisk-halsa", "ok-kommuner-barn-unga", "municipalities", [NATIONAL],
                       [kommun["kommun_sek"]], "decided", "ok2025-skr", f, ["Kommun"]))
    skr = dist.loc["Strategisk samverkan med berörda myndigheter och utvecklingsarbete"]
    parts.append(_rows(2025, "ok-psykisk-halsa", "ok-skr", "organisation", [NATIONAL], [skr["skr_sek"]],
                       "decided", "ok2025-skr", f, ["SKR"]))

    # Västra Götaland's county-joint funds 2023 and 2024, by purpose.
    f = schema.VG_HISTORY.file
    body = raw[f][raw[f]["row_kind"] == "purpose"]
    purpose_stream = {
        "Brukarmedverkan": "ok-lan-brukarmedverkan", "Suicidprevention": "ok-lan-suicidprevention",
        "Ungdomsmottagningar": "ok-lan-ungdomsmottagningar", "Samsjuklighet": "ok-lan-samsjuklighet",
        "Barn och unga": "ok-lan-barn-unga",
        "Stärka samverkan för personer med samsjuklighet": "ok-lan-samsjuklighet",
    }
    for _, row in body.iterrows():
        if row["purpose_as_printed"] not in purpose_stream:
            raise RawDataError(f"data/raw/{f}", int(row["_line"]), "purpose_as_printed", "a known purpose",
                               row["purpose_as_printed"])
        parts.append(_rows(int(row["year"]), "ok-psykisk-halsa", purpose_stream[row["purpose_as_printed"]], "county",
                           ["14"], [row["amount_sek"]], "decided", row["source_id"], f,
                           [f"{row['year']} {row['purpose_as_printed']}"]))

    out = pd.concat(parts, ignore_index=True)
    out["amount_sek"] = out["amount_sek"].astype("int64")
    out["year"] = out["year"].astype("int64")
    _check_streams(raw, out)
    return _with_recipient(raw, out).sort_values(
        ["year", "grant_id", "stream_id", "recipient_level", "region_code"], ignore_index=True)


def _check_streams(raw: dict[str, pd.DataFrame], alloc: pd.DataFrame) -> None:
    streams = raw["streams.csv"].set_index("stream_id")
    for (stream, grant, level), _ in alloc.groupby(["stream_id", "grant_id", "recipient_level"]):
        if stream not in streams.index:
            raise BuildError(f"stream {stream} is used but not listed in data/raw/streams.csv")
        s = streams.loc[stream]
        if s["grant_id"] != grant or s["recipient_level"] != level:
            raise BuildError(f"stream {stream}: streams.csv says {s['grant_id']}/{s['recipient_level']}, "
                             f"the allocation says {grant}/{level}")
    key = ["year", "grant_id", "stream_id", "recipient_level", "region_code"]
    dup = alloc[alloc.duplicated(key)]
    if not dup.empty:
        raise BuildError(f"duplicate allocation {dup.iloc[0][key].to_dict()}")


def _with_recipient(raw: dict[str, pd.DataFrame], alloc: pd.DataFrame) -> pd.DataFrame:
    regions = raw["regions.csv"].set_index("region_code")
    names = []
    for _, row in alloc.iterrows():
        code, level = row["region_code"], row["recipient_level"]
        if level == "region" and code:
            names.append(regions.loc[code, "organisation_name"])
        elif level == "county":
            names.append(regions.loc[code, "county_name"] + " (länsgemensamt)")
        elif level == "municipalities":
            names.append("Kommunerna")
        elif row["stream_id"] == "ok-skr":
            names.append("SKR")
        elif level == "organisation":
            names.append("Socialstyrelsen")
        else:
            names.append("Regionerna (ej fördelat)")
    alloc = alloc.copy()
    alloc["recipient"] = names
    return alloc[list(schema.ALLOCATION_COLUMNS)]


# Reconciliation. -----------------------------------------------------------------------


def reconcile(raw: dict[str, pd.DataFrame], alloc: pd.DataFrame) -> pd.DataFrame:
    """Compare every printed total with the sum of its printed parts; list every difference."""
    checks: list[dict] = []

    def add(table, row, column, kind, published, computed):
        checks.append({"table": table, "row": str(row), "column": column, "kind": kind,
                       "published": int(published), "computed": int(computed)})

    def table_totals(s: schema.Schema, label_col: str, body_kind: str, parts: list[str], total_col: str | None):
        frame = raw[s.file]
        body, total = frame[frame["row_kind"] == body_kind], frame[frame["row_kind"] == "total"].iloc[0]
        for col in parts + ([total_col] if total_col else []):
            add(s.file, total[label_col], col, "column_total", total[col], body[col].sum())
        if total_col:
            for _, row in body.iterrows():
                add(s.file, row[label_col], total_col, "row_total", row[total_col], sum(row[c] for c in parts))

    table_totals(schema.PV2025, "region_as_printed", "region", ["amount_sek"], None)
    table_totals(schema.PSYK2026, "county_as_printed", "region",
                 ["vardkapacitet_sek", "sjalvvald_inlaggning_sek", "flexibla_overgangar_sek"], "totalt_per_region_sek")
    table_totals(schema.OK2025_REGIONS, "region_as_printed", "region",
                 ["suicidprevention_sek", "komplexa_behov_sek"], "totalt_belopp_sek")
    table_totals(schema.OK2025_COUNTIES, "county_as_printed", "county",
                 ["strategi_sek", "komplexa_behov_sek", "suicidprevention_sek"], "totalt_belopp_sek")

    dist = raw[schema.OK2025_DISTRIBUTION.file]
    areas, total = dist[dist["row_kind"] == "area"], dist[dist["row_kind"] == "total"].iloc[0]
    recipients = ["lan_sek", "kommun_sek", "region_sek", "skr_sek"]
    for col in recipients:
        add(schema.OK2025_DISTRIBUTION.file, "Summa", col, "column_total", total[col], areas[col].fillna(0).sum())
    grand = dist[dist["row_kind"] == "grand_total"].iloc[0]
    add(schema.OK2025_DISTRIBUTION.file, "Summa total", "key_as_printed", "row_total",
        int(grand["key_as_printed"].replace(" ", "")), sum(total[c] for c in recipients))

    vg = raw[schema.VG_HISTORY.file]
    for year, frame in vg.groupby("year"):
        printed = frame[frame["row_kind"] == "total"].iloc[0]["amount_sek"]
        add(schema.VG_HISTORY.file, f"{year} Totalt", "amount_sek", "row_total", printed,
            frame[frame["row_kind"] == "purpose"]["amount_sek"].sum())

    # Cross-table: the per-recipient tables against the distribution table, and against the decisions' text.
    by_area = areas.set_index("area_as_printed")
    regions_total = raw[schema.OK2025_REGIONS.file].query("row_kind == 'total'").iloc[0]
    counties_total = raw[schema.OK2025_COUNTIES.file].query("row_kind == 'total'").iloc[0]
    suicide, complex_ = "Stärkt suicidpreventivt arbete", (
        "Utvecklade insatser för personer med komplexa behov med särskilt fokus på samsjuklighet och "
        "psykiatrisk heldygnsvård, tvångsvård och rättspsykiatrisk vård")
    cross = [
        ("ok2025_regioner.csv Riket", "suicidprevention_sek", by_area.loc[suicide, "region_sek"],
         regions_total["suicidprevention_sek"]),
        ("ok2025_regioner.csv Riket", "komplexa_behov_sek", by_area.loc[complex_, "region_sek"],
         regions_total["komplexa_behov_sek"]),
        ("ok2025_lansgemensamma.csv Riket", "strategi_sek",
         by_area.loc["Genomförande av den nationella strategin", "lan_sek"], counties_total["strategi_sek"]),
        ("ok2025_lansgemensamma.csv Riket", "komplexa_behov_sek", by_area.loc[complex_, "lan_sek"],
         counties_total["komplexa_behov_sek"]),
        ("ok2025_lansgemensamma.csv Riket", "suicidprevention_sek", by_area.loc[suicide, "lan_sek"],
         counties_total["suicidprevention_sek"]),
    ]
    for row, col, published, computed in cross:
        add("cross-table: " + schema.OK2025_DISTRIBUTION.file, row, col, "column_total", published, computed)

    grants = raw["grants.csv"]
    for _, g in grants.iterrows():
        key = f"{g['grant_id']} {g['year']}"
        if pd.notna(g["total_sek"]) and pd.notna(g["distributed_sek"]):
            admin = g["admin_sek"] if pd.notna(g["admin_sek"]) else 0
            add("grants.csv", key, "total_sek", "row_total", g["total_sek"], g["distributed_sek"] + admin)
        if g["coverage"] in ("full", "total_only") and g["has_exact_figures"]:
            printed = g["total_sek"] if pd.notna(g["total_sek"]) else g["distributed_sek"]
            got = alloc[(alloc["grant_id"] == g["grant_id"]) & (alloc["year"] == g["year"])]["amount_sek"].sum()
            add("allocations vs grants.csv", key, "amount_sek", "column_total", printed, got)

    result = pd.DataFrame(checks)
    result["difference"] = result["computed"] - result["published"]
    return _apply_tolerances(raw, result)


def _apply_tolerances(raw: dict[str, pd.DataFrame], checks: pd.DataFrame) -> pd.DataFrame:
    tol = raw["tolerances.csv"]
    listed = {(r["table"], r["row"], r["column"]): r for _, r in tol.iterrows()}
    outcome, note = [], []
    for _, c in checks.iterrows():
        key = (c["table"], c["row"], c["column"])
        if c["difference"] == 0:
            outcome.append("ok")
            note.append("")
            if key in listed:
                raise BuildError(f"data/raw/tolerances.csv, line {listed[key]['_line']}: lists {key}, "
                                 "which now reconciles exactly; remove the tolerance")
        elif key in listed and listed[key]["published"] == c["published"] and listed[key]["computed"] == c["computed"]:
            outcome.append("tolerated")
            note.append(listed[key]["explanation"])
        else:
            outcome.append("FAIL")
            note.append("not listed in data/raw/tolerances.csv")
    checks = checks.assign(result=outcome, explanation=note)
    unused = set(listed) - {(c["table"], c["row"], c["column"]) for _, c in checks.iterrows()}
    if unused:
        first = listed[sorted(unused)[0]]
        raise BuildError(f"data/raw/tolerances.csv, line {first['_line']}: no such check {sorted(unused)[0]}")
    failed = checks[checks["result"] == "FAIL"]
    if not failed.empty:
        lines = [f"  {r.table} / {r.row} / {r.column}: printed {r.published}, sum of parts {r.computed} "
                 f"(difference {r.difference:+d})" for r in failed.itertuples()]
        raise BuildError("reconciliation failed:\n" + "\n".join(lines))
    return checks


# Key audit. ----------------------------------------------------------------------------


def key_audit(raw: dict[str, pd.DataFrame], alloc: pd.DataFrame) -> pd.DataFrame:
    """Recompute each recipient's amount from its stream's key and report the deviation in kronor."""
    pop = population(raw).set_index("region_code")["count"]
    regions = raw["regions.csv"].set_index("region_code")
    streams = raw["streams.csv"].set_index("stream_id")
    out = []
    decided = alloc[(alloc["status"] == "decided") & (alloc["region_code"] != NATIONAL)]
    for (year, stream), frame in decided.groupby(["year", "stream_id"]):
        s = streams.loc[stream]
        key = s["key_population"]
        frame = frame.set_index("region_code")
        total = int(frame["amount_sek"].sum())
        implied = frame["amount_sek"] / total
        if key in ("total", "fixed", "fixed+total") and len(frame) == 21:
            fixed = pd.Series(0.0, index=frame.index)
            if key in ("fixed", "fixed+total"):
                metro = regions.loc[frame.index, "metropolitan"]
                amounts = {True: float(s["fixed_sek_metropolitan"]), False: float(s["fixed_sek_per_recipient"])}
                fixed = metro.map(amounts)
            rest = total - fixed.sum()
            share = pop.loc[frame.index] / pop.sum() if key != "fixed" else 0.0
            recomputed = fixed + rest * share
            basis = {"total": f"befolkning {POPULATION_DATE}",
                     "fixed": "fast belopp per län",
                     "fixed+total": f"fast belopp per län + resten efter befolkning {POPULATION_DATE}"}[key]
            note = ("Nyckelns befolkningsdatum anges inte i källan; befolkningen 2024-11-01 används."
                    if stream.startswith("ok-") and key != "fixed" else "")
        elif key in ("18+", "0-25"):
            # The key population is not in the sources: report the implied shares, and check the
            # published amounts against the total population as the nearest proxy the sources give.
            recomputed = total * pop.loc[frame.index] / pop.sum()
            basis = f"implicit andel (nyckeln befolkning {key} sept 2025 finns inte i källorna)"
            note = (f"Avvikelse mot totalbefolkningen {POPULATION_DATE} som närmevärde; "
                    f"andelen {key} är härledd ur de publicerade beloppen.")
        else:
            continue
        for code, row in frame.iterrows():
            out.append({
                "year": int(year), "stream_id": stream, "region_code": code, "key_population": key,
                "key_basis": basis, "published_sek": int(row["amount_sek"]),
                "recomputed_sek": round(float(recomputed.loc[code]), 2),
                "deviation_sek": round(float(row["amount_sek"] - recomputed.loc[code]), 2),
                "implied_share": float(implied.loc[code]), "note": note,
            })
    audit = pd.DataFrame(out)
    # Streams sharing one key must share one set of shares: self-chosen admission recomputed
    # from care capacity's implied 18+ shares should land within a krona of the published amount.
    cap = audit[(audit["stream_id"] == "psyk-vardkapacitet")].set_index("region_code")["implied_share"]
    adm = audit["stream_id"] == "psyk-sjalvvald-inlaggning"
    adm_total = audit.loc[adm, "published_sek"].sum()
    audit.loc[adm, "recomputed_sek"] = [round(float(adm_total * cap.loc[c]), 2) for c in audit.loc[adm, "region_code"]]
    audit.loc[adm, "deviation_sek"] = (audit.loc[adm, "published_sek"] - audit.loc[adm, "recomputed_sek"]).round(2)
    audit.loc[adm, "key_basis"] = "implicit andel 18+ härledd ur medlen för vårdkapacitet (samma nyckel)"
    audit.loc[adm, "note"] = "Samma nyckel som vårdkapacitet: avvikelsen visar avrundning i källan."
    return audit


# Save outputs. -------------------------------------------------------------------------


def reference_tables(raw: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    def clean(frame):
        return frame.drop(columns=["_line"]).reset_index(drop=True)

    grants = clean(raw["grants.csv"])
    streams = clean(raw["streams.csv"])
    sources = clean(raw["sources.csv"])
    return {
        "regions": clean(raw["regions.csv"]),
        "region_names": clean(raw["region_names.csv"]),
        "sources": sources,
        "grants": grants,
        "streams": streams,
        "focus_areas": clean(raw["focus_areas.csv"]),
        "population": population(raw),
    }


def build_tables(raw_root: Path | None = None) -> dict[str, pd.DataFrame]:
    raw = load_raw(raw_root)
    alloc = allocations(raw)
    tables = reference_tables(raw)
    tables["allocations"] = alloc
    tables["reconciliation"] = reconcile(raw, alloc)
    tables["key_audit"] = key_audit(raw, alloc)
    return tables


def _normalise(frame: pd.DataFrame) -> pd.DataFrame:
    # Text columns are stored as Arrow strings; a missing value stays null, so "not given in the
    # source" never turns into an empty name.
    frame = frame.copy()
    for col in frame.columns:
        if frame[col].dtype == object:
            frame[col] = frame[col].astype("string")
    return frame


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path) -> str:
    """Write every table to a fresh folder, then swap it into place: never a half-written dataset."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    old = None
    try:
        digests = {}
        for name, frame in sorted(tables.items()):
            path = tmp / f"{name}.parquet"
            _normalise(frame).to_parquet(path, index=False)
            digests[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        version = hashlib.sha256(json.dumps(digests, sort_keys=True).encode()).hexdigest()[:12]
        manifest = {"version": version, "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "files": digests}
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        for path in tmp.iterdir():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
        if out_dir.exists():
            old = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
            os.replace(out_dir, old)
        os.replace(tmp, out_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return version
    except BaseException:
        # Failed (or interrupted) between moving the old folder aside and the new one in: put the old
        # one back, so the app still finds the previous dataset where it looks (issue 6).
        if old is not None and old.exists() and not out_dir.exists():
            os.replace(old, out_dir)
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def build(raw_root: Path | None = None, out_dir: Path | None = None, reports: Path | None = None) -> BuildResult:
    tables = build_tables(raw_root)
    out = Path(out_dir) if out_dir else paths.curated_dir()
    version = write_tables(tables, out)
    from .reports import write_reports  # local import: reports depend on build's output only

    write_reports(tables, Path(reports) if reports else paths.reports_dir())
    return BuildResult(out, version, tables)
