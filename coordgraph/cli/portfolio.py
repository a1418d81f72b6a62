"""The ``portfolio`` command: many contexts side by side."""

import contextlib
import datetime
import os
import shlex
import sys
import warnings as python_warnings
from pathlib import Path

import click

from .. import portfolio as matrix
from ..analysis import check
from ..analysis._shared import normalise_org
from ..context import parse_context
from ..errors import DataError, DataWarning
from ..loading import load
from ..schema import EDGE_FILE, NODE_FILE
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
    results = _context_results(matrix.context_paths(paths), org, max_seats, today, fmt)
    rows, inputs, org_hints, findings_json = [], [], [], []
    for row, files, hint, caught, text in results:
        for message, category, filename, lineno in caught:
            # as load() issued them, in the order of the contexts
            python_warnings.showwarning(message, category, filename, lineno)
        rows.append(row)
        findings_json.append(text)
        inputs += files
        if row.valid:
            org_hints.append(hint)
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
        data = matrix.to_json(result, findings_json).encode("utf-8")
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


def _one_context(path, org, max_seats, today, fmt="text"):
    """Load and check one context: its row, its input files, the hint when
    it has no role of ``org``, the warnings loading issued (recorded as
    text, so that worker processes hand them back, in order), and for the
    json format its findings' JSON text (written where the context is
    read: in the workers, when there are)."""
    with python_warnings.catch_warnings(record=True) as recorded:
        python_warnings.simplefilter("always", DataWarning)
        try:
            graph = load(path)
        except DataError as exc:
            graph, problems = None, exc.problems
    caught = [(str(w.message), w.category, w.filename, w.lineno) for w in recorded]
    if graph is None:
        row = matrix.context_row(path, None, (), org or "", today, problems=problems,
                                 context=_context_of(path))
        return row, [], "", caught, None
    wanted, hint = normalise_org(graph, org)
    with python_warnings.catch_warnings():
        python_warnings.simplefilter("ignore")   # an org absent from one context is a row
        findings = check(graph, org=wanted, max_seats=max_seats)
    row = matrix.context_row(path, graph, findings, wanted, today)
    text = matrix.findings_json(row) if fmt == "json" else None
    return row, input_files(graph), hint, caught, text


#: Below this many bytes of CSV in all, contexts are read one after the
#: other: starting worker processes costs more than it saves.
PARALLEL_MIN_BYTES = 2_000_000


def _workers(paths) -> int:
    """How many processes read the contexts: one per available core once
    the CSV files weigh :data:`PARALLEL_MIN_BYTES` (``COORDGRAPH_WORKERS``
    and ``COORDGRAPH_PARALLEL_MIN_BYTES`` override both; 1 worker is none)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    workers = min(_setting("COORDGRAPH_WORKERS", cores or 1), len(paths))
    if workers < 2:
        return 1
    threshold = _setting("COORDGRAPH_PARALLEL_MIN_BYTES", PARALLEL_MIN_BYTES)
    size = 0
    for path in paths:
        for name in (NODE_FILE, EDGE_FILE):
            with contextlib.suppress(OSError):   # a missing file: loading reports it
                size += os.stat(Path(path) / name).st_size
        if size >= threshold:
            return workers
    return 1


def _setting(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() else default


def _context_results(paths, org, max_seats, today, fmt="text") -> list:
    """:func:`_one_context` of each path, in order; in worker processes
    when :func:`_workers` says so (the same results either way)."""
    workers = _workers(paths)
    if workers == 1:
        return [_one_context(path, org, max_seats, today, fmt) for path in paths]
    # Imported only here: one by one needs neither, and they weigh 15 % of the
    # start-up of a small portfolio.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    # fork: the workers start with the modules already imported.
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        count = len(paths)
        return list(pool.map(_one_context, paths, [org] * count, [max_seats] * count,
                             [today] * count, [fmt] * count,
                             chunksize=max(1, count // (workers * 8))))


def _context_of(path):
    """What an invalid context's ``context.toml`` says, when it can be read."""
    try:
        text = (Path(path) / "context.toml").read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    return parse_context(text, "context.toml", [], [])
