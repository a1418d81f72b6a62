"""Loading a folder or rows in memory into a validated graph."""

import inspect
import warnings
from pathlib import Path

import pytest

import coordgraph
from coordgraph.errors import DataWarning
from coordgraph.loading import bundled_path
from coordgraph.records import fields
from rows import advises, content, escalation, member, platform, role

NODES = [platform("hct", level="national", min_seniority="7", structure="IASC"),
         platform("iccg", label="Inter-Cluster Coordination Group", status="planned"),
         role("com", label="Chief of Mission", seniority="9", label_fr="Chef de mission"),
         role("do", label="Designated Official", org="UN")]
EDGES = [escalation("iccg", "hct"), member("com", "hct", capacity="chair", condition="always"),
         advises("com", "do", note="security")]


def test_a_folder_and_the_same_rows_in_memory_give_the_same_graph(write_context):
    folder = write_context(NODES, EDGES, context='name = "Sudan"\ncountry = "SDN"\n')
    from_disk = coordgraph.load(folder)
    in_memory = coordgraph.from_records(NODES, EDGES, {"name": "Sudan", "country": "SDN"})
    assert content(from_disk) == content(in_memory)
    assert from_disk.context == in_memory.context
    assert from_disk.nodes["hct"].min_seniority == 7 and from_disk.nodes["com"].seniority == 9
    assert [n.line for n in from_disk.nodes.values()] == [2, 3, 4, 5]


def test_load_remembers_where_the_graph_comes_from(write_context):
    folder = write_context(NODES, EDGES)
    graph = coordgraph.load(str(folder))
    assert graph.source == str(folder)
    assert repr(graph).endswith(": 4 nodes, 3 edges>")


def test_load_issues_a_data_warning_per_suspicious_thing(write_context):
    folder = write_context([platform("hct", colour="red")], [])
    with pytest.warns(DataWarning) as caught:
        graph = coordgraph.load(folder)
    assert len(graph) == 1 and len(caught) == 1
    problem = caught[0].message.problem
    assert problem.code == "CG102" and "colour" in problem.message
    assert str(caught[0].message).startswith(f"{folder}/nodes.csv:1")
    assert caught[0].filename == __file__      # points at the caller, not the library


def test_invalid_data_carries_its_warnings_instead_of_issuing_them(write_context):
    folder = write_context([platform("hct", colour="red"), platform("hct")], [])
    with warnings.catch_warnings():
        warnings.simplefilter("error")          # a DataWarning would be raised here
        with pytest.raises(coordgraph.DataError) as raised:
            coordgraph.load(folder)
    assert [w.code for w in raised.value.warnings] == ["CG102"]


def test_the_warnings_are_part_of_the_api():
    assert coordgraph.DataWarning is DataWarning
    from coordgraph.rendering import RenderWarning

    assert coordgraph.RenderWarning is RenderWarning


def test_with_warnings_still_returns_them_but_is_deprecated(write_context):
    folder = write_context([platform("hct", colour="red")], [])
    with pytest.deprecated_call():
        graph, found = coordgraph.load(folder, with_warnings=True)
    assert [w.code for w in found] == ["CG102"] and len(graph) == 1


def test_the_analysis_memo_is_declared_out_of_the_fields_repr_and_equality():
    graph = coordgraph.load()
    assert graph.memo == {}   # set by __init__, not added by the first analysis
    coordgraph.check(graph)
    assert graph.memo and "memo" not in repr(graph) and "_analysis_memo" not in vars(graph)
    assert "memo" not in fields(graph)
    assert "memo" not in inspect.signature(type(graph)).parameters


def test_problems_are_sorted_by_file_line_and_column(write_context):
    folder = write_context([platform("1"), platform("hct", kind="x"), platform("hct")],
                           [member("nobody", "hct"), member("com", "ghost")])
    # Written in another order than reported: nodes.csv first, edges.csv second.
    with pytest.raises(coordgraph.DataError) as raised:
        coordgraph.load(folder)
    found = [(Path(p.file).name, p.line, p.column, p.code) for p in raised.value.problems]
    assert found == [("edges.csv", 2, 1, "CG106"), ("edges.csv", 3, 1, "CG106"),
                     ("edges.csv", 3, 2, "CG106"), ("nodes.csv", 2, 1, "CG103"),
                     ("nodes.csv", 3, 2, "CG105"), ("nodes.csv", 4, 1, "CG104")]


def test_a_problem_in_memory_names_the_row():
    with pytest.raises(coordgraph.DataError) as raised:
        coordgraph.from_records([platform("hct"), role("com")], [member("hct", "com")])
    [problem] = raised.value.problems
    assert (problem.code, problem.file, problem.line) == ("CG107", "<edges>", 2)


def test_the_default_is_the_bundled_framework():
    repository_data = Path(__file__).resolve().parent.parent / "data"
    assert bundled_path() == repository_data
    graph = coordgraph.load()
    assert content(graph) == content(coordgraph.load(repository_data))
    assert graph.context.name == "Generic coordination framework"


def test_load_writes_nothing(write_context):
    folder = write_context(NODES, EDGES)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}
    coordgraph.load(folder)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()} == before
