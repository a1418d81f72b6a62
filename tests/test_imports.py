"""Imports run one way: the package's own modules form no cycle.

The graph counts every import, those made inside functions too: a cycle
hidden behind a function-level import is still a cycle. The few imports
that are lazy on purpose are listed in ``LAZY``; networkx and pydot are
imported only inside functions, so `coordgraph --help` and `check` stay fast.
"""

import ast
from pathlib import Path

import coordgraph

PACKAGE = Path(coordgraph.__file__).parent

#: Own-module imports made inside a function on purpose, and why.
LAZY = {
    # The Jupyter hook: a graph draws itself in a notebook; the model does not
    # need the renderer otherwise.
    ("coordgraph.model", "coordgraph.rendering"),
    # The DOT builder imports pydot: only once a drawing's size is accepted.
    ("coordgraph.rendering", "coordgraph.rendering.building"),
    # A brief measures its drawings as render --page does: only when drawing.
    ("coordgraph.briefing.drawing", "coordgraph.rendering.building"),
    # The page imports importlib.resources (tens of ms): only for an html page.
    ("coordgraph.rendering", "coordgraph.rendering.html"),
    # The portfolio page reads its assets the same way: only for --format html.
    ("coordgraph.cli.portfolio", "coordgraph.portfolio_html"),
    # A drawing compares with an older version, or fits a page, only when asked:
    # the diff and the page fitting stay off the start-up of every render.
    ("coordgraph.rendering.comparing", "coordgraph.diffing"),
    ("coordgraph.rendering", "coordgraph.rendering.comparing"),
    ("coordgraph.rendering.building", "coordgraph.rendering.comparing"),
    ("coordgraph.rendering", "coordgraph.rendering.paging"),
    # The command's entry point turns the garbage collector off before the
    # command line (click, the package) is imported.
    ("coordgraph.entry", "coordgraph.cli"),
    # Each format's finishing (PNG resolution, PDF date and title) only when
    # that format is written: an SVG render does not pay for them.
    ("coordgraph.rendering", "coordgraph.rendering.png"),
    ("coordgraph.rendering", "coordgraph.rendering.pdf"),
}
#: Third-party modules imported only inside functions (slow to import).
HEAVY = ("networkx", "pydot")
#: Modules that import one of HEAVY at their top (pydot's classes are in the
#: DOT builder's signatures): each is itself imported only lazily.
HEAVY_AT_TOP = {"coordgraph.rendering.building"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imports(name: str, path: Path):
    """``(target, node, at_top)`` for each import of ``name``'s source: the
    module named (``from . import styles`` imports the submodule), and
    whether the import runs when the module is imported."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node, id(node) in top
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                yield submodule if submodule in MODULES else base, node, id(node) in top


def own_edges():
    """Every import of one of the package's modules by another: ``{(a, b): at_top}``."""
    edges = {}
    for name, path in MODULES.items():
        for target, _, at_top in imports(name, path):
            if target in MODULES and target != name:
                edges[(name, target)] = edges.get((name, target), False) or at_top
    return edges


def cycles(edges) -> list[list[str]]:
    """One cycle through each strongly connected group of modules (Tarjan).

    >>> cycles({("a", "b"): True, ("b", "a"): False, ("b", "c"): True})
    [['a', 'b']]
    """
    successors: dict[str, list[str]] = {}
    for source, target in edges:
        successors.setdefault(source, []).append(target)
        successors.setdefault(target, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups = []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        for successor in successors[node]:
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(successors):
        if node not in index:
            visit(node)
    return sorted(groups)


def test_the_measure_sees_function_level_imports():
    edges = own_edges()
    assert ("coordgraph.model", "coordgraph.rendering") in edges      # inside a method
    assert edges[("coordgraph.model", "coordgraph.rendering")] is False
    assert edges[("coordgraph.loading", "coordgraph.templating")] is True


def test_no_import_cycle():
    edges = {edge: top for edge, top in own_edges().items() if edge not in LAZY}
    assert cycles(edges) == []


def test_own_modules_are_imported_at_the_top_except_the_listed_lazy_ones():
    lazy = {edge for edge, at_top in own_edges().items() if not at_top}
    assert lazy == LAZY


def test_the_lazy_imports_are_still_needed():
    # Listed lazy edges that no longer exist would hide nothing: keep the list true.
    assert set(own_edges()) >= LAZY


def test_networkx_and_pydot_are_imported_only_inside_functions():
    at_top, inside = set(), []
    for name, path in MODULES.items():
        for target, node, top in imports(name, path):
            if target.split(".")[0] in HEAVY:
                (at_top.add(name) if top else inside.append(f"{name}:{node.lineno}"))
    assert inside      # the measure works: they are imported somewhere
    assert at_top == HEAVY_AT_TOP
    # ... and the modules that import them at their top are reached only lazily.
    reaching = {(a, b) for (a, b), top in own_edges().items() if b in HEAVY_AT_TOP}
    assert reaching and reaching <= LAZY
