"""File names as text, shown and tested as :mod:`pathlib` shows and tests them.

``check`` and ``render`` handle their paths as ``str`` with :mod:`os.path`:
importing :mod:`pathlib` costs them about 5 % of their start-up (it imports
``urllib.parse`` and ``ipaddress``). The messages still name a path as
``str(Path(...))`` always did (``a//b/`` as ``a/b``, ``""`` as ``.``), and a
missing or unreadable path is told apart as ``Path.exists()`` and
``Path.is_dir()`` tell it. A leaf module: it imports nothing of the package.

On Windows (drives, backslashes, UNC names) the text is pathlib's own.
"""

import errno
import os
import stat

_POSIX = os.name == "posix"
#: What ``Path.exists()`` and ``Path.is_dir()`` take for "not there" rather
#: than raise (a name too long, a permission denied: they raise).
_IGNORED_ERRNOS = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)
_IGNORED_WINERRORS = (21, 123, 1921)   # not ready, invalid name, cannot resolve


def plain(path) -> str:
    """``str(Path(path))``: repeated and trailing separators and ``.`` parts
    dropped, ``.`` for an empty path; ``..`` and a leading ``//`` kept.

    >>> plain("a//b/"), plain("./a/./b"), plain(""), plain("../a/.."), plain("//a//")
    ('a/b', 'a/b', '.', '../a/..', '//a')
    >>> plain("///a"), plain("/"), plain(".")
    ('/a', '/', '.')
    """
    path = os.fspath(path)
    if not isinstance(path, str):   # as Path(b"x"): bytes are not a path here
        raise TypeError(f"expected str or os.PathLike, not {type(path).__name__}")
    if not _POSIX:
        from pathlib import PurePath  # drives and backslashes: pathlib's rules

        return str(PurePath(path))
    stripped = path.lstrip("/")
    leading = len(path) - len(stripped)
    root = "//" if leading == 2 else "/" if leading else ""   # POSIX: // may mean more
    return root + "/".join(part for part in stripped.split("/") if part and part != ".") or "."


def join(folder, name: str) -> str:
    """``str(Path(folder) / name)``.

    >>> join(".", "nodes.csv"), join("data/", "nodes.csv"), join("/", "x")
    ('nodes.csv', 'data/nodes.csv', '/x')
    """
    return plain(os.path.join(os.fspath(folder), name))


def parent(path: str) -> str:
    """``str(Path(path).parent)`` of a :func:`plain` path.

    >>> parent("a/b"), parent("a"), parent("/a"), parent("/"), parent(".."), parent("//a")
    ('a', '.', '/', '/', '.', '//')
    """
    if not _POSIX:
        from pathlib import PurePath

        return str(PurePath(path).parent)
    root = len(path) - len(path.lstrip("/"))
    end = path.rfind("/", root)
    if end < 0:
        return path[:root] or "."
    return path[:end]


def parents(path: str) -> list[str]:
    """``Path(path).parents`` of a :func:`plain` path, as text.

    >>> parents("a/b/c"), parents("/a/b"), parents(".")
    (['a/b', 'a', '.'], ['/a', '/'], [])
    """
    found = []
    while (up := parent(path)) != path:
        found.append(up)
        path = up
    return found


def name(path: str) -> str:
    """``Path(path).name`` of a :func:`plain` path: empty for ``.`` and ``/``.

    >>> name("a/b.svg"), name("."), name("/"), name("..")
    ('b.svg', '', '', '..')
    """
    if not _POSIX:
        from pathlib import PurePath

        return PurePath(path).name
    last = path.rpartition("/")[2]
    return "" if last == "." else last


def suffix(path) -> str:
    """``PurePath(path).suffix``: from the last dot of the name, unless the
    name starts or ends with it.

    >>> suffix("a/b.tar.SVG"), suffix(".svg"), suffix("b."), suffix("..svg"), suffix("x.svg/")
    ('.SVG', '', '', '.svg', '.svg')
    """
    last = name(plain(path))
    dot = last.rfind(".")
    return last[dot:] if 0 < dot < len(last) - 1 else ""


def _status(path) -> os.stat_result | None:
    """``Path(path).stat()``, None where ``Path.exists()`` says False; raises
    the errors it raises (``a/`` is ``a``, even when ``a`` is a file)."""
    try:
        return os.stat(plain(path))
    except OSError as exc:
        if (exc.errno in _IGNORED_ERRNOS
                or getattr(exc, "winerror", None) in _IGNORED_WINERRORS):
            return None
        raise
    except ValueError:   # a NUL in the name
        return None


def exists(path) -> bool:
    """``Path(path).exists()``: False when missing, OSError when it cannot tell.

    >>> exists("."), exists("no-such-file")
    (True, False)
    """
    return _status(path) is not None


def is_dir(path) -> bool:
    """``Path(path).is_dir()``.

    >>> is_dir("."), is_dir("no-such-folder")
    (True, False)
    """
    status = _status(path)
    return status is not None and stat.S_ISDIR(status.st_mode)


def is_file(path) -> bool:
    """``Path(path).is_file()``.

    >>> is_file("."), is_file("no-such-file")
    (False, False)
    """
    status = _status(path)
    return status is not None and stat.S_ISREG(status.st_mode)


def checkout_folder(name: str) -> str:
    """The folder ``name`` beside the package: in a source checkout, the
    repository's ``data/``, ``templates/``, ``reference/``.

    >>> os.path.basename(checkout_folder("data"))
    'data'
    """
    return os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))), name)


def packed_folder(name: str) -> str:
    """The folder ``name`` packed into the installed package (a wheel's
    ``coordgraph/data``...), for when :func:`checkout_folder` has not got it:
    a plain folder inside the package; found through :mod:`importlib.resources`
    only when there is none (a package in a zip).

    >>> os.path.basename(packed_folder("rendering"))
    'rendering'
    """
    folder = join(os.path.dirname(__file__), name)
    if os.path.isdir(folder):
        return folder
    from importlib import resources  # slow to import (it imports pathlib)

    return str(resources.files("coordgraph") / name)


def shipped_folder(name: str, *files: str) -> str:
    """The folder ``name`` the package ships: the checkout's
    (:func:`checkout_folder`) when it holds every one of ``files`` (paths
    inside it), else the one packed into the installed package
    (:func:`packed_folder`).

    >>> os.path.basename(shipped_folder("data", "nodes.csv"))
    'data'
    """
    checkout = checkout_folder(name)
    if all(os.path.isfile(os.path.join(checkout, file)) for file in files):
        return checkout
    return packed_folder(name)
