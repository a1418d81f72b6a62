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
            "  one seat: chief_of_mission (Chief of Mission (CoM)) or rrt_lead (Rapid Response "
            "Team Lead)\nAlternates: none\n") in text
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
    assert gbv["code"] == "PRO-GBV" and gbv["label_fr"] == "Violences basées sur le genre (VBG)"
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


# --- a country office's data: leads, coordinators, people, places, vacancies

@pytest.fixture(scope="module")
def country():
    from pathlib import Path

    return coordgraph.load(Path(__file__).parent / "fixtures" / "country")


def test_lead_agencies_and_whether_the_org_leads(country):
    shelter = describe(country, "shelter")
    assert (shelter["leads"], shelter["co_leads"]) == (["IFRC"], ["IOM"])
    assert shelter["org_here"]["leadership"] == "co-lead"
    assert describe(country, "cccm")["org_here"]["leadership"] == "lead"
    assert describe(country, "wash")["org_here"]["leadership"] is None
    text = describe_text(shelter)
    assert "\nLead: IFRC · Co-lead: IOM\n" in text
    assert "IOM here: co-lead agency; seats held by programme_coordinator; " \
           "vacant post senior_programme_manager\n" in text
    # Another organisation's view of the same platform.
    assert describe(country, "shelter", org="IFRC", findings=())["org_here"]["leadership"] == \
        "lead"


def test_coordinator_is_not_an_observer_nor_a_seat(country):
    cccm = describe(country, "cccm")
    assert [c["role"] for c in cccm["coordinators"]] == ["cccm_coordinator"]
    assert cccm["observers"] == [] and [s["role"] for s in cccm["seats"]] == [
        "senior_programme_manager"]
    here = cccm["org_here"]
    assert here["coordinators"] == ["cccm_coordinator"]
    assert here["seat_holders"] == []                         # its only seat is vacant
    assert here["vacant"] == ["senior_programme_manager"]
    text = describe_text(cccm)
    assert ("Coordinator:\n  cccm_coordinator: CCCM Cluster Coordinator [IOM] — "
            "Dina Nhantumbo, Maputo\n") in text
    assert "Observers: none" in text
    assert ("  senior_programme_manager: Senior Programme Manager [IOM], lead (vacant post) "
            "— Maputo\n") in text
    role = describe(country, "kesso_cccm_coordinator")
    assert [c["platform"] for c in role["coordinator_of"]] == ["cccm_kesso"]
    assert role["observer_at"] == [] and role["seats"] == []
    assert "Coordinator of:\n  cccm_kesso: CCCM Sub-national Cluster, Kesso — Kesso\n" in \
        describe_text(role)


def test_people_and_places(country):
    com = describe(country, "chief_of_mission")
    assert (com["person"], com["location"], com["max_seats"]) == ("Ana Diallo", "Maputo", 5)
    assert describe_text(com).splitlines()[1] == \
        "role of IOM · seniority 9 · active · Ana Diallo · Maputo"
    hct = describe(country, "hct")
    assert [(s["role"], s.get("person")) for s in hct["seats"]] == [
        ("resident_coordinator", None), ("chief_of_mission", "Ana Diallo"),
        ("deputy_chief", "Bruno Costa")]
    assert describe_text(hct).splitlines()[1] == "platform · national · active · Maputo"
    # Roles held by one person point at each other.
    dina = describe(country, "kesso_cccm_coordinator")
    assert [r["id"] for r in dina["same_person"]] == ["cccm_coordinator"]
    assert "Same person also holds: cccm_coordinator (CCCM Cluster Coordinator)\n" in \
        describe_text(dina)
    assert describe(country, "deputy_chief")["same_person"] == []


def test_vacant_post(country):
    spm = describe(country, "senior_programme_manager")
    assert spm["status"] == "vacant"
    text = describe_text(spm)
    assert text.splitlines()[1] == "role of IOM · seniority 7 · vacant post · Maputo"
    assert "CG308" in text


def test_seat_groups_one_seat_either_role(country):
    hct = describe(country, "hct")
    assert hct["seat_groups"] == [{"seat": "hct-head",
                                   "roles": ["chief_of_mission", "deputy_chief"],
                                   "labels": ["Chief of Mission", "Deputy Chief of Mission"],
                                   "statuses": ["active", "active"]}]
    assert [s.get("seat") for s in hct["seats"]] == [None, "hct-head", "hct-head"]
    assert ("  one seat: chief_of_mission (Chief of Mission) or deputy_chief "
            "(Deputy Chief of Mission)\n") in describe_text(hct)
    shelter = describe_text(describe(country, "shelter"))
    assert ("one seat: programme_coordinator (Programme Coordinator) or "
            "senior_programme_manager (Senior Programme Manager) (vacant post)") in shelter


def test_reporting_lines_both_ways(country):
    local = describe(country, "cccm_kesso")
    assert [p["id"] for p in local["reports_to"]] == ["cccm"]
    assert [p["id"] for p in describe(country, "cccm")["receives_reports_from"]] == ["cccm_kesso"]
    # The escalation route stays escalation-only.
    assert [p["id"] for p in local["escalation"]["route"]] == ["kesso_hub"]
    text = describe_text(local)
    assert "Reports to: cccm (CCCM Cluster)\n" in text
    assert "Receives reports from: cccm_kesso (CCCM Sub-national Cluster, Kesso)\n" in \
        describe_text(describe(country, "cccm"))
    assert "Reports to" not in describe_text(describe(country, "hct"))


def test_subnational_platform_without_a_link_up_is_not_an_apex(country):
    hub = describe(country, "kesso_hub")
    assert hub["escalation"] == {"route": [], "ends": "no_link_up"}
    text = describe_text(hub)
    assert "apex" not in text
    assert "Escalates to: nothing; a sub-national platform with no link up (see CG205)" in text
    assert "CG205" in [f["code"] for f in hub["findings"]]
    local = describe(country, "cccm_kesso")
    assert local["escalation"]["ends"] == "no_link_up"
    assert ("Escalation route: cccm_kesso → kesso_hub (sub-national, no link further up: "
            "see CG205)") in describe_text(local)
    assert describe(country, "hct")["escalation"]["ends"] == "apex"


def test_not_expected_here(country):
    health = describe(country, "health")     # its code is not among the context's sectors
    assert health["org_here"]["expected"] is False and health["org_here"]["present"] is False
    assert "IOM here: not expected here (its code HEA is not among the sectors in " \
           "context.toml)\n" in describe_text(health)
    cwg = describe_text(describe(country, "cwg"))    # expected = no
    assert "not expected here (expected is no in nodes.csv)" in cwg
    logistics = describe(country, "logistics")       # expected, and nobody there
    assert logistics["org_here"]["expected"] is True
    assert "IOM here: nobody present; vacant post senior_programme_manager" not in \
        describe_text(logistics)
    assert "nobody present" in describe_text(logistics)


def test_route_false_leaves_the_route_out_of_data_and_text(country):
    info = describe(country, "cccm_kesso", route=False)
    assert "escalation" not in info
    text = describe_text(info)
    assert "Receives escalations from" in text and "Escalation route" not in text


def test_sole_seat_holder_uses_the_org_in_any_case():
    graph = coordgraph.from_records(
        nodes=[{"id": "hct", "kind": "platform", "label": "HCT"},
               {"id": "com", "kind": "role", "label": "CoM", "org": "IOM"},
               {"id": "dep", "kind": "role", "label": "Deputy", "org": "iom"}],
        edges=[{"source": r, "target": "hct", "relation": "membership"} for r in ("com", "dep")])
    assert describe(graph, "com")["sole_seat_holder"] == []


def test_subnational_platform_linked_up_by_reporting_only():
    graph = coordgraph.from_records(
        nodes=[{"id": "cccm", "kind": "platform", "label": "CCCM"},
               {"id": "north", "kind": "platform", "label": "CCCM North", "level": "subnational"},
               {"id": "hub", "kind": "platform", "label": "North hub", "level": "subnational"}],
        edges=[{"source": "north", "target": "cccm", "relation": "reporting"},
               {"source": "hub", "target": "north", "relation": "escalation"}])
    north = describe(graph, "north")
    assert north["escalation"] == {"route": [], "ends": "reporting"}
    text = describe_text(north)
    assert "Escalates to: nothing; a sub-national platform whose link up is a reporting line" \
        in text and "apex" not in text and "CG205" not in text
    assert "Reports to: cccm (CCCM)" in text
    hub = describe(graph, "hub")
    assert hub["escalation"]["ends"] == "reporting"
    assert "Escalation route: hub → north (sub-national; a reporting line goes on up from " \
           "there)" in describe_text(hub)


def test_show_command_prints_the_new_facts_as_json_and_text():
    import json
    from pathlib import Path

    from click.testing import CliRunner

    from coordgraph.cli import cli

    folder = str(Path(__file__).parent / "fixtures" / "country")
    result = CliRunner().invoke(cli, ["show", "cccm", "--data", folder, "--format", "json"])
    data = json.loads(result.stdout)
    assert data["leads"] == ["IOM"] and data["org_here"]["leadership"] == "lead"
    assert [c["role"] for c in data["coordinators"]] == ["cccm_coordinator"]
    assert [p["id"] for p in data["receives_reports_from"]] == ["cccm_kesso"]
    for key in ("seats", "alternates", "observers", "escalation", "escalated_from",
                "advises", "advised_by", "findings"):     # the keys the page and scripts read
        assert key in data
    text = CliRunner().invoke(cli, ["show", "kesso_hub", "--data", folder]).stdout
    assert "no link up (see CG205)" in text and "apex" not in text
