"""A portfolio: many contexts side by side, one row each, one column per
kind of platform, each cell the organisation's strongest place there.

Pure functions over graphs already loaded and checked (the command line
loads them): :func:`context_row` makes a row, :func:`build` the whole
matrix, and :func:`to_text`, :func:`to_json`, :func:`to_markdown` and
:func:`to_csv` write it out (the HTML page is :mod:`coordgraph.portfolio_html`).

*Kind of platform.* A platform's kind is its ``code`` upper-cased when it has
one (``CCM``, ``PRO-GBV``); otherwise a known acronym (``HCT``, ``ICCG``,
``UNCT``, ``SMT``, ``PMT``, ``OMT``) found as its id or in brackets at the
end of its label (``Inter-Cluster ... (ICWG/ICCG)`` is ``ICCG``); otherwise
the acronym in brackets; otherwise its id upper-cased. When a context has
national platforms of a kind, only those make its cell (a sub-national
cluster hub does not hide the national cluster's gap).

*Columns.* HCT, ICCG, every OCHA cluster and area of responsibility,
UNCT, SMT, PMT and OMT have a column when at least one context has such a
platform; any other kind needs two contexts.

*Cells*, strongest first (:data:`STATES`): the org named in the platform's
``lead``/``co_lead`` or holding a membership of that capacity, then chair,
co-chair, coordinator, member, alternate or observer only; then, when the
org is not there, ``absent`` (the platform is expected: see
:meth:`~coordgraph.model.CoordGraph.is_expected`) or ``not-expected``;
``inactive`` when every such platform is inactive; no cell (``None``) when
the context has no such platform. Vacant and inactive roles do not count as
presence, as in ``check``.
"""

import csv
import datetime
import io
import json
import os
import re
import stat
from json.encoder import encode_basestring
from pathlib import Path

from .analysis._shared import org_presence
from .escaping import escape_controls, escape_json_output, markdown_text, neutralise
from .findings import FAIL_ON, summarize
from .records import FACTORY, FrozenRecord, Record
from .schema import NODE_FILE

#: Cell states, strongest first, with a one-letter symbol (text, CSV, the
#: page) and what it means.
STATES = {
    "lead": ("L", "lead"),
    "co-lead": ("l", "co-lead"),
    "chair": ("C", "chair"),
    "co-chair": ("c", "co-chair"),
    "coordinator": ("K", "coordinator"),
    "member": ("M", "member (a seat)"),
    "observer": ("o", "alternate or observer only"),
    "absent": ("!", "absent where expected"),
    "not-expected": (".", "absent, not expected"),
    "inactive": ("-", "platform not active"),
}
RANK = {state: rank for rank, state in enumerate(STATES)}
#: Membership capacity -> state.
CAPACITY_STATE = {"lead": "lead", "co-lead": "co-lead", "chair": "chair", "co-chair": "co-chair",
                  "coordinator": "coordinator", "member": "member", "alternate": "observer",
                  "observer": "observer"}

#: Kinds with a column as soon as one context has them, in reading order:
#: the humanitarian apex, the clusters (OCHA global coordination groups'
#: codes, IOM's own clusters first, Protection with its areas of
#: responsibility), then the UN Country Team system.
KNOWN_KINDS = {
    "HCT": "Humanitarian Country Team",
    "ICCG": "Inter-Cluster Coordination Group",
    "CCM": "Camp Coordination / Management",
    "SHL": "Emergency Shelter and NFI",
    "PRO": "Protection",
    "PRO-CPN": "Child Protection",
    "PRO-GBV": "Gender Based Violence",
    "PRO-HLP": "Housing, Land and Property",
    "PRO-MIN": "Mine Action",
    "WSH": "Water Sanitation Hygiene",
    "HEA": "Health",
    "FSC": "Food Security",
    "NUT": "Nutrition",
    "EDU": "Education",
    "ERY": "Early Recovery",
    "LOG": "Logistics",
    "TEL": "Emergency Telecommunications",
    "UNCT": "United Nations Country Team",
    "SMT": "Security Management Team",
    "PMT": "Programme Management Team",
    "OMT": "Operations Management Team",
}
#: Other names of the known kinds (ids and acronyms).
ALIASES = {"ICWG": "ICCG", "ICC": "ICCG", "ICCM": "ICCG", "ISCG": "ICCG", "CCCM": "CCM",
           "WASH": "WSH"}
#: A kind outside :data:`KNOWN_KINDS` gets a column when this many contexts have it.
OTHER_KIND_MIN = 2

_BRACKETS = re.compile(r"\(([^()]*)\)\s*$")
_NOT_KEY = re.compile(r"[^A-Z0-9]+")


_set = object.__setattr__


class Column(FrozenRecord):
    """A kind of platform: ``key`` (``CCM``), a ``label`` and a ``short``
    name of at most 4 characters for narrow tables."""

    __slots__ = _fields = ("key", "label", "short")
    key: str
    label: str
    short: str

    def __init__(self, key: str, label: str, short: str) -> None:
        _set(self, "key", key)
        _set(self, "label", label)
        _set(self, "short", short)


class Row(Record):
    """One context of the portfolio. ``cells`` maps a kind to a state of
    :data:`STATES`; ``problems`` holds the CG1xx errors of an invalid context."""

    __slots__ = _fields = ("source", "name", "country", "region", "context_type", "as_of",
                           "template", "template_as_of", "org", "valid", "findings",
                           "problems", "cells", "labels", "as_of_age", "template_age")

    def __init__(self, source: str, name: str = "", country: str = "", region: str = "",
                 context_type: str = "", as_of: str = "", template: str = "",
                 template_as_of: str = "", org: str = "", valid: bool = True,
                 findings: list = FACTORY, problems: list = FACTORY, cells: dict = FACTORY,
                 labels: dict = FACTORY,   # kind -> a platform label, for columns
                 as_of_age: int | None = None, template_age: int | None = None) -> None:
        self.source = source
        self.name = name
        self.country = country
        self.region = region
        self.context_type = context_type
        self.as_of = as_of
        self.template = template
        self.template_as_of = template_as_of
        self.org = org
        self.valid = valid
        self.findings = [] if findings is FACTORY else findings
        self.problems = [] if problems is FACTORY else problems
        self.cells = {} if cells is FACTORY else cells
        self.labels = {} if labels is FACTORY else labels
        self.as_of_age = as_of_age
        self.template_age = template_age

    @property
    def summary(self) -> dict:
        """Findings per severity; an invalid context counts its CG1xx errors."""
        counts = summarize(self.findings)
        counts["error"] += len(self.problems)
        return counts


class Portfolio(Record):
    """The matrix: ``rows`` in the order given, ``columns`` in reading order."""

    __slots__ = _fields = ("rows", "columns", "today", "org")

    def __init__(self, rows: list, columns: list, today: str, org: str = "") -> None:
        self.rows = rows
        self.columns = columns
        self.today = today
        self.org = org


# ---------------------------------------------------------------- contexts

def context_paths(arguments) -> list[Path]:
    """The contexts named by ``arguments``: a context folder (it holds
    ``nodes.csv``) or any other path stands for itself; a folder without
    ``nodes.csv`` whose sub-folders have one stands for those sub-folders,
    by name. Repeats are dropped.

    >>> import coordgraph.loading as loading
    >>> [p.name for p in context_paths([loading.bundled_path()])]
    ['data']
    """
    found: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        children = []
        if path.is_dir() and not (path / NODE_FILE).exists():
            try:
                children = sorted(child for child in path.iterdir()
                                  if child.is_dir() and (child / NODE_FILE).is_file())
            except OSError:
                children = []
        found.extend(children or [path])
    unique: dict = {}
    for path in found:
        unique.setdefault(_place(path), path)
    return list(unique.values())


def _place(path: Path):
    """What ``path`` stands for, equal for two paths of one folder: the
    folder's device and inode (one ``stat``; resolving the path took one per
    part of it), else the resolved path.

    >>> import coordgraph.loading as loading
    >>> folder = loading.bundled_path()
    >>> _place(folder) == _place(folder / ".." / folder.name)
    True
    >>> _place(Path("no-such-folder")) == Path("no-such-folder").resolve()
    True
    """
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        return (info.st_dev, info.st_ino)
    try:
        return path.resolve()
    except OSError:
        return path


def platform_kind(node) -> str:
    """The kind of a platform (see the module's docstring).

    >>> from coordgraph.model import Node
    >>> platform_kind(Node("x", "platform", "CCCM Sub-national", code="ccm"))
    'CCM'
    >>> platform_kind(Node("iccg", "platform", "Inter-Cluster Group (ICWG/ICCG)"))
    'ICCG'
    >>> platform_kind(Node("hct_north", "platform", "Humanitarian Country Team (HCT)"))
    'HCT'
    >>> platform_kind(Node("cwg", "platform", "Cash Working Group"))
    'CWG'
    """
    cell = (node.code, node.id, node.label)
    kind = _KINDS.get(cell)
    if kind is None:
        if len(_KINDS) >= _KINDS_MAX:
            _KINDS.clear()
        kind = _KINDS[cell] = _kind(*cell)
    return kind


#: Kinds already worked out, by code, id and label: contexts made from one
#: template share most platforms (a regular expression per platform was the cost).
_KINDS: dict[tuple[str, str, str], str] = {}
_KINDS_MAX = 100_000


def _kind(code: str, id_: str, label: str) -> str:
    """:func:`platform_kind` of a platform's ``code``, ``id`` and ``label``."""
    if code.strip():
        return _key(code)
    candidates = [_key(id_)]
    bracket = _BRACKETS.search(label)
    if bracket:
        candidates += [_key(part) for part in bracket[1].split("/")]
    for candidate in candidates:
        known = ALIASES.get(candidate, candidate)
        if known in KNOWN_KINDS:
            return known
    return candidates[1] if len(candidates) > 1 and candidates[1] else candidates[0]


def _key(text: str) -> str:
    """A kind key: upper case, runs of other characters as one ``-``.

    >>> _key(" pro-gbv "), _key("cluster_meetings")
    ('PRO-GBV', 'CLUSTER-MEETINGS')
    """
    return _NOT_KEY.sub("-", text.strip().upper()).strip("-")


def platform_state(graph, platform, org: str) -> str:
    """The org's strongest place at one platform, a key of :data:`STATES`.

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     [{"id": "shl", "kind": "platform", "label": "Shelter", "lead": "UNHCR",
    ...       "co_lead": "IOM"}, {"id": "po", "kind": "role", "label": "PO"}],
    ...     [{"source": "po", "target": "shl", "relation": "membership"}])
    >>> platform_state(g, g.nodes["shl"], "IOM")
    'co-lead'
    """
    return STATE_NAMES[_state_rank(graph, platform, org, org.casefold(),
                                   org_presence(graph, org))]


#: The states of :data:`STATES` by rank.
STATE_NAMES = tuple(STATES)
_LEAD, _CO_LEAD = RANK["lead"], RANK["co-lead"]
_ABSENT, _NOT_EXPECTED, _INACTIVE = RANK["absent"], RANK["not-expected"], RANK["inactive"]
_CAPACITY_RANK = {capacity: RANK[state] for capacity, state in CAPACITY_STATE.items()}


def _state_rank(graph, platform, org: str, folded: str, presence: dict) -> int:
    """The rank in :data:`STATES` of :func:`platform_state`; ``folded`` is
    ``org`` casefolded, ``presence`` the org's :func:`org_presence`."""
    if platform.status == "inactive":
        return _INACTIVE
    # The org's name inside the cell (any case) comes before splitting it:
    # most cells name other organisations.
    if platform.lead and folded in platform.lead.casefold() and platform.has_lead(org):
        return _LEAD
    best = _ABSENT
    if (platform.co_lead and folded in platform.co_lead.casefold()
            and platform.has_co_lead(org)):
        best = _CO_LEAD
    # The memberships of the org's held roles: those the check already
    # gathered for every active platform.
    here = presence.get(platform.id)
    if here is not None:
        for edge in here.memberships:
            rank = _CAPACITY_RANK.get(edge.capacity or "member", _CAPACITY_RANK["member"])
            if rank < best:
                best = rank
    if best != _ABSENT or graph.is_expected(platform):
        return best
    return _NOT_EXPECTED


def context_cells(graph, org: str) -> tuple[dict, dict]:
    """Each kind of platform in ``graph`` -> the org's strongest state there,
    and each kind -> the label of its first platform.

    National platforms of a kind, when there are any, decide alone.
    """
    by_kind: dict[str, list] = {}
    for node in graph.nodes.values():
        if node.kind == "platform":
            kind = platform_kind(node)
            platforms = by_kind.get(kind)
            if platforms is None:
                by_kind[kind] = [node]
            else:
                platforms.append(node)
    presence = org_presence(graph, org)
    folded = org.casefold()
    cells, labels = {}, {}
    for kind, platforms in by_kind.items():
        national = [p for p in platforms if p.level == "national"]
        chosen = national or platforms
        cells[kind] = STATE_NAMES[min(_state_rank(graph, p, org, folded, presence)
                                      for p in chosen)]
        labels[kind] = chosen[0].label
    return cells, labels


def age_in_days(date: str, today: datetime.date) -> int | None:
    """Days from ``date`` (ISO text) to ``today``; None without a date.

    >>> age_in_days("2026-11-01", datetime.date(2026, 11, 29)), age_in_days("", None)
    (28, None)
    """
    if not date:
        return None
    try:
        return (today - datetime.date.fromisoformat(date)).days
    except ValueError:
        return None


def context_row(source, graph, findings, org: str, today: datetime.date, *,
                problems=(), context=None) -> Row:
    """The row of one context: a loaded ``graph`` and its ``findings``, or
    (``graph`` None) the CG1xx ``problems`` of an invalid one and whatever
    ``context`` its context.toml could tell."""
    context = graph.context if graph is not None else context
    row = Row(source=str(source), org=org, valid=graph is not None, problems=list(problems),
              findings=list(findings) if graph is not None else [])
    if context is not None:
        for name in ("name", "country", "region", "context_type", "as_of", "template",
                     "template_as_of"):
            setattr(row, name, getattr(context, name, "") or "")
    row.as_of_age = age_in_days(row.as_of, today)
    row.template_age = age_in_days(row.template_as_of, today)
    if graph is not None:
        row.cells, row.labels = context_cells(graph, org)
    return row


def columns_for(rows) -> list[Column]:
    """The columns: every known kind some context has, in
    :data:`KNOWN_KINDS` order, then other kinds that :data:`OTHER_KIND_MIN`
    contexts have, alphabetically."""
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    for row in rows:
        for kind in row.cells:
            counts[kind] = counts.get(kind, 0) + 1
            labels.setdefault(kind, row.labels.get(kind, kind))
    known = [Column(k, label, _short(k)) for k, label in KNOWN_KINDS.items() if k in counts]
    others = [Column(k, labels[k], _short(k)) for k in sorted(counts)
              if k not in KNOWN_KINDS and counts[k] >= OTHER_KIND_MIN]
    return known + others


def _short(key: str) -> str:
    """At most 4 characters: ``PRO-GBV`` is ``GBV``.

    >>> _short("PRO-GBV"), _short("UNCT"), _short("CLUSTER-MEETINGS")
    ('GBV', 'UNCT', 'CLUS')
    """
    return key.removeprefix("PRO-")[:4]


def build(rows, today: datetime.date, org: str = "") -> Portfolio:
    """The portfolio of ``rows`` (from :func:`context_row`)."""
    return Portfolio(rows=list(rows), columns=columns_for(rows), today=today.isoformat(),
                     org=org)


def fails(portfolio: Portfolio, fail_on: str) -> bool:
    """Whether a context has findings at or above ``fail_on``; an invalid
    context's CG1xx problems are errors."""
    levels = FAIL_ON[fail_on]
    return any(row.summary[severity] for row in portfolio.rows for severity in levels)


def display_name(row: Row) -> str:
    """The context's ``name``, else its folder's name."""
    return row.name or Path(row.source).name or row.source


# ---------------------------------------------------------------- outputs

def row_dict(row: Row, columns) -> dict:
    """One context as the JSON object: ``check --format json``'s ``org``,
    ``summary`` and ``findings``, the context's settings, ages, and the
    cells (``null`` where the context has no such platform)."""
    return _row_data(row, columns, [f.as_dict() for f in row.findings])


def _row_data(row: Row, columns, findings) -> dict:
    """:func:`row_dict` with ``findings`` as given."""
    data = {
        "source": row.source, "name": display_name(row), "country": row.country,
        "region": row.region, "context_type": row.context_type,
        "as_of": row.as_of or None, "as_of_age_days": row.as_of_age,
        "template": row.template or None, "template_as_of": row.template_as_of or None,
        "template_age_days": row.template_age,
        "valid": row.valid, "org": row.org, "summary": row.summary,
        "findings": findings,
        "cells": {c.key: row.cells.get(c.key) for c in columns},
    }
    if not row.valid:
        data["problems"] = [p.as_dict() for p in row.problems]
    return data


def to_dict(portfolio: Portfolio) -> dict:
    """The whole portfolio as plain data (what :func:`to_json` writes)."""
    return _portfolio_data(portfolio, [row_dict(row, portfolio.columns)
                                       for row in portfolio.rows])


def _portfolio_data(portfolio: Portfolio, contexts: list) -> dict:
    return {
        "today": portfolio.today,
        "states": {key: {"symbol": symbol, "meaning": meaning}
                   for key, (symbol, meaning) in STATES.items()},
        "columns": [{"key": c.key, "label": c.label, "short": c.short}
                    for c in portfolio.columns],
        "contexts": contexts,
    }


def to_json(portfolio: Portfolio, findings_json=None) -> str:
    """The portfolio as indented JSON, control characters escaped.

    :func:`to_dict`'s text, with each context's findings written straight
    from the :class:`~coordgraph.findings.Finding` objects (they are most of
    the text). ``findings_json``, when given, holds each row's
    :func:`findings_json` already written (worker processes write their
    contexts' findings), or None for a row to write here.
    """
    columns = portfolio.columns
    texts = findings_json or [None] * len(portfolio.rows)
    data = _portfolio_data(portfolio, [
        _row_data(row, columns, _Findings(row.findings) if text is None else _Written(text))
        for row, text in zip(portfolio.rows, texts, strict=True)])
    parts: list[str] = []
    try:
        _encode(data, parts, "\n")
        text = "".join(parts)
    except _Unsupported:
        text = json.dumps(to_dict(portfolio), indent=2, ensure_ascii=False)
    return _escape_json(text) + "\n"


class _Findings:
    """Findings that :func:`_encode` writes as :meth:`Finding.as_dict
    <coordgraph.findings.Finding.as_dict>` would be written."""

    __slots__ = ("findings",)

    def __init__(self, findings) -> None:
        self.findings = findings


class _Written(str):
    """JSON text :func:`_encode` writes as it is."""

    __slots__ = ()


#: The start of a line of a context's fields in :func:`to_json`'s text.
_CONTEXT_FIELD = "\n" + " " * 6


def findings_json(row: Row) -> str:
    """The row's findings as :func:`to_json` writes them.

    >>> from coordgraph.findings import Finding
    >>> print(findings_json(Row("c", findings=[Finding("CG305", "info", "x")])))
    [
            {
              "code": "CG305",
              "severity": "info",
              "node": "x",
              "nodes": [],
              "message": "",
              "hint": ""
            }
          ]
    """
    return _findings_text(row.findings, _CONTEXT_FIELD)


def _findings_text(findings, newline: str) -> str:
    """``findings`` as :func:`dumps_indented` writes their ``as_dict()``
    list on a line starting with ``newline``: one format per finding.

    >>> from coordgraph.findings import Finding
    >>> found = [Finding("CG305", "warning", "com", ("com", "hct"), "Only", "Name")]
    >>> _findings_text(found, "\\n") == dumps_indented([f.as_dict() for f in found])
    True
    """
    if not findings:
        return "[]"
    item = newline + "  "
    field = item + "  "
    node = field + "  "
    form = (f'{{{field}"code": %s,{field}"severity": %s,{field}"node": %s,{field}'
            f'"nodes": %s,{field}"message": %s,{field}"hint": %s{item}}}')
    between, node_between = "," + item, "," + node
    encode = encode_basestring
    try:
        text = between.join([
            form % (encode(f.code), encode(f.severity), encode(f.node),
                    "[" + node + node_between.join([encode(n) for n in f.nodes])
                    + field + "]" if f.nodes else "[]",
                    encode(f.message), encode(f.hint))
            for f in findings])
    except TypeError:   # a value that is not text: the plain way
        parts: list[str] = []
        _encode([f.as_dict() for f in findings], parts, newline)
        return "".join(parts)
    return "[" + item + text + newline + "]"


def _escape_json(text: str) -> str:
    """:func:`~coordgraph.escaping.escape_json_output`, skipped when ``text``
    is ASCII without DEL: the only controls it could hold are C0, which JSON
    already escapes (``isascii`` is free; the scan of megabytes is not).

    >>> _escape_json('"a"'), _escape_json('"a\\x7f"'), _escape_json('"\\u202e"')
    ('"a"', '"a\\\\u007f"', '"\\\\u202e"')
    """
    if text.isascii() and "\x7f" not in text:
        return text
    return escape_json_output(text)


class _Unsupported(Exception):
    """A value :func:`dumps_indented` leaves to :func:`json.dumps`."""


def dumps_indented(data) -> str:
    """``json.dumps(data, indent=2, ensure_ascii=False)``, the same text, faster.

    With ``indent``, :mod:`json` encodes in pure Python, one generator step
    per token: a thousand contexts' findings took seconds. This writes the
    same text with the C string encoder and plain loops; anything other than
    dicts with text keys, lists, text, numbers, booleans and None goes to
    :func:`json.dumps` whole (tests/test_portfolio_speed.py compares both).

    >>> print(dumps_indented({"a": [1, None, True], "b": {}, "c": "é"}))
    {
      "a": [
        1,
        null,
        true
      ],
      "b": {},
      "c": "é"
    }
    """
    parts: list[str] = []
    try:
        _encode(data, parts, "\n")
    except _Unsupported:
        return json.dumps(data, indent=2, ensure_ascii=False)
    return "".join(parts)


_SCALARS = {type(None): lambda v: "null", bool: lambda v: "true" if v else "false",
            int: int.__repr__, str: encode_basestring, float: json.dumps}


def _encode(value, parts: list, newline: str) -> None:
    scalar = _SCALARS.get(type(value))
    if scalar is not None:
        parts.append(scalar(value))
        return
    inner = newline + "  "
    joiner = "," + inner
    if type(value) is dict:
        if not value:
            parts.append("{}")
            return
        separator = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _Unsupported
            scalar = _SCALARS.get(type(item))
            if scalar is not None:
                parts.append(separator + encode_basestring(key) + ": " + scalar(item))
            else:
                parts.append(separator + encode_basestring(key) + ": ")
                _encode(item, parts, inner)
            separator = joiner
        parts.append(newline + "}")
    elif type(value) in (list, tuple):
        if not value:
            parts.append("[]")
            return
        try:   # a list of scalars (a finding's nodes) in one piece
            parts.append("[" + inner + joiner.join([_SCALARS[type(v)](v) for v in value])
                         + newline + "]")
            return
        except KeyError:
            pass
        separator = "[" + inner
        for item in value:
            parts.append(separator)
            _encode(item, parts, inner)
            separator = joiner
        parts.append(newline + "]")
    elif type(value) is _Findings:
        parts.append(_findings_text(value.findings, newline))
    elif type(value) is _Written:
        if newline != _CONTEXT_FIELD:
            raise _Unsupported   # written for another place
        parts.append(value)
    else:
        raise _Unsupported


def _symbol(state) -> str:
    return STATES[state][0] if state else " "


def _age(days) -> str:
    return "" if days is None else str(days)


def _cut(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with ``…``.

    >>> _cut("Nortavia (illustrative)", 10), _cut("Ab", 5)
    ('Nortavia …', 'Ab')
    """
    return text if len(text) <= width else text[:width - 1] + "…"


_TYPE_SHORT = {"pre-crisis": "pre", "humanitarian": "hum", "refugee": "ref", "mixed": "mix"}
_NAME_WIDTH = 18
_LINE_WIDTH = 100
_FIXED_WIDTH = 32   # the columns after the name, with their spaces


def to_text(portfolio: Portfolio) -> str:
    """A table for a 100-column terminal: the kinds' short names written
    downwards over the columns, one symbol per cell, then the legends."""
    columns = portfolio.columns
    lines = [f"Portfolio of {len(portfolio.rows)} context(s), ages in days to "
             f"{portfolio.today}"]
    height = max((len(c.short) for c in columns), default=0)
    # The name gives way (down to 8 characters) so that the cells fit in 100.
    width = max(8, min(_NAME_WIDTH, _LINE_WIDTH - _FIXED_WIDTH - 2 * len(columns) - 1))
    fixed = (f"{'Name':<{width}} {'Ctry':<4} {'Type':<4} {'As-of':>5} "
             f"{'Tmpl':>5} {'Err':>3} {'Warn':>4}")
    for level in range(height):
        letters = " ".join(c.short.rjust(height)[level] for c in columns)
        prefix = fixed if level == height - 1 else " " * len(fixed)
        lines.append(f"{prefix}  {letters}".rstrip())
    if not height:
        lines.append(fixed)
    for row in portfolio.rows:
        summary = row.summary
        start = (f"{_cut(escape_controls(display_name(row)), width):<{width}} "
                 f"{escape_controls(row.country)[:4]:<4} "
                 f"{_TYPE_SHORT.get(row.context_type, row.context_type[:4]):<4} "
                 f"{_age(row.as_of_age):>5} {_age(row.template_age):>5} "
                 f"{summary['error']:>3} {summary['warning']:>4}")
        if row.valid:
            cells = " ".join(_symbol(row.cells.get(c.key)) for c in columns)
        else:
            cells = f"invalid data: {len(row.problems)} CG1xx error(s)"
        lines.append(f"{start}  {cells}".rstrip())
    lines.append("")
    lines += _wrap("Cells: ", [f"{symbol} {meaning}" for symbol, meaning in STATES.values()]
                   + ["blank: no such platform"])
    key = [f"{c.short} {escape_controls(c.label)}" for c in columns]
    if key:
        lines += _wrap("Columns: ", key)
    lines += _wrap("Type: ", ["hum humanitarian", "pre pre-crisis", "ref refugee", "mix mixed"])
    lines.append("As-of, Tmpl: days since the data's as_of and its template's; "
                 "Err, Warn: findings of check.")
    return "\n".join(lines) + "\n"


def _wrap(head: str, items, width: int = 99) -> list[str]:
    """``head`` and ``items`` joined by ``; `` in lines of at most ``width``.

    >>> _wrap("K: ", ["a b", "c d", "e f"], width=14)
    ['K: a b; c d;', '   e f']
    """
    lines, current = [], head
    for number, item in enumerate(items):
        piece = item + (";" if number < len(items) - 1 else "")
        if len(current) + len(piece) + 1 > width and current.strip():
            lines.append(current.rstrip())
            current = " " * len(head)
        current += piece + " "
    lines.append(current.rstrip())
    return lines


def to_markdown(portfolio: Portfolio) -> str:
    """A Markdown table, one row per context, every value from the data escaped."""
    columns = portfolio.columns
    head = ["Context", "Country", "Type", "As of", "Age (days)", "Template",
            "Template age (days)", "Errors", "Warnings", *(c.key for c in columns)]
    lines = [f"## Portfolio of {len(portfolio.rows)} context(s)", "",
             f"Ages in days to {portfolio.today}.", "",
             "| " + " | ".join(markdown_text(h) for h in head) + " |",
             "|" + "---|" * len(head)]
    for row in portfolio.rows:
        summary = row.summary
        values = [display_name(row), row.country, row.context_type, row.as_of,
                  _age(row.as_of_age), row.template, _age(row.template_age),
                  str(summary["error"]), str(summary["warning"])]
        if row.valid:
            cells = [_symbol(row.cells.get(c.key)).strip() for c in columns]
        else:
            cells = [f"invalid: {len(row.problems)} CG1xx"] + [""] * (len(columns) - 1)
            cells = cells[:len(columns)] if columns else []
        lines.append("| " + " | ".join(markdown_text(v) for v in [*values, *cells]) + " |")
    lines += ["", "Cells: " + ", ".join(f"`{symbol}` {meaning}"
                                        for symbol, meaning in STATES.values()) + ".", "",
              "Columns: " + "; ".join(f"{markdown_text(c.key)} {markdown_text(c.label)}"
                                      for c in columns) + "."]
    return "\n".join(lines) + "\n"


#: CSV columns before the cells, with their HXL hashtags.
CSV_HEAD = (("Context", "#country+name"), ("Country", "#country+code"),
            ("Region", "#region+name"), ("Context type", "#crisis+type"),
            ("As of", "#date+as_of"), ("Age (days)", "#indicator+age+num"),
            ("Template", "#meta+template"), ("Template as of", "#date+template"),
            ("Template age (days)", "#indicator+template_age+num"),
            ("Errors", "#indicator+errors+num"), ("Warnings", "#indicator+warnings+num"),
            ("Source", "#meta+source"))


def to_csv(portfolio: Portfolio, hxl: bool = False) -> bytes:
    """The matrix for Excel: UTF-8 with BOM, CRLF, one row per context, a
    cell per kind holding its state's name (``lead``, ``absent``...);
    cells neutralised against formulas. ``hxl`` adds a row of HXL hashtags
    under the header (``#sector+code`` with the kind as attribute)."""
    columns = portfolio.columns
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([name for name, _ in CSV_HEAD] + [c.key for c in columns])
    if hxl:
        writer.writerow([tag for _, tag in CSV_HEAD]
                        + [f"#sector+code+{_hxl_attribute(c.key)}" for c in columns])
    for row in portfolio.rows:
        summary = row.summary
        values = [display_name(row), row.country, row.region, row.context_type, row.as_of,
                  _age(row.as_of_age), row.template, row.template_as_of,
                  _age(row.template_age), str(summary["error"]), str(summary["warning"]),
                  row.source]
        cells = [(row.cells.get(c.key) or "") if row.valid else "" for c in columns]
        writer.writerow([neutralise(str(v)) for v in [*values, *cells]])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _hxl_attribute(key: str) -> str:
    """An HXL attribute from a kind: lower case letters, digits and ``_``.

    >>> _hxl_attribute("PRO-GBV")
    'pro_gbv'
    """
    return re.sub(r"[^a-z0-9]+", "_", key.lower()).strip("_") or "other"
