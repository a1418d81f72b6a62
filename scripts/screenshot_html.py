"""Take the manual's screenshot of the HTML organigram, in the test suite's browser.

    python scripts/screenshot_html.py [OUTPUT.png]

Renders the illustrative example country (examples/nortavia) with
``coordgraph render --format html``, opens the page in headless Chromium
through Playwright, with the browser and flags of the browser tests
(tests/browser.py; ``COORDGRAPH_CHROMIUM`` names another Chromium), searches
for a cluster as a user would, opens its details with the keyboard, and saves
the window as docs/organigram-html.png.
"""

import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import coordgraph  # noqa: E402
from browser import find_chromium, launch  # noqa: E402
from coordgraph.writing import write_atomic  # noqa: E402

CONTEXT = ROOT / "examples" / "nortavia"
TARGET = ROOT / "docs" / "organigram-html.png"
VIEWPORT = {"width": 1280, "height": 860}
SEARCH = "cccm north"


def main(target: Path = TARGET):
    executable, why = find_chromium()
    if executable is None:
        sys.exit(f"cannot take the screenshot: {why}")
    from playwright.sync_api import sync_playwright

    with warnings.catch_warnings():
        warnings.simplefilter("error")   # a picture for the README draws cleanly
        page_bytes = coordgraph.render(coordgraph.load(CONTEXT), format="html")
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        html = Path(folder) / "organigram.html"
        html.write_bytes(page_bytes)
        browser = launch(playwright, executable)
        try:
            page = browser.new_page(viewport=VIEWPORT, device_scale_factor=1)
            requests = []
            page.on("request", lambda request: requests.append(request.url))
            page.goto(html.as_uri())
            page.click(".zoom button >> nth=1")       # zoom in twice: boxes readable
            page.click(".zoom button >> nth=1")
            page.fill("#cg-search", SEARCH)
            page.press("#cg-search", "Enter")        # jump to the first match ...
            page.keyboard.press("Enter")              # ... and open its details
            page.wait_for_timeout(400)                # smooth scrolling settles
            page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
            picture = page.screenshot()
            if requests != [html.as_uri()]:
                sys.exit(f"the page asked for more than itself: {requests}")
        finally:
            browser.close()
    write_atomic(target, picture)
    print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: "
          f"{len(picture) / 1024:.0f} KB")


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else TARGET)
