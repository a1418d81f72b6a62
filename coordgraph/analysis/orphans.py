"""Orphans (CG203): nodes connected to nothing."""

from operator import attrgetter

from ..findings import Finding


def orphans(graph) -> list[Finding]:
    """CG203: an active node with no edge at all.

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "lonely", "kind": "role", "label": "Lonely Officer"}], edges=[])
    >>> [(f.code, f.node) for f in orphans(g)]
    [('CG203', 'lonely')]
    """
    connected = set(map(attrgetter("source"), graph.edges))
    connected.update(map(attrgetter("target"), graph.edges))
    return [
        Finding("CG203", "warning", node.id, (node.id,),
                f"{node.kind} {node.label} is connected to nothing",
                "add its memberships or relations in edges.csv, or remove the row "
                "(mark a platform inactive if it exists but is not activated)")
        for node in graph.nodes.values()
        if node.id not in connected and node.status != "inactive"
    ]
