"""The command line's output streams, whatever their encoding.

A ``>`` redirect on Windows writes cp1252, ``PYTHONIOENCODING=ascii`` plain
ASCII: neither has ``→`` or most scripts. A character the stream cannot
encode is replaced (``?``) instead of ending the command with a traceback.
"""

import contextlib
import sys
from collections.abc import Iterable
from typing import Any

import click

from ..escaping import escape_terminal_output


def tolerate_unencodable_output(streams=None) -> None:
    """Make ``sys.stdout`` and ``sys.stderr`` (or ``streams``) replace what
    their encoding cannot write; the encoding itself is kept.

    A stream that already tolerates it (stderr's ``backslashreplace``, an
    error handler chosen in ``PYTHONIOENCODING``) is left as it is, and so
    is one that cannot be reconfigured (absent, or replaced by a test).

    >>> import io
    >>> stream = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
    >>> tolerate_unencodable_output([stream])
    >>> stream.write("a → b"); stream.flush(); stream.buffer.getvalue()
    5
    b'a ? b'
    """
    # Any stream: one without reconfigure() is left as it is (below).
    chosen: Iterable[Any] = (sys.stdout, sys.stderr) if streams is None else streams
    for stream in chosen:
        if getattr(stream, "errors", None) != "strict":
            continue
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="replace")


def echo_text(text: str, err: bool = False, nl: bool = True) -> None:
    """``click.echo`` for text that quotes the data: control characters other
    than line breaks are shown escaped (``\\x1b``). Reports escape their
    values already; this is the last line of defence, and cheap."""
    click.echo(escape_terminal_output(text), err=err, nl=nl)
