"""The key audit: each published per-region amount recomputed from its stream's key, deviation in kronor."""

from __future__ import annotations

import pandas as pd

from .mapping import NATIONAL
from .tables import Raw

COLUMNS = ["year", "stream_id", "region_code", "key_population", "key_basis", "key_basis_en", "published_sek",
           "recomputed_sek", "deviation_sek", "implied_share", "note", "note_en"]


def key_audit(raw: Raw, alloc: pd.DataFrame, pop: pd.DataFrame) -> pd.DataFrame:
    date = str(pop["ref_date"].max())
    people = pop.loc[(pop["ref_date"] == date) & (pop["age_group"] == "total")].set_index("region_code")["count"]
    regions = raw["regions.csv"].set_index("region_code")
    streams = raw["streams.csv"].set_index("stream_id")
    key_dates = raw["grants.csv"].set_index(["grant_id", "year"])["key_date"]
    out = []
    printed = alloc.loc[(alloc["basis"] == "printed") & (alloc["region_code"] != NATIONAL)]
    implied_by_stream: dict[tuple[int, str], pd.Series] = {}
    for (year, stream_id), frame in printed.groupby(["year", "stream_id"]):
        s = streams.loc[stream_id]
        key = s["key_population"]
        frame = frame.set_index("region_code")
        total = int(frame["amount_sek"].sum())
        implied = frame["amount_sek"] / total
        implied_by_stream[(int(year), str(stream_id))] = implied
        if key in ("total", "fixed", "fixed+total") and len(frame) == len(regions):
            fixed = pd.Series(0.0, index=frame.index)
            if key in ("fixed", "fixed+total"):
                metro = regions.loc[frame.index, "metropolitan"]
                fixed = metro.map({True: float(s["fixed_sek_metropolitan"]),
                                   False: float(s["fixed_sek_per_recipient"])})
            share = people.loc[frame.index] / people.sum() if key != "fixed" else 0.0
            recomputed = fixed + (total - fixed.sum()) * share
            basis = {"total": f"befolkning {date}", "fixed": "fast belopp per län",
                     "fixed+total": f"fast belopp per län + resten efter befolkning {date}"}[key]
            basis_en = {"total": f"population {date}", "fixed": "fixed amount per county",
                        "fixed+total": f"fixed amount per county + the rest by population {date}"}[key]
            undated = pd.isna(key_dates.get((s["grant_id"], int(year)))) and key != "fixed"
            note = f"Nyckelns befolkningsdatum anges inte i källan; befolkningen {date} används." if undated else ""
            note_en = f"The source does not give the key's population date; the population of {date} is used." \
                if undated else ""
        elif key in ("18+", "0-25", "0-18"):
            # The key population is not in the sources: report the implied shares, and measure the published
            # amounts against the total population as the nearest proxy the sources give.
            recomputed = total * people.loc[frame.index] / people.sum()
            when = key_dates.get((s["grant_id"], int(year)))
            when = f" {when}" if isinstance(when, str) else ""
            basis = f"implicit andel (nyckeln, befolkning {key}{when}, finns inte i källorna)"
            basis_en = f"implied share (the key, population {key}{when}, is not in the sources)"
            note = f"Avvikelse mot totalbefolkningen {date} som närmevärde; andelen {key} är härledd ur de " \
                   "publicerade beloppen."
            note_en = f"Deviation against the total population of {date} as the nearest proxy; the {key} share is " \
                      "implied by the published amounts."
        else:
            continue
        for code, row in frame.iterrows():
            out.append({"year": int(year), "stream_id": stream_id, "region_code": code, "key_population": key,
                        "key_basis": basis, "key_basis_en": basis_en, "published_sek": int(row["amount_sek"]),
                        "recomputed_sek": round(float(recomputed.loc[code]), 2),
                        "deviation_sek": round(float(row["amount_sek"] - recomputed.loc[code]), 2),
                        "implied_share": float(implied.loc[code]), "note": note, "note_en": note_en})
    audit = pd.DataFrame(out, columns=COLUMNS)
    # Streams that share a key (streams.csv key_same_as) must share one set of shares: each recomputed from
    # the other's implied shares should land within a krona of its published amounts.
    for stream_id, same in streams["key_same_as"].dropna().items():
        for (year, sid), _ in implied_by_stream.items():
            if sid != stream_id or (year, same) not in implied_by_stream:
                continue
            shares = implied_by_stream[(year, same)]
            rows = (audit["stream_id"] == stream_id) & (audit["year"] == year)
            total = audit.loc[rows, "published_sek"].sum()
            audit.loc[rows, "recomputed_sek"] = [round(float(total * shares.loc[c]), 2)
                                                 for c in audit.loc[rows, "region_code"]]
            audit.loc[rows, "deviation_sek"] = (audit.loc[rows, "published_sek"]
                                                - audit.loc[rows, "recomputed_sek"]).round(2)
            key = streams.loc[stream_id, "key_population"]
            audit.loc[rows, "key_basis"] = f"implicit andel {key} härledd ur {same} (samma nyckel)"
            audit.loc[rows, "key_basis_en"] = f"implied {key} share derived from {same} (the same key)"
            audit.loc[rows, "note"] = f"Samma nyckel som {same}: avvikelsen visar avrundning i källan."
            audit.loc[rows, "note_en"] = f"The same key as {same}: the deviation shows rounding in the source."
    return audit
