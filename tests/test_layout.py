"""The code's layout holds: each folder imports only what the README's table allows, no import circle, no
production module over 400 lines, and no Streamlit where the logic must run without a browser."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION = [p for p in (*ROOT.glob("funding/**/*.py"), *ROOT.glob("components/**/*.py"), *ROOT.glob("web/*.py"),
                          *ROOT.glob("views/*.py"), ROOT / "app.py")]

# Folder (as a module prefix) -> the project's modules it may import (prefixes). Everything may import the
# standard library and third-party packages except where NO_STREAMLIT says otherwise.
ALLOWED = {
    "funding.fmt": (),
    "funding.vocabulary": (),
    "funding.paths": (),
    "funding.build": ("funding.build", "funding.paths", "funding.vocabulary", "funding.fmt"),
    "funding.dataset": ("funding.paths",),
    "funding.text": ("funding.text", "funding.dataset", "funding.fmt"),
    "funding.analysis": ("funding.analysis", "funding.dataset", "funding.vocabulary", "funding.fmt"),
    "funding.exports": ("funding.exports", "funding.analysis", "funding.dataset", "funding.text", "funding.fmt",
                        "funding.vocabulary"),
    "funding.__main__": ("funding",),
    "funding": ("funding",),
    "components.figures": ("components.figures", "funding.text", "funding.paths", "funding.vocabulary"),
    "components.presenters": ("components.presenters", "components.figures", "components.memo", "funding"),
    "components.memo": ("funding.dataset",),
    "components": ("components", "funding", "web.firstrun"),
    "web": ("web", "funding.paths", "funding.build"),
    "views": ("components", "funding"),
    "app": ("web", "components"),
}
NO_STREAMLIT = ("funding", "components.presenters", "components.figures", "components.memo")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The absolute names of the modules `path` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path).split(".") if path.name == "__init__.py" else module_name(path).split(".")[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, node.module] if node.module else base)
            found |= {f"{target}.{alias.name}" for alias in node.names}
    return found


def rule_for(name: str) -> tuple[str, tuple[str, ...]]:
    matches = [prefix for prefix in ALLOWED if name == prefix or name.startswith(prefix + ".")]
    prefix = max(matches, key=len)
    return prefix, ALLOWED[prefix]


def own(name: str) -> bool:
    return name.split(".")[0] in ("funding", "components", "web", "views", "app")


@pytest.mark.parametrize("path", PRODUCTION, ids=lambda p: str(p.relative_to(ROOT)))
def test_each_module_imports_only_what_its_folder_may(path):
    name = module_name(path)
    _, allowed = rule_for(name)
    for target in sorted(t for t in imports(path) if own(t)):
        known = [m for m in (module_name(p) for p in PRODUCTION) if target == m or target.startswith(m + ".")]
        if not known:
            continue  # "from funding import x" where x is a submodule is checked as funding.x below
        assert any(target == a or target.startswith(a + ".") for a in allowed), f"{name} imports {target}"
    if any(name == p or name.startswith(p + ".") for p in NO_STREAMLIT):
        assert not {t for t in imports(path) if t.split(".")[0] == "streamlit"}, f"{name} imports Streamlit"


@pytest.mark.parametrize("path", PRODUCTION, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_production_module_is_over_400_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


def test_no_import_circle():
    modules = {module_name(p): p for p in PRODUCTION}
    graph = {}
    for name, path in modules.items():
        edges = set()
        for target in imports(path):
            candidates = [m for m in modules if target == m or target.startswith(m + ".")]
            if candidates:
                edge = max(candidates, key=len)
                if edge != name and not (name.startswith(edge + ".") and modules[edge].name == "__init__.py"):
                    edges.add(edge)
        graph[name] = edges
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                pytest.fail("import circle: " + " -> ".join([*trail[trail.index(nxt):], nxt]))
            if nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [node])
