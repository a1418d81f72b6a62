"""Relevance: which platforms the org must be present at.

Findings about absence (CG301–CG303, CG307) concern *expected* platforms
only: ``expected`` yes or no decides; when it is empty, a platform is
expected unless it has a ``code`` and ``context.toml`` lists ``sectors``
without that code (the org runs no programme in that sector).
"""

from ._shared import _memo


def expected_ids(graph) -> frozenset:
    """Ids of the active platforms the org is expected at.

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "hct", "kind": "platform", "label": "HCT"},
    ...            {"id": "hea", "kind": "platform", "label": "Health", "code": "HEA"},
    ...            {"id": "cwg", "kind": "platform", "label": "Cash WG", "expected": "no"}],
    ...     edges=[], context={"sectors": ["CCM", "SHL"]})
    >>> sorted(expected_ids(g))
    ['hct']
    """
    return _memo(graph, "expected", lambda: frozenset(
        p.id for p in graph.active_platforms() if graph.is_expected(p)))


def expected_platforms(graph) -> list:
    """The active platforms the org is expected at, in file order."""
    expected = expected_ids(graph)
    return [p for p in graph.active_platforms() if p.id in expected]
