"""Presenters: one module per view, each turning a plain context (dataset, filters, language) into frozen
dataclasses of what the page shows (figures, tables, texts). Nothing here imports Streamlit."""
