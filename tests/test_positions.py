"""Each node knows its position in its graph and each edge holds its nodes,
so that the analyses follow references instead of looking ids up (lookups in
a dict of 300,000 ids miss the processor's caches).

* A loaded graph is linked: positions in file order, each edge holding the
  graph's own nodes.
* A graph made of another graph's nodes or edges gets copies where they would
  disagree; the other graph and its findings stay as they were.
* The rules that follow positions find what the plain ways by id find, on
  any graph (Hypothesis).
"""

import warnings

import networkx as nx
import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

import coordgraph
from coordgraph.analysis import (
    downward_escalation,
    escalation_cycles,
    multiple_escalation,
    orphans,
    unlinked_subnational,
)
from coordgraph.analysis._shared import org_presence, org_seats
from coordgraph.errors import DataError, DataWarning, UsageError
from coordgraph.model import CoordGraph, Edge, Node
from coordgraph.records import as_dict, replace
from coordgraph.schema import ABSENT_STATUSES, LEVEL_RANK, LEVELS, SEAT_CAPACITIES


def assert_linked(graph):
    for position, (node_id, node) in enumerate(graph.nodes.items()):
        assert node.position == position and node.id == node_id
    for edge in graph.edges:
        assert edge.source_node is graph.nodes[edge.source]
        assert edge.target_node is graph.nodes[edge.target]


@pytest.mark.parametrize("folder", ["data", "examples/nortavia"])
def test_a_loaded_graph_is_linked(folder):
    assert_linked(coordgraph.load(folder))


def test_a_graph_of_another_graphs_nodes_copies_them_and_leaves_the_other_alone():
    first = coordgraph.load()
    before = [(f.code, f.node, f.message) for f in coordgraph.check(first)]
    # The same nodes in reverse order, and the edges that hold first's nodes.
    second = CoordGraph(dict(reversed(first.nodes.items())), tuple(first.edges))
    assert_linked(second)
    assert_linked(first)
    assert second.nodes == dict(reversed(first.nodes.items()))   # equal copies
    assert all(second.nodes[i] is not first.nodes[i] for i in first.nodes)   # all moved
    assert all(a is not b for a, b in zip(second.edges, first.edges, strict=True))
    assert [(f.code, f.node, f.message) for f in coordgraph.check(first)] == before
    assert sorted((f.code, f.node, f.message) for f in coordgraph.check(second)) \
        == sorted(before)


def rows_of(nodes, edges):
    """The records as rows for from_records()."""
    return ([{"id": n.id, **n.attributes()} for n in nodes],
            [{"source": e.source, "target": e.target, **e.attributes()} for e in edges])


def test_a_subgraph_of_a_loaded_graph_is_checked_as_its_own_rows_would_be():
    whole = coordgraph.load("examples/nortavia")
    first = next(iter(whole.nodes))   # without it, every other node moves up one place
    kept = {i: n for i, n in whole.nodes.items() if i != first}
    edges = [e for e in whole.edges if first not in (e.source, e.target)]
    sub = CoordGraph(kept, edges, whole.context)
    assert_linked(sub)
    assert all(sub.nodes[i] is not whole.nodes[i] for i in kept)
    context = {name: list(value) if isinstance(value, tuple) else value
               for name, value in as_dict(whole.context).items() if value}
    rows = coordgraph.from_records(*rows_of(kept.values(), edges), context=context)
    assert [(f.code, f.node, f.nodes, f.message) for f in coordgraph.check(sub)] == \
        [(f.code, f.node, f.nodes, f.message) for f in coordgraph.check(rows)]
    assert_linked(whole)


def test_an_edge_without_its_nodes_is_linked_in_place_and_a_replaced_one_too():
    nodes = {"hct": Node("hct", "platform", "HCT"), "com": Node("com", "role", "CoM")}
    edge = Edge("com", "hct", "membership")
    graph = CoordGraph(nodes, [edge])
    assert graph.edges[0] is edge and edge.source_node is nodes["com"]
    moved = replace(edge, target="com", source="hct", relation="advises")
    assert moved.source_node is None   # links are not fields: replace() leaves them
    again = CoordGraph(nodes, [moved])
    assert again.edges[0].source_node is nodes["hct"]


def test_an_edge_naming_a_node_that_is_not_there_is_a_usage_error():
    with pytest.raises(UsageError, match="names 'zzz', which is not among the nodes"):
        CoordGraph({"hct": Node("hct", "platform", "HCT")}, [Edge("hct", "zzz", "advises")])


def test_links_to_the_wrong_nodes_are_not_trusted():
    nodes = {i: Node(i, "platform", i.upper()) for i in ("a", "b", "c")}
    # Links to nodes of this graph, but not the ones the ids name.
    edge = Edge("a", "b", "advises", source_node=nodes["c"], target_node=nodes["b"])
    graph = CoordGraph(nodes, [edge])
    assert graph.edges[0].source_node is nodes["a"] and edge.source_node is nodes["c"]
    assert [f.node for f in orphans(graph)] == ["c"]


def test_links_stay_out_of_the_repr_the_equality_and_the_fields():
    graph = coordgraph.load()
    edge = graph.edges[0]
    assert "source_node" not in repr(edge) and "position" not in repr(graph.nodes[edge.source])
    assert edge == Edge(*Edge._values(edge))
    assert "position" not in graph.nodes[edge.source].attributes()


# ----------------------------------------------------------- the rules, by id

def plain_orphans(graph):
    connected = {e.source for e in graph.edges} | {e.target for e in graph.edges}
    return [n.id for n in graph.nodes.values()
            if n.id not in connected and n.status != "inactive"]


def escalation_between_active(graph):
    inactive = {n.id for n in graph.nodes.values() if n.status == "inactive"}
    return [e for e in graph.edges if e.relation == "escalation"
            and e.source not in inactive and e.target not in inactive]


def plain_cycles(graph):
    G = nx.DiGraph((e.source, e.target) for e in escalation_between_active(graph))
    return sorted(sorted(c) for c in nx.strongly_connected_components(G) if len(c) > 1)


def plain_forks(graph):
    ups: dict = {}
    for e in escalation_between_active(graph):
        ups.setdefault(e.source, []).append(e.target)
    return [(source, tuple(targets)) for source, targets in ups.items() if len(targets) > 1]


def plain_downward(graph):
    return [e.source for e in escalation_between_active(graph)
            if LEVEL_RANK[graph.nodes[e.source].level] > LEVEL_RANK[graph.nodes[e.target].level]]


def plain_unlinked(graph):
    active = [n for n in graph.nodes.values() if n.kind == "platform" and n.status != "inactive"]
    G = nx.DiGraph()
    G.add_edges_from((e.source, e.target) for e in graph.edges
                     if e.relation in ("escalation", "reporting")
                     and graph.nodes[e.source].status != "inactive"
                     and graph.nodes[e.target].status != "inactive")
    high = {p.id for p in active if LEVEL_RANK[p.level] >= LEVEL_RANK["national"]}
    return [p.id for p in active if p.level == "subnational"
            and not (p.id in high or (p.id in G and high & nx.descendants(G, p.id)))]


def plain_presence(graph, org):
    presence, seats = {}, {}
    for e in graph.edges:
        role, platform = graph.nodes[e.source], graph.nodes[e.target]
        if (e.relation != "membership" or role.status in ABSENT_STATUSES
                or platform.status == "inactive" or not role.org_is(org)):
            continue
        presence.setdefault(e.target, []).append(e)
        if e.capacity in SEAT_CAPACITIES:
            seats.setdefault(e.source, []).append(e.target)
    return presence, seats


@st.composite
def graphs(draw):
    """A valid graph of a few platforms and roles with any statuses, levels
    and orgs, and edges of every relation between them."""
    count = draw(st.integers(1, 9))
    nodes = []
    for number in range(count):
        kind = draw(st.sampled_from(["platform", "role"]))
        statuses = ["active", "inactive", "planned"] + (["vacant"] if kind == "role" else [])
        nodes.append({"id": f"n{number}", "kind": kind, "label": f"N{number}",
                      "level": draw(st.sampled_from(LEVELS)),
                      "status": draw(st.sampled_from(statuses)),
                      "org": draw(st.sampled_from(["", "IOM", "iom", "UNHCR"]))
                      if kind == "role" else ""})
    kinds = {n["id"]: n["kind"] for n in nodes}
    edges, seen = [], set()
    for _ in range(draw(st.integers(0, 16))):
        source, target = (f"n{draw(st.integers(0, count - 1))}" for _ in range(2))
        relation = draw(st.sampled_from(["escalation", "membership", "advises", "reporting"]))
        wanted = {"membership": ("role", "platform"), "escalation": ("platform", "platform"),
                  "reporting": ("platform", "platform")}.get(relation)
        if source == target or (source, relation, target) in seen or (
                wanted and (kinds[source], kinds[target]) != wanted):
            continue
        seen.add((source, relation, target))
        edges.append({"source": source, "target": target, "relation": relation,
                      "capacity": draw(st.sampled_from(["", "lead", "alternate", "coordinator"]))
                      if relation == "membership" else ""})
    order = draw(st.permutations(range(len(edges))))
    return nodes, [edges[i] for i in order]


def assert_rules_as_by_id(graph):
    assert_linked(graph)
    assert [f.node for f in orphans(graph)] == plain_orphans(graph)
    assert sorted(sorted(f.nodes) for f in escalation_cycles(graph)) == plain_cycles(graph)
    assert [(f.node, f.nodes) for f in multiple_escalation(graph)] == plain_forks(graph)
    assert [f.node for f in downward_escalation(graph)] == plain_downward(graph)
    assert [f.node for f in unlinked_subnational(graph)] == plain_unlinked(graph)
    presence, seats = plain_presence(graph, "IOM")
    assert {p: here.memberships for p, here in org_presence(graph, "IOM").items()} == presence
    assert list(org_presence(graph, "IOM")) == list(presence)   # first-membership order
    assert org_seats(graph, "IOM") == seats and list(org_seats(graph, "IOM")) == list(seats)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs(), st.booleans())
def test_the_rules_by_position_find_what_the_plain_ways_by_id_find(rows, row_by_row):
    nodes, edges = rows
    if row_by_row:   # a capacity on an advises edge: edges validated row by row (CG105)
        edges = [{**e, "capacity": "lead"} if e["relation"] == "advises" else e for e in edges]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DataWarning)
            graph = coordgraph.from_records(nodes=nodes, edges=edges)
    except DataError:
        assume(False)
    assert_rules_as_by_id(graph)
    # The same records in reverse order, made by hand: copied and linked anew.
    mirrored = CoordGraph(dict(reversed(graph.nodes.items())), list(reversed(graph.edges)))
    assert_rules_as_by_id(mirrored)
    assert_rules_as_by_id(graph)
