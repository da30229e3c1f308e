"""What a chart shows when the reader has chosen nothing: read from the data, not typed in.

A snapshot (a headline, a map, a ranking, a split) shows one year, the latest with decided money, and
decided plus estimated money. A time series shows every year and also announced money, which is drawn
apart. Whatever the reader chooses (years, statuses) replaces these defaults everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..vocabulary import STATUSES
from .filters import Filters

SNAPSHOT_STATUSES = ("decided", "estimated")


def latest_decided_year(view: pd.DataFrame) -> int:
    decided = view.loc[view["status"] == "decided", "year"]
    return int(decided.max()) if len(decided) else int(view["year"].max())


@dataclass(frozen=True)
class Choice:
    """The years and statuses a chart uses, and whether each is the default rather than the reader's choice."""

    years: tuple[int, ...]
    statuses: tuple[str, ...]
    default_years: bool
    default_statuses: bool


def snapshot(f: Filters, view: pd.DataFrame, latest: int | None = None) -> Choice:
    """`latest`: latest_decided_year(view), if the caller already has it (it scans the whole view)."""
    years = f.years or (latest_decided_year(view) if latest is None else latest,)
    return Choice(tuple(years), f.statuses or SNAPSHOT_STATUSES, not f.years, not f.statuses)


def series(f: Filters, view: pd.DataFrame, catalogue_years=()) -> Choice:
    """Every year of the data, and of the grants catalogue: a year the sources name without any amount is shown
    empty (and said so), not left out of the axis."""
    years = f.years or tuple(sorted({int(y) for y in pd.unique(view["year"])} | {int(y) for y in catalogue_years}))
    return Choice(tuple(years), f.statuses or STATUSES, not f.years, not f.statuses)


def base_year(f: Filters, focus: int, view: pd.DataFrame) -> int | None:
    """The year the change chart starts from: the reader's, else the year before the focus year if it has data."""
    years = set(int(y) for y in pd.unique(view["year"]))
    if f.base and int(f.base) in years and int(f.base) != focus:
        return int(f.base)
    earlier = sorted(y for y in years if y < focus)
    return earlier[-1] if earlier else None
