"""Styles: relations and capacities told apart, the org in IOM blue, marks visible."""

from coordgraph.rendering import styles
from coordgraph.schema import CAPACITIES


def test_each_relation_and_capacity_has_its_own_look():
    looks = {}
    for capacity in CAPACITIES:
        attrs, key = styles.edge_style("membership", capacity, own=True)
        looks.setdefault((attrs["style"], attrs["penwidth"], attrs["arrowhead"]), set()).add(key)
    for relation in ("escalation", "advises"):
        attrs, key = styles.edge_style(relation, "", own=True)
        looks.setdefault((attrs["style"], attrs["penwidth"], attrs["arrowhead"]), set()).add(key)
    # one look per legend key: chair, co-chair, lead and co-lead share "leading"
    assert all(len(keys) == 1 for keys in looks.values())
    assert {k for keys in looks.values() for k in keys} == {
        "member", "leading", "alternate", "observer", "escalation", "advises"}


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


def test_every_legend_key_has_a_sample_or_a_badge():
    for key in styles.LEGEND_LINES:
        assert key in styles.EDGE_SAMPLES or key == "conditional"
