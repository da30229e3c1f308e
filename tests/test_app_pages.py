"""Every page through Streamlit's AppTest: it runs, shows the curated figures, restores views from the URL,
writes the view back to the URL and switches language.

Expected figures are computed here from the raw allocations table and formatted with funding.fmt, so a
page that drew a different number (or the same number in another format) fails.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.blocks import TABLE_KEY_PREFIX
from components.navigation import PAGES, by_url_path
from funding import fmt, paths

APP = str(paths.ROOT / "app.py")
TIMEOUT = 120  # the first run in a process imports pandas, plotly and pyarrow


def open_page(url_path: str = "", **params: str | list[str]) -> AppTest:
    """What a browser gets for /url_path?params: the entry point reads the URL, then the page runs."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if url_path:
        at.switch_page(by_url_path(url_path).script).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def open_tables(at: AppTest) -> AppTest:
    """Open every chart's "Visa som tabell", as a reader clicking each one: the tables are drawn only then."""
    keys = [k for k in at.session_state.keys() if k.startswith(TABLE_KEY_PREFIX)]
    assert keys, "every chart has a table expander"
    for key in keys:
        at.session_state[key] = True
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def table(at: AppTest, alt: str) -> pd.DataFrame:
    """The table whose accessible name (alt) is `alt`: a chart's "Visa som tabell" carries the chart title."""
    if not any(d.proto.alt == alt for d in at.dataframe):
        open_tables(at)
    found = [d.value for d in at.dataframe if d.proto.alt == alt]
    assert len(found) == 1, [d.proto.alt for d in at.dataframe]
    return found[0]


def texts(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "header", "markdown", "caption", "info", "warning") for e in
             getattr(at, kind)]
    parts += [m.label + " " + str(m.value) for m in at.metric]
    # Text built from data is Markdown-escaped ("2025\\–2026\\:"); compare what the reader sees.
    return re.sub(r"\\(.)", r"\1", "\n".join(str(p) for p in parts))


def alloc_sum(ds, **conditions) -> int:
    a = ds.allocations
    mask = pd.Series(True, index=a.index)
    for col, value in conditions.items():
        mask &= a[col].isin(value) if isinstance(value, list | tuple) else (a[col] == value)
    return int(a.loc[mask, "amount_sek"].sum())


def population(ds, code: str) -> int:
    pop = ds.population
    return int(pop.loc[pop["region_code"] == code, "count"].iloc[0])


# ---------------------------------------------------------------- every page


@pytest.mark.parametrize("spec", PAGES, ids=[s.url_path or "oversikt" for s in PAGES])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_page_runs_in_both_languages(spec, lang):
    at = open_page(spec.url_path, lang=lang) if lang == "en" else open_page(spec.url_path)
    assert at.title, "every page has an h1"
    if spec.url_path:
        assert at.title[0].value == spec.title(lang)
    assert at.sidebar.radio(key="flt_lang").value == lang
    assert not at.warning
    # Swedish labels by default, English with lang=en.
    year_label = at.multiselect(key="flt_year").label
    assert year_label == {"sv": "År", "en": "Years"}[lang]
    # Every chart's table and downloads draw once opened, in both languages.
    charts = len(at.get("plotly_chart"))
    if charts:
        tables_before = len(at.dataframe)
        open_tables(at)
        assert len(at.dataframe) == tables_before + charts
        assert len(at.get("download_button")) >= charts


# ---------------------------------------------------------------- Översikt


def test_overview_headline_and_totals_match_the_data(ds):
    at = open_page()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Totalt 2025"] == fmt.compact_sek(2_060_000_000) == "2,06\u00a0mdkr"
    assert metrics["Totalt 2026"] == fmt.compact_sek(1_896_000_000)
    assert metrics["Statsbidrag med belopp"] == "3"
    assert metrics["Kronor per invånare 2025"] == "194,58\u00a0kr"
    captions = "\n".join(c.value for c in at.caption)
    assert fmt.sek(2_060_000_000) in captions and fmt.sek(1_896_000_000) in captions
    assert "över 1,3 miljarder kronor" in captions  # the 2026 total says it is incomplete, right under it
    assert "Varav 396\u00a0000\u00a0000\u00a0kr har en skattad fördelning per region; totalen är publicerad" \
        in captions

    totals = table(at, "Belopp per år, statsbidrag och kanal, mnkr, 2023–2028")
    rows = totals.set_index(["År", "Statsbidrag", "Status"])["Belopp (kr)"]
    agreement = "Överenskommelse om psykisk hälsa och suicidprevention"
    assert rows[("2025", agreement, "beslutat")] == fmt.sek(alloc_sum(ds, year=2025, grant_id="ok-psykisk-halsa"))
    assert rows[("2023", agreement, "beslutat")] == fmt.sek(81_364_628)
    primary = "Primärvårdens arbete med psykisk ohälsa"
    assert rows[("2026", primary, "skattat")] == fmt.sek(396_000_000)
    assert rows[("2027", primary, "aviserat")] == fmt.sek(400_000_000)
    assert len(totals) == 9


def test_overview_follows_the_filters(ds):
    at = open_page(year=["2026"], status="decided")
    totals = table(at, "Belopp per år, statsbidrag och kanal, mnkr, 2026")
    assert list(totals["Belopp (kr)"]) == [fmt.sek(1_500_000_000)]
    assert set(totals["Status"]) == {"beslutat"}
    # The headline covers the whole country and all grants whatever the filters say.
    assert {m.label: m.value for m in at.metric}["Totalt 2025"] == "2,06\u00a0mdkr"
    changes = table(at, "Förändring per region 2025–2026, mnkr").set_index("Region")
    first = alloc_sum(ds, year=2025, region_code="01", recipient_level=["region", "county"])
    second = alloc_sum(ds, year=2026, region_code="01", recipient_level=["region", "county"], status="decided")
    assert changes.loc["Stockholm", "2025"] == fmt.sek(first)
    assert changes.loc["Stockholm", "2026"] == fmt.sek(second)


def test_changes_carry_a_plus_or_a_real_minus_in_kronor_and_per_cent(ds):
    at = open_page()
    changes = table(at, "Förändring per region 2025–2026, mnkr").set_index("Region")

    def both_years(code):
        return [alloc_sum(ds, year=y, region_code=code, recipient_level=["region", "county"]) for y in (2025, 2026)]

    first, second = both_years("01")
    assert (first, second) == (380_648_149, 439_847_506)
    assert changes.loc["Stockholm", "Förändring"] == "+59\u00a0199\u00a0357\u00a0kr"
    assert changes.loc["Stockholm", "Förändring (%)"] == "+" + fmt.percent((second - first) / first) == "+15,6\u00a0%"
    first, second = both_years("09")
    assert changes.loc["Gotland", "Förändring"] == fmt.sek(second - first) == "\u22127\u00a0145\u00a0790\u00a0kr"
    assert changes.loc["Gotland", "Förändring (%)"] == fmt.percent((second - first) / first) == "\u221239,5\u00a0%"


# ---------------------------------------------------------------- Regioner


def test_regions_compare_the_complete_years_by_default(ds):
    at = open_page("regioner")
    ranked = table(at, "Regionerna i rangordning, kronor per invånare, 2025–2026").set_index("Region")
    for code, name in (("01", "Stockholm"), ("09", "Gotland"), ("25", "Norrbotten")):
        amount = alloc_sum(ds, year=[2025, 2026], region_code=code, recipient_level=["region", "county"])
        assert ranked.loc[name, "Belopp (kr)"] == fmt.sek(amount)
        assert ranked.loc[name, "Kr per invånare"] == fmt.sek_per_capita(round(amount / population(ds, code), 2))
    national = alloc_sum(ds, year=[2025, 2026], recipient_level=["region", "county"])
    assert ranked.loc["Riket", "Belopp (kr)"] == fmt.sek(national)
    assert ranked.loc["Riket", "Kr per invånare"] == fmt.sek_per_capita(national / 10_587_140)
    per_capita = {name: ranked.loc[name, "Kr per invånare"] for name in ranked.index}
    assert ranked.loc[ranked["Rang"] == "1"].index[0] == "Gotland", per_capita
    assert "2025–2026: de år då alla regioner har belopp" in texts(at)
    assert "okfse/sweden-geojson" in texts(at)  # the map carries its credit


def test_regions_with_the_key_denominator_say_which_streams_are_left_out(ds):
    at = open_page("regioner", year="2026", denom="key")
    assert at.radio(key="pg_denom").value == "key"
    ranked = table(at, "Regionerna i rangordning, kronor per invånare, 2026").set_index("Region")
    assert ranked.loc["Riket", "Belopp (kr)"] == fmt.sek(396_000_000)
    left_out = [i.value for i in at.info if "nyckelbefolkning inte finns i källorna" in i.value]
    assert left_out and "18 år och äldre" in left_out[0] and "0–25 år" in left_out[0]
    assert at.query_params["denom"] == "key"


def test_the_region_filter_marks_regions_on_the_regions_page_and_keeps_all_21(ds):
    at = open_page("regioner", region="14,09")
    ranked = table(at, "Regionerna i rangordning, kronor per invånare, 2025–2026").set_index("Region")
    assert len(ranked) == 22  # every region and the country: a rank needs them all
    vg = alloc_sum(ds, year=[2025, 2026], region_code="14", recipient_level=["region", "county"])
    assert vg == 276_433_140 + 316_258_392
    assert ranked.loc["Västra Götaland", "Belopp (kr)"] == fmt.sek(vg)
    assert ranked.loc["Västra Götaland", "Rang"] == "20"
    assert any("de valda (Gotland, Västra Götaland) är markerade" in i.value.replace("\\", "") for i in at.info)
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    ticks = charts[1]["layout"]["yaxis"]["categoryarray"]
    assert [t for t in ticks if t.startswith("<b>")] == ["<b>▶ 20. Västra Götaland</b>", "<b>▶ 1. Gotland</b>"]
    outline = [t for t in charts[0]["data"] if t["marker"]["line"]["color"] == "#000000"]
    assert len(outline) == 1 and outline[0]["marker"]["line"]["width"] == 3
    # Each trace carries only the outlines it draws: all 21 once for the values, the two chosen for the border.
    drawn = [sorted(ft["properties"]["l_id"] for ft in t["geojson"]["features"]) for t in charts[0]["data"]]
    assert drawn == [sorted(int(c) for c in ds.region_codes), [9, 14]]


def test_a_partial_year_map_draws_each_outline_once():
    at = open_page("regioner", year="2023")
    traces = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    ids = [ft["properties"]["l_id"] for t in traces for ft in t["geojson"]["features"]]
    assert len(ids) == len(set(ids)) == 21
    assert [ft["properties"]["l_id"] for ft in traces[1]["geojson"]["features"]] == [14]  # the one with figures


def test_regions_warn_when_a_year_has_only_some_regions():
    at = open_page("regioner", year=["2023", "2025"])
    assert any("För 2023 finns bara en del av regionerna" in i.value for i in at.info)


def test_a_year_with_only_some_regions_gets_no_national_average(ds):
    at = open_page("regioner", year="2023")
    ranked = table(at, "Regionerna i rangordning, kronor per invånare, 2023").set_index("Region")
    assert ranked.loc["Västra Götaland", "Kr per invånare"] == fmt.sek_per_capita(81_364_628 / population(ds, "14"))
    # Only Västra Götaland's money: divided by the whole country it would read as 7,69 kr per inhabitant.
    assert ranked.loc["Riket", "Belopp (kr)"] == fmt.sek(81_364_628)
    assert ranked.loc["Riket", "Kr per invånare"] == "–"
    body = texts(at)
    assert "Bara Västra Götaland har belopp i urvalet: 45,89\u00a0kr/inv.; inget riksgenomsnitt" in body
    assert "riksgenomsnittet är" not in body
    bars = json.loads(at.get("plotly_chart")[1].proto.spec)
    assert not bars["layout"].get("shapes") and not bars["layout"].get("annotations")


# ---------------------------------------------------------------- Över tid


def test_over_time_restores_regions_unit_and_language_from_the_url(ds):
    at = open_page("over-tid", region="14,01", unit="capita", lang="en", level="region,county")
    assert at.multiselect(key="flt_region").value == ["01", "14"]
    assert at.multiselect(key="flt_level").value == ["region", "county"]
    assert at.radio(key="pg_unit").value == "capita"
    assert at.sidebar.radio(key="flt_lang").value == "en"
    assert at.header[0].value == "Amounts per year, Stockholm, Västra Götaland, SEK per inhabitant, 2023–2026"
    data = table(at, at.header[0].value)
    vg_2024 = data.loc[(data["Region"] == "Västra Götaland") & (data["Year"] == "2024")]
    assert list(vg_2024["Amount (SEK)"]) == [fmt.sek(106_679_944, "en")]
    assert list(vg_2024["SEK per inhabitant"]) == [fmt.sek_per_capita(106_679_944 / population(ds, "14"), "en")]
    # The address now holds the normalised view, repeated keys in canonical order.
    assert at.query_params == {"region": ["01", "14"], "level": ["region", "county"], "lang": "en",
                               "unit": "capita"}


def test_over_time_for_the_whole_country_includes_announced_years():
    at = open_page("over-tid")
    data = table(at, "Belopp per år, Riket, mnkr, 2023–2028").set_index(["År", "Status"])
    assert data.loc[("2027", "aviserat"), "Belopp (kr)"] == fmt.sek(1_900_000_000)
    assert data.loc[("2026", "skattat"), "Belopp (kr)"] == fmt.sek(396_000_000)


def test_over_time_says_which_years_the_sources_cover_only_in_part():
    at = open_page("over-tid")
    body = texts(at)
    # 2023's 81,4 mnkr is Västra Götaland's county-joint money alone: not the country's lowest year.
    assert "Riket: högst 2025 med 2\u00a0060,0\u00a0mnkr, lägst 2028 med 1\u00a0200,0\u00a0mnkr." in body
    assert "2023–2024: källorna ger bara en del av regionerna" in body
    missing = [c.value for c in at.caption if c.value.startswith("Ingår inte")]
    assert len(missing) == 1
    for grant in ("Fler vårdplatser och självvald inläggning i vuxenpsykiatrin 2025",
                  "Överenskommelse om psykisk hälsa och suicidprevention 2026 (”över 1,3 miljarder kronor”)"):
        assert grant in missing[0].replace("\\", "")
    # Only the grants the filters let in: the primary-care grant has exact figures in every year.
    at = open_page("over-tid", grant="primarvard")
    assert not any(c.value.startswith("Ingår inte") for c in at.caption)
    assert "källorna ger bara en del av regionerna" not in texts(at)


def test_over_time_title_names_how_many_regions_when_they_are_many(ds):
    at = open_page("over-tid", region="01,03,04,05,06", unit="capita")
    assert at.header[0].value == "Belopp per år, 5 regioner, kr per invånare, 2025–2026"
    data = table(at, at.header[0].value)
    assert set(data["Region"]) == {"Stockholm", "Uppsala", "Södermanland", "Östergötland", "Jönköping"}
    amount = alloc_sum(ds, year=2025, region_code="01", recipient_level=["region", "county"])
    assert f"Stockholm: högst 2026 med 177,95\u00a0kr/inv., lägst 2025 med " \
           f"{fmt.number(amount / population(ds, '01'), 2)}\u00a0kr/inv" in texts(at)


def test_overview_totals_name_the_grants_without_exact_amounts_in_both_years():
    at = open_page()
    captions = [c.value.replace("\\", "") for c in at.caption]
    first = captions.index(fmt.sek(2_060_000_000))
    assert captions[first + 1].startswith("Ofullständigt: Fler vårdplatser och självvald inläggning i "
                                          "vuxenpsykiatrin saknar exakt belopp för 2025")
    assert captions[first + 2].startswith("Ofullständigt: Flexibla övergångar")
    assert "Jämför bara de exakta beloppen; för 2025–2026 nämner källorna också statsbidrag" in "\n".join(captions)


# ---------------------------------------------------------------- Fokusområden, Regionprofil, Data, Om


def test_focus_areas_split_the_filtered_money(ds):
    at = open_page("fokusomraden", year="2025")
    shares = table(at, "Andel per fokusområde, procent, 2025").set_index("Fokusområde")
    assert shares.loc["Primärvård vid psykisk ohälsa", "Belopp (kr)"] == fmt.sek(496_000_000)
    assert shares.loc["Primärvård vid psykisk ohälsa", "Andel"] == fmt.percent(496 / 2060)
    tree = table(at, "Fördelning på kanal, statsbidrag och delområde, mnkr, 2025")
    streams_2025 = ds.allocations.loc[ds.allocations["year"] == 2025, "stream_id"].nunique()
    assert len(tree) == streams_2025 == 9
    assert fmt.sek(500_000_000) in set(tree["Belopp (kr)"])  # complex needs (regions), as published


def test_focus_shares_leave_out_announced_money_without_a_focus_area(ds):
    at = open_page("fokusomraden")  # default filters: every year, so 2027-2028 announced totals are in the view
    shares = table(at, "Andel per fokusområde, procent, 2023–2026")
    assert "Ej fördelat på fokusområde" not in set(shares["Fokusområde"])
    amounts = shares["Belopp (kr)"].str.replace("\u00a0", "").str.removesuffix("kr").astype(int)
    percents = shares["Andel"].str.removesuffix("\u00a0%").str.replace(",", ".").astype(float)
    assert percents.sum() == pytest.approx(100, abs=0.05 * len(shares))  # each share is rounded to 0,1
    view = ds.view  # the default filters select every row
    unallocated = view["focus_area"] == "ej-fordelat"
    allocated = int(view.loc[~unallocated, "amount_sek"].sum())
    assert amounts.sum() == allocated
    assert percents.max() == float(fmt.percent(1_140_000_000 / allocated).split("\u00a0")[0].replace(",", "."))
    excluded = int(view.loc[unallocated, "amount_sek"].sum())
    assert excluded == 3_100_000_000
    note = "Aviserade belopp som inte är fördelade på fokusområden ingår inte i andelarna: " + fmt.msek(excluded)
    assert note in texts(at)


def test_english_data_and_about_tables_carry_no_swedish_labels(ds):
    data = table(open_page("data", lang="en"), "Table of the filtered amounts")
    recipients = set(data["Recipient"])
    assert not any("länsgemensamt" in r or r in ("Kommunerna", "Regionerna (ej fördelat)") for r in recipients)
    assert {"Stockholm county (county-joint)", "The municipalities", "The regions (not broken down)",
            "Region Stockholm", "SKR"} <= recipients  # organisation names stay as the sources write them
    methods = set(data["Estimation method"]) - {""}
    assert methods and all(m.startswith("(in Swedish) Skattning: 396 000 000 kr") for m in methods)
    about = open_page("om", lang="en")
    basis = set(table(about, "Key audit")["Key basis"])
    assert "fixed amount per county + the rest by population 2024-11-01" in basis
    assert not any("befolkning" in b or "implicit" in b for b in basis)
    assert "(Government decision with annex)" in texts(about) and "(Regeringsbeslut" not in texts(about)


def test_region_profile_shows_own_and_county_joint_money_apart(ds):
    at = open_page("regionprofil", region="14")
    assert at.header[0].value == "Västra Götaland: statsbidrag för psykisk hälsa"
    joint = table(at, "Länsgemensamma medel (till region och kommuner i länet tillsammans)")
    assert set(joint["År"]) == {"2023", "2024", "2025"}
    amounts = joint["Belopp (kr)"].str.replace("\u00a0", "").str.removesuffix("kr").astype(int)
    assert amounts.sum() == alloc_sum(ds, region_code="14", recipient_level="county")
    own = table(at, "Regionens egna statsbidrag och delområden")
    estimated = own.loc[own["Status"] == "skattat"]
    assert list(estimated["År"]) == ["2026"]
    assert list(estimated["Belopp (kr)"]) == [fmt.sek(alloc_sum(ds, region_code="14", status="estimated"))]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Totalt 2026"] == fmt.msek(alloc_sum(ds, year=2026, region_code="14",
                                                     recipient_level=["region", "county"]))
    assert metrics["Rang 2026"].endswith("av 21")


def test_region_profile_figures_and_the_estimate_under_the_2026_total(ds):
    at = open_page("regionprofil", region="14")
    metrics = {m.label: m.value for m in at.metric}
    # 2025: primary care 83 064 495 + agreement 48 230 997 + 83 734 370 + county-joint 61 403 278.
    total_2025 = 83_064_495 + 48_230_997 + 83_734_370 + 61_403_278
    assert total_2025 == alloc_sum(ds, year=2025, region_code="14") == 276_433_140
    assert metrics["Totalt 2025"] == fmt.msek(total_2025) == "276,4\u00a0mnkr"
    assert metrics["Kr per invånare 2025"] == "155,91\u00a0kr"
    assert metrics["Rang 2025"] == "20 av 21"
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert "Riket: 167,85\u00a0kr" in captions  # 1 777 000 000 kr regional money / 10 587 140
    # 2026 holds the estimated primary-care split: both the total and the per-capita figure say so.
    estimated = alloc_sum(ds, year=2026, region_code="14", status="estimated")
    assert estimated == 66_317_621
    note = f"Varav {fmt.sek(estimated)} (37,40\u00a0kr per invånare) är skattat."
    assert captions.count(note) == 2
    assert not any("skattat" in c for c in captions[:captions.index(fmt.sek(total_2025)) + 3])
    # The chart's own table (drawn once "Visa som tabell" is opened) holds the same figures per year.
    per_year = table(at, "Kronor per invånare per år, Västra Götaland och riket, 2023–2026").set_index("År")
    assert per_year.loc["2025", "Belopp (kr)"] == fmt.sek(total_2025)
    assert per_year.loc["2025", "Kr per invånare"] == "155,91 kr/inv."
    assert per_year.loc["2025", "Rang"] == "20 av 21"
    assert per_year.loc["2026", "Belopp (kr)"] == fmt.sek(alloc_sum(ds, year=2026, region_code="14"))
    assert len(at.get("download_button")) == 3  # own streams, county-joint, and now the chart's rows


def test_choosing_a_region_on_the_profile_updates_the_filter_and_the_url():
    at = open_page("regionprofil")
    assert any("Välj en region" in i.value for i in at.info)
    at.selectbox(key="pg_region").select("09").run()
    assert at.multiselect(key="flt_region").value == ["09"]
    assert at.header[0].value == "Gotland: statsbidrag för psykisk hälsa"
    assert at.query_params["region"] == "09"


def test_data_page_lists_exactly_the_filtered_rows(ds):
    at = open_page("data", year="2026", region="01")
    shown = at.dataframe[0].value
    expected = ds.allocations.loc[(ds.allocations["year"] == 2026) & (ds.allocations["region_code"] == "01")]
    assert len(shown) == len(expected) == 4
    assert int(shown["Belopp (kr)"].sum()) == int(expected["amount_sek"].sum())
    assert "4 rader" in texts(at)


def test_about_page_lists_sources_checks_and_grants_without_figures(ds):
    at = open_page("om")
    body = texts(at)
    for source in ds.sources.itertuples():
        assert source.title in body and source.publisher in body and source.date in body
    assert "diarienummer S2025/01528; S2025/02071; S2026/00095" in body
    no_figures = table(at, "Statsbidrag utan exakta belopp")
    assert "över 1,3 miljarder kronor" in set(no_figures["Belopp enligt källan"])
    assert "97 kontroller, 78 exakta, 19" in body
    assert "WCAG 2.1 nivå AA" in body
    assert "okfse/sweden-geojson" in body
    assert fmt.sek(396_000_000) in body  # which figures are estimates, and of what total


# ---------------------------------------------------------------- URL, widgets and language


def test_bad_url_values_warn_by_name_and_fall_back():
    # The warnings belong to the run that read the address (in a browser: the linked page itself).
    at = open_page(region="99", year="<script>alert(1)</script>", lang="en")
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 2
    assert any("“region”" in w and "all regions" in w for w in warnings)
    assert any("“year”" in w for w in warnings)
    assert "<script" not in texts(at)
    assert at.multiselect(key="flt_region").value == []
    assert at.query_params == {"lang": "en"}  # the bad values are dropped from the address


def test_changing_a_filter_writes_the_url_and_survives_a_language_switch():
    at = open_page()
    at.multiselect(key="flt_level").set_value(["county"]).run()
    at.multiselect(key="flt_year").set_value([2025]).run()
    assert at.query_params == {"level": "county", "year": "2025"}
    at.sidebar.radio(key="flt_lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "State grants for mental health 2023–2028"
    assert at.multiselect(key="flt_level").value == ["county"]
    assert at.multiselect(key="flt_year").value == [2025]
    assert at.query_params == {"level": "county", "year": "2025", "lang": "en"}
    totals = table(at, "Amounts per year, grant and channel, SEK m, 2025")
    assert list(totals["Amount (SEK)"]) == [fmt.sek(493_000_000, "en")]  # county-joint funds 2025


def test_page_settings_stay_in_the_url_of_their_own_page():
    at = open_page("over-tid")
    at.radio(key="pg_unit").set_value("capita").run()
    assert at.query_params == {"unit": "capita"}
    at.switch_page(by_url_path("data").script).run()
    assert at.query_params == {}
    at.switch_page(by_url_path("over-tid").script).run()
    assert at.radio(key="pg_unit").value == "capita"
    assert at.query_params == {"unit": "capita"}


def test_reset_returns_to_the_defaults():
    at = open_page(year="2025", region="01", status="decided")
    at.button(key="flt_reset").click().run()
    assert at.multiselect(key="flt_year").value == []
    assert at.checkbox(key="flt_estimated").value is True
    assert at.query_params == {}


def test_missing_data_gives_an_error_page_with_the_rebuild_command(tmp_path, monkeypatch):
    monkeypatch.setenv("FUNDING_CURATED_DIR", str(tmp_path / "nowhere"))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.title[0].value == "Datan kan inte visas just nu"
    assert "manifest.json" in at.text[0].value
    assert at.code[0].value == "make data"
