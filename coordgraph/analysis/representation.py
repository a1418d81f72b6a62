"""Is the organisation at the table? CG301, CG302 and CG303."""

from ..findings import Finding
from ._shared import edges_by_relation, names, org_presence


def unrepresented_platforms(graph, org: str = "IOM") -> list[Finding]:
    """CG301: an active platform where no role of ``org`` has any membership.

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "hct", "kind": "platform", "label": "HCT"},
    ...            {"id": "smt", "kind": "platform", "label": "SMT", "status": "inactive"}],
    ...     edges=[])
    >>> [(f.code, f.node) for f in unrepresented_platforms(g)]
    [('CG301', 'hct')]
    """
    present = org_presence(graph, org)
    missing = [p for p in graph.active_platforms() if p.id not in present]
    vacant = _vacant_seats(graph, org, {p.id for p in missing}) if missing else {}
    findings = []
    for p in missing:
        roles = vacant.get(p.id)
        if roles:
            hint = (f"{names(graph, roles)} would sit here but "
                    f"{'is' if len(roles) == 1 else 'are'} inactive: set status to active "
                    f"in nodes.csv once someone holds the post")
        else:
            hint = (f"add a membership edge from a role of {org} to '{p.id}' in edges.csv, "
                    "or set the platform's status to inactive if it is not activated here")
        findings.append(Finding("CG301", "error", p.id, (p.id,),
                                f"{org} has no one in {p.label}", hint))
    return findings


def _vacant_seats(graph, org: str, platform_ids) -> dict[str, list[str]]:
    """Inactive roles of the org with a membership in each of ``platform_ids``."""
    wanted = org.casefold()
    vacant: dict[str, list[str]] = {}
    for edge in edges_by_relation(graph)["membership"]:
        if edge.target in platform_ids:
            role = graph.nodes[edge.source]
            if role.status == "inactive" and role.org.casefold() == wanted:
                vacant.setdefault(edge.target, []).append(role.id)
    return vacant


def weak_representation(graph, org: str = "IOM") -> list[Finding]:
    """CG302: the org is there, but only as alternate/observer or on a condition.

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "hct", "kind": "platform", "label": "HCT"},
    ...            {"id": "cc", "kind": "role", "label": "Cluster Coordinator"}],
    ...     edges=[{"source": "cc", "target": "hct", "relation": "membership",
    ...             "capacity": "observer"}])
    >>> [(f.code, f.node, f.nodes) for f in weak_representation(g)]
    [('CG302', 'hct', ('hct', 'cc'))]
    """
    findings = []
    for platform_id, presence in org_presence(graph, org).items():
        if presence.unconditional_seat:
            continue
        edges = presence.memberships
        label = graph.nodes[platform_id].label
        how = "; ".join(
            f"{graph.nodes[e.source].label} as {e.capacity}"
            + (f" (only {e.condition})" if e.condition else "") for e in edges)
        findings.append(Finding(
            "CG302", "warning", platform_id, (platform_id, *(e.source for e in edges)),
            f"{org} has no unconditional seat in {label}: {how}",
            f"give a role of {org} a member seat there with no condition"))
    return findings


def junior_representation(graph, org: str = "IOM") -> list[Finding]:
    """CG303: every seat holder of the org is below the platform's ``min_seniority``.

    Seat holders of unknown seniority are not counted as below.

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "hct", "kind": "platform", "label": "HCT", "min_seniority": 7},
    ...            {"id": "po", "kind": "role", "label": "Programme Officer", "seniority": 3}],
    ...     edges=[{"source": "po", "target": "hct", "relation": "membership"}])
    >>> [(f.code, f.node) for f in junior_representation(g)]
    [('CG303', 'hct')]
    """
    findings = []
    for platform_id, presence in org_presence(graph, org).items():
        platform = graph.nodes[platform_id]
        minimum = platform.min_seniority
        if minimum is None:
            continue
        holders = [graph.nodes[role_id] for role_id in presence.seat_holders]
        if holders and all(r.seniority is not None and r.seniority < minimum for r in holders):
            detail = ", ".join(f"{r.label} ({r.seniority})" for r in holders)
            findings.append(Finding(
                "CG303", "warning", platform_id, (platform_id, *(r.id for r in holders)),
                f"{org}'s seat holders in {platform.label} are all below the expected "
                f"seniority {minimum}: {detail}",
                "send a more senior representative, or lower min_seniority if the "
                "platform accepts this level"))
    return findings
