"""Streamlit's icon font, cut down to the icons its interface and the dashboard can show.

Streamlit 1.67 draws its own icons (sidebar, expanders, menus, the data grid) and the icons the app names
(":material/map:") with one font, Material Symbols Rounded: 375 kB and 4,000 icons, fetched on every first
visit. The icons are ligatures: the element's text is the icon's name ("keyboard_double_arrow_left") and the
font draws it as one glyph; a name the font lacks shows as that word. scripts/subset_icons.py (fontTools, a
tool for developers only) cuts the font down to the names below and writes assets/material-symbols-rounded.woff2
(about 10 kB) and its record, assets/material-symbols-rounded.json: the Streamlit version and the SHA-256 of
the font it was cut from, and every name and code point it keeps.

`SubsetIconFont` answers requests for Streamlit's font file with the subset, at the same address, so the page
and Streamlit's stylesheet are untouched. Only when the record names the installed Streamlit and its font:
after an upgrade the whole font goes out as before until the script is run again (tests/test_icons.py fails
until then). Because the subset changes when the app names a new icon while the address stays the same, it is
sent with `no-cache` and an ETag: a returning browser asks again (an answer of a few hundred bytes, 304) and
never keeps a subset that lacks a new icon.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send
from streamlit.logger import get_logger

from .paths import under_base
from .precompress import etag_matches

FONT_FILE = "material-symbols-rounded.woff2"
RECORD_FILE = "material-symbols-rounded.json"
_LOG = get_logger(__name__)
# Where Streamlit's bundle keeps the font (the part between the dots is a content hash).
SOURCE_GLOB = "static/media/MaterialSymbols-Rounded.*.woff2"

# How Streamlit's frontend names an icon (DynamicIcon.tsx), in its bundles and in the app's own code.
ICON_TOKEN = re.compile(r":material/([a-z0-9_]+):")
# What Streamlit's data grid draws on its canvas in the icon font without that form (DataFrame chunk): the
# column menu's "more_vert", the icons of audio and video cells, and a link column's icon, which it draws
# by code point (U+E89E). Each is checked to be still in the bundle (tests/test_icons.py).
CANVAS_ICONS = {"more_vert": "`more_vert`", "audio_file": "audio:`audio_file`", "video_file": "video:`video_file`",
                "open_in_new": "`open_in_new`"}
CANVAS_CODE_POINTS = {"open_in_new": 0xE89E}
# The app's own code that may name icons (st.Page, buttons, alerts).
APP_SOURCES = ("app.py", "components", "views")


def source_font(static_root: Path) -> Path | None:
    """Streamlit's icon font in its static folder (the folder that holds index.html), or None."""
    found = sorted(static_root.glob(SOURCE_GLOB))
    return found[0] if len(found) == 1 else None


def bundle_names(static_root: Path) -> set[str]:
    """Every icon name Streamlit's JavaScript bundles can put in the icon font."""
    names: set[str] = set()
    for path in sorted((static_root / "static" / "js").glob("*.js")):
        text = path.read_text(encoding="utf-8", errors="replace")
        names.update(ICON_TOKEN.findall(text))
        names.update(name for name, literal in CANVAS_ICONS.items() if literal in text)
    # star_filled is no glyph: DynamicIcon draws it as an inline SVG image.
    names.discard("star_filled")
    return names


def app_names(root: Path) -> set[str]:
    """Every ":material/...:" icon in the app's own code."""
    names: set[str] = set()
    for entry in APP_SOURCES:
        path = root / entry
        for file in sorted(path.rglob("*.py") if path.is_dir() else [path]):
            names.update(ICON_TOKEN.findall(file.read_text(encoding="utf-8")))
    return names


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class Record:
    """assets/material-symbols-rounded.json: what the subset was made from and what it keeps."""

    streamlit: str
    source: str                  # the font's path in Streamlit's static folder
    source_sha256: str
    subset_sha256: str
    names: tuple[str, ...]       # icon names (ligatures) the subset draws
    code_points: tuple[int, ...]  # icons it also draws by code point

    @classmethod
    def read(cls, path: Path) -> Record | None:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return cls(str(raw["streamlit"]), str(raw["source"]), str(raw["source_sha256"]),
                       str(raw["subset_sha256"]), tuple(raw["names"]), tuple(int(c) for c in raw["code_points"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def fits(self, static_root: Path, version: str, subset: bytes) -> bool:
        """True if this record was made from the installed Streamlit's font and describes `subset`."""
        if self.streamlit != version or hashlib.sha256(subset).hexdigest() != self.subset_sha256:
            return False
        font = source_font(static_root)
        return font is not None and font.relative_to(static_root).as_posix() == self.source \
            and sha256(font) == self.source_sha256


@dataclass(frozen=True)
class Subset:
    """The subset to send in place of Streamlit's font: its address under /static/ and its bytes."""

    path: str  # "static/media/MaterialSymbols-Rounded.<hash>.woff2", as in the record
    body: bytes
    etag: str


def load(assets_dir: Path, static_root: Path, version: str) -> Subset | None:
    """The subset if its record fits the installed Streamlit (version and font), else None (and a warning)."""
    record = Record.read(assets_dir / RECORD_FILE)
    try:
        body = (assets_dir / FONT_FILE).read_bytes()
    except OSError:
        body = None
    if record is None or body is None or not record.fits(static_root, version, body):
        _LOG.warning("%s was not made from this Streamlit's icon font (%s): Streamlit's whole font (375 kB) "
                     "goes out instead. Make it again with scripts/subset_icons.py.", FONT_FILE, version)
        return None
    return Subset(record.source, body, f'"{record.subset_sha256[:32]}"')


class SubsetIconFont:
    """Pure ASGI middleware: GET and HEAD of Streamlit's icon font get the subset (`state.icon_font`, filled
    in by the lifespan; None leaves every request to Streamlit)."""

    def __init__(self, app: ASGIApp, state, base: str):
        self.app = app
        self.state = state
        self.base = base

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        subset = self.state.icon_font
        rel = under_base(scope.get("path", ""), self.base) if scope["type"] == "http" and subset else None
        if rel is None or rel[1:] != subset.path or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        headers = {"cache-control": "no-cache", "etag": subset.etag}
        if etag_matches(Headers(scope=scope).get("if-none-match", ""), subset.etag):
            await Response(status_code=304, headers=headers)(scope, receive, send)
            return
        # A Range request gets the whole file (allowed by HTTP): a part of the subset would not fit a part of
        # the font the browser may hold.
        body = b"" if scope["method"] == "HEAD" else subset.body
        headers["content-length"] = str(len(subset.body))
        await Response(body, headers=headers, media_type="font/woff2")(scope, receive, send)
