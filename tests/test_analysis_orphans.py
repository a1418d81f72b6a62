"""Orphans (CG203): nodes with no edge at all."""

import coordgraph
from coordgraph.analysis import orphans
from rows import advises, member, platform, role


def test_a_node_without_edges_is_an_orphan():
    graph = coordgraph.from_records(
        [platform("hct"), role("com"), role("lonely_officer"), platform("empty_forum")],
        [member("com", "hct")])
    found = {f.node: f for f in orphans(graph)}
    assert sorted(found) == ["empty_forum", "lonely_officer"]
    assert all(f.code == "CG203" and f.severity == "warning" for f in found.values())
    assert found["lonely_officer"].nodes == ("lonely_officer",)
    assert "Lonely Officer" in found["lonely_officer"].message


def test_any_relation_connects_a_node():
    graph = coordgraph.from_records([platform("smt"), role("do", org="UN")], [advises("smt", "do")])
    assert orphans(graph) == []


def test_an_inactive_node_is_not_an_orphan():
    graph = coordgraph.from_records(
        [platform("shelter_cluster", status="inactive"), role("retired", status="inactive"),
         platform("planned_hub", status="planned")], [])
    assert [f.node for f in orphans(graph)] == ["planned_hub"]
