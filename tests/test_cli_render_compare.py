"""`coordgraph render --compare OLD` through click and the real Graphviz, on a
country folder edited the way users do (Excel: BOM and CRLF kept)."""

import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from coordgraph.cli import cli
from coordgraph.rendering import VIEWS
from coordgraph.rendering.i18n import words
from csv_edit import add_row, delete_rows, set_cells
from render_helpers import SVG, classes, svg_nodes, texts

LEGEND = words("en").legend


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)), prog_name="coordgraph")


@pytest.fixture(scope="module")
def country(tmp_path_factory):
    """The humanitarian template, edited: two clusters inactive, a role added,
    an edge removed, a label renamed, a role and its seat deleted."""
    folder = tmp_path_factory.mktemp("compare") / "country"
    assert run("init", folder, "--template", "humanitarian").exit_code == 0
    nodes, edges = folder / "nodes.csv", folder / "edges.csv"
    for cluster in ("cluster_edu", "cluster_tel"):
        set_cells(nodes, {"id": cluster}, status="inactive")
    add_row(nodes, id="im_officer", kind="role", label="Information Management Officer")
    add_row(edges, source="im_officer", target="iccg", relation="membership")
    delete_rows(edges, {"source": "cluster_coordinator", "target": "hct"})
    set_cells(nodes, {"id": "po_hea"}, label="Migration Health Programme Manager",
              status="active")
    set_cells(edges, {"source": "rrt_lead", "target": "hct"}, capacity="alternate")
    delete_rows(edges, {"source": "oo_edu"})
    delete_rows(nodes, {"id": "oo_edu"})
    return folder


@pytest.fixture(scope="module")
def rendered(country):
    out = country.parent / "out.svg"
    result = run("render", "--compare", "humanitarian", "--data", country, "-o", out)
    assert result.exit_code == 0, result.output
    return out.read_bytes(), result


@pytest.fixture(scope="module")
def root(rendered):
    return ET.fromstring(rendered[0])


def marked(root, mark):
    return sorted(i for i, g in svg_nodes(root).items() if mark in classes(g))


def test_writes_the_file(rendered, country):
    assert f"wrote {country.parent / 'out.svg'}" in rendered[1].stderr


def test_nodes_carry_the_right_classes(root):
    assert marked(root, "added") == ["im_officer"]
    assert marked(root, "removed") == ["oo_edu"]
    assert marked(root, "changed") == ["cluster_edu", "cluster_tel", "po_hea"]
    nodes = svg_nodes(root)
    assert classes(nodes["cluster_edu"])[:2] == ["node", "platform"]
    assert "inactive" in classes(nodes["cluster_edu"])
    assert classes(nodes["oo_edu"])[:2] == ["node", "role"]


def test_removed_nodes_are_drawn(root):
    g = svg_nodes(root)["oo_edu"]
    assert "Operations Officer (Education)" in texts(g)
    assert "✕ removed" in texts(g)
    assert any("stroke-dasharray" in p.attrib for p in g.iter(f"{SVG}path"))


def test_badges_and_tooltips(root):
    nodes = svg_nodes(root)
    assert "+ new" in texts(nodes["im_officer"])
    assert "~ changed: status" in texts(nodes["cluster_edu"])
    assert "~ changed: label, status" in texts(nodes["po_hea"])
    titles = [a.get("{http://www.w3.org/1999/xlink}title") for a in nodes["po_hea"].iter(f"{SVG}a")]
    assert any("label: Programme Manager/Officer (Health) → Migration Health Programme "
               "Manager" in t
               for t in titles)


def test_edges_carry_their_marks(root):
    edges = [g for g in root.iter(f"{SVG}g") if "edge" in classes(g)]
    by_mark = {mark: [g for g in edges if mark in classes(g)]
               for mark in ("added", "removed", "changed")}
    assert len(by_mark["added"]) == 1
    assert len(by_mark["removed"]) == 2      # the observer seat, and oo_edu's
    assert len(by_mark["changed"]) == 1      # rrt_lead: member → alternate
    assert all(g.get("id").startswith("cg-") for g in edges)


def test_legend_lists_the_marks(root):
    legend = texts(next(g for g in root.iter(f"{SVG}g") if "legend" in classes(g)))
    for key in ("added", "changed", "removed", "added_edge", "changed_edge", "removed_edge"):
        assert LEGEND[key] in legend, key


def test_title_says_compared_with(root):
    assert root[0].text.endswith("compared with Humanitarian 2025 template (1 January 2025)")
    assert "Compared with Humanitarian 2025 template (1 January 2025)" in root[1].text


def test_findings_still_marked(root):
    # the Nutrition cluster has no IOM seat in the new version
    assert "finding-error" in classes(svg_nodes(root)["cluster_nut"])


def test_two_renders_are_byte_identical(country, rendered):
    out = country.parent / "again.svg"
    assert run("render", "--compare", "humanitarian", "--data", country,
               "-o", out).exit_code == 0
    assert out.read_bytes() == rendered[0]


def test_ids_are_unique(root):
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))


@pytest.mark.slow
def test_png(country):
    out = country.parent / "compare.png"
    result = run("render", "--data", country, "--compare", "humanitarian", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_in_french(country, view):
    result = run("render", "--data", country, "--compare", "humanitarian", "--view", view,
                 "--lang", "fr", "-o", "-")
    assert result.exit_code == 0, result.output
    root = ET.fromstring(result.stdout_bytes)
    assert ("oo_edu" in svg_nodes(root)) == (view not in ("platforms", "leadership"))
    assert "comparé à Humanitarian 2025 template" in root[0].text


def test_focus_on_a_removed_node(country):
    result = run("render", "--data", country, "--compare", "humanitarian", "--focus", "oo_edu",
                 "-o", "-")
    assert result.exit_code == 0, result.output
    nodes = svg_nodes(ET.fromstring(result.stdout_bytes))
    assert sorted(nodes) == ["cluster_edu", "oo_edu"]
    assert "removed" in classes(nodes["oo_edu"])


def test_identical_no_marks(tmp_path):
    result = run("render", "--compare", "generic", "--format", "dot", "-o", "-")
    assert result.exit_code == 0, result.output
    dot = result.stdout_bytes.decode()
    assert "compared with Generic coordination framework" in dot
    for key in ("added", "changed", "removed", "added_edge", "changed_edge", "removed_edge"):
        assert LEGEND[key] not in dot


def test_a_folder_works_as_old(country, tmp_path):
    result = run("render", "--data", country, "--compare", country, "--format", "dot",
                 "-o", "-")
    assert result.exit_code == 0
    assert LEGEND["added"] not in result.stdout_bytes.decode()


def test_invalid_old_exits_2_with_its_problems(tmp_path, country):
    bad = tmp_path / "bad"
    assert run("init", bad).exit_code == 0
    add_row(bad / "nodes.csv", id="hct", kind="platform", label="Again")
    out = tmp_path / "out.svg"
    result = run("render", "--data", country, "--compare", bad, "-o", out)
    assert result.exit_code == 2
    assert f"--compare {bad}: not a valid context" in result.stderr
    assert "CG104" in result.stderr and "Traceback" not in result.output
    assert not out.exists()


def test_unknown_old_exits_2_with_did_you_mean(tmp_path, country, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("render", "--data", country, "--compare", "humanitrian", "-o", "x.svg")
    assert result.exit_code == 2
    assert "'humanitrian' is neither a context folder nor a template" in result.stderr
    assert "did you mean 'humanitarian'?" in result.stderr
    assert not (tmp_path / "x.svg").exists()


def test_never_writes_over_old_inputs(tmp_path, country):
    old = tmp_path / "old"
    assert run("init", old).exit_code == 0
    before = (old / "edges.csv").read_bytes()
    result = run("render", "--data", country, "--compare", old, "--format", "dot",
                 "-o", old / "edges.csv")
    assert result.exit_code == 2 and "refusing to write over the input file" in result.stderr
    assert (old / "edges.csv").read_bytes() == before


def test_help_mentions_compare():
    result = run("render", "--help")
    assert "--compare OLD" in result.output and "--compare generic" in result.output
