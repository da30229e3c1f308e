"""Take the README's screenshots from the real app: every page in the navigation, in headless Chromium, at a
phone's, a tablet's and a laptop's width (390, 820, 1366 px), in Swedish and in English.

    make screenshots                  # starts its own server on a free port, writes docs/screenshots/*.png
    .venv/bin/python scripts/screenshots.py --url http://localhost:8501   # use a server that is already running

Files are named <page>_<width>.png, and <page>_<width>-en.png in English. Each shows the whole page: the
viewport grows to the height of the content (Streamlit scrolls inside its main block), up to --max-height.

Uses the same server start-up, Chromium flags and "app has finished" waits as the browser tests
(tests/browser/conftest.py), so a screenshot shows what the tests see. A page that shows a Streamlit
error stops the script: an error page must never end up in the README.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import (  # noqa: E402 (needs the repository on sys.path first)
    CHROMIUM_ARGS,
    chromium_path,
    free_port,
    start_server,
    stop_server,
    wait_for_app,
    wait_for_charts,
    wait_healthy,
)

# A page that is empty until something is chosen gets an address that chooses it. Västra Götaland (14) is the
# one region whose sources also cover 2023 and 2024, so its profile shows the most.
PAGE_QUERIES = {"regionprofil": "region=14"}

NAV_LINKS = ("a[data-testid='stSidebarNavLink'], a[data-testid='stTopNavLink'], "
             "a[data-testid='stTopNavDropdownLink']")


def shrink(path: Path) -> None:
    """Store the PNG with a 256-colour palette: about a third of the bytes, and the flat colours of these pages
    (text, bars, hatching) survive it; the screenshots are committed, so every clone carries them."""
    from PIL import Image  # Streamlit's own dependency

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def slug(url: str) -> str:
    path = urlparse(url).path.strip("/")
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "start"


def page_urls(page, base: str) -> list[str]:
    """The home page plus every page the navigation links to, in navigation order."""
    page.goto(base + "/", wait_until="domcontentloaded", timeout=60_000)
    wait_for_app(page)
    urls = [base + "/"]
    for href in page.locator(NAV_LINKS).evaluate_all("links => links.map(a => a.href)"):
        parsed = urlparse(href)
        url = base + (parsed.path or "/")
        if parsed.netloc == urlparse(base).netloc and url not in urls:
            urls.append(url)
    return urls


def settle_charts(page, timeout_ms: int = 10_000, quiet_ms: int = 1_000) -> None:
    """Wait until the number of charts stops changing: Plotly elements mount after the script has finished."""
    last, stable, waited = -1, 0, 0
    while waited < timeout_ms and stable < quiet_ms:
        count = page.locator("[data-testid='stPlotlyChart']").count()
        stable = stable + 200 if count == last else 0
        last = count
        page.wait_for_timeout(200)
        waited += 200


def grow_to_content(page, width: int, max_height: int) -> None:
    height = page.evaluate("() => (document.querySelector('[data-testid=stMain]') || document.body).scrollHeight")
    page.set_viewport_size({"width": width, "height": min(int(height) + 40, max_height)})
    page.wait_for_timeout(800)  # Plotly redraws at the new size


def shoot(base: str, out_dir: Path, width: int, height: int, query: str, suffix: str,
          max_height: int = 0) -> list[Path]:
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if not executable:
        sys.exit("Debian's chromium is not installed. Install it with: sudo apt-get install -y chromium")
    written = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": width, "height": height}, locale="sv-SE",
                                      device_scale_factor=1)
        page = context.new_page()
        for url in page_urls(page, base):
            params = "&".join(q for q in (PAGE_QUERIES.get(slug(url), ""), query) if q)
            target = url + (("?" + params) if params else "")
            page.goto(target, wait_until="domcontentloaded", timeout=60_000)
            wait_for_app(page)
            settle_charts(page)
            charts = wait_for_charts(page)
            page.wait_for_timeout(800)  # let Plotly finish its transitions so bars are not caught mid-way
            if max_height:
                grow_to_content(page, width, max_height)
            errors = page.locator("[data-testid='stException']")
            if errors.count():
                sys.exit(f"{target} shows an error; no screenshot taken:\n{errors.first.inner_text()[:500]}")
            path = out_dir / f"{slug(url)}{suffix}.png"
            page.screenshot(path=str(path))
            shrink(path)
            page.set_viewport_size({"width": width, "height": height})
            written.append(path)
            print(f"{path}  <- {target}  ({charts} charts)")
        context.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="base URL of a running app (default: start one on a free port)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--widths", default="390,820,1366", help="comma-separated viewport widths")
    parser.add_argument("--langs", default="sv,en", help="sv, en or both")
    parser.add_argument("--max-height", type=int, default=4000, help="tallest whole-page picture, px")
    args = parser.parse_args(argv)

    args.out.mkdir(parents=True, exist_ok=True)
    runs = [(int(w), lang) for w in args.widths.split(",") for lang in args.langs.split(",")]
    heights = {390: 844, 820: 1180}

    def take(base: str) -> None:
        for width, lang in runs:
            suffix = f"_{width}" + ("-en" if lang == "en" else "")
            for old in args.out.glob(f"*{suffix}.png"):
                old.unlink()  # a removed or renamed page must not leave its old picture behind
            shoot(base, args.out, width, heights.get(width, 900), "lang=en" if lang == "en" else "", suffix,
                  args.max_height)

    if args.url:
        take(args.url.rstrip("/"))
        return 0
    port = free_port()
    proc = start_server(port)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, proc)
        take(base)
    finally:
        stop_server(proc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
