"""Broken curated data: every way the files can be missing, cut short or wrongly shaped gives the app's
error page (what is wrong, and the command that rebuilds it), never a traceback; and an interrupted
build never leaves a half-written dataset behind.

The app is run with AppTest from app.py against a damaged copy of data/curated in a temporary folder
(FUNDING_CURATED_DIR). The dataset cache is keyed on the folder and the manifest's version, so each
copy loads afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from streamlit.testing.v1 import AppTest
from test_robust_app import rendered_text

from components.navigation import PAGES
from funding import build, dataset, paths
from funding.build import store
from funding.text import t

APP = str(paths.ROOT / "app.py")
TRACEBACK_SIGNS = ("Traceback", 'File "', "site-packages", "Error:", ".py\", line")


@pytest.fixture()
def curated(ds, tmp_path) -> Path:
    """A private copy of the real curated data, to damage."""
    target = tmp_path / "curated"
    shutil.copytree(paths.curated_dir(), target)
    return target


def _manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def _write_manifest(folder: Path, man: dict) -> None:
    (folder / "manifest.json").write_text(json.dumps(man), encoding="utf-8")


def _reseal(folder: Path, name: str) -> None:
    """Give the manifest the damaged file's checksum, so the damage itself (not the checksum) is found."""
    man = _manifest(folder)
    man["files"][name] = hashlib.sha256((folder / f"{name}.parquet").read_bytes()).hexdigest()
    _write_manifest(folder, man)


# Each damage: (what to do to the copy, words the problem must contain).
def _no_folder(c: Path) -> None:
    shutil.rmtree(c)


def _no_manifest(c: Path) -> None:
    (c / "manifest.json").unlink()


def _no_table(c: Path) -> None:
    (c / "streams.parquet").unlink()


def _truncated(c: Path) -> None:
    data = (c / "allocations.parquet").read_bytes()
    (c / "allocations.parquet").write_bytes(data[: len(data) // 2])


def _truncated_resealed(c: Path) -> None:
    _truncated(c)
    _reseal(c, "allocations")


def _empty_file_resealed(c: Path) -> None:
    (c / "regions.parquet").write_bytes(b"")
    _reseal(c, "regions")


def _missing_column(c: Path) -> None:
    frame = pd.read_parquet(c / "allocations.parquet").drop(columns=["amount_sek"])
    frame.to_parquet(c / "allocations.parquet", index=False)
    _reseal(c, "allocations")


def _text_amounts(c: Path) -> None:
    frame = pd.read_parquet(c / "allocations.parquet")
    frame["amount_sek"] = frame["amount_sek"].astype(str) + " kr"
    frame.to_parquet(c / "allocations.parquet", index=False)
    _reseal(c, "allocations")


def _empty_allocations(c: Path) -> None:
    pd.read_parquet(c / "allocations.parquet").iloc[:0].to_parquet(c / "allocations.parquet", index=False)
    _reseal(c, "allocations")


def _duplicate_regions(c: Path) -> None:
    frame = pd.read_parquet(c / "regions.parquet")
    pd.concat([frame, frame.iloc[:1]]).to_parquet(c / "regions.parquet", index=False)
    _reseal(c, "regions")


def _checksum_mismatch(c: Path) -> None:
    # A valid parquet file, just not the one this build wrote (e.g. copied in from another build).
    frame = pd.read_parquet(c / "regions.parquet")
    frame.iloc[::-1].to_parquet(c / "regions.parquet", index=False)


def _manifest_not_json(c: Path) -> None:
    (c / "manifest.json").write_text("{\"version\": \"abc\", \"files\": {", encoding="utf-8")


def _manifest_binary(c: Path) -> None:
    (c / "manifest.json").write_bytes(b"\xff\xfe\x00garbage")


def _manifest_a_list(c: Path) -> None:
    (c / "manifest.json").write_text("[]", encoding="utf-8")


def _manifest_without_version(c: Path) -> None:
    man = _manifest(c)
    del man["version"]
    _write_manifest(c, man)


def _manifest_files_wrong_type(c: Path) -> None:
    man = _manifest(c)
    man["files"] = list(man["files"])
    _write_manifest(c, man)


def _manifest_forgets_a_table(c: Path) -> None:
    man = _manifest(c)
    del man["files"]["grants"]
    _write_manifest(c, man)


DAMAGE: dict[str, tuple[Callable[[Path], None], tuple[str, ...]]] = {
    "missing_folder": (_no_folder, ("missing",)),
    "missing_manifest": (_no_manifest, ("missing", "manifest")),
    "missing_table": (_no_table, ("streams.parquet", "missing")),
    "truncated_parquet": (_truncated, ("allocations.parquet", "checksum")),
    "truncated_parquet_resealed": (_truncated_resealed, ("allocations.parquet", "cannot be read")),
    "empty_file": (_empty_file_resealed, ("regions.parquet", "cannot be read")),
    "missing_column": (_missing_column, ("allocations.parquet", "amount_sek")),
    "text_amounts": (_text_amounts, ("allocations.parquet", "amounts")),
    "no_allocations": (_empty_allocations, ("allocations.parquet", "empty")),
    "duplicate_region": (_duplicate_regions, ("do not fit together",)),
    "checksum_mismatch": (_checksum_mismatch, ("regions.parquet", "checksum")),
    "manifest_not_json": (_manifest_not_json, ("manifest", "cannot be read")),
    "manifest_binary": (_manifest_binary, ("manifest", "cannot be read")),
    "manifest_a_list": (_manifest_a_list, ("manifest", "malformed")),
    "manifest_without_version": (_manifest_without_version, ("manifest",)),
    "manifest_files_wrong_type": (_manifest_files_wrong_type, ("manifest", "malformed")),
    "manifest_forgets_a_table": (_manifest_forgets_a_table, ("grants.parquet", "missing")),
}


def _run_app(curated: Path, monkeypatch, query: dict | None = None) -> AppTest:
    monkeypatch.setenv("FUNDING_CURATED_DIR", str(curated))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query or {})
    return at.run()


def assert_error_page(at: AppTest, words: tuple[str, ...], lang: str = "sv", hidden: tuple[str, ...] = ()) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert [x.value for x in at.title] == [t("error_title", lang)]
    assert [x.value for x in at.error] == [t("error_problem", lang)]
    problem = " ".join(x.value for x in at.text)
    for word in words:
        assert word in problem, f"{word!r} not in the problem shown: {problem!r}"
    assert [c.value for c in at.code] == ["make data"]
    shown = rendered_text(at)
    for sign in TRACEBACK_SIGNS:
        assert not [s for s in shown if sign in s], f"{sign!r} shown to the visitor"
    for secret in hidden:
        assert not [s for s in shown if secret in s], f"{secret!r} (an internal path) shown to the visitor"
    # No filters and no figures from a dataset that did not load.
    assert not at.metric and not at.multiselect and not at.get("plotly_chart")


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_broken_data_gives_the_error_page(damage, curated, monkeypatch):
    spoil, words = DAMAGE[damage]
    spoil(curated)
    with pytest.raises(dataset.DataUnavailable):
        dataset.load(curated)
    at = _run_app(curated, monkeypatch)
    assert_error_page(at, words, hidden=(str(curated.parent),))


def test_error_page_in_english_and_on_every_bookmarked_page(curated, monkeypatch):
    _truncated(curated)
    at = _run_app(curated, monkeypatch, {"lang": "en"})
    assert_error_page(at, ("allocations.parquet",), "en")
    for spec in PAGES:
        at.switch_page(spec.script).run()
        assert_error_page(at, ("allocations.parquet",), "en")


def test_the_app_recovers_once_the_data_is_rebuilt(curated, monkeypatch):
    original = (curated / "allocations.parquet").read_bytes()
    _truncated(curated)
    at = _run_app(curated, monkeypatch)
    assert_error_page(at, ("allocations.parquet",))
    (curated / "allocations.parquet").write_bytes(original)
    at.run()
    assert not at.exception and not at.error
    assert at.metric, "the overview's figures are back"


# An interrupted build ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return build.build_tables()


def _changed(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The next build: different amounts, so a mix of old and new files would show."""
    out = dict(tables)
    alloc = tables["allocations"].copy()
    alloc["amount_sek"] = alloc["amount_sek"] + 1
    out["allocations"] = alloc
    return out


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("failure", [OSError("No space left on device"), KeyboardInterrupt()],
                         ids=["disk-full", "ctrl-c"])
@pytest.mark.parametrize("after_files", [1, 5])
def test_interrupted_build_leaves_the_old_dataset_whole(tables, tmp_path, monkeypatch, failure, after_files):
    out = tmp_path / "data" / "curated"
    store.write_tables(tables, out)
    before = _snapshot(out)
    old = dataset.load(out)

    real = pd.DataFrame.to_parquet
    written: list[str] = []

    def failing(self, path, *args, **kwargs):
        if len(written) == after_files:
            raise failure
        written.append(str(path))
        return real(self, path, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", failing)
    with pytest.raises(type(failure)):
        store.write_tables(_changed(tables), out)
    monkeypatch.undo()

    assert len(written) == after_files  # the failure really came mid-write
    assert _snapshot(out) == before
    again = dataset.load(out)
    assert again.version == old.version
    assert_frame_equal(again.view, old.view)
    assert sorted(p.name for p in out.parent.iterdir()) == ["curated"], "a temporary folder was left behind"


def test_failed_swap_puts_the_old_dataset_back(tables, tmp_path, monkeypatch):
    """Even if the last step (moving the new folder into place) fails, the old data stay where the app looks."""
    out = tmp_path / "data" / "curated"
    store.write_tables(tables, out)
    before = _snapshot(out)

    real = os.replace
    calls: list[tuple[str, str]] = []

    def failing(src, dst):
        calls.append((Path(src).name, Path(dst).name))
        if Path(src).name.startswith(".curated.tmp-"):
            raise OSError("Device or resource busy")
        return real(src, dst)

    monkeypatch.setattr(store.os, "replace", failing)
    with pytest.raises(OSError):
        store.write_tables(_changed(tables), out)
    monkeypatch.undo()

    assert any(src.startswith(".curated.tmp-") for src, _ in calls)
    assert _snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["curated"]


def test_a_completed_build_replaces_every_file(tables, tmp_path):
    out = tmp_path / "curated"
    store.write_tables(tables, out)
    store.write_tables(_changed(tables), out)
    new = dataset.load(out)
    assert new.allocations["amount_sek"].sum() == tables["allocations"]["amount_sek"].sum() + len(tables["allocations"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["curated"]
