"""The data package download (Frictionless Data Package with a Table Schema) and a small validator for it.

Why a validator of our own rather than the `frictionless` library: we need only the parts of the Table
Schema spec this package uses (types, required, enum, pattern, minimum, missing values, primary key,
bytes and hash), which fit in a page, whereas `frictionless` would bring a large tree of dependencies
into the app for a test.

Licence: CC0-1.0 for the compilation. See export.LICENCE_TEXT for why that is honest: the amounts are
facts from public documents (government and agency decisions are free of copyright in Sweden), and the
sources are listed and attributed in datapackage.json and the README.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from datetime import date

import pandas as pd

from .export import (
    CAVEATS,
    DOWNLOAD_COLUMNS,
    FILE_STEM,
    LICENCE,
    LICENCE_TEXT,
    Provenance,
    _standard_csv,
    download_frame,
    filters_text,
)
from .schema import CHANNELS, LEVELS, STATUSES

DATA_PATH = "data.csv"
PRIMARY_KEY = ("year", "stream_id", "recipient")

# name -> (type, description, unit or None, constraints)
FIELDS: dict[str, tuple[str, str, str | None, dict]] = {
    "year": ("year", "Budget year the amount is for.", None, {"required": True}),
    "region_code": ("string", "Two-digit SCB county code of the region or county; empty when the amount is not "
                    "broken down by region.", None, {"pattern": r"\d{2}"}),
    "region_name": ("string", "Short name of the region (Swedish).", None, {}),
    "recipient_level": ("string", "region: the region's own grant; county: county-joint funds for the region and "
                        "its municipalities together; municipalities: all municipalities together; "
                        "organisation: an agency or SKR.", None, {"required": True, "enum": list(LEVELS)}),
    "grant_id": ("string", "Identifier of the grant (government grant or state-SKR agreement).", None,
                 {"required": True}),
    "grant_name": ("string", "Name of the grant (Swedish).", None, {"required": True}),
    "stream_id": ("string", "Identifier of the funding stream within the grant.", None, {"required": True}),
    "stream_name": ("string", "Name of the funding stream (Swedish).", None, {"required": True}),
    "focus_area": ("string", "Focus area of the stream (a small taxonomy across grants).", None, {"required": True}),
    "channel": ("string", "socialstyrelsen: government grant paid by Socialstyrelsen; skr: agreement between the "
                "state and SKR.", None, {"required": True, "enum": list(CHANNELS)}),
    "status": ("string", "decided: in a published decision; estimated: computed from the documented key because "
               "the sources give only the total; announced: announced for a coming year, not decided.", None,
               {"required": True, "enum": list(STATUSES)}),
    "amount_sek": ("integer", "Amount in whole Swedish kronor.", "SEK", {"required": True}),
    "population": ("integer", "Population used for the per-capita figure: the region's or county's total on "
                   "population_date, the national total for amounts to all regions or all municipalities, empty "
                   "for an organisation.", "persons", {"minimum": 0}),
    "population_date": ("date", "Reference date of the population (the only one the sources give).", None, {}),
    "sek_per_capita": ("number", "amount_sek / population, rounded to two decimals.", "SEK per person", {}),
    "source_id": ("string", "Identifier of the source document; see sources in this descriptor.", None,
                  {"required": True}),
    "recipient": ("string", "Who receives the amount, as the source names it.", None, {"required": True}),
    "estimate_method": ("string", "For estimated amounts: how they were computed (Swedish). Empty otherwise.", None,
                        {}),
}
assert tuple(FIELDS) == DOWNLOAD_COLUMNS


def schema() -> dict:
    fields = []
    for name, (ftype, description, unit, constraints) in FIELDS.items():
        field = {"name": name, "type": ftype, "description": description}
        if ftype == "date":
            field["format"] = "default"
        if unit:
            field["unit"] = unit  # not in the Table Schema spec; custom properties are allowed
        if constraints:
            field["constraints"] = dict(constraints)
        fields.append(field)
    return {"fields": fields, "missingValues": [""], "primaryKey": list(PRIMARY_KEY)}


def descriptor(view: pd.DataFrame, prov: Provenance, data: bytes) -> dict:
    sources = []
    for src in prov.sources.itertuples(index=False):
        entry = {"title": src.title, "source_id": src.source_id, "publisher": src.publisher, "date": src.date}
        if isinstance(src.diarienummer, str) and src.diarienummer:
            entry["diarienummer"] = src.diarienummer
        sources.append(entry)
    return {
        "profile": "tabular-data-package",
        "name": FILE_STEM,
        "title": "Statsbidrag för psykisk hälsa 2023–2028 / State funding for mental health in Sweden",
        "description": ("Swedish state funding for mental health in psychiatry and primary care, one row per year, "
                        "grant, stream and recipient, as selected in the dashboard. See README.md for caveats."),
        "created": prov.downloaded.isoformat(timespec="seconds"),
        "dataset_version": prov.version,
        "dataset_built_at": prov.built_at,
        "filters": {name: list(values) for name, values in prov.filters},
        "filters_text": filters_text(prov.filters, "en"),
        "licenses": [dict(LICENCE)],
        "licence_note": LICENCE_TEXT["en"],
        "sources": sources,
        "resources": [{
            "profile": "tabular-data-resource",
            "name": "allocations",
            "path": DATA_PATH,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "bytes": len(data),
            "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
            "dialect": {"delimiter": ",", "header": True, "doubleQuote": True},
            "rows": len(view),
            "schema": schema(),
        }],
    }


def readme(view: pd.DataFrame, prov: Provenance, lang: str = "sv") -> str:
    filters = filters_text(prov.filters, lang)
    titles = "\n".join(
        f"- {s.title}. {s.publisher}, {s.date}"
        + (f", {'dnr' if lang == 'sv' else 'ref.'} {s.diarienummer}" if isinstance(s.diarienummer, str) else "")
        + "." for s in prov.sources.itertuples(index=False))
    caveats = "\n".join(f"- {c}" for c in CAVEATS[lang])
    if lang == "sv":
        return f"""# Statsbidrag för psykisk hälsa – datapaket

Innehåll: `{DATA_PATH}` ({len(view)} rader, komma, punkt som decimaltecken, UTF-8) och `datapackage.json`,
som beskriver varje kolumn, enhet och primärnyckel enligt Frictionless Data Package / Table Schema.

- Datasetversion (innehållshash): {prov.version}
- Datasetet byggt: {prov.built_at}
- Nedladdat: {prov.day}
- Filter: {filters}

## Så citerar du

Statsbidrag för psykisk hälsa 2023–2028, sammanställda data, version {prov.version}, nedladdat {prov.day}
(filter: {filters}). Ange också källan för de belopp du använder (kolumnen source_id):

{titles}

## Att tänka på

{caveats}

## Licens

{LICENCE_TEXT['sv']} ({LICENCE['name']}, {LICENCE['path']})
"""
    return f"""# State funding for mental health in Sweden – data package

Contents: `{DATA_PATH}` ({len(view)} rows, comma-separated, dot decimal, UTF-8) and `datapackage.json`,
which describes every column, unit and the primary key as a Frictionless Data Package / Table Schema.

- Dataset version (content hash): {prov.version}
- Dataset built: {prov.built_at}
- Downloaded: {prov.day}
- Filters: {filters}

## How to cite

State funding for mental health in Sweden 2023–2028, compiled data, version {prov.version}, downloaded
{prov.day} (filters: {filters}). Also cite the source of the amounts you use (column source_id):

{titles}

## Caveats

{caveats}

## Licence

{LICENCE_TEXT['en']} ({LICENCE['name']}, {LICENCE['path']})
"""


def to_datapackage(view: pd.DataFrame, prov: Provenance, lang: str = "sv") -> bytes:
    """A zip with data.csv, datapackage.json and README.md."""
    data = _standard_csv(download_frame(view))
    meta = json.dumps(descriptor(view, prov, data), ensure_ascii=False, indent=2).encode("utf-8")
    stamp = prov.downloaded.timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, content in ((DATA_PATH, data), ("datapackage.json", meta),
                              ("README.md", readme(view, prov, lang).encode("utf-8"))):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, content)
    return buffer.getvalue()


# Validation ---------------------------------------------------------------------------------------------

TYPES = ("string", "integer", "number", "year", "date", "boolean")
_INTEGER = re.compile(r"[+-]?\d+")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|NaN|INF|-INF")
_YEAR = re.compile(r"-?\d{4}")
_NAME = re.compile(r"[a-z0-9._-]+")


def _cast(ftype: str, text: str) -> object:
    """The value of `text` as `ftype`, or raise ValueError."""
    if ftype == "string":
        return text
    if ftype == "integer" and _INTEGER.fullmatch(text):
        return int(text)
    if ftype == "number" and _NUMBER.fullmatch(text):
        return float(text)
    if ftype == "year" and _YEAR.fullmatch(text):
        return int(text)
    if ftype == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return date.fromisoformat(text)
    if ftype == "boolean" and text in ("true", "True", "TRUE", "1", "false", "False", "FALSE", "0"):
        return text in ("true", "True", "TRUE", "1")
    raise ValueError(f"{text!r} is not a valid {ftype}")


def validate_descriptor(desc: dict) -> list[str]:
    errors = []
    if not isinstance(desc.get("name"), str) or not _NAME.fullmatch(desc["name"]):
        errors.append("package name missing or not lower-case a-z0-9._-")
    licences = desc.get("licenses")
    if not licences or not all(isinstance(lic, dict) and (lic.get("name") or lic.get("path")) for lic in licences):
        errors.append("licenses must list at least one licence with a name or path")
    if not all(isinstance(s, dict) and s.get("title") for s in desc.get("sources", [])):
        errors.append("every source needs a title")
    resources = desc.get("resources")
    if not resources:
        return [*errors, "resources missing"]
    for res in resources:
        if not res.get("name") or not _NAME.fullmatch(res["name"]) or not res.get("path"):
            errors.append(f"resource {res.get('name')!r} needs a valid name and a path")
        fields = res.get("schema", {}).get("fields")
        if not fields:
            errors.append(f"resource {res.get('name')!r} has no schema fields")
            continue
        names = [f.get("name") for f in fields]
        if len(set(names)) != len(names) or not all(names):
            errors.append("field names must be present and unique")
        for f in fields:
            if f.get("type", "string") not in TYPES:
                errors.append(f"field {f.get('name')!r} has unknown type {f.get('type')!r}")
        pk = res["schema"].get("primaryKey", [])
        pk = [pk] if isinstance(pk, str) else pk
        if any(k not in names for k in pk):
            errors.append(f"primaryKey {pk} names fields that do not exist")
    return errors


def validate_table(schema: dict, data: bytes, encoding: str = "utf-8", delimiter: str = ",") -> list[str]:
    """Check every cell of a CSV against a Table Schema: header, types, constraints, primary key."""
    errors: list[str] = []
    fields = schema["fields"]
    missing = set(schema.get("missingValues", [""]))
    pk = schema.get("primaryKey", [])
    pk = [pk] if isinstance(pk, str) else list(pk)
    reader = csv.reader(io.StringIO(data.decode(encoding)), delimiter=delimiter)
    header = next(reader, None)
    names = [f["name"] for f in fields]
    if header != names:
        return [f"header {header} does not match the schema fields {names}"]
    seen: dict[tuple, int] = {}
    for line, row in enumerate(reader, start=2):
        if len(row) != len(fields):
            errors.append(f"row {line}: {len(row)} cells, expected {len(fields)}")
            continue
        values = {}
        for f, text in zip(fields, row, strict=True):
            name, cons = f["name"], f.get("constraints", {})
            if text in missing:
                values[name] = None
                if cons.get("required") or name in pk:
                    errors.append(f"row {line}, {name}: required value missing")
                continue
            try:
                value = _cast(f.get("type", "string"), text)
            except ValueError as exc:
                errors.append(f"row {line}, {name}: {exc}")
                continue
            values[name] = value
            if "enum" in cons and text not in cons["enum"]:
                errors.append(f"row {line}, {name}: {text!r} not in {cons['enum']}")
            if "pattern" in cons and not re.fullmatch(cons["pattern"], text):
                errors.append(f"row {line}, {name}: {text!r} does not match {cons['pattern']}")
            if "minimum" in cons and value < cons["minimum"]:
                errors.append(f"row {line}, {name}: {value} below minimum {cons['minimum']}")
            if "maximum" in cons and value > cons["maximum"]:
                errors.append(f"row {line}, {name}: {value} above maximum {cons['maximum']}")
        if pk:
            key = tuple(values.get(k) for k in pk)
            if key in seen:
                errors.append(f"row {line}: primary key {key} repeats row {seen[key]}")
            seen.setdefault(key, line)
    return errors


def validate(package: bytes) -> list[str]:
    """Validate a data package zip against its own descriptor; an empty list means valid."""
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        names = set(zf.namelist())
        if "datapackage.json" not in names:
            return ["datapackage.json missing"]
        desc = json.loads(zf.read("datapackage.json").decode("utf-8"))
        errors = validate_descriptor(desc)
        for res in desc.get("resources", []):
            path = res.get("path")
            if path not in names:
                errors.append(f"resource file {path!r} missing from the zip")
                continue
            data = zf.read(path)
            if "bytes" in res and res["bytes"] != len(data):
                errors.append(f"{path}: {len(data)} bytes, descriptor says {res['bytes']}")
            if "hash" in res:
                algo, _, digest = res["hash"].rpartition(":")
                if hashlib.new(algo or "md5", data).hexdigest() != digest:
                    errors.append(f"{path}: hash does not match the descriptor")
            dialect = res.get("dialect", {})
            errors += validate_table(res["schema"], data, res.get("encoding", "utf-8"),
                                     dialect.get("delimiter", ","))
            if "rows" in res and not errors:
                count = sum(1 for _ in csv.reader(io.StringIO(data.decode(res.get("encoding", "utf-8"))))) - 1
                if count != res["rows"]:
                    errors.append(f"{path}: {count} rows, descriptor says {res['rows']}")
    return errors
