"""Plotly figures for every chart: builders that take computed frames and return a Figure; nothing is drawn
here and nothing imports Streamlit (style.py has the shared look and the toolbar configuration)."""
