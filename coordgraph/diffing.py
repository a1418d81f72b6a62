"""What changed between two versions of a context.

:func:`diff` compares two loaded graphs: nodes matched by id, edges by
``(source, relation, target)``, attributes compared after loading (so a
default spelled out or left empty, a BOM or a delimiter is no change), and the
findings of both sides matched by ``(code, node)``. ``context.toml`` is not
compared: it names the versions (their name and date head the reports).

The ``*_text``, ``*_markdown`` and ``*_json`` functions turn the result into
strings; the CLI only picks one.

>>> import coordgraph
>>> old = coordgraph.from_records(
...     nodes=[{"id": "hct", "kind": "platform", "label": "HCT"}], edges=[])
>>> new = coordgraph.from_records(
...     nodes=[{"id": "hct", "kind": "platform", "label": "Humanitarian Country Team"}],
...     edges=[])
>>> result = diff(old, new)
>>> [(c.id, c.changes) for c in result.nodes_changed]
[('hct', [Change(attribute='label', old='HCT', new='Humanitarian Country Team')])]
"""

import json
import warnings
from dataclasses import dataclass, field, fields

from .analysis import check
from .escaping import escape_controls as _shown, escape_json_output, markdown_code, markdown_text
from .errors import UnknownOrgWarning
from .model import Edge, Node

_NODE_ATTRIBUTES = tuple(f.name for f in fields(Node) if f.name not in ("id", "line"))
_EDGE_ATTRIBUTES = tuple(f.name for f in fields(Edge)
                         if f.name not in ("source", "target", "relation", "line"))


@dataclass(frozen=True)
class Change:
    """One attribute whose value differs; ``None`` or ``""`` when unset."""

    attribute: str
    old: object
    new: object

    def as_dict(self) -> dict:
        return {"attribute": self.attribute, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class NodeChange:
    id: str
    label: str
    changes: list[Change]


@dataclass(frozen=True)
class EdgeChange:
    source: str
    relation: str
    target: str
    changes: list[Change]


@dataclass
class Side:
    """What names one version in a report: its folder and ``context.toml``."""

    source: str
    name: str = ""
    country: str = ""
    as_of: str = ""

    def title(self) -> str:
        """How a report names this version: name and date, else the folder."""
        name = self.name + (f" ({self.country})" if self.name and self.country else "")
        if name and self.as_of:
            return f"{name}, as of {self.as_of}"
        return name or (f"{self.source} as of {self.as_of}" if self.as_of else self.source)

    def as_dict(self) -> dict:
        return {"source": self.source, "name": self.name, "country": self.country,
                "as_of": self.as_of}


@dataclass
class DiffResult:
    """Everything that differs from ``old`` to ``new``; lists in file order."""

    old: Side
    new: Side
    org: str
    nodes_added: list[Node] = field(default_factory=list)
    nodes_removed: list[Node] = field(default_factory=list)
    nodes_changed: list[NodeChange] = field(default_factory=list)
    edges_added: list[Edge] = field(default_factory=list)
    edges_removed: list[Edge] = field(default_factory=list)
    edges_changed: list[EdgeChange] = field(default_factory=list)
    findings_introduced: list = field(default_factory=list)
    findings_resolved: list = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return not any(self.summary().values())

    def summary(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in (
            "nodes_added", "nodes_removed", "nodes_changed", "edges_added",
            "edges_removed", "edges_changed", "findings_introduced", "findings_resolved")}

    def as_dict(self) -> dict:
        """The JSON object of ``coordgraph diff --format json``."""
        return {
            "old": self.old.as_dict(),
            "new": self.new.as_dict(),
            "org": self.org,
            "identical": self.identical,
            "summary": self.summary(),
            "nodes": {
                "added": [_node_dict(n) for n in self.nodes_added],
                "removed": [_node_dict(n) for n in self.nodes_removed],
                "changed": [{"id": c.id, "changes": [x.as_dict() for x in c.changes]}
                            for c in self.nodes_changed],
            },
            "edges": {
                "added": [_edge_dict(e) for e in self.edges_added],
                "removed": [_edge_dict(e) for e in self.edges_removed],
                "changed": [{"source": c.source, "relation": c.relation, "target": c.target,
                             "changes": [x.as_dict() for x in c.changes]}
                            for c in self.edges_changed],
            },
            "findings": {
                "introduced": [f.as_dict() for f in self.findings_introduced],
                "resolved": [f.as_dict() for f in self.findings_resolved],
            },
        }


def _node_dict(node: Node) -> dict:
    return {"id": node.id, **node.attributes()}


def _edge_dict(edge: Edge) -> dict:
    data = {"source": edge.source, "relation": edge.relation, "target": edge.target}
    data.update((k, v) for k, v in edge.attributes().items() if k != "relation")
    return data


def _changes(old, new, attributes) -> list[Change]:
    return [Change(name, getattr(old, name), getattr(new, name))
            for name in attributes if getattr(old, name) != getattr(new, name)]


def _side(graph, label) -> Side:
    context = graph.context
    return Side(label or graph.source, context.name, context.country, context.as_of)


def diff(old, new, org: str | None = None, max_seats: int = 3,
         labels: tuple[str, str] | None = None) -> DiffResult:
    """Compare two graphs.

    Parameters
    ----------
    old, new : CoordGraph
    org : str, optional
        Whose findings are compared; default the new context's ``org``.
    max_seats : int
        CG304's limit, as in :func:`coordgraph.check`.
    labels : (str, str), optional
        How to name the two versions when their ``context.toml`` has no
        name; default their folders.
    """
    org = org or new.context.org
    old_label, new_label = labels or (None, None)
    result = DiffResult(_side(old, old_label), _side(new, new_label), org)

    for node_id, node in new.nodes.items():
        before = old.nodes.get(node_id)
        if before is None:
            result.nodes_added.append(node)
        else:
            changes = _changes(before, node, _NODE_ATTRIBUTES)
            if changes:
                result.nodes_changed.append(NodeChange(node_id, node.label, changes))
    result.nodes_removed = [n for i, n in old.nodes.items() if i not in new.nodes]

    old_edges = {e.key: e for e in old.edges}
    new_keys = set()
    for edge in new.edges:
        new_keys.add(edge.key)
        before = old_edges.get(edge.key)
        if before is None:
            result.edges_added.append(edge)
        else:
            changes = _changes(before, edge, _EDGE_ATTRIBUTES)
            if changes:
                result.edges_changed.append(
                    EdgeChange(edge.source, edge.relation, edge.target, changes))
    result.edges_removed = [e for e in old.edges if e.key not in new_keys]

    with warnings.catch_warnings():
        # The older version may not have the org's roles yet: not a typo in org.
        warnings.simplefilter("ignore", UnknownOrgWarning)
        old_findings = {(f.code, f.node): f for f in check(old, org=org, max_seats=max_seats)}
    new_findings = {(f.code, f.node): f for f in check(new, org=org, max_seats=max_seats)}
    result.findings_introduced = [f for k, f in new_findings.items() if k not in old_findings]
    result.findings_resolved = [f for k, f in old_findings.items() if k not in new_findings]
    return result


# ---------------------------------------------------------------- reports
# The helpers return text with the data's control characters escaped
# (`_shown`); the Markdown report escapes its syntax on top.

def _value(value) -> str:
    return "(empty)" if value in ("", None) else _shown(value)


def _change_text(change: Change) -> str:
    return f"{change.attribute}: {_value(change.old)} → {_value(change.new)}"


def _node_text(node: Node) -> str:
    return _shown(f"{node.kind} {node.label}"
                  + (f" ({node.status})" if node.status != "active" else ""))


def _edge_text(edge) -> str:
    return _shown(f"{edge.source} → {edge.target} ({edge.relation})")


def _edge_detail(edge: Edge) -> str:
    """Capacity and condition, e.g. 'alternate; in some instances'."""
    parts = [edge.capacity if edge.relation == "membership" else "", edge.condition]
    return _shown("; ".join(p for p in parts if p))


def _edge_line(sign: str, edge: Edge) -> str:
    detail = _edge_detail(edge)
    return f"  {sign} {_edge_text(edge)}" + (f" [{detail}]" if detail else "")


def _counts(result: DiffResult) -> str:
    """The non-zero counts, e.g. '2 nodes changed, 1 edge added, 1 finding resolved'."""
    parts = []
    for name, count in result.summary().items():
        if count:
            what, how = name.split("_")
            parts.append(f"{count} {what[:-1] if count == 1 else what} {how}")
    return ", ".join(parts) or "no differences"


def diff_text(result: DiffResult) -> str:
    """A plain report, one line per change.

    >>> import coordgraph
    >>> g = coordgraph.load()
    >>> print(diff_text(diff(g, g, labels=("data", "data"))), end="")
    From Generic coordination framework, as of 2022-11-01
    to   Generic coordination framework, as of 2022-11-01:
    no differences in nodes, edges or IOM findings.
    """
    org = _shown(result.org)
    lines = [f"From {_shown(result.old.title())}", f"to   {_shown(result.new.title())}:"]
    if result.identical:
        lines.append(f"no differences in nodes, edges or {org} findings.")
        return "\n".join(lines) + "\n"
    lines.append(_counts(result) + ".")

    def section(title, items):
        if items:
            lines.extend(["", f"{title}:", *items])

    section("Nodes added", [f"  + {_shown(n.id)}: {_node_text(n)}" for n in result.nodes_added])
    section("Nodes removed", [f"  - {_shown(n.id)}: {_node_text(n)}" for n in result.nodes_removed])
    section("Nodes changed", [line for c in result.nodes_changed for line in (
        f"  ~ {_shown(c.id)}: {_shown(c.label)}",
        *(f"      {_change_text(x)}" for x in c.changes))])
    section("Edges added", [_edge_line("+", e) for e in result.edges_added])
    section("Edges removed", [_edge_line("-", e) for e in result.edges_removed])
    section("Edges changed", [line for c in result.edges_changed for line in (
        f"  ~ {_edge_text(c)}", *(f"      {_change_text(x)}" for x in c.changes))])
    section(f"{org} findings introduced",
            [f"  + {f.code} {_shown(f.node)}: {_shown(f.message)}"
             for f in result.findings_introduced])
    section(f"{org} findings resolved",
            [f"  - {f.code} {_shown(f.node)}: {_shown(f.message)}"
             for f in result.findings_resolved])
    return "\n".join(lines) + "\n"


def _code(text) -> str:
    return markdown_code(text)


def diff_markdown(result: DiffResult) -> str:
    """A section to paste into a brief: "What changed since ..." and tables.
    Every value from the data is escaped: none adds a row, heading, link or HTML."""
    org = markdown_text(result.org)
    lines = [f"## What changed since {markdown_text(result.old.title())}", "",
             f"Compared with {markdown_text(result.new.title())}: {_counts(result)}.", ""]
    if result.identical:
        lines[2] = (f"{markdown_text(result.new.title())} has the same platforms, roles, relations "
                    f"and {org} findings.")
    nodes = ([("added", _code(n.id), markdown_text(_node_text(n))) for n in result.nodes_added]
             + [("removed", _code(n.id), markdown_text(_node_text(n))) for n in result.nodes_removed]
             + [("changed", _code(c.id), "<br>".join(markdown_text(_change_text(x)) for x in c.changes))
                for c in result.nodes_changed])
    edges = ([("added", _code(_edge_text(e)), markdown_text(_edge_detail(e)))
              for e in result.edges_added]
             + [("removed", _code(_edge_text(e)), markdown_text(_edge_detail(e)))
                for e in result.edges_removed]
             + [("changed", _code(_edge_text(c)),
                 "<br>".join(markdown_text(_change_text(x)) for x in c.changes))
                for c in result.edges_changed])
    findings = ([("introduced", f.code, _code(f.node), markdown_text(f.message))
                 for f in result.findings_introduced]
                + [("resolved", f.code, _code(f.node), markdown_text(f.message))
                   for f in result.findings_resolved])
    for title, header, rows in (
            ("Platforms and roles", "| change | id | what |", nodes),
            ("Relations", "| change | relation | what |", edges),
            (f"{org} findings", "| change | code | node | finding |", findings)):
        if rows:
            lines += [f"### {title}", "", header, "|" + "---|" * (header.count("|") - 1)]
            lines += ["| " + " | ".join(row) + " |" for row in rows]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def diff_json(result: DiffResult) -> str:
    return escape_json_output(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
