"""Reusable Streamlit pieces: navigation, filters and URL state, charts with their text alternatives."""
