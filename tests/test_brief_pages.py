"""A brief's pages as readers count them, and its text sizes as printed.

The PDF through pypdf; the docx converted to PDF by LibreOffice Writer (which
also proves that Writer opens it); the HTML printed by Chromium is in
test_brief_browser.py. The drawing's smallest text is measured where it is
placed: in the PDF's text operators, and from the SVG and the placed width.
"""

import math
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pypdf
import pytest

import coordgraph
from coordgraph.briefing import make_brief
from coordgraph.cli import cli

ROOT = Path(__file__).resolve().parents[1]
NORTAVIA = ROOT / "examples" / "nortavia"
POINTS_PER_EMU = 1 / 12700
#: Text sizes read back from a PDF are rounded by the writers: allow this much.
SLACK = 0.05


def _brief(runner, tmp_path, *args, name):
    target = tmp_path / name
    result = runner.invoke(cli, ["brief", *args, "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target


def text_sizes(page) -> list[tuple[float, str]]:
    """Every piece of text on a PDF page with its printed size in points
    (the font size times the text and graphics matrices' vertical scale)."""
    found = []

    def visit(text, cm, tm, font, size):
        if not text.strip() or not size:
            return
        c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
        found.append((size * math.hypot(c, d), text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def placed_text(svg: bytes, placed_width: float) -> float:
    """The smallest font of a Graphviz SVG, in points, once the SVG is
    placed ``placed_width`` points wide (its viewBox, and the scale Graphviz
    gives its drawing when it fits it to a page)."""
    view_width = float(re.search(rb'viewBox="[-0-9.]+ [-0-9.]+ ([0-9.]+)', svg).group(1))
    scale = float(re.search(rb'transform="scale\(([0-9.]+)', svg).group(1))
    smallest = min(float(s) for s in re.findall(rb'font-size="([0-9.]+)"', svg))
    return smallest * scale * placed_width / view_width


def test_placed_text_reads_the_scale_and_the_placed_width():
    svg = (b'<svg viewBox="0.00 0.00 400.00 200.00"><g transform="scale(0.5 0.5)">'
           b'<text font-size="10.00">a</text><text font-size="14.00">b</text></g></svg>')
    assert placed_text(svg, 400.0) == 5.0
    assert placed_text(svg, 800.0) == 10.0


@pytest.mark.parametrize("args, pages", [
    ([], 1), (["--since", "generic"], 1), (["--data", str(NORTAVIA)], 2),
    (["--data", str(NORTAVIA), "--lang", "fr"], 2),
    (["--data", str(NORTAVIA), "--lang", "es"], 2)])
def test_pdf_is_one_a4_page_or_two_with_a_long_table_and_no_text_under_7_pt(
        runner, tmp_path, args, pages):
    reader = pypdf.PdfReader(_brief(runner, tmp_path, *args, "--format", "pdf",
                                    name="brief.pdf"))
    assert len(reader.pages) == pages
    for page in reader.pages:
        width, height = (float(v) for v in page.mediabox.upper_right)
        assert (round(width), round(height)) == (595, 842)
        small = [(round(size, 2), text) for size, text in text_sizes(page)
                 if size < 7 - SLACK]
        assert small == []


def test_pdf_drawing_text_is_measured_at_its_printed_size(runner, tmp_path):
    # The bundled framework on A4: the drawing is scaled down to fit, below
    # the 7.5 pt of the page's own smallest text, so the smallest text
    # printed is the drawing's, and it is the brief's own figure for it.
    brief = make_brief(coordgraph.load())
    assert brief.picture is not None and brief.picture.smallest_text < 7.4
    reader = pypdf.PdfReader(_brief(runner, tmp_path, "--format", "pdf", name="brief.pdf"))
    printed = min(size for size, _ in text_sizes(reader.pages[0]))
    assert printed == pytest.approx(brief.picture.smallest_text, abs=0.1)


@pytest.mark.parametrize("page", ["a4", "a4-landscape", "16:9"])
def test_drawing_text_at_its_placed_size_is_7_pt_or_more(runner, tmp_path, page):
    brief = make_brief(coordgraph.load(), page_name=page)
    picture = brief.picture
    assert picture is not None
    assert placed_text(picture.svg, picture.width) >= 7 - SLACK
    html = _brief(runner, tmp_path, "--page", page, name="brief.html").read_text("utf-8")
    width = float(re.search(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="[^"]*" '
                            r'style="width:([0-9.]+)pt', html).group(1))
    assert placed_text(picture.svg, width) >= 7 - SLACK
    document = docx.Document(_brief(runner, tmp_path, "--page", page, name="brief.docx"))
    shape = document.inline_shapes[0]
    placed = shape.width * POINTS_PER_EMU
    assert placed == pytest.approx(picture.width, abs=0.5)
    assert placed_text(picture.svg, placed) >= 7 - SLACK
    # the PNG in the docx is the same drawing: its proportions are the SVG's
    assert shape.height / shape.width == pytest.approx(picture.height / picture.width,
                                                       rel=0.02)


def test_when_no_drawing_fits_the_brief_gives_the_commands_render_page_accepts(
        runner, tmp_path):
    # (on a landscape page the brief's drawing is short: Nortavia's cannot fit)
    brief = make_brief(coordgraph.load(NORTAVIA), page_name="a4-landscape")
    assert brief.picture is None
    commands = brief.picture_note.split(": ", 1)[1].rstrip(".").split("; ")
    assert len(commands) == 4    # one per location: the whole is too large for the page
    for command in commands:
        words = command.replace('"Port Mira"', "Port_Mira").split()
        assert words[:2] == ["coordgraph", "render"]
        args = [w.replace("Port_Mira", "Port Mira") for w in words[1:]]
        if "--page" not in args:          # too large even alone: --page must refuse it
            args += ["--page", "a4-landscape"]
        result = runner.invoke(cli, [*args, "-o", str(tmp_path / "part.svg")])
        assert result.exit_code == (0 if "--page" in words else 2), (command, result.output)


# ---------------------------------------------------------------- LibreOffice

def _soffice():
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None and os.environ.get("CI"):
        raise RuntimeError("CI is set but LibreOffice (soffice) is not installed: "
                           "run scripts/install-system-deps.sh")
    return found


SOFFICE = _soffice()


def _writer_pdf(document: Path, tmp_path: Path) -> pypdf.PdfReader:
    """``document`` converted to PDF by LibreOffice Writer, in a profile of its own."""
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "pdf"), str(document)],
        capture_output=True, text=True, timeout=120)
    converted = tmp_path / "pdf" / (document.stem + ".pdf")
    assert converted.exists(), ("LibreOffice Writer could not open the docx (is "
                                "libreoffice-writer installed?)", result.stdout, result.stderr)
    return pypdf.PdfReader(converted)


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
@pytest.mark.parametrize("args, pages", [([], 1), (["--data", str(NORTAVIA)], 2),
                                         (["--data", str(NORTAVIA), "--lang", "fr"], 2)])
def test_docx_opens_in_libreoffice_writer_as_one_a4_page_or_two(runner, tmp_path, args,
                                                                pages):
    reader = _writer_pdf(_brief(runner, tmp_path, *args, name="brief.docx"), tmp_path)
    assert len(reader.pages) == pages
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Health Cluster" in text or "Humanitarian Country Team" in text \
        or "Santé" in text
    small = [(round(size, 2), t) for page in reader.pages for size, t in text_sizes(page)
             if size < 7 - SLACK]
    assert small == []


def test_the_example_country_brief_has_a_drawing_at_7_pt_or_more(runner, tmp_path):
    # Rows wrapped for the page: a drawing now fits the brief's box on A4.
    brief = make_brief(coordgraph.load(NORTAVIA))
    picture = brief.picture
    assert picture is not None and picture.smallest_text >= 7 - SLACK
    assert placed_text(picture.svg, picture.width) >= 7 - SLACK
    reader = pypdf.PdfReader(_brief(runner, tmp_path, "--data", str(NORTAVIA), "--format",
                                    "pdf", name="brief.pdf"))
    drawn = [size for size, text in text_sizes(reader.pages[0])
             if "Humanitarian Country" in text or "Coordination Team" in text]
    assert drawn and min(drawn) >= 7 - SLACK
