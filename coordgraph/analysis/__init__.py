"""The analyses of a valid graph, one module per concept, and :func:`check`."""

from ..arguments import require, require_graph
from ..findings import sort_findings
from ._shared import resolve_org
from .contexts import context_findings
from .escalation import (
    downward_escalation,
    escalation_cycles,
    multiple_escalation,
    unlinked_subnational,
)
from .hats import double_hatting, scattered_seats
from .leadership import leadership_gaps, silent_leadership, vacant_leadership
from .orphans import orphans
from .relevance import expected_ids, expected_platforms
from .representation import junior_representation, unrepresented_platforms, weak_representation
from .workload import overloaded_roles, single_points_of_failure

__all__ = [
    "check", "double_hatting", "downward_escalation", "escalation_cycles", "expected_ids",
    "expected_platforms", "junior_representation", "leadership_gaps", "multiple_escalation",
    "orphans", "overloaded_roles", "scattered_seats", "silent_leadership",
    "single_points_of_failure", "unlinked_subnational", "unrepresented_platforms",
    "vacant_leadership", "weak_representation",
]


def check(graph, org: str | None = None, max_seats: int = 3):
    """Run every CG2xx, CG3xx and CG4xx rule; findings sorted by severity, code, node.

    The CG4xx rules (:mod:`.contexts`) run only when ``context.toml`` sets
    ``context_type`` or ``crisis``.

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
        CG304's limit of seats per role or person, where a role sets no
        ``max_seats`` of its own.

    Raises
    ------
    ArgumentError
        ``graph`` is not a CoordGraph, ``org`` not text, ``max_seats`` not
        a whole number.

    Examples
    --------
    >>> import coordgraph
    >>> [f.code for f in check(coordgraph.load())]
    ['CG302', 'CG302', 'CG305']
    """
    require_graph(graph, "check")
    org = resolve_org(graph, org)
    require(max_seats, int, "max_seats must be a whole number of seats", "max_seats=3")
    findings = [
        *escalation_cycles(graph),
        *multiple_escalation(graph),
        *orphans(graph),
        *downward_escalation(graph),
        *unlinked_subnational(graph),
        *leadership_gaps(graph),
        *unrepresented_platforms(graph, org),
        *weak_representation(graph, org),
        *junior_representation(graph, org),
        *overloaded_roles(graph, org, max_seats),
        *single_points_of_failure(graph, org),
        *double_hatting(graph, org),
        *silent_leadership(graph, org),
        *vacant_leadership(graph, org),
        *scattered_seats(graph, org),
        *context_findings(graph),
    ]
    return sort_findings(_without_repeats(findings))


def _without_repeats(findings) -> list:
    """Drop a CG302 where a CG307 is about the same platform: "IOM leads X but
    has no seat there" already says the org's representation there is weak,
    and a brief should say it once."""
    silent = {f.node for f in findings if f.code == "CG307"}
    if not silent:
        return findings
    return [f for f in findings if not (f.code == "CG302" and f.node in silent)]
