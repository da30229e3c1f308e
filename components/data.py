"""The dataset, loaded once per process and shared read-only by every session."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from funding import model, paths


@st.cache_resource(show_spinner=False, max_entries=2)
def _load(curated_dir: str, version: str) -> model.Dataset:
    # The arguments are the cache key: new data (another version or folder) loads afresh.
    return model.load(Path(curated_dir))


def dataset() -> model.Dataset:
    """The curated dataset for the current version. Raises model.DataUnavailable if it is missing or broken."""
    folder = paths.curated_dir()
    version = model.manifest(folder).get("version")
    if not isinstance(version, str):
        raise model.DataUnavailable(f"The manifest in {folder.name} has no version.")
    return _load(str(folder), version)
