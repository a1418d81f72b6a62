"""Who carries the seats? Overload (CG304) and single points of failure (CG305)."""

import pytest

import coordgraph
from coordgraph.analysis import overloaded_roles, single_points_of_failure
from coordgraph.analysis.workload import seats_by_role
from rows import member, platform, role


def seats(count, **membership):
    """The CoM with a membership in ``count`` platforms p0, p1..."""
    ids = [f"p{i}" for i in range(count)]
    return coordgraph.from_records([role("com"), *(platform(i) for i in ids)],
                                   [member("com", i, **membership) for i in ids])


# --- CG304: overloaded role --------------------------------------------------------

def test_more_seats_than_the_limit_is_cg304():
    [finding] = overloaded_roles(seats(4))
    assert (finding.code, finding.severity, finding.node) == ("CG304", "warning", "com")
    assert finding.nodes == ("com", "p0", "p1", "p2", "p3")
    assert "4 platforms" in finding.message


@pytest.mark.parametrize("count, max_seats, expected", [
    (3, 3, []), (4, 3, ["com"]), (3, 2, ["com"]), (2, 2, []), (9, 10, [])])
def test_max_seats_sets_the_limit(count, max_seats, expected):
    assert [f.node for f in overloaded_roles(seats(count), max_seats=max_seats)] == expected
    codes = [f.code for f in coordgraph.check(seats(count), max_seats=max_seats)]
    assert ("CG304" in codes) is bool(expected)


@pytest.mark.parametrize("capacity", ["alternate", "observer"])
def test_alternates_and_observers_are_not_seats(capacity):
    assert overloaded_roles(seats(5, capacity=capacity)) == []


def test_inactive_platforms_and_other_orgs_do_not_count():
    graph = coordgraph.from_records(
        [role("com"), role("rc", org="UN"),
         *(platform(f"p{i}", status="inactive" if i > 1 else "active") for i in range(5))],
        [m for i in range(5) for m in (member("com", f"p{i}"), member("rc", f"p{i}"))])
    assert seats_by_role(graph) == {"com": ["p0", "p1"]}
    assert seats_by_role(graph, "UN") == {"rc": ["p0", "p1"]}
    assert [f.node for f in overloaded_roles(graph, max_seats=1)] == ["com"]
    assert overloaded_roles(graph) == []


# --- CG305: single point of failure ------------------------------------------------

def test_the_only_seat_holder_of_two_platforms_is_cg305():
    [finding] = single_points_of_failure(seats(2))
    assert (finding.code, finding.severity, finding.node) == ("CG305", "warning", "com")
    assert finding.nodes == ("com", "p0", "p1")


def test_the_only_link_to_one_platform_is_not_cg305():
    assert single_points_of_failure(seats(1)) == []


def test_an_alternate_suppresses_cg305():
    graph = coordgraph.from_records(
        [role("com"), role("rrt_lead"), platform("hct"), platform("unct")],
        [member("com", "hct"), member("com", "unct"),
         member("rrt_lead", "hct", capacity="alternate")])
    assert single_points_of_failure(graph) == []


def test_an_alternate_of_another_org_or_inactive_does_not_count():
    graph = coordgraph.from_records(
        [role("com"), role("deputy", status="inactive"), role("rc", org="UN"),
         platform("hct"), platform("unct")],
        [member("com", "hct"), member("com", "unct"),
         member("deputy", "hct", capacity="alternate"), member("rc", "unct", capacity="alternate")])
    assert [f.node for f in single_points_of_failure(graph)] == ["com"]


def test_a_second_seat_holder_is_not_a_single_point():
    graph = coordgraph.from_records(
        [role("com"), role("pc"), platform("hct"), platform("unct")],
        [member("com", "hct"), member("com", "unct"), member("pc", "unct", capacity="co-chair")])
    assert single_points_of_failure(graph) == []


def test_cg305_for_another_org():
    graph = coordgraph.from_records(
        [role("rep", org="UNHCR"), platform("hct"), platform("pwg")],
        [member("rep", "hct"), member("rep", "pwg")])
    assert single_points_of_failure(graph) == []
    assert [f.node for f in single_points_of_failure(graph, "unhcr")] == ["rep"]


@pytest.mark.parametrize("own, expected", [("1", ["com", "dcom"]), ("2", ["dcom"]), ("", ["dcom"])])
def test_a_role_s_own_limit_below_the_others_is_kept(own, expected):
    """Holders within the lowest limit of any role are passed over; a role
    whose own max_seats is that lowest limit is still held to it."""
    graph = coordgraph.from_records(
        [role("com", max_seats=own), role("dcom"), *(platform(p) for p in ("a", "b", "c"))],
        [member("com", "a"), member("com", "b"),
         *(member("dcom", p) for p in ("a", "b", "c"))])
    assert [f.node for f in overloaded_roles(graph, max_seats=2)] == expected
