"""Everything the graph says about one platform or one role.

:func:`describe` returns plain data (dicts and lists, ready for JSON);
:func:`describe_text` turns it into the report of ``coordgraph show``.

>>> import coordgraph
>>> hct = describe(coordgraph.load(), "hct")
>>> [(s["role"], s["capacity"]) for s in hct["seats"]]
[('chief_of_mission', 'member')]
>>> [(a["role"], a["condition"]) for a in hct["alternates"]]  # doctest: +ELLIPSIS
[('rrt_lead', 'in the event that the COM has limited experience ...')]
"""

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
    return data


def _by_capacity(graph, memberships, end) -> tuple[list, list, list]:
    """Memberships seen from ``end``, split into seats, alternates and observers."""
    seats, alternates, observers = [], [], []
    for edge in memberships:
        group = (seats if edge.is_seat else alternates if edge.capacity == "alternate"
                 else observers)
        group.append(_membership(graph, edge, end))
    return seats, alternates, observers


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

    if node.is_platform:
        members = [e for e in incoming if e.relation == "membership"]
        seats, alternates, observers = _by_capacity(graph, members, "source")
        info.update(seats=seats, alternates=alternates, observers=observers)
        if route:
            steps, cycle = escalation_route(graph, node_id)
            info["escalation"] = {"route": [_ref(graph, p) for p in steps],
                                  "ends": "cycle" if cycle else "apex"}
        info["escalated_from"] = [_ref(graph, e.source) for e in incoming
                                  if e.relation == "escalation"]
    else:
        memberships = [e for e in outgoing if e.relation == "membership"]
        seats, alternates, observers = _by_capacity(graph, memberships, "target")
        info.update(seats=seats, alternate_for=alternates, observer_at=observers)
        info["sole_seat_holder"] = _sole_seats(graph, node, memberships)
    info["findings"] = _findings(graph, node_id, org, max_seats, findings)
    return info


def _sole_seats(graph, role, memberships) -> list[dict]:
    """Active platforms where ``role`` holds a seat and no other active role
    of its organisation does; ``has_alternate`` tells whether one of them
    stands in. Inactive platforms are ignored, as CG305 ignores them."""
    mine = graph.org_of(role).casefold()
    sole = []
    for edge in memberships:
        if not edge.is_seat or not graph.nodes[edge.target].is_active:
            continue
        colleagues = [e for e in graph.memberships(edge.target)
                      if e.source != role.id and graph.nodes[e.source].is_active
                      and graph.org_of(graph.nodes[e.source]).casefold() == mine]
        if any(e.is_seat for e in colleagues):
            continue
        sole.append({**_ref(graph, edge.target),
                     "has_alternate": any(e.capacity == "alternate" for e in colleagues)})
    return sole


# ---------------------------------------------------------------- text

def _status(item) -> str:
    return f" ({item['status']})" if item.get("status", "active") != "active" else ""


def _holder(item, key) -> str:
    text = f"  {item[key]}: {item['label']}"
    if item.get("org"):
        text += f" [{item['org']}]"
    if item["capacity"] not in ("alternate", "observer"):
        text += f", {item['capacity']}"
    text += _status(item)
    if item["condition"]:
        text += f", only {item['condition']}"
    return text


def _refs(items) -> str:
    return "; ".join(f"{i['id']} ({i['label']}){_status(i)}" for i in items) or "none"


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
    Lead of Rapid Response Team: the alternative emergency coordinator the Chief of Mission designates when the CoM has limited experience in humanitarian response.
    <BLANKLINE>
    Seats: none
    Alternate for:
      hct: Humanitarian Country Team (HCT), only in the event that the COM has limited experience in humanitarian response and has designated an alternative emergency coordinator
    Only IOM seat holder in: none
    Findings (IOM): none
    """
    info, org = _shown(info), escape_controls(org)  # labels, ids, conditions are data
    is_platform = info["kind"] == "platform"
    if is_platform:
        facts = ["platform", info.get("structure"), info.get("level", "national"),
                 info.get("code"), info.get("status", "active")]
    else:
        seniority = info.get("seniority")
        facts = [f"role of {info['org']}", seniority and f"seniority {seniority}",
                 info.get("status", "active")]
    lines = [f"{info['id']}: {info['label']}", " · ".join(str(f) for f in facts if f)]
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
        block("Seat holders", info["seats"], "role")
        block("Alternates", info["alternates"], "role")
        block("Observers", info["observers"], "role")
        route = info["escalation"]["route"]
        if not route:
            lines.append("Escalates to: nothing; this platform is an apex")
        else:
            steps = " → ".join(f"{p['id']}{_status(p)}" for p in route)
            end = (" → back to a platform already on the route (escalation cycle)"
                   if info["escalation"]["ends"] == "cycle" else " (apex)")
            lines.append(f"Escalation route: {info['id']} → {steps}{end}")
        lines.append(f"Receives escalations from: {_refs(info['escalated_from'])}")
    else:
        block("Seats", info["seats"], "platform")
        if info["alternate_for"]:
            block("Alternate for", info["alternate_for"], "platform")
        if info["observer_at"]:
            block("Observer at", info["observer_at"], "platform")
        sole = [f"{s['id']}" + (" (has an alternate)" if s["has_alternate"] else
                                " (no alternate)") for s in info["sole_seat_holder"]]
        lines.append(f"Only {info['org']} seat holder in: {', '.join(sole) or 'none'}")
    if info["advises"] or is_platform:
        lines.append(f"Advises: {_refs(info['advises'])}")
    if info["advised_by"] or is_platform:
        lines.append(f"Advised by: {_refs(info['advised_by'])}")
    findings = info["findings"]
    lines.append(f"Findings ({org}):" + ("" if findings else " none"))
    for f in findings:
        lines.append(f"  {f['code']} {f['severity']} {f['node']}: {f['message']}")
    return "\n".join(lines).rstrip() + "\n"
