"""The data package download: a Frictionless Data Package (data.csv, datapackage.json, README.md).

The test suite validates it with the `frictionless` library (a test dependency only). Licence: CC0-1.0
for the compilation; the "licence" text says why that is honest (the amounts are facts from public
documents), and the sources are listed and attributed in datapackage.json and the README.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pandas as pd

from ..text import normalise_lang, t
from ..vocabulary import CHANNELS, LEVELS, STATUSES
from .common import DOWNLOAD_COLUMNS, FILE_STEM, LICENCE, Provenance, download_frame, filters_text
from .tabular import _standard_csv

DATA_PATH = "data.csv"
PRIMARY_KEY = ("year", "stream_id", "recipient")

# name -> (type, description, unit or None, constraints)
FIELDS: dict[str, tuple[str, str, str | None, dict]] = {
    "year": ("year", "Budget year the amount is for.", None, {"required": True}),
    "region_code": ("string", "Two-digit SCB county code of the region or county; empty when the amount is not "
                    "broken down by region.", None, {"pattern": r"\d{2}"}),
    "region_name": ("string", "Short name of the region.", None, {}),
    "recipient_level": ("string", "region: the regions (one region where region_code is set); county: county-joint "
                        "funds for a region and its municipalities together; municipalities: all municipalities "
                        "together; regions-municipalities: municipalities and regions together, not split; skr: "
                        "SKR; agency: a state agency's own use; organisation: civil-society organisations.", None,
                        {"required": True, "enum": list(LEVELS)}),
    "grant_id": ("string", "Identifier of the grant (government grant or state-SKR agreement).", None,
                 {"required": True}),
    "grant_name": ("string", "Name of the grant, in the language of the download (README.md says which).", None,
                   {"required": True}),
    "stream_id": ("string", "Identifier of the funding stream within the grant.", None, {"required": True}),
    "stream_name": ("string", "Name of the funding stream, in the language of the download.", None,
                    {"required": True}),
    "focus_area": ("string", "Focus area of the stream (a small taxonomy across grants).", None, {"required": True}),
    "channel": ("string", "socialstyrelsen: government grant paid by Socialstyrelsen; skr: agreement between the "
                "state and SKR; regeringsbeslut: money paid by a government decision outside an agreement; "
                "myndighet: an agency's own assignment; organisation: grants to organisations.", None,
                {"required": True, "enum": list(CHANNELS)}),
    "status": ("string", "decided: in a published decision; estimated: computed from the documented key because "
               "the sources give only the total; announced: announced for a coming year, not decided.", None,
               {"required": True, "enum": list(STATUSES)}),
    "amount_sek": ("integer", "Amount in whole Swedish kronor.", "SEK", {"required": True}),
    "population": ("integer", "Population used for the per-capita figure: the region's or county's total on "
                   "population_date, the national total for amounts to all regions, counties or municipalities "
                   "together, empty for SKR, an agency or an organisation.", "persons", {"minimum": 0}),
    "population_date": ("date", "Reference date of the population (the only one the sources give).", None, {}),
    "sek_per_capita": ("number", "amount_sek / population, rounded to two decimals.", "SEK per person", {}),
    "source_id": ("string", "Identifier of the source document; see sources in this descriptor.", None,
                  {"required": True}),
    "recipient": ("string", "Who receives the amount, in the language of the download.", None, {"required": True}),
    "estimate_method": ("string", "For estimated amounts: how they were computed. Empty otherwise.", None, {}),
    "basis": ("string", "printed: the amount as a source prints it; estimated: a printed total split by a key the "
              "source states; rest: a printed total minus the parts the sources split.", None,
              {"required": True, "enum": ["printed", "estimated", "rest"]}),
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


def _source_entries(frame: pd.DataFrame | None) -> list[dict]:
    out = []
    for src in (frame if frame is not None else pd.DataFrame()).itertuples(index=False):
        entry = {"title": src.title, "source_id": src.source_id}
        # A missing value (a source without a date or diarienummer) is left out: JSON has no NA.
        for key, value in (("publisher", src.publisher), ("date", src.date), ("diarienummer", src.diarienummer),
                           ("path", src.url)):
            if isinstance(value, str) and value:
                entry[key] = value
        out.append(entry)
    return out


def _source_lines(frame: pd.DataFrame | None, lang: str) -> str:
    return "\n".join(
        f"- {s.title}. {s.publisher}" + (f", {s.date}" if isinstance(s.date, str) else "")
        + (f", {'dnr' if lang == 'sv' else 'ref.'} {s.diarienummer}" if isinstance(s.diarienummer, str) else "")
        + (f". {s.url}" if isinstance(s.url, str) and s.url else "")
        + "." for s in (frame if frame is not None else pd.DataFrame()).itertuples(index=False))


def _changes(prov: Provenance, lang: str) -> list[tuple[str, str]]:
    if prov.changes is None:
        return []
    column = "change_en" if lang == "en" else "change_sv"
    return [(str(r["release"]), str(r[column])) for _, r in prov.changes.iterrows()]


def descriptor(view: pd.DataFrame, prov: Provenance, data: bytes) -> dict:
    sources = _source_entries(prov.sources)
    return {
        "profile": "tabular-data-package",
        "name": FILE_STEM,
        "title": "Statsbidrag för psykisk hälsa / State funding for mental health in Sweden",
        "description": ("Swedish state funding for mental health in psychiatry and primary care, one row per year, "
                        "grant, stream and recipient, as selected in the dashboard. See README.md for caveats."),
        "created": prov.downloaded.isoformat(timespec="seconds"),
        "dataset_version": prov.version,
        "dataset_built_at": prov.built_at,
        "filters": {name: list(values) for name, values in prov.filters},
        "filters_text": filters_text(prov.filters, "en"),
        "licenses": [dict(LICENCE)],
        "licence_note": t("licence", "en"),
        "sources": sources,
        # Not behind any row of this selection, but behind the dataset: the printed totals the rows are
        # reconciled with, contradicting figures, budget frames, amounts given only in words.
        "dataset_other_sources": _source_entries(prov.other_sources),
        "dataset_changes": [{"release": release, "change": change} for release, change in _changes(prov, "en")],
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
    lang = normalise_lang(lang)  # as t() does: any other value is Swedish, the reference label included
    filters = filters_text(prov.filters, lang)
    titles = _source_lines(prov.sources, lang)
    others = _source_lines(prov.other_sources, lang)
    changes = "\n".join(f"- {release}: {change}" for release, change in _changes(prov, lang))
    caveats = "\n".join(f"- {c}" for c in prov.caveats(lang))
    return f"""# {t("readme_title", lang)}

{t("readme_contents", lang, path=DATA_PATH, rows=len(view))}

- {t("wb_version", lang)}: {prov.version}
- {t("wb_built", lang)}: {prov.built_at}
- {t("wb_downloaded", lang)}: {prov.day}
- {t("wb_filters", lang)}: {filters}

## {t("readme_cite", lang)}

{t("readme_cite_text", lang, version=prov.version, day=prov.day, filters=filters)}

{titles}

## {t("readme_other_sources", lang)}

{others or "–"}

## {t("readme_changes", lang)}

{changes or "–"}

## {t("wb_caveats", lang)}

{caveats}

## {t("wb_licence", lang)}

{t("licence", lang)} ({LICENCE['name']}, {LICENCE['path']})
"""


def to_datapackage(view: pd.DataFrame, prov: Provenance, lang: str = "sv") -> bytes:
    """A zip with data.csv, datapackage.json and README.md."""
    data = _standard_csv(download_frame(view, None, lang))
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
