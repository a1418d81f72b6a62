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
    # Marks by position, following each edge to its nodes: a set of 300,000
    # ids cost twice as much per node as one of 30,000 (its lookups miss the
    # processor's caches); the nodes, the edges and this array are in file order.
    connected = bytearray(len(graph.nodes))
    for edge in graph.edges:
        connected[edge.source_node.position] = 1
        connected[edge.target_node.position] = 1
    return [
        Finding("CG203", "warning", node.id, (node.id,),
                f"{node.kind} {node.label} is connected to nothing",
                "add its memberships or relations in edges.csv, or remove the row "
                "(mark a platform inactive if it exists but is not activated)")
        for node, linked in zip(graph.nodes.values(), connected, strict=True)
        if not linked and node.status != "inactive"
    ]
