"""The portfolio's shortcuts for speed give what the plain ways give.

* JSON: the control-character scan is skipped for ASCII text without DEL;
  the findings are written straight from the Finding objects, not through
  ``as_dict()`` and :func:`dumps_indented`.
* Cells: a platform's kind is remembered by its code, id and label; the
  org's name is looked for in a ``lead``/``co_lead`` cell before the cell
  is split.
* CG305: a platform without seat group or alternate is decided by its seat
  holders alone.
* CG402, CG403: whether a platform is the forum, the HCT or the ICCG is
  remembered by its code, id and label.
"""

import datetime
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

import coordgraph
from coordgraph import portfolio
from coordgraph.analysis._shared import holder_keys, org_presence
from coordgraph.analysis.contexts import is_hct, is_iccg, is_refugee_forum
from coordgraph.analysis.workload import single_points_of_failure
from coordgraph.escaping import escape_json_output
from coordgraph.findings import Finding
from coordgraph.model import Node
from coordgraph.schema import SEAT_CAPACITIES

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


# --- CG305: the seats nothing backs up, without building each platform's sets ---------

def sole_links_plainly(graph, org="IOM"):
    """CG305's holders and platforms, every platform tested in full."""
    holder = holder_keys(graph, org)
    sole: dict = {}
    for platform_id, presence in org_presence(graph, org).items():
        seat_edges = [e for e in presence.memberships if e.capacity in SEAT_CAPACITIES]
        keys = {holder.get(e.source, e.source) for e in seat_edges}
        if len(keys) != 1:
            continue
        [key] = keys
        groups = {e.seat.casefold() for e in seat_edges if e.seat}
        if any(holder.get(e.source, e.source) != key
               and (e.capacity == "alternate" or (e.seat and e.seat.casefold() in groups))
               for e in presence.memberships):
            continue
        if not holder and presence.alternate:
            continue   # the rule's reading without people: an alternate backs up
        sole.setdefault(key, []).append(platform_id)
    return {key: platforms for key, platforms in sole.items() if len(platforms) >= 2}


ROLES = st.lists(st.tuples(st.sampled_from(["", "Ana", "ana ", "Bo"]),
                           st.sampled_from(["active", "active", "vacant"])),
                 min_size=1, max_size=4)
MEMBERSHIPS = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2),
                                 st.sampled_from(["", "", "chair", "alternate", "observer",
                                                  "coordinator", "lead"]),
                                 st.sampled_from(["", "", "", "g"])), max_size=12)


@settings(max_examples=300, deadline=None)
@given(ROLES, MEMBERSHIPS)
def test_sole_links_are_those_of_the_plain_reading(roles, memberships):
    nodes = [{"id": f"p{i}", "kind": "platform", "label": f"P{i}"} for i in range(3)]
    nodes += [{"id": f"r{i}", "kind": "role", "label": f"R{i}", "person": person,
               "status": status} for i, (person, status) in enumerate(roles)]
    edges = {(f"r{r}", f"p{p}"): {"source": f"r{r}", "target": f"p{p}",
                                  "relation": "membership", "capacity": capacity,
                                  "seat": seat and f"{seat}{p}"}   # a group per platform
             for r, p, capacity, seat in memberships if r < len(roles)}
    graph = coordgraph.from_records(nodes, list(edges.values()))
    found = single_points_of_failure(graph)
    expected = sole_links_plainly(graph)
    assert len(found) == len(expected)
    for finding in found:
        key = holder_keys(graph, "IOM").get(finding.node, finding.node)
        assert finding.nodes[-len(expected[key]):] == tuple(expected[key])


# --- CG402, CG403: the forum, the HCT and the ICCG, remembered per platform -------------

@pytest.mark.parametrize("node, identity", [
    (Node("hct", "platform", "Team"), (False, True, False)),
    (Node("x", "platform", "Humanitarian Country Team"), (False, True, False)),
    (Node("x", "platform", "Team", code=" iccg "), (False, False, True)),
    (Node("x", "platform", "Refugee Forum"), (True, False, False)),
    (Node("x", "platform", "Inter-cluster forum (HCT)"), (False, True, True)),
])
def test_platform_identities(node, identity):
    for _ in range(2):   # worked out, then remembered
        assert (is_refugee_forum(node), is_hct(node), is_iccg(node)) == identity


def test_findings_written_elsewhere_make_the_same_json():
    # What the worker processes send back with each row: its findings' text.
    result = example_portfolio()
    written = [portfolio.findings_json(row) for row in result.rows]
    written[0] = None   # a row left to write here
    assert portfolio.to_json(result, written) == portfolio.to_json(result) == plain_json(result)


def test_a_context_named_twice_by_other_paths_is_one_row(tmp_path):
    region = tmp_path / "region"
    shutil.copytree(ROOT / "examples" / "portfolio" / "brelund", region / "brelund")
    (tmp_path / "link").symlink_to(region / "brelund", target_is_directory=True)
    (region / "notes.txt").write_text("not a context")
    named = [region, tmp_path / "link", region / "brelund" / ".." / "brelund",
             region / "notes.txt", region / "notes.txt", tmp_path / "missing"]
    assert portfolio.context_paths(named) == [
        region / "brelund", region / "notes.txt", tmp_path / "missing"]


def test_contexts_read_one_by_one_import_no_process_pool(tmp_path):
    script = ("import sys\nfrom coordgraph.entry import main\n"
              "try:\n    main()\nexcept SystemExit:\n    pass\n"
              "print(sorted(m for m in ('multiprocessing', 'concurrent.futures') "
              "if m in sys.modules), file=sys.stderr)")
    done = subprocess.run(
        [sys.executable, "-c", script, "portfolio", str(ROOT / "examples" / "portfolio"),
         "-o", str(tmp_path / "p.txt")],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "COORDGRAPH_WORKERS": "1"})
    assert done.stderr.strip().splitlines()[-1] == "[]", done.stderr
    assert (tmp_path / "p.txt").stat().st_size > 0
