"""The regions' own money and comparing the 21 regions per inhabitant: which rows belong to a region, which
years only some regions have figures for, amounts, per-capita values, ranks with honest ties."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..dataset import per_capita
from ..vocabulary import REGIONAL_LEVELS

# Keys whose population the sources give: only the total population.
KEY_IN_SOURCES = ("total",)
# Kronor per inhabitant are shown with at most this many decimals; values equal at it are equal.
MAX_DECIMALS = 2


def regional_rows(view: pd.DataFrame) -> pd.DataFrame:
    """Rows that belong to one region or county; the rest go to the whole country, municipalities or bodies."""
    return view.loc[(view["region_code"] != "") & view["recipient_level"].isin(REGIONAL_LEVELS)]


def regions_per_year(rows: pd.DataFrame) -> pd.Series:
    """Year -> how many regions have a regional figure that year."""
    return regional_rows(rows).groupby("year")["region_code"].nunique()


def partial_years(rows: pd.DataFrame, n_regions: int) -> tuple[int, ...]:
    """Years in which some, but not all, regions have a regional figure."""
    return tuple(int(y) for y, n in regions_per_year(rows).items() if 0 < n < n_regions)


def complete_years(rows: pd.DataFrame, n_regions: int) -> tuple[int, ...]:
    return tuple(int(y) for y, n in regions_per_year(rows).items() if n == n_regions)


@dataclass(frozen=True)
class RegionComparison:
    table: pd.DataFrame          # per region: region_name, population, amount_sek, sek_per_capita, rank, tied, has_data
    national_amount: int          # the regional money summed over all regions
    national_population: int
    national_per_capita: float | None
    regions_with_data: int
    excluded: pd.DataFrame        # streams left out because their key population is not in the sources
    partial_years: tuple[int, ...]
    by_status: pd.DataFrame       # region_code, status, amount_sek, sek_per_capita: how each bar splits
    all_equal: bool               # every region with data has the same value at the shown decimals
    decimals: int                 # decimals of every kr per invånare figure (MAX_DECIMALS: two, as everywhere)


def key_rows(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split rows into those whose key population the sources give, and the streams that are left out."""
    inside = rows["key_population"].isin(KEY_IN_SOURCES)
    left_out = rows.loc[~inside]
    excluded = (left_out.groupby(["stream_id", "key_population"], observed=True)["amount_sek"].sum().reset_index())
    return rows.loc[inside], excluded


def compare_regions(rows: pd.DataFrame, region_table: pd.DataFrame, pop: pd.Series, denom: str = "total"
                    ) -> RegionComparison:
    """Kronor per inhabitant for each of the 21 regions, ranked (1 = most kronor per inhabitant).

    Regions without any figure in the selection get no value and no rank: a missing figure is not zero.
    Regions whose values are equal at the shown decimals share a rank. The national figure is the regional
    money over the whole population (the population-weighted mean of the regions); None when a chosen year
    has figures for only some regions, since their money over the whole country would be no average at all.
    """
    regional = regional_rows(rows)
    excluded = pd.DataFrame(columns=["stream_id", "key_population", "amount_sek"])
    if denom == "key":
        regional, excluded = key_rows(regional)
    sums = regional.groupby("region_code")["amount_sek"].sum()
    table = region_table.loc[:, ["region_code", "short_name"]].rename(columns={"short_name": "region_name"})
    table["population"] = table["region_code"].map(pop).astype("int64")
    has_data = table["region_code"].isin(sums.index)
    table["amount_sek"] = table["region_code"].map(sums).astype("Int64")
    table["sek_per_capita"] = per_capita(table["amount_sek"], table["population"])
    table["rank"] = table["sek_per_capita"].round(MAX_DECIMALS).rank(ascending=False, method="min").astype("Int64")
    # How many regions share each rank (itself included): every card and the ranking mark a shared place.
    table["tied"] = table.groupby("rank", dropna=False)["rank"].transform("size").where(table["rank"].notna(), 0)
    table["has_data"] = has_data
    table = table.sort_values(["rank", "region_code"], na_position="last").reset_index(drop=True)
    values = table.loc[table["has_data"], "sek_per_capita"]
    national_pop = int(pop.sum())
    national_amount = int(sums.sum())
    partial = partial_years(regional, len(region_table))
    by_status = regional.groupby(["region_code", "status"], observed=True)["amount_sek"].sum().reset_index()
    by_status["sek_per_capita"] = per_capita(by_status["amount_sek"], by_status["region_code"].map(pop))
    return RegionComparison(
        table=table, national_amount=national_amount, national_population=national_pop,
        national_per_capita=per_capita(national_amount, national_pop) if len(sums) and not partial else None,
        regions_with_data=int(has_data.sum()), excluded=excluded.reset_index(drop=True), partial_years=partial,
        by_status=by_status, all_equal=len(values) > 1 and values.round(MAX_DECIMALS).nunique() == 1,
        decimals=MAX_DECIMALS,
    )
