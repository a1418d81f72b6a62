"""Export a graph for the tools people already use.

One pure function per format, each taking a :class:`~coordgraph.model.CoordGraph`
and returning the file's content; :func:`export` picks one by name from
:data:`EXPORTERS` and always returns bytes. Nothing here touches the disk
(coordgraph.writing does). One module per family of formats:

- :mod:`.data` (networkx-based, every attribute kept):

  - ``json``: networkx node-link data (a MultiDiGraph, edge key = relation),
    for Python, networkx, jq;
  - ``graphml``: GraphML 1.0 with typed keys, unique edge ids and yEd
    graphics, for yEd, Cytoscape desktop, Gephi, graphology, networkx;
  - ``gexf``: GEXF 1.2draft, node label = our label, attributes as columns,
    node colours, for Gephi;
  - ``cytoscape``: Cytoscape.js elements JSON, for web pages;

- :mod:`.mermaid`: ``mermaid``, a ``flowchart BT`` for GitHub, GitLab, wikis;
- :mod:`.tables`: ``csv`` (one row per platform: the seat table) and
  ``contacts`` (one row per seat: the contact list), for Excel; UTF-8 with
  BOM, CRLF, formulas neutralised (:func:`neutralise`).

Colours come from the drawing's palette (:mod:`coordgraph.rendering.styles`),
through :mod:`.colours`. networkx is imported only by the functions that need it.
"""

from ..analysis._shared import resolve_org
from ..arguments import require_graph, require_text
from ..errors import UsageError
from ..suffixes import SUFFIXES as ALL_SUFFIXES, implied_format
from .data import to_cytoscape, to_gexf, to_graphml, to_json
from .mermaid import (
    MERMAID_LEAD_LINE_MAX,
    MERMAID_MAX_EDGES,
    MERMAID_MAX_TEXT,
    mermaid_markdown,
    mermaid_text,
    to_mermaid,
)
from .tables import (
    CONTACT_COLUMNS,
    CSV_COLUMNS,
    contact_rows,
    neutralise,
    seat_rows,
    to_contacts,
    to_csv,
)

__all__ = [
    "CONTACT_COLUMNS", "CSV_COLUMNS", "EXPORTERS", "FORMATS", "MERMAID_LEAD_LINE_MAX",
    "MERMAID_MAX_EDGES", "MERMAID_MAX_TEXT", "SUFFIXES", "contact_rows", "export", "format_for",
    "mermaid_markdown", "mermaid_text", "neutralise", "seat_rows", "to_contacts", "to_csv",
    "to_cytoscape", "to_gexf", "to_graphml", "to_json", "to_mermaid",
]


def _utf8(function):
    """An exporter giving text, as one giving the bytes of a UTF-8 file."""
    def exporter(graph, **options):
        return function(graph, **options).encode("utf-8")
    exporter.__doc__ = function.__doc__
    return exporter


#: Format name -> ``function(graph, *, org, lang, findings) -> bytes``; the
#: options a format has no use for are ignored. :func:`export` dispatches here.
EXPORTERS = {
    "json": lambda graph, **_: to_json(graph).encode("utf-8"),
    "graphml": lambda graph, org=None, **_: to_graphml(graph, org=org),
    "gexf": lambda graph, org=None, **_: to_gexf(graph, org=org),
    "mermaid": _utf8(to_mermaid),
    "csv": to_csv,
    "cytoscape": lambda graph, org=None, **_: to_cytoscape(graph, org=org).encode("utf-8"),
    "contacts": to_contacts,
}

#: Export formats, in the order the command line lists them.
FORMATS = tuple(EXPORTERS)

#: File suffixes that imply a format when ``--format`` is not given (the
#: ``export`` row of the one table).
SUFFIXES = ALL_SUFFIXES["export"]


def export(graph, format: str, *, org: str | None = None, lang: str | None = None,
           findings=None) -> bytes:
    """The graph in ``format`` (one of :data:`FORMATS`), as the bytes of a file.

    Parameters
    ----------
    graph : CoordGraph
    format : str
        A key of :data:`EXPORTERS`: ``json``, ``graphml``, ``gexf``,
        ``mermaid``, ``csv``, ``cytoscape``, ``contacts``...
    org : str, optional
        The organisation whose roles are highlighted (mermaid, graphml, gexf,
        cytoscape) and whose findings and people are listed (csv, contacts);
        default the context's ``org``. Trimmed and matched to the data's
        spelling whatever its case, as :func:`coordgraph.check` does (an
        ``UnknownOrgWarning`` when no role belongs to it).
    lang : str, optional
        mermaid, csv and contacts: the language of the labels (``en``,
        ``fr``, ``es``); default the context's ``lang``. The data formats
        carry every label.
    findings : list of Finding, optional
        mermaid and csv: findings already computed with
        :func:`coordgraph.check`; computed when not given.

    Raises
    ------
    UsageError
        An unknown format.
    ArgumentError
        ``graph`` not a CoordGraph (a folder name: load it first), ``org``
        or ``lang`` not text.

    Examples
    --------
    >>> import coordgraph
    >>> export(coordgraph.load(), "mermaid").decode().splitlines()[3]
    'flowchart BT'
    """
    require_graph(graph, "export", "coordgraph.exporting.export(coordgraph.load('data'), 'json')")
    require_text(lang, "lang", "export", "lang='fr'")
    exporter = EXPORTERS.get(format) if isinstance(format, str) else None
    if exporter is None:
        raise UsageError(f"unknown export format {format!r}; allowed: {', '.join(EXPORTERS)}")
    org = resolve_org(graph, org)
    return exporter(graph, org=org, lang=lang, findings=findings)


def format_for(path) -> str | None:
    """The format a file name implies, or None.

    >>> format_for("out/seats.CSV"), format_for("graph.txt")
    ('csv', None)
    """
    return implied_format("export", path)
