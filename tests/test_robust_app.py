"""Hostile addresses through the real app (AppTest from app.py), on every page.

A sample of the generated corpus in tests/test_robust_urls.py (every hostile value, each in three
parameters at once plus an unknown one, spread over the pages; and all parameters at once on every
page) is opened as a fresh visitor would: a new session, the query string, the page. Each must give
no exception, one warning per bad parameter naming it, the default view (same filters and the same
figures as the page without parameters), a cleaned address, and none of the value anywhere in what
is sent to the browser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest
from test_robust_urls import CASES, Case, decode

from components.navigation import PAGES, by_url_path
from funding import paths
from funding.analysis import filters as flt

APP = str(paths.ROOT / "app.py")
URL_WARNING = re.compile(r"[”“]([A-Za-z_]+)” (?:i adressen|in the address)")


def _nodes(node) -> Iterator:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def _strings(message) -> Iterator[str]:
    """Every text field of a protobuf message, recursively (labels, bodies, options, chart JSON, …)."""
    for _field, value in message.ListFields():
        items = value if isinstance(value, list | tuple) or hasattr(value, "extend") else [value]
        for item in items:
            if isinstance(item, str):
                yield item
            elif hasattr(item, "ListFields"):
                yield from _strings(item)


def rendered_text(at: AppTest) -> list[str]:
    """All text the run sent to the browser, element by element."""
    out = []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ListFields"):
            out.extend(_strings(proto))
    return out


def url_warnings(at: AppTest) -> list[str]:
    return [m.group(1) for w in at.warning for m in [URL_WARNING.search(w.value)] if m]


def fingerprint(at: AppTest) -> dict[str, list[str]]:
    """What a page shows, minus the URL warnings: figures, headings, prose and the charts' data."""
    charts = [n.proto.spec for n in _nodes(at._tree) if type(getattr(n, "proto", None)).__name__ == "PlotlyChart"]
    return {
        "metrics": [f"{m.label}={m.value}" for m in at.metric],
        "headings": [h.value for h in (*at.title, *at.header, *at.subheader)],
        "markdown": [m.value for m in at.markdown],
        "captions": [c.value for c in at.caption],
        "info": [i.value for i in at.info],
        "other_warnings": [w.value for w in at.warning if not URL_WARNING.search(w.value)],
        "charts": charts,
    }


def open_page(script: str, query: str | None = None) -> AppTest:
    """A new visitor: a fresh session that opens `script` with `query` in the address."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()  # switch_page needs the pages st.navigation registers
    assert not at.exception, [e.value for e in at.exception]
    if query is not None:
        at.query_params = {k: v[0] if len(v) == 1 else v for k, v in decode(query).items()}
    at.switch_page(script).run()
    return at


def _sample() -> list[tuple[str, Case]]:
    by_id = {c.id: c for c in CASES}
    picked: list[tuple[str, Case]] = []
    three = [c for c in CASES if c.id.startswith("three-")]
    for i, case in enumerate(three):
        picked.append((PAGES[i % len(PAGES)].script, case))
    for spec in PAGES:
        picked.append((spec.script, by_id["every-param-script"]))
    picked.append((by_url_path("regioner").script, by_id["good-year-bad-region"]))
    picked.append((by_url_path("over-tid").script, by_id["good-lang-bad-year"]))
    picked.append((by_url_path("data").script, next(c for c in CASES if c.id.startswith("key-%3Cscript"))))
    return picked


SAMPLE = _sample()


@pytest.fixture(scope="module")
def baselines() -> dict[str, dict]:
    """Each page as it looks without parameters: the default view."""
    out = {}
    for spec in PAGES:
        at = open_page(spec.script)
        assert not at.exception
        raw_html = [m.value[:80] for m in at.markdown if m.proto.allow_html] + [h.proto.body for h in at.get("html")]
        out[spec.script] = {"filters": at.session_state["flt_current"], "shown": fingerprint(at), "raw_html": raw_html}
    return out


def test_no_page_sends_raw_html(baselines):
    # The running counterpart of tests/test_robust_static.py: nothing on any page is drawn unescaped.
    assert {script: b["raw_html"] for script, b in baselines.items() if b["raw_html"]} == {}
    assert all(b["filters"] == flt.Filters() for b in baselines.values())


def test_the_sample_covers_every_page_parameter_and_hostile_value():
    assert len(SAMPLE) >= 40
    assert {script for script, _ in SAMPLE} == {spec.script for spec in PAGES}
    assert set(flt.PARAMS) <= {p for _, case in SAMPLE for p in case.bad}
    from test_robust_urls import HOSTILE

    covered = {case.id.removeprefix("three-") for _, case in SAMPLE}
    assert {h.name for h in HOSTILE} - covered <= {"fullwidth_digits", "fullwidth_year"}


@pytest.mark.parametrize(("script", "case"), SAMPLE, ids=[f"{s.split('/')[-1][:-3]}-{c.id}" for s, c in SAMPLE])
def test_hostile_address_on_a_page(script: str, case: Case, baselines):
    at = open_page(script, case.query)

    assert not at.exception, [e.value for e in at.exception]
    # One short warning per bad parameter, naming it; nothing about good or unknown parameters.
    assert sorted(url_warnings(at)) == sorted(case.bad)
    # The filters fell back to their defaults, and the page shows exactly the default view.
    filters = at.session_state["flt_current"]
    assert filters == flt.Filters().replace(**dict(case.expect))
    if not case.expect:
        assert fingerprint(at) == baselines[script]["shown"]
    # The address was rewritten to the view: no bad value of a known parameter survives in it.
    assert flt.normalise_params(at.query_params) == flt.normalise_params(filters.to_params())
    # Nothing of the value reaches the browser, escaped or not, and no raw HTML at all.
    text = rendered_text(at)
    for marker in case.markers:
        leaked = [s[:120] for s in text if marker in s]
        assert not leaked, f"{marker!r} was sent to the browser: {leaked}"
    assert not any("<script" in m.value.lower() for m in at.markdown)
    assert len(at.get("html")) == 0


@pytest.mark.parametrize(("cookie", "narrow"), [
    ("390", True), ("820", True), ("1099", True), ("1100", False), ("1366", False),
    # Whatever a browser or a hand-made request sends, anything but a plausible width is a wide window, the
    # layout that works everywhere (it scrolls): no error, nothing else changes.
    (None, False), ("", False), ("0", False), ("-390", False), ("390px", False), ("3e2", False), ("١٢٣", False),
    ("99999999999", False), ("<script>", False), ("²", False),
])
def test_the_window_width_cookie_is_read_safely(cookie, narrow):
    from components.shell import narrow_width

    assert narrow_width(cookie) is narrow
    assert narrow_width(cookie, 600) is (narrow and cookie in ("390",))
