"""What every page shares, run by app.py before the page: data, URL, filter panel, navigation, title, warnings."""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from components.presenters.context import ViewContext, labels_for, latest_year_for, options_for
from funding.dataset import DataUnavailable
from funding.text import Translator, normalise_lang
from web import firstrun

from . import sidebar, state
from .data import current_dataset
from .navigation import PAGES, PageSpec, by_url_path

# A local favicon: a Material or emoji icon would make the browser fetch it from Google's or a CDN's servers.
FAVICON = str(Path(__file__).resolve().parent.parent / "assets" / "favicon.png")


def _pages(lang: str) -> list:
    return [st.Page(spec.script, title=spec.title(lang), icon=spec.icon, url_path=spec.url_path,
                    default=spec.url_path == "") for spec in PAGES]


def _spec(url_path: str) -> PageSpec:
    """The page st.navigation chose (the start page, should it name none of ours)."""
    try:
        return by_url_path(url_path)
    except KeyError:
        return PAGES[0]


def error_page(exc: DataUnavailable, lang: str) -> None:
    """What a visitor sees when the curated data are missing or broken: the problem and the fix, no traceback."""
    tr = Translator(lang)
    st.title(tr("error_title"), anchor=False)
    st.error(tr("error_problem"), icon=":material/error:")
    st.text(exc.problem)
    st.markdown(tr("error_remedy"))
    st.code("make data", language="bash")


def run() -> None:
    st.set_page_config(page_title=Translator("sv")("app_title"), page_icon=FAVICON, layout="wide",
                       initial_sidebar_state="auto")
    if firstrun.missing():
        # Normally the server built the data before the first session; this covers a session that arrives
        # while another process builds it, or a server started without the lifespan.
        with st.spinner(Translator(normalise_lang(st.query_params.get("lang")))("first_build")):
            firstrun.ensure_curated()
    try:
        ds = current_dataset()
    except DataUnavailable as exc:
        lang = normalise_lang(st.query_params.get("lang"))
        # Still register the pages, so every bookmarked address lands on this explanation.
        st.navigation(_pages(lang), position="hidden")
        error_page(exc, lang)
        return
    options = options_for(ds)
    state.read_url(options)
    lang = state.current_lang()
    nav = st.navigation(_pages(lang), position="sidebar")
    labels = labels_for(ds, lang)
    spec = _spec(nav.url_path)
    sidebar.draw(options, labels, latest_year_for(ds), series_page=spec.series_only, boxes=spec.filtered)
    filters = state.filters(options)
    state.publish(filters)
    state.write_url(filters, nav.url_path)
    tr = Translator(lang)
    st.set_page_config(page_title=tr("tab_title", page=nav.title))
    for warning in state.take_warnings():
        # A page of time series shows every year by default: "the default year" was wrong there (/data).
        default = tr("default_year_all" if warning.param == "year" and spec.series_only
                     else f"default_{warning.param}")
        st.warning(tr(f"warn_{warning.reason}", param=warning.param, default=default), icon=":material/link_off:")
    nav.run()


# Below this window width (CSS pixels) the money trail leaves out its channel column. Measured with the filter
# panel open: at 1 100 px the four columns' names stand clear of each other, at 1 024 px (a 690 px page)
# "Kommunerna 250" reached "Överenskommelse staten–SKR", at 820 px (490 px) and on a 390 px phone more did.
NARROW_BELOW_PX = 1100
# A phone's width, where even short labels need smaller type (Över tid's yearly totals).
PHONE_BELOW_PX = 600


def narrow_width(value: object, below: int = NARROW_BELOW_PX) -> bool:
    """Whether the window width in the `vw` cookie (a whole number of CSS pixels) is under `below`; anything
    else (no cookie, a malformed or absurd one) counts as wide, the layout every screen can scroll."""
    # ASCII digits only: str.isdigit() also takes "²" (int() then raises) and other scripts' digits. Not a
    # string at all under Streamlit's AppTest, whose cookies are a mock.
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{1,5}", value):
        return False
    return 0 < int(value) < below


def narrow(below: int = NARROW_BELOW_PX) -> bool:
    """Whether this session's window is narrower than `below`. Streamlit tells the server nothing about the
    screen, so assets/app.js writes the window's width to a session cookie (`vw`, for layout only) before the
    client connects, and the websocket's handshake brings it here. Read once per session: turning a tablet
    shows the other layout after a reload."""
    return narrow_width(st.context.cookies.get("vw"), below)


def context() -> ViewContext:
    """The page's context for this run (the shell has drawn the filters before the page runs)."""
    return ViewContext(current_dataset(), state.current())
