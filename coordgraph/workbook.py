"""Read a context kept as one Excel workbook (``.xlsx``).

Sheets ``nodes`` and ``edges`` hold the same columns as ``nodes.csv`` and
``edges.csv``; an optional ``context`` sheet holds the settings of
``context.toml``, one per row (key in column A, value in column B). Other
sheets (instructions, notes, pivot tables) are ignored.

Parsing is separate from file I/O: :func:`parse_workbook` takes the bytes,
:func:`read_workbook` adds the file. Each sheet becomes a
:class:`~coordgraph.reading.Table`, so validation is the one of the CSV
files, and every problem names the sheet (``country.xlsx[nodes]``), the row
(as ``line``) and the column number. Cells are read as Excel stores them:
formulas by their last computed value, whole numbers without ``.0``, a date
as ``YYYY-MM-DD``. openpyxl is imported only when a workbook is read.
"""

import datetime
import io
import re

from .errors import Problem
from .hxl import drop_hashtag_row
from .paths import is_dir, plain, suffix
from .reading import WORKBOOK_SUFFIXES, Table, clean_cell
from .records import replace

#: The sheets of a context workbook.
NODE_SHEET, EDGE_SHEET, CONTEXT_SHEET = "nodes", "edges", "context"
# Patterns as text, compiled (and cached by re) when a workbook is read:
# the CSV path imports this module but never uses them.
_CONTROL_ESCAPE = r"_x(00[01][0-9A-Fa-f]|007[Ff])_"
_FORMULA = rb"<(?:\w+:)?f[\s>/]"
_ERROR_VALUES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                           "#GETTING_DATA", "#SPILL!", "#CALC!"))
_SAVE_HINT = ("save it from Excel or LibreOffice as an Excel workbook (.xlsx), "
              "or as 'CSV UTF-8' files nodes.csv and edges.csv in a folder")


def is_workbook(path) -> bool:
    """Whether ``--data`` names a workbook rather than a folder.

    >>> is_workbook("sudan.xlsx"), is_workbook("sudan"), is_workbook("S.XLSX")
    (True, False, True)
    """
    path = plain(path)
    return suffix(path).lower() in WORKBOOK_SUFFIXES and not is_dir(path)


def sheet_file(display: str, sheet: str) -> str:
    """How problems name a sheet of a workbook.

    >>> sheet_file("contexts/sudan.xlsx", "nodes")
    'contexts/sudan.xlsx[nodes]'
    """
    return f"{display}[{sheet}]"


def cell_text(value) -> str:
    """A cell's value as the text the CSV files would hold.

    >>> [cell_text(v) for v in (None, 9, 9.0, 9.5, " hct ", True)]
    ['', '9', '9', '9.5', 'hct', 'TRUE']
    >>> cell_text(datetime.datetime(2026, 11, 1)), cell_text(datetime.datetime(2026, 11, 1, 9, 30))
    ('2026-11-01', '2026-11-01 09:30:00')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        if "_x" in value:  # control characters, stored as Excel stores them
            value = re.sub(_CONTROL_ESCAPE, lambda m: chr(int(m.group(1), 16)), value)
        return clean_cell(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return clean_cell(str(value))


def read_workbook(path, display: str, problems: list, warnings: list):
    """Read a workbook file: :func:`parse_workbook` after reading the bytes.

    Returns ``(node_table, edge_table, context_text, context_file)``, or None
    after a CG101 problem when the file cannot be read at all.
    """
    try:
        with open(plain(path), "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        problems.append(Problem("CG101", display, None, None, "file not found",
                                "--data takes a folder or a workbook with sheets nodes and "
                                "edges; `coordgraph init NAME.xlsx` writes one to start from"))
        return None
    except IsADirectoryError:
        problems.append(Problem("CG101", display, None, None, "is a folder, not a file"))
        return None
    except OSError as exc:
        problems.append(Problem("CG101", display, None, None,
                                f"cannot read file: {exc.strerror or exc}"))
        return None
    return parse_workbook(data, display, problems, warnings)


def parse_workbook(data: bytes, display: str, problems: list, warnings: list):
    """Parse workbook bytes into tables; problems and warnings are appended.

    Returns ``(node_table, edge_table, context_text, context_file)``, or None
    when the bytes are not a workbook or lack a ``nodes`` or ``edges`` sheet.
    ``context_text`` is TOML whose line numbers are the rows of the
    ``context`` sheet (None without that sheet).
    """
    workbook = _open(data, display, problems, data_only=True)
    if workbook is None:
        return None
    sheets = {name.strip().lower(): name for name in workbook.sheetnames}
    missing = [s for s in (NODE_SHEET, EDGE_SHEET) if s not in sheets]
    if missing:
        names = ", ".join(workbook.sheetnames)
        problems.append(Problem(
            "CG101", display, None, None,
            f"no sheet named {' or '.join(missing)} (sheets: {names})",
            "a context workbook has sheets 'nodes' and 'edges' (and optionally 'context'); "
            "rename the sheets, or start from `coordgraph init NAME.xlsx`"))
        return None
    uncached = _uncached_formulas(data, display) if _has_formulas(data) else {}
    tables = []
    for sheet in (NODE_SHEET, EDGE_SHEET):
        file = sheet_file(display, sheet)
        table = sheet_table(workbook[sheets[sheet]], file)
        if uncached.get(sheets[sheet]):
            table.warnings.append(_uncached_warning(file, uncached[sheets[sheet]]))
        tables.append(table)
    context_text = context_file = None
    if CONTEXT_SHEET in sheets:
        context_file = sheet_file(display, CONTEXT_SHEET)
        context_text = context_toml_text(workbook[sheets[CONTEXT_SHEET]], context_file,
                                         problems, warnings)
    return tables[0], tables[1], context_text, context_file


def _open(data: bytes, display: str, problems: list, data_only: bool):
    import warnings as python_warnings

    from openpyxl import load_workbook

    try:
        with python_warnings.catch_warnings():
            # openpyxl warns about features it drops (extensions, slicers): not ours.
            python_warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), data_only=data_only)
    except Exception as exc:  # zipfile, XML and openpyxl errors alike: not a workbook
        what = ("an old Excel workbook (.xls)" if data.startswith(b"\xd0\xcf\x11\xe0")
                else "not a readable Excel workbook")
        problems.append(Problem("CG101", display, None, None,
                                f"{what}: {type(exc).__name__}: {exc}"[:300], _SAVE_HINT))
        return None


def sheet_table(sheet, file: str) -> Table:
    """A worksheet as a :class:`~coordgraph.reading.Table`: the first filled
    row is the header, blank rows are skipped, cells trimmed; a HXL hashtag
    row under the header is skipped. Merged header cells are a CG102
    problem; merged data cells hold their value in each cell, with a warning.
    """
    table = Table(file)
    merged_values = _merged_values(sheet, table)
    rows = []
    for row in sheet.iter_rows():
        cells = [merged_values.get(cell.coordinate, cell.value) if merged_values else cell.value
                 for cell in row]
        texts = [cell_text(v) for v in cells]
        while texts and not texts[-1]:
            texts.pop()
        if not texts:
            continue
        number = row[0].row
        for position, value in enumerate(cells, start=1):
            if isinstance(value, str) and value.strip() in _ERROR_VALUES:
                table.warnings.append(Problem(
                    "CG101", file, number, position, f"cell holds the error {value.strip()}",
                    "a formula failed here: fix it, or type the value"))
        rows.append((number, texts))
    if not rows:
        return table
    (table.header_line, header), data = rows[0], rows[1:]
    table.header = [h.lower() for h in header]
    width = len(header)
    for number, texts in data:
        if len(texts) > width:
            table.problems.append(Problem(
                "CG101", file, number, width + 1,
                f"row has a value in column {width + 1}, which has no name in the header row",
                "give the column a name in the header row, or move the value"))
    table.set_rows(data)
    drop_hashtag_row(table)
    return table


def _merged_values(sheet, table: Table) -> dict:
    """The value of every cell of a merged range (Excel keeps it in the first
    cell only); merged header cells are reported."""
    values = {}
    header_row = None
    for row in sheet.iter_rows():
        if any(c.value not in (None, "") for c in row):
            header_row = row[0].row
            break
    for merged in list(sheet.merged_cells.ranges):
        if merged.min_row <= (header_row or 0) <= merged.max_row:
            table.problems.append(Problem(
                "CG102", table.file, header_row, merged.min_col,
                f"header cells {merged.coord} are merged",
                "unmerge them (Home > Merge & Center) and give each column its own name"))
            continue
        first = sheet.cell(merged.min_row, merged.min_col).value
        if first in (None, ""):
            continue
        table.warnings.append(Problem(
            "CG101", table.file, merged.min_row, merged.min_col,
            f"cells {merged.coord} are merged; read {cell_text(first)!r} in each of them",
            "unmerge them (Home > Merge & Center) and fill each cell"))
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                values[sheet.cell(row, col).coordinate] = first
    return values


def context_toml_text(sheet, file: str, problems: list, warnings: list) -> str:
    """The ``context`` sheet as TOML text, line ``n`` holding row ``n``.

    Key in column A, value in column B; a header row ``key | value`` and
    rows without a key are skipped; ``sectors`` may list codes separated by
    commas, semicolons or spaces; a date cell is a TOML date.
    """
    lines: list[str] = []
    for row in sheet.iter_rows(max_col=2):
        key_cell = row[0]
        value = row[1].value if len(row) > 1 else None
        while len(lines) < key_cell.row - 1:
            lines.append("")
        key = cell_text(key_cell.value).lower()
        if not key or not cell_text(value) or (key in ("key", "setting")
                                                and cell_text(value).lower() == "value"):
            lines.append("")
            continue
        lines.append(f"{_toml_string(key)} = {_toml_value(key, value)}")
    return "\n".join(lines) + "\n"


def _toml_value(key: str, value) -> str:
    """One setting's value as TOML.

    >>> _toml_value("sectors", "CCM, shl;HEA"), _toml_value("as_of", datetime.datetime(2026, 1, 2))
    ('["CCM", "shl", "HEA"]', '2026-01-02')
    >>> _toml_value("name", 'Sudan "North"'), _toml_value("name", None)
    ('"Sudan \\\\"North\\\\""', '""')
    """
    if key == "sectors":
        codes = [c for c in re.split(r"[,;\s]+", cell_text(value)) if c]
        return "[" + ", ".join(_toml_string(c) for c in codes) + "]"
    if isinstance(value, (datetime.datetime, datetime.date)) and cell_text(value).count("-") == 2 \
            and len(cell_text(value)) == 10:
        return cell_text(value)
    return _toml_string(cell_text(value))


def _toml_string(text: str) -> str:
    """A TOML basic string: every control character escaped.

    >>> _toml_string('a"b\\\\c\\x7f')
    '"a\\\\"b\\\\\\\\c\\\\u007f"'
    """
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ch == "\x7f":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _has_formulas(data: bytes) -> bool:
    """Whether any worksheet holds a formula (a cheap look at the XML)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(re.search(_FORMULA, archive.read(name))
                       for name in archive.namelist() if name.startswith("xl/worksheets/"))
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        return False


def _uncached_formulas(data: bytes, display: str) -> dict[str, list[str]]:
    """Cells, by sheet, that hold a formula without a computed value: saved
    by a program that does not compute (a script, some web tools), they read
    as empty."""
    workbook = _open(data, display, [], data_only=False)
    values = _open(data, display, [], data_only=True)
    if workbook is None or values is None:
        return {}
    found: dict[str, list[str]] = {}
    for sheet in workbook.worksheets:
        cached = values[sheet.title]
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" and cached[cell.coordinate].value is None:
                    found.setdefault(sheet.title, []).append(cell.coordinate)
    return found


def _uncached_warning(file: str, coordinates: list[str]) -> Problem:
    """One warning for a sheet's formulas without a value, naming the first few."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    letters, row = coordinate_from_string(coordinates[0])
    shown = ", ".join(coordinates[:5]) + (f" and {len(coordinates) - 5} more"
                                          if len(coordinates) > 5 else "")
    return Problem("CG101", file, row, column_index_from_string(letters),
                   f"{'cells' if len(coordinates) > 1 else 'cell'} {shown} hold"
                   f"{'' if len(coordinates) > 1 else 's'} a formula without a computed "
                   "value; read as empty",
                   "open the workbook in Excel or LibreOffice and save it, so the formulas' "
                   "values are stored, or type the values", severity="warning")


_FILE_WORDS = (("nodes.csv", "the nodes sheet"), ("edges.csv", "the edges sheet"),
               ("context.toml", "the context sheet"))


def place_workbook_problems(problems: list, display: str) -> None:
    """Word a workbook's problems for a workbook: "the nodes sheet" where
    validation says nodes.csv; and give the ``context`` sheet's problems their
    column: A for a setting's name (unknown setting), B for its value.

    >>> found = [Problem("CG106", "c.xlsx[edges]", 3, 2, "'x' is not in nodes.csv")]
    >>> place_workbook_problems(found, "c.xlsx"); found[0].message
    "'x' is not in the nodes sheet"
    """
    context_file = sheet_file(display, CONTEXT_SHEET)
    for index, problem in enumerate(problems):
        if not problem.file.startswith(display + "["):
            continue
        message, hint = problem.message, problem.hint
        for name, words in _FILE_WORDS:
            message, hint = message.replace(name, words), hint.replace(name, words)
        column = problem.column
        if problem.file == context_file and problem.line is not None:
            column = 1 if "unknown setting" in message else 2
        problems[index] = replace(problem, message=message, hint=hint, column=column)
