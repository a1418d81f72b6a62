"""Organigrams: draw a graph as SVG, PNG, PDF or DOT through Graphviz.

One module per activity:

- :mod:`.views` chooses what a view (and ``focus``) shows;
- :mod:`.styles`, :mod:`.i18n` and :mod:`.legend` say how it looks and reads;
- :mod:`.quoting` makes data text safe for DOT;
- :mod:`.building` turns a graph into DOT text (pure);
- :mod:`.running` runs ``dot`` (the only subprocess);
- :mod:`.svg` finishes Graphviz's SVG; :mod:`.writing` writes files atomically.

Importing this package is cheap: pydot is imported when a drawing is built.
Warnings (labels cut, Graphviz's own warnings, very large drawings) are
issued as :class:`RenderWarning` with :func:`warnings.warn`.
"""

import os
import re
import warnings

from ..analysis import check
from ..analysis._shared import resolve_org
from ..arguments import require, require_graph, require_text
from ..errors import RenderWarning, UnknownOrgWarning, UsageError
from ..loading import load, resolve
from ..model import CoordGraph
from .parameters import (
    DEFAULT_TIMEOUT,
    FORMATS,
    MAX_DOT_EDGES,
    MAX_DOT_NODES,
    MAX_EDGES,
    MAX_NODES,
    MAX_TIMEOUT,
    PAGES,
    SUFFIXES,
    VIEWS,
)
from .running import PNG_DPI, prestart_dot, start_dot
from .svg import document_title, finish
from .views import locations, select

__all__ = ["DEFAULT_TIMEOUT", "FORMATS", "MAX_DOT_EDGES", "MAX_DOT_NODES", "MAX_EDGES",
           "MAX_NODES", "MAX_TIMEOUT", "PAGES", "SUFFIXES", "VIEWS", "RenderWarning", "render"]


def render(graph, format: str = "svg", view: str = "organigram", *, focus: str | None = None,
           depth: int = 1, lang: str | None = None, org: str | None = None,
           timeout: float = DEFAULT_TIMEOUT, findings=None, compare=None,
           page: str | None = None, location: str | None = None,
           show_inactive: bool = False, box: tuple[float, float] | None = None) -> bytes:
    """Draw ``graph`` and return the file's bytes.

    Parameters
    ----------
    graph : CoordGraph
    format : {'svg', 'png', 'pdf', 'dot', 'html'}
        ``dot`` is the DOT text given to Graphviz (no Graphviz needed);
        ``html`` one self-contained, offline page: the SVG with search,
        details on click, relation filters and the findings (:mod:`.html`).
    view : {'organigram', 'platforms', 'representation', 'leadership'}
        ``leadership``: the platforms with their lead and co-lead agencies,
        those the org leads outlined, and no people.
    focus, depth : str, int
        Draw only the nodes within ``depth`` steps of node ``focus``.
    lang : {'en', 'fr', 'es'}, optional
        Labels from ``label_fr``/``label_es`` (falling back to ``label``),
        and the legend and titles in that language; default: the context's.
    org : str, optional
        The organisation whose roles and gaps are shown; default: the context's.
        Trimmed and matched to the data's spelling whatever its case, as
        :func:`coordgraph.check` does (an ``UnknownOrgWarning`` when no role
        belongs to it).
    timeout : float
        Seconds Graphviz may take: more than 0, at most :data:`MAX_TIMEOUT`.
    findings : list of Finding, optional
        Marks to draw; default: :func:`coordgraph.check` of the graph and org.
    compare : CoordGraph, str or Path, optional
        An older version (a graph, a context folder or a template name):
        draw ``graph`` with what was added and changed since it marked, and
        what was removed drawn faded (:mod:`.comparing`). Findings stay
        ``graph``'s.
    page : {'a4', 'a4-landscape', 'letter', 'letter-landscape', '16:9'}, optional
        Scale the drawing to fit the page's printable area, its smallest text
        at least 7 pt (:mod:`.paging`); when it cannot, a UsageError
        proposes parts that fit (``--location`` for each hub, other views).
        Rows of sibling platforms are wrapped to suit the page's shape.
    location : str, optional
        One hub: the platforms at that location, the platforms they answer
        to, and the people there (:mod:`.views`).
    show_inactive : bool
        Also draw inactive roles (a template's unused posts); by default
        they are left out (inactive platforms are always drawn, faded).
    box : (float, float), optional
        With ``page``: the room in points (width, height) the drawing gets
        on the page, when less than its printable area (a brief's drawing).

    Raises
    ------
    UsageError
        Unknown format, view, page, location or focus id (with a
        did-you-mean); a drawing that cannot fit ``page`` readably; a timeout
        that is not a number of seconds within the limits; a drawing of more
        than :data:`MAX_NODES` nodes or :data:`MAX_EDGES` edges
        (:data:`MAX_DOT_NODES` and :data:`MAX_DOT_EDGES` for ``dot``).
    ArgumentError
        An argument of the wrong kind: ``graph`` not a CoordGraph (a folder
        name: load it first), ``org``, ``focus`` or ``lang`` not text...
    GraphvizError
        Graphviz missing, failed or timed out.

    Examples
    --------
    >>> import coordgraph
    >>> svg = coordgraph.render(coordgraph.load(), format="svg")
    >>> svg[:37], b'id="node-hct"' in svg
    (b'<?xml version="1.0" encoding="UTF-8" ', True)
    """
    org = _checked_arguments(graph, org, focus, depth, lang, findings, compare)
    if format not in FORMATS:
        raise UsageError(f"unknown format '{format}'; formats: {', '.join(FORMATS)}")
    if page is not None and page not in PAGES:
        raise UsageError(f"unknown page '{page}'; pages: {', '.join(PAGES)}")
    if location is not None:
        require_text(location, "location", "render", "location='Kessa'")
    drawing = _build(graph, format, view, focus, depth, lang, org, findings, compare,
                     location=location, show_inactive=show_inactive, page=page,
                     timeout=timeout, box=box)
    if drawing.limited:
        warnings.warn(RenderWarning(
            f"{drawing.node_count:,} nodes is a lot for one drawing: layout limits are on and "
            "only each role's first relation shapes the layout. For a readable drawing use "
            "--focus ID (with --depth) or --view platforms."), stacklevel=2)
    for message in drawing.warnings:
        warnings.warn(RenderWarning(message), stacklevel=2)
    return _OUTPUTS[format](drawing, timeout)


def _checked_arguments(graph, org, focus, depth, lang, findings, compare) -> str:
    """render()'s arguments checked (ArgumentError), and its organisation."""
    require_graph(graph, "render")
    require_text(focus, "focus", "render", "focus='hct'")
    require_text(lang, "lang", "render", "lang='fr'")
    require(depth, int, "render()'s depth must be a whole number of steps", "depth=2")
    if findings is not None:
        require(findings, (list, tuple), "render()'s findings must be a list of findings",
                "findings=coordgraph.check(graph)")
    if compare is not None:
        require(compare, (CoordGraph, str, os.PathLike),
                "render()'s compare must be a graph, a context folder or a template name",
                "compare='generic'")
    return resolve_org(graph, org, stacklevel=4)


def size_limits(format: str) -> tuple[int, int]:
    """The most nodes and edges a drawing in ``format`` may have.

    >>> size_limits("svg"), size_limits("dot")
    ((5000, 15000), (50000, 150000))
    """
    return (MAX_DOT_NODES, MAX_DOT_EDGES) if format == "dot" else (MAX_NODES, MAX_EDGES)


def too_large(nodes: int, edges: int, format: str) -> str:
    """Why a drawing of this size is refused, or ``""`` when it is not.

    >>> too_large(10, 20, "svg")
    ''
    >>> reason = too_large(6_000, 100, "png")
    >>> reason[:60]
    'the drawing would have 6,000 nodes and 100 edges; at most 5,'
    >>> reason[reason.index("Draw"):]
    'Draw a part: --focus ID --depth N, or --view platforms'
    """
    most_nodes, most_edges = size_limits(format)
    if nodes <= most_nodes and edges <= most_edges:
        return ""
    return (f"the drawing would have {nodes:,} nodes and {edges:,} edges; at most "
            f"{MAX_NODES:,} nodes and {MAX_EDGES:,} edges can be drawn ({MAX_DOT_NODES:,} "
            f"and {MAX_DOT_EDGES:,} with --format dot). Draw a part: --focus ID --depth N, "
            "or --view platforms")


def _check_size(graph, format, view, focus, depth, org, location=None, show_inactive=False):
    """Refuse a drawing too large to make (``graph`` the one to be drawn)."""
    selection = select(graph, view, org=org, focus=focus, depth=depth, location=location,
                       show_inactive=show_inactive)
    reason = too_large(len(selection.nodes), len(selection.edges), format)
    if reason:
        raise UsageError(reason)


def _build(graph, format, view, focus, depth, lang, org, findings, compare=None, *,
           location=None, show_inactive=False, page=None, timeout=DEFAULT_TIMEOUT,
           box=None):
    org = org or graph.context.org
    comparison = None
    if compare is not None:
        from .comparing import compare as merge  # the diff: only when a drawing compares

        with warnings.catch_warnings():
            # The older version may lack the org the drawing is for: not a typo.
            warnings.simplefilter("ignore", UnknownOrgWarning)
            comparison = merge(_older(compare), graph, org=org)
        # What changed includes posts that were dropped: draw inactive roles too.
        show_inactive = True
    # the size first: a drawing too large is refused before it is checked or built
    _check_size(graph if comparison is None else comparison.graph, format, view, focus, depth,
                org, location, show_inactive)
    from .building import build  # imports pydot: only once the size is accepted

    if findings is None:
        findings = check(graph, org=org)

    def make(size, wrap=(None, None, None), view=view, location=location):
        return build(graph, view, focus=focus, depth=depth, lang=lang, org=org,
                     findings=findings, compare=comparison, location=location,
                     show_inactive=show_inactive, size=size, compact=page is not None,
                     wrap=wrap)

    if page is None:
        return make(None)
    parts = []
    if focus is None:
        if location is None:
            for place in locations(graph):
                option = f"--location {_shell_word(place)}"
                tries = [(option, lambda size, wrap, place=place: make(size, wrap,
                                                                       location=place))]
                if view != "platforms":   # then the hub's platforms alone
                    tries.append((f"{option} --view platforms",
                                  lambda size, wrap, place=place: make(
                                      size, wrap, view="platforms", location=place)))
                parts.append(tries)
        parts.extend([(f"--view {other}",
                       lambda size, wrap, other=other: make(size, wrap, view=other))]
                     for other in ("platforms", "leadership") if other != view)
    from .paging import fit_to_page  # only for --page: not imported by every render

    return fit_to_page(make, page, timeout=timeout, parts=parts, box=box)


def _shell_word(text: str) -> str:
    """``text`` as one word of a command line.

    >>> _shell_word("Kessa"), _shell_word("Port Mira")
    ('Kessa', '"Port Mira"')
    """
    return text if re.fullmatch(r"[\w.:-]+", text) else '"' + text.replace('"', '\\"') + '"'



def _older(compare):
    """The version ``compare`` names: itself (a graph), else the context
    folder or template it names, loaded (UsageError when it names neither)."""
    if isinstance(compare, CoordGraph):
        return compare
    return load(resolve(compare, strict=True))


def _graphviz(drawing, fmt, timeout, run=None) -> bytes:
    # run: a DotRun started already (the caller worked while dot drew)
    if run is None:
        run = start_dot(drawing.dot, fmt, timeout=timeout, nodes=drawing.node_count)
    result = run.result()
    for message in result.warnings:
        warnings.warn(RenderWarning(message), stacklevel=3)
    return result.output


def _svg(drawing, timeout, run=None) -> bytes:
    return finish(_graphviz(drawing, "svg", timeout, run), drawing)


def _png(drawing, timeout) -> bytes:
    # Graphviz writes no resolution: without one Word and PowerPoint take the
    # PNG for 72 dpi and place it at twice its size.
    from .png import with_resolution  # each format's finishing: only when written

    return with_resolution(_graphviz(drawing, "png", timeout), float(PNG_DPI))


def _pdf(drawing, timeout) -> bytes:
    # cairo stamps the time of drawing and writes no title: a fixed date and
    # the drawing's title make the PDF byte-identical, and named in readers.
    from .pdf import finish as finish_pdf  # each format's finishing: only when written

    return finish_pdf(_graphviz(drawing, "pdf", timeout), document_title(drawing))


def _dot(drawing, timeout) -> bytes:
    return drawing.dot.encode("utf-8")


def _html(drawing, timeout) -> bytes:
    # One offline page: the finished SVG, the data as JSON, CSS and JS inline.
    from .html import page, page_data  # the page's own modules: only for an html page

    run = start_dot(drawing.dot, "svg", timeout=timeout, nodes=drawing.node_count)
    try:
        data = page_data(drawing)   # while Graphviz lays the drawing out
    except BaseException:
        run.cancel()
        raise
    return page(_svg(drawing, timeout, run), drawing, data)


def prestart(format: str) -> None:
    """Start Graphviz for a drawing in ``format`` that is about to be made.

    ``dot`` loads its libraries before it reads its input: started before
    the data is loaded and the DOT built, that time overlaps theirs. The
    command line calls it; nothing changes in what is drawn, and nothing
    happens for ``dot`` output or when Graphviz cannot start.
    """
    fmt = _GRAPHVIZ_FORMATS.get(format)
    if fmt is not None:
        prestart_dot(fmt)


#: The format dot draws for each output format (None: no drawing by dot).
_GRAPHVIZ_FORMATS = {"svg": "svg", "png": "png", "pdf": "pdf", "html": "svg", "dot": None}


_OUTPUTS = {"svg": _svg, "png": _png, "pdf": _pdf, "dot": _dot, "html": _html}
