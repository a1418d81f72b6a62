"""coordgraph: humanitarian coordination structures as a graph.

Load a context folder, check where the organisation is missing or thin, and
draw organigrams::

    >>> import coordgraph
    >>> graph = coordgraph.load()              # the bundled generic framework
    >>> [f.code for f in coordgraph.check(graph)]
    ['CG302', 'CG302', 'CG305']

Heavy modules (networkx, pydot) are imported only when a function needs them.

Every error raised on purpose is a :class:`CoordgraphError`; an argument of
the wrong kind (``coordgraph.render("data")``) is an :class:`ArgumentError`,
both a :class:`UsageError` and a :class:`TypeError`, whose message shows a
correct call.
"""

__version__ = "0.1.0"

_EXPORTS = {
    "load": "loading", "from_records": "loading", "bundled_path": "loading",
    "check": "analysis",
    "render": "rendering",
    "CoordGraph": "model", "Node": "model", "Edge": "model", "Context": "model",
    "Finding": "findings",
    "Problem": "errors", "CoordgraphError": "errors", "DataError": "errors",
    "GraphvizError": "errors", "UsageError": "errors", "ArgumentError": "errors",
    "UnknownOrgWarning": "errors", "DataWarning": "errors", "RenderWarning": "errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'coordgraph' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__ + ["__version__"]
