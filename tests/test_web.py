"""The HTTP layer (web/) without a browser: the settings it refuses, the policy it builds, its middleware
driven through plain ASGI calls, the precompressed cache, and the first-start build happening once."""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urljoin

import brotli
import pytest

from funding import paths
from web import assets, bundle, firstrun, headers, locks, precompress, preload
from web.paths import base_path, under_base

ROOT = Path(__file__).resolve().parents[1]
SHELL = b"<!DOCTYPE html><html><head><title>S</title><script>\n  window.prerenderReady = false\n</script></head>" \
        b"<body><div id=root></div></body></html>"


# Settings and policy --------------------------------------------------------------------------------------


def test_framing_is_refused_unless_sites_are_named():
    assert headers.frame_ancestors(None) == ["'none'"]
    assert headers.frame_ancestors("  ") == ["'none'"]
    assert headers.frame_ancestors("https://www.example.se https://*.region.se:8443/ 'self'") == [
        "https://www.example.se", "https://*.region.se:8443", "'self'"]
    assert headers.frame_ancestors("http://localhost:8600") == ["http://localhost:8600"]


@pytest.mark.parametrize("value", [
    "*", "https:", "'none'", "'unsafe-inline'", "http://www.example.se", "https://www.example.se/path",
    "https://a.se;script-src *", "https://a.se,https://b.se", "javascript:alert(1)", "data:", "www.example.se",
    "https://exa mple.se", "https://a.se?x=1", "https://a.se'", "https://*", "https://a..se",
])
def test_a_bad_framing_setting_is_refused_by_name(value):
    with pytest.raises(headers.SettingError, match=headers.FRAME_ANCESTORS_ENV):
        headers.frame_ancestors(value)


def test_the_policy_names_only_what_streamlit_and_plotly_need():
    found = dict(h for h in headers.header_list(SHELL, {}))
    policy = found[b"content-security-policy"].decode()
    digest = base64.b64encode(hashlib.sha256(b"\n  window.prerenderReady = false\n").digest()).decode()
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives == {
        "default-src": "'self'",
        "script-src": f"'self' 'wasm-unsafe-eval' 'sha256-{digest}'",
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data: blob:",
        "font-src": "'self' data:",
        "worker-src": "'self' blob:",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    assert found[b"x-frame-options"] == b"DENY"
    assert found[b"x-content-type-options"] == b"nosniff"


def test_the_policy_allows_the_apps_own_inline_safety_net_by_its_hash_and_nothing_else():
    from web import server

    found = dict(h for h in headers.header_list(SHELL, {}, own_inline=[b"start()"]))
    script_src = found[b"content-security-policy"].decode().split("script-src ", 1)[1].split(";", 1)[0].split()
    digest = base64.b64encode(hashlib.sha256(b"start()").digest()).decode()
    assert script_src[-1] == f"'sha256-{digest}'" and len(script_src) == 4
    served = dict(server._security_headers())[b"content-security-policy"].decode()
    assert headers._hash(bundle.SAFETY_NET) in served and "'unsafe-inline'" not in served.split("style-src")[0]


def test_named_sites_may_frame_and_the_old_header_gives_way():
    found = dict(headers.header_list(SHELL, {headers.FRAME_ANCESTORS_ENV: "https://www.example.se"}))
    assert b"frame-ancestors https://www.example.se" in found[b"content-security-policy"]
    assert b"x-frame-options" not in found


def test_the_policy_hashes_the_inline_scripts_of_the_installed_streamlit():
    shell = (precompress.static_dir() / "index.html").read_bytes()
    hashes = headers.inline_script_hashes(shell)
    assert len(hashes) == shell.count(b"<script>")  # Streamlit 1.67: one, window.prerenderReady = false
    assert hashes


def test_the_server_will_not_start_with_a_bad_framing_setting():
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    env[headers.FRAME_ANCESTORS_ENV] = "https://www.example.se; script-src *"
    out = subprocess.run([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", "1",
                          "--server.headless", "true"], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode != 0
    assert headers.FRAME_ANCESTORS_ENV in out.stderr and "https://www.example.se" in out.stderr
    assert "Traceback" not in out.stderr + out.stdout


def test_a_framing_setting_from_streamlits_secrets_applies_before_serving(monkeypatch):
    """Streamlit copies top-level secrets into the environment during start-up, after app.py was imported;
    the lifespan reads the setting again then (Community Cloud has secrets, not environment variables)."""
    from web import server

    monkeypatch.delenv(headers.FRAME_ANCESTORS_ENV, raising=False)
    monkeypatch.setattr(firstrun, "ensure_curated", lambda: None)
    monkeypatch.setattr(precompress, "prepare", lambda: {})
    server.app_options()
    assert b"frame-ancestors 'none'" in dict(server.STATE.security_headers)[b"content-security-policy"]

    async def start(value: str) -> None:
        monkeypatch.setenv(headers.FRAME_ANCESTORS_ENV, value)  # as secrets.toml would, meanwhile
        async with server.lifespan(None):
            pass

    asyncio.run(start("https://www.example.se"))
    assert b"frame-ancestors https://www.example.se" in dict(server.STATE.security_headers)[
        b"content-security-policy"]
    with pytest.raises(headers.SettingError):
        asyncio.run(start("https://www.example.se;x"))


# ASGI, driven by hand --------------------------------------------------------------------------------------


def _run(app, scope: dict, body: bytes = b"") -> tuple[list[dict], bytes]:
    sent: list[dict] = []
    requests = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive():
        if requests:
            return requests.pop()
        await asyncio.Event().wait()  # the client stays connected; a response may listen for it leaving

    async def send(message):
        sent.append(message)

    asyncio.run(app({"query_string": b"", "headers": [], **scope}, receive, send))
    body_out = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return sent, body_out


def _headers(sent: list[dict]) -> dict[str, str]:
    start = next(m for m in sent if m["type"].endswith("response.start") or m["type"] == "websocket.accept")
    return {k.decode().lower(): v.decode() for k, v in start.get("headers", [])}


def _html_app(body: bytes, coding: str = ""):
    async def app(scope, receive, send):
        h = [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode()),
             (b"etag", b'"streamlit"'), (b"last-modified", b"Mon, 30 Nov 2026 00:00:00 GMT"),
             (b"cache-control", b"no-cache")]
        if coding:
            h.append((b"content-encoding", coding.encode()))
        await send({"type": "http.response.start", "status": 200, "headers": h})
        half = len(body) // 2  # in two pieces, as a streaming server may send it
        await send({"type": "http.response.body", "body": body[:half], "more_body": True})
        await send({"type": "http.response.body", "body": body[half:] if scope["method"] == "GET" else b""})
    return app


@pytest.fixture()
def app_assets(tmp_path) -> assets.AppAssets:
    (tmp_path / "app.js").write_text('document.documentElement.dataset.appScript = "loaded";\n')
    (tmp_path / "app.css").write_text("/* nothing */\n")
    return assets.AppAssets(tmp_path)


@pytest.mark.parametrize("coding", ["", "gzip"])
@pytest.mark.parametrize("accept", ["", "gzip", "br, gzip"])
def test_the_page_shell_gets_the_apps_script_and_stylesheet(app_assets, coding, accept):
    inner = _html_app(gzip.compress(SHELL) if coding else SHELL, coding)
    mw = assets.AppAssetsMiddleware(inner, base="", assets=app_assets)
    sent, body = _run(mw, {"type": "http", "method": "GET", "path": "/regioner",
                           "headers": [(b"accept-encoding", accept.encode())]})
    got = _headers(sent)
    expected = {"": "", "gzip": "gzip", "br, gzip": "br"}[accept]
    assert got.get("content-encoding", "") == expected
    assert int(got["content-length"]) == len(body)
    plain = {"": lambda b: b, "gzip": gzip.decompress, "br": brotli.decompress}[expected](body)
    js, css = app_assets.get("app.js").version, app_assets.get("app.css").version
    preloads = preload.links(precompress.static_dir(), "/regioner")
    assert b'href="./static/js/PlotlyChart.' in preloads   # the chart's code, fetched while the client starts
    assert plain == (SHELL.replace(b"<head>", f'<head><script defer src="./_app/app.js?v={js}"></script>'.encode()
                                   + preloads)
                     .replace(b"</head>", f'<link rel="stylesheet" href="./_app/app.css?v={css}">'.encode()
                              + preload.late_meta(precompress.static_dir(), "/regioner",
                                                  bundle.meta_attr(precompress.static_dir(), "/regioner"))
                              + b"</head>"))
    assert "etag" not in got and "last-modified" not in got  # they described Streamlit's unmodified file
    assert got["cache-control"] == "no-cache" and "Accept-Encoding" in got["vary"]


def test_a_head_request_for_the_shell_gets_the_length_of_the_page_sent(app_assets):
    mw = assets.AppAssetsMiddleware(_html_app(SHELL), base="", assets=app_assets)
    sent, body = _run(mw, {"type": "http", "method": "HEAD", "path": "/"})
    assert body == b""
    static = precompress.static_dir()
    added = (app_assets.head_start() + preload.links(static, "/") + app_assets.head_end()
             + preload.late_meta(static, "/", bundle.meta_attr(static, "/")))
    assert int(_headers(sent)["content-length"]) == len(SHELL) + len(added)
    # Streamlit's own shell, whose start-up the layer moves to app.js (web/bundle.py): the length of that page.
    real = (static / "index.html").read_bytes()
    _, page = _run(assets.AppAssetsMiddleware(_html_app(real), base="", assets=app_assets),
                   {"type": "http", "method": "GET", "path": "/data"})
    sent, _ = _run(assets.AppAssetsMiddleware(_html_app(real), base="", assets=app_assets),
                   {"type": "http", "method": "HEAD", "path": "/data"})
    assert b'<meta name="app-shell"' in page and int(_headers(sent)["content-length"]) == len(page)


def test_streamlits_shell_leaves_the_clients_start_to_app_js_with_the_files_named(app_assets):
    """web/bundle.defer_shell: the entry script and its ~60 preloads leave the page (else the browser fetches them
    one by one at once) and a <meta> names them, entry first, with their bundle for the service worker."""
    static = precompress.static_dir()
    real = (static / "index.html").read_bytes()
    entry = re.findall(rb'<script type="module" crossorigin src="\./static/js/([\w.\-]+)"></script>', real)
    preloaded = re.findall(rb'<link rel="modulepreload" crossorigin href="\./static/js/([\w.\-]+)">', real)
    assert len(entry) == 1 and len(preloaded) > 40
    _, page = _run(assets.AppAssetsMiddleware(_html_app(real), base="", assets=app_assets),
                   {"type": "http", "method": "GET", "path": "/data"})
    assert b'<script type="module"' not in page and b'rel="modulepreload"' not in page  # /data preloads no chart
    meta = re.search(rb'<meta name="app-shell" content="([^"]+)" data-bundle="shell\?v=([0-9a-f]{16})">', page)
    assert meta and meta[1].split() == entry + preloaded
    assert meta[2].decode() == bundle.build(static, bundle.SHELL).version
    # Everything else of Streamlit's shell is still there, in its order; the safety net where the entry script was.
    kept = re.sub(rb'<meta name="app-shell"[^>]*>|<link rel="stylesheet" href="\./_app/[^>]*>|'
                  rb'<script defer src="\./_app/[^>]*></script>|<meta name="app-late-preload"[^>]*>', b"", page)
    net = b"<script>" + bundle.SAFETY_NET + b"</script>"
    assert kept == re.sub(rb'<link rel="modulepreload"[^>]*>', b"",
                          re.sub(rb'<script type="module"[^>]*></script>', lambda _: net, real))
    assert kept.index(net) < kept.index(b'rel="stylesheet"')  # an inline script after a stylesheet waits for it
    # A shell that is not Streamlit's (another version's, a test's) goes out with its own start-up untouched.
    other = real.replace(entry[0], b"index.other.js")
    assert bundle.defer_shell(other, static) == (other, b"")
    assert bundle.defer_shell(SHELL, static) == (SHELL, b"")


def _unpack(body: bytes) -> list[tuple[str, bytes]]:
    head, _, rest = body.partition(b"\n")
    out, at = [], 0
    for name, length in json.loads(head):
        out.append((name, rest[at:at + length]))
        at += length
    assert at == len(rest)
    return out


@pytest.mark.parametrize("page", ["", "data", "regionprofil", bundle.SHELL])
def test_a_bundle_holds_exactly_the_files_it_names_byte_for_byte(page):
    static = precompress.static_dir()
    made = bundle.build(static, page)
    files = _unpack(made.body)
    names = bundle.shell_files(static) if page == bundle.SHELL else preload.late(static, page)
    assert [n for n, _ in files] == list(names) and len(files) > 20
    for name, data in files:
        assert data == (static / "static" / name.rsplit(".", 1)[1] / name).read_bytes(), name
    assert made.version == hashlib.sha256(made.body).hexdigest()[:16]
    assert bundle.meta_attr(static, page) == ("" if page == bundle.SHELL else f"{bundle.key(page)}?v={made.version}")


def test_bundles_are_served_compressed_cached_by_content_and_only_for_pages():
    async def inner(scope, receive, send):
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})
    mw = bundle.LateBundle(inner, base="/psykisk-halsa")
    made = bundle.build(precompress.static_dir(), "data")
    url = {"type": "http", "method": "GET", "path": "/psykisk-halsa/_app/late/data"}
    sent, body = _run(mw, {**url, "query_string": f"v={made.version}".encode(),
                           "headers": [(b"accept-encoding", b"gzip, br")]})
    got = _headers(sent)
    assert sent[0]["status"] == 200 and got["content-encoding"] == "br" and brotli.decompress(body) == made.body
    assert "immutable" in got["cache-control"] and got["vary"] == "Accept-Encoding"
    assert got["content-type"] == "application/octet-stream" and len(body) < len(made.body) / 3
    sent, _ = _run(mw, {**url, "headers": [(b"if-none-match", got["etag"].encode()), (b"accept-encoding", b"br")]})
    assert sent[0]["status"] == 304 and _headers(sent)["vary"] == "Accept-Encoding"
    # Each coding is its own entity: the brotli copy's tag does not stand for the gzip copy.
    sent, body = _run(mw, {**url, "headers": [(b"if-none-match", got["etag"].encode()), (b"accept-encoding", b"gzip")]})
    assert sent[0]["status"] == 200 and _headers(sent)["etag"] != got["etag"] and gzip.decompress(body) == made.body
    sent, body = _run(mw, {**url, "query_string": b"v=old"})  # another version's address: not kept for long
    assert _headers(sent)["cache-control"] == "no-cache" and body == made.body and "content-encoding" not in \
        _headers(sent)
    sent, body = _run(mw, {**url, "method": "HEAD", "headers": [(b"accept-encoding", b"gzip")]})
    assert body == b"" and int(_headers(sent)["content-length"]) == len(gzip.compress(made.body, 9, mtime=0))
    start = bundle.build(precompress.static_dir(), "")
    _, body = _run(mw, {**url, "path": "/psykisk-halsa/_app/late/start"})
    assert body == start.body
    for path in ("/psykisk-halsa/_app/late/nonexistent", "/psykisk-halsa/_app/late/", "/psykisk-halsa/_app/late/..",
                 "/psykisk-halsa/_app/late/data/x"):
        sent, _ = _run(mw, {**url, "path": path})
        assert sent[0]["status"] == 404, path
    sent, _ = _run(mw, {**url, "method": "POST"})
    assert sent[0]["status"] == 405 and _headers(sent)["allow"] == "GET, HEAD"
    sent, _ = _run(mw, {**url, "path": "/_app/late/data"})  # outside the base path: not this layer's
    assert sent[0]["status"] == 204
    assert bundle.build.cache_info().currsize <= len(preload.MAIN_ROOTS) + 1  # arbitrary paths are not remembered


def test_the_service_worker_may_serve_the_pages_above_its_folder_and_is_always_checked(app_assets):
    (app_assets.folder / "sw.js").write_text("// worker\n")
    mw = assets.AppAssetsMiddleware(_html_app(SHELL), base="", assets=app_assets)
    version = app_assets.get("sw.js").version
    sent, body = _run(mw, {"type": "http", "method": "GET", "path": "/_app/sw.js",
                           "query_string": f"v={version}".encode()})
    got = _headers(sent)
    assert body == b"// worker\n" and got["content-type"] == "text/javascript; charset=utf-8"
    assert got["service-worker-allowed"] == "/" and got["cache-control"] == "no-cache"
    sent, _ = _run(mw, {"type": "http", "method": "GET", "path": "/_app/app.js"})
    assert "service-worker-allowed" not in _headers(sent)


def test_other_responses_pass_untouched(app_assets):
    async def inner(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"</head>"})
    mw = assets.AppAssetsMiddleware(inner, base="", assets=app_assets)
    sent, body = _run(mw, {"type": "http", "method": "GET", "path": "/_stcore/health"})
    assert body == b"</head>" and _headers(sent) == {"content-type": "text/plain"}


@pytest.mark.parametrize(("base", "path", "query", "location"), [
    ("", "/regioner/x", b"lang=en&year=2025", "../regioner?lang=en&year=2025"),
    ("", "/finns/inte/alls", b"", "../../finns"),
    ("", "/regioner/static/js/index.js", b"", "../../../regioner"),
    ("", "/é x/y", b"", "../%C3%A9%20x"),
    ("/psykisk-halsa", "/psykisk-halsa/data/2025", b"", "../data"),
    # Where the browser's depth may differ from the one seen here: absolute, under the base.
    ("", "/a//b", b"", "/a"),
    ("/psykisk-halsa", "/psykisk-halsa/a//b/", b"", "/psykisk-halsa/a"),
])
def test_an_address_below_a_page_is_sent_to_its_first_segment(app_assets, base, path, query, location):
    # Streamlit answers it with the shell, whose ./static/ files would then resolve below the page: a blank page.
    mw = assets.AppAssetsMiddleware(_html_app(SHELL), base=base, assets=app_assets)
    for method in ("GET", "HEAD"):
        sent, body = _run(mw, {"type": "http", "method": method, "path": path, "query_string": query})
        assert [m["type"] for m in sent] == ["http.response.start", "http.response.body"]
        assert sent[0]["status"] == 302 and body == b""
        assert _headers(sent) == {"location": location, "cache-control": "no-cache", "content-length": "0"}


def test_a_relative_redirect_lands_on_the_page_behind_a_proxy_that_removes_a_prefix():
    # Community Cloud serves the app at /~/+/ and strips that: the server sees /regioner/x.
    location = assets.deep_path_location("/regioner/x", "")
    assert urljoin("https://example.streamlit.app/~/+/regioner/x", location) == (
        "https://example.streamlit.app/~/+/regioner")
    assert urljoin("https://x.se/a/b/c/", assets.deep_path_location("/a/b/c/", "")) == "https://x.se/a"


def test_an_encoded_slash_gives_an_absolute_redirect():
    # /a%2Fb is one segment to the browser, two in the decoded path: a relative ../a would land one level too high.
    assert assets.deep_path_location("/a/b", "", raw_rel="/a%2Fb") == "/a"
    assert assets.deep_path_location("/a/b", "", raw_rel="/a/b") == "../a"


@pytest.mark.parametrize("path", ["/", "/regioner", "/nosuchpage", "/component/x/index.html", "/app/static/a.html",
                                  "/_stcore/x/y", "/media/x.html", "/auth/x", "/./x", "/../x",
                                  "/" + "a" * 201 + "/x"])
def test_an_address_of_one_segment_or_on_streamlits_routes_gets_the_shell(app_assets, path):
    mw = assets.AppAssetsMiddleware(_html_app(SHELL), base="", assets=app_assets)
    sent, body = _run(mw, {"type": "http", "method": "GET", "path": path})
    assert sent[0]["status"] == 200 and b"app.js?v=" in body


@pytest.mark.parametrize(("status", "kind"), [(200, b"text/csv"), (404, b"text/html; charset=utf-8")])
def test_other_responses_below_a_page_pass_untouched(app_assets, status, kind):
    async def inner(scope, receive, send):
        await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", kind)]})
        await send({"type": "http.response.body", "body": b"a;b"})
    mw = assets.AppAssetsMiddleware(inner, base="", assets=app_assets)
    sent, body = _run(mw, {"type": "http", "method": "GET", "path": "/regioner/x.csv"})
    assert sent[0]["status"] == status and body == b"a;b"


def test_the_apps_files_are_served_under_the_base_path_and_cached_by_content(app_assets):
    async def inner(scope, receive, send):
        await send({"type": "http.response.start", "status": 404, "headers": []})
        await send({"type": "http.response.body", "body": b""})
    mw = assets.AppAssetsMiddleware(inner, base="/psykisk-halsa", assets=app_assets)
    version = app_assets.get("app.js").version
    sent, body = _run(mw, {"type": "http", "method": "GET", "path": "/psykisk-halsa/_app/app.js",
                           "query_string": f"v={version}".encode()})
    got = _headers(sent)
    assert sent[0]["status"] == 200 and b"appScript" in body
    assert got["content-type"] == "text/javascript; charset=utf-8" and "immutable" in got["cache-control"]
    sent, _ = _run(mw, {"type": "http", "method": "GET", "path": "/psykisk-halsa/_app/app.js",
                        "query_string": b"v=old"})
    assert _headers(sent)["cache-control"] == "no-cache"
    sent, _ = _run(mw, {"type": "http", "method": "GET", "path": "/_app/app.js"})  # outside the base path
    assert sent[0]["status"] == 404
    (app_assets.folder / "app.js").write_text("// edited\n")
    assert app_assets.get("app.js").version != version  # an edit shows without a restart


def test_pages_still_go_out_when_the_apps_files_are_missing(app_assets):
    (app_assets.folder / "app.css").unlink()
    mw = assets.AppAssetsMiddleware(_html_app(SHELL), base="", assets=app_assets)
    _, body = _run(mw, {"type": "http", "method": "GET", "path": "/"})
    assert b"app.js?v=" in body and b"app.css" not in body
    sent, _ = _run(mw, {"type": "http", "method": "GET", "path": "/_app/app.css"})
    assert sent[0]["status"] == 404


def test_security_headers_reach_http_responses_and_the_websocket_handshake():
    added = headers.header_list(SHELL, {})

    async def inner(scope, receive, send):
        if scope["type"] == "websocket":
            await send({"type": "websocket.accept", "subprotocol": "streamlit"})
        else:
            await send({"type": "http.response.start", "status": 200, "headers": [(b"x-own", b"1")]})
            await send({"type": "http.response.body", "body": b"ok"})
    mw = headers.SecurityHeaders(inner, type("State", (), {"security_headers": added})())
    for scope_type in ("http", "websocket"):
        sent, _ = _run(mw, {"type": scope_type, "method": "GET", "path": "/"})
        got = _headers(sent)
        assert {k.decode() for k, _ in added} <= set(got), scope_type
    assert _headers(_run(mw, {"type": "http", "method": "GET", "path": "/"})[0])["x-own"] == "1"


# The precompressed cache ----------------------------------------------------------------------------------


@pytest.fixture()
def static_tree(tmp_path) -> Path:
    root = tmp_path / "static"
    (root / "static" / "js").mkdir(parents=True)
    (root / "static" / "js" / "big.abc.js").write_bytes(b"function f(){return 1}\n" * 2000)
    (root / "static" / "js" / "tiny.abc.js").write_bytes(b"export{}")
    (root / "static" / "media").mkdir()
    (root / "static" / "media" / "font.woff2").write_bytes(os.urandom(5000))
    return root


def test_files_are_compressed_once_into_a_private_cache(static_tree, tmp_path):
    cache = tmp_path / "cache"
    found = precompress.prepare(static_tree, cache)
    assert set(found) == {"static/js/big.abc.js"}  # too small, or compressed already: served as they are
    variants = found["static/js/big.abc.js"].variants
    original = (static_tree / "static/js/big.abc.js").read_bytes()
    assert gzip.decompress(variants["gzip"].path.read_bytes()) == original
    assert brotli.decompress(variants["br"].path.read_bytes()) == original
    assert cache.stat().st_mode & 0o077 == 0
    made = {p: p.stat().st_mtime_ns for p in cache.iterdir()}
    time.sleep(0.01)
    assert precompress.prepare(static_tree, cache) == found
    assert {p: p.stat().st_mtime_ns for p in cache.iterdir()} == made  # nothing compressed twice


def test_a_cache_folder_others_may_write_to_is_refused(static_tree, tmp_path):
    cache = tmp_path / "shared-cache"
    cache.mkdir(mode=0o777)
    cache.chmod(0o777)
    with pytest.raises(PermissionError):
        precompress.prepare(static_tree, cache)


@pytest.mark.parametrize(("header", "expected"), [
    ("gzip, deflate, br, zstd", ["br", "gzip"]),
    ("gzip", ["gzip"]),
    ("br;q=0.5, gzip", ["gzip", "br"]),
    ("gzip;q=0, br", ["br"]),
    ("*", ["br", "gzip"]),
    ("*;q=0, identity", []),
    ("", []),
    ("identity", []),
    ("br;q=oops", []),
])
def test_accept_encoding_is_read_with_its_weights(header, expected):
    assert precompress.accepted(header) == expected


def _static_app(static_tree, tmp_path, base=""):
    state = type("State", (), {"static_assets": precompress.prepare(static_tree, tmp_path / "cache")})()

    async def streamlit(scope, receive, send):  # stands in for Streamlit's own plain answer
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/x-plain")]})
        await send({"type": "http.response.body", "body": b"plain"})
    return precompress.PrecompressedStatic(streamlit, state, base)


def test_a_bundle_is_answered_from_its_compressed_copy(static_tree, tmp_path):
    mw = _static_app(static_tree, tmp_path, "/psykisk-halsa")
    scope = {"type": "http", "method": "GET", "path": "/psykisk-halsa/static/js/big.abc.js",
             "headers": [(b"accept-encoding", b"gzip, deflate, br")]}
    sent, body = _run(mw, scope)
    got = _headers(sent)
    assert got["content-encoding"] == "br" and got["vary"] == "Accept-Encoding"
    assert int(got["content-length"]) == len(body)
    assert brotli.decompress(body) == (static_tree / "static/js/big.abc.js").read_bytes()
    assert "immutable" in got["cache-control"] and got["content-type"].endswith("javascript; charset=utf-8")
    revalidate = {**scope, "headers": [*scope["headers"], (b"if-none-match", got["etag"].encode())]}
    sent, body = _run(mw, revalidate)
    assert sent[0]["status"] == 304 and body == b""
    sent, body = _run(mw, {**scope, "headers": [(b"accept-encoding", b"br"), (b"range", b"bytes=0-9")]})
    assert body == b"plain" and _headers(sent)["vary"] == "Accept-Encoding"  # Streamlit answers ranges
    sent, body = _run(mw, {**scope, "headers": []})
    assert body == b"plain" and _headers(sent)["vary"] == "Accept-Encoding"
    sent, body = _run(mw, {**scope, "path": "/static/js/big.abc.js"})  # outside the base path
    assert body == b"plain"


def test_a_copy_removed_by_the_temp_cleaner_falls_back_to_the_plain_file(static_tree, tmp_path):
    mw = _static_app(static_tree, tmp_path)
    for path in (tmp_path / "cache").glob("*.br"):
        path.unlink()
    _, body = _run(mw, {"type": "http", "method": "GET", "path": "/static/js/big.abc.js",
                           "headers": [(b"accept-encoding", b"br")]})
    assert body == b"plain"


@pytest.mark.parametrize(("option", "expected"), [(None, ""), ("", ""), ("psykisk-halsa", "/psykisk-halsa"),
                                                  ("/a/b/", "/a/b")])
def test_the_base_path_is_read_as_streamlit_reads_it(option, expected):
    assert base_path(option) == expected


def test_paths_outside_the_base_path_are_not_ours():
    assert under_base("/psykisk-halsa", "/psykisk-halsa") == "/"
    assert under_base("/psykisk-halsa/static/x.js", "/psykisk-halsa") == "/static/x.js"
    assert under_base("/psykisk-halsan/static/x.js", "/psykisk-halsa") is None
    assert under_base("/static/x.js", "") == "/static/x.js"


# The first start ------------------------------------------------------------------------------------------


@pytest.fixture()
def fresh_data(tmp_path, monkeypatch) -> Path:
    """A data folder with the raw transcriptions and nothing built, as in a fresh clone."""
    shutil.copytree(paths.raw_dir(), tmp_path / "data" / "raw")
    monkeypatch.setenv("FUNDING_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("FUNDING_CURATED_DIR", raising=False)
    return tmp_path / "data"


def test_sessions_arriving_together_build_the_data_once(fresh_data, monkeypatch):
    import funding.build

    calls = []
    real = funding.build.build

    def counted(**kwargs):
        calls.append(kwargs)
        time.sleep(0.3)  # long enough for every other thread to reach the lock
        return real(**kwargs)

    monkeypatch.setattr(funding.build, "build", counted)
    assert firstrun.missing()
    threads = [threading.Thread(target=firstrun.ensure_curated) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(calls) == 1
    assert not firstrun.missing() and (fresh_data / "curated" / "manifest.json").exists()


def test_processes_arriving_together_build_the_data_once(fresh_data):
    """Three server processes start while a fourth holds the lock: when it lets go they find the data
    built (here by the test, standing in for the fourth) and build nothing themselves."""
    folder = fresh_data / "curated"
    code = "from web import firstrun; firstrun.ensure_curated(); print('done')"
    env = dict(os.environ, FUNDING_DATA_DIR=str(fresh_data))
    with locks.exclusive(fresh_data / ".curated.lock", threading.Lock()):
        waiting = [subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True) for _ in range(3)]
        time.sleep(3)  # they import and reach the lock (not a timing assertion: only gives them the chance)
        assert all(p.poll() is None for p in waiting), "a process did not wait for the lock"
        import funding.build

        funding.build.build(out_dir=folder)
    outputs = [p.communicate(timeout=120) for p in waiting]
    assert all(p.returncode == 0 for p in waiting), outputs
    assert all(out.strip() == "done" and "Building the data" not in err for out, err in outputs), outputs


def test_a_failed_first_build_leaves_the_error_page_to_explain(fresh_data, monkeypatch):
    (fresh_data / "raw" / "grants.csv").write_text("not,the,right,columns\n", encoding="utf-8")
    firstrun.ensure_curated()  # logs the failure, raises nothing
    assert firstrun.missing()


def test_a_session_that_finds_no_data_builds_it_and_draws_the_dashboard(fresh_data):
    """The session-side fallback (a server started without the lifespan, or a session that arrives while
    another process builds): the script waits for the same lock and then draws, no error page."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py")).run(timeout=120)
    assert not at.exception
    assert (fresh_data / "curated" / "manifest.json").exists()
    assert not at.error  # the error page's box
    assert at.sidebar.multiselect  # the filters, drawn only when the data loaded


def test_data_elsewhere_is_never_built_over(tmp_path, monkeypatch):
    monkeypatch.setenv("FUNDING_CURATED_DIR", str(tmp_path / "nowhere"))
    assert not firstrun.missing()
    firstrun.ensure_curated()
    assert not (tmp_path / "nowhere").exists()


def test_the_http_layer_imports_no_interface():
    """web/ runs before and around the pages: it may use Streamlit's server pieces (config, logger, static
    folder) but not its drawing API, the components or the page scripts."""
    import ast

    for path in sorted((ROOT / "web").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                assert name.split(".")[0] not in ("components", "views", "app"), f"{path.name}: {name}"
                assert name != "streamlit" or isinstance(node, ast.ImportFrom), f"{path.name}: import streamlit"
            if isinstance(node, ast.ImportFrom) and node.module == "streamlit":
                assert {a.name for a in node.names} <= {"config", "file_util"}, path.name


def test_chart_pages_preload_plotlys_code_and_table_pages_nothing():
    static = precompress.static_dir()
    chart = preload.chunks(static, "/regioner")
    assert len(chart) == 1 and chart[0].startswith("PlotlyChart.") and (static / "static" / "js" / chart[0]).is_file()
    assert preload.chunks(static, "/data") == () and preload.chunks(static, "/om") == ()
    # A path that is no page gets nothing (and is not remembered: no growth from arbitrary addresses).
    assert preload.links(static, "/nonexistent") == b"" and preload.chunks(static, "/../x") == ()


def test_every_page_of_the_navigation_has_its_preload_list():
    from components.navigation import PAGES

    assert sorted(preload.CHART_PAGES + preload.TABLE_PAGES) == sorted(p.url_path for p in PAGES)
    assert sorted(preload.MAIN_ROOTS) == sorted(p.url_path for p in PAGES)
    assert set(preload.OTHER_ROOTS) <= set(preload.MAIN_ROOTS)
    assert sorted(preload.LANGUAGE_ONLY) == sorted(p.url_path for p in PAGES if not p.filtered)


def test_a_page_without_filters_preloads_no_filter_widgets():
    static = precompress.static_dir()
    stems = {name.split(".")[0] for name in preload.late(static, "/om")}
    assert "Radio" in stems and not {"Multiselect", "Button"} & stems
    assert {"Radio", "Multiselect", "Button"} <= {name.split(".")[0] for name in preload.late(static, "/data")}


def test_the_late_preload_names_the_pages_first_element_first_and_nothing_the_shell_loads():
    static = precompress.static_dir()
    shell = (static / "index.html").read_text(encoding="utf-8")
    data = preload.late(static, "/data")
    # The grid's stylesheet (Streamlit's loader waits for it) and its chunk first, the filter panel's widgets later.
    assert data[0].startswith("DataFrame.") and data[0].endswith(".css") and data[1].startswith("DataFrame.")
    stems = [n.split(".")[0] for n in data]
    assert stems.index("DataFrame") < stems.index("Selectbox") < stems.index("Radio") < stems.index("Multiselect")
    assert len(data) == len(set(data)) and all(n not in shell for n in data)
    for name in data:  # every name is a file of Streamlit's static folder
        assert (static / "static" / name.rsplit(".", 1)[1] / name).is_file(), name
    # Plotly's chunk is preloaded first on a chart page, so not again; what it imports is in the late list.
    regioner = preload.late(static, "regioner")
    assert preload.chunks(static, "regioner")[0] not in regioner
    assert not any(n.startswith("DataFrame.") for n in regioner)
    assert "withFullScreenWrapper" in {n.split(".")[0] for n in regioner}
    # Names only from the static folder, never from the request; nothing for a path that is no page.
    meta = preload.late_meta(static, "/data").decode()
    assert meta == f'<meta name="app-late-preload" content="{" ".join(data)}">'
    assert preload.late_meta(static, "/data", "data?v=0123").decode() == \
        f'<meta name="app-late-preload" content="{" ".join(data)}" data-bundle="data?v=0123">'
    assert preload.late(static, "/nonexistent") == () and preload.late_meta(static, "/../x") == b""
    assert preload._late.cache_info().currsize <= len(preload.MAIN_ROOTS)  # arbitrary paths are not remembered
