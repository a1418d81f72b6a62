"""The templates: where they are, that they validate, what they hold, their
findings, and that the committed files are what the generator writes."""

import csv
import importlib.util
from pathlib import Path

import pytest

import coordgraph
from coordgraph.errors import DataError, UsageError
from coordgraph.loading import resolve
from coordgraph.templating import template_names, template_path, templates_root
from rows import load_warned

ROOT = Path(__file__).resolve().parent.parent
SHARED_REFERENCE = ROOT.parent / "shared" / "reference" / "ocha-global-coordination-groups.csv"
VENDORED_REFERENCE = ROOT / "reference" / "ocha-global-coordination-groups.csv"
OCHA = "OCHA global coordination groups (UN-OCHA/taas-data, sheets/, commit 7be028a, Sept 2022)"

CLUSTERS = ["CCM", "EDU", "ERY", "FSC", "HEA", "LOG", "NUT", "PRO", "SHL", "TEL", "WSH"]
AORS = ["PRO-CPN", "PRO-GBV", "PRO-HLP", "PRO-MIN"]


def _generator():
    spec = importlib.util.spec_from_file_location("make_templates",
                                                  ROOT / "scripts" / "make_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _findings(graph):
    return [(f.code, f.severity, f.node) for f in coordgraph.check(graph)]


def _reference_rows():
    with open(VENDORED_REFERENCE, encoding="utf-8-sig", newline="") as handle:
        return {row["ACRONYM"]: row for row in csv.DictReader(handle)}


# ---------------------------------------------------------------- where they are

ALL = ["generic", "humanitarian", "humanitarian-2022", "humanitarian-2025", "pre-crisis",
       "refugee", "mixed"]
FOLDERS = ["humanitarian-2022", "humanitarian-2025", "mixed", "pre-crisis", "refugee"]


def test_the_templates_in_order():
    assert template_names() == ALL


def test_humanitarian_is_an_alias_of_the_newest():
    assert template_path("humanitarian") == template_path("humanitarian-2025")
    assert not (templates_root() / "humanitarian").exists()


def test_generic_is_the_bundled_framework_not_a_copy():
    assert template_path("generic") == coordgraph.bundled_path()
    assert not (templates_root() / "generic").exists()


def test_templates_folder_holds_exactly_the_other_templates():
    folders = {p.name for p in templates_root().iterdir() if p.is_dir()}
    assert folders == set(FOLDERS)
    for name in folders:
        assert {p.name for p in (templates_root() / name).iterdir()} == {
            "nodes.csv", "edges.csv", "context.toml"}


def test_unknown_template_lists_the_allowed_names():
    with pytest.raises(UsageError) as caught:
        template_path("humanitrian")
    message = str(caught.value)
    assert "did you mean 'humanitarian'?" in message
    assert ", ".join(ALL) in message


def test_resolve_prefers_an_existing_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert resolve("pre-crisis") == template_path("pre-crisis")
    (tmp_path / "pre-crisis").mkdir()
    assert resolve("pre-crisis") == Path("pre-crisis")
    assert resolve("nowhere") == Path("nowhere")
    assert resolve("x" * 5000) == Path("x" * 5000)   # a name too long: no OSError


def test_load_takes_a_template_name_when_no_such_folder_exists(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    graph = coordgraph.load("humanitarian")
    assert graph.source == str(template_path("humanitarian"))
    assert len(graph.nodes) == len(coordgraph.load(template_path("humanitarian")).nodes)
    with pytest.raises(DataError, match="not found"):
        coordgraph.load("humanitrian")      # a typo is still a missing folder


def test_load_prefers_a_folder_named_like_a_template(tmp_path, monkeypatch, write_context):
    monkeypatch.chdir(tmp_path)
    write_context([{"id": "hct", "kind": "platform", "label": "HCT"}], [], name="humanitarian")
    graph = coordgraph.load("humanitarian")
    assert graph.source == "humanitarian" and list(graph.nodes) == ["hct"]


# ---------------------------------------------------------------- validity and findings

@pytest.mark.parametrize("name", ALL)
def test_template_validates_without_warnings(name):
    graph, warnings = load_warned(template_path(name))
    assert warnings == []
    assert graph.context.org == "IOM"


GENERIC_FINDINGS = [("CG302", "warning", "iccg"), ("CG305", "warning", "chief_of_mission")]


def test_humanitarian_findings():
    # Every cluster and area of responsibility has its programme seat, but
    # the sector posts are inactive until the country office assigns staff:
    # each of the 15 platforms is unrepresented (CG301). The sector seats carry
    # no condition (sectors in context.toml says where IOM works), so only the
    # ICCG keeps the generic CG302; the CoM's CG305 is the generic one.
    graph = coordgraph.load(template_path("humanitarian-2022"))
    ids = sorted(f"cluster_{c.lower()}" for c in CLUSTERS) + sorted(
        f"aor_{a[4:].lower()}" for a in AORS)
    assert _findings(graph) == [("CG301", "error", i) for i in sorted(ids)] + GENERIC_FINDINGS + [
        ("CG405", "info", "")]          # humanitarian-2025 is newer


def test_humanitarian_cg301_goes_when_the_sector_roles_are_assigned(tmp_path):
    from coordgraph.templating import init_context
    from csv_edit import set_cells

    init_context(tmp_path, "humanitarian-2022")
    set_cells(tmp_path / "nodes.csv", {"kind": "role", "status": "inactive"}, status="active")
    assert _findings(coordgraph.load(tmp_path)) == GENERIC_FINDINGS + [("CG405", "info", "")]


def test_humanitarian_cg301_goes_for_sectors_where_iom_runs_no_programme(tmp_path):
    from coordgraph.templating import init_context

    init_context(tmp_path, "humanitarian-2022")
    context = tmp_path / "context.toml"
    context.write_text(context.read_text(encoding="utf-8")
                       + 'sectors = ["CCM", "SHL", "HEA"]\n', encoding="utf-8")
    assert [node for code, _, node in _findings(coordgraph.load(tmp_path))
            if code == "CG301"] == ["cluster_ccm", "cluster_hea", "cluster_shl"]


def test_humanitarian_context_offers_crisis_and_sectors_commented_out():
    import tomllib

    text = (template_path("humanitarian-2022") / "context.toml").read_text(encoding="utf-8")
    assert '# sectors = ["CCM", "SHL", "HEA"]' in text.splitlines()
    assert '# crisis = "disaster"' in text.splitlines()
    settings = tomllib.loads(text)
    assert "sectors" not in settings and "crisis" not in settings
    assert settings["context_type"] == "humanitarian"
    graph = coordgraph.load(template_path("humanitarian-2022"))
    assert graph.context.context_type == "humanitarian" and graph.context.sectors == ()


def test_templates_name_no_leads_but_the_2025_shelter_land_and_site_cluster():
    # Loading never invents leads; the templates assert only the one global
    # arrangement that is the same in every kind of crisis.
    for name in FOLDERS:
        graph = coordgraph.load(template_path(name))
        led = {n.id: (n.leads, n.co_leads) for n in graph.nodes.values() if n.lead or n.co_lead}
        if name in ("humanitarian-2025", "mixed"):
            assert led == {"cluster_shl": (("IOM", "IFRC"), ())}, name
        else:
            assert led == {}, name


@pytest.mark.parametrize("name", ["humanitarian", "pre-crisis"])
def test_chief_of_mission_may_hold_the_heads_of_agency_seats(name):
    com = coordgraph.load(template_path(name)).nodes["chief_of_mission"]
    assert com.max_seats == 5
    assert "max_seats 5 set by the template, not by the manual" in com.reference
    assert coordgraph.load(coordgraph.bundled_path()).nodes["chief_of_mission"].max_seats is None


def test_pre_crisis_findings():
    # The UNCT side keeps the CoM as only link to UNCT and SMT (CG305); the PMT
    # has an alternate and the OMT is a single platform for its officer.
    # The Chief of Mission coordinates the UN Network on Migration: coordinating
    # is presence, not IOM's seat, so CG302 asks for a member seat there.
    assert _findings(coordgraph.load(template_path("pre-crisis"))) == [
        ("CG302", "warning", "un_network_migration"), ("CG305", "warning", "chief_of_mission")]


# ---------------------------------------------------------------- contents

def _field_term(code: str, lang: str) -> str:
    """The terminology's term for the cluster or area of responsibility ``code``."""
    path = Path(__file__).resolve().parent.parent / "reference" / "terminology.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        found = [row[f"term_{lang}"] for row in csv.DictReader(handle)
                 if row["term_en"].endswith(f"({code})")]
    assert len(found) == 1, code
    return found[0]


def test_humanitarian_has_every_ocha_group_with_its_code_and_french_name():
    graph = coordgraph.load(template_path("humanitarian-2022"))
    reference = _reference_rows()
    assert sorted(reference) == sorted(CLUSTERS + AORS)
    by_code = {n.code: n for n in graph.nodes.values() if n.code}
    assert sorted(by_code) == sorted(reference)
    for code, row in reference.items():
        node = by_code[code]
        assert node.kind == "platform" and node.status == "active"
        # the field term of reference/terminology.csv, not the sheet's (e.g. Abris/AME)
        assert node.label_fr == _field_term(code, "fr") and node.label_fr
        assert node.label.startswith(row["Preferred Term"])
        assert node.structure == "IASC Humanitarian Coordination Structure"
        assert OCHA in node.reference and f"HRinfo ID {row['HRinfo ID']}" in node.reference


def test_humanitarian_replaces_cluster_meetings_and_its_generic_roles():
    graph = coordgraph.load(template_path("humanitarian-2022"))
    for gone in ("cluster_meetings", "programme_officer", "operations_officer"):
        assert gone not in graph


def test_humanitarian_escalation_clusters_to_iccg_aors_to_protection():
    graph = coordgraph.load(template_path("humanitarian-2022"))
    for code in CLUSTERS:
        assert graph.escalates_to(f"cluster_{code.lower()}") == ["iccg"]
    for code in AORS:
        assert graph.escalates_to(f"aor_{code[4:].lower()}") == ["cluster_pro"]
    assert graph.escalates_to("iccg") == ["hct"]


def test_humanitarian_each_group_has_its_programme_and_operations_officer():
    # "Programme or Operation Officers": one seat per cluster either may fill.
    graph = coordgraph.load(template_path("humanitarian-2022"))
    for platform in (n for n in graph.nodes.values() if n.code):
        slug = platform.id.split("_", 1)[1]
        seat = f"{platform.code.lower()}-sector"
        memberships = {(e.source, e.capacity, e.seat, e.condition)
                       for e in graph.memberships(platform.id)}
        assert memberships == {(f"po_{slug}", "member", seat, ""),
                               (f"oo_{slug}", "member", seat, "")}
        po, oo = graph.nodes[f"po_{slug}"], graph.nodes[f"oo_{slug}"]
        term = _reference_rows()[platform.code]["Preferred Term"]
        assert po.label == f"Programme Manager/Officer ({term})"
        assert oo.label == f"Operations Officer ({term})"
        assert po.status == oo.status == "inactive"
        assert po.org == oo.org == "IOM"
    assert graph.nodes["po_hea"].label == "Programme Manager/Officer (Health)"


def _raw_rows(folder, name, key):
    with open(Path(folder) / name, encoding="utf-8-sig", newline="") as handle:
        return {tuple(row[k] for k in key): row for row in csv.DictReader(handle)}


@pytest.mark.parametrize("name", FOLDERS)
def test_shared_rows_are_the_generic_rows_cell_for_cell(name):
    data, template = coordgraph.bundled_path(), template_path(name)
    for file, key in (("nodes.csv", ("id",)), ("edges.csv", ("source", "relation", "target"))):
        generic = _raw_rows(data, file, key)
        rows = _raw_rows(template, file, key)
        for row_key, row in rows.items():
            if row_key == ("chief_of_mission",):
                # The one cell the templates set, saying so in reference.
                assert row == {**generic[row_key], "max_seats": "5",
                               "reference": row["reference"]}
                assert row["reference"].startswith(generic[row_key]["reference"] + "; ")
            elif name == "mixed" and row_key == ("hct",):
                # Who is accountable for what, per the Joint Note, appended.
                for column, joint in (("description", " "), ("reference", "; ")):
                    assert row[column].startswith(generic[row_key][column] + joint)
                    row = {**row, column: generic[row_key][column]}
                assert row == generic[row_key]
            elif row_key in generic:
                assert row == generic[row_key], (file, row_key)
            else:
                # Nothing beyond the seed without a reference to its source.
                assert row["reference"].strip(), (file, row_key)
                if name.startswith("humanitarian") and row_key != ("cluster_shl",):
                    assert OCHA in row["reference"], (file, row_key)


def test_pre_crisis_is_the_un_country_team_side():
    graph = coordgraph.load(template_path("pre-crisis"))
    assert set(graph.nodes) == {
        "unct", "smt", "pmt", "omt", "chief_of_mission", "programme_coordinator",
        "senior_programme_manager", "resource_management_officer", "designated_official",
        "resident_coordinator", "results_groups", "un_network_migration"}
    assert {n.structure for n in graph.nodes.values() if n.kind == "platform"} == {
        "Pre-Crisis Coordination Structures"}
    assert len(graph.edges) == 14
    assert [(e.source, e.capacity) for e in graph.memberships("unct")
            if e.capacity == "chair"] == [("resident_coordinator", "chair")]
    assert [(e.source, e.capacity) for e in graph.memberships("un_network_migration")] == [
        ("chief_of_mission", "coordinator")]
    assert "https://migrationnetwork.un.org/coordinator" in graph.nodes[
        "un_network_migration"].reference
    assert graph.nodes["designated_official"].org == "UN"


# ---------------------------------------------------------------- the generator

def test_committed_templates_are_the_generators_output():
    generated = _generator().generate()
    assert sorted(generated) == FOLDERS
    for template, files in generated.items():
        for name, text in files.items():
            committed = (templates_root() / template / name).read_bytes()
            assert committed == text.encode("utf-8"), (
                f"templates/{template}/{name} is stale: run scripts/make_templates.py")


def test_generator_check_mode_reports_a_stale_file(tmp_path, monkeypatch):
    module = _generator()
    monkeypatch.setattr(module, "TEMPLATES", tmp_path)
    monkeypatch.setattr(module, "ROOT", tmp_path)
    assert module.main(["--check"]) == 1
    assert not any(tmp_path.iterdir())          # --check writes nothing
    assert module.main([]) == 0
    assert module.main(["--check"]) == 0


@pytest.mark.skipif(not SHARED_REFERENCE.is_file(), reason="../shared/ is not beside the clone")
def test_vendored_reference_is_the_shared_snapshot():
    assert VENDORED_REFERENCE.read_bytes() == SHARED_REFERENCE.read_bytes()


# ---------------------------------------------------------------- the other templates' findings

CLUSTERS_2025 = [c for c in CLUSTERS if c != "CCM"]


def _cluster_ids(codes):
    return sorted(f"cluster_{c.lower()}" for c in codes) + sorted(
        f"aor_{a[4:].lower()}" for a in AORS)


def test_humanitarian_2025_findings():
    # As humanitarian-2022, with one cluster fewer (CCCM merged into SHL) and
    # no CG405: it is the newest humanitarian template.
    graph = coordgraph.load(template_path("humanitarian-2025"))
    assert _findings(graph) == [("CG301", "error", i) for i in sorted(_cluster_ids(CLUSTERS_2025))
                                ] + GENERIC_FINDINGS


def test_humanitarian_2025_merges_cccm_into_shelter_land_and_site():
    old, new = (coordgraph.load(template_path(n)) for n in ("humanitarian-2022",
                                                            "humanitarian-2025"))
    assert set(old.nodes) - set(new.nodes) == {"cluster_ccm", "po_ccm", "oo_ccm"}
    assert set(new.nodes) <= set(old.nodes)
    shl = new.nodes["cluster_shl"]
    assert (shl.code, shl.label, shl.leads) == ("SHL", "Shelter, Land and Site Cluster",
                                                ("IOM", "IFRC"))
    assert "miragenews.com" in shl.reference and "no source gives" in shl.reference
    assert new.nodes["aor_hlp"].label == old.nodes["aor_hlp"].label   # NRC's AoR stays
    assert new.context.template_as_of == "2025-01-01"


def test_refugee_findings_and_shape():
    # No clusters, no HCT or HC: the forum, the protection working group and
    # the sector working groups. IOM sits in the forum and the sector groups;
    # the protection working group has no IOM seat (CG301): add one where IOM
    # sits there.
    graph = coordgraph.load(template_path("refugee"))
    assert _findings(graph) == [("CG301", "error", "rpwg")]
    platforms = {n.id for n in graph.nodes.values() if n.is_platform}
    assert platforms == {"rcf", "rpwg", "sector_working_groups"}
    assert graph.nodes["rcf"].code == "RCF"
    assert {(e.source, e.capacity) for e in graph.memberships("rcf")} == {
        ("unhcr_representative", "lead"), ("chief_of_mission", "member")}
    assert graph.escalates_to("rpwg") == ["rcf"]
    assert graph.context.context_type == "refugee"


def test_mixed_findings_and_the_interface():
    # The clusters' CG301 (inactive sector posts), the refugee template's
    # rpwg, the generic CG302/CG305 (the CoM now also in the forum); the forum
    # advises the HCT, so CG402 is quiet.
    graph = coordgraph.load(template_path("mixed"))
    assert _findings(graph) == [("CG301", "error", i) for i in sorted(
        [*_cluster_ids(CLUSTERS_2025), "rpwg"])] + GENERIC_FINDINGS
    assert [(e.source, e.relation) for e in graph.edges
            if e.target == "hct" and e.source == "rcf"] == [("rcf", "advises")]
    assert "accountable for the refugee response" in graph.nodes["rcf"].description
    assert graph.context.context_type == "mixed"


def test_mixed_without_the_interface_gets_cg402(tmp_path):
    from coordgraph.templating import init_context
    from csv_edit import delete_rows

    init_context(tmp_path, "mixed")
    delete_rows(tmp_path / "edges.csv", {"source": "rcf", "target": "hct"})
    assert ("CG402", "warning", "rcf") in _findings(coordgraph.load(tmp_path))
