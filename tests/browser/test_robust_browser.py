"""Robustness in a real browser: hostile addresses, ten visitors at once, no third parties, no internals.

Runs headless Debian Chromium against `streamlit run app.py` (tests/browser/conftest.py). The hostile
sample mirrors tests/test_robust_urls.py; the concurrency test opens ten sessions at the same time,
each with its own page, region, year and language, and checks that each shows its own view and keeps
it while the others load.
"""

from __future__ import annotations

import asyncio
import re
import sys
import textwrap
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, quote, urlparse

import pytest

from components.navigation import PAGES
from funding import fmt
from funding.analysis import filters as flt
from funding.text import t
from tests.browser.conftest import (
    CHROMIUM_ARGS,
    require_chromium,
    running_server,
    wait_for_app,
    wait_for_charts,
)

pytestmark = pytest.mark.browser

URL_WARNING = re.compile(r"[”“]([A-Za-z_]+)” (?:i adressen|in the address)")
EXCEPTION = "[data-testid='stException']"
# Ten Chromium pages and the server share the machine (two cores on CI): pages take a minute under that
# load. A generous bound on waiting, never an assertion on speed.
LOAD_TIMEOUT = 300_000


def url_warnings(page) -> list[str]:
    texts = page.locator("[data-testid='stAlert']").all_inner_texts()
    return sorted(m.group(1) for text in texts for m in [URL_WARNING.search(text)] if m)


def query_of(url: str) -> dict[str, list[str]]:
    return flt.normalise_params(parse_qs(urlparse(url).query, keep_blank_values=True))


# Hostile addresses ---------------------------------------------------------------------------------------

SCRIPT = quote("<script>alert(1)</script>")
IMG = quote('"><img src=x onerror=alert(1)>')
HOSTILE_SAMPLE = [
    ("/", f"year={SCRIPT}", ["year"]),
    ("/regioner", f"region={IMG}", ["region"]),
    ("/over-tid", f"lang={quote('<svg/onload=alert(1)>')}&unit=capita", ["lang"]),
    ("/fokusomraden", f"focus={quote('javascript:alert(1)')}&utm_source={SCRIPT}", ["focus"]),
    ("/regionprofil", "region=99&year=1999", ["region", "year"]),
    ("/data", "status=%00%ED%A0%80&channel=%uD800", ["channel", "status"]),
    ("/om", f"grant={quote(chr(39) + ' OR 1=1--')}&stream=..%2F..%2Fetc%2Fpasswd", ["grant", "stream"]),
    ("/", f"level={'A' * 10_000}", ["level"]),
    ("/regioner", f"denom={quote(chr(0x202E) + 'key')}&year=2025&year={IMG}", ["denom", "year"]),
    ("/", "lang=en&lang=sv&region=%EF%BC%91%EF%BC%94%F0%9F%99%82&year=", ["lang", "region", "year"]),
]


@pytest.mark.parametrize(("path", "query", "bad"), HOSTILE_SAMPLE, ids=[f"{p}?{q[:40]}" for p, q, _ in HOSTILE_SAMPLE])
def test_hostile_address_in_the_browser(app_page, path, query, bad):
    page = app_page.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    app_page.goto(f"{path}?{query}")
    wait_for_charts(page)

    assert page.locator(EXCEPTION).count() == 0
    assert url_warnings(page) == sorted(bad)
    assert dialogs == [], "a script from the address ran"
    assert page.locator("img[src='x'], svg[onload], [onerror]").count() == 0
    assert page.evaluate("() => [...document.scripts].filter(s => s.textContent.includes('alert(')).length") == 0
    assert app_page.foreign_requests() == []
    # The address now describes the view shown: none of the bad values survives in it.
    assert not set(query_of(page.url)) & set(bad)
    assert urlparse(page.url).path.rstrip("/") == path.rstrip("/")


# Addresses that are no page ------------------------------------------------------------------------------

NOT_FOUND = [
    # (address, where the reader ends up, the page's heading, Streamlit's notice in the page's language or None)
    ("/regioner/x?lang=en&year=2025", "/regioner", "Regions", None),
    ("/finnsinte", "/", "Statsbidrag för psykisk hälsa", "Sidan finns inte"),
    ("/finns/inte/alls", "/", "Statsbidrag för psykisk hälsa", "Sidan finns inte"),
    ("/nosuchpage?lang=en", "/", "State grants for mental health", "Page not found"),
]


@pytest.mark.parametrize(("address", "path", "heading", "notice"), NOT_FOUND, ids=[a for a, *_ in NOT_FOUND])
def test_an_address_that_is_no_page_shows_a_page_and_says_so(app_page, address, path, heading, notice):
    # Below a page (/regioner/x) the shell's files resolved to /regioner/static/... and the page stayed blank.
    page = app_page.page
    app_page.goto(address)
    page.locator("[data-testid='stMain'] h1").first.wait_for(timeout=60_000)
    assert urlparse(page.url).path == path
    assert page.locator("[data-testid='stMain'] h1").first.inner_text().strip() == heading
    assert page.locator(EXCEPTION).count() == 0
    if "year=2025" in address:
        assert query_of(page.url)["year"] == ["2025"]  # the filters survive the redirect
    dialog = page.locator("[role='dialog']")
    if notice is None:
        assert dialog.count() == 0
        return
    dialog.get_by_text(notice, exact=True).wait_for(timeout=10_000)
    if notice == "Sidan finns inte":
        assert "Här visas startsidan." in dialog.inner_text()
        assert "main page" not in dialog.inner_text()


# No third parties, on any page ----------------------------------------------------------------------------


def test_no_page_calls_another_host(app_page):
    page = app_page.page
    seen = {}
    for spec in PAGES:
        app_page.goto(f"/{spec.url_path}")
        wait_for_charts(page)
        page.wait_for_timeout(500)  # late fetches: fonts, map styles, glyphs
        assert page.locator(EXCEPTION).count() == 0, spec.url_path
        seen[spec.url_path] = app_page.foreign_requests()
    assert all(not v for v in seen.values()), seen
    assert len(app_page.requests) > 20  # the recorder saw the app's own traffic


# Ten visitors at once -------------------------------------------------------------------------------------


def _visits(ds) -> list[dict]:
    """Ten addresses, each with something only its own view shows (computed from the data, not typed)."""
    pop = dict(zip(ds.population["region_code"], ds.population["count"], strict=True))
    names = dict(zip(ds.regions["region_code"], ds.regions["short_name"], strict=True))
    view = ds.view

    def profile(code: str, lang: str = "sv", year: str | None = None) -> dict:
        params = {"region": [code]} | ({"year": [year]} if year else {}) | ({"lang": [lang]} if lang != "sv" else {})
        return {"path": "/regionprofil", "params": params,
                "expect": [names[code], fmt.number(int(pop[code]), 0, lang)]}

    def data(year: int, lang: str = "sv") -> dict:
        rows = view.loc[view["year"] == year, "amount_sek"]
        n, total = fmt.number(len(rows), 0, lang), fmt.sek(int(rows.sum()), lang)
        line = f"{n} rader, summa {total}." if lang == "sv" else f"{n} rows, total {total}."
        params = {"year": [str(year)]} | ({"lang": [lang]} if lang != "sv" else {})
        return {"path": "/data", "params": params, "expect": [line]}

    return [
        profile("01"),
        profile("14", "en"),
        profile("25", year="2025"),
        profile("09", "en", "2026"),
        profile("12"),
        data(2023),
        data(2026, "en"),
        {"path": "/regioner", "params": {"year": ["2026"], "lang": ["en"]},
         "expect": [t("rg_map_title", "en", years="2026")]},
        {"path": "/over-tid", "params": {"region": ["03"], "unit": ["capita"]}, "expect": [names["03"]]},
        {"path": "/", "params": {"year": ["2025"]}, "expect": [t("ov_trail_title", "sv", year="2025")]},
    ]


def _address(visit: dict) -> str:
    query = "&".join(f"{k}={v}" for k, values in visit["params"].items() for v in values)
    return f"{visit['path']}?{query}"


async def _chips(page, label: str) -> list[str]:
    """The values selected in the sidebar's multiselect called `label`."""
    box = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(
        has=page.locator("[data-testid='stWidgetLabel']", has_text=re.compile(f"^{label}$")))
    tags = box.locator("[data-testid='stMultiSelectTagsContainer'] [data-tag]")
    return sorted({await tags.nth(i).get_attribute("aria-label") for i in range(await tags.count())})


async def _visit(browser, base: str, visit: dict, start: asyncio.Event) -> dict:
    context = await browser.new_context(viewport={"width": 1366, "height": 900})
    page = await context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    await start.wait()  # every visitor sets off at the same moment
    began = time.monotonic()
    await page.goto(base + _address(visit), wait_until="domcontentloaded", timeout=LOAD_TIMEOUT)
    await page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=LOAD_TIMEOUT)
    await page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=LOAD_TIMEOUT)
    for text in visit["expect"]:
        await page.get_by_text(text, exact=False).first.wait_for(timeout=LOAD_TIMEOUT)
    # Widgets mount after the script has finished (their code loads lazily): wait for year and region.
    await page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").nth(1).wait_for(timeout=LOAD_TIMEOUT)
    return {"context": context, "page": page, "seconds": time.monotonic() - began, "requests": requests}


async def _ten_at_once(executable: str, base: str, visits: list[dict]) -> list[dict]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            # One visit first, so the server's one-off start-up work is not counted as load; a fresh
            # server's first deep link has its own test (test_first_visit_to_a_fresh_server_by_deep_link…).
            warm = await browser.new_page()
            await warm.goto(base + "/", wait_until="domcontentloaded", timeout=LOAD_TIMEOUT)
            await warm.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']",
                                         timeout=LOAD_TIMEOUT)
            await warm.close()
            start = asyncio.Event()
            tasks = [asyncio.create_task(_visit(browser, base, v, start)) for v in visits]
            await asyncio.sleep(0.5)
            start.set()
            results = await asyncio.gather(*tasks)
            # Only once all ten have loaded: each still shows, and its address still holds, its own view.
            for visit, res in zip(visits, results, strict=True):
                page = res["page"]
                res["url"] = page.url
                res["text"] = await page.locator("[data-testid='stMain']").inner_text()
                res["years"] = await _chips(page, "År" if "en" not in visit["params"].get("lang", []) else "Years")
                res["regions"] = await _chips(page, "Regioner" if "en" not in visit["params"].get("lang", [])
                                              else "Regions")
                res["errors"] = await page.locator(EXCEPTION).count()
                res["own"] = urlparse(base).netloc
            for res in results:
                await res["context"].close()
            return results
        finally:
            await browser.close()


def test_ten_visitors_at_once_each_see_their_own_view(ds, server_url):
    executable = require_chromium()
    visits = _visits(ds)
    assert len(visits) == 10 and len({_address(v) for v in visits}) == 10
    # Playwright's sync API (the session's browser fixture) keeps an event loop on this thread.
    with ThreadPoolExecutor(1) as pool:
        results = pool.submit(asyncio.run, _ten_at_once(executable, server_url, visits)).result()
    names = dict(zip(ds.regions["region_code"], ds.regions["short_name"], strict=True))
    for visit, res in zip(visits, results, strict=True):
        where = _address(visit)
        assert res["errors"] == 0, where
        for text in visit["expect"]:
            assert text in res["text"], f"{where}: {text!r} not shown"
        assert urlparse(res["url"]).path.rstrip("/") == visit["path"].rstrip("/"), where
        assert query_of(res["url"]) == flt.normalise_params(visit["params"]), f"{where}: address became {res['url']}"
        assert res["years"] == sorted(visit["params"].get("year", [])), where
        assert res["regions"] == sorted(f"{c} {names[c]}" for c in visit["params"].get("region", [])), where
        assert not [u for u in res["requests"] if urlparse(u).scheme in ("http", "https", "ws", "wss")
                    and urlparse(u).netloc != res["own"]], where
    seconds = sorted(r["seconds"] for r in results)
    # Reported, not asserted (no timing thresholds in tests); bench/ measures it properly.
    print(f"\nten concurrent visitors: median {seconds[5]:.1f} s, slowest {seconds[-1]:.1f} s per page",
          file=sys.stderr)


# A fresh server, a forced error ---------------------------------------------------------------------------


@pytest.fixture()
def fresh_server(ds):
    """A new server process that no one has visited yet (the state a shared link meets after a restart)."""
    with running_server() as base:
        yield base


def test_first_visit_to_a_fresh_server_by_deep_link_gets_the_whole_app(browser, fresh_server):
    """A shared link to a page, the first request a restarted server sees, must still read its filters.

    Streamlit treats a folder called pages/ beside the entry script as a legacy multipage app until
    st.navigation has run once in the process; until then a deep link ran the page file on its own,
    without app.py (no filters, no URL parsing, the legacy sidebar). The page scripts therefore live in
    views/; this test guards that, visiting a page before anyone has opened the entry page.
    """
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{fresh_server}/regioner?year={SCRIPT}&region=14", wait_until="domcontentloaded")
        wait_for_app(page)
        assert page.locator(EXCEPTION).count() == 0
        assert url_warnings(page) == ["year"]
        nav = page.locator("[data-testid='stSidebarNav'] a").all_inner_texts()
        titles = [spec.title("sv") for spec in PAGES]
        assert [n.split("\n")[-1].strip() for n in nav] == titles, nav
        assert query_of(page.url) == {"region": ["14"]}
    finally:
        context.close()


BOOM = """
import streamlit as st

st.title("Före felet")
raise RuntimeError("INTERNAL-MARKER /srv/secret/path.py password=hunter2")
"""


def test_a_crash_shows_visitors_no_internals(browser, tmp_path):
    """With the project's settings a failing script shows a generic message: no type, text or traceback."""
    script = tmp_path / "boom.py"
    script.write_text(textwrap.dedent(BOOM), encoding="utf-8")
    with running_server(script=script) as base:  # with the project's .streamlit/config.toml, as the app
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(base, wait_until="domcontentloaded")
            wait_for_app(page)
            assert page.get_by_text("Före felet").count() == 1
            assert page.locator(EXCEPTION).count() == 1, "the forced error did not happen"
            text = page.locator("[data-testid='stApp']").inner_text()
            for internal in ("INTERNAL-MARKER", "hunter2", "/srv/secret", "RuntimeError", "Traceback", "boom.py",
                             str(tmp_path)):
                assert internal not in text, f"{internal!r} shown to the visitor"
        finally:
            context.close()


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_the_running_server_refuses_uploads_without_an_xsrf_token(server_url, method):
    """XSRF protection as the server actually applies it (tests/test_setup.py reads the setting itself)."""
    body = b"--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n1\r\n--x--\r\n"
    request = urllib.request.Request(f"{server_url}/_stcore/upload_file/some-session/some-file", method=method,
                                     data=body if method == "PUT" else None,
                                     headers={"Content-Type": "multipart/form-data; boundary=x"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request, timeout=10)  # the test's own local server
    assert err.value.code == 403
    assert b"XSRF" in err.value.read()
