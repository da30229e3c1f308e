"""Snapshots of the curated allocations for download and scripting.

The standard CSV follows the export contract (model.EXPORT_COLUMNS): comma, dot decimal, UTF-8.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import pandas as pd

from .model import EXPORT_COLUMNS, Dataset

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Make a text cell inert in spreadsheets: a leading ' stops =, +, -, @, tab and CR formulas.

    Only strings are touched; numbers stay numbers.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise, na_action="ignore")
    return out


def select(ds: Dataset, years: Iterable[int] = (), regions: Iterable[str] = ()) -> pd.DataFrame:
    """The rows of the tidy view for the given years and region codes (empty means all)."""
    view = ds.view
    years, regions = list(years), list(regions)
    if years:
        view = view[view["year"].isin(years)]
    if regions:
        view = view[view["region_code"].isin(regions)]
    return view.reset_index(drop=True)


def contract_frame(view: pd.DataFrame) -> pd.DataFrame:
    """Exactly the contract columns, in order, with the contract's types."""
    out = view.loc[:, list(EXPORT_COLUMNS)].copy()
    out["amount_sek"] = out["amount_sek"].astype("int64")
    return out


def to_csv(view: pd.DataFrame) -> bytes:
    """Standard CSV: the contract columns, comma-separated, dot decimal, UTF-8 without BOM."""
    buffer = io.StringIO()
    neutralise_frame(contract_frame(view)).to_csv(buffer, index=False, lineterminator="\n", float_format="%.2f")
    return buffer.getvalue().encode("utf-8")
