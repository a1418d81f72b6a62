"""Write a graph back as a context: a folder of CSV files, or one workbook.

``export --format context`` and ``--format xlsx`` write what ``--data``
reads back to the same graph and the same findings: every column of the
data contract, the settings of ``context.toml``. ``init --format xlsx``
writes a template as a workbook with drop-down lists for every closed
vocabulary and an instructions sheet. The functions here build bytes;
only :func:`write_context_folder` and :func:`init_workbook` touch the disk.
"""

import datetime
import io
import re
from pathlib import Path
from typing import Any

from .errors import UsageError
from .hxl import EDGE_TAGS, NODE_TAGS, hashtags_for
from .loading import load
from .schema import (
    CONTEXT_FILE,
    CONTEXT_KEYS,
    CONTEXT_TYPES,
    CRISES,
    EDGE_COLUMNS,
    EDGE_FILE,
    ENUM_COLUMNS,
    LANGS,
    NODE_COLUMNS,
    NODE_FILE,
)
from .templating import template_path
from .workbook import CONTEXT_SHEET, EDGE_SHEET, NODE_SHEET, _toml_string
from .writing import _same_file, write_atomic

_INTEGER_COLUMNS = frozenset(("seniority", "min_seniority", "max_seats"))
_DATE_KEYS = ("as_of", "template_as_of")
#: Rows of the drop-down lists and the node-id list: far beyond any context.
_VALIDATED_ROWS = 5000
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def node_rows(graph) -> list[list]:
    """One row per node, the columns of :data:`~coordgraph.schema.NODE_COLUMNS`
    (numbers as integers, empty cells as '')."""
    return [[_value(getattr(node, c, "")) for c in NODE_COLUMNS] for node in graph.nodes.values()]


def edge_rows(graph) -> list[list]:
    """One row per edge, the columns of :data:`~coordgraph.schema.EDGE_COLUMNS`."""
    return [[_value(getattr(edge, c, "")) for c in EDGE_COLUMNS] for edge in graph.edges]


def _value(value):
    return "" if value is None else value


def context_settings(context) -> list[tuple[str, Any]]:
    """The context's settings that hold a value, in the contract's order.

    >>> from coordgraph.model import Context
    >>> context_settings(Context(name="Sudan", sectors=("CCM", "SHL")))
    [('name', 'Sudan'), ('org', 'IOM'), ('lang', 'en'), ('sectors', ('CCM', 'SHL'))]
    """
    return [(key, getattr(context, key)) for key in CONTEXT_KEYS
            if getattr(context, key, "") not in ("", None, ())]


def toml_text(context) -> str:
    """``context.toml`` for ``context``: one setting per line, dates as TOML dates.

    >>> from coordgraph.model import Context
    >>> print(toml_text(Context(name='Sud "N"', as_of="2026-11-01", sectors=("CCM",))), end="")
    name = "Sud \\"N\\""
    org = "IOM"
    as_of = 2026-11-01
    lang = "en"
    sectors = ["CCM"]
    """

    lines = []
    for key, value in context_settings(context):
        if key == "sectors":
            text = "[" + ", ".join(_toml_string(v) for v in value) + "]"
        elif key in _DATE_KEYS and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
            text = str(value)
        else:
            text = _toml_string(str(value))
        lines.append(f"{key} = {text}")
    return "\n".join(lines) + "\n"


def csv_bytes(header, rows, tags=None) -> bytes:
    """CSV as Excel writes "CSV UTF-8": a BOM, CRLF; a HXL hashtag row under
    the header when ``tags`` is given.

    >>> csv_bytes(["id", "kind"], [["hct", "platform"]], {"id": "#meta+id"})
    b'\\xef\\xbb\\xbfid,kind\\r\\n#meta+id,\\r\\nhct,platform\\r\\n'
    """
    import csv

    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    if tags is not None:
        writer.writerow(hashtags_for(header, tags))
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def context_files(graph, hxl: bool = False) -> dict[str, bytes]:
    """The files of a context folder for ``graph``: name -> content."""
    return {
        NODE_FILE: csv_bytes(NODE_COLUMNS, node_rows(graph), NODE_TAGS if hxl else None),
        EDGE_FILE: csv_bytes(EDGE_COLUMNS, edge_rows(graph), EDGE_TAGS if hxl else None),
        CONTEXT_FILE: toml_text(graph.context).encode("utf-8"),
    }


def write_context_folder(folder, files: dict[str, bytes], protected=()) -> list[Path]:
    """Write each file into ``folder`` atomically (creating it); refuses,
    before writing anything, when one of them is a ``protected`` input."""

    if not str(folder).strip():
        raise UsageError("give -o the folder to write the context into")
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file; --format context writes a folder: give -o a "
                         "folder name")
    targets = [folder / name for name in files]
    for target in targets:
        for source in protected:
            if _same_file(target, Path(source)):
                raise UsageError(f"refusing to write over the input file {source}; "
                                 "choose another folder with -o")
    return [write_atomic(target, data, protected=protected)
            for target, data in zip(targets, files.values(), strict=True)]


# --- workbooks ---------------------------------------------------------------

_INSTRUCTIONS = {
    "en": [
        "How to fill in this workbook",
        "Sheet 'nodes': one row per platform (a coordination body) or role (a post held "
        "by a person). id is a short unique name (letters, digits, _ . -), kind is "
        "platform or role, label is the name shown on the organigram.",
        "Sheet 'edges': one row per relation. source and target are ids of the nodes "
        "sheet (pick them from the list); relation is escalation (platform to higher "
        "platform), membership (role to the platform where it holds a seat), advises or "
        "reporting.",
        "Sheet 'context': the name, country (ISO code such as SDN), date (as_of), "
        "organisation and language of this context.",
        "Columns with a drop-down list accept only its values. Do not merge cells; "
        "leave the first row of each sheet as it is (the column names).",
        "Check it: coordgraph check --data {file}",
        "Draw it: coordgraph render --data {file}",
    ],
    "fr": [
        "Comment remplir ce classeur",
        "Feuille « nodes » : une ligne par plateforme (un organe de coordination) ou "
        "rôle (un poste occupé par une personne). id est un nom court et unique "
        "(lettres, chiffres, _ . -), kind vaut platform ou role, label est le nom "
        "affiché sur l'organigramme.",
        "Feuille « edges » : une ligne par relation. source et target sont des id de la "
        "feuille nodes (choisissez-les dans la liste) ; relation vaut escalation "
        "(plateforme vers plateforme supérieure), membership (rôle vers la plateforme où "
        "il siège), advises ou reporting.",
        "Feuille « context » : le nom, le pays (code ISO, p. ex. HTI), la date (as_of), "
        "l'organisation et la langue de ce contexte.",
        "Les colonnes à liste déroulante n'acceptent que ses valeurs. Ne fusionnez pas "
        "de cellules ; gardez la première ligne de chaque feuille (les noms des colonnes).",
        "Vérifier : coordgraph check --data {file}",
        "Dessiner : coordgraph render --data {file}",
    ],
    "es": [
        "Cómo completar este libro",
        "Hoja «nodes»: una fila por plataforma (un órgano de coordinación) o rol (un "
        "puesto que ocupa una persona). id es un nombre corto y único (letras, dígitos, "
        "_ . -), kind es platform o role, label es el nombre que muestra el organigrama.",
        "Hoja «edges»: una fila por relación. source y target son id de la hoja nodes "
        "(elíjalos de la lista); relation es escalation (plataforma a plataforma "
        "superior), membership (rol a la plataforma donde tiene un asiento), advises o "
        "reporting.",
        "Hoja «context»: el nombre, el país (código ISO, p. ej. COL), la fecha (as_of), "
        "la organización y el idioma de este contexto.",
        "Las columnas con lista desplegable solo aceptan sus valores. No combine celdas; "
        "mantenga la primera fila de cada hoja (los nombres de las columnas).",
        "Verificar: coordgraph check --data {file}",
        "Dibujar: coordgraph render --data {file}",
    ],
}

_SETTING_ABOUT = {
    "name": "name for report headings and organigram titles",
    "country": "ISO 3166-1 alpha-3 code, e.g. SDN, HTI, COL",
    "org": "the organisation whose representation is checked",
    "as_of": "the date this map describes (update it with each revision)",
    "lang": "language of organigram labels: en, fr or es",
    "context_type": "pre-crisis, humanitarian, refugee or mixed",
    "crisis": "disaster, conflict or both",
    "sectors": "sector codes where the org runs programmes, e.g. CCM, SHL, HEA",
    "template": "the template this context started from",
    "template_as_of": "the date of that template",
    "source": "where this context comes from",
}


def workbook_bytes(graph, *, hxl: bool = False, file_name: str = "context.xlsx",
                   settings=None, start_with_instructions: bool = False) -> bytes:
    """A context workbook for ``graph``: sheets nodes, edges, context and
    instructions, with drop-down lists, frozen header rows and column widths.

    ``settings`` (key, value) replaces the graph's context settings (``init``
    lists every setting, empty ones too).
    """
    from openpyxl import Workbook
    from openpyxl.workbook.defined_name import DefinedName

    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])   # the empty sheet a new workbook has
    first_data = 3 if hxl else 2
    nodes = workbook.create_sheet(NODE_SHEET)
    _fill(nodes, NODE_COLUMNS, node_rows(graph), NODE_TAGS if hxl else None)
    edges = workbook.create_sheet(EDGE_SHEET)
    _fill(edges, EDGE_COLUMNS, edge_rows(graph), EDGE_TAGS if hxl else None)
    for sheet, columns in ((nodes, NODE_COLUMNS), (edges, EDGE_COLUMNS)):
        for position, column in enumerate(columns, start=1):
            if column in ENUM_COLUMNS:
                _drop_down(sheet, position, first_data, '"' + ",".join(ENUM_COLUMNS[column]) + '"',
                           f"{column}: one of " + ", ".join(ENUM_COLUMNS[column]))
    last = first_data + max(len(graph.nodes), _VALIDATED_ROWS)
    id_column = _letter(NODE_COLUMNS.index("id") + 1)
    workbook.defined_names["node_ids"] = DefinedName(
        "node_ids", attr_text=f"{NODE_SHEET}!${id_column}${first_data}:${id_column}${last}")
    for column in ("source", "target"):
        _drop_down(edges, EDGE_COLUMNS.index(column) + 1, first_data, "node_ids",
                   f"{column}: an id of the nodes sheet")
    nodes.freeze_panes = f"B{first_data}"
    edges.freeze_panes = f"A{first_data}"

    context = workbook.create_sheet(CONTEXT_SHEET)
    rows = settings if settings is not None else context_settings(graph.context)
    _fill(context, ("key", "value", "about"),
          [[key, _setting_cell(key, value), _SETTING_ABOUT.get(key, "")] for key, value in rows])
    for row, (key, _) in enumerate(rows, start=2):
        choices = {"lang": LANGS, "context_type": CONTEXT_TYPES, "crisis": CRISES}.get(key)
        if choices:
            _drop_down(context, 2, row, '"' + ",".join(choices) + '"', f"{key}: one of "
                       + ", ".join(choices), last_row=row)
        if key in _DATE_KEYS:
            context.cell(row, 2).number_format = "yyyy-mm-dd"
    context.freeze_panes = "A2"

    instructions = workbook.create_sheet("instructions", 0 if start_with_instructions else None)
    texts = _INSTRUCTIONS.get(graph.context.lang, _INSTRUCTIONS["en"])
    for row, text in enumerate(texts, start=1):
        instructions.cell(row, 1, text.format(file=file_name))
    instructions.column_dimensions["A"].width = 100
    from openpyxl.styles import Alignment, Font

    instructions["A1"].font = Font(bold=True, size=14)
    for row in range(2, len(texts) + 1):
        instructions.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    workbook.active = workbook.index(instructions if start_with_instructions else nodes)

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _setting_cell(key, value):
    if key == "sectors" and isinstance(value, (tuple, list)):
        return ", ".join(value)
    if key in _DATE_KEYS and value:
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            return str(value)
    return value


def _letter(position: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(position)


def _fill(sheet, header, rows, tags=None) -> None:
    """Header (bold, shaded), an optional hashtag row, then the rows; each
    text is stored as text (never a formula), column widths from the content."""
    from openpyxl.styles import Font, PatternFill

    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DCE6F2")
    if tags is not None:
        sheet.append(hashtags_for(header, tags))
        for cell in sheet[2]:
            cell.font = Font(italic=True, color="666666")
    widths = [len(str(h)) for h in header]
    row = sheet.max_row
    for values in rows:
        sheet.append([_storable(v) for v in values])
        row += 1  # not sheet.max_row: it scans every cell, quadratic over the rows
        for position, value in enumerate(values, start=1):
            if isinstance(value, str) and value.startswith("="):
                sheet.cell(row, position).data_type = "s"  # text that looks like a formula
            widths[position - 1] = max(widths[position - 1], len(str(value)))
    for position, width in enumerate(widths, start=1):
        sheet.column_dimensions[_letter(position)].width = min(max(width + 2, 8), 60)


def _storable(value):
    """A value a workbook can hold: XML cannot carry control characters, so
    they are written as Excel writes them (``_x001B_``); the reader turns
    them back.

    >>> _storable("a\\x1bb"), _storable(9)
    ('a_x001B_b', 9)
    """
    if isinstance(value, str) and _CONTROL.search(value):
        return _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
    return value


def _drop_down(sheet, column: int, first_row: int, formula: str, prompt: str,
               last_row: int | None = None) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    check = DataValidation(type="list", formula1=formula, allow_blank=True,
                           showErrorMessage=True, errorStyle="stop",
                           errorTitle="Not in the list", error=prompt)
    letter = _letter(column)
    check.add(f"{letter}{first_row}:{letter}{last_row or first_row + _VALIDATED_ROWS}")
    sheet.add_data_validation(check)


def init_settings(template_graph, template: str, as_of: datetime.date) -> list[tuple]:
    """Every setting of the ``context`` sheet ``init`` writes: the ones to fill
    in empty, the template's provenance filled."""
    context = template_graph.context
    values = {"name": "", "country": "", "org": context.org, "as_of": as_of.isoformat(),
              "lang": context.lang, "context_type": context.context_type,
              "crisis": context.crisis, "sectors": ", ".join(context.sectors),
              "template": template, "template_as_of": context.as_of,
              "source": f"coordgraph init --template {template}"}
    return [(key, values.get(key, "")) for key in CONTEXT_KEYS]


def workbook_target(argument) -> Path:
    """The workbook ``init --format xlsx`` writes for its argument: the name
    itself when it ends in ``.xlsx``, inside it when it is a folder, else the
    name with ``.xlsx`` added.

    >>> workbook_target("sudan"), workbook_target("contexts/Sudan.XLSX")
    (PosixPath('sudan.xlsx'), PosixPath('contexts/Sudan.XLSX'))
    """
    path = Path(argument)
    if path.suffix.lower() == ".xlsx":
        return path
    if path.is_dir():
        return path / f"{path.resolve().name or 'context'}.xlsx"
    return path.with_name(path.name + ".xlsx")


def init_workbook(argument, template: str, as_of=None) -> list[Path]:
    """Write template ``template`` as one workbook (see :func:`workbook_target`);
    never overwrites. Returns the file written."""

    source = template_path(template)
    if not str(argument).strip():
        raise UsageError("the workbook name is empty; name it, e.g. "
                         "`coordgraph init sudan.xlsx`")
    target = workbook_target(argument)
    if target.exists():
        raise UsageError(f"{target} already exists; nothing was written (init never "
                         "overwrites: choose a new name or move that file away)")
    graph = load(source)
    data = workbook_bytes(graph, file_name=target.name, start_with_instructions=True,
                          settings=init_settings(graph, template,
                                                 as_of or datetime.date.today()))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "xb") as handle:
            try:
                handle.write(data)
            except OSError:
                handle.close()
                target.unlink(missing_ok=True)
                raise
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}; "
                         "nothing was written") from exc
    return [target]
