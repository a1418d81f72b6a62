"""The furniture of a drawing: its title block, and a legend of what it uses.

The legend explains every style the drawing uses and only those: the
builder passes the set of style keys it used (see
:data:`~coordgraph.rendering.styles.LEGEND_ORDER`) and the numbered
conditions. Both return HTML-like labels; data text goes through
:func:`~coordgraph.rendering.quoting.html_text`.
"""

import textwrap

from . import styles
from .quoting import html_text, shorten

NOTE_WRAP = 64
NOTE_MAX = 600   # characters of one condition shown; the edge's tooltip has it all
_INDENT = "\u00a0" * 6   # continuation lines of a note start under its text
#: Bytes the legend's label may take (Graphviz rejects labels over 16,384).
LEGEND_BUDGET = 14_000


def title_label(title: str, subtitle: str, warnings: list) -> str:
    """The graph's label: the title, and a grey subtitle under it."""
    rows = [f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{styles.TITLE_SIZE}" '
            f'COLOR="{styles.INK}"><B>{html_text(title, warnings, "the title", 2000)}</B>'
            '</FONT></TD></TR>']
    if subtitle:
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{styles.SUBTITLE_SIZE}" '
                    f'COLOR="{styles.GREY}">{html_text(subtitle, warnings, "the subtitle", 2000)}'
                    '</FONT></TD></TR>')
    return f'<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2">{"".join(rows)}</TABLE>>'


def legend_label(keys, notes, words, org: str, warnings: list,
                 small: str = styles.SMALL, flow: int | None = None) -> str:
    """The legend: what the boxes and marks mean, what the lines mean, the conditions.

    One row per style key used, in two columns (boxes and marks; lines),
    then the numbered conditions. ``notes`` is a list of ``(number, text)``;
    ``small`` the size of the samples' small text. ``flow``, for a page,
    pours the rows (boxes, then lines) into that many columns of even
    length: a shorter legend, and a taller drawing's text is larger.

    >>> from coordgraph.rendering.i18n import words
    >>> label = legend_label({"org_role", "alternate", "conditional"}, [(1, "if <b>")],
    ...                      words("en"), "IOM", [])
    >>> "IOM role" in label, "Alternate" in label, "Observer" in label, "if &lt;b&gt;" in label
    (True, True, False, True)
    >>> flowed = legend_label({"org_role", "other_role", "alternate"}, [], words("en"), "IOM",
    ...                       [], flow=3)
    >>> flowed.count("<TR>"), label.count("<TR>")
    (2, 5)
    """
    legend = words.legend
    columns = [[(_sample(key, words, org, small),
                 f'<TD ALIGN="LEFT">{html_text(legend[key].format(org=org), warnings)}</TD>')
                for key in group if key in keys]
               for group in (styles.LEGEND_BOXES, styles.LEGEND_LINES)]
    columns = [column for column in columns if column]
    if flow:
        rows = [row for column in columns for row in column]
        length = -(-len(rows) // flow) if rows else 0
        columns = [rows[i:i + length] for i in range(0, len(rows), length or 1)]
    span = 2 * max(len(columns), 1)
    parts = [f'<TR><TD COLSPAN="{span}" ALIGN="LEFT"><B>{html_text(legend["title"])}</B></TD></TR>']
    for line in range(max((len(c) for c in columns), default=0)):
        cells = [("".join(column[line]) if line < len(column) else '<TD></TD><TD></TD>')
                 for column in columns]
        parts.append(f'<TR>{"".join(cells)}</TR>')
    if notes:
        parts.append(f'<TR><TD COLSPAN="{span}" ALIGN="LEFT"><B>{html_text(legend["notes"])}'
                     '</B></TD></TR>')
        used = sum(len(part.encode("utf-8")) for part in parts)
        for position, (number, condition) in enumerate(notes):
            lines = textwrap.wrap(shorten(condition, NOTE_MAX)[0], NOTE_WRAP) or [""]
            text = f'<BR ALIGN="LEFT"/>{_INDENT}'.join(html_text(line, warnings) for line in lines)
            # The left-to-right mark keeps "[n]" on the left of a right-to-left note.
            row = (f'<TR><TD COLSPAN="{span}" ALIGN="LEFT" BALIGN="LEFT">'
                   f'[{number}]\u200e {text}<BR ALIGN="LEFT"/></TD></TR>')
            used += len(row.encode("utf-8"))
            if used > LEGEND_BUDGET:
                # Graphviz takes no label over 16,384 bytes: the rest stay in tooltips.
                rest = len(notes) - position
                more = legend["more_notes"].format(n=rest)
                parts.append(f'<TR><TD COLSPAN="{span}" ALIGN="LEFT">{html_text(more)}</TD></TR>')
                warnings.append(f"the legend lists {position} of {len(notes)} conditions; "
                                "each numbered line's tooltip has its own")
                break
            parts.append(row)
    return (f'<<TABLE BORDER="1" COLOR="{styles.STRUCTURE_LINE}" CELLBORDER="0" '
            f'CELLSPACING="0" CELLPADDING="4" BGCOLOR="{styles.PAPER}">{"".join(parts)}</TABLE>>')


def _sample(key: str, words, org: str, small: str = styles.SMALL) -> str:
    """The left cell of a legend row: a small box, a badge or a line of glyphs."""
    box = '<TD WIDTH="34" HEIGHT="16" BORDER="1" STYLE="rounded" '
    if key == "platform":
        return box + f'BGCOLOR="{styles.PAPER}" COLOR="{styles.INK}"> </TD>'
    if key == "led_outline":   # as on the drawing: a thick outline in the org's colour
        return ('<TD WIDTH="34" HEIGHT="16" BORDER="3" STYLE="rounded" '
                f'BGCOLOR="{styles.PAPER}" COLOR="{styles.IOM_BLUE}"> </TD>')
    if key == "structure":
        return box + f'BGCOLOR="{styles.STRUCTURE_FILL}" COLOR="{styles.STRUCTURE_LINE}"> </TD>'
    if key == "org_role":
        return box + f'BGCOLOR="{styles.IOM_BLUE}" COLOR="{styles.IOM_BLUE}"> </TD>'
    if key == "other_role":
        return box + f'BGCOLOR="{styles.OTHER_ROLE_FILL}" COLOR="{styles.GREY}"> </TD>'
    if key == "inactive":
        return box + f'BGCOLOR="{styles.INACTIVE_FILL}" COLOR="{styles.LIGHT_GREY}"> </TD>'
    if key == "planned":
        return ('<TD WIDTH="34" HEIGHT="16" BORDER="1" STYLE="dashed" '
                f'COLOR="{styles.INK}"> </TD>')
    if key == "vacant":   # an empty box, dashed, in the org's colour
        return ('<TD WIDTH="34" HEIGHT="16" BORDER="1" STYLE="dashed" '
                f'BGCOLOR="{styles.PAPER}" COLOR="{styles.IOM_BLUE}"> </TD>')
    if key == "not_expected":
        return ('<TD WIDTH="34" HEIGHT="16" BORDER="1" STYLE="dotted" '
                f'BGCOLOR="{styles.PAPER}" COLOR="{styles.NOT_EXPECTED}"> </TD>')
    if key == "leadership":   # the small line of a platform, the org in bold
        sample = html_text(words.text["lead"].format(orgs=""))
        return (f'<TD><FONT POINT-SIZE="{small}" COLOR="{styles.GREY}">{sample}'
                f'<B><FONT COLOR="{styles.IOM_BLUE}">{html_text(org)}</FONT></B></FONT></TD>')
    if key == "focus":   # a double outline, as on the drawing
        return (f'<TD><TABLE BORDER="1" CELLBORDER="1" CELLSPACING="2" CELLPADDING="0" '
                f'COLOR="{styles.INK}"><TR><TD WIDTH="28" HEIGHT="10" COLOR="{styles.INK}"> '
                '</TD></TR></TABLE></TD>')
    if key in words.badge:   # an error code: the badge itself
        return _badge_cell(words.badge[key].format(org=org, n=2), styles.ERROR, styles.PAPER,
                           small)
    if key == "warning":
        return _badge_cell("▲", styles.WARNING, styles.WARNING_INK, small)
    if key in styles.CHANGE_BADGES:   # --compare: the badge itself
        return _badge_cell(words.compare[key], *styles.CHANGE_BADGES[key], small)
    if key == "conditional":
        return f'<TD><FONT COLOR="{styles.INK}">[n]</FONT></TD>'
    glyphs, colour, bold = styles.EDGE_SAMPLES[key]
    text = f"<B>{glyphs}</B>" if bold else glyphs
    return f'<TD><FONT COLOR="{colour}">{text}</FONT></TD>'


def _badge_cell(text: str, background: str, ink: str, small: str = styles.SMALL) -> str:
    return (f'<TD BGCOLOR="{background}"><FONT POINT-SIZE="{small}" COLOR="{ink}">'
            f'<B>{html_text(text)}</B></FONT></TD>')


def badge_row(text: str, severity: str, warnings: list, small: str = styles.SMALL) -> str:
    """A finding's badge inside a node label: white on red, or ink on amber."""
    background = styles.ERROR if severity == "error" else styles.WARNING
    ink = styles.PAPER if severity == "error" else styles.WARNING_INK
    return (f'<TR><TD BGCOLOR="{background}" CELLPADDING="2"><FONT POINT-SIZE="{small}" '
            f'COLOR="{ink}"><B>{html_text(text, warnings)}</B></FONT></TD></TR>')


def change_badge_row(text: str, mark: str, warnings: list, small: str = styles.SMALL) -> str:
    """A --compare badge inside a node label (``+ new``, ``✕ removed``, ``~ changed: ...``)."""
    background, ink = styles.CHANGE_BADGES[mark]
    return (f'<TR><TD BGCOLOR="{background}" CELLPADDING="2"><FONT POINT-SIZE="{small}" '
            f'COLOR="{ink}"><B>{html_text(text, warnings)}</B></FONT></TD></TR>')
