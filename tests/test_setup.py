"""The set-up a visitor and a maintainer rely on: Streamlit's effective settings, exact pins, Makefile and CI.

The Streamlit settings are read the way `streamlit run` reads them (defaults, then ~/.streamlit, then the
project's .streamlit/config.toml, then STREAMLIT_* variables), in a child process with an empty home and no
STREAMLIT_* variables, so neither a developer's own config nor this test session can hide a bad value.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / ".streamlit" / "config.toml"

_READ_CONFIG = """
import json
from streamlit import config
options = config.get_config_options(force_reparse=True)
print(json.dumps({name: opt.value for name, opt in options.items()}, default=str))
"""


@pytest.fixture(scope="module")
def effective(tmp_path_factory) -> dict:
    home = tmp_path_factory.mktemp("home")
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    env["HOME"] = str(home)
    out = subprocess.run([sys.executable, "-c", _READ_CONFIG], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=True, timeout=120)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_no_usage_statistics(effective):
    assert effective["browser.gatherUsageStats"] is False


def test_visitors_never_see_internals(effective):
    # "none": a generic message in the browser; type, message and traceback only in the server log.
    assert effective["client.showErrorDetails"] == "none"
    # No links that would send error text to a search engine or chatbot.
    assert effective["client.showErrorLinks"] is False


def test_toolbar_is_minimal(effective):
    assert effective["client.toolbarMode"] == "minimal"


def test_the_runner_skips_work_no_page_needs(effective):
    # bench/README.md: the collection after every run cost about 100 ms of CPU; magic rewrote page sources.
    assert effective["runner.postScriptGC"] is False and effective["runner.magicEnabled"] is False


def test_streamlit_protections_stay_on(effective):
    assert effective["server.enableXsrfProtection"] is True
    assert effective["server.enableCORS"] is True
    assert effective["server.enableStaticServing"] is False


def test_uploads_are_effectively_off(effective):
    assert effective["server.maxUploadSize"] == 1
    widgets = re.compile(r"\b(file_uploader|camera_input|audio_input)\s*\(|accept_file\s*=")
    offenders = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in {".venv", "tests"} or any(p.startswith(".") for p in rel.parts[:-1]):
            continue
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if widgets.search(line):
                offenders.append(f"{rel}:{lineno}: {line.strip()}")
    assert offenders == [], "the dashboard must accept no files:\n" + "\n".join(offenders)


def _contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        rgb = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_theme_is_calm_and_readable(effective):
    assert effective["theme.base"] == "light"
    assert effective["theme.primaryColor"] == "#1f4e79"
    text, bg, panel = effective["theme.textColor"], effective["theme.backgroundColor"], \
        effective["theme.secondaryBackgroundColor"]
    # WCAG 2.1 AA for normal text is 4.5:1; the accent is used for links and selected controls.
    for fg, back in [(text, bg), (text, panel), (effective["theme.primaryColor"], bg),
                     (effective["theme.primaryColor"], panel), (effective["theme.linkColor"], bg)]:
        assert _contrast(fg, back) >= 4.5, f"{fg} on {back}: {_contrast(fg, back):.2f}:1"


def test_config_fetches_nothing_from_outside():
    # A font or theme given as a URL would make every visitor's browser call a third party.
    settings = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    values = json.dumps(settings)
    assert "://" not in values
    assert settings["theme"]["font"] == "sans-serif"
    assert "fontFaces" not in settings["theme"]


_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([0-9][^\s;#]*)$")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or line == "-r requirements.txt":
            continue
        match = _PIN.match(line)
        assert match, f"{path.name}: {line!r} is not an exact pin (name==version)"
        pins[_norm(match.group(1))] = match.group(2)
    return pins


def _arrow_pool_after_import(env_pool: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    if env_pool:
        env["ARROW_DEFAULT_MEMORY_POOL"] = env_pool
    code = "import components.data, pyarrow as pa; print(pa.default_memory_pool().backend_name)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    return done.stdout.strip().splitlines()[-1]


def test_the_server_keeps_arrow_memory_in_a_pool_that_gives_it_back():
    """components/data.py: jemalloc (or the system's allocator), not pyarrow's default mimalloc, which kept
    50-60 MB more with 10 sessions at 100x the data (bench/README.md); an operator's own choice stays."""
    import pyarrow as pa

    try:
        pa.jemalloc_memory_pool()
        expected = "jemalloc"
    except NotImplementedError:
        expected = "system"
    assert _arrow_pool_after_import(None) == expected
    assert _arrow_pool_after_import("mimalloc") == "mimalloc"


def test_requirements_are_exact_pins():
    runtime = _pins(ROOT / "requirements.txt")
    test = _pins(ROOT / "requirements-test.txt")
    assert set(runtime) == {"streamlit", "pandas", "plotly", "pyarrow", "openpyxl", "brotli"}
    assert {"pytest", "pytest-xdist", "ruff", "playwright", "axe-playwright-python", "psutil"} <= set(test)
    assert "-r requirements.txt" in (ROOT / "requirements-test.txt").read_text(encoding="utf-8")


def test_lock_agrees_with_pins_and_with_this_environment():
    lock = _pins(ROOT / "requirements-lock.txt")
    direct = _pins(ROOT / "requirements.txt") | _pins(ROOT / "requirements-test.txt")
    for name, version in direct.items():
        assert lock.get(name) == version, f"{name}: requirements say {version}, lock says {lock.get(name)}"
    drift = []
    for name, version in lock.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
        if installed != version:
            drift.append(f"{name}: installed {installed}, locked {version}")
    assert drift == [], "the environment differs from requirements-lock.txt (rm -rf .venv; make test):\n" + \
        "\n".join(drift)


def test_ci_script_installs_chromium_then_runs_make_test():
    script = ROOT / ".ci" / "run"
    assert os.access(script, os.X_OK)
    text = script.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
    assert "apt-get install" in text and "chromium" in text
    commands = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    # pytest's summary must be the last line CI prints.
    assert re.fullmatch(r"make( --no-print-directory)? test", commands[-1])


@pytest.fixture()
def make_tree(tmp_path):
    """A copy of what the Makefile looks at, with .venv standing in for an installed environment."""
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    for name in ("Makefile", "requirements.txt", "requirements-test.txt", "requirements-lock.txt"):
        shutil.copy2(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "data" / "raw", tmp_path / "data" / "raw")
    shutil.copytree(ROOT / "funding", tmp_path / "funding", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "python").symlink_to(sys.executable)
    (tmp_path / "data" / "curated").mkdir()
    inputs = [p for p in tmp_path.rglob("*") if p.is_file() and ".venv" not in p.parts]
    for path in inputs:
        os.utime(path, (1_000_000, 1_000_000))
    for stamp in (".venv/.stamp-runtime", ".venv/.stamp-test", "data/curated/manifest.json"):
        (tmp_path / stamp).touch()
        os.utime(tmp_path / stamp, (2_000_000, 2_000_000))
    return tmp_path


def _dry_run(tree: Path, target: str) -> str:
    out = subprocess.run(["make", "--no-print-directory", "-n", target], cwd=tree, capture_output=True,
                         text=True, check=True, timeout=60)
    return out.stdout


def test_second_make_run_neither_reinstalls_nor_rebuilds(make_tree):
    plan = _dry_run(make_tree, "run")
    assert "pip install" not in plan and "funding build" not in plan and "venv" not in plan.replace(".venv/", "")
    command = plan.replace("\\\n", " ").split()
    assert command[:5] == [".venv/bin/python", "-m", "streamlit", "run", "app.py"]
    assert "--server.port 8501" in " ".join(command) and "--browser.gatherUsageStats false" in " ".join(command)


def test_port_can_be_overridden(make_tree):
    out = subprocess.run(["make", "-n", "run", "PORT=9123"], cwd=make_tree, capture_output=True, text=True,
                         check=True, timeout=60)
    assert "--server.port 9123" in out.stdout


def test_changed_raw_file_rebuilds_data_without_reinstalling(make_tree):
    os.utime(make_tree / "data" / "raw" / "tables" / "pv2025_bilaga.csv", (3_000_000, 3_000_000))
    plan = _dry_run(make_tree, "run")
    assert "-m funding build" in plan
    assert "pip install" not in plan


def test_changed_pin_reinstalls_and_rebuilds(make_tree):
    os.utime(make_tree / "requirements.txt", (3_000_000, 3_000_000))
    plan = _dry_run(make_tree, "run")
    assert "pip install" in plan and "-r requirements.txt" in plan
    assert "-m funding build" in plan


def test_readme_lists_the_primary_documents_and_counts_the_regeringen_pages():
    """The five documents with per-region tables are in the README's table; the regeringen.se pages (dozens) are
    counted there and listed, with date, reference number and address, on the About page and in sources.csv."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(): [c.strip() for c in line.strip().strip("|").split("|")]
            for line in readme.splitlines() if line.startswith("| ") and line.count("|") == 6}
    with open(ROOT / "data" / "raw" / "sources.csv", encoding="utf-8", newline="") as handle:
        sources = list(csv.DictReader(handle))
    primary = [s for s in sources if not s["file"].startswith("regeringen/")]
    assert len(primary) == 5
    for src in primary:
        assert src["source_id"] in rows, f"README's source table lacks {src['source_id']}"
        _, title, publisher, date, diarienummer = rows[src["source_id"]]
        assert title.startswith(src["title"])
        assert (publisher, date) == (src["publisher"], src["date"])
        assert diarienummer == (src["diarienummer"] or "–")
    # The appropriation note (kind 'utdrag') is counted apart from the pages, as the README says.
    pack = sum(1 for s in sources if s["file"].startswith("regeringen/") and s["kind"] != "utdrag")
    assert pack == 60
    assert f"{pack} av paketets 71 sidor från regeringen.se" in readme
    assert f"{pack} of the pack's 71 pages from regeringen.se" in readme
    assert "g0vse (Civic Tech Sweden)" in readme
