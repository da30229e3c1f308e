"""Every page in headless Chromium, on a laptop and a phone: charts drawn, no error box, no request to
another host, no serious or critical axe-core violation, and screenshots in tests/artifacts/ to look at.

One Streamlit server serves the whole session (conftest.server_url).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from components.navigation import PAGES, PageSpec
from tests.browser.conftest import ARTIFACTS, RecordedPage, wait_for_app, wait_for_charts

pytestmark = pytest.mark.browser

EXCEPTION = "[data-testid='stException']"
CHART = "[data-testid='stPlotlyChart']"
# What each page opens with, and how many charts it must draw.
CASES = {
    "": ("", 2),
    "regioner": ("", 2),
    "over-tid": ("", 1),
    "fokusomraden": ("", 3),
    "regionprofil": ("?region=14", 1),
    "data": ("", 0),
    "om": ("", 0),
}
WIDTHS = {"laptop": (1366, 900), "tablet": (820, 1180), "phone": (390, 844)}


def _slug(spec: PageSpec) -> str:
    return spec.url_path or "oversikt"


class Contexts:
    """One browser context per screen size: the pages of a module share the cached JavaScript bundle."""

    def __init__(self, browser):
        self.browser = browser
        self.made: dict[tuple[int, int], object] = {}

    def get(self, width: int, height: int):
        if (width, height) not in self.made:
            self.made[(width, height)] = self.browser.new_context(viewport={"width": width, "height": height},
                                                                  locale="sv-SE")
        return self.made[(width, height)]

    def close(self) -> None:
        for context in self.made.values():
            context.close()


@pytest.fixture(scope="module")
def contexts(browser):
    made = Contexts(browser)
    yield made
    made.close()


@pytest.fixture()
def open_at(contexts, server_url):
    """Open a path in a fresh tab (a fresh Streamlit session) at a given viewport."""
    pages = []

    def go(path: str, width: int, height: int) -> RecordedPage:
        page = RecordedPage(contexts.get(width, height).new_page(), server_url)
        pages.append(page.page)
        page.goto(path)
        return page

    yield go
    for page in pages:
        page.close()


def wait_for_chart_count(page, expected: int, timeout: float = 30_000) -> None:
    if expected:
        # A function, not a bare expression: Playwright runs an expression through eval(), which the
        # app's Content-Security-Policy (no 'unsafe-eval') refuses.
        page.wait_for_function(f"() => document.querySelectorAll(\"{CHART}\").length >= {expected}",
                               timeout=timeout)
    assert wait_for_charts(page, timeout) == expected


def save_screenshot(page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its main block, so grow the viewport to the content first."""
    size = page.viewport_size
    height = page.evaluate("() => (document.querySelector('[data-testid=stMain]') || document.body).scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 16_000)})
    page.wait_for_timeout(600)  # Plotly redraws at the new size
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes'][:3]]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("device", list(WIDTHS))
@pytest.mark.parametrize("spec", PAGES, ids=_slug)
def test_page_draws_without_errors_or_outside_requests_and_passes_axe(open_at, spec, device):
    query, charts = CASES[spec.url_path]
    width, height = WIDTHS[device]
    recorded = open_at(f"/{spec.url_path}{query}", width, height)
    page = recorded.page
    wait_for_chart_count(page, charts)
    assert page.locator(EXCEPTION).count() == 0
    assert page.get_by_role("heading", level=1).first.inner_text().strip()
    # Every chart has an accessible name (its alt text) and a title with unit and year above it.
    for i in range(charts):
        assert page.locator(CHART).nth(i).get_attribute("aria-label")
    assert serious_violations(page) == []
    # Nothing wider than the screen except inside scrollable grids and charts.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width + 1
    save_screenshot(page, f"{_slug(spec)}_{width}")
    assert recorded.foreign_requests() == [], recorded.foreign_requests()


def test_the_region_profile_draws_a_bar_for_every_year(open_at):
    # Västra Götaland: decided money 2023-2026 and the estimated primary-care share of 2026, five bars in all,
    # each with a height (a bar without a value is drawn as an empty path). Once only the first year's was.
    page = open_at("/regionprofil?region=14", 1366, 900).page
    wait_for_chart_count(page, 1)
    heights = page.evaluate("""() => [...document.querySelectorAll(
        "[data-testid='stPlotlyChart'] .barlayer .point path")].map(p => p.getBBox().height)""")
    assert len(heights) == 5 and all(h > 10 for h in heights), heights


def test_opening_a_link_restores_the_view_and_normalises_the_address(open_at):
    recorded = open_at("/over-tid?region=14,01&unit=capita&lang=en", 1366, 900)
    page = recorded.page
    wait_for_chart_count(page, 1)
    titles = page.locator("[data-testid='stMain']").get_by_role("heading", level=2).all_inner_texts()
    assert any("Stockholm, Västra Götaland, SEK per inhabitant" in t for t in titles), titles
    assert parse_qs(urlparse(page.url).query) == {"region": ["01", "14"], "unit": ["capita"], "lang": ["en"]}
    assert recorded.foreign_requests() == []


def test_switching_language_and_page_keeps_the_view_in_the_address(open_at):
    recorded = open_at("/?year=2025", 1366, 900)
    page = recorded.page
    wait_for_chart_count(page, 2)
    page.get_by_text("English", exact=True).click()
    page.get_by_role("heading", name="State grants for mental health", level=1).wait_for()
    wait_for_app(page)
    assert parse_qs(urlparse(page.url).query) == {"year": ["2025"], "lang": ["en"]}
    page.get_by_role("link", name="Regions").click()
    page.get_by_role("heading", name="Regions", level=1).wait_for()
    wait_for_app(page)
    wait_for_chart_count(page, 2)
    assert urlparse(page.url).path == "/regioner"
    assert parse_qs(urlparse(page.url).query) == {"year": ["2025"], "lang": ["en"]}
    assert page.get_by_role("heading", name="The regions ranked, SEK per inhabitant, 2025").count() == 1
    assert page.evaluate("() => document.documentElement.lang") == "en"
    assert page.title() == "Regions – State grants for mental health"
    assert page.locator(EXCEPTION).count() == 0


def test_a_bad_link_warns_without_echoing_the_value(open_at):
    recorded = open_at("/regioner?region=%3Cimg%20src%3Dx%3E&year=2025", 1366, 900)
    page = recorded.page
    wait_for_chart_count(page, 2)
    alerts = page.locator("[data-testid='stAlert']").all_inner_texts()
    assert any("”region”" in a for a in alerts), alerts
    assert page.locator("img[src='x']").count() == 0
    assert "<img" not in page.locator("[data-testid='stMain']").inner_text()
    assert parse_qs(urlparse(page.url).query) == {"year": ["2025"]}
    assert recorded.foreign_requests() == []


def test_a_charts_table_and_downloads_open_from_the_keyboard(open_at, ds):
    # The table and its download buttons are drawn only when "Visa som tabell" is opened (a rerun), so the
    # charts draw first; this is the path a reader takes, keyboard only.
    recorded = open_at("/over-tid?region=14", 1366, 900)
    page = recorded.page
    wait_for_chart_count(page, 1)
    box = page.locator("[data-testid='stMain'] [data-testid='stExpander']").first
    assert box.locator("[data-testid='stDataFrame']").count() == 0
    box.locator("summary").focus()
    page.keyboard.press("Enter")
    box.locator("[data-testid='stDataFrame']").wait_for(timeout=30_000)
    wait_for_app(page)
    # One row per year and status of Västra Götaland's own money (2023, 2024, 2025, 2026 decided, 2026
    # estimated) plus the header row; the table's download holds exactly those rows, the other button every
    # tidy row behind the chart.
    assert box.locator("[role='grid']").get_attribute("aria-rowcount") == "6"
    assert box.get_by_role("button", name="Ladda ned tabellen (5 rader)").count() == 1
    rows = int(((ds.view["region_code"] == "14") & (ds.view["status"] != "announced")).sum())
    assert box.get_by_role("button", name=f"Ladda ned underliggande data ({rows} rader)").count() == 1
    assert page.locator(EXCEPTION).count() == 0
    assert recorded.foreign_requests() == []


# Where the grid's active cell is on screen: the canvas's top plus its row (assets/app.js follows the same rule).
ACTIVE_ROW_TOP = """() => {
  const cell = document.activeElement;
  const row = +/^glide-cell-\\d+-(\\d+)$/.exec(cell.id)[1];
  const canvas = cell.closest("[data-testid='stDataFrame']").querySelector("canvas[data-testid='data-grid-canvas']");
  const box = canvas.getBoundingClientRect();
  const rows = +cell.closest("table").getAttribute("aria-rowcount");
  return box.top + (row + 1) * box.height / rows;
}"""


# Below Streamlit's header, which stays over the page's top (opaque on a phone).
HEADER_BOTTOM = "() => document.querySelector(\"[data-testid='stHeader']\").getBoundingClientRect().bottom"


@pytest.mark.parametrize("width,height", [(1366, 900), (390, 844)], ids=["laptop", "phone"])
def test_the_arrow_keys_in_a_charts_table_keep_the_active_cell_on_screen(open_at, width, height):
    # A chart's table is drawn at its full height, so the grid has nothing of its own to scroll: without
    # assets/app.js following the focus, the cell went below the screen (36 rows on Över tid), and back up,
    # under the header.
    page = open_at("/over-tid", width, height).page
    wait_for_chart_count(page, 1)
    box = page.locator("[data-testid='stMain'] [data-testid='stExpander']").first
    box.locator("summary").click()
    box.locator("[data-testid='stDataFrame']").wait_for(timeout=30_000)
    wait_for_app(page)
    assert box.locator("[role='grid']").get_attribute("aria-rowcount") == "37"
    box.locator("canvas[data-testid='data-grid-canvas']").focus()
    for presses, key, row in ((30, "ArrowDown", 30), (30, "ArrowUp", 0)):
        for _ in range(presses):
            page.keyboard.press(key)
        page.wait_for_function(f"() => document.activeElement.id === 'glide-cell-0-{row}'", timeout=10_000)
        page.wait_for_timeout(300)
        top = page.evaluate(ACTIVE_ROW_TOP)
        assert page.evaluate(HEADER_BOTTOM) <= top <= height - 35, (key, top)
