"""Writing the curated tables: every file into a fresh folder, checksummed, then swapped into place."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd


def _normalise(frame: pd.DataFrame) -> pd.DataFrame:
    # Text columns are stored as Arrow strings; a missing value stays null, so "not given in the
    # source" never turns into an empty name.
    frame = frame.copy()
    for col in frame.columns:
        if frame[col].dtype == object:
            frame[col] = frame[col].astype("string")
    return frame


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path) -> str:
    """Write every table to a fresh folder, then swap it into place: never a half-written dataset."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    old = None
    try:
        digests = {}
        for name, frame in sorted(tables.items()):
            path = tmp / f"{name}.parquet"
            _normalise(frame).to_parquet(path, index=False)
            digests[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        version = hashlib.sha256(json.dumps(digests, sort_keys=True).encode()).hexdigest()[:12]
        manifest = {"version": version, "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "files": digests}
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        for path in tmp.iterdir():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
        if out_dir.exists():
            old = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
            os.replace(out_dir, old)
        os.replace(tmp, out_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return version
    except BaseException:
        # Failed (or interrupted) between moving the old folder aside and the new one in: put the old
        # one back, so the app still finds the previous dataset where it looks (issue 6).
        if old is not None and old.exists() and not out_dir.exists():
            os.replace(old, out_dir)
        shutil.rmtree(tmp, ignore_errors=True)
        raise


