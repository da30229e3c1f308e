"""What every download shares: the rows as downloaded, their provenance, caveats, safe cells and file names.

Two kinds of download, in every format: the underlying rows of the tidy view (`download_frame`: the export
contract's columns, then recipient, estimate method and basis, then dataset version and filters), and a
chart's table exactly as shown (`table_frame`: its columns, in its order). Both carry the dataset version
and the filters; text cells can never run as spreadsheet formulas.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd

from ..analysis import facts
from ..analysis.trail import OTHER_REGIONS
from ..dataset import EXPORT_COLUMNS, Dataset
from ..fmt import year_span
from ..text import normalise_lang, t
from ..text.labels import source_text
from ..vocabulary import CHANNELS, LEVELS, STATUSES

FORMATS = ("excel-csv", "csv", "xlsx", "datapackage")
TABLE_FORMATS = ("excel-csv", "csv", "xlsx")  # a chart's table: the data package describes the tidy rows only
MIME_TYPES = {
    "excel-csv": "text/csv",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "datapackage": "application/zip",
}
BINARY_FORMATS = ("xlsx", "datapackage")

# Beyond the contract: who receives the money (SKR, an agency, "the municipalities" have no region code), how
# an estimated amount was computed, and whether an amount is printed, estimated or the rest of a total.
EXTRA_COLUMNS = ("recipient", "estimate_method", "basis")
DOWNLOAD_COLUMNS = (*EXPORT_COLUMNS, *EXTRA_COLUMNS)
PROVENANCE_COLUMNS = ("dataset_version", "filters")
# Columns whose values follow the download's language, and where the English value is in the tidy view.
LOCALISED = {"grant_name": "grant_name_en", "stream_name": "stream_name_en", "recipient": "recipient_en",
             "estimate_method": "estimate_method_en"}
CODED = {"status": STATUSES, "recipient_level": LEVELS, "channel": CHANNELS, "basis": ("printed", "estimated", "rest")}
_CODE_PREFIX = {"status": "status", "recipient_level": "level", "channel": "channel", "basis": "basis"}
# Coded columns whose words come from the data, not the texts: where the tidy view holds the Swedish and the
# English name. The spreadsheets show the name ('Complex needs and co-morbidity', not 'komplexa-behov').
NAMED = {"focus_area": ("focus_name", "focus_name_en")}

FILE_STEM = "statsbidrag-psykisk-halsa"
TIMEZONE = ZoneInfo("Europe/Stockholm")
LICENCE = {"name": "CC0-1.0", "title": "Creative Commons Zero v1.0 Universal",
           "path": "https://creativecommons.org/publicdomain/zero/1.0/"}
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# A chart table's column kinds (components/presenters/common.FORMATS) that hold a share: 0.2334 is shown 23,3 %.
PERCENT_KINDS = ("percent", "signed_percent")


def neutralise(value: object) -> object:
    """Make a text cell inert in spreadsheets: a leading ' stops =, +, -, @, tab and CR formulas.
    Only strings are touched; numbers stay numbers."""
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


def header(column: str, lang: str) -> str:
    return t(f"h_{column}", lang)


def value_label(column: str, code: object, lang: str) -> object:
    """'estimated' -> 'skattat' for a coded column (one label per code and language); other values as they are."""
    if column in CODED and isinstance(code, str) and code in CODED[column]:
        return t(f"v_{_CODE_PREFIX[column]}_{code}", lang)
    return code


def select(ds: Dataset, years: Iterable[int] = (), regions: Iterable[str] = ()) -> pd.DataFrame:
    """The rows of the tidy view for the given years and region codes (empty means all)."""
    view = ds.view
    years, regions = list(years), list(regions)
    if years:
        view = view[view["year"].isin(years)]
    if regions:
        view = view[view["region_code"].isin(regions)]
    return view.reset_index(drop=True)


def contract_frame(view: pd.DataFrame, lang: str = "sv") -> pd.DataFrame:
    """Exactly the contract columns, in order, with the contract's types; names in the download's language."""
    out = view.loc[:, list(EXPORT_COLUMNS)].copy()
    if normalise_lang(lang) == "en":
        for col, english in LOCALISED.items():
            if col in out and english in view:
                out[col] = view[english]
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


def _filter_values(name: str, values: tuple[str, ...], lang: str) -> str:
    if name == "region" and OTHER_REGIONS in values:
        # A table with the chosen regions and the rest in one row (the money trail) holds all the money.
        chosen = ",".join(v for v in values if v != OTHER_REGIONS)
        return t("filters_others_summed", lang, regions=chosen)
    return ",".join(values)


def filters_text(spec: FilterSpec, lang: str = "en") -> str:
    """'year=2025,2026; region=14', or a plain 'no filters' when the whole dataset is exported;
    'region=01,12 (other regions summed)' for a table that sums the regions not chosen."""
    if not spec:
        return t("no_filters", lang)
    return "; ".join(f"{name}={_filter_values(name, values, lang)}" for name, values in spec)


@dataclass(frozen=True)
class Provenance:
    """Where a download comes from: dataset version, filters, time, and the sources and keys behind its rows."""

    version: str
    built_at: str
    filters: FilterSpec
    downloaded: datetime
    sources: pd.DataFrame = field(compare=False, repr=False)  # source_id, title, publisher, date, diarienummer, url
    keys: pd.DataFrame = field(compare=False, repr=False)     # kind, id, year, key_sv, key_en
    caveats_sv: tuple[str, ...] = ()
    caveats_en: tuple[str, ...] = ()
    # The dataset's other sources (printed totals, contradictions, budget frames that the rows are checked
    # against) and its change log: a data package names every source of the dataset and what changed (issue 11).
    other_sources: pd.DataFrame | None = field(default=None, compare=False, repr=False)
    changes: pd.DataFrame | None = field(default=None, compare=False, repr=False)  # release, change_sv, change_en

    @property
    def day(self) -> str:
        return self.downloaded.date().isoformat()

    def caveats(self, lang: str) -> tuple[str, ...]:
        return self.caveats_en if normalise_lang(lang) == "en" else self.caveats_sv


def caveats(ds: Dataset, view: pd.DataFrame, lang: str) -> tuple[str, ...]:
    """What a reader of these rows must know, phrased from the rows themselves (nothing typed in by hand)."""
    out = []
    en = normalise_lang(lang) == "en"

    def grant_years(frame: pd.DataFrame) -> str:
        # A grant can be renamed from one year to the next (the BUP money of 2023-2024 and of 2025-2027): name
        # each stretch of years by the name its own rows carry, not by whichever name the grant had first.
        name_col = "grant_name_en" if en and "grant_name_en" in frame else "grant_name"
        names = frame[name_col] if name_col in frame else frame["grant_id"]
        named = frame.assign(_name=names.where(names.astype(str) != "", frame["grant_id"]))
        items = [f"{name} {year_span(part['year'])}"
                 for (_, name), part in named.groupby(["grant_id", "_name"], sort=True)]
        return "; ".join(items)

    est = view.loc[view["status"] == "estimated"]
    if len(est):
        out.append(t("cav_estimated", lang, items=grant_years(est)))
    ann = view.loc[view["status"] == "announced"]
    if len(ann):
        out.append(t("cav_announced", lang, items=grant_years(ann)))
    rest = view.loc[view["basis"] == "rest"] if "basis" in view else view.iloc[0:0]
    if len(rest):
        out.append(t("cav_rest", lang, items=grant_years(rest)))
    if (view["recipient_level"] == "county").any():
        out.append(t("cav_county", lang))
    # Which years the sources cover for only some regions is a fact about the whole dataset, not about these
    # rows: a download for one region has one region every year, and 2025 is not partial for that. One caveat
    # per set of regions, naming all its years in the rows ("2023–2024: ... only Västra Götaland").
    partial_years: dict[tuple[str, ...], list[int]] = {}
    years_here = set(view["year"])
    for partial in facts.partial_detail(ds.view, len(ds.regions)):
        if partial.year in years_here:
            partial_years.setdefault(partial.region_codes, []).append(partial.year)
    short_names = ds.regions.set_index("region_code")["short_name"]
    for codes, years in partial_years.items():
        regions = ", ".join(str(short_names.get(c, c)) for c in codes)
        out.append(t("cav_partial", lang, years=year_span(years), regions=regions))
    out.append(t("cav_population", lang, date=ds.population_date))
    out.append(t("cav_worded", lang))
    return tuple(out)


def provenance(ds: Dataset, view: pd.DataFrame, filters: Mapping | None = None, *,
               now: datetime | None = None, version: str | None = None) -> Provenance:
    """Collect the provenance of `view` (rows of ds.view) from the dataset's reference tables."""
    now = now or datetime.now(TIMEZONE)
    sources = ds.sources
    if "source_id" in view:
        # Only the sources behind these rows: none for an empty selection, not every source of the dataset.
        sources = sources[sources["source_id"].isin(set(view["source_id"]))]
    columns = ["source_id", "title", "publisher", "date", "diarienummer", "url"]
    others = ds.sources.loc[~ds.sources["source_id"].isin(set(sources["source_id"])), columns].reset_index(drop=True)
    sources = sources.loc[:, columns].reset_index(drop=True)
    if {"grant_id", "year", "stream_id"} <= set(view.columns):
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
        cav_sv, cav_en = caveats(ds, view, "sv"), caveats(ds, view, "en")
    else:
        keys = pd.DataFrame(columns=["kind", "id", "year", "key_sv", "key_en"])
        cav_sv = cav_en = ()
    return Provenance(version=version or ds.version, built_at=ds.built_at, filters=normalise_filters(filters),
                      downloaded=now, sources=sources, keys=keys, caveats_sv=cav_sv, caveats_en=cav_en,
                      other_sources=others, changes=ds.changes.reset_index(drop=True))


def download_frame(view: pd.DataFrame, prov: Provenance | None = None, lang: str = "en") -> pd.DataFrame:
    """The rows as downloaded: contract columns, then recipient, estimate method and basis, then provenance."""
    out = contract_frame(view, lang)
    en = normalise_lang(lang) == "en"
    for col in EXTRA_COLUMNS:
        source = LOCALISED.get(col) if en else None
        out[col] = view[source if source in view else col].astype(str) if col in view else ""
    if prov is not None:
        out["dataset_version"] = prov.version
        out["filters"] = filters_text(prov.filters, lang)
    return out


def labelled(frame: pd.DataFrame, lang: str, view: pd.DataFrame | None = None) -> pd.DataFrame:
    """Replace codes by words ('estimated' -> 'skattat') for the spreadsheet formats, and, given the tidy rows
    `frame` was made from, codes by the names the data give them ('barn-unga' -> 'Children and young people')."""
    out = frame.copy()
    for col in CODED:
        if col in out:
            out[col] = out[col].map(lambda v, c=col: value_label(c, v, lang), na_action="ignore")
    if view is not None:
        en = normalise_lang(lang) == "en"
        for col, (name_sv, name_en) in NAMED.items():
            source = name_en if en else name_sv
            if col in out and source in view and len(view) == len(out):
                names = pd.Series(view[source].to_numpy(), index=out.index)
                out[col] = names.where(names.notna() & (names.astype(str) != ""), out[col])  # no name: the code
    return out


def as_percent(table: pd.DataFrame, kinds: Mapping[str, str] | None) -> pd.DataFrame:
    """Share columns in per cent (-0.2016 -> -20.16), for the CSVs: a CSV cell has no number format, so it must
    hold the number its header's "(%)" and the screen's "-20,2 %" promise, not the ratio (which read as -0.2 %).
    Full precision, not the screen's one decimal: shares then still add up to 100 and small ones stay non-zero.
    The workbook keeps the ratio under a % number format, which is what Excel means by a percentage."""
    out = table.copy()
    for col, kind in (kinds or {}).items():
        if kind in PERCENT_KINDS and col in out:
            out[col] = out[col].astype("Float64") * 100  # Float64: a missing share stays an empty cell
    return out


def sources_text(sources: pd.DataFrame) -> str:
    """'pv2026-anvisningar: Socialstyrelsen, 2026, S2025/00397; S2025/02147 | psyk2026-beslut: …': each source
    behind a table, by its id (as in the rows' source_id) with publisher, date and reference numbers, the way the
    chart's source line names it. " | " between sources: a reference number list has semicolons of its own."""
    items = []
    for r in sources.itertuples():
        label = source_text(r)
        items.append(f"{r.source_id}: {label}" if label else str(r.source_id))
    return " | ".join(items)


def table_frame(table: pd.DataFrame, prov: Provenance, lang: str) -> pd.DataFrame:
    """A chart's table as shown (same rows, order and columns), then its sources, the dataset version and the
    filters. A CSV has no second sheet: the sources of its figures go in a column (an analyst found none)."""
    out = table.reset_index(drop=True).copy()
    out[header("sources", lang)] = sources_text(prov.sources)
    out[header("dataset_version", lang)] = prov.version
    out[header("filters", lang)] = filters_text(prov.filters, lang)
    return out


# File names ---------------------------------------------------------------------------------------------

def _years_part(years: Sequence[int], lang: str) -> str:
    """2025 | 2025-2026 | 2023+2025 | 2018-2020+2023-2028: runs of consecutive years joined by '+' (the data
    have gaps, 2021-2022, so the whole dataset would otherwise name all nine years one by one)."""
    return year_span(years, dash="-", joiner="+") or t("file_no_years", lang)


def _regions_part(codes: Iterable[str], all_codes: Iterable[str], lang: str) -> str:
    codes = set(codes)
    summed = OTHER_REGIONS in codes
    codes = sorted(c for c in codes if c and c != OTHER_REGIONS)
    everything = set(all_codes)
    if not codes or (everything and everything <= set(codes)):
        return t("file_all_regions", lang)
    if len(codes) == 1:
        part = t("file_region", lang, code=codes[0])
    elif len(codes) <= 4:
        part = t("file_regions", lang, codes="-".join(codes))
    else:
        part = t("file_n_regions", lang, n=len(codes))
    return t("file_and_others", lang, regions=part) if summed else part


def table_part(chart_key: str, lang: str) -> str:
    """A chart's table in a file name, in the download's language: 'tabell-pengarnas-vag', 'table-money-trail'
    (words, not the chart's internal key)."""
    return t("file_table", lang, name=t(f"file_chart_{chart_key}", lang))


def file_name(fmt: str, view: pd.DataFrame, day: str, all_region_codes: Iterable[str] = (), part: str = "",
              lang: str = "sv", regions: Iterable[str] | None = None, statuses: Iterable[str] = (),
              years: Iterable[int] = ()) -> str:
    """E.g. statsbidrag-psykisk-halsa_2025-2026_region-14_2026-11-25.csv: what the file holds and when, in the
    download's language (state-funding-mental-health_2025-2026_region-14_2026-11-25.csv in English).

    Years and regions are those of the rows in the file, unless `regions` names those a table shows one by one
    (the money trail: the chosen regions and OTHER_REGIONS, "regioner-01-12-och-ovriga"); `all_region_codes`
    tells when every region is there ("alla-regioner"); `part` names a chart's table (`table_part`). The
    standard CSV gets a _standard suffix so the two CSVs never overwrite each other in a downloads folder.
    `statuses`, a chosen subset of the amounts' statuses, is named too ("beslutat", "beslutat+aviserat"): two
    exports of one year into one folder with different statuses would otherwise have overwritten each other.
    `years` names the chosen years where the file has no rows (else "inga-ar": two empty exports overwrote each
    other).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    lang = normalise_lang(lang)
    # Distinct values first: the parts are sets anyway, and a Python loop over every row cost tens of
    # milliseconds per chart and rerun on a large dataset (issue 7).
    years = pd.unique(view["year"]) if "year" in view and len(view) else list(years)
    codes = regions if regions else (pd.unique(view["region_code"]) if "region_code" in view else [])
    chosen = [s for s in STATUSES if s in set(statuses)]
    status_part = "+".join(t(f"file_status_{s}", lang) for s in chosen) if 0 < len(chosen) < len(STATUSES) else ""
    stem = "_".join([t("file_stem", lang), *([part] if part else []), _years_part(years, lang),
                     _regions_part(codes, all_region_codes, lang), *([status_part] if status_part else []), day])
    suffix = {"excel-csv": ".csv", "csv": "_standard.csv", "xlsx": ".xlsx", "datapackage": ".zip"}[fmt]
    return stem + suffix
