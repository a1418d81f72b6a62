"""Which nodes and edges each view draws, and what ``--focus`` keeps of them.

- ``organigram``: everything: platforms grouped by structure, every role,
  every relation.
- ``platforms``: the platforms and the relations between them (escalation,
  advice): the structure without the people.
- ``representation``: the platforms, the organisation's roles and their
  memberships, with escalation for the shape: who sits where for the org.
- ``leadership``: the platforms in use (not inactive) with their lead and
  co-lead agencies and the escalation between them; no people: which
  clusters does the org lead?

Inactive roles (a template's unused posts) are left out unless
``show_inactive``; inactive platforms stay (drawn faded).

``location`` draws one hub: the platforms whose ``location`` is that name
(any case), the platforms they escalate, report to or advise (as context),
and the people of the view there: roles whose ``location`` is that name or
that hold a seat at one of the hub's platforms.

Nodes and edges keep the order of the files, so drawings are stable.
"""


from ..errors import UsageError
from ..records import FACTORY, Record
from ..suggesting import did_you_mean
from .parameters import VIEWS

#: Relations whose target a hub's platforms are drawn with, as context.
UPWARD_CONTEXT = ("escalation", "reporting", "advises")


class Selection(Record):
    """What one drawing shows."""

    _fields = ("view", "nodes", "edges", "focus", "depth", "location")

    def __init__(self, view: str, nodes: list = FACTORY, edges: list = FACTORY,
                 focus: str | None = None, depth: int = 0,
                 location: str | None = None) -> None:
        self.view = view
        self.nodes = [] if nodes is FACTORY else nodes
        self.edges = [] if edges is FACTORY else edges
        self.focus = focus
        self.depth = depth
        self.location = location


def select(graph, view: str = "organigram", *, org: str = "IOM", focus: str | None = None,
           depth: int = 1, location: str | None = None,
           show_inactive: bool = False) -> Selection:
    """The nodes and edges of ``view``, cut to one hub (``location``) and to
    ``depth`` steps around ``focus``.

    Raises :class:`~coordgraph.errors.UsageError` for an unknown view, an
    unknown focus id (with a did-you-mean), a focus the view does not draw
    or an unknown location (the known ones listed).

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
    nodes = [n for n in graph.nodes.values()
             if keep(n) and (show_inactive or n.kind != "role" or n.is_active)]
    kept = {n.id for n in nodes}
    edges = [e for e in graph.edges
             if e.source in kept and e.target in kept and _edge_in_view(view, e)]
    if location is not None:
        location = known_location(graph, location)
        here = at_location(graph, location, nodes, edges)
        nodes = [n for n in nodes if n.id in here]
        edges = [e for e in edges if e.source in here and e.target in here]
    if focus is None:
        return Selection(view, nodes, edges, location=location)
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
                     focus, depth, location)


def locations(graph) -> list[str]:
    """The places platforms are at (their ``location``), in file order, each once.

    >>> import coordgraph
    >>> locations(coordgraph.load("examples/nortavia"))
    ['Varos', 'Kessa', 'Doran', 'Port Mira']
    """
    seen: dict[str, str] = {}
    for node in graph.nodes.values():
        if node.kind == "platform" and node.location.strip():
            seen.setdefault(node.location.strip().casefold(), node.location.strip())
    return list(seen.values())


def known_location(graph, name: str) -> str:
    """``name`` as the data spells it, or a UsageError listing the locations."""
    places = locations(graph)
    for place in places:
        if place.casefold() == name.strip().casefold():
            return place
    hint = did_you_mean(name, places)
    listed = ", ".join(places) if places else "none (no platform has a location)"
    raise UsageError(f"unknown location '{name}' for --location"
                     + (f": {hint}" if hint else "") + f"; locations: {listed}")


def at_location(graph, location: str, nodes, edges) -> set:
    """Ids drawn for one hub: its platforms, what they answer to, its people."""
    wanted = location.casefold()
    hub = {n.id for n in nodes
           if n.kind == "platform" and n.location.strip().casefold() == wanted}
    shown = {n.id: n for n in nodes}
    here = set(hub)
    for edge in edges:
        if (edge.source in hub and edge.relation in UPWARD_CONTEXT
                and shown.get(edge.target) is not None and shown[edge.target].kind == "platform"):
            here.add(edge.target)
    seated = {e.source for e in edges if e.relation == "membership" and e.target in hub}
    here.update(n.id for n in nodes if n.kind == "role"
                and (n.location.strip().casefold() == wanted or n.id in seated))
    return here


def _everything(graph, org):
    return lambda node: True


def _platforms(graph, org):
    return lambda node: node.kind == "platform"


def _representation(graph, org):
    return lambda node: node.kind == "platform" or graph.belongs_to(node, org)


def _leadership(graph, org):
    return lambda node: node.kind == "platform" and node.is_active


_VIEW_FILTERS = {"organigram": _everything, "platforms": _platforms,
                 "representation": _representation, "leadership": _leadership}


def _edge_in_view(view: str, edge) -> bool:
    if view == "representation":
        return edge.relation in ("membership", "escalation")
    if view == "leadership":
        return edge.relation == "escalation"
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
