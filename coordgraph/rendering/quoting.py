"""Turn data text into DOT values that Graphviz shows as text, and nothing else.

pydot writes a value that already starts and ends with ``"`` (or ``<`` and
``>``) unchanged, so every piece of user text reaches pydot through this
module, already quoted and escaped (see the pitfalls notes):

- :func:`clean` normalises to NFC, drops C0/C1 control characters and other
  code points XML cannot carry, and closes unbalanced bidirectional
  overrides so a U+202E in one label cannot reverse the text after it;
- :func:`dot_string` escapes for a double-quoted DOT string (labels) and
  :func:`tooltip_string` for a tooltip, which Graphviz 2.43 unescapes twice;
- :func:`html_text` escapes for an HTML-like label (``<...>``) as ``html.escape``
  does, backslashes doubled.

Graphviz rejects any quoted string over 16,384 bytes: values are cut to
:data:`MAX_BYTES` with a warning appended to the ``warnings`` list given.

>>> dot_string('x"]; evil [URL="javascript:alert(1)" label="y')
'"x\\\\"]; evil [URL=\\\\"javascript:alert(1)\\\\" label=\\\\"y"'
>>> print(dot_string('C:\\\\temp \\\\N & <b>'))
"C:\\\\temp \\\\N &amp; <b>"
>>> print(html_text('<b>x</b> & \\\\N'))
&lt;b&gt;x&lt;/b&gt; &amp; \\\\N
"""

import re
import unicodedata
from functools import cache

#: Graphviz 2.43 fails on a quoted or HTML string above 16,384 bytes.
MAX_BYTES = 16_000
ELLIPSIS = "…"

# Code points XML 1.0 cannot carry or that make text misbehave: C0 controls
# but tab and newline (handled separately), DEL, C1, surrogates and the
# noncharacters U+FDD0..U+FDEF and U+xFFFE/U+xFFFF.
# All of them are unprintable (str.isprintable), so printable text skips
# the expression, compiled on first use (its classes take milliseconds).
_DROP = ("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
         + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}"
                   for plane in range(17))
         + "]")
_EMBEDDINGS = "\u202a\u202b\u202d\u202e"   # LRE RLE LRO RLO, closed by PDF U+202C
_ISOLATES = "\u2066\u2067\u2068"            # LRI RLI FSI, closed by PDI U+2069


def clean(text: str) -> str:
    """Text safe to put in any label: NFC, no controls, bidi controls closed.

    Newlines are kept (CRLF and CR become LF), tabs become spaces.

    >>> clean("a\\x00b\\tc\\r\\nd\\x85")
    'ab c\\nd'
    >>> clean("\\u202eevil") == "\\u202eevil\\u202c"
    True
    """
    text = str(text)
    if text.isascii() and text.isprintable():
        return text   # the common case: nothing to normalise, drop or close
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    if not text.replace("\n", "").isprintable():
        text = _dropper().sub("", text)
    return _close_bidi(text)


@cache
def _dropper() -> re.Pattern:
    return re.compile(_DROP)


def _close_bidi(text: str) -> str:
    if not any(c in text for c in _EMBEDDINGS + _ISOLATES):
        return text
    embeddings = isolates = 0
    for char in text:
        if char in _EMBEDDINGS:
            embeddings += 1
        elif char == "\u202c" and embeddings:
            embeddings -= 1
        elif char in _ISOLATES:
            isolates += 1
        elif char == "\u2069" and isolates:
            isolates -= 1
        elif char == "\n":
            # A paragraph break ends every embedding in the Unicode algorithm.
            embeddings = isolates = 0
    return text + "\u202c" * embeddings + "\u2069" * isolates


def _escape_label(text: str) -> str:
    # Order matters: backslashes first, then what adds backslashes.
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
            .replace("\n", "\\n"))


def _escape_tooltip(text: str) -> str:
    # Graphviz 2.43 unescapes a tooltip twice (once as a string, once for
    # \N \G \L...): a backslash needs four.
    return (text.replace("\\", "\\\\\\\\").replace('"', '\\"').replace("&", "&amp;")
            .replace("\n", "\\n"))


def _escape_html(text: str) -> str:
    # html.escape, without importing html (and its table of entities)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#x27;")
            .replace("\\", "\\\\").replace("\n", "<BR/>"))


def _fit(text: str, escape, limit: int, warnings, what: str) -> str:
    """``escape(clean(text))``, cut so that its UTF-8 form stays within ``limit`` bytes."""
    text = clean(text)
    out = escape(text)
    if len(out.encode("utf-8")) <= limit:
        return out
    # every character takes a byte at least: no longer prefix can fit
    low, high = 0, min(len(text), limit)
    while low < high:   # the longest prefix that fits, ellipsis included
        middle = (low + high + 1) // 2
        if len(escape(_close_bidi(text[:middle]) + ELLIPSIS).encode("utf-8")) <= limit:
            low = middle
        else:
            high = middle - 1
    if warnings is not None:
        warnings.append(f"{what} is {len(text):,} characters long, more than Graphviz "
                        f"accepts: cut to {low:,}")
    return escape(_close_bidi(text[:low]) + ELLIPSIS)


def dot_string(text: str, warnings: list | None = None, what: str = "a text",
               limit: int = MAX_BYTES) -> str:
    """A double-quoted DOT string showing ``text`` literally (labels)."""
    return f'"{_fit(text, _escape_label, limit - 2, warnings, what)}"'


def tooltip_string(text: str, warnings: list | None = None, what: str = "a tooltip",
                   limit: int = MAX_BYTES) -> str:
    """A double-quoted DOT string for a ``tooltip`` attribute.

    >>> print(tooltip_string("a\\\\N"))
    "a\\\\\\\\N"
    """
    return f'"{_fit(text, _escape_tooltip, limit - 2, warnings, what)}"'


def html_text(text: str, warnings: list | None = None, what: str = "a text",
              limit: int = MAX_BYTES) -> str:
    """Text escaped for the inside of an HTML-like label; newlines become ``<BR/>``.

    The caller wraps it in markup of its own and keeps the whole label under
    the limit (labels on the drawing are shortened long before).
    """
    return _fit(text, _escape_html, limit, warnings, what)


def shorten(text: str, limit: int) -> tuple[str, bool]:
    """``text`` cut to ``limit`` characters with an ellipsis; whether it was cut.

    >>> shorten("Humanitarian Country Team", 12)
    ('Humanitaria…', True)
    """
    if len(text) <= limit:
        return text, False
    return _close_bidi(text[:limit - 1]) + ELLIPSIS, True
