"""The ``coordgraph`` command: a thin client over the library.

The library raises; each command turns its errors into messages on stderr
and exit codes (0 fine, 1 findings at or above --fail-on, 2 invalid data or
usage, 3 Graphviz) in one place, :class:`.common.Command`. The commands live
in their own modules; this one builds the group. None imports networkx or
pydot at import time, so `coordgraph --help` stays fast.
"""

import contextlib
import gc
import os
import sys
import warnings

import click

from .. import __version__
from ..errors import UnknownOrgWarning
from .briefing import brief_command
from .checking import check_command, validate_command
from .contexts import diff_command, init_command, show_command
from .exporting import export_command
from .portfolio import portfolio_command
from .rendering import render_command
from .stopping import Stopped, stop_on_signals
from .terminal import tolerate_unencodable_output


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
    # Each command says it once, through chosen_org; the library would repeat it.
    warnings.filterwarnings("ignore", category=UnknownOrgWarning)


for _command in (validate_command, check_command, render_command, export_command,
                 init_command, diff_command, show_command, portfolio_command,
                 brief_command):
    cli.add_command(_command)


def main():
    """Console-script entry point.

    A command is a short run over one graph that lives until the end, so
    the cyclic garbage collector is off: at 300k nodes its passes cost a
    third of `check`'s time. The process ends with a normal exit once the
    output is flushed (``os._exit``, which skips freeing the graph, saved no
    measurable time); a stream that could not be flushed is pointed at the
    null device first, so that Python's own last flush stays quiet.

    Ctrl-C, SIGTERM and SIGHUP end the command through its ``finally``
    blocks (no temporary file left, no ``dot`` left running) with exit code
    130, 143 or 129.
    """
    tolerate_unencodable_output()
    gc.disable()
    stop_on_signals()
    code: int | str | None
    try:
        cli(prog_name="coordgraph")
        code = 0
    except Stopped as exc:
        code = exc.code
        _tell(f"Error: {exc}")
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
        except ValueError:   # closed
            pass
        except OSError as exc:
            if stream is sys.stdout and not isinstance(exc, BrokenPipeError):
                code = _output_failed(exc)
            _silence(stream)
    sys.exit(code)


def _silence(stream) -> None:
    """Point ``stream``'s file descriptor at the null device: what is left in
    its buffer goes nowhere instead of failing again at exit."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)
    except (OSError, ValueError):
        pass


def _output_failed(exc: OSError) -> int:
    """Say what failed, without a traceback; the exit code is 2.

    An error that names no file comes from writing the output stream (a full
    disk...). One that names a file escaped from somewhere else, maybe while
    reading: it is not called a write.
    """
    reason = exc.strerror or exc
    if exc.filename is None:
        _tell(f"Error: cannot write the output: {reason}")
    else:
        _tell(f"Error: {os.fsdecode(exc.filename)!r}: {reason}")
    return 2


def _tell(message: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        print(message, file=sys.stderr, flush=True)
