"""The code a page's first run needs, in one response, for the service worker to hand to the client.

Streamlit's client fetches an element's code (a data grid, a widget) file by file when the first element of its
kind arrives: /data's first run needs 59 small files. Over HTTP/1.1 a browser has six connections to a host, so
on a phone's network (150 ms a round trip) that is about ten rounds, 1.5 s, however early they are asked for
(web/preload.py's late list starts them while the client connects). HTTP/2 would multiplex them, but needs TLS in
front of the app. Here the same files go out as one response, `<base>/_app/late/<page>?v=<hash>`: a JSON line
naming each file and its length, then the files' bytes one after the other, compressed once per page.

The browser cannot take modules from such a response by itself: assets/app.js fetches it (as a page request, so
that it is cached, counted and throttled like the others) and hands its bytes to the app's service worker
(assets/sw.js), which answers the client's requests for those very URLs from them. Where there is no service
worker (an old browser, a private window that refuses one), app.js falls back to the late list's preloads.

Nothing in a bundle comes from data or from the request: the page's name chooses among the app's pages, and
the files are Streamlit's own, named by web/preload.py.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import anyio
from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from . import preload
from .paths import under_base
from .precompress import STATIC_ASSET_CACHE_MAX_AGE_SECONDS, accepted, compress, etag_matches, static_dir

ROUTE = "/_app/late/"
# The start page's name in the URL ("" cannot be a path segment), and the client's own start-up code's.
START = "start"
SHELL = "shell"
MEDIA_TYPE = "application/octet-stream"
# Without Streamlit's entry script, the page shell depends on assets/app.js to start the client. Should that file
# never run (a proxy or blocker that refuses /_app/, a network error), these lines start it after 4 s the way
# Streamlit's markup does, without preloads; they act only where app.js has not begun the start (shellVia unset).
# Inline, so that they do not depend on another request: allowed by their hash (web/headers.py), like
# Streamlit's own inline script. Nothing in them comes from data or the request.
SAFETY_NET = (b'setTimeout(function(){var d=document.documentElement,m=document.querySelector('
              b'"meta[name=app-shell]");if(d.dataset.shellVia||!m)return;d.dataset.shellVia="network-inline";'
              b'var s=document.createElement("script");s.type="module";s.crossOrigin="anonymous";'
              b's.src="./static/js/"+m.getAttribute("content").split(" ")[0];document.head.appendChild(s)},4000)')
# How Streamlit's index.html starts its client: one module script and a preload for each file it imports.
_ENTRY = re.compile(rb'<script type="module" crossorigin src="\./static/js/([\w.\-]+\.js)"></script>')
_PRELOAD = re.compile(rb'<link rel="modulepreload" crossorigin href="\./static/js/([\w.\-]+\.js)">')


@dataclass(frozen=True)
class Bundle:
    body: bytes        # the JSON line and the files, uncompressed
    version: str       # a hash of body: the URL's v=, so that a browser may keep it for a year


def key(page: str) -> str:
    """The page's name in the bundle's URL."""
    return page.strip("/") or START


# What a bundle's URL may name, and the page (or SHELL) it stands for: nothing else is looked up or remembered.
_BY_KEY = {key(page): page for page in preload.MAIN_ROOTS} | {SHELL: SHELL}


@cache
def build(static: Path, page: str) -> Bundle | None:
    """The page's late files (web/preload.late) as one body, or for SHELL the client's start-up files; None for a
    path that is not a page, or a page whose first run needs nothing beyond the shell. Cached: the files are
    Streamlit's, fixed while it runs."""
    names = shell_files(static) if page == SHELL else preload.late(static, page)
    return _pack(static, names) if names else None


@cache
def shell_files(static: Path) -> tuple[str, ...]:
    """The entry script and the files index.html preloads for it (names in static/js), entry first; () if the
    page shell does not look as expected (then it goes out as Streamlit wrote it)."""
    html = (static / "index.html").read_bytes()
    entries = _ENTRY.findall(html)
    if len(entries) != 1:
        return ()
    return tuple(n.decode() for n in entries + [p for p in _PRELOAD.findall(html) if p not in entries])


def defer_shell(html: bytes, static: Path) -> tuple[bytes, bytes]:
    """The page shell without the client's entry script and its preloads (SAFETY_NET in the script's place), and a
    <meta> that names them and their bundle, for assets/app.js to start the client itself: once the service worker
    holds them, or at once with the same preloads where there is none. (html, b"") unchanged if the shell is not
    the one the bundle is of."""
    names = shell_files(static)
    made = build(static, SHELL)
    found = [n.decode() for n in _ENTRY.findall(html)]
    if not names or made is None or found != [names[0]]:
        return html, b""
    # The safety net where the entry script was: before the stylesheets, which an inline script would wait for.
    rest = _PRELOAD.sub(b"", _ENTRY.sub(lambda _: b"<script>" + SAFETY_NET + b"</script>", html))
    meta = f'<meta name="app-shell" content="{" ".join(names)}" data-bundle="{SHELL}?v={made.version}">'
    return rest, meta.encode()


def _pack(static: Path, names: tuple[str, ...]) -> Bundle:
    parts, index = [], []
    for name in names:
        kind = "css" if name.endswith(".css") else "js"
        data = (static / "static" / kind / name).read_bytes()
        parts.append(data)
        index.append([name, len(data)])
    head = json.dumps(index, separators=(",", ":")).encode() + b"\n"
    body = head + b"".join(parts)
    return Bundle(body, hashlib.sha256(body).hexdigest()[:16])


def meta_attr(static: Path, page: str) -> str:
    """The bundle's address relative to <base>/_app/late/, for the page shell's <meta>; "" without one."""
    page = page.strip("/")
    if page not in preload.MAIN_ROOTS:
        return ""
    made = build(static, page)
    return f"{key(page)}?v={made.version}" if made else ""


class _Compressed:
    """Each bundle compressed once per coding, on first request (about 0.1 s for 1.8 MB), off the event loop."""

    def __init__(self):
        self._made: dict[tuple[str, str], bytes] = {}
        self._lock = threading.Lock()

    def get(self, version: str, body: bytes, coding: str) -> bytes:
        # One lock for all: visitors arriving together after a start wait for one compression instead of each
        # making their own on the same two cores.
        with self._lock:
            found = self._made.get((version, coding))
            if found is None:
                found = self._made[(version, coding)] = compress(body, coding)
            return found


class LateBundle:
    """Pure ASGI middleware: answers GET and HEAD for <base>/_app/late/<page>; everything else goes on."""

    def __init__(self, app: ASGIApp, base: str):
        self.app = app
        self.base = base
        self.compressed = _Compressed()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        rel = under_base(scope.get("path", ""), self.base) if scope["type"] == "http" else None
        if rel is None or not rel.startswith(ROUTE):
            await self.app(scope, receive, send)
            return
        if scope["method"] not in ("GET", "HEAD"):
            await Response(status_code=405, headers={"allow": "GET, HEAD"})(scope, receive, send)
            return
        page = _BY_KEY.get(rel[len(ROUTE):])
        made = build(static_dir(), page) if page is not None else None
        if made is None:
            await Response(status_code=404, headers={"cache-control": "no-cache"})(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        request = Headers(scope=scope)
        codings = accepted(request.get("accept-encoding", ""))
        etag = f'"{made.version}-{codings[0] if codings else "identity"}"'
        # Cached for long only under the URL of this very content (after a Streamlit upgrade the page names another).
        headers = {"cache-control": f"public, immutable, max-age={STATIC_ASSET_CACHE_MAX_AGE_SECONDS}"
                   if query == f"v={made.version}" else "no-cache", "etag": etag, "vary": "Accept-Encoding"}
        if etag_matches(request.get("if-none-match", ""), etag):
            await Response(status_code=304, headers=headers)(scope, receive, send)
            return
        body = made.body
        if codings:
            body = await anyio.to_thread.run_sync(self.compressed.get, made.version, made.body, codings[0])
            headers["content-encoding"] = codings[0]
        if scope["method"] == "HEAD":
            headers["content-length"] = str(len(body))
            body = b""
        await Response(body, headers=headers, media_type=MEDIA_TYPE)(scope, receive, send)
