"""Property: the fast paths read and check exactly what the plain ones do.

Reading has a fast path (the whole text split at once, straight into
columns) and validation a bulk one (whole columns checked at once); both
fall back to the plain record-by-record path when something needs a closer
look. On random Excel-like CSV bytes (delimiters, quotes, a BOM, a sep=
line, blank rows, padding spaces, CRLF, cells spanning lines) both paths must
give the same table, nodes, edges, problems and warnings.
"""

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from coordgraph import reading
from coordgraph.reading import parse_table
from coordgraph.validation import build_edges, build_nodes

IDS = ["hct", "unct", "com", "dcom", "HCT", "cl.cccm", "a-b", "1bad", "x y", ""]
NODE_VALUES = {
    "id": IDS,
    "kind": ["platform", "role", "Platform", "ROLE", "team", ""],
    "label": ["HCT", "Chief of Mission", "Équipe, pays", 'Say "hi"', "Line\nbreak", ""],
    "org": ["IOM", "UN", "iom", ""],
    "level": ["national", "subnational", "global", "Regional", "nowhere", ""],
    "status": ["active", "inactive", "planned", "Active", "closed", ""],
    "seniority": ["1", "7", "9", "10", "x", ""],
    "colour": ["red", ""],
}
EDGE_VALUES = {
    "source": IDS,
    "target": IDS,
    "relation": ["membership", "escalation", "advises", "Membership", "owns", ""],
    "capacity": ["member", "lead", "co-lead", "alternate", "observer", "chair", "boss", ""],
    "condition": ["always", "if needed; then", ""],
    "seat": ["s1", "S1", ""],
}
SPACES = st.sampled_from(["", "", "", " ", "  ", "\t", "\xa0"])


def quoted(value: str, delimiter: str) -> str:
    return '"' + value.replace('"', '""') + '"'


@st.composite
def cell(draw, values, delimiter):
    value = draw(st.sampled_from(values))
    value = draw(SPACES) + value + draw(SPACES)
    must_quote = any(c in value for c in (delimiter, '"', "\n", "\r"))
    if must_quote or draw(st.integers(0, 5)) == 0:
        return quoted(value, delimiter)
    return value


@st.composite
def csv_bytes(draw, values):
    """One Excel-like file of the columns in ``values`` (a few left out or unknown)."""
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    names = list(values)
    required = names[:3]
    optional = draw(st.lists(st.sampled_from(names[3:]), unique=True, max_size=len(names) - 3))
    header = required + optional
    if draw(st.integers(0, 9)) == 0:
        header = draw(st.permutations(header))
    rows = [[draw(SPACES) + name.upper() if draw(st.integers(0, 9)) == 0 else name
             for name in header]]
    for _ in range(draw(st.integers(0, 8))):
        if draw(st.integers(0, 7)) == 0:
            rows.append([""] * draw(st.integers(0, 3)))            # a blank row
            continue
        row = [draw(cell(values[name], delimiter)) for name in header]
        shape = draw(st.integers(0, 9))
        if shape == 0:
            row = row[:draw(st.integers(1, len(row)))]                # a short row
        elif shape == 1:
            row += [""] * draw(st.integers(1, 2))                     # trailing delimiters
        elif shape == 2:
            row.append("extra")                                       # one value too many
        rows.append(row)
    ending = draw(st.sampled_from(["\r\n", "\n"]))
    lines = [delimiter.join(row) for row in rows]
    if draw(st.integers(0, 9)) == 0:
        lines.insert(0, f"sep={delimiter}")
    if draw(st.integers(0, 9)) == 0:
        lines.insert(0, "")                                           # blank line first
    text = ending.join(lines) + draw(st.sampled_from([ending, "", ending * 2]))
    if draw(st.integers(0, 19)) == 0 and '"' in text:
        text = text.replace('"', "", 1)                               # a stray quote
    data = text.encode("utf-8")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data                                 # Excel's BOM
    return data


def table_state(table):
    return (table.header, table.header_line, table.rows, table.problems, table.warnings,
            table.delimiter, table.encoding)


def built_nodes(data, fast):
    problems, warnings = [], []
    table = parse_table(data, "nodes.csv")
    nodes = build_nodes(table, problems, warnings, bulk=fast)
    return nodes, problems, warnings


SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.one_of(csv_bytes(NODE_VALUES), csv_bytes(EDGE_VALUES)))
def test_reading_fast_and_plain_agree(data):
    fast = parse_table(data, "n.csv")
    plain = parse_table(data, "n.csv", fast=False)
    assert table_state(fast) == table_state(plain)


@SETTINGS
@given(st.one_of(csv_bytes(NODE_VALUES), csv_bytes(EDGE_VALUES)), st.integers(1, 3))
def test_reading_fast_in_small_chunks_and_plain_agree(data, chunk_rows):
    # The fast path splits a few rows at a time: with one to three rows a
    # chunk, every file of more rows crosses chunk ends.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reading, "CHUNK_ROWS", chunk_rows)
        fast = parse_table(data, "n.csv")
    assert table_state(fast) == table_state(parse_table(data, "n.csv", fast=False))


@SETTINGS
@given(csv_bytes(NODE_VALUES), csv_bytes(EDGE_VALUES))
def test_validation_bulk_and_plain_agree(nodes_csv, edges_csv):
    nodes, problems, warnings = built_nodes(nodes_csv, fast=True)
    assert (nodes, problems, warnings) == built_nodes(nodes_csv, fast=False)
    results = []
    for bulk in (True, False):
        problems, warnings = [], []
        edges = build_edges(parse_table(edges_csv, "edges.csv"), nodes, problems, warnings,
                            bulk=bulk)
        results.append((edges, problems, warnings))
    assert results[0] == results[1]


def test_the_generated_files_reach_the_fast_paths():
    # The properties are worth something only if the fast paths run and
    # succeed on some of the generated files: a plain file takes them.
    data = b"\xef\xbb\xbfid;kind;label\r\nhct;platform;HCT\r\ncom;role;CoM\r\n"
    table = parse_table(data, "n.csv")
    assert table.rows == parse_table(data, "n.csv", fast=False).rows
    problems = []
    assert list(build_nodes(table, problems, [])) == ["hct", "com"] and problems == []
