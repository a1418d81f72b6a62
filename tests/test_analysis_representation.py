"""Is the organisation at the table? CG301, CG302, CG303."""

import pytest

import coordgraph
from coordgraph.analysis import junior_representation, unrepresented_platforms, weak_representation
from rows import member, platform, role


def nodes_of(findings):
    return sorted(f.node for f in findings)


# --- CG301: unrepresented platform ------------------------------------------------

def test_a_platform_without_the_org_is_cg301():
    graph = coordgraph.from_records(
        [platform("hct"), platform("unct", label="UN Country Team"), role("com"),
         role("rc", org="UN")],
        [member("com", "hct"), member("rc", "unct")])
    [finding] = unrepresented_platforms(graph)
    assert (finding.code, finding.severity, finding.node, finding.nodes) == (
        "CG301", "error", "unct", ("unct",))
    assert "IOM" in finding.message and "UN Country Team" in finding.message


def test_cg301_hint_names_the_inactive_role_that_would_sit_there():
    graph = coordgraph.from_records(
        [platform("hea", label="Health cluster"), platform("shl"),
         role("po_hea", label="Programme Officer (Health)", status="inactive"),
         role("unhcr_po", org="UNHCR", status="inactive")],
        [member("po_hea", "hea"), member("unhcr_po", "shl")])
    by_node = {f.node: f for f in unrepresented_platforms(graph)}
    assert sorted(by_node) == ["hea", "shl"]
    assert "Programme Officer (Health)" in by_node["hea"].hint
    assert "inactive" in by_node["hea"].hint
    # Another organisation's vacant post is not the org's seat: the usual hint.
    assert "add a membership edge" in by_node["shl"].hint


@pytest.mark.parametrize("capacity", ["member", "observer", "alternate", "chair"])
def test_any_membership_of_the_org_is_presence(capacity):
    graph = coordgraph.from_records([platform("hct"), role("com")],
                                    [member("com", "hct", capacity=capacity)])
    assert unrepresented_platforms(graph) == []


def test_inactive_platforms_and_roles_are_ignored():
    graph = coordgraph.from_records(
        [platform("hct"), platform("shelter", status="inactive"), role("com"),
         role("old_com", status="inactive")],
        [member("old_com", "hct")])
    assert nodes_of(unrepresented_platforms(graph)) == ["hct"]


def test_another_org_is_checked_on_its_own_roles():
    graph = coordgraph.from_records(
        [platform("hct"), platform("pwg", label="Protection Working Group"), role("com"),
         role("protection_officer", org="UNHCR")],
        [member("com", "hct"), member("protection_officer", "pwg")])
    assert nodes_of(unrepresented_platforms(graph, "UNHCR")) == ["hct"]
    assert nodes_of(unrepresented_platforms(graph, "IOM")) == ["pwg"]
    assert "UNHCR has no one" in unrepresented_platforms(graph, "UNHCR")[0].message


@pytest.mark.parametrize("data_org, asked",
                         [("iom", "IOM"), ("Unhcr", "UNHCR"), ("UNHCR", "unhcr")])
def test_the_org_is_compared_case_insensitively(data_org, asked):
    graph = coordgraph.from_records([platform("hct"), role("officer", org=data_org)],
                                    [member("officer", "hct")])
    assert unrepresented_platforms(graph, asked) == []
    assert [f.code for f in coordgraph.check(graph, org=asked)] == []


# --- CG302: weak representation ---------------------------------------------------

@pytest.mark.parametrize("memberships", [
    [member("cc", "hct", capacity="observer")],
    [member("cc", "hct", capacity="observer"), member("rrt", "hct", capacity="alternate")],
    # every seat conditional
    [member("cc", "hct", condition="in some instances"),
     member("rrt", "hct", capacity="chair", condition="if the CoM is away")],
])
def test_no_unconditional_seat_is_cg302(memberships):
    graph = coordgraph.from_records([platform("hct"), role("cc"), role("rrt")], memberships)
    [finding] = weak_representation(graph)
    assert (finding.code, finding.severity, finding.node) == ("CG302", "warning", "hct")
    assert finding.nodes == ("hct", *(m["source"] for m in memberships))
    assert unrepresented_platforms(graph) == []


def test_one_unconditional_seat_is_enough():
    graph = coordgraph.from_records(
        [platform("hct"), role("com"), role("cc")],
        [member("cc", "hct", capacity="observer", condition="in some instances"),
         member("com", "hct", capacity="co-lead")])
    assert weak_representation(graph) == []


def test_cg302_leaves_absent_and_inactive_platforms_alone():
    graph = coordgraph.from_records(
        [platform("hct"), platform("old", status="inactive"), role("cc")],
        [member("cc", "old", capacity="observer")])
    assert weak_representation(graph) == []
    assert nodes_of(unrepresented_platforms(graph)) == ["hct"]


def test_cg302_counts_only_the_orgs_seats():
    graph = coordgraph.from_records(
        [platform("hct"), role("cc"), role("hc", org="UN")],
        [member("cc", "hct", capacity="observer"), member("hc", "hct", capacity="chair")])
    assert nodes_of(weak_representation(graph)) == ["hct"]


# --- CG303: junior representation --------------------------------------------------

def seated(min_seniority, *seniorities, capacity="member"):
    roles = [role(f"r{i}", seniority=s) for i, s in enumerate(seniorities)]
    memberships = [member(r["id"], "hct", capacity=capacity) for r in roles]
    return coordgraph.from_records([platform("hct", min_seniority=min_seniority), *roles],
                                   memberships)


def test_every_seat_holder_below_min_seniority_is_cg303():
    [finding] = junior_representation(seated(7, 3, 6))
    assert (finding.code, finding.severity, finding.node) == ("CG303", "warning", "hct")
    assert sorted(finding.nodes) == ["hct", "r0", "r1"]
    assert "7" in finding.message


@pytest.mark.parametrize("min_seniority, seniorities", [
    (7, (3, 7)),        # one holder at the minimum
    (7, (3, "")),       # unknown seniority is not counted as below
    (7, ("",)),
    ("", (1,)),         # no minimum
])
def test_cg303_needs_every_holder_known_and_below(min_seniority, seniorities):
    assert junior_representation(seated(min_seniority, *seniorities)) == []


def test_cg303_counts_seats_only():
    graph = coordgraph.from_records(
        [platform("hct", min_seniority=7), role("po", seniority=3), role("com", seniority=9)],
        [member("po", "hct"), member("com", "hct", capacity="alternate")])
    assert nodes_of(junior_representation(graph)) == ["hct"]
    assert junior_representation(seated(7, 2, capacity="observer")) == []


def test_cg303_ignores_inactive_platforms():
    graph = coordgraph.from_records(
        [platform("hct", min_seniority=7, status="inactive"), role("po", seniority=3)],
        [member("po", "hct")])
    assert junior_representation(graph) == []
