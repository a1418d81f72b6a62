"""Data formats: every node and edge attribute, and the context.

``json`` (networkx node-link data), ``graphml`` (GraphML 1.0 with yEd
graphics), ``gexf`` (GEXF 1.2draft for Gephi) and ``cytoscape``
(Cytoscape.js elements). Lists (``sectors``) travel as ``;``-separated text,
as XML attributes are scalars. json, graphml and gexf reload with networkx
to the same nodes, edges and attributes.
"""

import io
import json
import re

from .. import __version__
from ..rendering.styles import edge_style
from .colours import node_colours, rgb

# --- json -------------------------------------------------------------------


def to_json(graph) -> str:
    """networkx node-link JSON, with every attribute and the context.

    The edge list is named ``edges``, the default of networkx 3.6:
    ``networkx.node_link_graph(data)`` there (``edges="edges"`` with 3.4
    and 3.5, ``link="edges"`` with 3.2 and 3.3) gives back
    ``graph.to_networkx()``: a MultiDiGraph whose edge keys are relations.

    >>> import coordgraph
    >>> data = json.loads(to_json(coordgraph.load()))
    >>> data["multigraph"], data["graph"]["org"], sorted(data["edges"][0])[:3]
    (True, 'IOM', ['key', 'note', 'reference'])
    """
    data = _node_link_data(graph.to_networkx())
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _node_link_data(G) -> dict:
    import networkx as nx

    try:
        return nx.node_link_data(G, edges="edges")
    except TypeError:  # networkx < 3.4 names the list with `link`
        return nx.node_link_data(G, link="edges")


# --- cytoscape --------------------------------------------------------------


def to_cytoscape(graph, org: str | None = None) -> str:
    """Cytoscape.js elements JSON: ``{"elements": {"nodes": [...], "edges": [...]}}``.

    Each node's ``data`` holds ``id``, ``label`` and every other attribute,
    plus ``colour`` and ``text_colour`` (the organigram's colours, for a
    stylesheet's ``data(colour)``); each edge's ``data`` holds ``id``
    (``e1``, ``e2``... in file order), ``source``, ``target`` and its
    attributes. The context is under ``data``. Cytoscape desktop opens it as
    a ``.cyjs`` file.

    >>> import coordgraph
    >>> data = json.loads(to_cytoscape(coordgraph.load()))
    >>> data["elements"]["edges"][0]["data"]["id"], sorted(data["elements"]["nodes"][0]["data"])[:3]
    ('e1', ['colour', 'description', 'id'])
    """
    org = org or graph.context.org
    nodes = []
    for node in graph.nodes.values():
        colours = node_colours(node, graph.belongs_to(node, org) if node.kind == "role" else False)
        nodes.append({"data": {"id": node.id, **node.attributes(), "colour": colours["fill"],
                               "line_colour": colours["line"], "text_colour": colours["text"]}})
    edges = [{"data": {"id": f"e{number}", "source": edge.source, "target": edge.target,
                       **edge.attributes()}}
             for number, edge in enumerate(graph.edges, start=1)]
    data = {"data": _context_dict(graph), "elements": {"nodes": nodes, "edges": edges}}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _context_dict(graph) -> dict:
    """The context's fields that have a value; lists as ``;``-separated text."""
    G = graph.to_networkx()
    return dict(G.graph)


# --- XML helpers ------------------------------------------------------------

# XML 1.0 cannot carry these at all: dropped from GraphML and GEXF.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

# A parser turns a raw CR in element text into LF; GraphML text keeps its
# CRs through this stand-in (a noncharacter, so never in cleaned data),
# written out as the character reference &#13;.
_CR_STAND_IN = "\uffff"


def _xml_graph(graph, keep_cr=False):
    """``graph.to_networkx()`` with text that XML 1.0 can carry."""
    G = graph.to_networkx()
    for data in (G.graph, *(d for _, d in G.nodes(data=True)),
                 *(d for _, _, d in G.edges(data=True))):
        for key, value in data.items():
            if isinstance(value, str):
                data[key] = _xml_text(value, keep_cr)
    return G


def _xml_text(value: str, keep_cr=False) -> str:
    if _XML_INVALID.search(value):
        value = _XML_INVALID.sub("", value)
    if keep_cr and "\r" in value:
        value = value.replace("\r", _CR_STAND_IN)
    return value


def _xml_declaration(data: bytes) -> bytes:
    """ElementTree's single-quoted declaration in the usual form; a final newline."""
    data = data.replace(b"<?xml version='1.0' encoding='utf-8'?>",
                        b'<?xml version="1.0" encoding="UTF-8"?>', 1)
    return data if data.endswith(b"\n") else data + b"\n"


# --- graphml ----------------------------------------------------------------

_NS_YED = "http://www.yworks.com/xml/graphml"

#: yEd node size: pixels per character of the label, padding, bounds.
_YED_CHAR_WIDTH, _YED_PADDING, _YED_MIN_WIDTH, _YED_MAX_WIDTH = 7.0, 24.0, 80.0, 360.0
_YED_LINE_HEIGHT = 18.0


def yed_size(label: str) -> tuple[float, float]:
    """Width and height of a yEd node for ``label``: one line up to the widest
    box, then as many lines as the text needs (yEd wraps it).

    >>> yed_size("HCT"), yed_size("x" * 100)
    ((80.0, 36.0), (360.0, 72.0))
    """
    width = len(label) * _YED_CHAR_WIDTH + _YED_PADDING
    lines = 1
    if width > _YED_MAX_WIDTH:
        per_line = int((_YED_MAX_WIDTH - _YED_PADDING) / _YED_CHAR_WIDTH)
        lines = -(-len(label) // per_line)
    return (max(_YED_MIN_WIDTH, min(width, _YED_MAX_WIDTH)),
            lines * _YED_LINE_HEIGHT + _YED_LINE_HEIGHT)


def to_graphml(graph, org: str | None = None) -> bytes:
    """GraphML 1.0 with a typed ``<key>`` per attribute, and yEd graphics.

    Nodes carry ``label``, ``kind`` and every other attribute as ``<data>``;
    edges carry ``relation``, ``capacity``...; the graph carries the context.
    Edge ids are ``e1``, ``e2``... in file order (networkx reads them back as
    the multigraph keys). Each node also has a yEd ``ShapeNode`` (size from
    its label, the organigram's colours, a rounded rectangle for a role and a
    rectangle for a platform) and each edge a ``PolyLineEdge`` labelled with
    its capacity or relation, so yEd shows the graph styled on opening (then
    Layout > Hierarchical). networkx's reader turns yEd's graphics into
    ``x``, ``y`` and ``shape_type`` on nodes and ``label`` on edges; the
    graph's own attributes come back unchanged.

    >>> import coordgraph, networkx as nx
    >>> G = nx.read_graphml(io.BytesIO(to_graphml(coordgraph.load())), force_multigraph=True)
    >>> G.nodes["hct"]["label"], G.edges["iccg", "hct", "e1"]["relation"]
    ('Humanitarian Country Team (HCT)', 'escalation')
    """
    from xml.etree.ElementTree import Element, SubElement

    from networkx.readwrite.graphml import GraphMLWriter

    org = org or graph.context.org
    G = _xml_graph(graph, keep_cr=True)
    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(G)
    root = writer.xml
    root.set("xmlns:y", _NS_YED)
    node_key, edge_key = "yed_nodegraphics", "yed_edgegraphics"
    root.insert(0, Element("key", {"for": "edge", "id": edge_key,
                                   "yfiles.type": "edgegraphics"}))
    root.insert(0, Element("key", {"for": "node", "id": node_key,
                                   "yfiles.type": "nodegraphics"}))
    graph_element = root.find("graph")
    for element in graph_element.findall("node"):
        node = graph.nodes[element.get("id")]
        own = node.kind == "role" and graph.belongs_to(node, org)
        colours = node_colours(node, own)
        label = G.nodes[node.id]["label"]
        width, height = yed_size(label)
        data = SubElement(element, "data", key=node_key)
        shape = SubElement(data, "y:ShapeNode")
        SubElement(shape, "y:Geometry", height=f"{height:.1f}", width=f"{width:.1f}",
                   x="0.0", y="0.0")
        SubElement(shape, "y:Fill", color=colours["fill"], transparent="false")
        SubElement(shape, "y:BorderStyle", color=colours["line"], width="1.0",
                   type="dashed" if colours["dashed"] else "line")
        text = SubElement(shape, "y:NodeLabel", alignment="center", autoSizePolicy="content",
                          fontSize="12", modelName="internal", modelPosition="c",
                          textColor=colours["text"], visible="true")
        text.text = label
        SubElement(shape, "y:Shape",
                   type="roundrectangle" if node.kind == "role" else "rectangle")
    edges = {edge.key: edge for edge in graph.edges}
    # networkx writes edges grouped by source, its edge id being the relation;
    # the ids become e1, e2... in the order of the file.
    for number, element in enumerate(graph_element.findall("edge"), start=1):
        edge = edges[(element.get("source"), element.get("id"), element.get("target"))]
        element.set("id", f"e{number}")
        own = graph.belongs_to(graph.nodes[edge.source], org)
        style, _ = edge_style(edge.relation, edge.capacity, own=own)
        data = SubElement(element, "data", key=edge_key)
        line = SubElement(data, "y:PolyLineEdge")
        SubElement(line, "y:LineStyle", color=style["color"],
                   type=_YED_LINE.get(style.get("style", "solid"), "line"),
                   width=style.get("penwidth", "1.0"))
        SubElement(line, "y:Arrows", source="none",
                   target="none" if style.get("arrowhead") == "none" else "standard")
        words = edge.capacity if edge.relation == "membership" and edge.capacity else edge.relation
        SubElement(line, "y:EdgeLabel", alignment="center", fontSize="10",
                   textColor=style["color"], visible="true").text = _xml_text(words)
    out = io.BytesIO()
    writer.dump(out)
    return _xml_declaration(out.getvalue().replace(_CR_STAND_IN.encode("utf-8"), b"&#13;"))


_YED_LINE = {"solid": "line", "dashed": "dashed", "dotted": "dotted", "bold": "line"}


# --- gexf -------------------------------------------------------------------

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def to_gexf(graph, org: str | None = None) -> bytes:
    """GEXF 1.2draft for Gephi: node ``label`` is our label, the rest are columns.

    ``kind``, ``relation``, ``capacity``... appear in Gephi's Data Laboratory
    and in Appearance > Partition; each node has the organigram's fill as
    ``viz:color``. The context goes where the schema has room for it: its
    name and country in the meta ``description``, every field as
    ``key=value`` in the meta ``keywords``, ``as_of`` as the last-modified
    date, so the same data always gives the same file. Edge ids are ``e1``,
    ``e2``... in file order.

    >>> import coordgraph, networkx as nx
    >>> G = nx.read_gexf(io.BytesIO(to_gexf(coordgraph.load())))
    >>> G.nodes["hct"]["label"], G.nodes["hct"]["kind"], G.nodes["hct"]["viz"]["color"]["b"]
    ('Humanitarian Country Team (HCT)', 'platform', 255)
    """
    from xml.etree.ElementTree import SubElement

    from networkx.readwrite.gexf import GEXFWriter

    org = org or graph.context.org
    G = _xml_graph(graph)
    for node in graph.nodes.values():
        own = node.kind == "role" and graph.belongs_to(node, org)
        r, g, b = rgb(node_colours(node, own)["fill"])
        G.nodes[node.id]["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}}
    for number, (_, _, data) in enumerate(G.edges(data=True), start=1):
        data["id"] = f"e{number}"
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(G)
    root = writer.xml
    graph_element = root.find("graph")
    graph_element.attrib.pop("name", None)   # not in the 1.2draft schema
    meta = root.find("meta")
    context = graph.context
    if context.as_of and _DATE.fullmatch(context.as_of):
        meta.set("lastmodifieddate", context.as_of)
    else:
        meta.attrib.pop("lastmodifieddate", None)
    for child in list(meta):
        meta.remove(child)
    SubElement(meta, "creator").text = f"coordgraph {__version__}"
    about = ", ".join(x for x in (context.name, context.country) if x)
    if about:
        SubElement(meta, "description").text = _xml_text(about)
    keywords = "; ".join(f"{key}={value}" for key, value in G.graph.items())
    if keywords:
        SubElement(meta, "keywords").text = keywords
    _drop_key_column(graph_element)
    out = io.BytesIO()
    writer.write(out)
    return _xml_declaration(out.getvalue())


def _drop_key_column(graph_element) -> None:
    """Remove the ``networkx_key`` edge column: the multigraph key is the
    relation, a column already."""
    for attributes in graph_element.findall("attributes"):
        for attribute in attributes.findall("attribute"):
            if attribute.get("title") == "networkx_key":
                attributes.remove(attribute)
                for values in graph_element.iter("attvalues"):
                    for value in values.findall("attvalue"):
                        if value.get("for") == attribute.get("id"):
                            values.remove(value)
