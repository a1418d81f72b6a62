"""HXL, the Humanitarian Exchange Language: a row of hashtags under the header.

HXL data carry, right under the human header, a row such as ``#org``,
``#sector+code``, ``#contact+name``. On input the row is recognised and
skipped (it is not data); on output :func:`add_hashtag_row` adds one, so
HDX and HXL tools (libhxl, the HXL Proxy) read the columns by tag.

The grammar is libhxl's: ``#`` and a token (a letter, then letters, digits
or ``_``), then any number of ``+attribute`` tokens, spaces allowed around
them. A row is a hashtag row when it holds at least one cell and every
non-empty cell is a hashtag (libhxl accepts half; stricter here, so a data
row is never dropped).
"""

import csv
import io
import re

_TOKEN = r"[A-Za-z][_0-9A-Za-z]*"
# Compiled (and cached by re) at the first cell holding a "#": most files have none.
_HASHTAG = rf"\s*#{_TOKEN}(?:\s*\+{_TOKEN})*\s*\Z"

#: Tags of the context files' columns (nodes.csv, edges.csv).
NODE_TAGS = {
    "id": "#meta+id", "kind": "#meta+kind", "label": "#meta+name",
    "label_fr": "#meta+name+i_fr", "label_es": "#meta+name+i_es", "org": "#org+acronym",
    "structure": "#meta+structure", "structure_fr": "#meta+structure+i_fr",
    "structure_es": "#meta+structure+i_es", "level": "#meta+level", "status": "#status",
    "seniority": "#meta+seniority", "min_seniority": "#meta+seniority+min",
    "code": "#sector+code", "description": "#description", "reference": "#meta+source",
    "expected": "#meta+expected", "lead": "#org+lead", "co_lead": "#org+co_lead",
    "person": "#contact+name", "location": "#loc+name", "max_seats": "#meta+seats+max",
}
EDGE_TAGS = {
    "source": "#meta+id+from", "target": "#meta+id+to", "relation": "#meta+relation",
    "capacity": "#meta+capacity", "seat": "#meta+seat", "condition": "#meta+condition",
    "condition_fr": "#meta+condition+i_fr", "condition_es": "#meta+condition+i_es",
    "note": "#meta+note", "reference": "#meta+source",
}
#: Tags of the seat table (``export --format csv``), by lower-cased header.
SEAT_TABLE_TAGS = {
    "platform id": "#meta+id", "platform": "#meta+name", "structure": "#meta+structure",
    "level": "#meta+level", "status": "#status", "code": "#sector+code",
    "lead": "#org+lead", "co-lead": "#org+co_lead", "location": "#loc+name",
    "seat holders": "#contact+seats", "person": "#contact+name",
    "alternates": "#contact+alternates", "observers": "#contact+observers",
    "findings": "#meta+findings",
}
#: Tags of the contact list (``export --format contacts``), by lower-cased header.
CONTACT_TAGS = {
    "platform id": "#meta+id", "platform": "#meta+name", "lead agency": "#org+lead",
    "co-lead": "#org+co_lead", "role": "#contact+role", "person": "#contact+name",
    "capacity": "#meta+capacity", "location": "#loc+name",
}


def is_hashtag(cell: str) -> bool:
    """Whether ``cell`` is one HXL hashtag with its attributes.

    >>> [is_hashtag(c) for c in ("#org", "#sector +code", "#contact+name", "#adm1+code")]
    [True, True, True, True]
    >>> [is_hashtag(c) for c in ("#1st", "#REF!", "#N/A", "org", "#org+", "#")]
    [False, False, False, False, False, False]
    """
    return "#" in cell and re.match(_HASHTAG, cell) is not None


def is_hashtag_row(cells) -> bool:
    """Whether a row is a HXL hashtag row: some cell filled, every filled
    cell a hashtag (empty cells are untagged columns).

    >>> is_hashtag_row(["#meta+id", "", "#org"]), is_hashtag_row(["#org", "IOM"])
    (True, False)
    >>> is_hashtag_row(["", " "])
    False
    """
    filled = [c for c in cells if c and c.strip()]
    return bool(filled) and all(map(is_hashtag, filled))


def drop_hashtag_row(table) -> bool:
    """Remove the first data row of a :class:`~coordgraph.reading.Table` when
    it is a hashtag row; returns whether it did.

    >>> from coordgraph.reading import parse_table
    >>> t = parse_table(b"id,kind\\n#meta+id,#meta+kind\\nhct,platform\\n", "n.csv")
    >>> t.rows
    [(3, ['hct', 'platform'])]
    """
    if not table.lines or not table.columns:
        return False
    if not is_hashtag_row([column[0] for column in table.columns]):
        return False
    del table.lines[0]
    table.columns = [list(column[1:]) for column in table.columns]  # may be tuples
    return True


def hashtags_for(header, tags) -> list[str]:
    """The hashtag of each column of ``header`` (empty for a column without one).

    >>> hashtags_for(["id", "Notes", "person"], NODE_TAGS)
    ['#meta+id', '', '#contact+name']
    """
    return [tags.get(name.strip().lower(), "") for name in header]


def add_hashtag_row(data: bytes, tags) -> bytes:
    """CSV bytes with a hashtag row inserted under the header row.

    The encoding (a BOM or not), the delimiter and the line ends are kept;
    ``tags`` maps lower-cased header names to hashtags.

    >>> add_hashtag_row(b"\\xef\\xbb\\xbfPlatform ID,Platform\\r\\nhct,HCT\\r\\n", SEAT_TABLE_TAGS)
    b'\\xef\\xbb\\xbfPlatform ID,Platform\\r\\n#meta+id,#meta+name\\r\\nhct,HCT\\r\\n'
    """
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    text = data[len(bom):].decode("utf-8")
    header_end = _record_end(text)
    newline = "\r\n" if text[:header_end].endswith("\r\n") else "\n"
    header = next(csv.reader(io.StringIO(text[:header_end], newline="")), [])
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator=newline).writerow(hashtags_for(header, tags))
    return bom + (text[:header_end] + out.getvalue() + text[header_end:]).encode("utf-8")


def _record_end(text: str) -> int:
    """The position just after the first CSV record (a quoted header cell may
    hold a line break)."""
    quoted = False
    for position, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif ch == "\n" and not quoted:
            return position + 1
    return len(text)
