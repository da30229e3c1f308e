"""The cut-down icon font (web/icons.py): made from the installed Streamlit, keeping every icon Streamlit's
interface and the app can show, and sent in place of Streamlit's font only when it fits. Whether each kept
name really draws as one glyph is checked in the browser (tests/browser/test_serve_browser.py)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from streamlit.version import STREAMLIT_VERSION_STRING

from web import icons, precompress
from web.assets import ASSETS_DIR

ROOT = Path(__file__).resolve().parents[1]
REMAKE = "run scripts/subset_icons.py (after .venv/bin/pip install fonttools) and commit both files"


@pytest.fixture(scope="module")
def record() -> icons.Record:
    made = icons.Record.read(ASSETS_DIR / icons.RECORD_FILE)
    assert made is not None, f"assets/{icons.RECORD_FILE} is missing or unreadable: {REMAKE}"
    return made


def test_the_subset_was_made_from_the_installed_streamlits_font(record):
    body = (ASSETS_DIR / icons.FONT_FILE).read_bytes()
    assert record.fits(precompress.static_dir(), STREAMLIT_VERSION_STRING, body), \
        f"made for Streamlit {record.streamlit}, installed {STREAMLIT_VERSION_STRING}: {REMAKE}"
    assert len(body) < 20_000  # against 375 kB for the whole font


def test_the_subset_keeps_every_icon_streamlit_and_the_app_name(record):
    static_root = precompress.static_dir()
    wanted = icons.bundle_names(static_root) | icons.app_names(ROOT)
    missing = sorted(wanted - set(record.names))
    assert not missing, f"icons the subset lacks (they would show as words): {missing}; {REMAKE}"
    # Among the names read from Streamlit's bundle, those its interface was seen drawing on the app's pages
    # (the sidebar's collapse and expand, the expander's chevron) and some it draws on demand.
    assert {"keyboard_double_arrow_left", "keyboard_double_arrow_right", "keyboard_arrow_right", "close",
            "expand_more", "visibility", "error", "info"} <= set(record.names)
    assert {"map", "timeline", "download", "filter_alt_off", "link_off"} <= icons.app_names(ROOT)
    assert set(record.code_points) == set(icons.CANVAS_CODE_POINTS.values())


def test_what_the_data_grid_draws_on_its_canvas_is_still_where_the_list_says():
    """CANVAS_ICONS names icons the data grid draws without the ":material/...:" form; if Streamlit stops
    drawing them that way, the list must be read again (a new canvas icon would not be found by the regex)."""
    bundle = "".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in (precompress.static_dir() / "static" / "js").glob("DataFrame*.js"))
    for name, literal in icons.CANVAS_ICONS.items():
        assert literal in bundle, name
    assert chr(icons.CANVAS_CODE_POINTS["open_in_new"]) in bundle


# Serving ---------------------------------------------------------------------------------------------------


@pytest.fixture()
def fake_install(tmp_path) -> tuple[Path, Path]:
    """A Streamlit static folder with a font, and an assets folder with a subset and a record made from it."""
    static_root = tmp_path / "static"
    (static_root / "static" / "media").mkdir(parents=True)
    font = static_root / "static" / "media" / "MaterialSymbols-Rounded.abc123.woff2"
    font.write_bytes(b"the whole font" * 100)
    assets_dir = tmp_path / "assets"
    assets_dir.mkdir()
    (assets_dir / icons.FONT_FILE).write_bytes(b"the subset")
    (assets_dir / icons.RECORD_FILE).write_text(json.dumps({
        "streamlit": "9.9.9", "source": "static/media/MaterialSymbols-Rounded.abc123.woff2",
        "source_sha256": hashlib.sha256(font.read_bytes()).hexdigest(),
        "subset_sha256": hashlib.sha256(b"the subset").hexdigest(), "names": ["close"], "code_points": []}))
    return static_root, assets_dir


def test_the_subset_is_used_only_with_the_font_and_version_it_was_made_from(fake_install, tmp_path):
    static_root, assets_dir = fake_install
    subset = icons.load(assets_dir, static_root, "9.9.9")
    assert subset is not None and subset.path == "static/media/MaterialSymbols-Rounded.abc123.woff2"
    assert subset.body == b"the subset"
    assert icons.load(assets_dir, static_root, "9.9.10") is None  # another Streamlit: its bundle may differ
    other = tmp_path / "other"
    shutil.copytree(static_root, other)
    (other / "static/media/MaterialSymbols-Rounded.abc123.woff2").write_bytes(b"another font")
    assert icons.load(assets_dir, other, "9.9.9") is None
    (assets_dir / icons.FONT_FILE).write_bytes(b"an edited subset")  # the record no longer describes it
    assert icons.load(assets_dir, static_root, "9.9.9") is None
    (assets_dir / icons.RECORD_FILE).unlink()
    assert icons.load(assets_dir, static_root, "9.9.9") is None


def _serve(mw, path: str, method: str = "GET", headers: list | None = None) -> tuple[int, dict[str, str], bytes]:
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    asyncio.run(mw({"type": "http", "method": method, "path": path, "query_string": b"",
                    "headers": headers or []}, receive, send))
    start = sent[0]
    return (start["status"], {k.decode(): v.decode() for k, v in start.get("headers", [])},
            b"".join(m.get("body", b"") for m in sent[1:]))


def _middleware(subset, base=""):
    async def streamlit(scope, receive, send):  # stands in for Streamlit's static files
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"font/woff2")]})
        await send({"type": "http.response.body", "body": b"from streamlit"})
    state = type("State", (), {"icon_font": subset})()
    return icons.SubsetIconFont(streamlit, state, base)


def test_streamlits_font_address_answers_with_the_subset_revalidated_on_every_visit(fake_install):
    subset = icons.load(fake_install[1], fake_install[0], "9.9.9")
    mw = _middleware(subset, "/psykisk-halsa")
    path = "/psykisk-halsa/static/media/MaterialSymbols-Rounded.abc123.woff2"
    status, headers, body = _serve(mw, path)
    assert status == 200 and body == b"the subset" and headers["content-type"] == "font/woff2"
    assert headers["cache-control"] == "no-cache" and int(headers["content-length"]) == len(body)
    status, again, body = _serve(mw, path, headers=[(b"if-none-match", headers["etag"].encode())])
    assert status == 304 and body == b"" and again["etag"] == headers["etag"]
    status, head, body = _serve(mw, path, "HEAD")
    assert status == 200 and body == b"" and head["content-length"] == str(len(b"the subset"))
    # Other files, other methods, outside the base path, and no subset at all: Streamlit answers.
    assert _serve(mw, "/psykisk-halsa/static/media/Other.woff2")[2] == b"from streamlit"
    assert _serve(mw, path, "POST")[2] == b"from streamlit"
    assert _serve(mw, "/static/media/MaterialSymbols-Rounded.abc123.woff2")[2] == b"from streamlit"
    assert _serve(_middleware(None), "/static/media/MaterialSymbols-Rounded.abc123.woff2")[2] == b"from streamlit"
