"""Run Graphviz's ``dot``: the one place coordgraph starts a process.

:func:`dot_command` builds the command (pure); :func:`run_dot` runs it under
a time limit, with file loading disabled (``SERVER_NAME``), and turns every
way it can fail into a :class:`~coordgraph.errors.GraphvizError` whose
message says what to do.

Two ways to use both cores, with the same output: :func:`start_dot` hands
``dot`` its input and returns at once, so the caller can work while
Graphviz lays the drawing out (:meth:`DotRun.result` waits for it); and
:func:`prestart_dot` starts ``dot`` before its input exists, so that its own
start-up (loading its libraries and plugins, about 5 ms) happens while
coordgraph reads the data and builds the DOT.
"""

import atexit
import contextlib
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
    return start_dot(dot_text, fmt, timeout=timeout, nodes=nodes).result()


class DotRun:
    """``dot`` drawing one input, started by :func:`start_dot`.

    :meth:`result` waits for the drawing; :meth:`cancel` stops ``dot``. The
    time limit counts from :meth:`result`: work the caller did meanwhile
    does not eat into Graphviz's time.
    """

    def __init__(self, process: subprocess.Popen, rest: bytes, timeout: float,
                 nodes: int | None) -> None:
        self._process, self._rest, self._timeout, self._nodes = process, rest, timeout, nodes

    def result(self) -> Result:
        """The drawing, or a :class:`~coordgraph.errors.GraphvizError` saying why not."""
        try:
            stdout, stderr = self._process.communicate(self._rest or None,
                                                       timeout=self._timeout)
        except subprocess.TimeoutExpired:
            self.cancel()
            size = f" {self._nodes:,} nodes" if self._nodes is not None else " the drawing"
            raise GraphvizError(
                f"Graphviz did not finish laying out{size} within {self._timeout:g} s.\n"
                "Draw less (--focus ID --depth 1, or --view platforms), or allow more time "
                "with --timeout SECONDS.") from None
        except BaseException:
            # Ctrl-C or SIGTERM (which the command turns into an exception)
            # while dot runs: dot never outlives coordgraph.
            self.cancel()
            raise
        said = stderr.decode("utf-8", "replace").strip()
        if self._process.returncode != 0 or not stdout:
            raise GraphvizError(f"Graphviz failed (exit {self._process.returncode}): "
                                f"{said or 'no message'}")
        warnings = [f"Graphviz: {line.strip()}" for line in said.splitlines() if line.strip()]
        return Result(stdout, warnings)

    def cancel(self) -> None:
        """Stop ``dot`` (if it still runs) and release its pipes."""
        _stop(self._process)


def start_dot(dot_text: str, fmt: str, *, timeout: float = DEFAULT_TIMEOUT,
              nodes: int | None = None) -> DotRun:
    """Start drawing ``dot_text`` in ``fmt`` and return without waiting.

    Arguments and errors as :func:`run_dot`; Graphviz's own failures come
    from :meth:`DotRun.result`. A ``dot`` :func:`prestart_dot` started for
    ``fmt`` (same program, environment and folder) is used if there is one.
    """
    if (isinstance(timeout, bool) or not isinstance(timeout, (int, float))
            or not 0 < timeout <= MAX_TIMEOUT):
        raise UsageError(f"the timeout must be a number of seconds above 0 and at most "
                         f"{MAX_TIMEOUT:g}, not {timeout!r}")
    command = dot_command(find_dot(), fmt)
    settings = _settings()
    process = None
    if fmt in _STARTED:
        started_command, started_settings, process = _STARTED.pop(fmt)
        if (started_command, started_settings) != (command, settings) or process.poll() is not None:
            _stop(process)   # PATH, environment or folder changed since, or it died
            process = None
    if process is None:
        process = _spawn(command, settings)
    data = dot_text.encode("utf-8")
    try:
        written = _write_what_fits(process, data)
    except BaseException:
        _stop(process)
        raise
    return DotRun(process, data[written:], timeout, nodes)


def prestart_dot(fmt: str) -> None:
    """Start ``dot`` for ``fmt`` now, for the next :func:`start_dot` in that format.

    Nothing happens if ``dot`` cannot start: drawing will say why. A ``dot``
    left unused is stopped when Python exits (closing its input would
    be enough: ``dot`` then reads an empty file and ends).
    """
    if fmt in _STARTED:
        return
    settings = _settings()
    try:
        command = dot_command(find_dot(), fmt)
        _STARTED[fmt] = (command, settings, _spawn(command, settings))
    except GraphvizError:
        return


def stop_prestarted() -> None:
    """Stop every ``dot`` :func:`prestart_dot` started that was not used."""
    while _STARTED:
        _, (_, _, process) = _STARTED.popitem()
        _stop(process)


#: format -> (command, settings, process): dot started ahead by prestart_dot.
_STARTED: dict[str, tuple[list[str], tuple, subprocess.Popen]] = {}
atexit.register(stop_prestarted)


def _settings() -> tuple:
    # what a started dot inherited and a later drawing must share
    try:
        folder: str | None = os.getcwd()
    except OSError:   # the current folder was removed
        folder = None
    return folder, dict(os.environ, SERVER_NAME="coordgraph")


def _spawn(command: list[str], settings: tuple) -> subprocess.Popen:
    # SERVER_NAME makes Graphviz refuse to read files named in the input
    # (images, shapefiles); the DOT carries none, this is belt and braces.
    try:
        return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=settings[1])
    except OSError as exc:
        raise GraphvizError(f"could not run Graphviz ({command[0]}): {exc.strerror or exc}.\n"
                            + INSTALL_HINT) from None


def _write_what_fits(process: subprocess.Popen, data: bytes) -> int:
    """Write what of ``data`` the pipe to ``dot`` takes without waiting; close
    it when that is all (``dot`` then starts its layout). The rest goes with
    :meth:`DotRun.result`, under its time limit. Returns the bytes written."""
    if os.name == "nt" or process.stdin is None:   # no non-blocking pipes there
        return 0
    handle = process.stdin.fileno()
    os.set_blocking(handle, False)
    try:
        written = os.write(handle, data)
    except BlockingIOError:
        written = 0
    except BrokenPipeError:   # dot ended already: its exit code and message say why
        written = len(data)
    finally:
        os.set_blocking(handle, True)
    if written == len(data):
        process.stdin.close()   # nothing buffered (written by os.write): nothing to fail
        process.stdin = None   # closed here: communicate() must not flush it again
    return written


def _stop(process: subprocess.Popen) -> None:
    # As subprocess.run stops a process: kill and reap it, without reading
    # its pipes (a wrapper script's own child may hold them open).
    if process.poll() is None:
        process.kill()
    process.wait()
    for pipe in (process.stdin, process.stdout, process.stderr):
        if pipe is not None:
            with contextlib.suppress(OSError):
                pipe.close()
