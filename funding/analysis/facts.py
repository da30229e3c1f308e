"""Facts about the data that the pages state in words: coverage per region, partial years, gaps, estimates.

Every sentence a page says about the data (which years are partial, which grants are only announced or
only worded, what is estimated, how much of the money is known per region) is phrased from these, so it
changes when the data change. Which years are partial is counted in regions.py (partial_years), with
the rows that belong to a region; partial_detail here says which regions and levels such a year has.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .regions import partial_years, regional_rows


@dataclass(frozen=True)
class Coverage:
    """How much of a selection is known per region: `regional` of `total` kronor."""

    total: int
    regional: int

    @property
    def national_only(self) -> int:
        return self.total - self.regional

    @property
    def complete(self) -> bool:
        return self.regional == self.total


def coverage(rows: pd.DataFrame) -> Coverage:
    return Coverage(int(rows["amount_sek"].sum()), int(regional_rows(rows)["amount_sek"].sum()))


@dataclass(frozen=True)
class Partial:
    """A year whose regional figures cover only some regions, and which regions and levels they are."""

    year: int
    region_codes: tuple[str, ...]
    levels: tuple[str, ...]


def partial_detail(rows: pd.DataFrame, n_regions: int) -> tuple[Partial, ...]:
    regional = regional_rows(rows)
    out = []
    for year in partial_years(rows, n_regions):
        part = regional.loc[regional["year"] == year]
        out.append(Partial(year, tuple(sorted(pd.unique(part["region_code"]))),
                           tuple(sorted(pd.unique(part["recipient_level"])))))
    return tuple(out)


def worded_gaps(view: pd.DataFrame, grants: pd.DataFrame, worded: pd.DataFrame,
                years: tuple[int, ...] | list[int]) -> pd.DataFrame:
    """Grant-years in `years` that the sources name with no exact amount at all (only in words, or none):
    grant_id, year, amount_as_worded, source_id. They are never drawn, so a chart over them is short."""
    with_amount = set(zip(view["grant_id"], view["year"], strict=True))
    rows = worded.loc[worded["year"].isin(list(years))]
    keep = [(g, int(y)) not in with_amount for g, y in zip(rows["grant_id"], rows["year"], strict=True)]
    out = rows.loc[keep, ["grant_id", "year", "amount_as_worded", "source_id"]].copy()
    out["year"] = out["year"].astype("int64")
    known = set(zip(grants["grant_id"], grants["year"], strict=True))
    out = out.loc[[(g, y) in known for g, y in zip(out["grant_id"], out["year"], strict=True)]]
    return out.sort_values(["year", "grant_id"]).reset_index(drop=True)


def estimated(rows: pd.DataFrame) -> pd.DataFrame:
    """The estimated money among `rows`, per grant and year: grant_id, year, amount_sek, method (sv, en)."""
    est = rows.loc[rows["status"] == "estimated"]
    if est.empty:
        return pd.DataFrame(columns=["grant_id", "year", "amount_sek", "estimate_method", "estimate_method_en"])
    return (est.groupby(["grant_id", "year", "estimate_method", "estimate_method_en"], sort=True)["amount_sek"]
            .sum().reset_index())


def announced(rows: pd.DataFrame) -> pd.DataFrame:
    """The announced (not yet decided) money among `rows`, per year and grant."""
    ann = rows.loc[rows["status"] == "announced"]
    return ann.groupby(["year", "grant_id"], sort=True)["amount_sek"].sum().reset_index()


def rests(rows: pd.DataFrame) -> pd.DataFrame:
    """Money the build derived as the rest of a printed total (not broken down in the sources)."""
    return rows.loc[rows["basis"] == "rest", ["year", "grant_id", "stream_id", "amount_sek", "amount_id",
                                              "recipient_level"]]
