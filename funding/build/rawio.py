"""Reading raw CSV files cell by cell against a schema, so that any error names file, line and column."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd


class RawDataError(ValueError):
    """A raw file does not match its schema; the message says exactly where and why."""

    def __init__(self, file: str, line: int | None, column: str | None, expected: str, found: object):
        self.file, self.line, self.column, self.expected, self.found = file, line, column, expected, found
        where = file
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: expected {expected}, found {found!r}")


@dataclass(frozen=True)
class Col:
    name: str
    kind: str = "str"  # str | int | bool | year
    required: bool = True
    allowed: tuple[str, ...] | None = None
    pattern: str | None = None
    min_value: int | None = None
    max_value: int | None = None


@dataclass(frozen=True)
class Schema:
    file: str  # path relative to data/raw
    columns: tuple[Col, ...]
    key: tuple[str, ...] = ()
    checks: tuple[Callable[[pd.DataFrame], None], ...] = field(default=())


_INT = re.compile(r"^-?\d+$")


def _parse(col: Col, raw: str, file: str, line: int):
    value = raw.strip() if col.kind != "str" else raw
    if value == "":
        if col.required:
            raise RawDataError(file, line, col.name, _describe(col), raw)
        return None
    if value != value.strip():
        raise RawDataError(file, line, col.name, "no leading or trailing spaces", raw)
    if col.kind in ("int", "year"):
        if not _INT.match(value):
            raise RawDataError(file, line, col.name, _describe(col), raw)
        number = int(value)
        if col.min_value is not None and number < col.min_value:
            raise RawDataError(file, line, col.name, _describe(col), raw)
        if col.max_value is not None and number > col.max_value:
            raise RawDataError(file, line, col.name, _describe(col), raw)
        return number
    if col.kind == "bool":
        if value not in ("true", "false"):
            raise RawDataError(file, line, col.name, "true or false", raw)
        return value == "true"
    if col.allowed is not None and value not in col.allowed:
        raise RawDataError(file, line, col.name, _describe(col), raw)
    if col.pattern is not None and not re.fullmatch(col.pattern, value):
        raise RawDataError(file, line, col.name, _describe(col), raw)
    return value


def _describe(col: Col) -> str:
    if col.allowed is not None:
        return "one of " + ", ".join(col.allowed)
    if col.kind == "int":
        bounds = ""
        if col.min_value is not None:
            bounds = f" >= {col.min_value}"
        if col.max_value is not None:
            bounds += f" <= {col.max_value}"
        return "a whole number" + bounds + " (digits only, no spaces)"
    if col.kind == "year":
        return f"a year between {col.min_value} and {col.max_value}"
    if col.pattern is not None:
        return f"text matching {col.pattern}"
    return "a non-empty value"


def read(schema: Schema, raw_root: Path) -> pd.DataFrame:
    """Read one raw CSV against its schema; raise RawDataError at the first bad cell."""
    path = raw_root / schema.file
    name = f"data/raw/{schema.file}"
    if not path.exists():
        raise RawDataError(name, None, None, "the file to exist", "nothing")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RawDataError(name, None, None, "UTF-8 text", f"undecodable byte at offset {exc.start}") from exc
    rows = list(csv.reader(text.splitlines()))
    expected_header = [c.name for c in schema.columns]
    if not rows:
        raise RawDataError(name, 1, None, "header " + ",".join(expected_header), "an empty file")
    if rows[0] != expected_header:
        missing = [c for c in expected_header if c not in rows[0]]
        extra = [c for c in rows[0] if c not in expected_header]
        found = f"header {','.join(rows[0])}" + (f" (missing {missing})" if missing else "") + (
            f" (unexpected {extra})" if extra else ""
        )
        raise RawDataError(name, 1, None, "header " + ",".join(expected_header), found)
    records = []
    for index, row in enumerate(rows[1:], start=2):
        if not row:
            raise RawDataError(name, index, None, f"{len(expected_header)} fields", "an empty line")
        if len(row) != len(expected_header):
            raise RawDataError(name, index, None, f"{len(expected_header)} fields", f"{len(row)} fields")
        record = {col.name: _parse(col, cell, name, index) for col, cell in zip(schema.columns, row, strict=False)}
        record["_line"] = index
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=[*expected_header, "_line"])
    for col in schema.columns:
        if col.kind in ("int", "year"):
            frame[col.name] = frame[col.name].astype("Int64")  # nullable: "not given" stays missing
        elif col.kind == "str":
            frame[col.name] = frame[col.name].astype(object).where(frame[col.name].notna(), None)
    if schema.key:
        dup = frame[frame.duplicated(list(schema.key), keep="first")]
        if not dup.empty:
            first = dup.iloc[0]
            raise RawDataError(
                name,
                int(first["_line"]),
                ",".join(schema.key),
                "a unique key",
                "a duplicate of " + "/".join(str(first[k]) for k in schema.key),
            )
    for check in schema.checks:
        check(frame)
    return frame


def require_in(frame: pd.DataFrame, file: str, column: str, allowed: set, what: str) -> None:
    """Referential integrity: every value of frame[column] must be in allowed."""
    for _, row in frame.iterrows():
        value = row[column]
        if value is not None and not (isinstance(value, float) and pd.isna(value)) and value not in allowed:
            raise RawDataError(f"data/raw/{file}", int(row["_line"]), column, f"a known {what}", value)
