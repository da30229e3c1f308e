"""The HTTP layer (web/) in headless Chromium: a fresh clone started with plain `streamlit run app.py`,
the app behind a proxy at a sub-path, and on every page the security headers, a Content-Security-Policy
that nothing violates, compressed bundles and the app's own script.
"""

from __future__ import annotations

import re
import shutil
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from websockets.sync.client import connect

from components.navigation import PAGES
from funding.text import t
from tests.browser.conftest import ROOT, running_server, screenshot, wait_for_app
from tests.browser.test_pages import CASES, wait_for_chart_count
from web import icons
from web.assets import ASSETS_DIR

pytestmark = pytest.mark.browser

EXCEPTION = "[data-testid='stException']"
CHART = "[data-testid='stPlotlyChart']"
# Collected from the first script on: the policy applies before any of the app's own code runs.
LISTEN_FOR_POLICY = """
window.__policyViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__policyViolations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`), true);
"""
SAFE_HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy", "permissions-policy",
                "cross-origin-opener-policy", "x-frame-options")
FIRST_VISIT_LIMIT = 2_500_000


def _get(url: str, encoding: str = "identity") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request, timeout=30) as resp:  # the test's own local server
        return resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()


def _check_safe_headers(headers: dict[str, str], where: str) -> None:
    missing = [h for h in SAFE_HEADERS if h not in headers]
    assert not missing, f"{where} lacks {missing}"
    policy = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy, where
    assert "'unsafe-eval'" not in policy and "script-src 'self'" in policy, where
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0], where
    assert headers["x-content-type-options"] == "nosniff", where
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin", where


def _page_path(spec) -> str:
    return f"/{spec.url_path}{CASES[spec.url_path][0]}"


# Headers ------------------------------------------------------------------------------------------------


def test_every_response_carries_the_safe_headers(server_url):
    for spec in PAGES:
        status, headers, body = _get(server_url + _page_path(spec))
        assert status == 200 and headers["content-type"].startswith("text/html")
        _check_safe_headers(headers, spec.url_path or "/")
        # The page shell names the app's own script and stylesheet, by content-hashed URL.
        assert b'<script defer src="./_app/app.js?v=' in body and b'href="./_app/app.css?v=' in body
        assert int(headers["content-length"]) == len(body)
    bundle = _entry_script(server_url)
    for url in (f"{server_url}/{bundle}", f"{server_url}/_stcore/health", f"{server_url}/_app/app.js",
                f"{server_url}/_app/sw.js", f"{server_url}/_app/late/shell", f"{server_url}/_app/late/data"):
        _, headers, _ = _get(url)
        _check_safe_headers(headers, url)
    # The websocket handshake's answer too (it is an HTTP response, though no browser applies a policy to it).
    ws_url = server_url.replace("http://", "ws://") + "/_stcore/stream"
    with connect(ws_url, origin=server_url, subprotocols=["streamlit"], open_timeout=30) as ws:
        handshake = {k.lower(): v for k, v in ws.response.headers.raw_items()}
    _check_safe_headers(handshake, "the websocket handshake")


def _entry_script(server_url: str) -> str:
    """Streamlit's entry script, which the page shell names for app.js to start (web/bundle.defer_shell)."""
    _, _, shell = _get(server_url + "/")
    names = re.search(rb'<meta name="app-shell" content="([^"]+)"', shell)[1].split()
    return f"static/js/{names[0].decode()}"


def test_static_bundles_come_compressed_once_and_cacheable(server_url):
    bundle = _entry_script(server_url)
    _, plain_headers, plain = _get(f"{server_url}/{bundle}")
    assert "content-encoding" not in plain_headers
    etags = {}
    for coding in ("br", "gzip"):
        _, headers, body = _get(f"{server_url}/{bundle}", coding)
        assert headers["content-encoding"] == coding
        assert int(headers["content-length"]) == len(body) < len(plain) / 2
        assert headers["vary"] == "Accept-Encoding"
        assert headers["cache-control"] == plain_headers["cache-control"]
        assert "immutable" in headers["cache-control"]
        assert headers["content-type"] == plain_headers["content-type"]
        assert headers["etag"] not in (plain_headers["etag"], "", *etags.values())
        etags[coding] = headers["etag"]
        _check_safe_headers(headers, f"{bundle} ({coding})")
    # A browser that has the file revalidates it without receiving it again.
    request = urllib.request.Request(f"{server_url}/{bundle}",
                                     headers={"Accept-Encoding": "br", "If-None-Match": etags["br"]})
    with pytest.raises(urllib.error.HTTPError) as not_modified:
        urllib.request.urlopen(request, timeout=30)  # the test's own local server; urllib raises on 304
    assert not_modified.value.code == 304


# Every page under the policy ------------------------------------------------------------------------------


# The tooltips of the charts' toolbars, each once, sorted.
TOOLBAR_TITLES = "() => [...new Set([...document.querySelectorAll('.modebar-btn')].map(b => b.dataset.title))].sort()"


def test_every_page_draws_under_the_policy_with_the_apps_own_script(browser, server_url):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="sv-SE")
    context.add_init_script(LISTEN_FOR_POLICY)
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text))
    try:
        for spec in PAGES:
            page.goto(server_url + _page_path(spec), wait_until="domcontentloaded")
            wait_for_app(page)
            wait_for_chart_count(page, CASES[spec.url_path][1])
            page.wait_for_timeout(500)  # late work: map workers, fonts
            where = spec.url_path or "/"
            assert page.locator(EXCEPTION).count() == 0, where
            assert page.evaluate("window.__policyViolations") == [], where
            assert page.locator("html").get_attribute("data-app-script") == "loaded", where
        # Plotly's own PNG export draws through blob: and data: images: the policy must let it.
        page.goto(server_url + "/regioner", wait_until="domcontentloaded")
        wait_for_app(page)
        wait_for_chart_count(page, 2)
        # Every toolbar tooltip in Swedish (assets/app.js): a new English one after an upgrade fails here.
        page.wait_for_function(f"({TOOLBAR_TITLES})().includes('Ladda ned diagrammet som PNG')", timeout=10_000)
        assert page.evaluate(TOOLBAR_TITLES) == ["Helskärm", "Ladda ned diagrammet som PNG", "Zooma in", "Zooma ut",
                                         "Återställ vyn"]
        chart = page.locator(CHART).first
        chart.hover()
        with page.expect_download(timeout=30_000) as download:
            chart.locator(".modebar-btn[data-title='Ladda ned diagrammet som PNG']").click()
        assert Path(download.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert page.evaluate("window.__policyViolations") == []
    finally:
        context.close()
    assert not [m for m in console if "Content Security Policy" in m or "Content-Security-Policy" in m], console


@pytest.mark.parametrize("path", ["/", "/regionprofil?region=14"])
def test_a_first_visit_transfers_at_most_two_and_a_half_megabytes(browser, server_url, path):
    """Bytes on the wire (CDP's encodedDataLength: headers and compressed bodies) for a first visit in a fresh
    browser profile, until its charts are drawn: the start page, and the region profile, the page with the
    most to fetch (a chart and two data grids). About 7.7 MB before the bundles were compressed; the
    profile 2.70 MB before the icon font was cut down (web/icons.py), 2.35 MB before the client's code came in
    two bundles (web/bundle.py)."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    sizes: dict[str, int] = {}
    urls: dict[str, tuple[str, str]] = {}
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    cdp.on("Network.responseReceived", lambda e: urls.__setitem__(
        e["requestId"], (e["response"]["url"], {k.lower(): v for k, v in e["response"]["headers"].items()}
                         .get("content-encoding", ""))))
    try:
        page.goto(server_url + path, wait_until="domcontentloaded")
        wait_for_app(page)
        wait_for_chart_count(page, CASES[urlparse(path).path.strip("/")][1])
        page.wait_for_timeout(1000)
        total = sum(sizes.values())
        # Files under 1 kB are sent as they are (web/precompress.py); anything bigger must come compressed: the
        # client's code in its two bundles (web/bundle.py) and Plotly's chunk.
        scripts = {urlparse(url).path: coding for rid, (url, coding) in urls.items()
                   if ("/static/js/" in url or "/_app/late/" in url) and sizes.get(rid, 0) > 4096}
        fonts = {urlparse(url).path.rsplit("/", 1)[-1]: sizes.get(rid, 0) for rid, (url, _) in urls.items()
                 if "MaterialSymbols" in url}
    finally:
        context.close()
    print(f"\nfirst visit of {path}: {len(sizes)} requests, {total:,} bytes transferred")
    late = "/_app/late/" + (urlparse(path).path.strip("/") or "start")
    assert {"/_app/late/shell", late} < set(scripts) and set(scripts.values()) == {"br"}, scripts
    assert any(p.startswith("/static/js/PlotlyChart.") for p in scripts), scripts
    assert len(fonts) == 1 and max(fonts.values()) < 20_000, fonts  # the cut-down icon font, once
    assert total <= FIRST_VISIT_LIMIT, f"{total:,} bytes"


# Icons ---------------------------------------------------------------------------------------------------

# Every leaf element drawn in the icon font: its text (the icon's name), the width of that text as drawn and
# the font size. A ligature the font has is one glyph, as wide as the font size; a name it lacks is drawn as
# a word, many times wider. (The text's own width: Streamlit's icon box has a fixed width and lets a word spill.)
ICON_ELEMENTS = """() => [...document.querySelectorAll("body *")]
  .filter(el => !el.children.length && getComputedStyle(el).fontFamily.includes("Material Symbols"))
  .map(el => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return {text: el.textContent.trim(), width: range.getBoundingClientRect().width,
            size: parseFloat(getComputedStyle(el).fontSize)};
  })"""
# Every name of the subset, drawn at 40 px in the icon font once the font has loaded: the widths.
DRAW_NAMES = """async (names) => {
  await document.fonts.load('40px "Material Symbols Rounded"', names.join(" "));
  const box = document.createElement("div");
  document.body.append(box);
  const widths = {};
  for (const name of names) {
    const span = document.createElement("span");
    span.style.cssText = 'font: 40px "Material Symbols Rounded"; font-feature-settings: "liga";' +
                         'white-space: nowrap; position: absolute; left: 0; top: 0';
    span.textContent = name;
    box.append(span);
    widths[name] = span.getBoundingClientRect().width;
  }
  box.remove();
  return widths;
}"""


def test_every_icon_draws_as_one_glyph_from_the_cut_down_font(browser, server_url):
    """Streamlit's interface and the app's icons on the pages, at a laptop's and a phone's width, come from
    the subset (web/icons.py), and none shows as its name: each is one glyph wide and among the subset's names.
    Then every name the subset keeps is drawn, so a name the record lists but the font lacks fails too."""
    record = icons.Record.read(ASSETS_DIR / icons.RECORD_FILE)
    kept = set(record.names)
    seen: dict[str, set[str]] = {}
    for width, height, paths in ((1366, 900, [_page_path(spec) for spec in PAGES]),
                                 (390, 844, ["/regionprofil?region=14", "/data"])):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="sv-SE")
        page = context.new_page()
        responses: list = []
        page.on("response", lambda response, into=responses: into.append(response))
        try:
            for path in paths:
                page.goto(server_url + path, wait_until="domcontentloaded")
                wait_for_app(page)
                wait_for_chart_count(page, CASES[urlparse(path).path.strip("/")][1])
                page.evaluate("document.fonts.ready.then(() => true)")
                where = f"{path} at {width} px"
                for element in page.evaluate(ICON_ELEMENTS):
                    seen.setdefault(element["text"], set()).add(where)
                    assert element["text"] in kept, f"{where}: {element['text']!r} is not in the subset"
                    assert element["width"] <= 1.25 * element["size"], f"{where}: {element} drawn as text"
                if path in ("/regionprofil?region=14", "/data"):
                    screenshot(page, f"icons_{urlparse(path).path.strip('/')}_{width}")
            widths = page.evaluate(DRAW_NAMES, sorted(kept))
        finally:
            context.close()
        wide = {name: w for name, w in widths.items() if not 30 <= w <= 44}
        assert not wide, f"names the subset does not draw as one 40 px glyph: {wide}"
        # Streamlit's font file was asked for and answered with the subset (a 304 on later pages: no body).
        answers = [(r.status, r.headers.get("content-length")) for r in responses
                   if "MaterialSymbols" in r.url]
        assert answers and answers[0][0] == 200, answers
        assert all(status == 304 or int(length) < 20_000 for status, length in answers), answers
    # What the pages showed: the navigation's icons, the sidebar's collapse (laptop) and expand (phone).
    assert {"map", "timeline", "keyboard_double_arrow_left", "keyboard_double_arrow_right"} <= set(seen), seen


@pytest.mark.parametrize("path", ["regioner", "data", "regionprofil?region=14"])
def test_a_deep_link_asks_no_detour_and_a_chart_page_names_plotly_first(browser, server_url, path):
    """assets/app.js and web/preload.py: on a first visit of a deep link, Streamlit's client goes straight to
    /_stcore/ (it used to try /regioner/_stcore/health first: a round trip lost), and a chart page's shell
    names Plotly's chunk, which the page then loads, so its 1,2 MB start with the client, not after it."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(urlparse(r.url).path))
    try:
        shell = page.goto(f"{server_url}/{path}", wait_until="domcontentloaded").text()
        wait_for_app(page)
        page.wait_for_timeout(1000)
    finally:
        context.close()
    page_path = "/" + path.split("?")[0]
    assert not [r for r in requested if r.startswith(page_path + "/_stcore/")], requested
    assert "/_stcore/health" in requested
    # The shell as served (the client adds links of its own later, for what it loads lazily).
    named = re.findall(r'<link rel="modulepreload" crossorigin href="\./static/js/(PlotlyChart\.[\w\-]+\.js)">', shell)
    loaded = [r.rsplit("/", 1)[1] for r in requested if "/static/js/PlotlyChart." in r]
    if path == "data":
        assert named == [] and loaded == []
    else:
        assert len(named) == 1 and named == loaded


def _code_a_visit_loads(browser, url: str, route=None, workers: bool = True) -> dict:
    """One first visit: the page shell as served, the late preload links app.js added (their file names, in
    order), every file of Streamlit's client the visit loaded and those the service worker answered, what asked
    for the late list, and how the client's code and the late list came (assets/app.js: shellVia, lateVia)."""
    context = browser.new_context(viewport={"width": 1366, "height": 900},
                                  service_workers="allow" if workers else "block")
    page = context.new_page()
    requested: list[str] = []
    from_worker: list[str] = []
    page.on("request", lambda r: requested.append(urlparse(r.url).path))
    page.on("response", lambda r: from_worker.append(urlparse(r.url).path) if r.from_service_worker else None)
    if route:
        page.route(lambda u: urlparse(u).path.endswith("/_app/app.js"), route)
    try:
        shell = page.goto(url, wait_until="domcontentloaded").text()
        wait_for_app(page)
        page.wait_for_load_state("networkidle")
        asked = page.eval_on_selector_all("link[fetchpriority='low']", "links => links.map(l => l.href)")
        marks = page.evaluate("() => Object.assign({}, document.documentElement.dataset)")
    finally:
        context.close()

    def names(paths):
        return {r.rsplit("/", 1)[1] for r in paths if re.search(r"/static/(js|css)/", r)}
    return {"shell": shell, "asked": [urlparse(a).path.rsplit("/", 1)[1] for a in asked],
            "loaded": names(requested), "from_worker": names(from_worker), "trigger": marks.get("latePreload"),
            "shell_via": marks.get("shellVia"), "late_via": marks.get("lateVia")}


@pytest.mark.parametrize("path", [spec.url_path + ("?region=14" if spec.url_path == "regionprofil" else "")
                                  for spec in PAGES])
def test_the_preload_lists_hold_all_the_code_a_page_loads(browser, server_url, path):
    """web/preload.py and web/bundle.py: the late list is exactly the code of Streamlit's client that the page's
    first run loads beyond the client's start-up files and the chunk preloaded first, asked for right after the
    client's host-config request. With a service worker (every current browser) the start-up files and the late
    list each come as one bundle and the worker answers every request for them; without one, app.js starts the
    client with Streamlit's own preloads and asks for the late list as links, in its order. A Streamlit release
    that needs another chunk, or no longer one of them, or renames that request, fails here rather than slowing a
    phone down unnoticed."""
    from web import bundle, preload
    from web.precompress import static_dir

    static = static_dir()
    url_path = path.split("?")[0]
    late, start_up = preload.late(static, url_path), bundle.shell_files(static)
    first = set(preload.chunks(static, url_path)) | set(start_up)

    visit = _code_a_visit_loads(browser, f"{server_url}/{path}")
    assert (visit["shell_via"], visit["late_via"], visit["trigger"]) == ("worker", "bundle", "host-config")
    in_shell = first | set(re.findall(r"static/(?:js|css)/([\w.\-]+\.(?:js|css))", visit["shell"]))
    assert visit["loaded"] - in_shell - set(late) == set(), f"/{url_path} loads code no list names"
    assert visit["asked"] == [] and set(start_up) | set(late) <= visit["from_worker"]
    assert visit["from_worker"] <= set(start_up) | set(late)  # nothing it was not told of

    visit = _code_a_visit_loads(browser, f"{server_url}/{path}", workers=False)
    assert visit["shell_via"].startswith("network") and visit["late_via"] == "links"
    assert late and visit["asked"] == list(late) and visit["from_worker"] == set()
    assert visit["loaded"] - in_shell - set(late) == set(), f"/{url_path} loads code no preload list names"

    def without_list(route):  # the same page with app.js not asking for the late list (the shell is untouched:
        # a document the test answered itself would count as another address space, and Chromium then blocks
        # its websocket to this machine)
        response = route.fetch()
        body = response.text().replace("var lateMeta = document.querySelector(\"meta[name='app-late-preload']\");",
                                       "var lateMeta = null;")
        assert "var lateMeta = null;" in body
        headers = {k: v for k, v in response.headers.items() if k not in ("content-encoding", "content-length")}
        route.fulfill(status=response.status, headers=headers, body=body)

    visit = _code_a_visit_loads(browser, f"{server_url}/{path}", without_list, workers=False)
    assert visit["asked"] == [] and visit["loaded"] - in_shell == set(late), \
        f"/{url_path}: the late list and the page differ"


def test_the_worker_serves_later_visits_and_a_page_it_may_not_serve_starts_without_waiting(browser, server_url):
    """assets/app.js and assets/sw.js: the first visit installs the worker, which takes the page; a later visit
    is served by it from its start; a page the worker may not serve (a forced reload, here DevTools' bypass)
    starts the client over the network at once instead of waiting for a worker that will not come."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    try:
        marks = []
        for path in ("/data", "/regioner", "/data"):
            if len(marks) == 2:
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.setBypassServiceWorker", {"bypass": True})
            page.goto(server_url + path, wait_until="domcontentloaded")
            wait_for_app(page)
            if path == "/regioner":
                wait_for_chart_count(page, CASES["regioner"][1])
            else:
                page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=60_000)
            assert page.locator(EXCEPTION).count() == 0
            marks.append(page.evaluate("() => [document.documentElement.dataset.shellVia,"
                                       " !!navigator.serviceWorker.controller, performance.now()]"))
    finally:
        context.close()
    assert [m[:2] for m in marks] == [["worker", True], ["worker", True], ["network-reload", False]], marks


@pytest.mark.parametrize("refused, expected", [("/_app/late/shell", "network-no-bundle"),
                                                ("/_app/app.js", "network-inline")])
def test_the_client_starts_without_its_bundle_and_even_without_app_js(browser, server_url, refused, expected):
    """What the page shell does when its start-up help is missing: without the bundle (a proxy that refuses it),
    app.js starts the client over the network at once; without app.js itself (a blocker, a network error), the
    shell's inline safety net (web/bundle.SAFETY_NET, allowed by its hash) starts it after 4 s. Either way the
    page draws, under the policy."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.add_init_script(LISTEN_FOR_POLICY)
    page = context.new_page()
    page.route(lambda u: urlparse(u).path == refused, lambda route: route.fulfill(status=404, body="refused"))
    try:
        page.goto(server_url + "/regioner", wait_until="domcontentloaded")
        wait_for_app(page)
        wait_for_chart_count(page, CASES["regioner"][1])
        assert page.locator(EXCEPTION).count() == 0
        assert page.locator("html").get_attribute("data-shell-via") == expected
        assert page.evaluate("window.__policyViolations") == []
        if refused.endswith("app.js"):
            assert page.locator("html").get_attribute("data-app-script") is None  # it really did not run
    finally:
        context.close()


# A fresh clone -------------------------------------------------------------------------------------------

# What a clone does not have: built data, environments, caches, test output.
NOT_IN_A_CLONE = {".git", ".venv", "curated", "__pycache__", ".pytest_cache", ".ruff_cache", "artifacts", "tmp"}


def test_a_fresh_clone_serves_its_first_chart_with_plain_streamlit_run(browser, tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(ROOT, repo, symlinks=True, ignore=lambda folder, names: [
        n for n in names if n in NOT_IN_A_CLONE or n.startswith(".curated.")])
    # The source documents are expected beside the repository (../shared/sources), as in a real checkout.
    (tmp_path / "shared").symlink_to((ROOT.parent / "shared").resolve())
    assert not (repo / "data" / "curated").exists()
    logs: list[str] = []
    with running_server(script=repo / "app.py", cwd=repo, log=logs) as base:
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        try:
            page = context.new_page()
            page.goto(base + "/", wait_until="domcontentloaded")
            wait_for_app(page)
            page.locator(f"{CHART} .main-svg").first.wait_for(state="attached", timeout=60_000)
            assert page.locator(EXCEPTION).count() == 0
            assert page.get_by_text(t("error_title", "sv")).count() == 0
        finally:
            context.close()
    assert (repo / "data" / "curated" / "manifest.json").exists()
    assert "Building the data for the first time" in logs[0]


# Behind a proxy at a sub-path ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sub_path_url(ds):
    with running_server(base_path="psykisk-halsa") as base:
        yield base


def test_under_a_sub_path_every_page_a_deep_link_the_map_and_a_download_work(browser, sub_path_url, ds):
    prefix = urlparse(sub_path_url).path
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="sv-SE")
    context.add_init_script(LISTEN_FOR_POLICY)
    page = context.new_page()
    try:
        for spec in PAGES:
            page.goto(sub_path_url + _page_path(spec), wait_until="domcontentloaded")
            wait_for_app(page)
            wait_for_chart_count(page, CASES[spec.url_path][1])
            assert page.locator(EXCEPTION).count() == 0, spec.url_path
            assert page.locator("html").get_attribute("data-app-script") == "loaded", spec.url_path
            # The service worker serves the pages under the sub-path too (its scope is the sub-path, not the host).
            assert page.locator("html").get_attribute("data-shell-via") == "worker", spec.url_path
        assert page.evaluate("navigator.serviceWorker.controller.scriptURL") == f"{sub_path_url}/_app/sw.js"

        # An address below a page is sent, relatively, to the page: still under the sub-path.
        page.goto(sub_path_url + "/regioner/x?year=2025&region=14", wait_until="domcontentloaded")
        wait_for_app(page)
        wait_for_chart_count(page, 2)
        # The map (MapLibre draws into a canvas, Plotly's layers into .main-svg).
        page.locator(f"{CHART} .main-svg, {CHART} canvas").first.wait_for(state="visible", timeout=30_000)
        assert page.locator(f"{CHART} canvas").count() >= 1
        address = urlparse(page.url)
        assert address.path == f"{prefix}/regioner"
        assert parse_qs(address.query) == {"year": ["2025"], "region": ["14"]}

        box = page.locator("[data-testid='stMain'] [data-testid='stExpander']").filter(
            has_text=t("show_table", "sv")).first
        box.locator("summary").click()
        button = box.get_by_role("button", name=re.compile("^Ladda ned tabellen"))
        button.wait_for(timeout=30_000)
        wait_for_app(page)
        rows = int(re.sub(r"\D", "", button.inner_text()))
        with page.expect_download(timeout=30_000) as download:
            button.click()
        assert urlparse(download.value.url).path.startswith(f"{prefix}/")
        text = Path(download.value.path()).read_bytes().decode("utf-8-sig")
        lines = text.strip().splitlines()
        assert lines[0].startswith("Region;Kr per invånare")  # the table as shown, CSV for Swedish Excel
        assert len(lines) == rows + 1 == 23  # 21 regions and the country
        assert lines[-1].startswith("Riket;")

        # Streamlit's skip link, the first Tab stop, in the interface's language (assets/app.js).
        skip = page.locator("[data-testid='stSkipToContent']")
        assert skip.text_content() == "Hoppa till sidans innehåll"
        # The language switch, still under the sub-path and with the filters kept.
        page.locator("[data-testid='stSidebar'] [data-testid='stRadio'] label").filter(has_text="English").click()
        page.get_by_role("link", name="Regions").first.wait_for(timeout=30_000)
        wait_for_app(page)
        page.wait_for_function("() => document.querySelector(\"[data-testid='stSkipToContent']\").textContent"
                               " === 'Skip to main content'", timeout=10_000)
        wait_for_chart_count(page, 2)
        address = urlparse(page.url)
        assert address.path == f"{prefix}/regioner"
        assert parse_qs(address.query) == {"year": ["2025"], "region": ["14"], "lang": ["en"]}
        # The toolbar's tooltips back in English, where Plotly and Streamlit drew them in English.
        page.wait_for_function(f"({TOOLBAR_TITLES})().includes('Download plot as a PNG')", timeout=10_000)
        assert page.evaluate(TOOLBAR_TITLES) == ["Download plot as a PNG", "Fullscreen", "Reset view", "Zoom in",
                                                 "Zoom out"]
        assert page.locator(EXCEPTION).count() == 0
        assert page.evaluate("window.__policyViolations") == []
    finally:
        context.close()
