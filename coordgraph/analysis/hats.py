"""One person, several hats: double-hatting (CG306) and seats in several
duty stations (CG309). A holder is a ``person`` over all their roles, or an
unnamed role on its own."""

from operator import attrgetter

from ..findings import Finding
from ..schema import SEAT_CAPACITIES
from ._shared import active_platforms, holder_keys, holder_name, names, org_presence


def _memberships_by_holder(graph, org, keep):
    """The memberships of the org's held roles into active platforms that
    ``keep`` accepts, grouped by holder, each group in file order."""
    holder = holder_keys(graph, org).get
    groups: dict = {}
    group = groups.get
    for presence in org_presence(graph, org).values():
        for edge in filter(keep, presence.memberships):
            key = holder(edge.source, edge.source)
            edges = group(key)
            if edges is None:
                groups[key] = [edge]
            else:
                edges.append(edge)
    for edges in groups.values():
        if len(edges) > 1:
            edges.sort(key=_LINE)
    return groups


_LINE = attrgetter("line")


def _roles_of(graph, edges) -> list[str]:
    """The roles of ``edges``, each once, in the order of nodes.csv."""
    return sorted(set(e.source for e in edges), key=lambda r: graph.nodes[r].line)


def double_hatting(graph, org: str = "IOM") -> list[Finding]:
    """CG306: a role or person who coordinates a platform and also holds a
    seat there, or who coordinates two or more platforms.

    A coordinator works for the platform, impartially; the org's seat is its
    voice. One person cannot be both, nor coordinate two platforms well.

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": p, "kind": "platform", "label": p.upper()} for p in ("cccm", "shl")]
    ...           + [{"id": "cc", "kind": "role", "label": "Cluster Coordinator"}],
    ...     edges=[{"source": "cc", "target": p, "relation": "membership",
    ...             "capacity": "coordinator"} for p in ("cccm", "shl")])
    >>> [(f.code, f.node, f.nodes) for f in double_hatting(g)]
    [('CG306', 'cc', ('cc', 'cccm', 'shl'))]
    """
    if not any(p.coordinating for p in org_presence(graph, org).values()):
        return []
    findings = []
    # Edge.is_seat's test, inline (these are all memberships): cheaper than a property.
    groups = _memberships_by_holder(
        graph, org, lambda e: e.capacity == "coordinator" or e.capacity in SEAT_CAPACITIES)
    for edges in groups.values():
        coordinating = [e for e in edges if e.capacity == "coordinator"]
        if not coordinating:
            continue
        seats = {e.target: e for e in edges if e.capacity in SEAT_CAPACITIES}
        for edge in coordinating:
            seat = seats.get(edge.target)
            if seat is None:
                continue
            involved = _roles_of(graph, (edge, seat))
            platform = graph.nodes[edge.target].label
            findings.append(Finding(
                "CG306", "warning", edge.source, (*involved, edge.target),
                f"{holder_name(graph, involved)} coordinates {platform} and also holds "
                f"{org}'s seat there: the coordinator speaks for the platform, the seat "
                f"for {org}",
                f"give {org}'s seat at '{edge.target}' to another person (a membership in "
                "edges.csv, or the person column in nodes.csv)"))
        platforms = list(dict.fromkeys(e.target for e in coordinating))
        if len(platforms) >= 2:
            involved = _roles_of(graph, coordinating)
            findings.append(Finding(
                "CG306", "warning", involved[0], (*involved, *platforms),
                f"{holder_name(graph, involved)} coordinates {len(platforms)} platforms: "
                f"{names(graph, platforms)}",
                "each platform needs its own coordinator: name a second person (the person "
                "column in nodes.csv) or an alternate (a membership in edges.csv)"))
    return findings


def scattered_seats(graph, org: str = "IOM") -> list[Finding]:
    """CG309: one person (or role) holds seats at platforms in two or more
    different ``location``\\s (the platforms' locations, any case).

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "hct", "kind": "platform", "label": "HCT", "location": "Maputo"},
    ...            {"id": "hub", "kind": "platform", "label": "Hub", "location": "Kesso"},
    ...            {"id": "a", "kind": "role", "label": "Head of Office", "person": "Ana"},
    ...            {"id": "b", "kind": "role", "label": "Hub Lead", "person": "ana"}],
    ...     edges=[{"source": "a", "target": "hct", "relation": "membership"},
    ...            {"source": "b", "target": "hub", "relation": "membership"}])
    >>> [(f.code, f.node, f.nodes) for f in scattered_seats(g)]
    [('CG309', 'a', ('a', 'b', 'hct', 'hub'))]
    """
    nodes = graph.nodes
    located = {p.id for p in active_platforms(graph) if p.location.strip()}
    if not located:
        return []
    findings = []
    groups = _memberships_by_holder(
        graph, org, lambda e: e.target in located and e.capacity in SEAT_CAPACITIES)
    for edges in groups.values():
        places: dict[str, list[str]] = {}
        spelling: dict[str, str] = {}
        for edge in edges:
            where = nodes[edge.target].location.strip()
            if where:
                key = where.casefold()
                spelling.setdefault(key, where)
                if edge.target not in places.setdefault(key, []):
                    places[key].append(edge.target)
        if len(places) < 2:
            continue
        involved = _roles_of(graph, edges)
        platforms = [p for ids in places.values() for p in ids]
        detail = "; ".join(f"{spelling[k]}: {names(graph, ids)}" for k, ids in places.items())
        findings.append(Finding(
            "CG309", "warning", involved[0], (*involved, *platforms),
            f"{holder_name(graph, involved)} holds seats in {len(places)} places: {detail}",
            "one person cannot attend in several duty stations: name a holder at each "
            "location (the person column in nodes.csv) or an alternate there (edges.csv)"))
    return findings
