"""The Streamlit reference: a bare Streamlit app that sends one page's charts (or main table) and nothing else.

bench/run.py serves the dashboard through bench/timed_server.py with BENCH_ELEMENTS_DIR set, which writes
the Plotly charts and tables of each page's first run as the serialised Element protos the dashboard sent
(<page>.json). This app, opened at /?page=<name>, sends exactly those elements again: the same figure
JSON, the same theme and sizes, the same table with its formatted values, byte for byte. A chart page
sends all its charts; a page without charts sends its first table. So its time to first chart is what
Streamlit itself costs for the same drawing work (client start-up, websocket, Plotly's or the data grid's
chunk), and the dashboard's time over it (`bare_ratio`) is what the dashboard adds: sidebar, navigation,
texts, its own script and stylesheet, its server work. It is a plain Streamlit script: served by Streamlit's
own server with the project's .streamlit/config.toml, without the dashboard's HTTP layer (so with Streamlit's
uncompressed static files, which is the point of the network comparison).

BENCH_BARE_EXTRAS (comma-separated) adds pieces of the dashboard's shell, to find where its time goes:
`sidebar` (a language radio, a header, a caption, two multiselects, an expander and a button in the sidebar),
`nav` (st.navigation with seven pages in the sidebar), `chrome` (a title, a caption and a text before the
elements), `after` (the sidebar drawn after the elements instead of before).
"""

import base64
import json
import os
import re
from pathlib import Path

import streamlit as st
from streamlit.proto.Element_pb2 import Element
from streamlit.runtime.scriptrunner import get_script_run_ctx

EXTRAS = set(filter(None, os.environ.get("BENCH_BARE_EXTRAS", "").split(",")))


def send(kind: str, raw: str) -> None:
    """Send a captured element as it was: the element itself and its width and height settings."""
    element = Element()
    element.ParseFromString(base64.b64decode(raw))
    ctx = get_script_run_ctx()
    before = ctx.enqueue

    def exact(msg):
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            msg.delta.new_element.CopyFrom(element)
        before(msg)

    ctx.enqueue = exact
    try:
        st._main._enqueue(kind, getattr(element, kind))
    finally:
        ctx.enqueue = before


def sidebar() -> None:
    with st.sidebar:
        st.radio("Språk", ("sv", "en"), horizontal=True, key="lang")
        st.header("Filter", anchor=False)
        st.caption("Tomma filter visar allt.")
        st.multiselect("År", list(range(2017, 2029)), key="years", placeholder="2026")
        st.multiselect("Regioner", [f"{i:02d}" for i in range(1, 26)], key="regions", placeholder="Alla")
        with st.expander("Fler filter", key="more", on_change="rerun"):
            pass
        st.button("Rensa filter", key="reset")


def page() -> None:
    name = st.query_params.get("page", "")
    path = Path(os.environ["BENCH_ELEMENTS_DIR"]) / f"{name}.json"
    if not re.fullmatch(r"[a-z-]+", name) or not path.is_file():
        st.error("No such page")  # a bench helper on localhost; the name is never echoed
        st.stop()
    if "sidebar" in EXTRAS and "after" not in EXTRAS:
        sidebar()
    if "chrome" in EXTRAS:
        st.title(name, anchor=False)
        st.caption("Statsbidrag till psykisk hälsa")
        st.markdown("En kort text före diagrammen, som på dashboardens sidor.")
    elements = json.loads(path.read_text(encoding="utf-8"))["elements"]
    charts = [e for e in elements if e["kind"] == "plotly_chart"]
    for item in charts or [e for e in elements if e["kind"] == "dataframe"][:1]:
        send(item["kind"], item["element"])
    if "sidebar" in EXTRAS and "after" in EXTRAS:
        sidebar()


if "nav" in EXTRAS:
    pages = [st.Page(page, title="Översikt", url_path="", default=True)]
    pages += [st.Page(page, title=t, url_path=u) for t, u in (("Regioner", "regioner"), ("Över tid", "over-tid"),
              ("Fokusområden", "fokusomraden"), ("Regionprofil", "regionprofil"), ("Data", "data"), ("Om", "om"))]
    st.navigation(pages, position="sidebar").run()
else:
    page()
