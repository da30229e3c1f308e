"""What app.py hands to st.App: the start-up work (lifespan) and the middleware around Streamlit."""

from __future__ import annotations

from contextlib import asynccontextmanager
from dataclasses import dataclass

import anyio
from starlette.middleware import Middleware
from streamlit import config
from streamlit.logger import get_logger

from . import firstrun, headers, precompress
from .assets import AppAssetsMiddleware
from .paths import base_path

_LOG = get_logger(__name__)


@dataclass
class State:
    """Filled in by the lifespan before the first request is served."""

    static_assets: dict[str, precompress.Asset] | None = None


STATE = State()


@asynccontextmanager
async def lifespan(_app):
    # Before any session is served (uvicorn accepts connections only after this), and off the event loop.
    await anyio.to_thread.run_sync(firstrun.ensure_curated)
    try:
        STATE.static_assets = await anyio.to_thread.run_sync(precompress.prepare)
    except Exception:  # a full disk or a foreign cache folder costs bandwidth, not the service
        _LOG.exception("Serving Streamlit's static files uncompressed: the compressed copies could not be made.")
    yield


def app_options() -> dict:
    """Keyword arguments for st.App. A bad deployment setting stops the server with a one-line reason."""
    index_html = (precompress.static_dir() / "index.html").read_bytes()
    try:
        header_list = headers.header_list(index_html)
    except headers.SettingError as exc:
        # SystemExit with text: the server prints just this and exits non-zero, no traceback to read.
        raise SystemExit(f"Cannot start the dashboard: {exc}") from None
    base = base_path(config.get_option("server.baseUrlPath"))
    return {
        "lifespan": lifespan,
        # Outermost first: every response, including those of the two layers inside it, gets the headers.
        "middleware": [
            Middleware(headers.SecurityHeaders, headers=header_list),
            Middleware(AppAssetsMiddleware, base=base),
            Middleware(precompress.PrecompressedStatic, state=STATE, base=base),
        ],
    }

