"""Hostile addresses: whatever arrives in the query string, the filters parser never raises, warns about
the parameter by name, falls back to that filter's default and never hands the value on.

The corpus is generated: every hostile value in every parameter (the dashboard's own and an unknown one),
plus repeated keys and several bad parameters at once. The query strings are decoded exactly as
Streamlit decodes them (urllib.parse.parse_qs with blank values kept), so percent-encoded garbage,
NUL and broken UTF-8 reach the parser the way a browser would send them. tests/test_robust_app.py runs a
sample of the same corpus through the real app on every page (AppTest), and
tests/browser/test_robust_browser.py a smaller one in Chromium.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, quote

import pytest

from funding.analysis import filters as flt
from funding.text import t

KNOWN_PARAMS = flt.PARAMS  # year region level channel grant stream focus status lang unit denom base
UNKNOWN_PARAM = "utm_source"


@dataclass(frozen=True)
class Hostile:
    name: str
    raw: str                  # as it appears after "param=" in the address (already percent-encoded)
    markers: tuple[str, ...]  # text that must never show up in anything the app renders


def _h(name: str, text: str, *markers: str) -> Hostile:
    return Hostile(name, quote(text, safe=""), markers)


def _raw(name: str, raw: str, *markers: str) -> Hostile:
    return Hostile(name, raw, markers)


HOSTILE: tuple[Hostile, ...] = (
    _raw("empty", ""),
    _raw("blank", "+"),
    _h("commas", ",,,"),
    _h("year_too_early", "1999"),
    _h("year_too_late", "2100"),
    _h("negative", "-1"),
    _h("zero", "0"),
    _h("decimal", "2025.0"),
    _h("exponent", "2e3"),
    _h("unknown_code", "99"),
    _h("word", "nonsense"),
    _h("valid_and_bad", "2025,<script>x</script>", "<script"),
    _h("very_long", "A" * 10_000, "A" * 200),
    _h("very_long_digits", "9" * 400, "9" * 200),
    _h("many_values", ",".join(["2025"] * 61)),
    _h("script", "<script>alert(1)</script>", "<script", "alert(1)"),
    _h("img_onerror", '"><img src=x onerror=alert(1)>', "onerror", "<img"),
    _h("svg_onload", "<svg/onload=alert(1)>", "onload", "<svg"),
    _h("javascript_url", "javascript:alert(document.cookie)", "javascript:", "document.cookie"),
    _h("markdown_link", "[klicka](https://evil.example/x)", "evil.example"),
    _h("markdown_colour", ":red[varning] **fet**", ":red["),
    _h("template", "{param}{default}{0}{__class__}", "{param}", "__class__"),
    _h("sql_or", "2025' OR '1'='1", "' OR '"),
    _h("sql_drop", "1; DROP TABLE allocations;--", "DROP TABLE"),
    _h("path_traversal", "../../../../etc/passwd", "etc/passwd"),
    _raw("path_traversal_double_encoded", "..%252F..%252Fetc%252Fpasswd", "passwd"),
    _h("crlf", "sv\r\nSet-Cookie: stolen=1", "Set-Cookie"),
    _h("rtl_override", "\u202e2025", "\u202e"),
    _h("zero_width", "20\u200b25", "\u200b"),
    _raw("nul", "2025%00", "\x00"),
    _h("emoji", "2025🙂", "🙂"),
    _h("combining", "e\u0301\u0301\u0301", "\u0301\u0301"),
    _h("fullwidth_digits", "０１"),
    _h("fullwidth_year", "２０２５"),
    _h("fullwidth_html", "＜script＞", "＜script", "<script"),
    _h("arabic_indic_digits", "٢٠٢٥", "٢٠٢٥"),
    _raw("broken_utf8_surrogate", "%ED%A0%80"),
    _h("surrogate_escape_text", "\\ud800\\udc00", "\\ud800"),
    _raw("iis_unicode_escape", "%uD800%uDC00", "%uD800"),
    _raw("lone_percent", "%"),
    _raw("percent_garbage", "%%zz%2", "%zz"),
    _raw("overlong_slash", "%C0%AF..%C0%AF", "\ufffd.."),
    _raw("bom_and_nul", "%EF%BB%BF%00%FF%FE"),
)

# Full-width digits are the same numbers to a reader, so the parser folds them (NFKC) before the
# allow-list: where the folded value is allowed it is accepted, like its ASCII twin. Nothing else is.
ACCEPTED_AFTER_FOLDING = {
    ("region", "fullwidth_digits"): ("region_codes", ("01",)),
    ("year", "fullwidth_year"): ("years", (2025,)),
    ("base", "fullwidth_year"): ("base", "2025"),
}


@dataclass(frozen=True)
class Case:
    id: str
    query: str                          # the raw query string, as in the address bar
    bad: tuple[str, ...]                # known parameters that must be warned about
    markers: tuple[str, ...] = ()
    expect: tuple[tuple[str, object], ...] = ()  # Filters fields that must differ from the default


def _valid_value(param: str) -> str:
    return {"year": "2025", "region": "14", "level": "region", "channel": "skr", "grant": "primarvard",
            "stream": "pv-regioner", "focus": "primarvard", "status": "estimated", "lang": "en", "unit": "capita",
            "denom": "key", "base": "2024"}[param]


def generate_cases() -> list[Case]:
    cases: list[Case] = []
    for param in (*KNOWN_PARAMS, UNKNOWN_PARAM):
        for h in HOSTILE:
            folded = ACCEPTED_AFTER_FOLDING.get((param, h.name))
            bad = () if param == UNKNOWN_PARAM or folded else (param,)
            expect = (folded,) if folded else ()
            cases.append(Case(f"{param}-{h.name}", f"{param}={h.raw}", bad, h.markers, expect))
    script = next(h for h in HOSTILE if h.name == "script")
    for param in KNOWN_PARAMS:
        # A repeated key with one good and one bad value: the whole parameter falls back.
        cases.append(Case(f"{param}-repeated-good-then-bad", f"{param}={_valid_value(param)}&{param}={script.raw}",
                          (param,), script.markers))
        cases.append(Case(f"{param}-repeated-bad-then-good", f"{param}={script.raw}&{param}={_valid_value(param)}",
                          (param,), script.markers))
        cases.append(Case(f"{param}-repeated-61-times", "&".join([f"{param}={_valid_value(param)}"] * 61), (param,)))
    for param in flt.SINGLE_PARAMS.values():
        options = {"lang": flt.LANGS, "unit": flt.UNITS, "denom": flt.DENOMINATORS, "base": ("2024", "2025")}[param]
        cases.append(Case(f"{param}-conflicting", f"{param}={options[0]}&{param}={options[1]}", (param,)))
    # Hostile keys: not parameters of the dashboard, so ignored silently (and never shown).
    for key in ("<script>alert(1)</script>", "year[]", "YEAR", "year%00", "%ED%A0%80", "../../etc/passwd", ""):
        cases.append(Case(f"key-{quote(key, safe='')[:20]}", f"{quote(key, safe='%')}={script.raw}", (),
                          script.markers))
    # Several hostile parameters at once: each is named, none hides another.
    for i, h in enumerate(HOSTILE):
        params = [KNOWN_PARAMS[(i + k) % len(KNOWN_PARAMS)] for k in range(3)]
        if any((p, h.name) in ACCEPTED_AFTER_FOLDING for p in params):
            continue
        query = "&".join(f"{p}={h.raw}" for p in params) + f"&{UNKNOWN_PARAM}={h.raw}"
        cases.append(Case(f"three-{h.name}", query, tuple(params), h.markers))
    everything = "&".join(f"{p}={script.raw}" for p in KNOWN_PARAMS)
    cases.append(Case("every-param-script", everything, KNOWN_PARAMS, script.markers))
    # A good parameter next to a bad one keeps its value.
    cases.append(Case("good-year-bad-region", f"year=2025&region={script.raw}", ("region",), script.markers,
                      (("years", (2025,)),)))
    cases.append(Case("good-lang-bad-year", f"lang=en&year={quote(chr(0x202E) + '2025')}", ("year",), ("\u202e",),
                      (("lang", "en"),)))
    return cases


CASES = generate_cases()


def decode(query: str) -> dict[str, list[str]]:
    """The query string as Streamlit hands it to the app: st.query_params.get_all(key) for every key."""
    return parse_qs(query, keep_blank_values=True)


@pytest.fixture(scope="module")
def options(ds) -> flt.FilterOptions:
    return flt.FilterOptions.from_view(ds.view, ds.region_codes)


def test_the_corpus_is_large_and_covers_every_parameter():
    assert len(CASES) >= 200
    assert len({c.id for c in CASES}) == len(CASES)
    covered = {key for c in CASES for key in decode(c.query)}
    assert set(KNOWN_PARAMS) | {UNKNOWN_PARAM} <= covered
    names = {h.name for h in HOSTILE}
    for wanted in ("empty", "very_long", "script", "img_onerror", "sql_drop", "path_traversal", "rtl_override",
                   "zero_width", "nul", "emoji", "combining", "fullwidth_digits", "broken_utf8_surrogate",
                   "percent_garbage"):
        assert wanted in names
    assert max(len(c.query) for c in CASES) > 10_000


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_query_warns_by_name_and_falls_back(case: Case, options):
    result = flt.parse(decode(case.query), options)
    warned = [w.param for w in result.warnings]
    assert sorted(warned) == sorted(case.bad), f"warned about {warned}, expected {case.bad}"
    for warning in result.warnings:
        assert warning.reason in {"unknown", "no_amounts", "malformed", "empty", "too_long", "conflicting"}
        for lang in ("sv", "en"):
            text = t(f"warn_{warning.reason}", lang, param=warning.param, default=t(f"default_{warning.param}", lang))
            assert f"{warning.param}" in text
            assert not any(m in text for m in case.markers)
    # Every filter not explicitly expected to change is exactly its default.
    assert result.filters == flt.Filters().replace(**dict(case.expect))
    # Nothing of the value travels on: the filters hold only allow-listed values.
    for attr in flt.MULTI_PARAMS:
        assert set(getattr(result.filters, attr)) <= set(getattr(options, attr))
    assert not any(m in repr(result) for m in case.markers if m)


def test_bad_parameter_does_not_hide_the_good_ones(options):
    query = "year=2025&year=2026&region=14&region=%3Cscript%3E&lang=en&status=decided&grant=..%2F"
    result = flt.parse(decode(query), options)
    assert result.filters == flt.Filters(years=(2025, 2026), lang="en", statuses=("decided",))
    assert sorted(w.param for w in result.warnings) == ["grant", "region"]


@pytest.mark.parametrize("value", [None, 7, 2025.0, b"2025", ["2025", None], {"a": "b"}, [["2025"]], object()])
def test_non_text_values_are_malformed_not_a_crash(value, options):
    result = flt.parse({"year": value, "lang": value}, options)
    assert result.filters == flt.Filters()
    assert sorted((w.param, w.reason) for w in result.warnings) == [("lang", "malformed"), ("year", "malformed")]


def test_a_broken_mapping_is_no_parameters(options):
    class Broken(dict):
        def items(self):
            raise RuntimeError("boom")

    assert flt.parse(Broken(year="2025"), options) == flt.ParseResult(flt.Filters(), ())


def test_valid_values_survive_normalisation(options):
    # The protections must not turn honest links away: padding, case, commas, repeats and folding.
    query = "year=%202025%20,2026&region=1&region=14&level=REGION&status=Announced&lang=%EF%BD%85%EF%BD%8E"
    result = flt.parse(decode(query), options)
    assert result.warnings == ()
    assert result.filters == flt.Filters(years=(2025, 2026), region_codes=("01", "14"), levels=("region",),
                                         statuses=("decided", "announced"), lang="en")


# Old links keep working ------------------------------------------------------------------------------------
# Addresses as the dashboard wrote them before the restructuring (parameter names unchanged; codes of the data
# as they were then), and the view each must still open. A link is only as good as the view it opens: each
# of these parses without a warning to exactly these filters.
OLD_LINKS: tuple[tuple[str, flt.Filters], ...] = (
    ("", flt.Filters()),
    ("lang=en", flt.Filters(lang="en")),
    ("year=2025", flt.Filters(years=(2025,))),
    ("year=2025&year=2026&region=14", flt.Filters(years=(2025, 2026), region_codes=("14",))),
    ("year=2026%2C2025&region=1%2C14&lang=en", flt.Filters(years=(2025, 2026), region_codes=("01", "14"), lang="en")),
    ("region=14&unit=capita&denom=key", flt.Filters(region_codes=("14",), unit="capita", denom="key")),
    ("status=decided", flt.Filters(statuses=("decided",))),
    ("status=decided&status=estimated&status=announced", flt.Filters(statuses=("decided", "estimated", "announced"))),
    ("status=announced", flt.Filters(statuses=("decided", "announced"))),
    ("level=region&level=county", flt.Filters(levels=("region", "county"))),
    ("level=municipalities", flt.Filters(levels=("municipalities",))),
    ("channel=socialstyrelsen&channel=skr", flt.Filters(channels=("socialstyrelsen", "skr"))),
    ("grant=primarvard&grant=psykiatri-vuxna&grant=ok-psykisk-halsa",
     flt.Filters(grants=("ok-psykisk-halsa", "primarvard", "psykiatri-vuxna"))),
    ("stream=pv-regioner&stream=psyk-vardkapacitet", flt.Filters(streams=("pv-regioner", "psyk-vardkapacitet"))),
    ("stream=ok-lan-strategi&stream=ok-skr&stream=ok-kommuner-barn-unga",
     flt.Filters(streams=("ok-lan-strategi", "ok-skr", "ok-kommuner-barn-unga"))),
    # The announced, not yet broken down, money of 2027-2028 was called *-ej-fordelat; it is *-aviserat now.
    ("stream=pv-ej-fordelat", flt.Filters(streams=("pv-aviserat",))),
    ("stream=psyk-ej-fordelat&year=2027&year=2028", flt.Filters(years=(2027, 2028), streams=("psyk-aviserat",))),
    ("focus=primarvard&focus=vardkapacitet&focus=ej-fordelat",
     flt.Filters(focus=("ej-fordelat", "primarvard", "vardkapacitet"))),
    ("year=2026&region=14&level=region&grant=psykiatri-vuxna&focus=vardkapacitet&status=estimated&lang=en&unit=capita",
     flt.Filters(years=(2026,), region_codes=("14",), levels=("region",), grants=("psykiatri-vuxna",),
                 focus=("vardkapacitet",), statuses=("decided", "estimated"), lang="en", unit="capita")),
)


@pytest.mark.parametrize(("query", "expected"), OLD_LINKS, ids=[q or "empty" for q, _ in OLD_LINKS])
def test_old_links_open_the_same_view(query, expected, options):
    assert all(set(getattr(expected, attr)) <= set(getattr(options, attr)) for attr in flt.MULTI_PARAMS)
    # Selections are kept in the options' canonical order (the vocabulary's, else the data's).
    expected = expected.replace(**{attr: tuple(v for v in getattr(options, attr) if v in getattr(expected, attr))
                                   for attr in flt.MULTI_PARAMS})
    result = flt.parse(decode(query), options)
    assert result.warnings == ()
    assert result.filters == expected
    # Written back, the view's own address opens it again (the old one may name retired codes).
    assert flt.parse(expected.to_params(), options) == flt.ParseResult(expected, ())


def test_every_code_an_old_link_could_carry_is_still_understood(options):
    """The codes of the data before the restructuring (recipient levels, channels, focus areas, grants and
    streams with amounts) each still parse, alone, to a filter that selects rows."""
    old = {
        "level": ("region", "county", "municipalities", "organisation"),
        "channel": ("socialstyrelsen", "skr"),
        "grant": ("primarvard", "psykiatri-vuxna", "ok-psykisk-halsa"),
        "focus": ("primarvard", "vardkapacitet", "flexibel-vard", "komplexa-behov", "suicidprevention", "barn-unga",
                  "strategi-samverkan", "nationellt-stod", "ej-fordelat"),
        "stream": ("pv-regioner", "pv-socialstyrelsen", "pv-ej-fordelat", "psyk-vardkapacitet",
                   "psyk-sjalvvald-inlaggning", "psyk-flexibla-overgangar", "psyk-socialstyrelsen", "psyk-ej-fordelat",
                   "ok-region-suicidprevention", "ok-region-komplexa-behov", "ok-lan-strategi",
                   "ok-lan-komplexa-behov", "ok-lan-suicidprevention", "ok-kommuner-barn-unga", "ok-skr",
                   "ok-lan-brukarmedverkan", "ok-lan-ungdomsmottagningar", "ok-lan-barn-unga",
                   "ok-lan-samsjuklighet"),
        "year": tuple(str(y) for y in range(2023, 2029)),
        "region": ("01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18", "19", "20",
                   "21", "22", "23", "24", "25"),
    }
    attrs = {param: attr for attr, param in flt.MULTI_PARAMS.items()}
    for param, codes in old.items():
        for code in codes:
            result = flt.parse({param: code}, options)
            assert result.warnings == (), (param, code)
            chosen = getattr(result.filters, attrs[param])
            assert len(chosen) == 1 and chosen[0] in getattr(options, attrs[param]), (param, code)
