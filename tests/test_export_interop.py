"""The exports as the tools that read them see them: the official GraphML
and GEXF schemas (lxml), networkx, graphology (node), Cytoscape.js (node and
a real Chromium), and the contact list as a spreadsheet reads it.

The schemas are vendored in tests/fixtures/schemas (see its README). The
JavaScript libraries are installed with npm into a temporary folder once per
run; those tests are skipped, saying why, when npm is missing or cannot
install.
"""

import csv
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest

import coordgraph
from coordgraph.exporting import (
    CONTACT_COLUMNS,
    contact_rows,
    export,
    to_contacts,
    to_cytoscape,
    to_gexf,
    to_graphml,
    to_json,
)
from coordgraph.rendering.styles import IOM_BLUE
from test_exporting import FORMULAS, GRAPHS, hostile_graph

etree = pytest.importorskip("lxml.etree", reason="lxml is a test extra: pip install -e '.[test]'")

SCHEMAS = Path(__file__).parent / "fixtures" / "schemas"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
YED = "{http://www.yworks.com/xml/graphml}"
GEXF = "{http://www.gexf.net/1.2draft}"
VIZ = "{http://www.gexf.net/1.2draft/viz}"


@pytest.fixture(params=sorted(GRAPHS))
def graph(request):
    return GRAPHS[request.param]()


def schema(path):
    return etree.XMLSchema(etree.parse(str(path)))


def assert_valid(xsd, data: bytes):
    document = etree.fromstring(data)
    assert xsd.validate(document), "\n".join(str(e) for e in xsd.error_log)


@pytest.fixture(scope="module")
def graphml_yed_schema():
    return schema(SCHEMAS / "graphml+yfiles.xsd")


@pytest.fixture(scope="module")
def graphml_schema():
    return schema(SCHEMAS / "graphml.xsd")


@pytest.fixture(scope="module")
def gexf_schema(tmp_path_factory):
    """JGraphT's GEXF 1.2draft schema with the visual elements in the viz
    namespace, as the specification, Gephi and networkx have them."""
    folder = tmp_path_factory.mktemp("gexf-schema")
    text = (SCHEMAS / "gexf.xsd").read_text(encoding="utf-8")
    for name in ("color", "position", "size", "thickness"):
        assert f'ref="ns1:{name}"' in text
        text = text.replace(f'ref="ns1:{name}"', f'ref="viz:{name}"')
    (folder / "gexf.xsd").write_text(text, encoding="utf-8")
    viz = (SCHEMAS / "viz.xsd").read_text(encoding="utf-8")
    elements = "".join(f'<xs:element name="{name}" type="viz:{name}-content"/>'
                       for name in ("color", "position", "size", "thickness"))
    (folder / "viz.xsd").write_text(viz.replace("</xs:schema>", elements + "</xs:schema>"),
                                    encoding="utf-8")
    return schema(folder / "gexf.xsd")


# --- GraphML ----------------------------------------------------------------

def test_graphml_is_valid_graphml_with_yed_extensions(graph, graphml_yed_schema):
    assert_valid(graphml_yed_schema, to_graphml(graph))


def test_graphml_without_yed_graphics_is_valid_plain_graphml(graph, graphml_schema):
    root = etree.fromstring(to_graphml(graph))
    for key in root.findall(f"{GRAPHML}key[@yfiles.type]"):
        for data in root.iter(f"{GRAPHML}data"):
            if data.get("key") == key.get("id"):
                data.getparent().remove(data)
        root.remove(key)
    assert_valid(graphml_schema, etree.tostring(root))


def test_graphml_edge_ids_are_unique_and_numbered_in_file_order(graph):
    root = etree.fromstring(to_graphml(graph))
    ids = [e.get("id") for e in root.iter(f"{GRAPHML}edge")]
    assert ids == [f"e{n}" for n in range(1, len(graph.edges) + 1)]


def test_graphml_yed_graphics_follow_the_nodes_and_edges():
    graph = coordgraph.load(Path(__file__).parent / "fixtures" / "country")
    root = etree.fromstring(to_graphml(graph))
    widths = {}
    for element in root.iter(f"{GRAPHML}node"):
        node = graph.nodes[element.get("id")]
        shape = element.find(f"{GRAPHML}data/{YED}ShapeNode")
        assert shape.find(f"{YED}Shape").get("type") == (
            "roundrectangle" if node.kind == "role" else "rectangle")
        geometry = shape.find(f"{YED}Geometry")
        widths[len(node.label)] = float(geometry.get("width"))
        assert float(geometry.get("height")) > 0
        fill = shape.find(f"{YED}Fill").get("color")
        if node.kind == "role" and graph.belongs_to(node, graph.context.org) \
                and not node.is_vacant:
            assert fill == IOM_BLUE
        assert shape.find(f"{YED}NodeLabel").text == node.label
        assert shape.find(f"{YED}BorderStyle").get("color").startswith("#")
    # A longer label gets a box at least as wide.
    lengths = sorted(widths)
    assert [widths[n] for n in lengths] == sorted(widths[n] for n in lengths)
    assert widths[lengths[-1]] > widths[lengths[0]]
    edges = list(root.iter(f"{GRAPHML}edge"))
    assert len(edges) == len(graph.edges)
    by_id = {(e.source, e.target, e.relation): e for e in graph.edges}
    labels = {e.find(f"{GRAPHML}data/{YED}PolyLineEdge/{YED}EdgeLabel").text for e in edges}
    expected = {e.capacity if e.relation == "membership" and e.capacity else e.relation
                for e in by_id.values()}
    assert labels == expected


def test_graphml_reads_back_in_networkx_with_the_same_counts(graph):
    H = nx.read_graphml(io.BytesIO(to_graphml(graph)))
    assert H.number_of_nodes() == len(graph.nodes)
    assert H.number_of_edges() == len(graph.edges)


# --- GEXF -------------------------------------------------------------------

def test_gexf_is_valid_gexf_1_2draft(graph, gexf_schema):
    assert_valid(gexf_schema, to_gexf(graph))


def test_gexf_keeps_every_column_and_the_context(graph):
    root = etree.fromstring(to_gexf(graph))
    titles = {a.get("title") for a in root.iter(f"{GEXF}attribute")}
    assert "networkx_key" not in titles
    for node in graph.nodes.values():
        assert set(node.attributes()) - {"label"} <= titles
    for edge in graph.edges:
        assert set(edge.attributes()) <= titles
    assert root.find(f"{GEXF}graph").get("name") is None
    keywords = root.find(f"{GEXF}meta/{GEXF}keywords").text
    context = graph.to_networkx().graph
    for key, value in context.items():
        assert f"{key}={value}" in keywords
    ids = [e.get("id") for e in root.iter(f"{GEXF}edge")]
    assert ids == [f"e{n}" for n in range(1, len(graph.edges) + 1)]


def test_gexf_node_colours_are_the_drawing_colours():
    graph = hostile_graph()
    root = etree.fromstring(to_gexf(graph))
    colours = {}
    for element in root.iter(f"{GEXF}node"):
        colour = element.find(f"{VIZ}color")
        colours[element.get("id")] = "#{:02X}{:02X}{:02X}".format(
            *(int(colour.get(c)) for c in "rgb"))
    assert colours["r3"] == IOM_BLUE             # the IOM role
    assert colours["r2"] != IOM_BLUE             # a UNHCR role
    assert len(colours) == len(graph.nodes)


# --- JSON -------------------------------------------------------------------

def test_json_loads_with_the_installed_networkx_defaults(graph):
    data = json.loads(to_json(graph))
    major, minor = (int(x) for x in nx.__version__.split(".")[:2])
    if (major, minor) >= (3, 6):
        H = nx.node_link_graph(data)
    elif (major, minor) >= (3, 4):
        H = nx.node_link_graph(data, edges="edges")
    else:
        H = nx.node_link_graph(data, link="edges")
    assert H.number_of_nodes() == len(graph.nodes)
    assert H.number_of_edges() == len(graph.edges)
    assert nx.utils.graphs_equal(H, graph.to_networkx())


# --- Cytoscape.js -----------------------------------------------------------

def test_cytoscape_elements_have_ids_sources_and_every_attribute(graph):
    data = json.loads(to_cytoscape(graph))
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    assert [n["data"]["id"] for n in nodes] == list(graph.nodes)
    for record in nodes:
        node = graph.nodes[record["data"]["id"]]
        assert {k: v for k, v in record["data"].items() if k in node.attributes()} \
            == node.attributes()
        assert record["data"]["label"] == node.label
    assert [e["data"]["id"] for e in edges] == [f"e{n}" for n in range(1, len(graph.edges) + 1)]
    for record, edge in zip(edges, graph.edges, strict=True):
        assert record["data"]["source"] == edge.source
        assert record["data"]["target"] == edge.target
        assert {k: v for k, v in record["data"].items()
                if k not in ("id", "source", "target")} == edge.attributes()


def test_cytoscape_is_chosen_by_the_cyjs_suffix():
    from coordgraph.exporting import format_for

    assert format_for("out/graph.cyjs") == "cytoscape"


# --- contacts ---------------------------------------------------------------

def read_contacts(data: bytes):
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_contacts_one_row_per_seat_of_the_org(graph):
    org = graph.context.org
    rows = read_contacts(export(graph, "contacts"))
    expected = [(e.target, e.source) for node in graph.nodes.values() if node.kind == "platform"
                for e in graph.memberships(node.id)
                if graph.belongs_to(graph.nodes[e.source], org)]
    assert len(rows) == len(expected)
    assert list(rows[0]) == list(CONTACT_COLUMNS) if rows else True
    for row, (platform, role) in zip(rows, expected, strict=True):
        assert row["Platform ID"] == platform
        node = graph.nodes[role]
        assert row["Role"] == node.label or row["Role"] == "'" + node.label
        assert row["Person"] == ("(vacant)" if node.is_vacant else node.person)


def test_contacts_have_people_places_and_leads():
    graph = coordgraph.load(Path(__file__).parent / "fixtures" / "country")
    rows = contact_rows(graph)
    assert rows and any(r["Person"] for r in rows)
    assert any(r["Location"] for r in rows) and any(r["Lead agency"] for r in rows)
    assert all(r["Capacity"] for r in rows)


def test_contacts_neutralise_formulas():
    rows = read_contacts(to_contacts(hostile_graph()))
    cells = [cell for row in rows for cell in row.values()]
    assert cells
    for cell in cells:
        assert not cell or cell[0] not in "=+-@", cell
    assert f"'{FORMULAS[2]}" in cells       # the -2+3 role


def test_contacts_hashtag_row_goes_under_the_header():
    tags = ["#group+id", "#group+name", "#org+lead", "#org+colead", "#contact+role",
            "#contact+name", "#contact+capacity", "#loc"]
    data = to_contacts(coordgraph.load(), hashtags=tags)
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[1] == ",".join(tags)


# --- JavaScript readers -----------------------------------------------------

NPM_PACKAGES = ("graphology@0.25", "graphology-graphml@0.5", "cytoscape@3")


@pytest.fixture(scope="session")
def node_modules(tmp_path_factory):
    """graphology, graphology-graphml and cytoscape installed with npm."""
    npm, node = shutil.which("npm"), shutil.which("node")
    if not npm or not node:
        pytest.skip("node and npm are needed to test the exports with graphology and "
                    "Cytoscape.js (Debian: apt-get install nodejs npm)")
    folder = tmp_path_factory.mktemp("npm")
    (folder / "package.json").write_text('{"private": true}', encoding="utf-8")
    done = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--silent",
                           *NPM_PACKAGES], cwd=folder, capture_output=True, text=True,
                          timeout=300)
    if done.returncode != 0:
        pytest.skip(f"npm could not install {' '.join(NPM_PACKAGES)} (offline?): "
                    f"{done.stderr.strip()[-300:]}")
    return folder


def run_node(folder, script: str, *files) -> dict:
    done = subprocess.run(["node", "-e", script, *map(str, files)], cwd=folder,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


GRAPHOLOGY = """
const fs = require('fs');
const Graph = require('graphology');
const graphml = require('graphology-graphml');
const g = graphml.parse(Graph, fs.readFileSync(process.argv[1], 'utf8'));
const firstEdge = g.edges()[0];
console.log(JSON.stringify({
  order: g.order, size: g.size, multi: g.multi,
  edges: g.edges(),
  hct: g.hasNode('hct') ? g.getNodeAttributes('hct') : null,
  first: firstEdge ? g.getEdgeAttributes(firstEdge) : null,
}));
"""


def test_graphology_reads_the_graphml(node_modules, tmp_path, graph):
    path = tmp_path / "graph.graphml"
    path.write_bytes(to_graphml(graph))
    seen = run_node(node_modules, GRAPHOLOGY, path)
    assert seen["order"] == len(graph.nodes)
    assert seen["size"] == len(graph.edges)
    assert seen["edges"] == [f"e{n}" for n in range(1, len(graph.edges) + 1)]
    assert seen["first"]["relation"] in ("escalation", "membership", "advises", "reporting")
    if "hct" in graph.nodes:
        assert seen["hct"]["label"] == graph.nodes["hct"].label


CYTOSCAPE = """
const fs = require('fs');
const cytoscape = require('cytoscape');
const data = JSON.parse(fs.readFileSync(process.argv[1], 'utf8'));
const cy = cytoscape({headless: true, elements: data.elements});
const e1 = cy.getElementById('e1');
console.log(JSON.stringify({
  nodes: cy.nodes().length, edges: cy.edges().length,
  e1: e1.length ? [e1.source().id(), e1.target().id(), e1.data('relation')] : null,
}));
"""


def test_cytoscape_js_reads_the_elements(node_modules, tmp_path, graph):
    path = tmp_path / "graph.cyjs"
    path.write_bytes(export(graph, "cytoscape"))
    seen = run_node(node_modules, CYTOSCAPE, path)
    first = graph.edges[0]
    assert seen == {"nodes": len(graph.nodes), "edges": len(graph.edges),
                    "e1": [first.source, first.target, first.relation]}


@pytest.mark.browser
def test_cytoscape_js_draws_the_elements_in_chromium(node_modules, tmp_path):
    from browser import find_chromium, launch

    executable, why = find_chromium()
    if executable is None:
        if os.environ.get("CI"):
            raise RuntimeError(f"CI is set but {why}")
        pytest.skip(why)
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="Playwright for Python is not installed")
    graph = hostile_graph()
    page_file = tmp_path / "cy.html"
    page_file.write_text(
        '<!doctype html><meta charset="utf-8"><div id="cy" style="width:800px;height:600px">'
        "</div>", encoding="utf-8")
    script = node_modules / "node_modules" / "cytoscape" / "dist" / "cytoscape.min.js"
    with sync_api.sync_playwright() as playwright:
        browser = launch(playwright, executable)
        try:
            page = browser.new_page()
            errors = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(page_file.as_uri())
            page.add_script_tag(path=str(script))
            seen = page.evaluate("""(data) => {
                const cy = cytoscape({container: document.getElementById('cy'),
                                      elements: data.elements,
                                      style: [{selector: 'node',
                                               style: {'label': 'data(label)',
                                                       'background-color': 'data(colour)'}}],
                                      layout: {name: 'breadthfirst'}});
                const labels = cy.nodes().map(n => n.data('label'));
                return {nodes: cy.nodes().length, edges: cy.edges().length, labels,
                        canvases: document.querySelectorAll('#cy canvas').length,
                        colour: cy.getElementById('r3').style('background-color')};
            }""", json.loads(to_cytoscape(graph)))
        finally:
            browser.close()
    assert errors == []
    assert seen["nodes"] == len(graph.nodes) and seen["edges"] == len(graph.edges)
    assert sorted(seen["labels"]) == sorted(n.label for n in graph.nodes.values())
    assert seen["canvases"] > 0
    assert seen["colour"] == "rgb(0,51,160)"    # the IOM role in IOM blue
