"""Where the data lives; every path is absolute so the working directory never matters."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES_DIR = ROOT.parent / "shared" / "sources"


def data_dir() -> Path:
    return Path(os.environ.get("FUNDING_DATA_DIR", ROOT / "data"))


def raw_dir() -> Path:
    return data_dir() / "raw"


def curated_dir() -> Path:
    # The benchmark points this at a synthetic dataset in a temporary folder,
    # so it never mixes with the real curated data.
    override = os.environ.get("FUNDING_CURATED_DIR")
    return Path(override) if override else data_dir() / "curated"


def reports_dir() -> Path:
    return data_dir() / "reports"


def geo_dir() -> Path:
    return ROOT / "data" / "geo"
