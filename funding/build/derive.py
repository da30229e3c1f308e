"""Amounts the build computes rather than transcribes: estimates by a stated key, and rests.

An estimate splits a printed total by the population key a source states (estimates.csv); a rest is what
a printed total holds beyond the parts the sources break down (a `rest` row in mapping.csv). Both are
whole kronor, both say how they were made (`basis`), and neither is ever typed in.
"""

from __future__ import annotations

import pandas as pd

from .mapping import NATIONAL, BuildError, Resolver, in_scope
from .rawio import RawDataError
from .tables import Raw


def largest_remainder(total: int, weights: pd.Series) -> pd.Series:
    """Split a whole-krona total by weights so the parts are whole kronor summing to total.

    Each part gets the floor of its exact share; the kronor left over go, one each, to the
    largest fractional remainders (ties broken by the index order, so the result is stable).
    """
    weights = weights.astype("int64")
    denominator = int(weights.sum())
    exact_num = weights * total  # integer arithmetic: no float rounding for kronor
    floors = exact_num // denominator
    remainders = exact_num - floors * denominator
    left = total - int(floors.sum())
    order = remainders.sort_values(ascending=False, kind="stable").index[:left]
    floors.loc[order] += 1
    return floors.astype("int64")


def estimates(raw: Raw, totals: pd.DataFrame, pop: pd.DataFrame) -> pd.DataFrame:
    """Per-region amounts for printed totals that the sources split only by a stated population key."""
    res = Resolver(raw)
    out = []
    by_id = totals.set_index("amount_id") if len(totals) else pd.DataFrame()
    for _, e in raw["estimates.csv"].iterrows():
        line = int(e["_line"])
        if e["total_amount_id"] not in by_id.index:
            raise RawDataError("data/raw/estimates.csv", line, "total_amount_id", "the amount_id of a printed total",
                               e["total_amount_id"])
        total = by_id.loc[e["total_amount_id"]]
        if total["role"] != "total" or total["grant_id"] != e["grant_id"] or int(total["year"]) != int(e["year"]):
            raise RawDataError("data/raw/estimates.csv", line, "total_amount_id",
                               f"a printed total of {e['grant_id']} {e['year']}", e["total_amount_id"])
        if e["stream_id"] not in res.streams.index or res.streams.loc[e["stream_id"], "grant_id"] != e["grant_id"]:
            raise RawDataError("data/raw/estimates.csv", line, "stream_id", f"a stream of {e['grant_id']}",
                               e["stream_id"])
        stream = res.streams.loc[e["stream_id"]]
        if stream["recipient_level"] != e["recipient_level"]:
            raise RawDataError("data/raw/estimates.csv", line, "recipient_level", stream["recipient_level"],
                               e["recipient_level"])
        weights = pop.loc[(pop["ref_date"] == e["population_date"]) & (pop["age_group"] == "total")]
        if weights.empty:
            raise RawDataError("data/raw/estimates.csv", line, "population_date", "a date in population.csv",
                               e["population_date"])
        weights = weights.set_index("region_code")["count"]
        split = largest_remainder(int(total["amount_sek"]), weights)
        for code, amount in split.items():
            name_sv, name_en = res.recipient(e["recipient_level"], code, stream)
            out.append({"year": int(e["year"]), "grant_id": e["grant_id"], "stream_id": e["stream_id"],
                        "recipient_level": e["recipient_level"], "region_code": code, "recipient": name_sv,
                        "recipient_en": name_en, "amount_sek": int(amount), "status": "estimated",
                        "basis": "estimated", "source_id": total["source_id"], "source_table": "estimates.csv",
                        "source_line": line, "source_row": "Skattning", "amount_id": e["total_amount_id"],
                        "estimate_method": e["method_sv"], "estimate_method_en": e["method_en"]})
    return pd.DataFrame(out)


def rests(totals: pd.DataFrame, leaves: pd.DataFrame) -> pd.DataFrame:
    """For each `rest` total: the printed total minus the leaves in its scope, as one leaf of its own."""
    out = []
    for _, t in totals.loc[totals["role"] == "rest"].iterrows() if len(totals) else ():
        known = int(leaves.loc[in_scope(leaves, t), "amount_sek"].sum()) if len(leaves) else 0
        left = int(t["amount_sek"]) - known
        where = f"data/raw/{t['source_table']}, line {t['source_line']} ({t['amount_id']})"
        if left < 0:
            raise BuildError(f"{where}: the parts in its scope ({known} kr) exceed the printed total "
                             f"({t['amount_sek']} kr)")
        if left == 0:
            raise BuildError(f"{where}: the parts in its scope already add up to the printed total; make it a "
                             "'total', not a 'rest'")
        outside_level = t["scope_levels"] and t["recipient_level"] not in t["scope_levels"].split(";")
        outside_stream = t["scope_streams"] and t["stream_id"] not in t["scope_streams"].split(";")
        if outside_level or outside_stream:
            raise BuildError(f"{where}: its own level {t['recipient_level']} is outside its scope {t['scope']}")
        out.append({"year": int(t["year"]), "grant_id": t["grant_id"], "stream_id": t["stream_id"],
                    "recipient_level": t["recipient_level"], "region_code": NATIONAL, "recipient": t["recipient"],
                    "recipient_en": t["recipient_en"], "amount_sek": left, "status": t["status"], "basis": "rest",
                    "source_id": t["source_id"], "source_table": t["source_table"],
                    "source_line": int(t["source_line"]), "source_row": t["source_row"], "amount_id": t["amount_id"],
                    "estimate_method": "", "estimate_method_en": ""})
    return pd.DataFrame(out)
