"""Write an output file atomically, and never over an input: the one place
that writes what coordgraph makes (drawings, exports).

The bytes go to a temporary file in the target's folder, which then
replaces the target in one step (``os.replace``): a reader sees the old
file or the new one, never half of one, and a failure or an interruption
leaves nothing behind. The temporary file's name is unique
(``.coordgraph-<name>.<random>.tmp``), so a file left by a killed run never
blocks a new one.

A symbolic link is written through: the file it points to is replaced and
the link stays a link. A target that is a device, a named pipe or an open
stream (``/dev/null``, ``/dev/stdout``, a link to a pipe) is written into
instead: it cannot be replaced, only fed. A read-only file is refused.
"""

import errno
import os
import signal
import stat
from contextlib import contextmanager, suppress
from pathlib import Path

from .errors import UsageError
from .schema import CONTEXT_FILE, EDGE_FILE, NODE_FILE

#: How temporary files start: recognisable, and hidden on Unix.
TEMPORARY_PREFIX = ".coordgraph-"

_MAX_LINKS = 40   # as the kernel's ELOOP limit
_TEMPORARY_TRIES = 100
_WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
_STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
                      if hasattr(signal, name))


def input_files(graph) -> list[Path]:
    """The files a graph was loaded from (none for in-memory graphs)."""
    if not graph.source:
        return []
    folder = Path(graph.source)
    if folder.is_file():  # a workbook
        return [folder]
    return [folder / name for name in (NODE_FILE, EDGE_FILE, CONTEXT_FILE)]


def write_atomic(path, data: bytes, *, protected=()) -> Path:
    """Write ``data`` to ``path`` atomically; refuse to write over ``protected`` files.

    Missing parent folders are created. Raises
    :class:`~coordgraph.errors.UsageError` when the target is protected, is a
    folder, is read-only, or cannot be written.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_atomic(folder / "out" / "a.svg", b"<svg/>").read_bytes()
    b'<svg/>'
    >>> write_atomic(folder / "nodes.csv", b"x", protected=[folder / "nodes.csv"])
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    coordgraph.errors.UsageError: refusing to write over the input file .../nodes.csv; ...
    """
    target = Path(path)
    for source in protected:
        if _same_file(target, Path(source)):
            raise UsageError(f"refusing to write over the input file {source}; "
                             "choose another file with -o")
    final, through_stream = _follow_links(target)
    if through_stream:
        return _write_into(target, data)
    try:
        status = os.stat(final)
    except FileNotFoundError:
        status = None
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    if status is None:
        if final != target and not os.path.isdir(final.parent):
            raise UsageError(f"cannot write {target}: it is a link to {final}, whose "
                             "folder does not exist")
    elif stat.S_ISDIR(status.st_mode):
        raise UsageError(f"{target} is a folder; give -o a file name")
    elif not stat.S_ISREG(status.st_mode):
        # /dev/null, a named pipe: write into it. Replacing it would put a
        # plain file in its place (for root, even /dev/null).
        return _write_into(target, data)
    elif _read_only(final, status):
        shown = target if final == target else f"{target} (a link to {final})"
        raise UsageError(f"{shown} is read-only; nothing was written (make it writable, "
                         "or choose another file with -o)")
    _replace(final, data, status, shown=target)
    return target


def _replace(final: Path, data: bytes, status, *, shown: Path) -> None:
    """Write ``data`` to a temporary file beside ``final``, then put it in
    ``final``'s place; the temporary file is removed whatever happens."""
    temporary = handle = None
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        with _stop_signals_held():   # so that an interruption always knows the name
            handle, temporary = _create_temporary(
                final.parent, f"{TEMPORARY_PREFIX}{final.name[:80]}.")
        _fill(handle, data, status)
        os.close(handle)
        handle = None
        os.replace(temporary, final)
        temporary = None
    except OSError as exc:
        raise _cannot_write(shown, exc) from None
    finally:
        if handle is not None:
            _quietly(os.close, handle)
        if temporary is not None:
            _quietly(os.unlink, temporary)


def _create_temporary(folder: Path, prefix: str) -> tuple[int, str]:
    """A new file in ``folder``, named ``<prefix><random>.tmp`` and open for
    writing, only by us: what :func:`tempfile.mkstemp` makes, without the
    cost of importing :mod:`tempfile` (and :mod:`random`, :mod:`shutil`...)
    into every command that writes a file.

    >>> import tempfile, pathlib
    >>> handle, name = _create_temporary(pathlib.Path(tempfile.mkdtemp()), ".x.")
    >>> os.close(handle)
    >>> os.path.basename(name).startswith(".x."), name.endswith(".tmp")
    (True, True)
    """
    flags = (os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_BINARY", 0))
    for _ in range(_TEMPORARY_TRIES):
        name = os.path.join(folder, f"{prefix}{os.urandom(6).hex()}.tmp")
        try:
            return os.open(name, flags, 0o600), name
        except FileExistsError:   # 48 random bits taken: almost never
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", str(folder))


def _fill(handle: int, data: bytes, status) -> None:
    """Write, give the old file's mode (and owner, when allowed), flush to disk."""
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view):]
    if status is not None and hasattr(os, "fchown"):   # before fchmod: it may clear bits
        _quietly(os.fchown, handle, status.st_uid, status.st_gid)
    mode = stat.S_IMODE(status.st_mode) if status is not None else _new_file_mode()
    if hasattr(os, "fchmod"):
        os.fchmod(handle, mode)
    os.fsync(handle)


def _follow_links(target: Path) -> tuple[Path, bool]:
    """The file a chain of symbolic links ends at, and whether the chain passes
    through an open stream (``/dev/stdout`` → ``/proc/self/fd/1``): that is
    fed, never replaced.

    >>> _follow_links(Path("no-such-file.svg")) == (Path("no-such-file.svg"), False)
    True
    """
    path = target
    for _ in range(_MAX_LINKS):
        if _is_stream_alias(path):
            return path, True
        try:
            link = os.readlink(path)
        except OSError:   # not a link (or not there): the end of the chain
            return path, False
        path = Path(os.path.join(os.path.dirname(path), link))
    raise UsageError(f"cannot write {target}: too many levels of symbolic links (a loop?)")


def _is_stream_alias(path: Path) -> bool:
    # /proc/<pid>/fd/N and /dev/fd/N name open descriptors: their "target"
    # may be `pipe:[123]` or a deleted file, never a path to replace.
    try:
        folder = os.path.realpath(os.path.dirname(os.path.abspath(path)))
    except (OSError, ValueError):
        return False
    return folder == "/proc" or folder.startswith("/proc/")


def _read_only(path: Path, status) -> bool:
    """No write bit at all (which even root is held to here), or not writable by us."""
    return not status.st_mode & _WRITE_BITS or not os.access(path, os.W_OK)


@contextmanager
def _stop_signals_held():
    """Hold Ctrl-C, SIGTERM and SIGHUP back for a moment (where the platform
    allows): their handler then runs after the temporary file's name is known."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _write_into(target: Path, data: bytes) -> Path:
    # Append, never truncate: `-o /dev/stdout >> log` keeps what the log held.
    try:
        handle = os.open(target, os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0))
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    return target


def _cannot_write(target: Path, exc: OSError) -> UsageError:
    blocking = next((p for p in target.parents if _is_file(p)), None)
    if blocking is not None:   # mkdir said "File exists", open "Not a directory"
        return UsageError(f"cannot write {target}: {blocking} is a file, not a folder")
    return UsageError(f"cannot write {target}: {exc.strerror or exc}")


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:   # a name too long...
        return False


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):   # RuntimeError: a symbolic link loop
        return False


def _new_file_mode() -> int:
    """The mode open() would give a new file: 0o666 less the umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _quietly(function, *args) -> None:
    with suppress(OSError):
        function(*args)
