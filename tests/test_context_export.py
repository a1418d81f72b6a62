"""`export --format context|xlsx` and `init --format xlsx`: a context written
back as files or as a workbook, read back by --data to the same check."""

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import coordgraph
from coordgraph.cli import cli
from coordgraph.templating import template_names, template_path
from coordgraph.writing_context import init_workbook

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).parent.parent
SOURCES = {
    "bundled": None,
    **{f"template-{name}": template_path(name) for name in template_names()},
    "nortavia": ROOT / "examples" / "nortavia",
    "country": ROOT / "tests" / "fixtures" / "country",
    "injection": ROOT / "tests" / "fixtures" / "injection",
}


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def check_json(data=None):
    result = run("check", *(("--data", data) if data is not None else ()), "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def same_graph(a, b):
    return ([n.attributes() for n in a.nodes.values()] == [n.attributes() for n in b.nodes.values()]
            and [e.attributes() for e in a.edges] == [e.attributes() for e in b.edges]
            and a.context == b.context)


@pytest.mark.parametrize("fmt, name", [("context", "out"), ("xlsx", "out.xlsx")])
@pytest.mark.parametrize("source", list(SOURCES))
def test_round_trip_gives_the_same_check(tmp_path, source, fmt, name):
    data = SOURCES[source]
    target = tmp_path / name
    args = ("--data", data) if data is not None else ()
    result = run("export", *args, "--format", fmt, "-o", target)
    assert result.exit_code == 0, result.output
    assert check_json(target) == check_json(data)
    assert same_graph(coordgraph.load(target), coordgraph.load(data))


def test_the_context_folder_holds_every_column(tmp_path):
    run("export", "--data", SOURCES["country"], "--format", "context", "-o", tmp_path)
    nodes = (tmp_path / "nodes.csv").read_bytes()
    assert nodes.startswith(b"\xef\xbb\xbfid,kind,label,label_fr,label_es,org,structure")
    assert b"\r\n" in nodes
    assert 'country = "MOZ"' in (tmp_path / "context.toml").read_text(encoding="utf-8")
    assert "sectors = [" in (tmp_path / "context.toml").read_text(encoding="utf-8")


def test_export_infers_xlsx_from_the_suffix_and_keeps_formula_text(tmp_path):
    result = run("export", "--data", SOURCES["injection"], "-o", tmp_path / "x.XLSX")
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(tmp_path / "x.XLSX")
    formulas = [c.coordinate for sheet in workbook for row in sheet.iter_rows() for c in row
                if c.data_type == "f"]
    assert formulas == []   # text such as =HYPERLINK(...) stays text


def test_context_export_needs_a_folder_and_never_overwrites_inputs(tmp_path):
    assert run("export", "--format", "context").exit_code == 2
    folder = tmp_path / "ctx"
    shutil.copytree(SOURCES["country"], folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = run("export", "--data", folder, "--format", "context", "-o", folder)
    assert result.exit_code == 2 and "input file" in result.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    (tmp_path / "file").write_text("x")
    assert run("export", "--format", "context", "-o", tmp_path / "file").exit_code == 2


# --- init --format xlsx ----------------------------------------------------------

def validations(sheet):
    """Column header -> the list formula of its drop-down."""
    header = {c.column_letter: c.value for c in sheet[1]}
    found = {}
    for check in sheet.data_validations.dataValidation:
        for cell_range in check.sqref.ranges:
            found[header[cell_range.coord[0]]] = check.formula1
    return found


@pytest.mark.parametrize("template", template_names())
def test_init_workbook_reads_back_as_its_template(tmp_path, template):
    written = init_workbook(tmp_path / "sudan", template, as_of=datetime.date(2026, 11, 28))
    assert written == [tmp_path / "sudan.xlsx"]
    graph = coordgraph.load(written[0])
    template_graph = coordgraph.load(template_path(template))
    assert [n.attributes() for n in graph.nodes.values()] == [
        n.attributes() for n in template_graph.nodes.values()]
    assert graph.context.as_of == "2026-11-28" and graph.context.template == template
    assert coordgraph.check(graph) == coordgraph.check(template_graph)


def test_init_workbook_has_drop_downs_frozen_headers_and_instructions(tmp_path):
    result = run("init", tmp_path / "sudan.xlsx", "--template", "humanitarian")
    assert result.exit_code == 0, result.output
    assert "coordgraph check --data" in result.output
    workbook = openpyxl.load_workbook(tmp_path / "sudan.xlsx")
    assert workbook.sheetnames == ["instructions", "nodes", "edges", "context"]
    assert workbook.active.title == "instructions"
    nodes, edges = validations(workbook["nodes"]), validations(workbook["edges"])
    assert nodes["kind"] == '"platform,role"'
    assert nodes["level"] == '"global,regional,national,subnational"'
    assert set(nodes) == {"kind", "level", "status", "expected"}
    assert edges["relation"] == '"escalation,membership,advises,reporting"'
    assert "co-chair" in edges["capacity"]
    assert edges["source"] == edges["target"] == "node_ids"
    assert workbook.defined_names["node_ids"].attr_text.startswith("nodes!$A$2:$A$")
    assert workbook["nodes"].freeze_panes == "B2" and workbook["edges"].freeze_panes == "A2"
    assert workbook["nodes"].column_dimensions["C"].width > 20   # labels are long
    context = {row[0]: row[1] for row in workbook["context"].iter_rows(min_row=2,
                                                                         values_only=True)}
    assert set(context) >= {"name", "country", "as_of", "org", "lang", "sectors"}
    assert isinstance(context["as_of"], datetime.datetime)
    assert "sudan.xlsx" in " ".join(str(c.value) for c in workbook["instructions"]["A"])


def test_init_workbook_instructions_follow_the_language(tmp_path):
    graph = coordgraph.load(template_path("generic"))
    from coordgraph.model import Context
    from coordgraph.writing_context import workbook_bytes

    graph.context = Context(lang="fr")
    path = tmp_path / "fr.xlsx"
    path.write_bytes(workbook_bytes(graph))
    assert "Comment remplir" in openpyxl.load_workbook(path)["instructions"]["A1"].value


def test_init_format_xlsx_names_the_workbook_and_never_overwrites(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("init", "haiti", "--format", "xlsx")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "haiti.xlsx").is_file() and not (tmp_path / "haiti").exists()
    before = (tmp_path / "haiti.xlsx").read_bytes()
    result = run("init", "haiti.xlsx")
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert (tmp_path / "haiti.xlsx").read_bytes() == before
    assert run("init", "x.xlsx", "--format", "csv").exit_code == 2


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_workbook_saved_by_libreoffice_still_loads(tmp_path):
    init_workbook(tmp_path / "sudan.xlsx", "humanitarian")
    saved = tmp_path / "saved"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(saved), str(tmp_path / "sudan.xlsx")],
                   check=True, capture_output=True, timeout=180)
    assert (saved / "sudan.xlsx").read_bytes() != (tmp_path / "sudan.xlsx").read_bytes()
    result = run("validate", "--data", saved / "sudan.xlsx")
    assert result.exit_code == 0, result.output
    assert check_json(saved / "sudan.xlsx") == check_json(tmp_path / "sudan.xlsx")
    assert json.loads(check_json(saved / "sudan.xlsx"))["summary"]
