"""Loading the curated dataset, checking it is whole, and the tidy view every page and export uses."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import paths

REBUILD_HINT = "make data  (or: python -m funding build)"

REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "allocations": ("year", "grant_id", "stream_id", "recipient_level", "region_code", "recipient", "amount_sek",
                    "status", "source_id", "source_table", "source_row", "estimate_method"),
    "regions": ("region_code", "short_name", "county_name", "organisation_name", "metropolitan"),
    "region_names": ("variant", "region_code"),
    "population": ("region_code", "ref_date", "age_group", "count", "source_id"),
    "sources": ("source_id", "title", "publisher", "date", "diarienummer", "file", "kind"),
    "grants": ("grant_id", "year", "name_sv", "name_en", "channel", "status", "has_exact_figures", "coverage",
               "total_sek", "distributed_sek", "admin_sek", "amount_as_worded", "key_date", "key_sv", "key_en",
               "source_id", "diarienummer"),
    "streams": ("stream_id", "grant_id", "name_sv", "name_en", "focus_area", "recipient_level", "key_population",
                "fixed_sek_per_recipient", "fixed_sek_metropolitan", "key_sv", "key_en"),
    "focus_areas": ("focus_id", "name_sv", "name_en", "description_sv", "description_en"),
    "reconciliation": ("table", "row", "column", "kind", "published", "computed", "difference", "result"),
    "key_audit": ("year", "stream_id", "region_code", "key_basis", "published_sek", "recomputed_sek",
                  "deviation_sek", "implied_share", "note"),
}

# The export contract (issue 3): names and order are relied upon by downloads and scripts.
EXPORT_COLUMNS = ("year", "region_code", "region_name", "recipient_level", "grant_id", "grant_name", "stream_id",
                  "stream_name", "focus_area", "channel", "status", "amount_sek", "population", "population_date",
                  "sek_per_capita", "source_id")


class DataUnavailable(RuntimeError):
    """The curated data are missing, incomplete or malformed. `problem` says what, `remedy` how to fix."""

    def __init__(self, problem: str, remedy: str = REBUILD_HINT):
        self.problem, self.remedy = problem, remedy
        super().__init__(f"{problem} Rebuild with: {remedy}")


@dataclass(frozen=True)
class Dataset:
    """The curated tables plus the tidy view. Shared by every session: never mutate the frames."""

    version: str
    built_at: str
    tables: dict[str, pd.DataFrame]
    view: pd.DataFrame  # one row per allocation with names, population and per-capita

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    @property
    def national_population(self) -> int:
        return int(self.tables["population"]["count"].sum())

    @property
    def population_date(self) -> str:
        return str(self.tables["population"]["ref_date"].iloc[0])

    @property
    def region_codes(self) -> tuple[str, ...]:
        return tuple(self.tables["regions"]["region_code"])


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
            problem = f"The curated table {name}.parquet cannot be read ({exc.__class__.__name__})."
            raise DataUnavailable(problem) from exc
        missing = [c for c in required if c not in frame.columns]
        if missing:
            raise DataUnavailable(f"The curated table {name}.parquet lacks the columns {', '.join(missing)}.")
        tables[name] = frame
    _check_allocations(tables)
    try:
        view = tidy_view(tables)
    except Exception as exc:  # tables that load but do not fit together (e.g. a duplicated region code, issue 6)
        raise DataUnavailable(f"The curated tables do not fit together ({exc.__class__.__name__}).") from exc
    return Dataset(version=man["version"], built_at=str(man.get("built_at", "")), tables=tables, view=view)


def _check_allocations(tables: dict[str, pd.DataFrame]) -> None:
    alloc = tables["allocations"]
    if alloc.empty:
        raise DataUnavailable("The curated table allocations.parquet is empty.")
    if not pd.api.types.is_integer_dtype(alloc["amount_sek"]) or not pd.api.types.is_integer_dtype(alloc["year"]):
        raise DataUnavailable("The curated table allocations.parquet has non-integer years or amounts.")
    unknown = set(alloc["stream_id"]) - set(tables["streams"]["stream_id"])
    if unknown:
        raise DataUnavailable(f"allocations.parquet refers to unknown streams: {sorted(unknown)[:3]}.")


def tidy_view(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per allocation with every label and the per-capita figure: the export contract and more."""
    alloc = tables["allocations"]
    regions = tables["regions"].set_index("region_code")
    grants = tables["grants"].drop_duplicates("grant_id").set_index("grant_id")
    streams = tables["streams"].set_index("stream_id")
    focus = tables["focus_areas"].set_index("focus_id")
    pop = tables["population"].set_index("region_code")["count"]
    national = int(pop.sum())
    pop_date = str(tables["population"]["ref_date"].iloc[0])

    view = pd.DataFrame({
        "year": alloc["year"].astype("int64"),
        "region_code": alloc["region_code"].fillna("").astype(str),
        "recipient_level": alloc["recipient_level"].astype(str),
        "grant_id": alloc["grant_id"].astype(str),
        "stream_id": alloc["stream_id"].astype(str),
        "status": alloc["status"].astype(str),
        "amount_sek": alloc["amount_sek"].astype("int64"),
        "source_id": alloc["source_id"].astype(str),
        "recipient": alloc["recipient"].astype(str),
        "estimate_method": alloc["estimate_method"].fillna("").astype(str),
    })
    has_region = view["region_code"] != ""
    view["region_name"] = view["region_code"].map(regions["short_name"]).fillna("").astype(str)
    view["grant_name"] = view["grant_id"].map(grants["name_sv"]).astype(str)
    view["grant_name_en"] = view["grant_id"].map(grants["name_en"]).astype(str)
    view["channel"] = view["grant_id"].map(grants["channel"]).astype(str)
    view["stream_name"] = view["stream_id"].map(streams["name_sv"]).astype(str)
    view["stream_name_en"] = view["stream_id"].map(streams["name_en"]).astype(str)
    view["focus_area"] = view["stream_id"].map(streams["focus_area"]).astype(str)
    view["focus_name"] = view["focus_area"].map(focus["name_sv"]).astype(str)
    view["focus_name_en"] = view["focus_area"].map(focus["name_en"]).astype(str)
    view["key_population"] = view["stream_id"].map(streams["key_population"]).astype(str)

    # Denominator: the region's (or county's) population; the whole country for amounts that go to
    # all regions or all municipalities together; none for an organisation (an agency, SKR).
    population = view["region_code"].map(pop).astype("Float64")
    national_rows = ~has_region & view["recipient_level"].isin(["region", "municipalities"])
    population[national_rows] = national
    view["population"] = population.round().astype("Int64")
    view["population_date"] = pd.Series(pop_date, index=view.index).where(view["population"].notna(), "")
    view["sek_per_capita"] = (view["amount_sek"] / view["population"].astype("Float64")).round(2).astype("Float64")
    order = list(EXPORT_COLUMNS) + [c for c in view.columns if c not in EXPORT_COLUMNS]
    return view[order].reset_index(drop=True)
