"""How a chart is shown: title with unit and year, the chart with alt text, source line, one-sentence
summary, notes, and the "Visa som tabell" alternative with downloads of exactly those rows."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from .downloads import render_downloads
from .figures import CONFIG
from .labels import Labels, md_escape
from .state import Context

TABLE_KEY_PREFIX = "tbl_"  # + the chart's key: the session-state key of its "Visa som tabell" expander


def source_line(rows: pd.DataFrame, labels: Labels, tr) -> str:
    """'Källa: Regeringen (Socialdepartementet), 2025, S2025/00397; …' for the sources behind `rows`."""
    # pd.unique keeps the order of first appearance, like dict.fromkeys, without a Python loop over every row.
    ids = [s for s in pd.unique(rows["source_id"]) if s] if "source_id" in rows else []
    names = [labels.sources.get(s, s) for s in ids]
    return tr("sources_line", sources="; ".join(names) if names else "–")


def downloads(rows: pd.DataFrame, ctx: Context, key: str) -> None:
    """Download buttons for exactly `rows` (issue 5's component), described by the active filters."""
    render_downloads(rows, ctx.filters.describe(), ctx.lang, key)


def text(body: str) -> None:
    """A sentence built from data: Markdown is escaped so names cannot turn into links or formatting."""
    if body.endswith(".."):  # a value ending in an abbreviation ("kr/inv.") closes the sentence itself
        body = body[:-1]
    st.markdown(md_escape(body))


def caption(body: str) -> None:
    st.caption(md_escape(body))


def chart(ctx: Context, fig: go.Figure, *, key: str, title: str, alt: str, summary: str, table: pd.DataFrame,
          rows: pd.DataFrame, notes: Iterable[str] = (), heading: str = "header") -> None:
    """One chart with everything WCAG and the issue ask of it. `rows` are the tidy-view rows behind it."""
    with st.container(key=f"chart_{key}"):
        (st.header if heading == "header" else st.subheader)(title, anchor=False)
        st.plotly_chart(fig, key=f"fig_{key}", config=CONFIG, alt=alt, width="stretch")
        caption(source_line(rows, ctx.labels, ctx.tr))
        text(summary)
        for note in notes:
            caption(note)
        # Drawn only once opened (one rerun): a table and download buttons under every chart made the browser
        # load and start its data grid before the charts could draw; /over-tid went from 4,27 to 3,81 s to
        # the first chart in headless Chromium on 2 cores (bench/README.md).
        with st.expander(ctx.tr("show_table"), key=f"{TABLE_KEY_PREFIX}{key}", on_change="rerun") as box:
            if box.open:
                table_view(table, alt=title)
                downloads(rows, ctx, key=f"dl_{key}")


def table_view(table: pd.DataFrame, alt: str | None = None) -> None:
    """A table of preformatted text. st.dataframe rather than st.table: on a phone every table is wider than
    the screen, and only the data grid can then be scrolled with the keyboard (WCAG 2.1.1)."""
    st.dataframe(table, hide_index=True, width="stretch", height="content", alt=alt)


def bullets(items: list[tuple[str, str]]) -> None:
    """A list of (bold lead, rest) pairs from the data, escaped for Markdown."""
    st.markdown("\n".join(f"- **{md_escape(lead)}**. {md_escape(rest)}" for lead, rest in items))


def notice(body: str, kind: str = "info") -> None:
    """An info or warning box; `body` may hold data, so it is escaped."""
    getattr(st, kind)(md_escape(body))


def page_title(title: str, intro: str | None = None) -> None:
    st.title(title, anchor=False)
    if intro:
        st.markdown(intro)


def metrics_row(items, columns: int = 5) -> None:
    """Headline figures side by side (stacked on a phone), each with its caveats right under it."""
    for start in range(0, len(items), columns):
        cols = st.columns(columns)  # one row at a time, so a long note never pushes the next row apart
        for col, item in zip(cols, items[start:start + columns], strict=False):
            with col:
                st.metric(item.label, item.value)
                for note in item.notes:
                    caption(note)


def show(ctx: Context, spec, empty_message: str | None = None, heading: str = "header") -> None:
    """Draw a ChartSpec, or say plainly that nothing matches."""
    if spec is None:
        st.info(empty_message or ctx.tr("no_rows"))
        return
    if isinstance(spec, str):
        st.info(md_escape(spec))
        return
    chart(ctx, spec.fig, key=spec.key, title=spec.title, alt=spec.alt, summary=spec.summary, table=spec.table,
          rows=spec.rows, notes=spec.notes, heading=heading)


def data_table(ctx: Context, frame: pd.DataFrame) -> None:
    """The full filtered table: numbers stay numbers (sortable), shown in the browser's number format."""
    tr = ctx.tr
    number = st.column_config.NumberColumn
    st.dataframe(frame, hide_index=True, width="stretch", alt=tr("dt_table"), column_config={
        tr("year"): number(format="plain"),
        tr("col_amount"): number(format="localized"),
        tr("col_population"): number(format="localized"),
        tr("col_per_capita"): number(format="localized"),
    })
