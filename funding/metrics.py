"""Aggregations behind every chart: filtering, totals, per-capita figures, ranks, headlines and changes.

Pure pandas, no Streamlit. Every function returns new frames and never mutates its input, because the
tidy view is shared by all sessions. Amounts stay whole kronor (int64) until a per-capita division.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .filters import Filters

# Recipient levels that belong to one region (or county) and so can be compared per inhabitant.
REGIONAL_LEVELS = ("region", "county")
# Keys whose population the sources give: only the total population (1 November 2024).
KEY_IN_SOURCES = ("total",)
NATIONAL = "00"  # the code used for "the whole country" in over-time series


def select(view: pd.DataFrame, f: Filters, *, ignore_regions: bool = False, ignore_years: bool = False
           ) -> pd.DataFrame:
    """The rows of the tidy view that the filters let through (a new frame)."""
    mask = pd.Series(True, index=view.index)
    if f.years and not ignore_years:
        mask &= view["year"].isin(f.years)
    if f.regions and not ignore_regions:
        mask &= view["region_code"].isin(f.regions)
    for col, chosen in (("recipient_level", f.levels), ("channel", f.channels), ("grant_id", f.grants),
                        ("stream_id", f.streams), ("focus_area", f.focus)):
        if chosen:
            mask &= view[col].isin(chosen)
    mask &= view["status"].isin(f.statuses)
    return view.loc[mask].reset_index(drop=True)


def total(view: pd.DataFrame) -> int:
    return int(view["amount_sek"].sum())


def populations(ds_population: pd.DataFrame) -> pd.Series:
    """Region code -> total population on the one reference date the sources give."""
    pop = ds_population.loc[ds_population["age_group"] == "total"]
    return pop.set_index("region_code")["count"].astype("int64")


# ---------------------------------------------------------------- headline


@dataclass(frozen=True)
class Headline:
    first_year: int
    second_year: int
    total_first: int
    total_second: int
    change: int
    change_share: float | None
    estimated_second: int          # part of total_second that is an estimate
    grants_with_figures: int
    grants_without_figures: int    # grants the sources name without an exact amount (never drawn)
    missing_first: tuple[tuple[str, str], ...]   # (grant_id, amount as worded) with no exact figure that year
    missing_second: tuple[tuple[str, str], ...]
    national_population: int
    sek_per_capita_first: float


def headline(view: pd.DataFrame, grants: pd.DataFrame, national_population: int,
             first: int = 2025, second: int = 2026) -> Headline:
    by_year = view.groupby("year")["amount_sek"].sum()
    t1, t2 = int(by_year.get(first, 0)), int(by_year.get(second, 0))
    with_figures = set(grants.loc[grants["has_exact_figures"], "grant_id"])
    without = set(grants.loc[~grants["has_exact_figures"], "grant_id"]) - with_figures

    def missing(year: int) -> tuple[tuple[str, str], ...]:
        part = grants.loc[(grants["year"] == year) & ~grants["has_exact_figures"]]
        return tuple((str(r.grant_id), str(r.amount_as_worded)) for r in part.itertuples())

    estimated = view.loc[(view["year"] == second) & (view["status"] == "estimated"), "amount_sek"].sum()
    return Headline(
        first_year=first, second_year=second, total_first=t1, total_second=t2, change=t2 - t1,
        change_share=(t2 - t1) / t1 if t1 else None,
        estimated_second=int(estimated),
        grants_with_figures=len(with_figures), grants_without_figures=len(without),
        missing_first=missing(first), missing_second=missing(second),
        national_population=int(national_population),
        sek_per_capita_first=t1 / national_population,
    )


# ---------------------------------------------------------------- totals


def totals_by(view: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Sum of kronor for each combination of `by` (observed combinations only), sorted by `by`."""
    if view.empty:
        return pd.DataFrame({**{c: pd.Series(dtype=view[c].dtype) for c in by},
                             "amount_sek": pd.Series(dtype="int64")})
    out = view.groupby(by, sort=True, observed=True, dropna=False)["amount_sek"].sum().reset_index()
    out["amount_sek"] = out["amount_sek"].astype("int64")
    return out


def shares(view: pd.DataFrame, by: str) -> pd.DataFrame:
    """Kronor and share of the total for each value of `by`, largest first."""
    out = totals_by(view, [by])
    whole = out["amount_sek"].sum()
    out["share"] = out["amount_sek"] / whole if whole else float("nan")
    return out.sort_values(["amount_sek", by], ascending=[False, True]).reset_index(drop=True)


UNALLOCATED_FOCUS = "ej-fordelat"  # announced totals the sources do not break down by focus area


def focus_shares(view: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Shares per focus area over the money that has one, and the kronor left out.

    Announced 2027-2028 totals carry no focus area; counting them as one would make "not broken down"
    the largest focus area and shrink every real one.
    """
    unallocated = view["focus_area"] == UNALLOCATED_FOCUS
    excluded = int(view.loc[unallocated, "amount_sek"].sum())
    return shares(view.loc[~unallocated], "focus_area"), excluded


# ---------------------------------------------------------------- regions per inhabitant


@dataclass(frozen=True)
class RegionComparison:
    table: pd.DataFrame                 # one row per region: amount_sek, population, sek_per_capita, rank
    national_amount: int
    national_population: int
    national_per_capita: float | None
    regions_with_data: int
    excluded: pd.DataFrame              # streams left out because their key population is not in the sources
    partial_years: tuple[int, ...]      # chosen years in which only some regions have figures
    by_status: pd.DataFrame             # region_code, status, amount_sek, sek_per_capita: how each bar splits


def regional_rows(view: pd.DataFrame) -> pd.DataFrame:
    """Rows that belong to one region or county (the rest go to all regions, municipalities or an agency)."""
    return view.loc[(view["region_code"] != "") & view["recipient_level"].isin(REGIONAL_LEVELS)]


def key_rows(view: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split rows into those whose key population the sources give, and the streams that are left out."""
    inside = view["key_population"].isin(KEY_IN_SOURCES)
    left_out = view.loc[~inside]
    excluded = (left_out.groupby(["stream_id", "stream_name", "stream_name_en", "key_population"], observed=True)
                ["amount_sek"].sum().reset_index())
    return view.loc[inside], excluded


def partial_years(view: pd.DataFrame, n_regions: int) -> tuple[int, ...]:
    """Years in which some, but not all, regions have a regional figure (2023-2024: only Västra Götaland)."""
    per_year = regional_rows(view).groupby("year")["region_code"].nunique()
    return tuple(int(y) for y, n in per_year.items() if 0 < n < n_regions)


def complete_years(view: pd.DataFrame, n_regions: int) -> tuple[int, ...]:
    """Years in which every region has at least one regional figure."""
    per_year = regional_rows(view).groupby("year")["region_code"].nunique()
    return tuple(int(y) for y, n in per_year.items() if n == n_regions)


def compare_regions(view: pd.DataFrame, regions: pd.DataFrame, pop: pd.Series, denom: str = "total"
                    ) -> RegionComparison:
    """Kronor per inhabitant for each of the 21 regions, ranked (1 = most kronor per inhabitant).

    Regions without any figure in the selection get no value and no rank: a missing figure is not zero.
    The national figure is the regional money divided by the whole population, i.e. the
    population-weighted mean of the regions. It is None when a chosen year has figures for only some
    regions: their money over the whole country's population would be no national average at all.
    """
    rows = regional_rows(view)
    excluded = pd.DataFrame(columns=["stream_id", "stream_name", "stream_name_en", "key_population", "amount_sek"])
    if denom == "key":
        rows, excluded = key_rows(rows)
    sums = rows.groupby("region_code")["amount_sek"].sum()
    table = regions.loc[:, ["region_code", "short_name"]].rename(columns={"short_name": "region_name"})
    table["population"] = table["region_code"].map(pop).astype("int64")
    has_data = table["region_code"].isin(sums.index)
    table["amount_sek"] = table["region_code"].map(sums).astype("Int64")
    table["sek_per_capita"] = (table["amount_sek"].astype("Float64") / table["population"]).astype("Float64")
    table["rank"] = table["sek_per_capita"].rank(ascending=False, method="min").astype("Int64")
    table["has_data"] = has_data
    table = table.sort_values(["rank", "region_code"], na_position="last").reset_index(drop=True)
    national_pop = int(pop.sum())
    national_amount = int(sums.sum())
    partial = partial_years(rows, len(regions))
    by_status = totals_by(rows, ["region_code", "status"])
    by_status["sek_per_capita"] = by_status["amount_sek"] / by_status["region_code"].map(pop).astype("int64")
    return RegionComparison(
        by_status=by_status, table=table, national_amount=national_amount, national_population=national_pop,
        national_per_capita=national_amount / national_pop if len(sums) and not partial else None,
        regions_with_data=int(has_data.sum()), excluded=excluded.reset_index(drop=True), partial_years=partial,
    )


# ---------------------------------------------------------------- changes between two years


def largest_changes(view: pd.DataFrame, regions: pd.DataFrame, first: int = 2025, second: int = 2026
                    ) -> pd.DataFrame:
    """Change in kronor per region from `first` to `second`, largest absolute change first.

    Only regions with figures in both years are compared; the others would show a change that is
    really a gap in the sources.
    """
    rows = regional_rows(view)
    wide = (rows.loc[rows["year"].isin([first, second])]
            .pivot_table(index="region_code", columns="year", values="amount_sek", aggfunc="sum"))
    for year in (first, second):
        if year not in wide.columns:
            wide[year] = pd.NA
    wide = wide.dropna(subset=[first, second]).astype("int64")
    out = pd.DataFrame({
        "region_code": wide.index.astype(str),
        "first": wide[first].to_numpy(),
        "second": wide[second].to_numpy(),
    })
    out["change"] = out["second"] - out["first"]
    out["change_share"] = out["change"] / out["first"].where(out["first"] != 0)
    out["region_name"] = out["region_code"].map(regions.set_index("region_code")["short_name"]).astype(str)
    out["abs_change"] = out["change"].abs()
    out = out.sort_values(["abs_change", "region_code"], ascending=[False, True]).drop(columns="abs_change")
    return out.reset_index(drop=True)


# ---------------------------------------------------------------- over time


def over_time(view: pd.DataFrame, regions: pd.DataFrame, pop: pd.Series, chosen: tuple[str, ...] = ()
              ) -> pd.DataFrame:
    """Kronor and kronor per inhabitant per year and status, for the whole country or each chosen region.

    The whole country (region_code "00") counts every row, also money not broken down by region and
    money to agencies; a region counts only its own and its county-joint rows.
    """
    if chosen:
        rows = regional_rows(view)
        rows = rows.loc[rows["region_code"].isin(chosen)]
        out = totals_by(rows, ["region_code", "year", "status"])
        names = regions.set_index("region_code")["short_name"]
        out["area_name"] = out["region_code"].map(names).astype(str)
        out["population"] = out["region_code"].map(pop).astype("int64")
    else:
        out = totals_by(view, ["year", "status"])
        out.insert(0, "region_code", NATIONAL)
        out["area_name"] = ""
        out["population"] = int(pop.sum())
    out["sek_per_capita"] = out["amount_sek"] / out["population"]
    return out.rename(columns={"region_code": "area_code"}).reset_index(drop=True)


# ---------------------------------------------------------------- focus areas and streams


def hierarchy(view: pd.DataFrame) -> pd.DataFrame:
    """Kronor per channel, grant, stream and status: the treemap's leaves."""
    out = totals_by(view, ["channel", "grant_id", "grant_name", "grant_name_en", "stream_id", "stream_name",
                           "stream_name_en", "status"])
    whole = out["amount_sek"].sum()
    out["share"] = out["amount_sek"] / whole if whole else float("nan")
    return out


# ---------------------------------------------------------------- one region


@dataclass(frozen=True)
class Profile:
    region_code: str
    region_name: str
    population: int
    by_year: pd.DataFrame      # year, own_sek, joint_sek, amount_sek, sek_per_capita, national_per_capita, rank, ranked
    streams: pd.DataFrame      # one row per allocation of the region (own and county-joint), with its key
    joint: pd.DataFrame        # the county-joint rows only


def allocation_keys(rows: pd.DataFrame, streams: pd.DataFrame, grants: pd.DataFrame) -> pd.DataFrame:
    """The key behind each row, in Swedish and English.

    A stream's key holds for the year its grant is fully published; for other years (a county's
    2023-2024 funds, the estimated 2026 primary-care split) the grant-year's own wording applies.
    """
    stream_keys = streams.set_index("stream_id")
    grant_year = grants.set_index(["grant_id", "year"])
    out = pd.DataFrame(index=rows.index)
    for lang in ("sv", "en"):
        col = f"key_{lang}"
        values = []
        for grant_id, year, stream_id in zip(rows["grant_id"], rows["year"], rows["stream_id"], strict=True):
            text = stream_keys[col].get(stream_id)
            if (grant_id, year) in grant_year.index:
                gy = grant_year.loc[(grant_id, year)]
                if gy["coverage"] != "full" and isinstance(gy[col], str) and gy[col]:
                    text = gy[col]
            values.append(text if isinstance(text, str) else "")
        out[col] = values
    return out


def profile(view: pd.DataFrame, regions: pd.DataFrame, pop: pd.Series, streams: pd.DataFrame,
            grants: pd.DataFrame, code: str) -> Profile:
    """Everything the region profile shows. `view` is filtered on everything except the region."""
    rows = regional_rows(view)
    mine = rows.loc[rows["region_code"] == code]
    years = sorted(int(y) for y in pd.unique(rows["year"]))
    records = []
    for year in years:
        comp = compare_regions(rows.loc[rows["year"] == year], regions, pop)
        me = comp.table.loc[comp.table["region_code"] == code].iloc[0]
        in_year = mine.loc[mine["year"] == year]
        if in_year.empty:
            continue
        own = int(in_year.loc[in_year["recipient_level"] == "region", "amount_sek"].sum())
        joint = int(in_year.loc[in_year["recipient_level"] == "county", "amount_sek"].sum())
        records.append({
            "year": year, "own_sek": own, "joint_sek": joint, "amount_sek": own + joint,
            "sek_per_capita": (own + joint) / int(pop[code]),
            # A national figure from the few regions a partial year has would be no national figure at all.
            "national_per_capita": comp.national_per_capita if comp.regions_with_data == len(regions) else None,
            "rank": int(me["rank"]), "ranked": comp.regions_with_data,
            "estimated_sek": int(in_year.loc[in_year["status"] == "estimated", "amount_sek"].sum()),
        })
    by_year = pd.DataFrame(records, columns=["year", "own_sek", "joint_sek", "amount_sek", "sek_per_capita",
                                             "national_per_capita", "rank", "ranked", "estimated_sek"])
    detail = mine.loc[:, ["year", "recipient_level", "grant_id", "grant_name", "grant_name_en", "stream_id",
                          "stream_name", "stream_name_en", "focus_name", "focus_name_en", "status", "amount_sek",
                          "sek_per_capita", "source_id", "estimate_method"]].copy()
    keys = allocation_keys(mine, streams, grants)
    detail["key_sv"] = keys["key_sv"]
    detail["key_en"] = keys["key_en"]
    detail = detail.sort_values(["year", "recipient_level", "grant_id", "stream_id"],
                                key=lambda s: s.map({"region": 0, "county": 1}) if s.name == "recipient_level" else s)
    detail = detail.reset_index(drop=True)
    name = str(regions.set_index("region_code").loc[code, "short_name"])
    return Profile(region_code=code, region_name=name, population=int(pop[code]), by_year=by_year,
                   streams=detail.loc[detail["recipient_level"] == "region"].reset_index(drop=True),
                   joint=detail.loc[detail["recipient_level"] == "county"].reset_index(drop=True))


# ---------------------------------------------------------------- checks behind the data (Om page)


def key_audit_summary(key_audit: pd.DataFrame) -> pd.DataFrame:
    """Per year and stream: recipients, largest absolute deviation (kr) and how many are within one krona."""
    audit = key_audit.assign(abs_dev=key_audit["deviation_sek"].abs())
    out = (audit.groupby(["year", "stream_id", "key_basis"], sort=True)
           .agg(recipients=("region_code", "count"), max_abs_deviation=("abs_dev", "max"),
                within_1=("abs_dev", lambda s: int((s <= 1).sum())))
           .reset_index())
    return out


def reconciliation_summary(reconciliation: pd.DataFrame) -> dict[str, int]:
    results = reconciliation["result"].value_counts()
    return {"checks": len(reconciliation), "exact": int(results.get("ok", 0)),
            "tolerated": int(results.get("tolerated", 0))}
