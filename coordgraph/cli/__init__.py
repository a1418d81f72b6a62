"""The ``coordgraph`` command: a thin client over the library.

The library raises; this module turns its errors into messages on stderr and
exit codes (0 fine, 1 findings at or above --fail-on, 2 invalid data or
usage, 3 Graphviz). Heavy imports happen inside the commands that need them.
"""

import gc
import os
import sys

import click

from .. import __version__
from .terminal import echo_text, tolerate_unencodable_output

FORMATS = ("text", "json", "markdown")


def _data_option(function):
    return click.option(
        "--data", "data_dir", metavar="DIR", type=click.Path(file_okay=False),
        help="Context folder with nodes.csv, edges.csv and optionally context.toml "
             "[default: the bundled generic framework].")(function)


def _org_option(function):
    return click.option(
        "--org", metavar="ORG",
        help="Organisation whose representation is checked [default: org in "
             "context.toml, else IOM].")(function)


def _load(data_dir, fmt="text"):
    """Load the context, or print every problem and exit 2."""
    from ..errors import DataError
    from ..loading import load
    from ..reporting import problems_text

    from ..templating import TEMPLATES

    if data_dir in TEMPLATES and not os.path.exists(data_dir):
        # As for diff and --compare: a template name works wherever no folder
        # of that name exists (`check --data humanitarian`).
        from ..templating import template_path

        data_dir = template_path(data_dir)
    try:
        graph, warnings = load(data_dir, with_warnings=True)
    except DataError as exc:
        _data_error(exc, fmt)
    if warnings and fmt != "json":
        echo_text(problems_text([], warnings), err=True, nl=False)
    return graph, warnings


def _org(graph, org):
    """The organisation a command looks at: ``--org`` read as the library
    reads it (trimmed, the data's spelling whatever its case), else the
    context's. Warns on stderr, with a did-you-mean, when no role belongs to it."""
    from ..analysis._shared import normalise_org

    org, hint = normalise_org(graph, org)
    if hint:
        echo_text(f"coordgraph: warning: {hint}", err=True)
    return org


def _data_error(exc, fmt="text"):
    """Print a :class:`~coordgraph.errors.DataError`'s problems and exit 2:
    JSON on stdout for ``--format json``, else lines on stderr."""
    from ..reporting import problems_json, problems_text

    if fmt == "json":
        click.echo(problems_json(exc.problems, exc.warnings))
    else:
        echo_text(problems_text(exc.problems, exc.warnings), err=True, nl=False)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="coordgraph")
def cli():
    """Map humanitarian coordination platforms and who sits in them, check
    for gaps, and draw organigrams.

    \b
    Examples:
      coordgraph check                      # the bundled generic framework
      coordgraph init my-country --template humanitarian
      coordgraph check --data my-country    # your own nodes.csv and edges.csv
      coordgraph render --data my-country -o brief.png
      coordgraph render --data my-country -o organigram.html
      coordgraph show hct                   # who sits there, who stands in
      coordgraph diff generic my-country --format markdown

    Exit codes: 0 fine, 1 findings at or above --fail-on, 2 invalid data or
    usage, 3 Graphviz missing, failed or timed out.
    """
    import warnings

    from ..errors import UnknownOrgWarning

    # Each command says it once, through _org; the library would repeat it.
    warnings.filterwarnings("ignore", category=UnknownOrgWarning)


# Each module adds its commands to `cli`; none imports networkx or pydot at
# import time, so `coordgraph --help` stays fast.
from . import checking, contexts, exporting, rendering  # noqa: E402,F401
from . import portfolio  # noqa: E402,F401
from . import briefing  # noqa: E402,F401


def main():
    """Console-script entry point.

    A command is a short run over one graph that lives until the end, so
    the cyclic garbage collector is off: at 300k nodes its passes cost a
    third of `check`'s time. And the process ends with ``os._exit`` once the
    output is flushed: freeing a large graph object by object took longer
    than some checks, and nothing is left to clean up (mypy does the same).

    Ctrl-C, SIGTERM and SIGHUP end the command through its ``finally``
    blocks (no temporary file left, no ``dot`` left running) with exit code
    130, 143 or 129.
    """
    from .stopping import Stopped, stop_on_signals

    tolerate_unencodable_output()
    gc.disable()
    stop_on_signals()
    try:
        cli(prog_name="coordgraph")
        code = 0
    except Stopped as exc:
        code = exc.code
        _tell(f"coordgraph: {exc}")
    except SystemExit as exc:
        code = exc.code
    except BrokenPipeError:
        code = 0  # `coordgraph check | head` closed the pipe: not an error.
    except OSError as exc:
        code = _output_failed(exc)
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):
            pass
        except OSError as exc:
            code = _output_failed(exc) if stream is sys.stdout else code
    os._exit(code)


def _output_failed(exc: OSError) -> int:
    """Say what failed, without a traceback; the exit code is 2.

    An error that names no file comes from writing the output stream (a full
    disk...). One that names a file escaped from somewhere else, maybe while
    reading: it is not called a write.
    """
    reason = exc.strerror or exc
    if exc.filename is None:
        _tell(f"coordgraph: cannot write the output: {reason}")
    else:
        _tell(f"coordgraph: {os.fsdecode(exc.filename)!r}: {reason}")
    return 2


def _tell(message: str) -> None:
    try:
        print(message, file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass
