"""Streamlit's /static/ bundles, compressed once and served as brotli or gzip.

Streamlit sends them uncompressed on purpose (starlette_gzip_middleware.py: compressing per request
costs CPU on every hit). Here each file is compressed once per machine and Streamlit version, at
start-up, into a cache folder outside the checkout; requests are then answered from those files, with
no compression work per request. A first visit goes from 7.7 MB to 2.4 MB (README, Performance).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate
from mimetypes import guess_type
from pathlib import Path
from typing import NamedTuple

import brotli
from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import FileResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from streamlit import file_util
from streamlit.logger import get_logger
from streamlit.version import STREAMLIT_VERSION_STRING

from .locks import exclusive
from .paths import under_base

try:  # the lifetime Streamlit gives its content-hashed bundles, so ours match it exactly
    from streamlit.web.server.starlette.starlette_server_config import STATIC_ASSET_CACHE_MAX_AGE_SECONDS
except ImportError:
    STATIC_ASSET_CACHE_MAX_AGE_SECONDS = 365 * 24 * 3600

CACHE_ENV = "DASHBOARD_STATIC_CACHE"
COMPRESSIBLE = (".js", ".mjs", ".css", ".svg", ".json", ".map", ".txt", ".html", ".wasm")
# Smaller files, or ones that shrink by less than a tenth, are served as they are: not worth a variant.
MIN_SIZE = 1024
MIN_SAVING = 0.9
# Quality 9 of 11: on Streamlit 1.67's 23 MB of text it takes about 3 s once and leaves a first visit
# at 2.37 MB; quality 11 would save about 0.16 MB more but takes about 50 s, on every fresh machine.
BROTLI_QUALITY = 9
ENCODINGS = ("br", "gzip")  # preferred first when the browser takes both equally

_LOG = get_logger(__name__)
_THREAD_LOCK = threading.Lock()


class Variant(NamedTuple):
    """One compressed copy of a file: where it is cached, and the ETag it is served with."""

    path: Path
    etag: str


@dataclass(frozen=True)
class Asset:
    media_type: str
    last_modified: str
    variants: dict[str, Variant]  # by content coding


def static_dir() -> Path:
    return Path(file_util.get_static_dir())


def cache_dir() -> Path:
    """The cache folder: DASHBOARD_STATIC_CACHE, else one per user and Streamlit version in the temp dir."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    return Path(tempfile.gettempdir()) / f"statsbidrag-static-{uid}-streamlit-{STREAMLIT_VERSION_STRING}"


def _private(folder: Path) -> None:
    """Files from this folder are sent to visitors as the app's own JavaScript. In a shared temp dir another
    account could have made the folder first and filled it; so it must be ours and writable only by us."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = folder.lstat()
    if not folder.is_dir() or folder.is_symlink():
        raise PermissionError(f"{folder} is not a plain folder")
    if hasattr(os, "getuid") and (info.st_uid != os.geteuid() or info.st_mode & 0o022):
        raise PermissionError(f"{folder} belongs to someone else or others may write to it")


def _write_atomically(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def compress(data: bytes, coding: str) -> bytes:
    """One coding of ENCODINGS, as Streamlit's static files and the bundles of them (web/bundle.py) are sent."""
    if coding == "br":
        return brotli.compress(data, quality=BROTLI_QUALITY)
    return gzip.compress(data, compresslevel=9, mtime=0)


def prepare(source: Path | None = None, cache: Path | None = None) -> dict[str, Asset]:
    """Compress every compressible file under Streamlit's static folder that is not cached yet, and return
    what can be served, keyed by path relative to that folder ("static/js/index.abc.js").

    Cached files are named by the SHA-256 of their source, so a changed file (another Streamlit version in
    the same folder) can never be served for the old one.
    """
    source = source or static_dir()
    cache = cache or cache_dir()
    _private(cache)
    began, made = time.monotonic(), 0
    assets: dict[str, Asset] = {}
    with exclusive(cache / ".lock", _THREAD_LOCK):
        # Only what Streamlit serves under /static/; its index.html goes out through assets.py.
        for path in sorted((source / "static").rglob("*")):
            if not path.is_file() or path.suffix not in COMPRESSIBLE or path.stat().st_size < MIN_SIZE:
                continue
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            variants = {}
            for coding in ENCODINGS:
                target = cache / f"{digest}.{coding}"
                if not target.exists():
                    _write_atomically(target, compress(data, coding))
                    made += 1
                if target.stat().st_size <= len(data) * MIN_SAVING:
                    variants[coding] = Variant(target, f'"{digest[:32]}-{coding}"')
            if variants:
                rel = path.relative_to(source).as_posix()
                assets[rel] = Asset(guess_type(path.name)[0] or "text/plain",
                                    formatdate(path.stat().st_mtime, usegmt=True), variants)
    if made:
        _LOG.info("Precompressed Streamlit's static files once (%d new files in %s) in %.1f s.", made, cache,
                  time.monotonic() - began)
    return assets


def accepted(accept_encoding: str) -> list[str]:
    """The codings of ENCODINGS the request accepts, best first (q-values honoured, q=0 refuses)."""
    weights: dict[str, float] = {}
    for part in accept_encoding.split(","):
        name, _, params = part.strip().partition(";")
        name = name.strip().lower()
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        weights[name] = q
    star = weights.get("*", 0.0)
    ranked = [(weights.get(c, star), -i, c) for i, c in enumerate(ENCODINGS)]
    return [c for q, _, c in sorted(ranked, reverse=True) if q > 0]


def etag_matches(if_none_match: str, etag: str) -> bool:
    """Whether an If-None-Match header (a list, weak tags, or *) names this entity tag."""
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or etag in tags


def _add_vary(message: Message) -> None:
    headers = MutableHeaders(scope=message)
    vary = headers.get("vary", "")
    if "accept-encoding" not in vary.lower():
        headers["vary"] = f"{vary}, Accept-Encoding" if vary else "Accept-Encoding"


class PrecompressedStatic:
    """Pure ASGI middleware: answers GET and HEAD for /static/ files that have a compressed copy.

    Everything else goes on to Streamlit: other paths and methods, and the cases named in __call__.
    """

    def __init__(self, app: ASGIApp, state, base: str):
        self.app = app
        self.state = state  # state.static_assets is filled in by the lifespan; None until then
        self.base = base

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        assets = self.state.static_assets
        rel = under_base(scope.get("path", ""), self.base) if scope["type"] == "http" else None
        asset = assets.get(rel[1:]) if assets and rel and rel.startswith("/static/") else None
        if asset is None or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        request = Headers(scope=scope)
        codings = [c for c in accepted(request.get("accept-encoding", "")) if c in asset.variants]
        variant = asset.variants[codings[0]] if codings else None
        # A Range request, a client that takes neither coding, or a copy the system's temp cleaner removed:
        # the plain file from Streamlit, still marked as varying so that a shared cache keeps versions apart.
        if variant is None or "range" in request or not variant.path.exists():
            async def send_varying(message: Message) -> None:
                if message["type"] == "http.response.start":
                    _add_vary(message)
                await send(message)

            await self.app(scope, receive, send_varying)
            return
        headers = {
            "cache-control": f"public, immutable, max-age={STATIC_ASSET_CACHE_MAX_AGE_SECONDS}",
            "etag": variant.etag,
            "last-modified": asset.last_modified,
            "content-encoding": codings[0],
            "vary": "Accept-Encoding",
        }
        if etag_matches(request.get("if-none-match", ""), variant.etag):
            response: Response = Response(status_code=304, headers=headers)
        else:
            response = FileResponse(variant.path, headers=headers, media_type=asset.media_type)
        await response(scope, receive, send)
