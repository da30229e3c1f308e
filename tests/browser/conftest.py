"""Headless-Chromium fixtures: one Streamlit server per test session, one fresh page per test.

Chromium comes from Debian's package (apt-get install chromium), driven by the PyPI playwright
package; Playwright's own browser download cannot work on these machines. Where chromium is
absent the browser tests are skipped with instructions, except under CI (CI set), where that
is a failure: a green run must never hide tests that did not run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"

# Without the background-networking flags Chromium tries to reach Google's hosts at start-up;
# on a closed network that costs time and pollutes the request log.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def require_chromium() -> str:
    path = chromium_path()
    if path:
        return path
    message = ("Debian's chromium is not installed, so the browser tests cannot run. "
               "Install it with: sudo apt-get install -y chromium")
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set: a missing browser is a failure, not a skip)", pytrace=False)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, env_extra: dict[str, str] | None = None,
                 script: Path = ROOT / "app.py", cwd: Path = ROOT, args: tuple[str, ...] = ()) -> subprocess.Popen:
    # From the project folder, so its .streamlit/config.toml applies to any script served.
    env = dict(os.environ, **(env_extra or {}))
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
           *args]
    # The log goes to an unnamed temporary file: a pipe nobody reads would fill up during a long session and
    # stall the server mid-run. wait_healthy shows its end if the server dies.
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    proc.log = log
    return proc


def server_log(proc: subprocess.Popen, limit: int = 3000) -> str:
    log = getattr(proc, "log", None)
    if log is None:
        return ""
    log.seek(0)
    return log.read().decode(errors="replace")[-limit:]


def wait_healthy(base_url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{server_log(proc)}")
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as resp:  # localhost only
                if resp.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not answer {base_url}/_stcore/health within {timeout} s")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log = getattr(proc, "log", None)
    if log is not None:
        log.close()


@contextlib.contextmanager
def running_server(env_extra: dict[str, str] | None = None, script: Path = ROOT / "app.py", cwd: Path = ROOT,
                   base_path: str = "", log: list | None = None):
    """A Streamlit server of `script` on a free local port, for as long as the block runs; yields its URL
    (with the base path, if one is given as server.baseUrlPath). `log`, if given, receives the server's
    output when the block ends."""
    port = free_port()
    args = ("--server.baseUrlPath", base_path) if base_path else ()
    proc = start_server(port, env_extra, script, cwd, args)
    base = f"http://127.0.0.1:{port}" + (f"/{base_path}" if base_path else "")
    try:
        wait_healthy(base, proc)
        yield base
    finally:
        if log is not None:
            log.append(server_log(proc, limit=100_000))
        stop_server(proc)


@pytest.fixture(scope="session")
def server_url(ds) -> str:
    """One server for the whole session, serving the real curated data."""
    with running_server() as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class RecordedPage:
    """A page plus every request it made, so tests can assert nothing left the app's own host."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.requests: list[str] = []
        page.on("request", lambda req: self.requests.append(req.url))

    def foreign_requests(self) -> list[str]:
        own = urlparse(self.base_url).netloc
        out = []
        for url in self.requests:
            parsed = urlparse(url)
            if parsed.scheme in ("data", "blob", "about"):
                continue
            if parsed.netloc != own:
                out.append(url)
        return out

    def goto(self, path: str, timeout: float = 60_000) -> None:
        self.page.goto(self.base_url + path, wait_until="domcontentloaded", timeout=timeout)
        wait_for_app(self.page, timeout)


def wait_for_app(page, timeout: float = 60_000) -> None:
    """Wait the way Streamlit's own e2e tests do: connected, and the script has finished."""
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    # Charts are drawn after the script finishes; give Plotly a moment to mount.
    page.wait_for_timeout(300)


def wait_for_charts(page, timeout: float = 30_000) -> int:
    """Wait until every Plotly chart on the page has drawn its SVG; return how many there are."""
    charts = page.locator("[data-testid='stPlotlyChart']")
    count = charts.count()
    for i in range(count):
        charts.nth(i).locator(".main-svg").first.wait_for(state="attached", timeout=timeout)
    return count


@pytest.fixture()
def app_page(browser, server_url, request):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="sv-SE")
    page = context.new_page()
    recorded = RecordedPage(page, server_url)
    yield recorded
    context.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
