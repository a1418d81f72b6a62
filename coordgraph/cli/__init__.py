"""The ``coordgraph`` command: a thin client over the library.

The library raises; each command turns its errors into messages on stderr
and exit codes (0 fine, 1 findings at or above --fail-on, 2 invalid data or
usage, 3 Graphviz) in one place, :class:`.common.Command`. The commands live
in their own modules, each imported only when its command runs; this one
builds the group. None imports networkx or pydot at import time, so
`coordgraph --help` stays fast.
"""

import contextlib
import gc
import os
import sys
import warnings
from collections.abc import MutableMapping
from importlib import import_module

import click

from .. import __version__
from ..errors import UnknownOrgWarning
from .stopping import Stopped, stop_on_signals
from .terminal import tolerate_unencodable_output

#: Each command: the module (in this package) and function that define it, and
#: the first paragraph of its help, which ``coordgraph --help`` lists. A command's
#: module is imported only when the command runs (or its help is shown): `check`
#: does not pay for the renderer, nor `--help` for any of them.
COMMANDS = {
    "validate": ("checking", "validate_command",
                 "Check that a context folder is well formed (rules CG101-CG110)."),
    "check": ("checking", "check_command",
              "Find where the organisation is missing, thin or overloaded (CG2xx, CG3xx)."),
    "render": ("rendering", "render_command",
               "Draw the organigram (SVG, PNG, PDF, DOT or HTML), findings marked."),
    "export": ("exporting", "export_command",
               "Export the graph for other tools: networkx, yEd, Gephi, Mermaid, Excel."),
    "init": ("contexts", "init_command",
             "Start a context folder DIR from a template, to adapt to a country."),
    "diff": ("contexts", "diff_command", "Show what changed from context OLD to context NEW."),
    "show": ("contexts", "show_command",
             "Show one platform or role: who sits where, and how issues go up."),
    "portfolio": ("portfolio", "portfolio_command",
                  "Many contexts side by side: where the organisation sits, country by country."),
    "brief": ("briefing", "brief_command",
              "Write a one-page brief: the platforms drawn to fit the page, who sits where, "
              "the findings with what to do and, with --since, what changed."),
}


class LazyCommands(MutableMapping[str, click.Command]):
    """The group's commands by name, each module imported on first use.

    Behaves as click's plain dict of commands (``cli.commands["render"]``
    is the command itself); :meth:`summary` gives a command's help summary
    without importing it.
    """

    def __init__(self, where: dict[str, tuple[str, str, str]]):
        self._where = where
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        command = self._loaded.get(name)
        if command is None:
            module, function, _ = self._where[name]   # KeyError: no such command
            command = getattr(import_module(f"{__name__}.{module}"), function)
            self._loaded[name] = command
        return command

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        if name not in self:
            raise KeyError(name)
        self._loaded.pop(name, None)
        self._where = {key: value for key, value in self._where.items() if key != name}

    def __iter__(self):
        return iter({**dict.fromkeys(self._where), **dict.fromkeys(self._loaded)})

    def __len__(self) -> int:
        return len(self._where.keys() | self._loaded.keys())

    def __contains__(self, name) -> bool:
        return name in self._where or name in self._loaded

    def summary(self, name: str) -> click.Command:
        """The command if it is loaded, else a stand-in with its help summary."""
        if name in self._loaded:
            return self._loaded[name]
        return click.Command(name, help=self._where[name][2])


class LazyGroup(click.Group):
    """A group whose ``--help`` lists its commands without importing them."""

    def format_commands(self, ctx, formatter):
        commands = self.commands
        if not isinstance(commands, LazyCommands):
            return super().format_commands(ctx, formatter)
        shown = [(name, commands.summary(name)) for name in self.list_commands(ctx)]
        shown = [(name, command) for name, command in shown if not command.hidden]
        if shown:
            # as click's own: the summaries cut to the width left of the names
            limit = formatter.width - 6 - max(len(name) for name, _ in shown)
            with formatter.section("Commands"):
                formatter.write_dl([(name, command.get_short_help_str(limit))
                                    for name, command in shown])
        return None


@click.group(cls=LazyGroup, commands=LazyCommands(COMMANDS),
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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


#: What the running command keeps until the process ends (:func:`keep_to_the_end`);
#: None outside :func:`main` (a command invoked in-process keeps nothing).
_kept: list | None = None


def keep_to_the_end(*objects) -> None:
    """Let ``objects`` (a command's graph) live until the process ends.

    A graph of 30,000 nodes takes about 30 ms to free, one object at a
    time, and Python's last collection walks it once more: :func:`main`
    leaves what is kept to the end of the process instead, where the
    system takes the memory back at once. Outside :func:`main` (a test
    invoking the command in-process) nothing is kept.
    """
    if _kept is not None:
        _kept.extend(objects)


def main():
    """Console-script entry point.

    A command is a short run over one graph that lives until the end, so
    the cyclic garbage collector is off: at 300k nodes its passes cost a
    third of `check`'s time. The process ends with a normal exit once the
    output is flushed (not ``os._exit``, which would skip Python's own
    clean-up too); a stream that could not be flushed is pointed at the
    null device first, so that Python's own last flush stays quiet.

    Ctrl-C, SIGTERM and SIGHUP end the command through its ``finally``
    blocks (no temporary file left, no ``dot`` left running) with exit code
    130, 143 or 129.

    What the command kept (:func:`keep_to_the_end`) is put in a cycle that
    the collector is told to leave alone (:func:`gc.freeze`, after the
    streams are flushed): the interpreter's shutdown neither frees it object
    by object nor walks it.
    """
    global _kept
    tolerate_unencodable_output()
    gc.disable()
    stop_on_signals()
    _kept = []
    code: int | str | None = 0
    try:
        cli(prog_name="coordgraph")
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
    if _kept:
        _outlive(_kept)
    _kept = None
    sys.exit(code)


def _outlive(kept: list) -> None:
    """Keep ``kept`` alive to the end of the process, unwalked.

    The list refers to itself, so clearing the modules at shutdown does not
    free it, and every object the collector tracks is frozen (moved where
    its collections never look), so the last collection at shutdown skips
    it, as it skips what the command left behind: a command that keeps
    something holds no object whose clean-up the collector should run.
    """
    kept.append(kept)
    gc.freeze()


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
