"""The app's own browser script and stylesheet (assets/app.js, assets/app.css) on every page.

They are served at <base>/_app/app.js and <base>/_app/app.css, and Streamlit's index.html is given a
<link> and a <script defer src> for them as it goes out, with what preloads the code the page asked for will
need (web/preload.py: links, and a list of names for the script). The script comes first in <head>, so that
it runs before Streamlit's client and can tell it where the server is (see assets/app.js); the stylesheet
comes last, so that its rules win over Streamlit's of the same specificity. The URLs carry a hash of the
file's content, so browsers may keep a file for a year and still fetch an edited one at once. Being files of
this origin, they run under the policy's script-src 'self'; no inline script is added.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import brotli
from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import bundle, preload
from .paths import under_base
from .precompress import STATIC_ASSET_CACHE_MAX_AGE_SECONDS, accepted, etag_matches, static_dir

ROOT = Path(__file__).resolve().parent.parent
ASSETS_DIR = ROOT / "assets"
FILES = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8",
         "sw.js": "text/javascript; charset=utf-8"}
# The service worker (assets/sw.js, registered by app.js) controls the app's pages, which lie above /_app/:
# the header lets it take a wider scope than its own folder. The browser checks the script for changes itself.
SERVICE_WORKER = "sw.js"
ROUTE = "/_app/"
# index.html is 8 kB; anything much bigger that says text/html is not the page shell and passes untouched.
MAX_HTML = 1 << 20


# Streamlit's own routes: what they answer (a component's page, a file, a login) is theirs, whatever its type.
STREAMLIT_ROUTES = frozenset({"_stcore", "static", "media", "component", "app", "auth", "_app"})
# Longer than any page's name: such an address is left as Streamlit answers it, not echoed into a header.
MAX_SEGMENT = 200


def deep_path_location(rel: str, base: str, raw_rel: str | None = None) -> str | None:
    """Where to send a reader whose address has more than one segment (/regioner/x, /a/b): to its first segment.

    Streamlit answers any address with its page shell, whose files are named relative to the address
    (./static/js/...). Below a second segment they resolve to /regioner/static/js/..., which is answered with the
    shell again, so the browser draws a blank page with no word of what went wrong. From the first segment the
    client loads, and shows that page, or Streamlit's notice that there is no such page (in Swedish, by
    assets/app.js) above the start page. None for an address of one segment or none.

    The location is relative (../regioner), as the shell's own file names are, so that it also holds behind a
    proxy that serves the app below a prefix it removes (Community Cloud's /~/+/). Where the browser's path may
    have another depth than the one seen here (empty segments, an encoded slash in `raw_rel`), it is absolute
    under `base`."""
    parts = rel.strip("/").split("/")
    first = parts[0]
    if len(parts) < 2 or first in ("", ".", "..") or first in STREAMLIT_ROUTES or len(first) > MAX_SEGMENT:
        return None
    name = quote(first, safe="")
    depth = rel.count("/") - 1
    if "//" in rel or (raw_rel is not None and raw_rel.count("/") != rel.count("/")):
        return f"{base}/{name}"
    return "../" * depth + name


@dataclass(frozen=True)
class _File:
    body: bytes
    version: str
    stamp: tuple[int, int]


class AppAssets:
    """The two files, re-read when they change on disk (a restart is not needed while editing them)."""

    def __init__(self, folder: Path = ASSETS_DIR):
        self.folder = folder
        self._files: dict[str, _File] = {}
        self._lock = threading.Lock()

    def get(self, name: str) -> _File | None:
        """The file as it is now, or None if it is missing (then pages go out without it, and work)."""
        path = self.folder / name
        try:
            info = path.stat()
        except FileNotFoundError:
            return None
        stamp = (info.st_mtime_ns, info.st_size)
        with self._lock:
            known = self._files.get(name)
            if known is None or known.stamp != stamp:
                body = path.read_bytes()
                known = _File(body, hashlib.sha256(body).hexdigest()[:16], stamp)
                self._files[name] = known
            return known

    def head_start(self) -> bytes:
        """The markup added after <head>: nothing in it comes from data or from the request."""
        js = self.get("app.js")
        return (f'<script defer src="./_app/app.js?v={js.version}"></script>' if js else "").encode()

    def head_end(self) -> bytes:
        """The markup added before </head>."""
        css = self.get("app.css")
        return (f'<link rel="stylesheet" href="./_app/app.css?v={css.version}">' if css else "").encode()


class _Encoded:
    """The rewritten page shell compressed once per content and coding (it is the same for every page)."""

    def __init__(self, limit: int = 8):
        self._made: dict[tuple[bytes, str], bytes] = {}
        self._lock = threading.Lock()
        self.limit = limit

    def get(self, body: bytes, coding: str) -> bytes:
        key = (hashlib.sha256(body).digest(), coding)
        with self._lock:
            if key not in self._made:
                if len(self._made) >= self.limit:
                    self._made.clear()
                self._made[key] = brotli.compress(body, quality=11) if coding == "br" else \
                    gzip.compress(body, compresslevel=9, mtime=0)
            return self._made[key]


def inject(html: bytes, start: bytes, end: bytes) -> bytes | None:
    """The page with `start` right after its <head> and `end` before its </head>, or None if it has no such
    head (then it is left alone)."""
    opening, closing = html.find(b"<head>"), html.find(b"</head>")
    if opening < 0 or closing < opening:
        return None
    opening += len(b"<head>")
    return html[:opening] + start + html[opening:closing] + end + html[closing:]


class AppAssetsMiddleware:
    """Pure ASGI middleware: serves /_app/app.js and /_app/app.css, and adds them to Streamlit's page shell."""

    def __init__(self, app: ASGIApp, base: str, assets: AppAssets | None = None):
        self.app = app
        self.base = base
        self.assets = assets or AppAssets()
        self.encoded = _Encoded()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        rel = under_base(scope.get("path", ""), self.base) if scope["type"] == "http" else None
        if rel is None:
            await self.app(scope, receive, send)
        elif rel.startswith(ROUTE) and rel[len(ROUTE):] in FILES:
            await self._serve(rel[len(ROUTE):], scope, receive, send)
        elif scope["method"] in ("GET", "HEAD"):
            await self._rewrite_page(rel, scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def _serve(self, name: str, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] not in ("GET", "HEAD"):
            await Response(status_code=405, headers={"allow": "GET, HEAD"})(scope, receive, send)
            return
        file = self.assets.get(name)
        if file is None:
            await Response(status_code=404)(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        # Cached for long only under the URL of this very content; any other URL must ask again.
        fresh = query == f"v={file.version}"
        headers = {"cache-control": f"public, immutable, max-age={STATIC_ASSET_CACHE_MAX_AGE_SECONDS}"
                   if fresh and name != SERVICE_WORKER else "no-cache", "etag": f'"{file.version}"'}
        if name == SERVICE_WORKER:
            headers["service-worker-allowed"] = "/"
        if etag_matches(Headers(scope=scope).get("if-none-match", ""), f'"{file.version}"'):
            await Response(status_code=304, headers=headers)(scope, receive, send)
            return
        await Response(file.body, headers=headers, media_type=FILES[name])(scope, receive, send)

    def _head_start(self, rel: str) -> bytes:
        # The preload links name files of Streamlit's static folder for the page asked for: nothing in them
        # comes from data, nor from the request beyond the choice among the app's pages.
        return self.assets.head_start() + preload.links(static_dir(), rel)

    def _head_end(self, rel: str) -> bytes:
        static = static_dir()
        return self.assets.head_end() + preload.late_meta(static, rel, bundle.meta_attr(static, rel))

    async def _rewrite_page(self, rel: str, scope: Scope, receive: Receive, send: Send) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        raw = scope.get("raw_path")
        raw_path = raw.decode("latin-1").split("?", 1)[0] if isinstance(raw, bytes) else None
        # The raw path outside the base (encoded otherwise) keeps its slashes: the depths then differ, so absolute.
        raw_rel = None if raw_path is None else (under_base(raw_path, self.base) or raw_path)
        target = deep_path_location(rel, self.base, raw_rel)
        redirected = False

        async def send_rewritten(message: Message) -> None:
            nonlocal start, redirected
            if redirected:
                return  # the rest of the shell that the redirect replaced
            if message["type"] == "http.response.start":
                headers = Headers(raw=message.get("headers", []))
                if message["status"] == 200 and headers.get("content-type", "").startswith("text/html"):
                    if target is not None:
                        redirected = True
                        await self._redirect(target, scope, receive, send)
                        return
                    start = message  # hold it until the whole body is here
                    return
                await send(message)
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False) and sum(map(len, chunks)) <= MAX_HTML:
                return
            held, start = start, None
            await self._send_page(rel, scope, held, b"".join(chunks), message.get("more_body", False), send)

        await self.app(scope, receive, send_rewritten)

    async def _redirect(self, target: str, scope: Scope, receive: Receive, send: Send) -> None:
        query = scope.get("query_string", b"").decode("latin-1")
        location = target + (f"?{query}" if query else "")
        # 302, not 301: a browser would keep a permanent redirect, and the address may one day be a page.
        await Response(status_code=302, headers={"location": location, "cache-control": "no-cache"})(
            scope, receive, send)

    @staticmethod
    def _rewrite(plain: bytes, start_markup: bytes, end_markup: bytes) -> bytes | None:
        # The client's start-up goes to app.js (web/bundle.py, defer_shell) where the shell is Streamlit's own.
        plain, shell_meta = bundle.defer_shell(plain, static_dir())
        return inject(plain, start_markup, end_markup + shell_meta)

    async def _send_page(self, rel: str, scope: Scope, start: Message, body: bytes, more: bool, send: Send
                         ) -> None:
        headers = MutableHeaders(scope=start)
        start_markup, end_markup = self._head_start(rel), self._head_end(rel)
        coding = headers.get("content-encoding", "").lower()
        page = None
        if not more and scope["method"] == "GET" and coding in ("", "gzip"):
            try:
                plain = gzip.decompress(body) if coding == "gzip" else body
            except (OSError, EOFError):
                plain = None
            page = self._rewrite(plain, start_markup, end_markup) if plain is not None else None
        if page is None and scope["method"] == "GET":
            await send(start)  # not a page shell this layer knows: exactly as Streamlit sent it
            await send({"type": "http.response.body", "body": body, "more_body": more})
            return
        # The page changed, so Streamlit's validators (made from index.html's file date and size) no longer
        # describe it; without them a browser asks for the whole 3 kB again instead of reusing a stale copy.
        length = headers.get("content-length")
        for name in ("etag", "last-modified", "content-length", "content-encoding"):
            del headers[name]
        if "accept-encoding" not in headers.get("vary", "").lower():
            headers["vary"] = ", ".join(filter(None, [headers.get("vary"), "Accept-Encoding"]))
        if scope["method"] == "HEAD":
            # The length a GET without compression would have; unknown if Streamlit had compressed it.
            if length and not coding:
                shell = static_dir() / "index.html"
                # Streamlit's own shell (the usual case) is rewritten as a GET would be, to know the length.
                plain = shell.read_bytes() if shell.stat().st_size == int(length) else None
                page = self._rewrite(plain, start_markup, end_markup) if plain is not None else None
                headers["content-length"] = str(len(page) if page is not None else
                                                int(length) + len(start_markup) + len(end_markup))
            await send(start)
            await send({"type": "http.response.body", "body": b""})
            return
        codings = accepted(Headers(scope=scope).get("accept-encoding", ""))
        if codings:
            page = self.encoded.get(page, codings[0])
            headers["content-encoding"] = codings[0]
        headers["content-length"] = str(len(page))
        await send(start)
        await send({"type": "http.response.body", "body": page})
