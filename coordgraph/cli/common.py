"""What the commands share: options, loading a context, and the one place
where the library's errors become messages and exit codes.

Library code raises :class:`~coordgraph.errors.CoordgraphError`; every
command is a :class:`Command`, whose :meth:`Command.invoke` turns the error
into a :class:`click.ClickException` that click prints and exits with:

- a :class:`~coordgraph.errors.DataError`: its problems, as lines on stderr
  (JSON on stdout for ``--format json``), exit code 2;
- any other error: ``Error: <message>`` on stderr (as click prints its own
  usage errors), exit code 2, or 3 for Graphviz.
"""

import warnings

import click

from ..analysis._shared import normalise_org
from ..errors import CoordgraphError, DataError, DataWarning, GraphvizError
from ..loading import load
from ..reporting import problems_json, problems_text
from .terminal import echo_text

#: Report formats of check and diff.
FORMATS = ("text", "json", "markdown")


class CommandError(click.ClickException):
    """An error shown as ``Error: <message>`` on stderr, control characters
    escaped; ``exit_code`` is the library error's (2, or 3 for Graphviz).

    >>> from coordgraph.errors import GraphvizError
    >>> error = CommandError.of(GraphvizError("dot timed out"))
    >>> error.exit_code, error.format_message()
    (3, 'dot timed out')
    """

    exit_code = 2

    @classmethod
    def of(cls, error: CoordgraphError, context: str = "") -> "CommandError":
        """The message of a library error, after ``context`` (``"--compare: "``)."""
        kind = GraphvizFailed if isinstance(error, GraphvizError) else CommandError
        return kind(f"{context}{error}")

    def show(self, file=None) -> None:
        echo_text(f"Error: {self.format_message()}", err=True)


class GraphvizFailed(CommandError):
    """Graphviz missing, failed or timed out: exit code 3."""

    exit_code = 3


class ProblemsError(click.ClickException):
    """Invalid data: every problem (and the warnings) listed, exit code 2.

    As lines on stderr, after ``headline`` when given; for ``--format json``,
    the JSON object on stdout (a program reads one object whatever happened).
    """

    exit_code = 2

    def __init__(self, error: DataError, fmt: str | None = "text", headline: str = ""):
        super().__init__(str(error))
        self.problems, self.warnings = error.problems, error.warnings
        self.fmt, self.headline = fmt, headline

    def show(self, file=None) -> None:
        if self.fmt == "json":
            click.echo(problems_json(self.problems, self.warnings))
            return
        if self.headline:
            echo_text(f"Error: {self.headline}", err=True)
        echo_text(problems_text(self.problems, self.warnings), err=True, nl=False)


class Command(click.Command):
    """A command whose library errors end as messages and exit codes (the
    CLI's one error boundary, see the module's docstring).

    ``json_problems``: the command's ``--format json`` is a report, so
    invalid data is reported as JSON on stdout too.
    """

    def __init__(self, *args, json_problems: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.json_problems = json_problems

    def make_parser(self, ctx):
        parser = super().make_parser(ctx)
        _skip_long_form_of_short_options(parser, ctx)
        return parser

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except DataError as error:
            fmt = ctx.params.get("fmt") if self.json_problems else "text"
            raise ProblemsError(error, fmt) from error
        except CoordgraphError as error:
            raise CommandError.of(error) from error


def _skip_long_form_of_short_options(parser, ctx) -> None:
    """Let ``parser`` take ``-o FILE`` as the short option it is without
    first trying it as a long one.

    click tries every option as a long option first, and its "no such
    option" error for the failed try computes did-you-mean suggestions with
    :mod:`difflib`, imported for it (a few milliseconds of every ``-o``),
    only to be discarded. The parser's behaviour is unchanged: a name with
    one prefix character that is not a long option goes to the short
    options, as it did after the discarded error. Left alone when the
    parser (a private class of click) is not the one this was written for.
    """
    match_long = getattr(parser, "_match_long_opt", None)
    long_options = getattr(parser, "_long_opt", None)
    prefixes = getattr(parser, "_opt_prefixes", None)
    if match_long is None or not isinstance(long_options, dict) or not prefixes:
        return

    def match_long_option(option, explicit_value, state):
        if option not in long_options and option[:2] not in prefixes:
            raise click.NoSuchOption(option, ctx=ctx)   # caught: the short form follows
        match_long(option, explicit_value, state)

    parser._match_long_opt = match_long_option


def command(name: str, **settings):
    """``click.command(name, cls=Command)``: the functions are named
    ``<name>_command`` so that they do not hide the library's ``check``..."""
    return click.command(name, cls=Command, **settings)


def data_option(function):
    return click.option(
        "--data", "data_dir", metavar="DIR", type=click.Path(),
        help="Context folder with nodes.csv, edges.csv and optionally context.toml, "
             "an .xlsx workbook, or a template name [default: the bundled generic "
             "framework].")(function)


def org_option(function):
    return click.option(
        "--org", metavar="ORG",
        help="Organisation whose representation is checked [default: org in "
             "context.toml, else IOM].")(function)


def load_context(path):
    """:func:`coordgraph.load` of a folder or template name (None: the
    bundled framework), and the warnings it issued, as problems.

    Raises :class:`~coordgraph.errors.DataError` for invalid data: the
    command's boundary lists its problems.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DataWarning)
        graph = load(path)
    found = []
    for warning in caught:
        if isinstance(warning.message, DataWarning):
            found.append(warning.message.problem)
        else:   # not ours to collect: issued again as it came
            warnings.warn_explicit(warning.message, warning.category, warning.filename,
                                   warning.lineno)
    return graph, found


def show_warnings(found) -> None:
    """Data warnings on stderr, at most 20 of a kind (stdout stays for output)."""
    if found:
        echo_text(problems_text([], found), err=True, nl=False)


def load_shown(path, fmt="text"):
    """:func:`load_context`, its warnings on stderr except for ``--format
    json`` (the command puts them into its JSON or shows them itself)."""
    graph, found = load_context(path)
    if fmt != "json":
        show_warnings(found)
    return graph, found


def chosen_org(graph, org):
    """The organisation a command looks at: ``--org`` read as the library
    reads it (trimmed, the data's spelling whatever its case), else the
    context's. Warns on stderr, with a did-you-mean, when no role belongs to it."""
    org, hint = normalise_org(graph, org)
    if hint:
        echo_text(f"coordgraph: warning: {hint}", err=True)
    return org
