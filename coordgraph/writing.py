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
from typing import TYPE_CHECKING

from .errors import UsageError
from .paths import exists, is_dir, is_file, join, name, parent, parents, plain
from .schema import CONTEXT_FILE, EDGE_FILE, NODE_FILE

if TYPE_CHECKING:   # pathlib is slow to import: render writes its files without
    from pathlib import Path

#: How temporary files start: recognisable, and hidden on Unix.
TEMPORARY_PREFIX = ".coordgraph-"

_MAX_LINKS = 40   # as the kernel's ELOOP limit
_TEMPORARY_TRIES = 100
_WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
_STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
                      if hasattr(signal, name))


def input_files(graph) -> "list[Path]":
    """The files a graph was loaded from (none for in-memory graphs)."""
    from pathlib import Path

    return [Path(file) for file in _input_files(graph)]


def _input_files(graph) -> list[str]:
    """:func:`input_files` as text, as ``str(Path)`` shows them (no pathlib)."""
    if not graph.source:
        return []
    folder = plain(graph.source)
    if is_file(folder):  # a workbook
        return [folder]
    return [join(folder, file) for file in (NODE_FILE, EDGE_FILE, CONTEXT_FILE)]


def write_atomic(path, data: bytes, *, protected=()) -> "Path":
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
    from pathlib import Path

    return Path(_write_atomic(path, data, protected=protected))


def _write_atomic(path, data: bytes, *, protected=()) -> str:
    """:func:`write_atomic`, the file written named as ``str(Path)`` names it
    (the commands' way: no pathlib). Paths in messages are shown that way too."""
    target = plain(path)
    for source in protected:
        if _same_file(target, source):
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
        if final != target and not os.path.isdir(parent(final)):
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


def _replace(final: str, data: bytes, status, *, shown: str) -> None:
    """Write ``data`` to a temporary file beside ``final``, then put it in
    ``final``'s place; the temporary file is removed whatever happens."""
    temporary = handle = None
    try:
        _make_folder(parent(final))
        with _stop_signals_held():   # so that an interruption always knows the name
            handle, temporary = _create_temporary(
                parent(final), f"{TEMPORARY_PREFIX}{name(final)[:80]}.")
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


def _make_folder(folder: str, *, with_parents: bool = True) -> None:
    """``Path(folder).mkdir(parents=with_parents, exist_ok=True)``: the same
    errors, so the same messages.

    >>> import tempfile
    >>> deep = os.path.join(tempfile.mkdtemp(), "a", "..", "b", "c")
    >>> _make_folder(deep); _make_folder(deep); os.path.isdir(deep)
    True
    """
    try:
        os.mkdir(folder)
    except FileNotFoundError:
        if not with_parents or parent(folder) == folder:
            raise
        _make_folder(parent(folder))
        _make_folder(folder, with_parents=False)
    except OSError:   # not only EEXIST: EACCES or EROFS may come first
        if not is_dir(folder):
            raise


def _create_temporary(folder: str, prefix: str) -> tuple[int, str]:
    """A new file in ``folder``, named ``<prefix><random>.tmp`` and open for
    writing, only by us: what :func:`tempfile.mkstemp` makes, without the
    cost of importing :mod:`tempfile` (and :mod:`random`, :mod:`shutil`...)
    into every command that writes a file.

    >>> import tempfile
    >>> handle, file = _create_temporary(tempfile.mkdtemp(), ".x.")
    >>> os.close(handle)
    >>> os.path.basename(file).startswith(".x."), file.endswith(".tmp")
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


def _follow_links(target: str) -> tuple[str, bool]:
    """The file a chain of symbolic links ends at, and whether the chain passes
    through an open stream (``/dev/stdout`` → ``/proc/self/fd/1``): that is
    fed, never replaced.

    >>> _follow_links("no-such-file.svg")
    ('no-such-file.svg', False)
    """
    path = target
    for _ in range(_MAX_LINKS):
        if _is_stream_alias(path):
            return path, True
        try:
            link = os.readlink(path)
        except OSError:   # not a link (or not there): the end of the chain
            return path, False
        path = plain(os.path.join(os.path.dirname(path), link))
    raise UsageError(f"cannot write {target}: too many levels of symbolic links (a loop?)")


def _is_stream_alias(path: str) -> bool:
    # /proc/<pid>/fd/N and /dev/fd/N name open descriptors: their "target"
    # may be `pipe:[123]` or a deleted file, never a path to replace.
    try:
        folder = os.path.realpath(os.path.dirname(os.path.abspath(path)))
    except (OSError, ValueError):
        return False
    return folder == "/proc" or folder.startswith("/proc/")


def _read_only(path: str, status) -> bool:
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


def _write_into(target: str, data: bytes) -> str:
    # Append, never truncate: `-o /dev/stdout >> log` keeps what the log held.
    try:
        handle = os.open(target, os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0))
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    return target


def _cannot_write(target: str, exc: OSError) -> UsageError:
    blocking = next((p for p in parents(target) if _is_file(p)), None)
    if blocking is not None:   # mkdir said "File exists", open "Not a directory"
        return UsageError(f"cannot write {target}: {blocking} is a file, not a folder")
    return UsageError(f"cannot write {target}: {exc.strerror or exc}")


def _is_file(path: str) -> bool:
    try:
        return is_file(path)
    except OSError:   # a name too long...
        return False


def _same_file(a, b) -> bool:
    """Whether paths ``a`` and ``b`` name one file, or would once written.

    >>> _same_file("out/../x.svg", "x.svg"), _same_file("x.svg", "y.svg")
    (True, False)
    """
    a, b = plain(a), plain(b)
    try:
        if exists(a) and exists(b):
            return os.path.samefile(a, b)
        return _resolved(a) == _resolved(b)
    except OSError:
        return False


def _resolved(path) -> str:
    """``Path(path).resolve()``, as text: OSError for a symbolic link loop."""
    real = os.path.realpath(path)
    try:
        os.stat(real)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise
    return plain(real)


def _new_file_mode() -> int:
    """The mode open() would give a new file: 0o666 less the umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _quietly(function, *args) -> None:
    with suppress(OSError):
        function(*args)
