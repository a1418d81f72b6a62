"""The HTML brief printed by a real Chromium: one A4 page, offline."""

import io
import re
from pathlib import Path

import pypdf
import pytest

from browser import browser_marks
from coordgraph.cli import cli

pytestmark = browser_marks(pytest)

NORTAVIA = Path(__file__).resolve().parents[1] / "examples" / "nortavia"


def _print(browser, path: Path) -> pypdf.PdfReader:
    page = browser.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(
        ("file:", "data:")) else None)
    page.goto(path.as_uri())
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    page.close()
    assert requests == []          # offline: nothing fetched
    return pypdf.PdfReader(io.BytesIO(pdf))


@pytest.mark.parametrize("args, pages", [([], 1), (["--since", "generic"], 1),
                                         (["--data", str(NORTAVIA)], 2)])
def test_html_brief_prints_to_a4(runner, tmp_path, browser, args, pages):
    target = tmp_path / "brief.html"
    result = runner.invoke(cli, ["brief", *args, "-o", str(target)])
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    assert not re.search(r'(src|href)="(?!data:)', html)
    reader = _print(browser, target)
    assert len(reader.pages) == pages
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Who sits where" in text


def test_html_brief_on_a_slide_is_16_by_9(runner, tmp_path, browser):
    target = tmp_path / "brief.html"
    result = runner.invoke(cli, ["brief", "--page", "16:9", "-o", str(target)])
    assert result.exit_code == 0, result.output
    reader = _print(browser, target)
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (960, 540)


@pytest.mark.parametrize("args, pages", [([], 1), (["--data", str(NORTAVIA)], 2),
                                         (["--data", str(NORTAVIA), "--lang", "es"], 2)])
def test_html_brief_printed_on_a4_by_chromium_has_no_text_under_7_pt(runner, tmp_path,
                                                                     browser, args, pages):
    from test_brief_pages import SLACK, text_sizes

    target = tmp_path / "brief.html"
    result = runner.invoke(cli, ["brief", *args, "-o", str(target)])
    assert result.exit_code == 0, result.output
    page = browser.new_page()
    page.goto(target.as_uri())
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    page.close()
    assert len(reader.pages) == pages
    small = [(round(size, 2), text) for sheet in reader.pages
             for size, text in text_sizes(sheet) if size < 7 - SLACK]
    assert small == []
