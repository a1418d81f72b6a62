"""Fit a drawing to a page or a slide, with its text still readable.

Graphviz lays a drawing out at its natural size (text at 9–20 pt). To fit a
page, the drawing is laid out once, measured (its size in points and its
smallest text), and scaled down with Graphviz's ``size`` so that it fits the
page's printable area (the page less :data:`MARGIN` on each side). The
scale is refused when it would make the smallest text less than
:data:`MIN_TEXT` points at 100 %: the drawing would then be unreadable on
paper, and the error proposes parts that do fit (one hub with
``--location``, the platforms without the people, the leadership view),
each measured the same way.

Rows of sibling platforms are wrapped for the page: each ``(width,
stack)`` of :data:`~.layout.PAGE_WRAPS` is laid out (alike layouts once)
and the one whose smallest text is largest on the page is kept, so a wide
row of clusters becomes a few stacked rows on a portrait page; then the
legend is poured into :data:`LEGEND_FLOWS` columns, again keeping the best.

The arithmetic is pure (:func:`printable`, :func:`measure`,
:func:`fit`); :func:`fit_to_page` runs ``dot`` through :mod:`.running`.
"""

import hashlib
import re
from dataclasses import dataclass

from ..errors import UsageError
from .layout import PAGE_WRAPS
from .running import run_dot

#: Page sizes in points (1/72 inch), width × height.
PAGES = {
    "a4": (595.3, 841.9),
    "a4-landscape": (841.9, 595.3),
    "letter": (612.0, 792.0),
    "letter-landscape": (792.0, 612.0),
    "16:9": (960.0, 540.0),   # a 13.33 × 7.5 in slide (PowerPoint's widescreen)
}
#: White space kept on each side of the page, in points (half an inch).
MARGIN = 36.0
#: The smallest text, in points at 100 %, that a drawing fitted to a page may have.
MIN_TEXT = 7.0
#: The legend's columns tried on a page (two: as long as they are even).
LEGEND_FLOWS = (2, 3, 4)
#: Wrapping gains at most about half again of text size: a drawing whose
#: default layout's text is below this share of :data:`MIN_TEXT` is not
#: laid out again (the whole of a large country, with its people).
HOPELESS = 0.5
#: At most this many parts are laid out to propose a split.
MAX_PROPOSALS = 8

_VIEWBOX = re.compile(rb'viewBox="[-0-9.]+ [-0-9.]+ ([0-9.]+) ([0-9.]+)"')
_FONT_SIZE = re.compile(rb'font-size="([0-9.]+)"')


@dataclass(frozen=True)
class Fit:
    """How a drawing of ``width`` × ``height`` points goes on ``page``."""

    page: str
    width: float
    height: float
    scale: float
    smallest_text: float
    #: The room (points) it is scaled into, when smaller than the printable area.
    room: tuple[float, float] | None = None

    @property
    def text(self) -> float:
        """The smallest text once scaled, in points."""
        return self.smallest_text * self.scale

    @property
    def readable(self) -> bool:
        """Whether the smallest text stays at least :data:`MIN_TEXT` points."""
        return self.text >= MIN_TEXT - 1e-9

    @property
    def size(self) -> str | None:
        """Graphviz's ``size`` (inches) that scales the drawing to the page,
        or None when it fits as it is."""
        if self.scale >= 1:
            return None
        width, height = self.room or printable(self.page)
        return f"{width / 72:.3f},{height / 72:.3f}"


def printable(page: str) -> tuple[float, float]:
    """The printable area of ``page`` in points: the page less the margins.

    >>> printable("a4-landscape")
    (769.9, 523.3)
    """
    width, height = PAGES[page]
    return round(width - 2 * MARGIN, 1), round(height - 2 * MARGIN, 1)


def measure(svg: bytes) -> tuple[float, float, float]:
    """A Graphviz SVG's natural width and height (points) and its smallest font size.

    >>> measure(b'<svg viewBox="0.00 0.00 200.50 100.00"><text font-size="9.00">a</text>'
    ...         b'<text font-size="11.00">b</text></svg>')
    (200.5, 100.0, 9.0)
    """
    box = _VIEWBOX.search(svg)
    width, height = (float(box.group(1)), float(box.group(2))) if box else (0.0, 0.0)
    sizes = [float(size) for size in _FONT_SIZE.findall(svg)]
    return width, height, min(sizes) if sizes else 14.0


def fit(page: str, width: float, height: float, smallest_text: float,
        box: tuple[float, float] | None = None) -> Fit:
    """How a drawing fits ``page``: scaled down (never up) to its printable
    area, or to ``box`` (width, height in points) within it.

    >>> f = fit("a4-landscape", 1539.8, 500.0, 9.0)
    >>> round(f.scale, 2), f.readable, f.size
    (0.5, False, '10.693,7.268')
    >>> fit("a4-landscape", 700.0, 400.0, 9.0).size is None
    True
    >>> fit("a4-landscape", 1000.0, 400.0, 9.0, box=(500.0, 300.0)).size
    '6.944,4.167'
    """
    if page not in PAGES:
        raise UsageError(f"unknown page '{page}'; pages: {', '.join(PAGES)}")
    room_width, room_height = printable(page)
    room = None
    if box is not None:
        room = (min(box[0], room_width), min(box[1], room_height))
        room_width, room_height = room
    scale = min(1.0, room_width / width if width else 1.0,
                room_height / height if height else 1.0)
    return Fit(page, width, height, scale, smallest_text, room)


def page_name(page: str) -> str:
    """The page as people name it.

    >>> page_name("a4-landscape"), page_name("16:9")
    ('A4 landscape page', '16:9 slide')
    """
    if page == "16:9":
        return "16:9 slide"
    return page.replace("a4", "A4").replace("letter", "Letter").replace("-", " ") + " page"


def fit_to_page(make, page: str, *, timeout: float, parts=(), box=None):
    """The drawing ``make(size, wrap)`` returns, scaled to ``page`` (or to
    ``box`` on it); a UsageError proposing ``parts`` when its text would be
    too small.

    ``make(size, wrap)`` builds a :class:`~.building.Drawing` (``size``
    None: its natural size; ``wrap`` its rows' ``(width, stack)``). ``parts``
    are ways to draw less, each a list of ``(options, make)`` tried in turn
    (say one hub, then its platforms alone): the first that fits is
    proposed, else the last is reported as too large. At most
    :data:`MAX_PROPOSALS` parts are laid out.
    """
    natural, wrap, drawing = best_wrap(make, page, timeout=timeout, box=box)
    if natural.readable:
        return drawing if natural.size is None else make(natural.size, wrap)
    fitting: list[str] = []
    too_large: list[str] = []
    for tries in list(parts)[:MAX_PROPOSALS]:
        for options, make_part in tries:
            part = best_wrap(make_part, page, timeout=timeout, box=box)[0]
            proposal = f"  {options:<44} text {part.text:.1f} pt"
            if part.readable:
                break
        (fitting if part.readable else too_large).append(proposal)
    width, height = printable(page)
    lines = [
        f"the drawing is {natural.width:,.0f} × {natural.height:,.0f} pt: fitted to an "
        f"{page_name(page)} ({width:,.0f} × {height:,.0f} pt inside the margins) its "
        f"smallest text would be {natural.smallest_text * natural.scale:.1f} pt, below the "
        f"{MIN_TEXT:g} pt that can be read. Nothing was written."]
    if fitting:
        lines.append(f"Draw it in parts, one {page_name(page)} each (add to the command):")
        lines.extend(fitting)
    if too_large:
        lines.append("Still too large for one page:" if fitting
                     else "None of these parts fits one page either:")
        lines.extend(too_large)
    lines.append("Or draw the neighbourhood of one platform: --focus ID --depth 1; "
                 "or leave out --page for the whole drawing at its natural size.")
    raise UsageError("\n".join(lines))


def best_wrap(make, page: str, *, timeout: float, box=None, wraps=PAGE_WRAPS,
              flows=LEGEND_FLOWS):
    """The natural-size drawing ``make(None, wrap)`` whose text is largest
    on ``page`` (or in ``box``): ``(fit, wrap, drawing)``, ``wrap`` being
    ``(width, stack, flow)``: the rows of ``wraps`` with the legend in
    ``flows[0]`` columns, then the best rows with the legend in each flow.

    Each distinct layout is laid out once; on a tie the first wins (the
    default rows come first). A drawing hopelessly too large
    (:data:`HOPELESS`) keeps its default rows.
    """
    first = _best(make, page, timeout, box, [(*wraps[0], flows[0])])
    if first[0].text < MIN_TEXT * HOPELESS:
        return first
    rows = _better(first, make, page, timeout, box, [(*w, flows[0]) for w in wraps[1:]])
    return _better(rows, make, page, timeout, box, [(*rows[1][:2], f) for f in flows[1:]])


def _better(best, make, page, timeout, box, wraps):
    """``best`` or, when its text is larger, the best of ``wraps``."""
    if not wraps:
        return best
    other = _best(make, page, timeout, box, wraps)
    return other if other[0].text > best[0].text + 1e-6 else best


def _best(make, page, timeout, box, wraps):
    best = None
    seen: set[str] = set()
    for wrap in wraps:
        drawing = make(None, wrap)
        if drawing.dot in seen:
            continue
        seen.add(drawing.dot)
        measured = fit_of(drawing, page, timeout, box)
        if best is None or measured.text > best[0].text + 1e-6:
            best = (measured, wrap, drawing)
    assert best is not None, "no wrap to try"
    return best


def fit_of(drawing, page: str, timeout: float, box=None) -> Fit:
    """How ``drawing``, laid out by ``dot``, fits ``page`` (or ``box`` on it)."""
    key = hashlib.sha256(drawing.dot.encode("utf-8", "surrogatepass")).digest()
    measured = _MEASURED.get(key)
    if measured is None:
        measured = measure(run_dot(drawing.dot, "svg", timeout=timeout,
                                   nodes=drawing.node_count).output)
        if len(_MEASURED) >= _MAX_MEASURED:
            _MEASURED.clear()
        _MEASURED[key] = measured
    return fit(page, *measured, box)


#: The measures of the layouts already made, by their DOT text's digest: the
#: page search and the brief try the same layouts again (one per page, per
#: drawing tried), and ``dot`` gives the same layout for the same text.
_MEASURED: dict[bytes, tuple[float, float, float]] = {}
_MAX_MEASURED = 512
