"""The curated dataset: loaded from data/curated, checked whole, with the tidy view pages and exports use,
the rows of it a set of filters chooses, and the one function for kronor per inhabitant."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pandas as pd

from . import paths

REBUILD_HINT = "make data  (or: python -m funding build)"

REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "allocations": ("year", "grant_id", "stream_id", "recipient_level", "region_code", "recipient", "recipient_en",
                    "amount_sek", "status", "basis", "source_id", "source_table", "source_line", "source_row",
                    "amount_id", "estimate_method", "estimate_method_en"),
    "regions": ("region_code", "short_name", "county_name", "organisation_name", "metropolitan"),
    "region_names": ("variant", "region_code"),
    "population": ("region_code", "ref_date", "age_group", "count", "source_id"),
    "sources": ("source_id", "title", "publisher", "date", "diarienummer", "file", "kind", "url", "credit"),
    "grants": ("grant_id", "year", "name_sv", "name_en", "channel", "status", "key_date", "key_sv", "key_en",
               "source_id", "diarienummer", "source_ref"),
    "streams": ("stream_id", "grant_id", "name_sv", "name_en", "focus_area", "recipient_level", "recipient_sv",
                "recipient_en", "key_population", "fixed_sek_per_recipient", "fixed_sek_metropolitan", "key_sv",
                "key_en"),
    "focus_areas": ("focus_id", "name_sv", "name_en", "description_sv", "description_en"),
    "totals": ("amount_id", "year", "grant_id", "role", "scope", "amount_sek", "status", "source_id"),
    "alternatives": ("amount_id", "instead_of", "year", "grant_id", "amount_sek", "source_id", "source_row", "note_sv",
                     "note_en"),
    "worded": ("worded_id", "source_id", "year", "grant_id", "amount_as_worded", "quote", "note"),
    "frames": ("frame_id", "source_id", "year", "kind", "label_sv", "label_en", "amount_as_printed", "amount_sek"),
    "not_counted": ("file", "amount_as_printed", "why", "refs", "note_sv", "note_en"),
    "changes": ("release", "change_sv", "change_en"),
    "reconciliation": ("table", "row", "column", "kind", "published", "computed", "difference", "result",
                       "explanation", "explanation_en", "source_id", "amount_id"),
    "key_audit": ("year", "stream_id", "region_code", "key_basis", "key_basis_en", "published_sek", "recomputed_sek",
                  "deviation_sek", "implied_share", "note", "note_en"),
}

# The export contract (issue 3): names and order are relied upon by downloads and scripts.
EXPORT_COLUMNS = ("year", "region_code", "region_name", "recipient_level", "grant_id", "grant_name", "stream_id",
                  "stream_name", "focus_area", "channel", "status", "amount_sek", "population", "population_date",
                  "sek_per_capita", "source_id")

# Recipient levels whose money, without a region code, belongs to the whole country's population.
NATIONAL_POPULATION_LEVELS = ("region", "county", "municipalities", "regions-municipalities")


def per_capita(amount, population):
    """Kronor per inhabitant: a float for scalars, a nullable Float64 Series for Series; None (or <NA>) where
    the population is missing or zero, because money without people to divide it by has no per-capita value."""
    if isinstance(amount, pd.Series) or isinstance(population, pd.Series):
        # A scalar is spread over the other side's index: wrapped as pd.Series(scalar) it had index [0] only, and
        # the division, which aligns on the index, gave <NA> for every other row (Regionprofil's chart drew only
        # its first bar).
        index = amount.index if isinstance(amount, pd.Series) else population.index
        amount = (amount if isinstance(amount, pd.Series) else pd.Series(amount, index=index)).astype("Float64")
        people = (population if isinstance(population, pd.Series)
                  else pd.Series(population, index=index)).astype("Float64")
        return (amount / people.where(people > 0)).astype("Float64")
    if population is None or pd.isna(population) or population <= 0:
        return None
    return float(amount) / float(population)


def newest_population(population: pd.DataFrame) -> pd.Series:
    """Region code -> total population (int64) on the newest reference date the sources give: the
    denominator of every kronor-per-inhabitant figure, in the tidy view and in the comparisons alike."""
    newest = population["ref_date"] == population["ref_date"].max()
    pop = population.loc[(population["age_group"] == "total") & newest]
    return pop.set_index("region_code")["count"].astype("int64")


class DataUnavailable(RuntimeError):
    """The curated data are missing, incomplete or malformed; `problem` says what, in plain words."""

    def __init__(self, problem: str):
        self.problem = problem
        super().__init__(f"{problem} Rebuild with: {REBUILD_HINT}")


@dataclass(frozen=True)
class Dataset:
    """The curated tables and the tidy view. Shared by every session: never mutate the frames."""

    version: str
    built_at: str
    allocations: pd.DataFrame
    regions: pd.DataFrame          # the 21 regions: code, short name, county, organisation
    region_names: pd.DataFrame
    population: pd.DataFrame
    sources: pd.DataFrame
    grants: pd.DataFrame           # the catalogue: one row per grant and year
    streams: pd.DataFrame
    focus_areas: pd.DataFrame
    totals: pd.DataFrame           # printed totals and rests, each with the scope it covers
    alternatives: pd.DataFrame     # other pages' figures for money a chosen figure counts
    worded: pd.DataFrame           # amounts the sources give only in words; never summed
    frames: pd.DataFrame           # budget-level figures (the appropriation), shown beside totals
    not_counted: pd.DataFrame      # amounts the source pages state that are not counted here, and why
    changes: pd.DataFrame          # what changed in the data, per release
    reconciliation: pd.DataFrame
    key_audit: pd.DataFrame
    view: pd.DataFrame             # one row per allocation with names, population and per-capita

    @functools.cached_property
    def population_by_region(self) -> pd.Series:
        """Region code -> total population on the newest reference date (newest_population)."""
        return newest_population(self.population)

    @property
    def national_population(self) -> int:
        # The same denominator as every region's and the tidy view's: total population on the newest date. A sum
        # of the whole table would count a second date or an age group (a key population) again.
        return int(newest_population(self.population).sum())

    @property
    def population_date(self) -> str:
        return str(self.population["ref_date"].max())

    @property
    def release(self) -> str:
        return str(self.changes["release"].max()) if len(self.changes) else ""

    @property
    def region_codes(self) -> tuple[str, ...]:
        return tuple(self.regions["region_code"])


def _shown(path: Path) -> str:
    """A path as named in messages: relative to the project, else just its name. Problems are shown on the
    app's error page, and a server's absolute paths are internals visitors should not see (issue 6)."""
    try:
        return Path(path).resolve().relative_to(paths.ROOT).as_posix()
    except ValueError:
        return Path(path).name


def manifest(curated: Path | None = None) -> dict:
    folder = Path(curated) if curated else paths.curated_dir()
    path = folder / "manifest.json"
    if not folder.exists() or not path.exists():
        raise DataUnavailable(f"The curated data are missing ({_shown(folder)} has no manifest.json).")
    try:
        man = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataUnavailable(f"The manifest {_shown(path)} cannot be read ({exc.__class__.__name__}).") from exc
    if not isinstance(man, dict):  # valid JSON but not an object: callers rely on .get (issue 6)
        raise DataUnavailable(f"The manifest {_shown(path)} is malformed.")
    return man


def load(curated: Path | None = None) -> Dataset:
    """Load and check the curated tables; raise DataUnavailable with a plain message if anything is wrong."""
    folder = Path(curated) if curated else paths.curated_dir()
    man = manifest(folder)
    files = man.get("files")
    if not isinstance(files, dict) or not isinstance(man.get("version"), str):
        raise DataUnavailable(f"The manifest {_shown(folder / 'manifest.json')} is malformed.")
    tables: dict[str, pd.DataFrame] = {}
    for name, required in REQUIRED_COLUMNS.items():
        path = folder / f"{name}.parquet"
        if name not in files or not path.exists():
            raise DataUnavailable(f"The curated table {name}.parquet is missing.")
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != files[name]:
            raise DataUnavailable(f"The curated table {name}.parquet does not match its checksum "
                                  "(truncated, edited or from another build).")
        try:
            frame = pd.read_parquet(path)
        except Exception as exc:  # pyarrow raises several unrelated types for a damaged file
            raise DataUnavailable(f"The curated table {name}.parquet cannot be read ({exc.__class__.__name__}).") \
                from exc
        missing = [c for c in required if c not in frame.columns]
        if missing:
            raise DataUnavailable(f"The curated table {name}.parquet lacks the columns {', '.join(missing)}.")
        tables[name] = frame
    _check_allocations(tables)
    try:
        view = tidy_view(tables)
    except Exception as exc:  # tables that load but do not fit together (e.g. a duplicated region code, issue 6)
        raise DataUnavailable(f"The curated tables do not fit together ({exc.__class__.__name__}).") from exc
    return Dataset(version=man["version"], built_at=str(man.get("built_at", "")), view=view, **tables)


def _check_allocations(tables: dict[str, pd.DataFrame]) -> None:
    alloc = tables["allocations"]
    if alloc.empty:
        raise DataUnavailable("The curated table allocations.parquet is empty.")
    if not pd.api.types.is_integer_dtype(alloc["amount_sek"]) or not pd.api.types.is_integer_dtype(alloc["year"]):
        raise DataUnavailable("The curated table allocations.parquet has non-integer years or amounts.")
    unknown = set(alloc["stream_id"]) - set(tables["streams"]["stream_id"])
    if unknown:
        raise DataUnavailable(f"allocations.parquet refers to unknown streams: {sorted(unknown)[:3]}.")


def _text(series: pd.Series) -> pd.Series:
    return series.fillna("").astype(str)


def tidy_view(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per allocation with every label and its per-capita figure: the export contract and more."""
    alloc = tables["allocations"]
    regions = tables["regions"].set_index("region_code")
    grants = tables["grants"]
    grant_names = grants.sort_values("year", na_position="first").drop_duplicates("grant_id", keep="last")
    grant_names = grant_names.set_index("grant_id")
    channel = grants.dropna(subset=["year"]).astype({"year": "int64"}).set_index(["grant_id", "year"])["channel"]
    streams = tables["streams"].set_index("stream_id")
    focus = tables["focus_areas"].set_index("focus_id")
    pop = newest_population(tables["population"])
    pop_date = str(tables["population"]["ref_date"].max())

    view = pd.DataFrame({"year": alloc["year"].astype("int64"), "amount_sek": alloc["amount_sek"].astype("int64")})
    for col in ("region_code", "recipient_level", "grant_id", "stream_id", "status", "basis", "source_id",
                "amount_id", "recipient", "recipient_en", "estimate_method", "estimate_method_en"):
        view[col] = _text(alloc[col])
    view["region_name"] = _text(view["region_code"].map(regions["short_name"]))
    # Each row carries its grant's name in that year (a grant can be renamed), else the grant's newest name.
    # On the view's own index: a Series built without one is labelled 0..n-1 and the assignments below align
    # on the index, so any other index would have left names empty (the fault per_capita once had).
    keys = pd.Series(list(zip(view["grant_id"], view["year"], strict=True)), index=view.index)
    by_year = grants.dropna(subset=["year"]).astype({"year": "int64"}).set_index(["grant_id", "year"])
    for col, source in (("grant_name", "name_sv"), ("grant_name_en", "name_en")):
        view[col] = _text(keys.map(by_year[source]).fillna(view["grant_id"].map(grant_names[source])))
    view["channel"] = _text(keys.map(channel))
    view["stream_name"] = _text(view["stream_id"].map(streams["name_sv"]))
    view["stream_name_en"] = _text(view["stream_id"].map(streams["name_en"]))
    view["focus_area"] = _text(view["stream_id"].map(streams["focus_area"]))
    view["focus_name"] = _text(view["focus_area"].map(focus["name_sv"]))
    view["focus_name_en"] = _text(view["focus_area"].map(focus["name_en"]))
    view["key_population"] = _text(view["stream_id"].map(streams["key_population"]))

    # Denominator: the region's (or county's) population; the whole country's for money to all regions,
    # counties or municipalities together; none for an organisation (an agency, SKR, a civil-society body).
    population = view["region_code"].map(pop).astype("Float64")
    national = (view["region_code"] == "") & view["recipient_level"].isin(NATIONAL_POPULATION_LEVELS)
    population[national] = float(pop.sum())
    view["population"] = population.round().astype("Int64")
    view["population_date"] = pd.Series(pop_date, index=view.index).where(view["population"].notna(), "")
    view["sek_per_capita"] = per_capita(view["amount_sek"], view["population"]).round(2)
    # An estimated split keeps the status of the printed total it splits (primary care 2026: 396 mnkr to the
    # regions, decided; the split by population is this dataset's), so that a view without the estimates can
    # still count the total, unsplit (select).
    total_status = tables["totals"].drop_duplicates("amount_id").set_index("amount_id")["status"]
    estimated = view["status"] == "estimated"
    view["total_status"] = _text(view["amount_id"].where(estimated).map(total_status))
    order = list(EXPORT_COLUMNS) + [c for c in view.columns if c not in EXPORT_COLUMNS]
    return view[order].reset_index(drop=True)


def total_statuses(rows: pd.DataFrame) -> pd.Series:
    """Each row's status as a part of its printed total: an estimated split's part has its total's (tidy_view's
    total_status), for views that sum the parts above the regions (the money trail, the change table)."""
    if "total_status" not in rows:
        return rows["status"]
    return rows["total_status"].where((rows["status"] == "estimated") & (rows["total_status"] != ""), rows["status"])


class RowFilters(Protocol):
    """The filters that choose rows of the tidy view beyond years and statuses, each an empty tuple for "all";
    only read. analysis.filters.Filters has them, and dataset.py needs nothing else of it."""

    region_codes: tuple[str, ...]
    levels: tuple[str, ...]
    channels: tuple[str, ...]
    grants: tuple[str, ...]
    streams: tuple[str, ...]
    focus: tuple[str, ...]


def select(view: pd.DataFrame, f: RowFilters, *, years: Iterable[int] | None = None,
           statuses: Iterable[str] | None = None, ignore_regions: bool = False) -> pd.DataFrame:
    """The rows of the tidy view that the filters let through (a new frame).

    `years` and `statuses` are the resolved choices (analysis.defaults), since an empty filter means a
    chart's own default; None leaves that dimension unfiltered.
    """
    mask = pd.Series(True, index=view.index)
    if years is not None:
        mask &= view["year"].isin(list(years))
    for col, chosen in (("recipient_level", f.levels), ("channel", f.channels), ("grant_id", f.grants),
                        ("stream_id", f.streams), ("focus_area", f.focus)):
        if chosen:
            mask &= view[col].isin(chosen)
    regional = bool(f.region_codes) and not ignore_regions
    stand_in = None
    if statuses is not None:
        statuses = list(statuses)
        if "estimated" not in statuses and not regional and "total_status" in view:
            # Without the estimates a split's total still counts, as the one unsplit amount the source prints:
            # "decided only" left out primary care's decided 396 mnkr in 2026 and called the grant "no amount".
            stand_in = view.loc[mask & (view["status"] == "estimated") & view["total_status"].isin(statuses)]
        mask &= view["status"].isin(statuses)
    if regional:
        mask &= view["region_code"].isin(f.region_codes)
    rows = view.loc[mask]
    if stand_in is not None and len(stand_in):
        # In its year among the other rows (the Data page and the downloads list rows in the view's order).
        rows = pd.concat([rows, unsplit_totals(stand_in, view)]).sort_values("year", kind="stable")
    return rows.reset_index(drop=True)


def unsplit_totals(estimated: pd.DataFrame, view: pd.DataFrame) -> pd.DataFrame:
    """Estimated rows folded back into the printed total they split, one row per total: no region, the total's
    status, basis "printed", the country's population, recipient named as the view names that level's
    unsplit money ("Regionerna")."""
    unsplit = view.loc[view["region_code"] == ""].drop_duplicates("recipient_level").set_index("recipient_level")
    out = []
    for _, part in estimated.groupby(["year", "grant_id", "stream_id", "recipient_level", "amount_id"], sort=True):
        row = part.iloc[0].copy()
        row["amount_sek"] = int(part["amount_sek"].sum())
        row["region_code"] = row["region_name"] = ""
        row["status"], row["total_status"] = row["total_status"], ""
        row["basis"] = "printed"
        row["estimate_method"] = row["estimate_method_en"] = ""
        if row["recipient_level"] in unsplit.index:
            row["recipient"] = unsplit.at[row["recipient_level"], "recipient"]
            row["recipient_en"] = unsplit.at[row["recipient_level"], "recipient_en"]
        out.append(row)
    frame = pd.DataFrame(out).astype(view.dtypes.to_dict())
    # The country's population, as tidy_view gives every unsplit amount to regions, counties or municipalities.
    national = view.loc[(view["region_code"] == "") & view["recipient_level"].isin(NATIONAL_POPULATION_LEVELS),
                        "population"]
    frame["population"] = pd.array([national.iloc[0] if len(national) else pd.NA] * len(frame), dtype="Int64")
    frame.loc[~frame["recipient_level"].isin(NATIONAL_POPULATION_LEVELS), "population"] = pd.NA
    frame["sek_per_capita"] = per_capita(frame["amount_sek"], frame["population"]).round(2)
    return frame
