"""The portfolio page in a real browser: headless Chromium through Playwright.

The page of the fictional example portfolio (examples/portfolio) and of a
context with hostile text: it opens offline with no error and no policy
violation, sorts by a column, filters by text and by platform, and shows a
country's findings on click. Skipped only when no Chromium is installed.
"""

import datetime
from pathlib import Path

import pytest

import coordgraph
from browser import browser_marks
from coordgraph import portfolio
from coordgraph.portfolio_html import page

pytestmark = browser_marks(pytest)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "portfolio"
TODAY = datetime.date(2026, 11, 29)
TRAPS = """
window.__pwned = 0;
for (const name of ["alert", "confirm", "prompt", "print", "open"]) {
  window[name] = function () { window.__pwned += 1; };
}
window.__violations = [];
document.addEventListener("securitypolicyviolation",
                          e => window.__violations.push(e.violatedDirective));
"""


def _rows(paths):
    rows = []
    for path in paths:
        graph = coordgraph.load(path)
        rows.append(portfolio.context_row(path, graph, coordgraph.check(graph),
                                          graph.context.org, TODAY))
    return rows


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("portfolio")
    examples = portfolio.build(_rows(portfolio.context_paths([EXAMPLES])), TODAY)
    (folder / "examples.html").write_bytes(page(examples))
    hostile = coordgraph.from_records(
        [{"id": "hct", "kind": "platform", "label": "<img src=x onerror=window.__pwned=1>"},
         {"id": "com", "kind": "role", "label": "</script><script>window.__pwned=2</script>"}],
        [], context={"name": '<img src="https://example.org/x.png" onerror="window.__pwned=3">',
                     "region": "<b onmouseover=window.__pwned=4>North</b>"})
    rows = [portfolio.context_row("hostile", hostile, coordgraph.check(hostile), "IOM", TODAY)]
    (folder / "hostile.html").write_bytes(page(portfolio.build(rows, TODAY)))
    return folder


@pytest.fixture
def visit(browser, files):
    contexts = []

    def open_(name):
        context = browser.new_context(viewport={"width": 1600, "height": 900})
        contexts.append(context)
        context.add_init_script(TRAPS)
        view = context.new_page()
        seen = {"errors": [], "requests": []}
        view.on("console", lambda m: m.type in ("error", "warning")
                and seen["errors"].append(m.text))
        view.on("pageerror", lambda e: seen["errors"].append(str(e)))
        view.on("request", lambda r: seen["requests"].append(r.url))
        url = (files / name).as_uri()
        view.goto(url)

        def offline():
            assert seen["requests"] == [url]
            assert seen["errors"] == []
            assert view.evaluate("window.__violations") == []
            assert view.evaluate("window.__pwned") == 0
        return view, offline

    yield open_
    for context in contexts:
        context.close()


def names(view):
    return view.locator("#pf-table tbody td.name").all_inner_texts()


def test_opens_offline_with_the_heat_map(visit):
    view, offline = visit("examples.html")
    assert names(view) == ["Brelund", "Kessaria", "Lumeria", "Tessaly", "Valdoria"]
    assert view.inner_text("#pf-status") == "5 of 5 context(s) shown"
    cell = view.locator('#pf-table tbody tr:has-text("Valdoria") td[data-kind="CCM"]')
    assert cell.inner_text() == "L" and cell.get_attribute("title") == "CCM: lead"
    colour = cell.locator(".cell").evaluate("e => getComputedStyle(e).backgroundColor")
    absent = view.locator('#pf-table tbody tr:has-text("Valdoria") td[data-kind="HEA"] .cell')
    assert absent.inner_text() == "!"
    assert colour != absent.evaluate("e => getComputedStyle(e).backgroundColor")
    offline()


def test_sorts_by_a_column(visit):
    view, offline = visit("examples.html")
    view.click('th[data-key="kind:CCM"] button')          # strongest first
    assert names(view)[0] == "Valdoria"
    assert view.get_attribute('th[data-key="kind:CCM"]', "aria-sort") == "ascending"
    view.click('th[data-key="as_of_age_days"] button')
    assert names(view) == ["Valdoria", "Lumeria", "Kessaria", "Tessaly", "Brelund"]
    view.click('th[data-key="as_of_age_days"] button')     # again: the other way
    assert names(view) == ["Brelund", "Tessaly", "Kessaria", "Lumeria", "Valdoria"]
    assert view.get_attribute('th[data-key="kind:CCM"]', "aria-sort") is None
    offline()


def test_filters_by_cluster_and_by_text(visit):
    view, offline = visit("examples.html")
    view.select_option("#pf-platform", "NUT")              # contexts where it is active
    assert names(view) == ["Brelund"]
    assert view.inner_text("#pf-status") == "1 of 5 context(s) shown"
    view.select_option("#pf-platform", "RCF")
    assert names(view) == ["Lumeria", "Tessaly"]
    assert "picked" in view.get_attribute('td[data-kind="RCF"] >> nth=0', "class")
    view.select_option("#pf-platform", "")
    view.fill("#pf-filter", "southern")                    # region
    assert names(view) == ["Kessaria", "Lumeria"]
    view.fill("#pf-filter", "xte")                         # country code, any case
    assert names(view) == ["Tessaly"]
    offline()


def test_a_click_shows_the_countrys_findings(visit):
    view, offline = visit("examples.html")
    assert view.is_hidden("#pf-details")
    view.click('#pf-table td.name button:text("Tessaly")')
    assert view.is_visible("#pf-details")
    assert view.inner_text("#pf-details h2") == "Findings of Tessaly"
    items = view.locator("#pf-details li").all_inner_texts()
    tessaly = coordgraph.load(EXAMPLES / "tessaly")
    expected = coordgraph.check(tessaly)
    assert len(items) == len(expected)
    for item, finding in zip(items, expected, strict=True):
        assert item.startswith(f"{finding.code} {finding.severity}")
    assert expected[0].message in items[0]
    view.keyboard.press("Escape")
    assert view.is_hidden("#pf-details")
    offline()


def test_hostile_text_stays_text(visit):
    view, offline = visit("hostile.html")
    assert names(view) == ['<img src="https://example.org/x.png" onerror="window.__pwned=3">']
    view.hover("#pf-table tbody td >> nth=2")
    view.click("#pf-table td.name button")
    assert view.locator("img, b, iframe").count() == 0
    offline()
