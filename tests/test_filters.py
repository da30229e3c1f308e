"""URL query parameters -> Filters: allow-lists, fallbacks with warnings, and a round trip back to the URL."""

from __future__ import annotations

import random
import string

import pytest

from funding.analysis import filters as flt
from funding.text import PROSE, TEXT, Translator, normalise_lang, t
from funding.vocabulary import CHANNELS, LEVELS, STATUSES


@pytest.fixture(scope="module")
def options(ds) -> flt.FilterOptions:
    return flt.FilterOptions.from_view(ds.view, ds.region_codes)


def parse(params, options):
    return flt.parse(params, options)


def test_options_come_from_the_data(options, ds):
    assert options.years == (2018, 2019, 2020, 2023, 2024, 2025, 2026, 2027, 2028)
    # The years between are named by the sources only in words (no exact amount), so they are never offered.
    worded_years = {int(y) for y in ds.worded["year"].dropna()}
    assert {2017, 2021, 2022} <= worded_years and not {2017, 2021, 2022} & set(options.years)
    assert options.years == tuple(sorted(set(ds.allocations["year"])))
    assert options.region_codes == tuple(ds.regions["region_code"]) == ds.region_codes
    assert len(options.region_codes) == 21 and options.region_codes[0] == "01" and options.region_codes[-1] == "25"
    assert options.statuses == STATUSES == ("decided", "estimated", "announced")
    # Every recipient level and channel of the vocabulary occurs in the data, in the vocabulary's order.
    assert options.levels == LEVELS == ("region", "county", "municipalities", "regions-municipalities", "skr",
                                        "agency", "organisation")
    assert options.channels == CHANNELS == ("socialstyrelsen", "skr", "regeringsbeslut", "myndighet", "organisation",
                                            "ej-angiven")
    assert set(options.grants) == set(ds.allocations["grant_id"])
    assert {"primarvard", "psykiatri-vuxna", "ok-psykisk-halsa", "bup-tillganglighet"} <= set(options.grants)
    # Grants the sources name without an exact figure are never offered as a filter with amounts.
    worded_only = set(ds.grants["grant_id"]) - set(ds.allocations["grant_id"])
    assert worded_only == {"stodlinje", "roda-korset", "psykiatri-utvecklingsteam", "psykiatri-kontakt-covid"}
    assert not worded_only & set(options.grants)
    assert set(options.streams) == set(ds.allocations["stream_id"])
    assert set(options.focus) == set(ds.view["focus_area"])


def test_no_parameters_give_the_defaults(options):
    result = parse({}, options)
    assert result.filters == flt.Filters()
    assert result.warnings == ()
    # Empty years and statuses mean each chart's own default (one year, decided and estimated money).
    assert result.filters.years == () and result.filters.statuses == ()
    assert result.filters.lang == "sv" and result.filters.unit == "sek" and result.filters.denom == "total"
    assert result.filters.base == ""
    assert not result.filters.narrowed


def test_repeated_keys_and_commas_are_merged_sorted_and_deduplicated(options):
    result = parse({"year": ["2026", "2025,2024", "2025"], "region": "14, 01"}, options)
    assert result.warnings == ()
    assert result.filters.years == (2024, 2025, 2026)
    assert result.filters.region_codes == ("01", "14")
    assert result.filters.narrowed


def test_single_digit_region_codes_are_padded(options):
    assert parse({"region": "1"}, options).filters.region_codes == ("01",)


def test_levels_and_channels_follow_the_vocabulary_order(options):
    result = parse({"level": "organisation,skr,region", "channel": "ej-angiven,socialstyrelsen"}, options)
    assert result.warnings == ()
    assert result.filters.levels == ("region", "skr", "organisation")
    assert result.filters.channels == ("socialstyrelsen", "ej-angiven")


@pytest.mark.parametrize(("params", "param", "reason"), [
    ({"region": "99"}, "region", "unknown"),
    ({"region": "01,99"}, "region", "unknown"),
    ({"year": "2031"}, "year", "no_amounts"),
    ({"year": "2021"}, "year", "no_amounts"),   # only worded amounts that year
    ({"year": "20x5"}, "year", "malformed"),
    ({"year": ""}, "year", "empty"),
    ({"year": " , ,"}, "year", "empty"),
    ({"grant": "<script>alert(1)</script>"}, "grant", "malformed"),
    ({"grant": "stodlinje"}, "grant", "unknown"),   # named only in words
    ({"level": "kommun"}, "level", "unknown"),
    ({"channel": "x" * 5000}, "channel", "too_long"),
    ({"focus": ["a"] * 500}, "focus", "too_long"),
    ({"lang": "fr"}, "lang", "unknown"),
    ({"lang": ["sv", "en"]}, "lang", "conflicting"),
    ({"unit": "ton"}, "unit", "unknown"),
    ({"denom": ""}, "denom", "empty"),
    ({"base": "2021"}, "base", "no_amounts"),
    ({"base": "1999"}, "base", "no_amounts"),
    ({"base": "last"}, "base", "unknown"),
    ({"base": "20 25"}, "base", "malformed"),
    ({"base": ["2024", "2025"]}, "base", "conflicting"),
    ({"base": ""}, "base", "empty"),
    ({"stream": 42}, "stream", "malformed"),
    ({"status": None}, "status", "malformed"),
])
def test_a_bad_value_warns_names_the_parameter_and_falls_back(options, params, param, reason):
    result = parse(params, options)
    assert result.warnings == (flt.FilterWarning(param, reason),)
    assert result.filters == flt.Filters()


def test_one_bad_parameter_leaves_the_others_alone(options):
    result = parse({"year": "2025", "region": "<b>", "lang": "en", "base": "2023"}, options)
    assert [w.param for w in result.warnings] == ["region"]
    assert result.filters.years == (2025,)
    assert result.filters.region_codes == ()
    assert result.filters.lang == "en"
    assert result.filters.base == "2023"


def test_base_is_one_of_the_dataset_years(options):
    for year in options.years:
        result = parse({"base": str(year)}, options)
        assert result == flt.ParseResult(flt.Filters(base=str(year)), ())
    assert parse({"base": "２０２４"}, options).filters.base == "2024"  # full-width digits fold like the year's
    assert parse({"base": " 2024 "}, options).filters.base == "2024"


def test_case_and_fullwidth_digits_are_normalised(options):
    result = parse({"lang": "EN", "year": "２０２５", "status": "Estimated"}, options)
    assert result.warnings == ()
    assert result.filters.lang == "en"
    assert result.filters.years == (2025,)
    assert result.filters.statuses == ("decided", "estimated")


@pytest.mark.parametrize("value", [
    "٢٠٢٥",            # Arabic-Indic digits: digits to Python, not to the allow-list
    "2025\u200b",      # zero-width space
    "\u202e5202",      # right-to-left override
    "２０２５年",
    "2025\x00",
    "\ud800",          # a lone surrogate, as a broken URL decoder may hand over
    "%3Cscript%3E",
    "1e3",
    "-2025",
])
def test_odd_unicode_is_rejected_not_crashed_on(options, value):
    result = parse({"year": value, "base": value}, options)
    assert result.filters.years == () and result.filters.base == ""
    assert sorted(w.param for w in result.warnings) == ["base", "year"]


def test_statuses_always_keep_decided_money(options):
    assert parse({"status": "announced"}, options).filters.statuses == ("decided", "announced")
    assert parse({"status": "decided"}, options).filters.statuses == ("decided",)
    assert parse({"status": "announced,estimated"}, options).filters.statuses == STATUSES


def test_status_all_means_every_status(options):
    """A journalist wrote /?status=all by hand and got "unknown value" and the default."""
    for value in ("all", "ALL", "all,announced"):
        result = parse({"status": value}, options)
        assert result.filters.statuses == STATUSES and result.warnings == ()


def test_unknown_parameter_names_are_ignored(options):
    result = parse({"utm_source": "x", "embed": "true", "<script>": "1", "regions": "14"}, options)
    assert result.filters == flt.Filters()
    assert result.warnings == ()


def test_a_broken_mapping_is_treated_as_no_parameters(options):
    class Broken(dict):
        def items(self):
            raise RuntimeError("boom")

    assert parse(Broken(year="2025"), options) == flt.ParseResult(flt.Filters(), ())


def test_generated_hostile_values_never_raise(options):
    rng = random.Random(20260122)
    alphabet = string.printable + "åäöÅÄÖ€\u00a0\u200b\u202e\ufeff<>\"'&%;=,２０"
    params = [*flt.PARAMS, "", "x"]
    for _ in range(600):
        query = {}
        for _ in range(rng.randint(1, 4)):
            values = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
                      for _ in range(rng.randint(1, 3))]
            query[rng.choice(params)] = values if len(values) > 1 else values[0]
        result = parse(query, options)
        assert isinstance(result.filters, flt.Filters)
        for warning in result.warnings:
            assert warning.param in flt.PARAMS
            assert warning.reason in {"unknown", "malformed", "empty", "too_long", "conflicting"}
        f = result.filters
        assert set(f.years) <= set(options.years) and set(f.region_codes) <= set(options.region_codes)
        assert f.lang in flt.LANGS and f.unit in flt.UNITS and f.denom in flt.DENOMINATORS
        assert f.base == "" or int(f.base) in options.years


@pytest.mark.parametrize("f", [
    flt.Filters(),
    flt.Filters(years=(2025, 2026), region_codes=("01", "14"), lang="en"),
    flt.Filters(levels=("region", "skr"), channels=("skr", "ej-angiven"), statuses=("decided", "announced"),
                unit="capita"),
    flt.Filters(grants=("primarvard",), streams=("pv-regioner",), focus=("primarvard",), denom="key"),
    flt.Filters(years=(2026,), base="2023"),
    flt.Filters(levels=("regions-municipalities", "agency"), channels=("regeringsbeslut", "myndighet")),
])
def test_to_params_round_trips(options, f):
    params = f.to_params()
    assert parse(params, options) == flt.ParseResult(f, ())
    # Defaults never clutter the address.
    assert flt.Filters().to_params() == {}


def test_to_params_lists_values_in_canonical_order():
    f = flt.Filters(years=(2025, 2026), region_codes=("01", "14"), statuses=("decided",), base="2024")
    assert f.to_params() == {"year": ["2025", "2026"], "region": ["01", "14"], "status": ["decided"],
                             "base": ["2024"]}


def test_describe_names_every_filter():
    described = flt.Filters(years=(2025,), lang="en").describe()
    assert described["year"] == ["2025"]
    assert described["region"] == []
    assert described["status"] == []
    assert described["lang"] == "en" and described["base"] == ""
    assert set(described) == set(flt.PARAMS)
    assert flt.PARAMS == ("year", "region", "level", "channel", "grant", "stream", "focus", "status", "lang", "unit",
                          "denom", "base")


def test_replace_changes_only_what_it_is_told():
    f = flt.Filters(years=(2025,), region_codes=("14",), lang="en")
    g = f.replace(region_codes=(), base="2024")
    assert g == flt.Filters(years=(2025,), lang="en", base="2024") and f.region_codes == ("14",)


def test_normalise_params_compares_urls_by_content():
    assert flt.normalise_params({"year": ["2026", "2025"], "foo": "x"}) == {"year": ["2025", "2026"]}
    assert flt.normalise_params({"year": "2025"}) == {"year": ["2025"]}
    assert flt.normalise_params({"base": "2024", "region": ["14", "01"]}) == {"base": ["2024"],
                                                                               "region": ["01", "14"]}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_warning_has_a_message_naming_the_parameter(lang):
    for param in flt.PARAMS:
        default = t(f"default_{param}", lang)
        for reason in ("unknown", "malformed", "empty", "too_long", "conflicting"):
            message = t(f"warn_{reason}", lang, param=param, default=default)
            assert param in message and default in message
            assert "<" not in message


def test_both_languages_define_every_string_with_the_same_placeholders():
    field_names = string.Formatter()
    for key, entry in TEXT.items():
        assert set(entry) == {"sv", "en"}, key
        names = [{f[1] for f in field_names.parse(entry[lang]) if f[1]} for lang in ("sv", "en")]
        assert names[0] == names[1], key


def test_prose_has_the_same_paragraphs_in_both_languages():
    for key, entry in PROSE.items():
        assert len(entry["sv"]) == len(entry["en"]), key


def test_one_language_normaliser_for_every_input():
    assert [normalise_lang(v) for v in ("en", "sv", "EN", "fr", "", None, 1)] == ["en", "sv", "sv", "sv", "sv", "sv",
                                                                                   "sv"]
    tr = Translator("en")
    assert tr.lang == "en" and tr("h_year") == "Year" and Translator("de")("h_year") == "År"
    assert t("warn_unknown", "xx", param="year", default=t("default_year", "sv")).startswith("Parametern ”year”")
