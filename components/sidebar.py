"""The filter panel: language, year and region always in view; the rarer filters under "More filters", drawn
only when it is opened, so the first chart does not wait for seven widgets."""

from __future__ import annotations

import streamlit as st

from funding.analysis import filters as flt
from funding.text import Translator
from funding.text.labels import Labels

from . import state

MORE_KEY = "flt_more"
MORE_COUNT_KEY = "flt_more_count"  # assets/app.js finds the count by this key's class
MORE_OPEN = "_flt_more_last"  # "More filters" in the last run: label, `expanded` given, open (see draw)


def _multi(name: str, label: str, options: tuple, format_func, placeholder: str, help: str | None = None) -> None:
    st.multiselect(label, options, format_func=format_func, placeholder=placeholder, help=help,
                   **state.bind(name, list(state.value(name))))


def draw(options: flt.FilterOptions, labels: Labels, default_year: int, series_page: bool = False,
         boxes: bool = True) -> None:
    """`series_page`: the page shows time series only, and with no year chosen every year (the box says so).
    `boxes`: False on a page the filters do not change (components/navigation.PageSpec.filtered)."""
    tr = Translator(labels.lang)
    with st.sidebar:
        st.radio(tr("language"), flt.LANGS, horizontal=True, format_func={"sv": "Svenska", "en": "English"}.get,
                 **state.bind("lang", state.current_lang()))
        if not boxes:
            # Boxes that change nothing here would only mislead, and each costs the page's first drawing time
            # (bench/README.md). The choices are kept (state.py keeps them apart from the widgets) and so is
            # the address; "More filters" comes back as open as it was.
            st.caption(tr("filters_not_here"))
            _, expanded, was_open = st.session_state.get(MORE_OPEN, ("", False, False))
            st.session_state[MORE_OPEN] = ("", expanded, was_open)
            return
        st.header(tr("filters"), anchor=False)
        st.caption(tr("filters_help"))
        # A short placeholder (a long one was cut in the box); the time series' default is in the help.
        _multi("years", tr("f_year"), options.years, str,
               tr("f_year_placeholder_all") if series_page else tr("f_year_placeholder", year=default_year),
               tr("f_year_help", year=default_year))
        _multi("region_codes", tr("f_region"), options.region_codes, labels.region_option,
               tr("f_region_placeholder"))
        active = sum(1 for name in ("levels", "channels", "grants", "streams", "focus") if state.value(name))
        active += bool(state.value("statuses"))
        # Streamlit makes the label and `expanded` part of the expander's identity: a changed one is a new
        # expander, drawn afresh with the keyboard's focus lost. So the label does not change with the filters
        # (with the count in it, "Fler filter (1)", each choice closed the panel), and `expanded` stays what it
        # was while the label does; only when the label changes (a switch of language) does the new expander
        # start as open as the old one was.
        label = tr("more_filters")
        last_label, last_expanded, last_open = st.session_state.get(MORE_OPEN, (label, False, False))
        expanded = last_expanded if label == last_label else last_open
        with st.expander(label, expanded=expanded, key=MORE_KEY, on_change="rerun") as more:
            st.session_state[MORE_OPEN] = (label, expanded, more.open)
            if more.open:
                _more(options, labels, tr)
        # The count under it instead, so that a closed panel still says it holds filters; assets/app.js also
        # gives it to the expander's button as its description, for whoever reaches the button with Tab.
        if active:
            with st.container(key=MORE_COUNT_KEY):
                st.caption(tr("more_active", n=active))  # "1 filter valt" from more_active_one
        st.button(tr("reset"), on_click=state.clear, key="flt_reset", icon=":material/filter_alt_off:")


def _more(options: flt.FilterOptions, labels: Labels, tr: Translator) -> None:
    choices = tuple(state.STATUS_CHOICES)
    st.radio(tr("f_status"), choices, help=tr("f_status_help"),
             format_func=lambda c: tr(f"f_status_{c}") if c != "default" else tr("f_status_default"),
             **state.bind("statuses", state.status_choice()))
    all_ = tr("all")
    _multi("grants", tr("f_grant"), options.grants, labels.grant, all_)
    _multi("levels", tr("f_level"), options.levels, labels.level, all_)
    _multi("channels", tr("f_channel"), options.channels, labels.channel, all_)
    _multi("streams", tr("f_stream"), options.streams, labels.stream, all_)
    _multi("focus", tr("f_focus"), options.focus, lambda f: labels.focus.get(f, f), all_)
