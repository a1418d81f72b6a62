"""Export formats (coordgraph.exporting): round-trips through networkx, Mermaid
escaping, and formula neutralisation in the CSV seat table."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

import coordgraph
from coordgraph.exporting import (
    CSV_COLUMNS,
    FORMATS,
    export,
    mermaid_markdown,
    mermaid_text,
    neutralise,
    seat_rows,
    to_csv,
    to_gexf,
    to_graphml,
    to_json,
    to_mermaid,
)
from coordgraph.records import fields

BREAKOUT = 'a"b]; click x "javascript:alert(1)"'
FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1:A2)"]


def hostile_graph():
    """Every label a trap: quotes, tags, &, emoji, Arabic, formulas, Mermaid
    syntax; node ids that are Mermaid keywords; parallel edges."""
    nodes = [
        {"id": "end", "kind": "platform", "label": BREAKOUT,
         "structure": 'Str "quoted" ]\nend\nclick end call x()', "min_seniority": "5",
         "label_fr": "Équipe « spéciale »", "label_es": "Coordinación ¿sí?"},
        {"id": "click", "kind": "platform", "label": "<script>alert(1)</script> & <b>bold</b>",
         "structure": "Structure & <co>", "level": "regional"},
        {"id": "style", "kind": "platform", "label": FORMULAS[0], "status": "planned"},
        {"id": "subgraph", "kind": "platform", "label": "%%{init: {'securityLevel':'loose'}}%%",
         "status": "inactive"},
        {"id": "p.plus", "kind": "platform", "label": FORMULAS[1],
         "description": "line one\nline two,\ta tab\r\nand CRLF, a lone\rCR"},
        {"id": "graph", "kind": "platform", "label": "تنسيق الحماية 🚑 👩🏽‍⚕️",
         "code": "PRO"},
        {"id": "amp", "kind": "platform", "label": "R&amp;D #quot; #35; `code` ```",
         "reference": 'see "annex" <1>'},
        {"id": "r1", "kind": "role", "label": FORMULAS[2], "seniority": "7"},
        {"id": "r2", "kind": "role", "label": FORMULAS[3], "seniority": "3",
         "org": "UNHCR"},
        {"id": "r3", "kind": "role", "label": "Coordonnateur·rice — فريق", "org": "IOM"},
    ]
    edges = [
        {"source": "end", "target": "click", "relation": "escalation",
         "note": 'escalates "up" & <away>'},
        {"source": "p.plus", "target": "click", "relation": "escalation"},
        {"source": "r1", "target": "end", "relation": "membership", "capacity": "chair",
         "condition": '="if" <needed>'},
        {"source": "r1", "target": "end", "relation": "advises"},      # parallel edge
        {"source": "r2", "target": "end", "relation": "membership", "capacity": "observer"},
        {"source": "r3", "target": "end", "relation": "membership", "capacity": "alternate",
         "condition": "@ night"},
        {"source": "r3", "target": "graph", "relation": "membership"},
        {"source": "r1", "target": "style", "relation": "membership", "capacity": "co-lead"},
        {"source": "r2", "target": "amp", "relation": "membership"},
        {"source": "amp", "target": "graph", "relation": "advises", "note": "`x` | y"},
    ]
    context = {"name": 'Ctx "A" & <B> # 1: {x}; تنسيق %%', "country": "SDN",
               "as_of": "2026-11-01", "org": "IOM", "lang": "en"}
    return coordgraph.from_records(nodes=nodes, edges=edges, context=context)


COUNTRY = __import__("pathlib").Path(__file__).parent / "fixtures" / "country"


def country_graph():
    """A country office's data: leads, people, places, seat groups, a vacant
    post, a reporting line, sectors."""
    return coordgraph.load(COUNTRY)


GRAPHS = {"bundled": coordgraph.load, "hostile": hostile_graph, "country": country_graph}


@pytest.fixture(params=sorted(GRAPHS))
def graph(request):
    return GRAPHS[request.param]()


# --- comparing with the source ------------------------------------------------

def source_nodes(graph):
    return {node.id: node.attributes() for node in graph.nodes.values()}


def source_edges(graph):
    return {edge.key: edge.attributes() for edge in graph.edges}


def _context(graph):
    # Lists (sectors) travel as ;-separated text: XML attributes are scalars.
    return {name: ";".join(v) if isinstance(v, tuple) else v
            for name in fields(graph.context) if (v := getattr(graph.context, name))}


YED_NODE_KEYS = ("x", "y", "shape_type")


def reloaded_edges(H, drop=()):
    """{(source, relation, target): attributes} of a reloaded graph, whether
    it came back as a MultiDiGraph or a DiGraph."""
    out = {}
    for u, v, data in H.edges(data=True):
        data = {k: val for k, val in data.items() if k not in drop}
        key = (u, data["relation"], v)
        assert key not in out, f"edge {key} twice"
        out[key] = data
    return out


# --- json ---------------------------------------------------------------------

def test_json_reloads_to_an_equal_graph(graph):
    text = to_json(graph)
    H = nx.node_link_graph(json.loads(text), edges="edges")
    G = graph.to_networkx()
    assert H.is_directed() and H.is_multigraph()
    assert nx.utils.graphs_equal(G, H)
    assert dict(H.nodes(data=True)) == source_nodes(graph)
    assert {(u, k, v): d for u, v, k, d in H.edges(keys=True, data=True)} == source_edges(graph)
    assert H.graph == _context(graph)


def test_json_keeps_every_attribute_and_type(graph):
    data = json.loads(to_json(graph))
    assert [n["id"] for n in data["nodes"]] == list(graph.nodes)
    for record in data["nodes"]:
        node = graph.nodes[record["id"]]
        assert {k: v for k, v in record.items() if k != "id"} == node.attributes()
        if node.seniority is not None:
            assert isinstance(record["seniority"], int)
    assert len(data["edges"]) == len(graph.edges)
    for record in data["edges"]:
        assert record["key"] == record["relation"]


# --- graphml ------------------------------------------------------------------

def test_graphml_reloads_with_the_same_nodes_edges_and_attributes(graph):
    H = nx.read_graphml(io.BytesIO(to_graphml(graph)), force_multigraph=True)
    # networkx turns yEd's graphics into x, y, shape_type (nodes) and label (edges).
    nodes = {n: {k: v for k, v in d.items() if k not in YED_NODE_KEYS}
             for n, d in H.nodes(data=True)}
    assert nodes == source_nodes(graph)
    assert all(d["shape_type"] in ("rectangle", "roundrectangle") for _, d in H.nodes(data=True))
    assert reloaded_edges(H, drop=("label",)) == source_edges(graph)
    assert sorted(k for _, _, k in H.edges(keys=True)) == sorted(
        f"e{n}" for n in range(1, len(graph.edges) + 1))
    context = {k: v for k, v in H.graph.items() if k not in ("node_default", "edge_default")}
    assert context == _context(graph)


def test_graphml_without_force_multigraph_still_has_relations(graph):
    H = nx.read_graphml(io.BytesIO(to_graphml(graph)))
    assert reloaded_edges(H, drop=("id", "label")) == source_edges(graph)


def test_graphml_has_typed_keys_and_yed_labels(graph):
    root = ET.fromstring(to_graphml(graph))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns", "y": "http://www.yworks.com/xml/graphml"}
    keys = {(k.get("for"), k.get("attr.name")): k.get("attr.type")
            for k in root.findall("g:key", ns) if k.get("attr.name")}
    assert keys[("node", "label")] == "string"
    assert keys[("node", "kind")] == "string"
    assert keys[("edge", "relation")] == "string"
    if any(n.seniority is not None for n in graph.nodes.values()):
        assert keys[("node", "seniority")] in ("int", "long")
    yed = {k.get("for"): k.get("yfiles.type") for k in root.findall("g:key", ns)
           if k.get("yfiles.type")}
    assert yed == {"node": "nodegraphics", "edge": "edgegraphics"}
    for element in root.findall("g:graph/g:node", ns):
        label = element.find("g:data/y:ShapeNode/y:NodeLabel", ns)
        assert label is not None and label.text == graph.nodes[element.get("id")].label
    assert len(root.findall("g:graph/g:edge/g:data/y:PolyLineEdge", ns)) == len(graph.edges)


# --- gexf -----------------------------------------------------------------------

def test_gexf_reloads_with_the_same_nodes_edges_and_attributes(graph):
    H = nx.read_gexf(io.BytesIO(to_gexf(graph)))
    # The node colour comes back as networkx's `viz`: the one node attribute added.
    assert {n: {k: v for k, v in d.items() if k != "viz"} for n, d in H.nodes(data=True)} \
        == source_nodes(graph)
    assert all("color" in d["viz"] for _, d in H.nodes(data=True))
    # GEXF gives every edge an `id` of its own: the one attribute added.
    assert reloaded_edges(H, drop=("id",)) == source_edges(graph)
    assert not any("networkx_key" in d for _, _, d in H.edges(data=True))


def test_gexf_node_label_is_the_label_and_meta_is_reproducible(graph):
    root = ET.fromstring(to_gexf(graph))
    ns = {"x": "http://www.gexf.net/1.2draft"}
    labels = {n.get("id"): n.get("label") for n in root.findall("x:graph/x:nodes/x:node", ns)}
    assert labels == {n.id: n.label for n in graph.nodes.values()}
    meta = root.find("x:meta", ns)
    assert meta.find("x:creator", ns).text.startswith("coordgraph ")
    assert meta.get("lastmodifieddate") == (graph.context.as_of or None)


def test_gexf_parallel_edges_keep_their_relations():
    H = nx.read_gexf(io.BytesIO(to_gexf(hostile_graph())))
    assert H.is_multigraph()
    assert {d["relation"] for d in H["r1"]["end"].values()} == {"membership", "advises"}


def test_xml_formats_drop_characters_xml_cannot_carry():
    graph = coordgraph.from_records(
        nodes=[{"id": "a", "kind": "platform", "label": "bell\x07 and\x0bvtab",
                "description": "nul\x00? esc\x1b"}], edges=[])
    for data in (to_graphml(graph), to_gexf(graph)):
        ET.fromstring(data)                       # well-formed XML
    H = nx.read_graphml(io.BytesIO(to_graphml(graph)))
    assert H.nodes["a"]["label"] == "bell andvtab"
    assert nx.read_gexf(io.BytesIO(to_gexf(graph))).nodes["a"]["label"] == "bell andvtab"


# --- mermaid --------------------------------------------------------------------

_LABEL = r'(?:[^"\[\]{}<>&#%:;|`\\\n]|#\w+;)+'
_CLASSES = "platform|planned|inactive|unrepresented|role|org_role|vacant"
_LINE_FORMS = [
    re.compile(r"---"),
    re.compile(r'title: "[\w \\]*"'),
    re.compile(r"flowchart BT"),
    re.compile(r"  %% coordgraph export: escalation flows upward"),
    re.compile(rf'  subgraph s\d+\["{_LABEL}"\]'),
    re.compile(r"  end"),
    # A platform's lead agencies are a second line in our own fixed markup.
    re.compile(rf'(?:  |    )n\d+(?:\["{_LABEL}(?:<br/><small>{_LABEL}</small>)?"\]'
               rf'|\("{_LABEL}"\))'),
    re.compile(rf'  n\d+ (?:==>|-->|-\.->\|"{_LABEL}"\||-->\|"{_LABEL}"\|) n\d+'),
    re.compile(rf"  classDef (?:{_CLASSES}) [\w:#,\- ]+"),
    re.compile(rf"  class n\d+(?:,n\d+)* (?:{_CLASSES})"),
]
_ENTITIES = {"quot": '"', "amp": "&", "lt": "<", "gt": ">"}


def mermaid_decode(text):
    """What Mermaid shows for an escaped label."""
    return re.sub(r"#(\w+);", lambda m: _ENTITIES.get(m[1]) or chr(int(m[1])), text)


def test_mermaid_lines_all_have_an_expected_form(graph):
    text = to_mermaid(graph)
    assert text.endswith("\n")
    for number, line in enumerate(text.splitlines(), start=1):
        assert any(form.fullmatch(line) for form in _LINE_FORMS), f"line {number}: {line!r}"


def test_mermaid_structure_counts_match_the_graph(graph):
    lines = to_mermaid(graph).splitlines()
    body = lines[lines.index("flowchart BT"):]
    node_lines = [x for x in body if re.fullmatch(r" +n\d+[\[(].*", x)]
    edge_lines = [x for x in body if re.fullmatch(r"  n\d+ [-=.].*", x)]
    assert len(node_lines) == len(graph.nodes)
    assert len(edge_lines) == len(graph.edges)
    structures = {n.structure for n in graph.nodes.values() if n.is_platform and n.structure}
    assert sum(x.startswith("  subgraph ") for x in body) == len(structures)
    assert body.count("  end") == len(structures)
    assert not any(x.lstrip().startswith(("click", "style", "linkStyle", "%%{")) for x in body)


def test_mermaid_ids_are_generated_never_from_data():
    graph = hostile_graph()           # ids: end, click, style, subgraph, graph...
    text = to_mermaid(graph)
    body = text[text.index("flowchart BT"):]
    ids = set(re.findall(r"^ +(\w+)[\[(]", body, re.M))
    assert ids == {f"n{i}" for i in range(1, len(graph.nodes) + 1)}
    unquoted = re.sub(r'"[^"\n]*"', '""', body)
    tokens = set(re.findall(r"[\w.]+", unquoted))
    assert not tokens & (set(graph.nodes) - {"end", "subgraph", "graph"})
    structures = {n.structure for n in graph.nodes.values() if n.structure}
    keyword_lines = [x for x in unquoted.splitlines() if re.search(r"\b(end|graph)\b", x)]
    assert keyword_lines == ["  end"] * len(structures)
    assert all(x.startswith("  subgraph s") for x in unquoted.splitlines() if "subgraph" in x)


def test_mermaid_labels_decode_to_the_original_text(graph):
    lines = to_mermaid(graph).splitlines()
    labels = dict(re.findall(r'^ +(n\d+)[\[(]"(.*?)(?:<br/><small>.*</small>)?"[\])]$',
                             "\n".join(lines), re.M))
    for number, node in enumerate(graph.nodes.values(), start=1):
        expected = " ".join(node.label.split())
        assert mermaid_decode(labels[f"n{number}"]) == expected


def test_mermaid_breakout_label_stays_one_quoted_string():
    line = next(x for x in to_mermaid(hostile_graph()).splitlines() if x.strip().startswith("n1["))
    assert line == ('    n1["a#quot;b#93;#59; click x #quot;javascript#58;alert(1)#quot;"]')
    assert line.count('"') == 2


@pytest.mark.parametrize("text, expected", [
    ('say "hi"', "say #quot;hi#quot;"),
    ("a\nb\r\nc\u2028d\x00e", "a b c d e"),
    ("<img src=x onerror=alert(1)>", "#lt;img src#61;x onerror#61;alert(1)#gt;"),
    ("#35;", "#35;35#59;"),
    ("`**md**`", "#96;#42;#42;md#42;#42;#96;"),
    ("%%{init}%%", "#37;#37;#123;init#125;#37;#37;"),
    ("   ", "#160;"),
])
def test_mermaid_text_escapes(text, expected):
    assert mermaid_text(text) == expected


def test_mermaid_marks_org_roles_and_unrepresented_platforms():
    text = to_mermaid(hostile_graph())
    assert "classDef org_role fill:#0033A0" in text
    classes = dict((name, ids.split(",")) for ids, name in
                   re.findall(r"^  class (\S+) (\w+)$", text, re.M))
    # n8 r1 and n10 r3 are IOM's, n9 r2 is UNHCR's
    assert classes["org_role"] == ["n8", "n10"] and classes["role"] == ["n9"]
    # `click` (n2) and `p.plus` (n5) and `amp` (n7) have no IOM member
    assert classes["unrepresented"] == ["n2", "n5", "n7"]
    assert classes["inactive"] == ["n4"] and classes["planned"] == ["n3"]
    unhcr = to_mermaid(hostile_graph(), org="UNHCR")
    assert re.search(r"^  class n9 org_role$", unhcr, re.M)


def test_mermaid_relation_styles():
    lines = to_mermaid(hostile_graph()).splitlines()
    assert "  n1 ==> n2" in lines                           # escalation: thick
    assert '  n8 -.->|"advises"| n1' in lines               # advises: dotted
    assert '  n8 -->|"chair, conditional"| n1' in lines     # capacity labelled
    assert '  n9 -->|"observer"| n1' in lines
    assert '  n10 -->|"alternate, conditional"| n1' in lines
    assert "  n10 --> n6" in lines                          # plain member seat


def _as_mermaid_shows_title(title: str) -> str:
    """What Mermaid 11 shows for a front-matter title: the text, once its
    entity placeholders are turned into HTML entities in the finished SVG
    (``decodeEntities``) and the SVG is parsed."""
    import html

    return html.unescape(title.replace("ﬂ°°", "&#").replace("ﬂ°", "&").replace("¶ß", ";"))


@pytest.mark.parametrize("name", ["R&D <Geneva office> & <b>bold</b>", "Café ﬂ°°38¶ß ¶ ß ﬂ",
                                  "a\u00a0b &amp; &#60;"])
def test_mermaid_title_shows_as_written(name):
    graph = coordgraph.from_records(nodes=[{"id": "hct", "kind": "platform", "label": "HCT"}],
                                    edges=[], context={"name": name})
    title = json.loads(to_mermaid(graph).splitlines()[1].removeprefix("title: "))
    assert _as_mermaid_shows_title(title) == " ".join(name.split())
    assert not re.search(r"[<>&\u00a0]", title)


def test_mermaid_title_is_inert():
    lines = to_mermaid(hostile_graph()).splitlines()
    assert lines[0] == "---" and lines[2] == "---"
    title = json.loads(lines[1].removeprefix("title: "))   # YAML \u escapes are JSON's
    assert _as_mermaid_shows_title(title) == 'Ctx "A" & <B> # 1: {x}; تنسيق %%'
    assert not re.search(r"[<>&]", title)                   # nothing for DOMPurify to change
    assert not re.search(r"[\"#%{}<>&:;]", lines[1].removeprefix("title: ")[1:-1])


def test_mermaid_markdown_fence_cannot_be_closed_by_a_label():
    fenced = mermaid_markdown(to_mermaid(hostile_graph()))
    assert fenced.startswith("```mermaid\n") and fenced.endswith("\n```\n")
    assert fenced.count("```") == 2


def test_mermaid_uses_the_language_asked():
    assert '["Équipe « spéciale »"]' in to_mermaid(hostile_graph(), lang="fr")
    assert '["Équipe humanitaire pays (EHP)"]' in to_mermaid(coordgraph.load(), lang="fr")


# --- csv ------------------------------------------------------------------------

def read_csv(data: bytes):
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_is_excel_shaped(graph):
    data = to_csv(graph)
    rows = read_csv(data)
    assert tuple(rows[0]) == CSV_COLUMNS
    platforms = [n for n in graph.nodes.values() if n.is_platform]
    assert [r[0] for r in rows[1:]] == [p.id for p in platforms]
    # every record ends with CRLF; line breaks inside cells are quoted
    assert data.endswith(b"\r\n")
    assert data.count(b"\r\n") == len(rows)


def test_csv_neutralises_every_formula_cell(graph):
    for row in read_csv(to_csv(graph)):
        for cell in row:
            assert cell.lstrip(" ")[:1] not in set("=+-@\t\r"), cell


@pytest.mark.parametrize("formula", FORMULAS)
def test_csv_formula_labels_come_out_as_text(formula):
    rows = read_csv(to_csv(hostile_graph()))
    cells = [cell for row in rows for cell in row]
    assert any(cell.startswith("'" + formula) for cell in cells), formula
    assert not any(cell.startswith(formula) for cell in cells)


def test_csv_seat_table_content():
    rows = {r["Platform ID"]: r for r in seat_rows(hostile_graph())}
    end = rows["end"]
    assert end["Seat holders"] == '-2+3 — chair; condition: ="if" <needed>'
    assert end["Alternates"] == "Coordonnateur·rice — فريق; condition: @ night"
    assert end["Observers"] == "@SUM(A1:A2) [UNHCR]"
    assert rows["click"]["Findings"].startswith("CG301 (error): IOM has no one in")
    assert rows["subgraph"]["Status"] == "inactive"
    bundled = {r["Platform ID"]: r for r in seat_rows(coordgraph.load())}
    assert bundled["hct"]["Seat holders"].split("\n")[1].startswith(
        "Rapid Response Team Lead — member; condition: ")
    assert bundled["unct"]["Findings"].startswith("CG305 (warning): ")


def test_csv_findings_follow_the_org():
    with pytest.warns(coordgraph.UnknownOrgWarning, match="'UNHCR'"):
        rows = {r["Platform ID"]: r for r in seat_rows(coordgraph.load(), org="UNHCR")}
    assert all("CG301" in r["Findings"] for r in rows.values())
    assert "Chief of Mission (CoM) [IOM] — member" in rows["hct"]["Seat holders"]


@pytest.mark.parametrize("cell, expected", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("  =1", "'  =1"), ("\uff1d1", "'\uff1d1"),
    ("a=1", "a=1"), ("", ""), ("HCT", "HCT"),
])
def test_neutralise(cell, expected):
    assert neutralise(cell) == expected


# --- all formats ----------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_export_is_bytes_and_reproducible(graph, fmt):
    first = export(graph, fmt)
    assert isinstance(first, bytes) and first
    assert export(graph, fmt) == first
    first.decode("utf-8")


def test_export_rejects_an_unknown_format():
    with pytest.raises(coordgraph.UsageError, match="allowed: json, graphml, gexf, mermaid, csv"):
        export(coordgraph.load(), "xlsx")


# --- a country office's columns -------------------------------------------------

@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf"])
def test_data_formats_carry_country_columns_and_context(fmt):
    graph = country_graph()
    if fmt == "json":
        H = nx.node_link_graph(json.loads(to_json(graph)), edges="edges")
    elif fmt == "graphml":
        H = nx.read_graphml(io.BytesIO(to_graphml(graph)), force_multigraph=True)
    else:
        H = nx.read_gexf(io.BytesIO(to_gexf(graph)))
    shelter, com = H.nodes["shelter"], H.nodes["chief_of_mission"]
    assert (shelter["lead"], shelter["co_lead"], shelter["location"]) == ("IFRC", "IOM", "Maputo")
    assert H.nodes["health"]["code"] == "HEA" and H.nodes["cwg"]["expected"] == "no"
    assert (com["person"], com["location"]) == ("Ana Diallo", "Maputo")
    assert com["max_seats"] == 5 and isinstance(com["max_seats"], int)
    assert H.nodes["senior_programme_manager"]["status"] == "vacant"
    edges = reloaded_edges(H)
    assert edges[("chief_of_mission", "membership", "hct")]["seat"] == "hct-head"
    assert edges[("cccm_coordinator", "membership", "cccm")]["capacity"] == "coordinator"
    assert ("cccm_kesso", "reporting", "cccm") in edges
    if fmt != "gexf":       # GEXF keeps no graph attributes but its meta
        assert H.graph["sectors"] == "CCM;SHL;WSH"
        assert (H.graph["crisis"], H.graph["context_type"]) == ("disaster", "humanitarian")
        assert H.graph["template"] == "humanitarian"


def test_csv_country_columns():
    rows = {r["Platform ID"]: r for r in seat_rows(country_graph())}
    shelter, cccm = rows["shelter"], rows["cccm"]
    assert (shelter["Lead"], shelter["Co-lead"], shelter["Location"]) == ("IFRC", "IOM", "Maputo")
    assert shelter["Expected"] == "yes"
    assert (rows["health"]["Expected"], rows["cwg"]["Expected"]) == ("no", "no")
    # The coordinator is its own column: not a seat, not an observer.
    assert cccm["Coordinator"] == "CCCM Cluster Coordinator" and cccm["Observers"] == ""
    # Vacant posts say so, in the seats and among the people.
    assert cccm["Seat holders"] == "Senior Programme Manager — lead (vacant)"
    assert cccm["Person(s)"] == ("Dina Nhantumbo (CCCM Cluster Coordinator)\n"
                                 "vacant: Senior Programme Manager")
    assert rows["hct"]["Person(s)"] == ("Ana Diallo (Chief of Mission)\n"
                                        "Bruno Costa (Deputy Chief of Mission)")
    assert rows["hct"]["Seat holders"].startswith("Resident Coordinator [UN] — chair\n")
    rows = read_csv(to_csv(country_graph()))
    assert rows[0][5:12] == ["Expected", "Lead", "Co-lead", "Location", "Coordinator",
                             "Seat holders", "Person(s)"]


def _mermaid_lines(graph, **options):
    return to_mermaid(graph, **options).splitlines()


def _node_number(graph, node_id):
    return f"n{list(graph.nodes).index(node_id) + 1}"


def test_mermaid_reporting_and_coordinator_edges_in_the_language_asked():
    graph = country_graph()
    local, cccm, coordinator = (_node_number(graph, i) for i in
                                ("cccm_kesso", "cccm", "cccm_coordinator"))
    lines = _mermaid_lines(graph)
    assert f'  {local} -.->|"reports to"| {cccm}' in lines
    assert f'  {coordinator} -->|"coordinator"| {cccm}' in lines
    french = _mermaid_lines(graph, lang="fr")
    assert f'  {local} -.->|"rend compte à"| {cccm}' in french
    assert f'  {coordinator} -->|"coordination"| {cccm}' in french
    assert '|"présidence"|' in "\n".join(french) and '|"chair"|' not in "\n".join(french)
    spanish = "\n".join(_mermaid_lines(coordgraph.load(), lang="es"))
    assert '|"asesora"|' in spanish and '|"observador, condicional"|' in spanish


def test_mermaid_vacant_posts_and_platforms_not_expected():
    graph = country_graph()
    text = to_mermaid(graph)
    classes = dict((name, ids.split(",")) for ids, name in
                   re.findall(r"^  class (\S+) (\w+)$", text, re.M))
    assert classes["vacant"] == [_node_number(graph, "senior_programme_manager")]
    assert "classDef vacant " in text and "stroke-dasharray" in text.split("classDef vacant ")[1]
    # Nobody from IOM at Health: on purpose (not among the sectors), so not red;
    # Logistics is expected and its only seat is vacant: red.
    assert _node_number(graph, "health") not in classes["unrepresented"]
    assert classes["unrepresented"] == [_node_number(graph, "logistics")]


def test_mermaid_lead_agencies_as_a_second_line():
    graph = country_graph()
    lines = _mermaid_lines(graph)
    shelter = _node_number(graph, "shelter")
    assert (f'  {shelter}["Shelter Cluster<br/><small>Lead#58; IFRC · Co-lead#58; IOM'
            '</small>"]') in lines
    assert any("<small>Chef de file#58; IOM</small>" in x for x in _mermaid_lines(graph, lang="fr"))
    hct = _node_number(graph, "hct")
    assert any(re.fullmatch(rf' +{hct}\["Humanitarian Country Team \(HCT\)"\]', x) for x in lines)


def test_mermaid_lead_line_is_escaped_and_left_out_when_too_long():
    graph = coordgraph.from_records(
        nodes=[{"id": "a", "kind": "platform", "label": "A", "lead": 'X"]; click a "y'},
               {"id": "b", "kind": "platform", "label": "B", "lead": ";".join(["UNHCR"] * 12)}],
        edges=[])
    lines = _mermaid_lines(graph)
    # `;` separates organisations: two of them, each escaped.
    assert '  n1["A<br/><small>Lead#58; X#quot;#93;, click a #quot;y</small>"]' in lines
    assert '  n2["B"]' in lines
    for line in lines:
        assert any(form.fullmatch(line) for form in _LINE_FORMS), line
