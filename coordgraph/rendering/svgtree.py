"""The SVG as a small tree: parsed with expat, written in one pass.

Just the part of :mod:`xml.etree.ElementTree` that finishing a drawing uses,
on :mod:`xml.parsers.expat` (``pyexpat``) directly: importing ElementTree
(its module, ElementPath, the accelerator, their regular expressions) cost
every render more than its parse of the drawing. The tree is the one
ElementTree builds, names spelt as it spells them (``{uri}local``),
attributes in document order, comments and processing instructions dropped,
whitespace kept; :func:`parse` refuses what :func:`ElementTree.fromstring
<xml.etree.ElementTree.fromstring>` refuses, and :func:`serialise_svg` writes
what :func:`ElementTree.tostring <xml.etree.ElementTree.tostring>` writes
with SVG the default namespace and ``xlink`` XLink's prefix.
"""

# pyexpat is xml.parsers.expat without the xml packages around it, which
# cost more to import than it does.
from pyexpat import ExpatError, ParserCreate

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
#: expat's code for an undefined entity, as ElementTree reports it.
UNDEFINED_ENTITY = 11


class Element(list):
    """An XML element: the list of its children, with its tag, attributes,
    text and tail.

    ``attrib`` is this very dict (not a copy), in document order; ``text`` is
    the text before the first child, ``tail`` the text after the element's
    end tag, each ``None`` when there is none. As in ElementTree, an element
    equals only itself.

    >>> g = Element("g", {"id": "a"})
    >>> g.append(Element("title"))
    >>> g.insert(0, Element("desc"))
    >>> [child.tag for child in g], len(g), g.get("id"), g.find("title").tag
    (['desc', 'title'], 2, 'a', 'title')
    >>> g.remove(g[0]); g.set("class", "node"); g.items()
    [('id', 'a'), ('class', 'node')]
    >>> Element("g") == Element("g")
    False
    """

    # A list, so that the children are walked, counted and changed at C
    # speed: finishing a drawing does little else.
    __slots__ = ("tag", "attrib", "text", "tail")
    __eq__ = object.__eq__
    __ne__ = object.__ne__
    __hash__ = object.__hash__   # type: ignore[assignment]   # a list has none

    def __init__(self, tag: str, attrib: dict | None = None) -> None:
        super().__init__()
        self.tag = tag
        self.attrib: dict[str, str] = {} if attrib is None else attrib
        self.text: str | None = None
        self.tail: str | None = None

    def __repr__(self) -> str:
        return f"<Element {self.tag!r} at {id(self):#x}>"

    def makeelement(self, tag: str, attrib: dict) -> "Element":
        """A new element of the same kind (as ElementTree's ``makeelement``).

        >>> Element("svg").makeelement("g", {"id": "a"}).attrib
        {'id': 'a'}
        """
        return Element(tag, dict(attrib))

    def get(self, key: str, default=None):
        """The attribute ``key``, or ``default``.

        >>> Element("g", {"id": "a"}).get("id"), Element("g").get("id", "-")
        ('a', '-')
        """
        return self.attrib.get(key, default)

    def set(self, key: str, value: str) -> None:
        """Set the attribute ``key`` (last when new).

        >>> g = Element("g"); g.set("id", "a"); g.attrib
        {'id': 'a'}
        """
        self.attrib[key] = value

    def items(self) -> list[tuple[str, str]]:
        """The attributes as (name, value) pairs, in document order.

        >>> Element("g", {"id": "a", "class": "b"}).items()
        [('id', 'a'), ('class', 'b')]
        """
        return list(self.attrib.items())

    def find(self, tag: str) -> "Element | None":
        """The first child whose tag is ``tag`` (a tag, not a path), or ``None``.

        >>> g = Element("g"); g.append(Element("a")); g.find("a").tag, g.find("b")
        ('a', None)
        """
        for child in self:
            if child.tag == tag:
                return child
        return None

    def iter(self, tag: str | None = None):
        """This element and every element inside it, in document order; only
        those whose tag is ``tag`` when given.

        >>> root = parse(b"<a><b><c/></b><d/></a>")
        >>> [e.tag for e in root.iter()], [e.tag for e in root.iter("d")]
        (['a', 'b', 'c', 'd'], ['d'])
        """
        pending = [self]
        while pending:
            element = pending.pop()
            if tag is None or element.tag == tag:
                yield element
            if element:
                pending.extend(reversed(element))


class _Names(dict):
    """expat's ``uri}local`` names spelt as ElementTree spells them: ``{uri}local``."""

    def __missing__(self, name: str) -> str:
        spelt = "{" + name if "}" in name else name
        self[name] = spelt
        return spelt


def parse(data: bytes) -> Element:
    """The root element of the XML document ``data``, as ElementTree builds it.

    Raises :class:`~xml.parsers.expat.ExpatError` where ElementTree raises
    its ParseError (ill-formed XML, an undefined entity...), and LookupError
    or ValueError, as it does, for an encoding Python cannot decode.

    >>> root = parse(b'<?xml version="1.0"?><!-- drop --><svg xmlns="http://www.w3.org/2000/svg"'
    ...              b' xmlns:xlink="http://www.w3.org/1999/xlink">\\n<a xlink:href="#x">'
    ...              b'A<?pi?>&amp;B</a> </svg>')
    >>> root.tag, root.text, root[0].text, root[0].tail
    ('{http://www.w3.org/2000/svg}svg', '\\n', 'A&B', ' ')
    >>> root[0].attrib
    {'{http://www.w3.org/1999/xlink}href': '#x'}
    >>> parse(b'<!DOCTYPE svg SYSTEM "svg.dtd"><svg>&nbsp;</svg>')
    Traceback (most recent call last):
    ...
    xml.parsers.expat.ExpatError: undefined entity &nbsp;: line 1, column 36
    """
    parser = ParserCreate(None, "}")
    parser.buffer_text = True
    new_element = list.__new__
    names = _Names()
    plain: set[str] = set()   # attribute names seen without a namespace
    all_plain = plain.issuperset   # three times as fast as attrib.keys() <= plain
    open_elements: list[Element] = []
    pieces: list[str] = []    # text not yet given to its element
    # The element whose tail the next text is; None while it is the text of
    # the innermost open element.
    closed: Element | None = None

    def start(name: str, attrib: dict) -> None:
        nonlocal closed
        if pieces:   # the text before this element (inline: this runs for every element)
            if closed is None:
                open_elements[-1].text = "".join(pieces)
            else:
                closed.tail = "".join(pieces)
            pieces.clear()
        if not all_plain(attrib):
            attrib = {names[key]: value for key, value in attrib.items()}
            plain.update(key for key in attrib if key[0] != "{")
        element = new_element(Element)   # Element(tag, attrib), without a call to __init__
        element.tag = names[name]
        element.attrib = attrib
        element.text = element.tail = None
        if open_elements:
            open_elements[-1].append(element)
        open_elements.append(element)
        closed = None

    def end(name: str) -> None:
        nonlocal closed
        if pieces:
            if closed is None:
                open_elements[-1].text = "".join(pieces)
            else:
                closed.tail = "".join(pieces)
            pieces.clear()
        closed = open_elements.pop()

    def default(text: str) -> None:
        # What expat reports here as a reference is an entity it did not
        # expand (declared in an external DTD it does not read, or external):
        # ElementTree refuses it as undefined, and so does this parser.
        if len(text) > 1 and text[0] == "&":
            error = ExpatError(f"undefined entity {text}: line {parser.ErrorLineNumber}, "
                               f"column {parser.ErrorColumnNumber}")
            error.code = UNDEFINED_ENTITY
            raise error

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = pieces.append
    parser.DefaultHandlerExpand = default
    # Comments are dropped, and Graphviz writes one before every node and
    # edge: a builtin that ignores its argument costs less than the default
    # handler's call.
    parser.CommentHandler = id
    parser.Parse(data, True)
    assert closed is not None   # a document expat accepts has a root
    return closed


def serialise_svg(root: Element) -> str:
    """The text ``ElementTree.tostring(root, encoding="unicode")`` gives, with
    SVG the default namespace and ``xlink`` XLink's prefix, for a tree of SVG
    elements whose attributes have no namespace or XLink's: written in one
    pass (ElementTree's writer makes two). Raises LookupError for any other
    name.

    >>> root = parse(b'<svg xmlns="http://www.w3.org/2000/svg" '
    ...              b'xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="#x" '
    ...              b'title="&quot;R&amp;D&quot;&#10;"><text>1 &lt; 2</text></a><g/></svg>')
    >>> print(serialise_svg(root))  # doctest: +NORMALIZE_WHITESPACE
    <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a
    xlink:href="#x" title="&quot;R&amp;D&quot;&#10;"><text>1 &lt; 2</text></a><g /></svg>
    """
    parts: list[str] = []
    names: dict[str, str] = {}
    _write_element(root, parts, names)
    declarations = f' xmlns="{SVG}"'
    if any(name.startswith("xlink:") for name in names.values()):
        declarations += f' xmlns:xlink="{XLINK}"'
    parts[0] += declarations   # "<svg": the namespaces come before the attributes
    return "".join(parts)


def elementtree_text(root) -> str:
    """``ElementTree.tostring(root, encoding="unicode")`` with SVG the default
    namespace and ``xlink`` XLink's prefix: for a tree :func:`serialise_svg`
    cannot write (ElementTree names any other namespace ``ns0``, ``ns1``...).
    Imports ElementTree: only this rare case pays for it.

    >>> root = parse(b'<svg xmlns="http://www.w3.org/2000/svg"><x xmlns="urn:x"/></svg>')
    >>> elementtree_text(root)
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:ns1="urn:x"><ns1:x /></svg>'
    """
    import xml.etree.ElementTree as ET

    # Registered again each time: the registry is global, and other libraries
    # change it (WeasyPrint maps the default prefix to no namespace, which
    # turned every element into <ns0:...>).
    ET.register_namespace("", SVG)
    ET.register_namespace("xlink", XLINK)

    def copy(element):
        twin = ET.Element(element.tag, element.attrib)
        twin.text, twin.tail = element.text, element.tail
        twin.extend(copy(child) for child in element)
        return twin

    return ET.tostring(copy(root), encoding="unicode")


_SVG_NS = f"{{{SVG}}}"
_SVG_CUT = len(_SVG_NS)
_XLINK_NS = f"{{{XLINK}}}"
_XLINK_CUT = len(_XLINK_NS)


def _write_element(element, parts: list, names: dict) -> None:
    tag = element.tag
    if not isinstance(tag, str) or tag[:_SVG_CUT] != _SVG_NS or "}" in tag[_SVG_CUT:]:
        raise LookupError(tag)
    tag = tag[_SVG_CUT:]
    add = parts.append
    add("<" + tag)
    for key, value in element.attrib.items():
        add(f' {names.get(key) or _attribute_name(key, names)}="{_escape_attribute(value)}"')
    text = element.text
    if text or len(element):
        add(">")
        if text:
            add(_escape_text(text))
        for child in element:
            _write_element(child, parts, names)
        add(f"</{tag}>")
    else:
        add(" />")
    if element.tail:
        add(_escape_text(element.tail))


def _attribute_name(key: str, names: dict) -> str:
    if key[:1] != "{":
        name = key
    elif key[:_XLINK_CUT] == _XLINK_NS and "}" not in key[_XLINK_CUT:]:
        name = "xlink:" + key[_XLINK_CUT:]
    else:
        raise LookupError(key)
    names[key] = name
    return name


def _escape_text(text: str) -> str:
    # as ElementTree escapes text
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _escape_attribute(text: str) -> str:
    # as ElementTree escapes attribute values: as text, then quotes, and
    # line ends and tabs as references, so that a reader's normalisation
    # keeps them
    text = _escape_text(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\t" in text:
        text = text.replace("\t", "&#09;")
    return text
