"""Everything the graph says about one platform or one role.

:func:`describe` returns plain data (dicts and lists, ready for JSON);
:func:`describe_text` turns it into the report of ``coordgraph show``.

>>> import coordgraph
>>> hct = describe(coordgraph.load(), "hct")
>>> [(s["role"], s["capacity"]) for s in hct["seats"]]
[('chief_of_mission', 'member'), ('rrt_lead', 'member')]
>>> [(s["role"], s["condition"]) for s in hct["seats"]][1]  # doctest: +ELLIPSIS
('rrt_lead', 'in the event that the COM has limited experience ...')
"""

from .analysis._shared import _memo
from .analysis import check
from .errors import UsageError
from .escaping import escape_controls
from .suggesting import did_you_mean, loose_key


def _ref(graph, node_id) -> dict:
    node = graph.nodes[node_id]
    return {"id": node_id, "label": node.label, "kind": node.kind, "status": node.status}


def _membership(graph, edge, end) -> dict:
    """A membership seen from one end: the node at ``end`` and how it sits."""
    other = graph.nodes[getattr(edge, end)]
    data = {"platform" if end == "target" else "role": other.id, "label": other.label}
    if other.kind == "role":
        data["org"] = graph.org_of(other)
    data.update(capacity=edge.capacity, condition=edge.condition, status=other.status)
    # Only what is set: most contexts have no seat groups, people or places.
    for name, value in (("seat", edge.seat), ("person", other.person),
                        ("location", other.location)):
        if value:
            data[name] = value
    return data


def _by_capacity(graph, memberships, end) -> tuple[list, list, list, list]:
    """Memberships seen from ``end``, split into seats, alternates, observers
    and coordinators (a coordinator is presence, not a seat, and not an
    observer either)."""
    seats, alternates, observers, coordinators = [], [], [], []
    groups = {"alternate": alternates, "observer": observers, "coordinator": coordinators}
    for edge in memberships:
        group = seats if edge.is_seat else groups.get(edge.capacity, observers)
        group.append(_membership(graph, edge, end))
    return seats, alternates, observers, coordinators


def _seat_groups(graph, memberships) -> list[dict]:
    """Memberships that share a ``seat`` value: one seat that any of them may
    fill, in file order.

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "hct", "kind": "platform", "label": "HCT"},
    ...            {"id": "com", "kind": "role", "label": "CoM"},
    ...            {"id": "dcom", "kind": "role", "label": "Deputy CoM"}],
    ...     edges=[{"source": r, "target": "hct", "relation": "membership", "seat": "head"}
    ...            for r in ("com", "dcom")])
    >>> [(s["seat"], s["roles"]) for s in _seat_groups(g, g.memberships("hct"))]
    [('head', ['com', 'dcom'])]
    """
    groups: dict[str, list] = {}
    for edge in memberships:
        if edge.seat:
            groups.setdefault(edge.seat, []).append(edge.source)
    return [{"seat": seat, "roles": roles,
             "labels": [graph.nodes[r].label for r in roles],
             "statuses": [graph.nodes[r].status for r in roles]}
            for seat, roles in groups.items()]


def _relevance(graph, platform) -> dict:
    """Whether the org must be present at ``platform``, and why (the
    ``expected`` cell or the context's ``sectors``)."""
    expected = graph.is_expected(platform)
    if platform.expected:
        why = f"expected is {platform.expected} in nodes.csv"
    elif not expected:
        why = f"its code {platform.code} is not among the sectors in context.toml"
    else:
        why = ""
    return {"expected": expected, "why": why}


def _org_here(graph, platform, memberships, org) -> dict:
    """The org at ``platform``: does it lead or co-lead it, who coordinates
    for it, who holds its seats, whether it is present at all and must be."""
    leads = any(o.casefold() == org.casefold() for o in platform.leads)
    co_leads = not leads and any(o.casefold() == org.casefold() for o in platform.co_leads)
    mine = [e for e in memberships if graph.belongs_to(graph.nodes[e.source], org)]
    present = [e for e in mine if graph.nodes[e.source].counts_as_presence]
    return {
        "org": org,
        "leadership": "lead" if leads else "co-lead" if co_leads else None,
        "coordinators": [e.source for e in present if e.capacity == "coordinator"],
        "seat_holders": [e.source for e in present if e.is_seat],
        "vacant": [e.source for e in mine if graph.nodes[e.source].is_vacant],
        "present": bool(present),
        **_relevance(graph, platform),
    }


def _up_links(graph, node_id) -> tuple[list, list]:
    """Reporting lines: the platforms ``node_id`` reports to, and those that
    report to it (outside the escalation route)."""
    out = [_ref(graph, e.target) for e in graph.out_edges.get(node_id, ())
           if e.relation == "reporting"]
    into = [_ref(graph, e.source) for e in graph.in_edges.get(node_id, ())
            if e.relation == "reporting"]
    return out, into


def _route_end(graph, platform_id, steps, cycle) -> str:
    """How an escalation route ends: ``cycle``; ``apex`` (a national or higher
    platform that escalates nowhere); at a sub-national platform, which is
    not an apex: ``reporting`` when a reporting line goes on up from it,
    else ``no_link_up`` (CG205's concern)."""
    if cycle:
        return "cycle"
    last = graph.nodes[steps[-1] if steps else platform_id]
    if last.level != "subnational":
        return "apex"
    if any(e.relation == "reporting" for e in graph.out_edges.get(last.id, ())):
        return "reporting"
    return "no_link_up"


def _findings(graph, node_id, org, max_seats, findings=None) -> list[dict]:
    if findings is None:
        findings = check(graph, org=org, max_seats=max_seats)
    return [f.as_dict() for f in findings if f.node == node_id or node_id in f.nodes]


def _unknown(graph, node_id) -> UsageError:
    """The error for an id that is not a node, with a did-you-mean hint
    (another case or separator, a code, or a close spelling).

    >>> import coordgraph
    >>> print(_unknown(coordgraph.load(), "HCT"))
    no node 'HCT' in Generic coordination framework: did you mean 'hct'?
    """
    wanted = node_id.casefold()
    by_code = [n.id for n in graph.nodes.values() if n.code and n.code.casefold() == wanted]
    hint = (f"did you mean '{by_code[0]}' (code {graph.nodes[by_code[0]].code})?" if by_code
            else did_you_mean(node_id, graph.nodes, {loose_key(i): i for i in graph.nodes}))
    where = graph.context.name or graph.source or "this context"
    return UsageError(f"no node '{node_id}' in {where}"
                      + (f": {hint}" if hint else "; the ids are in the id column of nodes.csv"))


def escalation_route(graph, platform_id) -> tuple[list[str], bool]:
    """The platforms above ``platform_id``, following escalation edges up to
    the apex; the first edge in file order where there are several. Returns
    ``(route, cycle)``: ``cycle`` is true when the route came back to a
    platform already on it (the route then stops before repeating it).

    >>> import coordgraph
    >>> escalation_route(coordgraph.load(), "cluster_meetings")
    (['iccg', 'hct'], False)
    """
    route, seen = [], {platform_id}
    current = platform_id
    while True:
        targets = graph.escalates_to(current)
        if not targets:
            return route, False
        current = targets[0]
        if current in seen:
            return route, True
        seen.add(current)
        route.append(current)


def describe(graph, node_id: str, org: str | None = None, max_seats: int = 3,
             findings=None, *, route: bool = True) -> dict:
    """What the graph says about one node, as plain data.

    For a platform: its ``seats`` (capacity member, chair, co-chair, lead or
    co-lead), ``alternates`` and ``observers`` with their conditions, its
    ``escalation`` route up to the apex, the platforms ``escalated_from``
    it, what it is ``advised_by`` and ``advises``, and the ``findings`` that
    involve it. For a role: its ``seats``, the platforms where it is
    ``alternate_for`` or ``observer_at``, those where it is its
    organisation's ``sole_seat_holder``, what it advises or is advised by,
    and its findings.

    ``findings``, when given (a list of :class:`~coordgraph.findings.Finding`
    already checked for ``org``), are used instead of running the check:
    describing every node of a large graph then costs one check, not one
    per node. ``route=False`` leaves the ``escalation`` route out: describing
    every platform of a long chain would otherwise walk it once per platform.

    Raises
    ------
    UsageError
        When ``node_id`` is not a node, with a did-you-mean hint.
    """
    node = graph.nodes.get(node_id)
    if node is None:
        raise _unknown(graph, node_id)
    org = org or graph.context.org
    incoming = graph.in_edges.get(node_id, ())
    outgoing = graph.out_edges.get(node_id, ())
    info = {"id": node.id, **node.attributes()}
    if node.kind == "role":
        info["org"] = graph.org_of(node)
    info["advises"] = [_ref(graph, e.target) for e in outgoing if e.relation == "advises"]
    info["advised_by"] = [_ref(graph, e.source) for e in incoming if e.relation == "advises"]

    info["reports_to"], info["receives_reports_from"] = _up_links(graph, node_id)

    if node.is_platform:
        members = [e for e in incoming if e.relation == "membership"]
        seats, alternates, observers, coordinators = _by_capacity(graph, members, "source")
        info.update(seats=seats, alternates=alternates, observers=observers,
                    coordinators=coordinators, seat_groups=_seat_groups(graph, members),
                    leads=list(node.leads), co_leads=list(node.co_leads),
                    org_here=_org_here(graph, node, members, org))
        if route:
            steps, cycle = escalation_route(graph, node_id)
            info["escalation"] = {"route": [_ref(graph, p) for p in steps],
                                  "ends": _route_end(graph, node_id, steps, cycle)}
        info["escalated_from"] = [_ref(graph, e.source) for e in incoming
                                  if e.relation == "escalation"]
    else:
        memberships = [e for e in outgoing if e.relation == "membership"]
        seats, alternates, observers, coordinators = _by_capacity(graph, memberships, "target")
        info.update(seats=seats, alternate_for=alternates, observer_at=observers,
                    coordinator_of=coordinators)
        info["sole_seat_holder"] = _sole_seats(graph, node, memberships)
        info["same_person"] = _same_person(graph, node)
    info["findings"] = _findings(graph, node_id, org, max_seats, findings)
    return info


def _sole_seats(graph, role, memberships) -> list[dict]:
    """Active platforms where ``role`` holds a seat and no other active role
    of its organisation does; ``has_alternate`` tells whether one of them
    stands in. Inactive platforms are ignored, as CG305 ignores them."""
    mine = graph.org_of(role)
    sole = []
    for edge in memberships:
        if not edge.is_seat or not graph.nodes[edge.target].is_active:
            continue
        colleagues = [e for e in graph.memberships(edge.target)
                      if e.source != role.id and graph.nodes[e.source].is_active
                      and graph.belongs_to(graph.nodes[e.source], mine)]
        if any(e.is_seat for e in colleagues):
            continue
        sole.append({**_ref(graph, edge.target),
                     "has_alternate": any(e.capacity == "alternate" for e in colleagues)})
    return sole


def _same_person(graph, role) -> list[dict]:
    """The other roles held by the same ``person``, in file order."""
    if not role.person:
        return []
    def index():   # once per graph: describing every role stays linear
        people: dict[str, list[str]] = {}
        for n in graph.nodes.values():
            if n.kind == "role" and n.person:
                people.setdefault(n.person, []).append(n.id)
        return people

    return [_ref(graph, i) for i in _memo(graph, "roles_by_person", index)[role.person]
            if i != role.id]


# ---------------------------------------------------------------- text

def _status(item) -> str:
    status = item.get("status", "active")
    if status == "active":
        return ""
    return " (vacant post)" if status == "vacant" else f" ({status})"


def _holder(item, key) -> str:
    text = f"  {item[key]}: {item['label']}"
    if item.get("org"):
        text += f" [{item['org']}]"
    if item["capacity"] not in ("alternate", "observer", "coordinator"):
        text += f", {item['capacity']}"
    text += _status(item)
    where = ", ".join(item[k] for k in ("person", "location") if item.get(k))
    if where:
        text += f" — {where}"
    if item["condition"]:
        text += f", only {item['condition']}"
    return text


def _refs(items) -> str:
    return "; ".join(f"{i['id']} ({i['label']}){_status(i)}" for i in items) or "none"


def _leadership(info) -> str:
    """'Lead: IFRC · Co-lead: IOM', or '' when the cells are empty."""
    parts = [f"{title}: {', '.join(orgs)}" for title, orgs in
             (("Lead", info["leads"]), ("Co-lead", info["co_leads"])) if orgs]
    return " · ".join(parts)


def _org_here_text(info, org) -> str:
    """One line on the org at a platform: leading, coordinating, seated, or
    absent, and whether it is expected there."""
    here = info["org_here"]
    parts = []
    if here["leadership"]:
        parts.append(f"{here['leadership']} agency")
    if here["coordinators"]:
        parts.append(f"coordinator {', '.join(here['coordinators'])}")
    if here["seat_holders"]:
        parts.append(f"seats held by {', '.join(here['seat_holders'])}")
    if here["vacant"]:
        parts.append(f"vacant post{'s' if len(here['vacant']) > 1 else ''} "
                     f"{', '.join(here['vacant'])}")
    if not here["present"]:
        parts.append("nobody present" if here["expected"] else
                     f"not expected here ({here['why']})")
    elif not here["expected"]:
        parts.append(f"present though not expected here ({here['why']})")
    return f"{org} here: " + "; ".join(parts)


def _route_text(info) -> str:
    route, ends = info["escalation"]["route"], info["escalation"]["ends"]
    if not route:
        if ends == "no_link_up":
            return ("Escalates to: nothing; a sub-national platform with no link up "
                    "(see CG205)")
        if ends == "reporting":
            return ("Escalates to: nothing; a sub-national platform whose link up is a "
                    "reporting line")
        return "Escalates to: nothing; this platform is an apex"
    steps = " → ".join(f"{p['id']}{_status(p)}" for p in route)
    end = {"cycle": " → back to a platform already on the route (escalation cycle)",
           "apex": " (apex)",
           "reporting": " (sub-national; a reporting line goes on up from there)",
           "no_link_up": " (sub-national, no link further up: see CG205)"}[ends]
    return f"Escalation route: {info['id']} → {steps}{end}"


def _shown(value):
    """``value`` (the data of :func:`describe`) with every string's control
    characters escaped, for a terminal.

    >>> _shown({"label": "a\\x1b[2J", "seats": [{"n": 1, "c": "x\\ny"}]})
    {'label': 'a\\\\x1b[2J', 'seats': [{'n': 1, 'c': 'x\\\\ny'}]}
    """
    if isinstance(value, str):
        return escape_controls(value)
    if isinstance(value, dict):
        return {key: _shown(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_shown(item) for item in value]
    return value


def describe_text(info: dict, org: str = "IOM") -> str:
    """The report of ``coordgraph show`` for the data of :func:`describe`.

    >>> import coordgraph
    >>> print(describe_text(describe(coordgraph.load(), "rrt_lead")), end="")
    rrt_lead: Rapid Response Team Lead
    role of IOM · active
    Lead of Rapid Response Team, in the event that the COM has limited experience in humanitarian response and has designated an alternative emergency coordinator.
    <BLANKLINE>
    Seats:
      hct: Humanitarian Country Team (HCT), member, only in the event that the COM has limited experience in humanitarian response and has designated an alternative emergency coordinator
    Only IOM seat holder in: none
    Findings (IOM): none
    """
    info, org = _shown(info), escape_controls(org)  # labels, ids, conditions are data
    is_platform = info["kind"] == "platform"
    status = info.get("status", "active")
    status = "vacant post" if status == "vacant" else status
    if is_platform:
        facts = ["platform", info.get("structure"), info.get("level", "national"),
                 info.get("code"), status, info.get("location")]
    else:
        seniority = info.get("seniority")
        facts = [f"role of {info['org']}", seniority and f"seniority {seniority}", status,
                 info.get("person"), info.get("location")]
    lines = [f"{info['id']}: {info['label']}", " · ".join(str(f) for f in facts if f)]
    if is_platform and _leadership(info):
        lines.append(_leadership(info))
    if info.get("description"):
        lines.append(info["description"])
    lines.append("")

    def block(title, items, key):
        if items:
            lines.append(f"{title}:")
            lines.extend(_holder(i, key) for i in items)
        else:
            lines.append(f"{title}: none")

    if is_platform:
        lines.append(_org_here_text(info, org))
        if info["coordinators"]:
            block("Coordinator", info["coordinators"], "role")
        block("Seat holders", info["seats"], "role")
        for group in info["seat_groups"]:
            names = [f"{r} ({label}){_status({'status': st})}" for r, label, st in
                     zip(group["roles"], group["labels"], group["statuses"], strict=True)]
            lines.append(f"  one seat: {' or '.join(names)}")
        block("Alternates", info["alternates"], "role")
        block("Observers", info["observers"], "role")
        if "escalation" in info:
            lines.append(_route_text(info))
        lines.append(f"Receives escalations from: {_refs(info['escalated_from'])}")
    else:
        block("Seats", info["seats"], "platform")
        if info["coordinator_of"]:
            block("Coordinator of", info["coordinator_of"], "platform")
        if info["alternate_for"]:
            block("Alternate for", info["alternate_for"], "platform")
        if info["observer_at"]:
            block("Observer at", info["observer_at"], "platform")
        sole = [f"{s['id']}" + (" (has an alternate)" if s["has_alternate"] else
                                " (no alternate)") for s in info["sole_seat_holder"]]
        lines.append(f"Only {info['org']} seat holder in: {', '.join(sole) or 'none'}")
        if info["same_person"]:
            lines.append(f"Same person also holds: {_refs(info['same_person'])}")
    if info["reports_to"]:
        lines.append(f"Reports to: {_refs(info['reports_to'])}")
    if info["receives_reports_from"]:
        lines.append(f"Receives reports from: {_refs(info['receives_reports_from'])}")
    if info["advises"] or is_platform:
        lines.append(f"Advises: {_refs(info['advises'])}")
    if info["advised_by"] or is_platform:
        lines.append(f"Advised by: {_refs(info['advised_by'])}")
    findings = info["findings"]
    lines.append(f"Findings ({org}):" + ("" if findings else " none"))
    for f in findings:
        lines.append(f"  {f['code']} {f['severity']} {f['node']}: {f['message']}")
    return "\n".join(lines).rstrip() + "\n"
