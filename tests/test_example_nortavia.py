"""The example country: its findings are the ones its README explains, and it
uses the columns of a country office."""

import coordgraph
from render_helpers import EXAMPLE


def test_its_findings_are_the_ones_its_readme_explains():
    findings = [(f.code, f.node) for f in coordgraph.check(coordgraph.load(EXAMPLE))]
    assert findings == [
        ("CG301", "cl.health"), ("CG301", "east.protection"),
        ("CG302", "cl.food"),
        ("CG304", "north.head_of_sub_office"), ("CG304", "protection_officer"),
        ("CG305", "east.head_of_sub_office"), ("CG305", "north.head_of_sub_office"),
        ("CG305", "protection_officer"),
        ("CG309", "wash_officer")]
    readme = (EXAMPLE / "README.md").read_text(encoding="utf-8")
    for code, node in findings:
        assert f"{code} `{node}`" in readme or f"`{node}`" in readme, (code, node)


def test_every_cluster_names_its_lead_agency():
    graph = coordgraph.load(EXAMPLE)
    clusters = [n for n in graph.nodes.values() if n.kind == "platform" and n.code]
    assert len(clusters) == 24             # 15 national, 9 in the hubs
    assert all(n.lead for n in clusters)
    assert graph.nodes["cl.cccm"].lead == "IOM" and graph.context.crisis == "disaster"
    assert (graph.nodes["cl.education"].lead, graph.nodes["cl.education"].co_lead) == (
        "UNICEF", "Save the Children")


def test_iom_leads_cccm_with_a_seat_beside_its_coordinator():
    graph = coordgraph.load(EXAMPLE)
    at_cccm = {e.source: e.capacity for e in graph.memberships("cl.cccm")}
    assert at_cccm["cccm_cluster_coordinator"] == "coordinator"
    assert at_cccm["cccm_programme_manager"] == "lead"


def test_hubs_report_to_their_national_platforms():
    graph = coordgraph.load(EXAMPLE)
    reporting = {(e.source, e.target) for e in graph.edges if e.relation == "reporting"}
    assert ("north.iccg", "iccg") in reporting and ("south.wash", "cl.wash") in reporting
    assert not [e for e in graph.edges if e.relation == "advises"
                and graph.nodes[e.source].level == "subnational"]
    for hub in ("north", "east", "south"):
        assert graph.escalates_to(f"{hub}.iccg") == [f"{hub}.ahct"]


def test_people_places_one_vacancy_and_sectors():
    graph = coordgraph.load(EXAMPLE)
    roles = [n for n in graph.nodes.values() if n.kind == "role" and n.org == "IOM"]
    assert [n.id for n in roles if n.status == "vacant"] == ["health_officer"]
    assert all(n.person for n in roles if n.status != "vacant")
    assert all(n.location for n in graph.nodes.values())
    assert "NUT" not in graph.context.sectors and "CCM" in graph.context.sectors
