"""What app.py hands to st.App: the start-up work (lifespan) and the middleware around Streamlit."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

import anyio
from starlette.middleware import Middleware
from streamlit import file_util

from . import firstrun, headers


@asynccontextmanager
async def lifespan(_app):
    # Before any session is served (uvicorn accepts connections only after this), and off the event loop.
    await anyio.to_thread.run_sync(firstrun.ensure_curated)
    yield


def app_options() -> dict:
    """Keyword arguments for st.App. A bad deployment setting stops the server with a one-line reason."""
    index_html = (Path(file_util.get_static_dir()) / "index.html").read_bytes()
    try:
        header_list = headers.header_list(index_html)
    except headers.SettingError as exc:
        # SystemExit with text: the server prints just this and exits non-zero, no traceback to read.
        raise SystemExit(f"Cannot start the dashboard: {exc}") from None
    return {
        "lifespan": lifespan,
        "middleware": [Middleware(headers.SecurityHeaders, headers=header_list)],
    }
