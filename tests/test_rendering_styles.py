"""Styles: relations and capacities told apart, the org in IOM blue, marks visible."""

from coordgraph.rendering import styles
from coordgraph.schema import CAPACITIES


def test_each_relation_and_capacity_has_its_own_look():
    looks = {}
    for capacity in CAPACITIES:
        attrs, key = styles.edge_style("membership", capacity, own=True)
        looks.setdefault((attrs["style"], attrs["penwidth"], attrs["arrowhead"]), set()).add(key)
    for relation in ("escalation", "advises", "reporting"):
        attrs, key = styles.edge_style(relation, "", own=True)
        looks.setdefault((attrs["style"], attrs["penwidth"], attrs["arrowhead"]), set()).add(key)
    # one look per legend key: chair, co-chair, lead and co-lead share "leading"
    assert all(len(keys) == 1 for keys in looks.values())
    assert {k for keys in looks.values() for k in keys} == {
        "member", "leading", "coordinator", "alternate", "observer", "escalation", "advises",
        "reporting"}


def test_coordinator_is_a_double_line_in_the_org_colour_not_an_observer():
    own, key = styles.edge_style("membership", "coordinator", own=True)
    assert key == "coordinator" and own["color"].split(":") == [
        styles.IOM_BLUE, styles.PAPER, styles.IOM_BLUE]
    other, _ = styles.edge_style("membership", "coordinator", own=False)
    assert other["color"].split(":")[0] == styles.GREY
    assert own != styles.edge_style("membership", "observer", own=True)[0]
    # --compare keeps it double, in the mark's colour
    marked, _ = styles.changed_edge_style("added", own, key)
    assert marked["color"] == f"{styles.ADDED}:{styles.PAPER}:{styles.ADDED}"


def test_reporting_is_thin_and_light_not_an_escalation():
    reporting, _ = styles.edge_style("reporting", "", own=True)
    escalation, _ = styles.edge_style("escalation", "", own=True)
    assert float(reporting["penwidth"]) < 1 < float(escalation["penwidth"])
    assert reporting["color"] not in (styles.INK, styles.GREY, styles.IOM_BLUE)


def test_alternate_and_observer_are_dashed_and_dotted():
    assert styles.edge_style("membership", "alternate", own=True)[0]["style"] == "dashed"
    assert styles.edge_style("membership", "observer", own=True)[0]["style"] == "dotted"


def test_org_roles_are_iom_blue_and_others_are_not():
    own, keys, ink = styles.node_style("role", own=True, status="active", severity=None)
    assert own["fillcolor"] == styles.IOM_BLUE == "#0033A0" and keys == ["org_role"]
    other, keys, _ = styles.node_style("role", own=False, status="active", severity=None)
    assert other["fillcolor"] != styles.IOM_BLUE and keys == ["other_role"]
    assert styles.edge_style("membership", "member", own=True)[0]["color"] == styles.IOM_BLUE
    assert styles.edge_style("membership", "member", own=False)[0]["color"] != styles.IOM_BLUE


def test_errors_and_warnings_look_different():
    error, _, _ = styles.node_style("platform", own=False, status="active", severity="error")
    warning, _, _ = styles.node_style("platform", own=False, status="active", severity="warning")
    plain, _, _ = styles.node_style("platform", own=False, status="active", severity=None)
    assert error["color"] == styles.ERROR and warning["color"] == styles.WARNING
    assert len({error["fillcolor"], warning["fillcolor"], plain["fillcolor"]}) == 3
    assert float(error["penwidth"]) > float(plain["penwidth"])


def test_status_styles():
    planned, keys, _ = styles.node_style("platform", own=False, status="planned", severity=None)
    assert "dashed" in planned["style"] and "planned" in keys
    inactive, keys, ink = styles.node_style("platform", own=False, status="inactive",
                                            severity=None)
    assert "inactive" in keys and ink["text"] == styles.GREY


def test_vacant_role_is_an_empty_dashed_box_not_inactive():
    vacant, keys, ink = styles.node_style("role", own=True, status="vacant", severity=None)
    assert "dashed" in vacant["style"] and vacant["fillcolor"] == styles.PAPER
    assert vacant["color"] == styles.IOM_BLUE and ink["text"] == styles.IOM_BLUE
    assert "vacant" in keys and "inactive" not in keys


def test_not_expected_platform_is_neutral_and_dotted():
    attrs, keys, _ = styles.node_style("platform", own=False, status="active", severity=None,
                                       expected=False)
    assert "dotted" in attrs["style"] and attrs["color"] == styles.NOT_EXPECTED
    assert keys == ["platform", "not_expected"] and attrs["fillcolor"] == styles.PAPER
    # a platform not activated is drawn as such, not as not expected
    _, keys, _ = styles.node_style("platform", own=False, status="inactive", severity=None,
                                   expected=False)
    assert "not_expected" not in keys


def test_every_legend_key_has_a_sample_or_a_badge():
    for key in styles.LEGEND_LINES:
        assert key in styles.EDGE_SAMPLES or key == "conditional"
