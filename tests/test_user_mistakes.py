"""User mistakes end in a message and an exit code, never a traceback:
deeply nested context.toml, a `dot` that prints no SVG, --org as typed,
files with mixed encodings, and wrong arguments to the library."""

import os
import shutil
import warnings

import pytest
from click.testing import CliRunner

import coordgraph
from coordgraph.cli import cli
from coordgraph.errors import ArgumentError, UnknownOrgWarning, UsageError
from coordgraph.exporting import export
from coordgraph.reading import decode_lines, parse_table
from rows import load_warned, member, platform, role


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args], prog_name="coordgraph")
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output + result.stderr
    return result


@pytest.fixture
def bundled_copy(tmp_path):
    folder = tmp_path / "ctx"
    shutil.copytree(coordgraph.bundled_path(), folder)
    return folder


# --- a context.toml nested hundreds of levels deep ----------------------------------

@pytest.mark.parametrize("nested", [
    "a = " + "[" * 600 + "]" * 600,
    "a = " + "{b = " * 600 + "1" + "}" * 600,
    "a = " + "[{b = " * 300 + "1" + "}]" * 300,
], ids=["arrays", "inline tables", "both"])
def test_a_deeply_nested_context_is_cg101_not_a_recursion_error(bundled_copy, nested):
    (bundled_copy / "context.toml").write_text(f'name = "Sudan"\n{nested}\n', encoding="utf-8")
    with pytest.raises(coordgraph.DataError) as raised:
        coordgraph.load(bundled_copy)
    [problem] = raised.value.problems
    assert (problem.code, problem.file.rsplit("/", 1)[-1], problem.line) == (
        "CG101", "context.toml", 2)
    assert "nested too deeply" in problem.message and 'name = "Sudan"' in problem.hint
    for command in ("validate", "check"):
        result = run(command, "--data", bundled_copy)
        assert result.exit_code == 2
        assert "context.toml:2: CG101" in result.stderr and "nested too deeply" in result.stderr


# --- a dot that prints something other than SVG -------------------------------------

def test_a_dot_printing_no_svg_is_a_graphviz_error(tmp_path, monkeypatch):
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    fake = bin_folder / "dot"
    fake.write_text("#!/bin/sh\ncat > /dev/null\necho 'dot: <<garbage>> not SVG at all'\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(coordgraph.GraphvizError) as raised:
        coordgraph.render(coordgraph.load(), format="svg")
    assert "did not print SVG" in str(raised.value)
    assert "dot: <<garbage>> not SVG at all" in str(raised.value)
    target = tmp_path / "out" / "organigram.svg"
    for output in (target, target.with_suffix(".html")):
        result = run("render", "-o", output)
        assert result.exit_code == 3
        assert "did not print SVG" in result.stderr and "<<garbage>>" in result.stderr
        assert not output.exists()


def test_a_dot_printing_xml_that_is_not_svg_is_a_graphviz_error(tmp_path, monkeypatch):
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    (bin_folder / "dot").write_text("#!/bin/sh\ncat > /dev/null\necho '<html>busy</html>'\n")
    (bin_folder / "dot").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ['PATH']}")
    result = run("render", "-o", tmp_path / "o.svg")
    assert result.exit_code == 3 and "'<html>busy</html>\\n'" in result.stderr


# --- --org read the same way everywhere ---------------------------------------------

@pytest.mark.parametrize("typed", [" IOM ", "iom", "\u00a0Iom\t"])
def test_render_reads_org_as_check_does(typed):
    reference = run("render", "--format", "dot", "-o", "-", "--org", "IOM")
    result = run("render", "--format", "dot", "-o", "-", "--org", typed)
    assert result.exit_code == reference.exit_code == 0
    assert result.stdout_bytes == reference.stdout_bytes
    assert "warning" not in result.stderr
    assert b"no IOM seat" not in result.stdout_bytes


@pytest.mark.parametrize("fmt", ["csv", "mermaid"])
def test_export_reads_org_as_check_does(fmt):
    reference = run("export", "--format", fmt, "--org", "IOM")
    result = run("export", "--format", fmt, "--org", " iom ")
    assert result.exit_code == reference.exit_code == 0
    assert result.stdout_bytes == reference.stdout_bytes and result.stderr == ""


@pytest.mark.parametrize("command", [
    ["render", "--format", "dot", "-o", "-"], ["export", "--format", "csv"],
    ["export", "--format", "json"], ["check"], ["show", "hct"]])
def test_an_unknown_org_is_warned_once_with_a_did_you_mean(command):
    result = run(*command, "--org", "IMO")
    assert result.stderr.count("no role belongs to 'IMO': did you mean 'IOM'?") == 1, \
        result.stderr


def test_diff_reads_org_as_check_does(bundled_copy):
    typed = run("diff", "generic", bundled_copy, "--org", " iom ", "--format", "json")
    reference = run("diff", "generic", bundled_copy, "--org", "IOM", "--format", "json")
    assert typed.stdout == reference.stdout and typed.stderr == ""
    assert "did you mean 'IOM'" in run("diff", "generic", bundled_copy, "--org", "IMO").stderr


def test_the_library_reads_org_as_the_cli_does():
    graph = coordgraph.load()
    with warnings.catch_warnings():
        warnings.simplefilter("error")      # a known org in any spelling: no warning
        assert coordgraph.check(graph, org=" iom ") == coordgraph.check(graph, org="IOM")
        assert (coordgraph.render(graph, "dot", org="\tIom ")
                == coordgraph.render(graph, "dot", org="IOM"))
        assert export(graph, "csv", org=" IOM") == export(graph, "csv", org="IOM")
    with pytest.warns(UnknownOrgWarning, match="did you mean 'IOM'") as caught:
        coordgraph.render(graph, "dot", org="IMO")
    assert len(caught) == 1                 # render checks too: one typo, one warning
    with pytest.warns(UnknownOrgWarning, match="did you mean 'IOM'"):
        export(coordgraph.load(), "mermaid", org="IMO")


def test_the_data_spelling_of_an_org_is_kept(write_context):
    folder = write_context([platform("hct"), role("po", org="UNHCR")], [member("po", "hct")])
    graph = coordgraph.load(folder)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert coordgraph.check(graph, org=" unhcr ") == []
    result = run("check", "--data", folder, "--org", " unhcr", "--format", "json")
    assert '"org": "UNHCR"' in result.stdout and result.stderr == ""


# --- a CSV file in two encodings ----------------------------------------------------

def test_a_mixed_encoding_file_keeps_the_accents_of_both(write_context):
    folder = write_context([platform("hct")], [])
    (folder / "nodes.csv").write_bytes(
        b"id,kind,label\n" + "smt,platform,Sécurité\n".encode()
        + "coop,platform,Coopération\n".encode("cp1252") + "hct,platform,Équipe\n".encode())
    graph, found = load_warned(folder)
    assert [graph.nodes[i].label for i in ("smt", "coop", "hct")] == [
        "Sécurité", "Coopération", "Équipe"]
    [warning] = found
    assert (warning.code, warning.line, warning.severity) == ("CG101", 3, "warning")
    assert warning.message == ("line 3 is not UTF-8 like the rest of the file; "
                               "read it as Windows-1252")
    result = run("validate", "--data", folder)
    assert result.exit_code == 0 and "nodes.csv:3: warning CG101" in result.stderr


def test_every_windows_1252_line_of_a_mixed_file_is_named():
    lines = [f"n{i},platform,{'Sécurité' if i % 3 else 'Coopération'}\n" for i in range(1, 10)]
    data = b"id,kind,label\n" + b"".join(
        line.encode("utf-8" if i % 3 else "cp1252") for i, line in enumerate(lines, start=1))
    table = parse_table(data, "n.csv")
    assert table.columns[2] == [line.rsplit(",", 1)[1].strip() for line in lines]
    [warning] = table.warnings
    assert warning.message.startswith("lines 4, 7 and 10 are not UTF-8")


def test_an_undecodable_line_in_a_mixed_file_is_named():
    data = "id,kind,label\na,platform,Sécurité\n".encode() + b"b,platform,\x81\n"
    table = parse_table(data, "n.csv")
    assert [(p.code, p.line) for p in table.problems] == [("CG101", 3)]
    assert "0x81" in table.problems[0].message


def test_decoding_crosses_block_boundaries():
    # Long enough to span several of decode_lines' blocks, accents on both sides.
    utf8_line = "x,platform,Sécurité\n".encode()
    data = utf8_line * 20_000 + "y,platform,Coopération\n".encode("cp1252") + utf8_line * 5
    text, legacy, mixed = decode_lines(data)
    assert (legacy, mixed) == ([20_001], True)
    assert text == "x,platform,Sécurité\n" * 20_000 + "y,platform,Coopération\n" \
        + "x,platform,Sécurité\n" * 5


def test_a_mixed_context_toml_keeps_its_accents(write_context):
    folder = write_context([platform("hct")], [])
    (folder / "context.toml").write_bytes(
        'name = "Sénégal"\n'.encode() + 'as_of = 2026-11-01 # année\n'.encode("cp1252"))
    graph, found = load_warned(folder)
    assert graph.context.name == "Sénégal"
    assert [(w.line, w.message.split(";")[0]) for w in found] == [
        (2, "line 2 is not UTF-8 like the rest of the file")]


# --- wrong arguments to the library -------------------------------------------------

@pytest.mark.parametrize("call, expected", [
    (lambda g: coordgraph.render("data"),
     "render() takes a CoordGraph, e.g. coordgraph.render(coordgraph.load('data')); "
     "got the str 'data'"),
    (lambda g: coordgraph.check(None), "check() takes a CoordGraph"),
    (lambda g: coordgraph.load(42), "load()'s path must be a folder name (str or Path), "
                                    "e.g. coordgraph.load('my-country'); got the int 42"),
    (lambda g: export("data", "json"), "export() takes a CoordGraph"),
    (lambda g: coordgraph.check(g, org=42), "org must be an organisation's name"),
    (lambda g: coordgraph.check(g, max_seats="3"), "got the str '3'"),
    (lambda g: coordgraph.render(g, "dot", focus=5), "focus must be text"),
    (lambda g: coordgraph.render(g, "dot", org=["IOM"]), "got the list ['IOM']"),
    (lambda g: coordgraph.render(g, "dot", findings=5), "findings must be a list"),
    (lambda g: coordgraph.render(g, "dot", compare=5), "compare must be a graph"),
    (lambda g: coordgraph.render(g, "dot", depth="2"), "depth must be a whole number"),
    (lambda g: export(g, "csv", lang=1), "lang must be text"),
    (lambda g: coordgraph.from_records(None, []), "nodes must be a list of dicts"),
    (lambda g: coordgraph.from_records("hct", []), "nodes must be a list of dicts"),
    (lambda g: coordgraph.from_records([{"id": "a"}], ["a"]), "(edges[0] is not)"),
    (lambda g: coordgraph.from_records([], [], context="Sudan"), "context must be a dict"),
])
def test_a_wrong_argument_says_how_to_call(call, expected):
    graph = coordgraph.load()
    with pytest.raises(ArgumentError) as raised:
        call(graph)
    assert expected in str(raised.value)
    assert isinstance(raised.value, UsageError) and isinstance(raised.value, TypeError)


def test_wrong_values_of_the_right_kind_stay_usage_errors():
    graph = coordgraph.load()
    for call in (lambda: coordgraph.render(graph, format=None),
                 lambda: export(graph, None)):
        with pytest.raises(UsageError, match="format"):
            call()
