"""Check the arguments of the public functions, with the fix in the message.

A plain ``AttributeError: 'str' object has no attribute 'context'`` from
deep inside says nothing about the call that caused it; these checks raise
:class:`~coordgraph.errors.ArgumentError` at the entry point instead.
"""

import os

from .errors import ArgumentError
from .model import CoordGraph


def described(value) -> str:
    """How a message names the value it got.

    >>> described(None), described("data"), described(42)
    ('None', "the str 'data'", 'the int 42')
    """
    if value is None:
        return "None"
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"the {type(value).__name__} {text}"


def require(value, types, what: str, example: str):
    """``value`` when it is one of ``types``, else an :class:`ArgumentError`
    saying ``what`` was expected, with an ``example`` of a good call.

    >>> require("IOM", str, "org must be text", "org='IOM'")
    'IOM'
    >>> require(3, str, "org must be text", "org='IOM'")
    Traceback (most recent call last):
    ...
    coordgraph.errors.ArgumentError: org must be text, e.g. org='IOM'; got the int 3
    """
    if isinstance(value, types) and not (isinstance(value, bool) and bool not in _tuple(types)):
        return value
    raise ArgumentError(f"{what}, e.g. {example}; got {described(value)}")


def require_graph(graph, function: str, example: str = ""):
    """``graph`` when it is a :class:`~coordgraph.model.CoordGraph`.

    >>> require_graph("data", "render")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    coordgraph.errors.ArgumentError: render() takes a CoordGraph,
    e.g. coordgraph.render(coordgraph.load('data')); got the str 'data'
    """
    return require(graph, CoordGraph, f"{function}() takes a CoordGraph",
                   example or f"coordgraph.{function}(coordgraph.load('data'))")


def require_text(value, name: str, function: str, example: str):
    """``value`` when it is None or a str (optional text arguments)."""
    if value is None:
        return None
    return require(value, str, f"{function}()'s {name} must be text or None", example)


def require_path(value, name: str, function: str, example: str):
    """``value`` when it is a str or path-like (a folder or file name)."""
    return require(value, (str, os.PathLike),
                   f"{function}()'s {name} must be a folder name (str or Path)", example)


def _tuple(types) -> tuple:
    return types if isinstance(types, tuple) else (types,)
