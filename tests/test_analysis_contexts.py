"""The context checks CG401–CG405: each fires where it should and stays quiet
where it must not, on contexts written as real files; contexts that set no
``context_type`` or ``crisis`` keep exactly their findings."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

import coordgraph
from coordgraph.analysis.contexts import newest_templates, outdated_template
from rows import advises, escalation, member, platform, role

ROOT = Path(__file__).resolve().parent.parent


def reporting(source, target):
    return {"source": source, "target": target, "relation": "reporting"}


@pytest.fixture
def found(write_context):
    """``found(nodes, edges, context, code)``: (code, node, nodes) of that code."""
    count = iter(range(1000))

    def run(nodes, edges, context, code):
        folder = write_context(nodes, edges, context, name=f"context{next(count)}")
        return [(f.code, f.node, f.nodes) for f in coordgraph.check(coordgraph.load(folder))
                if f.code == code]

    return run


def sits(*platforms):
    """An IOM role with a seat in each platform, so CG301/CG203 stay out of the way."""
    return [role("com")], [member("com", p) for p in platforms]


# --- CG401: clusters in a refugee context -------------------------------------------------

def test_cg401_a_cluster_in_a_refugee_context(found):
    roles, seats = sits("rcf", "pro", "pwg", "old")
    nodes = [platform("rcf", code="RCF"), platform("pro", code="pro"), platform("pwg"),
             platform("old", code="SHL", status="inactive"), *roles]
    assert found(nodes, seats, 'context_type = "refugee"\n', "CG401") == [
        ("CG401", "pro", ("pro",))]


def test_cg401_not_outside_a_refugee_context(found):
    roles, seats = sits("rcf", "pro")
    nodes = [platform("rcf", code="RCF"), platform("pro", code="PRO"), *roles]
    assert found(nodes, seats, 'context_type = "mixed"\n', "CG401") == []
    assert found(nodes, seats, 'name = "x"\n', "CG401") == []


def test_cg401_reads_codes_not_labels(found):
    # A sector working group called "Protection" with no OCHA code is no cluster.
    roles, seats = sits("rcf", "pwg")
    nodes = [platform("rcf"), platform("pwg", label="Protection Sector Working Group",
                                         code="PWG"), *roles]
    assert found(nodes, seats, 'context_type = "refugee"\n', "CG401") == []


# --- CG402: mixed context, forum and ICCG/HCT unlinked ------------------------------------

MIXED = 'context_type = "mixed"\n'


def mixed_nodes(*extra):
    return [platform("rcf", label="Refugee Coordination Forum (RCF)"),
            platform("hct", label="Humanitarian Country Team"),
            platform("iccg", label="Inter-Cluster Coordination Group"), *extra,
            role("com")]


def test_cg402_forum_with_no_link(found):
    seats = [member("com", p) for p in ("rcf", "hct", "iccg")] + [escalation("iccg", "hct")]
    assert found(mixed_nodes(), seats, MIXED, "CG402") == [
        ("CG402", "rcf", ("rcf", "hct", "iccg"))]


@pytest.mark.parametrize("link", [
    [advises("rcf", "hct")],
    [reporting("iccg", "rcf")],
    [escalation("rcf", "pwg"), advises("iccg", "pwg")],  # one hop, either direction
])
def test_cg402_not_with_a_link_direct_or_one_hop(found, link):
    seats = [member("com", p) for p in ("rcf", "hct", "iccg", "pwg")]
    nodes = mixed_nodes(platform("pwg", label="Protection Working Group"))
    assert found(nodes, seats + link, MIXED, "CG402") == []


def test_cg402_two_hops_or_an_inactive_hop_is_no_link(found):
    seats = [member("com", p) for p in ("rcf", "hct", "iccg", "a", "b", "c")]
    nodes = mixed_nodes(platform("a"), platform("b"), platform("c", status="inactive"))
    edges = seats + [escalation("rcf", "a"), escalation("a", "b"), escalation("b", "hct"),
                     advises("rcf", "c"), advises("c", "iccg")]
    assert found(nodes, edges, MIXED, "CG402") == [("CG402", "rcf", ("rcf", "hct", "iccg"))]


def test_cg402_membership_is_no_link_and_a_missing_side_is_named(found):
    # A person who sits in both is not a link between the bodies.
    nodes = [platform("rcf", code="RCF"), platform("hct"), role("com")]
    edges = [member("com", "rcf"), member("com", "hct")]
    assert found(nodes, edges, MIXED, "CG402") == [("CG402", "rcf", ("rcf", "hct"))]
    assert found([platform("hct"), role("com")], [member("com", "hct")], MIXED, "CG402") == [
        ("CG402", "", ("hct",))]
    assert found([platform("rcf", code="RCF"), role("com")], [member("com", "rcf")], MIXED,
                 "CG402") == [("CG402", "rcf", ("rcf",))]


def test_cg402_not_outside_a_mixed_context(found):
    seats = [member("com", p) for p in ("rcf", "hct", "iccg")]
    assert found(mixed_nodes(), seats, 'context_type = "refugee"\n', "CG402") == []


# --- CG403: humanitarian context without HCT or ICCG --------------------------------------

HUMANITARIAN = 'context_type = "humanitarian"\n'


def test_cg403_no_active_iccg(found):
    nodes = [platform("hct"), platform("iccg", status="inactive"), platform("unct"),
             role("com")]
    edges = [member("com", "hct"), member("com", "unct")]
    assert found(nodes, edges, HUMANITARIAN, "CG403") == [("CG403", "", ("iccg",))]


def test_cg403_neither_body(found):
    nodes = [platform("unct"), role("com")]
    [finding] = coordgraph.check(coordgraph.from_records(
        nodes, [member("com", "unct")], {"context_type": "humanitarian"}))
    assert (finding.code, finding.severity, finding.node, finding.nodes) == (
        "CG403", "warning", "", ())
    assert "no active Humanitarian Country Team (HCT) and no active inter-cluster" in (
        finding.message)
    assert found(nodes, [member("com", "unct")], HUMANITARIAN, "CG403") == [("CG403", "", ())]


def test_cg403_recognises_code_id_or_label(found):
    nodes = [platform("eht", label="Équipe humanitaire pays", code="HCT"),
             platform("icwg", label="Inter-Cluster Working Group"), role("com")]
    edges = [member("com", "eht"), member("com", "icwg"), escalation("icwg", "eht")]
    assert found(nodes, edges, HUMANITARIAN, "CG403") == []
    assert found(nodes, edges, 'context_type = "pre-crisis"\n', "CG403") == []


# --- CG404: crisis against the dated global leadership ------------------------------------

def cluster_context(lead, co_lead="", crisis="disaster", as_of="2022-06-01"):
    nodes = [platform("ccm", label="CCCM Cluster", code="CCM", lead=lead, co_lead=co_lead),
             platform("shl", label="Shelter Cluster", code="SHL", lead="IFRC"), role("com")]
    edges = [member("com", "ccm"), member("com", "shl")]
    return nodes, edges, f'crisis = "{crisis}"\nas_of = {as_of}\n'


def test_cg404_unhcr_leads_cccm_in_a_disaster(found):
    assert found(*cluster_context("UNHCR"), "CG404") == [("CG404", "ccm", ("ccm",))]
    assert found(*cluster_context("IOM", co_lead="unhcr"), "CG404") == [
        ("CG404", "ccm", ("ccm",))]


def test_cg404_ifrc_leads_shelter_in_a_conflict(found):
    assert found(*cluster_context("UNHCR", crisis="conflict"), "CG404") == [
        ("CG404", "shl", ("shl",))]


@pytest.mark.parametrize("lead, crisis, as_of", [
    ("IOM", "disaster", "2022-06-01"),        # the global arrangement
    ("UNHCR", "both", "2022-06-01"),          # both: either lead fits
    ("UNHCR", "disaster", "2026-01-01"),      # no CCM/SHL arrangement since 2025
    ("Government", "disaster", "2022-06-01"),  # not a global lead at all: no contradiction
])
def test_cg404_quiet(found, lead, crisis, as_of):
    nodes, edges, context = cluster_context(lead, crisis=crisis, as_of=as_of)
    nodes[1]["lead"] = "UNHCR" if crisis == "conflict" else "IFRC"
    assert found(nodes, edges, context, "CG404") == []


def run_check(folder, *options):
    result = subprocess.run([sys.executable, "-m", "coordgraph", "check", "--data", str(folder),
                             *options], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr  # a note alone does not fail the run
    return result.stdout


def test_cg404_is_a_note_in_every_report(write_context):
    folder = write_context(*cluster_context("UNHCR"))
    text = run_check(folder)
    assert "Notes:\n  CG404 ccm: CCCM Cluster is led by UNHCR" in text
    assert "country arrangements may differ" in text
    markdown = run_check(folder, "--format", "markdown")
    assert "| info | CG404 | `ccm` | CCCM Cluster is led by UNHCR" in markdown
    data = json.loads(run_check(folder, "--format", "json"))
    assert data["summary"]["info"] == 1
    assert [f["code"] for f in data["findings"] if f["severity"] == "info"] == ["CG404"]


# --- CG405: an older template --------------------------------------------------------------

def test_cg405_newer_template(write_context):
    nodes = [platform("hct"), platform("iccg"), role("com")]
    edges = [member("com", "hct"), member("com", "iccg"), escalation("iccg", "hct")]
    context = ('context_type = "humanitarian"\ntemplate = "humanitarian"\n'
               "template_as_of = 2022-11-01\n")
    graph = coordgraph.load(write_context(nodes, edges, context))
    newest = {"humanitarian": ("2026-11-01", "humanitarian"), "refugee": ("2027-01-01", "r")}
    [finding] = outdated_template(graph, newest)
    assert (finding.code, finding.severity, finding.node, finding.nodes) == (
        "CG405", "info", "", ())
    assert "template 'humanitarian' for humanitarian contexts is newer (as of 2026-11-01)" in (
        finding.message)
    assert outdated_template(graph, {"humanitarian": ("2022-11-01", "humanitarian")}) == []
    assert outdated_template(graph, {"refugee": ("2027-01-01", "r")}) == []


def test_newest_templates_reads_context_files(tmp_path):
    for name, text in {
            "old": 'context_type = "humanitarian"\ntemplate_as_of = 2022-11-01\n',
            "new": 'context_type = "humanitarian"\ntemplate_as_of = 2026-11-01\n',
            "undated": 'context_type = "refugee"\n',
            "untyped": "template_as_of = 2026-11-01\n"}.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "context.toml").write_text(text, encoding="utf-8")
    assert newest_templates(tmp_path) == {"humanitarian": ("2026-11-01", "new")}


def test_cg405_through_check_with_the_shipped_templates(write_context):
    # Whatever the shipped templates say, check() agrees with outdated_template.
    nodes = [platform("hct"), platform("iccg"), role("com")]
    edges = [member("com", "hct"), member("com", "iccg"), escalation("iccg", "hct")]
    context = 'context_type = "humanitarian"\ntemplate_as_of = 2000-01-01\n'
    graph = coordgraph.load(write_context(nodes, edges, context))
    expected = outdated_template(graph, newest_templates())
    assert [f for f in coordgraph.check(graph) if f.code == "CG405"] == expected


# --- what was there keeps its findings ----------------------------------------------------

@pytest.mark.parametrize("folder", [
    ROOT / "data", *sorted((ROOT / "templates").glob("*/")),
    *sorted(p.parent for p in (ROOT / "examples").glob("*/nodes.csv")),
], ids=lambda p: p.name)
def test_shipped_contexts_get_no_context_findings(folder):
    # Except the one a dated template is for: humanitarian-2022 is not the newest.
    findings = coordgraph.check(coordgraph.load(folder))
    expected = ["CG405"] if folder.name == "humanitarian-2022" else []
    assert [f.code for f in findings if f.code.startswith("CG4")] == expected


def test_a_context_without_type_or_crisis_gets_no_cg4(write_context):
    # CG403's conditions hold, but the context says nothing of its type.
    nodes = [platform("unct"), platform("pro", code="PRO", lead="UNHCR"), role("com")]
    edges = [member("com", "unct"), member("com", "pro")]
    folder = write_context(nodes, edges, 'name = "x"\nas_of = 2022-06-01\n')
    assert [f.code for f in coordgraph.check(coordgraph.load(folder))] == ["CG305"]


def test_a_context_wide_finding_reads_without_a_node(write_context):
    folder = write_context([platform("unct"), role("com")], [member("com", "unct")],
                           HUMANITARIAN)
    assert "\n  CG403: This humanitarian context has no active Humanitarian Country Team" in (
        run_check(folder))
    assert "| warning | CG403 |  | This humanitarian context" in run_check(
        folder, "--format", "markdown")
    [finding] = json.loads(run_check(folder, "--format", "json"))["findings"]
    assert (finding["code"], finding["node"], finding["nodes"]) == ("CG403", "", [])
