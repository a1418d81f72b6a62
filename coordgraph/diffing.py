"""What changed between two versions of a context.

:func:`diff` compares two loaded graphs: nodes matched by id, edges by
``(source, relation, target)``, attributes compared after loading (so a
default spelled out or left empty, a BOM or a delimiter is no change), and the
findings of both sides matched by ``(code, node)``. ``context.toml`` is not
compared: it names the versions (their name and date head the reports).

For the people who read it, the reports put *leadership changes* first (a
platform's lead or co-lead agency, the org's coordinator or seat holder
changing person), name platforms and roles by label (ids stay in JSON), and
tell a platform that was deactivated ("no longer applies") from a problem
solved: the findings it took with it "no longer apply", they are not
"resolved".

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
from dataclasses import dataclass, field
from functools import cached_property

from .analysis import check
from .errors import UnknownOrgWarning
from .escaping import escape_controls as _shown, escape_json_output, markdown_text
from .model import Edge, Node
from .records import fields

_NODE_ATTRIBUTES = tuple(name for name in fields(Node) if name not in ("id", "line"))
_EDGE_ATTRIBUTES = tuple(name for name in fields(Edge)
                         if name not in ("source", "target", "relation", "line"))


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


@dataclass(frozen=True)
class LeadershipChange:
    """Who leads, coordinates or holds the seats at a platform, before and after.

    ``what`` is ``leadership`` (an organisation's ``lead``/``co_lead`` role:
    ``old`` and ``new`` are ``lead``, ``co-lead`` or ``""``), ``coordinator`` or
    ``seat holder`` (the org's people there: ``old`` and ``new`` name them).
    """

    platform: str
    label: str
    org: str
    what: str
    old: str
    new: str

    def text(self) -> str:
        """E.g. 'IOM: Shelter lead → co-lead', 'UNHCR: Shelter lead (new)'.

        >>> LeadershipChange("shl", "Shelter", "UNHCR", "leadership", "", "lead").text()
        'UNHCR: Shelter lead (new)'
        >>> LeadershipChange("cccm", "CCCM", "IOM", "coordinator", "Ana", "Eva").text()
        'IOM: CCCM coordinator Ana → Eva'
        """
        if self.what == "leadership":
            if not self.old:
                change = f"{self.new} (new)"
            elif not self.new:
                change = f"{self.old} (no longer)"
            else:
                change = f"{self.old} → {self.new}"
        else:
            change = (f"{self.what} {self.old or '(none)'} → {self.new or '(none)'}")
        return f"{self.org}: {self.label} {change}"

    def as_dict(self) -> dict:
        return {"platform": self.platform, "org": self.org, "what": self.what,
                "old": self.old, "new": self.new, "text": self.text()}


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
    #: Platforms that stopped applying: active before, ``inactive`` now.
    deactivated: list[Node] = field(default_factory=list)
    #: Findings gone because their platform no longer applies (not resolved).
    findings_no_longer_apply: list = field(default_factory=list)
    leadership: list[LeadershipChange] = field(default_factory=list)
    #: Labels of every node of both versions (the new one's where both have it).
    labels: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def identical(self) -> bool:
        return not any(self.summary().values())

    def summary(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in (
            "nodes_added", "nodes_removed", "nodes_changed", "edges_added",
            "edges_removed", "edges_changed", "findings_introduced", "findings_resolved",
            "findings_no_longer_apply", "leadership")}

    def label(self, node_id: str) -> str:
        """A node's label, with its id where another node has the same label."""
        text = self.labels.get(node_id, node_id)
        if self._shared_labels and text in self._shared_labels:
            return f"{text} [{node_id}]"
        return text

    @cached_property
    def _shared_labels(self) -> frozenset:
        seen: set[str] = set()
        shared: set[str] = set()
        for text in self.labels.values():
            (shared if text in seen else seen).add(text)
        return frozenset(shared)

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
            "leadership": [c.as_dict() for c in self.leadership],
            "no_longer_apply": {
                "platforms": [n.id for n in self.deactivated],
                "findings": [f.as_dict() for f in self.findings_no_longer_apply],
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


def _role_of(platform: Node | None, org: str) -> str:
    """'lead', 'co-lead' or '' for ``org`` at ``platform``."""
    if platform is None or not platform.is_platform:
        return ""
    if platform.has_lead(org):
        return "lead"
    if platform.has_co_lead(org):
        return "co-lead"
    return ""


def _who(graph, platform_id, org, coordinator: bool) -> str:
    """The org's coordinators (or seat holders) at a platform, as people: the
    ``person`` where given, else the post; a vacant post says so."""
    names = []
    for edge in graph.memberships(platform_id):
        role = graph.nodes[edge.source]
        if not graph.belongs_to(role, org) or role.status == "inactive":
            continue
        if (edge.capacity == "coordinator") != coordinator or (not coordinator
                                                                and not edge.is_seat):
            continue
        names.append(f"{role.label} (vacant post)" if role.is_vacant
                     else role.person or role.label)
    return ", ".join(dict.fromkeys(names))


def _leadership_changes(old, new, org) -> list[LeadershipChange]:
    """Lead and co-lead agencies that changed at the platforms of both
    versions, then the org's coordinator and seat holders."""
    changes = []
    for platform_id, after in new.nodes.items():
        before = old.nodes.get(platform_id)
        if not after.is_platform or before is None or not before.is_platform:
            continue
        label = after.label
        same = before.lead == after.lead and before.co_lead == after.co_lead
        orgs = () if same else dict.fromkeys(
            (*before.leads, *before.co_leads, *after.leads, *after.co_leads))
        for agency in orgs:
            was, now = _role_of(before, agency), _role_of(after, agency)
            if was != now:
                changes.append(LeadershipChange(platform_id, label, agency, "leadership",
                                                was, now))
        if not after.is_active:     # it no longer applies: who sits there is moot
            continue
        for what, coordinator in (("coordinator", True), ("seat holder", False)):
            was = _who(old, platform_id, org, coordinator)
            now = _who(new, platform_id, org, coordinator)
            if was != now:
                changes.append(LeadershipChange(platform_id, label, org, what, was, now))
    return changes


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
    result.deactivated = [n for n in new.nodes.values()
                          if n.is_platform and not n.is_active and n.id in old.nodes
                          and old.nodes[n.id].is_active]
    gone = {n.id for n in result.deactivated}
    for key, finding in old_findings.items():
        if key in new_findings:
            continue
        if gone and gone.intersection((finding.node, *finding.nodes)):
            result.findings_no_longer_apply.append(finding)
        else:
            result.findings_resolved.append(finding)
    result.leadership = _leadership_changes(old, new, org)
    result.labels = {**{i: n.label for i, n in old.nodes.items()},
                     **{i: n.label for i, n in new.nodes.items()}}
    return result


# ---------------------------------------------------------------- reports
# The helpers return text with the data's control characters escaped
# (`_shown`); the Markdown report escapes its syntax on top.

def _value(value) -> str:
    return "(empty)" if value in ("", None) else _shown(value)


def _change_text(change: Change) -> str:
    return f"{change.attribute}: {_value(change.old)} → {_value(change.new)}"


def _titles(result: DiffResult) -> tuple[str, str]:
    """The two versions' titles; with their folders when the titles are the same.

    >>> _titles(DiffResult(Side("v1", "Sudan"), Side("v2", "Sudan"), "IOM"))
    ('Sudan (v1)', 'Sudan (v2)')
    """
    old, new = result.old.title(), result.new.title()
    if old == new and result.old.source != result.new.source:
        return f"{old} ({result.old.source})", f"{new} ({result.new.source})"
    return old, new


def _node_facts(node: Node) -> str:
    """'platform, inactive'."""
    facts = [node.kind] + ([_status_word(node.status)] if node.status != "active" else [])
    return ", ".join(facts)


def _node_text(result: DiffResult, node: Node) -> str:
    """'Shelter Cluster (platform, inactive)'."""
    return _shown(f"{result.label(node.id)} ({_node_facts(node)})")


def _status_word(status: str) -> str:
    return "vacant post" if status == "vacant" else status


#: How a relation reads between two labels.
_RELATION_WORDS = {"escalation": "escalates to", "membership": "sits at",
                   "advises": "advises", "reporting": "reports to"}


def _edge_text(result: DiffResult, edge) -> str:
    """'Chief of Mission sits at Humanitarian Country Team (HCT)'."""
    words = _RELATION_WORDS.get(edge.relation, edge.relation)
    return _shown(f"{result.label(edge.source)} {words} {result.label(edge.target)}")


def _edge_detail(edge: Edge) -> str:
    """Capacity, seat group and condition, e.g. 'alternate; in some instances'."""
    parts = [edge.capacity if edge.relation == "membership" else "",
             f"seat {edge.seat}" if edge.seat else "", edge.condition]
    return _shown("; ".join(p for p in parts if p))


def _edge_line(result: DiffResult, sign: str, edge: Edge) -> str:
    detail = _edge_detail(edge)
    return f"  {sign} {_edge_text(result, edge)}" + (f" [{detail}]" if detail else "")


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _counts(result: DiffResult) -> str:
    """The non-zero counts, e.g. '1 leadership change, 2 nodes changed, 1 finding resolved'."""
    summary = result.summary()
    phrases = {
        "leadership": ("leadership change", "leadership changes"),
        "findings_no_longer_apply": ("finding no longer applies", "findings no longer apply"),
    }
    parts = []
    for name in ("leadership", *(k for k in summary if k != "leadership")):
        count = summary[name]
        if not count:
            continue
        if name in phrases:
            parts.append(_plural(count, *phrases[name]))
        else:
            what, how = name.split("_")
            parts.append(f"{_plural(count, what[:-1], what)} {how}")
    return ", ".join(parts) or "no differences"


def _finding_text(result: DiffResult, finding) -> str:
    return f"{finding.code} {_shown(result.label(finding.node))}: {_shown(finding.message)}"


def diff_text(result: DiffResult) -> str:
    """A plain report, one line per change; leadership changes first.

    >>> import coordgraph
    >>> g = coordgraph.load()
    >>> print(diff_text(diff(g, g, labels=("data", "data"))), end="")
    Old: Generic coordination framework, as of 2022-11-01
    New: Generic coordination framework, as of 2022-11-01
    no differences in nodes, edges or IOM findings.
    """
    org = _shown(result.org)
    old, new = _titles(result)
    lines = [f"Old: {_shown(old)}", f"New: {_shown(new)}"]
    if result.identical:
        lines.append(f"no differences in nodes, edges or {org} findings.")
        return "\n".join(lines) + "\n"
    lines.append(_counts(result) + ".")

    def section(title, items):
        if items:
            lines.extend(["", f"{title}:", *items])

    section("Leadership changes", [f"  * {_shown(c.text())}" for c in result.leadership])
    section("No longer applies (deactivated)",
            [f"  - {_shown(result.label(n.id))}" for n in result.deactivated])
    section("Nodes added", [f"  + {_node_text(result, n)}" for n in result.nodes_added])
    section("Nodes removed", [f"  - {_node_text(result, n)}" for n in result.nodes_removed])
    section("Nodes changed", [line for c in result.nodes_changed for line in (
        f"  ~ {_shown(result.label(c.id))}",
        *(f"      {_change_text(x)}" for x in c.changes))])
    section("Edges added", [_edge_line(result, "+", e) for e in result.edges_added])
    section("Edges removed", [_edge_line(result, "-", e) for e in result.edges_removed])
    section("Edges changed", [line for c in result.edges_changed for line in (
        f"  ~ {_edge_text(result, c)}", *(f"      {_change_text(x)}" for x in c.changes))])
    section(f"{org} findings introduced",
            [f"  + {_finding_text(result, f)}" for f in result.findings_introduced])
    section(f"{org} findings resolved",
            [f"  - {_finding_text(result, f)}" for f in result.findings_resolved])
    section(f"{org} findings that no longer apply (their platform was deactivated)",
            [f"  - {_finding_text(result, f)}" for f in result.findings_no_longer_apply])
    return "\n".join(lines) + "\n"


def diff_markdown(result: DiffResult) -> str:
    """A section to paste into a brief: "What changed since ...", the old and
    new versions named, leadership changes first, then tables. Every value
    from the data is escaped: none adds a row, heading, link or HTML."""
    org = markdown_text(result.org)
    old, new = (markdown_text(title) for title in _titles(result))
    lines = [f"## What changed since {markdown_text(result.old.title())}", "",
             f"Old: {old}  ", f"New: {new}", "",
             f"{_counts(result)[0].upper()}{_counts(result)[1:]}.", ""]
    if result.identical:
        lines[-2] = f"{new} has the same platforms, roles, relations and {org} findings."
    if result.leadership:
        lines += ["### Leadership changes", ""]
        lines += [f"- {markdown_text(c.text())}" for c in result.leadership]
        lines.append("")
    if result.deactivated:
        lines += ["### No longer applies", ""]
        lines += [f"- {markdown_text(result.label(n.id))}: deactivated"
                  for n in result.deactivated]
        lines.append("")

    def label(node_id):
        return markdown_text(_shown(result.label(node_id)))

    def changes(change):
        return "<br>".join(markdown_text(_change_text(x)) for x in change.changes)

    nodes = ([("added", label(n.id), markdown_text(_node_facts(n)))
              for n in result.nodes_added]
             + [("removed", label(n.id), markdown_text(_node_facts(n)))
                for n in result.nodes_removed]
             + [("changed", label(c.id), changes(c)) for c in result.nodes_changed])
    edges = ([("added", markdown_text(_edge_text(result, e)), markdown_text(_edge_detail(e)))
              for e in result.edges_added]
             + [("removed", markdown_text(_edge_text(result, e)),
                 markdown_text(_edge_detail(e))) for e in result.edges_removed]
             + [("changed", markdown_text(_edge_text(result, c)), changes(c))
                for c in result.edges_changed])
    findings = ([(how, f.code, label(f.node), markdown_text(f.message))
                 for how, items in (("introduced", result.findings_introduced),
                                    ("resolved", result.findings_resolved),
                                    ("no longer applies", result.findings_no_longer_apply))
                 for f in items])
    for title, header, rows in (
            ("Platforms and roles", "| change | platform or role | what |", nodes),
            ("Relations", "| change | relation | what |", edges),
            (f"{org} findings", "| change | code | about | finding |", findings)):
        if rows:
            lines += [f"### {title}", "", header, "|" + "---|" * (header.count("|") - 1)]
            lines += ["| " + " | ".join(row) + " |" for row in rows]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def diff_json(result: DiffResult) -> str:
    return escape_json_output(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
