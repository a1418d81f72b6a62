"""Run Graphviz's ``dot``: the one place coordgraph starts a process.

:func:`dot_command` builds the command (pure); :func:`run_dot` runs it under
a time limit, with file loading disabled (``SERVER_NAME``), and turns every
way it can fail into a :class:`~coordgraph.errors.GraphvizError` whose
message says what to do.
"""

import os
import subprocess

from ..errors import GraphvizError, UsageError
from ..records import FACTORY, Record
from .parameters import DEFAULT_TIMEOUT, MAX_TIMEOUT

#: Pixels per inch of PNG output: twice the screen's, for slides and print.
PNG_DPI = "144"

INSTALL_HINT = """\
Install Graphviz, then run the command again:
  Debian/Ubuntu:  sudo apt-get install graphviz
  Fedora:         sudo dnf install graphviz
  macOS:          brew install graphviz
  conda:          conda install -c conda-forge graphviz
  Windows:        winget install graphviz   (then open a new terminal)
Without Graphviz, --format dot writes the DOT text for another machine."""


class Result(Record):
    _fields = ("output", "warnings")

    def __init__(self, output: bytes, warnings: list = FACTORY) -> None:
        self.output = output
        self.warnings = [] if warnings is FACTORY else warnings


def dot_command(executable: str, fmt: str) -> list[str]:
    """The ``dot`` command line for an output format.

    >>> dot_command("dot", "svg")
    ['dot', '-Tsvg']
    >>> dot_command("/usr/bin/dot", "png")
    ['/usr/bin/dot', '-Tpng', '-Gdpi=144']
    """
    command = [executable, f"-T{fmt}"]
    if fmt == "png":
        command.append(f"-Gdpi={PNG_DPI}")
    return command


def find_dot() -> str:
    """The absolute path of ``dot`` on PATH, or a GraphvizError saying how to install it.

    Only absolute PATH entries are searched: never the current folder, which
    ``shutil.which`` searches first on Windows (and an empty or ``.`` entry
    means elsewhere), so a ``dot`` planted in a context folder someone shared
    is never run.
    """
    name = "dot.exe" if os.name == "nt" else "dot"
    for folder in os.environ.get("PATH", os.defpath).split(os.pathsep):
        if not os.path.isabs(folder):
            continue
        path = os.path.join(folder, name)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    raise GraphvizError("Graphviz is not installed: the 'dot' command is not on PATH.\n"
                        + INSTALL_HINT)


def run_dot(dot_text: str, fmt: str, *, timeout: float = DEFAULT_TIMEOUT,
            nodes: int | None = None) -> Result:
    """Lay out and draw ``dot_text`` in ``fmt``; Graphviz's warnings come back as text.

    ``nodes`` (the drawing's size) only makes the timeout message clearer.
    ``timeout`` must be a number of seconds, at most :data:`MAX_TIMEOUT`:
    ``None``, infinity or NaN would let Graphviz run for ever (or make
    :mod:`subprocess` fail), and raise :class:`UsageError`.
    """
    if (isinstance(timeout, bool) or not isinstance(timeout, (int, float))
            or not 0 < timeout <= MAX_TIMEOUT):
        raise UsageError(f"the timeout must be a number of seconds above 0 and at most "
                         f"{MAX_TIMEOUT:g}, not {timeout!r}")
    command = dot_command(find_dot(), fmt)
    # SERVER_NAME makes Graphviz refuse to read files named in the input
    # (images, shapefiles); the DOT carries none, this is belt and braces.
    env = dict(os.environ, SERVER_NAME="coordgraph")
    try:
        # An exception raised while dot runs (Ctrl-C or SIGTERM, which the
        # command turns into one) makes subprocess.run kill dot before it
        # propagates: dot never outlives coordgraph.
        done = subprocess.run(command, input=dot_text.encode("utf-8"), capture_output=True,
                              timeout=timeout, env=env, check=False)
    except subprocess.TimeoutExpired:
        size = f" {nodes:,} nodes" if nodes is not None else " the drawing"
        raise GraphvizError(
            f"Graphviz did not finish laying out{size} within {timeout:g} s.\n"
            "Draw less (--focus ID --depth 1, or --view platforms), or allow more time "
            "with --timeout SECONDS.") from None
    except OSError as exc:
        raise GraphvizError(f"could not run Graphviz ({command[0]}): {exc.strerror or exc}.\n"
                            + INSTALL_HINT) from None
    stderr = done.stderr.decode("utf-8", "replace").strip()
    if done.returncode != 0 or not done.stdout:
        said = stderr or "no message"
        raise GraphvizError(f"Graphviz failed (exit {done.returncode}): {said}")
    warnings = [f"Graphviz: {line.strip()}" for line in stderr.splitlines() if line.strip()]
    return Result(done.stdout, warnings)
