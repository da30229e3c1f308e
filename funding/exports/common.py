"""Snapshots of the curated allocations for download and scripting.

Four formats, all built from the same rows (`download_frame`):

- ``excel-csv``: what Swedish Excel opens correctly on a double click: UTF-8 with BOM (else å ä ö break),
  semicolon (the Swedish list separator), decimal comma, Swedish headers and labels, whole kronor without
  thousands separators (a separator would turn the amount into text).
- ``csv``: the export contract (model.EXPORT_COLUMNS): comma, dot decimal, UTF-8, English snake_case.
- ``xlsx`` (funding.workbook) and ``datapackage`` (funding.datapackage).

Every download carries the dataset version and the filters that produced it: as the last two columns of
the CSVs (comment lines would break parsers), on a sheet of the workbook, in datapackage.json.
"""

from __future__ import annotations

import csv
import io
import numbers
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd

from .model import EXPORT_COLUMNS, Dataset
from .schema import CHANNELS, LEVELS, STATUSES

FORMATS = ("excel-csv", "csv", "xlsx", "datapackage")
MIME_TYPES = {
    "excel-csv": "text/csv",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "datapackage": "application/zip",
}
BINARY_FORMATS = ("xlsx", "datapackage")

# Beyond the contract: who receives the money (SKR, Socialstyrelsen, "Kommunerna" have no region code)
# and how an estimated amount was computed.
EXTRA_COLUMNS = ("recipient", "estimate_method")
DOWNLOAD_COLUMNS = (*EXPORT_COLUMNS, *EXTRA_COLUMNS)
PROVENANCE_COLUMNS = ("dataset_version", "filters")

FILE_STEM = "statsbidrag-psykisk-halsa"
TIMEZONE = ZoneInfo("Europe/Stockholm")

HEADERS: dict[str, dict[str, str]] = {
    "sv": {
        "year": "År", "region_code": "Länskod", "region_name": "Region", "recipient_level": "Mottagarnivå",
        "grant_id": "Bidrags-id", "grant_name": "Bidrag", "stream_id": "Delpost-id", "stream_name": "Delpost",
        "focus_area": "Fokusområde", "channel": "Kanal", "status": "Status", "amount_sek": "Belopp (kr)",
        "population": "Befolkning", "population_date": "Befolkningsdatum", "sek_per_capita": "Kr per invånare",
        "source_id": "Källa", "recipient": "Mottagare", "estimate_method": "Skattningsmetod",
        "dataset_version": "Datasetversion", "filters": "Filter",
    },
    "en": {
        "year": "Year", "region_code": "Region code", "region_name": "Region", "recipient_level": "Recipient level",
        "grant_id": "Grant id", "grant_name": "Grant", "stream_id": "Stream id", "stream_name": "Stream",
        "focus_area": "Focus area", "channel": "Channel", "status": "Status", "amount_sek": "Amount (SEK)",
        "population": "Population", "population_date": "Population date", "sek_per_capita": "SEK per inhabitant",
        "source_id": "Source", "recipient": "Recipient", "estimate_method": "Estimate method",
        "dataset_version": "Dataset version", "filters": "Filters",
    },
}

# Human labels for the coded columns in the spreadsheet formats. One label per code in each language,
# so a reader can map them back (tests do).
VALUE_LABELS: dict[str, dict[str, dict[str, str]]] = {
    "sv": {
        "status": {"decided": "beslutat", "estimated": "skattat", "announced": "aviserat"},
        "recipient_level": {"region": "region", "county": "länsgemensamt", "municipalities": "kommunerna",
                            "organisation": "organisation"},
        "channel": {"socialstyrelsen": "statsbidrag via Socialstyrelsen", "skr": "överenskommelse staten–SKR"},
    },
    "en": {
        "status": {"decided": "decided", "estimated": "estimated", "announced": "announced"},
        "recipient_level": {"region": "region", "county": "county-joint", "municipalities": "municipalities",
                            "organisation": "organisation"},
        "channel": {"socialstyrelsen": "government grant via Socialstyrelsen", "skr": "state–SKR agreement"},
    },
}
assert all(set(VALUE_LABELS[lang]["status"]) == set(STATUSES) and set(VALUE_LABELS[lang]["channel"]) == set(CHANNELS)
           and set(VALUE_LABELS[lang]["recipient_level"]) == set(LEVELS) for lang in VALUE_LABELS)

NO_FILTERS = {"sv": "inga filter (hela datasetet)", "en": "no filters (the whole dataset)"}

LICENCE = {
    "name": "CC0-1.0",
    "title": "Creative Commons Zero v1.0 Universal",
    "path": "https://creativecommons.org/publicdomain/zero/1.0/",
}
LICENCE_TEXT = {
    "sv": ("Sammanställningen ges ut under CC0 1.0 (fri att använda utan villkor). Beloppen är hämtade ur "
           "offentliga dokument: regeringsbeslut och myndigheters anvisningar, som är undantagna från upphovsrätt "
           "(9 § upphovsrättslagen 1960:729), och SKR:s presentation av överenskommelsen med staten. Enskilda "
           "belopp är fakta; dokumenten själva återges inte. Ange gärna källorna när du använder siffrorna."),
    "en": ("The compilation is released under CC0 1.0 (free to use without conditions). The amounts come from "
           "public documents: government decisions and agency instructions, which Swedish law exempts from "
           "copyright (section 9 of the Copyright Act 1960:729), and SKR's presentation of its agreement with "
           "the state. Individual amounts are facts; the documents themselves are not reproduced. Please cite the "
           "sources when you use the figures."),
}

CAVEATS = {
    "sv": (
        "Status 'skattat': beloppet är inte publicerat utan beräknat här från den fördelningsnyckel källan anger "
        "(metoden står i kolumnen Skattningsmetod). Bara totalen är beslutad.",
        "Status 'aviserat': regeringen har aviserat beloppet för ett kommande år; det är inte beslutat och kan "
        "ändras.",
        "Mottagarnivå 'länsgemensamt': medel till länet gemensamt (region och kommuner tillsammans), inte "
        "regionens eget bidrag. Lägg inte ihop dem med regionens belopp utan att säga det.",
        "Bidrag som källorna nämner utan exakta belopp finns inte i filen (se sidan Om i appen).",
        "Befolkning och kr per invånare bygger på folkmängden 1 november 2024, den enda som källorna anger. "
        "Belopp till alla regioner eller alla kommuner tillsammans räknas per invånare i hela landet; "
        "belopp till en organisation (Socialstyrelsen, SKR) har ingen befolkning.",
        "Åren 2023 och 2024 finns bara för Västra Götalands länsgemensamma medel; källan visar inga andra.",
    ),
    "en": (
        "Status 'estimated': the amount is not published but computed here from the key the source states "
        "(the method is in the Estimate method column). Only the total is decided.",
        "Status 'announced': the government has announced the amount for a coming year; it is not decided and "
        "may change.",
        "Recipient level 'county-joint': funds for the county as a whole (region and municipalities together), "
        "not the region's own grant. Do not add them to the region's amount without saying so.",
        "Grants the sources mention without exact figures are not in the file (see the About page of the app).",
        "Population and SEK per inhabitant use the population on 1 November 2024, the only one the sources give. "
        "Amounts to all regions or all municipalities together are divided by the national population; amounts "
        "to an organisation (Socialstyrelsen, SKR) have no population.",
        "2023 and 2024 cover only Västra Götaland's county-joint funds; the source shows no others.",
    ),
}

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Make a text cell inert in spreadsheets: a leading ' stops =, +, -, @, tab and CR formulas.

    Only strings are touched; numbers stay numbers.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _is_text(series: pd.Series) -> bool:
    return series.dtype == object or pd.api.types.is_string_dtype(series)


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if _is_text(out[col]):
            out[col] = out[col].map(neutralise, na_action="ignore")
    return out


def select(ds: Dataset, years: Iterable[int] = (), regions: Iterable[str] = ()) -> pd.DataFrame:
    """The rows of the tidy view for the given years and region codes (empty means all)."""
    view = ds.view
    years, regions = list(years), list(regions)
    if years:
        view = view[view["year"].isin(years)]
    if regions:
        view = view[view["region_code"].isin(regions)]
    return view.reset_index(drop=True)


def contract_frame(view: pd.DataFrame) -> pd.DataFrame:
    """Exactly the contract columns, in order, with the contract's types."""
    out = view.loc[:, list(EXPORT_COLUMNS)].copy()
    out["amount_sek"] = out["amount_sek"].astype("int64")
    return out


# Provenance ---------------------------------------------------------------------------------------------

FilterSpec = tuple[tuple[str, tuple[str, ...]], ...]


def normalise_filters(filters: Mapping[str, Sequence[object] | str | int] | None) -> FilterSpec:
    """A hashable, ordered form of {param: values}; empty selections (meaning "all") are dropped."""
    spec = []
    for name, values in (filters or {}).items():
        if isinstance(values, str | int):
            values = [values]
        values = tuple(str(v) for v in values if str(v) != "")
        if values:
            spec.append((str(name), values))
    return tuple(spec)


def filters_text(spec: FilterSpec, lang: str = "en") -> str:
    """'year=2025,2026; region=14', or a plain 'no filters' when the whole dataset is exported."""
    if not spec:
        return NO_FILTERS[lang]
    return "; ".join(f"{name}={','.join(values)}" for name, values in spec)


@dataclass(frozen=True)
class Provenance:
    """Where a download comes from: dataset version, filters, time, and the sources and keys behind its rows."""

    version: str
    built_at: str
    filters: FilterSpec
    downloaded: datetime
    sources: pd.DataFrame = field(compare=False, repr=False)  # source_id, title, publisher, date, diarienummer
    keys: pd.DataFrame = field(compare=False, repr=False)  # kind, id, year, key_sv, key_en

    @property
    def day(self) -> str:
        return self.downloaded.date().isoformat()


def provenance(ds: Dataset, view: pd.DataFrame, filters: Mapping | None = None, *,
               now: datetime | None = None, version: str | None = None) -> Provenance:
    """Collect the provenance of `view` (rows of ds.view) from the dataset's reference tables."""
    now = now or datetime.now(TIMEZONE)
    used = set(view["source_id"])
    sources = ds.sources
    if used:
        sources = sources[sources["source_id"].isin(used)]
    sources = sources.loc[:, ["source_id", "title", "publisher", "date", "diarienummer"]].reset_index(drop=True)

    grant_years = view.loc[:, ["grant_id", "year"]].drop_duplicates()
    grants = ds.grants.merge(grant_years, on=["grant_id", "year"])
    grant_keys = pd.DataFrame({"kind": "grant", "id": grants["grant_id"], "year": grants["year"].astype("Int64"),
                               "key_sv": grants["key_sv"], "key_en": grants["key_en"]})
    streams = ds.streams[ds.streams["stream_id"].isin(set(view["stream_id"]))]
    stream_keys = pd.DataFrame({"kind": "stream", "id": streams["stream_id"], "year": pd.NA,
                                "key_sv": streams["key_sv"], "key_en": streams["key_en"]})
    keys = pd.concat([grant_keys, stream_keys], ignore_index=True)
    keys = keys[keys["key_sv"].notna() | keys["key_en"].notna()].reset_index(drop=True)
    keys["year"] = keys["year"].astype("Int64")
    return Provenance(version=version or ds.version, built_at=ds.built_at, filters=normalise_filters(filters),
                      downloaded=now, sources=sources, keys=keys)


def download_frame(view: pd.DataFrame, prov: Provenance | None = None, lang: str = "en") -> pd.DataFrame:
    """The rows as downloaded: contract columns, then recipient and estimate method, then provenance."""
    out = contract_frame(view)
    for col in EXTRA_COLUMNS:
        out[col] = view[col].astype(str) if col in view else ""
    if prov is not None:
        out["dataset_version"] = prov.version
        out["filters"] = filters_text(prov.filters, lang)
    return out


def labelled(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Replace codes by human labels (status 'estimated' -> 'skattat') for the spreadsheet formats."""
    out = frame.copy()
    for col, labels in VALUE_LABELS[lang].items():
        if col in out:
            out[col] = out[col].map(lambda v, labels=labels: labels.get(v, v), na_action="ignore")
    return out


# CSV ----------------------------------------------------------------------------------------------------

def _standard_csv(frame: pd.DataFrame) -> bytes:
    # CRLF as RFC 4180 says, and because the csv writer then quotes any text holding a CR or LF: with a bare
    # LF terminator a CR inside a cell went out unquoted and split the row for every reader.
    buffer = io.StringIO()
    neutralise_frame(frame).to_csv(buffer, index=False, lineterminator="\r\n", float_format="%.2f")
    return buffer.getvalue().encode("utf-8")


def to_csv(view: pd.DataFrame, prov: Provenance | None = None) -> bytes:
    """Standard CSV: comma-separated, dot decimal, UTF-8 without BOM, CRLF line ends.

    Without provenance exactly the contract columns; with it the download columns plus dataset_version and
    filters.
    """
    return _standard_csv(contract_frame(view) if prov is None else download_frame(view, prov, "en"))


def _excel_cell(value: object, decimals: int | None) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, numbers.Integral):
        return str(int(value))
    # ASCII minus and no thousands separator: Excel reads "-5,00" as a number, not "−5,00" or "1 234,00".
    return f"{float(value):.{decimals or 2}f}".replace(".", ",")


def to_excel_csv(view: pd.DataFrame, prov: Provenance) -> bytes:
    """CSV for Swedish Excel: BOM, semicolon, decimal comma, Swedish headers and labels, whole kronor."""
    frame = neutralise_frame(labelled(download_frame(view, prov, "sv"), "sv"))
    decimals = {col: (2 if pd.api.types.is_float_dtype(frame[col]) else None) for col in frame.columns}
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([HEADERS["sv"][col] for col in frame.columns])
    for record in frame.itertuples(index=False, name=None):
        writer.writerow([_excel_cell(v, decimals[col]) for col, v in zip(frame.columns, record, strict=True)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# File names and dispatch ----------------------------------------------------------------------------------

def _years_part(years: Sequence[int]) -> str:
    years = sorted(set(int(y) for y in years))
    if not years:
        return "inga-ar"
    if len(years) == 1:
        return str(years[0])
    if years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}-{years[-1]}"
    return "+".join(str(y) for y in years)


def _regions_part(codes: Iterable[str], all_codes: Iterable[str]) -> str:
    codes = sorted({c for c in codes if c})
    everything = set(all_codes)
    if not codes or (everything and everything <= set(codes)):
        return "alla-regioner"
    if len(codes) == 1:
        return f"region-{codes[0]}"
    if len(codes) <= 4:
        return "regioner-" + "-".join(codes)
    return f"{len(codes)}-regioner"


def file_name(fmt: str, view: pd.DataFrame, day: str, all_region_codes: Iterable[str] = ()) -> str:
    """E.g. statsbidrag-psykisk-halsa_2025-2026_region-14_2026-11-25.csv: what the file holds and when.

    Years and regions are those of the rows in the file; `all_region_codes` tells when every region is
    there ("alla-regioner"). The standard CSV gets a _standard suffix so the two CSVs never overwrite
    each other in a downloads folder.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    # Distinct values first: the parts are sets anyway, and a Python loop over every row cost tens of
    # milliseconds per chart and rerun on a large dataset (issue 7).
    stem = "_".join([FILE_STEM, _years_part(pd.unique(view["year"])),
                     _regions_part(pd.unique(view["region_code"]), all_region_codes), day])
    suffix = {"excel-csv": ".csv", "csv": "_standard.csv", "xlsx": ".xlsx", "datapackage": ".zip"}[fmt]
    return stem + suffix


def payload(fmt: str, view: pd.DataFrame, prov: Provenance, lang: str = "sv") -> bytes:
    """The bytes of one download. `lang` chooses the language of the workbook and of the package README."""
    if fmt == "excel-csv":
        return to_excel_csv(view, prov)
    if fmt == "csv":
        return to_csv(view, prov)
    if fmt == "xlsx":
        from .workbook import to_xlsx

        return to_xlsx(view, prov, lang)
    if fmt == "datapackage":
        from .datapackage import to_datapackage

        return to_datapackage(view, prov, lang)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
