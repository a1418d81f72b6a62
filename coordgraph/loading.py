"""Load a context folder (or in-memory records) into a validated CoordGraph."""

import codecs
import gc
import os
import stat
import warnings as _warnings
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING

from .arguments import require, require_path
from .context import parse_context
from .errors import DataError, DataWarning, Problem, UsageError
from .model import CoordGraph
from .paths import exists, is_file, join, name, parent, plain
from .reading import Table, clean_cell, decode_lines, legacy_warning, read_table
from .schema import CONTEXT_FILE, EDGE_FILE, NODE_FILE
from .suggesting import did_you_mean
from .templating import TEMPLATES, _bundled_folder, _template_folder, bundled_path
from .validation import build_edges, build_nodes
from .workbook import is_workbook, place_workbook_problems, read_workbook

if TYPE_CHECKING:   # pathlib is slow to import: check and render do without
    from pathlib import Path

__all__ = ["bundled_path", "from_records", "load", "resolve"]


def resolve(argument, *, strict: bool = False) -> "Path":
    """The context folder ``argument`` names: the folder when one exists, else
    the template of that name (``coordgraph init --template``'s), else the
    path as given (loading it then reports that it is missing).

    Serves ``load()``, ``render(compare=...)`` and the command line's
    ``--data``, ``--compare`` and ``diff OLD NEW`` alike.

    Parameters
    ----------
    argument : str or Path
    strict : bool
        Raise instead of returning a path that does not exist.

    Raises
    ------
    UsageError
        With ``strict``, when ``argument`` names no folder and no template
        (with a did-you-mean among the templates).

    Examples
    --------
    >>> resolve("pre-crisis").name
    'pre-crisis'
    >>> resolve("nowhere")
    PosixPath('nowhere')
    >>> resolve("humanitrian", strict=True)  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    coordgraph.errors.UsageError: 'humanitrian' is neither a context folder nor a template: did
    you mean 'humanitarian'? (templates: generic, humanitarian, humanitarian-2022,
    humanitarian-2025, pre-crisis, refugee, mixed)
    """
    from pathlib import Path

    return Path(_resolve(argument, strict=strict))


def _resolve(argument, *, strict: bool = False) -> str:
    """:func:`resolve` as text, as ``str(Path)`` shows it (the commands' way:
    no pathlib)."""
    path = plain(argument)
    # os.path.exists, unlike Path.exists, never raises (a name too long...)
    if os.path.exists(path):
        return path
    if str(argument) in TEMPLATES:
        return _template_folder(str(argument))
    if strict:
        hint = did_you_mean(str(argument), TEMPLATES)
        raise UsageError(f"'{argument}' is neither a context folder nor a "
                         f"template{': ' + hint if hint else ''} "
                         f"(templates: {', '.join(TEMPLATES)})")
    return path


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

    What is suspicious but not wrong (a Windows-1252 file, an unknown
    column...) is issued as a :class:`~coordgraph.errors.DataWarning`, one
    per problem, with :func:`warnings.warn`; when the data is invalid, the
    warnings travel with the :class:`~coordgraph.errors.DataError` instead.

    Parameters
    ----------
    path : str or Path, optional
        Folder with ``nodes.csv``, ``edges.csv`` and optionally
        ``context.toml``; an Excel workbook (``.xlsx``) with sheets
        ``nodes``, ``edges`` and optionally ``context``; or a template's name
        (``"humanitarian"``) when no folder of that name exists
        (:func:`resolve`). Default: the bundled generic framework.
    with_warnings : bool
        Deprecated: return ``(graph, warnings)``, the warnings as a list of
        :class:`~coordgraph.errors.Problem` instead of issued. Catch the
        :class:`~coordgraph.errors.DataWarning` instead
        (:func:`warnings.catch_warnings`).

    Raises
    ------
    DataError
        With every CG1xx problem found, when the data is invalid.
    ArgumentError
        ``path`` is neither a str nor a Path.

    Examples
    --------
    >>> import coordgraph
    >>> g = coordgraph.load()
    >>> g.nodes["hct"].label
    'Humanitarian Country Team (HCT)'
    """
    if path is not None:
        require_path(path, "path", "load", "coordgraph.load('my-country')")
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
    folder = _resolve(path) if path is not None else _bundled_folder()
    display = _display(folder, path if folder == plain(path or ".") else folder)
    workbook = is_workbook(folder)
    unusable = "" if workbook else _not_a_folder(folder)
    if unusable:
        problems.append(Problem("CG101", display, None, None, unusable,
                                "--data takes a folder holding nodes.csv and edges.csv"))
        raise DataError(problems)
    with _gc_paused():
        if workbook:  # sheets nodes, edges and context instead of the files
            tables = read_workbook(folder, display, problems, warnings)
            if tables is None:
                raise DataError(problems, warnings)
            node_table, edge_table, context_text, context_file = tables
        else:
            node_table = read_table(join(folder, NODE_FILE), _join(display, NODE_FILE))
            edge_table = read_table(join(folder, EDGE_FILE), _join(display, EDGE_FILE))
            context_file = _join(display, CONTEXT_FILE)
            context_text = _read_context(join(folder, CONTEXT_FILE), context_file, problems,
                                         warnings)
        graph = build_graph(node_table, edge_table, context_text, context_file,
                            problems, warnings)
        if workbook:
            place_workbook_problems(problems, display)
            place_workbook_problems(warnings, display)
    graph.source = folder
    if problems:
        raise DataError(problems, warnings)
    if with_warnings:
        _warnings.warn("load(with_warnings=True) is deprecated: catch the DataWarning that "
                       "load() issues instead", DeprecationWarning, stacklevel=2)
        return graph, warnings
    for problem in warnings:
        _warnings.warn(DataWarning(problem), stacklevel=2)
    return graph


def _read_context(path: str, file: str, problems: list, warnings: list) -> str | None:
    """The text of ``context.toml``, None when there is none (it is optional).

    UTF-8 with or without BOM, UTF-16 with BOM; Windows-1252 (Notepad's
    "ANSI") with a warning, line by line as for the CSV files; a folder, a pipe or an
    unreadable file is CG101.
    """
    try:
        if not is_file(path):
            if exists(path):
                problems.append(Problem("CG101", file, None, None, "is not a file",
                                        "context.toml is optional: a text file of settings, "
                                        "or nothing"))
            return None
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        problems.append(Problem("CG101", file, None, None,
                                f"cannot read file: {exc.strerror or exc}"))
        return None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Notepad's "Unicode"
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text, legacy_lines, mixed = decode_lines(data.removeprefix(codecs.BOM_UTF8), "replace")
    warnings.append(legacy_warning(file, legacy_lines, mixed,
                                   "save it as UTF-8: in Notepad, Save as, Encoding UTF-8"))
    return text


def _not_a_folder(folder: str) -> str:
    """Why ``folder`` cannot be read as a context folder; empty when it can.

    >>> _not_a_folder("no-such-folder")
    'not found'
    >>> _not_a_folder("x" * 300)
    'cannot read folder: File name too long'
    """
    try:
        mode = os.stat(folder).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return "not found"
    except OSError as exc:   # no permission, a name too long, a link loop...
        return f"cannot read folder: {exc.strerror or exc}"
    return "" if stat.S_ISDIR(mode) else "is not a folder"


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
    graph = CoordGraph._of_built(nodes or {}, edges)
    if context is not None:
        graph.context = context
    return graph


def _rejected_ids(node_table: Table, nodes) -> frozenset:
    position = node_table.column_index().get("id")
    if position is None:
        return frozenset()
    ids = node_table.columns[position]
    if len(nodes) == len(ids):
        return frozenset()   # each row made a node: no id was rejected (no 300,000 lookups)
    return frozenset(i for i in ids if i and i not in nodes)


def from_records(nodes, edges, context=None):
    """Build a validated graph from lists of dicts (one per CSV row).

    Parameters
    ----------
    nodes, edges : list of dict
        Rows keyed by column name, as in ``nodes.csv`` and ``edges.csv``.
    context : dict, optional
        The settings of ``context.toml``.

    Raises
    ------
    DataError
        With every CG1xx problem found, when the data is invalid.
    ArgumentError
        ``nodes`` or ``edges`` not a list of dicts, ``context`` not a dict.

    Examples
    --------
    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "hct", "kind": "platform", "label": "HCT"}], edges=[])
    >>> g
    <CoordGraph: 1 nodes, 0 edges>
    """
    nodes = _records(nodes, "nodes", "[{'id': 'hct', 'kind': 'platform', 'label': 'HCT'}]")
    edges = _records(edges, "edges",
                     "[{'source': 'hct', 'target': 'unct', 'relation': 'escalation'}]")
    if context is not None:
        require(context, Mapping, "from_records()'s context must be a dict of settings",
                "context={'name': 'Sudan', 'org': 'IOM'}")
    problems: list[Problem] = []
    warnings: list[Problem] = []
    node_table = _table_from_records("<nodes>", nodes, ("id", "kind", "label"))
    edge_table = _table_from_records("<edges>", edges, ("source", "target", "relation"))
    context_text = None
    if context:
        import json  # here: loading a folder (every command) needs no JSON

        # A list (sectors) stays a list: a JSON array of strings is a TOML array.
        context_text = "\n".join(
            f"{k} = {json.dumps([str(i) for i in v] if isinstance(v, (list, tuple)) else str(v))}"
            for k, v in context.items())
    graph = build_graph(node_table, edge_table, context_text, "<context>", problems, warnings)
    if problems:
        raise DataError(problems, warnings)
    return graph


def _records(records, name: str, example: str) -> list:
    """``records`` as a list, checked to hold one dict per row."""
    what = f"from_records()'s {name} must be a list of dicts, one per row"
    if isinstance(records, (str, bytes, Mapping)) or not isinstance(records, Iterable):
        require(records, list, what, f"{name}={example}")
    records = list(records)
    for number, record in enumerate(records):
        require(record, Mapping, f"{what} ({name}[{number}] is not)", f"{name}={example}")
    return records


def _table_from_records(name, records, required) -> Table:
    header = list(required)
    for record in records:
        header.extend(k for k in record if k not in header)
    table = Table(name, header=header)
    table.set_rows([(number, [clean_cell(str(record.get(c, "") or "")) for c in header])
                    for number, record in enumerate(records, start=2)])
    return table


def _display(folder: str, given) -> str:
    if given is None:
        return "data" if name(parent(folder)) != "coordgraph" else folder
    return str(given).rstrip("/\\") or str(given)


def _join(display: str, name: str) -> str:
    return f"{display}/{name}"
