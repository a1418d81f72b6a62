"""The HTML organigram (and the SVG) in a real browser: headless Chromium.

One browser for the module; each test opens the page in a fresh context and
records console errors, uncaught exceptions, dialogs and every request, so
"works offline" and "no script runs" are checked by what the browser saw.
Skipped only when no Chromium is installed (see tests/browser.py).
"""

import re
import warnings

import pytest

import coordgraph
from browser import browser_marks, png_pixels
from render_helpers import FIXTURES, INJECTION

# In CI the set-up installs Chromium: a missing browser there is a failure,
# not a reason to skip the tests that prove the HTML page works.
pytestmark = browser_marks(pytest)

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
TRAPS = """
window.__pwned = 0;
for (const name of ["alert", "confirm", "prompt", "print", "open"]) {
  window[name] = function () { window.__pwned += 1; };
}
"""

# Labels that would run, load or link something if they reached the page as markup.
HOSTILE_NODES = [
    {"id": "hct", "kind": "platform", "label": '<img src="https://example.org/x.png" '
     'onerror="window.__pwned=1">', "label_fr": "</script><script>window.__pwned=2</script>",
     "label_es": "línea\u2028párrafo\u2029fin", "code": "<svg onload=alert(1)>",
     "description": "https://example.org/tracker.gif <iframe src=https://example.org>"},
    {"id": "com", "kind": "role", "label": '"><a href="https://example.org">click</a>',
     "description": "<style>@import url(https://example.org/x.css)</style>"},
    {"id": "iccg", "kind": "platform",
     "label": "{{constructor.constructor('window.__pwned=3')()}}"},
]
HOSTILE_EDGES = [
    {"source": "com", "target": "hct", "relation": "membership",
     "condition": "<img src=x onerror=window.__pwned=4>"},
    {"source": "iccg", "target": "hct", "relation": "escalation"},
]

# Breakouts aimed at the inline SVG and the page: CDATA and comment ends, an
# SVG close, entity-encoded tags, CSS, free text in every free-text column.
BREAKOUT_NODES = [
    {"id": "p1", "kind": "platform", "label": "]]> <!-- --!> </svg><script>window.__pwned=5"
     "</script>", "label_fr": "&#x3C;script&#x3E;window.__pwned=6&#x3C;/script&#x3E;",
     "label_es": "javascript&colon;alert(1)", "structure": "<style>*{background:url("
     "https://example.org/x.png)}</style>", "code": "xlink:href=javascript:alert(1)",
     "description": "data:text/html,<script>window.__pwned=7</script>"},
    {"id": "p2", "kind": "platform", "label": "\u2066expression(alert(1))",
     "structure": "</title></desc><img src=x onerror=window.__pwned=8>"},
    {"id": "r1", "kind": "role", "label": "Officer",
     "org": "<b onmouseover=window.__pwned=9>UNHCR</b>"},
]
BREAKOUT_EDGES = [
    {"source": "r1", "target": "p1", "relation": "membership",
     "condition": "line one\n</desc><script>window.__pwned=10</script>\n" + "C" * 17_000},
    {"source": "p2", "target": "p1", "relation": "escalation", "note": "--> <!--"},
]


CHAIN = 300   # platforms in one escalation chain: a route of 300 steps


def _platform(node_id):
    return {"id": node_id, "kind": "platform", "label": f"Platform {node_id.upper()}"}


def _escalation(source, target):
    return {"source": source, "target": target, "relation": "escalation"}


def _render(graph, fmt="html", **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return coordgraph.render(graph, format=fmt, **options)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    made = {
        "bundled.html": _render(coordgraph.load()),
        "injection.html": _render(coordgraph.load(INJECTION)),
        "hostile.html": _render(coordgraph.from_records(HOSTILE_NODES, HOSTILE_EDGES,
                                                        context={"name": "<b>x</b>"})),
        "organigram.svg": _render(coordgraph.load(), "svg"),
        "breakout.html": _render(coordgraph.from_records(
            BREAKOUT_NODES, BREAKOUT_EDGES, context={"name": "]]></title><script>x</script>"})),
    }
    made["country.html"] = _render(coordgraph.load(FIXTURES / "country"))
    made["cycle.html"] = _render(coordgraph.from_records(
        [_platform(i) for i in "abc"], [_escalation("a", "b"), _escalation("b", "c"),
                                        _escalation("c", "b")]))
    chain = coordgraph.from_records([_platform(f"p{i}") for i in range(CHAIN)],
                                    [_escalation(f"p{i + 1}", f"p{i}") for i in range(CHAIN - 1)])
    made["chain.html"] = _render(chain)
    made["focus.html"] = _render(chain, focus="p3", depth=1)   # p0 to p1 not drawn
    for name, data in made.items():
        (folder / name).write_bytes(data)
    return folder


class Visit:
    """One page in a fresh context, with what the browser saw."""

    def __init__(self, browser, url, viewport):
        self.url = url
        self.context = browser.new_context(viewport=viewport)
        self.context.add_init_script(TRAPS)
        self.page = self.context.new_page()
        self.errors, self.requests, self.dialogs = [], [], []
        self.failed, self.responses = [], []
        self.page.on("console", lambda m: m.type in ("error", "warning") and
                     self.errors.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(f"exception: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("requestfailed", lambda r: self.failed.append((r.url, r.failure)))
        self.page.on("response", lambda r: self.responses.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(url)

    def offline(self):
        """Nothing but the file itself was asked for, and nothing went wrong."""
        assert self.requests == [self.url]
        assert self.errors == []
        assert self.dialogs == [] and self.page.evaluate("window.__pwned") == 0

    def classes(self, selector) -> list[str]:
        return self.page.eval_on_selector(selector, "e => [...e.classList]")


@pytest.fixture
def visit(browser, files):
    opened = []

    def open_(name="bundled.html", viewport=DESKTOP):
        page = Visit(browser, (files / name).as_uri(), viewport)
        opened.append(page)
        return page

    yield open_
    for page in opened:
        page.context.close()


def test_opens_offline_with_no_error_and_a_working_policy(visit):
    v = visit()
    page = v.page
    assert page.title() == "Generic coordination framework"
    assert page.locator("svg g.node").count() == 16
    assert page.eval_on_selector("#node-hct", "e => e.getAttribute('tabindex')") == "0"
    # The policy is live: a request the page's own code would make is refused.
    blocked = page.evaluate("""() => new Promise(resolve => {
        document.addEventListener('securitypolicyviolation',
                                  e => resolve(e.violatedDirective + ' ' + e.blockedURI));
        const img = new Image();
        img.src = 'https://example.org/pixel.png';
        document.body.appendChild(img);
    })""")
    assert blocked.startswith("img-src https://example.org")
    page.wait_for_timeout(100)
    assert v.failed == [("https://example.org/pixel.png", "csp")]   # refused by the page,
    assert v.responses == [v.url]                                    # never sent
    assert len(v.errors) == 1 and "Content Security Policy" in v.errors[0]


def test_search_in_every_language(visit):
    v = visit()
    page = v.page
    page.fill("#cg-search", "EHP")                      # the French label of the HCT
    assert page.locator("#cg-results li").all_inner_texts() == [
        "Humanitarian Country Team (HCT) · Équipe humanitaire pays (EHP)"]
    assert "match" in v.classes("#node-hct") and "match" not in v.classes("#node-iccg")
    page.fill("#cg-search", "coordinador")              # Spanish, any case
    assert page.locator("#cg-results li").count() == 1
    assert "match" in v.classes("#node-cluster_coordinator")
    page.fill("#cg-search", "equipe")                   # accents need not be typed
    assert {"match"} <= set(v.classes("#node-hct")) and "match" in v.classes("#node-unct")
    page.fill("#cg-search", "team country")             # every word, in any order
    assert page.locator("#cg-results li").all_inner_texts() == [
        "Humanitarian Country Team (HCT)", "United Nations Country Team (UNCT)"]
    page.fill("#cg-search", "rrt_lead")                 # ids too
    assert page.inner_text("#cg-search-status") == "1 match(es)"
    page.press("#cg-search", "Enter")                   # Enter opens the first match
    assert page.inner_text("#cg-panel h2") == "Rapid Response Team Lead"
    page.fill("#cg-search", "nothing like this")
    assert page.inner_text("#cg-search-status") == "No node matches."
    v.offline()


def test_click_shows_the_panel_and_the_escalation_route(visit):
    v = visit()
    page = v.page
    assert page.is_hidden("#cg-panel")
    page.click("#node-cluster_meetings")
    panel = page.locator("#cg-panel")
    assert panel.is_visible()
    assert page.inner_text("#cg-panel h2") == "Cluster Meetings"
    text = panel.inner_text()
    assert "Platform where operations of a specific cluster are discussed" in text
    sections = page.eval_on_selector_all("#cg-panel h3", "hs => hs.map(h => [h.textContent, "
                                         "h.nextElementSibling.innerText])")
    sections = dict(sections)
    assert sections["Seat holders"].split("\n") == [
        "Programme Manager/Officer (of the cluster's sector) — only when implementing "
        "activities related to the cluster",
        "Operations Officer (of the cluster's sector) — only when implementing activities "
        "related to the cluster"]
    assert "Alternates" not in sections
    assert sections["Escalation route"].split("\n") == [
        "Cluster Meetings", "Inter-Cluster Working/Coordination Group Meetings (ICWG/ICCG)",
        "Humanitarian Country Team (HCT)"]
    # The route is highlighted on the drawing: its nodes and its two edges.
    for node in ("cluster_meetings", "iccg", "hct"):
        assert "route" in v.classes(f"#node-{node}")
    assert "selected" in v.classes("#node-cluster_meetings")
    assert "route" not in v.classes("#node-unct")
    routes = page.eval_on_selector_all("svg g.edge.route", "es => es.map(e => "
                                       "[e.classList.contains('escalation'), "
                                       "e.querySelector('title').textContent])")
    assert sorted(routes) == [
        [True, "Cluster Meetings → Inter-Cluster Working/Coordination Group Meetings "
               "(ICWG/ICCG) (escalates to)"],
        [True, "Inter-Cluster Working/Coordination Group Meetings (ICWG/ICCG) → "
               "Humanitarian Country Team (HCT) (escalates to)"]]
    stroke = page.eval_on_selector("svg g.edge.route path", "e => getComputedStyle(e).stroke")
    assert stroke == "rgb(211, 95, 0)"                  # drawn in the route colour
    # Another node: the HCT, with its seat, filled by the RRT lead under a
    # condition, and its observer.
    page.click("#node-hct")
    sections = dict(page.eval_on_selector_all(
        "#cg-panel h3", "hs => hs.map(h => [h.textContent, h.nextElementSibling.innerText])"))
    seats = sections["Seat holders"].split("\n")
    assert seats[0] == "Chief of Mission (CoM)"
    assert seats[1].startswith("Rapid Response Team Lead — only in the event that")
    assert sections["Observers"] == "IOM Cluster Coordinator — only in some instances"
    assert sections["Escalation route"] == "An apex: it escalates to no other platform."
    assert page.locator("svg .route").count() == 0
    page.click("#cg-panel .close")
    assert page.is_hidden("#cg-panel") and page.locator("svg .selected").count() == 0
    v.offline()


def test_relation_filters_hide_their_edges(visit):
    v = visit()
    page = v.page
    shown = "sel => [...document.querySelectorAll(sel)].map(e => getComputedStyle(e).display)"
    assert page.locator("#cg-controls input[type=checkbox]").count() == 3
    assert set(page.evaluate(shown, "svg g.edge.membership")) == {"inline"}
    page.uncheck("#cg-relation-membership")
    assert set(page.evaluate(shown, "svg g.edge.membership")) == {"none"}
    assert set(page.evaluate(shown, "svg g.edge.escalation")) == {"inline"}
    assert set(page.evaluate(shown, "svg g.edge.advises")) == {"inline"}
    page.uncheck("#cg-relation-advises")
    assert set(page.evaluate(shown, "svg g.edge.advises")) == {"none"}
    page.check("#cg-relation-membership")
    assert set(page.evaluate(shown, "svg g.edge.membership")) == {"inline"}
    assert page.locator("svg g.node:visible").count() == 16   # boxes stay
    v.offline()


def test_keyboard_alone(visit):
    v = visit()
    page = v.page
    active = "() => { const e = document.activeElement; return [e.tagName, e.id]; }"
    for _ in range(20):                        # past the search, filters and zoom
        page.keyboard.press("Tab")
        tag, element_id = page.evaluate(active)
        if element_id.startswith("node-"):
            break
    assert element_id == "node-hct"           # the first box in the drawing
    assert page.eval_on_selector("#node-hct", "e => getComputedStyle(e).outlineStyle") == "solid"
    assert page.eval_on_selector("#node-hct", "e => e.getAttribute('role')") == "button"
    assert page.eval_on_selector("#node-hct", "e => e.getAttribute('aria-label')") == \
        "Humanitarian Country Team (HCT) (Coordination platform)"
    page.keyboard.press("Tab")
    assert page.evaluate(active) == ["g", "node-iccg"]
    page.keyboard.press("Enter")
    assert page.is_visible("#cg-panel") and page.inner_text("#cg-panel h2").startswith("Inter")
    assert page.evaluate(active) == ["H2", "cg-panel-title"]   # focus moved to the details
    page.keyboard.press("Escape")
    assert page.is_hidden("#cg-panel")
    assert page.evaluate(active) == ["g", "node-iccg"]         # and back to the box
    page.keyboard.press("Space")
    assert page.is_visible("#cg-panel")
    page.keyboard.press("Escape")
    page.keyboard.press("/")                                    # "/" goes to the search
    assert page.evaluate(active) == ["INPUT", "cg-search"]
    v.offline()


def test_findings_list_jumps_to_its_node(visit):
    v = visit()
    page = v.page
    items = page.locator("#cg-findings li")
    assert items.count() == 3 and items.nth(2).inner_text().startswith(
        "warning CG305 Chief of Mission (CoM): Chief of Mission (CoM) is IOM's only link")
    page.click("#cg-findings li a >> nth=2")
    assert page.evaluate("document.activeElement.id") == "node-chief_of_mission"
    assert "selected" in v.classes("#node-chief_of_mission")
    assert page.inner_text("#cg-panel h2") == "Chief of Mission (CoM)"
    for platform in ("hct", "unct", "smt"):                    # where the role sits
        assert "linked" in v.classes(f"#node-{platform}")
    assert page.locator("svg g.edge.membership.linked").count() == 3
    v.offline()


@pytest.mark.parametrize("name", ["injection.html", "hostile.html"])
def test_hostile_labels_stay_text(visit, name):
    v = visit(name)
    page = v.page
    # Open every box, search, and read the findings: nothing may run or load.
    page.eval_on_selector_all("svg g.node", "gs => gs.forEach(g => g.dispatchEvent("
                              "new MouseEvent('click', {bubbles: true})))")
    for query in ("script", "img", "https", "<"):
        page.fill("#cg-search", query)
    page.click("#cg-findings li a >> nth=0")
    v.offline()
    assert page.locator("script").count() == 2          # the data block and the page's own
    for tag in ("img", "iframe", "object", "embed", "link", "base", "form", "style + style"):
        assert page.locator(tag).count() == 0, tag
    assert page.locator("a[href]:not([href^='#node-'])").count() == 0
    if name == "hostile.html":
        assert page.inner_text("h1") == "<b>x</b>"
        page.click("#node-hct")
        assert page.inner_text("#cg-panel h2") == HOSTILE_NODES[0]["label"]
        assert "</script><script>window.__pwned=2</script>" in page.inner_text("#cg-panel")
        assert "<img src=x onerror=window.__pwned=4>" in page.inner_text("#cg-panel")
        page.fill("#cg-search", "párrafo")                  # U+2028 did not break the data
        assert page.locator("#cg-results li").count() == 1
    else:
        assert page.inner_text("h1") == "<script>alert('title')</script> & \"quotes\" \\N"
        page.click("#node-html")
        assert page.inner_text("#cg-panel h2") == "<b>x</b> and <<table>>"
        assert page.locator("#cg-panel b, #cg-panel table").count() == 0
    assert page.evaluate("window.__pwned") == 0 and v.requests == [v.url]


@pytest.mark.parametrize("name", ["bundled.html", "injection.html"])
def test_phone_width(visit, name):
    v = visit(name, PHONE)
    page = v.page
    overflow = "() => [document.documentElement.scrollWidth, window.innerWidth]"
    width, viewport = page.evaluate(overflow)
    assert width <= viewport == 375
    node = "#node-hct"
    page.click(node)
    drawing = page.locator("#cg-drawing").bounding_box()
    panel = page.locator("#cg-panel").bounding_box()
    assert panel["y"] >= drawing["y"] + drawing["height"] - 1     # details under the drawing
    assert panel["width"] <= 375 and drawing["width"] <= 375
    for _ in range(4):
        page.click(".zoom button >> nth=1")                       # zoom in
    sizes = page.eval_on_selector("#cg-drawing", "e => [e.scrollWidth, e.clientWidth]")
    assert sizes[0] > sizes[1]                                    # the drawing scrolls ...
    width, viewport = page.evaluate(overflow)
    assert width <= viewport                                      # ... the page does not
    v.offline()


def test_print_shows_the_drawing_and_findings_only(visit):
    v = visit()
    page = v.page
    page.click("#node-hct")
    page.emulate_media(media="print")
    display = "sel => getComputedStyle(document.querySelector(sel)).display"
    for hidden in ("#cg-controls", "#cg-panel", ".keys", "footer"):
        assert page.evaluate(display, hidden) == "none", hidden
    assert page.locator("#cg-drawing svg").bounding_box()["width"] > 300
    assert page.locator("#cg-findings li").first.is_visible()
    page.emulate_media(media="screen")
    assert page.evaluate(display, "#cg-controls") != "none"
    v.offline()


def test_svg_in_an_img_paints_a_picture(browser, files, tmp_path):
    (files / "img.html").write_text(
        '<!DOCTYPE html><html><body style="margin:0;background:#fff">'
        '<img id="picture" src="organigram.svg" style="display:block;width:480px"></body></html>',
        encoding="utf-8")
    visit = Visit(browser, (files / "img.html").as_uri(), DESKTOP)
    try:
        page = visit.page
        page.wait_for_function("document.getElementById('picture').complete")
        # No fixed size: the picture takes the width it is given, the
        # height following from the viewBox.
        box = page.locator("#picture").bounding_box()
        svg = (files / "organigram.svg").read_text(encoding="utf-8")
        _, _, vb_width, vb_height = map(float, re.search(r'viewBox="([^"]+)"', svg)[1].split())
        assert box["width"] == 480 and abs(box["height"] - 480 * vb_height / vb_width) < 1
        width, height, rows = png_pixels(page.locator("#picture").screenshot())
        channels = len(rows[0]) // width
        inked = colours = 0
        seen = set()
        for row in rows:
            for x in range(0, len(row), channels):
                pixel = row[x:x + 3]
                if pixel != b"\xff\xff\xff":
                    inked += 1
                    if len(seen) < 64:
                        seen.add(pixel)
        colours = len(seen)
        assert inked > 0.03 * width * height          # not blank ...
        assert colours > 10                           # ... and drawn, not one flat colour
        assert visit.errors == [] and all(re.match(r"file://", u) for u in visit.requests)
    finally:
        visit.context.close()


def test_breakouts_aimed_at_the_inline_svg_stay_text(visit):
    v = visit("breakout.html")
    page = v.page
    page.eval_on_selector_all("svg g.node", "gs => gs.forEach(g => g.dispatchEvent("
                              "new MouseEvent('click', {bubbles: true})))")
    for query in ("script", "style", "]]>", "\u2066"):
        page.fill("#cg-search", query)
    v.offline()
    assert page.locator("svg g.node").count() == 3
    assert page.locator("script").count() == 2 and page.locator("style").count() == 1
    for tag in ("img", "iframe", "object", "embed", "link", "base", "b", "desc img"):
        assert page.locator(tag).count() == 0, tag
    page.click("#node-p1")
    assert page.inner_text("#cg-panel h2") == BREAKOUT_NODES[0]["label"]
    assert page.locator("svg title").first.text_content().startswith("]]></title><script>")


@pytest.mark.parametrize("fragment, selected", [("#node-iccg", True), ("#%E0%A4%A", False)])
def test_a_link_to_a_box_opens_it_and_a_malformed_one_is_ignored(browser, files, fragment,
                                                                  selected):
    url = (files / "bundled.html").as_uri()
    visit = Visit(browser, url + fragment, DESKTOP)
    try:
        page = visit.page
        assert visit.errors == []        # decodeURIComponent threw "URI malformed"
        assert page.evaluate("document.documentElement.classList.contains('ready')")
        assert ("selected" in visit.classes("#node-iccg")) == selected
        assert visit.requests == [url] and visit.dialogs == []
    finally:
        visit.context.close()


def _route(v):
    """The route shown in the panel, and what is marked on the drawing."""
    page = v.page
    sections = dict(page.eval_on_selector_all(
        "#cg-panel h3", "hs => hs.map(h => [h.textContent, h.nextElementSibling.innerText])"))
    boxes = page.eval_on_selector_all("svg g.node.route", "es => es.map(e => e.id)")
    edges = page.eval_on_selector_all("svg g.edge.route title", "ts => ts.map(t => t.textContent)")
    return sections["Escalation route"].split("\n"), sorted(boxes), sorted(edges)


def test_an_escalation_cycle_stops_and_says_so(visit):
    v = visit("cycle.html")
    v.page.click("#node-a")
    steps, boxes, edges = _route(v)
    assert steps == ["Platform A", "Platform B", "Platform C"]
    assert v.page.inner_text("#cg-panel p.sev-error").startswith("… and back to a platform")
    assert boxes == ["node-a", "node-b", "node-c"]
    assert edges == ["Platform A → Platform B (escalates to)",
                     "Platform B → Platform C (escalates to)"]   # not the edge back to B
    v.page.click("#node-b")
    assert _route(v)[0] == ["Platform B", "Platform C"]
    v.offline()


def test_a_long_chain_shows_its_whole_route(visit):
    v = visit("chain.html")
    v.page.click(f"#node-p{CHAIN - 1}")
    steps, boxes, edges = _route(v)
    assert steps == [f"Platform P{i}" for i in range(CHAIN - 1, -1, -1)]
    assert len(boxes) == CHAIN and len(edges) == CHAIN - 1
    assert v.page.locator("#cg-panel p.sev-error").count() == 0
    v.page.click("#node-p0")
    assert _route(v)[0] == ["An apex: it escalates to no other platform."]
    v.offline()


def test_a_route_continues_beyond_a_focused_drawing(visit):
    v = visit("focus.html")
    assert v.page.locator("svg g.node").count() == 3
    v.page.click("#node-p4")
    steps, boxes, edges = _route(v)
    assert steps == ["Platform P4", "Platform P3", "Platform P2",
                     "Platform P1 (not in this drawing)", "Platform P0 (not in this drawing)"]
    assert boxes == ["node-p2", "node-p3", "node-p4"]
    assert edges == ["Platform P3 → Platform P2 (escalates to)",
                     "Platform P4 → Platform P3 (escalates to)"]
    v.offline()


def _sections(page):
    return dict(page.eval_on_selector_all(
        "#cg-panel h3", "hs => hs.map(h => [h.textContent, h.nextElementSibling.innerText])"))


def test_country_panel_tells_leads_coordinators_people_vacancies_and_reporting(visit):
    v = visit("country.html")
    page = v.page
    page.click("#node-cccm")
    assert page.inner_text("#cg-panel .leads") == "Lead: IOM"
    sections = _sections(page)
    assert sections["Seat holders"] == "Senior Programme Manager · lead · vacant"
    assert sections["Coordinators (for the lead agency; not a seat)"] == (
        "CCCM Cluster Coordinator · Dina Nhantumbo")
    assert "Observers" not in sections
    assert sections["Receives reports from"] == "CCCM Sub-national Cluster, Kesso"
    page.click("#node-cccm_kesso")
    assert _sections(page)["Also reports to"] == "CCCM Cluster"
    assert page.inner_text("#cg-panel .leads") == "Lead: IOM"
    page.click("#node-shelter")
    assert page.inner_text("#cg-panel .leads") == "Lead: IFRC · Co-lead: IOM"
    page.click("#node-chief_of_mission")
    assert page.inner_text("#cg-panel .who") == "held by Ana Diallo · in Maputo"
    page.click("#node-senior_programme_manager")
    assert page.inner_text("#cg-panel .vacant").startswith("Vacant: nobody holds this post")
    assert page.locator("#cg-panel .not-expected").count() == 0
    page.click("#node-health")
    assert page.inner_text("#cg-panel .not-expected").startswith("IOM is not expected here")
    page.click("#node-cccm_coordinator")
    assert _sections(page)["Coordinator of (for the lead agency; not a seat)"] == "CCCM Cluster"
    assert "linked" in v.classes("#node-cccm")
    v.offline()


def test_country_search_finds_people_and_places_and_hides_reporting(visit):
    v = visit("country.html")
    page = v.page
    page.fill("#cg-search", "diallo")                   # a person
    assert page.locator("#cg-results li").all_inner_texts() == [
        "Chief of Mission · Ana Diallo"]
    page.fill("#cg-search", "nhantumbo kesso")          # a person and a place
    assert page.locator("#cg-results li").count() == 1
    assert "match" in v.classes("#node-kesso_cccm_coordinator")
    page.fill("#cg-search", "")
    shown = "sel => [...document.querySelectorAll(sel)].map(e => getComputedStyle(e).display)"
    assert page.evaluate(shown, "svg g.edge.reporting") == ["inline"]
    page.uncheck("#cg-relation-reporting")
    assert page.evaluate(shown, "svg g.edge.reporting") == ["none"]
    v.offline()
