"""`coordgraph export`: formats, stdout and -o, atomic writes, refusals."""

import csv
import io
import json
import os
import shutil
import subprocess
import sys

import networkx as nx
import pytest
from click.testing import CliRunner

import coordgraph
from coordgraph import exporting, writing
from coordgraph.cli import cli
from coordgraph.cli.exporting import EXPORT_FORMATS


def run(*args):
    return CliRunner().invoke(cli, ["export", *args], catch_exceptions=False)


@pytest.fixture
def context(tmp_path):
    """A copy of the bundled framework with a formula label and an Arabic one."""
    folder = tmp_path / "ctx"
    shutil.copytree(coordgraph.bundled_path(), folder)
    nodes = (folder / "nodes.csv").read_text(encoding="utf-8")
    nodes = nodes.replace("Cluster Meetings,,,,", '"=HYPERLINK(""http://x"",""Cluster"")",,,,', 1)
    nodes += ('zz,platform,تنسيق الحماية 🚑 <b>&amp;</b>,,,,,national,active,,,,'
              '"a ""quoted"" description",\n')
    (folder / "nodes.csv").write_text(nodes, encoding="utf-8")
    return folder


def test_formats_agree_with_the_library():
    assert EXPORT_FORMATS == exporting.FORMATS


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_stdout_is_exactly_the_export(fmt):
    result = run("--format", fmt)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == exporting.export(coordgraph.load(), fmt)


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_dash_is_stdout(fmt):
    assert run("--format", fmt, "-o", "-").stdout_bytes == run("--format", fmt).stdout_bytes


@pytest.mark.parametrize("fmt, name", [("json", "g.json"), ("graphml", "g.graphml"),
                                       ("gexf", "g.gexf"), ("mermaid", "g.mmd"),
                                       ("csv", "g.csv")])
def test_o_writes_the_same_bytes_and_infers_the_format(tmp_path, context, fmt, name):
    target = tmp_path / "out" / "sub" / name          # missing folders are created
    result = run("--data", str(context), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == run("--data", str(context), "--format", fmt).stdout_bytes
    assert f"wrote {target}" in result.stderr
    assert result.stdout == ""
    assert os.listdir(target.parent) == [name]          # no temporary file left behind


def test_round_trips_through_the_command(tmp_path, context):
    graph = coordgraph.load(context)
    nodes = {n.id: n.attributes() for n in graph.nodes.values()}
    edges = {(e.source, e.relation, e.target): e.attributes() for e in graph.edges}

    run("--data", str(context), "-o", str(tmp_path / "g.json"))
    H = nx.node_link_graph(json.loads((tmp_path / "g.json").read_text(encoding="utf-8")),
                           edges="edges")
    assert dict(H.nodes(data=True)) == nodes
    assert {(u, k, v): d for u, v, k, d in H.edges(keys=True, data=True)} == edges

    run("--data", str(context), "-o", str(tmp_path / "g.graphml"))
    H = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    # yEd's graphics come back as x, y, shape_type on nodes and label on edges.
    assert {n: {k: v for k, v in d.items() if k not in ("x", "y", "shape_type")}
            for n, d in H.nodes(data=True)} == nodes
    assert {(u, d["relation"], v): {k: x for k, x in d.items() if k != "label"}
            for u, v, d in H.edges(data=True)} == edges

    run("--data", str(context), "-o", str(tmp_path / "g.gexf"))
    H = nx.read_gexf(tmp_path / "g.gexf")
    assert {n: {k: v for k, v in d.items() if k != "viz"}
            for n, d in H.nodes(data=True)} == nodes
    assert {(u, d["relation"], v): {k: x for k, x in d.items() if k != "id"}
            for u, v, d in H.edges(data=True)} == edges


def test_csv_formula_label_is_neutralised(tmp_path, context):
    target = tmp_path / "seats.csv"
    assert run("--data", str(context), "-o", str(target)).exit_code == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    row = next(r for r in rows if r["Platform ID"] == "cluster_meetings")
    assert row["Platform"] == "'=HYPERLINK(\"http://x\",\"Cluster\")"
    assert not any(c.startswith(("=", "+", "-", "@")) for r in rows for c in r.values())


def test_csv_org_and_lang():
    rows = list(csv.DictReader(io.StringIO(
        run("--format", "csv", "--org", "UNHCR", "--lang", "fr").stdout_bytes
        .decode("utf-8-sig"), newline="")))
    hct = rows[0]
    assert hct["Platform"] == "Équipe humanitaire pays (EHP)"
    assert hct["Findings"].startswith("CG301 (error): UNHCR has no one in")


def test_mermaid_to_markdown_is_fenced(tmp_path):
    target = tmp_path / "organigram.md"
    assert run("-o", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("```mermaid\n---\n") and text.endswith("```\n")
    assert run("--format", "mermaid").stdout.startswith("---\n")     # stdout: plain


def test_refuses_to_write_over_an_input_file(context):
    for name in ("nodes.csv", "edges.csv", "context.toml"):
        target = context / name
        before = target.read_bytes()
        result = run("--data", str(context), "--format", "csv", "-o", str(target))
        assert result.exit_code == 2
        assert "input file" in result.stderr and "Traceback" not in result.output
        assert target.read_bytes() == before


def test_refuses_an_input_file_through_a_symlink_or_relative_path(tmp_path, context,
                                                                   monkeypatch):
    link = tmp_path / "link.csv"
    link.symlink_to(context / "nodes.csv")
    before = (context / "nodes.csv").read_bytes()
    assert run("--data", str(context), "-o", str(link)).exit_code == 2
    monkeypatch.chdir(context)
    assert run("--data", ".", "-o", "./sub/../nodes.csv").exit_code == 2
    assert (context / "nodes.csv").read_bytes() == before


def test_refuses_the_bundled_files():
    target = coordgraph.bundled_path() / "nodes.csv"
    before = target.read_bytes()
    assert run("-o", str(target)).exit_code == 2
    assert target.read_bytes() == before


def test_refuses_a_folder(tmp_path):
    result = run("--format", "json", "-o", str(tmp_path))
    assert result.exit_code == 2 and result.stderr.startswith("Error: ")   # as render says it
    assert "is a folder" in result.stderr


def test_unknown_format_lists_the_allowed_ones():
    result = run("--format", "docx")
    assert result.exit_code == 2
    for fmt in EXPORT_FORMATS:
        assert fmt in result.stderr


def test_format_needed_when_not_implied(tmp_path):
    result = run()
    assert result.exit_code == 2
    assert "--format json|graphml|gexf|mermaid|csv|cytoscape|contacts|context|xlsx" in result.stderr
    result = run("-o", str(tmp_path / "graph.txt"))
    assert result.exit_code == 2 and "no known suffix" in result.stderr
    assert not (tmp_path / "graph.txt").exists()


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "graph.json"
    target.write_text("old", encoding="utf-8")

    def broken_replace(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writing.os, "replace", broken_replace)
    result = run("-o", str(target))
    assert result.exit_code == 2
    assert "cannot write" in result.stderr and "No space left on device" in result.stderr
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["graph.json"]


def test_a_failed_write_creates_no_file(tmp_path, monkeypatch):
    def broken_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(writing.os, "fsync", broken_fsync)
    assert run("-o", str(tmp_path / "g.gexf")).exit_code == 2
    assert os.listdir(tmp_path) == []


def test_overwrite_keeps_permissions(tmp_path):
    target = tmp_path / "seats.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    assert run("-o", str(target)).exit_code == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert target.stat().st_mode & 0o777 == 0o640


def test_invalid_data_exits_2_and_writes_nothing(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "nodes.csv").write_text("id,kind,label\nhct,platform,HCT\n", encoding="utf-8")
    (folder / "edges.csv").write_text("source,target,relation\nhct,nowhere,escalation\n",
                                      encoding="utf-8")
    target = tmp_path / "g.json"
    result = run("--data", str(folder), "-o", str(target))
    assert result.exit_code == 2 and "CG106" in result.stderr
    assert not target.exists()


def test_cli_import_does_not_load_networkx_or_pydot():
    code = ("import sys, coordgraph.cli.exporting; "
            "print([m for m in ('networkx', 'pydot') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_manual_diagram_is_the_current_export():
    from pathlib import Path

    page = (Path(__file__).resolve().parent.parent / "docs" / "exporting.md").read_text(
        encoding="utf-8")
    section = page[page.index("<!-- BEGIN export -->"):page.index("<!-- END export -->")]
    block = section[section.index("```mermaid\n"):]
    expected = exporting.mermaid_markdown(exporting.to_mermaid(coordgraph.load()))
    assert block == expected, "run: coordgraph export -o x.md and paste it into docs/exporting.md"
