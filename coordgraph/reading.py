"""Read CSV the way Excel writes it: bytes in, rows with line numbers out.

Parsing is separate from file I/O: :func:`parse_table` takes bytes and never
touches the disk, :func:`read_table` adds the file. Accepted: UTF-8 with or
without BOM, UTF-16 with BOM, Windows-1252 (with a warning), ``,`` ``;`` or
tab as delimiter, a leading ``sep=;`` line, CRLF, blank rows and trailing
blank columns, spaces around cells. Every cell is read as text, trimmed and
NFC-normalised. Anything else is a CG101 problem with its line.
"""

import codecs
import csv
import io
import itertools
import os
import re
import stat
import unicodedata
from collections.abc import Sequence
from contextlib import contextmanager

from .errors import Problem
from .hxl import drop_hashtag_row
from .paths import join, parent, plain, suffix
from .records import FACTORY, Record

_SEP_LINE = re.compile(r"sep=(.)\s*\Z", re.IGNORECASE)
_DELIMITERS = (",", ";", "\t")
_SIGNATURES = {
    b"PK\x03\x04": "an Excel workbook (.xlsx)",
    b"\xd0\xcf\x11\xe0": "an old Excel workbook (.xls)",
}
_XLSX_HINT = "in Excel, use File > Save As > 'CSV UTF-8 (Comma delimited)'"
_QUOTE_HINT = 'close the quote, or double a quote that is part of the text ("")'


class Table(Record):
    """A parsed CSV file: normalised header names and the data, by column.

    ``columns[i]`` holds the trimmed cells of ``header[i]``, one per data
    row; ``lines[k]`` is the physical line where row ``k`` starts. Blank rows
    are dropped, short rows padded with empty cells. Columns, not rows,
    because validation checks a whole column at once (see validation.py).
    """

    _fields = ("file", "header", "header_line", "lines", "columns", "problems", "warnings",
               "delimiter", "encoding")

    def __init__(self, file: str, header: list[str] = FACTORY, header_line: int = 1,
                 lines: list[int] = FACTORY,
                 columns: list[Sequence[str]] = FACTORY,   # lists or tuples
                 problems: list[Problem] = FACTORY, warnings: list[Problem] = FACTORY,
                 delimiter: str = ",", encoding: str = "utf-8") -> None:
        self.file = file
        self.header = [] if header is FACTORY else header
        self.header_line = header_line
        self.lines = [] if lines is FACTORY else lines
        self.columns = [] if columns is FACTORY else columns
        self.problems = [] if problems is FACTORY else problems
        self.warnings = [] if warnings is FACTORY else warnings
        self.delimiter = delimiter
        self.encoding = encoding

    def column_index(self) -> dict[str, int]:
        """Map each named column to its position (first occurrence wins)."""
        index: dict[str, int] = {}
        for position, name in enumerate(self.header):
            if name and name not in index:
                index[name] = position
        return index

    @property
    def rows(self) -> list[tuple[int, list[str]]]:
        """The data as ``(line, cells)`` pairs (built on demand: error paths, tests)."""
        if not self.columns:
            return [(line, []) for line in self.lines]
        return [(line, list(cells))
                for line, cells in zip(self.lines, zip(*self.columns, strict=True), strict=True)]

    def set_rows(self, rows) -> None:
        """Store ``(line, cells)`` pairs, each padded or cut to the header's width."""
        width = len(self.header)
        self.lines = [line for line, _ in rows]
        cells = [(c + [""] * (width - len(c)))[:width] for _, c in rows]
        self.columns = [list(column) for column in zip(*cells, strict=True)] if cells else [
            [] for _ in range(width)]


def clean_cell(value: str) -> str:
    """Trim (including non-breaking spaces) and NFC-normalise one cell.

    >>> clean_cell("  UNHCR\\u00a0")
    'UNHCR'
    >>> clean_cell("Se\\u0301curite\\u0301") == "Sécurité"
    True
    """
    value = value.strip()
    if value.isascii():
        return value
    return unicodedata.normalize("NFC", value)


def decode(data: bytes, file: str) -> tuple[str | None, str, list[Problem]]:
    """Decode file bytes; returns ``(text, encoding, problems)``.

    A Windows-1252 fallback adds a warning; undecodable bytes an error.
    """
    for signature, what in _SIGNATURES.items():
        if data.startswith(signature):
            return None, "", [Problem("CG101", file, None, None,
                                      f"this is {what}, not a CSV file", _XLSX_HINT)]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError as exc:
            return None, "", [_decode_problem(data, file, exc, "UTF-16")]
    if b"\x00" in data:
        return None, "", [_nul_problem(data, file)]
    try:
        # lstrip: a BOM written twice (a tool that adds one to text that had one)
        return data.decode("utf-8-sig").lstrip("\ufeff"), "utf-8", []
    except UnicodeDecodeError:
        pass
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        text, legacy_lines, mixed = decode_lines(body)
    except UnicodeDecodeError as exc:
        return None, "", [_decode_problem(body, file, exc, "UTF-8 or Windows-1252")]
    warning = legacy_warning(file, legacy_lines, mixed,
                             "save it as 'CSV UTF-8' in Excel so accents survive on every "
                             "machine")
    return text.lstrip("\ufeff"), "utf-8+cp1252" if mixed else "cp1252", [warning]


def decode_lines(data: bytes, errors: str = "strict") -> tuple[str, list[int], bool]:
    """Decode each line as UTF-8, or as Windows-1252 where it is not UTF-8.

    A file saved as UTF-8 with a line pasted from a Windows-1252 file (or the
    reverse) keeps the accents of both. Returns the text, the 1-based lines
    read as Windows-1252 (only the first when no line is UTF-8), and whether
    some other line held UTF-8 accents (a mixed file). Windows-1252 fails only
    on five unassigned bytes: then a UnicodeDecodeError whose positions are in
    ``data`` (unless ``errors`` says otherwise).

    >>> decode_lines("a\\nSécurité\\n".encode() + "Coopération\\n".encode("cp1252"))
    ('a\\nSécurité\\nCoopération\\n', [3], True)
    """
    if data.decode("utf-8", "ignore").isascii():
        # No UTF-8 anywhere (the usual case: Excel's or Notepad's "ANSI"):
        # one decoding, and only the first line with an accent is named.
        first = _NON_ASCII.search(data)
        try:
            text = data.decode("cp1252", errors)
        except UnicodeDecodeError as exc:
            raise UnicodeDecodeError("cp1252", data, exc.start, exc.end, exc.reason) from None
        return text, [data.count(b"\n", 0, first.start()) + 1] if first else [], False
    parts: list[str] = []
    legacy_lines: list[int] = []
    mixed = False
    line = 1
    for start, end in _blocks(data):
        try:
            block: str | None = data[start:end].decode("utf-8")
        except UnicodeDecodeError:
            block = None
        if block is not None:
            parts.append(block)
            mixed = mixed or not block.isascii()
            line += block.count("\n")
            continue
        # Line by line inside a block that is not all UTF-8: an error's copy
        # of its input stays one line long.
        for piece in data[start:end].splitlines(keepends=True):
            try:
                text = piece.decode("utf-8")
                mixed = mixed or not text.isascii()
            except UnicodeDecodeError:
                try:
                    text = piece.decode("cp1252", errors)
                except UnicodeDecodeError as exc:
                    raise UnicodeDecodeError("cp1252", data, start + exc.start,
                                             start + exc.end, exc.reason) from None
                legacy_lines.append(line)
            parts.append(text)
            start += len(piece)
            line += 1
    return "".join(parts), legacy_lines, mixed


_NON_ASCII = re.compile(rb"[\x80-\xff]")


def _blocks(data: bytes, size: int = 1 << 16):
    """``(start, end)`` of consecutive pieces of about ``size`` bytes, each
    ending at a line end (or the end of the data)."""
    start = 0
    while start < len(data):
        end = data.find(b"\n", start + size) + 1 or len(data)
        yield start, end
        start = end


def legacy_warning(file: str, lines: list[int], mixed: bool, hint: str) -> Problem:
    """The warning for lines read as Windows-1252 (:func:`decode_lines`).

    >>> legacy_warning("n.csv", [3, 9], True, "save as UTF-8").message
    'lines 3 and 9 are not UTF-8 like the rest of the file; read them as Windows-1252'
    """
    if not mixed:
        message = "file is not UTF-8; read it as Windows-1252"
    else:
        shown = [str(n) for n in lines[:5]] + ([f"{len(lines) - 5} more"] if len(lines) > 5
                                               else [])
        listed = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
        message = (f"line{'s' if len(lines) > 1 else ''} {listed} "
                   f"{'are' if len(lines) > 1 else 'is'} not UTF-8 like the rest of the file; "
                   f"read {'them' if len(lines) > 1 else 'it'} as Windows-1252")
        hint = "check the accents on " + ("those lines" if len(lines) > 1 else "that line") \
            + ", then " + hint
    return Problem("CG101", file, lines[0], None, message, hint, severity="warning")


def _nul_problem(data: bytes, file: str) -> Problem:
    """NUL bytes: UTF-16 saved without its byte-order mark, or not text at all.

    >>> _nul_problem("id,kind\\n".encode("utf-16-le"), "n.csv").message
    'file contains NUL bytes: it looks like UTF-16 text without a byte-order mark'
    """
    position = data.index(b"\x00")
    line = data.count(b"\n", 0, position) + 1
    sample = data[:4096]
    utf16 = len(sample) > 1 and max(sample[0::2].count(0), sample[1::2].count(0)) * 4 >= len(sample)
    what = ("it looks like UTF-16 text without a byte-order mark" if utf16
            else "it is not a text CSV file")
    return Problem("CG101", file, line, None, f"file contains NUL bytes: {what}", _XLSX_HINT)


def _decode_problem(data: bytes, file: str, exc: UnicodeDecodeError, tried: str) -> Problem:
    line = data.count(b"\n", 0, exc.start) + 1
    return Problem("CG101", file, line, None,
                   f"file is not decodable as {tried} (byte {data[exc.start]:#04x})",
                   "save the file as 'CSV UTF-8' in Excel")


def parse_table(data: bytes, file: str, *, fast: bool = True) -> Table:
    """Parse CSV bytes into a :class:`Table`; problems are collected, not raised.

    ``fast=False`` always reads record by record (the plain path), which the
    fast path must agree with: for tests and measurements.

    >>> t = parse_table(b"\\xef\\xbb\\xbfsep=;\\r\\nid;kind\\r\\nhct ; platform;;\\r\\n\\r\\n",
    ...                 "n.csv")
    >>> t.header, t.rows, t.delimiter
    (['id', 'kind'], [(3, ['hct', 'platform'])], ';')
    """
    table = Table(file)
    text, table.encoding, problems = decode(data, file)
    for problem in problems:
        (table.warnings if problem.severity == "warning" else table.problems).append(problem)
    if text is None:
        return table
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        table.problems.append(Problem("CG101", file, line, None,
                                      "file contains NUL bytes: it is not a text CSV file",
                                      _XLSX_HINT))
        return table

    if not text.isascii():
        # Once for the whole text: the same as per cell (no delimiter or
        # quote composes with a following mark), at a fraction of the cost.
        text = unicodedata.normalize("NFC", text)
    first_line_end = text.find("\n")
    first_line = text if first_line_end < 0 else text[:first_line_end]
    offset = 0
    sep = _SEP_LINE.match(first_line.strip())
    if sep:
        table.delimiter = sep.group(1)
        text = text[first_line_end + 1:] if first_line_end >= 0 else ""
        offset = 1
    else:
        table.delimiter = _sniff_delimiter(_header_line(text))

    with _field_limit(len(text)):
        if fast and _parse_columns(table, text, offset):
            drop_hashtag_row(table)  # HXL: a row of #tags under the header is no data
            return table
        rows: list = []
        skip = _read_records(table, rows, io.StringIO(text, newline=""), 0, offset)
        lines = None
        while skip is not None:
            # A malformed record: read again from the line after its first line,
            # so the rows a stray quote ran over are checked, not lost.
            if lines is None:
                lines = io.StringIO(text, newline="").readlines()
            rest = map(lines.__getitem__, range(skip, len(lines)))  # no copy per restart
            skip = _read_records(table, rows, rest, skip, offset)
    table.set_rows(rows)
    drop_hashtag_row(table)
    return table


@contextmanager
def _field_limit(size: int):
    """Let the csv module read a cell as long as the whole text.

    Its default limit (131,072 characters) would reject a long cell only in
    a file that holds a quote (the quote-free fast path splits lines
    itself): both paths must read the same file the same way. An unclosed
    quote is still caught, at the end of the text or by the rows it runs over.
    """
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, size + 1))
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _header_line(text: str) -> str:
    """The first line that holds more than blanks: the header row, even
    after blank lines.

    >>> _header_line("\\r\\n  \\nid;kind\\nhct;platform\\n")
    'id;kind'
    """
    match = re.search(r"\S", text)
    if match is None:
        return ""
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.start())
    return text[start:] if end < 0 else text[start:end]


def _parse_columns(table: Table, text: str, offset: int) -> bool:
    """The fast path: parse the whole text at once, straight into columns.

    Works when every record is one physical line, so that line numbers
    follow from positions; returns False (having changed nothing) when a
    quoted cell spans lines, a lone CR ends lines, or the CSV is malformed,
    and :func:`_read_records` then reads record by record.
    """
    crlf = 0
    if "\r" in text:
        crlf = text.count("\r\n")
        if crlf != text.count("\r"):
            return False   # a lone CR, which the csv module reads as a line end
    if '"' in text:
        try:
            records = list(csv.reader(io.StringIO(text, newline=""),
                                      delimiter=table.delimiter, strict=True))
        except csv.Error:
            return False
        if len(records) != text.count("\n") + (not text.endswith("\n") and bool(text)):
            return False
    else:
        # No quote anywhere: a record is a line, a cell what lies between
        # delimiters (twice as fast as the csv module). A text whose every
        # line ends in CRLF (Excel's) is split at CRLF: no copy without CRs.
        newline = "\r\n" if crlf and crlf == text.count("\n") else "\n"
        if crlf and newline == "\n":   # mixed line ends
            text = text.replace("\r\n", "\n")
        if _uniform_columns(table, text, offset, newline):
            return True
        if newline != "\n":
            text = text.replace("\r\n", "\n")
        delimiter = table.delimiter
        records = [line.split(delimiter) for line in text.split("\n")]
    filled = _filled_rows(records, text, table.delimiter)
    if not filled:
        return True
    first = filled[0]
    header = [c.strip().lower() for c in records[first]]
    _drop_trailing_blanks(header)
    table.header, table.header_line = header, first + 1 + offset
    width = len(header)
    keep = filled[1:]
    if len(keep) == len(records) - first - 1:  # no blank row: no copy
        data = records[first + 1:]
    else:
        data = [records[i] for i in keep]
    table.lines = list(range(first + 2 + offset, first + 2 + offset + len(keep))) if isinstance(
        keep, range) else [i + 1 + offset for i in keep]
    strip = str.strip
    columns: list[Sequence[str]] = list(itertools.zip_longest(*data, fillvalue=""))
    if '"' in text or _may_be_padded(text, table.delimiter):
        columns = [list(map(strip, c)) if _holds_whitespace(c) else list(c) for c in columns]
    overflowing = {row for column in columns[width:] for row, cell in enumerate(column) if cell}
    for row in sorted(overflowing):
        cells = list(map(strip, data[row]))
        _drop_trailing_blanks(cells)
        _extra_values(table, table.lines[row], len(cells), width)
    while len(columns) < width:
        columns.append([""] * len(data))
    table.columns = columns[:width]
    return True


def _uniform_columns(table: Table, text: str, offset: int, newline: str = "\n") -> bool:
    """The quote-free text's columns at once, when every data row has as many
    cells as the header row and no blank line lies between rows: the rows
    joined by the delimiter split into one flat list, and column ``i`` is
    every ``width``-th cell from ``i`` (no list per row). Returns False,
    having changed nothing, when the text is not that regular. ``newline``
    ends every line (``"\\r\\n"``: each line ends so).

    >>> t = Table("n.csv")
    >>> _uniform_columns(t, "id,kind\\nhct,platform\\ncom,role\\n", 0), t.columns, t.lines
    (True, [['hct', 'com'], ['platform', 'role']], [2, 3])
    >>> _uniform_columns(t, "id,kind\\nhct,platform,x\\ncom\\n", 0)
    False
    """
    delimiter = table.delimiter
    if not text.isascii() or re.search(rf"\n[ \t\r\x0b\x0c{re.escape(delimiter)}]*\n", text):
        return False   # no inner blank line: then blank lines can only be at the ends
    found = _body_span(text, newline, delimiter)
    if found is None:
        return False
    blank_lines, header_start, header_end, body_end = found
    header_line = text[header_start:header_end]
    body_start = header_end + len(newline)
    header = [c.strip().lower() for c in header_line.split(delimiter)]
    _drop_trailing_blanks(header)
    width = len(header)
    if not width:
        return False
    rows = text.count(newline, body_start, body_end) + 1
    step = header_line.count(delimiter) + 1
    # Only a cell that starts or ends with whitespace changes when stripped. In
    # ASCII text without its other whitespace characters (one quick search
    # each), that is a space: a column that holds no space at all (ids and
    # enumerated values, most columns) is kept as it is. The others are
    # stripped whole, cheaper than searching them for padding (an unpadded
    # cell comes back as the same object).
    controls = (newline == "\n" and "\r" in text) or any(
        map(text.__contains__, _OTHER_WHITESPACE.replace(delimiter, "")))
    # Each row's cells, then a cell "\n" (which no line holds) ending the row:
    # the rows are all as wide as the header exactly when every (step + 1)-th
    # cell is such an end (cheaper than counting each line's delimiters).
    # About CHUNK_ROWS rows at a time, cut from the text (no list of all its
    # lines), so that the temporary strings and lists stay in the CPU caches.
    join_rows = (delimiter + "\n" + delimiter).join
    columns: list[list[str]] = [[] for _ in range(width)]
    for chunk in _chunks(text, newline, body_start, body_end, rows):
        lines = chunk.split(newline)
        flat = join_rows(lines).split(delimiter)
        if (len(flat) != len(lines) * (step + 1) - 1
                or flat[step::step + 1].count("\n") != len(lines) - 1):
            return False
        if any(any(flat[i::step + 1]) for i in range(width, step)):
            return False   # a value beyond the named columns: the general path reports it
        for i, column in enumerate(columns):
            cells = flat[i::step + 1]
            if controls or " " in "".join(cells):
                cells = list(map(str.strip, cells))
            column += cells
    table.header, table.header_line = header, blank_lines + 1 + offset
    table.lines = list(range(blank_lines + 2 + offset, blank_lines + 2 + offset + rows))
    table.columns = list(columns)
    return True


def _is_blank(line: str, delimiter: str) -> bool:
    """Whether a line holds nothing but delimiters and whitespace."""
    return not line.replace(delimiter, "").strip()


def _line_start(text: str, end: int, newline: str) -> int:
    """Where the line ending at ``end`` starts."""
    before = text.rfind(newline, 0, end)
    return 0 if before < 0 else before + len(newline)


def _body_span(text: str, newline: str, delimiter: str):
    """Where the header and the data rows lie in ``text``, blank lines at
    either end left out, without splitting the text into lines: ``(blank
    lines before the header, start and end of the header line, end of the
    rows)`` (the rows start after the header's line end), or None when there
    is no header or no row.

    >>> _body_span("\\n,\\nid,kind\\nhct,platform\\ncom,role\\n , \\n", "\\n", ",")
    (2, 3, 10, 32)
    >>> _body_span("id,kind\\n\\n", "\\n", ",") is None
    True
    """
    blank_lines, start = 0, 0
    while True:   # blank lines before the header (rarely any)
        end = text.find(newline, start)
        if not _is_blank(text[start:len(text) if end < 0 else end], delimiter):
            break
        if end < 0:
            return None
        blank_lines, start = blank_lines + 1, end + len(newline)
    if end < 0:
        return None   # a header and nothing else
    header_end, body_start, body_end = end, end + len(newline), len(text)
    while True:   # blank lines after the last row (often one: the text's final line end)
        last = _line_start(text, body_end, newline)
        if not _is_blank(text[last:body_end], delimiter):
            return blank_lines, start, header_end, body_end
        if last == body_start:
            return None
        body_end = last - len(newline)


def _chunks(text: str, newline: str, start: int, end: int, rows: int):
    """``text[start:end]`` (``rows`` lines), whole lines of it, about
    :data:`CHUNK_ROWS` at a time: cut at the first line end from where the
    :data:`CHUNK_ROWS`-th would be, were all lines as long.

    >>> list(_chunks("ab\\ncd\\nef", "\\n", 0, 8, 3))
    ['ab\\ncd\\nef']
    """
    line = (end - start + len(newline)) // rows   # a line and its end, on average
    size = max(0, line * CHUNK_ROWS - len(newline))
    while True:
        cut = text.find(newline, start + size, end)
        if cut < 0:
            yield text[start:end]
            return
        yield text[start:cut]
        start = cut + len(newline)


#: The ASCII whitespace that ``str.strip`` removes, but for the space, the
#: line feed (no cell of a split line holds one) and the carriage return
#: (in a line end only, unless lone ones end lines).
_OTHER_WHITESPACE = "\t\x0b\x0c\x1c\x1d\x1e\x1f"

#: About how many rows :func:`_uniform_columns` splits into cells at a time
#: (chunks are cut at line ends, by the average line's length): a whole file's
#: cells at once fall out of the CPU caches (per row, reading 300,000 rows then
#: cost 1.5 times what reading 30,000 did). Tests lower it to cross chunk ends.
CHUNK_ROWS = 4096


def _filled_rows(records, text: str, delimiter: str):
    """Positions of the records that hold something (blank rows are skipped).

    A quote-free ASCII text with no blank line inside (one regex search) can
    only have blank records at its ends, so the rest needs no look.
    """
    def blank(record):
        joined = "".join(record)
        return not joined or joined.isspace()

    if '"' not in text and text.isascii() and not re.search(
            rf"\n[ \t\r\x0b\x0c{re.escape(delimiter)}]*\n", text):
        start, end = 0, len(records)
        while start < end and blank(records[start]):
            start += 1
        while end > start and blank(records[end - 1]):
            end -= 1
        return range(start, end)
    # A record whose first cell holds a non-blank is filled: no join needed.
    return [i for i, record in enumerate(records)
            if record and record[0] and not record[0].isspace() or not blank(record)]


def _holds_whitespace(cells) -> bool:
    """Whether a cell of ``cells`` holds whitespace (else none changes when
    stripped): a space, or a character ``str.isprintable`` rejects, as it
    rejects every other whitespace character.

    >>> _holds_whitespace(["hct", "Équipe"]), _holds_whitespace(["a\u00a0"])
    (False, True)
    """
    joined = "".join(cells)
    return " " in joined or not joined.isprintable()


def _may_be_padded(text: str, delimiter: str) -> bool:
    """Whether a quote-free text may hold a cell with surrounding whitespace.

    >>> _may_be_padded("id,kind\\nhct,platform\\n", ","), _may_be_padded("id, kind\\n", ",")
    (False, True)
    """
    if not text.isascii():
        return True  # non-breaking and other Unicode spaces: strip to be sure
    return (text[:1].isspace() or text[-1:] in " \t" or any(
        s in text for s in (f" {delimiter}", f"{delimiter} ", " \n", "\n ", "\r",
                            *_OTHER_WHITESPACE)))


def _extra_values(table: Table, line: int, count: int, width: int) -> None:
    table.problems.append(Problem(
        "CG101", table.file, line, width + 1,
        f"row has {count} values but the header names {width} columns",
        f"a value holding the delimiter '{table.delimiter}' must be quoted"))


def _read_records(table: Table, rows: list, source, skip: int, offset: int) -> int | None:
    """Append the records of ``source`` (the text from physical line
    ``skip + 1`` on) to ``rows``, setting ``table``'s header on the way.

    Returns None at the end of the text, or, after reporting a malformed
    record, the number of lines before the line that follows the record's
    first line, where reading must start again.

    >>> t = Table("n.csv", header=["id", "kind", "label"])
    >>> _read_records(t, [], ['a,role,"A\\n', 'b,role,B\\n'], 0, 0)
    1
    >>> t.problems[0].line, t.problems[0].message
    (1, 'a quoted cell opened on line 1 is never closed')
    """
    file = table.file
    reader = csv.reader(source, delimiter=table.delimiter, strict=True)
    strip = str.strip
    width = len(table.header)
    previous_end = 0
    try:
        for cells in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            cells = list(map(strip, cells))
            if cells and not cells[-1]:
                _drop_trailing_blanks(cells)
            if not cells:
                continue
            if not width:
                table.header_line = skip + start + offset
                table.header = [c.lower() for c in cells]
                width = len(cells)
                continue
            if previous_end > start and not _plausible_multiline(cells, table):
                table.problems.append(_swallowed(file, skip + start + offset,
                                                 previous_end - start + 1))
                return skip + start
            if len(cells) > width:
                _extra_values(table, skip + start + offset, len(cells), width)
            rows.append((skip + start + offset, cells))
    except csv.Error as exc:
        start = previous_end + 1
        line = skip + start + offset
        if "end of data" in str(exc):
            problem = Problem("CG101", file, line, None,
                              f"a quoted cell opened on line {line} is never closed", _QUOTE_HINT)
        elif reader.line_num > start:
            problem = _swallowed(file, line, reader.line_num - start + 1)
        else:
            problem = Problem("CG101", file, line, None, f"malformed CSV: {exc}", _QUOTE_HINT)
        table.problems.append(problem)
        return skip + start
    return None


def _swallowed(file: str, line: int, count: int) -> Problem:
    return Problem("CG101", file, line, None,
                   f"a quoted cell opened on line {line} runs over {count} lines "
                   "and seems to swallow other rows", _QUOTE_HINT)


def _sniff_delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _drop_trailing_blanks(cells: list[str]) -> None:
    while cells and not cells[-1]:
        cells.pop()


def _plausible_multiline(cells: list[str], table: Table) -> bool:
    """A cell may hold a line break (Alt+Enter in Excel), but a cell that
    holds whole rows means a quote was left open."""
    if len(cells) > len(table.header):
        return False
    min_delimiters = max(len(table.header) - 2, 1)
    for cell in cells:
        if "\n" in cell or "\r" in cell:
            for part in cell.splitlines()[1:]:
                if part.count(table.delimiter) >= min_delimiters:
                    return False
    return True


#: File suffixes of the Excel workbooks that --data reads.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def workbooks_beside(folder: str | os.PathLike[str]) -> list[str]:
    """The workbooks lying in ``folder`` (str or Path; for the hint when
    nodes.csv is missing).

    >>> workbooks_beside("no-such-folder")
    []
    """
    try:
        return sorted(name for name in os.listdir(plain(folder))
                      if suffix(name).lower() in WORKBOOK_SUFFIXES and not name.startswith("~$"))
    except OSError:
        return []


def _missing_hint(folder: str) -> str:
    """What to do when nodes.csv or edges.csv is missing: name a workbook
    lying in the folder, if any."""
    found = workbooks_beside(folder)
    if found:
        return (f"the folder holds the workbook {found[0]}: give --data the workbook, "
                f"e.g. --data {join(folder, found[0])}")
    return ("a context folder needs nodes.csv and edges.csv; "
            "`coordgraph init DIR` writes a pair to start from")


def read_table(path: str | os.PathLike[str], display: str | None = None) -> Table:
    """Read and parse one CSV file; a missing or unreadable file is CG101.

    Only a regular file is read: a pipe or a device (``/dev/zero``) would
    block or never end.
    """
    file = display or str(path)
    path = plain(path)
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            table = Table(file)
            table.problems.append(Problem("CG101", file, None, None,
                                          "is not a regular file (a pipe or a device)",
                                          "save the data as a CSV file"))
            return table
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        table = Table(file)
        table.problems.append(Problem("CG101", file, None, None, "file not found",
                                      _missing_hint(parent(path))))
        return table
    except IsADirectoryError:
        table = Table(file)
        table.problems.append(Problem("CG101", file, None, None, "is a folder, not a file"))
        return table
    except OSError as exc:
        table = Table(file)
        table.problems.append(Problem("CG101", file, None, None,
                                      f"cannot read file: {exc.strerror or exc}"))
        return table
    return parse_table(data, file)
