"""CSV the way Excel writes it (SPEC section 8), from real files on disk."""

import runpy
from pathlib import Path

import pytest

import coordgraph
from coordgraph.reading import clean_cell, parse_table, read_table
from rows import content, load_warned, platform

FIXTURES = Path(__file__).parent / "fixtures"
EXCEL = FIXTURES / "excel"
VARIANTS = sorted(p.name for p in EXCEL.iterdir() if p.name not in ("reference", "multiline"))


def test_committed_fixtures_match_their_generator():
    generated = runpy.run_path(str(FIXTURES / "make_fixtures.py"))["generated"]()
    assert len(generated) > 40
    stale = [str(path.relative_to(FIXTURES)) for path, data in generated.items()
             if not path.is_file() or path.read_bytes() != data]
    assert stale == [], "run: .venv/bin/python tests/fixtures/make_fixtures.py"


# --- every Excel variant loads to the same graph as the clean reference --------

@pytest.fixture(scope="module")
def reference():
    graph, warnings = load_warned(EXCEL / "reference")
    assert warnings == []
    assert len(graph.nodes) == 7 and len(graph.edges) == 7
    return graph


@pytest.mark.parametrize("variant", VARIANTS)
def test_excel_variant_loads_to_the_reference_graph(variant, reference):
    graph, warnings = load_warned(EXCEL / variant)
    assert content(graph) == content(reference)
    assert graph.nodes["smt"].label == "Sécurité: Security Management Team"
    encoded_1252 = variant in ("cp1252", "french_excel")
    assert [w.code for w in warnings] == (["CG101", "CG101"] if encoded_1252 else [])


def test_the_variants_really_differ_from_the_reference():
    reference = {(EXCEL / "reference" / f).read_bytes() for f in ("nodes.csv", "edges.csv")}
    for variant in VARIANTS:
        for name in ("nodes.csv", "edges.csv"):
            assert (EXCEL / variant / name).read_bytes() not in reference, (variant, name)


@pytest.mark.parametrize("variant", ["cp1252", "french_excel"])
def test_windows_1252_is_read_with_a_warning_naming_the_line(variant):
    data = (EXCEL / variant / "nodes.csv").read_bytes()
    table = parse_table(data, "nodes.csv")
    first_accent_line = data[:data.index(b"\xc9")].count(b"\n") + 1  # É of Équipe
    assert table.encoding == "cp1252"
    [warning] = table.warnings
    assert (warning.code, warning.line, warning.severity) == ("CG101", first_accent_line, "warning")
    assert "Windows-1252" in warning.message and "UTF-8" in warning.hint


@pytest.mark.parametrize("variant, delimiter, encoding", [
    ("semicolon", ";", "utf-8"), ("sep_line", ";", "utf-8"), ("utf16", "\t", "utf-16"),
    ("bom", ",", "utf-8"), ("french_excel", ";", "cp1252"),
])
def test_delimiter_and_encoding_are_recognised(variant, delimiter, encoding):
    table = read_table(EXCEL / variant / "edges.csv")
    assert (table.delimiter, table.encoding) == (delimiter, encoding)
    assert table.header[:3] == ["source", "target", "relation"]


def test_a_sep_line_counts_as_a_line(reference):
    graph = coordgraph.load(EXCEL / "sep_line")
    for node_id, node in graph.nodes.items():
        assert node.line == reference.nodes[node_id].line + 1


def test_multiline_cell_from_alt_enter_is_accepted(reference):
    graph, warnings = load_warned(EXCEL / "multiline")
    assert warnings == []
    description = graph.nodes["hct"].description
    assert "\n" in description
    assert description.replace("\n", " ") == reference.nodes["hct"].description
    skip = {("hct", "description")}
    assert content(graph, skip) == content(reference, skip)
    # Lines stay physical: the rows after the two-line cell are one line further down.
    assert graph.nodes["iccg"].line == reference.nodes["iccg"].line + 1


# --- strict parsing: problems with their line, rows never swallowed ------------

def problems(table):
    return [(p.code, p.line) for p in table.problems]


def ids(table):
    return [(line, cells[0]) for line, cells in table.rows]


def test_a_quote_never_closed_is_reported_on_its_line_and_later_rows_are_read():
    table = parse_table(b'id,kind,label\na,role,A\nb,role,"B\nc,role,C\nd,role,D\n', "n.csv")
    assert problems(table) == [("CG101", 3)]
    assert "line 3" in table.problems[0].message
    assert ids(table) == [(2, "a"), (4, "c"), (5, "d")]


def test_a_quote_closed_rows_later_is_reported_where_it_opened():
    data = b'id,kind,label\na,role,"A\nb,role,B\nc,role,C"\nd,role,D\n'
    table = parse_table(data, "n.csv")
    assert problems(table) == [("CG101", 2)]
    assert "swallow" in table.problems[0].message
    assert ids(table) == [(3, "b"), (4, "c"), (5, "d")]


def test_a_stray_quote_inside_a_cell_does_not_stop_the_reading():
    data = b'id,kind,label\na,role,"A"x\nb,role,B\nc,role,"C"y\nd,role,D\n'
    table = parse_table(data, "n.csv")
    assert problems(table) == [("CG101", 2), ("CG101", 4)]
    assert ids(table) == [(3, "b"), (5, "d")]
    assert '""' in table.problems[0].hint


def test_line_numbers_are_physical_lines():
    data = b'\r\n id , KIND ,Label\r\n\r\na,role,"two\nlines"\r\n,,\r\nb,role,B\r\n'
    table = parse_table(data, "n.csv")
    assert table.header_line == 2
    assert table.header == ["id", "kind", "label"]
    assert ids(table) == [(4, "a"), (7, "b")]
    assert table.problems == []


def test_every_cell_is_text():
    table = parse_table(b"id,seniority,code\n007,1,5\n", "n.csv")
    assert table.rows == [(2, ["007", "1", "5"])]


@pytest.mark.parametrize("data, what", [
    (b"PK\x03\x04\x14\x00\x06\x00", ".xlsx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".xls"),
])
def test_a_workbook_is_not_a_csv_file(data, what):
    table = parse_table(data, "nodes.csv")
    [problem] = table.problems
    assert problem.code == "CG101" and what in problem.message
    assert "CSV UTF-8" in problem.hint
    assert table.header == []


def test_utf16_without_bom_is_refused_not_misread():
    table = parse_table("id,kind,label\n".encode("utf-16-le"), "nodes.csv")
    assert [p.code for p in table.problems] == ["CG101"]
    assert "NUL" in table.problems[0].message


def test_undecodable_bytes_are_reported_with_their_line():
    table = parse_table(b"id,kind,label\na,role,A\nb,role,\x81\n", "nodes.csv")
    assert problems(table) == [("CG101", 3)]
    assert "0x81" in table.problems[0].message


def test_read_table_reports_missing_files_and_folders(tmp_path):
    missing = read_table(tmp_path / "nodes.csv", "ctx/nodes.csv")
    folder = read_table(tmp_path)
    assert [(p.code, p.file, p.line) for p in missing.problems] == [
        ("CG101", "ctx/nodes.csv", None)]
    assert "not found" in missing.problems[0].message
    assert [p.code for p in folder.problems] == ["CG101"]
    assert "folder" in folder.problems[0].message


# --- ids trimmed and NFC-normalised ------------------------------------------------

def test_clean_cell_trims_spaces_and_non_breaking_spaces_and_composes():
    decomposed = "Se\u0301curite\u0301"
    assert decomposed != "Sécurité"
    assert clean_cell(decomposed) == "Sécurité"
    assert {clean_cell(v) for v in ("UNHCR", " UNHCR ", "UNHCR\u00a0", "\tUNHCR")} == {"UNHCR"}


def test_ids_that_differ_only_by_spaces_are_one_id(write_context):
    folder = write_context([platform("UNHCR"), platform("UNHCR "), platform("UNHCR\u00a0")], [])
    with pytest.raises(coordgraph.DataError) as raised:
        coordgraph.load(folder)
    assert [(p.code, p.line) for p in raised.value.problems] == [("CG104", 3), ("CG104", 4)]


def test_edges_find_ids_written_with_stray_spaces(write_context):
    folder = write_context(
        [platform("UNHCR"), platform("hct")],
        [{"source": "UNHCR\u00a0", "target": " hct", "relation": "escalation"}])
    graph = coordgraph.load(folder)
    assert [(e.source, e.target) for e in graph.edges] == [("UNHCR", "hct")]


def test_a_decomposed_accent_in_a_label_equals_the_composed_one(write_context):
    folder = write_context([platform("smt", label="Se\u0301curite\u0301"),
                            platform("hct", label="Sécurité")], [])
    graph = coordgraph.load(folder)
    assert graph.nodes["smt"].label == graph.nodes["hct"].label == "Sécurité"


# --- review fixes: what a user under pressure may hand over --------------------------

def test_utf16_without_bom_is_named_and_gives_no_windows_1252_warning():
    table = parse_table("id,kind,label\nsmt,platform,Sécurité\n".encode("utf-16-le"), "n.csv")
    assert [p.code for p in table.problems] == ["CG101"]
    assert "UTF-16 text without a byte-order mark" in table.problems[0].message
    assert table.warnings == []


def test_binary_junk_with_nul_bytes_is_not_text():
    table = parse_table(b"id,kind\n\x89PNG\x00\x00\x00\rIHDR" + bytes(range(256)), "n.csv")
    assert [(p.code, p.line) for p in table.problems] == [("CG101", 2)]
    assert "not a text CSV file" in table.problems[0].message


def test_the_delimiter_is_sniffed_on_the_header_after_blank_lines():
    table = parse_table(b"\r\n  \r\nid;kind;label\r\nhct;platform;HCT, Sudan\r\n", "n.csv")
    assert table.delimiter == ";" and table.problems == []
    assert table.header == ["id", "kind", "label"]
    assert table.rows == [(4, ["hct", "platform", "HCT, Sudan"])]


@pytest.mark.parametrize("quote", ["", '"'], ids=["quote-free file", "file with quotes"])
def test_a_long_cell_reads_the_same_whatever_the_path(quote):
    # The csv module's default limit (131,072 characters) applied only to
    # files with a quote somewhere: the same cell was valid or not by chance.
    long = "x" * 300_000
    table = parse_table(f"id,kind,label\nhct,platform,{quote}HCT{quote}\nbig,platform,{long}\n"
                        .encode(), "n.csv")
    assert table.problems == []
    assert table.rows[1] == (3, ["big", "platform", long])


@pytest.mark.slow
def test_a_quote_left_open_in_a_large_file_is_reported_where_it_opened():
    rows = [f"n{i},platform,N {i}" for i in range(40_000)]
    rows[3] = 'n3,platform,"N 3'
    table = parse_table(("id,kind,label\n" + "\n".join(rows) + "\n").encode(), "n.csv")
    assert [(p.code, p.line) for p in table.problems] == [("CG101", 5)]
    assert "never closed" in table.problems[0].message
    assert len(table.rows) == 40_000 - 1     # the rows after it are read, not swallowed


def test_a_pipe_is_not_read(tmp_path):
    import os

    fifo = tmp_path / "nodes.csv"
    os.mkfifo(fifo)                          # reading it would block for ever
    table = read_table(fifo, "ctx/nodes.csv")
    assert [(p.code, p.file) for p in table.problems] == [("CG101", "ctx/nodes.csv")]
    assert "not a regular file" in table.problems[0].message


@pytest.mark.parametrize("data", [
    b"\xef\xbb\xbf\xef\xbb\xbfid,kind,label\nsmt,platform,SMT\n",       # a BOM written twice
    b"\xef\xbb\xbfid,kind,label\nsmt,platform,S\xe9curit\xe9\n",       # BOM, then Windows-1252
], ids=["double BOM", "BOM and cp1252"])
def test_a_stray_bom_never_sticks_to_the_first_column(data):
    table = parse_table(data, "n.csv")
    assert table.header == ["id", "kind", "label"] and table.problems == []


def test_an_invisible_character_in_an_id_is_named(write_context):
    folder = write_context([platform("\u200bhct")], [])
    with pytest.raises(coordgraph.DataError) as raised:
        coordgraph.load(folder)
    [problem] = raised.value.problems
    assert "holds an invisible U+200B" in problem.message and "e.g. 'hct'" in problem.message
