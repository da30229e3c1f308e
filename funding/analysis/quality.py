"""Summaries of the build's checks for the About page: the key audit and the reconciliation."""

from __future__ import annotations

import pandas as pd


def key_audit_summary(key_audit: pd.DataFrame) -> pd.DataFrame:
    """Per year and stream: recipients, largest absolute deviation (kr) and how many are within one krona."""
    audit = key_audit.assign(abs_dev=key_audit["deviation_sek"].abs())
    return (audit.groupby(["year", "stream_id", "key_basis", "key_basis_en"], sort=True)
            .agg(recipients=("region_code", "count"), max_abs_deviation=("abs_dev", "max"),
                 within_1=("abs_dev", lambda s: int((s <= 1).sum())))
            .reset_index())


def reconciliation_summary(reconciliation: pd.DataFrame) -> dict[str, int]:
    results = reconciliation["result"].value_counts()
    return {"checks": len(reconciliation), "exact": int(results.get("ok", 0)),
            "tolerated": int(results.get("tolerated", 0))}
