"""The coordination graph: platforms and roles, and the relations between them.

The core is plain dicts and slotted records, because the analyses must stay
fast at hundreds of thousands of nodes; :meth:`CoordGraph.to_networkx`
builds a ``networkx.MultiDiGraph`` (one edge key per relation) on demand for
rendering, export and anyone who wants networkx's algorithms.
"""

import warnings
from functools import cached_property

from .errors import GraphvizError, UsageError
from .records import FACTORY, FrozenRecord, Record, replace
from .schema import ABSENT_STATUSES, DEFAULT_ORG, ORG_SEPARATOR, SEAT_CAPACITIES

_set = object.__setattr__


# Node and Edge are read-only by convention, not frozen: a frozen record
# sets each field through object.__setattr__, which made loading 300k nodes
# and 775k edges measurably slower.
class Node(Record):
    """A platform or a role: one row of ``nodes.csv``.

    ``position`` (not a field) is the node's place in its graph's ``nodes``,
    set when the graph is made (None before): the analyses index arrays by it.
    """

    _fields = (
        "id", "kind", "label", "label_fr", "label_es", "org", "structure", "structure_fr",
        "structure_es", "level", "status", "seniority", "min_seniority", "code",
        "description", "reference", "expected", "lead", "co_lead", "person", "location",
        "max_seats", "line")
    _links = ("position",)
    __slots__ = _fields + _links

    def __init__(self, id: str, kind: str, label: str, label_fr: str = "",
                 label_es: str = "", org: str = "", structure: str = "",
                 structure_fr: str = "", structure_es: str = "", level: str = "national",
                 status: str = "active", seniority: int | None = None,
                 min_seniority: int | None = None, code: str = "", description: str = "",
                 reference: str = "", expected: str = "", lead: str = "", co_lead: str = "",
                 person: str = "", location: str = "", max_seats: int | None = None,
                 line: int = 0) -> None:
        self.id = id
        self.kind = kind
        self.label = label
        self.label_fr = label_fr
        self.label_es = label_es
        self.org = org
        self.structure = structure
        self.structure_fr = structure_fr
        self.structure_es = structure_es
        self.level = level
        self.status = status
        self.seniority = seniority
        self.min_seniority = min_seniority
        self.code = code
        self.description = description
        self.reference = reference
        self.expected = expected
        self.lead = lead
        self.co_lead = co_lead
        self.person = person
        self.location = location
        self.max_seats = max_seats
        self.line = line
        self.position: int | None = None

    @property
    def is_platform(self) -> bool:
        return self.kind == "platform"

    @property
    def is_active(self) -> bool:
        return self.status != "inactive"

    @property
    def is_vacant(self) -> bool:
        """A role whose post exists but nobody holds it."""
        return self.status == "vacant"

    @property
    def counts_as_presence(self) -> bool:
        """Whether the role's memberships put its org at the table: someone
        holds it (not ``vacant``) and it is used here (not ``inactive``).

        >>> Node("po", "role", "PO", status="vacant").counts_as_presence
        False
        """
        return self.status not in ABSENT_STATUSES

    @property
    def leads(self) -> tuple[str, ...]:
        """The organisations in ``lead``, in order.

        >>> Node("shl", "platform", "Shelter", lead="UNHCR; IFRC").leads
        ('UNHCR', 'IFRC')
        """
        return split_orgs(self.lead)

    @property
    def co_leads(self) -> tuple[str, ...]:
        """The organisations in ``co_lead``, in order."""
        return split_orgs(self.co_lead)

    def org_is(self, org: str) -> bool:
        """Whether this role belongs to ``org`` (any case; an empty ``org``
        cell is IOM).

        >>> Node("com", "role", "Chief of Mission").org_is("iom")
        True
        """
        return same_org(self.org or DEFAULT_ORG, org)

    def is_led_by(self, org: str) -> bool:
        """Whether ``org`` is among the platform's ``lead`` or ``co_lead``.

        >>> Node("shl", "platform", "Shelter", lead="UNHCR", co_lead="IOM").is_led_by("iom")
        True
        """
        return self.has_lead(org) or self.has_co_lead(org)

    def has_lead(self, org: str) -> bool:
        """Whether ``org`` is among the platform's ``lead`` (any case).

        >>> Node("shl", "platform", "Shelter", lead="UNHCR;iom").has_lead("IOM")
        True
        """
        return any(same_org(o, org) for o in self.leads)

    def has_co_lead(self, org: str) -> bool:
        """Whether ``org`` is among the platform's ``co_lead`` (any case)."""
        return any(same_org(o, org) for o in self.co_leads)

    def label_in(self, lang: str = "en") -> str:
        """The label in ``lang`` ('en', 'fr', 'es'), falling back to ``label``."""
        return in_language(lang, self.label, self.label_fr, self.label_es)

    def structure_in(self, lang: str = "en") -> str:
        """The structure's name in ``lang``, falling back to ``structure``.

        >>> Node("hct", "platform", "HCT", structure="Pre-Crisis",
        ...      structure_es="Antes de la crisis").structure_in("es")
        'Antes de la crisis'
        """
        return in_language(lang, self.structure, self.structure_fr, self.structure_es)

    def attributes(self) -> dict:
        """Non-empty data attributes (no ``id``, no ``line``)."""
        return _attributes(self, ("id", "line"))


class Edge(Record):
    """A relation between two nodes: one row of ``edges.csv``.

    ``source_node`` and ``target_node`` (not fields) are the nodes its ends
    name, in its graph: the analyses follow them instead of looking ids up
    (a lookup in a dict of 300,000 ids misses the processor's caches). A
    :class:`CoordGraph` sets them when they are not its own nodes.
    """

    _fields = ("source", "target", "relation", "capacity", "condition", "condition_fr",
               "condition_es", "note", "reference", "seat", "line")
    _links = ("source_node", "target_node")
    __slots__ = _fields + _links

    def __init__(self, source: str, target: str, relation: str, capacity: str = "",
                 condition: str = "", condition_fr: str = "", condition_es: str = "",
                 note: str = "", reference: str = "", seat: str = "", line: int = 0,
                 source_node: Node | None = None, target_node: Node | None = None) -> None:
        self.source = source
        self.target = target
        self.relation = relation
        self.capacity = capacity
        self.condition = condition
        self.condition_fr = condition_fr
        self.condition_es = condition_es
        self.note = note
        self.reference = reference
        self.seat = seat
        self.line = line
        self.source_node = source_node
        self.target_node = target_node

    @property
    def is_seat(self) -> bool:
        """A membership that counts as a seat (not alternate or observer)."""
        return self.relation == "membership" and self.capacity in SEAT_CAPACITIES

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.relation, self.target)

    def condition_in(self, lang: str = "en") -> str:
        """The condition in ``lang``, falling back to ``condition``.

        >>> Edge("a", "b", "membership", condition="in some instances",
        ...      condition_fr="dans certains cas").condition_in("fr")
        'dans certains cas'
        """
        return in_language(lang, self.condition, self.condition_fr, self.condition_es)

    def attributes(self) -> dict:
        """Non-empty data attributes (no endpoints, no ``line``)."""
        return _attributes(self, ("source", "target", "line"))


def placed(nodes: dict[str, Node]) -> dict[str, Node]:
    """The nodes, each knowing its ``position`` among them.

    A node not yet in a graph is given its position; one placed elsewhere
    in another graph is copied, so that the other graph stays as it was.

    >>> a, b = Node("a", "role", "A"), Node("b", "platform", "B")
    >>> nodes = placed({"a": a, "b": b})
    >>> nodes["b"] is b, b.position
    (True, 1)
    >>> nodes = placed({"b": b})
    >>> nodes["b"] is b, nodes["b"] == b, nodes["b"].position
    (False, True, 0)
    """
    order = list(nodes.values())
    copied = False
    for position, node in enumerate(order):
        where = node.position
        if where is None:
            node.position = position
        elif where != position:
            order[position] = copy = replace(node)   # its fields, not its position
            copy.position = position
            copied = True
    return dict(zip(nodes, order, strict=True)) if copied else nodes


def linked(nodes: dict[str, Node], edges: list[Edge]) -> list[Edge]:
    """The edges, each holding the nodes (:func:`placed`) its ends name.

    The edges themselves when they are new or already hold these nodes (as
    :func:`coordgraph.load` makes them); an edge holding another graph's
    nodes is copied.

    >>> nodes = placed({"a": Node("a", "role", "A"), "b": Node("b", "platform", "B")})
    >>> edge = Edge("a", "b", "membership")
    >>> linked(nodes, [edge])[0] is edge, edge.target_node is nodes["b"]
    (True, True)
    >>> other = placed({"b": Node("b", "platform", "B"), "a": Node("a", "role", "A")})
    >>> linked(other, [edge])[0] is edge, edge.target_node is nodes["b"]
    (False, True)
    >>> wrong = Edge("a", "b", "membership", source_node=nodes["b"], target_node=nodes["b"])
    >>> linked(nodes, (wrong,))[0].source_node is nodes["a"]
    True

    Raises
    ------
    UsageError
        An edge names an id that is not among the nodes.
    """
    if not isinstance(edges, list):   # a tuple, a generator...
        edges = list(edges)
    order = list(nodes.values())
    count = len(order)
    relinked = None
    for number, edge in enumerate(edges):
        source, target = edge.source_node, edge.target_node
        if source is not None and target is not None:
            at_source, at_target = source.position, target.position
            if (at_source is not None and at_target is not None and at_source < count
                    and at_target < count and order[at_source] is source
                    and order[at_target] is target and source.id == edge.source
                    and target.id == edge.target):   # already holds its own nodes
                if relinked is not None:
                    relinked.append(edge)
                continue
        ends = nodes.get(edge.source), nodes.get(edge.target)
        if None in ends:
            missing = edge.source if ends[0] is None else edge.target
            raise UsageError(f"the {edge.relation} edge {edge.source!r} -> {edge.target!r} "
                             f"names {missing!r}, which is not among the nodes; "
                             "coordgraph.from_records() checks rows and says what is wrong")
        if source is None and target is None:   # a new edge: linked in place
            edge.source_node, edge.target_node = ends
        else:
            if relinked is None:
                relinked = edges[:number]
            edge = replace(edge)   # its fields, not its links
            edge.source_node, edge.target_node = ends
        if relinked is not None:
            relinked.append(edge)
    return edges if relinked is None else relinked


def same_org(name: str, org: str) -> bool:
    """Whether ``name`` names ``org``: organisations are compared in any case.

    >>> same_org("Iom", "IOM"), same_org("UNHCR", "IOM")
    (True, False)
    """
    return name == org or name.casefold() == org.casefold()


def in_language(lang: str, english: str, french: str = "", spanish: str = "") -> str:
    """The text in ``lang`` ('en', 'fr', 'es'): its translation when that cell
    is filled, else the English.

    >>> in_language("fr", "Health", "Santé"), in_language("es", "Health", "Santé")
    ('Santé', 'Health')
    """
    if lang == "fr" and french:
        return french
    if lang == "es" and spanish:
        return spanish
    return english


def split_orgs(cell: str) -> tuple[str, ...]:
    """Organisations of a ``lead``/``co_lead`` cell, separated by ``;``.

    >>> split_orgs(" IOM ;UNHCR;; ")
    ('IOM', 'UNHCR')
    """
    return tuple(part.strip() for part in cell.split(ORG_SEPARATOR) if part.strip())


def _attributes(record, skip) -> dict:
    out = {}
    for name in record._fields:
        if name in skip:
            continue
        value = getattr(record, name)
        if value not in ("", None, ()):
            out[name] = value
    return out


class Context(FrozenRecord):
    """What ``context.toml`` says about the context (all optional).

    ``region`` is free text grouping contexts in a portfolio, e.g. "West and
    Central Africa".
    """

    __slots__ = _fields = ("name", "country", "org", "as_of", "lang", "context_type", "crisis",
                           "sectors", "template", "template_as_of", "source", "region")
    name: str
    country: str
    org: str
    as_of: str
    lang: str
    context_type: str
    crisis: str
    sectors: tuple[str, ...]
    template: str
    template_as_of: str
    source: str
    region: str

    def __init__(self, name: str = "", country: str = "", org: str = DEFAULT_ORG,
                 as_of: str = "", lang: str = "en", context_type: str = "", crisis: str = "",
                 sectors: tuple[str, ...] = (), template: str = "", template_as_of: str = "",
                 source: str = "", region: str = "") -> None:
        _set(self, "name", name)
        _set(self, "country", country)
        _set(self, "org", org)
        _set(self, "as_of", as_of)
        _set(self, "lang", lang)
        _set(self, "context_type", context_type)
        _set(self, "crisis", crisis)
        _set(self, "sectors", sectors)
        _set(self, "template", template)
        _set(self, "template_as_of", template_as_of)
        _set(self, "source", source)
        _set(self, "region", region)

    def runs_programmes_in(self, code: str) -> bool | None:
        """Whether ``sectors`` lists ``code`` (any case); None when ``sectors``
        is not given.

        >>> Context(sectors=("CCM", "SHL")).runs_programmes_in("shl")
        True
        >>> Context().runs_programmes_in("SHL") is None
        True
        """
        if not self.sectors:
            return None
        wanted = code.casefold()
        return any(s.casefold() == wanted for s in self.sectors)


class CoordGraph:
    """A validated context: nodes by id, edges in file order, and its context.

    Build one with :func:`coordgraph.load` (a folder) or
    :func:`coordgraph.from_records` (rows in memory). Two graphs are equal
    only when they are the same object. Each node knows its ``position`` in
    ``nodes`` and each edge holds its nodes (:func:`placed`, :func:`linked`):
    change a graph by making a new one from its records, not by adding to
    ``nodes`` or ``edges``.

    ``memo`` holds what the analyses computed once for this graph (never
    mutated after loading); it is not a field: neither an argument nor in
    the repr.
    """

    #: The fields, in the order of ``__init__``'s parameters (see :mod:`.records`).
    _fields = ("nodes", "edges", "context", "source")

    def __init__(self, nodes: dict[str, Node], edges: list[Edge],
                 context: Context = FACTORY, source: str = "") -> None:
        nodes = placed(nodes)
        self._start(nodes, linked(nodes, edges), context, source)

    @classmethod
    def _of_built(cls, nodes: dict[str, Node], edges: list[Edge]) -> "CoordGraph":
        """For the loader only: the graph of edges it has just built against
        these new nodes, which hold them already; they are not checked again
        (a pass over every edge). Anything else goes through ``__init__``.
        """
        graph = cls.__new__(cls)
        graph._start(placed(nodes), edges, FACTORY, "")
        return graph

    def _start(self, nodes, edges, context, source) -> None:
        self.nodes = nodes
        self.edges = edges
        self.context = Context() if context is FACTORY else context
        self.source = source
        self.memo: dict = {}

    def __len__(self) -> int:
        return len(self.nodes)

    def __contains__(self, node_id) -> bool:
        return node_id in self.nodes

    def __repr__(self) -> str:
        where = f" from {self.source!r}" if self.source else ""
        return f"<CoordGraph{where}: {len(self.nodes)} nodes, {len(self.edges)} edges>"

    # Indexes, built once on first use. The graph is never mutated after load.
    @cached_property
    def out_edges(self) -> dict[str, list[Edge]]:
        """Edges leaving each node (nodes without any are absent)."""
        index: dict[str, list[Edge]] = {}
        for edge in self.edges:
            index.setdefault(edge.source, []).append(edge)
        return index

    @cached_property
    def in_edges(self) -> dict[str, list[Edge]]:
        """Edges arriving at each node (nodes without any are absent)."""
        index: dict[str, list[Edge]] = {}
        for edge in self.edges:
            index.setdefault(edge.target, []).append(edge)
        return index

    def memberships(self, platform_id: str) -> list[Edge]:
        """Membership edges into a platform, any capacity."""
        return [e for e in self.in_edges.get(platform_id, ()) if e.relation == "membership"]

    def escalates_to(self, platform_id: str) -> list[str]:
        """Platforms this platform escalates to, in file order."""
        return [e.target for e in self.out_edges.get(platform_id, ()) if e.relation == "escalation"]

    def active_platforms(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.kind == "platform" and n.status != "inactive"]

    def label(self, node_id: str, lang: str = "en") -> str:
        node = self.nodes.get(node_id)
        return node.label_in(lang) if node else node_id

    def org_of(self, node: Node) -> str:
        return node.org or DEFAULT_ORG

    def belongs_to(self, node: Node, org: str) -> bool:
        """Whether ``node`` is a role of ``org`` (any case, empty ``org`` = IOM)."""
        return node.kind == "role" and node.org_is(org)

    def is_expected(self, platform: Node) -> bool:
        """Whether the org must be present at ``platform`` (its *relevance*).

        ``expected`` yes or no decides; when empty, the platform is expected
        unless it has a ``code`` and the context lists ``sectors`` without it.

        >>> import coordgraph
        >>> g = coordgraph.from_records(
        ...     nodes=[{"id": "shl", "kind": "platform", "label": "Shelter", "code": "SHL"},
        ...            {"id": "hct", "kind": "platform", "label": "HCT"}],
        ...     edges=[], context={"sectors": ["CCM"]})
        >>> g.is_expected(g.nodes["shl"]), g.is_expected(g.nodes["hct"])
        (False, True)
        """
        if platform.expected:
            return platform.expected == "yes"
        # Not expected only where the context says no programmes run in its sector.
        return not platform.code or self.context.runs_programmes_in(platform.code) is not False

    def to_networkx(self):
        """A ``networkx.MultiDiGraph`` with every attribute; edge keys are relations.

        >>> import coordgraph
        >>> g = coordgraph.from_records(
        ...     nodes=[{"id": "hct", "kind": "platform", "label": "HCT"},
        ...            {"id": "com", "kind": "role", "label": "Chief of Mission"}],
        ...     edges=[{"source": "com", "target": "hct", "relation": "membership"}])
        >>> G = g.to_networkx()
        >>> G.nodes["com"]["org"], G.edges["com", "hct", "membership"]["capacity"]
        ('IOM', 'member')
        """
        import networkx as nx

        G = nx.MultiDiGraph()
        # Lists (sectors) as text: GraphML and GEXF hold scalars only.
        G.graph.update({k: ";".join(v) if isinstance(v, tuple) else v
                        for k, v in _attributes(self.context, ()).items()})
        G.add_nodes_from((n.id, n.attributes()) for n in self.nodes.values())
        G.add_edges_from((e.source, e.target, e.relation, e.attributes()) for e in self.edges)
        return G

    def _repr_svg_(self):
        """The organigram in Jupyter; None (the text repr) when Graphviz fails
        or the graph is too large to draw."""
        from .rendering import render  # the Jupyter hook: the renderer only when drawn

        try:
            return render(self, format="svg").decode("utf-8")
        except (GraphvizError, UsageError) as exc:   # no Graphviz, or too large to draw
            warnings.warn(f"no organigram: {exc}", stacklevel=2)
            return None
