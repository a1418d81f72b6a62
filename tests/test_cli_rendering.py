"""`coordgraph render`: files, formats, stdout, errors and exit codes."""

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from coordgraph.cli import cli
from render_helpers import EXAMPLE, INJECTION, fake_dot, svg_nodes


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_default_output_is_output_view_format(runner, in_tmp):
    result = runner.invoke(cli, ["render"])
    assert result.exit_code == 0, result.output
    svg = (in_tmp / "output" / "organigram.svg").read_bytes()
    assert "chief_of_mission" in svg_nodes(ET.fromstring(svg))
    assert "wrote output/organigram.svg" in result.stderr


@pytest.mark.parametrize("args, path, signature", [
    (["--view", "platforms", "--format", "pdf"], "output/platforms.pdf", b"%PDF-"),
    (["-o", "brief.png"], "brief.png", b"\x89PNG"),
    (["-o", "deep/er/x.PDF"], "deep/er/x.PDF", b"%PDF-"),
    (["-o", "x.gv"], "x.gv", b"digraph"),
    (["--format", "dot", "-o", "x.txt"], "x.txt", b"digraph"),
])
def test_formats_from_option_or_suffix(runner, in_tmp, args, path, signature):
    result = runner.invoke(cli, ["render", *args])
    assert result.exit_code == 0, result.output
    assert (in_tmp / path).read_bytes().startswith(signature)


def test_stdout(runner, in_tmp):
    result = runner.invoke(cli, ["render", "-o", "-", "--view", "representation"])
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"<?xml")
    ET.fromstring(result.stdout_bytes)
    assert not (in_tmp / "output").exists()


def test_suffix_and_format_must_agree(runner, in_tmp):
    result = runner.invoke(cli, ["render", "-o", "x.png", "--format", "svg"])
    assert result.exit_code == 2 and "says png but --format says svg" in result.stderr


def test_unknown_suffix_needs_format(runner, in_tmp):
    result = runner.invoke(cli, ["render", "-o", "x.jpg"])
    assert result.exit_code == 2 and "cannot tell the format" in result.stderr


def test_unknown_focus_exits_2_with_did_you_mean(runner, in_tmp):
    result = runner.invoke(cli, ["render", "--focus", "cheif_of_mission"])
    assert result.exit_code == 2
    assert "did you mean 'chief_of_mission'?" in result.stderr
    assert "Traceback" not in result.output


def test_focus_not_in_the_view_exits_2(runner, in_tmp):
    result = runner.invoke(cli, ["render", "--focus", "chief_of_mission", "--view", "platforms"])
    assert result.exit_code == 2 and "view does not draw" in result.stderr


def test_focus_depth_lang_org(runner, in_tmp):
    result = runner.invoke(cli, ["render", "--data", str(EXAMPLE), "--focus", "cl.cccm",
                                 "--depth", "2", "--lang", "fr", "--org", "UNHCR", "-o", "f.svg"])
    assert result.exit_code == 0, result.output
    svg = (in_tmp / "f.svg").read_text(encoding="utf-8")
    assert "Coordination et gestion des camps" in svg and "aucun siège UNHCR" in svg


def test_graphviz_missing_exits_3_with_install_hint(runner, in_tmp, monkeypatch):
    monkeypatch.setenv("PATH", str(in_tmp))
    result = runner.invoke(cli, ["render"])
    assert result.exit_code == 3
    assert "apt-get install graphviz" in result.stderr and "Traceback" not in result.output
    assert not (in_tmp / "output" / "organigram.svg").exists()


def test_timeout_exits_3_and_leaves_no_file(runner, in_tmp, monkeypatch):
    monkeypatch.setenv("PATH", fake_dot(in_tmp / "bin", f"exec {shutil.which('sleep')} 30"))
    result = runner.invoke(cli, ["render", "--timeout", "0.2", "-o", "t.svg"])
    assert result.exit_code == 3
    assert "--timeout" in result.stderr and "--focus" in result.stderr
    assert list(in_tmp.glob("*.svg")) == [] and list(in_tmp.glob(".t.svg*")) == []


def test_never_writes_over_an_input(runner, in_tmp):
    data = in_tmp / "ctx"
    shutil.copytree(EXAMPLE, data)
    before = (data / "edges.csv").read_bytes()
    result = runner.invoke(cli, ["render", "--data", str(data), "--format", "dot",
                                 "-o", str(data / "edges.csv")])
    assert result.exit_code == 2 and "refusing to write over the input file" in result.stderr
    assert (data / "edges.csv").read_bytes() == before


def test_warnings_go_to_stderr(runner, in_tmp):
    result = runner.invoke(cli, ["render", "--data", str(INJECTION), "-o", "-"])
    assert result.exit_code == 0
    assert "warning: the label of 'long'" in result.stderr
    assert b"warning:" not in result.stdout_bytes


def test_invalid_data_exits_2(runner, in_tmp):
    (in_tmp / "bad").mkdir()
    result = runner.invoke(cli, ["render", "--data", str(in_tmp / "bad")])
    assert result.exit_code == 2


def test_help_has_examples(runner):
    result = runner.invoke(cli, ["render", "--help"])
    assert result.exit_code == 0
    assert "coordgraph render --focus hct --depth 2" in result.output
    for option in ("--format", "--view", "--focus", "--depth", "--lang", "--org", "--timeout"):
        assert option in result.output


def test_cli_import_does_not_import_pydot_or_networkx():
    code = ("import sys, coordgraph.cli; "
            "print(sorted(m for m in ('pydot', 'networkx') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("timeout", ["inf", "nan", "1e400", "1e7"])
def test_a_timeout_that_is_no_limit_exits_2(runner, in_tmp, timeout):
    result = runner.invoke(cli, ["render", "--timeout", timeout, "-o", "t.svg"])
    assert result.exit_code == 2, result.output
    assert "timeout" in result.stderr and "Traceback" not in result.output
    assert list(in_tmp.iterdir()) == []


def test_dots_own_error_exits_3_with_its_message_and_leaves_no_file(runner, in_tmp,
                                                                     monkeypatch):
    script = "echo 'Error: trouble in init_rank' >&2; exit 1"
    monkeypatch.setenv("PATH", fake_dot(in_tmp / "bin", script))
    for name in ("t.svg", "t.png", "t.pdf", "t.html"):
        result = runner.invoke(cli, ["render", "-o", name])
        assert result.exit_code == 3, result.output
        assert "Graphviz failed (exit 1): Error: trouble in init_rank" in result.stderr
        assert "Traceback" not in result.output
    assert sorted(p.name for p in in_tmp.iterdir()) == ["bin"]


# -- drawings too large to make ------------------------------------------------

def _chain_rows(length):
    nodes = [{"id": f"p{i}", "kind": "platform", "label": f"Platform {i}"} for i in range(length)]
    edges = [{"source": f"p{i + 1}", "target": f"p{i}", "relation": "escalation"}
             for i in range(length - 1)]
    return nodes, edges


@pytest.fixture
def huge(write_context):
    """A context of MAX_NODES + 1,000 platforms in one escalation chain."""
    from coordgraph.rendering import MAX_NODES

    return write_context(*_chain_rows(MAX_NODES + 1000))


def test_a_drawing_too_large_is_refused_with_a_hint(runner, in_tmp, huge):
    result = runner.invoke(cli, ["render", "--data", str(huge), "-o", "big.svg"])
    assert result.exit_code == 2, result.output
    assert "6,000 nodes and 5,999 edges; at most 5,000 nodes" in result.stderr
    assert "--focus ID --depth N, or --view platforms" in result.stderr
    assert "Traceback" not in result.output and not (in_tmp / "big.svg").exists()
    # the hint works: a part of the same graph is drawn
    result = runner.invoke(cli, ["render", "--data", str(huge), "--focus", "p3000",
                                 "--depth", "2", "-o", "part.svg"])
    assert result.exit_code == 0, result.output
    assert len(svg_nodes(ET.fromstring((in_tmp / "part.svg").read_bytes()))) == 5


def test_dot_text_may_be_larger(runner, in_tmp, huge):
    result = runner.invoke(cli, ["render", "--data", str(huge), "-o", "big.dot"])
    assert result.exit_code == 0, result.output
    assert (in_tmp / "big.dot").read_text(encoding="utf-8").count("(escalates to)") == 5999


def test_too_many_edges_are_refused_too(runner, in_tmp, write_context):
    platforms = [{"id": f"p{i}", "kind": "platform", "label": f"P{i}"} for i in range(40)]
    roles = [{"id": f"r{i}", "kind": "role", "label": f"R{i}"} for i in range(400)]
    edges = [{"source": f"r{i}", "target": f"p{j}", "relation": "membership"}
             for i in range(400) for j in range(40)]                         # 16,000
    folder = write_context(platforms + roles, edges)
    result = runner.invoke(cli, ["render", "--data", str(folder), "-o", "x.png"])
    assert result.exit_code == 2 and "440 nodes and 16,000 edges" in result.stderr


def test_the_size_is_checked_before_anything_is_built(huge):
    # In a fresh process: refusing imports neither pydot nor the DOT builder
    # and runs no check, so its cost is loading and choosing the nodes alone.
    script = (
        "import sys, coordgraph\n"
        "from coordgraph.errors import UsageError\n"
        f"graph = coordgraph.load({str(huge)!r})\n"
        "try:\n"
        "    coordgraph.render(graph, 'html')\n"
        "except UsageError as error:\n"
        "    print('refused:', error)\n"
        "print(sorted(m for m in ('pydot', 'coordgraph.rendering.building',\n"
        "                          'networkx') if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("refused: the drawing would have 6,000 nodes")
    assert lines[1] == "[]"


def test_help_states_the_limits():
    from click.testing import CliRunner

    from coordgraph.rendering import MAX_DOT_EDGES, MAX_DOT_NODES, MAX_EDGES, MAX_NODES

    text = " ".join(CliRunner().invoke(cli, ["render", "--help"]).output.split())
    assert (f"more than {MAX_NODES:,} nodes or {MAX_EDGES:,} edges ({MAX_DOT_NODES:,} and "
            f"{MAX_DOT_EDGES:,} with --format dot) are refused") in text
