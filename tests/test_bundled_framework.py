"""The generic framework in data/: clean, faithful to the seed, and in the wheel."""

import csv
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import coordgraph
from rows import load_warned

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED = ROOT / "tests" / "fixtures" / "seed" / "coordination-in-different-contexts.txt"
SHARED_SEED = ROOT.parent / "shared" / "seed" / SEED.name
SOURCE = "IOM Emergency Manual"
IASC = "IASC, Reference Module for Cluster Coordination at Country Level"


def rows(name):
    with open(DATA / name, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def seed_platforms():
    """(structure, label, description) of every platform row of the seed's table."""
    structure, found = None, []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        heading = re.fullmatch(r"<b>(.+?)</b>\t\s*", line)
        row = re.fullmatch(r"<b>(.+?)</b> (.+?)\t.*", line)
        if heading:
            structure = heading[1]
        elif row:
            found.append((structure, row[1], row[2].strip()))
    return found


def test_validates_clean_without_warnings():
    graph, warnings = load_warned(DATA)
    assert warnings == []
    assert len(graph.nodes) == len(rows("nodes.csv")) and len(graph.edges) == len(rows("edges.csv"))


def test_its_findings_exactly():
    # The manual seats IOM at the inter-cluster group only through staff who
    # coordinate a cluster, and at cluster meetings only through officers
    # implementing activities of the cluster: conditional seats (CG302). It
    # names nobody beside the Chief of Mission at the UNCT and the SMT (CG305);
    # at the HCT the Rapid Response Team lead can fill the CoM's seat.
    findings = coordgraph.check(coordgraph.load(DATA))
    assert [(f.code, f.severity, f.node, f.nodes) for f in findings] == [
        ("CG302", "warning", "cluster_meetings",
         ("cluster_meetings", "programme_officer", "operations_officer")),
        ("CG302", "warning", "iccg", ("iccg", "cluster_coordinator")),
        ("CG305", "warning", "chief_of_mission", ("chief_of_mission", "unct", "smt"))]


def test_check_exits_0_on_the_bundled_framework():
    from click.testing import CliRunner

    from coordgraph.cli import cli

    result = CliRunner().invoke(cli, ["check", "--data", str(DATA)])
    assert result.exit_code == 0, result.output
    assert "3 warnings." in result.output and "error" not in result.output


def test_every_row_names_its_source():
    # The manual's table, or for what it does not say, the source that does.
    for name in ("nodes.csv", "edges.csv"):
        for number, row in enumerate(rows(name), start=2):
            assert SOURCE in row["reference"] or IASC in row["reference"], f"{name}:{number}"


def test_the_escalation_chain_cites_the_iasc_module_not_the_manual():
    # The seed's table names the platforms, not how issues go up between them.
    chain = [row for row in rows("edges.csv") if row["relation"] == "escalation"]
    assert {(row["source"], row["target"]) for row in chain} == {
        ("cluster_meetings", "iccg"), ("iccg", "hct")}
    for row in chain:
        assert IASC in row["reference"] and "2015" in row["reference"]
        assert SOURCE not in row["reference"]


def test_every_platform_of_the_seed_is_there_in_its_words():
    expected = seed_platforms()
    assert len(expected) == 7
    assert len({structure for structure, _, _ in expected}) == 2
    platforms = {n.label: n for n in coordgraph.load(DATA).nodes.values() if n.kind == "platform"}
    assert sorted(platforms) == sorted(label for _, label, _ in expected)
    for structure, label, description in expected:
        assert platforms[label].description == description
        assert platforms[label].structure == structure


@pytest.mark.skipif(not SHARED_SEED.is_file(), reason="../shared/ is not beside the clone")
def test_vendored_seed_is_the_shared_one():
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def _memberships(graph, platform):
    return {e.source: (e.capacity, e.seat, e.condition) for e in graph.memberships(platform)}


def test_the_hct_chief_of_mission_or_the_rapid_response_team_lead():
    # "Chief of Mission, or lead of Rapid Response Team in the event that ...":
    # one seat, the RRT lead filling it under the manual's condition; "in some
    # instances" the cluster coordinators observe.
    hct = _memberships(coordgraph.load(DATA), "hct")
    assert hct["chief_of_mission"] == ("member", "hct-head", "")
    capacity, seat, condition = hct["rrt_lead"]
    assert (capacity, seat) == ("member", "hct-head")
    assert condition == ("in the event that the COM has limited experience in humanitarian "
                         "response and has designated an alternative emergency coordinator")
    assert hct["cluster_coordinator"] == ("observer", "", "in some instances")


def test_iccg_and_cluster_meetings_seats_are_conditional():
    graph = coordgraph.load(DATA)
    assert _memberships(graph, "iccg") == {"cluster_coordinator": (
        "member", "", "when IOM staff assume the role of Cluster Coordinator")}
    meetings = _memberships(graph, "cluster_meetings")
    assert meetings == dict.fromkeys(
        ("programme_officer", "operations_officer"),
        ("member", "cluster-sector", "when implementing activities related to the cluster"))


def test_programme_coordinator_or_senior_programme_manager_is_one_seat():
    pmt = _memberships(coordgraph.load(DATA), "pmt")
    assert pmt == dict.fromkeys(("programme_coordinator", "senior_programme_manager"),
                                ("member", "pmt-programme", ""))


def test_no_alternates_the_seed_does_not_name():
    graph = coordgraph.load(DATA)
    assert [e for e in graph.edges if e.capacity == "alternate"] == []


def test_seat_values_belong_to_one_platform():
    graph = coordgraph.load(DATA)
    platforms = {}
    for edge in graph.edges:
        if edge.seat:
            platforms.setdefault(edge.seat, set()).add(edge.target)
    assert platforms == {"hct-head": {"hct"}, "cluster-sector": {"cluster_meetings"},
                         "pmt-programme": {"pmt"}}


def test_every_role_the_seed_names_is_there():
    graph = coordgraph.load(DATA)
    labels = {n.id: n.label for n in graph.nodes.values() if n.kind == "role"}
    assert labels["programme_officer"].startswith("Programme Manager/Officer")
    seed = SEED.read_text(encoding="utf-8") if SEED.is_file() else ""
    for words in ("Chief of Mission", "Rapid Response Team", "Cluster Coordinator",
                  "Programme Manager/Officer", "Programme Coordinator",
                  "Senior Programme Manager", "Resource Management Officer",
                  "Designated Official"):
        assert not seed or words in seed
        assert any(words in label for label in labels.values()), words
    assert any(e.source == "smt" and e.target == "designated_official"
               and e.relation == "advises" for e in graph.edges)


def test_the_seeds_words_are_in_the_descriptions_and_notes():
    graph = coordgraph.load(DATA)
    assert graph.nodes["cluster_coordinator"].description == (
        "IOM staff assuming the role of Cluster Coordinator.")
    notes = {(e.source, e.target): e.note for e in graph.edges}
    assert "Programme Manager/Officer of the Health programme" in notes[
        ("programme_officer", "cluster_meetings")]
    assert notes[("cluster_coordinator", "hct")] == (
        "In some instances IOM cluster coordinators may also take part as observers.")


# --- the wheel carries data/ -----------------------------------------------------------

@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """Build the wheel once for this module (hatchling: a few seconds)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--quiet",
                    "-w", str(out)], check=True, capture_output=True, timeout=300)
    [built] = out.glob("coordgraph-*.whl")
    return built


@pytest.fixture
def site(wheel, tmp_path):
    """The wheel installed as pip lays it out: unpacked into ``tmp_path/site``."""
    folder = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(folder)
    return folder


@pytest.mark.slow
def test_the_wheel_carries_the_data_unchanged(wheel):
    with zipfile.ZipFile(wheel) as archive:
        for name in ("nodes.csv", "edges.csv", "context.toml"):
            assert archive.read(f"coordgraph/data/{name}") == (DATA / name).read_bytes()


@pytest.mark.slow
def test_the_wheel_carries_the_licence_and_the_typing_marker(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        [licence] = [name for name in names if name.endswith(".dist-info/licenses/LICENSE")]
        assert archive.read(licence) == (ROOT / "LICENSE").read_bytes()
        assert "coordgraph/py.typed" in names
        [metadata] = [name for name in names if name.endswith(".dist-info/METADATA")]
        headers = archive.read(metadata).decode("utf-8").split("\n\n")[0].splitlines()
    assert "License-Expression: MIT" in headers and "License-File: LICENSE" in headers
    assert "Classifier: Typing :: Typed" in headers


@pytest.mark.slow
def test_the_installed_package_loads_its_data(site, tmp_path):
    script = ("import coordgraph; g = coordgraph.load(); "
              "print(coordgraph.__file__); print(coordgraph.bundled_path()); print(len(g.nodes))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=tmp_path, env={"PYTHONPATH": str(site)}, timeout=60)
    assert result.returncode == 0, result.stderr
    module, data, count = result.stdout.split("\n")[:3]
    assert module.startswith(str(site)) and data == str(site / "coordgraph" / "data")
    assert int(count) == len(rows("nodes.csv"))


@pytest.mark.slow
def test_the_installed_commands_find_the_data_without_pathlib(site, tmp_path):
    # Its data, templates and reference are plain folders inside the package:
    # importlib.resources (and pathlib, which it imports) is not needed for them.
    script = ("import sys\nfrom coordgraph.cli import cli\n"
              "try:\n    cli(sys.argv[1:], prog_name='coordgraph')\n"
              "except SystemExit as exc:\n    print('exit', exc.code)\n"
              "print(sorted({'pathlib', 'importlib.resources'} & set(sys.modules)))")
    for args in (["check", "--fail-on", "never"],
                 ["check", "--data", "refugee", "--fail-on", "never"],   # templates, reference
                 ["render", "--format", "dot", "-o", "x.dot"]):
        result = subprocess.run([sys.executable, "-c", script, *args], capture_output=True,
                                text=True, cwd=tmp_path, env={"PYTHONPATH": str(site)},
                                timeout=120)
        assert result.stdout.endswith("exit 0\n[]\n"), (args, result.stdout, result.stderr)
    assert (tmp_path / "x.dot").read_text(encoding="utf-8").startswith("digraph")


@pytest.mark.slow
def test_the_wheel_carries_the_reference_and_reads_it(wheel, site, tmp_path):
    reference = ROOT / "reference"
    with zipfile.ZipFile(wheel) as archive:
        for path in sorted(reference.glob("*.csv")):
            assert archive.read(f"coordgraph/reference/{path.name}") == path.read_bytes()
    script = ("import coordgraph.clusters as c; print(c.reference_path()); "
              "print(c.leads_for('CCM', 'conflict', on='2022-06-01')); "
              "print(len(c.cluster_codes()))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=tmp_path, env={"PYTHONPATH": str(site)}, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == [
        str(site / "coordgraph" / "reference"), "(('UNHCR',), ())", "15"]


def test_cluster_coordinator_in_field_terms_not_the_lead_agencys():
    # French field usage: "coordonnateur de cluster" for the coordinator,
    # "chef de file" for the lead agency (reference/terminology.csv).
    coordinator = coordgraph.load().nodes["cluster_coordinator"]
    assert (coordinator.label_fr, coordinator.label_es) == (
        "Coordonnateur de cluster", "Coordinador del Grupo Sectorial")
    assert "terminology.csv" in coordinator.reference
