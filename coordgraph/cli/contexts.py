"""Commands for country contexts: ``init``, ``diff`` and ``show``."""

import datetime
import json
import os
import shlex
import sys

import click

from ..describing import describe, describe_text
from ..diffing import diff, diff_json, diff_markdown, diff_text
from ..errors import DataError, Problem, UsageError
from ..escaping import escape_json_output
from ..loading import resolve
from ..suggesting import did_you_mean
from ..templating import DEFAULT_TEMPLATE, TEMPLATES, init_context, template_context
from ..writing_context import init_workbook
from .common import (
    FORMATS,
    chosen_org,
    command,
    data_option,
    load_context,
    org_option,
    show_warnings,
)
from .terminal import echo_text

_TEMPLATE_LIST = "\n".join(f"  {name:<13} {what}" for name, what in TEMPLATES.items())


def _context_folder(argument):
    """The folder an OLD or NEW argument of ``diff`` names (a folder or a
    template); raises a DataError (CG101) saying so when it names neither."""
    path = resolve(argument)
    if argument.strip() and os.path.exists(path):  # Path("") would be the current folder
        return path
    hint = ("did you mean 'generic', the bundled framework?"
            if argument.rstrip("/\\") == "data" else did_you_mean(argument, TEMPLATES))
    raise DataError([Problem("CG101", argument or "''", None, None, "not found",
                             (hint + " " if hint else "") + "OLD and NEW are context "
                             "folders or templates: " + ", ".join(TEMPLATES))])


def _load_sides(arguments):
    """Load OLD and NEW; the problems of both sides are reported together
    (a DataError), warnings go to stderr (stdout stays JSON)."""
    graphs: dict = {}   # folder -> its graph
    paths, problems, warnings = [], [], []
    for argument in arguments:
        try:
            path = _context_folder(argument)
            paths.append(path)
            if path not in graphs:  # `diff sudan sudan` reads (and reports) it once
                graphs[path] = None
                graphs[path], found = load_context(path)
                warnings += found
        except DataError as exc:   # gathered: both sides are reported at once
            problems += exc.problems
            warnings += exc.warnings
    if problems:
        raise DataError(problems, warnings)
    show_warnings(warnings)
    return [graphs[path] for path in paths]


@command("init", epilog="\b\nTemplates:\n" + _TEMPLATE_LIST)
@click.argument("folder", metavar="DIR", type=click.Path())
@click.option("--template", "-t", type=click.Choice(list(TEMPLATES)), default=DEFAULT_TEMPLATE,
              show_default=True, help="The framework to start from (listed below).")
@click.option("--format", "fmt", type=click.Choice(("csv", "xlsx")), default=None,
              help="csv: a folder of CSV files; xlsx: one Excel workbook with drop-down "
                   "lists, DIR.xlsx [default: xlsx when DIR ends in .xlsx, else csv].")
@click.option("--crisis", type=click.Choice(["disaster", "conflict", "both"]),
              help="Write crisis into context.toml and fill in the clusters' lead and "
                   "co_lead from the global arrangement as of the template's date.")
@click.option("--sectors", metavar="CODES",
              help="Comma-separated sector codes where the organisation runs programmes, "
                   "e.g. SHL,HEA: written into context.toml.")
def init_command(folder, template, fmt, crisis, sectors):
    """Start a context folder DIR from a template, to adapt to a country.

    Writes nodes.csv and edges.csv (UTF-8 with BOM and CRLF, so Excel opens
    them cleanly) and a context.toml to fill in, creating DIR. Refuses, with
    exit code 2 and nothing written, when any of the three files exists.
    With --format xlsx (or a DIR ending in .xlsx), writes one workbook
    instead: sheets nodes, edges and context, drop-down lists, instructions.

    \b
    Examples:
      coordgraph init sudan
      coordgraph init sudan --template humanitarian
      coordgraph init contexts/haiti-2026 -t pre-crisis
      coordgraph init sudan.xlsx --template humanitarian
      coordgraph init haiti --template humanitarian --crisis disaster --sectors SHL,HEA
    """
    if fmt is None:
        fmt = "xlsx" if folder.lower().endswith(".xlsx") else "csv"
    elif fmt == "csv" and folder.lower().endswith(".xlsx"):
        raise UsageError(f"{folder} ends in .xlsx: use --format xlsx for a workbook, or "
                         "another folder name")
    if fmt == "xlsx":
        if crisis or sectors:
            raise UsageError("--crisis and --sectors write a context folder; for a workbook, "
                             "fill in crisis and sectors in its context sheet")
        written = init_workbook(folder, template)
        _next_steps_workbook(written[0], template)
        return
    today = datetime.date.today()
    written = init_context(folder, template, today, crisis or "", (sectors or "").split(","))
    settings = template_context(template)
    data = shlex.quote(folder)
    click.echo(f"Created {folder} from the {template} template:")
    for path in written:
        click.echo(f"  {path}")
    click.echo(f"Template: {settings.template}, as of {settings.template_as_of}")
    if settings.source:
        click.echo(click.wrap_text(f"Source: {settings.source}", width=88,
                                   subsequent_indent="  "))
    if crisis:
        click.echo(f"Cluster leads: the global arrangement in a {crisis} as of "
                   f"{settings.template_as_of}.")
    quoted = [shlex.quote(str(path)) for path in written]
    steps = [f"Fill in {quoted[2]}: name, country; as_of is set to today "
             f"({today.isoformat()}): change it to the date the map describes.",
             f"Adapt {quoted[0]} and {quoted[1]} to the country, in Excel or any editor: "
             "mark platforms not activated here inactive, add or remove roles and "
             "memberships."]
    if template.startswith("humanitarian") or template == "mixed":
        steps.append("The sector programme and operations officer roles (po_*, oo_*) are "
                     "inactive: set status to active for the sectors where IOM works.")
    steps.append("Check it, draw its organigram, and see what you changed:")
    click.echo("\nNext steps:")
    for number, step in enumerate(steps, start=1):
        click.echo(click.wrap_text(step, width=88, initial_indent=f"  {number}. ",
                                   subsequent_indent="     "))
    # Commands on lines of their own, never wrapped: they are copied and pasted.
    for suggested in (f"check --data {data}", f"render --data {data}",
                    f"diff {template} {data}"):
        click.echo(f"       coordgraph {suggested}")


def _next_steps_workbook(workbook, template):
    data = shlex.quote(str(workbook))
    click.echo(f"Created {workbook} from the {template} template.")
    click.echo("\nNext steps:")
    steps = ["Open it in Excel or LibreOffice; fill in the context sheet: name, country, "
             "as_of.",
             "Adapt the nodes and edges sheets to the country: mark platforms not "
             "activated here inactive, add or remove roles and memberships (the drop-down "
             "lists hold the allowed values).",
             "Save it as .xlsx; check it, draw its organigram, and see what you changed:"]
    for number, step in enumerate(steps, start=1):
        click.echo(click.wrap_text(step, width=88, initial_indent=f"  {number}. ",
                                   subsequent_indent="     "))
    for suggested in (f"check --data {data}", f"render --data {data}",
                      f"diff {template} {data}"):
        click.echo(f"       coordgraph {suggested}")


@command("diff", json_problems=True)
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option("--org", metavar="ORG",
              help="Organisation whose findings are compared [default: org in NEW's "
                   "context.toml, else IOM].")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format: a plain report, a JSON object, or Markdown to paste "
                   "into a brief.")
def diff_command(old, new, org, fmt):
    """Show what changed from context OLD to context NEW.

    OLD and NEW are context folders, or template names (generic, humanitarian,
    pre-crisis) when no folder of that name exists. Nodes are matched by id
    and relations by source, relation and target: a new label is a change,
    not a removal and an addition. Findings are compared by code and node.
    context.toml is not compared; its name and as_of head the report
    ("Old: ..." and "New: ...").

    The report starts with leadership changes: a platform's lead or co-lead
    agency ("IOM: Shelter Cluster lead → co-lead"), and who is the org's
    coordinator or seat holder there. Text and Markdown name platforms and
    roles by label (JSON keeps the ids). A platform deactivated since OLD
    no longer applies: its findings are listed as no longer applying, not
    as resolved.

    Exit codes: 0 identical, 1 different, 2 invalid data on either side.

    \b
    Examples:
      coordgraph diff generic sudan
      coordgraph diff sudan-2026-01 sudan-2026-06 --format markdown > changes.md
      coordgraph diff humanitarian sudan --format json
    """
    old_graph, new_graph = _load_sides((old, new))
    result = diff(old_graph, new_graph, org=chosen_org(new_graph, org), labels=(old, new))
    if fmt == "json":
        click.echo(diff_json(result))
    elif fmt == "markdown":
        echo_text(diff_markdown(result), nl=False)
    else:
        echo_text(diff_text(result), nl=False)
    sys.exit(0 if result.identical else 1)


@command("show", json_problems=True)
@click.argument("node_id", metavar="ID")
@data_option
@org_option
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text",
              show_default=True, help="Output format.")
def show_command(node_id, data_dir, org, fmt):
    """Show one platform or role: who sits where, and how issues go up.

    For a platform: its lead and co-lead agencies, whether the org leads,
    coordinates, holds seats or is expected there, its coordinator, seat
    holders (with their capacity, condition, person and location, and the
    seats several roles share), alternates, observers, its escalation route
    and reporting lines, what advises it, and its findings. For a role: its
    seats, the platforms it coordinates, those where it is its
    organisation's only seat holder, the other posts of the same person, and
    its findings. A vacant post says so.

    \b
    Examples:
      coordgraph show hct                 # who represents IOM at the HCT?
      coordgraph show chief_of_mission
      coordgraph show cluster_hea --data sudan --format json
    """
    graph, warnings = load_context(data_dir)
    show_warnings(warnings)   # on stderr, also in JSON mode: stdout stays JSON
    org = chosen_org(graph, org)
    info = describe(graph, node_id, org=org)
    if fmt == "json":
        click.echo(escape_json_output(json.dumps(info, indent=2, ensure_ascii=False)))
    else:
        echo_text(describe_text(info, org), nl=False)
