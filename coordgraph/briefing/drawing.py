"""The drawing on a brief: the largest picture of the platforms that fits
the space it is given with its smallest text at 7 pt or more.

:func:`choose_drawing` is the one place that decides; when ``render`` learns
to fit a page itself, only this function changes.
"""

import re
import warnings

from ..rendering import RenderWarning, render
from .content import Picture

#: The smallest text a brief prints, in points.
MIN_TEXT = 7.0
_VIEWBOX = re.compile(rb'viewBox="[-0-9.]+ [-0-9.]+ ([0-9.]+) ([0-9.]+)"')
_FONT_SIZE = re.compile(rb'font-size="([0-9.]+)"')


def svg_size(svg: bytes) -> tuple[float, float, float]:
    """Width, height (points, from the viewBox) and smallest font size of an SVG.

    >>> svg_size(b'<svg viewBox="0.00 0.00 200 100"><text font-size="9.00">a</text>'
    ...          b'<text font-size="11.00">b</text></svg>')
    (200.0, 100.0, 9.0)
    """
    match = _VIEWBOX.search(svg)
    sizes = [float(s) for s in _FONT_SIZE.findall(svg)] or [MIN_TEXT]
    if match is None:
        return 0.0, 0.0, min(sizes)
    return float(match.group(1)), float(match.group(2)), min(sizes)


def fitted_scale(width: float, height: float, box_width: float, box_height: float) -> float:
    """The scale that fits a drawing into a box, never enlarging it.

    >>> fitted_scale(1000, 500, 500, 500), fitted_scale(100, 50, 500, 500)
    (0.5, 1.0)
    """
    if width <= 0 or height <= 0:
        return 1.0
    return min(1.0, box_width / width, box_height / height)


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


def choose_drawing(graph, *, org: str, lang: str, findings, box_width: float,
                   box_height: float, words: dict, part_height: float | None = None):
    """The :class:`~.content.Picture` for a box of ``box_width`` ×
    ``box_height`` points, or ``None`` when no drawing fits at
    :data:`MIN_TEXT`.

    Tried in order: the platforms view of the whole graph; the top platform
    and the platforms within two steps of it; then within one step. A part
    of the structure gets at most ``part_height`` points of height (default
    ``box_height``). Raises :class:`~coordgraph.errors.GraphvizError` when
    Graphviz fails.
    """

    top = apex(graph)
    tries = [(None, 1)] + ([(top, 2), (top, 1)] if top else [])
    for focus, depth in tries:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RenderWarning)
            svg = render(graph, format="svg", view="platforms", focus=focus, depth=depth,
                         lang=lang, org=org, findings=findings)
        width, height, smallest = svg_size(svg)
        tallest = box_height if focus is None or part_height is None else part_height
        scale = fitted_scale(width, height, box_width, tallest)
        if smallest * scale < MIN_TEXT:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RenderWarning)
            png = render(graph, format="png", view="platforms", focus=focus, depth=depth,
                         lang=lang, org=org, findings=findings)
        caption = (words["picture"] if focus is None
                   else words["picture_part"].format(apex=graph.label(focus, lang)))
        return Picture(svg=svg, png=png, width=round(width * scale, 2),
                       height=round(height * scale, 2), caption=caption,
                       smallest_text=round(smallest * scale, 2))
    return None
