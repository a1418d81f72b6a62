"""Which nodes and edges each view draws, and the neighbourhood --focus keeps."""

import pytest

import coordgraph
from coordgraph.errors import UsageError
from coordgraph.rendering import VIEWS
from coordgraph.rendering.views import select
from rows import advises, escalation, member, platform, role


@pytest.fixture(scope="module")
def bundled():
    return coordgraph.load()


def ids(selection):
    return [n.id for n in selection.nodes]


def test_organigram_draws_everything_in_file_order(bundled):
    selection = select(bundled, "organigram")
    assert ids(selection) == list(bundled.nodes)
    assert selection.edges == bundled.edges


def test_platforms_view_has_no_roles(bundled):
    selection = select(bundled, "platforms")
    assert all(n.kind == "platform" for n in selection.nodes)
    assert len(selection.nodes) == 7
    assert {e.relation for e in selection.edges} == {"escalation", "advises"}


def test_representation_view_keeps_the_orgs_roles_and_their_seats():
    graph = coordgraph.from_records(
        nodes=[platform("hct"), platform("iccg"), role("com"), role("hc", org="UN"),
               role("unhcr_rep", org="UNHCR")],
        edges=[member("com", "hct"), member("hc", "hct", capacity="chair"),
               member("unhcr_rep", "iccg"), escalation("iccg", "hct"), advises("iccg", "hc")])
    selection = select(graph, "representation", org="IOM")
    assert ids(selection) == ["hct", "iccg", "com"]
    assert [(e.source, e.relation) for e in selection.edges] == [
        ("com", "membership"), ("iccg", "escalation")]
    assert ids(select(graph, "representation", org="unhcr")) == ["hct", "iccg", "unhcr_rep"]


@pytest.mark.parametrize("depth, expected", [
    (0, ["iccg"]),
    (1, ["hct", "iccg", "cluster_meetings", "cluster_coordinator"]),
    (2, ["hct", "iccg", "cluster_meetings", "chief_of_mission", "rrt_lead",
         "cluster_coordinator", "programme_officer", "operations_officer"]),
])
def test_focus_keeps_the_neighbourhood(bundled, depth, expected):
    selection = select(bundled, focus="iccg", depth=depth)
    assert ids(selection) == expected
    kept = set(expected)
    assert all(e.source in kept and e.target in kept for e in selection.edges)
    assert selection.focus == "iccg" and selection.depth == depth


def test_focus_follows_edges_both_ways(bundled):
    assert "cluster_coordinator" in ids(select(bundled, focus="hct"))   # observer, incoming
    assert "hct" in ids(select(bundled, focus="cluster_coordinator"))   # outgoing


def test_focus_within_a_view(bundled):
    assert ids(select(bundled, "platforms", focus="iccg")) == ["hct", "iccg", "cluster_meetings"]


def test_unknown_focus_suggests_an_id(bundled):
    with pytest.raises(UsageError, match="did you mean 'hct'"):
        select(bundled, focus="hc")


def test_focus_that_the_view_does_not_draw(bundled):
    with pytest.raises(UsageError, match="role.*platforms view"):
        select(bundled, "platforms", focus="chief_of_mission")


def test_unknown_view(bundled):
    with pytest.raises(UsageError, match="unknown view"):
        select(bundled, "hairball")


def test_every_view_has_a_filter(bundled):
    for view in VIEWS:
        assert select(bundled, view).nodes
