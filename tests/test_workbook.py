"""Reading a context kept as an Excel workbook: `--data country.xlsx`.

Every workbook here is written with openpyxl the way a person edits one in
Excel: typed numbers and dates, blank rows, merged cells, formulas.
"""

import csv
import datetime
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import coordgraph
from coordgraph.cli import cli
from coordgraph.errors import DataError

openpyxl = pytest.importorskip("openpyxl")

COUNTRY = Path(__file__).parent / "fixtures" / "country"


def rows_of(path):
    """A CSV file's rows, numbers typed as Excel types them (9 is a number)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [[int(c) if c.isdigit() else c for c in row] for row in csv.reader(handle)]


def country_workbook(path, context=True, edit=None):
    """tests/fixtures/country as a workbook, as someone pasting the CSV files
    into sheets would make it; ``edit(workbook)`` changes it before saving."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name in ("nodes", "edges"):
        sheet = workbook.create_sheet(name)
        for row in rows_of(COUNTRY / f"{name}.csv"):
            sheet.append(row)
    if context:
        sheet = workbook.create_sheet("context")
        sheet.append(["key", "value"])
        for key, value in [("name", "Kesso flood response"), ("country", "moz"), ("org", "IOM"),
                           ("as_of", datetime.datetime(2026, 11, 1)), ("lang", "en"),
                           ("context_type", "humanitarian"), ("crisis", "disaster"),
                           ("sectors", "CCM, SHL; WSH"), ("template", "humanitarian"),
                           ("template_as_of", datetime.date(2025, 6, 1)),
                           ("source", "adapted by the country office from the humanitarian "
                                      "template")]:
            sheet.append([key, value])
    if edit:
        edit(workbook)
    workbook.save(path)
    return path


def check_json(data):
    result = CliRunner().invoke(cli, ["check", "--data", str(data), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def problems(path):
    with pytest.raises(DataError) as caught:
        coordgraph.load(path)
    return caught.value.problems


def test_a_workbook_is_a_context_like_its_folder(tmp_path):
    workbook = country_workbook(tmp_path / "country.xlsx")
    graph = coordgraph.load(workbook)
    folder = coordgraph.load(COUNTRY)
    assert [n.attributes() for n in graph.nodes.values()] == [
        n.attributes() for n in folder.nodes.values()]
    assert [e.attributes() for e in graph.edges] == [e.attributes() for e in folder.edges]
    assert graph.context == folder.context
    assert check_json(workbook) == check_json(COUNTRY)


def test_problems_name_the_sheet_row_and_column(tmp_path):
    def edit(workbook):
        workbook["nodes"]["B4"] = "platfrom"          # row 4, column 2: kind
        workbook["edges"]["B3"] = "no_such_node"      # row 3, column 2: target
        workbook["nodes"]["A6"] = "1st hub"           # a bad id
    workbook = country_workbook(tmp_path / "country.xlsx", edit=edit)
    found = {(p.code, p.file, p.line, p.column) for p in problems(workbook)}
    nodes, edges = f"{workbook}[nodes]", f"{workbook}[edges]"
    assert ("CG105", nodes, 4, 2) in found
    assert ("CG103", nodes, 6, 1) in found
    assert any(code == "CG106" and file == edges and line == 3 and column == 2
               for code, file, line, column in found)
    unknown = next(p for p in problems(workbook) if p.code == "CG106")
    assert "the nodes sheet" in unknown.message and "nodes.csv" not in unknown.message
    result = CliRunner().invoke(cli, ["validate", "--data", str(workbook), "--format", "json"])
    assert result.exit_code == 2
    assert f"{workbook}[nodes]" in result.stdout


def _roles(sheet):
    """Row numbers of the roles of a nodes sheet, and the header's columns."""
    header = {c.value: c.column for c in sheet[1]}
    rows = [r for r in range(2, sheet.max_row + 1)
            if sheet.cell(r, header["kind"]).value == "role"]
    return rows, header


def test_numbers_and_dates_read_as_excel_stores_them(tmp_path):
    def edit(workbook):
        sheet = workbook["nodes"]
        rows, header = _roles(sheet)
        edit.ids = [sheet.cell(r, 1).value for r in rows[:3]]
        sheet.cell(rows[0], header["seniority"]).value = 9.0    # a float, as pandas writes it
        sheet.cell(rows[1], header["seniority"]).value = "7.0"  # text that Excel kept as text
        sheet.cell(rows[1], header["max_seats"]).value = 4.0
        sheet.cell(rows[2], header["description"]).value = 2026  # a number where text goes
    graph = coordgraph.load(country_workbook(tmp_path / "country.xlsx", edit=edit))
    first, second, third = (graph.nodes[i] for i in edit.ids)
    assert (first.seniority, second.seniority, second.max_seats) == (9, 7, 4)
    assert third.description == "2026"
    assert graph.context.as_of == "2026-11-01"
    assert graph.context.template_as_of == "2025-06-01"
    assert graph.context.country == "MOZ"
    assert graph.context.sectors == ("CCM", "SHL", "WSH")


def test_a_fraction_is_not_a_seniority(tmp_path):
    def edit(workbook):
        rows, header = _roles(workbook["nodes"])
        workbook["nodes"].cell(rows[0], header["seniority"]).value = 8.5
        edit.where = (rows[0], header["seniority"])
    problem = problems(country_workbook(tmp_path / "c.xlsx", edit=edit))[0]
    assert (problem.code, problem.line, problem.column) == ("CG105", *edit.where)
    assert "'8.5'" in problem.message


def test_blank_rows_spaces_and_a_title_above_the_header(tmp_path):
    def edit(workbook):
        sheet = workbook["edges"]
        sheet.insert_rows(1, 2)                        # two blank rows above the header
        sheet.insert_rows(6)                           # a blank row in the data
        sheet["A4"] = f"  {sheet['A4'].value}\u00a0"   # spaces and a non-breaking space
        sheet["C4"] = " Escalation "
    workbook = country_workbook(tmp_path / "country.xlsx", edit=edit)
    assert check_json(workbook) == check_json(country_workbook(tmp_path / "plain.xlsx"))
    with pytest.raises(DataError) as caught:   # rows keep their own numbers
        coordgraph.load(country_workbook(tmp_path / "bad.xlsx", edit=lambda w: (
            edit(w), w["edges"].__setitem__("C8", "escalate"))))
    assert [(p.line, p.column) for p in caught.value.problems if p.code == "CG105"] == [(8, 3)]


def test_merged_header_cells_are_reported(tmp_path):
    def edit(workbook):
        workbook["nodes"].merge_cells("C1:D1")
    problem = next(p for p in problems(country_workbook(tmp_path / "c.xlsx", edit=edit))
                   if "merged" in p.message)
    assert (problem.code, problem.line, problem.column) == ("CG102", 1, 3)
    assert "unmerge" in problem.hint


def test_merged_data_cells_hold_their_value_in_each_cell(tmp_path):
    def edit(workbook):
        sheet = workbook["nodes"]
        header = [c.value for c in sheet[1]]
        column = header.index("location") + 1
        sheet.cell(2, column).value = "Maputo"
        sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
    graph, warnings = coordgraph.load(country_workbook(tmp_path / "c.xlsx", edit=edit),
                                      with_warnings=True)
    first, second = list(graph.nodes.values())[:2]
    assert first.location == second.location == "Maputo"
    assert any("merged" in w.message and w.line == 2 for w in warnings)


def _with_cached_value(path, cell, value):
    """Store a computed value for a formula cell, as Excel does on saving."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    text = parts[sheet].decode()
    text, count = re.subn(rf'(<c r="{cell}"[^>]*>)(<f>.*?</f>)<v\s*/?>(</v>)?',
                          rf'\1\2<v>{value}</v>', text)
    assert count == 1, text[:2000]
    parts[sheet] = text.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_formulas_read_as_their_computed_value(tmp_path):
    def edit(workbook):
        sheet = workbook["nodes"]
        header = [c.value for c in sheet[1]]
        column = header.index("seniority") + 1
        row = next(r for r in range(2, sheet.max_row + 1)
                   if isinstance(sheet.cell(r, column).value, int))
        edit.row, edit.value = row, sheet.cell(row, column).value
        edit.cell = sheet.cell(row, column).coordinate
        sheet.cell(row, column).value = f"={edit.value - 1}+1"
    path = country_workbook(tmp_path / "c.xlsx", edit=edit)
    _with_cached_value(path, edit.cell, edit.value)
    graph, warnings = coordgraph.load(path, with_warnings=True)
    node = list(graph.nodes.values())[edit.row - 2]
    assert node.seniority == edit.value
    assert not warnings


def test_a_formula_without_a_computed_value_is_warned_about(tmp_path):
    def edit(workbook):
        workbook["nodes"]["T2"] = '=CONCATENATE("Map", "uto")'   # saved by a script: no value
    graph, warnings = coordgraph.load(country_workbook(tmp_path / "c.xlsx", edit=edit),
                                      with_warnings=True)
    warning = next(w for w in warnings if "formula" in w.message)
    assert (warning.line, warning.column, warning.severity) == (2, 20, "warning")
    assert "T2" in warning.message and "save" in warning.hint


def test_a_missing_sheet_names_the_sheets_found(tmp_path):
    def edit(workbook):
        workbook["edges"].title = "relations"
    problem = problems(country_workbook(tmp_path / "c.xlsx", edit=edit))[0]
    assert problem.code == "CG101" and "edges" in problem.message
    assert "relations" in problem.message


def test_sheet_names_ignore_case_and_spaces(tmp_path):
    def edit(workbook):
        workbook["nodes"].title = "Nodes "
    assert coordgraph.load(country_workbook(tmp_path / "c.xlsx", edit=edit)).nodes


def test_context_sheet_problems_name_row_and_column(tmp_path):
    def edit(workbook):
        workbook["context"]["B6"] = "klingon"      # lang
        workbook["context"].append(["contry", "MOZ"])
    with pytest.raises(DataError) as caught:
        coordgraph.load(country_workbook(tmp_path / "c.xlsx", edit=edit), with_warnings=True)
    error = next(p for p in caught.value.problems if p.code == "CG105")
    assert (error.file.endswith("[context]"), error.line, error.column) == (True, 6, 2)
    warning = next(w for w in caught.value.warnings if "contry" in w.message)
    assert (warning.line, warning.column) == (13, 1)


@pytest.mark.parametrize("content, said", [
    (b"not a workbook at all", "not a readable Excel workbook"),
    (b"\xd0\xcf\x11\xe0" + b"\0" * 600, "old Excel workbook (.xls)"),
])
def test_a_file_that_is_not_a_workbook_is_cg101(tmp_path, content, said):
    path = tmp_path / "c.xlsx"
    path.write_bytes(content)
    problem = problems(path)[0]
    assert problem.code == "CG101" and said in problem.message
    result = CliRunner().invoke(cli, ["check", "--data", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_missing_workbook_is_cg101(tmp_path):
    result = CliRunner().invoke(cli, ["check", "--data", str(tmp_path / "none.xlsx")])
    assert result.exit_code == 2 and "CG101" in result.stderr and "not found" in result.stderr


def test_missing_csv_files_point_to_the_workbook_beside_them(tmp_path):
    country_workbook(tmp_path / "kesso.xlsx")
    result = CliRunner().invoke(cli, ["check", "--data", str(tmp_path)])
    assert result.exit_code == 2
    assert "kesso.xlsx" in result.stderr and "--data" in result.stderr


def test_the_workbook_is_never_written_over(tmp_path):
    workbook = country_workbook(tmp_path / "c.xlsx")
    before = workbook.read_bytes()
    result = CliRunner().invoke(cli, ["export", "--data", str(workbook), "-o", str(workbook)])
    assert result.exit_code == 2 and "input file" in result.stderr
    assert workbook.read_bytes() == before


def test_diff_and_templates_take_a_workbook(tmp_path):
    workbook = country_workbook(tmp_path / "c.xlsx")
    result = CliRunner().invoke(cli, ["diff", str(COUNTRY), str(workbook)])
    assert result.exit_code == 0, result.output


def test_openpyxl_is_not_imported_for_csv():
    import subprocess
    import sys

    code = ("import sys, coordgraph; coordgraph.load(); "
            "print('openpyxl' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_a_copy_of_the_workbook_reads_the_same(tmp_path):
    # A workbook moved to another folder or renamed reads the same: nothing
    # depends on its name except the file named in problems.
    workbook = country_workbook(tmp_path / "c.xlsx")
    copy = tmp_path / "sub" / "Country Copy.XLSX"
    copy.parent.mkdir()
    shutil.copy(workbook, copy)
    assert check_json(copy) == check_json(workbook)


def test_cell_text_of_every_kind():
    from coordgraph.workbook import cell_text

    assert cell_text(datetime.date(2026, 1, 2)) == "2026-01-02"
    assert cell_text(0.1) == "0.1"
    assert cell_text("a_x001B_b") == "a\x1bb"
    assert cell_text("_x0041_") == "_x0041_"    # only control characters are escaped
