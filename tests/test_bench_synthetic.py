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


# The benchmark's report and load plan (bench/run.py, bench/wsload.py): pure functions, no server or browser.


def _result(bare_ratio: float, bytes_: int, net_ratio: float, p95_1: float, p95_30: float) -> dict:
    from bench import run

    page = {"charts": 2, "table": False, "ttfc_first_s": 3.0, "ttfc_median_s": 2.2, "floor_median_s": 1.5,
            "ratio": 1.47, "bare_streamlit_median_s": 2.0, "bare_streamlit_ratio": 1.33, "bare_ratio": bare_ratio,
            "network": {"ttfc_s": 5.0, "bare_ttfc_s": 5.0 / net_ratio, "ratio": net_ratio, "bytes": bytes_,
                        "bare_bytes": 7_400_000, "requests": 130, "bare_requests": 70},
            "rerun_median_ms": 20.0, "rerun_p95_ms": 40.0, "filter_median_ms": 30.0, "filter_p95_ms": 90.0}
    result = {
        "date": "2026-11-30T12:00:00+00:00",
        "machine": {"cpu": "Test CPU", "cores": 2, "ram_gb": 23.5, "os": "Linux", "python": "3.11"},
        "versions": {"streamlit": "1.67.0", "chromium": "156"},
        "settings": {"loads_per_page": 5, "network": run.NETWORK_LABEL, "sessions": 10, "view_memo_size": 32,
                     "server_load": {"actions_per_session": 8, "think_s_mean": 3.0}},
        "pages": {"/regioner": page},
        "rss_mb": {"1": 200.0, "10": 210.0},
        "network": run.network_summary({"/regioner": page}),
        "server_load": {"1": {"runs": 32, "run_p50_ms": 30.0, "run_p95_ms": p95_1, "runs_per_s": 3.0},
                        "30": {"runs": 240, "run_p50_ms": 40.0, "run_p95_ms": p95_30, "runs_per_s": 8.0}},
        "scale": {"1": {"allocation_rows": 283, "rerun_worst_page_p95_ms": 40.0, "filter_worst_page_p95_ms": 90.0,
                        "rss_mb": {"1": 200.0, "10": 210.0}},
                  "100": {"allocation_rows": 28_300, "rerun_worst_page_median_ms": 60.0,
                          "rerun_worst_page_p95_ms": 120.0, "filter_worst_page_p95_ms": 380.0,
                          "rss_mb": {"1": 250.0, "10": 280.0},
                          "memo": {"0": {"rss_mb_10": 240.0, "cold_run_p50_ms": 300.0, "warm_run_p50_ms": 290.0,
                                         "warm_run_p95_ms": 500.0}}}},
        "targets": run.TARGETS,
    }
    result["targets_met"] = run.targets_met(result)
    return result


def test_targets_judge_the_new_measures():
    met = _result(bare_ratio=1.08, bytes_=2_300_000, net_ratio=0.55, p95_1=100.0, p95_30=190.0)["targets_met"]
    assert met["ttfc_at_most_1.10x_bare"] and met["first_visit_at_most_2.5_mb"]
    assert met["network_ttfc_at_most_0.6x_bare"] and met["server_load_30_p95_at_most_2x_single"]
    assert met["rerun_p95_real"] and met["rerun_p95_100x"] and met["rss_10_sessions_100x"]
    missed = _result(bare_ratio=1.2, bytes_=2_700_000, net_ratio=0.8, p95_1=100.0, p95_30=250.0)["targets_met"]
    assert not any(missed[k] for k in ("ttfc_at_most_1.10x_bare", "first_visit_at_most_2.5_mb",
                                       "network_ttfc_at_most_0.6x_bare", "server_load_30_p95_at_most_2x_single"))


def test_markdown_table_names_date_machine_and_every_page():
    from bench import run

    table = run.markdown_table(_result(bare_ratio=1.08, bytes_=2_300_000, net_ratio=0.55, p95_1=100.0,
                                       p95_30=190.0))
    assert "2026-11-30" in table and "Test CPU, 2 cores" in table
    assert "| `/regioner` | 2.20 s | 2.00 s | 1.50 s | 1.08 |" in table
    assert "2.30 MB (bare 7.40 MB)" in table
    assert "| 30 | 240 | 40 ms | 190 ms |" in table
    assert "| 0 | 240 MB | 300 ms | 290 / 500 ms |" in table
    result = _result(bare_ratio=1.08, bytes_=2_300_000, net_ratio=0.55, p95_1=100.0, p95_30=190.0)
    result["pages"]["/om"] = {k: v for k, v in result["pages"]["/regioner"].items() if k != "network"}
    assert "| `/om` | 2.20 s | 2.00 s | 1.50 s | 1.08 | not measured | – | – | 20 / 40 ms | 30 / 90 ms |" in (
        run.markdown_table(result))  # a page the network measure skipped: no "– s (bare – s)"


def test_load_plan_is_seeded_and_keeps_the_page_query():
    import random

    from bench import wsload

    pages = [("", ""), ("regionprofil", "region=14"), ("data", "")]
    one = wsload.plan(random.Random(7), pages, ["year=2025", "lang=en"], 30)
    assert one == wsload.plan(random.Random(7), pages, ["year=2025", "lang=en"], 30)
    assert len(one) == 30 and {page for page, _ in one} <= {"", "regionprofil", "data"}
    assert all(query.startswith("region=14") for page, query in one if page == "regionprofil")
