"""Entry point: page setup, the shared filters (kept in the URL), and navigation between the pages.

`streamlit run app.py` reads this file twice over. Started by the server (no script context), it only
builds the ASGI app below, which adds the HTTP layer (web/) around Streamlit: headers, compressed
files, the first build of the data. Run as the Streamlit script, once per session and rerun (and by
AppTest), it draws the dashboard.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components import data, state
from components.navigation import PAGES
from funding.i18n import Translator
from funding.model import DataUnavailable
from web import firstrun

# A local favicon: a Material or emoji icon would make the browser fetch it from Google's or a CDN's servers.
FAVICON = Path(__file__).resolve().parent / "assets" / "favicon.png"


def error_page(exc: DataUnavailable, lang: str) -> None:
    """What a visitor sees when the curated data are missing or broken: the problem and the fix, no traceback."""
    tr = Translator(lang)
    st.title(tr("error_title"), anchor=False)
    st.error(tr("error_problem"), icon=":material/error:")
    st.text(exc.problem)
    st.markdown(tr("error_remedy"))
    st.code("make data", language="bash")


def main() -> None:
    st.set_page_config(page_title="Statsbidrag psykisk hälsa", page_icon=str(FAVICON), layout="wide",
                       initial_sidebar_state="auto")
    if firstrun.missing():
        # Normally the server built the data before the first session; this covers a session that arrives
        # while another process builds it, or a server started without the lifespan.
        tr = Translator("en" if st.query_params.get("lang") == "en" else "sv")
        with st.spinner(tr("first_build")):
            firstrun.ensure_curated()
    try:
        ds = data.dataset()
    except DataUnavailable as exc:
        lang = "en" if st.query_params.get("lang") == "en" else "sv"
        # Still register the pages, so every bookmarked address lands on this explanation.
        nav = st.navigation([st.Page(spec.script, title=spec.title(lang), icon=spec.icon, url_path=spec.url_path,
                                     default=spec.url_path == "") for spec in PAGES], position="hidden")
        del nav
        error_page(exc, lang)
        return

    options = state.options_for(ds)
    state.read_url(options)
    lang = state.current_lang()
    pages = [st.Page(spec.script, title=spec.title(lang), icon=spec.icon, url_path=spec.url_path,
                     default=spec.url_path == "") for spec in PAGES]
    nav = st.navigation(pages, position="sidebar")
    filters = state.sidebar(ds, options, lang)
    state.publish(filters)
    state.write_url(filters, nav.url_path)
    state.show_warnings(lang)
    nav.run()


if get_script_run_ctx(suppress_warning=True) is None:
    from web.server import app_options

    # Found by `streamlit run` (it looks for an st.App assignment) and served with uvicorn.
    app = st.App(__file__, **app_options())
else:
    main()
