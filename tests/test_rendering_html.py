"""The HTML organigram without a browser: one offline file, data only as text."""

import base64
import hashlib
import json
import re
import warnings
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

import coordgraph
from coordgraph.cli import cli
from coordgraph.rendering import RenderWarning, render
from coordgraph.rendering.building import build
from coordgraph.rendering.html import CSP, UI, asset, build_page, digest, json_block, page_data
from render_helpers import EXAMPLE, INJECTION, SVG, classes, svg_nodes


class Page(HTMLParser):
    """Every start tag with its attributes, and the text of each <script> and <style>."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.scripts, self.styles = [], [], []
        self._inside = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._inside = (tag, dict(attrs), [])

    def handle_data(self, data):
        if self._inside:
            self._inside[2].append(data)

    def handle_endtag(self, tag):
        if self._inside and tag == self._inside[0]:
            kind, attrs, parts = self._inside
            (self.scripts if kind == "script" else self.styles).append((attrs, "".join(parts)))
            self._inside = None


@pytest.fixture(scope="module")
def bundled():
    return coordgraph.load()


@pytest.fixture(scope="module")
def html(bundled):
    return render(bundled, "html")


@pytest.fixture(scope="module")
def hostile_html():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RenderWarning)
        return render(coordgraph.load(INJECTION), "html")


def sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


@pytest.mark.parametrize("which", ["html", "hostile_html"])
def test_one_file_that_asks_for_nothing(request, which):
    text = request.getfixturevalue(which).decode("utf-8")
    page = Page(text)
    assert text.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    tags = [tag for tag, _ in page.tags]
    for outside in ("link", "img", "iframe", "object", "embed", "base", "form", "audio",
                    "video", "source", "image", "use", "foreignobject"):
        assert outside not in tags, outside
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("src", "href", "xlink:href", "action", "srcset"):
                raise AssertionError(f"<{tag} {name}={value!r}>")
    assert not re.search(r"url\((?!#)", "".join(s for _, s in page.styles))
    assert "@import" not in text and "@font-face" not in text


@pytest.mark.parametrize("which", ["html", "hostile_html"])
def test_policy_allows_exactly_the_inline_script_and_style(request, which):
    page = Page(request.getfixturevalue(which).decode("utf-8"))
    metas = [a for t, a in page.tags if t == "meta" and a.get("http-equiv")]
    assert len(metas) == 1 and metas[0]["http-equiv"] == "Content-Security-Policy"
    policy = dict(part.strip().split(" ", 1) for part in metas[0]["content"].split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["base-uri"] == "'none'" and policy["form-action"] == "'none'"
    assert "unsafe-inline" not in metas[0]["content"] and "unsafe-eval" not in metas[0]["content"]
    code = [s for a, s in page.scripts if "type" not in a]
    data = [s for a, s in page.scripts if a.get("type") == "application/json"]
    assert len(code) == 1 and len(data) == 1 and len(page.scripts) == 2
    assert len(page.styles) == 1
    assert policy["script-src"] == f"'{sha256(code[0])}'"
    assert policy["style-src"] == f"'{sha256(page.styles[0][1])}'"
    assert code[0] == asset("organigram.js") and page.styles[0][1] == asset("organigram.css")
    # The meta comes before anything it governs.
    position = [t for t, _ in page.tags]
    assert position.index("meta") < position.index("style") < position.index("script")


def test_the_svg_is_inline_and_stays_the_cleaned_one(bundled, html):
    text = html.decode("utf-8")
    svg = render(bundled, "svg").decode("utf-8")
    body = svg[svg.index("<svg"):].strip()
    # less the style capping its width: the page's policy allows no style
    # attribute, its script sizes the drawing
    start = body.index(">")
    assert ' style="max-width:' in body[:start]
    body = re.sub(r' style="max-width:[0-9.]+pt;height:auto"', "", body, count=1)
    assert body in text and "<?xml" not in text and " style=" not in text
    root = ET.fromstring(body)
    assert list(svg_nodes(root)) == list(bundled.nodes)


def test_data_block_cannot_be_closed_by_a_label():
    hostile = {"label": "</script><script>alert(1)</script><!-- & \u2028\u2029 -->"}
    block = json_block(hostile)
    for char in "<>&\u2028\u2029":
        assert char not in block
    assert json.loads(block) == hostile
    page = build_page(b"<svg xmlns='http://www.w3.org/2000/svg'/>", hostile).decode()
    assert page.count("</script>") == 2 and "<!--" not in page
    assert page.lower().count("<script") == 2


def test_data_round_trips_through_the_page(hostile_html):
    page = Page(hostile_html.decode("utf-8"))
    data = json.loads(next(s for a, s in page.scripts if a.get("type") == "application/json"))
    html_node = next(n for n in data["nodes"] if n["id"] == "html")
    assert html_node["label"] == "<b>x</b> and <<table>>"
    breakout = next(n for n in data["nodes"] if n["id"] == "breakout")
    assert breakout["label"] == 'x"]; evil [URL="javascript:alert(1)" label="y'
    long = next(n for n in data["nodes"] if n["id"] == "long")
    assert len(long["label"]) == 300 and long["label"].endswith("…")   # cut for the page


def test_title_is_escaped(hostile_html):
    text = hostile_html.decode("utf-8")
    assert "<title>&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; &amp; &quot;quotes" in text
    assert "<script>alert(" not in text


def test_same_input_same_bytes(bundled, tmp_path):
    assert render(bundled, "html") == render(bundled, "html")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RenderWarning)
        assert render(coordgraph.load(INJECTION), "html") == render(coordgraph.load(INJECTION),
                                                                    "html")


def test_page_data_describes_every_drawn_node(bundled, html):
    drawing = build(bundled, "organigram", findings=coordgraph.check(bundled))
    data = page_data(drawing)
    assert [n["id"] for n in data["nodes"]] == list(bundled.nodes)
    assert data["relations"] == ["escalation", "membership", "advises"]
    nodes = {n["id"]: n for n in data["nodes"]}
    hct = nodes["hct"]
    assert [(s["id"], s.get("condition", "")[:15]) for s in hct["seats"]] == [
        ("chief_of_mission", ""), ("rrt_lead", "in the event th")]
    assert "alternates" not in hct
    assert [o["id"] for o in hct["observers"]] == ["cluster_coordinator"]
    assert "up" not in hct and "up_edge" not in hct                   # an apex
    assert [e["id"] for e in hct["escalated_from"]] == ["iccg"]
    assert (nodes["cluster_meetings"]["up"], nodes["iccg"]["up"]) == ("iccg", "hct")
    assert data["beyond"] == []                                       # every platform drawn
    com = nodes["chief_of_mission"]
    assert [s["id"] for s in com["seats"]] == ["hct", "unct", "smt"]
    assert [(s["id"], s["has_alternate"]) for s in com["sole"]] == [
        ("unct", False), ("smt", False)]
    cg305 = next(i for i, f in enumerate(data["findings"]) if f["code"] == "CG305")
    assert com["findings"] == [cg305]
    assert nodes["smt"]["findings"] == [cg305] and "findings" not in nodes["hct"]
    assert nodes["designated_official"]["org"] == "UN"
    assert nodes["cluster_coordinator"]["labels"] == ["Coordonnateur de cluster",
                                                      "Coordinador del Grupo Sectorial"]


def test_route_and_link_ids_are_the_svgs(bundled, html):
    data = page_data(build(bundled, "organigram", findings=coordgraph.check(bundled)))
    root = ET.fromstring(render(bundled, "svg"))
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g")}
    for node in data["nodes"]:
        assert f"node-{node['id']}" in groups
        if "up_edge" in node:
            assert "escalation" in classes(groups[node["up_edge"]])
        for edge_id in node.get("links", []):
            assert "membership" in classes(groups[edge_id])
    nodes = {n["id"]: n for n in data["nodes"]}
    titles = [groups[nodes[n]["up_edge"]].find(f"{SVG}title").text
              for n in ("cluster_meetings", "iccg")]
    assert titles[0].startswith("Cluster Meetings → Inter-Cluster")
    assert titles[1].startswith("Inter-Cluster") and "→ Humanitarian Country Team" in titles[1]


def test_focus_keeps_route_to_nodes_not_drawn(bundled):
    drawing = build(bundled, "organigram", focus="cluster_meetings", depth=1,
                    findings=coordgraph.check(bundled))
    data = page_data(drawing)
    meetings = next(n for n in data["nodes"] if n["id"] == "cluster_meetings")
    iccg = next(n for n in data["nodes"] if n["id"] == "iccg")
    assert (meetings["up"], iccg["up"]) == ("iccg", "hct")
    assert "up_edge" in meetings and "up_edge" not in iccg           # only the drawn edge
    assert "hct" not in {n["id"] for n in data["nodes"]}
    assert data["beyond"] == [{"id": "hct", "label": "Humanitarian Country Team (HCT)"}]
    cg305 = next(f for f in data["findings"] if f["code"] == "CG305")
    assert cg305["drawn"] is False                                     # chief_of_mission


def test_french_page(bundled):
    data = page_data(build(bundled, "organigram", lang="fr", findings=coordgraph.check(bundled)))
    hct = next(n for n in data["nodes"] if n["id"] == "hct")
    assert hct["label"] == "Équipe humanitaire pays (EHP)"
    assert hct["labels"] == ["Humanitarian Country Team (HCT)", "Equipo Humanitario de País"]
    assert data["words"]["ui"]["search"] == "Rechercher"
    assert data["words"]["capacity"]["alternate"] == "suppléant"
    assert render(bundled, "html", lang="fr").startswith(b'<!DOCTYPE html>\n<html lang="fr">')


def test_every_language_has_every_word():
    assert UI["fr"].keys() == UI["en"].keys() == UI["es"].keys()


def test_build_page_refuses_a_script_that_closes_itself():
    with pytest.raises(ValueError):
        build_page(b"<svg/>", {}, script="x = '</script>';")
    with pytest.raises(ValueError):
        build_page(b"<svg/>", {}, style="a{} </STYLE>")


def test_build_page_is_pure_and_hashes_what_it_inlines():
    one = build_page(b"<svg/>", {"a": 1}, title="T", script="s()", style="b{}")
    assert one == build_page(b"<svg/>", {"a": 1}, title="T", script="s()", style="b{}")
    assert CSP.format(script=digest("s()"), style=digest("b{}")).encode() in one


def test_page_data_needs_a_built_drawing():
    from coordgraph.rendering.building import Drawing

    with pytest.raises(ValueError, match="building.build"):
        page_data(Drawing(dot="digraph {}", title="", subtitle="", description=""))


def test_example_country_page(tmp_path):
    graph = coordgraph.load(EXAMPLE)
    data = page_data(build(graph, "organigram", findings=coordgraph.check(graph)))
    assert len(data["nodes"]) == len(graph.nodes)
    assert any(n.get("code") for n in data["nodes"])            # codes searchable


@pytest.mark.parametrize("args, path", [
    (["--format", "html"], "output/organigram.html"),
    (["-o", "page.html"], "page.html"),
    (["-o", "page.HTM", "--view", "platforms"], "page.HTM"),
])
def test_cli_writes_html(runner, tmp_path, monkeypatch, args, path):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["render", *args])
    assert result.exit_code == 0, result.output
    assert (tmp_path / path).read_bytes().startswith(b"<!DOCTYPE html>")


def test_cli_html_to_stdout(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["render", "--format", "html", "-o", "-"])
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"<!DOCTYPE html>")


def _chain(length):
    """Platforms p0 to p<length - 1>, each escalating to the one before it."""
    return coordgraph.from_records(
        [{"id": f"p{i}", "kind": "platform", "label": f"Platform {i}"} for i in range(length)],
        [{"source": f"p{i + 1}", "target": f"p{i}", "relation": "escalation"}
         for i in range(length - 1)])


def test_page_data_of_a_deep_chain_grows_linearly():
    # Spelling out every route would hold 3,000²/2 steps (hundreds of MB).
    sizes = {}
    for length in (1500, 3000):
        graph = _chain(length)
        data = page_data(build(graph, "organigram", findings=[]))
        text = json_block(data)
        sizes[length] = len(text)
        # each platform is named a bounded number of times (itself, its up, escalated_from)
        assert max(text.count(f'"p{i}"') for i in range(0, length, 97)) <= 3
    assert sizes[3000] < 2.2 * sizes[1500]
    assert sizes[3000] < 600 * 3000


def test_html_of_a_deep_chain_is_within_a_small_factor_of_its_svg():
    graph = _chain(600)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RenderWarning)
        svg = render(graph, "svg")
        page = render(graph, "html")
    assert len(page) < 1.6 * len(svg)


def test_a_focused_page_lists_each_platform_beyond_it_once():
    graph = _chain(50)
    data = page_data(build(graph, "organigram", focus="p45", depth=1, findings=[]))
    assert [n["id"] for n in data["nodes"]] == ["p44", "p45", "p46"]
    assert [p["id"] for p in data["beyond"]] == [f"p{i}" for i in range(43, -1, -1)]
    assert all(p["up"] == f"p{int(p['id'][1:]) - 1}" for p in data["beyond"][:-1])
    assert "up" not in data["beyond"][-1]                               # p0, the apex


def test_a_huge_title_and_subtitle_are_cut_on_the_page():
    page = build_page(b"<svg/>", {}, title="T" * 1_000_000, subtitle="S" * 1_000_000).decode()
    assert len(page) < 30_000
    assert "<title>" + "T" * 299 + "…</title>" in page
    assert '<p class="subtitle t">' + "S" * 1999 + "…</p>" in page


@pytest.mark.parametrize("text", ["", "plain", "<script>&amp;\"'</script>", "a\\b\nc",
                                  "é — تنسيق \u202e", "&#x27;&lt;", "'\"<>&" * 3])
def test_escape_is_html_escape(text):
    import html

    from coordgraph.rendering.html import escape

    assert escape(text) == html.escape(text, quote=True)


@pytest.mark.parametrize("name", ["organigram.css", "organigram.js"])
def test_assets_read_from_disk_are_the_packages_resources(name):
    from importlib import resources

    packaged = resources.files("coordgraph.rendering").joinpath("assets", name)
    assert asset(name) == packaged.read_text(encoding="utf-8")


def test_digest_is_hashlibs_sha256():
    text = "body { color: red } é\u2028"
    expected = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
    assert digest(text) == f"sha256-{expected}"


def test_json_block_escapes_what_could_close_the_block_and_nothing_else():
    data = {"a": "x</script>&<!--\u2028\u2029 é \\u003c", "b": [1, "<>&"]}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    expected = "".join({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                        "\u2029": "\\u2029"}.get(char, char) for char in text)
    assert json_block(data) == expected
    assert json.loads(json_block(data)) == data
