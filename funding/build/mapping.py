"""From transcriptions to allocations, driven by data/raw/mapping.csv: no code per source.

Each mapping row picks rows of one table (`rows`: column=value conditions) and says what one of their
columns is: a `part` (a leaf amount, counted once in every sum), a `total` (a printed total, checked
against the leaves in its scope), a `rest` (a printed total of which only some parts are known: the rest
becomes a leaf), or an `alternative` (another page's figure for money a chosen figure already counts).
Every other field is a constant or a {column} reference into the table. Whatever is wrong (an unknown
column, grant, stream, level, region or source, a duplicate, a missing amount) stops the build with the
file, line and column where it can be fixed.

The populations are a transcription too: population.csv names the table and column that hold them, and
`population()` reads them region by region, the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from . import schema
from .rawio import RawDataError
from .tables import Raw

NATIONAL = ""  # region_code of amounts that are not broken down by region
_REF = re.compile(r"\{([a-z0-9_]+)\}")
# "drygt 300 miljoner", "över 1,3 miljarder": approximations are not figures; they belong in worded.csv.
APPROXIMATE = re.compile(r"\b(drygt|ca|cirka|över|närmare|nästan|knappt|omkring|runt|upp till|mer än|minst)\W*$",
                         re.IGNORECASE)
KEY = ["year", "grant_id", "stream_id", "recipient_level", "region_code", "recipient"]


class BuildError(ValueError):
    """The raw data are consistent cell by cell but do not fit together; nothing is written."""


@dataclass(frozen=True)
class Field:
    """One templated field of one mapping row, with where to point when its value is wrong."""

    template: str
    mapping_line: int
    name: str

    def refs(self) -> list[str]:
        return _REF.findall(self.template)

    def value(self, row: pd.Series) -> str:
        def sub(match: re.Match) -> str:
            cell = row[match.group(1)]
            return "" if cell is None or (not isinstance(cell, str) and pd.isna(cell)) else str(cell)

        return _REF.sub(sub, self.template).strip()

    def error(self, table: str, row: pd.Series, expected: str, found: object) -> RawDataError:
        """Point at the table's cell when the value comes from exactly one cell, else at the mapping."""
        refs = self.refs()
        if refs and self.template == "{" + refs[0] + "}":
            return RawDataError(f"data/raw/{table}", int(row["_line"]), refs[0], expected, found)
        return RawDataError("data/raw/mapping.csv", self.mapping_line, self.name, expected, found)


def _conditions(text: str) -> list[tuple[str, str]]:
    return [tuple(part.split("=", 1)) for part in text.split(";")]  # type: ignore[misc]


def select_rows(frame: pd.DataFrame, conditions: str, file: str, line: int, column: str) -> pd.DataFrame:
    """The rows of `frame` meeting every column=value condition; an unknown column or no match is an error."""
    mask = pd.Series(True, index=frame.index)
    for col, value in _conditions(conditions):
        if col not in frame.columns:
            raise RawDataError(file, line, column, f"conditions on columns of the table ({col} is not one)",
                               conditions)
        mask &= frame[col].astype("string").fillna("") == value
    chosen = frame.loc[mask]
    if chosen.empty:
        raise RawDataError(file, line, column, "conditions that match at least one row", conditions)
    return chosen


@dataclass(frozen=True)
class Mapped:
    """What mapping.csv makes of the transcriptions."""

    parts: pd.DataFrame          # leaf amounts (allocation columns)
    totals: pd.DataFrame         # printed totals and rests: amount_id, table, line, column, year, grant_id, ...
    alternatives: pd.DataFrame   # contradicting figures, never summed


class Resolver:
    """Checks values against the reference files and turns printed region names into SCB codes."""

    def __init__(self, raw: Raw):
        self.variants = dict(zip(raw["region_names.csv"]["variant"], raw["region_names.csv"]["region_code"],
                                 strict=True))
        self.regions = raw["regions.csv"].set_index("region_code")
        self.codes = set(self.regions.index)
        grants = raw["grants.csv"].dropna(subset=["year"])
        self.grant_years = set(zip(grants["grant_id"], grants["year"].astype(int), strict=True))
        self.streams = raw["streams.csv"].set_index("stream_id")
        self.sources = set(raw["sources.csv"]["source_id"])

    def region(self, field: Field, table: str, row: pd.Series) -> str:
        name = field.value(row)
        if name not in self.variants:
            raise field.error(table, row, "a region name listed in region_names.csv", name)
        return self.variants[name]

    def recipient(self, level: str, code: str, stream: pd.Series) -> tuple[str, str]:
        if level in ("skr", "agency", "organisation"):
            return str(stream["recipient_sv"]), str(stream["recipient_en"])
        if code:
            r = self.regions.loc[code]
            if level == "county":
                return f"{r['county_name']} (länsgemensamt)", f"{r['short_name']} county (county-joint)"
            return str(r["organisation_name"]), str(r["organisation_name"])
        return {
            "region": ("Regionerna", "The regions"),
            "county": ("Kommuner och regioner gemensamt (länsgemensamt)",
                       "Municipalities and regions jointly (county-joint)"),
            "municipalities": ("Kommunerna", "The municipalities"),
            "regions-municipalities": ("Kommuner och regioner", "Municipalities and regions"),
        }[level]


def population(raw: Raw) -> pd.DataFrame:
    """Region code, reference date, age group and count, from the tables population.csv names."""
    res = Resolver(raw)
    out = []
    for _, p in raw["population.csv"].iterrows():
        table = p["table"]
        if table not in raw.tables:
            raise RawDataError("data/raw/population.csv", int(p["_line"]), "table", "a declared table", table)
        frame = raw.tables[table]
        rows = select_rows(frame, p["rows"], "data/raw/population.csv", int(p["_line"]), "rows")
        region = Field(p["region"], int(p["_line"]), "region")
        seen = set()
        for _, row in rows.iterrows():
            count = row[p["count_column"]]
            if count is None or pd.isna(count):
                raise RawDataError(f"data/raw/{table}", int(row["_line"]), p["count_column"], "a population", "")
            code = res.region(region, table, row)
            if code in seen:
                raise RawDataError(f"data/raw/{table}", int(row["_line"]), region.refs()[0], "each region once", code)
            seen.add(code)
            out.append({"region_code": code, "ref_date": p["ref_date"], "age_group": p["age_group"],
                        "count": int(count), "source_id": p["source_id"]})
        if seen != res.codes:
            raise RawDataError(f"data/raw/{table}", None, p["count_column"], "a population for all 21 regions",
                               f"{len(seen)} regions")
    return pd.DataFrame(out).sort_values(["ref_date", "region_code"], ignore_index=True)


def _fields(m: pd.Series) -> dict[str, Field]:
    names = ("amount_id", "year", "grant_id", "stream_id", "recipient_level", "status", "source_id", "region",
             "recipient", "scope", "instead_of", "label", "note_sv", "note_en")
    return {n: Field(m[n] if isinstance(m[n], str) else "", int(m["_line"]), n) for n in names}


def _check_refs(m: pd.Series, fields: dict[str, Field], frame: pd.DataFrame) -> None:
    for f in fields.values():
        for ref in f.refs():
            if ref not in frame.columns:
                raise RawDataError("data/raw/mapping.csv", int(m["_line"]), f.name,
                                   f"{{column}} references to columns of {m['table']}", f.template)
    for col in (m["amount_column"], m["region_code_check"]):
        if isinstance(col, str) and col not in frame.columns:
            raise RawDataError("data/raw/mapping.csv", int(m["_line"]), "amount_column", f"a column of {m['table']}",
                               col)


def _year(f: Field, table: str, row: pd.Series) -> int:
    text = f.value(row)
    if not re.fullmatch(r"\d{4}", text) or not schema.FIRST_YEAR <= int(text) <= schema.LAST_YEAR:
        raise f.error(table, row, f"a year between {schema.FIRST_YEAR} and {schema.LAST_YEAR}", text)
    return int(text)


def _refuse_approximation(table: str, row: pd.Series) -> None:
    """A figure whose source says 'drygt', 'över', 'närmare' … just before it is not a figure."""
    printed = row.get("amount_as_printed")
    if not isinstance(printed, str):
        return
    quote = " ".join(str(row.get("quote") or "").split())
    before = quote[:quote.find(" ".join(printed.split()))] if printed and quote else ""
    if APPROXIMATE.search(printed.split(" ")[0] + " ") or APPROXIMATE.search(before):
        raise RawDataError(f"data/raw/{table}", int(row["_line"]), "amount_as_printed",
                           "an exact figure (approximations such as 'drygt' or 'över' go to worded.csv)", printed)


UNIT_WORDS = {"kronor": 1, "kr": 1, "miljoner": 10**6, "miljon": 10**6, "miljarder": 10**9, "miljard": 10**9}
PRINTED = re.compile(r"([\d ]+(?:,\d+)?)(?: (\w+))?(?: kronor)?")


def printed_kronor(printed: str, note: str = "") -> int | None:
    """The kronor a figure as printed states ('1,32 miljarder kronor', '33 493 748'), or None if it is not one.
    A table printed in millions or thousands says so in the row's note."""
    match = PRINTED.fullmatch(" ".join(printed.replace("\u00ad", "").split()))
    if not match or (match.group(2) and match.group(2) not in UNIT_WORDS):
        return None
    value = float(match.group(1).replace(" ", "").replace(",", "."))
    unit = UNIT_WORDS[match.group(2)] if match.group(2) else \
        10**6 if "miljoner kronor" in note else 1000 if "Thousands" in note or "tkr" in note else 1
    return round(value * unit)


def _check_printed(table: str, row: pd.Series, column: str, amount: int) -> None:
    """The kronor must be what the printed figure says: a slipped digit in either stops the build. Only the
    sources pack can tell whether the printed figure itself is right (tests/test_provenance.py)."""
    printed = row.get("amount_as_printed")
    if not isinstance(printed, str) or not printed.strip():
        return
    said = printed_kronor(printed, str(row.get("note") or ""))
    if said is None:
        raise RawDataError(f"data/raw/{table}", int(row["_line"]), "amount_as_printed",
                           "a figure as printed, such as '1 320 miljoner kronor' or '33 493 748'", printed)
    if said != amount:
        raise RawDataError(f"data/raw/{table}", int(row["_line"]), column,
                           f"{said} (what amount_as_printed '{printed}' says)", str(amount))


def _scope(f: dict[str, Field], table: str, row: pd.Series, res: Resolver) -> dict:
    """What a printed total covers: the whole grant-year, its own stream, some streams or some recipient levels."""
    scope = f["scope"].value(row)
    if not re.fullmatch(r"grant|stream|(levels|streams)=[a-z0-9\-+]+(;[a-z0-9\-+]+)*", scope):
        raise f["scope"].error(table, row, "grant, stream, levels=a;b or streams=a;b", scope)
    kind, _, listed = scope.partition("=")
    levels = listed.split(";") if kind == "levels" else []
    streams = listed.split(";") if kind == "streams" else [f["stream_id"].value(row)] if kind == "stream" else []
    bad = [lv for lv in levels if lv not in schema.LEVELS]
    if bad:
        raise f["scope"].error(table, row, "levels among " + ", ".join(schema.LEVELS), bad[0])
    unknown = [s for s in streams if s not in res.streams.index]
    if unknown:
        field = f["stream_id"] if kind == "stream" else f["scope"]
        raise field.error(table, row, "streams listed in streams.csv", unknown[0])
    return {"scope": scope, "scope_levels": ";".join(levels), "scope_streams": ";".join(streams)}


def _leaf(f: dict[str, Field], m: pd.Series, table: str, row: pd.Series, grant: str, res: Resolver,
          seen_regions: dict[str, int]) -> dict:
    """Stream, level, region and recipient of a leaf amount, each checked against the reference files."""
    line = int(row["_line"])
    stream_id = f["stream_id"].value(row)
    if stream_id not in res.streams.index:
        raise f["stream_id"].error(table, row, "a stream listed in streams.csv", stream_id)
    stream = res.streams.loc[stream_id]
    if stream["grant_id"] != grant:
        raise f["stream_id"].error(table, row, f"a stream of grant {grant} (streams.csv)", stream_id)
    level = f["recipient_level"].value(row)
    if level not in schema.LEVELS:
        raise f["recipient_level"].error(table, row, "one of " + ", ".join(schema.LEVELS), level)
    if level != stream["recipient_level"]:
        raise f["recipient_level"].error(table, row, f"{stream['recipient_level']}, the level of {stream_id} in "
                                         "streams.csv", level)
    code = NATIONAL
    if f["region"].template:
        if level not in ("region", "county"):
            raise f["region"].error(table, row, "no region for money to " + level, f["region"].value(row))
        code = res.region(f["region"], table, row)
        check = m["region_code_check"]
        if isinstance(check, str) and row[check] is not None and not pd.isna(row[check]) and row[check] != code:
            raise RawDataError(f"data/raw/{table}", line, check, f"code {code}", row[check])
        if m["every_region"] and code in seen_regions:
            column = f["region"].refs()[0] if f["region"].refs() else "region"
            raise RawDataError(f"data/raw/{table}", line, column, "each region once",
                               f"region {code} again (first on line {seen_regions[code]})")
        seen_regions[code] = line
    name_sv, name_en = res.recipient(level, code, stream)
    named = f["recipient"].value(row)
    if named:
        if level not in ("agency", "organisation"):
            raise f["recipient"].error(table, row, "a named recipient only for money to an agency or organisation",
                                       named)
        name_sv = name_en = named  # a proper name, the same in both languages
    return {"stream_id": stream_id, "recipient_level": level, "region_code": code, "recipient": name_sv,
            "recipient_en": name_en}


def map_tables(raw: Raw) -> Mapped:
    res = Resolver(raw)
    parts: list[dict] = []
    totals: list[dict] = []
    alternatives: list[tuple[dict, Field, pd.Series]] = []
    for _, m in raw["mapping.csv"].iterrows():
        table, role, amount_col = m["table"], m["role"], m["amount_column"]
        if table not in raw.tables:
            raise RawDataError("data/raw/mapping.csv", int(m["_line"]), "table", "a table declared in columns.csv",
                               table)
        frame = raw.tables[table]
        f = _fields(m)
        _check_refs(m, f, frame)
        rows = select_rows(frame, m["rows"], "data/raw/mapping.csv", int(m["_line"]), "rows")
        seen_regions: dict[str, int] = {}
        for _, row in rows.iterrows():
            line = int(row["_line"])
            amount = row[amount_col]
            if amount is None or pd.isna(amount):
                raise RawDataError(f"data/raw/{table}", line, amount_col, "an amount in whole kronor", "")
            year = _year(f["year"], table, row)
            grant = f["grant_id"].value(row)
            if (grant, year) not in res.grant_years:
                raise f["grant_id"].error(table, row, f"a grant listed in grants.csv for {year}", grant)
            status = f["status"].value(row)
            if status not in ("decided", "announced"):
                raise f["status"].error(table, row, "decided or announced", status)
            source = f["source_id"].value(row)
            if source not in res.sources:
                raise f["source_id"].error(table, row, "a source id listed in sources.csv", source)
            if role != "alternative":
                _refuse_approximation(table, row)
            _check_printed(table, row, amount_col, int(amount))
            amount_id = f["amount_id"].value(row)
            common = {"year": year, "grant_id": grant, "status": status, "source_id": source,
                      "source_table": table, "source_line": line, "source_row": f["label"].value(row),
                      "amount_id": amount_id, "amount_sek": int(amount)}
            if role == "alternative":
                said = {name: f[name].value(row) for name in ("instead_of", "note_sv", "note_en")}
                alternatives.append(({**common, **said}, f["instead_of"], row))
                continue
            if role in ("total", "rest"):
                totals.append({**common, "role": role, "column": amount_col, **_scope(f, table, row, res)})
                if role == "total":
                    continue
            leaf = _leaf(f, m, table, row, grant, res, seen_regions)
            if role == "rest":
                totals[-1].update(leaf)
            else:
                parts.append({**common, **leaf, "basis": "printed", "estimate_method": "", "estimate_method_en": ""})
        if m["every_region"] and set(seen_regions) != res.codes:
            missing = sorted(res.codes - set(seen_regions))
            raise RawDataError(f"data/raw/{table}", None, m["region"].strip("{}"),
                               "all 21 regions once each", f"none for {', '.join(missing)}")
    check_duplicates(parts)
    ids = _amount_ids(parts, totals)
    for alt, field, row in alternatives:
        if alt["instead_of"] not in ids:
            raise field.error(alt["source_table"], row, "the amount_id of a part, total or rest", alt["instead_of"])
    return Mapped(pd.DataFrame(parts), pd.DataFrame(totals), pd.DataFrame([a for a, _, _ in alternatives]))


def check_duplicates(parts: list[dict]) -> None:
    seen: dict[tuple, dict] = {}
    for p in parts:
        key = tuple(p[k] for k in KEY)
        if key in seen:
            first = seen[key]
            raise RawDataError(f"data/raw/{p['source_table']}", p["source_line"], None,
                               "money counted once",
                               f"the same year, grant, stream, level, region and recipient as "
                               f"data/raw/{first['source_table']} line {first['source_line']}")
        seen[key] = p


def _amount_ids(parts: list[dict], totals: list[dict]) -> set[str]:
    ids: dict[str, dict] = {}
    for item in [*parts, *totals]:
        amount_id = item["amount_id"]
        if not amount_id:
            continue
        if amount_id in ids and ids[amount_id] is not item:
            first = ids[amount_id]
            raise RawDataError(f"data/raw/{item['source_table']}", item["source_line"], "amount_id",
                               "a unique amount id", f"{amount_id} (also line {first['source_line']})")
        ids[amount_id] = item
    return set(ids)


def in_scope(alloc: pd.DataFrame, total: pd.Series) -> pd.Series:
    """Which allocations a printed total covers: its year and grant, and its streams or levels if it names any."""
    mask = (alloc["year"] == total["year"]) & (alloc["grant_id"] == total["grant_id"])
    if total["scope_streams"]:
        mask &= alloc["stream_id"].isin(total["scope_streams"].split(";"))
    elif total["scope_levels"]:
        mask &= alloc["recipient_level"].isin(total["scope_levels"].split(";"))
    return mask
