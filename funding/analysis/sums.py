"""Sums of kronor per group of the rows a page shows, and each group's share of them."""

from __future__ import annotations

import pandas as pd


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
