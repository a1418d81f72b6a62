"""Rows of ``nodes.csv`` and ``edges.csv`` as dicts, for ``coordgraph.from_records``
and the ``write_context`` fixture (extra columns go in as keyword arguments), and
what a loaded graph holds, for comparing two graphs."""


def platform(node_id, **columns):
    return {"id": node_id, "kind": "platform", "label": node_id.upper(), **columns}


def role(node_id, **columns):
    return {"id": node_id, "kind": "role", "label": node_id.replace("_", " ").title(), **columns}


def member(source, target, **columns):
    return {"source": source, "target": target, "relation": "membership", **columns}


def escalation(source, target, **columns):
    return {"source": source, "target": target, "relation": "escalation", **columns}


def advises(source, target, **columns):
    return {"source": source, "target": target, "relation": "advises", **columns}


def content(graph, skip=()):
    """Nodes and edges with every attribute but line numbers; ``skip`` holds
    ``(node id, attribute)`` pairs to leave out."""
    nodes = {i: {k: v for k, v in n.attributes().items() if (i, k) not in skip}
             for i, n in graph.nodes.items()}
    edges = [(e.source, e.target, e.attributes()) for e in graph.edges]
    return nodes, edges


def load_warned(path):
    """``coordgraph.load(path)`` and the problems of the DataWarnings it issued."""
    import warnings

    import coordgraph
    from coordgraph.errors import DataWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        graph = coordgraph.load(path)
    assert all(issubclass(w.category, DataWarning) for w in caught), caught
    return graph, [w.message.problem for w in caught]
