"""Write an output file atomically, and never over an input: the one place
that writes what coordgraph makes (drawings, exports).

The bytes go to a temporary file in the target's folder, which then
replaces the target in one step (``os.replace``): a reader sees the old
file or the new one, never half of one, and a failure leaves nothing behind.
A target that is a device or a named pipe (``/dev/null``, ``/dev/stdout``)
is written into instead: it cannot be replaced, only fed.
"""

import os
from pathlib import Path

from .errors import UsageError
from .schema import CONTEXT_FILE, EDGE_FILE, NODE_FILE

_BINARY = getattr(os, "O_BINARY", 0)   # Windows: no newline translation


def input_files(graph) -> list[Path]:
    """The files a graph was loaded from (none for in-memory graphs)."""
    if not graph.source:
        return []
    folder = Path(graph.source)
    return [folder / name for name in (NODE_FILE, EDGE_FILE, CONTEXT_FILE)]


def write_atomic(path, data: bytes, *, protected=()) -> Path:
    """Write ``data`` to ``path`` atomically; refuse to write over ``protected`` files.

    Missing parent folders are created. Raises
    :class:`~coordgraph.errors.UsageError` when the target is protected, is a
    folder, or cannot be written.

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
    if target.is_dir():
        raise UsageError(f"{target} is a folder; give -o a file name")
    if target.exists() and not target.is_file():
        # /dev/null, /dev/stdout, a named pipe: write into it. Replacing it
        # would put a plain file in its place (for root, even /dev/null).
        return _write_into(target, data)
    temporary = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        name = target.parent / f".{target.name}.{os.getpid()}.tmp"
        handle = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY,
                         _file_mode(target))
        temporary = name
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
        temporary = None
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
    return target


def _write_into(target: Path, data: bytes) -> Path:
    try:
        with open(target, "wb") as stream:
            stream.write(data)
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    return target


def _cannot_write(target: Path, exc: OSError) -> UsageError:
    blocking = next((p for p in target.parents if p.is_file()), None)
    if blocking is not None:   # mkdir said "File exists", open "Not a directory"
        return UsageError(f"cannot write {target}: {blocking} is a file, not a folder")
    return UsageError(f"cannot write {target}: {exc.strerror or exc}")


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _file_mode(target: Path) -> int:
    """The mode the file would have had if created with open(): keep an existing one."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
