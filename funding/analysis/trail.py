"""The money trail of one year: budget -> grant or agreement -> channel -> recipient level (-> region).

Each link carries its kronor and the sources of the amounts it sums, so a Sankey diagram and its table
can show where every krona of the selection goes and on whose word.
"""

from __future__ import annotations

import pandas as pd

BUDGET, GRANT, CHANNEL, LEVEL, REGION = "budget", "grant", "channel", "level", "region"
OTHER_REGIONS = "other"      # region-coded money of regions not chosen
NOT_BY_REGION = "national"   # money to regions or counties that the sources do not split by region
LINK_COLUMNS = ["source_kind", "source", "target_kind", "target", "amount_sek", "source_ids"]


def _links(rows: pd.DataFrame, source_kind: str, source_col: str, target_kind: str, target_col: str) -> list[dict]:
    out = []
    for (src, dst), part in rows.groupby([source_col, target_col], sort=True):
        out.append({"source_kind": source_kind, "source": str(src), "target_kind": target_kind, "target": str(dst),
                    "amount_sek": int(part["amount_sek"].sum()),
                    "source_ids": tuple(s for s in pd.unique(part["source_id"]) if s)})
    return out


def trail(rows: pd.DataFrame, region_codes: tuple[str, ...] = ()) -> pd.DataFrame:
    """The links of the money trail of `rows` (one year's selection); with regions chosen, the regional levels
    continue to each chosen region, the other regions together, and money not split by region."""
    if rows.empty:
        return pd.DataFrame(columns=LINK_COLUMNS)
    rows = rows.assign(_budget=str(int(rows["year"].max())))
    links = _links(rows, BUDGET, "_budget", GRANT, "grant_id")
    links += _links(rows, GRANT, "grant_id", CHANNEL, "channel")
    links += _links(rows, CHANNEL, "channel", LEVEL, "recipient_level")
    if region_codes:
        regional = rows.loc[rows["recipient_level"].isin(["region", "county"])]
        target = regional["region_code"].where(regional["region_code"].isin(region_codes),
                                               OTHER_REGIONS).where(regional["region_code"] != "", NOT_BY_REGION)
        links += _links(regional.assign(_region=target), LEVEL, "recipient_level", REGION, "_region")
    return pd.DataFrame(links, columns=LINK_COLUMNS)
