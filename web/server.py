"""What app.py hands to st.App: the start-up work (lifespan) and the middleware around Streamlit."""

from __future__ import annotations

from contextlib import asynccontextmanager
from dataclasses import dataclass

import anyio
from starlette.middleware import Middleware
from streamlit import config
from streamlit.logger import get_logger
from streamlit.version import STREAMLIT_VERSION_STRING

from . import bundle, firstrun, headers, icons, precompress
from .assets import ASSETS_DIR, AppAssetsMiddleware
from .paths import base_path

_LOG = get_logger(__name__)


@dataclass
class State:
    """Filled in by the lifespan before the first request is served."""

    security_headers: list[tuple[bytes, bytes]]
    static_assets: dict[str, precompress.Asset] | None = None
    icon_font: icons.Subset | None = None


STATE = State(security_headers=[])


def _security_headers() -> list[tuple[bytes, bytes]]:
    return headers.header_list((precompress.static_dir() / "index.html").read_bytes(), own_inline=[bundle.SAFETY_NET])


@asynccontextmanager
async def lifespan(_app):
    # Streamlit has now loaded .streamlit/secrets.toml, whose top-level values it copies into the
    # environment: DASHBOARD_FRAME_ANCESTORS may come from there (Streamlit Community Cloud has no other way).
    try:
        STATE.security_headers = _security_headers()
    except headers.SettingError as exc:
        _LOG.error("Cannot start the dashboard: %s", exc)
        raise
    # Before any session is served (uvicorn accepts connections only after this), and off the event loop.
    await anyio.to_thread.run_sync(firstrun.ensure_curated)
    try:
        STATE.static_assets = await anyio.to_thread.run_sync(precompress.prepare)
    except Exception:  # a full disk or a foreign cache folder costs bandwidth, not the service
        _LOG.exception("Serving Streamlit's static files uncompressed: the compressed copies could not be made.")
    STATE.icon_font = await anyio.to_thread.run_sync(icons.load, ASSETS_DIR, precompress.static_dir(),
                                                     STREAMLIT_VERSION_STRING)
    yield


def app_options() -> dict:
    """Keyword arguments for st.App. A bad deployment setting stops the server with a one-line reason."""
    try:
        STATE.security_headers = _security_headers()
    except headers.SettingError as exc:
        # SystemExit with text: the server prints just this and exits non-zero, no traceback to read.
        raise SystemExit(f"Cannot start the dashboard: {exc}") from None
    base = base_path(config.get_option("server.baseUrlPath"))
    return {
        "lifespan": lifespan,
        # Outermost first: every response, including those of the two layers inside it, gets the headers.
        "middleware": [
            Middleware(headers.SecurityHeaders, state=STATE),
            Middleware(bundle.LateBundle, base=base),
            Middleware(AppAssetsMiddleware, base=base),
            Middleware(precompress.PrecompressedStatic, state=STATE, base=base),
            Middleware(icons.SubsetIconFont, state=STATE, base=base),
        ],
    }
