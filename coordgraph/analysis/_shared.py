"""What the analyses share: the org's memberships, the escalation edges,
names for messages. Each is computed once per graph (and org) and memoised
on the graph, which is never mutated after loading."""

import warnings

from ..arguments import require
from ..errors import UnknownOrgWarning
from ..model import Node, same_org
from ..reading import clean_cell
from ..records import FACTORY, Record
from ..schema import ABSENT_STATUSES, DEFAULT_ORG, RELATIONS, SEAT_CAPACITIES
from ..suggesting import did_you_mean


def _memo(graph, key, compute):
    memo = graph.memo
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def edges_by_relation(graph) -> dict[str, list]:
    """The edges of each relation, in file order (one pass over all edges)."""
    def compute():
        groups: dict[str, list] = {relation: [] for relation in RELATIONS}
        for edge in graph.edges:
            groups[edge.relation].append(edge)
        return groups

    return _memo(graph, "edges_by_relation", compute)


class Presence(Record):
    """The org at one platform: its memberships, and what they add up to."""

    __slots__ = _fields = ("memberships", "seat_holders", "unconditional_seat", "alternate",
                           "coordinating", "grouped")

    def __init__(self, memberships: list = FACTORY,
                 seat_holders: list = FACTORY,   # role ids, file order
                 unconditional_seat: bool = False, alternate: bool = False,
                 coordinating: bool = False,
                 grouped: bool = False) -> None:   # a membership names a seat group
        self.memberships = [] if memberships is FACTORY else memberships
        self.seat_holders = [] if seat_holders is FACTORY else seat_holders
        self.unconditional_seat = unconditional_seat
        self.alternate = alternate
        self.coordinating = coordinating
        self.grouped = grouped


def org_roles(graph, org: str) -> list:
    """Every role of the org, any status, in file order (one pass over the nodes).

    Each distinct ``org`` cell is matched once (:meth:`CoordGraph.belongs_to`
    per node was the cost), then the roles are picked by their cell; a list,
    not a dict by id: inserting 150,000 ids into a dict misses the caches.

    >>> import coordgraph
    >>> [role.id for role in org_roles(coordgraph.load(), "iom")][:2]
    ['chief_of_mission', 'rrt_lead']
    """
    def compute():
        matches: dict[str, bool] = {}
        roles: list[Node] = []
        add = roles.append
        for node in graph.nodes.values():   # one pass over the nodes
            if node.kind == "role":
                cell = node.org
                match = matches.get(cell)
                if match is None:
                    match = matches[cell] = same_org(cell or DEFAULT_ORG, org)
                if match:
                    add(node)
        return roles

    return _memo(graph, ("org_roles", org.casefold()), compute)


class RoleFacts(Record):
    """What the rules ask of the org's roles, found in one pass over them."""

    __slots__ = _fields = ("present", "absent", "vacant", "holders", "lowest_max_seats")

    def __init__(self, present: bytearray, absent: frozenset, vacant: frozenset, holders: dict,
                 lowest_max_seats: int | None) -> None:
        self.present = present        # by node position: 1 if held and used here (presence)
        self.absent = absent          # vacant or inactive
        self.vacant = vacant
        self.holders = holders        # see holder_keys
        self.lowest_max_seats = lowest_max_seats


def role_facts(graph, org: str) -> RoleFacts:
    """:class:`RoleFacts` of the org's roles (any status), in one pass: each
    rule walking the 150,000 roles of a large context again cost as much.

    >>> import coordgraph
    >>> g = coordgraph.load()
    >>> facts = role_facts(g, "IOM")
    >>> facts.present[g.nodes["chief_of_mission"].position], facts.present[g.nodes["hct"].position]
    (1, 0)
    >>> facts.absent, facts.vacant, facts.lowest_max_seats
    (frozenset(), frozenset(), None)
    """
    def compute():
        present = bytearray(len(graph.nodes))
        absent, vacant = [], []
        holders = {}
        lowest = None
        # Node.counts_as_presence's test and holder_of, inline: a call per role costs more.
        for node in org_roles(graph, org):
            status = node.status
            if status in ABSENT_STATUSES:
                absent.append(node.id)
                if status == "vacant":
                    vacant.append(node.id)
            else:
                present[node.position] = 1
                person = node.person   # most roles name none: tested first
                if person:
                    person = person.strip()
                    if person:
                        holders[node.id] = ("person", person.casefold())
            limit = node.max_seats
            if limit is not None and (lowest is None or limit < lowest):
                lowest = limit
        return RoleFacts(present, frozenset(absent), frozenset(vacant), holders, lowest)

    return _memo(graph, ("role_facts", org.casefold()), compute)


def org_presence(graph, org: str) -> dict[str, Presence]:
    """The org's held roles' memberships into active platforms, by platform.

    Platforms without any are absent. One pass serves every CG3xx rule.
    """
    return _org_pass(graph, org)[0]


def org_seats(graph, org: str) -> dict[str, list[str]]:
    """The active platforms where each of the org's active roles holds a seat."""
    return _org_pass(graph, org)[1]


def _org_pass(graph, org: str):
    def compute():
        present = role_facts(graph, org).present
        # Gathered by position, following each edge to its nodes (see
        # orphans); the dicts by id are made once at the end, in the order of
        # each platform's and role's first membership.
        count = len(graph.nodes)
        presence_at: list = [None] * count
        seats_at: list = [None] * count
        platforms, roles = [], []
        for edge in edges_by_relation(graph)["membership"]:
            role, platform = edge.source_node, edge.target_node
            if not present[role.position] or platform.status == "inactive":
                continue
            here = presence_at[platform.position]
            if here is None:
                here = presence_at[platform.position] = Presence()
                platforms.append(platform)
            here.memberships.append(edge)
            if edge.seat:
                here.grouped = True
            capacity = edge.capacity
            if capacity in SEAT_CAPACITIES:
                here.seat_holders.append(edge.source)
                held = seats_at[role.position]
                if held is None:
                    seats_at[role.position] = [edge.target]
                    roles.append(role)
                else:
                    held.append(edge.target)
                if not edge.condition:
                    here.unconditional_seat = True
            elif capacity == "alternate":
                here.alternate = True
            elif capacity == "coordinator":
                here.coordinating = True
        presence = {p.id: presence_at[p.position] for p in platforms}
        seats = {r.id: seats_at[r.position] for r in roles}
        return presence, seats

    return _memo(graph, ("org_pass", org.casefold()), compute)


def absent_posts(graph, org: str) -> dict[str, list]:
    """Memberships of the org's vacant or inactive roles into active
    platforms, by platform: the posts that would put the org there.

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "hct", "kind": "platform", "label": "HCT"},
    ...            {"id": "po", "kind": "role", "label": "PO", "status": "vacant"}],
    ...     edges=[{"source": "po", "target": "hct", "relation": "membership"}])
    >>> [(p, [e.source for e in edges]) for p, edges in absent_posts(g, "IOM").items()]
    [('hct', ['po'])]
    """
    def compute():
        absent = role_facts(graph, org).absent
        posts: dict[str, list] = {}
        if absent:
            for edge in edges_by_relation(graph)["membership"]:
                if edge.source in absent and edge.target_node.status != "inactive":
                    posts.setdefault(edge.target, []).append(edge)
        return posts

    return _memo(graph, ("absent_posts", org.casefold()), compute)


def holder_of(node):
    """Who holds a role: its ``person`` (any case) or, unnamed, the role's id.

    >>> from coordgraph.model import Node
    >>> holder_of(Node("po", "role", "PO", person=" Ana Diallo"))
    ('person', 'ana diallo')
    >>> holder_of(Node("po", "role", "PO"))
    'po'
    """
    person = node.person.strip()
    return ("person", person.casefold()) if person else node.id


def holder_keys(graph, org: str) -> dict:
    """The holder (:func:`holder_of`) of each of the org's held roles that has
    a ``person``: look roles up with ``.get(role_id, role_id)``. Empty when no
    role names a person, so old-style contexts cost nothing more."""
    return role_facts(graph, org).holders


def holder_name(graph, role_ids) -> str:
    """A holder for a message: the role's label, or the person and their roles.

    >>> from types import SimpleNamespace as NS
    >>> g = NS(nodes={"a": NS(label="Programme Coordinator", person="Ana"),
    ...               "b": NS(label="Head of Sub-Office", person="Ana"),
    ...               "c": NS(label="Chief of Mission", person="")})
    >>> holder_name(g, ["c"]), holder_name(g, ["a"])
    ('Chief of Mission', 'Programme Coordinator (Ana)')
    >>> holder_name(g, ["a", "b"])
    'Ana (Programme Coordinator / Head of Sub-Office)'
    """
    roles = [graph.nodes[r] for r in role_ids]
    person = roles[0].person.strip()
    if len(roles) == 1:
        return f"{roles[0].label} ({person})" if person else roles[0].label
    return f"{person} ({' / '.join(r.label for r in roles)})"


def organisations(graph) -> list[str]:
    """The organisations the roles belong to, sorted, each once whatever its case.

    >>> import coordgraph
    >>> organisations(coordgraph.load())
    ['IOM', 'UN']
    """
    return sorted(_org_spellings(graph).values())


def _org_spellings(graph) -> dict[str, str]:
    """Each organisation's casefolded name -> its first spelling in the data."""
    def compute():
        spellings: dict[str, str] = {}
        for node in graph.nodes.values():
            if node.kind == "role":
                spellings.setdefault(node.org.casefold(), node.org)
        return spellings

    return _memo(graph, "org_spellings", compute)


def normalise_org(graph, org=None) -> tuple[str, str]:
    """The organisation a check or drawing is for, and a warning ("" if none).

    The one reading of ``--org`` and of the ``org`` argument everywhere:
    ``org`` trimmed (None or blank: the context's ``org``), then matched
    case-insensitively to the organisations roles belong to, keeping the
    data's spelling. The warning, with a did-you-mean, says when no role
    belongs to it.

    >>> import coordgraph
    >>> g = coordgraph.load()
    >>> normalise_org(g, " iom "), normalise_org(g, None)
    (('IOM', ''), ('IOM', ''))
    >>> normalise_org(g, "IMO")
    ('IMO', "no role belongs to 'IMO': did you mean 'IOM'? (organisations: IOM, UN)")
    """
    require(org, (str, type(None)), "org must be an organisation's name or None", "org='IOM'")
    wanted = clean_cell(org or "") or clean_cell(graph.context.org or "")
    spelling = _org_spellings(graph).get(wanted.casefold())
    if spelling is not None:
        return spelling, ""
    return wanted, unknown_org_hint(graph, wanted)


def resolve_org(graph, org=None, *, stacklevel: int = 3) -> str:
    """:func:`normalise_org`'s organisation; its warning is issued as an
    :class:`~coordgraph.errors.UnknownOrgWarning` (the library's way), once
    per graph and organisation: render() and export() check too, and one
    typo deserves one warning."""
    org, hint = normalise_org(graph, org)
    memo = graph.memo
    warned = ("unknown_org_warned", org.casefold())
    if hint and warned not in memo:
        memo[warned] = True
        warnings.warn(UnknownOrgWarning(hint), stacklevel=stacklevel)
    return org


def unknown_org_hint(graph, org: str) -> str:
    """A warning when roles exist but none belongs to ``org`` (a typo in
    ``--org`` would otherwise read as "absent from every platform"), else "".

    Costs nothing when the org sits somewhere: only then are roles scanned.

    >>> import coordgraph
    >>> unknown_org_hint(coordgraph.load(), "IMO")
    "no role belongs to 'IMO': did you mean 'IOM'? (organisations: IOM, UN)"
    >>> unknown_org_hint(coordgraph.load(), "iom")
    ''
    >>> print(unknown_org_hint(coordgraph.load(), "IOM\\x02"))
    no role belongs to 'IOM\\x02': did you mean 'IOM'? (organisations: IOM, UN)
    """
    if org_presence(graph, org):
        return ""
    known = organisations(graph)
    if not known or org.casefold() in {o.casefold() for o in known}:
        return ""  # no role at all: CG301 everywhere says it already
    hint = did_you_mean(org, known) or did_you_mean(org.upper(), known)
    shown = f"'{org}'" if org.isprintable() else repr(org)   # no raw control characters
    return (f"no role belongs to {shown}" + (f": {hint}" if hint else "")
            + f" (organisations: {', '.join(known) or 'none'})")


def active_platforms(graph) -> list:
    """The active platforms, in file order (computed once per graph)."""
    return _memo(graph, "active_platforms", graph.active_platforms)


def escalation_edges(graph) -> list:
    """Escalation edges between active platforms, in file order."""
    def compute():   # each edge's own nodes: see orphans
        return [e for e in edges_by_relation(graph)["escalation"]
                if e.source_node.status != "inactive" and e.target_node.status != "inactive"]

    return _memo(graph, "escalation_edges", compute)


def names(graph, ids, limit: int = 8) -> str:
    """A readable list of node labels for a message.

    >>> from types import SimpleNamespace as NS
    >>> g = NS(nodes={"a": NS(label="Alpha"), "b": NS(label="Beta")})
    >>> names(g, ["a", "b", "zzz"])
    'Alpha, Beta, zzz'
    """
    ids = list(ids)
    shown = [graph.nodes[i].label if i in graph.nodes else i for i in ids[:limit]]
    if len(ids) > limit:
        shown.append(f"and {len(ids) - limit} more")
    return ", ".join(shown)
