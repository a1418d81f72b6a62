"""The drawing on a brief: the first of a few drawings that fits the space
the brief gives it with its smallest text at 7 pt or more.

The measuring and the 7 pt rule are ``render --page``'s
(:mod:`coordgraph.rendering.paging`): each candidate is laid out as a page
drawing (boxes spaced closer), measured with :func:`~.paging.measure`, and
judged by :attr:`~.paging.Fit.readable`; its rows are wrapped for the
brief's box (:func:`~.paging.best_wrap`). The one chosen is drawn by
:func:`coordgraph.render` with ``page``, so the files are those ``render
--page`` writes for that box. The brief's space is smaller than the page
(the title, the findings and the table share it), so the scale is the box's.

Tried in order: the platforms view; the leadership view (platforms and
their lead agencies, no people); the national level alone (the platforms at
the top platform's location), as platforms then leadership; the top
platform and the platforms within two steps of it, then one (``--focus``).
When none fits,
:func:`missing_note` says which ``render`` commands draw it on pages of its own.
"""

import warnings
from dataclasses import dataclass

from ..errors import UsageError
from ..rendering import DEFAULT_TIMEOUT, RenderWarning, render
from ..rendering.paging import MIN_TEXT, Fit, best_wrap, printable
from ..rendering.views import locations
from .content import Picture

__all__ = ["MIN_TEXT", "Candidate", "apex", "box_fit", "candidates", "choose_drawing",
           "missing_note"]


@dataclass(frozen=True)
class Candidate:
    """A drawing the brief may show: a view, optionally cut to one location
    or to the neighbourhood of one platform (``focus``, ``depth`` steps)."""

    view: str
    location: str | None = None
    focus: str | None = None
    depth: int = 1

    @property
    def options(self) -> str:
        """The ``render`` options that draw it.

        >>> Candidate("leadership", "Port Mira").options
        '--view leadership --location "Port Mira"'
        """
        where = f" --location {_shell_word(self.location)}" if self.location else ""
        if self.focus:
            where += f" --focus {_shell_word(self.focus)} --depth {self.depth}"
        return f"--view {self.view}{where}"


def box_fit(page: str, width: float, height: float, smallest_text: float,
            box_width: float, box_height: float) -> Fit:
    """How a drawing of ``width`` × ``height`` points goes in a box on
    ``page``: scaled down (never up) to the box, the box no wider nor taller
    than the page's printable area (so a drawing that fits the box fits
    ``render --page`` too).

    >>> f = box_fit("a4", 1000.0, 400.0, 9.0, 540.0, 350.0)
    >>> round(f.scale, 3), f.readable
    (0.523, False)
    >>> box_fit("a4", 400.0, 300.0, 9.0, 540.0, 350.0).scale
    1.0
    """
    room_width, room_height = printable(page)
    box_width, box_height = min(box_width, room_width), min(box_height, room_height)
    scale = min(1.0, box_width / width if width else 1.0,
                box_height / height if height else 1.0)
    return Fit(page, width, height, scale, smallest_text)


def apex(graph) -> str | None:
    """The top platform: an active platform that escalates nowhere and that
    most platforms escalate to (first in file order on a tie)."""
    incoming: dict[str, int] = {}
    for edge in graph.edges:
        if edge.relation == "escalation":
            incoming[edge.target] = incoming.get(edge.target, 0) + 1
    tops = [n.id for n in graph.active_platforms() if not graph.escalates_to(n.id)]
    if not tops:
        return None
    return max(tops, key=lambda i: (incoming.get(i, 0), -tops.index(i)))


def candidates(graph) -> list[Candidate]:
    """The drawings a brief tries, best first: the whole structure; the
    national level alone when platforms sit at more than one location; the
    top platform and its nearest platforms.

    >>> import coordgraph
    >>> [c.options for c in candidates(coordgraph.load("examples/nortavia"))]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['--view platforms', '--view leadership',
     '--view platforms --location Varos', '--view leadership --location Varos',
     '--view platforms --focus hct --depth 2', '--view platforms --focus hct --depth 1']
    """
    tries = [Candidate("platforms"), Candidate("leadership")]
    top = apex(graph)
    national = graph.nodes[top].location.strip() if top else ""
    if national and len(locations(graph)) > 1:
        tries += [Candidate("platforms", national), Candidate("leadership", national)]
    if top:
        tries += [Candidate("platforms", focus=top, depth=2),
                  Candidate("platforms", focus=top, depth=1)]
    return tries


def measured(graph, candidate: Candidate, *, org: str, lang: str, findings, page: str,
             box: tuple[float, float] | None = None):
    """A candidate's natural width, height (points) and smallest text, laid
    out as ``render --page`` lays out a page drawing for ``box`` on ``page``
    (its rows wrapped to suit the box: :func:`~.paging.best_wrap`)."""
    from ..rendering.building import build  # imports pydot: only when drawing

    def make(size, wrap):
        return build(graph, candidate.view, lang=lang, org=org, findings=findings,
                     location=candidate.location, focus=candidate.focus,
                     depth=candidate.depth, compact=True, size=size, wrap=wrap)

    fit = best_wrap(make, page, timeout=DEFAULT_TIMEOUT, box=box)[0]
    return fit.width, fit.height, fit.smallest_text


def choose_drawing(graph, *, org: str, lang: str, findings, page: str, box_width: float,
                   box_height: float, words: dict,
                   part_height: float | None = None) -> Picture | None:
    """The :class:`~.content.Picture` of the first :func:`candidates` that
    fits a box of ``box_width`` × ``box_height`` points on ``page`` with its
    text at :data:`MIN_TEXT` or more; ``None`` when none does. A part of the
    structure (one location, one neighbourhood) gets at most ``part_height``
    points of height (default ``box_height``): a structure too large to draw
    whole has a long table, which needs the room.

    Raises :class:`~coordgraph.errors.GraphvizError` when Graphviz fails.
    """
    for candidate in candidates(graph):
        whole = not (candidate.location or candidate.focus)
        tallest = box_height if whole or part_height is None else part_height
        width, height, smallest = measured(graph, candidate, org=org, lang=lang,
                                           findings=findings, page=page,
                                           box=(box_width, tallest))
        fit = box_fit(page, width, height, smallest, box_width, tallest)
        if not fit.readable:
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RenderWarning)
                files = [render(graph, format=fmt, view=candidate.view,
                                location=candidate.location, focus=candidate.focus,
                                depth=candidate.depth, page=page, lang=lang,
                                org=org, findings=findings, box=(box_width, tallest))
                         for fmt in ("svg", "png")]
        except UsageError:     # does not fit the page after all: try the next one
            continue
        return Picture(svg=files[0], png=files[1], width=round(fit.width * fit.scale, 2),
                       height=round(fit.height * fit.scale, 2),
                       caption=_caption(graph, candidate, lang, words),
                       smallest_text=round(fit.smallest_text * fit.scale, 2))
    return None


def missing_note(graph, *, org: str, lang: str, findings, page: str, words: dict,
                 data: str = "") -> str:
    """What the brief says when no drawing fits: the ``render`` commands
    that draw the platforms on pages of their own, as ``render --page``
    proposes them: one ``--location`` per place when the whole does not fit
    ``page``, each with ``--page`` when it fits one page and without (its
    natural size) when even that is too small."""
    data_option = f" --data {_shell_word(data)}" if data else ""
    whole = Candidate("platforms")
    parts = [whole]
    fits = {whole: _fits_page(graph, whole, page, org, lang, findings)}
    if not fits[whole]:
        parts = [Candidate("platforms", place) for place in locations(graph)] or parts
        for part in parts:
            fits[part] = _fits_page(graph, part, page, org, lang, findings)
    commands = [f"coordgraph render{data_option} {part.options}"
                + (f" --page {page}" if fits[part] else "") for part in parts]
    return words["no_picture"] + " " + "; ".join(commands) + "."


def _fits_page(graph, candidate, page, org, lang, findings) -> bool:
    width, height, smallest = measured(graph, candidate, org=org, lang=lang,
                                       findings=findings, page=page)
    room_width, room_height = printable(page)
    return box_fit(page, width, height, smallest, room_width, room_height).readable


def _caption(graph, candidate: Candidate, lang: str, words: dict) -> str:
    if candidate.focus:
        return words["picture_part"].format(apex=graph.label(candidate.focus, lang))
    key = "picture" if candidate.view == "platforms" else "picture_leadership"
    text = words[key]
    if candidate.location:
        text = words["picture_national"].format(what=text, location=candidate.location)
    return text


def _shell_word(text: str) -> str:
    """``text`` as one word of a command line.

    >>> _shell_word("Kessa"), _shell_word("Port Mira")
    ('Kessa', '"Port Mira"')
    """
    if text and all(c.isalnum() or c in "._:/-" for c in text):
        return text
    return '"' + text.replace('"', '\\"') + '"'
