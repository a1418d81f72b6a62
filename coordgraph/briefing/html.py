"""A brief as one offline HTML page, printable to one page (CSS ``@page``).

The drawing is inlined as an SVG data URI (vector, no external file, no
clash of ids with the page); all text from the data is HTML-escaped.
"""

import base64
from html import escape

#: The page's style; ``{width}``, ``{height}`` and ``{margin}`` are points.
CSS = """\
@page {{ size: {width}pt {height}pt; margin: {margin}pt; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif;
       font-size: 8.5pt; line-height: 1.25; color: #1b2433; margin: 0; }}
@media screen {{ body {{ max-width: {text_width}pt; margin: 1.5em auto; }} }}
h1 {{ font-size: 15pt; margin: 0; }}
.subtitle {{ color: #4a5568; font-size: 9pt; margin: 1pt 0 4pt; }}
h2 {{ font-size: 10pt; margin: 6pt 0 2pt; padding-bottom: 1pt;
      border-bottom: 0.75pt solid #9aa5b5; }}
figure {{ margin: 2pt 0 0; }}
figure img {{ display: block; }}
figcaption, .note-line {{ font-size: 7.5pt; color: #4a5568; }}
ul {{ margin: 0; padding-left: 11pt; }}
li {{ margin: 0.5pt 0; }}
.error {{ color: #b00020; font-weight: bold; }}
.todo {{ color: #1b2433; }}
table {{ border-collapse: collapse; width: 100%; font-size: 7.5pt; margin-top: 2pt; }}
thead {{ display: table-header-group; }}
th, td {{ border: 0.5pt solid #b8c0cc; padding: 1.2pt 3pt; text-align: left;
          vertical-align: top; }}
th {{ background: #e8edf4; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
tr.missing td {{ background: #fde8ea; }}
.flag {{ color: #b00020; font-weight: bold; }}
.quiet {{ color: #6b7585; }}
"""


def css(brief) -> str:
    """The page's CSS for the brief's page size."""
    sheet = brief.page
    return CSS.format(width=round(sheet.width, 2), height=round(sheet.height, 2),
                      margin=round(sheet.margin, 2), text_width=round(sheet.text_width, 2))


def html_page(brief) -> str:
    """The whole page: one string, with its CSS and drawing inline.

    >>> import coordgraph
    >>> from coordgraph.briefing.content import brief_content
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "hct", "kind": "platform", "label": "<HCT>"}], edges=[])
    >>> page = html_page(brief_content(g, coordgraph.check(g)))
    >>> "&lt;HCT&gt;" in page and "<HCT>" not in page
    True
    """
    return (f'<!DOCTYPE html>\n<html lang="{escape(brief.lang)}">\n<head>\n'
            f'<meta charset="utf-8">\n<title>{escape(brief.title)}</title>\n'
            f'<style>\n{css(brief)}</style>\n</head>\n<body>\n{body(brief)}</body>\n</html>\n')


def body(brief) -> str:
    """The page's body: title, drawing, findings, changes, table."""
    parts = [f"<h1>{escape(brief.title)}</h1>"]
    if brief.subtitle:
        parts.append(f'<p class="subtitle">{escape(brief.subtitle)}</p>')
    parts.append(_picture(brief))
    parts.append(_findings(brief))
    if brief.changes is not None:
        parts.append(_changes(brief))
    parts.append(_table(brief))
    return "\n".join(p for p in parts if p) + "\n"


def _picture(brief) -> str:
    picture = brief.picture
    if picture is None:
        return (f'<p class="note-line">{escape(brief.picture_note)}</p>'
                if brief.picture_note else "")
    data = base64.b64encode(picture.svg).decode("ascii")
    return (f'<figure><img src="data:image/svg+xml;base64,{data}" '
            f'alt="{escape(picture.caption)}" '
            f'style="width:{picture.width}pt;height:{picture.height}pt">'
            f"<figcaption>{escape(picture.caption)}</figcaption></figure>")


def _findings(brief) -> str:
    words = brief.words
    items = []
    for line in brief.findings:
        mark = ' class="error"' if line.severity == "error" else ""
        about = f" — {escape(line.about)}" if line.about else ""
        todo = (f' <span class="todo">{escape(words["to_do"])} {escape(line.action)}</span>'
                if line.action else "")
        items.append(f"<li><span{mark}>{escape(line.title)}</span>{about}.{todo}</li>")
    if brief.findings_left:
        items.append(f'<li class="quiet">{escape(words["more"].format(n=brief.findings_left))}'
                     "</li>")
    listing = f"<ul>{''.join(items)}</ul>" if items else ""
    return (f"<h2>{escape(brief.headings['findings'])}</h2>"
            f"<p>{escape(brief.summary)}</p>{listing}")


def _changes(brief) -> str:
    words = brief.words
    items = [f"<li>{escape(text)}</li>" for text in brief.changes]
    if brief.changes_left:
        items.append(f'<li class="quiet">'
                     f'{escape(words["more_changes"].format(n=brief.changes_left))}</li>')
    listing = f"<ul>{''.join(items)}</ul>" if items else f"<p>{escape(words['no_changes'])}</p>"
    return f"<h2>{escape(brief.headings['changes'])}</h2>{listing}"


def _table(brief) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in brief.headings["columns"])
    rows = []
    for row in brief.rows:
        holder = escape(row.holder)
        if row.note:
            flag = "flag" if row.missing else "quiet"
            note = f'<span class="{flag}">{escape(row.note)}</span>'
            holder = (holder + " " if holder else "") + note
        cells = [escape(row.platform), escape(row.lead), escape(row.co_lead), holder,
                 escape(row.person), escape(row.alternate), escape(row.location)]
        mark = ' class="missing"' if row.missing else ""
        rows.append(f"<tr{mark}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (f"<h2>{escape(brief.headings['table'])}</h2>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
