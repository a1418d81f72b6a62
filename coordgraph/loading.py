"""Load a context folder (or in-memory records) into a validated CoordGraph."""

import codecs
import gc
from contextlib import contextmanager
from pathlib import Path

from .context import parse_context
from .errors import DataError, Problem
from .model import CoordGraph
from .reading import Table, clean_cell, read_table
from .schema import CONTEXT_FILE, EDGE_FILE, NODE_FILE
from .validation import build_edges, build_nodes

_PACKAGE_DATA = "data"


def bundled_path() -> Path:
    """The folder of the bundled generic framework.

    In a source checkout this is the repository's ``data/``; in an installed
    wheel, the same files packed as ``coordgraph/data``.
    """
    checkout = Path(__file__).resolve().parent.parent / "data"
    if (checkout / NODE_FILE).is_file():
        return checkout
    from importlib import resources  # only from a wheel; slow to import

    return Path(str(resources.files("coordgraph") / _PACKAGE_DATA))


@contextmanager
def _gc_paused():
    # Loading allocates millions of small objects that all survive: the
    # collector's passes over them are pure overhead (13-31 % measured).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(path=None, *, with_warnings: bool = False):
    """Load and validate a context folder.

    Parameters
    ----------
    path : str or Path, optional
        Folder with ``nodes.csv``, ``edges.csv`` and optionally
        ``context.toml``. Default: the bundled generic framework.
    with_warnings : bool
        Also return the list of warnings (Windows-1252 files, unknown
        columns...).

    Raises
    ------
    DataError
        With every CG1xx problem found, when the data is invalid.

    Examples
    --------
    >>> import coordgraph
    >>> g = coordgraph.load()
    >>> g.nodes["hct"].label
    'Humanitarian Country Team (HCT)'
    """
    problems: list[Problem] = []
    warnings: list[Problem] = []
    if path is not None and not str(path).strip():
        # Path("") is the current folder: an unset shell variable must not
        # quietly read whatever lies there.
        problems.append(Problem("CG101", "''", None, None, "the folder name is empty",
                                "--data takes a folder holding nodes.csv and edges.csv "
                                "(`.` for the current folder); leave it out for the "
                                "bundled framework"))
        raise DataError(problems)
    folder = Path(path) if path is not None else bundled_path()
    display = _display(folder, path)
    if not folder.is_dir():
        problems.append(Problem("CG101", display, None, None,
                                "not found" if not folder.exists() else "is not a folder",
                                "--data takes a folder holding nodes.csv and edges.csv"))
        raise DataError(problems)
    with _gc_paused():
        node_table = read_table(folder / NODE_FILE, _join(display, NODE_FILE))
        edge_table = read_table(folder / EDGE_FILE, _join(display, EDGE_FILE))
        context_text = _read_context(folder / CONTEXT_FILE, _join(display, CONTEXT_FILE),
                                     problems, warnings)
        graph = build_graph(node_table, edge_table, context_text, _join(display, CONTEXT_FILE),
                            problems, warnings)
    graph.source = str(folder)
    if problems:
        raise DataError(problems, warnings)
    return (graph, warnings) if with_warnings else graph


def _read_context(path: Path, file: str, problems: list, warnings: list) -> str | None:
    """The text of ``context.toml``, None when there is none (it is optional).

    UTF-8 with or without BOM, UTF-16 with BOM; Windows-1252 (Notepad's
    "ANSI") with a warning, as for the CSV files; a folder, a pipe or an
    unreadable file is CG101.
    """
    if not path.is_file():
        if path.exists():
            problems.append(Problem("CG101", file, None, None, "is not a file",
                                    "context.toml is optional: a text file of settings, "
                                    "or nothing"))
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(Problem("CG101", file, None, None,
                                f"cannot read file: {exc.strerror or exc}"))
        return None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Notepad's "Unicode"
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        warnings.append(Problem("CG101", file, line, None,
                                "file is not UTF-8; read it as Windows-1252",
                                "save it as UTF-8: in Notepad, Save as, Encoding UTF-8",
                                severity="warning"))
        return data.decode("cp1252", errors="replace")


def build_graph(node_table: Table, edge_table: Table, context_text, context_file,
                problems: list, warnings: list) -> CoordGraph:
    """Validate parsed tables into a graph; problems and warnings are appended."""
    for table in (node_table, edge_table):
        problems.extend(table.problems)
        warnings.extend(table.warnings)
    nodes = None  # unknown until nodes.csv is read
    if node_table.header:
        nodes = build_nodes(node_table, problems, warnings)
    elif not node_table.problems:
        problems.append(Problem("CG102", node_table.file, None, None, "file is empty",
                                "the first row must name the columns: id, kind, label"))
    edges = []
    if edge_table.header:
        rejected = _rejected_ids(node_table, nodes or {})
        edges = build_edges(edge_table, nodes, problems, warnings, rejected)
    elif not edge_table.problems:
        problems.append(Problem("CG102", edge_table.file, None, None, "file is empty",
                                "the first row must name the columns: source, target, relation"))
    context = None
    if context_text is not None:
        context = parse_context(context_text, context_file, problems, warnings)
    graph = CoordGraph(nodes or {}, edges)
    if context is not None:
        graph.context = context
    return graph


def _rejected_ids(node_table: Table, nodes) -> frozenset:
    position = node_table.column_index().get("id")
    if position is None:
        return frozenset()
    return frozenset(i for i in node_table.columns[position] if i and i not in nodes)


def from_records(nodes, edges, context=None):
    """Build a validated graph from lists of dicts (one per CSV row).

    Parameters
    ----------
    nodes, edges : list of dict
        Rows keyed by column name, as in ``nodes.csv`` and ``edges.csv``.
    context : dict, optional
        The settings of ``context.toml``.

    Examples
    --------
    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "hct", "kind": "platform", "label": "HCT"}], edges=[])
    >>> g
    <CoordGraph: 1 nodes, 0 edges>
    """
    problems: list[Problem] = []
    warnings: list[Problem] = []
    node_table = _table_from_records("<nodes>", nodes, ("id", "kind", "label"))
    edge_table = _table_from_records("<edges>", edges, ("source", "target", "relation"))
    context_text = None
    if context:
        import json

        # A list (sectors) stays a list: a JSON array of strings is a TOML array.
        context_text = "\n".join(
            f"{k} = {json.dumps([str(i) for i in v] if isinstance(v, (list, tuple)) else str(v))}"
            for k, v in context.items())
    graph = build_graph(node_table, edge_table, context_text, "<context>", problems, warnings)
    if problems:
        raise DataError(problems, warnings)
    return graph


def _table_from_records(name, records, required) -> Table:
    header = list(required)
    for record in records:
        header.extend(k for k in record if k not in header)
    table = Table(name, header=header)
    table.set_rows([(number, [clean_cell(str(record.get(c, "") or "")) for c in header])
                    for number, record in enumerate(records, start=2)])
    return table


def _display(folder: Path, given) -> str:
    if given is None:
        return "data" if folder.parent.name != "coordgraph" else str(folder)
    return str(given).rstrip("/\\") or str(given)


def _join(display: str, name: str) -> str:
    return f"{display}/{name}"
