"""The dataset, loaded once per process and shared read-only by every session."""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import streamlit as st

from funding import dataset, paths


def _arrow_pool() -> pa.MemoryPool:
    """The memory pool for the Arrow buffers behind pandas' strings and the Parquet reads: jemalloc where
    pyarrow has it, else the system's allocator.

    pyarrow's default, mimalloc, keeps memory in per-thread heaps and hands little of it back; Streamlit runs
    every session's script in a thread of its own, and at 100x the data the server held 287-319 MB with 10
    sessions for 24 MB of tables. jemalloc hands freed pages back after a second: the same 10 sessions
    measured 248-249 MB (the system's allocator 245-253 MB; bench/README.md, "Where the memory goes"). Which
    pool holds a buffer changes nothing in what it holds. A pool the operator chose (ARROW_DEFAULT_MEMORY_POOL)
    stays.
    """
    try:
        return pa.jemalloc_memory_pool()
    except NotImplementedError:  # a pyarrow built without jemalloc (Windows)
        return pa.system_memory_pool()


if not os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
    # Before the first table is read: a buffer stays in the pool it was allocated from.
    pa.set_memory_pool(_arrow_pool())


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
