"""Finish Graphviz's PDF: a fixed date and a title, byte-identical for the same input.

cairo's PDF has no ``/Title`` (a reader shows the file name, a brief built
from it none) and stamps the time of drawing. :func:`finish` fixes the date
and writes the title into the document information dictionary, then moves
every cross-reference offset after it by the bytes inserted. Pure functions
on bytes; a PDF laid out otherwise than cairo's (one classic ``xref``
table) is returned with its date fixed and no title rather than broken.
"""

import re

_DATE = re.compile(rb"(/CreationDate \(D:)\d{14}")
_INFO = re.compile(rb"trailer\s*<<.*?/Info\s+(\d+)\s+0\s+R", re.DOTALL)
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])(\r\n| \n| \r)")
#: The date written instead of the time of drawing (same length: offsets hold).
FIXED_DATE = b"20000101000000"


def text_string(text: str) -> bytes:
    """A PDF text string for any text: UTF-16BE with its byte order mark, in hex.

    >>> text_string("Aé")
    b'<FEFF004100E9>'
    """
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def fixed_date(pdf: bytes) -> bytes:
    """``pdf`` with its creation date set to :data:`FIXED_DATE`.

    >>> fixed_date(b"/CreationDate (D:20261129101500Z)")
    b'/CreationDate (D:20000101000000Z)'
    """
    return _DATE.sub(rb"\g<1>" + FIXED_DATE, pdf)


def with_title(pdf: bytes, title: str) -> bytes:
    r"""``pdf`` with ``/Title`` in its document information dictionary.

    The title goes first in the dictionary; the ``xref`` offsets of the
    objects after it and ``startxref`` move by its length. ``pdf`` comes
    back unchanged when it has no classic ``xref`` table and ``/Info``
    dictionary to edit, or has a title already, or ``title`` is empty.

    >>> body = b"%PDF-1.5\n1 0 obj\n<< /Producer (cairo) >>\nendobj\n"
    >>> pdf = (body + b"xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \n"
    ...        b"trailer\n<< /Size 2 /Info 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % len(body))
    >>> titled = with_title(pdf, "Hi")
    >>> titled[9:65]
    b'1 0 obj\n<< /Title <FEFF00480069>\n   /Producer (cairo) >>'
    >>> int(titled.split(b"startxref")[1].split()[0]) == titled.index(b"xref")
    True
    """
    if not title:
        return pdf
    info = _INFO.search(pdf)
    end = _STARTXREF.search(pdf)
    if info is None or end is None:
        return pdf
    xref_at = int(end.group(1))
    if not pdf.startswith(b"xref", xref_at):
        return pdf
    offsets = _xref_offsets(pdf, xref_at)
    number = int(info.group(1))
    if offsets is None or number not in offsets:
        return pdf
    start = offsets[number]
    opening = re.compile(rb"%d\s+0\s+obj\s*<<" % number).match(pdf, start)
    if opening is None or b"/Title" in pdf[start:pdf.find(b"endobj", start)]:
        return pdf
    insert_at = opening.end()
    added = b" /Title " + text_string(title) + b"\n  "
    edited = pdf[:insert_at] + added + pdf[insert_at:]
    return _shift_xref(edited, xref_at + len(added), insert_at, len(added))


def _xref_offsets(pdf: bytes, xref_at: int) -> dict[int, int] | None:
    """Object number → byte offset, from the one ``xref`` table at ``xref_at``."""
    position = xref_at + len(b"xref")
    offsets = {}
    header = re.compile(rb"\s*(\d+) (\d+)\s*?(\r\n|\n|\r)")
    while True:
        section = header.match(pdf, position)
        if section is None:
            break
        first, count = int(section.group(1)), int(section.group(2))
        position = section.end()
        for number in range(first, first + count):
            entry = _XREF_ENTRY.match(pdf, position)
            if entry is None:
                return None
            if entry.group(3) == b"n":
                offsets[number] = int(entry.group(1))
            position = entry.end()
    return offsets if pdf.startswith(b"trailer", _skip_space(pdf, position)) else None


def _skip_space(data: bytes, position: int) -> int:
    while position < len(data) and data[position:position + 1].isspace():
        position += 1
    return position


def _shift_xref(pdf: bytes, xref_at: int, after: int, by: int) -> bytes:
    """Move every in-use offset greater than ``after`` (and ``startxref``) by ``by``."""
    position = xref_at + len(b"xref")
    parts = [pdf[:position]]
    header = re.compile(rb"\s*(\d+) (\d+)\s*?(\r\n|\n|\r)")
    while (section := header.match(pdf, position)) is not None:
        parts.append(section.group(0))
        position = section.end()
        for _ in range(int(section.group(2))):
            entry = _XREF_ENTRY.match(pdf, position)
            assert entry is not None  # with_title checked the table (_xref_offsets)
            offset = int(entry.group(1))
            if entry.group(3) == b"n" and offset > after:
                offset += by
            parts.append(b"%010d %s %s%s" % (offset, entry.group(2), entry.group(3),
                                             entry.group(4)))
            position = entry.end()
    tail = pdf[position:]
    tail = _STARTXREF.sub(lambda m: m.group(0).replace(m.group(1), b"%d" % xref_at), tail)
    return b"".join(parts) + tail


def finish(pdf: bytes, title: str) -> bytes:
    """cairo's ``pdf`` with a fixed date and ``title``: the same input, the same bytes."""
    return with_title(fixed_date(pdf), title)
