"""Every CG1xx rule from a real malformed folder in tests/fixtures/invalid/."""

from pathlib import Path

import pytest

import coordgraph
from coordgraph.suggesting import did_you_mean
from rows import advises, escalation, load_warned, member, platform, role

INVALID = Path(__file__).parent / "fixtures" / "invalid"

#: case -> every problem expected, as (code, file, line, column), and nothing else.
EXPECTED = {
    "cg101_missing_file": [("CG101", "edges.csv", None, None)],
    "cg101_xlsx": [("CG101", "nodes.csv", None, None)],
    "cg101_undecodable": [("CG101", "nodes.csv", 5, None)],
    "cg101_unbalanced_quote": [("CG101", "nodes.csv", 3, None)],
    "cg101_extra_values": [("CG101", "edges.csv", 4, 4)],
    "cg102_missing_column": [("CG102", "nodes.csv", 1, None)],
    "cg102_duplicate_column": [("CG102", "nodes.csv", 1, 4)],
    "cg102_empty_file": [("CG102", "nodes.csv", None, None)],
    "cg103_bad_id": [("CG103", "edges.csv", 4, 1), ("CG103", "nodes.csv", 5, 1),
                     ("CG103", "nodes.csv", 6, 1)],
    "cg104_duplicate_id": [("CG104", "nodes.csv", 5, 1)],
    "cg105_bad_values": [("CG105", "edges.csv", 2, 3), ("CG105", "edges.csv", 3, 4),
                         ("CG105", "nodes.csv", 2, 2), ("CG105", "nodes.csv", 3, 4),
                         ("CG105", "nodes.csv", 4, 5), ("CG105", "nodes.csv", 5, 6)],
    "cg106_unknown_node": [("CG106", "edges.csv", 4, 1)],
    "cg107_wrong_kinds": [("CG107", "edges.csv", 4, 3), ("CG107", "edges.csv", 5, 3)],
    "cg108_duplicate_edge": [("CG108", "edges.csv", 4, 1)],
    "cg109_self_loop": [("CG109", "edges.csv", 4, 1)],
    "cg105_new_values": [("CG105", "edges.csv", 2, 3), ("CG105", "edges.csv", 3, 4),
                         ("CG105", "nodes.csv", 2, 4), ("CG105", "nodes.csv", 3, 5),
                         ("CG105", "nodes.csv", 4, 4), ("CG105", "nodes.csv", 4, 7),
                         ("CG105", "nodes.csv", 5, 6), ("CG105", "nodes.csv", 6, 6)],
    "cg107_reporting": [("CG107", "edges.csv", 4, 3)],
    "cg110_seat_groups": [("CG110", "edges.csv", 4, 4), ("CG110", "edges.csv", 5, 4)],
    "several": [("CG106", "edges.csv", 2, 1), ("CG109", "edges.csv", 3, 1),
                ("CG108", "edges.csv", 5, 1), ("CG105", "edges.csv", 6, 3),
                ("CG104", "nodes.csv", 3, 1), ("CG105", "nodes.csv", 4, 4),
                ("CG103", "nodes.csv", 5, 1)],
}

#: case -> words the messages and hints must hold, in order of the problems.
WORDING = {
    "cg101_missing_file": ["not found"],
    "cg101_xlsx": ["Excel workbook", "CSV UTF-8"],
    "cg101_undecodable": ["not decodable", "0x81"],
    "cg101_unbalanced_quote": ["quoted cell opened on line 3", '""'],
    "cg101_extra_values": ["4 values", "3 columns"],
    "cg102_missing_column": ["missing: kind", "columns found: id, type, label"],
    "cg102_duplicate_column": ["'label' appears twice"],
    "cg102_empty_file": ["empty", "id, kind, label"],
    "cg103_bad_id": ["source: empty id", "'2nd_office' must start with a letter",
                     "'head office' may only hold letters"],
    "cg104_duplicate_id": ["duplicate node id 'hct'", "first defined on line 2"],
    "cg105_bad_values": ["unknown relation 'member'", "did you mean 'membership'?",
                         "unknown capacity 'boss'", "unknown kind 'plattform'",
                         "did you mean 'platform'?", "unknown level 'country'",
                         "unknown status 'closed'", "seniority 'senior' is not an integer"],
    "cg106_unknown_node": ["source 'cheif_of_mission' is not a node",
                           "did you mean 'chief_of_mission'?"],
    "cg107_wrong_kinds": ["membership must go from a role to a platform", "look swapped",
                          "escalation must go from a platform to a platform"],
    "cg108_duplicate_edge": ["duplicate membership edge chief_of_mission -> hct",
                             "first given on line 2"],
    "cg109_self_loop": ["'smt' has an edge to itself"],
    "cg105_new_values": ["unknown relation 'reportin'", "did you mean 'reporting'?",
                         "unknown capacity 'coordinater'", "did you mean 'coordinator'?",
                         "platform 'hct' cannot be vacant", "'inactive'",
                         "unknown expected 'yess'", "did you mean 'yes'?",
                         "unknown status 'vacnt'", "did you mean 'vacant'?",
                         "seniority '9.5' is not an integer",
                         "max_seats '0' is not a whole number of at least 1",
                         "max_seats '2.5'"],
    "cg107_reporting": ["reporting must go from a platform to a platform"],
    "cg110_seat_groups": ["seat 'head' at 'hct' mixes organisations: IOM (line 2) and UN",
                          "seat 'HEAD' joins memberships of two platforms: 'hct' (line 2) "
                          "and 'smt'"],
    "several": ["did you mean 'chief_of_mission'?", "itself", "first given on line 4",
                "unknown relation 'escalate'", "first defined on line 2", "'ten'",
                "'1st_officer'"],
}


def problems_of(folder):
    with pytest.raises(coordgraph.DataError) as raised:
        coordgraph.load(folder)
    return raised.value.problems


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_each_malformed_folder_reports_exactly_its_problems(case):
    folder = INVALID / case
    problems = problems_of(folder)
    assert [(p.code, Path(p.file).name, p.line, p.column) for p in problems] == EXPECTED[case]
    assert all(p.file.startswith(str(folder)) for p in problems)
    assert all(p.severity == "error" for p in problems)
    text = " | ".join(f"{p.message} {p.hint}" for p in problems)
    positions = [text.find(words) for words in WORDING[case]]
    missing = [w for w, at in zip(WORDING[case], positions, strict=True) if at < 0]
    assert -1 not in positions, missing
    assert positions == sorted(positions)


def test_the_cases_cover_every_cg1xx_code():
    codes = {code for problems in EXPECTED.values() for code, *_ in problems}
    assert codes == {f"CG1{n:02}" for n in range(1, 11)}
    assert sorted(EXPECTED) == sorted(p.name for p in INVALID.iterdir())


def test_all_problems_of_both_files_come_in_one_run():
    files = {Path(p.file).name for p in problems_of(INVALID / "several")}
    assert files == {"nodes.csv", "edges.csv"}


def test_a_typo_in_edges_gets_the_id_it_meant():
    [problem] = problems_of(INVALID / "cg106_unknown_node")
    assert problem.hint == "did you mean 'chief_of_mission'?"


def test_the_data_error_summarises_the_first_problem():
    with pytest.raises(coordgraph.DataError, match=r"7 problem\(s\).*edges.csv:2:1: CG106"):
        coordgraph.load(INVALID / "several")


@pytest.mark.parametrize("folder, message", [("nowhere", "not found"),
                                             ("a-file.csv", "is not a folder")])
def test_a_missing_folder_or_a_file_is_cg101(tmp_path, folder, message):
    (tmp_path / "a-file.csv").write_text("id,kind,label\n")
    [problem] = problems_of(tmp_path / folder)
    assert (problem.code, problem.file, problem.message) == (
        "CG101", str(tmp_path / folder), message)


def test_values_are_case_insensitive(write_context):
    folder = write_context([platform("hct", kind="Platform", level="National", status="ACTIVE"),
                            role("com", kind="ROLE")],
                           [member("com", "hct", relation="Membership", capacity="Co-Chair")])
    graph = coordgraph.load(folder)
    assert (graph.nodes["hct"].kind, graph.nodes["hct"].level) == ("platform", "national")
    assert (graph.edges[0].relation, graph.edges[0].capacity) == ("membership", "co-chair")


def test_defaults_of_optional_columns(write_context):
    graph = coordgraph.load(write_context([platform("hct"), role("com")], [member("com", "hct")]))
    hct, com = graph.nodes["hct"], graph.nodes["com"]
    assert (hct.level, hct.status, hct.org) == ("national", "active", "")
    assert (com.org, com.seniority) == ("IOM", None)
    assert graph.edges[0].capacity == "member"


def test_suspicious_but_valid_rows_are_warnings(write_context):
    folder = write_context([platform("hct", label="", colour="blue"), role("com")],
                           [advises("com", "hct", capacity="chair")])
    graph, warnings = load_warned(folder)
    found = [(w.code, Path(w.file).name, w.line, w.column, w.severity) for w in warnings]
    assert sorted(found) == [("CG102", "nodes.csv", 1, 4, "warning"),
                             ("CG103", "nodes.csv", 2, 3, "warning"),
                             ("CG105", "edges.csv", 2, 4, "warning")]
    assert graph.nodes["hct"].label == "hct"
    assert graph.edges[0].capacity == ""


def test_a_duplicate_of_a_rejected_row_is_still_reported(write_context):
    folder = write_context([platform("hct", kind="plattform"), platform("hct")], [])
    assert [(p.code, p.line) for p in problems_of(folder)] == [("CG105", 2), ("CG104", 3)]


def test_edges_naming_a_rejected_node_add_no_second_problem(write_context):
    folder = write_context([platform("hct", status="closed"), role("com")], [member("com", "hct")])
    assert [(p.code, Path(p.file).name) for p in problems_of(folder)] == [("CG105", "nodes.csv")]


def test_did_you_mean():
    choices = ["chief_of_mission", "hct", "unct"]
    assert did_you_mean("cheif_of_mission", choices) == "did you mean 'chief_of_mission'?"
    assert did_you_mean("security_management_team", choices) == ""


@pytest.mark.parametrize("typo", ["Chief-Of-Mission", "chief.of.mission", "cheif_of_mision"])
def test_an_id_written_another_way_gets_a_hint(write_context, typo):
    folder = write_context([platform("hct"), role("chief_of_mission")], [member(typo, "hct")])
    [problem] = problems_of(folder)
    assert (problem.code, problem.hint) == ("CG106", "did you mean 'chief_of_mission'?")


def test_a_nameless_column_is_harmless_until_it_holds_values(tmp_path):
    (tmp_path / "nodes.csv").write_text("id,kind,,label\nhct,platform,,HCT\nsmt,platform,x,SMT\n")
    (tmp_path / "edges.csv").write_text("source,target,relation\n")
    [problem] = problems_of(tmp_path)
    assert (problem.code, Path(problem.file).name, problem.line, problem.column) == (
        "CG102", "nodes.csv", 1, 3)
    (tmp_path / "nodes.csv").write_text("id,kind,,label\nhct,platform,,HCT\n")
    assert list(coordgraph.load(tmp_path).nodes) == ["hct"]


# --- the bulk path and the row-by-row path agree ------------------------------------

def _both_ways(folder):
    from coordgraph.reading import read_table
    from coordgraph.schema import EDGE_COLUMNS, EDGE_REQUIRED, NODE_COLUMNS, NODE_REQUIRED
    from coordgraph.validation import (
        _Columns,
        _edges_in_bulk,
        _edges_row_by_row,
        _nodes_in_bulk,
        _nodes_row_by_row,
    )

    node_table, edge_table = read_table(folder / "nodes.csv"), read_table(folder / "edges.csv")
    problems, warnings = [], []
    node_columns = _Columns(node_table, NODE_COLUMNS, NODE_REQUIRED, problems, warnings)
    node_values = node_columns.values(NODE_COLUMNS)
    bulk_nodes = _nodes_in_bulk(node_table.lines, node_values)
    row_nodes = _nodes_row_by_row(node_table, node_columns, node_values, problems, warnings)
    edge_columns = _Columns(edge_table, EDGE_COLUMNS, EDGE_REQUIRED, problems, warnings)
    edge_values = edge_columns.values(EDGE_COLUMNS)
    bulk_edges = _edges_in_bulk(edge_table.lines, edge_values, row_nodes)
    row_edges = _edges_row_by_row(edge_table, edge_columns, edge_values, row_nodes,
                                  problems, warnings, frozenset())
    return (bulk_nodes, row_nodes), (bulk_edges, row_edges), problems, warnings


def _clean_folders():
    root = Path(__file__).resolve().parent.parent
    folders = [root / "data", *sorted((root / "templates").glob("*/")),
               *sorted((root / "tests/fixtures/excel").glob("*/")),
               root / "tests/fixtures/country"]
    return [f for f in folders if (f / "nodes.csv").is_file()]


@pytest.mark.parametrize("folder", _clean_folders(), ids=lambda f: f"{f.parent.name}/{f.name}")
def test_bulk_and_row_by_row_paths_build_the_same_graph(folder):
    (bulk_nodes, row_nodes), (bulk_edges, row_edges), problems, warnings = _both_ways(folder)
    assert problems == []
    assert row_nodes, "the fixture has nodes"
    if not any(w.code == "CG103" for w in warnings):  # an empty label takes the row path
        assert bulk_nodes == row_nodes
    if bulk_edges is not None:
        assert bulk_edges == row_edges
    else:  # only a warning sends clean data down the row path
        assert warnings


# --- review fixes -------------------------------------------------------------------

def test_an_accented_id_is_told_as_such_with_a_plain_spelling(write_context):
    folder = write_context([platform("sécurité"), platform("éducation"), role("com")],
                           [member("com", "éducation")])      # no second problem for the edge
    problems = problems_of(folder)
    assert [(p.code, p.line) for p in problems] == [("CG103", 2), ("CG103", 3)]
    assert "holds 'é': ids use letters without accents (a-z), e.g. 'securite'" in (
        problems[0].message)
    assert "must start with a letter" not in problems[1].message
    assert "e.g. 'education'" in problems[1].message


def test_a_misspelt_required_column_is_named_for_renaming(tmp_path):
    (tmp_path / "nodes.csv").write_text("id,kind,label,label_fr\nhct,platform,HCT,EHP\n")
    (tmp_path / "edges.csv").write_text("souce,target,relation\n")
    [problem] = problems_of(tmp_path)
    assert problem.code == "CG102" and "missing: source" in problem.message
    assert problem.hint == "rename column 'souce' to 'source'"
    (tmp_path / "nodes.csv").write_text("id,kind,label_fr\nhct,platform,EHP\n")
    (tmp_path / "edges.csv").write_text("source,target,relation\n")
    [problem] = problems_of(tmp_path)
    assert "label_fr" not in problem.hint     # a known column is not the missing one


def test_an_empty_folder_name_is_not_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nodes.csv").write_text("id,kind,label\nhct,platform,HCT\n")
    (tmp_path / "edges.csv").write_text("source,target,relation\n")
    [problem] = problems_of("")
    assert problem.code == "CG101" and "folder name is empty" in problem.message
    assert len(coordgraph.load(".").nodes) == 1


def test_a_context_toml_that_is_not_a_file_is_cg101(write_context):
    folder = write_context([platform("hct")], [])
    (folder / "context.toml").mkdir()
    [problem] = problems_of(folder)
    assert (problem.code, problem.file, problem.message) == (
        "CG101", f"{folder}/context.toml", "is not a file")


# --- the columns of a country office ------------------------------------------------

def test_new_columns_load_with_their_types(write_context):
    folder = write_context(
        [platform("shl", code="SHL", lead="UNHCR", co_lead="IOM; IFRC", expected="Yes",
                  location="Kesso"),
         role("po", person="A. Diallo", location="Kesso", max_seats="5", status="Vacant")],
        [member("po", "shl", capacity="Coordinator", seat="shl-programme")])
    graph = coordgraph.load(folder)
    shl, po = graph.nodes["shl"], graph.nodes["po"]
    assert (shl.expected, shl.leads, shl.co_leads, shl.location) == (
        "yes", ("UNHCR",), ("IOM", "IFRC"), "Kesso")
    assert (po.person, po.max_seats, po.status, po.is_vacant, po.counts_as_presence) == (
        "A. Diallo", 5, "vacant", True, False)
    assert (graph.edges[0].capacity, graph.edges[0].seat, graph.edges[0].is_seat) == (
        "coordinator", "shl-programme", False)


@pytest.mark.parametrize("cells", [{"seniority": "9.0", "max_seats": "4.0"},
                                   {"seniority": "9.00", "max_seats": "4.000"}])
def test_whole_numbers_written_as_decimals_are_integers(write_context, cells):
    folder = write_context([platform("hct", min_seniority="8.0"), role("com", **cells)],
                           [member("com", "hct")])
    graph = coordgraph.load(folder)
    assert (graph.nodes["com"].seniority, graph.nodes["com"].max_seats,
            graph.nodes["hct"].min_seniority) == (9, 4, 8)
    (bulk, rows), _, problems, _ = _both_ways(folder)
    assert problems == [] and rows == graph.nodes
    assert bulk == rows or (bulk is None and cells["seniority"] == "9.00")  # 9.00: row path


def test_a_seat_on_another_relation_is_ignored_with_a_warning(write_context):
    folder = write_context([platform("hct"), platform("iccg"), role("com")],
                           [member("com", "hct", seat="a"),
                            escalation("iccg", "hct", seat="a")])
    graph, warnings = load_warned(folder)
    assert [(w.code, w.line, w.column, w.severity) for w in warnings] == [
        ("CG110", 3, 4, "warning")]
    assert "ignored on this escalation edge" in warnings[0].message
    assert [e.seat for e in graph.edges] == ["a", ""]
    _, (bulk, rows), problems, _ = _both_ways(folder)
    assert bulk is None and rows == graph.edges and problems == []


def test_a_seat_group_of_one_org_at_one_platform_is_valid(write_context):
    folder = write_context([platform("hct"), role("com"), role("dcom", org="iom")],
                           [member("com", "hct", seat="head"), member("dcom", "hct", seat="Head")])
    assert [e.seat for e in coordgraph.load(folder).edges] == ["head", "Head"]


def test_reporting_is_platform_to_platform(write_context):
    folder = write_context([platform("kesso", level="subnational"), platform("cccm")],
                           [{"source": "kesso", "target": "cccm", "relation": "reporting"}])
    assert coordgraph.load(folder).edges[0].relation == "reporting"
