"""What every presenter returns (charts, tables, headline figures) and the notes they share, phrased from data."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from funding.fmt import year_span
from funding.text.labels import Labels

# How a table column is shown; the downloads keep the raw values.
FORMATS = ("text", "year", "int", "money", "msek", "per_capita", "percent", "signed_money", "signed_percent")


@dataclass(frozen=True)
class Table:
    """A table of raw values (numbers stay numbers, so it sorts and downloads as numbers) and how to show them."""

    frame: pd.DataFrame
    formats: dict[str, str] = field(default_factory=dict)   # column -> one of FORMATS; unlisted columns are text
    decimals: dict[str, int] = field(default_factory=dict)  # per_capita columns shown with other than 2 decimals


@dataclass(frozen=True)
class ChartSpec:
    key: str
    fig: go.Figure
    title: str
    alt: str
    summary: str
    table: Table               # the chart's numbers, as the "show as table" alternative and its download
    rows: pd.DataFrame         # the tidy-view rows behind the chart: the "underlying data" download
    notes: tuple[str, ...] = ()
    # The regions the table shows one by one where they are not its rows' regions, for its download's name and
    # filters: the money trail's chosen regions and "other" (funding.analysis.trail.OTHER_REGIONS, the rest summed).
    table_regions: tuple[str, ...] = ()
    # Rows of every region whatever regions are chosen (Regioner ranks all 21 and only marks the chosen ones):
    # its downloads then state no region filter, even in a year where only a chosen region has rows.
    every_region: bool = False
    # The statuses the chart counts where they are not the snapshot's (a time series also counts announced
    # money): its downloads' names say which, so files of two choices never share a name.
    statuses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Metric:
    label: str
    value: str
    notes: tuple[str, ...] = ()


def shown(value: object, kind: str, labels: Labels, decimals: int = 2) -> str:
    """One cell as a reader sees it, in the interface language's number format."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return "–"
    sign = "+" if kind.startswith("signed_") and value > 0 else ""
    show = {
        "money": labels.money, "signed_money": labels.money, "msek": labels.mn, "percent": labels.percent,
        "signed_percent": labels.percent, "int": labels.number,
        "per_capita": lambda v: labels.kr(v, decimals),
    }.get(kind, str)
    return sign + show(value)


def formatted(table: Table, labels: Labels) -> pd.DataFrame:
    """The table as strings in the interface language (what a screen shows and what tests read)."""
    out = table.frame.copy()
    for col, kind in table.formats.items():
        if kind not in ("text", "year"):
            out[col] = [shown(v, kind, labels, table.decimals.get(col, 2)) for v in out[col]]
    # A missing text cell reads as the same dash as a missing number (st.dataframe's placeholder), not "None".
    return out.astype(object).where(out.notna(), "–").astype(str)


def years_label(rows: pd.DataFrame) -> str:
    return year_span(pd.unique(rows["year"])) if len(rows) else ""


def rank_of(tr, rank: int, n: int, tied: int) -> tuple[str, tuple[str, ...]]:
    """"3 av 21", or "=1 av 21" and a note when other regions share the rank (values equal at the decimals
    shown): the ranking chart marks ties the same way, and a card must not call one of 21 equals the first."""
    if tied > 1:
        return tr("rg_rank_of", rank=f"={rank}", n=n), (tr("rg_rank_tied", k=tied),)
    return tr("rg_rank_of", rank=rank, n=n), ()


# Below this spread (as a share of the highest value) regions' kronor per inhabitant are close enough that a map
# scaled from zero shows one colour and a rank among them says little, so the page says so.
NARROW_SPREAD = 0.10


def narrow_spread(highest: float | None, lowest: float | None, all_equal: bool) -> float | None:
    """The spread between the highest and the lowest region, where it is narrow enough to say so (not where
    every region is equal: the tie notes say that)."""
    if all_equal or not highest or lowest is None:
        return None
    spread = highest - lowest
    return spread if spread < NARROW_SPREAD * highest else None


def of_which(tr, labels: Labels, split: pd.DataFrame, key: str, keys: pd.Series) -> dict[str, pd.Series]:
    """How much of each amount is not decided, as the charts' hatching shows: "Varav skattat (kr)" (and
    "aviserat") per value of `keys`, from `split` (`key`, status, amount_sek); a status the split lacks gets
    no column. Without it a table and its files said nothing of it (Uppsala 2026: 15 249 483 of 73 453 406 kr)."""
    columns = {}
    for status in ("estimated", "announced"):
        part = split.loc[split["status"] == status].set_index(key)["amount_sek"]
        if len(part):
            columns[tr("col_of_which", status=labels.status(status))] = \
                keys.map(part).fillna(0).astype("int64").reset_index(drop=True)
    return columns
