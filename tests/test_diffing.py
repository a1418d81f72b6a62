"""``diff``: each kind of change, identical contexts, findings, the report forms."""

import json

import pytest

import coordgraph
from coordgraph.diffing import Change, diff, diff_json, diff_markdown, diff_text
from coordgraph.templating import init_context
from csv_edit import add_row, delete_rows, set_cells


@pytest.fixture
def copy(tmp_path):
    """A copy of the bundled framework, as `coordgraph init` writes it."""
    init_context(tmp_path / "copy")
    return tmp_path / "copy"


def _diff(copy):
    return diff(coordgraph.load(), coordgraph.load(copy), labels=("data", "copy"))


def test_identical_folders(copy):
    result = _diff(copy)
    assert result.identical
    assert set(result.summary().values()) == {0}
    assert "no differences" in diff_text(result)


def test_context_toml_is_not_compared(copy):
    (copy / "context.toml").write_text('name = "Sudan"\ncountry = "SDN"\nas_of = 2030-01-01\n')
    result = _diff(copy)
    assert result.identical
    assert (result.new.name, result.new.country, result.new.as_of) == ("Sudan", "SDN", "2030-01-01")


def test_renamed_label_is_a_change_not_a_removal(copy):
    set_cells(copy / "nodes.csv", {"id": "hct"}, label="Humanitarian Country Team")
    result = _diff(copy)
    assert not result.nodes_added and not result.nodes_removed
    assert [(c.id, c.changes) for c in result.nodes_changed] == [
        ("hct", [Change("label", "Humanitarian Country Team (HCT)", "Humanitarian Country Team")])]
    assert result.summary()["nodes_changed"] == 1 and not result.identical


def test_several_attributes_of_one_node(copy):
    set_cells(copy / "nodes.csv", {"id": "rrt_lead"}, seniority="6", status="planned")
    (change,) = _diff(copy).nodes_changed
    assert change.changes == [Change("status", "active", "planned"), Change("seniority", None, 6)]


def test_default_spelled_out_is_no_change(copy):
    # level is empty for roles in data/ and defaults to national
    set_cells(copy / "nodes.csv", {"id": "rrt_lead"}, level="national")
    set_cells(copy / "edges.csv", {"source": "chief_of_mission", "target": "unct"}, capacity="")
    assert _diff(copy).identical


def test_node_added_and_removed(copy):
    add_row(copy / "nodes.csv", id="im_officer", kind="role",
            label="Information Management Officer")
    add_row(copy / "edges.csv", source="im_officer", target="iccg", relation="membership",
            capacity="observer")
    delete_rows(copy / "edges.csv", {"source": "resource_management_officer"})
    delete_rows(copy / "nodes.csv", {"id": "resource_management_officer"})
    result = _diff(copy)
    assert [n.id for n in result.nodes_added] == ["im_officer"]
    assert [n.id for n in result.nodes_removed] == ["resource_management_officer"]
    assert [e.key for e in result.edges_added] == [("im_officer", "membership", "iccg")]
    assert [e.key for e in result.edges_removed] == [
        ("resource_management_officer", "membership", "omt")]
    assert not result.nodes_changed and not result.edges_changed


def test_edge_changed_capacity_and_condition(copy):
    set_cells(copy / "edges.csv", {"source": "rrt_lead", "target": "hct"},
              capacity="alternate", condition="")
    (change,) = _diff(copy).edges_changed
    assert (change.source, change.relation, change.target) == ("rrt_lead", "membership", "hct")
    assert [c.attribute for c in change.changes] == ["capacity", "condition"]
    assert change.changes[0] == Change("capacity", "member", "alternate")
    assert change.changes[1].new == ""


def test_edge_with_a_new_relation_is_another_edge(copy):
    set_cells(copy / "edges.csv", {"source": "pmt", "target": "unct"}, relation="escalation")
    result = _diff(copy)
    assert [e.key for e in result.edges_added] == [("pmt", "escalation", "unct")]
    assert [e.key for e in result.edges_removed] == [("pmt", "advises", "unct")]


def test_findings_introduced_and_resolved(copy):
    # An alternate at the UNCT leaves the CoM without alternate at the SMT
    # alone, one platform: CG305 (two or more) is resolved.
    add_row(copy / "edges.csv", source="rrt_lead", target="unct", relation="membership",
            capacity="alternate")
    # Nobody from IOM left at the OMT (CG301), its officer connected to nothing (CG203).
    delete_rows(copy / "edges.csv", {"source": "resource_management_officer"})
    result = _diff(copy)
    assert [(f.code, f.node) for f in result.findings_introduced] == [
        ("CG301", "omt"), ("CG203", "resource_management_officer")]
    assert [(f.code, f.node) for f in result.findings_resolved] == [
        ("CG305", "chief_of_mission")]


def test_findings_matched_by_code_and_node_not_message(copy):
    # The CoM's CG305 names other platforms after the change, but it is the
    # same finding: neither introduced nor resolved.
    add_row(copy / "nodes.csv", id="pc", kind="platform", label="Protection Coordination")
    add_row(copy / "edges.csv", source="chief_of_mission", target="pc", relation="membership")
    result = diff(coordgraph.load(), coordgraph.load(copy), max_seats=4)
    assert result.findings_introduced == [] and result.findings_resolved == []
    assert [n.id for n in result.nodes_added] == ["pc"]


def test_org_decides_whose_findings(copy):
    result = diff(coordgraph.load(), coordgraph.load(copy), org="UN")
    assert result.org == "UN" and result.identical


def test_json_shape(copy):
    set_cells(copy / "nodes.csv", {"id": "omt"}, status="inactive")
    data = json.loads(diff_json(_diff(copy)))
    assert list(data) == ["old", "new", "org", "identical", "summary", "nodes", "edges",
                          "findings", "leadership", "no_longer_apply"]
    assert data["old"] == {"source": "data", "name": "Generic coordination framework",
                           "country": "", "as_of": "2022-11-01"}
    assert data["new"]["source"] == "copy"
    assert data["identical"] is False and data["org"] == "IOM"
    assert data["summary"] == {"nodes_added": 0, "nodes_removed": 0, "nodes_changed": 1,
                               "edges_added": 0, "edges_removed": 0, "edges_changed": 0,
                               "findings_introduced": 0, "findings_resolved": 0,
                               "findings_no_longer_apply": 0, "leadership": 0}
    assert data["nodes"] == {"added": [], "removed": [], "changed": [
        {"id": "omt", "changes": [{"attribute": "status", "old": "active", "new": "inactive"}]}]}
    assert data["edges"] == {"added": [], "removed": [], "changed": []}
    assert data["findings"] == {"introduced": [], "resolved": []}
    assert data["leadership"] == []
    assert data["no_longer_apply"] == {"platforms": ["omt"], "findings": []}


def test_json_added_nodes_and_edges_carry_their_attributes(copy):
    add_row(copy / "nodes.csv", id="im_officer", kind="role", label="IMO", seniority="4")
    add_row(copy / "edges.csv", source="im_officer", target="iccg", relation="membership",
            condition="during the response")
    data = json.loads(diff_json(_diff(copy)))
    assert data["nodes"]["added"] == [{"id": "im_officer", "kind": "role", "label": "IMO",
                                       "org": "IOM", "level": "national", "status": "active",
                                       "seniority": 4}]
    assert data["edges"]["added"] == [{"source": "im_officer", "relation": "membership",
                                       "target": "iccg", "capacity": "member",
                                       "condition": "during the response"}]


def test_text_report(copy):
    set_cells(copy / "nodes.csv", {"id": "hct"}, label="HCT")
    delete_rows(copy / "edges.csv", {"source": "resource_management_officer"})
    text = diff_text(_diff(copy))
    assert text.splitlines()[:6] == [
        "Old: Generic coordination framework, as of 2022-11-01",
        f"New: copy as of {coordgraph.load(copy).context.as_of}",     # init leaves name empty
        "1 leadership change, 1 node changed, 1 edge removed, 2 findings introduced.",
        "",
        "Leadership changes:",     # first: the OMT lost its IOM seat holder
        "  * IOM: Operations Management Teams (OMT) seat holder Resource Management Officer "
        "→ (none)",
    ]
    # Labels, not ids: the report is read by people.
    assert "  ~ HCT\n      label: Humanitarian Country Team (HCT) → HCT\n" in text
    assert ("  - Resource Management Officer sits at Operations Management Teams (OMT) "
            "[member]\n") in text
    assert "  + CG301 Operations Management Teams (OMT): " in text
    assert "resource_management_officer" not in text


def test_markdown_is_ready_for_a_brief(copy):
    set_cells(copy / "nodes.csv", {"id": "smt"}, label="Security | <b>Management</b>")
    markdown = diff_markdown(_diff(copy))
    lines = markdown.splitlines()
    assert lines[0] == "## What changed since Generic coordination framework, as of 2022-11-01"
    assert lines[2:4] == ["Old: Generic coordination framework, as of 2022-11-01  ",
                          f"New: copy as of {coordgraph.load(copy).context.as_of}"]
    assert "| change | platform or role | what |" in lines
    assert ("| changed | Security \\| \\<b\\>Management\\</b\\> | label: Security Management "
            "Team (SMT) → Security \\| \\<b\\>Management\\</b\\> |") in lines


def test_markdown_of_identical_contexts(copy):
    markdown = diff_markdown(_diff(copy))
    assert markdown.startswith("## What changed since Generic coordination framework")
    assert "same platforms, roles, relations and IOM findings" in markdown
    assert "|" not in markdown


def test_title_falls_back_to_the_folder(copy):
    (copy / "context.toml").write_text("")
    result = _diff(copy)
    assert result.new.title() == "copy"
    (copy / "context.toml").write_text("as_of = 2026-02-01\n")
    assert _diff(copy).new.title() == "copy as of 2026-02-01"


# --- a country office's changes: leadership, people, deactivation ----------

COUNTRY = __import__("pathlib").Path(__file__).parent / "fixtures" / "country"


@pytest.fixture
def country(tmp_path):
    """A copy of the country fixture, to edit as a country office would."""
    import shutil

    shutil.copytree(COUNTRY, tmp_path / "country")
    return tmp_path / "country"


def _country_diff(country):
    return diff(coordgraph.load(COUNTRY), coordgraph.load(country), labels=("before", "after"))


def test_lead_agencies_changing_are_phrased_per_organisation(country):
    set_cells(country / "nodes.csv", {"id": "shelter"}, lead="UNHCR", co_lead="IOM;IFRC")
    set_cells(country / "nodes.csv", {"id": "cccm"}, lead="UNHCR", co_lead="IOM")
    set_cells(country / "nodes.csv", {"id": "wash"}, lead="")
    result = _country_diff(country)
    assert [c.text() for c in result.leadership] == [
        "IOM: CCCM Cluster lead → co-lead",
        "UNHCR: CCCM Cluster lead (new)",
        "IFRC: Shelter Cluster lead → co-lead",
        "UNHCR: Shelter Cluster lead (new)",
        "UNICEF: WASH Cluster lead (no longer)",
    ]
    text = diff_text(result)
    # Leadership first, before the attribute-by-attribute changes.
    assert text.index("Leadership changes:\n  * IOM: CCCM Cluster lead → co-lead\n") < \
        text.index("Nodes changed:")
    assert "  ~ Shelter Cluster\n      lead: IFRC → UNHCR\n      co_lead: IOM → IOM;IFRC\n" in text
    markdown = diff_markdown(result)
    assert markdown.index("### Leadership changes\n\n- IOM: CCCM Cluster lead → co-lead\n") \
        < markdown.index("### Platforms and roles")
    data = json.loads(diff_json(result))
    assert data["leadership"][0] == {"platform": "cccm", "org": "IOM", "what": "leadership",
                                     "old": "lead", "new": "co-lead",
                                     "text": "IOM: CCCM Cluster lead → co-lead"}
    assert data["summary"]["leadership"] == 5


def test_coordinator_and_seat_holder_changing_person(country):
    set_cells(country / "nodes.csv", {"id": "cccm_coordinator"}, person="Eva Silva")
    set_cells(country / "nodes.csv", {"id": "senior_programme_manager"}, status="",
              person="Farah Ali")
    result = _country_diff(country)
    texts = [c.text() for c in result.leadership]
    assert "IOM: CCCM Cluster coordinator Dina Nhantumbo → Eva Silva" in texts
    assert "IOM: CCCM Cluster seat holder Senior Programme Manager (vacant post) → Farah Ali" \
        in texts
    assert ("IOM: Shelter Cluster seat holder Carla Mendes, Senior Programme Manager "
            "(vacant post) → Carla Mendes, Farah Ali") in texts
    # Who sits for IOM at the HCT did not change: nothing said about it.
    assert not [c for c in result.leadership if c.platform == "hct"]


def test_unchanged_people_are_no_leadership_change(country):
    set_cells(country / "nodes.csv", {"id": "hct"}, description="Strategic decisions.")
    result = _country_diff(country)
    assert result.leadership == [] and result.summary()["nodes_changed"] == 1


def test_deactivated_platform_no_longer_applies_and_its_findings_are_not_resolved(country):
    # IOM has nobody at the Logistics Cluster (its seat holder is a vacant post: CG301).
    set_cells(country / "nodes.csv", {"id": "logistics"}, status="inactive")
    result = _country_diff(country)
    assert [n.id for n in result.deactivated] == ["logistics"]
    assert [(f.code, f.node) for f in result.findings_no_longer_apply] == [
        ("CG301", "logistics")]
    assert not [f for f in result.findings_resolved if f.node == "logistics"]
    text = diff_text(result)
    assert "No longer applies (deactivated):\n  - Logistics Cluster\n" in text
    assert ("IOM findings that no longer apply (their platform was deactivated):\n"
            "  - CG301 Logistics Cluster: ") in text
    assert "findings resolved" not in text
    assert "1 finding no longer applies" in text
    # Who sits at a platform that no longer applies is not a leadership change.
    assert not [c for c in result.leadership if c.platform == "logistics"]
    markdown = diff_markdown(result)
    assert "- Logistics Cluster: deactivated" in markdown
    assert "| no longer applies | CG301 | Logistics Cluster | " in markdown
    data = json.loads(diff_json(result))
    assert data["no_longer_apply"]["platforms"] == ["logistics"]
    assert [f["code"] for f in data["no_longer_apply"]["findings"]] == ["CG301"]
    assert data["findings"]["resolved"] == []


@pytest.mark.parametrize("file, match, column, value, old, new", [
    ("nodes.csv", {"id": "health"}, "expected", "yes", "", "yes"),
    ("nodes.csv", {"id": "wash"}, "lead", "UNICEF;IOM", "UNICEF", "UNICEF;IOM"),
    ("nodes.csv", {"id": "cwg"}, "co_lead", "", "IOM", ""),
    ("nodes.csv", {"id": "deputy_chief"}, "person", "Ana Diallo", "Bruno Costa", "Ana Diallo"),
    ("nodes.csv", {"id": "kesso_head"}, "location", "Maputo", "Kesso", "Maputo"),
    ("nodes.csv", {"id": "chief_of_mission"}, "max_seats", "6", 5, 6),
    ("edges.csv", {"source": "programme_coordinator", "target": "wash"}, "seat", "w1", "", "w1"),
])
def test_new_columns_are_compared(country, file, match, column, value, old, new):
    set_cells(country / file, match, **{column: value})
    result = _country_diff(country)
    changed = result.nodes_changed if file == "nodes.csv" else result.edges_changed
    (change,) = changed
    assert change.changes == [Change(column, old, new)]


def test_text_and_markdown_name_by_label_and_keep_ids_in_json(country):
    set_cells(country / "nodes.csv", {"id": "kesso_head"}, person="Gil Rocha")
    result = _country_diff(country)
    text, markdown = diff_text(result), diff_markdown(result)
    assert "  ~ Head of Sub-Office, Kesso\n      person: Carla Mendes → Gil Rocha\n" in text
    assert "| changed | Head of Sub-Office, Kesso | person: Carla Mendes → Gil Rocha |" in markdown
    assert "kesso_head" not in text and "kesso_head" not in markdown
    assert json.loads(diff_json(result))["nodes"]["changed"][0]["id"] == "kesso_head"
    # Both versions have the same title: the folders tell them apart.
    assert text.startswith("Old: Kesso flood response (MOZ), as of 2026-11-01 (before)\n"
                           "New: Kesso flood response (MOZ), as of 2026-11-01 (after)\n")


def test_leadership_text_is_escaped(country):
    set_cells(country / "nodes.csv", {"id": "shelter"}, lead="UN\x1b[2J|HCR")
    result = _country_diff(country)
    text, markdown = diff_text(result), diff_markdown(result)
    assert "\x1b" not in text and "UN\\x1b[2J|HCR: Shelter Cluster lead (new)" in text
    assert "\x1b" not in markdown and "- UN\\\\x1b\\[2J\\|HCR: Shelter Cluster lead (new)" \
        in markdown
