"""``show``'s library side: what the graph says about a platform or a role."""

import pytest

import coordgraph
from coordgraph.describing import describe, describe_text, escalation_route
from coordgraph.errors import UsageError
from coordgraph.templating import template_path

HCT_CONDITION = ("in the event that the COM has limited experience in humanitarian response "
                 "and has designated an alternative emergency coordinator")


@pytest.fixture(scope="module")
def generic():
    return coordgraph.load()


def _who(items, key="role"):
    return [(i[key], i["capacity"], i["condition"]) for i in items]


def test_who_represents_iom_at_the_hct_and_who_stands_in(generic):
    hct = describe(generic, "hct")
    # "Chief of Mission, or lead of Rapid Response Team in the event that ...":
    # both fill one seat, the RRT lead under the manual's condition.
    assert _who(hct["seats"]) == [("chief_of_mission", "member", ""),
                                  ("rrt_lead", "member", HCT_CONDITION)]
    assert hct["alternates"] == []
    assert _who(hct["observers"]) == [("cluster_coordinator", "observer", "in some instances")]
    assert hct["seats"][0]["label"] == "Chief of Mission (CoM)"
    assert hct["seats"][0]["org"] == "IOM"


def test_hct_text_answers_the_question(generic):
    text = describe_text(describe(generic, "hct"))
    assert ("Seat holders:\n  chief_of_mission: Chief of Mission (CoM) [IOM], member\n"
            f"  rrt_lead: Rapid Response Team Lead [IOM], member, only {HCT_CONDITION}\n"
            "Alternates: none\n") in text
    assert ("Observers:\n  cluster_coordinator: IOM Cluster Coordinator [IOM], "
            "only in some instances\n") in text
    assert "Escalates to: nothing; this platform is an apex" in text


def test_platform_escalation_route_and_sources(generic):
    meetings = describe(generic, "cluster_meetings")
    assert [p["id"] for p in meetings["escalation"]["route"]] == ["iccg", "hct"]
    assert meetings["escalation"]["ends"] == "apex"
    hct = describe(generic, "hct")
    assert hct["escalation"] == {"route": [], "ends": "apex"}
    assert [p["id"] for p in hct["escalated_from"]] == ["iccg"]
    assert "Escalation route: cluster_meetings → iccg → hct (apex)" in describe_text(meetings)


def test_aor_route_goes_through_protection():
    graph = coordgraph.load(template_path("humanitarian"))
    gbv = describe(graph, "aor_gbv")
    assert [p["id"] for p in gbv["escalation"]["route"]] == ["cluster_pro", "iccg", "hct"]
    assert gbv["code"] == "PRO-GBV" and gbv["label_fr"] == "Violences basées sur le genre"
    # The seat exists but nobody is assigned: shown inactive, and CG301.
    assert [(s["role"], s["status"]) for s in gbv["seats"]] == [
        ("po_gbv", "inactive"), ("oo_gbv", "inactive")]
    assert [f["code"] for f in gbv["findings"]] == ["CG301"]
    assert ("po_gbv: Programme Manager/Officer (Gender Based Violence) [IOM], member "
            "(inactive)") in describe_text(gbv)


def test_escalation_cycle_stops():
    graph = coordgraph.from_records(
        nodes=[{"id": i, "kind": "platform", "label": i.upper()} for i in ("a", "b", "c")],
        edges=[{"source": "c", "target": "a", "relation": "escalation"},
               {"source": "a", "target": "b", "relation": "escalation"},
               {"source": "b", "target": "a", "relation": "escalation"}])
    assert escalation_route(graph, "c") == (["a", "b"], True)
    assert escalation_route(graph, "a") == (["b"], True)
    info = describe(graph, "c")
    assert info["escalation"]["ends"] == "cycle"
    assert "(escalation cycle)" in describe_text(info)
    assert "CG201" not in [f["code"] for f in info["findings"]]     # c leads into it
    assert [f["code"] for f in describe(graph, "b")["findings"] if f["code"] == "CG201"] == [
        "CG201"]


def test_advice_both_ways(generic):
    assert [n["id"] for n in describe(generic, "smt")["advises"]] == ["designated_official"]
    assert [n["id"] for n in describe(generic, "unct")["advised_by"]] == ["pmt", "omt"]
    assert [n["id"] for n in describe(generic, "designated_official")["advised_by"]] == ["smt"]


def test_platform_findings_include_those_naming_it(generic):
    # CG305 is about the CoM but names the UNCT and the SMT.
    assert [(f["code"], f["node"]) for f in describe(generic, "unct")["findings"]] == [
        ("CG305", "chief_of_mission")]
    assert describe(generic, "hct")["findings"] == []


def test_role_seats_and_sole_seats(generic):
    com = describe(generic, "chief_of_mission")
    assert [(s["platform"], s["capacity"]) for s in com["seats"]] == [
        ("hct", "member"), ("unct", "member"), ("smt", "member")]
    # At the HCT the Rapid Response Team lead can fill the CoM's seat.
    assert [(s["id"], s["has_alternate"]) for s in com["sole_seat_holder"]] == [
        ("unct", False), ("smt", False)]
    assert [f["code"] for f in com["findings"]] == ["CG305"]
    assert com["org"] == "IOM"
    text = describe_text(com)
    assert "Only IOM seat holder in: unct (no alternate), smt (no alternate)" in text


def test_role_alternate_and_observer(generic):
    cc = describe(generic, "cluster_coordinator")
    assert [s["platform"] for s in cc["seats"]] == ["iccg"]
    assert _who(cc["observer_at"], "platform") == [("hct", "observer", "in some instances")]
    assert cc["alternate_for"] == []
    # "Programme Coordinator or Senior Programme Manager": both hold the seat.
    spm = describe(generic, "senior_programme_manager")
    assert [s["platform"] for s in spm["seats"]] == ["pmt"] and spm["alternate_for"] == []
    assert describe(generic, "programme_coordinator")["sole_seat_holder"] == []


def test_an_alternate_is_not_a_seat():
    graph = coordgraph.from_records(
        nodes=[{"id": "pmt", "kind": "platform", "label": "PMT"},
               {"id": "pc", "kind": "role", "label": "Programme Coordinator"},
               {"id": "spm", "kind": "role", "label": "Senior Programme Manager"}],
        edges=[{"source": "pc", "target": "pmt", "relation": "membership"},
               {"source": "spm", "target": "pmt", "relation": "membership",
                "capacity": "alternate"}])
    spm = describe(graph, "spm")
    assert spm["seats"] == [] and [a["platform"] for a in spm["alternate_for"]] == ["pmt"]
    # The Programme Coordinator is the sole seat holder at the PMT, with an alternate.
    pc = describe(graph, "pc")
    assert [(s["id"], s["has_alternate"]) for s in pc["sole_seat_holder"]] == [("pmt", True)]


def test_sole_seat_holder_counts_only_its_own_org():
    graph = coordgraph.from_records(
        nodes=[{"id": "hct", "kind": "platform", "label": "HCT"},
               {"id": "com", "kind": "role", "label": "CoM", "org": "IOM"},
               {"id": "rep", "kind": "role", "label": "Representative", "org": "UNHCR"},
               {"id": "dep", "kind": "role", "label": "Deputy", "org": "IOM",
                "status": "inactive"}],
        edges=[{"source": r, "target": "hct", "relation": "membership"}
               for r in ("com", "rep", "dep")])
    assert [s["id"] for s in describe(graph, "com")["sole_seat_holder"]] == ["hct"]
    assert [s["id"] for s in describe(graph, "rep")["sole_seat_holder"]] == ["hct"]
    # dep is inactive: com does not count it; it, in turn, has com beside it.
    assert describe(graph, "dep")["sole_seat_holder"] == []


def test_plain_data_only(generic):
    import json

    for node_id in generic.nodes:
        json.dumps(describe(generic, node_id))


def test_unknown_id_suggests(generic):
    with pytest.raises(UsageError, match="no node 'htc' in Generic coordination framework: "
                                         "did you mean 'hct'\\?"):
        describe(generic, "htc")


def test_unknown_id_matching_a_code_suggests_its_node():
    graph = coordgraph.load(template_path("humanitarian"))
    with pytest.raises(UsageError, match="did you mean 'cluster_hea' \\(code HEA\\)\\?"):
        describe(graph, "hea")


def test_unknown_id_without_a_close_match(generic):
    with pytest.raises(UsageError, match="the ids are in the id column of nodes.csv"):
        describe(generic, "zzzzzz")


def test_findings_given_are_used_instead_of_a_new_check(generic):
    checked = coordgraph.check(generic)
    assert describe(generic, "smt", findings=checked)["findings"] == \
        describe(generic, "smt")["findings"] != []
    assert describe(generic, "smt", findings=())["findings"] == []


@pytest.mark.parametrize("typo", ["HCT", "Chief-Of-Mission", "CHIEF_OF_MISSION"])
def test_unknown_id_in_another_case_suggests_the_id(generic, typo):
    meant = "hct" if typo == "HCT" else "chief_of_mission"
    with pytest.raises(UsageError, match=f"did you mean '{meant}'\\?"):
        describe(generic, typo)


def test_sole_seat_holder_ignores_inactive_platforms():
    graph = coordgraph.from_records(
        nodes=[{"id": "hct", "kind": "platform", "label": "HCT"},
               {"id": "edu", "kind": "platform", "label": "Education", "status": "inactive"},
               {"id": "po", "kind": "role", "label": "Programme Officer"}],
        edges=[{"source": "po", "target": p, "relation": "membership"} for p in ("hct", "edu")])
    info = describe(graph, "po")
    assert [s["platform"] for s in info["seats"]] == ["hct", "edu"]     # still listed
    assert [s["id"] for s in info["sole_seat_holder"]] == ["hct"]       # as CG305 counts
