"""The output format a file's suffix names, for each command that writes files.

One table: ``render``, ``export`` and ``brief`` read ``-o``'s suffix through
:func:`implied_format`. A suffix may name different formats to different
commands: ``.md`` is a Mermaid diagram to ``export``, a Markdown brief to
``brief``. It imports nothing of the package but :mod:`coordgraph.paths`.
"""

from .paths import suffix

#: Suffix → format, by command.
SUFFIXES = {
    "render": {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot",
               ".html": "html", ".htm": "html"},
    "export": {".json": "json", ".graphml": "graphml", ".gexf": "gexf", ".mmd": "mermaid",
               ".mermaid": "mermaid", ".md": "mermaid", ".csv": "csv", ".cyjs": "cytoscape"},
    "brief": {".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "md"},
}


def implied_format(command: str, path) -> str | None:
    """The format ``path``'s suffix names to ``command`` (any case), or None.

    >>> implied_format("export", "out/notes.MD"), implied_format("brief", "out/notes.md")
    ('mermaid', 'md')
    >>> implied_format("render", "drawing.txt") is None
    True
    """
    return SUFFIXES[command].get(suffix(str(path)).lower())
