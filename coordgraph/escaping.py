"""Text from the data made inert where it is shown: terminals, JSON, Markdown.

Labels, ids and names come from spreadsheets anyone can edit. A label made
of escape sequences could move the cursor and erase lines of a report, set a
terminal's title or its clipboard; one with ``|`` or a newline could add a
row to a Markdown table. The functions here are pure and cheap, and every
report applies them to the data values it inserts.

The regular expressions are compiled on first use: their character classes
(surrogates, bidi controls) take milliseconds to compile, and most commands
never print a value that needs them.
"""

import re
from functools import cache

# C0 and C1 controls and DEL, lone surrogates, line and paragraph separators,
# and the bidirectional overrides and isolates (they can reorder what is
# shown after them, "Trojan Source").
_CONTROLS = ("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
             "\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# The same, except the line breaks a report puts between its own lines.
_CONTROLS_BUT_NEWLINE = _CONTROLS.replace("\x00-\x1f", "\x00-\x09\x0b-\x1f")
# What json.dumps(ensure_ascii=False) leaves raw: all the above but C0.
_JSON_RAW_CONTROLS = _CONTROLS.replace("\x00-\x1f", "")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


@cache
def _compiled(pattern: str) -> re.Pattern:
    """``pattern`` compiled once, when first needed.

    >>> _compiled(_BREAKS).sub(" ", "a\\r\\nb")
    'a b'
    """
    return re.compile(pattern)


def _escape(match: re.Match) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def escape_controls(text) -> str:
    """``text`` with every control character shown escaped, as Python would.

    ESC shows as ``\\x1b``, a newline as ``\\n``, a right-to-left override as
    ``\\u202e``: a value can neither drive the terminal nor add a line to a
    report. Everything else, accents and scripts included, is kept.

    >>> print(escape_controls("HCT\\x1b[2K\\x1b[1A\\rfake\\nline\\x07\\x9b"))
    HCT\\x1b[2K\\x1b[1A\\rfake\\nline\\x07\\x9b
    >>> escape_controls("Coordinación — تنسيق")
    'Coordinación — تنسيق'
    """
    text = str(text)
    if text.isprintable():   # every character escaped here is unprintable
        return text
    return _compiled(_CONTROLS).sub(_escape, text)


def escape_terminal_output(text: str) -> str:
    """A whole report made safe for a terminal, its own line breaks kept.

    The last line of defence where the command line prints text: reports
    escape their values already, so this normally changes nothing.

    >>> escape_terminal_output("a\\x1b]0;title\\x07\\nb\\n")
    'a\\\\x1b]0;title\\\\x07\\nb\\n'
    """
    if text.replace("\n", "").isprintable():   # the common case: nothing to escape
        return text
    return _compiled(_CONTROLS_BUT_NEWLINE).sub(_escape, text)


def escape_json_output(text: str) -> str:
    """JSON text with the controls ``json.dumps`` keeps raw escaped too.

    ``json.dumps(..., ensure_ascii=False)`` escapes only U+0000-U+001F; DEL,
    the C1 controls (``\\x9b`` is a terminal's CSI), separators and bidi
    overrides are written as they are. They can only occur inside strings,
    where ``\\uXXXX`` means the same character: the data read back is equal.

    >>> import json
    >>> escape_json_output(json.dumps("a\\x9b2J\\u202e", ensure_ascii=False))
    '"a\\\\u009b2J\\\\u202e"'
    """
    return _compiled(_JSON_RAW_CONTROLS).sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# --- Markdown ---------------------------------------------------------------

# Characters that can start Markdown syntax inline: emphasis, code, links,
# images, HTML, entities, headings, table cells, strikethrough, math.
_MARKDOWN_SPECIAL = r"([\\`*_\[\]<>#|~&$!])"
# A line starting with these is a list item, a quote or a setext heading.
_LINE_START = r"^(\d{1,9}(?=[.)])|(?=[-+=]))"
# Bare URLs GitHub turns into links.
_AUTOLINK = r"(?i)(?<=[a-z])(?=://)|(?<=www)(?=\.)"
_BREAKS = r"[\r\n\u2028\u2029\x0b\x0c\x85]+"


def markdown_text(text) -> str:
    """``text`` as literal inline Markdown: in a heading, a paragraph or a
    table cell it shows as written and adds no row, heading, link, HTML or
    emphasis.

    Line breaks become spaces; Markdown's special characters are escaped with
    a backslash; control characters are shown escaped.

    >>> print(markdown_text("R&D | <b>x</b>\\n# [a](http://b) *c*"))
    R\\&D \\| \\<b\\>x\\</b\\> \\# \\[a\\](http\\://b) \\*c\\*
    >>> print(markdown_text("1. first"))
    1\\. first
    """
    text = _compiled(_BREAKS).sub(" ", str(text))
    text = _compiled(_MARKDOWN_SPECIAL).sub(r"\\\1", escape_controls(text))
    text = _compiled(_AUTOLINK).sub("\\\\", text)
    return _compiled(_LINE_START).sub(lambda m: m.group() + "\\" if m.group() else "\\", text)


def markdown_code(text) -> str:
    """``text`` as an inline code span in a table cell: shown exactly, in a
    fence of backticks longer than any run inside it, with ``|`` escaped
    (GitHub splits cells before it reads code spans). Meant for ids, which
    hold no backslash: a backslash right before a ``|`` would show doubled.

    >>> print(markdown_code("a|b"))
    `a\\|b`
    >>> print(markdown_code("x`y"))
    ``x`y``
    """
    text = escape_controls(_compiled(_BREAKS).sub(" ", str(text))).replace("|", "\\|")
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


# --- Spreadsheets -----------------------------------------------------------

# A cell starting with one of these is a formula (or DDE) for Excel,
# LibreOffice or Google Sheets; the full-width forms count in some locales.
_FORMULA_START = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


def neutralise(cell: str) -> str:
    """A spreadsheet cell that cannot run as a formula: prefix ``'`` when the
    text (after leading spaces) starts with ``=``, ``+``, ``-``, ``@``, tab or
    CR.

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-1"), neutralise("HCT")
    ('\\'=HYPERLINK("http://x")', "'-1", 'HCT')
    """
    stripped = cell.lstrip(" ")
    if cell and (cell[0] in _FORMULA_START or (stripped and stripped[0] in _FORMULA_START)):
        return "'" + cell
    return cell
