"""Problems and findings as text, JSON and Markdown."""

import json

import coordgraph
from coordgraph.errors import Problem
from coordgraph.findings import Finding
from coordgraph.reporting import (
    findings_json,
    findings_markdown,
    findings_text,
    problem_line,
    problems_json,
    problems_text,
)
from rows import platform

ERROR = Problem("CG106", "ctx/edges.csv", 4, 1, "source 'x' is not a node",
                "did you mean 'y'?")
FILE_ERROR = Problem("CG101", "ctx/nodes.csv", None, None, "file not found")
WARNING = Problem("CG101", "ctx/nodes.csv", 3, None, "file is not UTF-8",
                  severity="warning")
FINDINGS = [
    Finding("CG301", "error", "hct", ("hct",), "IOM has no one in HCT", "add a membership"),
    Finding("CG302", "warning", "smt", ("smt", "com"), "only as observer | alternate",
            "give a seat"),
]


def graph(**context):
    return coordgraph.from_records([platform("hct"), platform("smt")], [], context or None)


def test_a_problem_reads_like_a_linter():
    assert problem_line(ERROR) == (
        "ctx/edges.csv:4:1: CG106 source 'x' is not a node (did you mean 'y'?)")
    assert problem_line(FILE_ERROR) == "ctx/nodes.csv: CG101 file not found"
    assert problem_line(WARNING) == "ctx/nodes.csv:3: warning CG101 file is not UTF-8"


def test_problems_text_ends_with_a_count():
    lines = problems_text([ERROR, FILE_ERROR], [WARNING]).splitlines()
    assert lines[0].startswith("ctx/nodes.csv:3: warning")
    assert lines[-1] == "2 error(s) in 2 file(s); nothing was checked."
    assert problems_text([], []) == ""
    assert problems_text([], [WARNING]).count("\n") == 1


def test_problems_json():
    data = json.loads(problems_json([ERROR], [WARNING]))
    assert data == {
        "valid": False,
        "errors": [{"code": "CG106", "file": "ctx/edges.csv", "line": 4, "column": 1,
                    "message": "source 'x' is not a node", "hint": "did you mean 'y'?"}],
        "warnings": [{"code": "CG101", "file": "ctx/nodes.csv", "line": 3, "column": None,
                      "message": "file is not UTF-8", "hint": ""}],
    }
    assert json.loads(problems_json([], [WARNING]))["valid"] is True


def test_findings_json_is_the_contract_object():
    data = json.loads(findings_json(FINDINGS, "IOM"))
    assert list(data) == ["org", "summary", "findings"]
    assert data["summary"] == {"error": 1, "warning": 1, "info": 0}
    assert [f["code"] for f in data["findings"]] == ["CG301", "CG302"]
    assert data["findings"][1]["nodes"] == ["smt", "com"]


def test_findings_text_names_the_context_and_every_finding():
    text = findings_text(graph(name="Sudan", country="SDN", as_of="2026-11-01"), FINDINGS, "IOM")
    lines = text.splitlines()
    assert lines[0] == "IOM representation in Sudan (SDN), as of 2026-11-01"
    assert "1 error, 1 warning" in lines[1]
    assert lines.index("Errors:") < lines.index("Warnings:")
    assert "  CG301 hct: IOM has no one in HCT" in lines
    assert any("add a membership" in line for line in lines)


def test_findings_text_without_findings_says_so():
    text = findings_text(graph(), [], "UNHCR")
    assert "no findings" in text and "UNHCR holds a seat in every active platform" in text


def test_findings_markdown_is_a_table_with_escaped_cells():
    lines = findings_markdown(graph(name="Sudan"), FINDINGS, "IOM").splitlines()
    assert lines[0] == "## IOM representation in Sudan"
    rows = [line for line in lines if line.startswith("| ")]
    assert rows[0] == "| severity | code | node | finding | what to do |"
    assert len(rows) == 3
    assert r"only as observer \| alternate" in rows[2]
    assert rows[2].count(" | ") == 4


def test_findings_without_any_active_platform_do_not_claim_a_seat_everywhere():
    empty = coordgraph.from_records(nodes=[platform("edu", status="inactive")], edges=[])
    for text in (findings_text(empty, [], "IOM"), findings_markdown(empty, [], "IOM")):
        assert "No active platform to check" in text
        assert "holds a seat" not in text
