"""The ``portfolio`` command: many contexts side by side."""

import datetime
import shlex
import sys
import warnings as python_warnings
from pathlib import Path

import click

from .. import portfolio as matrix
from ..analysis import check
from ..analysis._shared import normalise_org
from ..context import parse_context
from ..errors import DataError
from ..loading import load
from ..writing import input_files, write_atomic
from .common import command, org_option
from .terminal import echo_text

PORTFOLIO_FORMATS = ("text", "json", "markdown", "html", "csv")


def _date(ctx, param, value):
    if value is None:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date: write it as 2026-11-29") from None


@command("portfolio")
@click.argument("paths", nargs=-1, required=True, metavar="DIR...")
@org_option
@click.option("--max-seats", type=click.IntRange(min=1), default=3, show_default=True,
              help="A role with seats in more platforms than this is overloaded (CG304).")
@click.option("--format", "fmt", type=click.Choice(PORTFOLIO_FORMATS), default="text",
              show_default=True,
              help="text: a table for the terminal; json: one object per context with its "
                   "findings and cells; markdown; html: one offline page with a sortable, "
                   "filterable heat map; csv: for Excel.")
@click.option("--hxl", is_flag=True, help="csv: add a row of HXL hashtags under the header.")
@click.option("-o", "--output", metavar="FILE",
              help="Write to FILE, atomically; '-' or no -o writes to stdout.")
@click.option("--today", metavar="DATE", callback=_date,
              help="The date ages are counted to, e.g. 2026-11-29 [default: today].")
@click.option("--fail-on", type=click.Choice(("error", "warning", "never")), default="error",
              show_default=True,
              help="Exit 1 when a context has a finding at or above this severity "
                   "(an invalid context counts as errors).")
def portfolio_command(paths, org, max_seats, fmt, hxl, output, today, fail_on):
    """Many contexts side by side: where the organisation sits, country by country.

    DIR is a context folder, or a folder whose sub-folders are contexts (a
    region). One row per context (name, country, context type, age of its
    data and of its template, errors and warnings of `check`), one column
    per kind of platform (HCT, ICCG, each cluster by its code, UNCT, SMT,
    PMT, OMT, and other kinds found in two contexts or more); each cell the
    organisation's strongest place there: lead, co-lead, chair, co-chair,
    coordinator, member, alternate or observer only, absent where expected,
    not expected, or not active. A platform's kind is its code, else a known
    acronym in its id or label. An invalid context is a row with its errors;
    the exit code is 2 only when every context is invalid.

    \b
    Examples:
      coordgraph portfolio examples/portfolio
      coordgraph portfolio examples/portfolio --format html -o output/portfolio.html
      coordgraph portfolio west-africa/* --format csv --hxl -o region.csv
      coordgraph portfolio examples/portfolio --format json --today 2026-11-29
    """
    rows, inputs, org_hints = [], [], []
    for path in matrix.context_paths(paths):
        try:
            graph = load(path)
        except DataError as exc:
            rows.append(matrix.context_row(path, None, (), org or "", today,
                                           problems=exc.problems, context=_context_of(path)))
            continue
        inputs += input_files(graph)
        wanted, hint = normalise_org(graph, org)
        org_hints.append(hint)
        with python_warnings.catch_warnings():
            python_warnings.simplefilter("ignore")   # an org absent from one context is a row
            findings = check(graph, org=wanted, max_seats=max_seats)
        rows.append(matrix.context_row(path, graph, findings, wanted, today))
    if org_hints and all(org_hints):
        # No context has a role of that organisation: a typo, most likely.
        echo_text(f"coordgraph: warning: {org_hints[0]}", err=True)
    result = matrix.build(rows, today, org=org or "")
    for row in rows:
        if not row.valid:
            echo_text(f"coordgraph: {row.source}: invalid data, {len(row.problems)} "
                      f"error(s): `coordgraph validate --data {shlex.quote(row.source)}` "
                      "lists them", err=True)

    if fmt == "json":
        data = matrix.to_json(result).encode("utf-8")
    elif fmt == "markdown":
        data = matrix.to_markdown(result).encode("utf-8")
    elif fmt == "csv":
        data = matrix.to_csv(result, hxl=hxl)
    elif fmt == "html":
        from ..portfolio_html import page

        data = page(result)
    else:
        data = matrix.to_text(result).encode("utf-8")

    if output in (None, "-"):
        if fmt in ("text", "markdown"):
            echo_text(data.decode("utf-8"), nl=False)
        else:
            click.echo(data, nl=False)
    else:
        write_atomic(output, data, protected=inputs)
        click.echo(f"wrote {output} ({fmt}, {len(rows)} contexts)", err=True)
    if rows and all(not row.valid for row in rows):
        sys.exit(2)
    sys.exit(1 if matrix.fails(result, fail_on) else 0)


def _context_of(path):
    """What an invalid context's ``context.toml`` says, when it can be read."""
    try:
        text = (Path(path) / "context.toml").read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    return parse_context(text, "context.toml", [], [])
