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
    # The seed names no alternate for the Chief of Mission at the UNCT and the
    # SMT: the CoM is IOM's only link to both (CG305). Everything else has a seat.
    findings = coordgraph.check(coordgraph.load(DATA))
    assert [(f.code, f.severity, f.node, f.nodes) for f in findings] == [
        ("CG305", "warning", "chief_of_mission", ("chief_of_mission", "unct", "smt"))]


def test_every_row_names_its_source():
    for name in ("nodes.csv", "edges.csv"):
        for number, row in enumerate(rows(name), start=2):
            assert SOURCE in row["reference"], f"{name}:{number}"


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


def test_the_seeds_escalation_chain_and_representation():
    graph = coordgraph.load(DATA)
    escalation = {(e.source, e.target) for e in graph.edges if e.relation == "escalation"}
    assert escalation == {("cluster_meetings", "iccg"), ("iccg", "hct")}
    hct = {e.source: e for e in graph.memberships("hct")}
    assert (hct["chief_of_mission"].capacity, hct["chief_of_mission"].condition) == ("member", "")
    assert hct["rrt_lead"].capacity == "alternate" and hct["rrt_lead"].condition
    assert hct["cluster_coordinator"].capacity == "observer"
    assert ("smt", "designated_official") in {(e.source, e.target) for e in graph.edges
                                               if e.relation == "advises"}


# --- the wheel carries data/ -----------------------------------------------------------

@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """Build the wheel once for this module (hatchling: a few seconds)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--quiet",
                    "-w", str(out)], check=True, capture_output=True, timeout=300)
    [built] = out.glob("coordgraph-*.whl")
    return built


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
def test_the_installed_package_loads_its_data(wheel, tmp_path):
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    script = ("import coordgraph; g = coordgraph.load(); "
              "print(coordgraph.__file__); print(coordgraph.bundled_path()); print(len(g.nodes))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=tmp_path, env={"PYTHONPATH": str(site)}, timeout=60)
    assert result.returncode == 0, result.stderr
    module, data, count = result.stdout.split("\n")[:3]
    assert module.startswith(str(site)) and data == str(site / "coordgraph" / "data")
    assert int(count) == len(rows("nodes.csv"))
