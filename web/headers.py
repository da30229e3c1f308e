"""Security headers on every response the server sends: pages, static files, health, the websocket upgrade.

The Content-Security-Policy allows this origin and, beyond it, only what Streamlit 1.67 and its bundled
Plotly were seen to need in headless Chromium on every page (tests/browser/test_serve_browser.py listens
for violations). Each exception is named where the policy is built, and in the README.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Iterable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

FRAME_ANCESTORS_ENV = "DASHBOARD_FRAME_ANCESTORS"

_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)
# An origin a browser can name as the embedding page: https, a host (optionally *.host), an optional port.
# http only for this machine, so a dashboard can be tried inside a local test page.
_ORIGIN = re.compile(r"^(?:https://(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]"
                     r"(?:[a-z0-9-]{0,61}[a-z0-9])?|http://(?:localhost|127\.0\.0\.1|\[::1\]))(?::[0-9]{1,5})?$")


class SettingError(ValueError):
    """A deployment setting the server refuses to start with; the message says what to write instead."""


def frame_ancestors(value: str | None) -> list[str]:
    """The sites allowed to show the dashboard in a frame, from DASHBOARD_FRAME_ANCESTORS.

    Unset or empty: none ("'none'"). Otherwise origins separated by spaces, such as
    "https://www.example.se https://*.region.se", or 'self'. Anything else is refused rather than passed
    into the policy: a stray quote or semicolon would let the value rewrite the header.
    """
    tokens = (value or "").split()
    if not tokens:
        return ["'none'"]
    allowed = []
    for token in tokens:
        origin = token.lower().removesuffix("/")
        if origin == "'self'" or _ORIGIN.match(origin):
            allowed.append(origin)
            continue
        raise SettingError(
            f"{FRAME_ANCESTORS_ENV}: {token!r} is not a site that may frame the dashboard. Give origins "
            f"separated by spaces, such as {FRAME_ANCESTORS_ENV}=\"https://www.example.se\" (https, a host "
            "name, optionally *.host and a port; no path, quotes, commas or semicolons), or 'self'. "
            "Leave it unset to forbid all framing.")
    return list(dict.fromkeys(allowed))


def inline_script_hashes(index_html: bytes) -> list[str]:
    """CSP hashes of the inline scripts in Streamlit's own index.html (1.67 has one:
    `window.prerenderReady = false`). Taken from the file at start-up, so only Streamlit's shipped text
    runs inline; 'unsafe-inline' for scripts is never needed."""
    return [_hash(m.group(1)) for m in _INLINE_SCRIPT.finditer(index_html)]


def _hash(script: bytes) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(script).digest()).decode()}'"


def content_security_policy(script_hashes: Iterable[str], ancestors: Iterable[str]) -> str:
    directives = {
        # Anything not named below (connections, the websocket, frames, manifest): this origin only.
        # ('self' covers ws:/wss: to the page's own host in CSP 3.)
        "default-src": ["'self'"],
        # Streamlit's bundles and the app's own /_app/app.js; Streamlit's one inline script by its hash.
        # 'wasm-unsafe-eval': Streamlit's protobuf decoding (long.js) compiles a 200-byte WebAssembly module
        # shipped in its bundle for 64-bit arithmetic. It allows WebAssembly compilation only, not eval() or
        # new Function(); without it every page reports a violation. 'unsafe-eval' is not needed.
        "script-src": ["'self'", "'wasm-unsafe-eval'", *script_hashes],
        # 'unsafe-inline' for styles: Streamlit's components (emotion) insert <style> elements at run time
        # and Plotly sets style attributes on every chart element; neither can carry a nonce or hash.
        "style-src": ["'self'", "'unsafe-inline'"],
        # Plotly's "download plot as PNG" draws the chart as a blob: image, and the map's WebGL canvas as a
        # data: image, before it saves the PNG.
        "img-src": ["'self'", "data:", "blob:"],
        # Streamlit's stylesheet carries one KaTeX font inline as a data: URL.
        "font-src": ["'self'", "data:"],
        # The map (Plotly's MapLibre) starts its web workers from blob: URLs.
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": list(ancestors),
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def header_list(index_html: bytes, environ: dict[str, str] | None = None,
                own_inline: Iterable[bytes] = ()) -> list[tuple[bytes, bytes]]:
    """Every header the middleware adds, computed once at start-up. Raises SettingError for bad settings.
    `own_inline`: the text of inline scripts the app adds to the page shell itself (web/bundle.SAFETY_NET)."""
    env = os.environ if environ is None else environ
    ancestors = frame_ancestors(env.get(FRAME_ANCESTORS_ENV))
    hashes = inline_script_hashes(index_html) + [_hash(text) for text in own_inline]
    headers = {
        "Content-Security-Policy": content_security_policy(hashes, ancestors),
        # Browsers must not guess a type: a response is only ever what its Content-Type says.
        "X-Content-Type-Options": "nosniff",
        # Another site learns at most this dashboard's origin, never a page or its filters (they are in the
        # query). Not no-referrer: with it, browsers send "Origin: null" on the app's own non-GET requests.
        "Referrer-Policy": "strict-origin-when-cross-origin",
        # The dashboard uses none of these; a script that somehow ran could not ask for them either.
        "Permissions-Policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
                              "microphone=(), payment=(), usb=()",
        # A page that opens the dashboard in a new window cannot reach into it (and vice versa).
        "Cross-Origin-Opener-Policy": "same-origin",
        # Other sites cannot load the app's files as their own subresources.
        "Cross-Origin-Resource-Policy": "same-origin",
    }
    if ancestors == ["'none'"]:
        # For browsers that predate frame-ancestors; it cannot name sites, so it is left out when some may.
        headers["X-Frame-Options"] = "DENY"
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]


class SecurityHeaders:
    """Pure ASGI middleware: adds the headers to HTTP responses and to the websocket handshake's answer.

    The list is read from `state.security_headers` on every response, so the lifespan can settle it once
    Streamlit has loaded its secrets (which it copies into the environment), before anything is served.
    """

    def __init__(self, app: ASGIApp, state):
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] in ("http.response.start", "websocket.http.response.start", "websocket.accept"):
                message.setdefault("headers", [])
                out = MutableHeaders(scope=message)
                for name, value in self.state.security_headers:
                    out[name.decode("latin-1")] = value.decode("latin-1")
            await send(message)

        await self.app(scope, receive, send_with_headers)
