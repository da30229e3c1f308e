"""One region on one page: its money per year against the country, its rank, and every row with its key."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..dataset import per_capita
from .regions import compare_regions, regional_rows


@dataclass(frozen=True)
class Profile:
    region_code: str
    region_name: str
    population: int
    by_year: pd.DataFrame   # year, own_sek, joint_sek, amount_sek, sek_per_capita, national_per_capita, rank, ranked,
    #                          estimated_sek
    rows: pd.DataFrame      # the region's rows (own and county-joint), each with its key in both languages


def allocation_keys(rows: pd.DataFrame, streams: pd.DataFrame, grants: pd.DataFrame, n_regions: int
                    ) -> pd.DataFrame:
    """The key behind each row, in Swedish and English.

    A stream's key describes a year in which the sources split it over every region. For an estimate, or a
    year the sources give for only some regions (a county's 2023-2024 funds), the grant-year's own wording
    applies where grants.csv has one.
    """
    stream_keys = streams.set_index("stream_id")
    grant_year = grants.set_index(["grant_id", "year"])
    regions = rows.groupby(["stream_id", "year"])["region_code"].nunique()
    out = pd.DataFrame(index=rows.index)
    for lang in ("sv", "en"):
        col = f"key_{lang}"
        values = []
        for grant_id, year, stream_id, status in zip(rows["grant_id"], rows["year"], rows["stream_id"],
                                                     rows["status"], strict=True):
            text = stream_keys[col].get(stream_id)
            own = grant_year[col].get((grant_id, year)) if (grant_id, year) in grant_year.index else None
            if (status == "estimated" or regions.get((stream_id, year), 0) < n_regions) and isinstance(own, str):
                text = own
            values.append(text if isinstance(text, str) else "")
        out[col] = values
    return out


def _spread(values: pd.Series) -> dict[str, float | None]:
    values = values.dropna()
    if values.empty:
        return {"highest_per_capita": None, "lowest_per_capita": None}
    return {"highest_per_capita": float(values.max()), "lowest_per_capita": float(values.min())}


def profile(rows: pd.DataFrame, region_table: pd.DataFrame, pop: pd.Series, streams: pd.DataFrame,
            grants: pd.DataFrame, code: str) -> Profile:
    """Everything the region profile shows. `rows` are filtered on everything except the region."""
    regional = regional_rows(rows)
    mine = regional.loc[regional["region_code"] == code]
    records = []
    for year in sorted(int(y) for y in pd.unique(mine["year"])):
        comp = compare_regions(regional.loc[regional["year"] == year], region_table, pop)
        me = comp.table.loc[comp.table["region_code"] == code].iloc[0]
        in_year = mine.loc[mine["year"] == year]
        own = int(in_year.loc[in_year["recipient_level"] == "region", "amount_sek"].sum())
        joint = int(in_year.loc[in_year["recipient_level"] == "county", "amount_sek"].sum())
        complete = comp.regions_with_data == len(region_table)
        records.append({
            "year": year, "own_sek": own, "joint_sek": joint, "amount_sek": own + joint,
            "sek_per_capita": per_capita(own + joint, int(pop[code])),
            # A national figure from the few regions of a partial year would be no national figure at all.
            "national_per_capita": comp.national_per_capita if complete else None,
            "rank": int(me["rank"]), "ranked": comp.regions_with_data,
            "tied": int(me["tied"]),
            "estimated_sek": int(in_year.loc[in_year["status"] == "estimated", "amount_sek"].sum()),
            # How far apart the ranked regions are: a rank among values 2 % apart says little (2026).
            **_spread(comp.table.loc[comp.table["has_data"], "sek_per_capita"]), "all_equal": comp.all_equal,
        })
    by_year = pd.DataFrame(records, columns=["year", "own_sek", "joint_sek", "amount_sek", "sek_per_capita",
                                             "national_per_capita", "rank", "ranked", "tied", "estimated_sek",
                                             "highest_per_capita", "lowest_per_capita", "all_equal"])
    detail = mine.copy()
    keys = allocation_keys(regional, streams, grants, len(region_table)).loc[detail.index]
    detail["key_sv"], detail["key_en"] = keys["key_sv"], keys["key_en"]
    order = {"region": 0, "county": 1}
    detail = detail.sort_values(["year", "recipient_level", "grant_id", "stream_id"],
                                key=lambda s: s.map(order) if s.name == "recipient_level" else s)
    name = str(region_table.set_index("region_code").loc[code, "short_name"])
    return Profile(region_code=code, region_name=name, population=int(pop[code]), by_year=by_year,
                   rows=detail.reset_index(drop=True))
