"""The dataset, loaded once per process and shared read-only by every session."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from funding import dataset, paths


@st.cache_resource(show_spinner=False, max_entries=2)
def _load(curated_dir: str, version: str) -> dataset.Dataset:
    # The arguments are the cache key: new data (another version or folder) loads afresh.
    return dataset.load(Path(curated_dir))


def current_dataset() -> dataset.Dataset:
    """The curated dataset for the current version. Raises DataUnavailable if it is missing or broken."""
    folder = paths.curated_dir()
    version = dataset.manifest(folder).get("version")
    if not isinstance(version, str):
        raise dataset.DataUnavailable(f"The manifest in {folder.name} has no version.")
    return _load(str(folder), version)
