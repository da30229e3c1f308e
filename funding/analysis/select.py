"""Choosing rows: the filters applied to the tidy view, the regional part of a selection, sums and shares."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..vocabulary import REGIONAL_LEVELS
from .filters import Filters


def select(view: pd.DataFrame, f: Filters, *, years: Iterable[int] | None = None,
           statuses: Iterable[str] | None = None, ignore_regions: bool = False) -> pd.DataFrame:
    """The rows of the tidy view that the filters let through (a new frame).

    `years` and `statuses` are the resolved choices (analysis.defaults), since an empty filter means a
    chart's own default; None leaves that dimension unfiltered.
    """
    mask = pd.Series(True, index=view.index)
    if years is not None:
        mask &= view["year"].isin(list(years))
    if statuses is not None:
        mask &= view["status"].isin(list(statuses))
    if f.region_codes and not ignore_regions:
        mask &= view["region_code"].isin(f.region_codes)
    for col, chosen in (("recipient_level", f.levels), ("channel", f.channels), ("grant_id", f.grants),
                        ("stream_id", f.streams), ("focus_area", f.focus)):
        if chosen:
            mask &= view[col].isin(chosen)
    return view.loc[mask].reset_index(drop=True)


def regional_rows(view: pd.DataFrame) -> pd.DataFrame:
    """Rows that belong to one region or county; the rest go to the whole country, municipalities or bodies."""
    return view.loc[(view["region_code"] != "") & view["recipient_level"].isin(REGIONAL_LEVELS)]


def total(view: pd.DataFrame) -> int:
    return int(view["amount_sek"].sum())


def totals_by(view: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Sum of kronor for each combination of `by` (observed combinations only), sorted by `by`."""
    if view.empty:
        return pd.DataFrame({**{c: pd.Series(dtype=view[c].dtype) for c in by}, "amount_sek": pd.Series(dtype="int64")})
    out = view.groupby(by, sort=True, observed=True, dropna=False)["amount_sek"].sum().reset_index()
    out["amount_sek"] = out["amount_sek"].astype("int64")
    return out


def shares(view: pd.DataFrame, by: str) -> pd.DataFrame:
    """Kronor and share of the total for each value of `by`, largest first."""
    out = totals_by(view, [by])
    whole = out["amount_sek"].sum()
    out["share"] = out["amount_sek"] / whole if whole else float("nan")
    return out.sort_values(["amount_sek", by], ascending=[False, True]).reset_index(drop=True)


def populations(population: pd.DataFrame) -> pd.Series:
    """Region code -> total population on the newest reference date the sources give."""
    newest = population["ref_date"] == population["ref_date"].max()
    pop = population.loc[(population["age_group"] == "total") & newest]
    return pop.set_index("region_code")["count"].astype("int64")
