"""funding.analysis on the real data: the figures every page is built from, checked against the sources.

Each expected value here can be found by hand in ../shared/sources (the region tables in the Socialstyrelsen
instructions and the SKR agreement, the totals in the government decisions); the population is SCB's
2024-11-01 figure from the annex to S2025/00397. The presenters' tests check how these figures are worded.
"""

from __future__ import annotations

import pandas as pd
import pytest

from funding.analysis import facts, focus, quality, regions, sums, timeline, trail
from funding.analysis.filters import Filters
from funding.dataset import per_capita, select

DECIDED_AND_ESTIMATED = ("decided", "estimated")


@pytest.fixture(scope="module")
def pop(ds) -> pd.Series:
    return ds.population_by_region


def rows(ds, years, statuses=DECIDED_AND_ESTIMATED, **filters) -> pd.DataFrame:
    return select(ds.view, Filters(**filters), years=years, statuses=statuses)


def test_population_is_the_21_regions_on_2024_11_01(pop):
    assert len(pop) == 21 and int(pop.sum()) == 10_587_140
    assert pop["01"] == 2_471_773 and pop["09"] == 61_000


def test_the_national_population_is_the_newest_total_whatever_else_the_table_holds(ds):
    """national_population summed every row of the population table: an older date or an age group (a key
    population) added to the data would have doubled the denominator of every national per-capita figure."""
    import dataclasses

    older = ds.population.assign(ref_date="2023-11-01", count=ds.population["count"] - 1000)
    young = ds.population.assign(age_group="0-25", count=ds.population["count"] // 3)
    wider = dataclasses.replace(ds, population=pd.concat([older, ds.population, young], ignore_index=True))
    assert wider.national_population == ds.national_population == 10_587_140
    assert wider.population_date == ds.population_date == "2024-11-01"


def test_totals_per_year_and_status_are_the_published_sums(ds):
    table = sums.totals_by(select(ds.view, Filters()), ["year", "status"])
    got = {(int(y), s): int(a) for y, s, a in table.itertuples(index=False)}
    assert got == {
        (2018, "decided"): 1_414_000_000, (2019, "decided"): 1_700_000_000, (2020, "decided"): 1_716_000_000,
        (2023, "decided"): 2_240_500_000, (2024, "decided"): 2_254_000_000,
        (2025, "decided"): 3_780_500_000, (2025, "announced"): 50_000_000,
        (2026, "decided"): 2_820_000_000, (2026, "estimated"): 396_000_000, (2026, "announced"): 1_190_000_000,
        (2027, "announced"): 3_439_000_000, (2028, "announced"): 1_739_000_000,
    }


def test_without_the_estimates_a_split_s_decided_total_counts_unsplit(ds):
    """Primary care 2026: the 396 000 000 kr to the regions is decided (Socialstyrelsen's instructions), only
    its split by region is estimated. "Decided only" once counted 2 820 000 000 kr for 2026 and showed the grant
    as having no amount; it now counts the total once, as one amount not split by region."""
    decided = rows(ds, (2026,), statuses=("decided",))
    assert int(decided["amount_sek"].sum()) == 3_216_000_000
    (pv,) = decided.loc[decided["grant_id"] == "primarvard"].itertuples()
    assert (pv.amount_sek, pv.region_code, pv.status, pv.basis, pv.source_id, pv.amount_id, pv.recipient) == (
        396_000_000, "", "decided", "printed", "pv2026-anvisningar", "pv2026-regioner", "Regionerna")
    assert pv.population == 10_587_140 and pv.sek_per_capita == pytest.approx(37.40, abs=0.005)
    assert facts.coverage(decided).regional == 1_490_000_000  # the map has none of it
    # With the estimates it is the 21 regions' estimated parts and no unsplit row; decided and announced adds
    # the 1 190 000 000 kr announced to the same 3 216 000 000.
    with_estimates = rows(ds, (2026,), grants=("primarvard",))
    assert len(with_estimates) == 21 and set(with_estimates["status"]) == {"estimated"}
    assert int(rows(ds, (2026,), statuses=("decided", "announced"))["amount_sek"].sum()) == 4_406_000_000
    # A chosen region gets no share of an unsplit total: Västra Götaland's decided 2026 is its psychiatry only.
    mine = rows(ds, (2026,), statuses=("decided",), region_codes=("14",))
    assert set(mine["grant_id"]) == {"psykiatri-vuxna"} and int(mine["amount_sek"].sum()) == 249_940_771


@pytest.mark.parametrize(("year", "total", "regional"), [
    (2025, 3_780_500_000, 1_777_000_000),
    (2026, 3_216_000_000, 1_886_000_000),
])
def test_coverage_says_how_much_of_the_money_is_known_per_region(ds, year, total, regional):
    c = facts.coverage(rows(ds, (year,)))
    assert (c.total, c.regional, c.national_only) == (total, regional, total - regional)
    assert not c.complete


def test_coverage_of_one_regional_grant_is_complete(ds):
    c = facts.coverage(rows(ds, (2026,), grants=("primarvard",)))
    assert c.total == c.regional == 396_000_000 and c.complete


def test_2026_ranking_per_inhabitant(ds, pop):
    rc = regions.compare_regions(rows(ds, (2026,)), ds.regions, pop)
    t = rc.table.set_index("region_code")
    assert rc.regions_with_data == 21 and rc.national_amount == 1_886_000_000
    assert rc.national_per_capita == pytest.approx(1_886_000_000 / 10_587_140)
    assert round(rc.national_per_capita, 2) == 178.14
    assert list(rc.table["region_code"][:2]) == ["03", "25"] and rc.table["region_code"].iloc[-1] == "04"
    assert t.loc["03", "amount_sek"] == 73_453_406 and round(t.loc["03", "sek_per_capita"], 2) == 180.17
    assert t.loc["01", "rank"] == 13 and round(t.loc["01", "sek_per_capita"], 2) == 177.95
    assert int(t["amount_sek"].sum()) == rc.national_amount
    assert rc.decimals == 2 and not rc.all_equal


def test_2025_ranking_puts_gotland_first_and_stockholm_last(ds, pop):
    rc = regions.compare_regions(rows(ds, (2025,)), ds.regions, pop)
    t = rc.table.set_index("region_code")
    assert rc.national_amount == 1_777_000_000
    assert t.loc["09", "rank"] == 1 and round(t.loc["09", "sek_per_capita"], 2) == 296.68
    assert t.loc["01", "rank"] == 21 and t.loc["01", "amount_sek"] == 380_648_149
    assert round(t.loc["01", "sek_per_capita"], 2) == 154.00


def test_per_key_population_leaves_out_the_streams_whose_key_the_sources_do_not_give(ds, pop):
    rc = regions.compare_regions(rows(ds, (2026,)), ds.regions, pop, denom="key")
    left_out = dict(zip(rc.excluded["stream_id"], rc.excluded["amount_sek"], strict=True))
    assert left_out == {"psyk-flexibla-overgangar": 150_000_000, "psyk-sjalvvald-inlaggning": 200_000_000,
                        "psyk-vardkapacitet": 1_140_000_000}
    # What is left is primary care's estimate, split by population: the same kronor per inhabitant everywhere.
    assert rc.national_amount == 396_000_000 and rc.all_equal


def test_a_year_with_one_regions_figures_is_partial(ds):
    every = select(ds.view, Filters())
    assert regions.partial_years(every, 21) == (2023, 2024)
    assert regions.complete_years(every, 21) == (2025, 2026)
    detail = facts.partial_detail(every, 21)
    assert [(p.year, p.region_codes, p.levels) for p in detail] == [(2023, ("14",), ("county",)),
                                                                    (2024, ("14",), ("county",))]


def test_a_partial_year_has_no_national_average(ds, pop):
    rc = regions.compare_regions(rows(ds, (2024,)), ds.regions, pop)
    assert rc.regions_with_data == 1 and rc.national_per_capita is None and rc.partial_years == (2024,)
    assert rc.table.loc[rc.table["region_code"] != "14", "rank"].isna().all()


def test_grant_changes_add_up_to_the_difference_of_the_totals(ds):
    changes = timeline.grant_changes(rows(ds, (2025, 2026)), 2025, 2026)
    assert int(changes["change"].sum()) == 3_216_000_000 - 3_780_500_000
    kinds = changes.groupby("kind")["grant_id"].apply(set).to_dict()
    assert kinds["new"] == {"psykiatri-vuxna"}
    assert kinds["down"] == {"ok-psykisk-halsa", "primarvard"}
    assert len(kinds["ended"]) == 6 and "bup-tillganglighet" in kinds["ended"]
    first = changes.iloc[0]
    assert (first["grant_id"], first["change"]) == ("psykiatri-vuxna", 1_500_000_000)


def test_focus_shares_of_2026(ds):
    shares = sums.shares(rows(ds, (2026,)), "focus_area").set_index("focus_area")
    assert shares.loc["vardkapacitet", "amount_sek"] == 1_140_000_000
    assert shares.loc["primarvard", "amount_sek"] == 396_000_000
    assert shares["share"].sum() == pytest.approx(1.0)
    assert round(shares.loc["vardkapacitet", "share"] * 100, 1) == 35.4


def test_focus_split_keeps_every_krona(ds):
    r = rows(ds, (2026,))
    with_focus, per_focus, unallocated = focus.focus_split(r)
    assert int(with_focus["amount_sek"].sum()) == 3_216_000_000 - 1_291_000_000
    # The agreement's 1 291 mnkr are not broken down into focus areas by the sources; they are set apart.
    assert unallocated == 1_291_000_000
    assert int(per_focus["amount_sek"].sum()) + unallocated == 3_216_000_000
    assert "ej-fordelat" not in set(per_focus["focus_area"])
    tree = focus.hierarchy(r)
    assert int(tree["amount_sek"].sum()) == 3_216_000_000 and tree["share"].sum() == pytest.approx(1.0)


def test_per_capita_spreads_a_scalar_over_the_other_sides_index():
    # A frame's slice keeps its own index (here 5 and 7): a scalar population must divide every row, not only a
    # row labelled 0 (Regionprofil's chart once drew only its first year's bar).
    amounts = pd.Series([1_000, 2_500], index=[5, 7])
    assert per_capita(amounts, 500).tolist() == [2.0, 5.0]
    assert per_capita(amounts, 500).index.tolist() == [5, 7]
    assert per_capita(1_000, pd.Series([500, 0, None], index=[3, 4, 9])).tolist()[0] == 2.0
    assert per_capita(1_000, pd.Series([500, 0, None], index=[3, 4, 9])).isna().tolist() == [False, True, True]
    assert per_capita(amounts, None).isna().all()


def test_every_per_capita_figure_of_a_comparison_has_two_decimals(ds):
    # Whole kronor made ranks 5-15 all read "141", and with one decimal fewer where values differed the card
    # read "37 kr" beside a note reading 37,40 (issue 16): two decimals, everywhere.
    r = rows(ds, (2026,))
    assert regions.compare_regions(r, ds.regions, ds.population_by_region).decimals == 2


def test_reconciliation_summary_counts_every_check(ds):
    assert quality.reconciliation_summary(ds.reconciliation) == {"checks": 111, "exact": 91, "tolerated": 20}


def test_a_grant_the_sources_do_not_split_by_region_is_not_read_as_ended(ds):
    chosen = rows(ds, (2025, 2026), region_codes=("01", "12"))
    every = rows(ds, (2025, 2026))
    changes = timeline.mark_unsplit(timeline.grant_changes(chosen, 2025, 2026), every, 2025, 2026)
    kinds = dict(zip(changes["grant_id"], changes["kind"], strict=True))
    # The 2026 agreement (1 320 mnkr) exists, but its 548 mnkr to the regions are not split by region.
    assert kinds["ok-psykisk-halsa"] == "unsplit"
    assert kinds["psykiatri-vuxna"] == "new" and kinds["primarvard"] == "down"
    assert int(changes["change"].sum()) == int(chosen.loc[chosen["year"] == 2026, "amount_sek"].sum()) - int(
        chosen.loc[chosen["year"] == 2025, "amount_sek"].sum())


def test_every_stream_named_as_not_broken_down_carries_the_suffix_that_says_so(ds):
    # funding.analysis.focus.broken_down reads the suffix; a new unsplit stream without it would become "the
    # largest sub-area" on Fokusområden.
    from funding.analysis.focus import NOT_BROKEN_DOWN

    words = ("ej fördelat", "ej specificerad", "Aviserat belopp")
    named = ds.streams.loc[ds.streams["name_sv"].str.contains("|".join(words))]
    assert len(named) == 9
    assert all(s.endswith(NOT_BROKEN_DOWN) for s in named["stream_id"]), list(named["stream_id"])


def test_the_tidy_view_names_every_row_whatever_the_allocations_index(ds):
    """tidy_view assigns looked-up names by index: an allocations table read with another index (here
    100, 101, ...) must give the same view."""
    from funding import paths
    from funding.dataset import REQUIRED_COLUMNS, tidy_view

    tables = {name: pd.read_parquet(paths.curated_dir() / f"{name}.parquet") for name in REQUIRED_COLUMNS}
    shifted = dict(tables, allocations=tables["allocations"].set_axis(range(100, 100 + len(tables["allocations"]))))
    view = tidy_view(shifted)
    assert view["grant_name"].ne("").all() and view["channel"].ne("").all()
    pd.testing.assert_frame_equal(view, tidy_view(tables))


def test_only_two_or_more_small_grants_are_drawn_as_one():
    rows = pd.DataFrame({"grant_id": ["a", "b", "c", "d"], "amount_sek": [900, 60, 30, 10]})
    assert trail.small_grants(rows, 0.05) == ("c", "d")       # 3 % and 1 % of 1 000
    assert trail.small_grants(rows, 0.02) == ()                # one small grant alone keeps its own node
    assert trail.small_grants(rows.iloc[:1], 0.5) == ()
