"""The benchmark's synthetic dataset: loadable, the promised size, the real figures intact, never in data/."""

from __future__ import annotations

import hashlib

import pytest

from bench import synthetic
from funding import dataset, paths


def _digest(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def scaled(ds, tmp_path_factory):
    real_before = _digest(paths.data_dir() / "curated")
    out = {}
    for factor in (10, 100):
        folder = tmp_path_factory.mktemp("synthetic") / f"x{factor}"
        synthetic.write(factor, folder)
        out[factor] = dataset.load(folder)
    assert _digest(paths.data_dir() / "curated") == real_before, "the generator touched the real curated data"
    return out


@pytest.mark.parametrize("factor", [10, 100])
def test_row_count_scales_exactly(ds, scaled, factor):
    assert len(ds.allocations) == 283
    assert len(scaled[factor].allocations) == factor * len(ds.allocations)
    assert len(scaled[factor].view) == factor * len(ds.view)


def test_real_rows_kept_whole_and_figures_unchanged(ds, scaled):
    big = scaled[100]
    real = big.view[big.view["source_id"] != synthetic.SOURCE_ID]
    assert len(real) == len(ds.view)
    by_year = real.groupby("year")["amount_sek"].sum()
    assert by_year[2025] == 3_830_500_000
    assert by_year[2023] == 2_240_500_000
    assert by_year[2024] == 2_254_000_000
    assert real[(real["year"] == 2026) & (real["grant_id"] == "psykiatri-vuxna")]["amount_sek"].sum() == 1_500_000_000


def test_synthetic_rows_are_labelled_and_spread(scaled):
    big = scaled[100]
    synth = big.view[big.view["source_id"] == synthetic.SOURCE_ID]
    assert synth["grant_id"].str.startswith("syntetisk-").all()
    assert synth["recipient"].str.contains("yntetisk").all()
    assert sorted(synth["year"].unique()) == list(range(2019, 2029))
    assert set(synth["recipient_level"]) == {"region", "county", "municipalities"}
    municipalities = synth[synth["recipient_level"] == "municipalities"]
    # A full municipality stream-year reaches all 290 municipalities, each under its own region.
    assert municipalities.groupby(["stream_id", "year"])["recipient"].nunique().max() == 290
    assert set(municipalities["region_code"]) == set(big.region_codes)
    assert synth["population"].notna().all() and (synth["amount_sek"] > 0).all()
    # Every synthetic grant-year is in the grants catalogue.
    grants = big.grants[big.grants["source_id"] == synthetic.SOURCE_ID].set_index(["grant_id", "year"])
    assert set(synth.groupby(["grant_id", "year"]).groups) <= set(grants.index)
    assert big.sources["source_id"].tolist().count(synthetic.SOURCE_ID) == 1


def test_same_factor_same_dataset(tmp_path):
    assert synthetic.write(10, tmp_path / "a") == synthetic.write(10, tmp_path / "b")


def test_refuses_to_write_into_the_data_folder():
    before = _digest(paths.data_dir() / "curated")
    for target in (paths.data_dir() / "curated", paths.data_dir() / "curated" / "x10", paths.data_dir()):
        with pytest.raises(ValueError, match="refusing"):
            synthetic.write(10, target)
    assert _digest(paths.data_dir() / "curated") == before
