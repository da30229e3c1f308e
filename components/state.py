"""The view's state: read from the URL, kept in the session, written back to the URL as a history entry.

The URL is the source of truth when a session starts, when a different query string arrives, and whenever
the browser's Back or Forward button brings one back (Streamlit tells the run it is a history navigation,
and an empty query string then means the unfiltered view). Otherwise the session's values are, and every
run writes them back, so the address bar always bookmarks the view and each change is a history entry.

Values live under `fv_<name>` in the session, apart from the widgets that edit them (`fw_<name>`): Streamlit
forgets a widget's state on every run that does not draw it, and the "More filters" panel and the
page-only choices are not drawn on every run.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from funding.analysis import filters as flt

VALUE, WIDGET = "fv_", "fw_"
MULTI = ("years", "region_codes", "levels", "channels", "grants", "streams", "focus")
SINGLE = {"lang": "sv", "unit": "sek", "denom": "total", "base": ""}
PAGE_PARAM_OWNER = {"unit": "over-tid", "denom": "regioner", "base": ""}  # url_path of the page that shows each
# The amounts-to-show choice and the statuses it stands for; "default" lets each chart choose.
STATUS_CHOICES = {
    "default": (),
    "decided": ("decided",),
    "estimated": ("decided", "estimated"),
    "announced": ("decided", "announced"),
    "all": ("decided", "estimated", "announced"),
}


def value(name: str):
    default = () if name in MULTI or name == "statuses" else SINGLE[name]
    return st.session_state.get(VALUE + name, default)


def set_value(name: str, new) -> None:
    st.session_state[VALUE + name] = new


def _from_widget(name: str) -> None:
    raw = st.session_state.get(WIDGET + name)
    if name == "statuses":
        raw = STATUS_CHOICES.get(raw, ())
    elif name in MULTI:
        raw = tuple(raw or ())
    set_value(name, raw)


def bind(name: str, shown) -> dict:
    """Keyword arguments that tie a widget to a stored value: its key (seeded with `shown`) and a callback."""
    st.session_state[WIDGET + name] = shown
    return {"key": WIDGET + name, "on_change": _from_widget, "args": (name,)}


def status_choice() -> str:
    statuses = tuple(value("statuses"))
    for choice, listed in STATUS_CHOICES.items():
        if listed == statuses:
            return choice
    return "all"


def _incoming() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _seed(f: flt.Filters) -> None:
    for name in MULTI:
        set_value(name, tuple(getattr(f, name)))
    set_value("statuses", tuple(f.statuses))
    for name in SINGLE:
        set_value(name, getattr(f, name))


def read_url(options: flt.FilterOptions) -> None:
    """Parse the URL into the session when it starts, when a new query string arrives, or on Back/Forward."""
    ss = st.session_state
    ctx = get_script_run_ctx()
    history = bool(ctx is not None and getattr(ctx, "is_history_navigation", False))
    incoming = _incoming()
    current = flt.normalise_params(incoming)
    if ss.get("flt_init") and not history and (not current or current == ss.get("flt_written")):
        return
    result = flt.parse(incoming, options)
    _seed(result.filters)
    ss["flt_warnings"] = result.warnings
    ss["flt_init"] = True


def current_lang() -> str:
    lang = value("lang")
    return lang if lang in flt.LANGS else "sv"


def filters(options: flt.FilterOptions) -> flt.Filters:
    """The view the stored values describe, each multi-valued filter in the options' order."""
    def ordered(name: str) -> tuple:
        order = {v: i for i, v in enumerate(getattr(options, name))}
        return tuple(sorted(dict.fromkeys(v for v in value(name) if v in order), key=order.__getitem__))

    singles = {name: value(name) for name in SINGLE}
    if singles["unit"] not in flt.UNITS:
        singles["unit"] = "sek"
    if singles["denom"] not in flt.DENOMINATORS:
        singles["denom"] = "total"
    if singles["base"] and singles["base"] not in {str(y) for y in options.years}:
        singles["base"] = ""
    return flt.Filters(**{name: ordered(name) for name in MULTI}, statuses=tuple(value("statuses")),
                       **singles)


def clear() -> None:
    """Every filter back to its default; the language stays."""
    _seed(flt.Filters(lang=current_lang()))


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


def publish(f: flt.Filters) -> None:
    """Hand the view to the page that runs next (session state: nothing is shared between sessions)."""
    st.session_state["flt_current"] = f


def current() -> flt.Filters:
    return st.session_state.get("flt_current") or flt.Filters()


def take_warnings() -> tuple:
    return tuple(st.session_state.pop("flt_warnings", ()))


def page_bind(name: str, shown: str) -> dict:
    """A page-only setting that lives in the URL (unit, denominator, comparison year), bound like a filter.

    The change lands in the stored value (callback) before the shell writes the URL on the next run.
    """
    return bind(name, shown)


def _profile_region_changed() -> None:
    code = st.session_state.get(WIDGET + "profile_region")
    set_value("region_codes", (code,) if code else ())


def profile_region(ctx) -> str | None:
    """The region the profile shows: the (first) region of the filter, chosen here or in the panel."""
    chosen = ctx.filters.region_codes
    current_code = chosen[0] if chosen else None
    st.session_state[WIDGET + "profile_region"] = current_code
    st.selectbox(ctx.tr("rp_choose"), ctx.ds.region_codes, index=None, placeholder=ctx.tr("rp_choose"),
                 format_func=ctx.labels.region_option, key=WIDGET + "profile_region",
                 on_change=_profile_region_changed)
    if len(chosen) > 1:
        st.caption(ctx.tr("rp_first_of", region=ctx.labels.region_option(current_code)))
    return current_code
