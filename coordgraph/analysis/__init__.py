"""The analyses of a valid graph, one module per concept, and :func:`check`."""

from ..findings import sort_findings
from .escalation import downward_escalation, escalation_cycles, multiple_escalation
from .orphans import orphans
from .representation import junior_representation, unrepresented_platforms, weak_representation
from .workload import overloaded_roles, single_points_of_failure

__all__ = [
    "check", "downward_escalation", "escalation_cycles", "junior_representation",
    "multiple_escalation", "orphans", "overloaded_roles", "single_points_of_failure",
    "unrepresented_platforms", "weak_representation",
]


def check(graph, org: str | None = None, max_seats: int = 3):
    """Run every CG2xx and CG3xx rule; findings sorted by severity, code, node.

    Parameters
    ----------
    graph : CoordGraph
    org : str, optional
        The organisation whose representation is checked; default the
        context's ``org`` (``IOM`` when unset). Trimmed and matched to the
        data's spelling whatever its case (:func:`._shared.normalise_org`);
        an :class:`~coordgraph.errors.UnknownOrgWarning` when no role
        belongs to it.
    max_seats : int
        CG304's limit of seats per role.

    Raises
    ------
    ArgumentError
        ``graph`` is not a CoordGraph, ``org`` not text, ``max_seats`` not
        a whole number.

    Examples
    --------
    >>> import coordgraph
    >>> [f.code for f in check(coordgraph.load())]
    ['CG305']
    """
    from ..arguments import require, require_graph
    from ._shared import resolve_org

    require_graph(graph, "check")
    org = resolve_org(graph, org)
    require(max_seats, int, "max_seats must be a whole number of seats", "max_seats=3")
    findings = [
        *escalation_cycles(graph),
        *multiple_escalation(graph),
        *orphans(graph),
        *downward_escalation(graph),
        *unrepresented_platforms(graph, org),
        *weak_representation(graph, org),
        *junior_representation(graph, org),
        *overloaded_roles(graph, org, max_seats),
        *single_points_of_failure(graph, org),
    ]
    return sort_findings(findings)
