"""Finish Graphviz's SVG: ids, titles, a description, and nothing active.

Graphviz's SVG is parsed as XML into a small tree (:mod:`.svgtree`: comments,
processing instructions and the DOCTYPE are dropped on the way, taking the
version comment with them), and written back after:

- a ``<title>`` and a ``<desc>`` for the whole drawing, referenced by
  ``aria-labelledby`` so screen readers announce them;
- every data node's ``<g>`` gets ``id="node-<id>"``, its classes and a
  readable ``<title>``; every other id is prefixed with a digest of the
  drawing, so two drawings inlined in one page cannot collide;
- only the drawing elements Graphviz writes survive (an allowlist: no
  ``<script>``, ``<foreignObject>``, ``<image>``...), and no event-handler
  attribute, link other than https/mailto, or reference outside the drawing;
- the drawing scales to its container (``width="100%"`` and the
  ``viewBox``) but never grows past its natural size (``max-width``);
- text is shown in the first of :data:`DISPLAY_FONTS` the viewer has: the
  boxes were sized for DejaVu Sans (see :data:`.styles.FONT`), wider than
  each of them, so the text fits whichever is used.

:func:`with_id_prefix` prefixes every id of a finished SVG, for pages that
inline several drawings.

Serialisation is deterministic: the same input gives the same bytes.
"""

import re
import zlib

from ..errors import GraphvizError, UsageError
from . import styles, svgtree
from .quoting import clean, shorten
from .svgtree import SVG, XLINK, elementtree_text, serialise_svg

# The patterns are compiled (and cached by re) when first used: most
# drawings have no link, no gradient and no id prefix, and compiling them
# all costs every render.
_HREFS = (f"{{{XLINK}}}href", "href")
_SAFE_LINK = r"(?i)(https:|mailto:)"
#: The elements Graphviz's SVG is made of; anything else is removed.
_KEEP = {f"{{{SVG}}}{name}" for name in
         ("svg", "g", "title", "desc", "polygon", "polyline", "path", "ellipse", "circle",
          "rect", "line", "text", "tspan", "a", "defs", "linearGradient", "radialGradient",
          "stop")}
#: Attributes that hold numbers or plain words: nothing to check.
_PLAIN = frozenset((
    "points", "d", "x", "y", "cx", "cy", "rx", "ry", "width", "height", "viewBox",
    "transform", "text-anchor", "font-family", "font-size", "font-weight", "font-style",
    "stroke-width", "stroke-dasharray", "stroke-opacity", "fill-opacity", "class", "id",
    "x1", "y1", "x2", "y2", "offset"))
#: Attributes that hold text shown as text (tooltips): nothing in them is active.
_TEXT = frozenset((f"{{{XLINK}}}title",))
_UNCHECKED = _PLAIN | _TEXT
#: Paint attributes: active only through a reference, ``url(...)``.
_PAINT = frozenset(("fill", "stroke"))
_URL_REF = r"url\(\s*#([^)\s]+)\s*\)"
#: The fonts text is shown in, the first one the viewer has. Each is as wide
#: as DejaVu Sans or narrower, the font Graphviz sizes the boxes with
#: (:data:`.styles.FONT`), so the text fits whichever the viewer has.
DISPLAY_FONTS = "Helvetica,Arial,Liberation Sans,DejaVu Sans,sans-serif"
#: The style :func:`_scale_to_container` gives the root, around its width.
_SIZE_STYLE = (' style="max-width:', ';height:auto"')
#: What an ``--id-prefix`` may be (:func:`is_id_prefix`): it starts an XML id
#: and a CSS selector.
ID_PREFIX = r"[A-Za-z][A-Za-z0-9_-]*\Z"
#: The drawing's ``<title>``: its title and subtitle, each cut at this many
#: characters (with "…"), as the heading Graphviz draws is.
MAX_TITLE = 2000
#: The ``<desc>`` is cut at this many characters: a screen reader's summary,
#: not a copy of the data (each label in it is cut already).
MAX_DESCRIPTION = 20_000


def prefix_for(drawing) -> str:
    """A short, stable prefix for the ids of one drawing.

    >>> from types import SimpleNamespace
    >>> prefix_for(SimpleNamespace(dot="digraph {}"))
    'cg-74459ba3-'
    """
    return f"cg-{zlib.crc32(drawing.dot.encode('utf-8')):08x}-"


def finish(svg: bytes, drawing) -> bytes:
    """The SVG Graphviz drew for ``drawing``, made safe, accessible and stable.

    Raises :class:`~coordgraph.errors.GraphvizError` when ``dot`` printed
    something other than SVG (a broken install, a wrapper script...).
    """
    return _serialise(_finish_tree(parse(svg), drawing))


def _finish_tree(root, drawing):
    """:func:`finish` on the parsed tree, changed in place; ``root`` returned."""
    prefix = prefix_for(drawing)
    renamed: dict[str, str] = {}
    referring: list = []
    unwanted = []
    items = drawing.items
    for element in root.iter():
        for child in element:
            if child.tag not in _KEEP:
                unwanted.append((element, child))
        if element.attrib:
            _clean_attributes(element, items, prefix, renamed, referring)
    for parent, child in unwanted:
        parent.remove(child)
    for element in referring:
        _update_references(element, renamed)
    _describe(root, drawing, prefix)
    _scale_to_container(root)
    return root


def with_id_prefix(svg: bytes, prefix: str) -> bytes:
    """A finished SVG with ``prefix`` before every id and every reference to one.

    Two drawings inlined in one page then share no id: ``node-hct`` becomes
    ``<prefix>node-hct`` in one, and ``#…``, ``url(#…)`` and
    ``aria-labelledby`` follow. Raises :class:`~coordgraph.errors.UsageError`
    when ``prefix`` is not letters, digits, ``-`` and ``_`` starting with a
    letter.

    >>> svg = (b'<svg xmlns="http://www.w3.org/2000/svg" aria-labelledby="t">'
    ...        b'<title id="t">T</title><g id="node-hct" fill="url(#t)"/></svg>')
    >>> root = parse(with_id_prefix(svg, "sudan-"))
    >>> [(e.get("id"), e.get("fill")) for e in root.iter()][1:], root.get("aria-labelledby")
    ([('sudan-t', None), ('sudan-node-hct', 'url(#sudan-t)')], 'sudan-t')
    >>> with_id_prefix(svg, "1st")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    coordgraph.errors.UsageError: an id prefix is letters, digits, ... a letter: not '1st'
    """
    if not is_id_prefix(prefix):
        raise UsageError("an id prefix is letters, digits, '-' and '_', starting with a "
                         f"letter: not {prefix!r}")
    return _serialise(_prefix_tree(parse(svg), prefix))


def _prefix_tree(root, prefix: str):
    """:func:`with_id_prefix` on the parsed tree, changed in place; ``root`` returned."""
    renamed = {element.get("id"): prefix + element.get("id")
               for element in root.iter() if element.get("id")}
    for element in root.iter():
        if "id" in element.attrib:
            element.set("id", renamed[element.get("id")])
        labelled = element.get("aria-labelledby")
        if labelled:
            element.set("aria-labelledby",
                        " ".join(renamed.get(name, name) for name in labelled.split()))
        _update_references(element, renamed)
    return root


def is_id_prefix(value) -> bool:
    """Whether ``value`` may be an ``--id-prefix``: letters, digits, ``-`` and
    ``_``, starting with a letter.

    >>> is_id_prefix("sudan-"), is_id_prefix("1st"), is_id_prefix("a b"), is_id_prefix(None)
    (True, False, False, False)
    """
    return isinstance(value, str) and re.match(ID_PREFIX, value) is not None


def without_size_style(svg: str) -> str:
    """The SVG text without the ``style`` that caps its width, for a page
    whose policy allows no ``style`` attribute (its script sizes the drawing).

    >>> without_size_style('<svg width="100%" style="max-width:90pt;height:auto"><g/></svg>')
    '<svg width="100%"><g/></svg>'
    """
    end = svg.find(">")
    start = svg.rfind("<svg", 0, end)
    if start < 0:
        return svg
    tag = svg[start:end]
    before, after = _SIZE_STYLE
    at = tag.find(before)
    while at >= 0:
        close = tag.find(after, at)
        if close < 0:
            break
        width = tag[at + len(before):close]
        number = width[:-2] if width[-2:] in ("pt", "px") else width
        if number and not number.strip("0123456789."):
            tag = tag[:at] + tag[close + len(after):]
            break
        at = tag.find(before, at + 1)
    return svg[:start] + tag + svg[end:]


def is_length(text: str) -> bool:
    """Whether ``text`` is a length as Graphviz writes one: digits, perhaps a
    fraction, perhaps ``pt`` or ``px``.

    >>> [is_length(t) for t in ("90pt", "12.5px", "7", "1.", ".5", "9em", "\u0663pt", "1.2.3")]
    [True, True, True, False, False, False, False, False]
    """
    number = text[:-2] if text[-2:] in ("pt", "px") else text
    whole, dot, fraction = number.partition(".")
    return _digits(whole) and (not dot or _digits(fraction))


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit()   # "²" and "٣" are digits to isdigit()


def _serialise(root) -> bytes:
    try:
        text = serialise_svg(root)
    except LookupError:   # a name in another namespace: ElementTree's prefixes for it
        text = elementtree_text(root)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + text + "\n").encode()


def parse(svg: bytes):
    """The root element of Graphviz's SVG; a GraphvizError quoting the start
    of what ``dot`` printed when it is not SVG.

    >>> parse(b"<svg xmlns='http://www.w3.org/2000/svg'/>").tag
    '{http://www.w3.org/2000/svg}svg'
    >>> parse(b"Segmentation fault\\n")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    coordgraph.errors.GraphvizError: Graphviz's dot did not print SVG: it printed
    'Segmentation fault\\n'. Check that 'dot -Tsvg' works on this machine, or reinstall Graphviz.
    """
    try:
        root = svgtree.parse(svg)
    except (svgtree.ExpatError, LookupError, ValueError):   # ill-formed, or in an unknown encoding
        root = None
    if root is not None and root.tag == f"{{{SVG}}}svg":
        return root
    shown = svg[:80].decode("utf-8", errors="replace") + ("..." if len(svg) > 80 else "")
    raise GraphvizError(f"Graphviz's dot did not print SVG: it printed {shown!r}. "
                        "Check that 'dot -Tsvg' works on this machine, or reinstall Graphviz.")


_SVG_NS = f"{{{SVG}}}"
_TITLE = f"{{{SVG}}}title"


def _tag(name: str) -> str:
    return _SVG_NS + name


def _clean_attributes(element, items, prefix, renamed, referring):
    """Drop event handlers, unsafe links and outside references; set ids and titles."""
    attrib = element.attrib
    for name, value in list(attrib.items()):
        if name in _UNCHECKED or (name in _PAINT and "url(" not in value):
            continue
        local = name.rsplit("}", 1)[-1].lower()
        if local.startswith("on"):
            del attrib[name]
        elif name in _HREFS:
            if value.startswith("#"):
                referring.append(element)
            elif not re.match(_SAFE_LINK, value.strip()):
                del attrib[name]
        elif "url(" in value:
            if re.sub(_URL_REF, "", value).count("url("):
                del attrib[name]   # only references inside the drawing stay
            else:
                referring.append(element)
    if "target" in attrib and not any(h in attrib for h in _HREFS):
        del attrib["target"]
    if attrib.get("font-family") == styles.FONT:
        attrib["font-family"] = DISPLAY_FONTS
    old = attrib.get("id")
    if old is None:
        return
    if old in items:
        new, classes, title = items[old]
        if not new.startswith("node-"):
            new = prefix + new
        attrib["class"] = classes
        title_element = element.find(_TITLE)
        if title_element is not None:
            title_element.text = title
    else:
        new = prefix + old
    attrib["id"] = new
    renamed[old] = new


def _update_references(element, renamed):
    for name, value in element.attrib.items():
        if name in _HREFS and value.startswith("#") and value[1:] in renamed:
            element.set(name, "#" + renamed[value[1:]])
        elif "url(#" in value:
            element.set(name, re.sub(
                _URL_REF, lambda m: f"url(#{renamed.get(m.group(1), m.group(1))})", value))


def document_title(drawing) -> str:
    """The drawing's title and subtitle, each cut at :data:`MAX_TITLE`
    characters: the SVG's ``<title>`` and the PDF's ``/Title``.

    >>> from types import SimpleNamespace
    >>> document_title(SimpleNamespace(title="Sudan", subtitle="Platforms\x07"))
    'Sudan — Platforms'
    """
    # Graphviz's text is clean already; these come straight from the data
    # (structure names, conditions, --org): a control character would make
    # the XML ill-formed.
    parts = [shorten(clean(part), MAX_TITLE)[0] for part in (drawing.title, drawing.subtitle)
             if part]
    return " — ".join(parts)


def _scale_to_container(root):
    """As wide as its container, never wider than Graphviz drew it; the
    height follows from the ``viewBox``."""
    width = root.get("width", "")
    if not is_length(width) or "viewBox" not in root.attrib:
        return
    root.attrib.pop("height", None)
    root.set("width", "100%")
    root.set("style", f"max-width:{width};height:auto")


def _describe(root, drawing, prefix):
    """Title and description first in the SVG, and the drawing's group titled too."""
    title = root.makeelement(_tag("title"), {"id": prefix + "title"})
    title.text = document_title(drawing)
    desc = root.makeelement(_tag("desc"), {"id": prefix + "desc"})
    desc.text = shorten(clean(drawing.description), MAX_DESCRIPTION)[0]
    root.insert(0, desc)
    root.insert(0, title)
    root.set("role", "img")
    root.set("aria-labelledby", f"{prefix}title {prefix}desc")
    graph = root.find(_tag("g"))
    if graph is not None:
        inner = graph.find(_tag("title"))
        if inner is not None:
            inner.text = title.text
        _group_legend(graph, prefix)


def _group_legend(graph, prefix):
    """Put the graph's own label (the legend) in a ``<g class="legend">``.

    Graphviz draws it right after the page's background polygon and before
    the first group; a drawing without a legend has no such elements.
    """
    children = list(graph)
    start = next((i + 1 for i, child in enumerate(children) if child.tag == _tag("polygon")),
                 None)
    if start is None:
        return
    end = next((i for i in range(start, len(children)) if children[i].tag == _tag("g")),
               len(children))
    if end == start or not any(c.tag == _tag("text") for c in children[start:end]):
        return
    legend = graph.makeelement(_tag("g"), {"id": prefix + "legend", "class": "legend"})
    for child in children[start:end]:
        graph.remove(child)
        legend.append(child)
    graph.insert(start, legend)
