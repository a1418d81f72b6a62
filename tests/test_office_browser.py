"""The SVG and the HTML page where they end up: web pages, columns, other fonts.

Measured in headless Chromium: the SVG scales to a column (inline and as an
``<img>``) and never past its natural size; text stays inside its boxes
whichever common sans font the viewer has; two drawings inlined in one page
share no id (``--id-prefix``); the HTML page opens with its text readable.
"""

import os
import re
import warnings
from pathlib import Path

import pytest

import coordgraph
from browser import browser_marks, png_pixels
from coordgraph.cli import cli

pytestmark = browser_marks(pytest)

COLUMN = 760
#: Labels long enough to wrap, with wide letters (W, M, capitals) and accents.
LONG_LABELS = [
    ("hct", "platform", "WASH, Shelter and Camp Coordination and Camp Management (CCCM) "
                        "Working Group — Cabo Delgado"),
    ("iccg", "platform", "Inter-Cluster Coordination Group (ICCG) Nampula Sub-National Hub"),
    ("mhpss", "platform", "MHPSS Technical Working Group / Grupo Técnico de Saúde Mental"),
    ("com", "role", "Chief of Mission, Mozambique (Maputo) — Head of Office"),
    ("cccm", "role", "CCCM Cluster Co-Coordinator (IOM) for Displacement Sites"),
    ("wash", "role", "WASH Programme Manager, Emergencies & Migration Health"),
]


def _render(graph, fmt="svg", **options) -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return coordgraph.render(graph, format=fmt, **options)


def _long_labels():
    nodes = [{"id": i, "kind": k, "label": label, **({"org": "IOM"} if k == "role" else {}),
              **({"structure": "Humanitarian Coordination Structure in Northern Provinces"}
                 if k == "platform" else {})} for i, k, label in LONG_LABELS]
    edges = [{"source": "com", "target": "hct", "relation": "membership"},
             {"source": "cccm", "target": "iccg", "relation": "membership"},
             {"source": "wash", "target": "mhpss", "relation": "membership"},
             {"source": "iccg", "target": "hct", "relation": "escalation"},
             {"source": "mhpss", "target": "iccg", "relation": "escalation"}]
    return coordgraph.from_records(nodes, edges, context={"name": "Mozambique", "org": "IOM"})


@pytest.fixture
def open_page(browser, tmp_path):
    """Write ``files`` into a folder and open ``name`` at ``width`` px; errors recorded."""
    contexts = []

    def open_(files: dict[str, bytes], name: str, width: int = 1280):
        for file, data in files.items():
            (tmp_path / file).write_bytes(data)
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.goto((tmp_path / name).as_uri())
        page.wait_for_load_state("load")
        return page

    yield open_
    for context in contexts:
        context.close()


def _inline(svg: bytes) -> str:
    return svg.decode("utf-8").split("?>", 1)[1]


def _natural_width(svg: bytes) -> float:
    """The width Graphviz drew, in CSS px (the viewBox is in points)."""
    view_box = re.search(rb'viewBox="([^"]+)"', svg)[1].split()
    return float(view_box[2]) * 4 / 3


def _inked(png: bytes) -> float:
    """The share of pixels that are not white."""
    width, height, rows = png_pixels(png)
    channels = len(rows[0]) // width
    inked = sum(row[x:x + 3] != b"\xff\xff\xff" for row in rows
                for x in range(0, len(row), channels))
    return inked / (width * height)


# ------------------------------------------------------------ scaling

def test_svg_fits_a_column_inline_and_as_an_img(open_page):
    svg = _render(coordgraph.load())
    assert _natural_width(svg) > COLUMN           # wider than the column when drawn
    page = open_page({"organigram.svg": svg, "column.html": (
        '<!DOCTYPE html><html><body style="margin:0;background:#fff">'
        f'<div id="inline" style="width:{COLUMN}px">{_inline(svg)}</div>'
        f'<div style="width:{COLUMN}px"><img id="picture" src="organigram.svg"></div>'
        '</body></html>').encode()}, "column.html", width=1600)
    page.wait_for_function("document.getElementById('picture').complete")
    for selector in ("#inline svg", "#picture"):
        box = page.locator(selector).bounding_box()
        assert 0.95 * COLUMN <= box["width"] <= COLUMN, (selector, box)
        assert box["height"] > 300, (selector, box)
        assert _inked(page.locator(selector).screenshot()) > 0.03, selector   # not blank
    assert page.evaluate("document.documentElement.scrollWidth") <= 1600
    assert page.errors == []


def test_inline_svg_is_not_blown_up_past_its_natural_size(open_page):
    svg = _render(coordgraph.load(), view="platforms")
    natural = _natural_width(svg)
    page = open_page({"wide.html": (
        '<!DOCTYPE html><html><body style="margin:0">'
        f'<div id="inline" style="width:2400px">{_inline(svg)}</div></body></html>').encode()},
        "wide.html", width=2600)
    width = page.locator("#inline svg").bounding_box()["width"]
    assert natural < 2400 and abs(width - natural) <= 1, (width, natural)


# ------------------------------------------------------------ fonts

#: Each node's and structure's text boxes, and its shapes' boxes (user units).
MEASURE = """
() => {
  const out = [];
  for (const group of document.querySelectorAll("g.node, g.cluster")) {
    const shapes = [...group.querySelectorAll("path, polygon, ellipse, rect")]
      .map(s => s.getBBox()).filter(b => b.width > 0 && b.height > 0);
    for (const text of group.querySelectorAll("text")) {
      const t = text.getBBox();
      out.push({id: group.id, text: text.textContent,
                family: getComputedStyle(text).fontFamily,
                text_box: [t.x, t.y, t.x + t.width, t.y + t.height],
                shapes: shapes.map(b => [b.x, b.y, b.x + b.width, b.y + b.height])});
    }
  }
  return out;
}
"""


#: Whether the machine has a font: text in it is not as wide as in monospace.
INSTALLED = """
font => {
  const context = document.createElement("canvas").getContext("2d");
  const width = family => { context.font = "20px " + family;
                            return context.measureText("Humanitarian WWW iii").width; };
  return width(`"${font}", monospace`) !== width("monospace");
}
"""


def _spills(measured, slack=0.5):
    """The texts that no shape of their own group holds."""
    def holds(shape, box):
        return (shape[0] - slack <= box[0] and box[2] <= shape[2] + slack
                and shape[1] - slack <= box[1] and box[3] <= shape[3] + slack)
    return [(m["id"], m["text"], m["text_box"]) for m in measured
            if not any(holds(shape, m["text_box"]) for shape in m["shapes"])]


@pytest.mark.parametrize("font", ["DejaVu Sans", "Liberation Sans"])
@pytest.mark.parametrize("name", ["bundled", "long-labels"])
def test_text_stays_inside_its_boxes_in_any_common_sans_font(open_page, font, name):
    graph = coordgraph.load() if name == "bundled" else _long_labels()
    svg = _render(graph)
    page = open_page({"fonts.html": (
        '<!DOCTYPE html><html><head><style>'
        f'svg text {{ font-family: "{font}" !important; }}</style></head><body>'
        f'{_inline(svg)}</body></html>').encode()}, "fonts.html")
    if not page.evaluate(INSTALLED, font):
        if os.environ.get("CI"):
            raise AssertionError(f"{font} is not installed (scripts/install-system-deps.sh)")
        pytest.skip(f"{font} is not installed")
    measured = page.evaluate(MEASURE)
    assert len(measured) > 20 and all(m["shapes"] for m in measured)
    assert {m["family"] for m in measured} == {f'"{font}"'}
    assert _spills(measured) == []


# ------------------------------------------------------------ two drawings, one page

def test_two_prefixed_drawings_in_one_page_share_no_id(open_page, runner, tmp_path):
    framework = tmp_path / "framework.svg"
    country = tmp_path / "country.svg"
    data = Path(__file__).parent / "fixtures" / "country"
    for prefix, target, options in (("framework-", framework, []),
                                    ("country_2-", country, ["--data", str(data)])):
        result = runner.invoke(cli, ["render", *options, "--id-prefix", prefix,
                                     "-o", str(target)])
        assert result.exit_code == 0, result.output
    first, second = framework.read_bytes(), country.read_bytes()
    page = open_page({"two.html": (
        '<!DOCTYPE html><html><body>'
        f'<div id="one">{_inline(first)}</div><div id="two">{_inline(second)}</div>'
        '</body></html>').encode()}, "two.html")
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) > 100 and len(ids) == len(set(ids))
    found = page.evaluate("""() => ['framework-node-hct', 'country_2-node-hct'].map(id => {
        const e = document.getElementById(id);
        return [e.closest('div').id, e.querySelector('title').textContent];
    })""")
    assert found == [["one", "Humanitarian Country Team (HCT)"],
                     ["two", "Humanitarian Country Team (HCT)"]]
    assert page.evaluate("document.getElementById('node-hct')") is None
    # every reference inside each drawing reaches an element of that drawing
    broken = page.evaluate("""() => {
      const bad = [];
      for (const svg of document.querySelectorAll('svg')) {
        for (const e of svg.querySelectorAll('*')) {
          for (const a of e.attributes) {
            const refs = [...a.value.matchAll(/url\\(#([^)]+)\\)/g)].map(m => m[1]);
            if (a.name.endsWith('href') && a.value.startsWith('#')) refs.push(a.value.slice(1));
            if (a.name === 'aria-labelledby') refs.push(...a.value.split(' '));
            for (const r of refs) if (!svg.querySelector('[id="' + r + '"]')) bad.push(r);
          }
        }
        for (const r of svg.getAttribute('aria-labelledby').split(' '))
          if (!svg.querySelector('[id="' + r + '"]')) bad.push(r);
      }
      return bad;
    }""")
    assert broken == []


# ------------------------------------------------------------ the HTML page

def test_html_page_opens_with_text_at_its_natural_size(open_page):
    wide = coordgraph.from_records(       # twenty members side by side
        [{"id": "hct", "kind": "platform", "label": "Humanitarian Country Team"},
         *({"id": f"r{i}", "kind": "role", "label": f"Agency {i} representative"}
           for i in range(20))],
        [{"source": f"r{i}", "target": "hct", "relation": "membership"} for i in range(20)])
    html = _render(wide, "html")
    assert _natural_width(html) > 2 * 1400      # fitted, its text would halve
    page = open_page({"page.html": html}, "page.html", width=1400)
    # user units (points) to screen pixels for a node's label; natural: 4/3
    scale = page.evaluate(
        "document.querySelector('g.node text').getScreenCTM().a / (4 / 3)")
    assert scale >= 0.9, scale
    area = page.locator("#cg-drawing").bounding_box()
    assert area["width"] <= 1400
    assert page.evaluate("document.documentElement.scrollWidth") <= 1400  # the area scrolls
    # fit to width still works
    page.click(".zoom button >> nth=2")
    fitted = page.locator("#cg-drawing svg").bounding_box()["width"]
    assert 0.9 * area["width"] <= fitted <= area["width"]
    assert page.errors == []


def test_html_page_of_a_small_drawing_opens_fitted_to_width(open_page):
    graph = coordgraph.load(Path(__file__).parent / "fixtures" / "country")
    html = _render(graph, "html", view="platforms", focus="hct", depth=1)
    page = open_page({"page.html": html}, "page.html", width=1400)
    area = page.locator("#cg-drawing").bounding_box()
    assert _natural_width(html) < area["width"]
    assert page.evaluate("document.getElementById('cg-drawing').classList.contains('fit')")
    assert page.evaluate(
        "document.querySelector('g.node text').getScreenCTM().a / (4 / 3)") >= 1
