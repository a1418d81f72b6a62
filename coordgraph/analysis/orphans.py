"""Orphans (CG203): nodes connected to nothing."""

from ..findings import Finding


def orphans(graph) -> list[Finding]:
    """CG203: an active node with no edge at all.

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "lonely", "kind": "role", "label": "Lonely Officer"}], edges=[])
    >>> [(f.code, f.node) for f in orphans(g)]
    [('CG203', 'lonely')]
    """
    # A plain loop: its attribute reads are specialised, attrgetter's are not
    # (twice as fast at 76,500 edges).
    connected: set[str] = set()
    add = connected.add
    for edge in graph.edges:
        add(edge.source)
        add(edge.target)
    return [
        Finding("CG203", "warning", node.id, (node.id,),
                f"{node.kind} {node.label} is connected to nothing",
                "add its memberships or relations in edges.csv, or remove the row "
                "(mark a platform inactive if it exists but is not activated)")
        for node in graph.nodes.values()
        if node.id not in connected and node.status != "inactive"
    ]
