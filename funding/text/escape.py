"""Making text from the data inert where it is shown: in Streamlit's Markdown and in Plotly's labels."""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: object) -> str:
    """Text from the data made inert for Streamlit's Markdown (no links, emphasis, colour or icon directives)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def plot_escape(text: object) -> str:
    """Text from the data made inert for Plotly, which reads a few HTML tags (<a>, <b>, <br>) in labels."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
