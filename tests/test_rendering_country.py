"""A country office's drawing: lead agencies, coordinators, reporting lines,
vacant posts and platforms where the org is not expected, each drawn as
itself and explained by the legend (tests/fixtures/country uses them all)."""

import re
import warnings
import xml.etree.ElementTree as ET

import pytest

import coordgraph
from coordgraph.rendering import styles
from coordgraph.rendering.building import build
from coordgraph.rendering.html import page_data
from coordgraph.rendering.layout import platform_rows
from coordgraph.rendering.views import select
from render_helpers import FIXTURES, SVG, classes, svg_nodes, texts, words

COUNTRY = FIXTURES / "country"


@pytest.fixture(scope="module")
def country():
    return coordgraph.load(COUNTRY)


@pytest.fixture(scope="module")
def drawing(country):
    return build(country, findings=coordgraph.check(country))


@pytest.fixture(scope="module")
def svg(country):
    root = ET.fromstring(coordgraph.render(country, format="svg"))
    return root


def _label(dot: str, dot_id: str) -> str:
    """The label of one DOT node, as written."""
    match = re.search(rf"^{dot_id} \[.*?label=(<<.*?>>)", dot, re.M | re.S)
    assert match, dot_id
    return match.group(1)


def _dot_id(drawing, node_id):
    return next(k for k, (svg_id, _, _) in drawing.items.items() if svg_id == f"node-{node_id}")


def _edges(root, cls):
    return [g for g in root.iter(f"{SVG}g") if {"edge", cls} <= set(classes(g))]


def _all_text(root) -> str:
    return words(" ".join(t.text or "" for t in root.iter(f"{SVG}text")))


# -- 1. lead and co-lead agencies ------------------------------------------

def test_platforms_name_their_lead_and_co_lead(svg):
    nodes = svg_nodes(svg)
    assert "Lead: IFRC · Co-lead: IOM" in words(texts(nodes["shelter"]))
    assert "Lead: UNICEF" in words(texts(nodes["wash"]))
    assert "Co-lead: IOM" in words(texts(nodes["cwg"]))
    assert "Lead" not in texts(nodes["hct"])          # no leadership given: no line


def test_the_orgs_own_leadership_is_bold_in_its_colour(drawing):
    shelter = _label(drawing.dot, _dot_id(drawing, "shelter"))
    assert f'Co-lead: <B><FONT COLOR="{styles.IOM_BLUE}">IOM</FONT></B>' in shelter
    assert "<B>IFRC" not in shelter and "Lead: IFRC" in shelter
    wash = _label(drawing.dot, _dot_id(drawing, "wash"))
    assert styles.IOM_BLUE not in wash


def test_led_platforms_carry_a_class(drawing):
    assert "led-by-org" in drawing.items[_dot_id(drawing, "cccm")][1].split()
    assert "led" in drawing.items[_dot_id(drawing, "wash")][1].split()


@pytest.mark.parametrize("lang, lead, co_lead", [
    ("fr", "Chef de file : IFRC", "Co-chef de file : OIM"),
    ("es", "Líder: IFRC", "Co-líder: OIM")])
def test_leadership_in_french_and_spanish(country, lang, lead, co_lead):
    root = ET.fromstring(coordgraph.render(country, format="svg", lang=lang))
    text = words(texts(svg_nodes(root)["shelter"]))
    assert lead in text and co_lead in text


def test_many_and_long_lead_agencies_are_shortened():
    agencies = ";".join(["A" * 200, "UNHCR", "WFP", "UNICEF", "IOM"])
    graph = coordgraph.from_records(
        [{"id": "p", "kind": "platform", "label": "P", "lead": agencies,
          "co_lead": "<b>x</b>"}], [])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dot = build(graph).dot
        root = ET.fromstring(coordgraph.render(graph, format="svg"))
    text = words(texts(svg_nodes(root)["p"]))
    assert "A" * 200 not in text and "…" in text and "+2" in text
    assert "UNHCR, IOM" in text and "WFP" not in text   # the org's own is never cut
    assert f'<B><FONT COLOR="{styles.IOM_BLUE}">IOM</FONT></B>' in dot
    assert "<b>x</b>" in text                      # data text shown as itself
    assert "&lt;b&gt;x&lt;/b&gt;" in dot           # never as markup


# -- 2. coordinators --------------------------------------------------------

def test_coordinator_memberships_are_double_lines_not_observers(drawing, svg):
    coordinators = _edges(svg, "coordinator")
    assert len(coordinators) == 2
    for edge in coordinators:
        assert "membership" in classes(edge) and "observer" not in classes(edge)
        strokes = {p.get("stroke").upper() for p in edge.iter(f"{SVG}path")}
        assert styles.IOM_BLUE in strokes and styles.PAPER in strokes   # a double line
    assert f'color="{styles.IOM_BLUE}:{styles.PAPER}:{styles.IOM_BLUE}"' in drawing.dot
    # the label is in the line's colour, not in a colour list
    assert f'fontcolor="{styles.IOM_BLUE}:' not in drawing.dot


# -- 3. reporting lines -------------------------------------------------------

def test_reporting_lines_are_thin_light_and_do_not_pull(drawing, svg):
    (edge,) = _edges(svg, "reporting")
    assert edge.find(f"{SVG}title").text.endswith("(reports to)")
    assert {p.get("stroke").upper() for p in edge.iter(f"{SVG}path")} == {styles.REPORTING}
    line = next(line for line in drawing.dot.splitlines() if styles.REPORTING in line
                and "->" in line)
    assert "weight=0" in line and "penwidth=0.9" in line


def test_reporting_does_not_place_rows():
    nodes = [{"id": i, "kind": "platform", "label": i} for i in ("a", "b", "c")]
    escalating = coordgraph.from_records(nodes, [
        {"source": "b", "target": "a", "relation": "escalation"},
        {"source": "c", "target": "a", "relation": "escalation"}])
    reporting = coordgraph.from_records(nodes, [
        {"source": "b", "target": "a", "relation": "escalation"},
        {"source": "c", "target": "a", "relation": "escalation"},
        {"source": "c", "target": "b", "relation": "reporting"}])
    assert platform_rows(select(reporting, "platforms")) == \
        platform_rows(select(escalating, "platforms")) == [["a"], ["b", "c"]]


# -- 4. vacant posts ------------------------------------------------------------

def test_vacant_posts_are_drawn_vacant_not_inactive(svg):
    node = svg_nodes(svg)["senior_programme_manager"]
    assert "vacant" in classes(node) and "inactive" not in classes(node)
    text = words(texts(node))
    assert text.startswith("vacant Senior Programme Manager") and "not activated" not in text
    outline = next(node.iter(f"{SVG}path"))
    assert outline.get("stroke-dasharray") and outline.get("fill").upper() == styles.PAPER
    # the platform that is not activated still says so
    assert "not activated" in texts(svg_nodes(svg)["protection"])


# -- 5. platforms where the org is not expected -----------------------------------

def test_not_expected_platforms_are_neutral_never_red(svg):
    nodes = svg_nodes(svg)
    health = nodes["health"]                       # no IOM role, HEA not in the sectors
    assert "not-expected" in classes(health)
    assert not [c for c in classes(health) if c.startswith("finding-") or c == "cg301"]
    painted = ET.tostring(health, encoding="unicode")
    for red in (styles.ERROR, styles.ERROR_FILL, styles.WARNING):
        assert red not in painted
    assert "HEA · not expected" in words(texts(health))
    assert "not-expected" not in classes(nodes["logistics"])    # expected: still red
    assert "finding-error" in classes(nodes["logistics"])
    assert "not-expected" not in classes(nodes["protection"])   # not activated wins


# -- 6. the legend ------------------------------------------------------------

def test_the_legend_explains_the_new_styles_used_and_only_those(svg):
    text = _all_text(svg)
    for used in ("Lead and co-lead agencies; IOM in bold", "Also reports to",
                 "Coordinator for the lead agency (presence, not a seat)",
                 "Vacant post: nobody holds it", "Platform where IOM is not expected",
                 "Platform not activated here"):
        assert used in text, used
    for unused in ("Alternate (not a seat)", "Observer (not a seat)", "Planned (dashed",
                   "Focus of this drawing"):
        assert unused not in text, unused


def test_the_bundled_framework_uses_none_of_them():
    text = _all_text(ET.fromstring(coordgraph.render(coordgraph.load(), format="svg")))
    for unused in ("Lead and co-lead", "Also reports to", "Coordinator for the lead agency",
                   "Vacant post", "is not expected"):
        assert unused not in text, unused


def test_badges_count_the_seats_not_the_persons_other_roles(svg):
    text = words(texts(svg_nodes(svg)["programme_coordinator"]))
    assert "overloaded: 4 seats" in text and "seats in 2 places" in text


# -- 8. the words for screen readers ----------------------------------------------

def test_the_description_tells_leadership_vacancies_and_relevance(drawing):
    text = drawing.description
    assert "Leadership: CCCM Cluster (Lead: IOM); Shelter Cluster (Lead: IFRC, Co-lead: IOM)" \
        in text
    assert "Vacant posts: Senior Programme Manager." in text
    assert "IOM has no one in Health Cluster, where it is not expected." in text
    assert ("IOM has no one in Logistics Cluster: Senior Programme Manager (vacant) as member."
            in text)
    assert "through Senior Programme Manager (vacant) as lead" in text


def test_the_leadership_sentence_is_capped():
    nodes = [{"id": f"p{i}", "kind": "platform", "label": f"P{i}", "lead": "UNHCR"}
             for i in range(250)]
    graph = coordgraph.from_records(nodes, [])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = build(graph, "platforms").description
    assert "P199 (Lead: UNHCR); and 50 more" in text and "P200 (" not in text


# -- 7. the HTML page's data ---------------------------------------------------------

def test_page_data_tells_leads_coordinators_people_and_reporting(drawing):
    nodes = {n["id"]: n for n in page_data(drawing)["nodes"]}
    assert (nodes["shelter"]["lead"], nodes["shelter"]["co_lead"]) == (["IFRC"], ["IOM"])
    cccm = nodes["cccm"]
    assert [c["id"] for c in cccm["coordinators"]] == ["cccm_coordinator"]
    assert "observers" not in cccm
    assert [(s["id"], s.get("status")) for s in cccm["seats"]] == [
        ("senior_programme_manager", "vacant")]
    assert [r["id"] for r in cccm["reports_from"]] == ["cccm_kesso"]
    assert [r["id"] for r in nodes["cccm_kesso"]["reports_to"]] == ["cccm"]
    coordinator = nodes["cccm_coordinator"]
    assert [c["id"] for c in coordinator["coordinator_of"]] == ["cccm"]
    assert "observer_at" not in coordinator
    com = nodes["chief_of_mission"]
    assert (com["person"], com["location"]) == ("Ana Diallo", "Maputo")
    holders = {s["id"]: s for s in nodes["hct"]["seats"]}
    assert holders["chief_of_mission"]["person"] == "Ana Diallo"
    assert "person" not in holders["resident_coordinator"]
    assert nodes["health"]["expected"] is False and "expected" not in nodes["logistics"]
    assert "expected" not in nodes["protection"]       # not activated: not a question
    assert nodes["senior_programme_manager"]["status"] == "vacant"
