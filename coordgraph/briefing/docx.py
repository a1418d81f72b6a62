"""A brief as a Word document (python-docx): opens in Word and LibreOffice.

The drawing goes in as PNG at the size chosen for the page (Word takes SVG
only with a PNG fallback, which python-docx cannot write); the page size,
orientation and margins are the brief's page.
"""

import io

from .libraries import missing_library

#: Share of the text width each column of the table takes: platform, lead,
#: co-lead, seat holder, person, alternate, location (names are short,
#: posts and platforms long).
COLUMN_SHARES = (0.21, 0.08, 0.09, 0.24, 0.14, 0.15, 0.09)


def docx_bytes(brief) -> bytes:
    """The .docx file of ``brief``.

    Raises :class:`~coordgraph.errors.UsageError` when python-docx is missing.
    """
    try:
        import docx
        from docx.enum.section import WD_ORIENT
        from docx.shared import Pt, RGBColor
    except ImportError:
        raise missing_library("python-docx", "python-docx") from None

    document = docx.Document()
    section = document.sections[0]
    sheet = brief.page
    section.orientation = WD_ORIENT.LANDSCAPE if sheet.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Pt(sheet.width), Pt(sheet.height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Pt(sheet.margin))
    normal = document.styles["Normal"]
    normal.font.name = "Liberation Sans"
    normal.font.size = Pt(8.5)
    normal.paragraph_format.space_after = Pt(1)
    red = RGBColor(0xB0, 0x00, 0x20)
    grey = RGBColor(0x4A, 0x55, 0x68)

    document.core_properties.title = brief.title
    _text(document, brief.title, Pt(15), bold=True)
    if brief.subtitle:
        _text(document, brief.subtitle, Pt(9), color=grey)
    if brief.picture is not None:
        document.add_picture(io.BytesIO(brief.picture.png), width=Pt(brief.picture.width),
                             height=Pt(brief.picture.height))
        _text(document, brief.picture.caption, Pt(7.5), color=grey)
    elif brief.picture_note:
        _text(document, brief.picture_note, Pt(7.5), color=grey)

    words = brief.words
    _heading(document, brief.headings["findings"])
    _text(document, brief.summary, Pt(8.5))
    for line in brief.findings:
        paragraph = document.add_paragraph(style="List Bullet")
        title = paragraph.add_run(line.title)
        if line.severity == "error":
            title.bold, title.font.color.rgb = True, red
        paragraph.add_run((f" — {line.about}" if line.about else "") + ". ")
        if line.action:
            paragraph.add_run(f"{words['to_do']} {line.action}")
        _tight(paragraph)
    if brief.findings_left:
        _tight(document.add_paragraph(words["more"].format(n=brief.findings_left),
                                      style="List Bullet"))
    if brief.changes is not None:
        _heading(document, brief.headings["changes"])
        for text in brief.changes or [words["no_changes"]]:
            _tight(document.add_paragraph(text, style="List Bullet"))
        if brief.changes_left:
            _tight(document.add_paragraph(words["more_changes"].format(n=brief.changes_left),
                                          style="List Bullet"))

    _heading(document, brief.headings["table"])
    columns = brief.headings["columns"]
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.autofit = False
    widths = [Pt(brief.page.text_width * share) for share in COLUMN_SHARES]
    for cell, name in zip(table.rows[0].cells, columns, strict=True):
        _cell(cell, name, bold=True)
    _repeat_header(table.rows[0])
    for row in brief.rows:
        cells = table.add_row().cells
        holder = row.holder + (f" {row.note}" if row.holder and row.note else row.note)
        values = (row.platform, row.lead, row.co_lead, holder, row.person, row.alternate,
                  row.location)
        for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
            _cell(cell, value, color=red if row.missing and index == 3 else None)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row_cells in table.rows:
        # Writer and Word honour the cells' widths, not the columns' alone
        for cell, width in zip(row_cells.cells, widths, strict=True):
            cell.width = width
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _text(document, text, size, bold=False, color=None):
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.font.size, run.bold = size, bold
    if color is not None:
        run.font.color.rgb = color
    return _tight(paragraph)


def _heading(document, text):
    from docx.shared import Pt

    paragraph = _text(document, text, Pt(10), bold=True)
    paragraph.paragraph_format.space_before = Pt(5)
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def _tight(paragraph):
    from docx.shared import Pt

    paragraph.paragraph_format.space_after = Pt(1)
    return paragraph


def _cell(cell, text, bold=False, color=None):
    from docx.shared import Pt

    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.font.size, run.bold = Pt(7.5), bold
    if color is not None:
        run.font.color.rgb = color
    paragraph.paragraph_format.space_after = Pt(0)


def _repeat_header(row):
    """Repeat the header row on the next page when the table continues."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
