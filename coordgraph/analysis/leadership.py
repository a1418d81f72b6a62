"""Who leads a platform, and does the org speak there? CG206, CG307, CG308.

A platform's leadership is what its ``lead``/``co_lead`` cells say; the
org's roles at it are its memberships (``coordinator`` is presence, not a
seat: a cluster coordinator is impartial, not the agency's voice).
"""

from ..findings import Finding
from ..schema import LEADING_CAPACITIES
from ._shared import (
    absent_posts,
    active_platforms,
    edges_by_relation,
    names,
    org_presence,
    role_facts,
)
from .relevance import expected_platforms


def leadership_gaps(graph) -> list[Finding]:
    """CG206: an active platform that names a ``co_lead`` but no ``lead``.

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "cwg", "kind": "platform", "label": "Cash WG", "co_lead": "IOM"},
    ...            {"id": "shl", "kind": "platform", "label": "Shelter", "lead": "IFRC",
    ...             "co_lead": "IOM"}], edges=[])
    >>> [(f.code, f.node) for f in leadership_gaps(g)]
    [('CG206', 'cwg')]
    """
    return [
        Finding("CG206", "warning", p.id, (p.id,),
                f"{p.label} has {' and '.join(p.co_leads)} as co-lead but no lead agency",
                f"fill the lead column of '{p.id}' in nodes.csv, or move the co-lead to "
                "the lead column if it leads alone")
        # The cell first: splitting every platform's cells costs more than the check.
        for p in active_platforms(graph) if p.co_lead and p.co_leads and not p.leads
    ]


def silent_leadership(graph, org: str = "IOM") -> list[Finding]:
    """CG307: the org leads or co-leads an expected platform but holds no seat
    there: only its coordinator (or an alternate, an observer) attends.

    Where the org has no one at all, CG301 says so instead. A vacant post
    that holds the seat is named.

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "shl", "kind": "platform", "label": "Shelter", "co_lead": "IOM",
    ...             "lead": "IFRC"},
    ...            {"id": "cc", "kind": "role", "label": "Cluster Coordinator"}],
    ...     edges=[{"source": "cc", "target": "shl", "relation": "membership",
    ...             "capacity": "coordinator"}])
    >>> [(f.code, f.node, f.nodes) for f in silent_leadership(g)]
    [('CG307', 'shl', ('shl', 'cc'))]
    >>> print(silent_leadership(g)[0].message)  # doctest: +NORMALIZE_WHITESPACE
    IOM co-leads Shelter but has no seat there to speak for IOM: only its Cluster Coordinator
    attends, as coordinator
    """
    presence = org_presence(graph, org)
    posts = absent_posts(graph, org)
    findings = []
    for p in expected_platforms(graph):
        if not (p.lead or p.co_lead):
            continue
        here = presence.get(p.id)
        if here is None or here.seat_holders or not p.is_led_by(org):
            continue
        verb = "leads" if p.has_lead(org) else "co-leads"
        vacant = [e.source for e in posts.get(p.id, ())
                  if e.is_seat and graph.nodes[e.source].is_vacant]
        message = (f"{org} {verb} {p.label} but has no seat there to speak for {org}: "
                   + _attending(graph, here.memberships))
        if vacant:
            message += (f"; the post {names(graph, vacant)} that holds its seat "
                        f"{'is' if len(vacant) == 1 else 'are'} vacant")
            hint = (f"fill the post {names(graph, vacant)} (its status and person in "
                    f"nodes.csv), or give an acting role a member seat at '{p.id}' in "
                    "edges.csv")
        else:
            hint = (f"give a programme role of {org} a member seat at '{p.id}' in edges.csv: "
                    f"the coordinator speaks for the platform, not for {org}")
        findings.append(Finding("CG307", "warning", p.id,
                                (p.id, *(e.source for e in here.memberships), *vacant),
                                message, hint))
    return findings


def _attending(graph, memberships) -> str:
    """Who attends without a seat, in words."""
    if len(memberships) == 1:
        [edge] = memberships
        return f"only its {graph.nodes[edge.source].label} attends, as {edge.capacity}"
    return "only " + ", ".join(f"{graph.nodes[e.source].label} ({e.capacity})"
                               for e in memberships) + " attend"


def vacant_leadership(graph, org: str = "IOM") -> list[Finding]:
    """CG308: a vacant role of the org is a chair, co-chair, lead, co-lead or
    coordinator of an active platform.

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "cccm", "kind": "platform", "label": "CCCM"},
    ...            {"id": "cc", "kind": "role", "label": "Cluster Coordinator",
    ...             "status": "vacant"}],
    ...     edges=[{"source": "cc", "target": "cccm", "relation": "membership",
    ...             "capacity": "coordinator"}])
    >>> [(f.code, f.node, f.nodes) for f in vacant_leadership(g)]
    [('CG308', 'cc', ('cc', 'cccm'))]
    """
    vacant = role_facts(graph, org).vacant
    if not vacant:
        return []
    duties: dict[str, list] = {}
    for edge in edges_by_relation(graph)["membership"]:
        if (edge.source in vacant and edge.capacity in LEADING_CAPACITIES
                and edge.target_node.status != "inactive"):
            duties.setdefault(edge.source, []).append(edge)
    return [
        Finding("CG308", "warning", role_id, (role_id, *(e.target for e in edges)),
                f"the post {graph.nodes[role_id].label} is vacant, yet it is {org}'s "
                + ", ".join(f"{e.capacity} of {graph.nodes[e.target].label}" for e in edges),
                "fill the post (its status and person in nodes.csv), or hand the duty to a "
                "role someone holds (its membership in edges.csv)")
        for role_id, edges in duties.items()
    ]
