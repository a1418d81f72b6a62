"""Escalation routes: cycles (CG201), forks (CG202), downward steps (CG204)."""

import coordgraph
from coordgraph.analysis import downward_escalation, escalation_cycles, multiple_escalation
from rows import advises, escalation, platform


def platforms(*ids, **columns):
    return [platform(i, **columns) for i in ids]


def test_a_chain_has_no_cycle():
    graph = coordgraph.from_records(platforms("cluster", "iccg", "hct"),
                                    [escalation("cluster", "iccg"), escalation("iccg", "hct")])
    assert escalation_cycles(graph) == []


def test_a_3_cycle_names_its_nodes_in_cycle_order():
    edges = [escalation("a", "c"), escalation("c", "b"), escalation("b", "a")]
    graph = coordgraph.from_records(platforms("a", "b", "c", "d"),
                                    [*edges, escalation("d", "a")])
    [finding] = escalation_cycles(graph)
    assert (finding.code, finding.severity) == ("CG201", "error")
    assert sorted(finding.nodes) == ["a", "b", "c"] and finding.node in finding.nodes
    steps = {(e["source"], e["target"]) for e in edges}
    n = len(finding.nodes)
    assert {(finding.nodes[i], finding.nodes[(i + 1) % n]) for i in range(n)} == steps
    assert "A → C → B → A" in finding.message


def test_a_complex_component_is_one_finding_naming_every_node():
    # a <-> b, b -> c -> a: two cycles sharing nodes; e is a separate 2-cycle.
    graph = coordgraph.from_records(
        platforms("a", "b", "c", "d", "e", "f"),
        [escalation("a", "b"), escalation("b", "a"), escalation("b", "c"), escalation("c", "a"),
         escalation("c", "d"), escalation("e", "f"), escalation("f", "e")])
    findings = escalation_cycles(graph)
    assert sorted(sorted(f.nodes) for f in findings) == [["a", "b", "c"], ["e", "f"]]
    assert all(f.code == "CG201" for f in findings)
    assert "A, B, C" in next(f.message for f in findings if len(f.nodes) == 3)


def test_advice_in_a_circle_is_not_escalation():
    graph = coordgraph.from_records(platforms("a", "b"), [advises("a", "b"), advises("b", "a")])
    assert escalation_cycles(graph) == []


def test_an_inactive_platform_breaks_the_cycle():
    nodes = [*platforms("a", "b"), platform("c", status="inactive")]
    graph = coordgraph.from_records(
        nodes, [escalation("a", "b"), escalation("b", "c"), escalation("c", "a")])
    assert escalation_cycles(graph) == []


def test_a_platform_escalating_to_two_platforms_is_cg202():
    graph = coordgraph.from_records(platforms("cluster", "iccg", "hct"),
                                    [escalation("cluster", "iccg"), escalation("cluster", "hct"),
                                     escalation("iccg", "hct")])
    [finding] = multiple_escalation(graph)
    assert (finding.code, finding.severity, finding.node) == ("CG202", "warning", "cluster")
    assert sorted(finding.nodes) == ["hct", "iccg"]


def test_one_route_up_is_not_cg202():
    graph = coordgraph.from_records(platforms("cluster", "iccg", "hct"),
                                    [escalation("cluster", "iccg"), advises("cluster", "hct")])
    assert multiple_escalation(graph) == []


def test_cg202_ignores_inactive_platforms():
    nodes = [*platforms("cluster", "iccg"), platform("hct", status="inactive")]
    graph = coordgraph.from_records(nodes, [escalation("cluster", "iccg"),
                                            escalation("cluster", "hct")])
    assert multiple_escalation(graph) == []
    nodes = [platform("cluster", status="inactive"), *platforms("iccg", "hct")]
    graph = coordgraph.from_records(nodes, [escalation("cluster", "iccg"),
                                            escalation("cluster", "hct")])
    assert multiple_escalation(graph) == []


def test_escalating_down_a_level_is_cg204():
    graph = coordgraph.from_records(
        [platform("hct", level="national"), platform("hub", level="subnational"),
         platform("regional", level="regional")],
        [escalation("hct", "hub"), escalation("hub", "regional")])
    [finding] = downward_escalation(graph)
    assert (finding.code, finding.severity, finding.node, finding.nodes) == (
        "CG204", "warning", "hct", ("hct", "hub"))
    assert "national" in finding.message and "subnational" in finding.message


def test_escalating_up_or_level_is_not_cg204():
    graph = coordgraph.from_records(
        [platform("hub", level="subnational"), platform("hct"), platform("hct2"),
         platform("global", level="global"), platform("old", level="global", status="inactive")],
        [escalation("hub", "hct"), escalation("hct", "hct2"), escalation("hct2", "global"),
         escalation("old", "hub")])
    assert downward_escalation(graph) == []


def test_cg202_findings_follow_each_platform_s_first_edge():
    """Forks are told in the order of each platform's first escalation edge,
    even when another platform's second edge comes first."""
    graph = coordgraph.from_records(platforms("a", "b", "x", "y"),
                                    [escalation("a", "x"), escalation("b", "x"),
                                     escalation("b", "y"), escalation("a", "y")])
    assert [(f.node, f.nodes) for f in multiple_escalation(graph)] == [
        ("a", ("x", "y")), ("b", ("x", "y"))]
