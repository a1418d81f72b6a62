"""Take the manual's picture of the portfolio page, in the test suite's browser.

    python scripts/screenshot_portfolio.py [OUTPUT.png]

Builds the page of the fictional example portfolio (examples/portfolio) as
``coordgraph portfolio --format html`` does, with ages counted to a fixed
date so the picture does not change with the calendar, opens it in headless
Chromium through Playwright (the browser and flags of tests/browser.py),
sorts by the CCCM column, opens one country's findings and saves the window
as docs/portfolio.png.
"""

import datetime
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import coordgraph  # noqa: E402
from browser import find_chromium, launch  # noqa: E402
from coordgraph import portfolio  # noqa: E402
from coordgraph.portfolio_html import page  # noqa: E402
from coordgraph.writing import write_atomic  # noqa: E402

EXAMPLES = ROOT / "examples" / "portfolio"
TARGET = ROOT / "docs" / "portfolio.png"
TODAY = datetime.date(2026, 11, 29)
VIEWPORT = {"width": 1600, "height": 720}


def build_page() -> bytes:
    """The example portfolio's page."""
    rows = []
    for path in portfolio.context_paths([EXAMPLES]):
        graph = coordgraph.load(path)
        rows.append(portfolio.context_row(path.relative_to(ROOT), graph, coordgraph.check(graph),
                                          graph.context.org, TODAY))
    return page(portfolio.build(rows, TODAY))


def main(target: Path = TARGET):
    executable, why = find_chromium()
    if executable is None:
        sys.exit(f"cannot take the screenshot: {why}")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        html = Path(folder) / "portfolio.html"
        html.write_bytes(build_page())
        browser = launch(playwright, executable)
        try:
            view = browser.new_page(viewport=VIEWPORT, device_scale_factor=1)
            requests = []
            view.on("request", lambda request: requests.append(request.url))
            view.goto(html.as_uri())
            view.click('th[data-key="kind:CCM"] button')     # strongest CCCM role first
            view.click('#pf-table tbody tr:nth-child(5) td.name button')
            view.evaluate("document.activeElement.blur()")
            picture = view.screenshot(full_page=True)
            if requests != [html.as_uri()]:
                sys.exit(f"the page asked for more than itself: {requests}")
        finally:
            browser.close()
    write_atomic(target, picture)
    print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: "
          f"{len(picture) / 1024:.0f} KB")


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else TARGET)
