"""Domain logic for the mental-health funding dashboard: raw data, build, metrics, exports.

Nothing in this package imports Streamlit, so it can be tested and scripted
without a browser (``python -m funding --help``).
"""

__all__ = ["__version__"]
__version__ = "1.0.0"
