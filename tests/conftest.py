"""Shared fixtures: the curated dataset, built once per test session if it is missing."""

from __future__ import annotations

import pytest

from funding import build, dataset, paths


@pytest.fixture(scope="session")
def ds() -> dataset.Dataset:
    if not (paths.curated_dir() / "manifest.json").exists():
        build.build()
    return dataset.load()
