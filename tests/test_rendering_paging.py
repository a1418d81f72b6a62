"""Drawings for a page: fitted with readable text or split, one hub, the
leadership view, inactive roles left out, platforms in a meaningful order."""

import math
import re
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

import coordgraph
from coordgraph.cli import cli
from coordgraph.errors import UsageError
from coordgraph.rendering import styles
from coordgraph.rendering.building import build, merged_reporting, senior_seat
from coordgraph.rendering.layout import platform_rows
from coordgraph.rendering.paging import MIN_TEXT, printable
from coordgraph.rendering.views import select
from render_helpers import EXAMPLE, FIXTURES, SVG, XLINK, svg_nodes

REVIEW = FIXTURES / "country-review"


@pytest.fixture(scope="module")
def nortavia():
    return coordgraph.load(EXAMPLE)


@pytest.fixture(scope="module")
def review():
    return coordgraph.load(REVIEW)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def page_measure(svg: bytes) -> tuple[float, float, float]:
    """A finished SVG's width and height in points and its smallest text in
    points at that size."""
    root = ET.fromstring(svg)
    width = float(re.search(r"max-width:([0-9.]+)pt", root.get("style")).group(1))
    _, _, box_width, box_height = (float(v) for v in root.get("viewBox").split())
    # Graphviz scales a drawing to its size attribute with a transform
    scale = width / box_width * float(
        re.search(r"scale\(([0-9.]+)", root.find(f"{SVG}g").get("transform")).group(1))
    sizes = [float(e.get("font-size")) for e in root.iter() if e.get("font-size")]
    return width, box_height * scale, min(sizes) * scale


# -- fitting a page ----------------------------------------------------------

@pytest.mark.parametrize("args", [
    ("--location", "Kessa", "--view", "platforms"),
    ("--focus", "cl.cccm"),
])
def test_a_part_that_fits_is_scaled_to_the_page_with_readable_text(tmp_path, args):
    out = tmp_path / "page.svg"
    result = run("render", "--data", EXAMPLE, *args, "--page", "a4-landscape", "-o", out)
    assert result.exit_code == 0, result.output
    width, height, smallest = page_measure(out.read_bytes())
    room_width, room_height = printable("a4-landscape")
    assert width <= room_width + 1 and height <= room_height + 1
    assert smallest >= MIN_TEXT
    # without --page the same drawing is larger than the page
    natural = page_measure(run("render", "--data", EXAMPLE, *args, "-o", "-").stdout_bytes)
    assert natural[0] > room_width or natural[1] > room_height


@pytest.mark.parametrize("folder, places", [
    (EXAMPLE, ["Varos", "Kessa", "Doran", '"Port Mira"']),
    (REVIEW, ["Velmora", "Kessa", "Doran"]),
])
def test_a_country_too_large_for_the_page_is_refused_with_a_split(tmp_path, folder, places):
    out = tmp_path / "country.pdf"
    result = run("render", "--data", folder, "--page", "a4-landscape", "-o", out)
    assert result.exit_code == 2, result.output
    assert not out.exists() and not list(tmp_path.iterdir())
    message = result.output
    assert "below the 7 pt" in message and "Nothing was written" in message
    for place in places:
        assert f"--location {place}" in message
    assert "--view leadership" in message and "--focus ID" in message
    assert "Draw it in parts" in message   # at least one part fits
    fits, _, too_large = message.partition("Still too large")
    sizes = [float(size) for size in re.findall(r"^  --.*text ([0-9.]+) pt$", fits, re.M)]
    assert sizes and all(size >= MIN_TEXT for size in sizes)
    sizes = [float(size) for size in re.findall(r"^  --.*text ([0-9.]+) pt$", too_large, re.M)]
    assert all(size < MIN_TEXT for size in sizes)


def test_the_library_refuses_an_unknown_page(nortavia):
    with pytest.raises(UsageError, match="pages: a4, a4-landscape"):
        coordgraph.render(nortavia, format="dot", page="a5")


# -- one hub -----------------------------------------------------------------

def test_location_draws_one_hub_with_its_context_and_people(nortavia):
    nodes = {n.id for n in select(nortavia, location="kessa").nodes}
    hub = {"north.ahct", "north.iccg", "north.cccm", "north.shelter", "north.protection"}
    above = {"hct", "iccg", "cl.cccm", "cl.shelter", "cl.protection"}   # escalation, reporting
    people = {"north.head_of_sub_office", "north.site_officer"}
    assert nodes == hub | above | people


def test_location_in_the_drawing_and_its_subtitle(nortavia):
    root = ET.fromstring(coordgraph.render(nortavia, location="Port Mira",
                                           view="representation"))
    assert "south.wash" in svg_nodes(root) and "north.ahct" not in svg_nodes(root)
    assert "Port Mira" in root.find("{http://www.w3.org/2000/svg}title").text + "".join(
        root.itertext())


def test_unknown_location_lists_the_locations(tmp_path):
    result = run("render", "--data", EXAMPLE, "--location", "Kesa", "-o", tmp_path / "x.svg")
    assert result.exit_code == 2
    assert "did you mean 'Kessa'?" in result.output
    assert "locations: Varos, Kessa, Doran, Port Mira" in result.output
    assert not list(tmp_path.iterdir())


# -- the leadership view -----------------------------------------------------

def test_leadership_view_shows_platforms_and_their_leads_no_people(nortavia):
    drawing = build(nortavia, "leadership", findings=[])
    kinds = {nortavia.nodes[n.id].kind for n in drawing.selection.nodes}
    assert kinds == {"platform"}
    drawn = {n.id for n in drawing.selection.nodes}
    assert "cl.etc" not in drawn and "cl.cccm" in drawn   # inactive platforms left out
    assert {e.relation for e in drawing.selection.edges} == {"escalation"}
    led = re.search(r"^(n\d+) \[.*?tooltip=\"Camp Coordination", drawing.dot, re.M).group(1)
    line = re.search(rf"^{led} \[.*$", drawing.dot, re.M).group(0)
    assert f'color="{styles.IOM_BLUE}"' in line and "penwidth=3" in line
    assert "Lead: " in drawing.dot and "Co-lead: " in drawing.dot
    # other views do not outline the org's platforms
    assert "penwidth=3" not in re.search(r"^n3 \[.*$", build(nortavia, "platforms",
                                                               findings=[]).dot, re.M).group(0)


# -- inactive roles ----------------------------------------------------------

def test_inactive_roles_are_left_out_unless_asked(review):
    default = {n.id for n in select(review).nodes}
    everything = {n.id for n in select(review, show_inactive=True).nodes}
    inactive = {n.id for n in review.nodes.values() if n.kind == "role" and not n.is_active}
    assert len(inactive) == 23
    assert not default & inactive and inactive <= everything
    assert "cluster_tel" in default   # an inactive platform stays, drawn faded
    root = ET.fromstring(coordgraph.render(review, show_inactive=True))
    assert "oo_ccm" in svg_nodes(root)
    assert "oo_ccm" not in svg_nodes(ET.fromstring(coordgraph.render(review)))


def test_show_inactive_on_the_command_line(tmp_path):
    plain = run("render", "--data", REVIEW, "-o", "-").output
    shown = run("render", "--data", REVIEW, "--show-inactive", "-o", "-").output
    assert 'id="node-oo_ccm"' not in plain and 'id="node-oo_ccm"' in shown


# -- order -------------------------------------------------------------------

def test_platforms_the_org_leads_come_first_then_by_code(nortavia, review):
    rows = platform_rows(select(nortavia, "platforms"), org="IOM")
    first = next(i for i, row in enumerate(rows) if "cl.cccm" in row)
    clusters = rows[first] + rows[first + 1]   # eleven clusters: rows of six
    assert clusters[:2] == ["cl.cccm", "cl.shelter"]   # IOM leads, then co-leads
    codes = [nortavia.nodes[p].code for p in clusters[2:]]
    assert codes == sorted(codes) and len(codes) == 9
    rows = platform_rows(select(review, "platforms"), org="IOM")
    clusters = next(row for row in rows if "cluster_ccm" in row)
    assert clusters[:2] == ["cluster_ccm", "cluster_shl"]


def test_the_order_is_kept_in_the_drawing(nortavia):
    drawing = build(nortavia, "platforms", findings=[])
    ids = {v[0][len("node-"):]: k for k, v in drawing.items.items() if v[0].startswith("node-")}
    # invisible links hold the row in order, left to right
    assert f"{ids['cl.cccm']} -> {ids['cl.shelter']} [style=invis" in drawing.dot


def test_the_senior_representative_sits_beside_its_platform(nortavia, review):
    for graph, role in ((nortavia, "chief_of_mission"), (review, "chief_of_mission")):
        drawing = build(graph, findings=[])
        ids = {v[0][len("node-"):]: k for k, v in drawing.items.items()
               if v[0].startswith("node-")}
        top = re.search(r"subgraph row0 \{\nrank=same;\n(.*?)\}", drawing.dot, re.S).group(1)
        assert f"{ids['hct']};" in top and f"{ids[role]};" in top
        # right after the platforms of the HCT's structure
        assert re.search(rf"{ids['hct']} -> {ids[role]} \[style=invis", top)


def node_boxes(svg: bytes) -> dict[str, tuple[float, float, float, float]]:
    """Each drawn node's box in the SVG: (left, top, right, bottom)."""
    boxes = {}
    for node_id, g in svg_nodes(ET.fromstring(svg)).items():
        numbers = []
        for shape in g.iter():
            if shape.tag in (f"{SVG}path", f"{SVG}polygon"):
                numbers += [float(n) for n in re.findall(r"-?[0-9.]+",
                                                         shape.get("d") or shape.get("points"))]
        xs, ys = numbers[::2], numbers[1::2]
        boxes[node_id] = (min(xs), min(ys), max(xs), max(ys))
    return boxes


@pytest.mark.parametrize("folder", [None, EXAMPLE, REVIEW])
def test_the_senior_representative_is_drawn_next_to_its_platform(folder):
    graph = coordgraph.load(folder) if folder else coordgraph.load()
    drawing = build(graph, findings=[])
    assert senior_seat(graph, drawing.selection, "IOM",
                       platform_rows(drawing.selection, org="IOM")) == ("chief_of_mission", "hct")
    boxes = node_boxes(coordgraph.render(graph))
    com, hct = boxes["chief_of_mission"], boxes["hct"]
    assert com[1] < hct[3] and hct[1] < com[3]   # on the same row
    centre = lambda box: (box[0] + box[2]) / 2   # noqa: E731
    assert abs(centre(com) - centre(hct)) < 1.5 * (hct[2] - hct[0])
    left, right = sorted((com, hct))
    between = [n for n, b in boxes.items()
               if left[2] <= b[0] and b[2] <= right[0] and b[1] < hct[3] and hct[1] < b[3]]
    assert not between   # neighbours: nothing drawn between them


# -- reporting lines ---------------------------------------------------------

def path_length(d: str) -> float:
    """The length of an SVG path's control polygon (an upper bound of the curve's)."""
    numbers = [float(n) for n in re.findall(r"-?[0-9.]+", d)]
    points = list(zip(numbers[::2], numbers[1::2], strict=True))
    return sum(math.dist(a, b) for a, b in zip(points, points[1:], strict=False))


def reporting_lines(svg: bytes) -> tuple[list, float, float]:
    """The reporting lines drawn (their ``<g>``), their total length, and the
    drawing's width."""
    root = ET.fromstring(svg)
    lines = [g for g in root.iter(f"{SVG}g") if {"edge", "reporting"} <= set(
        (g.get("class") or "").split())]
    length = sum(path_length(p.get("d")) for g in lines for p in g.iter(f"{SVG}path"))
    return lines, length, float(root.get("viewBox").split()[2])


@pytest.mark.parametrize("folder, hubs", [(EXAMPLE, 3), (REVIEW, 2)])
@pytest.mark.parametrize("view", ["organigram", "platforms"])
def test_a_hubs_reporting_lines_are_one_line_not_a_mesh(folder, hubs, view):
    graph = coordgraph.load(folder)
    lines, length, width = reporting_lines(coordgraph.render(graph, view=view))
    # each hub's clusters report to their national ones: one line per hub,
    # its tooltip naming every line (12 and 8 lines crossed the drawing,
    # 11 and 24 drawing widths long in all)
    assert len(lines) == hubs
    assert all("merged" in g.get("class").split() for g in lines)
    assert length < 4 * width
    tips = " ".join(a.get(f"{XLINK}title") or "" for g in lines for a in g.iter(f"{SVG}a"))
    reported = [e for e in graph.edges if e.relation == "reporting"]
    assert all(graph.label(e.source) in tips for e in reported)


def test_one_hub_draws_each_of_its_reporting_lines(nortavia):
    lines, _, _ = reporting_lines(coordgraph.render(nortavia, location="Kessa"))
    assert len(lines) == 4 and not any("merged" in g.get("class").split() for g in lines)


def test_reporting_lines_merge_per_pair_of_structures(nortavia):
    drawing = build(nortavia, "platforms", findings=[])
    rows = {p: n for n, row in enumerate(platform_rows(drawing.selection, org="IOM"))
            for p in row}
    merged = merged_reporting(nortavia, drawing.selection.edges, rows)
    drawn = [group for group in merged.values() if group]
    # the hub ICCG's line to the national ICCG stands for its hub's four
    assert sorted((g[0].source, len(g)) for g in drawn) == [
        ("east.iccg", 4), ("north.iccg", 4), ("south.iccg", 4)]
    assert all(e.source.endswith(".iccg") for g in drawn
               for e in g if merged[id(e)] is g)
    assert "×n: n such lines" in drawing.dot   # the legend says what ×4 means


@pytest.mark.parametrize("folder", [EXAMPLE, REVIEW])
def test_each_part_proposed_for_a_country_draws_on_the_page_as_measured(tmp_path, folder):
    message = run("render", "--data", folder, "--page", "a4-landscape",
                  "-o", tmp_path / "country.svg").output
    fits = message.partition("Draw it in parts")[2].partition("Still too large")[0]
    proposed = re.findall(r"^  (--.*?)\s+text ([0-9.]+) pt$", fits, re.M)
    assert proposed
    for options, text in proposed:
        out = tmp_path / "part.svg"
        # the options as a shell would split them ("Port Mira" is one word)
        words = [w.strip('"') for w in re.findall(r'"[^"]*"|\S+', options)]
        result = run("render", "--data", folder, *words, "--page", "a4-landscape", "-o", out)
        assert result.exit_code == 0, (options, result.output)
        width, height, smallest = page_measure(out.read_bytes())
        room_width, room_height = printable("a4-landscape")
        assert width <= room_width + 1 and height <= room_height + 1
        assert smallest >= MIN_TEXT and abs(smallest - float(text)) < 0.15, options


# -- rows wrapped for a page -------------------------------------------------

def test_stacked_structures_keep_their_rows_together_in_order(nortavia):
    rows = platform_rows(select(nortavia, "platforms"), org="IOM", width=4, stack=1)
    structure = [{nortavia.nodes[p].structure for p in row} for row in rows]
    assert all(len(s) == 1 for s in structure)      # one structure per row
    order = [s.pop() for s in structure]
    # each structure's rows follow one another: a structure never comes back
    assert len({s for s in order}) == len([s for i, s in enumerate(order)
                                           if i == 0 or order[i - 1] != s])
    clusters = [p for row in rows for p in row if p.startswith("cl.")]
    default = [p for row in platform_rows(select(nortavia, "platforms"), org="IOM")
               for p in row if p.startswith("cl.")]
    assert clusters == default                      # read left to right, top to bottom
    assert max(len(row) for row in rows) == 4


def _text_on(page, drawing):
    from coordgraph.rendering.paging import fit_of
    return fit_of(drawing, page, 60).text


def test_a_page_drawing_takes_the_wrap_whose_text_is_largest(nortavia):
    from coordgraph.rendering.paging import best_wrap

    def make(size, wrap):
        return build(nortavia, "platforms", location="Varos", findings=[], compact=True,
                     size=size, wrap=wrap)

    default = _text_on("a4-landscape", make(None, (None, None)))
    fit, wrap, drawing = best_wrap(make, "a4-landscape", timeout=60)
    assert wrap != (None, None) and fit.text > default + 0.5
    assert fit.text == pytest.approx(_text_on("a4-landscape", drawing))
    # the portrait page takes narrower rows than the landscape one
    portrait = best_wrap(make, "a4", timeout=60)
    assert portrait[0].width < fit.width


def test_the_national_part_of_the_example_fits_a_landscape_page(nortavia, tmp_path):
    # Its thirteen clusters side by side made it 4.8 pt; wrapped, 7 pt or more.
    out = tmp_path / "varos.svg"
    result = run("render", "--data", EXAMPLE, "--location", "Varos", "--view", "platforms",
                 "--page", "a4-landscape", "-o", out)
    assert result.exit_code == 0, result.output
    width, height, smallest = page_measure(out.read_bytes())
    room_width, room_height = printable("a4-landscape")
    assert width <= room_width + 0.5 and height <= room_height + 0.5
    assert smallest >= MIN_TEXT - 0.01


def test_the_split_proposed_for_the_example_is_one_readable_page_per_place():
    result = run("render", "--data", EXAMPLE, "--page", "a4-landscape", "-o", "-")
    assert result.exit_code == 2
    fitting = result.output.split("Still too large")[0]
    for place in ("Varos", "Kessa", "Doran", '"Port Mira"'):
        assert f"--location {place} --view platforms" in fitting, result.output


def test_a_box_on_the_page_scales_the_drawing_into_it():
    graph = coordgraph.load()
    whole = page_measure(coordgraph.render(graph, view="platforms", page="a4-landscape",
                                           findings=[]))
    svg = coordgraph.render(graph, view="platforms", page="a4-landscape", findings=[],
                            box=(560.0, 300.0))
    width, height, smallest = page_measure(svg)
    assert width <= 560.5 and height <= 300.5 and whole[0] > 600
    assert MIN_TEXT - 0.01 <= smallest < whole[2]
    with pytest.raises(UsageError, match="below the 7 pt"):
        coordgraph.render(graph, view="platforms", page="a4-landscape", findings=[],
                          box=(400.0, 250.0))


def test_without_a_page_the_rows_are_the_default_ones(nortavia):
    assert build(nortavia, "platforms", findings=[]).dot == \
        build(nortavia, "platforms", findings=[], wrap=(None, None)).dot


def test_a_drawing_far_too_large_is_not_laid_out_again(nortavia):
    from coordgraph.rendering.paging import best_wrap
    made = []

    def make(size, wrap):
        made.append(wrap)
        return build(nortavia, "organigram", findings=[], compact=True, size=size, wrap=wrap)

    fit, wrap, _ = best_wrap(make, "a4", timeout=60)
    assert fit.text < MIN_TEXT / 2 and wrap[:2] == (None, None) and len(made) == 1
