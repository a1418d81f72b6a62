"""Finish Graphviz's SVG: ids, titles, a description, and nothing active.

Graphviz's SVG is parsed as XML (comments, processing instructions and the
DOCTYPE are dropped on the way, taking the version comment with them), and
written back after:

- a ``<title>`` and a ``<desc>`` for the whole drawing, referenced by
  ``aria-labelledby`` so screen readers announce them;
- every data node's ``<g>`` gets ``id="node-<id>"``, its classes and a
  readable ``<title>``; every other id is prefixed with a digest of the
  drawing, so two drawings inlined in one page cannot collide;
- only the drawing elements Graphviz writes survive (an allowlist: no
  ``<script>``, ``<foreignObject>``, ``<image>``...), and no event-handler
  attribute, link other than https/mailto, or reference outside the drawing.

Serialisation is deterministic: the same input gives the same bytes.
"""

import re
import zlib
import xml.etree.ElementTree as ET

from ..errors import GraphvizError
from .quoting import clean, shorten

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG)
ET.register_namespace("xlink", XLINK)

_HREFS = (f"{{{XLINK}}}href", "href")
_SAFE_LINK = re.compile(r"(https:|mailto:)", re.IGNORECASE)
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
_URL_REF = re.compile(r"url\(\s*#([^)\s]+)\s*\)")
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
    root = parse(svg)
    prefix = prefix_for(drawing)
    renamed: dict[str, str] = {}
    referring = []
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
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + text + "\n").encode()


def parse(svg: bytes):
    """The root element of Graphviz's SVG; a GraphvizError quoting the start
    of what ``dot`` printed when it is not SVG.

    >>> parse(b"<svg xmlns='http://www.w3.org/2000/svg'/>").tag
    '{http://www.w3.org/2000/svg}svg'
    >>> parse(b"Segmentation fault\\n")
    Traceback (most recent call last):
    ...
    coordgraph.errors.GraphvizError: Graphviz's dot did not print SVG: it printed 'Segmentation fault\\n'. Check that 'dot -Tsvg' works on this machine, or reinstall Graphviz.
    """
    try:
        root = ET.fromstring(svg)
    except ET.ParseError:
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
        if name in _PLAIN or name in _TEXT:
            continue
        local = name.rsplit("}", 1)[-1].lower()
        if local.startswith("on"):
            del attrib[name]
        elif name in _HREFS:
            if value.startswith("#"):
                referring.append(element)
            elif not _SAFE_LINK.match(value.strip()):
                del attrib[name]
        elif "url(" in value:
            if _URL_REF.sub("", value).count("url("):
                del attrib[name]   # only references inside the drawing stay
            else:
                referring.append(element)
    if "target" in attrib and not any(h in attrib for h in _HREFS):
        del attrib["target"]
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
            element.set(name, _URL_REF.sub(
                lambda m: f"url(#{renamed.get(m.group(1), m.group(1))})", value))


def _describe(root, drawing, prefix):
    """Title and description first in the SVG, and the drawing's group titled too."""
    # Graphviz's text is clean already; these come straight from the data
    # (structure names, conditions, --org): a control character would make
    # the XML ill-formed.
    title = ET.Element(_tag("title"), {"id": prefix + "title"})
    parts = [shorten(clean(part), MAX_TITLE)[0] for part in (drawing.title, drawing.subtitle)
             if part]
    title.text = " — ".join(parts)
    desc = ET.Element(_tag("desc"), {"id": prefix + "desc"})
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
    legend = ET.Element(_tag("g"), {"id": prefix + "legend", "class": "legend"})
    for child in children[start:end]:
        graph.remove(child)
        legend.append(child)
    graph.insert(start, legend)
