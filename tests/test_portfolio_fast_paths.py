"""The portfolio's shortcuts for speed give what the plain ways give.

* JSON: the control-character scan is skipped for ASCII text without DEL;
  the findings are written straight from the Finding objects, not through
  ``as_dict()`` and :func:`dumps_indented`.
* Cells: a platform's kind is remembered by its code, id and label; the
  org's name is looked for in a ``lead``/``co_lead`` cell before the cell
  is split.
"""

import datetime
import json
from pathlib import Path

from hypothesis import given, settings, strategies as st

import coordgraph
from coordgraph import portfolio
from coordgraph.escaping import escape_json_output
from coordgraph.findings import Finding
from coordgraph.model import Node

ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2026, 11, 29)
TEXT = st.text(st.sampled_from("aZ é\x7f\x9b\u202e\u2028\n\t\"\\/\x00<"), max_size=8)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_json_escape_skips_only_text_that_needs_nothing(text):
    encoded = json.dumps(text, ensure_ascii=False)
    assert portfolio._escape_json(encoded) == escape_json_output(encoded)


def plain_json(result):
    """What to_json wrote before its shortcuts."""
    text = json.dumps(portfolio.to_dict(result), indent=2, ensure_ascii=False)
    return escape_json_output(text) + "\n"


def example_portfolio():
    paths = portfolio.context_paths([ROOT / "examples" / "portfolio"])
    rows = []
    for path in paths:
        try:
            graph = coordgraph.load(path)
        except coordgraph.DataError:
            continue
        rows.append(portfolio.context_row(path, graph, coordgraph.check(graph), "IOM", TODAY))
    return portfolio.build(rows, TODAY, org="IOM")


def test_json_of_the_examples_is_the_plain_json():
    result = example_portfolio()
    assert any(row.findings for row in result.rows)
    assert portfolio.to_json(result) == plain_json(result)


FINDINGS = st.lists(st.builds(
    Finding, st.sampled_from(["CG305", "CG4\u202e"]), st.sampled_from(["error", "warning"]),
    TEXT, st.lists(TEXT | st.integers(), max_size=3).map(tuple), TEXT, TEXT), max_size=3)


@settings(max_examples=200, deadline=None)
@given(FINDINGS)
def test_json_of_any_findings_is_the_plain_json(findings):
    result = example_portfolio()
    result.rows[0].findings = findings
    assert portfolio.to_json(result) == plain_json(result)


def test_a_platform_kind_is_remembered_by_code_id_and_label():
    hct = Node("forum", "platform", "Humanitarian Country Team (HCT)")
    assert portfolio.platform_kind(hct) == "HCT"
    # Another label, the same id: another kind.
    assert portfolio.platform_kind(Node("forum", "platform", "Cash forum (CWG)")) == "CWG"
    assert portfolio.platform_kind(Node("forum", "platform", "x", code="ccm")) == "CCM"


def test_the_org_inside_another_org_name_does_not_lead():
    graph = coordgraph.from_records(
        [{"id": "a", "kind": "platform", "label": "A", "lead": "IOMX; UNHCR"},
         {"id": "b", "kind": "platform", "label": "B", "lead": "UNHCR ; iom",
          "co_lead": "IOM"},
         {"id": "c", "kind": "platform", "label": "C", "co_lead": " Iom;IOMA"},
         {"id": "d", "kind": "platform", "label": "D", "lead": "iom", "status": "inactive"}],
        [])
    assert [portfolio.platform_state(graph, graph.nodes[p], "IOM") for p in "abcd"] == [
        "absent", "lead", "co-lead", "inactive"]
