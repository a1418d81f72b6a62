"""Turn parsed tables into nodes and edges, collecting every CG1xx problem.

Nothing here reads files: it works on :class:`~coordgraph.reading.Table`
objects, so the same checks serve CSV files and in-memory records.
"""

import re
import unicodedata
from collections.abc import Sequence

from .errors import Problem
from .model import Edge, Node
from .schema import (
    CAPACITIES,
    DEFAULT_CAPACITY,
    DEFAULT_LEVEL,
    DEFAULT_ORG,
    DEFAULT_STATUS,
    EDGE_COLUMNS,
    EDGE_REQUIRED,
    EXPECTED_VALUES,
    ID_PATTERN,
    KINDS,
    LEVELS,
    MAX_ID_LENGTH,
    MIN_MAX_SEATS,
    NODE_COLUMNS,
    NODE_REQUIRED,
    RELATIONS,
    SENIORITY_RANGE,
    STATUSES,
)
from .suggesting import Index, did_you_mean


def _rename_hint(missing: str, names) -> str:
    """Which column of ``names`` looks like the ``missing`` one, as a fix.

    >>> _rename_hint("source", ["souce", "note"])
    "rename column 'souce' to 'source'"
    """
    import difflib  # here: only a missing column needs it

    matches = difflib.get_close_matches(missing, list(names), n=1, cutoff=0.6)
    return f"rename column '{matches[0]}' to '{missing}'" if matches else ""


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
                if any(table.columns[position - 1]):
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
            hints = [_rename_hint(m, [n for n in table.header if n and n not in known])
                     for m in missing]
            problems.append(Problem(
                "CG102", table.file, line, None,
                f"required column(s) missing: {', '.join(missing)} (columns found: {found})",
                "; ".join(h for h in hints if h)
                or f"the header row must name {', '.join(required)}"))
        self.ok = not missing

    def values(self, names) -> list[Sequence[str]]:
        """The columns of ``names``, in order; an absent column reads as empty cells."""
        blank = [""] * len(self.table.lines)
        return [self.table.columns[self.index[name]] if name in self.index else blank
                for name in names]

    def column(self, name) -> int | None:
        position = self.index.get(name)
        return None if position is None else position + 1


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
                            f"{hint + ' ' if hint else ''}{_allowed(allowed)}"))
    return None


def whole_number(text: str) -> int | None:
    """The integer a cell holds, also written as a decimal (``9.0``, as Excel
    and pandas write it); None when it is not a whole number.

    >>> whole_number("9"), whole_number("9.0"), whole_number("9.5"), whole_number("nine")
    (9, 9, None, None)
    """
    try:
        return int(text)
    except ValueError:
        pass
    whole, dot, fraction = text.partition(".")
    if dot and fraction and fraction.strip("0") == "" and whole.lstrip("+-").isdigit():
        return int(whole)
    return None


def _integer(value, column, where, problems):
    if not value:
        return None
    number = whole_number(value)
    if number is None or number not in SENIORITY_RANGE:
        file, line, col = where
        problems.append(Problem("CG105", file, line, col,
                                f"{column} '{value}' is not an integer from 1 to 9",
                                "higher is more senior; leave the cell empty if unknown"))
        return None
    return number


def _max_seats(value, where, problems):
    if not value:
        return None
    number = whole_number(value)
    if number is None or number < MIN_MAX_SEATS:
        file, line, col = where
        problems.append(Problem("CG105", file, line, col,
                                f"max_seats '{value}' is not a whole number of at least "
                                f"{MIN_MAX_SEATS}",
                                "the most seats this role may hold, e.g. 5; leave the cell "
                                "empty to use the check's --max-seats"))
        return None
    return number


def _bad_id(value: str) -> str:
    """Why ``value`` is not a valid id, in words.

    >>> _bad_id("sécurité")
    "id 'sécurité' holds 'é': ids use letters without accents (a-z), e.g. 'securite'"
    >>> _bad_id("\u200bhct")  # a zero-width space pasted from a web page
    "id '\u200bhct' holds an invisible U+200B: ids use letters without accents (a-z), e.g. 'hct'"
    >>> _bad_id("1st_hub")
    "id '1st_hub' must start with a letter"
    """
    if not value:
        return "empty id"
    if len(value) > MAX_ID_LENGTH:
        return f"id is {len(value)} characters long (at most {MAX_ID_LENGTH})"
    if not value.isascii():
        foreign = next(c for c in value if not c.isascii())
        shown = f"'{foreign}'" if foreign.isprintable() else f"an invisible U+{ord(foreign):04X}"
        message = f"id '{value}' holds {shown}: ids use letters without accents (a-z)"
        plain = "".join(c for c in unicodedata.normalize("NFKD", value) if c.isascii())
        return message + (f", e.g. '{plain}'" if ID_PATTERN.match(plain) else "")
    if not value[0].isalpha():
        return f"id '{value}' must start with a letter"
    return f"id '{value}' may only hold letters, digits, '_', '.' and '-'"


_ID_HINT = "ids are short names such as 'hct' or 'chief_of_mission': letters, digits, _ . -"


# Each builder checks whole columns first (set operations, C-speed loops):
# when nothing is wrong, the records are built in bulk. Otherwise the rows
# are walked one by one to say exactly what is wrong where. Both paths give
# the same records (tests/test_validation.py loads every fixture both ways).

_SENIORITY = {"": None, **{str(n): n for n in SENIORITY_RANGE},
              **{f"{n}.0": n for n in SENIORITY_RANGE}}


def build_nodes(table, problems, warnings, *, bulk: bool = True) -> dict[str, Node] | None:
    """Nodes from ``nodes.csv``; CG102–CG105 problems appended to ``problems``.

    Returns None when a required column is missing: the file then says
    nothing about which nodes exist. ``bulk=False`` always checks row by row
    (the plain path, which the bulk one must agree with).

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
    values = columns.values(NODE_COLUMNS)
    nodes = _nodes_in_bulk(table.lines, values) if bulk else None
    if nodes is None:
        nodes = _nodes_row_by_row(table, columns, values, problems, warnings)
    return nodes


def _lowered_values(column, allowed) -> tuple[list[str], set[str]]:
    """The column in lower case (as it is when already all allowed or
    empty), and its distinct values: one pass for both, and the values then
    serve the checks and :func:`_shared` (each a pass over 300,000 cells).

    >>> column, values = _lowered_values(["Lead", "member"], ("lead", "member"))
    >>> column, sorted(values)
    (['lead', 'member'], ['lead', 'member'])
    """
    values = set(column)
    if values <= {"", *allowed}:
        return column, values
    column = list(map(str.lower, column))
    return column, set(column)


def _shared(column: list[str], default: str = "", values=None) -> list[str]:
    """A column of few distinct values with one string object per value (an
    empty cell as ``default``): 300,000 rows of 'membership' then take the
    memory of one. For enumerated columns, already known to hold few values
    (``values``: the column's distinct values, when already known).

    >>> column = _shared(["a", "", "".join(["a"])], default="b")
    >>> column, column[0] is column[2]
    (['a', 'b', 'a'], True)
    """
    value_of = {value: value or default for value in (set(column) if values is None else values)}
    return list(map(value_of.__getitem__, column))


def _nodes_in_bulk(lines, values) -> dict[str, Node] | None:
    """All nodes at once, or None when any row needs a closer look."""
    (ids, kinds, labels, labels_fr, labels_es, orgs, structures, structures_fr, structures_es,
     levels, statuses,
     seniorities, min_seniorities, codes, descriptions, references,
     expected, leads, co_leads, persons, locations, max_seats) = values
    (kinds, kind_values), (levels, level_values), (statuses, status_values), (
        expected, expected_values) = (_lowered_values(c, allowed) for c, allowed in (
            (kinds, KINDS), (levels, LEVELS), (statuses, STATUSES), (expected, EXPECTED_VALUES)))
    if not (_all_ids(ids) and all(labels)
            and kind_values <= set(KINDS) and level_values <= {"", *LEVELS}
            and status_values <= {"", *STATUSES} and expected_values <= {"", *EXPECTED_VALUES}
            and set(seniorities) <= _SENIORITY.keys()
            and set(min_seniorities) <= _SENIORITY.keys()):
        return None
    if "vacant" in status_values and any(s == "vacant" and k == "platform"
                                         for k, s in zip(kinds, statuses, strict=True)):
        return None  # a platform cannot be vacant: a CG105 on its row
    if any(max_seats):
        cells, max_seats = max_seats, [whole_number(v) if v else None for v in max_seats]
        if any(n is None and v or n is not None and n < MIN_MAX_SEATS
               for n, v in zip(max_seats, cells, strict=True)):
            return None
    else:
        max_seats = [None] * len(ids)
    levels = _shared(levels, DEFAULT_LEVEL, level_values)
    statuses = _shared(statuses, DEFAULT_STATUS, status_values)
    kinds = _shared(kinds, values=kind_values)
    org_of = {(kind, org): (org or DEFAULT_ORG) if kind == "role" else org
              for kind, org in set(zip(kinds, orgs, strict=True))}
    orgs = list(map(org_of.__getitem__, zip(kinds, orgs, strict=True)))
    seniorities, min_seniorities = (list(map(_SENIORITY.__getitem__, c))
                                    for c in (seniorities, min_seniorities))
    nodes = dict(zip(ids, map(Node, ids, kinds, labels, labels_fr, labels_es, orgs, structures,
                              structures_fr, structures_es, levels, statuses, seniorities,
                              min_seniorities, codes, descriptions, references, expected,
                              leads, co_leads, persons, locations, max_seats, lines), strict=True))
    # Unique ids, checked by the dict itself: a separate set of 300,000 ids
    # cost as much again. A duplicate (rare) wastes the records built.
    return nodes if len(nodes) == len(ids) else None


#: Lines of valid ids (:data:`ID_PATTERN`), each ended by a line feed.
_ID_LINES = re.compile("(?:" + ID_PATTERN.pattern.removesuffix(r"\Z") + r"\n)*")


def _all_ids(cells) -> bool:
    """Whether every cell is a valid id: one match over the cells joined by
    line feeds (twice as fast as a match per cell), and no cell holds one.

    >>> _all_ids(["hct", "cl.cccm"]), _all_ids(["hct", "1st"]), _all_ids(["a\\nb"])
    (True, False, False)
    """
    if not cells:
        return True
    joined = "\n".join(cells) + "\n"
    return _ID_LINES.fullmatch(joined) is not None and joined.count("\n") == len(cells)


def _nodes_row_by_row(table, columns, values, problems, warnings) -> dict[str, Node]:
    nodes: dict[str, Node] = {}
    first_line: dict[str, int] = {}  # every row's id, valid or not: duplicates are errors too
    file = table.file
    col = {name: columns.column(name) for name in NODE_COLUMNS}
    for line, cells in zip(table.lines, zip(*values, strict=True), strict=True):
        (node_id, kind, label, label_fr, label_es, org, structure, structure_fr, structure_es,
         level, status,
         seniority, min_seniority, code, description, reference,
         expected, lead, co_lead, person, location, max_seats) = cells
        ok = True
        if not ID_PATTERN.match(node_id):
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
        kind = _enum(kind, "kind", KINDS, None, (file, line, col["kind"]), problems)
        level = _enum(level, "level", LEVELS, DEFAULT_LEVEL, (file, line, col["level"]), problems)
        status = _enum(status, "status", STATUSES, DEFAULT_STATUS,
                       (file, line, col["status"]), problems)
        seniority = _integer(seniority, "seniority", (file, line, col["seniority"]), problems)
        min_seniority = _integer(min_seniority, "min_seniority",
                                 (file, line, col["min_seniority"]), problems)
        max_seats = _max_seats(max_seats, (file, line, col["max_seats"]), problems)
        if expected:
            expected = _enum(expected, "expected", EXPECTED_VALUES, "",
                             (file, line, col["expected"]), problems)
        if kind == "platform" and status == "vacant":
            problems.append(Problem("CG105", file, line, col["status"],
                                    f"platform '{node_id}' cannot be vacant",
                                    "vacant is for a role nobody holds; a platform that is "
                                    "not activated here is 'inactive'"))
            status = None
        if not label:
            warnings.append(Problem("CG103", file, line, col["label"],
                                    f"node '{node_id}' has an empty label; its id is shown instead",
                                    "fill in the label column", severity="warning"))
            label = node_id
        if not ok or kind is None or level is None or status is None or expected is None:
            continue
        if kind == "role" and not org:
            org = DEFAULT_ORG
        nodes[node_id] = Node(node_id, kind, label, label_fr, label_es, org, structure,
                              structure_fr, structure_es, level,
                              status, seniority, min_seniority, code, description, reference,
                              expected, lead, co_lead, person, location, max_seats, line)
    return nodes


_KINDS_OF = {"membership": ("role", "platform"), "escalation": ("platform", "platform"),
             "reporting": ("platform", "platform")}


def build_edges(table, nodes, problems, warnings, bad_ids=frozenset(), *,
                bulk: bool = True) -> list[Edge]:
    """Edges from ``edges.csv`` checked against ``nodes``: CG102, CG103, CG105–CG109.

    ``bad_ids`` are ids that exist in nodes.csv but were rejected there; edges
    naming them are skipped silently (the node's own problem says why).
    ``nodes`` None means nodes.csv could not be read: the edges' own cells are
    checked, but not whether the nodes they name exist. ``bulk=False``: as
    for :func:`build_nodes`.
    """
    columns = _Columns(table, EDGE_COLUMNS, EDGE_REQUIRED, problems, warnings)
    if not columns.ok:
        return []
    values = columns.values(EDGE_COLUMNS)
    edges = _edges_in_bulk(table.lines, values, nodes) if bulk and nodes is not None else None
    if edges is None:
        edges = _edges_row_by_row(table, columns, values, nodes, problems, warnings, bad_ids)
    # No seat cell filled (the usual case): no seat group to check.
    if nodes is not None and any(values[EDGE_COLUMNS.index("seat")]):
        problems.extend(seat_group_problems(edges, nodes, table.file, columns.column("seat")))
    return edges


def seat_group_problems(edges, nodes, file, column=None) -> list[Problem]:
    """CG110: a ``seat`` value must group memberships of ONE organisation at
    ONE platform (alternatives for one seat). Values match in any case.

    A ``seat`` on an edge that is not a membership is not checked here: the
    row path ignores it with a CG110 *warning* (the row still means what its
    relation says, as with a capacity on such an edge).

    >>> nodes = {"hct": Node("hct", "platform", "HCT"), "smt": Node("smt", "platform", "SMT"),
    ...          "com": Node("com", "role", "CoM", org="IOM"),
    ...          "dcom": Node("dcom", "role", "DCoM", org="IOM")}
    >>> edges = [Edge("com", "hct", "membership", seat="a", line=2),
    ...          Edge("dcom", "smt", "membership", seat="a", line=3)]
    >>> [(p.code, p.line) for p in seat_group_problems(edges, nodes, "edges.csv")]
    [('CG110', 3)]
    """
    first: dict[str, Edge] = {}
    problems = []
    for edge in edges:
        if not edge.seat:
            continue
        key = edge.seat.casefold()
        other = first.setdefault(key, edge)
        if other is edge:
            continue
        if other.target != edge.target:
            problems.append(Problem(
                "CG110", file, edge.line, column,
                f"seat '{edge.seat}' joins memberships of two platforms: "
                f"'{other.target}' (line {other.line}) and '{edge.target}'",
                "a seat group names alternatives for one seat at one platform: give each "
                "platform its own seat value, e.g. "
                f"'{edge.target}-{edge.seat}'"))
            continue
        org, other_org = (nodes[e.source].org or DEFAULT_ORG for e in (edge, other))
        if not nodes[edge.source].org_is(other_org):
            problems.append(Problem(
                "CG110", file, edge.line, column,
                f"seat '{edge.seat}' at '{edge.target}' mixes organisations: {other_org} "
                f"(line {other.line}) and {org}",
                "a seat group names one organisation's alternatives for one seat: give the "
                "other organisation's membership its own seat value or none"))
    return problems


def _edges_in_bulk(lines, values, nodes) -> list[Edge] | None:
    """All edges at once, or None when any row needs a closer look."""
    (sources, targets, relations, capacities, conditions, conditions_fr, conditions_es, notes,
     references, seats) = values
    relations, relation_values = _lowered_values(relations, RELATIONS)
    capacities, capacity_values = _lowered_values(capacities, CAPACITIES)
    if not (relation_values <= set(RELATIONS) and capacity_values <= {"", *CAPACITIES}):
        return None
    # One loop over the rows (its attribute reads and comparisons are cheaper
    # than a mapped lookup per cell and column): each end is a node of the
    # right kind for the relation, not the other end; a capacity is on a
    # membership only. Each edge holds its nodes, and their own id strings
    # (one copy of each id in memory); each capacity is one string per value.
    node_of = nodes.get
    kinds_of = _KINDS_OF.get
    member_capacity = {value: value or DEFAULT_CAPACITY for value in capacity_values}.__getitem__
    source_ids: list[str] = []
    target_ids: list[str] = []
    source_nodes: list[Node] = []
    target_nodes: list[Node] = []
    shared_capacities: list[str] = []
    add_source, add_target = source_ids.append, target_ids.append
    add_source_node, add_target_node = source_nodes.append, target_nodes.append
    add_capacity = shared_capacities.append
    for relation, source_id, target_id, capacity in zip(relations, sources, targets, capacities,
                                                        strict=True):
        source, target = node_of(source_id), node_of(target_id)
        if source is None or target is None or source is target:
            return None   # an unknown node, or an edge to itself
        if relation == "membership":
            if source.kind != "role" or target.kind != "platform":
                return None
            add_capacity(member_capacity(capacity))
        else:
            if capacity:
                return None   # a warning to give, on its row
            wanted = kinds_of(relation)
            if wanted is not None and (source.kind != wanted[0] or target.kind != wanted[1]):
                return None
            add_capacity("")
        add_source(source.id)
        add_target(target.id)
        add_source_node(source)
        add_target_node(target)
    sources, targets = source_ids, target_ids
    if any(seats) and any(seat and relation != "membership"
                          for relation, seat in zip(relations, seats, strict=True)):
        return None  # a warning to give, on its row
    if not _distinct_edges(sources, relations, targets):
        return None
    relations = _shared(relations, values=relation_values)
    return list(map(Edge, sources, targets, relations, shared_capacities, conditions, conditions_fr,
                    conditions_es, notes, references, seats, lines, source_nodes, target_nodes))


def _distinct_edges(sources, relations, targets) -> bool:
    """Whether no two edges share their source, relation and target.

    Distinct ends make distinct edges, and the ends' hashes are told apart
    first: a set of 775,000 ints is cheaper to build (and to free) than one
    of as many pairs (no pair is kept). Distinct hashes mean distinct ends;
    equal hashes (the same ends, or a rare collision) are settled by the
    exact test, with pairs, then triples.

    >>> _distinct_edges(["a", "a"], ["advises", "membership"], ["b", "b"])
    True
    >>> _distinct_edges(["a", "a"], ["advises", "advises"], ["b", "b"])
    False
    """
    count = len(sources)
    if len(set(map(hash, zip(sources, targets, strict=True)))) == count:
        return True
    return len(set(zip(sources, targets, strict=True))) == count or len(
        set(zip(sources, relations, targets, strict=True))) == count


def _edges_row_by_row(table, columns, values, nodes, problems, warnings, bad_ids) -> list[Edge]:
    known = nodes is not None
    nodes = nodes if known else {}
    file = table.file
    col = {name: columns.column(name) for name in EDGE_COLUMNS}
    lookup = None
    seen: dict[tuple, int] = {}
    edges: list[Edge] = []

    def endpoint(end, node_id, line):
        """The node an edge names, or None after reporting why not."""
        nonlocal lookup
        if node_id in bad_ids:
            return None
        if not ID_PATTERN.match(node_id):
            problems.append(Problem("CG103", file, line, col[end],
                                    f"{end}: {_bad_id(node_id)}", _ID_HINT))
        elif known:
            if lookup is None:
                lookup = Index(nodes)   # one bounded index for every bad reference
            problems.append(Problem(
                "CG106", file, line, col[end], f"{end} '{node_id}' is not a node in nodes.csv",
                did_you_mean(node_id, nodes, lookup) or "add the node to nodes.csv first"))
        return None

    for line, cells in zip(table.lines, zip(*values, strict=True), strict=True):
        (source_id, target_id, relation, capacity, condition, condition_fr, condition_es, note,
         reference, seat) = cells
        source = nodes.get(source_id) or endpoint("source", source_id, line)
        target = nodes.get(target_id) or endpoint("target", target_id, line)
        relation = _enum(relation, "relation", RELATIONS, None, (file, line, col["relation"]),
                         problems)
        if capacity:
            capacity = _enum(capacity, "capacity", CAPACITIES, "", (file, line, col["capacity"]),
                             problems)
            if capacity and relation and relation != "membership":
                warnings.append(Problem("CG105", file, line, col["capacity"],
                                        f"capacity '{capacity}' is ignored on a {relation} edge",
                                        "capacities apply to membership edges only",
                                        severity="warning"))
                capacity = ""
        elif relation == "membership":
            capacity = DEFAULT_CAPACITY
        if seat and relation and relation != "membership":
            # A warning, not an error: the row still means what its relation says.
            warnings.append(Problem("CG110", file, line, col["seat"],
                                    f"seat '{seat}' is ignored on this {relation} edge",
                                    "seat groups alternatives among membership edges only; "
                                    "clear the cell", severity="warning"))
            seat = ""
        if source is None or target is None or relation is None or capacity is None:
            continue
        if source is target:
            problems.append(Problem("CG109", file, line, col["source"],
                                    f"'{source_id}' has an edge to itself ({relation})",
                                    "remove the row or fix the target"))
            continue
        expected = _KINDS_OF.get(relation)
        if expected and (source.kind, target.kind) != expected:
            message, hint = _wrong_kinds(relation, source, target)
            problems.append(Problem("CG107", file, line, col["relation"], message, hint))
            continue
        key = (source_id, relation, target_id)
        if key in seen:
            problems.append(Problem("CG108", file, line, col["source"],
                                    f"duplicate {relation} edge {source_id} -> {target_id}",
                                    f"first given on line {seen[key]}; keep one row"))
            continue
        seen[key] = line
        edges.append(Edge(source_id, target_id, relation, capacity, condition, condition_fr,
                          condition_es, note, reference, seat, line, source, target))
    return edges


def _wrong_kinds(relation, source, target):
    if relation == "membership" and (source.kind, target.kind) != ("role", "platform"):
        return (f"membership must go from a role to a platform, not "
                f"{source.kind} '{source.id}' -> {target.kind} '{target.id}'",
                "a role holds a seat in a platform: source = role, target = platform"
                + (" (source and target look swapped)"
                   if (source.kind, target.kind) == ("platform", "role") else ""))
    if relation in ("escalation", "reporting"):
        return (f"{relation} must go from a platform to a platform, not "
                f"{source.kind} '{source.id}' -> {target.kind} '{target.id}'",
                "use 'advises' for a role that reports to or supports another node")
    return None
