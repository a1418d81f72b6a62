"""`coordgraph brief`: the files read back as office tools read them.

DOCX through python-docx, PDF through pypdf, Markdown parsed back as a
table; the bundled framework, the Nortavia example and changes since a
template or an older folder.
"""

import html
import re
import subprocess
import sys
from pathlib import Path

import docx
import pypdf
import pytest

import coordgraph
from coordgraph.briefing import make_brief
from coordgraph.briefing.content import MARGIN, PAGES, seat_rows
from coordgraph.briefing.drawing import MIN_TEXT
from coordgraph.cli import cli
from coordgraph.rendering.png import resolution

ROOT = Path(__file__).resolve().parents[1]
NORTAVIA = ROOT / "examples" / "nortavia"
POINTS_PER_EMU = 1 / 12700


def _brief(runner, tmp_path, *args, name="brief.docx"):
    target = tmp_path / name
    result = runner.invoke(cli, ["brief", *args, "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target


def _platform_labels(graph, lang="en"):
    return [n.label_in(lang) for n in graph.nodes.values() if n.is_platform and n.is_active]


# ---------------------------------------------------------------- docx

@pytest.mark.parametrize("data", [None, NORTAVIA])
def test_docx_table_has_one_row_per_platform_in_use(runner, tmp_path, data):
    args = ["--data", str(data)] if data else []
    document = docx.Document(_brief(runner, tmp_path, *args))
    graph = coordgraph.load(data)
    table = document.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header == ["Platform", "Lead", "Co-lead", "IOM seat holder", "Person",
                      "Alternate", "Location"]
    platforms = [row.cells[0].text for row in table.rows[1:]]
    assert sorted(platforms) == sorted(_platform_labels(graph))
    assert document.paragraphs[0].text == graph.context.name


def test_docx_puts_expected_platforms_without_the_org_first(runner, tmp_path):
    document = docx.Document(_brief(runner, tmp_path, "--data", str(NORTAVIA)))
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows[1:]]
    assert [r[0] for r in rows[:2]] == ["Health Cluster", "Protection Cluster East"]
    assert all("no IOM seat" in r[3] for r in rows[:2])
    assert not any("no IOM seat" in r[3] for r in rows[2:])
    hct = next(r for r in rows if r[0] == "Humanitarian Country Team (HCT)")
    assert hct[3:5] == ["Chief of Mission", "Helena Marsh"]


@pytest.mark.parametrize("page", ["a4", "letter-landscape"])
def test_docx_picture_fits_inside_the_margins(runner, tmp_path, page, write_context):
    folder = write_context(
        [{"id": "hct", "kind": "platform", "label": "HCT"},
         {"id": "iccg", "kind": "platform", "label": "ICCG"},
         {"id": "com", "kind": "role", "label": "Chief of Mission", "person": "Ana"}],
        [{"source": "iccg", "target": "hct", "relation": "escalation"},
         {"source": "com", "target": "hct", "relation": "membership"}],
        context='name = "Small"\nas_of = 2026-01-05\n')
    document = docx.Document(_brief(runner, tmp_path, "--data", str(folder), "--page", page))
    section = document.sections[0]
    assert (section.page_width * POINTS_PER_EMU,
            section.page_height * POINTS_PER_EMU) == pytest.approx(PAGES[page], abs=0.5)
    [shape] = document.inline_shapes
    usable = (section.page_width - section.left_margin - section.right_margin)
    assert 0 < shape.width <= usable
    assert shape.height * POINTS_PER_EMU <= section.page_height * POINTS_PER_EMU / 2
    png = document.part.related_parts[
        shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
    assert resolution(png) == pytest.approx((144, 144), abs=1)
    assert document.paragraphs[1].text == "as of 5 January 2026"


# ---------------------------------------------------------------- pdf

def _pdf(path):
    reader = pypdf.PdfReader(path)
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_of_the_bundled_framework_is_one_page_with_selectable_text(runner, tmp_path):
    target = _brief(runner, tmp_path, "--format", "pdf", name="brief.pdf")
    reader, text = _pdf(target)
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (width, height) == pytest.approx(PAGES["a4"], abs=0.5)
    graph = coordgraph.load()
    flat = " ".join(text.split())
    assert graph.context.name in flat
    for label in _platform_labels(graph):
        assert " ".join(label.split()) in flat
    assert "Findings and what to do" in flat


def test_pdf_drawing_is_vector(runner, tmp_path):
    target = _brief(runner, tmp_path, "--format", "pdf", name="brief.pdf")
    page = pypdf.PdfReader(target).pages[0]
    objects = page["/Resources"].get("/XObject", {})
    images = [k for k, v in objects.items() if v.get_object().get("/Subtype") == "/Image"]
    assert images == []
    # the drawing's own words are text, besides the table's
    text = page.extract_text()
    assert text.count("Humanitarian Country") >= 2


def test_pdf_of_a_long_table_continues_on_a_second_page_at_most(runner, tmp_path):
    target = _brief(runner, tmp_path, "--data", str(NORTAVIA), "--format", "pdf",
                    name="brief.pdf")
    reader, text = _pdf(target)
    assert 1 <= len(reader.pages) <= 2
    flat = " ".join(text.split())
    for label in _platform_labels(coordgraph.load(NORTAVIA)):
        assert " ".join(label.split()) in flat


# ---------------------------------------------------------------- md

def _table(markdown: str) -> list[list[str]]:
    lines = [line for line in markdown.splitlines() if line.startswith("| ")]
    return [[cell.strip().replace("\\", "") for cell in line.strip("|").split(" | ")]
            for line in lines]


@pytest.mark.parametrize("data", [None, NORTAVIA])
def test_markdown_table_parses_back(runner, tmp_path, data):
    args = ["--data", str(data)] if data else []
    target = _brief(runner, tmp_path, *args, "--format", "md", name="brief.md")
    graph = coordgraph.load(data)
    rows = _table(target.read_text(encoding="utf-8"))
    assert rows[0][0] == "Platform"
    expected = seat_rows(graph, "IOM")
    assert [r[0] for r in rows[1:]] == [r.platform for r in expected]
    assert all(len(r) == 7 for r in rows)


def test_markdown_picture_is_a_png_beside_it(runner, tmp_path):
    target = _brief(runner, tmp_path, "--format", "md", name="brief.md")
    text = target.read_text(encoding="utf-8")
    assert "![" in text and "](brief.png)" in text
    png = (tmp_path / "brief.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and resolution(png) is not None


# ---------------------------------------------------------------- drawing

def test_drawing_text_is_never_below_7_pt():
    for data in (None, NORTAVIA):
        for page in PAGES:
            brief = make_brief(coordgraph.load(data), page_name=page)
            if brief.picture is None:
                assert "7 pt" in brief.picture_note
                continue
            assert brief.picture.smallest_text >= MIN_TEXT
            assert brief.picture.width <= PAGES[page][0] - 2 * MARGIN + 0.01


def test_a_small_structure_is_drawn_whole(write_context):
    folder = write_context(
        [{"id": "hct", "kind": "platform", "label": "HCT"},
         {"id": "iccg", "kind": "platform", "label": "ICCG"}],
        [{"source": "iccg", "target": "hct", "relation": "escalation"}])
    brief = make_brief(coordgraph.load(folder))
    assert brief.picture.caption == "Coordination platforms"


# ---------------------------------------------------------------- since

def test_since_a_template_names_seats_gained_by_label(runner, tmp_path):
    target = _brief(runner, tmp_path, "--data", str(NORTAVIA), "--since", "generic",
                    "--format", "md", name="brief.md")
    text = target.read_text(encoding="utf-8")
    assert "## What changed since Generic coordination framework" in text
    assert "Seat gained: CCCM Programme Manager (Oskar Lind) at Camp Coordination / " \
           "Management Cluster" in text.replace("\\", "")


def _two_versions(write_context):
    platforms = [{"id": "hct", "kind": "platform", "label": "HCT"},
                 {"id": "shl", "kind": "platform", "label": "Shelter Cluster",
                  "lead": "UNHCR", "co_lead": "", "status": "active"},
                 {"id": "edu", "kind": "platform", "label": "Education Cluster",
                  "status": "active"},
                 {"id": "nut", "kind": "platform", "label": "Nutrition Cluster",
                  "status": "inactive"}]
    roles = [{"id": "com", "kind": "role", "label": "Chief of Mission", "person": "Ana"},
             {"id": "spm", "kind": "role", "label": "Shelter Programme Manager"}]
    edges = [{"source": "com", "target": "hct", "relation": "membership"},
             {"source": "spm", "target": "edu", "relation": "membership"}]
    old = write_context(platforms + roles, edges, name="old")
    changed = [dict(p) for p in platforms]
    changed[1].update(lead="IFRC", co_lead="IOM")
    changed[2]["status"] = "inactive"
    changed[3]["status"] = "active"
    new = write_context(changed + roles,
                        edges[:1] + [{"source": "spm", "target": "shl",
                                      "relation": "membership"}], name="new")
    return old, new


def test_since_an_older_folder_says_what_changed(runner, tmp_path, write_context):
    old, new = _two_versions(write_context)
    target = _brief(runner, tmp_path, "--data", str(new), "--since", str(old),
                    "--format", "md", name="brief.md")
    text = target.read_text(encoding="utf-8").replace("\\", "")
    changes = text.split("## What changed since")[1].split("##")[0]
    for line in ("Activated: Nutrition Cluster",
                 "No longer applies (deactivated): Education Cluster",
                 "Seat gained: Shelter Programme Manager at Shelter Cluster",
                 "Seat lost: Shelter Programme Manager at Education Cluster",
                 "UNHCR no longer lead of Shelter Cluster",
                 "IFRC now lead of Shelter Cluster",
                 "IOM now co-lead of Shelter Cluster"):
        assert f"- {line}" in changes
    assert changes.count("Seat lost") == 1
    assert "Education Cluster" not in text.split("## Who sits where")[1]


def test_since_nothing_changed(runner, tmp_path):
    target = _brief(runner, tmp_path, "--since", "generic", "--format", "md",
                    name="brief.md")
    assert "Nothing that this brief shows has changed." in target.read_text(encoding="utf-8")


# ---------------------------------------------------------------- lang

def test_french_brief_translates_headings_and_labels(runner, tmp_path):
    target = _brief(runner, tmp_path, "--data", str(NORTAVIA), "--lang", "fr",
                    "--format", "md", name="note.md")
    text = target.read_text(encoding="utf-8").replace("\\", "")
    assert "## Qui siège où" in text and "## Constats et actions" in text
    assert "au 1er novembre 2026" in text
    assert "| Équipe humanitaire pays (EHP) |" in text
    assert "Aucun représentant de l'OIM" in text
    assert "Who sits where" not in text and "Findings" not in text


def _segments(text: str) -> set[str]:
    """The phrases of a brief's text: cut at punctuation and markup, kept
    when they have two words or more (one word may be a label or a name)."""
    text = html.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", "\n", text, flags=re.S))
    text = text.replace("\\", "")
    text = re.sub(r"coordgraph render[^;\n]*", "\n", text)     # commands are not words
    pieces = re.split(r"\s*(?:\||\*\*|\*|—|·|#+|\n|: |\. |; |\(|\)|, |→)\s*", text)
    return {p.strip(" .…:-") for p in pieces if len(p.strip(" .…:-").split()) >= 2}


def _data_texts(*graphs) -> set[str]:
    """What the data says, in any language: labels, people, places, names."""
    found = set()
    for graph in graphs:
        found |= {graph.context.name, graph.context.country}
        for node in graph.nodes.values():
            found |= {node.label, node.label_in("fr"), node.label_in("es"), node.person,
                      node.location, *node.leads, *node.co_leads}
    found = {text for text in found if text}
    return found.union(*(_segments(text) for text in found))


@pytest.mark.parametrize("lang", ["fr", "es"])
@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_the_whole_brief_is_translated(runner, tmp_path, lang, fmt):
    def text_of(path):
        if fmt == "docx":
            document = docx.Document(path)
            cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
            return "\n".join([p.text for p in document.paragraphs] + cells)
        return path.read_text(encoding="utf-8")

    args = ["--data", str(NORTAVIA), "--since", "generic", "--format", fmt]
    english = text_of(_brief(runner, tmp_path, *args, name=f"en.{fmt}"))
    other = text_of(_brief(runner, tmp_path, *args, "--lang", lang, name=f"{lang}.{fmt}"))
    data = _data_texts(coordgraph.load(NORTAVIA), coordgraph.load("generic"))
    phrases = {p for p in _segments(english) - data
               if not re.fullmatch(r"[\d\s]+\w*", p)}
    assert len(phrases) > 30                 # the English brief has phrases to compare
    assert sorted(p for p in phrases if p in _segments(other)) == []


def test_spanish_docx(runner, tmp_path):
    document = docx.Document(_brief(runner, tmp_path, "--data", str(NORTAVIA),
                                    "--lang", "es"))
    assert document.tables[0].rows[0].cells[0].text == "Plataforma"
    texts = [p.text for p in document.paragraphs]
    assert "Quién se sienta dónde" in texts


# ---------------------------------------------------------------- mistakes

def test_default_output_is_output_brief_docx(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["brief"])
    assert result.exit_code == 0, result.output
    assert docx.Document(tmp_path / "output" / "brief.docx").tables


@pytest.mark.parametrize("args, message", [
    (["-o", "brief.txt"], "cannot tell the format"),
    (["-o", "brief.pdf", "--format", "docx"], "the file name says pdf"),
    (["--since", "generc"], "did you mean 'generic'"),
    (["--page", "a5"], "Invalid value for '--page'"),
    (["-o", "-", "--format", "md"], "give -o a file name"),
])
def test_usage_mistakes_exit_2_and_write_nothing(runner, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["brief", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert list(tmp_path.iterdir()) == []


def test_refuses_to_write_over_an_input(runner, write_context):
    folder = write_context([{"id": "hct", "kind": "platform", "label": "HCT"}], [])
    before = (folder / "nodes.csv").read_bytes()
    result = runner.invoke(cli, ["brief", "--data", str(folder), "--format", "md",
                                 "-o", str(folder / "nodes.csv")])
    assert result.exit_code == 2
    assert "refusing to write over the input file" in result.output
    assert (folder / "nodes.csv").read_bytes() == before


def test_missing_python_docx_says_how_to_install(tmp_path):
    # A real process in which python-docx cannot be imported.
    code = ("import sys; sys.modules['docx'] = None; sys.argv = ['coordgraph', 'brief', "
            f"'-o', {str(tmp_path / 'b.docx')!r}]; from coordgraph.cli import main; main()")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2
    assert "pip install 'coordgraph[brief]'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "b.docx").exists()


def test_library_brief_is_plain_data():
    brief = make_brief(coordgraph.load(NORTAVIA), drawing=False)
    assert brief.picture is None and brief.picture_note == ""
    assert brief.rows[0].missing and brief.rows[0].platform == "Health Cluster"
    assert brief.summary == "2 errors to act on, 7 warnings to check"
    assert len(brief.findings) + brief.findings_left == 9


def test_landscape_draws_the_whole_small_structure_within_two_pages(runner, tmp_path):
    brief = make_brief(coordgraph.load(), page_name="a4-landscape")
    assert brief.picture.caption == "Coordination platforms"
    assert brief.picture.smallest_text >= MIN_TEXT
    target = _brief(runner, tmp_path, "--page", "a4-landscape", "--format", "pdf",
                    name="brief.pdf")
    reader, text = _pdf(target)
    assert len(reader.pages) == 2
    assert "Security Management Team" in reader.pages[0].extract_text()   # in the drawing


@pytest.mark.parametrize("page", list(PAGES))
def test_a_long_table_ends_on_the_second_page_whatever_the_page(runner, tmp_path, page):
    target = _brief(runner, tmp_path, "--data", str(NORTAVIA), "--page", page,
                    "--format", "pdf", name="brief.pdf")
    assert len(pypdf.PdfReader(target).pages) == 2


def test_drawings_stay_plain_svg_after_a_pdf_brief(runner, tmp_path):
    # WeasyPrint changes ElementTree's global namespace prefixes when imported.
    _brief(runner, tmp_path, "--format", "pdf", name="brief.pdf")
    import weasyprint.pdf.metadata  # noqa: F401

    svg = coordgraph.render(coordgraph.load(), format="svg")
    assert b"<svg " in svg and b"ns0:" not in svg
