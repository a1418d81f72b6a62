"""coordgraph.render through the real Graphviz: every format, view and language."""

import re
import shutil
import warnings
import xml.etree.ElementTree as ET

import pytest

import coordgraph
from coordgraph.errors import UsageError
from coordgraph.rendering import FORMATS, VIEWS, RenderWarning, render
from coordgraph.rendering.quoting import clean
from render_helpers import EXAMPLE, INJECTION, SVG, XLINK, classes, svg_nodes, texts, words


@pytest.fixture(scope="module")
def bundled():
    return coordgraph.load()


@pytest.fixture(scope="module")
def bundled_svg(bundled):
    return render(bundled)


@pytest.fixture(scope="module")
def hostile():
    return coordgraph.load(INJECTION)


@pytest.fixture(scope="module")
def hostile_svg(hostile):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RenderWarning)
        return render(hostile)


def test_svg_is_well_formed_with_every_node(bundled, bundled_svg):
    root = ET.fromstring(bundled_svg)
    nodes = svg_nodes(root)
    assert list(nodes) == list(bundled.nodes)
    for node_id, g in nodes.items():
        assert bundled.nodes[node_id].kind in classes(g)
        assert g.find(f"{SVG}title").text == bundled.nodes[node_id].label
    assert root[0].tag == f"{SVG}title" and root[1].tag == f"{SVG}desc"
    assert "Chief of Mission (CoM)" in root[1].text


def test_svg_is_a_picture(bundled_svg):
    root = ET.fromstring(bundled_svg)
    # as wide as its container, never wider than drawn; the viewBox gives the shape
    assert root.get("width") == "100%" and root.get("height") is None
    natural = re.fullmatch(r"max-width:([0-9.]+)pt;height:auto", root.get("style"))
    _, _, width, height = map(float, root.get("viewBox").split())
    assert abs(float(natural[1]) - width) < 1 and width > 300 and height > 200
    assert len(list(root.iter(f"{SVG}path"))) > 10 and len(list(root.iter(f"{SVG}text"))) > 30


@pytest.mark.slow
def test_png_and_pdf(bundled):
    png = render(bundled, "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000
    pdf = render(bundled, "pdf", view="platforms")
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert b"/CreationDate (D:20000101000000" in pdf


def test_dot_needs_no_graphviz(bundled, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert render(bundled, "dot").startswith(b"digraph coordgraph {")


@pytest.mark.slow
def test_same_input_same_bytes_wherever_it_lives(tmp_path, monkeypatch):
    copies = []
    for name in ("one", "two/deeper"):
        folder = tmp_path / name
        shutil.copytree(EXAMPLE, folder)
        monkeypatch.chdir(folder.parent)
        copies.append(coordgraph.load(folder))
    for fmt in ("svg", "pdf"):
        assert render(copies[0], fmt, view="platforms") == render(copies[1], fmt, view="platforms")
    svg = render(copies[0], "svg", view="platforms")
    assert str(tmp_path).encode() not in svg and b"graphviz version" not in svg


def test_unrepresented_platform_is_marked_in_colour_and_words(write_context):
    folder = write_context(
        [{"id": "hct", "kind": "platform", "label": "HCT"},
         {"id": "smt", "kind": "platform", "label": "SMT"},
         {"id": "com", "kind": "role", "label": "Chief of Mission"}],
        [{"source": "com", "target": "hct", "relation": "membership"}])
    root = ET.fromstring(render(coordgraph.load(folder)))
    nodes = svg_nodes(root)
    assert "⚠ no IOM seat" in texts(nodes["smt"]) and "finding-error" in classes(nodes["smt"])
    assert "no IOM seat" not in texts(nodes["hct"])
    red = {e.get("stroke") for e in nodes["smt"].iter() if e.get("stroke")}
    assert "#c8102e" in {c.lower() for c in red}
    legend = [g for g in root.iter(f"{SVG}g") if classes(g) == ["legend"]][0]
    assert "No IOM role sits here (CG301)" in texts(legend)


@pytest.mark.parametrize("view", VIEWS)
def test_every_view(bundled, view):
    root = ET.fromstring(render(bundled, view=view))
    nodes = svg_nodes(root)
    kinds = {bundled.nodes[i].kind for i in nodes}
    assert "platform" in kinds
    assert (kinds == {"platform"}) == (view in ("platforms", "leadership"))


def test_focus(bundled):
    root = ET.fromstring(render(bundled, focus="pmt", depth=1))
    assert set(svg_nodes(root)) == {"unct", "pmt", "programme_coordinator",
                                    "senior_programme_manager"}
    with pytest.raises(UsageError, match="did you mean 'pmt'"):
        render(bundled, focus="ptm")


def test_french(bundled):
    root = ET.fromstring(render(bundled, lang="fr"))
    nodes = svg_nodes(root)
    assert "Équipe humanitaire pays (EHP)" in words(texts(nodes["hct"]))
    assert nodes["hct"].find(f"{SVG}title").text == "Équipe humanitaire pays (EHP)"
    assert "Légende" in texts(root) and "Organigramme" in texts(root)


def test_unknown_format(bundled):
    with pytest.raises(UsageError, match="unknown format"):
        render(bundled, "gif")
    assert FORMATS == ("svg", "png", "pdf", "dot", "html")


def test_warnings_are_issued(hostile):
    with pytest.warns(RenderWarning) as caught:
        render(hostile, "dot")
    messages = [str(w.message) for w in caught]
    assert any("the label of 'long'" in m for m in messages)
    assert any("more than Graphviz accepts" in m for m in messages)


def test_jupyter_shows_the_organigram(bundled):
    assert bundled._repr_svg_().startswith('<?xml version="1.0"')


def test_jupyter_falls_back_to_text_without_graphviz(bundled, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot anywhere
    with pytest.warns(UserWarning, match="no organigram"):
        assert bundled._repr_svg_() is None


def test_jupyter_falls_back_to_text_for_a_graph_too_large_to_draw():
    from coordgraph.rendering import MAX_NODES

    graph = coordgraph.from_records(
        [{"id": f"p{i}", "kind": "platform", "label": f"P{i}"} for i in range(MAX_NODES + 1)],
        [])
    with pytest.warns(UserWarning, match="no organigram: the drawing would have 5,001 nodes"):
        assert graph._repr_svg_() is None
    with pytest.raises(UsageError, match="--focus ID --depth N"):
        render(graph, "png")


# The injection corpus: every label comes out as text, nothing else changes.

def test_hostile_svg_is_well_formed_with_one_g_per_node(hostile, hostile_svg):
    root = ET.fromstring(hostile_svg)
    drawn = [g for g in root.iter(f"{SVG}g") if "node" in classes(g)]
    assert len(drawn) == len(hostile.nodes)
    assert {g.get("id") for g in drawn} == {f"node-{i}" for i in hostile.nodes}


def test_hostile_svg_has_no_active_content(hostile_svg):
    root = ET.fromstring(hostile_svg)
    assert b"<script" not in hostile_svg.lower()
    for element in root.iter():
        assert element.tag.rsplit("}", 1)[-1] not in ("script", "foreignObject", "image")
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1]
            assert not local.lower().startswith("on")
            assert local not in ("href", "URL")   # no links at all: we set none
            if "url(" in value:
                assert value.startswith("url(#")


@pytest.mark.parametrize("node_id", [
    "hct", "backslash", "html", "breakout", "js", "controls", "rtl", "emoji", "arabic",
    "amp", "record", "node", "edge", "graph", "strict", "a.b-c_d", "subgraph"])
def test_each_hostile_label_comes_out_as_text(hostile, hostile_svg, node_id):
    g = svg_nodes(ET.fromstring(hostile_svg))[node_id]
    label = clean(hostile.nodes[node_id].label)
    # wrapping may break a long word: compare without any white space
    assert "".join(label.split()) in "".join(texts(g).split())
    assert g.find(f"{SVG}title").text == label


def test_the_long_label_comes_out_shortened(hostile, hostile_svg):
    g = svg_nodes(ET.fromstring(hostile_svg))["long"]
    assert words(texts(g)).startswith("Twenty thousand characters of label")
    assert "…" in texts(g)


def test_hostile_tooltips_are_text_too(hostile, hostile_svg):
    root = ET.fromstring(hostile_svg)
    g = svg_nodes(root)["backslash"]
    tips = [a.get(f"{XLINK}title") for a in g.iter(f"{SVG}a")]
    assert tips and tips[0].startswith(clean(hostile.nodes["backslash"].label))
    assert "\\N\\G\\E\\T\\H\\L" in tips[0]


def test_hostile_title_is_text(hostile_svg):
    root = ET.fromstring(hostile_svg)
    assert root[0].text.startswith("<script>alert('title')</script> & \"quotes\" \\N")


def test_control_characters_outside_labels_keep_the_svg_well_formed():
    # Structure names, conditions and --org reach the <desc> without Graphviz.
    graph = coordgraph.from_records(
        nodes=[{"id": "p", "kind": "platform", "label": "P", "structure": "S\x01x"},
               {"id": "r", "kind": "role", "label": "R"}],
        edges=[{"source": "r", "target": "p", "relation": "membership",
                "condition": "if\x0b so"}])
    with pytest.warns(coordgraph.UnknownOrgWarning, match=r"'IOM\\x02'"):
        root = ET.fromstring(render(graph, org="IOM\x02"))
    desc = root.find(f"{SVG}desc").text
    assert "Sx: P" in desc and "\x01" not in desc
    assert set(svg_nodes(root)) == {"p", "r"}
