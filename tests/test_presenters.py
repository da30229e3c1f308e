"""Each presenter on its own: a plain context in, frozen dataclasses out, with the figures a page shows."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys

import pandas as pd
import pytest

from components.presenters import about, comparison, data_table, focus, over_time, overview, profile, summary
from components.presenters.common import ChartSpec, formatted
from components.presenters.context import ViewContext
from funding.analysis.filters import Filters

NBSP = "\u00a0"


def ctx(ds, **filters) -> ViewContext:
    return ViewContext(ds, Filters(**filters))


def test_importing_every_presenter_loads_no_streamlit():
    code = ("import sys; import components.presenters.overview, components.presenters.comparison, "
            "components.presenters.over_time, components.presenters.focus, components.presenters.profile, "
            "components.presenters.data_table, components.presenters.about, components.presenters.summary, "
            "components.figures.maps; print('streamlit' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=".")
    assert out.stdout.strip() == "False"


def test_results_are_frozen(ds):
    view = overview.present(ctx(ds))
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.heading = "x"  # type: ignore[misc]


# ---------------------------------------------------------------- Översikt


def test_overview_opens_on_the_latest_decided_year_with_decided_and_estimated_money(ds):
    view = overview.present(ctx(ds))
    assert view.heading == "Statens pengar 2026"
    total, per_capita, known = view.metrics
    assert (total.label, total.value) == ("Totalt 2026", f"3,22{NBSP}mdkr")
    assert total.notes[0] == f"3{NBSP}216{NBSP}000{NBSP}000{NBSP}kr"
    assert f"beslutat 2{NBSP}820{NBSP}000{NBSP}000{NBSP}kr, skattat 396{NBSP}000{NBSP}000{NBSP}kr" in total.notes[2]
    # Announced 2026 money is left out by default, and the card says how much and how to include it.
    assert f"1{NBSP}190{NBSP}000{NBSP}000{NBSP}kr" in total.notes[3]
    # 3 216 000 000 / 10 587 140 = 303,76; the note names the money and the population divided.
    assert per_capita.value == f"303,76{NBSP}kr"
    assert f"10{NBSP}587{NBSP}140" in per_capita.notes[0] and "178,14" in per_capita.notes[1]
    assert known.value == f"1,89{NBSP}mdkr" and "58,6" in known.notes[0]


def test_an_announced_only_year_s_total_says_so(ds):
    total = overview.present(ctx(ds, years=(2027,), statuses=("decided", "announced"))).metrics[0]
    assert total.notes[0] == f"3{NBSP}439{NBSP}000{NBSP}000{NBSP}kr"
    assert "Hela beloppet är aviserat, inget beslutat." in total.notes


def test_overview_cards_follow_a_chosen_region(ds):
    view = overview.present(ctx(ds, region_codes=("01",)))
    total, per_capita, rank = view.metrics
    # Stockholm 2026: psychiatry 347 393 632 + estimated primary care 92 453 874 = 439 847 506 kr.
    assert total.notes[0] == f"439{NBSP}847{NBSP}506{NBSP}kr"
    assert per_capita.value == f"177,95{NBSP}kr"   # 439 847 506 / 2 471 773
    assert rank.value == "13 av 21"


def test_overview_cards_follow_a_chosen_grant(ds):
    total = overview.present(ctx(ds, grants=("ok-psykisk-halsa",))).metrics[0]
    assert total.notes[0] == f"1{NBSP}320{NBSP}000{NBSP}000{NBSP}kr"


def test_a_region_s_change_summary_gives_the_amount_the_sources_do_not_split(ds):
    spec, _ = overview.changes(ctx(ds, region_codes=("09",)))
    assert spec.summary.replace(NBSP, " ") == (
        "Från 18,1 mnkr 2025 till 11,0 mnkr 2026 (−7,1 mnkr): 1 nytt statsbidrag, 1 som källorna inte fördelar "
        "per region 2026 (förändring −15,2 mnkr) och 1 som minskar.")


def test_a_region_s_grants_with_only_national_announced_money_are_not_cut_to_nothing(ds):
    spec, _ = overview.changes(ctx(ds, region_codes=("09",), years=(2027,)))
    kinds = dict(zip(spec.table.frame["Statsbidrag"], spec.table.frame["Förändring"], strict=True))
    assert kinds["Primärvårdens arbete med psykisk ohälsa"] == "bara aviserat"
    assert any(n.startswith("Utan belopp 2027 i urvalet men aviserade för hela landet 2027, inte per region")
               for n in spec.notes)


def test_the_change_table_adds_up_to_its_sum_and_names_each_year_s_status(ds):
    """With announced money BUP is unchanged (1 000 mnkr decided 2025, announced 2026): left out of the table, its
    grants fell 1 000 mnkr short of its own Summa row."""
    spec, _ = overview.changes(ctx(ds, years=(2025, 2026), statuses=("decided", "estimated", "announced")))
    table = spec.table.frame.set_index("Statsbidrag")
    grants, total = table.iloc[:-1], table.iloc[-1]
    assert grants["2025 (kr)"].sum() == total["2025 (kr)"] == 3_830_500_000
    assert grants["2026 (kr)"].sum() == total["2026 (kr)"] == 4_406_000_000
    bup = table.loc["Ökad tillgänglighet till barn- och ungdomspsykiatrin (BUP)"]
    assert bup["Förändring"] == "oförändrat" and bup["Status"] == "2025: beslutat; 2026: aviserat"
    # Nationally the 396 mnkr is the decided total; only its split by region is estimated.
    assert table.loc["Primärvårdens arbete med psykisk ohälsa", "Status"] == "2025: beslutat; 2026: beslutat"
    gotland, _ = overview.changes(ctx(ds, region_codes=("09",)))
    assert gotland.table.frame.set_index("Statsbidrag").loc["Primärvårdens arbete med psykisk ohälsa", "Status"] \
        == "2025: beslutat; 2026: skattat"
    assert len(spec.fig.data[0].y) == len(grants) - 1 + 2  # the chart has no bar of nothing, but both totals


def test_money_trail_links_add_up_and_carry_their_sources(ds):
    spec = overview.money_trail(ctx(ds))
    assert isinstance(spec, ChartSpec)
    table = spec.table.frame
    budget = table[table["Från"] == "Statens budget 2026"]
    assert budget["Belopp (kr)"].sum() == 3_216_000_000
    agreement = budget.set_index("Till").loc["Överenskommelse om psykisk hälsa och suicidprevention"]
    assert agreement["Belopp (kr)"] == 1_320_000_000
    assert "S2025/02163" in agreement["Källa"]
    # The appropriation is beside the trail as a frame, labelled as the government's proposal.
    assert any("4 732,4" in n.replace(NBSP, " ") and "förslag" in n for n in spec.notes)


def test_money_trail_continues_to_a_chosen_region(ds):
    table = overview.money_trail(ctx(ds, region_codes=("14",))).table.frame
    to_region = table[table["Till"] == "Västra Götaland"]
    # 2026: psychiatry 249 940 771 + estimated primary care to Västra Götaland.
    assert to_region["Belopp (kr)"].sum() == 249_940_771 + 66_317_621


def test_the_money_trail_table_says_how_much_of_a_link_is_estimated_or_announced(ds):
    """A link can sum money of several statuses; without a column the table and its files showed the estimated
    split of primary care 2026 as if it were decided."""
    table = overview.money_trail(ctx(ds, region_codes=("14",))).table.frame.set_index(["Från", "Till"])
    # Västra Götaland 2026: 249 940 771 kr decided psychiatry and 66 317 621 kr of primary care estimated.
    to_region = table.xs("Västra Götaland", level="Till")
    assert to_region["Belopp (kr)"].sum() == 249_940_771 + 66_317_621
    assert to_region["Varav skattat (kr)"].sum() == 66_317_621
    assert table.loc[("Statens budget 2026", "Överenskommelse om psykisk hälsa och suicidprevention"),
                     "Varav skattat (kr)"] == 0
    assert "Varav aviserat (kr)" not in table.columns  # announced money is not in the default selection
    # Without a region the 396 mnkr is primary care's decided total: nothing above the regions is estimated.
    assert "Varav skattat (kr)" not in overview.money_trail(ctx(ds)).table.frame.columns
    with_announced = overview.money_trail(ctx(ds, years=(2027,), statuses=("decided", "estimated", "announced")))
    frame = with_announced.table.frame
    budget = frame.loc[frame["Från"] == "Statens budget 2027"]
    assert budget["Varav aviserat (kr)"].tolist() == budget["Belopp (kr)"].tolist()  # 2027 is all announced
    assert budget["Belopp (kr)"].sum() == 3_439_000_000
    assert with_announced.table.formats["Varav aviserat (kr)"] == "money"


def _drawn(spec: ChartSpec) -> dict[str, float]:
    """The money trail figure's nodes (their label on one line) and the mnkr flowing into each."""
    sankey = spec.fig.data[0]
    names = [label.replace("<br>", " ") for label in sankey.node.label]
    into = dict.fromkeys(names, 0.0)
    for target, value in zip(sankey.link.target, sankey.link.value, strict=True):
        into[names[target]] += value
    return into


def _into(into: dict[str, float], name: str) -> float:
    """The mnkr into the one node whose label starts with `name`."""
    (value,) = [v for k, v in into.items() if k.startswith(name)]
    return value


def test_a_narrow_window_gets_the_money_trail_without_the_channel_column(ds):
    """On 390 px the channel's and the recipients' names ran into each other: a narrow window's chart goes
    from grant straight to recipient, with the same kronor; the table keeps the channels."""
    wide, narrow = overview.money_trail(ctx(ds)), overview.money_trail(ctx(ds), compact=True)
    wide_into, narrow_into = _drawn(wide), _drawn(narrow)
    assert _into(wide_into, "Överenskommelse staten–SKR") == pytest.approx(1_320)
    assert _into(wide_into, "Statsbidrag via Socialstyrelsen") == pytest.approx(1_896)
    assert not any(k.startswith(("Överenskommelse staten", "Statsbidrag via")) for k in narrow_into)
    # The same recipients get the same kronor, and the whole year flows through: 3 216 mnkr.
    for recipient, mnkr in {"Regionerna": 2_434, "Länsgemensamt": 493, "Kommunerna": 250, "SKR": 29,
                            "Myndigheter": 10}.items():
        assert _into(narrow_into, recipient) == pytest.approx(mnkr) == _into(wide_into, recipient)
    grants = ("Specialiserad", "Primärvårdens", "Överenskommelse om")
    assert sum(_into(narrow_into, g) for g in grants) == pytest.approx(3_216)
    # A grant with a fifth of the year has room for its whole name; a small one is cut at two lines.
    assert _into(narrow_into, "Överenskommelse om psykisk hälsa och suicidprevention 1") == pytest.approx(1_320)
    assert _into(narrow_into, "Primärvårdens arbete med… 396") == pytest.approx(396)
    pd.testing.assert_frame_equal(narrow.table.frame, wide.table.frame)
    assert narrow.notes[0].startswith("På en smal skärm går diagrammet direkt från statsbidrag till mottagare.")
    assert not wide.notes[0].startswith("På en smal skärm")


def test_the_money_trail_table_tells_a_region_s_own_money_from_the_county_s(ds):
    """The table (and the wide chart) keep the level in front of a chosen region, narrow window or not."""
    for compact in (False, True):
        table = overview.money_trail(ctx(ds, years=(2025,), region_codes=("14",)), compact=compact).table.frame
        to_vg = table[table["Till"] == "Västra Götaland"].set_index("Från")["Belopp (kr)"]
        assert to_vg.to_dict() == {"Länsgemensamt (region och kommuner)": 61_403_278, "Regionerna": 215_029_862}


def test_a_narrow_window_s_trail_ends_at_the_chosen_regions(ds):
    """/?region=14: Västra Götaland gets its psychiatry and its estimated primary care straight from the grants."""
    spec = overview.money_trail(ctx(ds, region_codes=("14",)), compact=True)
    into = _drawn(spec)
    assert _into(into, "Västra Götaland") == pytest.approx((249_940_771 + 66_317_621) / 1e6)
    assert not any(k.startswith("Regionerna") for k in into)  # no level column in front of the regions
    assert set(spec.table.frame["Till"]) >= {"Västra Götaland", "Övriga regioner", "Ej fördelat per region"}


def test_the_money_trail_draws_the_smallest_grants_as_one_node(ds):
    """2025: IVO 7, the agencies' joint plan 38,5 and the suicide investigations 25 mnkr (under 2,5 % of 3 780,5
    each) were a few pixels high and their names piled up; one node "Övriga statsbidrag (3)" of 70,5 mnkr, named
    in a note, each of them in the table."""
    spec = overview.money_trail(ctx(ds, years=(2025,)))
    into = _drawn(spec)
    assert _into(into, "Övriga statsbidrag (3)") == pytest.approx(70.5)
    assert not any(k.startswith("IVO") for k in into)
    assert _into(into, "Civilsamhällets arbete") == pytest.approx(150)  # 4 %: drawn on its own
    note = next(n for n in spec.notes if n.startswith("Övriga statsbidrag (3)"))
    assert f"70,5{NBSP}mnkr" in note and "IVO:s tillsyn" in note and "Nationella suicidutredningar" in note
    budget = spec.table.frame[spec.table.frame["Från"] == "Statens budget 2025"].set_index("Till")["Belopp (kr)"]
    assert budget.filter(like="IVO").iloc[0] == 7_000_000 and budget.sum() == 3_780_500_000


def test_a_money_trail_download_describes_the_year_and_regions_it_holds(ds):
    """/?year=2025,2026&region=01,12: the trail is 2026 only, every region's rows, and its table the two chosen
    regions plus the others summed; the downloads said year=2025,2026 and region=01,12 about both."""
    c = ctx(ds, years=(2025, 2026), region_codes=("01", "12"))
    spec = overview.money_trail(c)
    assert set(spec.rows["year"]) == {2026} and spec.rows["region_code"].nunique() > 3
    assert spec.table_regions == ("01", "12", "other")
    assert {"Stockholm", "Skåne", "Övriga regioner"} <= set(spec.table.frame["Till"])
    status = ["decided", "estimated"]
    assert c.described(spec.rows, spec.table_regions) == {"year": ["2026"], "region": ["01", "12", "other"],
                                                          "status": status}
    assert c.described(spec.rows) == {"year": ["2026"], "status": status}  # the rows: every region
    # Without a chosen region the trail stops at the levels: nothing summed, nothing to say.
    assert overview.money_trail(ctx(ds, years=(2025, 2026))).table_regions == ()


def test_a_download_states_the_years_its_rows_hold(ds):
    """The change chart adds its base year to a chosen year; a region's rows keep the region."""
    c = ctx(ds, years=(2026,), region_codes=("14",))
    spec, base = overview.changes(c)
    assert base == 2025
    assert c.described(spec.rows) == {"year": ["2025", "2026"], "region": ["14"], "status": ["decided", "estimated"]}
    # Regioner ranks every region; the chosen one is only highlighted, so the download names no region.
    view = comparison.present(c)
    assert view.map.every_region and view.ranking.every_region
    assert c.described(view.map.rows, every_region=True) == {"year": ["2026"], "status": ["decided", "estimated"]}
    # ... even in 2023, where only Västra Götaland has rows (it said region=14, a filter the table never used).
    c = ctx(ds, years=(2023,), region_codes=("01", "14"))
    rows = comparison.present(c).map.rows
    assert set(rows["region_code"]) == {"14"}
    assert "region" not in c.described(rows, every_region=True)


def test_a_region_profile_download_names_only_the_region_it_holds(ds):
    """/regionprofil?region=01,14&year=2025 shows Stockholm (the first chosen); its files held Stockholm's rows
    and said region=01,14."""
    c = ctx(ds, years=(2025,), region_codes=("01", "14"))
    view = profile.present(c, "01")
    assert set(view.all_rows["region_code"]) == {"01"}
    assert c.described(view.all_rows)["region"] == ["01"]
    assert c.described(view.chart.rows)["region"] == ["01"]


def test_change_chart_parts_add_up_to_the_two_totals(ds):
    spec, base = overview.changes(ctx(ds))
    assert base == 2025
    table = spec.table.frame.set_index("Statsbidrag")
    total = table.loc["Summa"]
    assert (total["2025 (kr)"], total["2026 (kr)"]) == (3_780_500_000, 3_216_000_000)
    assert table.drop("Summa")["Förändring (kr)"].sum() == 3_216_000_000 - 3_780_500_000
    assert table.loc["Specialiserad psykiatrisk vård för vuxna", "Förändring"] == "nytt"
    assert table.loc["Överenskommelse om psykisk hälsa och suicidprevention", "Förändring (kr)"] == -240_000_000
    # BUP has no decided 2026 amount; its announced billion is named, not hidden.
    assert any("aviserade" in n and "Ökad tillgänglighet till barn- och ungdomspsykiatrin" in n for n in spec.notes)


def test_decided_only_counts_primary_care_2026_and_says_why_the_map_lacks_it(ds):
    """"Bara beslutade" called primary care "Inget belopp" in 2026 and the year 2 820 mnkr: its 396 mnkr to the
    regions is decided, only the split by region is estimated."""
    c = ctx(ds, statuses=("decided",))
    spec, _ = overview.changes(c)
    table = spec.table.frame.set_index("Statsbidrag")
    assert table.loc["Summa", "2026 (kr)"] == 3_216_000_000
    assert table.loc["Primärvårdens arbete med psykisk ohälsa", "2026 (kr)"] == 396_000_000
    assert table.loc["Primärvårdens arbete med psykisk ohälsa", "Förändring"] != "inget belopp"
    note = ("Primärvårdens arbete med psykisk ohälsa 2026: 396\u00a0000\u00a0000\u00a0kr är beslutat för regionerna "
            "tillsammans och räknas här som ej fördelat per region.")
    assert any(n.startswith(note) for n in spec.notes)
    view = comparison.present(c)
    assert view.coverage.replace(NBSP, " ").startswith("Per region: 1 490,0 mnkr av 3 216,0 mnkr")
    assert any(n.startswith(note) for n in view.notes)
    en = comparison.present(ctx(ds, statuses=("decided",), lang="en"))
    assert any(n.startswith("Primary care work on mental ill-health 2026: SEK") and "decided for the regions together"
               in n for n in en.notes)


def test_a_year_with_nothing_counted_is_not_a_total_of_zero(ds):
    """/?year=2027 (decided and estimated): the Summa row said 2027: 0 kr, -100 %, and the summary "till 0,0 mnkr
    2027 (-3 216,0 mnkr)", while 3 439 mnkr is announced for 2027 and only left out."""
    spec, base = overview.changes(ctx(ds, years=(2027,)))
    total = spec.table.frame.set_index("Statsbidrag").loc["Summa"]
    assert base == 2026 and total["2026 (kr)"] == 3_216_000_000 and pd.isna(total["2027 (kr)"])
    assert pd.isna(total["Förändring (%)"]) and total["Förändring (kr)"] == -3_216_000_000  # the chart's bars
    assert spec.summary.startswith("2027 finns inget belopp i urvalet att jämföra med 2026 (3\u00a0216,0\u00a0mnkr)")
    en, _ = overview.changes(ctx(ds, lang="en", years=(2025,), region_codes=("01",)))
    assert en.summary.startswith("2024 has no amount in the selection to compare with 2025 (SEK\u00a0380.6m)")
    assert pd.isna(en.table.frame.iloc[-1]["2024 (SEK)"])


def test_change_chart_with_a_chosen_base_year(ds):
    spec, base = overview.changes(ctx(ds, base="2023"))
    assert base == 2023
    assert spec.table.frame.set_index("Statsbidrag").loc["Summa", "2023 (kr)"] == 2_240_500_000


# ---------------------------------------------------------------- Regioner


def test_a_region_table_says_how_much_of_each_amount_is_estimated(ds):
    """The chart hatches the estimated part; the table and its files said nothing of it (an analyst's finding:
    Uppsala's 73 453 406 kr in 2026 holds 15 249 483 kr estimated)."""
    table = comparison.present(ctx(ds)).map.table.frame.set_index("Region")
    assert table.loc["Uppsala", ["Belopp (kr)", "Varav skattat (kr)"]].tolist() == [73_453_406, 15_249_483]
    assert table.loc["Riket", ["Belopp (kr)", "Varav skattat (kr)"]].tolist() == [1_886_000_000, 396_000_000]
    assert "Varav skattat (kr)" not in comparison.present(ctx(ds, years=(2025,))).map.table.frame  # all decided
    years = profile.present(ctx(ds, lang="en"), "14").chart.table.frame.set_index("Year")
    assert years["Of which estimated (SEK)"].to_dict() == {2023: 0, 2024: 0, 2025: 0, 2026: 66_317_621}
    assert years.loc[2026, "Amount (SEK)"] == 316_258_392


def test_regions_compare_2026_and_say_how_much_of_the_money_they_cover(ds):
    view = comparison.present(ctx(ds))
    assert view.coverage.replace(NBSP, " ").startswith("Per region: 1 886,0 mnkr av 3 216,0 mnkr")
    table = view.ranking.table.frame.set_index("Region")
    assert table.loc["Uppsala", "Rang"] == 1
    assert table.loc["Riket", "Kr per invånare"] == pytest.approx(178.14, abs=0.005)
    assert view.map.title == "Kronor per invånare per region, 2026"


def test_equal_values_share_one_colour_and_one_rank(ds):
    view = comparison.present(ctx(ds, years=(2026,), grants=("primarvard",)))
    table = view.ranking.table.frame
    regions = table[table["Region"] != "Riket"]
    assert set(regions["Rang"]) == {1}
    assert any("lika mycket" in n for n in view.notes)
    colourscale = view.map.fig.data[-1].colorscale
    assert {c for _, c in colourscale} == {"#4D7AA8"}


def test_a_year_without_regional_money_explains_itself(ds):
    view = comparison.present(ctx(ds, years=(2019,)))
    assert view.map is None and view.ranking is None
    assert "2019" in view.empty and "2025–2026" in view.empty


def test_ranking_labels_carry_the_decimals_that_tell_neighbours_apart(ds):
    view = comparison.present(ctx(ds))
    text = next(d for d in view.ranking.fig.data if d.type == "scatter" and d.mode == "text")
    labels = list(text.text)
    assert len(labels) == 21 and len(set(labels)) == 21
    assert labels[0] == "\u2002180,17"  # Uppsala, 2026: decided plus estimated, after an en space (the line)


def test_ranking_names_the_national_average_in_its_legend(ds):
    view = comparison.present(ctx(ds))
    line = next(d for d in view.ranking.fig.data if d.type == "scatter" and d.mode == "lines")
    assert line.name == "Riksgenomsnitt, 178,14\u00a0kr/inv."
    assert line.line.dash == "dash"


# ---------------------------------------------------------------- Över tid


def test_over_time_shows_every_year_grant_by_grant_with_gaps_named(ds):
    spec = over_time.present(ctx(ds))
    table = spec.table.frame
    per_year = table.groupby("År")["Belopp (kr)"].sum()
    assert per_year.loc[2018] == 1_414_000_000 and per_year.loc[2028] == 1_739_000_000
    assert any("2017" in n and "inget belopp angivet" in n for n in spec.notes)


def test_over_time_legend_names_each_grant_once_and_each_status_once(ds):
    fig = over_time.present(ctx(ds)).fig
    shown = [d for d in fig.data if d.type == "bar" and d.showlegend is not False]
    names = [d.name for d in shown]
    assert len(names) == len(set(names)) == 13 + 3  # thirteen grants, then beslutat/skattat/aviserat
    assert names[-3:] == ["Beslutat", "Skattat", "Aviserat"]
    # A grant's swatch is solid, whatever status its first bar has.
    assert all(d.marker.pattern.shape == "" for d in shown[:-3])
    # Grants that meet in a year never share a colour (2025 has nine side by side).
    data = [d for d in fig.data if d.type == "bar" and d.showlegend is False]
    for year in ("2025", "2026"):
        grants = {d.legendgroup for d in data if year in list(d.x)}
        assert len({d.marker.color for d in data if year in list(d.x)}) == len(grants)


def test_change_summary_counts_in_words_and_names_money_not_split_by_region(ds):
    spec, _ = overview.changes(ctx(ds))
    # BUP (1 000 mnkr) and the suicide investigations (25 mnkr) have announced 2026 amounts, which the default
    # leaves out: their bars say "bara aviserat", not "inget belopp".
    assert spec.summary.endswith(": 1 nytt statsbidrag, 4 utan belopp 2026, 2 med bara aviserade belopp 2026, som "
                                 f"inte räknas med (förändring −1{NBSP}025,0{NBSP}mnkr) och 2 som minskar.")
    labels = [y.replace("<br>", " ") for y in spec.fig.data[0].y]
    assert "Bara aviserat: Ökad tillgänglighet till barn-…" in labels
    kinds = spec.table.frame.set_index("Statsbidrag")["Förändring"]
    assert kinds["Ökad tillgänglighet till barn- och ungdomspsykiatrin (BUP)"] == "bara aviserat"
    assert pd.isna(spec.table.frame.set_index("Statsbidrag").loc[
        "Ökad tillgänglighet till barn- och ungdomspsykiatrin (BUP)", "2026 (kr)"])
    spec, _ = overview.changes(ctx(ds, lang="en", years=(2026,), region_codes=("01", "12")))
    assert spec.summary.endswith(": 1 new grant, 1 the sources do not split by region in 2026 "
                                 "(change −SEK\u00a0423.0m) and 1 decreasing.")
    table = spec.table.frame.set_index("Grant")
    row = table.loc["Agreement on mental health and suicide prevention"]
    # Not 0 kr in 2026: the regions' share of it is not known (an empty cell in the table and its files).
    assert row["Change"] == "not split by region" and row["2025 (SEK)"] == 422_974_501 and pd.isna(row["2026 (SEK)"])
    assert row["Change (SEK)"] == -422_974_501 and pd.isna(row["Change (%)"])


def test_over_time_summary_says_how_much_of_a_year_is_only_announced(ds):
    assert over_time.present(ctx(ds)).summary.startswith(
        "Riket: högst 2026 med 4\u00a0406,0\u00a0mnkr (varav aviserat 1\u00a0190,0\u00a0mnkr), "
        "lägst 2018 med 1\u00a0414,0")


def test_over_time_summary_for_a_region_skips_the_years_only_some_regions_have(ds):
    # 2023–2024 hold only Västra Götaland's county-joint money: not its lowest year.
    summary = over_time.present(ctx(ds, region_codes=("14",))).summary
    assert "högst 2026" in summary and "lägst 2025" in summary and "2023" not in summary


def test_over_time_summary_for_a_region_gives_each_year_s_share_split_by_region(ds):
    """Gotland's "lowest 2026" is the agreement's 2026 money, which the sources do not split by region: the
    summary called 2025 and 2026 years "without gaps in the sources"; it now says how much of each is split."""
    summary = over_time.present(ctx(ds, region_codes=("09",))).summary.replace(NBSP, " ")
    assert summary.startswith("Gotland: högst 2025 med 18,1 mnkr, lägst 2026 med 11,0 mnkr")
    # 2025: 1 777,0 of 3 830,5 mnkr (announced included, as in the series); 2026: 1 886,0 of 4 406,0 mnkr.
    assert "46,4 % av statens pengar i urvalet 2025 och 42,8 % 2026" in summary
    assert "utan luckor" not in summary
    # No complete year (2023-2024: only Västra Götaland's county-joint money): none is called complete.
    partial = over_time.present(ctx(ds, region_codes=("14",), years=(2023, 2024))).summary
    assert "men inget av åren har belopp för alla regioner" in partial and "där alla regioner har" not in partial


def test_one_year_has_no_highest_and_lowest_and_an_empty_year_no_share(ds):
    summary = over_time.present(ctx(ds, lang="en", years=(2026,), statuses=("decided",))).summary
    assert summary == f"Sweden: SEK{NBSP}3,216.0m in 2026."
    known = overview.headline(ctx(ds, lang="en", years=(2027,)))[2]
    assert known.notes == ("No amount in the selection for 2027.",)


def test_over_time_for_chosen_regions_counts_their_own_money_only(ds):
    spec = over_time.present(ctx(ds, region_codes=("14",)))
    per_year = spec.table.frame.groupby("År")["Belopp (kr)"].sum()
    assert per_year.loc[2023] == 81_364_628
    assert any("Västra Götaland" in n for n in spec.notes)


# ---------------------------------------------------------------- Fokusområden


def test_money_without_a_focus_area_is_never_a_focus_area(ds):
    view = focus.present(ctx(ds))
    areas = set(view.shares.table.frame["Fokusområde"])
    assert "Ej fördelat på fokusområde" not in areas
    assert any("delar källorna inte upp på fokusområden" in n for n in view.shares.notes)
    # Each share's label starts an en space after its bar's end (on a phone "59,2 %" touched the bar).
    (labels,) = [list(d.text) for d in view.shares.fig.data if d.type == "scatter"]
    assert labels and all(label.startswith("\u2002") and label.endswith("%") for label in labels)


# ---------------------------------------------------------------- Regionprofil


def test_profile_of_vastra_gotaland(ds):
    view = profile.present(ctx(ds), "14")
    total, per_capita, _ = view.metrics
    assert total.label == "Totalt 2026"
    assert per_capita.notes[1].startswith("Riket:")
    assert view.message is None
    assert len(view.all_rows) == len(ds.view[(ds.view["region_code"] == "14") & (ds.view["status"] != "announced")])


def test_profile_keys_name_the_population_behind_each_row(ds):
    """The estimated primary care row showed Socialstyrelsen's key (population of 2025-11-01), not the one the
    estimate uses (2024-11-01); the decided rows' keys had no date."""
    own = profile.present(ctx(ds, region_codes=("09",), years=(2025, 2026)), "09").own.frame
    keys = dict(zip(zip(own["År"], own["Belopp (kr)"], strict=True), own["Fördelningsnyckel"], strict=True))
    estimated = keys[(2026, 2_281_636)]
    assert estimated.startswith("Skattning, inte källans fördelning: Totalen 396 000 000 kr fördelad efter "
                                "regionernas andel av befolkningen 2024-11-01")
    assert "Socialstyrelsen använder 2025-11-01" in estimated
    assert keys[(2025, 2_857_807)] == "Andel av totalbefolkningen 1 november 2024 (SCB)"
    assert keys[(2026, 6_719_221)] == "Andel av befolkningen 18+ år i september 2025 (SCB)"
    assert keys[(2026, 772_278)] == "Andel av befolkningen 0–25 år i september 2025 (SCB)"


def test_profile_cards_say_what_the_region_s_figures_leave_out_and_how_close_the_ranks_are(ds):
    """Norrbotten: the total named the unsplit county-joint money but not the agreement's 548 mnkr to the regions
    (2026) or 1 490 mnkr of BUP and beds (2025); "2 av 21" in 2026 rests on 3,57 kr per inhabitant."""
    view = profile.present(ctx(ds, region_codes=("25",), years=(2025, 2026)), "25")
    cards = {m.label: m for m in view.metrics}
    notes_2026 = " ".join(cards["Totalt 2026"].notes).replace(NBSP, " ")
    assert "Till regionerna går dessutom 548,0 mnkr som källorna bara anger för hela landet" in notes_2026
    assert "1 490,0 mnkr" in " ".join(cards["Totalt 2025"].notes).replace(NBSP, " ")
    assert cards["Rang 2026"].value == "2 av 21"
    assert any(n.replace(NBSP, " ").startswith("Högst och lägst skiljer sig bara 3,57 kr per invånare 2026 (2,0 %)")
               for n in cards["Rang 2026"].notes)
    # 2025's joint county money sets the regions apart (Gotland 296,68 against Skåne 157,54 kr): no such note.
    assert not any("skiljer sig bara" in n for n in cards["Rang 2025"].notes)
    # Every region equal (primary care alone, split by population): the tie note says so, not "0,00 kr apart".
    equal = profile.present(ctx(ds, region_codes=("09",), grants=("primarvard",), years=(2025,)), "09")
    rank = {m.label: m for m in equal.metrics}["Rang 2025"]
    assert not any("skiljer sig bara" in n for n in rank.notes) and any("samma värde" in n for n in rank.notes)


def test_profile_of_a_year_without_regional_amounts_gives_the_national_money(ds):
    """2027 said only "no amounts per region", as if there were no money: 3 439 mnkr is announced."""
    message = profile.present(ctx(ds, region_codes=("25",), years=(2027,)), "25").message.replace(NBSP, " ")
    assert message.startswith("2027: källorna ger inga belopp per region för Norrbotten.")
    assert "För 2027 är 3 439,0 mnkr aviserat för hela landet, inget av det per region." in message
    assert message.endswith("Aviserade belopp visas på de andra sidorna med Belopp att visa under Fler filter.")
    shown = profile.present(ctx(ds, region_codes=("25",), years=(2027,),
                                statuses=("decided", "estimated", "announced")), "25").message
    assert "Fler filter" not in shown  # announced money is already chosen
    decided = profile.present(ctx(ds, region_codes=("25",), years=(2019,)), "25").message.replace(NBSP, " ")
    assert decided.endswith("För 2019 anger källorna 1 700,0 mnkr för hela landet, inget av det per region.")
    mixed = profile.present(ctx(ds, region_codes=("01",), years=(2019, 2027)), "01").message.replace(NBSP, " ")
    assert "För 2019, 2027 anger källorna 5 139,0 mnkr för hela landet (varav aviserat 3 439,0 mnkr)" in mixed


def test_profile_without_county_joint_rows_says_whether_they_exist_unsplit(ds):
    view = profile.present(ctx(ds, region_codes=("25",)), "25")
    assert view.joint.frame.empty
    assert view.no_joint.replace(NBSP, " ") == \
        "Länsgemensamma medel 2026 anger källorna bara för hela landet (493,0 mnkr), inte per län."
    # The years of that money: 2027 has none, so "2026", not "2026–2027".
    assert profile.present(ctx(ds, region_codes=("01",), years=(2026, 2027)), "01").no_joint.startswith(
        "Länsgemensamma medel 2026 anger")
    assert profile.present(ctx(ds, region_codes=("25",), grants=("primarvard",)), "25").no_joint == \
        "Inga länsgemensamma medel i urvalet."  # the grant chosen has none


def test_profile_chart_says_what_is_coming_after_its_last_year(ds):
    """The chart ends in 2026; 2027-2028 money exists, announced and only for the whole country."""
    chart = profile.present(ctx(ds, region_codes=("25",)), "25").chart
    assert chart.notes[-1].replace(NBSP, " ") == \
        "För 2027–2028 är 5 178,0 mnkr aviserat för hela landet, inget av det per region."
    # The region profiled, not the filter's: Gotland without a region filter has 2026 amounts after 2025.
    assert not any("inget av det per region" in n for n in profile.present(ctx(ds, years=(2025,)), "09").chart.notes
                   if n.startswith("För 2026"))


def test_profile_chart_has_a_bar_for_every_year_and_status(ds):
    # Västra Götaland 2023-2026: its own and county-wide kronor per inhabitant, 2026 split into decided and the
    # estimated primary-care share; the stacked bars add up to the year's figure in the table beside the chart.
    view = profile.present(ctx(ds, region_codes=("14",)), "14")
    bars = {trace.name: dict(zip(trace.x, trace.y, strict=True)) for trace in view.chart.fig.data
            if trace.type == "bar"}
    decided, estimated = bars["Västra Götaland – beslutat"], bars["Västra Götaland – skattat"]
    assert list(decided) == ["2023", "2024", "2025", "2026"] and list(estimated) == ["2026"]
    assert [round(v, 2) for v in decided.values()] == [45.89, 60.17, 155.91, 140.97]
    assert round(estimated["2026"], 2) == 37.40
    by_year = view.profile.by_year.set_index("year")["sek_per_capita"]
    assert decided["2026"] + estimated["2026"] == pytest.approx(by_year[2026])
    assert round(by_year[2026], 2) == 178.37
    assert decided["2023"] == pytest.approx(81_364_628 / 1_773_015)
    # Its table (and download) gives the rank and how many regions were ranked as numbers, for a spreadsheet.
    table = view.chart.table.frame.set_index("År")
    assert table["Rang"].tolist() == [1, 1, 20, 8]
    assert table["Regioner i rangordningen"].tolist() == [1, 1, 21, 21]
    assert str(table["Rang"].dtype) == "Int64"


def test_profile_says_county_joint_money_is_not_split_rather_than_zero(ds):
    total_2026 = profile.present(ctx(ds, region_codes=("12",)), "12").metrics[0]
    assert total_2026.value == "254,1\u00a0mnkr"
    assert total_2026.notes[1].startswith("Egna medel 254,1\u00a0mnkr. Länsgemensamma medel (493,0\u00a0mnkr för hela")
    # Its per-inhabitant figure divides the same money, and says so.
    per_capita_2026 = profile.present(ctx(ds, region_codes=("12",)), "12").metrics[1]
    assert per_capita_2026.notes[0] == "Regionens egna medel delat med folkmängden 1\u00a0428\u00a0503 (2024-11-01)."
    total_2025, per_capita_2025, _ = profile.present(ctx(ds, region_codes=("12",), years=(2025,)), "12").metrics
    assert total_2025.notes[1] == "Egna medel 173,2\u00a0mnkr, länsgemensamma 51,8\u00a0mnkr."
    assert per_capita_2025.notes[0].startswith("Regionens egna och länsgemensamma medel delat med folkmängden")
    own_2025 = profile.present(ctx(ds, region_codes=("12",), years=(2025,), levels=("region",)), "12").metrics[1]
    assert own_2025.notes[0].startswith("Regionens egna medel delat med folkmängden")


def test_profile_of_an_empty_year_says_why_once(ds):
    view = profile.present(ctx(ds, years=(2023,)), "01")
    assert view.message.startswith("2023: per region ger källorna bara Västra Götaland")
    assert not view.metrics


# ---------------------------------------------------------------- Data, Om, summary


def test_data_table_in_swedish_formats_numbers_the_swedish_way(ds):
    c = ctx(ds, years=(2025,), region_codes=("14",))
    table, _ = data_table.present(c)
    shown = formatted(table, c.labels)
    cell = shown.loc[table.frame["Belopp (kr)"] == 33_493_748, "Belopp (kr)"].iloc[0]
    assert cell == f"33{NBSP}493{NBSP}748{NBSP}kr"
    assert table.frame["Belopp (kr)"].dtype == "int64"   # numbers stay numbers: the table sorts


def test_data_table_in_english_names_things_in_english(ds):
    c = ctx(ds, lang="en", years=(2026,))
    table, _ = data_table.present(c)
    assert "Specialised adult psychiatric care" in set(table.frame["Grant"])
    assert "Specialiserad psykiatrisk vård för vuxna" not in set(table.frame["Grant"])


def test_data_table_shows_at_most_max_grid_rows_and_keeps_every_row_for_download(ds, monkeypatch):
    # Real data has 283 rows; at 100x (28 300) the Styler made the page take 2 s per run (bench/results.json).
    monkeypatch.setattr(data_table, "MAX_GRID_ROWS", 5)
    c = ctx(ds, lang="en", years=(2023, 2024), statuses=("decided",))   # a view no other test memoises
    table, rows = data_table.present(c)
    assert len(rows) == 21 and len(table.frame) == 5   # 21 decided amounts in 2023-2024
    assert list(table.frame["Amount (SEK)"]) == [int(a) for a in rows["amount_sek"].head(5)]


def test_about_lists_sources_with_credit_and_contradictions_with_both_sources(ds):
    view = about.present(ctx(ds))
    # Shown as they are in both languages, so in the sources' own terms: no English prose in the Swedish page.
    assert view.credits == ("regeringen.se via g0vse (Civic Tech Sweden)",
                            "riksdagen.se: mot. 2024/25:3212, mot. 2025/26:3513, via partiguiden.nu")
    assert about.present(ctx(ds, lang="en")).credits == view.credits
    contradictions = view.contradictions.frame
    row = contradictions[contradictions["Annat belopp (kr)"] == 450_000_000].iloc[0]
    assert row["Valt belopp (kr)"] == 500_000_000 and "S2025/01235" in row["Valt ur"]
    assert any(line.startswith("2026:") for line in view.coverage)
    assert view.changes[0][0] == "2026-12-01"  # the newest release first (data/raw/changes.csv)


def test_about_s_coverage_counts_one_grant_in_the_singular(ds):
    lines = about.present(ctx(ds, lang="en")).coverage
    assert any(line.startswith("2018: ") and "; 1 grant; " in line for line in lines)


def test_about_lists_every_amount_left_out_with_its_reason_and_the_money_it_repeats(ds):
    view = about.present(ctx(ds))
    assert view.not_counted_counts == {"same-money": 39, "approximate": 6, "wider-total": 14, "outside-scope": 68,
                                       "no-amount": 2}
    frame = view.not_counted.frame.set_index(["Sida", "Belopp som tryckt"])
    student = frame.loc[("2025-11-12_pm-studenters-psykiska-halsa.md", "fem miljoner")]
    assert student["Skäl"] == "utanför avgränsningen" and student["I datan"] == "–"
    repeat = frame.loc[("2025-12-29_pm-utbetalning-ok-psykisk-halsa-2026.md", "548 miljoner")]
    assert repeat["Skäl"] == "samma pengar från en annan sida"
    assert repeat["I datan"].endswith(" 2026: 548\u00a0000\u00a0000\u00a0kr"), repeat["I datan"]
    english = about.present(ctx(ds, lang="en")).not_counted.frame
    assert "Student health services at universities" in " ".join(english["Explanation"])


def test_the_reconciliation_table_speaks_the_reader_s_language(ds):
    """In English the tolerated differences were explained in Swedish, and the source's "Riket" row stood
    unexplained among English words."""
    sv = about.present(ctx(ds)).tolerated.frame
    en = about.present(ctx(ds, lang="en")).tolerated.frame
    assert len(sv) == len(en) == 20
    assert sv["Förklaring"].iloc[0].startswith("Radsumman i källan är avrundad separat")
    assert en["Explanation"].iloc[0].startswith("The source's row total is rounded separately from its parts")
    assert not any("källan" in e for e in en["Explanation"])
    assert "Riket (Sweden)" in set(en["Row"]) and "Riket" in set(sv["Rad"])


def test_filter_summary_says_what_is_shown(ds):
    text = summary.filter_summary(ctx(ds))
    assert text == ("Visar: 2026; tidsserier alla år (standard) · hela landet · beslutat och skattat; tidsserier "
                    "även aviserat (standard) · alla statsbidrag")
    text = summary.filter_summary(ctx(ds, lang="en", years=(2025,), region_codes=("14",), statuses=("decided",)))
    assert text == "Showing: 2025 · Västra Götaland · decided · all grants"


def test_filter_summary_of_a_series_only_page_says_all_years(ds):
    # Över tid and Data show every year and status unless filtered; "2026" there would misdescribe them.
    text = summary.filter_summary(ctx(ds), series_only=True)
    assert text == ("Visar: alla år (standard) · hela landet · beslutat, skattat och aviserat (standard) · "
                    "alla statsbidrag")
    _, rows = data_table.present(ctx(ds))
    assert sorted(set(rows["year"])) == [2018, 2019, 2020, 2023, 2024, 2025, 2026, 2027, 2028]
    assert set(rows["status"]) == {"decided", "estimated", "announced"}


def test_regioner_answers_a_chosen_regions_question_first(ds):
    view = comparison.present(ctx(ds, region_codes=("12",)))
    (answer,) = view.answers
    assert answer.label == "Skåne, kr per invånare 2026" and answer.value == "177,91\u00a0kr/inv."
    assert answer.notes == ("Rang 15 av 21 (1 = flest kronor per invånare).",
                            "Riksgenomsnittet: 178,14\u00a0kr/inv.")
    assert comparison.present(ctx(ds)).answers == ()


def test_a_map_of_nearly_equal_values_says_why_it_is_one_colour(ds):
    notes = comparison.present(ctx(ds)).map.notes  # 2026: 176,60–180,17 kr/inv.
    assert any("bara 3,57\u00a0kr/inv. (2,0\u00a0%)" in n for n in notes)
    notes = comparison.present(ctx(ds, years=(2025,))).map.notes  # 2025: 154,00–296,68
    assert not any("nästan samma färg" in n for n in notes)


# ---------------------------------------------------------------- every chart's table


def every_chart(ds, lang: str, **filters) -> list[ChartSpec]:
    """Every chart of every page for one set of filters."""
    c = ctx(ds, lang=lang, **filters)
    views = [overview.present(c), comparison.present(c), over_time.present(c), focus.present(c),
             profile.present(c, "14")]
    specs = []
    for view in views:
        parts = [view] if isinstance(view, ChartSpec) else [getattr(view, f.name) for f in dataclasses.fields(view)]
        specs += [p for p in parts if isinstance(p, ChartSpec)]
    return specs


def _drawn_values(trace) -> list:
    """The values a bar, waterfall or line trace draws along its value axis: the one of x and y that is not a
    list of category names (a missing value counts as a number)."""
    for values in (trace.x, trace.y):
        values = [] if values is None else list(values)
        if values and not any(isinstance(v, str) for v in values):
            return values
    return []


@pytest.mark.parametrize("filters", [{}, {"years": (2025, 2026)}, {"region_codes": ("01",)},
                                     {"years": (2023, 2024, 2025, 2026), "region_codes": ("14", "25")}],
                         ids=["default", "2025-2026", "stockholm", "2023-2026-two-regions"])
def test_every_bar_and_line_of_every_chart_has_a_value(ds, filters):
    """A bar whose value is missing is silently left out by Plotly: a chart then looks as if the money were zero.
    Every point a chart draws has a finite value (Regionprofil once drew only the first of its years)."""
    import math

    specs = every_chart(ds, "sv", **filters)
    checked = 0
    for spec in specs:
        for trace in spec.fig.data:
            if trace.type not in ("bar", "waterfall", "scatter"):
                continue
            if all(v is None for axis in (trace.x, trace.y) if axis is not None for v in axis):
                continue  # a legend-only entry (style.add_legend_swatch, add_status_key): nothing drawn
            values = _drawn_values(trace)
            missing = [v for v in values if v is None or not math.isfinite(float(v))]
            assert not missing, (spec.key, trace.name, values)
            checked += len(values)
    assert checked > 20


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_share_column_says_per_cent_in_its_header(ds, lang):
    """The CSV downloads write a share column in per cent (exports.common.as_percent): its header says so."""
    specs = every_chart(ds, lang, years=(2025, 2026))
    assert {s.key for s in specs} >= {"trail", "changes", "map", "ranked", "over_time", "tree", "focus_shares",
                                      "focus_regions", "profile"}
    shares = [(s.key, col) for s in specs for col, kind in s.table.formats.items()
              if kind in ("percent", "signed_percent")]
    assert {key for key, _ in shares} == {"changes", "tree", "focus_shares", "focus_regions"}
    assert [col for _, col in shares if not col.endswith("(%)")] == []


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_chart_table_has_a_file_name_in_the_language(ds, lang):
    """A table download is named by words in the page's language (exports.table_part), never its internal key."""
    from funding.exports import table_part

    for spec in every_chart(ds, lang, years=(2025, 2026), region_codes=("14",)):
        part = table_part(spec.key, lang)
        assert re.fullmatch(r"[a-z0-9-]+", part), part
        assert part.startswith("tabell-" if lang == "sv" else "table-")
        assert "_" not in part


# ---------------------------------------------------------------- how much of the money a region comparison covers


def _plain(text: str) -> str:
    return text.replace(NBSP, " ")


def test_over_time_for_chosen_regions_judges_partial_years_over_every_region(ds):
    spec = over_time.present(ctx(ds, region_codes=("01", "14")))
    lines = [_plain(line) for line in spec.notes]
    # 2025 and 2026 are split for all 21 regions; only 2023-2024 are partial (Västra Götaland's county money).
    assert not any(line.startswith(("2025", "2026")) for line in lines)
    assert any(line.startswith("2023–2024: per region ger källorna bara Västra Götaland") for line in lines)
    assert "Per region: 3 851,0 mnkr av 22 739,0 mnkr av de valda pengarna (16,9 %)." in " ".join(lines)


def test_region_profile_rank_says_how_much_of_the_money_is_known_per_region(ds):
    view = profile.present(ctx(ds, years=(2025,)), "01")
    rank = next(m for m in view.metrics if m.label == "Rang 2025")
    assert rank.value == "21 av 21"
    assert _plain(rank.notes[-1]).startswith("Per region: 1 777,0 mnkr av 3 780,5 mnkr av de valda pengarna (47,0 %).")


def test_overview_for_a_chosen_region_says_how_much_of_the_money_is_known_per_region(ds):
    items = overview.headline(ctx(ds, region_codes=("01",)))
    per_capita = next(m for m in items if m.label == "Kronor per invånare 2026")
    assert _plain(per_capita.notes[-1]).startswith("Per region: 1 886,0 mnkr av 3 216,0 mnkr av de valda pengarna "
                                                   "(58,6 %).")


# ---------------------------------------------------------------- Fokusområden: nothing unsplit is "the largest"


@pytest.mark.parametrize("filters", [
    {"years": (2024,)},
    {"years": (2027,), "statuses": ("decided", "announced")},
    {"years": (2023, 2024, 2025, 2026, 2027, 2028), "statuses": ("decided", "estimated", "announced")},
    {"lang": "en", "years": (2023, 2024, 2025)},
], ids=["2024", "2027-announced", "2023-2028-all", "en-2023-2025"])
def test_focus_tree_never_calls_unsplit_money_the_largest_and_draws_every_box(ds, filters):
    view = focus.present(ctx(ds, **filters))
    unsplit = ds.streams.loc[ds.streams["stream_id"].str.endswith(("-ej-fordelat", "-ej-specificerat", "-aviserat"))]
    names = set(unsplit["name_sv"]) | set(unsplit["name_en"])
    assert not any(name in view.tree.summary for name in names), view.tree.summary
    ids = view.tree.fig.data[0].ids
    assert len(ids) == len(set(ids))   # a repeated id (a grant in two channels) made Plotly draw nothing


def test_focus_tree_names_the_largest_itemised_stream(ds):
    assert focus.present(ctx(ds, years=(2024,))).tree.summary == (
        f"Största delområdet är BUP-andel i överenskommelsen om ökad tillgänglighet med 142,0{NBSP}mnkr "
        f"(6,3{NBSP}% av urvalet).")


def test_focus_per_region_in_a_partial_year_compares_no_one(ds):
    summary = focus.present(ctx(ds, years=(2024,))).regions.summary
    assert summary == ("2024: per region ger källorna bara Västra Götaland; därför jämförs inte regionerna här. "
                       "Resten av pengarna finns bara för hela landet.")


def test_equal_values_share_the_first_place_in_every_card(ds):
    # grant=primarvard 2026: every region gets 37,40 kr per invånare (a population key); no card may say "1 av 21".
    c = ctx(ds, grants=("primarvard",), region_codes=("01",))
    rank = overview.headline(c)[-1]
    assert (rank.label, rank.value) == ("Rang 2026", "=1 av 21")
    assert "= delad plats: 21 regioner har samma värde på de visade decimalerna." in rank.notes
    (answer,) = comparison.present(c).answers
    assert answer.value == f"37,40{NBSP}kr/inv." and answer.notes[0] == "Rang =1 av 21 (1 = flest kronor per invånare)."
    profile_rank = profile.present(ctx(ds, grants=("primarvard",)), "21").metrics[-1]
    assert profile_rank.value == "=1 av 21"
    assert profile.present(ctx(ds), "21").metrics[-1].value == "9 av 21"   # no tie: no "="


def test_region_profile_in_partial_years_shows_no_rank_and_no_national_figure(ds):
    view = profile.present(ctx(ds, years=(2023, 2024)), "14")
    assert [(m.label, m.value) for m in view.metrics if m.label.startswith("Rang")] == [("Rang 2023", "–"),
                                                                                      ("Rang 2024", "–")]
    assert view.chart.summary == (f"2024 får Västra Götaland 60,17{NBSP}kr per invånare. Ett tal för riket finns inte "
                                  "det året: källorna fördelar bara en del av pengarna per region.")


def test_a_phone_s_trail_breaks_a_name_too_long_for_its_column(ds):
    """2027 with the announced money, at 390 px: "Samsjuklighetsreformen" (one word of 22 characters) ran into
    "Kommuner och regioner (ej uppdelat) 400" beside it. On a phone it is broken where Swedish may break a
    word; wider, and in the hover, it stays whole."""
    filters = {"years": (2027,), "statuses": ("decided", "announced")}
    narrow = overview.money_trail(ctx(ds, **filters), compact=True).fig.data[0]
    reform = next(label for label in narrow.node.label if label.startswith("Samsjuklig"))
    assert reform.split("<br>")[:2] == ["Samsjuklig-", "hetsreformen"]
    # Up to five characters over the 12 stay whole ("suicidutredningar…" fits beside its neighbour).
    assert max(len(line) for label in narrow.node.label for line in label.split("<br>")) == len("suicidutredningar…")
    assert "Samsjuklighetsreformen" in {row[0] for row in narrow.node.customdata}
    wide = overview.money_trail(ctx(ds, **filters)).fig.data[0]
    assert any(label.startswith("Samsjuklighetsreformen<br>") for label in wide.node.label)
    assert _into(_drawn(overview.money_trail(ctx(ds, **filters), compact=True)), "Samsjuklig- hetsreformen") \
        == pytest.approx(400)


@pytest.mark.parametrize(("word", "lines"), [
    ("Samsjuklighetsreformen", ["Samsjuklig-", "hetsreformen"]),
    ("Myndighetsgemensam", ["Myndighets-", "gemensam"]),        # was "Myndighet-", "sgemensam"
    ("Folkhälsomyndigheten", ["Folkhälso-", "myndigheten"]),    # was "Folkhäl-", "somyndigheten"
    ("Utvecklingsinsatser", ["Utvecklings-", "insatser"]),
    ("institutionsstyrelse", ["institutions-", "styrelse"]),
    ("BUP–vuxenpsykiatri", ["BUP–", "vuxenpsykiatri"]),          # at its own dash, no hyphen added
    ("suicidutredningar", ["suicidutredningar"]),                  # five over the width: whole
])
def test_a_phone_s_trail_breaks_a_long_word_where_swedish_does(word, lines):
    from components.figures.flows import _lines

    assert _lines(word, 12, 4).split("<br>") == lines


def test_a_phone_s_trail_breaks_the_agencies_joint_plan_at_its_joint(ds):
    """The reviewer's case: 2025, the agencies' joint plan alone, read "Myndighet-" / "sgemensam"."""
    spec = overview.money_trail(ctx(ds, years=(2025,), grants=("samsjuklighet-nationell-plan",)), compact=True)
    label = spec.fig.data[0].node.label[1]  # the grant, between the budget and the agencies
    assert label.split("<br>")[:2] == ["Myndighets-", "gemensam"]


def test_filter_summary_names_the_filters_under_more_filters(ds):
    # "· 1 fler filter" made the reader open the panel to see what narrows the view.
    text = summary.filter_summary(ctx(ds, streams=("pv-regioner",), levels=("region", "county", "agency")))
    assert text.endswith(" · mottagare: 3 valda · delområde: " + ctx(ds).labels.stream("pv-regioner"))
    text = summary.filter_summary(ctx(ds, lang="en", focus=("suicidprevention",)))
    assert text.endswith(" · focus area: " + ctx(ds, lang="en").labels.focus["suicidprevention"])


@pytest.mark.parametrize("year", [2023, 2024, 2025, 2026])
@pytest.mark.parametrize("compact", [False, True])
def test_every_money_trail_node_ends_with_its_kronor(ds, year, compact):
    """A long recipient's name cut with an ellipsis once took its amount with it ("Länsgemensamt (region och
    kommuner)…" at 820 px): the kronor are written on every node, whatever the name's length."""
    labels = overview.money_trail(ctx(ds, years=(year,)), compact=compact).fig.data[0].node.label
    assert labels and all(re.search(r"[0-9]$", label) for label in labels), labels
