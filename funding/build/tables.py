"""Reading data/raw: the fixed files against their schemas, the transcriptions against columns.csv.

A transcription is a CSV under data/raw/tables/ whose columns are declared, one row each, in columns.csv.
Adding a source therefore needs no Python: declare its columns, map its cells in mapping.csv.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import schema
from .rawio import Col, RawDataError, Schema, read

_KIND = {
    "text": {},
    "sek": schema.SEK,
    "int": {"kind": "int"},
    "year": schema.YEAR,
    "code": {"pattern": schema.CODE},
}


@dataclass(frozen=True)
class Raw:
    """Everything read from data/raw. `fixed` is keyed by file name, `tables` by path under data/raw."""

    root: Path
    fixed: dict[str, pd.DataFrame]
    tables: dict[str, pd.DataFrame]

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.fixed[name] if name in self.fixed else self.tables[name]


def declared_schemas(columns: pd.DataFrame) -> dict[str, Schema]:
    """One Schema per transcription table, built from its rows in columns.csv (in their order)."""
    out: dict[str, Schema] = {}
    for table, rows in columns.groupby("table", sort=False):
        cols = tuple(Col(r.column, required=bool(r.required), **_KIND[r.kind]) for r in rows.itertuples())
        key = tuple(r.column for r in rows.itertuples() if r.key)
        out[str(table)] = Schema(str(table), cols, key=key)
    return out


def read_raw(root: Path) -> Raw:
    fixed = {s.file: read(s, root) for s in schema.FIXED}
    schemas = declared_schemas(fixed["columns.csv"])
    on_disk = {f"tables/{p.name}" for p in (root / "tables").glob("*.csv")}
    undeclared = sorted(on_disk - set(schemas))
    if undeclared:
        raise RawDataError(f"data/raw/{undeclared[0]}", None, None,
                           "its columns declared in data/raw/columns.csv", "no declaration")
    tables = {name: read(s, root) for name, s in schemas.items()}
    return Raw(root, fixed, tables)
