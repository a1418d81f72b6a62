"""Findings: order, counts and the --fail-on thresholds."""

import random

import pytest

from coordgraph.findings import Finding, fails, sort_findings, summarize

FINDINGS = [
    Finding("CG305", "warning", "com", ("com", "unct", "smt")),
    Finding("CG301", "error", "unct", ("unct",)),
    Finding("CG203", "warning", "lonely", ("lonely",)),
    Finding("CG301", "error", "hct", ("hct",)),
    Finding("CG999", "info", "a", ("a",)),
    Finding("CG201", "error", "zz", ("zz", "aa")),
]


def test_sorted_by_severity_then_code_then_node():
    shuffled = random.Random(2).sample(FINDINGS, len(FINDINGS))
    assert [(f.severity, f.code, f.node) for f in sort_findings(shuffled)] == [
        ("error", "CG201", "zz"), ("error", "CG301", "hct"), ("error", "CG301", "unct"),
        ("warning", "CG203", "lonely"), ("warning", "CG305", "com"), ("info", "CG999", "a")]


def test_summary_counts_every_severity():
    assert summarize(FINDINGS) == {"error": 3, "warning": 2, "info": 1}
    assert summarize([]) == {"error": 0, "warning": 0, "info": 0}


@pytest.mark.parametrize("severities, fail_on, expected", [
    (["error"], "error", True), (["warning"], "error", False), (["info"], "error", False),
    (["error"], "warning", True), (["warning"], "warning", True), (["info"], "warning", False),
    (["error", "warning"], "never", False), ([], "error", False), ([], "warning", False),
])
def test_fail_on_thresholds(severities, fail_on, expected):
    findings = [Finding("CG000", s, "x") for s in severities]
    assert fails(findings, fail_on) is expected


def test_as_dict_has_the_contract_keys():
    finding = Finding("CG305", "warning", "com", ("com", "smt"), "message", "hint")
    assert finding.as_dict() == {"code": "CG305", "severity": "warning", "node": "com",
                                 "nodes": ["com", "smt"], "message": "message", "hint": "hint"}
