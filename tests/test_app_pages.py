"""Every page through Streamlit's AppTest: it runs, shows the curated figures, restores views from the URL,
writes the view back to the URL and switches language.

Expected figures are computed here from the raw allocations table and formatted with funding.fmt, so a
page that drew a different number (or the same number in another format) fails.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from components.blocks import TABLE_KEY_PREFIX
from components.navigation import PAGES, by_url_path
from funding import fmt, paths
from funding.text import t

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


def param(at: AppTest, key: str) -> list[str]:
    value = at.query_params[key]
    return list(value) if isinstance(value, list | tuple) else [value]


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


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.url_path or "oversikt")
def test_every_page_runs_in_both_languages_with_its_tables(spec, lang):
    params = {"lang": lang} if lang == "en" else {}
    if spec.url_path == "regionprofil":
        params["region"] = "14"
    at = open_page(spec.url_path, **params)
    assert at.title[0].value == (spec.title(lang) if spec.url_path else t("app_title", lang))
    if any(k.startswith(TABLE_KEY_PREFIX) for k in at.session_state.keys()):
        open_tables(at)
        assert at.dataframe, "every chart shows its table once opened"


def test_every_chart_states_unit_year_and_source(ds):
    at = open_tables(open_page("regioner"))
    headers = [h.value for h in at.header]
    assert "Kronor per invånare per region, 2026" in headers
    assert any(line.startswith("Källa:") and "S2025/01528" in line for line in texts(at).splitlines())


# ---------------------------------------------------------------- first glance (issue 13)


def test_overview_answers_how_much_in_2026_on_the_first_screen(ds):
    at = open_page()
    values = [m.value for m in at.metric]
    expected = ds.view.loc[(ds.view["year"] == 2026) & ds.view["status"].isin(["decided", "estimated"]),
                           "amount_sek"].sum()
    assert expected == 3_216_000_000
    assert values[0] == fmt.compact_sek(expected) == "3,22\u00a0mdkr"
    assert fmt.sek(expected) in texts(at)
    assert [m.label for m in at.metric] == ["Totalt 2026", "Kronor per invånare 2026", "Känt per region 2026"]


def test_regions_answers_my_region_per_inhabitant_against_the_country(ds):
    at = open_page("", region="14")
    labels = [m.label for m in at.metric]
    assert labels == ["Totalt 2026", "Kronor per invånare 2026", "Rang 2026"]
    regional = ds.view[(ds.view["year"] == 2026) & (ds.view["region_code"] == "14")
                       & ds.view["status"].isin(["decided", "estimated"])]["amount_sek"].sum()
    assert at.metric[1].value == fmt.number(regional / population(ds, "14"), 2) + "\u00a0kr"
    assert "Riket: 178,14" in texts(at)


def test_the_filter_panel_shows_year_and_region_and_keeps_the_rest_closed():
    at = open_page()
    labels = [m.label for m in at.sidebar.multiselect]
    assert labels == ["År", "Regioner"]
    assert [e.label for e in at.sidebar.expander] == ["Fler filter"]


def test_about_the_data_has_no_filters_and_keeps_the_choices_for_the_other_pages():
    """Om datan is the same whatever the filters: its panel holds the language and says so, and the year and
    region chosen before are still in the address and in the boxes on the next page."""
    from components.sidebar import MORE_OPEN

    at = open_page("om", year="2025", region="14")
    assert [r.label for r in at.sidebar.radio] == ["Språk / Language"]
    assert not at.sidebar.multiselect and not at.sidebar.expander and not at.sidebar.button
    assert [c.value for c in at.sidebar.caption] == [t("filters_not_here", "sv")]
    assert {k: param(at, k) for k in at.query_params} == {"year": ["2025"], "region": ["14"]}
    # "Fler filter" was open on the page before: it comes back open.
    at.session_state[MORE_OPEN] = ("Fler filter", False, True)
    at.run()
    at.switch_page(by_url_path("regioner").script).run()
    boxes = [(m.label, m.value) for m in at.sidebar.multiselect]
    assert boxes[:2] == [("År", [2025]), ("Regioner", ["14"])]
    assert [(e.label, e.proto.expanded) for e in at.sidebar.expander] == [("Fler filter", True)]
    assert ("Statsbidrag", []) in boxes[2:]  # drawn only while it is open
    assert {k: param(at, k) for k in at.query_params} == {"year": ["2025"], "region": ["14"]}


def test_every_page_but_about_the_data_has_the_filters():
    assert [spec.url_path for spec in PAGES if not spec.filtered] == ["om"]
    at = open_page("om", lang="en")
    assert [c.value for c in at.sidebar.caption] == [t("filters_not_here", "en")]


def test_more_filters_from_the_url_change_the_headline_and_the_summary():
    # Sidebar clicks are tested in the browser (tests/browser): AppTest drops an st.navigation app's sidebar
    # widgets after the first run. The same view from the URL is tested here.
    at = open_page("", grant="ok-psykisk-halsa")
    assert at.metric[0].value == "1,32\u00a0mdkr"
    assert "Överenskommelse om psykisk hälsa och suicidprevention" in texts(at)


def test_clear_filters_returns_to_the_defaults_and_keeps_the_language():
    at = open_page("", year="2025", region="01", lang="en")
    assert at.metric[0].label.startswith("Total 2025")
    at.button(key="summary_reset").click().run()
    assert at.metric[0].label == "Total 2026"
    assert {k: param(at, k) for k in at.query_params} == {"lang": ["en"]}


def test_old_links_keep_working(ds):
    """Addresses made before the panel changed: every parameter still means what it meant."""
    at = open_page("regioner", year=["2025", "2026"], region="14", status="decided,estimated", denom="total")
    assert param(at, "year") == ["2025", "2026"]
    assert "Flera år är valda (2025–2026)" in texts(at)
    at = open_page("over-tid", unit="capita", level="region")
    assert not at.warning


def test_the_money_trail_and_the_change_chart_are_on_the_overview():
    at = open_tables(open_page())
    alts = [d.proto.alt for d in at.dataframe]
    assert "Pengarnas väg 2026: från budget till mottagare, mnkr" in alts
    assert "Vad förändrades 2025–2026, per statsbidrag, mnkr" in alts


def test_the_change_chart_compares_with_a_chosen_year():
    at = open_page()
    box = at.selectbox(key="fw_base")
    box.select("2023").run()
    assert param(at, "base") == ["2023"]
    assert "Vad förändrades 2023–2026, per statsbidrag, mnkr" in [h.value for h in at.header]


@pytest.mark.parametrize(("lang", "title"), [("sv", "Vad förändrades 2025–2026, per statsbidrag, mnkr"),
                                             ("en", "What changed 2025–2026, per grant, SEK\u00a0m")])
def test_a_new_grants_change_in_per_cent_shows_a_dash_not_none(lang, title):
    """A grant new in 2026 has no change in per cent of nothing: the grid drew its missing value as "None"
    (st.dataframe ignores the Styler's na_rep for a missing cell), so the table names its own placeholder."""
    at = open_tables(open_page(year="2025,2026", lang=lang))
    [grid] = [d for d in at.dataframe if d.proto.alt == title]
    frame = grid.value
    pct = "Förändring (%)" if lang == "sv" else "Change (%)"
    assert pd.isna(frame[pct].iloc[0]) and frame.iloc[0, 1] == ("nytt" if lang == "sv" else "new")
    assert grid.proto.placeholder == "–"


# ---------------------------------------------------------------- URL and language


def test_a_view_from_the_url_is_restored_and_written_back():
    at = open_page("regioner", year="2025", region="12", denom="key")
    assert param(at, "year") == ["2025"] and param(at, "region") == ["12"] and param(at, "denom") == ["key"]
    assert "Kronor per invånare per region, 2025" in [h.value for h in at.header]


def test_switching_to_english_translates_the_page_and_keeps_the_view():
    at = open_page("", year="2025")
    at.radio(key="fw_lang").set_value("en").run()
    assert at.title[0].value == "State grants for mental health"
    assert at.metric[0].label == "Total 2025"
    assert param(at, "lang") == ["en"] and param(at, "year") == ["2025"]


def test_a_hostile_parameter_warns_and_falls_back():
    at = open_page("", region="<script>alert(1)</script>")
    assert [w.value for w in at.warning] == ["Parametern ”region” i adressen har fel format. Visar i stället hela "
                                             "landet."]
    assert "script" not in texts(at)


def test_a_year_with_only_worded_amounts_says_so_and_shows_the_default_year():
    at = open_page("", year="2021")
    assert [w.value for w in at.warning] == [
        "Parametern ”year” i adressen anger ett år utan belopp i datan. Visar i stället standardåret. Om datan "
        "säger vilka år källorna bara beskriver i ord."]
    assert at.metric[0].label == "Totalt 2026"


@pytest.mark.parametrize("year", ["2025,abc", "2025,2030"])
def test_a_bad_year_on_the_data_page_says_it_shows_every_year(year):
    """/data?year=2025,abc said "Showing the default year instead" and showed all 18 years' rows: the default
    of a page of time series is every year."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(year=year, lang="en")
    at.switch_page(by_url_path("data").script).run()  # the first run on /data, as a browser opening the link
    assert not at.exception
    assert len(at.warning) == 1 and "Showing every year instead." in at.warning[0].value


# ---------------------------------------------------------------- Regionprofil


def test_region_profile_figures(ds):
    at = open_page("regionprofil", region="01")
    assert at.header[0].value == "Stockholm: statsbidrag för psykisk hälsa"
    total, _, rank = at.metric
    regional = ds.view[(ds.view["year"] == 2026) & (ds.view["region_code"] == "01")
                       & ds.view["status"].isin(["decided", "estimated"])]["amount_sek"].sum()
    assert total.value == fmt.msek(regional) and rank.value == "13 av 21"
    assert any(b.proto.label.startswith("Ladda ned regionens alla rader (Excel") for b in at.get("download_button"))


def test_region_profile_for_a_year_without_the_region_explains_once():
    at = open_page("regionprofil", region="01", year="2023")
    infos = [i.value for i in at.info]
    assert len(infos) == 1 and infos[0].replace("\\", "").startswith("2023: per region ger källorna bara")
    assert "Inga belopp matchar filtren" not in texts(at)


def test_choosing_a_region_on_the_profile_updates_the_url():
    at = open_page("regionprofil")
    at.selectbox(key="fw_profile_region").select("12").run()
    assert param(at, "region") == ["12"]
    assert at.header[0].value == "Skåne: statsbidrag för psykisk hälsa"


# ---------------------------------------------------------------- Data and Om


def test_data_page_shows_every_row_by_default(ds):
    at = open_page("data")
    assert at.dataframe[0].value.shape[0] == len(ds.view)


def test_about_page_credits_the_sources_and_shows_the_contradictions():
    at = open_page("om")
    text = texts(at)
    assert "regeringen.se via g0vse (Civic Tech Sweden)" in text
    assert "Där källorna säger olika" in [h.value for h in at.header]
    alts = [d.proto.alt for d in at.dataframe]
    assert "Där källorna säger olika" in alts and "Budgetramar" in alts


# ---------------------------------------------------------------- Elements kept for every session


@pytest.mark.parametrize(("url_path", "params", "charts"), [("", {}, True), ("regionprofil", {"region": "14"}, True),
                                                             ("om", {}, False), ("data", {"lang": "en"}, False)])
def test_a_later_session_gets_exactly_the_charts_and_tables_the_first_one_drew(url_path, params, charts):
    """Charts and tables drawn from the per-view memo are kept and replayed to later sessions
    (components/blocks.py): what they receive must be what a fresh drawing sends, element for element."""
    from components import blocks

    blocks._chart_element.clear()
    blocks._table_element.clear()

    def elements() -> list[bytes]:
        at = open_page(url_path, **params)
        if charts:
            open_tables(at)
        return [e.proto.SerializeToString() for kind in ("plotly_chart", "dataframe") for e in at.get(kind)]

    drawn = elements()
    assert drawn and elements() == drawn


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_selectbox_falls_back_to_streamlits_english_placeholder(lang):
    # Shown while a box is emptied with Backspace; Streamlit's own is "Choose an option" in every language.
    at = open_tables(open_page("", **({"lang": "en"} if lang == "en" else {})))
    boxes = [(box.label, box.proto.placeholder) for box in at.selectbox]
    assert (t("ov_base", lang), t("ov_base_placeholder", lang)) in boxes
    formats = [placeholder for label, placeholder in boxes if label == t("dl_format", lang)]
    assert len(formats) >= 2 and set(formats) == {t("dl_format_placeholder", lang)}
    assert "Choose an option" not in {placeholder for _, placeholder in boxes}


def test_download_names_say_which_statuses_the_files_hold(monkeypatch):
    """The default (decided and estimated) and every status gave Regioner's files one name, holding 3 216 and
    4 406 mnkr; a name without a status part now holds every status (Över tid and Data count announced too)."""
    names = []
    original = st.download_button

    def spy(label, data, **kwargs):
        names.append(kwargs["file_name"].rsplit("_", 1)[0])  # without the day
        return original(label, data, **kwargs)

    monkeypatch.setattr(st, "download_button", spy)
    open_tables(open_page("regioner"))
    assert "statsbidrag-psykisk-halsa_tabell-karta_2026_alla-regioner_beslutat+skattat" in names
    names.clear()
    open_tables(open_page("regioner", status="all"))
    assert "statsbidrag-psykisk-halsa_tabell-karta_2026_alla-regioner" in names
    names.clear()
    open_tables(open_page("over-tid"))
    assert "statsbidrag-psykisk-halsa_tabell-over-tid_2018-2020+2023-2028_alla-regioner" in names
