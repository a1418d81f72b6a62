"""Turn parsed tables into nodes and edges, collecting every CG1xx problem.

Nothing here reads files: it works on :class:`~coordgraph.reading.Table`
objects, so the same checks serve CSV files and in-memory records.
"""

import difflib

from .errors import Problem
from .model import Edge, Node
from .schema import (
    DEFAULT_CAPACITY, DEFAULT_LEVEL, DEFAULT_ORG, DEFAULT_STATUS, EDGE_COLUMNS,
    EDGE_REQUIRED, ENUM_COLUMNS, ID_PATTERN, MAX_ID_LENGTH, NODE_COLUMNS,
    NODE_REQUIRED, SENIORITY_RANGE,
)

# Above this many ids, did-you-mean uses only cheap matches (case, separators).
_FUZZY_LIMIT = 20_000


def did_you_mean(value: str, choices, lookup: dict | None = None) -> str:
    """A hint naming the closest of ``choices``, or ``""``.

    >>> did_you_mean("cheif_of_mission", ["chief_of_mission", "hct"])
    "did you mean 'chief_of_mission'?"
    """
    if lookup is not None:
        exact = lookup.get(_loose(value))
        if exact:
            return f"did you mean '{exact}'?"
        if len(lookup) > _FUZZY_LIMIT:
            return ""
    matches = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else ""


def _loose(value: str) -> str:
    return value.casefold().replace("-", "_").replace(".", "_").replace(" ", "_")


def _allowed(values) -> str:
    return "allowed: " + ", ".join(values)


class _Columns:
    """Header checks shared by both files, and cell access by column name."""

    def __init__(self, table, known, required, problems, warnings):
        self.table = table
        self.index = table.column_index()
        line = table.header_line
        seen = set()
        for position, name in enumerate(table.header, start=1):
            if not name:
                # A nameless column is harmless only while it stays empty.
                if any(position <= len(cells) and cells[position - 1] for _, cells in table.rows):
                    problems.append(Problem("CG102", table.file, line, position,
                                            "a column without a name holds values",
                                            "give the column a name or delete it"))
                continue
            if name in seen:
                problems.append(Problem("CG102", table.file, line, position,
                                        f"column '{name}' appears twice",
                                        "keep one column of each name"))
            seen.add(name)
            if name not in known:
                hint = did_you_mean(name, known)
                warnings.append(Problem("CG102", table.file, line, position,
                                        f"unknown column '{name}' is ignored",
                                        hint or _allowed(known), severity="warning"))
        missing = [c for c in required if c not in self.index]
        if missing:
            found = ", ".join(n for n in table.header if n) or "none"
            hints = [did_you_mean(m, [n for n in table.header if n]) for m in missing]
            problems.append(Problem(
                "CG102", table.file, line, None,
                f"required column(s) missing: {', '.join(missing)} (columns found: {found})",
                "; ".join(h for h in hints if h) or f"the header row must name {', '.join(required)}"))
        self.ok = not missing

    def getter(self, name):
        position = self.index.get(name)
        if position is None:
            return lambda cells: ""
        return lambda cells: cells[position] if position < len(cells) else ""

    def column(self, name) -> int | None:
        position = self.index.get(name)
        return None if position is None else position + 1


def _check_extra_cells(table, line, cells, problems):
    if len(cells) > len(table.header):
        problems.append(Problem(
            "CG101", table.file, line, len(table.header) + 1,
            f"row has {len(cells)} values but the header names {len(table.header)} columns",
            f"a value holding the delimiter '{table.delimiter}' must be quoted"))


def _enum(value, column, allowed, default, where, problems):
    """Return the normalised value of an enum cell, or None after a CG105.

    ``default`` None makes the column required: an empty cell is a CG105.
    """
    file, line, col = where
    if not value:
        if default is None:
            problems.append(Problem("CG105", file, line, col, f"empty {column}",
                                    _allowed(allowed)))
        return default
    lowered = value.lower()
    if lowered in allowed:
        return lowered
    hint = did_you_mean(lowered, allowed)
    problems.append(Problem("CG105", file, line, col,
                            f"unknown {column} '{value}'",
                            f"{hint + ' ' if hint else ''}({_allowed(allowed)})"))
    return None


def _integer(value, column, where, problems):
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or number not in SENIORITY_RANGE:
        file, line, col = where
        problems.append(Problem("CG105", file, line, col,
                                f"{column} '{value}' is not an integer from 1 to 9",
                                "higher is more senior; leave the cell empty if unknown"))
        return None
    return number


def _bad_id(value: str) -> str:
    if not value:
        return "empty id"
    if len(value) > MAX_ID_LENGTH:
        return f"id is {len(value)} characters long (at most {MAX_ID_LENGTH})"
    if not value[0].isascii() or not value[0].isalpha():
        return f"id '{value}' must start with a letter"
    return f"id '{value}' may only hold letters, digits, '_', '.' and '-'"


_ID_HINT = "ids are short names such as 'hct' or 'chief_of_mission': letters, digits, _ . -"


def build_nodes(table, problems, warnings) -> dict[str, Node] | None:
    """Nodes from ``nodes.csv``; CG102–CG105 problems appended to ``problems``.

    Returns None when a required column is missing: the file then says
    nothing about which nodes exist.

    >>> from coordgraph.reading import parse_table
    >>> problems = []
    >>> nodes = build_nodes(parse_table(b"id,kind,label\\na,role,A\\na,role,B\\n", "n.csv"),
    ...                     problems, [])
    >>> list(nodes), [(p.code, p.line, p.hint) for p in problems]
    (['a'], [('CG104', 3, 'first defined on line 2; ids must be unique')])
    """
    columns = _Columns(table, NODE_COLUMNS, NODE_REQUIRED, problems, warnings)
    if not columns.ok:
        return None
    nodes: dict[str, Node] = {}
    first_line: dict[str, int] = {}  # every row's id, valid or not: duplicates are errors too
    file = table.file
    get = {name: columns.getter(name) for name in NODE_COLUMNS}
    col = {name: columns.column(name) for name in NODE_COLUMNS}
    get_id, get_kind, get_label = get["id"], get["kind"], get["label"]
    id_match = ID_PATTERN.match
    for line, cells in table.rows:
        if len(cells) > len(table.header):
            _check_extra_cells(table, line, cells, problems)
        node_id = get_id(cells)
        ok = True
        if not id_match(node_id):
            problems.append(Problem("CG103", file, line, col["id"], _bad_id(node_id), _ID_HINT))
            ok = False
        elif node_id in first_line:
            problems.append(Problem("CG104", file, line, col["id"],
                                    f"duplicate node id '{node_id}'",
                                    f"first defined on line {first_line[node_id]}; "
                                    "ids must be unique"))
            continue
        else:
            first_line[node_id] = line
        kind = _enum(get_kind(cells), "kind", ENUM_COLUMNS["kind"], None,
                     (file, line, col["kind"]), problems)
        label = get_label(cells)
        if not label:
            warnings.append(Problem("CG103", file, line, col["label"],
                                    f"node '{node_id}' has an empty label; its id is shown instead",
                                    "fill in the label column", severity="warning"))
            label = node_id
        level = _enum(get["level"](cells), "level", ENUM_COLUMNS["level"], DEFAULT_LEVEL,
                      (file, line, col["level"]), problems)
        status = _enum(get["status"](cells), "status", ENUM_COLUMNS["status"], DEFAULT_STATUS,
                       (file, line, col["status"]), problems)
        seniority = _integer(get["seniority"](cells), "seniority",
                             (file, line, col["seniority"]), problems)
        min_seniority = _integer(get["min_seniority"](cells), "min_seniority",
                                 (file, line, col["min_seniority"]), problems)
        if not ok or kind is None or level is None or status is None:
            continue
        org = get["org"](cells)
        if kind == "role" and not org:
            org = DEFAULT_ORG
        nodes[node_id] = Node(
            node_id, kind, label, get["label_fr"](cells), get["label_es"](cells), org,
            get["structure"](cells), level, status, seniority, min_seniority,
            get["code"](cells), get["description"](cells), get["reference"](cells), line)
    return nodes


def build_edges(table, nodes, problems, warnings, bad_ids=frozenset()) -> list[Edge]:
    """Edges from ``edges.csv`` checked against ``nodes``: CG102, CG103, CG105–CG109.

    ``bad_ids`` are ids that exist in nodes.csv but were rejected there; edges
    naming them are skipped silently (the node's own problem says why).
    ``nodes`` None means nodes.csv could not be read: the edges' own cells are
    checked, but not whether the nodes they name exist.
    """
    known = nodes is not None
    nodes = nodes if known else {}
    columns = _Columns(table, EDGE_COLUMNS, EDGE_REQUIRED, problems, warnings)
    edges: list[Edge] = []
    if not columns.ok:
        return edges
    file = table.file
    get = {name: columns.getter(name) for name in EDGE_COLUMNS}
    col = {name: columns.column(name) for name in EDGE_COLUMNS}
    lookup = None
    seen: dict[tuple, int] = {}
    relations = ENUM_COLUMNS["relation"]
    for line, cells in table.rows:
        if len(cells) > len(table.header):
            _check_extra_cells(table, line, cells, problems)
        ends = []
        for end in ("source", "target"):
            node_id = get[end](cells)
            node = nodes.get(node_id)
            if node is None and node_id not in bad_ids:
                if not ID_PATTERN.match(node_id):
                    problems.append(Problem("CG103", file, line, col[end],
                                            f"{end}: {_bad_id(node_id)}", _ID_HINT))
                elif known:
                    if lookup is None:
                        lookup = {_loose(k): k for k in nodes}
                    problems.append(Problem(
                        "CG106", file, line, col[end],
                        f"{end} '{node_id}' is not a node in nodes.csv",
                        did_you_mean(node_id, nodes, lookup) or "add the node to nodes.csv first"))
            ends.append(node)
        relation = _enum(get["relation"](cells), "relation", relations, None,
                         (file, line, col["relation"]), problems)
        capacity = get["capacity"](cells)
        if capacity:
            capacity = _enum(capacity, "capacity", ENUM_COLUMNS["capacity"], "",
                             (file, line, col["capacity"]), problems)
            if capacity and relation and relation != "membership":
                warnings.append(Problem("CG105", file, line, col["capacity"],
                                        f"capacity '{capacity}' is ignored on a {relation} edge",
                                        "capacities apply to membership edges only",
                                        severity="warning"))
                capacity = ""
        elif relation == "membership":
            capacity = DEFAULT_CAPACITY
        source, target = ends
        if source is None or target is None or relation is None or capacity is None:
            continue
        if source.id == target.id:
            problems.append(Problem("CG109", file, line, col["source"],
                                    f"'{source.id}' has an edge to itself ({relation})",
                                    "remove the row or fix the target"))
            continue
        wrong = _wrong_kinds(relation, source, target)
        if wrong:
            problems.append(Problem("CG107", file, line, col["relation"], wrong[0], wrong[1]))
            continue
        key = (source.id, relation, target.id)
        if key in seen:
            problems.append(Problem("CG108", file, line, col["source"],
                                    f"duplicate {relation} edge {source.id} -> {target.id}",
                                    f"first given on line {seen[key]}; keep one row"))
            continue
        seen[key] = line
        edges.append(Edge(source.id, target.id, relation, capacity, get["condition"](cells),
                          get["note"](cells), get["reference"](cells), line))
    return edges


def _wrong_kinds(relation, source, target):
    if relation == "membership" and (source.kind, target.kind) != ("role", "platform"):
        return (f"membership must go from a role to a platform, not "
                f"{source.kind} '{source.id}' -> {target.kind} '{target.id}'",
                "a role holds a seat in a platform: source = role, target = platform"
                + (" (source and target look swapped)"
                   if (source.kind, target.kind) == ("platform", "role") else ""))
    if relation == "escalation" and (source.kind, target.kind) != ("platform", "platform"):
        return (f"escalation must go from a platform to a platform, not "
                f"{source.kind} '{source.id}' -> {target.kind} '{target.id}'",
                "use 'advises' for a role that reports to or supports another node")
    return None
