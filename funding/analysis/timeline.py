"""Money over the years: series for the country or chosen regions, and the change per grant between two years."""

from __future__ import annotations

import pandas as pd

from ..dataset import per_capita
from .regions import regional_rows
from .sums import totals_by

NATIONAL = "00"  # the area code of "the whole country" in a series


def series(rows: pd.DataFrame, region_table: pd.DataFrame, pop: pd.Series, chosen: tuple[str, ...] = (),
           by: tuple[str, ...] = ("status",)) -> pd.DataFrame:
    """Kronor and kronor per inhabitant per year (and `by`), for the whole country or each chosen region.

    The whole country counts every row, also money not broken down by region and money to agencies and
    organisations; a region counts only its own and its county-joint rows.
    """
    keys = ["year", *by]
    if chosen:
        regional = regional_rows(rows)
        out = totals_by(regional.loc[regional["region_code"].isin(chosen)], ["region_code", *keys])
        names = region_table.set_index("region_code")["short_name"]
        out["area_name"] = out["region_code"].map(names).astype(str)
        out["population"] = out["region_code"].map(pop).astype("int64")
    else:
        out = totals_by(rows, keys)
        out.insert(0, "region_code", NATIONAL)
        out["area_name"] = ""
        out["population"] = int(pop.sum())
    out["sek_per_capita"] = per_capita(out["amount_sek"], out["population"])
    return out.rename(columns={"region_code": "area_code"}).reset_index(drop=True)


# "unsplit": for chosen regions, a grant with money that year whose sources do not split it by region, so
# the regions' zero is not "no money" (only mark_unsplit gives it).
CHANGE_KINDS = ("new", "ended", "up", "down", "same", "unsplit")


def grant_changes(rows: pd.DataFrame, first: int, second: int) -> pd.DataFrame:
    """Per grant: kronor in `first` and `second`, the change, and its kind (new, ended, up, down, same).

    The changes add up exactly to the difference of the two years' totals, so a chart of them explains that
    difference grant by grant instead of presenting two totals of different grants as comparable.
    """
    both = rows.loc[rows["year"].isin([first, second])]
    wide = both.pivot_table(index="grant_id", columns="year", values="amount_sek", aggfunc="sum", fill_value=0)
    for year in (first, second):
        if year not in wide.columns:
            wide[year] = 0
    out = pd.DataFrame({"grant_id": wide.index.astype(str), "first": wide[first].astype("int64").to_numpy(),
                        "second": wide[second].astype("int64").to_numpy()})
    out["change"] = out["second"] - out["first"]
    out["kind"] = [("new" if a == 0 else "ended" if b == 0 else "up" if b > a else "down" if b < a else "same")
                   for a, b in zip(out["first"], out["second"], strict=True)]
    out["abs_change"] = out["change"].abs()
    out = out.sort_values(["abs_change", "grant_id"], ascending=[False, True]).drop(columns="abs_change")
    return out.reset_index(drop=True)


def mark_unsplit(changes: pd.DataFrame, every_region: pd.DataFrame, first: int, second: int) -> pd.DataFrame:
    """For a selection of regions: a grant that is new or ended for them, yet has money that year in
    `every_region` (the same selection over the whole country), is one the sources do not split by region.

    Its change stays in the chart (the parts must add up to the two totals), named for what it is.
    """
    has = every_region.groupby("year")["grant_id"].agg(lambda g: set(g))
    in_first, in_second = has.get(first, set()), has.get(second, set())
    unsplit = ((changes["kind"] == "ended") & changes["grant_id"].isin(in_second)) | \
              ((changes["kind"] == "new") & changes["grant_id"].isin(in_first))
    return changes.assign(kind=changes["kind"].where(~unsplit, "unsplit"))
