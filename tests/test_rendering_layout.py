"""Rows: levels as bands, one row per step of escalation, wide rows wrapped."""

import coordgraph
from coordgraph.rendering.layout import platform_rows, wrap_width
from coordgraph.rendering.views import select
from render_helpers import EXAMPLE
from rows import advises, escalation, platform


def rows_of(nodes, edges, width=None):
    graph = coordgraph.from_records(nodes=nodes, edges=edges)
    return platform_rows(select(graph), width)


def test_escalation_goes_up_one_row_at_a_time():
    nodes = [platform(i) for i in ("a", "b", "c")]
    assert rows_of(nodes, [escalation("c", "b"), escalation("b", "a")]) == [["a"], ["b"], ["c"]]


def test_advice_between_platforms_also_puts_the_adviser_below():
    nodes = [platform("unct"), platform("pmt")]
    assert rows_of(nodes, [advises("pmt", "unct")]) == [["unct"], ["pmt"]]


def test_a_platform_sits_under_its_lowest_parent():
    nodes = [platform(i) for i in ("top", "mid", "low")]
    edges = [escalation("mid", "top"), escalation("low", "top"), advises("low", "mid")]
    assert rows_of(nodes, edges) == [["top"], ["mid"], ["low"]]


def test_levels_are_bands_top_to_bottom():
    nodes = [platform("hub", level="subnational"), platform("hct"),
             platform("region", level="regional"), platform("world", level="global")]
    edges = [escalation("hub", "hct"), escalation("hct", "region")]
    assert rows_of(nodes, edges) == [["world"], ["region"], ["hct"], ["hub"]]


def test_wide_rows_wrap_per_structure():
    nodes = [platform("top", structure="A")]
    nodes += [platform(f"c{i}", structure="A") for i in range(7)]
    nodes += [platform("other", structure="B")]
    edges = [escalation(f"c{i}", "top") for i in range(7)]
    assert rows_of(nodes, edges, width=3) == [
        ["top", "other"], ["c0", "c1", "c2"], ["c3", "c4", "c5"], ["c6"]]


def test_cycles_do_not_hang():
    nodes = [platform(i) for i in ("a", "b", "c")]
    edges = [escalation("a", "b"), escalation("b", "c"), escalation("c", "a")]
    rows = rows_of(nodes, edges)
    assert sorted(i for row in rows for i in row) == ["a", "b", "c"]


def test_deep_hierarchies_do_not_recurse():
    nodes = [platform(f"p{i}") for i in range(3000)]
    edges = [escalation(f"p{i + 1}", f"p{i}") for i in range(2999)]
    rows = rows_of(nodes, edges)
    assert len(rows) == 3000 and rows[0] == ["p0"] and rows[-1] == ["p2999"]


def test_every_platform_gets_exactly_one_row():
    graph = coordgraph.load(EXAMPLE)
    rows = platform_rows(select(graph))
    placed = [i for row in rows for i in row]
    assert sorted(placed) == sorted(n.id for n in graph.nodes.values() if n.kind == "platform")
    assert max(len(row) for row in rows) <= 3 * wrap_width(len(placed))


def test_no_platforms_no_rows():
    assert platform_rows(select(coordgraph.load(), "representation", org="nobody")) != []
    graph = coordgraph.from_records(nodes=[{"id": "r", "kind": "role", "label": "R"}], edges=[])
    assert platform_rows(select(graph)) == []


def test_rows_can_follow_relations_the_view_does_not_draw():
    graph = coordgraph.from_records(nodes=[platform("unct"), platform("pmt")],
                                    edges=[advises("pmt", "unct")])
    selection = select(graph, "representation")
    assert selection.edges == []
    assert platform_rows(selection) == [["pmt", "unct"]]   # by label in a row
    assert platform_rows(selection, edges=graph.edges) == [["unct"], ["pmt"]]
