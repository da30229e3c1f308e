"""Request paths relative to Streamlit's server.baseUrlPath, the way Streamlit's own routes see them."""

from __future__ import annotations


def base_path(option: str | None) -> str:
    """server.baseUrlPath as a path prefix: "" or "/psykisk-halsa" (Streamlit accepts it with or without
    slashes)."""
    stripped = (option or "").strip("/")
    return f"/{stripped}" if stripped else ""


def under_base(path: str, base: str) -> str | None:
    """The part of `path` after the base path ("/" for the base itself), or None if it lies outside it."""
    if not base:
        return path or "/"
    if path == base:
        return "/"
    if path.startswith(base + "/"):
        return path[len(base):]
    return None
