"""A synthetic curated dataset N times larger than the real one, for the scale benchmark only.

The real tables are kept whole and synthetic grants are added beside them: ten years (2019-2028)
instead of six, more streams, and streams paid to each of Sweden's 290 municipalities rather than
to one national "all municipalities" row. Every synthetic row cites the source ``syntetisk-bench``
and is named "Syntetisk ...", so it can never be mistaken for a real figure. Amounts come from a
seeded generator: the same factor always gives the same tables.

The dataset is written with ``funding.build.store.write_tables`` (so it has a valid manifest and passes
``funding.dataset.load``) into a folder the caller chooses, and the app is pointed at it with the
environment variable FUNDING_CURATED_DIR. Writing into the real data folder is refused.

    .venv/bin/python -m bench.synthetic 100 /tmp/curated-x100      # prints the dataset's version
"""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import numpy as np
import pandas as pd

from funding import dataset, paths
from funding.build import store
from funding.build.derive import largest_remainder

SOURCE_ID = "syntetisk-bench"
YEARS = tuple(range(2019, 2029))  # ten years
# How many municipalities each county has (SCB's division, 2024), so municipality rows spread across
# regions as the real ones would. Only the counts matter here; the names are synthetic.
MUNICIPALITIES_PER_REGION = {
    "01": 26, "03": 8, "04": 9, "05": 13, "06": 13, "07": 8, "08": 12, "09": 1, "10": 5, "12": 33, "13": 6,
    "14": 49, "17": 16, "18": 12, "19": 10, "20": 15, "21": 10, "22": 7, "23": 8, "24": 15, "25": 14,
}
# Region and county streams are cheap (21 rows a year), municipality streams dear (290): mixing them
# keeps every recipient level and chart type busy instead of inflating one.
LEVEL_CYCLE = ("region", "county", "municipalities", "region")
STREAMS_PER_GRANT = 4


def _forbidden(out_dir: Path) -> bool:
    out = out_dir.resolve()
    real = paths.data_dir().resolve()
    return out == real or real in out.parents


def _recipients(level: str, regions: pd.DataFrame) -> list[tuple[str, str, float]]:
    """(region_code, recipient name, weight) for every recipient of one stream in one year."""
    out = []
    for row in regions.itertuples():
        if level == "region":
            out.append((row.region_code, f"{row.organisation_name} (syntetisk)", row.pop))
        elif level == "county":
            out.append((row.region_code, f"{row.county_name} (länsgemensamt, syntetisk)", row.pop))
        else:
            n = MUNICIPALITIES_PER_REGION[row.region_code]
            out.extend((row.region_code, f"Syntetisk kommun {row.region_code}-{i:02d}", row.pop / n)
                       for i in range(1, n + 1))
    return out


def _status(year: int) -> tuple[str, str]:
    """Allocation status and estimate method by year, mirroring the real data's mix."""
    if year <= 2025:
        return "decided", ""
    if year == 2026:
        return "estimated", "syntetisk fördelning efter befolkning"
    return "announced", ""


def synthetic_tables(factor: int, seed: int = 20260101) -> dict[str, pd.DataFrame]:
    """The real curated tables plus synthetic allocations, ``factor`` times as many allocation rows in all."""
    if factor < 1:
        raise ValueError("factor must be at least 1")
    real = dataset.load(paths.data_dir() / "curated")
    tables = {f.name: getattr(real, f.name).copy() for f in dataclasses.fields(real)
              if f.name in dataset.REQUIRED_COLUMNS}
    if factor == 1:
        return tables
    rng = np.random.default_rng(seed + factor)
    alloc = tables["allocations"]
    budget = factor * len(alloc) - len(alloc)

    pop = tables["population"].set_index("region_code")["count"]
    regions = tables["regions"].assign(pop=lambda r: r["region_code"].map(pop).astype(float))
    focus_ids = list(tables["focus_areas"]["focus_id"])

    rows, stream_rows = [], []
    for n, level in enumerate(itertools.cycle(LEVEL_CYCLE)):
        if budget <= 0:
            break
        grant_id = f"syntetisk-{n // STREAMS_PER_GRANT + 1:02d}"
        stream_id = f"{grant_id}-{level[:4]}-{n % STREAMS_PER_GRANT + 1}"
        stream_rows.append({
            "stream_id": stream_id, "grant_id": grant_id,
            "name_sv": f"Syntetisk ström {n + 1} ({level})", "name_en": f"Synthetic stream {n + 1} ({level})",
            "focus_area": focus_ids[n % len(focus_ids)], "recipient_level": level, "key_population": "total",
            "key_sv": "Syntetisk: andel av befolkningen", "key_en": "Synthetic: share of the population",
        })
        recipients = _recipients(level, regions)
        weights = np.array([w for _, _, w in recipients])
        for year in YEARS:
            if budget <= 0:
                break
            # The last stream is cut short to hit the row count exactly (it reaches only some recipients).
            take = recipients[:budget]
            total = int(rng.integers(50, 800)) * 1_000_000
            noise = rng.uniform(0.8, 1.2, len(take))
            share = weights[: len(take)] * noise
            # Integer weights: largest_remainder splits kronor exactly and needs whole-number weights.
            amounts = largest_remainder(total, pd.Series(np.rint(share).astype("int64")))
            status, method = _status(year)
            for (code, name, _), amount in zip(take, amounts, strict=True):
                rows.append({
                    "year": year, "grant_id": grant_id, "stream_id": stream_id, "recipient_level": level,
                    "region_code": code, "recipient": name, "recipient_en": name, "amount_sek": int(amount),
                    "status": status, "basis": "estimated" if method else "printed", "source_id": SOURCE_ID,
                    "source_table": "bench/synthetic.py", "source_line": 0,
                    "source_row": f"{stream_id} {year} {code}", "amount_id": "", "estimate_method": method,
                    "estimate_method_en": method,
                })
            budget -= len(take)

    synth = pd.DataFrame(rows)
    tables["allocations"] = pd.concat([alloc, synth.astype({c: alloc[c].dtype for c in alloc.columns})],
                                      ignore_index=True)
    tables["streams"] = _append(tables["streams"], stream_rows)
    tables["grants"] = _append(tables["grants"], _grant_rows(synth))
    tables["sources"] = _append(tables["sources"], [{
        "source_id": SOURCE_ID, "title": "Syntetiskt testdata för prestandamätning (inga verkliga belopp)",
        "publisher": "bench/synthetic.py", "date": "2026", "file": "syntetisk-bench.txt", "kind": "Syntetiskt",
    }])
    return tables


def _grant_rows(synth: pd.DataFrame) -> list[dict]:
    out = []
    for grant_id, year in synth.groupby(["grant_id", "year"], sort=True).groups:
        number = grant_id.rsplit("-", 1)[1]
        out.append({
            "grant_id": grant_id, "year": int(year), "name_sv": f"Syntetiskt statsbidrag {number}",
            "name_en": f"Synthetic grant {number}", "channel": "socialstyrelsen" if int(number) % 2 else "skr",
            "status": "announced" if year > 2026 else "decided", "key_date": "2024-11-01",
            "key_sv": "Syntetisk: andel av befolkningen", "key_en": "Synthetic: share of the population",
            "source_id": SOURCE_ID, "source_ref": "bench/synthetic.py",
        })
    return out


def _append(frame: pd.DataFrame, rows: list[dict]) -> pd.DataFrame:
    extra = pd.DataFrame(rows).reindex(columns=frame.columns)
    extra = extra.astype({c: frame[c].dtype for c in frame.columns})
    return pd.concat([frame, extra], ignore_index=True)


def write(factor: int, out_dir: Path) -> str:
    """Write the synthetic dataset to ``out_dir`` (never the real data folder); return its version."""
    out_dir = Path(out_dir)
    if _forbidden(out_dir):
        raise ValueError(f"refusing to write synthetic data into the real data folder ({out_dir})")
    return store.write_tables(synthetic_tables(factor), out_dir)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("factor", type=int)
    parser.add_argument("out_dir", type=Path)
    args = parser.parse_args()
    print(write(args.factor, args.out_dir))
