"""The rules of a country office's data: relevance, vacant posts, people with
several roles, seat groups, leadership, locations (CG205, CG206, CG301–CG309).

Each rule has a context where it fires and one where it must not, written as
real files (the ``write_context`` fixture), and the exact finding asserted.
"""

from pathlib import Path

import pytest

import coordgraph
from rows import escalation, member, platform, role

COUNTRY = Path(__file__).parent / "fixtures" / "country"


@pytest.fixture
def found(write_context):
    """``found(nodes, edges, code, context=None, **check_options)``: the
    (code, node, nodes) of the findings of ``code`` in a context written as files."""
    count = iter(range(1000))

    def run(nodes, edges, code, context=None, **options):
        folder = write_context(nodes, edges, context, name=f"context{next(count)}")
        return [(f.code, f.node, f.nodes) for f in coordgraph.check(coordgraph.load(folder),
                                                                     **options)
                if f.code == code]

    return run


def only(found, *args, **kwargs):
    [finding] = found(*args, **kwargs)
    return finding


def test_the_country_fixture_gives_exactly_its_findings():
    graph = coordgraph.load(COUNTRY)
    assert [(f.code, f.severity, f.node, f.nodes) for f in coordgraph.check(graph)] == [
        ("CG301", "error", "logistics", ("logistics",)),
        ("CG205", "warning", "kesso_hub", ("kesso_hub",)),
        ("CG206", "warning", "cwg", ("cwg",)),
        # no CG302 at cccm: CG307 says it (IOM leads, only its coordinator attends)
        ("CG304", "warning", "programme_coordinator",
         ("programme_coordinator", "kesso_head", "shelter", "wash", "cccm_kesso", "kesso_hub")),
        ("CG305", "warning", "chief_of_mission", ("chief_of_mission", "unct", "smt")),
        ("CG305", "warning", "programme_coordinator",
         ("programme_coordinator", "kesso_head", "shelter", "wash", "cccm_kesso", "kesso_hub")),
        ("CG306", "warning", "cccm_coordinator",
         ("cccm_coordinator", "kesso_cccm_coordinator", "cccm", "cccm_kesso")),
        ("CG307", "warning", "cccm", ("cccm", "cccm_coordinator", "senior_programme_manager")),
        ("CG308", "warning", "senior_programme_manager", ("senior_programme_manager", "cccm")),
        ("CG309", "warning", "programme_coordinator",
         ("programme_coordinator", "kesso_head", "shelter", "wash", "cccm_kesso", "kesso_hub")),
    ]


def test_messages_are_for_a_reader_of_a_brief():
    for finding in coordgraph.check(coordgraph.load(COUNTRY)):
        assert ".csv" not in finding.message, finding
        assert "_" not in finding.message, finding       # labels, not ids
        assert finding.hint, finding


# --- relevance: CG301-CG303 and CG307 concern expected platforms only ------------

def test_a_platform_marked_not_expected_has_no_absence_findings(found):
    nodes = [platform("cwg", expected="no", min_seniority="8"), platform("hct"),
             role("com"), role("po", seniority="3")]
    edges = [member("com", "hct"), member("po", "cwg", capacity="observer")]
    assert found(nodes, edges, "CG301") == []
    assert found(nodes, edges, "CG302") == []
    nodes[0]["expected"] = "yes"
    assert found(nodes, edges, "CG302") == [("CG302", "cwg", ("cwg", "po"))]


def test_a_sector_the_org_has_no_programme_in_is_not_expected(found):
    nodes = [platform("hea", code="HEA"), platform("shl", code="shl"), platform("hct"),
             role("com")]
    edges = [member("com", "hct")]
    sectors = 'sectors = ["CCM", "SHL"]\n'
    assert found(nodes, edges, "CG301", sectors) == [("CG301", "shl", ("shl",))]
    # Without sectors every platform is expected, as before.
    assert [n for _, n, _ in found(nodes, edges, "CG301")] == ["hea", "shl"]


def test_expected_yes_overrides_the_sectors(found):
    nodes = [platform("log", code="LOG", expected="yes"), role("com")]
    assert found(nodes, [], "CG301", 'sectors = ["CCM"]\n') == [("CG301", "log", ("log",))]


def test_cg303_concerns_expected_platforms_only(found):
    nodes = [platform("hct", min_seniority="8", expected="no"), role("po", seniority="3")]
    edges = [member("po", "hct")]
    assert found(nodes, edges, "CG303") == []
    nodes[0]["expected"] = ""
    assert found(nodes, edges, "CG303") == [("CG303", "hct", ("hct", "po"))]


# --- vacant posts ---------------------------------------------------------------

def test_a_vacant_post_is_absence_and_cg301_names_it(write_context):
    folder = write_context(
        [platform("log", label="Logistics Cluster"),
         role("spm", label="Senior Programme Manager", status="vacant")],
        [member("spm", "log")])
    [finding] = coordgraph.check(coordgraph.load(folder))
    assert (finding.code, finding.node, finding.nodes) == ("CG301", "log", ("log",))
    assert finding.hint.startswith("the post Senior Programme Manager is vacant: ")
    assert "nodes.csv" in finding.hint


def test_a_held_post_is_presence(found):
    assert found([platform("log"), role("spm")], [member("spm", "log")], "CG301") == []


def test_a_vacant_post_carries_no_seats(found):
    nodes = [*(platform(p) for p in "abcd"), role("com", status="vacant"), role("dcom")]
    edges = [*(member("com", p) for p in "abcd"), *(member("dcom", p) for p in "abcd")]
    assert found(nodes, edges, "CG304") == [("CG304", "dcom", ("dcom", "a", "b", "c", "d"))]


# --- CG304: per person, and the role's own max_seats -----------------------------

def test_cg304_counts_the_seats_of_all_a_persons_roles(found):
    nodes = [*(platform(p) for p in "abcd"), role("pc", person="Ana Diallo"),
             role("hso", person="ana diallo ")]
    edges = [member("pc", "a"), member("pc", "b"), member("hso", "c"), member("hso", "d"),
             member("hso", "a")]                      # a counts once
    assert found(nodes, edges, "CG304") == [("CG304", "pc", ("pc", "hso", "a", "b", "c", "d"))]


def test_cg304_two_people_are_two_people(found):
    nodes = [*(platform(p) for p in "abcd"), role("pc", person="Ana"), role("hso", person="Ben")]
    edges = [member("pc", "a"), member("pc", "b"), member("hso", "c"), member("hso", "d")]
    assert found(nodes, edges, "CG304") == []


def test_cg304_uses_the_roles_max_seats(found, write_context):
    nodes = [*(platform(p) for p in "abcde"), role("com", max_seats="5"),
             role("po", max_seats="1")]
    edges = [*(member("com", p) for p in "abcd"), member("po", "a"), member("po", "b")]
    assert found(nodes, edges, "CG304") == [("CG304", "po", ("po", "a", "b"))]
    folder = write_context(nodes, edges, name="messages")
    [finding] = [f for f in coordgraph.check(coordgraph.load(folder)) if f.code == "CG304"]
    assert "(more than 1, its max_seats)" in finding.message


# --- CG305: seat groups and people ----------------------------------------------

def test_cg305_a_seat_shared_with_someone_else_is_backed_up(found):
    nodes = [platform("a"), platform("b"), role("com", person="Ana"),
             role("dcom", person="Ben")]
    edges = [member("com", "a", seat="a-head"), member("dcom", "a", seat="a-head"),
             member("com", "b", seat="b-head"), member("dcom", "b", seat="b-head")]
    assert found(nodes, edges, "CG305") == []


def test_cg305_a_seat_group_held_by_one_person_is_no_back_up(found):
    # Two roles, one person: either may fill the seat, but only Ana is there.
    nodes = [platform("a"), platform("b"), role("com", person="Ana"),
             role("acting", person="Ana")]
    edges = [member("com", "a", seat="a-head"), member("acting", "a", seat="a-head"),
             member("com", "b")]
    assert found(nodes, edges, "CG305") == [("CG305", "com", ("com", "acting", "a", "b"))]


def test_cg305_a_vacant_partner_in_the_seat_group_is_no_back_up(found):
    nodes = [platform("a"), platform("b"), role("com"), role("dcom", status="vacant")]
    edges = [member("com", "a", seat="a-head"), member("dcom", "a", seat="a-head",
                                                        capacity="alternate"),
             member("com", "b")]
    assert found(nodes, edges, "CG305") == [("CG305", "com", ("com", "a", "b"))]


def test_cg305_a_person_alone_at_two_platforms_through_two_roles(found):
    # Corrected on purpose: before, each role was counted alone (sole link of
    # one platform each, no finding); the person is the single point of failure.
    nodes = [platform("a"), platform("b"), role("pc", person="Ana"), role("hso", person="Ana")]
    edges = [member("pc", "a"), member("hso", "b")]
    assert found(nodes, edges, "CG305") == [("CG305", "pc", ("pc", "hso", "a", "b"))]
    nodes[3]["person"] = "Ben"
    assert found(nodes, edges, "CG305") == []


def test_cg305_an_alternate_held_by_the_same_person_is_no_back_up(found):
    nodes = [platform("a"), platform("b"), role("com", person="Ana"), role("dep", person="Ana"),
             role("other", person="Ben")]
    edges = [member("com", "a"), member("com", "b"), member("dep", "a", capacity="alternate")]
    assert found(nodes, edges, "CG305") == [("CG305", "com", ("com", "a", "b"))]
    edges[2] = member("other", "a", capacity="alternate")
    assert found(nodes, edges, "CG305") == []


# --- CG205: sub-national platforms with no way up -------------------------------

def test_cg205_a_subnational_platform_with_no_route_up(found):
    nodes = [platform("cccm"), platform("hub", level="subnational"),
             platform("camp", level="subnational"), role("com")]
    edges = [escalation("camp", "hub"), member("com", "cccm"), member("com", "hub"),
             member("com", "camp")]
    assert found(nodes, edges, "CG205") == [("CG205", "camp", ("camp",)),
                                            ("CG205", "hub", ("hub",))]


@pytest.mark.parametrize("relation", ["escalation", "reporting"])
def test_cg205_quiet_when_escalation_or_reporting_leads_up(found, relation):
    nodes = [platform("cccm"), platform("hub", level="subnational"),
             platform("camp", level="subnational"), role("com")]
    edges = [escalation("camp", "hub"), {"source": "hub", "target": "cccm", "relation": relation},
             member("com", "cccm"), member("com", "hub"), member("com", "camp")]
    assert found(nodes, edges, "CG205") == []


def test_cg205_an_inactive_national_platform_is_no_way_up(found):
    nodes = [platform("cccm", status="inactive"), platform("hub", level="subnational")]
    edges = [{"source": "hub", "target": "cccm", "relation": "reporting"}]
    assert found(nodes, edges, "CG205") == [("CG205", "hub", ("hub",))]


def test_cg202_does_not_count_reporting(found):
    nodes = [platform("cccm"), platform("hub_cccm", level="subnational"),
             platform("hub", level="subnational")]
    edges = [escalation("hub_cccm", "hub"), escalation("hub", "cccm"),
             {"source": "hub_cccm", "target": "cccm", "relation": "reporting"}]
    assert found(nodes, edges, "CG202") == []
    edges.append(escalation("hub_cccm", "cccm"))
    edges.pop(2)
    assert found(nodes, edges, "CG202") == [("CG202", "hub_cccm", ("hub", "cccm"))]


# --- CG206: a co-lead and no lead ------------------------------------------------

def test_cg206_a_co_lead_without_a_lead(found):
    nodes = [platform("cwg", co_lead="IOM; WFP"), platform("shl", lead="IFRC", co_lead="IOM"),
             platform("old", co_lead="IOM", status="inactive")]
    assert found(nodes, [], "CG206") == [("CG206", "cwg", ("cwg",))]


# --- CG306: double-hatting --------------------------------------------------------

def test_cg306_one_person_coordinates_and_holds_the_seat(found):
    nodes = [platform("shl"), role("cc", person="Dina"), role("po", person="Dina"),
             role("po2", person="Eva")]
    edges = [member("cc", "shl", capacity="coordinator"), member("po", "shl")]
    assert found(nodes, edges, "CG306") == [("CG306", "cc", ("cc", "po", "shl"))]
    edges[1] = member("po2", "shl")
    assert found(nodes, edges, "CG306") == []


def test_cg306_one_coordinator_for_two_platforms(found):
    nodes = [platform("cccm"), platform("shl"), role("cc"), role("cc2"),
             role("unhcr_cc", org="UNHCR")]
    edges = [member("cc", "cccm", capacity="coordinator"),
             member("cc", "shl", capacity="coordinator")]
    assert found(nodes, edges, "CG306") == [("CG306", "cc", ("cc", "cccm", "shl"))]
    edges[1] = member("cc2", "shl", capacity="coordinator")
    edges.append(member("unhcr_cc", "cccm", capacity="coordinator"))  # not the org's
    edges.append(member("unhcr_cc", "shl", capacity="coordinator"))
    assert found(nodes, edges, "CG306") == []


# --- CG307: the org leads but has no voice ---------------------------------------

def test_cg307_the_lead_agency_has_only_its_coordinator(write_context):
    folder = write_context(
        [platform("shl", label="Shelter", lead="UNHCR", co_lead="IOM"),
         role("cc", label="Cluster Coordinator")],
        [member("cc", "shl", capacity="coordinator")])
    [finding] = [f for f in coordgraph.check(coordgraph.load(folder)) if f.code == "CG307"]
    assert (finding.node, finding.nodes) == ("shl", ("shl", "cc"))
    assert finding.message == ("IOM co-leads Shelter but has no seat there to speak for IOM: "
                               "only its Cluster Coordinator attends, as coordinator")


def test_cg307_names_the_vacant_seat_post(write_context):
    folder = write_context(
        [platform("cccm", label="CCCM Cluster", lead="iom"),
         role("cc", label="Cluster Coordinator"),
         role("pm", label="Programme Manager", status="vacant")],
        [member("cc", "cccm", capacity="coordinator"), member("pm", "cccm")])
    [finding] = [f for f in coordgraph.check(coordgraph.load(folder)) if f.code == "CG307"]
    assert finding.nodes == ("cccm", "cc", "pm")
    assert finding.message.startswith("IOM leads CCCM Cluster but has no seat there")
    assert finding.message.endswith("the post Programme Manager that holds its seat is vacant")


@pytest.mark.parametrize("change", ["seat", "not_led", "not_expected", "absent"])
def test_cg307_quiet(found, change):
    nodes = [platform("shl", lead="UNHCR; IOM", code="SHL"), role("cc"), role("po")]
    edges = [member("cc", "shl", capacity="coordinator")]
    assert found(nodes, edges, "CG307") == [("CG307", "shl", ("shl", "cc"))]  # the control
    context = None
    if change == "seat":
        edges.append(member("po", "shl"))
    elif change == "not_led":
        nodes[0]["lead"] = "UNHCR"
    elif change == "not_expected":
        context = 'sectors = ["CCM"]\n'
    else:
        edges = []                                   # CG301 says it instead
    assert found(nodes, edges, "CG307", context) == []


# --- CG308: a vacant post that leads --------------------------------------------

@pytest.mark.parametrize("capacity", ["chair", "co-chair", "lead", "co-lead", "coordinator"])
def test_cg308_a_vacant_post_leads_a_platform(found, capacity):
    nodes = [platform("cccm"), platform("old", status="inactive"),
             role("cc", status="vacant")]
    edges = [member("cc", "cccm", capacity=capacity), member("cc", "old", capacity=capacity)]
    assert found(nodes, edges, "CG308") == [("CG308", "cc", ("cc", "cccm"))]


@pytest.mark.parametrize("status, capacity, org", [
    ("vacant", "member", "IOM"), ("inactive", "coordinator", "IOM"),
    ("active", "coordinator", "IOM"), ("vacant", "coordinator", "UNHCR")])
def test_cg308_quiet(found, status, capacity, org):
    nodes = [platform("cccm"), role("cc", status=status, org=org)]
    assert found(nodes, [member("cc", "cccm", capacity=capacity)], "CG308") == []


# --- CG309: one person, seats in two places --------------------------------------

def test_cg309_one_person_with_seats_in_two_locations(found):
    nodes = [platform("hct", location="Maputo"), platform("hub", location="Kesso"),
             platform("cccm", location="maputo "), role("hoo", person="Ana"),
             role("hub_lead", person="Ana")]
    edges = [member("hoo", "hct"), member("hoo", "cccm"), member("hub_lead", "hub")]
    assert found(nodes, edges, "CG309") == [
        ("CG309", "hoo", ("hoo", "hub_lead", "hct", "cccm", "hub"))]


@pytest.mark.parametrize("change", ["two_people", "same_place", "no_location", "observer"])
def test_cg309_quiet(found, change):
    nodes = [platform("hct", location="Maputo"), platform("hub", location="Kesso"),
             role("hoo", person="Ana"), role("hub_lead", person="Ana")]
    edges = [member("hoo", "hct"), member("hub_lead", "hub")]
    if change == "two_people":
        nodes[3]["person"] = "Ben"
    elif change == "same_place":
        nodes[1]["location"] = "MAPUTO"
    elif change == "no_location":
        nodes[1]["location"] = ""
    else:
        edges[1] = member("hub_lead", "hub", capacity="observer")   # presence, not a seat
    assert found(nodes, edges, "CG309") == []


# --- the new values reach every output without breaking it ------------------------

@pytest.mark.parametrize("view", ["organigram", "platforms", "representation"])
def test_the_country_fixture_draws_in_every_view(view):
    svg = coordgraph.render(coordgraph.load(COUNTRY), format="svg", view=view).decode()
    assert 'id="node-cccm_kesso"' in svg
    if view != "representation":
        assert "Also reports to" in svg            # the reporting edge has its legend row


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "mermaid", "csv"])
def test_the_country_fixture_exports(fmt):
    from coordgraph.exporting import export

    assert export(coordgraph.load(COUNTRY), fmt)
