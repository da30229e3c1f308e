"""The money trail of one year: budget -> grant or agreement -> channel -> recipient level (-> region).

With regions chosen, money to regions and counties continues from its level to the chosen region, the other
regions together, or money not split by region. A chart may leave columns out: five columns with their names
did not fit a 1 100 px window beside the filter panel, four did not fit a tablet's 490 px or a phone's 390.
The wide chart goes from the channel straight to the recipient (the region, where regions are chosen), the
narrow one from the grant.

Each link carries its kronor, how much of them is estimated or announced, and the sources of the amounts it
sums, so a Sankey diagram and its table can show where every krona of the selection goes and on whose word.
"""

from __future__ import annotations

import pandas as pd

from ..dataset import total_statuses

BUDGET, GRANT, CHANNEL, LEVEL, REGION = "budget", "grant", "channel", "level", "region"
OTHER_REGIONS = "other"      # region-coded money of regions not chosen
NOT_BY_REGION = "national"   # money to regions or counties that the sources do not split by region
OTHER_GRANTS = "other-grants"  # small grants drawn as one node (small_grants)
# Of each link's kronor, how much is estimated and how much announced (not decided): a link can sum amounts of
# different statuses, and its table must say so as the chart's hatching does elsewhere.
NOT_DECIDED = ("estimated", "announced")
LINK_COLUMNS = ["source_kind", "source", "target_kind", "target", "amount_sek", "source_ids",
                *(f"{status}_sek" for status in NOT_DECIDED)]


def _links(rows: pd.DataFrame, source_kind: str, source_col: str, target_kind: str, target_col: str) -> list[dict]:
    # Only a link into a region carries an estimated split as estimated; above it, the 21 estimated parts sum to
    # their total, which the sources state (primary care 2026: 396 mnkr, decided): total_statuses.
    status = rows["_status"] if target_kind != REGION else rows["status"]
    out = []
    for (src, dst), part in rows.groupby([source_col, target_col], sort=True):
        of = status.loc[part.index]
        out.append({"source_kind": source_kind, "source": str(src), "target_kind": target_kind, "target": str(dst),
                    "amount_sek": int(part["amount_sek"].sum()),
                    "source_ids": tuple(s for s in pd.unique(part["source_id"]) if s),
                    **{f"{s}_sek": int(part.loc[of == s, "amount_sek"].sum()) for s in NOT_DECIDED}})
    return out


def small_grants(rows: pd.DataFrame, share: float) -> tuple[str, ...]:
    """The grants with less than `share` of the rows' kronor, if there are two or more of them: in a chart their
    nodes are a few pixels high and their names pile up over each other (2025: 7, 25 and 38.5 of 3 780 mnkr)."""
    by_grant = rows.groupby("grant_id")["amount_sek"].sum()
    small = by_grant[by_grant < share * by_grant.sum()]
    return tuple(sorted(str(g) for g in small.index)) if len(small) >= 2 else ()


def trail(rows: pd.DataFrame, region_codes: tuple[str, ...] = (), via_channel: bool = True, via_level: bool = True,
          grouped: tuple[str, ...] = ()) -> pd.DataFrame:
    """The links of the money trail of `rows` (one year's selection): see the module's docstring. A chart may
    leave out the channel (`via_channel`) and, with regions chosen, the level in front of them (`via_level`);
    the grants in `grouped` are then one grant, OTHER_GRANTS."""
    if rows.empty:
        return pd.DataFrame(columns=LINK_COLUMNS)
    rows = rows.assign(_budget=str(int(rows["year"].max())), _kind=LEVEL, _recipient=rows["recipient_level"],
                       _status=total_statuses(rows))
    if grouped:
        rows["grant_id"] = rows["grant_id"].where(~rows["grant_id"].isin(grouped), OTHER_GRANTS)
    if region_codes:
        regional = rows["recipient_level"].isin(["region", "county"])
        code = rows["region_code"]
        bucket = code.where(code.isin(region_codes), OTHER_REGIONS).where(code != "", NOT_BY_REGION)
        rows["_kind"] = rows["_kind"].where(~regional, REGION)
        rows["_recipient"] = rows["_recipient"].where(~regional, bucket)
    links = _links(rows, BUDGET, "_budget", GRANT, "grant_id")
    via_kind, via = GRANT, "grant_id"
    if via_channel:
        links += _links(rows, GRANT, "grant_id", CHANNEL, "channel")
        via_kind, via = CHANNEL, "channel"
    if via_level:
        # The level in front of the regions tells money to a region from the county's joint money that reaches
        # the same region (2025, Västra Götaland: 215 029 862 and 61 403 278 kr).
        links += _links(rows, via_kind, via, LEVEL, "recipient_level")
        regional = rows.loc[rows["_kind"] == REGION]
        if len(regional):
            links += _links(regional, LEVEL, "recipient_level", REGION, "_recipient")
    else:
        for target_kind in (LEVEL, REGION):
            part = rows.loc[rows["_kind"] == target_kind]
            if len(part):
                links += _links(part, via_kind, via, target_kind, "_recipient")
    return pd.DataFrame(links, columns=LINK_COLUMNS)
