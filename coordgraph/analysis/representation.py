"""Is the organisation at the table? CG301, CG302 and CG303.

All three concern expected platforms only (:mod:`.relevance`); a vacant or
inactive role's memberships are not presence.
"""

from ..findings import Finding
from ._shared import absent_posts, names, org_presence
from .relevance import expected_ids, expected_platforms


def unrepresented_platforms(graph, org: str = "IOM") -> list[Finding]:
    """CG301: an expected active platform where no role of ``org`` that is
    held has any membership. The hint names a vacant post that would sit there.

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "hct", "kind": "platform", "label": "HCT"},
    ...            {"id": "smt", "kind": "platform", "label": "SMT", "status": "inactive"},
    ...            {"id": "cwg", "kind": "platform", "label": "Cash WG", "expected": "no"}],
    ...     edges=[])
    >>> [(f.code, f.node) for f in unrepresented_platforms(g)]
    [('CG301', 'hct')]
    """
    present = org_presence(graph, org)
    missing = [p for p in expected_platforms(graph) if p.id not in present]
    posts = absent_posts(graph, org) if missing else {}
    return [Finding("CG301", "error", p.id, (p.id,), f"{org} has no one in {p.label}",
                    _absence_hint(graph, org, p, posts.get(p.id, ())))
            for p in missing]


def _absence_hint(graph, org, platform, posts) -> str:
    """What to do about an absence: fill the vacant post, activate the
    unused one, or add a membership."""
    vacant = [e.source for e in posts if graph.nodes[e.source].is_vacant]
    if vacant:
        return (f"the post {names(graph, vacant)} {'is' if len(vacant) == 1 else 'are'} "
                f"vacant: once someone holds it, set its status to active (and the person) "
                f"in nodes.csv, or give an acting role a membership to '{platform.id}' in "
                "edges.csv")
    unused = [e.source for e in posts]
    if unused:
        return (f"{names(graph, unused)} would sit here but "
                f"{'is' if len(unused) == 1 else 'are'} inactive: set status to active "
                f"in nodes.csv once someone holds the post")
    return (f"add a membership edge from a role of {org} to '{platform.id}' in edges.csv, "
            "set the platform's status to inactive if it is not activated here, or its "
            "expected column to no if the org need not sit there")


def weak_representation(graph, org: str = "IOM") -> list[Finding]:
    """CG302: the org is there, but only as alternate/observer/coordinator or
    on a condition.

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "hct", "kind": "platform", "label": "HCT"},
    ...            {"id": "cc", "kind": "role", "label": "Cluster Coordinator"}],
    ...     edges=[{"source": "cc", "target": "hct", "relation": "membership",
    ...             "capacity": "observer"}])
    >>> [(f.code, f.node, f.nodes) for f in weak_representation(g)]
    [('CG302', 'hct', ('hct', 'cc'))]
    """
    expected = expected_ids(graph)
    findings = []
    for platform_id, presence in org_presence(graph, org).items():
        if presence.unconditional_seat or platform_id not in expected:
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
    # The few platforms that ask for a seniority, picked in file order: a
    # lookup among them per platform the org is at, not among all nodes.
    demanding = {p.id: p for p in expected_platforms(graph) if p.min_seniority is not None}
    findings: list[Finding] = []
    if not demanding:
        return findings
    for platform_id, presence in org_presence(graph, org).items():
        platform = demanding.get(platform_id)
        if platform is None:
            continue
        minimum = platform.min_seniority
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
