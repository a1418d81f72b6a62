"""Who carries the seats? Overload (CG304) and single points of failure (CG305).

Both count per holder: several roles with one ``person`` are one person.
"""

from ..findings import Finding
from ..schema import SEAT_CAPACITIES
from ._shared import holder_keys, holder_name, names, org_presence, org_seats, role_facts


def seats_by_role(graph, org: str = "IOM") -> dict[str, list[str]]:
    """Active platforms where each of the org's held roles has a seat.

    >>> import coordgraph
    >>> seats_by_role(coordgraph.load())["chief_of_mission"]
    ['hct', 'unct', 'smt']
    """
    return org_seats(graph, org)


def seats_by_holder(graph, org: str = "IOM") -> dict[tuple, list[str]]:
    """The seats of each holder: (its roles, in file order) -> platforms,
    each once, for holders with a seat.

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": p, "kind": "platform", "label": p} for p in ("a", "b")]
    ...           + [{"id": r, "kind": "role", "label": r, "person": "Ana"} for r in ("x", "y")],
    ...     edges=[{"source": "x", "target": "a", "relation": "membership"},
    ...            {"source": "y", "target": "a", "relation": "membership"},
    ...            {"source": "y", "target": "b", "relation": "membership"}])
    >>> seats_by_holder(g)
    {('x', 'y'): ['a', 'b']}
    """
    seats = org_seats(graph, org)
    keys = holder_keys(graph, org)
    if not keys:
        return {(role_id,): platforms for role_id, platforms in seats.items()}
    roles: dict = {}
    for role_id in seats:
        roles.setdefault(keys.get(role_id, role_id), []).append(role_id)
    out = {}
    for group in roles.values():
        if len(group) == 1:
            out[tuple(group)] = seats[group[0]]
            continue
        group.sort(key=lambda r: graph.nodes[r].line)
        out[tuple(group)] = list(dict.fromkeys(p for r in group for p in seats[r]))
    return out


def overloaded_roles(graph, org: str = "IOM", max_seats: int = 3) -> list[Finding]:
    """CG304: a role (or a person, over all their roles) with seats in more
    platforms than its limit: the role's ``max_seats`` when set (a person's:
    the largest of their roles'), else ``max_seats``.

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "com", "kind": "role", "label": "CoM"}]
    ...           + [{"id": p, "kind": "platform", "label": p} for p in "abcd"],
    ...     edges=[{"source": "com", "target": p, "relation": "membership"} for p in "abcd"])
    >>> [(f.code, f.node) for f in overloaded_roles(g, max_seats=3)]
    [('CG304', 'com')]
    """
    nodes = graph.nodes
    people = holder_keys(graph, org)
    # Without people, each holder is one role: no tuple is built per role.
    holders: dict = seats_by_holder(graph, org) if people else org_seats(graph, org)
    # No limit is below the lowest one: the many holders within it need no look.
    smallest = role_facts(graph, org).lowest_max_seats
    lowest = max_seats if smallest is None else min(max_seats, smallest)
    holders = {holder: platforms for holder, platforms in holders.items()
               if len(platforms) > lowest}
    findings = []
    roles: tuple[str, ...]
    for holder, platforms in holders.items():
        if not people or len(holder) == 1:
            role_id = holder[0] if people else holder
            limit = nodes[role_id].max_seats or max_seats
            if len(platforms) <= limit:
                continue
            roles = (role_id,)
            own = [nodes[role_id].max_seats]
        else:
            roles = holder
            own = [nodes[r].max_seats for r in roles]
            limit = max(n if n is not None else max_seats for n in own)
            if len(platforms) <= limit:
                continue
        why = "its max_seats" if limit != max_seats or None not in own else ""
        findings.append(Finding(
            "CG304", "warning", roles[0], (*roles, *platforms),
            f"{holder_name(graph, roles)} holds seats in {len(platforms)} platforms "
            f"(more than {limit}{', ' + why if why else ''}): {names(graph, platforms)}",
            "hand some seats to other staff or name alternates; the max_seats column of "
            "nodes.csv (or --max-seats) sets the limit"))
    return findings


def single_points_of_failure(graph, org: str = "IOM") -> list[Finding]:
    """CG305: a role (or a person) that is the org's only seat holder, with
    no alternate and no one else in its ``seat`` group, in two or more
    platforms.

    Another role held by the same person is no back-up; a vacant or inactive
    role is none either.

    >>> import coordgraph
    >>> [(f.code, f.node, f.nodes) for f in single_points_of_failure(coordgraph.load())]
    [('CG305', 'chief_of_mission', ('chief_of_mission', 'unct', 'smt'))]
    """
    nodes = graph.nodes
    holder = holder_keys(graph, org)
    sole: dict = {}
    sole_roles: dict = {}
    for platform_id, presence in org_presence(graph, org).items():
        if not holder and not presence.grouped:
            # No people, no seat groups: one seat holder and no alternate.
            if len(presence.seat_holders) == 1 and not presence.alternate:
                key = presence.seat_holders[0]
                sole.setdefault(key, []).append(platform_id)
                sole_roles.setdefault(key, [key])
            continue
        if not presence.grouped and not presence.alternate:
            # No seat group, no alternate: nothing backs the seats up, sole
            # when one holder has them all (seat_holders: the seat edges' roles).
            holders = presence.seat_holders
            if not holders:
                continue
            first = holders[0]
            key = holder.get(first, first)
            if len(holders) > 1 and any(holder.get(h, h) != key for h in holders[1:]):
                continue
            roles = sole_roles.get(key)
            if roles is None:
                sole[key] = [platform_id]
                sole_roles[key] = roles = []
            else:
                sole[key].append(platform_id)
            for role_id in holders:
                if role_id not in roles:
                    roles.append(role_id)
            continue
        # Edge.is_seat's test, inline (all memberships): a property call per edge costs more.
        seat_edges = [e for e in presence.memberships if e.capacity in SEAT_CAPACITIES]
        keys = {holder.get(e.source, e.source) for e in seat_edges}
        if len(keys) != 1:
            continue
        [key] = keys
        groups = {e.seat.casefold() for e in seat_edges if e.seat}
        backed_up = (presence.alternate or groups) and any(
            holder.get(e.source, e.source) != key
            and (e.capacity == "alternate" or (e.seat and e.seat.casefold() in groups))
            for e in presence.memberships)
        if backed_up:
            continue
        sole.setdefault(key, []).append(platform_id)
        roles = sole_roles.setdefault(key, [])
        roles.extend(e.source for e in seat_edges if e.source not in roles)
    findings = []
    for key, platforms in sole.items():
        if len(platforms) < 2:
            continue
        roles = sorted(sole_roles[key], key=lambda r: nodes[r].line)
        findings.append(Finding(
            "CG305", "warning", roles[0], (*roles, *platforms),
            f"{holder_name(graph, roles)} is {org}'s only link to {len(platforms)} "
            f"platforms, with no alternate: {names(graph, platforms)}",
            "name an alternate for at least one of them (a membership with capacity "
            "'alternate' in edges.csv), or a second role in the same seat group (the "
            "seat column), held by someone else"))
    return findings
