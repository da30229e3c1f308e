"""How a page is drawn: title, filter summary, headline figures, and each chart with its title (unit and year),
alt text, source line, summary, notes and the "show as table" alternative with its downloads."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

from components.figures.style import CONFIG
from components.presenters.common import ChartSpec, Metric, Table, shown
from components.presenters.context import ViewContext
from components.presenters.notes import source_line
from funding.fmt import number
from funding.text.escape import md_escape

from . import downloads, state

TABLE_KEY_PREFIX = "tbl_"  # + the chart's key: the session-state key of its "Visa som tabell" expander


def text(body: str) -> None:
    """A sentence built from data: Markdown is escaped so names cannot turn into links or formatting."""
    if body.endswith(".."):  # a value ending in an abbreviation ("kr/inv.") closes the sentence itself
        body = body[:-1]
    st.markdown(md_escape(body))


def caption(body: str) -> None:
    if body:
        st.caption(md_escape(body))


def notice(body: str, kind: str = "info") -> None:
    """An info or warning box; `body` may hold data, so it is escaped."""
    getattr(st, kind)(md_escape(body))


def page_title(title: str, intro: str | None = None) -> None:
    st.title(title, anchor=False)
    if intro:
        st.markdown(intro)


def filter_summary(ctx: ViewContext, summary: str) -> None:
    """One line saying what the page shows, and the way back to the defaults."""
    caption(summary)
    st.button(ctx.tr("reset"), on_click=state.clear, key="summary_reset", icon=":material/filter_alt_off:",
              type="tertiary")


def metrics_row(items: Iterable[Metric], columns: int = 3) -> None:
    """Headline figures side by side (stacked on a narrow screen), each with its caveats right under it."""
    items = list(items)
    for start in range(0, len(items), columns):
        cols = st.columns(columns)  # one row at a time, so a long note never pushes the next row apart
        for col, item in zip(cols, items[start:start + columns], strict=False):
            with col:
                st.metric(item.label, item.value)
                for note in item.notes:
                    caption(note)


def table_view(ctx: ViewContext, table: Table, alt: str | None = None, height: str | int = "content") -> None:
    """A table of raw values shown in the interface's number format (the Styler formats; sorting keeps the
    numbers). st.dataframe rather than st.table: on a phone every table is wider than the screen, and only the
    data grid can then be scrolled with the keyboard (WCAG 2.1.1).

    The tables come from the per-view memo, shared by every session and never changed, so the element drawn
    from one is kept and replayed (Streamlit replays what a cached function drew): turning the Styler into
    the grid's display values cost 5-10 ms a table on every run, about 40 ms of each run of Om datan."""
    _table_element(table, (id(table), ctx.lang, alt, height), ctx)


# The table itself is the value kept: while the entry lives, its id cannot go to another table. As many
# entries as the per-view memo (components/presenters/context.py) has views.
@st.cache_resource(show_spinner=False, max_entries=64)
def _table_element(_table: Table, key: tuple, _ctx: ViewContext) -> Table:
    _, _, alt, height = key
    _draw_table(_ctx, _table, alt, height)
    return _table


def _draw_table(ctx: ViewContext, table: Table, alt: str | None, height: str | int) -> None:
    frame = table.frame
    def formatter(kind: str, decimals: int):
        return lambda value: shown(value, kind, ctx.labels, decimals)

    formatters = {col: formatter(kind, table.decimals.get(col, 2)) for col, kind in table.formats.items()
                  if kind not in ("text", "year")}
    styled = frame.style.format(formatters, na_rep="–") if formatters else frame
    # The grid draws a missing cell as "None" whatever the Styler says (a new grant's change in per cent):
    # name the placeholder, the same dash `shown` gives a missing value. pandas refuses to style more than
    # 262 144 cells by default, and Streamlit then raises: the Data page showed an error instead of its
    # 28 300 rows at 100x data (bench/results.json, pages_failed). Allow exactly this table's cells.
    with pd.option_context("styler.render.max_elements", max(frame.size, 262_144)):
        st.dataframe(styled, hide_index=True, width="stretch", height=height, alt=alt, placeholder="–")


def chart(ctx: ViewContext, spec: ChartSpec, heading: str = "header") -> None:
    """One chart with everything WCAG and the issues ask of it."""
    tr = ctx.tr
    with st.container(key=f"chart_{spec.key}"):
        (st.header if heading == "header" else st.subheader)(spec.title, anchor=False)
        _chart_element(spec.fig, (id(spec.fig), spec.key, spec.alt))
        caption(source_line(spec.rows, ctx))
        text(spec.summary)
        for note in spec.notes:
            caption(note)
        # Drawn only once opened (one rerun): a table and download buttons under every chart made the browser
        # load and start its data grid before the charts could draw (bench/README.md).
        with st.expander(tr("show_table"), key=f"{TABLE_KEY_PREFIX}{spec.key}", on_change="rerun") as box:
            if box.open:
                table_view(ctx, spec.table, alt=spec.title)
                n = len(spec.table.frame)
                fmt = downloads.table_download(spec.table.frame, spec.table.formats, spec.rows,
                                         ctx.described(spec.rows, spec.table_regions, spec.every_region), ctx.lang,
                                         key=f"dlt_{spec.key}", chart=spec.key,
                                         label=tr("download_table", n=number(n, 0, ctx.lang)),
                                         regions=spec.table_regions, statuses=spec.statuses or ctx.snapshot.statuses)
                caption(tr("table_rows_note", n=number(n, 0, ctx.lang)))
                # In the format chosen above it: a reader who asked for CSV got an xlsx file here.
                rows_filters = ctx.described(spec.rows, every_region=spec.every_region)
                downloads.rows_download(spec.rows, rows_filters, ctx.lang, key=f"dlr_{spec.key}",
                                        label=tr("download_rows", n=number(len(spec.rows), 0, ctx.lang)),
                                        help_text=tr("download_rows_help"), fmt=fmt or "xlsx",
                                        statuses=spec.statuses or ctx.snapshot.statuses)


# Like the tables: the figures come from the per-view memo and never change, and turning one into the chart
# element (a deep copy, then JSON) cost 3-15 ms a chart on every run, half of a run of Regioner (the map).
@st.cache_resource(show_spinner=False, max_entries=64)
def _chart_element(_fig, key: tuple) -> object:
    _, chart_key, alt = key
    st.plotly_chart(_fig, key=f"fig_{chart_key}", config=CONFIG, alt=alt, width="stretch")
    return _fig


def show(ctx: ViewContext, spec: ChartSpec | str | None, heading: str = "header") -> None:
    """Draw a ChartSpec, or say plainly why there is nothing to draw."""
    if spec is None:
        st.info(ctx.tr("no_rows"))
    elif isinstance(spec, str):
        notice(spec)
    else:
        chart(ctx, spec, heading)


def bullets(items: Iterable[tuple[str, str]]) -> None:
    """A list of (bold lead, rest) pairs from the data, escaped for Markdown."""
    st.markdown("\n".join(f"- **{md_escape(lead)}**. {md_escape(rest)}" for lead, rest in items))


def plain_list(items: Iterable[str]) -> None:
    items = list(items)
    if items:
        st.markdown("\n".join(f"- {md_escape(item)}" for item in items))
