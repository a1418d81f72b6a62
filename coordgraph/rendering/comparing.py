"""Drawings that compare two versions: what was added, removed and changed.

``coordgraph render --compare OLD`` draws the new context with, on top, what
:func:`coordgraph.diffing.diff` found between OLD and it. This module is the
pure part: :func:`compare` runs the diff (the one matching of the project:
nodes by id, edges by source, relation and target) and merges both versions
into one graph to draw,

- every node and edge of the new version, in file order;
- each node of the old version that is gone, right after the node that came
  before it in the old file (so a removed cluster sits among its siblings),
  and each edge that is gone, after the new ones;

with a :class:`Mark` (``added``, ``removed`` or ``changed``, and the changed
attributes) for every node and edge that differs. The builder draws the
merged graph as usual and asks this module for the words of each mark;
findings stay those of the new version.

>>> import coordgraph
>>> old = coordgraph.from_records(
...     nodes=[{"id": "hct", "kind": "platform", "label": "HCT"},
...            {"id": "smt", "kind": "platform", "label": "SMT"}], edges=[])
>>> new = coordgraph.from_records(
...     nodes=[{"id": "hct", "kind": "platform", "label": "Humanitarian Country Team"},
...            {"id": "pmt", "kind": "platform", "label": "PMT"}], edges=[])
>>> comparison = compare(old, new)
>>> list(comparison.graph.nodes)
['hct', 'smt', 'pmt']
>>> {i: m.kind for i, m in comparison.nodes.items()}
{'pmt': 'added', 'smt': 'removed', 'hct': 'changed'}
"""

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import CoordGraph
from ..records import replace
from .alt_text import _listed
from .i18n import date_text
from .quoting import clean, shorten

if TYPE_CHECKING:   # the diff is imported only when a drawing compares
    from ..diffing import DiffResult

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
#: The marks, in the order the legend and the description list them.
MARKS = (ADDED, CHANGED, REMOVED)
#: The legend key of each mark on an edge (see :mod:`.styles`).
EDGE_KEYS = {ADDED: "added_edge", CHANGED: "changed_edge", REMOVED: "removed_edge"}
#: Attributes named on a "changed" badge before "…".
_BADGE_ATTRIBUTES = 3
#: Characters of one value in a tooltip's "old → new" line.
_VALUE_MAX = 300


@dataclass(frozen=True)
class Mark:
    """How a node or an edge differs: ``kind`` is added, removed or changed;
    ``changes`` the :class:`~coordgraph.diffing.Change` records of a change."""

    kind: str
    changes: tuple = ()


@dataclass
class Comparison:
    """The two versions merged for drawing, and the mark of what differs.

    ``graph`` is the merged graph (the new version plus what was removed);
    ``nodes`` maps node ids, ``edges`` edge keys ``(source, relation,
    target)``, to their :class:`Mark`; ``result`` is the
    :class:`~coordgraph.diffing.DiffResult`.
    """

    old: CoordGraph
    new: CoordGraph
    graph: CoordGraph
    result: "DiffResult"
    nodes: dict = field(default_factory=dict)
    edges: dict = field(default_factory=dict)

    def node_mark(self, node_id: str) -> Mark | None:
        return self.nodes.get(node_id)

    def edge_mark(self, edge) -> Mark | None:
        return self.edges.get(edge.key)

    def is_removed(self, node_id: str) -> bool:
        mark = self.nodes.get(node_id)
        return mark is not None and mark.kind == REMOVED

    @property
    def layout_edges(self) -> list:
        """The edges that shape the layout: the new version's, and the removed
        ones that hold a removed or now unconnected node where it used to be."""
        return [e for e in self.graph.edges if not self.loose(e)]

    def loose(self, edge) -> bool:
        """A removed edge that must not pull the new version's layout: one
        between two nodes that are still there and still connected (a role
        that moved hangs under its new platform, not between both)."""
        return (self._removed_edge(edge) and edge.source in self._connected
                and edge.target in self._connected)

    @cached_property
    def _connected(self) -> set:
        """The nodes the new version connects."""
        return {n for e in self.new.edges for n in (e.source, e.target)}

    def _removed_edge(self, edge) -> bool:
        mark = self.edges.get(edge.key)
        return mark is not None and mark.kind == REMOVED

    def current(self, selection):
        """``selection`` without what was removed: what the new version shows."""
        return replace(selection,
                       nodes=[n for n in selection.nodes if not self.is_removed(n.id)],
                       edges=[e for e in selection.edges if not self._removed_edge(e)])

    @property
    def identical(self) -> bool:
        return not self.nodes and not self.edges


def compare(old, new, *, org: str | None = None, max_seats: int = 3) -> Comparison:
    """Merge ``old`` and ``new`` (CoordGraphs) into one graph to draw, with marks.

    The changes are :func:`coordgraph.diffing.diff`'s; ``org`` and
    ``max_seats`` are passed on to it (its findings introduced and resolved go
    into the drawing's description).
    """
    # the diff (tens of ms to import) only when a drawing compares: not on every render
    from ..diffing import diff

    result = diff(old, new, org=org, max_seats=max_seats)
    nodes: dict[str, Mark] = {}
    edges: dict[tuple, Mark] = {}
    for node in result.nodes_added:
        nodes[node.id] = Mark(ADDED)
    for node in result.nodes_removed:
        nodes[node.id] = Mark(REMOVED)
    for change in result.nodes_changed:
        nodes[change.id] = Mark(CHANGED, tuple(change.changes))
    for edge in result.edges_added:
        edges[edge.key] = Mark(ADDED)
    for edge in result.edges_removed:
        edges[edge.key] = Mark(REMOVED)
    for edge_change in result.edges_changed:
        edges[(edge_change.source, edge_change.relation, edge_change.target)] = Mark(
            CHANGED, tuple(edge_change.changes))

    merged = CoordGraph(_merged_nodes(old, new, {n.id for n in result.nodes_removed}),
                        [*new.edges, *result.edges_removed], new.context, new.source)
    return Comparison(old, new, merged, result, nodes, edges)


def _merged_nodes(old, new, removed: set) -> dict:
    """New nodes in their order; each removed one after its old predecessor."""
    after: dict[str | None, list] = {}
    anchor = None
    for node_id, node in old.nodes.items():
        if node_id in removed:
            after.setdefault(anchor, []).append(node)
        else:
            anchor = node_id if node_id in new.nodes else anchor
    merged = {n.id: n for n in after.get(None, ())}
    for node_id, node in new.nodes.items():
        merged[node_id] = node
        for gone in after.get(node_id, ()):
            merged[gone.id] = gone
    return merged


# ---------------------------------------------------------------- words

def version_name(graph, words, lang: str) -> str:
    """How a drawing names a version: its name (else its folder) and its date.

    >>> import coordgraph
    >>> from coordgraph.rendering.i18n import words
    >>> version_name(coordgraph.load(), words("fr"), "fr")
    'Generic coordination framework (1er novembre 2022)'
    """
    context = graph.context
    name = clean(context.name) or _folder(graph.source) or words.compare["earlier"]
    name = shorten(name, 120)[0]
    if context.as_of:
        return words.compare["version"].format(name=name, date=date_text(context.as_of, lang))
    return name


def _folder(source) -> str:
    """The folder's own name, however it was given ("." or a full path alike)."""
    if not source:
        return ""
    return clean(Path(os.path.abspath(str(source))).name)


def subtitle_part(old_name: str, words) -> str:
    """The subtitle's "compared with ..." part."""
    return words.compare["compared"].format(old=old_name)


def node_badge(mark: Mark, words) -> str:
    """The text badge a marked node carries: ``+ new``, ``✕ removed``, ``~ changed: status``."""
    if mark.kind != CHANGED:
        return words.compare[mark.kind]
    names = list(dict.fromkeys(_attribute(c.attribute, words) for c in mark.changes))
    shown = ", ".join(names[:_BADGE_ATTRIBUTES]) + ("…" if len(names) > _BADGE_ATTRIBUTES else "")
    return words.compare["changed_what"].format(what=shown)


def edge_symbol(mark: Mark, words) -> str:
    """The sign a marked edge carries in its label: ``+``, ``✕`` or ``~``."""
    return words.compare["symbol_" + mark.kind]


def tooltip_lines(mark: Mark, old_name: str, words) -> list[str]:
    """What a marked node's or edge's tooltip adds: the mark, and old → new values."""
    lines = [words.compare["tip_" + mark.kind].format(old=old_name)]
    for change in mark.changes:
        lines.append(words.compare["change"].format(
            attribute=_attribute(change.attribute, words),
            old=_value(change.attribute, change.old, words),
            new=_value(change.attribute, change.new, words)))
    return lines


def _attribute(name: str, words) -> str:
    return words.attribute.get(name, name)


def _value(attribute: str, value, words) -> str:
    if value in ("", None):
        return words.compare["empty"]
    text = str(value)
    if attribute == "capacity":
        text = words.capacity.get(text, text)
    elif attribute == "level":
        text = words.level.get(text, text)
    elif attribute == "status":
        text = words.status.get(text, words.compare["active"] if text == "active" else text)
    return shorten(clean(text).replace("\n", " "), _VALUE_MAX)[0]


def describe_changes(comparison: Comparison, selection, *, old_name: str, org_shown: str,
                     words, label) -> str:
    """Sentences for the drawing's description: what differs, among what is drawn.

    ``label(node_id)`` gives a node's label in the drawing's language.
    """
    text = words.compare
    shown = {n.id for n in selection.nodes}
    by_kind: dict[str, list[str]] = {kind: [] for kind in MARKS}
    for node in selection.nodes:
        mark = comparison.node_mark(node.id)
        if mark is not None:
            item = label(node.id)
            if mark.kind == CHANGED:
                item += " (" + "; ".join(tooltip_lines(mark, old_name, words)[1:]) + ")"
            by_kind[mark.kind].append(item)
    edges = {kind: 0 for kind in MARKS}
    for edge in selection.edges:
        mark = comparison.edge_mark(edge)
        if mark is not None:
            edges[mark.kind] += 1
    if not any(by_kind.values()) and not any(edges.values()):
        return text["identical"].format(old=old_name)
    sentences = [text["summary"].format(
        old=old_name, nodes_added=len(by_kind[ADDED]), nodes_removed=len(by_kind[REMOVED]),
        nodes_changed=len(by_kind[CHANGED]), edges_added=edges[ADDED],
        edges_removed=edges[REMOVED], edges_changed=edges[CHANGED])]
    for kind in MARKS:
        if by_kind[kind]:
            sentences.append(text["list_" + kind].format(items=_listed(by_kind[kind], words,
                                                                        "; ")))
    result = comparison.result
    for key, findings in (("introduced", result.findings_introduced),
                          ("resolved", result.findings_resolved)):
        found = [f"{label(f.node)} ({f.code})" for f in findings if f.node in shown]
        if found:
            sentences.append(text[key].format(org=org_shown, items=_listed(found, words, "; ")))
    return " ".join(sentences)
