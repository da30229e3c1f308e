"""No raw HTML built from data or the URL: the app's code is read (ast), not run.

Streamlit draws HTML unescaped only through `unsafe_allow_html=...` (markdown, write, caption, …),
`st.html` and the components' `html`/`iframe`. Any such call in app.py, the page scripts (views/) or components/ whose
arguments are not literals written in the code itself fails this test: a value from the data or the
address could then reach the visitor's browser as markup or script. (Telemetry off, XSRF on and
uploads off are read from the effective configuration in tests/test_setup.py.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from components.navigation import PAGES
from funding import paths

RAW_HTML_FUNCTIONS = {"html", "iframe"}
MAY_ALLOW_HTML = {"markdown", "write", "caption", "html", "iframe"}


def scanned_files() -> list[Path]:
    root = paths.ROOT
    page_dirs = sorted({(root / spec.script).parent for spec in PAGES})  # wherever the page scripts live
    files = [root / "app.py", *(f for d in page_dirs for f in sorted(d.rglob("*.py"))),
             *sorted((root / "components").rglob("*.py"))]
    return list(dict.fromkeys(f for f in files if f.exists()))


def _literal(node: ast.expr) -> bool:
    try:
        ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return True


def offenders(source: str, filename: str = "<snippet>") -> list[str]:
    """Calls that may put non-literal HTML on the page, as 'file:line: code'."""
    tree = ast.parse(source, filename)
    imported = {alias.asname or alias.name for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("streamlit")
                for alias in node.names if alias.name in RAW_HTML_FUNCTIONS}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        raw_html = (isinstance(func, ast.Attribute) and func.attr in RAW_HTML_FUNCTIONS) or \
            (isinstance(func, ast.Name) and func.id in imported)
        unsafe = [k for k in node.keywords if k.arg and k.arg.startswith("unsafe_")]
        # unsafe_allow_html=False (a literal) is harmless; anything else may switch raw HTML on.
        opens_html = any(not (isinstance(k.value, ast.Constant) and k.value.value is False) for k in unsafe)
        # A **mapping handed to a function that takes unsafe_allow_html could switch it on unseen.
        hidden = isinstance(func, ast.Attribute) and func.attr in MAY_ALLOW_HTML and \
            any(k.arg is None for k in node.keywords)
        if not (raw_html or opens_html or hidden):
            continue
        values = [*node.args, *(k.value for k in node.keywords)]
        if not all(_literal(v) for v in values):
            found.append(f"{filename}:{node.lineno}: {ast.unparse(node)[:160]}")
    return found


def test_the_scan_covers_the_app():
    names = {f.relative_to(paths.ROOT).as_posix() for f in scanned_files()}
    assert "app.py" in names
    assert {spec.script for spec in PAGES} <= names
    assert any(n.startswith("components/") for n in names)


def test_no_raw_html_from_data_or_url():
    found = []
    for path in scanned_files():
        found += offenders(path.read_text(encoding="utf-8"), path.relative_to(paths.ROOT).as_posix())
    assert found == [], "raw HTML built from values:\n" + "\n".join(found)


BAD = [
    'st.markdown(f"<b>{name}</b>", unsafe_allow_html=True)',
    'st.markdown("<b>" + name + "</b>", unsafe_allow_html=True)',
    'st.write(row.region_name, unsafe_allow_html=True)',
    'st.caption(text, unsafe_allow_html=flag)',
    'st.markdown("<p>fixed</p>", unsafe_allow_html=allow)',
    'st.html(body)',
    'st.html(f"<p>{st.query_params.get(\'year\')}</p>")',
    'import streamlit.components.v1 as components\ncomponents.html(page)',
    'from streamlit.components.v1 import html as raw\nraw(snippet)',
    'st.components.v1.iframe(url)',
    'st.markdown(*parts, unsafe_allow_html=True)',
    'st.markdown("<p>x</p>", **options)',
    'st.html("<p>x</p>", unsafe_allow_javascript=True, width=w)',
]
GOOD = [
    'st.markdown(md_escape(name))',
    'st.markdown("**Fet** text")',
    'st.markdown(text, unsafe_allow_html=False)',
    'st.markdown("<style>.x{color:red}</style>", unsafe_allow_html=True)',
    'st.html("<p>Statisk text</p>")',
    'frame.to_html()',
]


@pytest.mark.parametrize("snippet", BAD)
def test_the_scan_catches_raw_html_from_values(snippet):
    assert offenders(snippet), snippet


@pytest.mark.parametrize("snippet", GOOD)
def test_the_scan_allows_escaped_or_literal_content(snippet):
    assert offenders(snippet) == [], snippet
