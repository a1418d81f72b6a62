"""The shortcuts taken for speed give exactly what the plain ways give.

* Reading: a quote-free file whose rows are all as wide as the header is
  split into columns at once (``_uniform_columns``); the record-by-record
  path must read the same table.
* Reading: the uniform path finds the header and the rows in the text and
  cuts it into chunks of whole lines without splitting it into lines first.
* Validation: the bulk path checks that edges are distinct by the hashes of
  their ends first, then by their ends (a pair is cheaper than a triple); the
  same ends with two relations are still two edges, the same relation twice
  a CG108 from the row path; equal hashes still get the exact answer. Ids
  rejected in nodes.csv are looked for only when some row made no node.
* Analysis: the org's roles are picked by their distinct org cells, not
  node by node (``org_roles``); the same roles, in the same order.
* The portfolio's JSON is written by ``dumps_indented``, not by
  ``json.dumps(indent=2)``: the same text for any JSON data.
* ``coordgraph portfolio`` reads the contexts in worker processes above a
  size: the same bytes on stdout, the same warnings on stderr, as one by one.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import coordgraph
from coordgraph import reading
from coordgraph.analysis._shared import holder_keys, holder_of, org_roles, role_facts
from coordgraph.analysis.contexts import newest_templates
from coordgraph.cli.portfolio import _workers
from coordgraph.loading import _rejected_ids
from coordgraph.portfolio import dumps_indented
from coordgraph.reading import Table, _uniform_columns, parse_table
from coordgraph.validation import _distinct_edges, build_edges, build_nodes

ROOT = Path(__file__).resolve().parent.parent
CELLS = st.sampled_from(["hct", "com", "platform", "role", "", " padded ", "x\ty", "IOM",
                         "a b", "9", "Z", "\x1cfs", "gs\x1d", "vt\x0b", "\x0cff", "c\rr"])


@st.composite
def regular_csv(draw):
    """Quote-free ASCII text, mostly with rows as wide as the header."""
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    width = draw(st.integers(1, 5))
    header = draw(st.lists(st.sampled_from(["id", "kind", "label", "org", "", " Note "]),
                           min_size=width, max_size=width))
    rows = [header]
    for _ in range(draw(st.integers(0, 6))):
        cells = draw(st.lists(CELLS, min_size=width, max_size=width))
        shape = draw(st.integers(0, 11))
        if shape == 0:
            cells = cells[:-1]              # a short row
        elif shape == 1:
            cells.append("extra")           # one value too many
        elif shape == 2:
            cells = [""] * width            # a blank row
        rows.append([c.replace(delimiter, " ") for c in cells])
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    lines = [delimiter.join(row) for row in rows]
    if draw(st.integers(0, 5)) == 0:
        lines.insert(0, "")                 # a blank line first
    if draw(st.integers(0, 4)) == 0:        # mixed line ends: CRLF and LF
        ends = draw(st.lists(st.sampled_from(["\n", "\r\n"]), min_size=len(lines),
                             max_size=len(lines)))
        return "".join(map(str.__add__, lines, ends)).encode()
    return (ending.join(lines) + draw(st.sampled_from(["", ending, ending * 2]))).encode()


def table_state(table):
    return (table.header, table.header_line, table.rows, table.problems, table.warnings,
            table.delimiter)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(regular_csv())
def test_uniform_columns_read_what_the_plain_path_reads(data):
    assert table_state(parse_table(data, "n.csv")) == table_state(
        parse_table(data, "n.csv", fast=False))


def uniform_columns_in_chunks(text, newline, chunk_rows):
    """``_uniform_columns`` on ``text`` with ``chunk_rows`` rows a chunk: its
    answer and the table it leaves."""
    table = Table("n.csv", delimiter=reading._sniff_delimiter(reading._header_line(text)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reading, "CHUNK_ROWS", chunk_rows)
        answer = _uniform_columns(table, text, 0, newline)
    return answer, table_state(table), table.columns, table.lines


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(regular_csv(), st.integers(1, 3))
def test_uniform_columns_in_small_chunks_read_what_they_read_at_once(data, chunk_rows):
    # Each chunk is checked on its own: the same answer (False, with the
    # table untouched, when any row is off) and the same table as one chunk.
    text = data.decode()
    crlf = text.count("\r\n")
    newline = "\r\n" if crlf and crlf == text.count("\n") else "\n"
    if newline == "\n":
        text = text.replace("\r\n", "\n")
    in_chunks = uniform_columns_in_chunks(text, newline, chunk_rows)
    assert in_chunks == uniform_columns_in_chunks(text, newline, 10**9)
    if not in_chunks[0]:
        assert in_chunks[1][:5] == ([], 1, [], [], []) and in_chunks[2:] == ([], [])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reading, "CHUNK_ROWS", chunk_rows)
        fast = parse_table(data, "n.csv")
    assert table_state(fast) == table_state(parse_table(data, "n.csv", fast=False))


def test_a_row_off_in_a_later_chunk_leaves_the_table_untouched(monkeypatch):
    monkeypatch.setattr(reading, "CHUNK_ROWS", 1)
    table = Table("n.csv")
    assert not _uniform_columns(table, "id,kind\nhct,platform\ncom,role,x\n", 0)
    assert (table.header, table.lines, table.columns) == ([], [], [])
    assert _uniform_columns(table, "id,kind\nhct,platform\ncom, role\nx,y\n", 0)
    assert table.columns == [["hct", "com", "x"], ["platform", "role", "y"]]
    assert table.lines == [2, 3, 4]


def test_a_regular_file_takes_the_uniform_path():
    table = Table("n.csv", delimiter=";")
    assert _uniform_columns(table, "id;kind\nhct;platform\ncom; role\n", 0)
    assert table.columns == [["hct", "com"], ["platform", "role"]]
    # A row wider than the header is left to the general path, which reports it.
    assert not _uniform_columns(Table("n.csv"), "id,kind\nhct,platform,x\ncom,role\n", 0)
    # So is a short row, even when a wide one makes up for its missing cell.
    assert not _uniform_columns(Table("n.csv"), "id,kind\nhct,platform,x\ncom\n", 0)
    assert not _uniform_columns(Table("n.csv"), "id,kind\nhct\ncom,role,x\n", 0)


def test_a_crlf_file_is_split_at_crlf_and_read_as_the_plain_path_reads():
    data = b"id,kind\r\nhct,platform\r\ncom, role \r\n"
    table = Table("n.csv")
    assert _uniform_columns(table, data.decode(), 0, "\r\n")
    assert table.columns == [["hct", "com"], ["platform", "role"]]
    assert table_state(parse_table(data, "n.csv")) == table_state(
        parse_table(data, "n.csv", fast=False))


def body_span_by_lines(text, newline, delimiter):
    """What ``_body_span`` finds, found the plain way: the text split into lines."""
    lines = text.split(newline)
    start, end = 0, len(lines)
    while start < end and not lines[start].replace(delimiter, "").strip():
        start += 1
    while end > start and not lines[end - 1].replace(delimiter, "").strip():
        end -= 1
    if end - start < 2:
        return None
    return start, lines[start], newline.join(lines[start + 1:end])


LINES = st.sampled_from(["id,kind", "hct,platform", "a b,c ", "", " ", ",", " , ", "\t",
                         "\x1c", ";", "x"])


@settings(max_examples=400, deadline=None)
@given(st.lists(LINES, max_size=8), st.sampled_from(["\n", "\r\n"]),
       st.sampled_from([",", ";"]), st.booleans())
def test_body_span_finds_the_rows_that_splitting_into_lines_finds(lines, newline, delimiter,
                                                                  ends_with_newline):
    # Blank lines (delimiters and whitespace only) at either end are left out,
    # without a list of the text's lines.
    text = newline.join(lines) + (newline if ends_with_newline else "")
    found = reading._body_span(text, newline, delimiter)
    expected = body_span_by_lines(text, newline, delimiter)
    if expected is None:
        assert found is None
        return
    blank_lines, header_start, header_end, body_end = found
    assert (blank_lines, text[header_start:header_end],
            text[header_end + len(newline):body_end]) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "bb,c", "dddddd", "e,f,g,h"]), min_size=1, max_size=30),
       st.sampled_from(["\n", "\r\n"]), st.integers(1, 4), st.integers(0, 2))
def test_chunks_cut_the_text_at_line_ends_only(lines, newline, chunk_rows, margin):
    # Whole lines, each once and in order, whatever the chunk size.
    text = "x" * margin + newline.join(lines) + newline * margin
    start, end = margin, margin + len(newline.join(lines))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reading, "CHUNK_ROWS", chunk_rows)
        chunks = list(reading._chunks(text, newline, start, end, len(lines)))
    assert newline.join(chunks) == text[start:end]
    assert [line for chunk in chunks for line in chunk.split(newline)] == lines
    if chunk_rows == 1 and len(set(map(len, lines))) == 1:
        assert len(chunks) == len(lines)   # lines of one length: one a chunk


@pytest.mark.parametrize("text", [
    'id,label\nhct,"HCT, the team"\ncom, Chief \n',              # no blank row
    'id,label\nhct,"HCT"\n\ncom,"Chief"\n',                       # a blank line
    'id,label\nhct,"HCT"\n"",""\ncom,Chief\n',                    # a row of empty quoted cells
    'id,label\nhct,"HCT"\n " , "\n',                              # blanks and delimiters only
    'id,label\nhct,"a ""b"""\n""""\n',                           # a row that is one quote
    '\r\n\r\nid;label\r\nhct;"HCT"\r\n\r\n',                   # blank lines first and last
    'id,label\nhct,"HCT"\n  ',                                   # a blank last line, no end
    'id,label,org\nhct,"Équipe\u00a0",\u00a0IOM\ncom,"x\ty",UN\n',  # other whitespace
])
def test_quoted_files_read_what_the_plain_path_reads(text):
    """A quoted file's blank rows are looked for only when a line may be one,
    and only its columns that hold whitespace are stripped."""
    data = text.encode()
    assert table_state(parse_table(data, "n.csv")) == table_state(
        parse_table(data, "n.csv", fast=False))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=25)


@settings(max_examples=400, deadline=None)
@given(JSON)
def test_dumps_indented_writes_what_json_dumps_writes(data):
    assert dumps_indented(data) == json.dumps(data, indent=2, ensure_ascii=False)


def test_dumps_indented_leaves_other_values_to_json():
    data = {1: ("a", 2.5), "b": [{"c": None}]}
    assert dumps_indented(data) == json.dumps(data, indent=2, ensure_ascii=False)


def test_newest_templates_is_a_fresh_dict_each_time():
    first = newest_templates()
    first.clear()
    assert newest_templates()


def _portfolio(folder, env_extra):
    env = {**os.environ, **env_extra}
    return subprocess.run(
        [sys.executable, "-m", "coordgraph", "portfolio", str(folder), "--format", "json",
         "--today", "2026-11-29", "--fail-on", "never"], capture_output=True, env=env)


def test_portfolio_in_worker_processes_gives_the_same_bytes(tmp_path):
    folder = tmp_path / "region"
    shutil.copytree(ROOT / "examples" / "portfolio", folder)
    shutil.copytree(ROOT / "examples" / "nortavia", folder / "nortavia")
    # One context with a warning (an unknown column) and one invalid.
    nodes = folder / "brelund" / "nodes.csv"
    header, rest = nodes.read_text(encoding="utf-8-sig").split("\n", 1)
    nodes.write_text(f"{header},colour\n{rest}", encoding="utf-8")
    (folder / "broken").mkdir()
    (folder / "broken" / "nodes.csv").write_text("id,kind\n")
    serial = _portfolio(folder, {"COORDGRAPH_WORKERS": "1"})
    parallel = _portfolio(folder, {"COORDGRAPH_WORKERS": "2",
                                   "COORDGRAPH_PARALLEL_MIN_BYTES": "0"})
    assert serial.returncode == parallel.returncode == 0
    assert serial.stdout == parallel.stdout
    assert serial.stderr == parallel.stderr
    assert b"unknown column 'colour'" in serial.stderr and b"broken: invalid" in serial.stderr
    assert len(json.loads(serial.stdout)["contexts"]) == 7


def test_workers_only_above_the_size_threshold(monkeypatch):
    contexts = sorted((ROOT / "examples" / "portfolio").iterdir())
    contexts = [c for c in contexts if c.is_dir()]
    monkeypatch.delenv("COORDGRAPH_PARALLEL_MIN_BYTES", raising=False)
    monkeypatch.setenv("COORDGRAPH_WORKERS", "2")
    assert _workers(contexts) == 1          # a few small contexts: one by one
    monkeypatch.setenv("COORDGRAPH_PARALLEL_MIN_BYTES", "0")
    assert _workers(contexts) == 2
    assert _workers(contexts[:1]) == 1      # never more workers than contexts
    monkeypatch.setenv("COORDGRAPH_WORKERS", "1")
    assert _workers(contexts) == 1


NODES_CSV = b"id,kind,label\nhct,platform,HCT\nsmt,platform,SMT\ncom,role,CoM\n"


@pytest.mark.parametrize("rows, codes", [
    # The same ends, two relations: two edges.
    (["com,hct,membership", "com,hct,advises", "hct,smt,escalation"], []),
    # The same relation twice: a duplicate, reported on its line.
    (["com,hct,membership", "com,hct,advises", "com,hct,membership"], [("CG108", 4)]),
])
def test_edges_in_bulk_tell_distinct_edges_as_the_rows_do(rows, codes):
    nodes = build_nodes(parse_table(NODES_CSV, "nodes.csv"), [], [])
    data = ("source,target,relation\n" + "\n".join(rows) + "\n").encode()
    results = []
    for bulk in (True, False):
        problems: list = []
        edges = build_edges(parse_table(data, "edges.csv"), nodes, problems, [], bulk=bulk)
        results.append((edges, problems))
    assert results[0] == results[1]
    edges, problems = results[0]
    assert [(p.code, p.line) for p in problems] == codes
    assert len(edges) == len(rows) - len(codes)


class Colliding(str):
    """An id whose hash is the same as every other's (a hash collision)."""

    def __hash__(self):
        return 1


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from(["advises", "membership"]),
                          st.sampled_from("abc")), max_size=6), st.booleans())
def test_distinct_edges_is_the_exact_test_even_when_hashes_collide(edges, colliding):
    # Edges are told apart by the hashes of their ends first: equal hashes
    # (here forced) must still give the exact answer.
    wrap = Colliding if colliding else str
    sources, relations, targets = ([wrap(e[i]) for e in edges] for i in range(3))
    assert _distinct_edges(sources, relations, targets) == (len(set(edges)) == len(edges))


def test_rejected_ids_are_those_rows_that_made_no_node():
    problems: list = []
    clean = parse_table(b"id,kind,label\na,role,A\nb,platform,B\n", "nodes.csv")
    assert _rejected_ids(clean, build_nodes(clean, problems, [])) == frozenset()
    mixed = parse_table(b"id,kind,label\na,role,A\n1b,platform,B\nc,team,C\n", "nodes.csv")
    assert _rejected_ids(mixed, build_nodes(mixed, problems, [])) == {"1b", "c"}


@st.composite
def roles_graph(draw):
    """Roles and platforms of a few organisations, spelled in any case, some
    with no org cell (IOM), some naming a person."""
    count = draw(st.integers(0, 8))
    nodes = [{"id": f"n{i}", "kind": draw(st.sampled_from(["role", "platform"])),
              "label": f"N{i}", "org": draw(st.sampled_from(["", "IOM", "iom", "UNHCR", "Iom"])),
              "person": draw(st.sampled_from(["", " ", "Ana", "ana "])),
              "status": draw(st.sampled_from(["active", "vacant", "inactive"]))}
             for i in range(count)]
    for node in nodes:
        if node["kind"] == "platform" and node["status"] == "vacant":
            node["status"] = "active"
    return coordgraph.from_records(nodes=nodes, edges=[])


@settings(max_examples=200, deadline=None)
@given(roles_graph(), st.sampled_from(["IOM", "iom", "UNHCR", "WFP"]))
def test_org_roles_are_the_nodes_that_belong_to_the_org(graph, org):
    # org_roles matches each distinct org cell once instead of each node.
    expected = {n.id: n for n in graph.nodes.values() if graph.belongs_to(n, org)}
    assert org_roles(graph, org) == list(expected.values())
    assert all(a is b for a, b in zip(org_roles(graph, org), expected.values(), strict=True))
    present = {i for i, n in expected.items() if n.counts_as_presence}
    facts = role_facts(graph, org)
    assert [n.id for n in graph.nodes.values() if facts.present[n.position]] == sorted(
        present, key=list(graph.nodes).index)
    assert holder_keys(graph, org) == {i: holder_of(expected[i]) for i in present
                                       if expected[i].person.strip()}
