"""What app.py hands to st.App: the start-up work (lifespan) and the middleware around Streamlit."""

from __future__ import annotations

from contextlib import asynccontextmanager

import anyio

from . import firstrun


@asynccontextmanager
async def lifespan(_app):
    # Before any session is served (uvicorn accepts connections only after this), and off the event loop.
    await anyio.to_thread.run_sync(firstrun.ensure_curated)
    yield


def app_options() -> dict:
    """Keyword arguments for st.App."""
    return {"lifespan": lifespan}
