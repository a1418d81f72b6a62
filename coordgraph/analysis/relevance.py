"""Relevance: which platforms the org must be present at.

Findings about absence (CG301–CG303, CG307) concern *expected* platforms
only: ``expected`` yes or no decides; when it is empty, a platform is
expected unless it has a ``code`` and ``context.toml`` lists ``sectors``
without that code (the org runs no programme in that sector).
"""

from ._shared import _memo, active_platforms


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
    return frozenset(p.id for p in expected_platforms(graph))


def expected_platforms(graph) -> list:
    """The active platforms the org is expected at, in file order."""
    def compute():
        platforms = active_platforms(graph)
        if not graph.context.sectors and not any(p.expected for p in platforms):
            return platforms  # every one, as in a context without relevance columns
        return [p for p in platforms if graph.is_expected(p)]

    return _memo(graph, "expected", compute)
