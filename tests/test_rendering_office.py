"""Files that behave in office documents: PNG at its true size in Word and
PowerPoint, PDF with a title, SVG ids that can be prefixed.

Read back with the tools people use: python-docx, python-pptx, Pillow, pypdf
and poppler's ``pdfinfo``.
"""

import io
import re
import shutil
import struct
import subprocess
import warnings
import xml.etree.ElementTree as ET

import pytest

import coordgraph
from coordgraph.cli import cli
from coordgraph.errors import UsageError
from coordgraph.rendering import png as png_file, render
from coordgraph.rendering.pdf import text_string, with_title
from coordgraph.rendering.svg import SVG, with_id_prefix

pytestmark = pytest.mark.slow
DPI = 144
EMU_PER_INCH = 914_400
TITLE = "Generic coordination framework — Organigram · as of 1 November 2022"


def _render(graph, fmt, **options) -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return render(graph, fmt, **options)


@pytest.fixture(scope="module")
def bundled_png():
    return _render(coordgraph.load(), "png")


@pytest.fixture(scope="module")
def bundled_pdf():
    return _render(coordgraph.load(), "pdf")


def _pixels(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])


# ------------------------------------------------------------ PNG

def test_png_says_its_resolution(bundled_png):
    image = pytest.importorskip("PIL.Image")
    kinds = [kind for kind, _ in png_file.chunks(bundled_png)]
    assert kinds[:2] == [b"IHDR", b"pHYs"] and kinds.count(b"pHYs") == 1
    assert png_file.resolution(bundled_png) == (DPI, DPI)
    with image.open(io.BytesIO(bundled_png)) as picture:
        assert [round(d) for d in picture.info["dpi"]] == [DPI, DPI]
        picture.load()                                  # the CRCs and the data still hold
        assert picture.size == _pixels(bundled_png)


def test_word_places_the_png_at_its_true_size(bundled_png):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    shape = document.add_picture(io.BytesIO(bundled_png))
    width, height = _pixels(bundled_png)
    # pHYs holds whole pixels per metre
    assert abs(shape.width - width / DPI * EMU_PER_INCH) <= 2
    assert abs(shape.height - height / DPI * EMU_PER_INCH) <= 2
    assert shape.width / EMU_PER_INCH < 17                       # 72 dpi would give twice


def test_powerpoint_places_the_png_at_its_true_size(bundled_png):
    pptx = pytest.importorskip("pptx")
    slide = pptx.Presentation().slides.add_slide(pptx.Presentation().slide_layouts[6])
    picture = slide.shapes.add_picture(io.BytesIO(bundled_png), 0, 0)
    width, height = _pixels(bundled_png)
    # pHYs holds whole pixels per metre
    assert abs(picture.width - width / DPI * EMU_PER_INCH) <= 2
    assert abs(picture.height - height / DPI * EMU_PER_INCH) <= 2


def test_png_resolution_replaces_an_older_one_and_keeps_every_other_chunk():
    bare = (png_file.SIGNATURE + png_file.chunk(b"IHDR", bytes(13))
            + png_file.chunk(b"pHYs", struct.pack(">IIB", 2835, 2835, 1))
            + png_file.chunk(b"tEXt", b"Software\x00dot") + png_file.chunk(b"IEND", b""))
    assert png_file.resolution(bare) == (72.0, 72.0)
    marked = png_file.with_resolution(bare, 300)
    assert [k for k, _ in png_file.chunks(marked)] == [b"IHDR", b"pHYs", b"tEXt", b"IEND"]
    assert png_file.resolution(marked) == (300.0, 300.0)
    with pytest.raises(ValueError, match="cut short"):
        png_file.with_resolution(marked[:-3], 144)


# ------------------------------------------------------------ PDF

def test_pdf_has_the_drawing_title(bundled_pdf):
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(bundled_pdf), strict=True)
    assert reader.metadata.title == TITLE
    assert reader.metadata.producer.startswith("cairo")            # the rest is kept
    assert "Humanitarian Country" in reader.pages[0].extract_text()


def test_pdf_cross_references_still_point_at_their_objects(bundled_pdf):
    start = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", bundled_pdf)[1])
    assert bundled_pdf[start:start + 4] == b"xref"
    table = bundled_pdf[start:bundled_pdf.index(b"trailer", start)]
    first = int(table.split()[1])
    entries = re.findall(rb"(\d{10}) \d{5} ([nf])", table)
    used = [(first + n, int(offset)) for n, (offset, kind) in enumerate(entries) if kind == b"n"]
    assert len(used) > 10
    for number, offset in used:
        assert bundled_pdf[offset:offset + 20].startswith(b"%d 0 obj" % number), number


def test_pdf_title_in_any_script_and_the_same_bytes_twice(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    graph = coordgraph.from_records(
        [{"id": "hct", "kind": "platform", "label": "Équipe humanitaire pays"}], [],
        context={"name": "السودان — Sudan (Darfur)"})
    first = _render(graph, "pdf", view="platforms")
    assert first == _render(graph, "pdf", view="platforms")
    title = pypdf.PdfReader(io.BytesIO(first), strict=True).metadata.title
    assert title.startswith("السودان — Sudan (Darfur) — ")


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils not installed")
def test_pdfinfo_shows_the_title(bundled_pdf, tmp_path):
    path = tmp_path / "organigram.pdf"
    path.write_bytes(bundled_pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert f"Title:           {TITLE}\n" in info.stdout
    assert info.stderr == ""                                   # no xref repair needed


def test_a_pdf_of_another_shape_is_left_as_it_is():
    stream_xref = b"%PDF-1.5\n1 0 obj\n<< /Type /XRef >>\nstream\nendstream\nstartxref\n9\n%%EOF\n"
    assert with_title(stream_xref, "x") == stream_xref
    assert text_string("Sudan") == b"<FEFF0053007500640061006E>"


# ------------------------------------------------------------ SVG ids

def test_id_prefix_reaches_every_id_and_reference():
    svg = _render(coordgraph.load(), "svg")
    prefixed = with_id_prefix(svg, "sudan-")
    root = ET.fromstring(prefixed)
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert ids and all(i.startswith("sudan-") for i in ids)
    assert ids == ["sudan-" + e.get("id") for e in ET.fromstring(svg).iter() if e.get("id")]
    assert root.find(f".//{{{SVG}}}g[@id='sudan-node-hct']") is not None
    references = re.findall(r'url\(#([^)]+)\)|href="#([^"]+)"', prefixed.decode())
    assert all(ref in ids for pair in references for ref in pair if ref)
    assert all(ref in ids for ref in root.get("aria-labelledby").split())


@pytest.mark.parametrize("prefix", ["", "1st", "a b", "a:b", 'x"y', "é"])
def test_id_prefix_must_start_an_id(prefix):
    with pytest.raises(UsageError, match="id prefix"):
        with_id_prefix(b"<svg xmlns='http://www.w3.org/2000/svg'/>", prefix)


def test_cli_id_prefix(runner, tmp_path):
    target = tmp_path / "a.svg"
    done = runner.invoke(cli, ["render", "--id-prefix", "a-", "-o", str(target)])
    assert done.exit_code == 0, done.output
    assert b'id="a-node-hct"' in target.read_bytes()
    plain = runner.invoke(cli, ["render", "-o", "-"])
    assert b'id="node-hct"' in plain.stdout_bytes                    # default unchanged
    for arguments, said in ((["--id-prefix", "9x", "-o", str(tmp_path / "b.svg")], "letter"),
                            (["--id-prefix", "a", "-o", str(tmp_path / "b.png")],
                             "SVG only")):
        refused = runner.invoke(cli, ["render", *arguments])
        assert refused.exit_code == 2 and said in refused.output
        assert "Traceback" not in refused.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.svg"]    # nothing else written
