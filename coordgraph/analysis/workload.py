"""Who carries the seats? Overload (CG304) and single points of failure (CG305)."""

from collections import defaultdict

from ..findings import Finding
from ._shared import names, org_presence, org_seats


def seats_by_role(graph, org: str = "IOM") -> dict[str, list[str]]:
    """Active platforms where each of the org's active roles holds a seat.

    >>> import coordgraph
    >>> seats_by_role(coordgraph.load())["chief_of_mission"]
    ['hct', 'unct', 'smt']
    """
    return org_seats(graph, org)


def overloaded_roles(graph, org: str = "IOM", max_seats: int = 3) -> list[Finding]:
    """CG304: a role with seats in more than ``max_seats`` platforms.

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "com", "kind": "role", "label": "CoM"}]
    ...           + [{"id": p, "kind": "platform", "label": p} for p in "abcd"],
    ...     edges=[{"source": "com", "target": p, "relation": "membership"} for p in "abcd"])
    >>> [(f.code, f.node) for f in overloaded_roles(g, max_seats=3)]
    [('CG304', 'com')]
    """
    findings = []
    for role_id, platforms in seats_by_role(graph, org).items():
        if len(platforms) > max_seats:
            findings.append(Finding(
                "CG304", "warning", role_id, (role_id, *platforms),
                f"{graph.nodes[role_id].label} holds seats in {len(platforms)} platforms "
                f"(more than {max_seats}): {names(graph, platforms)}",
                "hand some seats to other staff or name alternates; "
                "--max-seats sets the limit"))
    return findings


def single_points_of_failure(graph, org: str = "IOM") -> list[Finding]:
    """CG305: a role that is the org's only seat holder, with no alternate, in
    two or more platforms.

    >>> import coordgraph
    >>> [(f.code, f.node, f.nodes) for f in single_points_of_failure(coordgraph.load())]
    [('CG305', 'chief_of_mission', ('chief_of_mission', 'unct', 'smt'))]
    """
    sole = defaultdict(list)
    for platform_id, presence in org_presence(graph, org).items():
        # One seat holder (edges are unique, so one seat edge) and no alternate.
        if len(presence.seat_holders) == 1 and not presence.alternate:
            sole[presence.seat_holders[0]].append(platform_id)
    return [
        Finding("CG305", "warning", role_id, (role_id, *platforms),
                f"{graph.nodes[role_id].label} is {org}'s only link to {len(platforms)} "
                f"platforms, with no alternate: {names(graph, platforms)}",
                "name an alternate for at least one of them (a membership with "
                "capacity 'alternate')")
        for role_id, platforms in sole.items() if len(platforms) >= 2
    ]
