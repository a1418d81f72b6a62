"""Which nodes and edges each view draws, and what ``--focus`` keeps of them.

- ``organigram``: everything: platforms grouped by structure, every role,
  every relation.
- ``platforms``: the platforms and the relations between them (escalation,
  advice): the structure without the people.
- ``representation``: the platforms, the organisation's roles and their
  memberships, with escalation for the shape: who sits where for the org.

Nodes and edges keep the order of the files, so drawings are stable.
"""

from dataclasses import dataclass, field

from ..errors import UsageError
from ..suggesting import did_you_mean
from .parameters import VIEWS


@dataclass
class Selection:
    """What one drawing shows."""

    view: str
    nodes: list = field(default_factory=list)
    edges: list = field(default_factory=list)
    focus: str | None = None
    depth: int = 0


def select(graph, view: str = "organigram", *, org: str = "IOM", focus: str | None = None,
           depth: int = 1) -> Selection:
    """The nodes and edges of ``view``, cut to ``depth`` steps around ``focus``.

    Raises :class:`~coordgraph.errors.UsageError` for an unknown view, an
    unknown focus id (with a did-you-mean) or a focus the view does not draw.

    >>> import coordgraph
    >>> g = coordgraph.load()
    >>> s = select(g, "platforms")
    >>> len(s.nodes), sorted({e.relation for e in s.edges})
    (7, ['advises', 'escalation'])
    >>> [n.id for n in select(g, focus="iccg").nodes]
    ['hct', 'iccg', 'cluster_meetings', 'cluster_coordinator']
    """
    if view not in VIEWS:
        raise UsageError(f"unknown view '{view}'; views: {', '.join(VIEWS)}")
    keep = _VIEW_FILTERS[view](graph, org.casefold())
    nodes = [n for n in graph.nodes.values() if keep(n)]
    kept = {n.id for n in nodes}
    edges = [e for e in graph.edges
             if e.source in kept and e.target in kept and _edge_in_view(view, e)]
    if focus is None:
        return Selection(view, nodes, edges)
    if focus not in graph.nodes:
        hint = did_you_mean(focus, graph.nodes)
        raise UsageError(f"unknown id '{focus}' for --focus" + (f": {hint}" if hint else ""))
    if focus not in kept:
        node = graph.nodes[focus]
        raise UsageError(f"'{focus}' is a {node.kind} that the {view} view does not draw; "
                         "try --view organigram")
    near = _neighbourhood(focus, edges, depth)
    return Selection(view, [n for n in nodes if n.id in near],
                     [e for e in edges if e.source in near and e.target in near],
                     focus, depth)


def _everything(graph, org):
    return lambda node: True


def _platforms(graph, org):
    return lambda node: node.kind == "platform"


def _representation(graph, org):
    return lambda node: node.kind == "platform" or graph.belongs_to(node, org)


_VIEW_FILTERS = {"organigram": _everything, "platforms": _platforms,
                 "representation": _representation}


def _edge_in_view(view: str, edge) -> bool:
    if view == "representation":
        return edge.relation in ("membership", "escalation")
    return True


def _neighbourhood(start: str, edges, depth: int) -> set:
    """Ids within ``depth`` steps of ``start``, edges taken in both directions."""
    neighbours: dict[str, list[str]] = {}
    for edge in edges:
        neighbours.setdefault(edge.source, []).append(edge.target)
        neighbours.setdefault(edge.target, []).append(edge.source)
    seen = {start}
    frontier = [start]
    for _ in range(depth):
        frontier = list(dict.fromkeys(
            m for n in frontier for m in neighbours.get(n, ()) if m not in seen))
        seen.update(frontier)
        if not frontier:
            break
    return seen
