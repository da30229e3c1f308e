"""How the money splits: by channel, grant and stream, and by focus area (money with no focus area apart)."""

from __future__ import annotations

import pandas as pd

from .sums import shares, totals_by

# Amounts the sources do not break down into the focus areas of their grant (announced totals of a grant
# with several streams). They are never a focus area, and never "the largest" of anything.
UNALLOCATED_FOCUS = "ej-fordelat"


def hierarchy(rows: pd.DataFrame) -> pd.DataFrame:
    """Kronor per channel, grant, stream and status, with each leaf's share of the whole."""
    out = totals_by(rows, ["channel", "grant_id", "stream_id", "status"])
    whole = out["amount_sek"].sum()
    out["share"] = out["amount_sek"] / whole if whole else float("nan")
    return out


# Streams that hold money the sources do not break down: a grant's unsplit or announced sum, or the rest of a
# printed total. streams.csv names them with these suffixes (tests/test_analysis.py holds the convention).
NOT_BROKEN_DOWN = ("-ej-fordelat", "-ej-specificerat", "-aviserat")


def broken_down(rows: pd.DataFrame) -> pd.Series:
    """True for rows the sources itemise: only these can be a sub-area, let alone the largest one."""
    return ((rows["focus_area"] != UNALLOCATED_FOCUS) & (rows["basis"] != "rest")
            & ~rows["stream_id"].astype(str).str.endswith(NOT_BROKEN_DOWN))


def focus_split(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """The rows with a focus area, their shares per focus area, and the kronor without one."""
    unallocated = rows["focus_area"] == UNALLOCATED_FOCUS
    with_focus = rows.loc[~unallocated]
    return with_focus, shares(with_focus, "focus_area"), int(rows.loc[unallocated, "amount_sek"].sum())
