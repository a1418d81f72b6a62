"""Escalation routes: cycles (CG201), forks (CG202), downward steps (CG204),
sub-national platforms with no way up (CG205)."""

from ..findings import Finding
from ..model import Edge
from ..schema import LEVEL_RANK
from ._shared import active_platforms, edges_by_relation, escalation_edges, names


def escalation_graph(graph, keep=None):
    """The escalation edges between active platforms, as a ``networkx.DiGraph``.

    Built once as its own graph: traversing a filtered view of the whole
    graph was measured 3x slower. ``keep`` limits it to a set of node ids.

    >>> import coordgraph
    >>> g = coordgraph.load()
    >>> sorted(escalation_graph(g).edges())
    [('cluster_meetings', 'iccg'), ('iccg', 'hct')]
    """
    import networkx as nx

    G = nx.DiGraph()
    G.add_edges_from((e.source, e.target) for e in escalation_edges(graph)
                     if keep is None or (e.source in keep and e.target in keep))
    return G


def _beyond_sources(edges) -> set:
    """Ids of the nodes left after repeatedly removing those nothing escalates to.

    What is left lies on a cycle or downstream of one; an acyclic escalation
    graph (the usual case) leaves nothing, and networkx is never imported.
    """
    # Nodes by position (an int hashes to itself: neighbours in the file stay
    # neighbours in the dicts), in plain dicts: defaultdict's missing-key calls
    # cost more than the walk.
    successors: dict[int, list] = {}
    in_degree: dict[int, int] = {}
    following, degree_of = successors.get, in_degree.get
    for edge in edges:
        source, target = edge.source_node, edge.target_node
        out = following(source.position)
        if out is None:
            successors[source.position] = [target]
        else:
            out.append(target)
        in_degree[target.position] = degree_of(target.position, 0) + 1
    queue = [n for n in successors if n not in in_degree]
    while queue:
        for target in successors.pop(queue.pop(), ()):
            position = target.position
            left = in_degree[position] - 1
            in_degree[position] = left
            if not left:
                queue.append(position)
    left_over = {n for n, degree in in_degree.items() if degree}
    if not left_over:
        return set()
    return {edge.target for edge in edges if edge.target_node.position in left_over}


def escalation_cycles(graph) -> list[Finding]:
    """CG201: escalation that comes back to where it started.

    One finding per strongly connected component of the escalation graph
    (finding components first keeps this linear: enumerating every simple
    cycle can be exponential). Every node of a component lies on a cycle.

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": i, "kind": "platform", "label": i.upper()} for i in ("a", "b")],
    ...     edges=[{"source": "a", "target": "b", "relation": "escalation"},
    ...            {"source": "b", "target": "a", "relation": "escalation"}])
    >>> [(f.code, f.nodes) for f in escalation_cycles(g)]
    [('CG201', ('a', 'b'))]
    """
    core = _beyond_sources(escalation_edges(graph))
    if not core:
        return []
    import networkx as nx

    G = escalation_graph(graph, keep=core)
    findings = []
    for component in nx.strongly_connected_components(G):
        if len(component) < 2:
            continue
        cycle = _cycle_order(G, component)
        if cycle is not None:
            route = " → ".join(graph.nodes[n].label for n in (*cycle, cycle[0]))
            message = f"escalation goes round in a circle: {route}"
        else:
            cycle = sorted(component)
            message = (f"escalation goes round in circles among {len(cycle)} platforms: "
                       + names(graph, cycle))
        findings.append(Finding(
            "CG201", "error", min(component), tuple(cycle), message,
            "escalation must lead up to an apex platform; remove or redirect one "
            "escalation edge of the loop"))
    return findings


def _cycle_order(G, component):
    """The component's nodes in cycle order when it is one simple cycle, else None."""
    sub = G.subgraph(component)
    if sub.number_of_edges() != len(component):
        return None
    start = min(component)
    order = [start]
    node = next(iter(sub.successors(start)))
    while node != start:
        order.append(node)
        node = next(iter(sub.successors(node)))
    return order


def multiple_escalation(graph) -> list[Finding]:
    """CG202: a platform that escalates to more than one platform.

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": i, "kind": "platform", "label": i} for i in ("a", "b", "c")],
    ...     edges=[{"source": "a", "target": t, "relation": "escalation"} for t in ("b", "c")])
    >>> [(f.code, f.node, f.nodes) for f in multiple_escalation(g)]
    [('CG202', 'a', ('b', 'c'))]
    """
    # Most platforms escalate once: their targets are grouped only when a
    # second edge leaves them. Sources by position (see _beyond_sources).
    first: dict[int, Edge] = {}
    targets: dict[int, list[str]] = {}
    for edge in escalation_edges(graph):
        source = edge.source_node.position
        if source not in first:
            first[source] = edge
        elif source in targets:
            targets[source].append(edge.target)
        else:
            targets[source] = [first[source].target, edge.target]
    if len(targets) > 1:   # in the order of each source's first edge
        targets = {source: targets[source] for source in first if source in targets}
    return [
        Finding("CG202", "warning", first[source].source, tuple(ups),
                f"{graph.nodes[first[source].source].label} escalates to {len(ups)} platforms: "
                f"{names(graph, ups)}",
                "unresolved issues need one clear route up: keep one escalation "
                "edge and make the others 'advises'")
        for source, ups in targets.items() if len(ups) > 1
    ]


def downward_escalation(graph) -> list[Finding]:
    """CG204: escalation from a higher level to a lower one.

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "n", "kind": "platform", "label": "N", "level": "national"},
    ...            {"id": "s", "kind": "platform", "label": "S", "level": "subnational"}],
    ...     edges=[{"source": "n", "target": "s", "relation": "escalation"}])
    >>> [(f.code, f.node) for f in downward_escalation(g)]
    [('CG204', 'n')]
    """
    findings = []
    for edge in escalation_edges(graph):
        source, target = edge.source_node, edge.target_node
        if LEVEL_RANK[source.level] > LEVEL_RANK[target.level]:
            findings.append(Finding(
                "CG204", "warning", source.id, (source.id, target.id),
                f"{source.label} ({source.level}) escalates down to "
                f"{target.label} ({target.level})",
                "escalation goes to a platform at the same or a higher level; check "
                "the level column of both rows or the edge's direction"))
    return findings


def _reaching(graph, targets) -> set:
    """Positions of the active platforms with an escalation-or-reporting path
    to any of ``targets`` (positions; the targets included): one backward
    walk, linear in the edges. Positions, not ids: see _beyond_sources."""
    below: dict[int, list[int]] = {}
    under = below.get
    for relation in ("escalation", "reporting"):
        for edge in edges_by_relation(graph)[relation]:
            source, target = edge.source_node, edge.target_node
            if source.status == "inactive" or target.status == "inactive":
                continue
            sources = under(target.position)
            if sources is None:
                below[target.position] = [source.position]
            else:
                sources.append(source.position)
    seen = set(targets)
    stack = list(seen)
    while stack:
        for source in below.pop(stack.pop(), ()):
            if source not in seen:
                seen.add(source)
                stack.append(source)
    return seen


def unlinked_subnational(graph) -> list[Finding]:
    """CG205: a sub-national platform with no escalation or reporting path up
    to a national or higher platform.

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "cccm", "kind": "platform", "label": "CCCM"},
    ...            {"id": "north", "kind": "platform", "label": "North", "level": "subnational"},
    ...            {"id": "south", "kind": "platform", "label": "South", "level": "subnational"}],
    ...     edges=[{"source": "north", "target": "cccm", "relation": "reporting"},
    ...            {"source": "south", "target": "north", "relation": "advises"}])
    >>> [(f.code, f.node) for f in unlinked_subnational(g)]
    [('CG205', 'south')]
    """
    platforms = active_platforms(graph)
    local = [p for p in platforms if p.level == "subnational"]
    if not local:
        return []
    national = LEVEL_RANK["national"]
    linked = _reaching(graph, {p.position for p in platforms
                               if LEVEL_RANK[p.level] >= national})
    return [
        Finding("CG205", "warning", p.id, (p.id,),
                f"{p.label} is sub-national and has no route up to a national platform: "
                "issues raised there cannot reach the national level",
                f"add an escalation or reporting edge from '{p.id}' to the national "
                "platform it answers to (e.g. its national cluster) in edges.csv")
        for p in local if p.position not in linked
    ]
