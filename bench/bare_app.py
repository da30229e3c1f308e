"""The Streamlit floor: a bare Streamlit app that draws one page's charts and nothing else.

bench/run.py reads back the figures each page of the dashboard drew, writes them as JSON into
BENCH_FIGURES_DIR and opens /?page=<name> here. The time to first chart of this app, beside the static
floor's and the dashboard's, splits the dashboard's time into what Streamlit itself costs (its client
start-up, websocket, the lazily loaded Plotly chunk) and what the dashboard's own elements add (filters,
navigation, texts, tables). Served with the project's .streamlit/config.toml, like the dashboard.
"""

import json
import os
import re
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

name = st.query_params.get("page", "")
path = Path(os.environ["BENCH_FIGURES_DIR"]) / f"{name}.json"
if not re.fullmatch(r"[a-z-]+", name) or not path.is_file():
    st.error("No such page")  # a bench helper on localhost; the name is never echoed
    st.stop()
for i, figure in enumerate(json.loads(path.read_text(encoding="utf-8"))):
    # Read back from the browser, the layout holds values plotly.js accepts and plotly.py's validators do not
    # (a "transparent" colour bar outline from Streamlit's theme); skipping those changes no drawing work.
    fig = go.Figure({"data": figure["data"], "layout": figure["layout"]}, skip_invalid=True)
    st.plotly_chart(fig, config=figure.get("config") or {}, key=f"fig{i}", width="stretch")
