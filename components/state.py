"""Shared filters: read from the URL, drawn in the sidebar, written back to the URL on every run.

The URL is the source of truth when a session starts (or when a different, non-empty query string
arrives later, as after the browser's back button). From then on the widgets are, and every run
writes their values back, so the address bar always bookmarks the current view. Navigation between
pages clears the query string; the next run writes it again from the widgets.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from funding import filters as flt
from funding import metrics
from funding.i18n import Translator
from funding.model import Dataset

from . import labels as lbl
from .memo import DatasetMemo

MULTI_KEYS = {  # Filters field -> sidebar widget key
    "years": "flt_year",
    "regions": "flt_region",
    "levels": "flt_level",
    "channels": "flt_channel",
    "grants": "flt_grant",
    "streams": "flt_stream",
    "focus": "flt_focus",
}
PAGE_KEYS = {"unit": "pg_unit", "denom": "pg_denom"}   # page widgets
PAGE_PARAM_OWNER = {"unit": "over-tid", "denom": "regioner"}  # url_path of the page that shows each


@dataclass(frozen=True)
class Context:
    """What a page needs: the data, the filters, the rows they select, labels and text in one language."""

    ds: Dataset
    filters: flt.Filters
    lang: str
    tr: Translator
    labels: lbl.Labels
    rows: pd.DataFrame           # ds.view filtered by every filter
    pop: pd.Series               # region code -> population


def year_span(years: tuple[int, ...] | list[int]) -> str:
    """2025 | 2025–2026 | 2023, 2025–2026: consecutive years joined by an en dash."""
    years = sorted(set(years))
    if not years:
        return ""
    runs: list[list[int]] = [[years[0]]]
    for year in years[1:]:
        if year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


# The filter options and the labels depend on the dataset (and language) only, yet were rebuilt from
# the whole view on every rerun (issue 7: about 200 ms a run at 100x the data).
_per_dataset = DatasetMemo(size=8)


def options_for(ds: Dataset) -> flt.FilterOptions:
    return _per_dataset.get(ds, ("options",), lambda: flt.FilterOptions.from_view(ds.view, ds.region_codes))


def labels_for(ds: Dataset, lang: str) -> lbl.Labels:
    return _per_dataset.get(ds, ("labels", lang), lambda: lbl.build(ds, lang))


def _incoming() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _seed(f: flt.Filters) -> None:
    """Put a parsed view into the widgets' state (before they are drawn in this run)."""
    ss = st.session_state
    for attr, key in MULTI_KEYS.items():
        ss[key] = list(getattr(f, attr))
    ss["flt_estimated"] = "estimated" in f.statuses
    ss["flt_announced"] = "announced" in f.statuses
    ss["flt_lang"] = f.lang
    ss["flt_unit"] = f.unit
    ss["flt_denom"] = f.denom


def read_url(options: flt.FilterOptions) -> None:
    """Parse the URL into the widgets when the session starts or a new query string arrives."""
    ss = st.session_state
    incoming = _incoming()
    current = flt.normalise_params(incoming)
    if ss.get("flt_init") and (not current or current == ss.get("flt_written")):
        return
    result = flt.parse(incoming, options)
    _seed(result.filters)
    ss["flt_warnings"] = result.warnings
    ss["flt_init"] = True


def current_lang() -> str:
    lang = st.session_state.get("flt_lang", "sv")
    return lang if lang in flt.LANGS else "sv"


def _reset() -> None:
    _seed(flt.Filters(lang=current_lang()))


def sidebar(ds: Dataset, options: flt.FilterOptions, lang: str) -> flt.Filters:
    """Draw the shared filters in the sidebar and return the view they describe."""
    ss = st.session_state
    tr = Translator(lang)
    labels = labels_for(ds, lang)
    if ss.get("flt_lang_drawn") not in (None, lang):
        # The options' labels change with the language; hand each widget its value again so the
        # browser receives it under the new labels instead of dropping labels it no longer knows.
        for key in MULTI_KEYS.values():
            if key in ss:
                ss[key] = list(ss[key])
    ss["flt_lang_drawn"] = lang
    for key in MULTI_KEYS.values():
        ss.setdefault(key, [])
    ss.setdefault("flt_estimated", True)
    ss.setdefault("flt_announced", True)

    with st.sidebar:
        st.radio(tr("language"), flt.LANGS, key="flt_lang", horizontal=True,
                 format_func=lambda code: {"sv": "Svenska", "en": "English"}[code])
        st.header(tr("filters"), anchor=False)
        st.caption(tr("filters_help"))
        all_ = tr("all")
        years = st.multiselect(tr("f_year"), options.years, key="flt_year", placeholder=all_)
        regions = st.multiselect(tr("f_region"), options.regions, key="flt_region", placeholder=all_,
                                 format_func=labels.region_option)
        levels = st.multiselect(tr("f_level"), options.levels, key="flt_level", placeholder=all_,
                                format_func=labels.level)
        channels = st.multiselect(tr("f_channel"), options.channels, key="flt_channel", placeholder=all_,
                                  format_func=labels.channel)
        grants = st.multiselect(tr("f_grant"), options.grants, key="flt_grant", placeholder=all_,
                                format_func=lambda g: labels.grants.get(g, g))
        streams = st.multiselect(tr("f_stream"), options.streams, key="flt_stream", placeholder=all_,
                                 format_func=lambda s: labels.streams.get(s, s))
        focus = st.multiselect(tr("f_focus"), options.focus, key="flt_focus", placeholder=all_,
                               format_func=lambda f: labels.focus.get(f, f))
        st.markdown(f"**{tr('f_include')}**")
        estimated = st.checkbox(tr("f_estimated"), key="flt_estimated")
        announced = st.checkbox(tr("f_announced"), key="flt_announced")
        st.button(tr("reset"), on_click=_reset, key="flt_reset")

    statuses = tuple(s for s, keep in (("decided", True), ("estimated", estimated), ("announced", announced)) if keep)
    order = {name: {v: i for i, v in enumerate(getattr(options, name))} for name in MULTI_KEYS}

    def chosen(name: str, values: list) -> tuple:
        return tuple(sorted(dict.fromkeys(values), key=lambda v: order[name].get(v, 0)))

    return flt.Filters(
        years=chosen("years", years), regions=chosen("regions", regions), levels=chosen("levels", levels),
        channels=chosen("channels", channels), grants=chosen("grants", grants), streams=chosen("streams", streams),
        focus=chosen("focus", focus), statuses=statuses, lang=lang,
        unit=ss.get("flt_unit", "sek") if ss.get("flt_unit") in flt.UNITS else "sek",
        denom=ss.get("flt_denom", "total") if ss.get("flt_denom") in flt.DENOMINATORS else "total",
    )


def write_url(f: flt.Filters, url_path: str) -> None:
    """Keep the address bar in step with the view; page-only settings appear on their own page."""
    wanted = f.to_params()
    for attr, owner in PAGE_PARAM_OWNER.items():
        if owner != url_path:
            wanted.pop(attr, None)
    normalised = flt.normalise_params(wanted)
    if flt.normalise_params(_incoming()) != normalised:
        st.query_params.from_dict(wanted)
    st.session_state["flt_written"] = normalised


def show_warnings(lang: str) -> None:
    """The URL problems found when the view was opened, shown once; they never contain the URL's values."""
    tr = Translator(lang)
    for warning in st.session_state.pop("flt_warnings", ()):
        default = tr(f"default_{warning.param}")
        st.warning(tr(f"warn_{warning.reason}", param=warning.param, default=default), icon=":material/link_off:")


def publish(f: flt.Filters) -> None:
    """Hand the view to the page that runs next (session state: nothing is shared between sessions)."""
    st.session_state["flt_current"] = f


def context() -> Context:
    """The page's context for this run (app.py has drawn the filters before the page runs)."""
    from .data import dataset

    ds = dataset()
    f = st.session_state.get("flt_current") or flt.Filters()
    lang = f.lang
    return Context(ds=ds, filters=f, lang=lang, tr=Translator(lang), labels=labels_for(ds, lang),
                   rows=metrics.select(ds.view, f), pop=metrics.populations(ds.population))


def _page_choice_changed(attr: str) -> None:
    st.session_state[f"flt_{attr}"] = st.session_state[PAGE_KEYS[attr]]


def page_choice(attr: str, options: tuple[str, ...], label: str, format_func, horizontal: bool = True) -> str:
    """A page-level setting that lives in the URL (unit, denom).

    Its value is kept under flt_<attr>, not in the widget: Streamlit forgets a widget's state on the pages
    that do not draw it. A change lands there (callback) before app.py writes the URL on the same rerun.
    """
    ss = st.session_state
    value = ss.get(f"flt_{attr}")
    ss[PAGE_KEYS[attr]] = value if value in options else options[0]
    return st.radio(label, options, key=PAGE_KEYS[attr], format_func=format_func, horizontal=horizontal,
                    on_change=_page_choice_changed, args=(attr,))


def _profile_region_changed() -> None:
    code = st.session_state.get("pg_region")
    st.session_state["flt_region"] = [code] if code else []


def profile_region(ctx: Context) -> str | None:
    """The region the profile shows: the (first) region of the sidebar filter, chosen here or there."""
    ss = st.session_state
    chosen = ctx.filters.regions
    current = chosen[0] if chosen else None
    ss["pg_region"] = current
    st.selectbox(ctx.tr("rp_choose"), ctx.ds.region_codes, key="pg_region", index=None,
                 placeholder=ctx.tr("rp_choose"), format_func=ctx.labels.region_option,
                 on_change=_profile_region_changed)
    if len(chosen) > 1:
        st.caption(ctx.tr("rp_first_of", region=ctx.labels.region_option(current)))
    return current
