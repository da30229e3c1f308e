"""Every printed total against the sum of its printed parts, with only the differences tolerances.csv lists.

Two kinds of check: inside and across the transcribed tables (checks.csv: row totals, column totals,
one table's total against another's), and each printed total of mapping.csv against the allocations in
its scope (a grant-year, a stream or some recipient levels), wherever those parts were printed.
"""

from __future__ import annotations

import pandas as pd

from .mapping import BuildError, Field, in_scope, select_rows
from .rawio import RawDataError
from .tables import Raw

COLUMNS = ["table", "row", "column", "kind", "published", "computed", "source_id", "amount_id"]


def _cell(frame_row: pd.Series, column: str, table: str) -> int:
    value = frame_row[column]
    if value is None or pd.isna(value):
        raise RawDataError(f"data/raw/{table}", int(frame_row["_line"]), column, "a printed total", "")
    return int(value)


def _parts_sum(rows: pd.DataFrame, columns: list[str]) -> int:
    return int(rows[columns].fillna(0).to_numpy().sum())


def table_checks(raw: Raw) -> list[dict]:
    checks: list[dict] = []
    for _, c in raw["checks.csv"].iterrows():
        line = int(c["_line"])
        for table in (c["printed_table"], c["parts_table"]):
            if table not in raw.tables:
                raise RawDataError("data/raw/checks.csv", line, None, "a table declared in columns.csv", table)
        printed = select_rows(raw.tables[c["printed_table"]], c["printed_rows"], "data/raw/checks.csv", line,
                              "printed_rows")
        parts = select_rows(raw.tables[c["parts_table"]], c["parts_rows"], "data/raw/checks.csv", line,
                            "parts_rows")
        columns = c["parts_columns"].split(";")
        for col, frame, field in ((c["printed_column"], printed, "printed_column"),
                                  *((x, parts, "parts_columns") for x in columns)):
            if col not in frame.columns:
                raise RawDataError("data/raw/checks.csv", line, field, "a column of the table", col)
        per = c["per"] if isinstance(c["per"], str) else ""
        if not per and len(printed) != 1:
            raise RawDataError("data/raw/checks.csv", line, "printed_rows", "exactly one printed row (or a 'per')",
                               f"{len(printed)} rows")
        label = Field(c["label"], line, "label")
        for _, row in printed.iterrows():
            if per == "_row":
                computed = _parts_sum(parts.loc[[row.name]], columns)
            elif per:
                computed = _parts_sum(parts.loc[parts[per] == row[per]], columns)
            else:
                computed = _parts_sum(parts, columns)
            checks.append({"table": c["printed_table"], "row": label.value(row), "column": c["printed_column"],
                           "kind": c["kind"], "published": _cell(row, c["printed_column"], c["printed_table"]),
                           "computed": computed, "source_id": str(row.get("source_id") or ""), "amount_id": ""})
    return checks


def stated_checks(totals: pd.DataFrame, alloc: pd.DataFrame) -> list[dict]:
    """Each printed total (and rest) against the allocations in its scope."""
    checks = []
    for _, t in totals.iterrows() if len(totals) else ():
        computed = int(alloc.loc[in_scope(alloc, t), "amount_sek"].sum())
        checks.append({"table": t["source_table"], "row": t["amount_id"] or t["source_row"], "column": t["column"],
                       "kind": "stated_total", "published": int(t["amount_sek"]), "computed": computed,
                       "source_id": t["source_id"], "amount_id": t["amount_id"]})
    return checks


def apply_tolerances(raw: Raw, checks: list[dict]) -> pd.DataFrame:
    result = pd.DataFrame(checks, columns=COLUMNS)
    result["difference"] = result["computed"] - result["published"]
    listed = {(r["table"], r["row"], r["column"]): r for _, r in raw["tolerances.csv"].iterrows()}
    outcome, note, note_en = [], [], []
    for c in result.itertuples():
        key = (c.table, c.row, c.column)
        if c.difference == 0:
            if key in listed:
                raise BuildError(f"data/raw/tolerances.csv, line {listed[key]['_line']}: lists {key}, "
                                 "which now reconciles exactly; remove the tolerance")
            outcome.append("ok")
            note.append("")
            note_en.append("")
        elif key in listed and listed[key]["published"] == c.published and listed[key]["computed"] == c.computed:
            outcome.append("tolerated")
            note.append(listed[key]["explanation"])
            note_en.append(listed[key]["explanation_en"])
        else:
            outcome.append("FAIL")
            note.append("not listed in data/raw/tolerances.csv")
            note_en.append("not listed in data/raw/tolerances.csv")
    result = result.assign(result=outcome, explanation=note, explanation_en=note_en)
    unused = set(listed) - set(zip(result["table"], result["row"], result["column"], strict=True))
    if unused:
        first = listed[sorted(unused)[0]]
        raise BuildError(f"data/raw/tolerances.csv, line {first['_line']}: no such check {sorted(unused)[0]}")
    failed = result.loc[result["result"] == "FAIL"]
    if not failed.empty:
        lines = [f"  data/raw/{r.table} / {r.row} / {r.column}: printed {r.published}, sum of parts {r.computed} "
                 f"(difference {r.difference:+d})" for r in failed.itertuples()]
        raise BuildError("reconciliation failed:\n" + "\n".join(lines))
    return result
