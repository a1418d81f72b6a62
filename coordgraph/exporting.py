"""Export a graph for the tools people already use.

One pure function per format, each taking a :class:`~coordgraph.model.CoordGraph`
and returning the file's content; :func:`export` picks one by name and always
returns bytes. Nothing here touches the disk (coordgraph.writing does).

- ``json``: networkx node-link data (a MultiDiGraph, edge key = relation),
  for Python, networkx, jq;
- ``graphml``: typed keys, plus yEd node and edge graphics, for yEd,
  Cytoscape, networkx;
- ``gexf``: GEXF 1.2, node label = our label, attributes as columns, for Gephi;
- ``mermaid``: a ``flowchart BT`` with generated ids and escaped labels, for
  GitHub, GitLab and wikis;
- ``csv``: one row per platform with its lead agencies, coordinator, seats,
  the people who hold them, alternates, observers and findings; UTF-8 with
  BOM, CRLF, formulas neutralised; for Excel.

The three data formats (json, graphml, gexf) carry every node and edge
attribute (``lead``, ``person``, ``location``, ``max_seats``, ``seat``...)
and the context (``sectors`` as ``;``-separated text, as XML needs
scalars), and reload with networkx to the same nodes, edges and attributes.
networkx is imported only by the functions that need it.
"""

import csv
import io
import json
import re
import unicodedata
from pathlib import Path

from . import __version__
from .analysis import check
from .analysis._shared import resolve_org
from .arguments import require_graph, require_text
from .errors import UsageError
from .rendering.i18n import words as drawing_words

#: Export formats, in the order the command line lists them.
FORMATS = ("json", "graphml", "gexf", "mermaid", "csv")

#: File suffixes that imply a format when ``--format`` is not given.
SUFFIXES = {
    ".json": "json", ".graphml": "graphml", ".gexf": "gexf",
    ".mmd": "mermaid", ".mermaid": "mermaid", ".md": "mermaid", ".csv": "csv",
}

#: What GitHub's Mermaid renders at most (its defaults); the CLI warns above.
MERMAID_MAX_TEXT = 50_000
MERMAID_MAX_EDGES = 500

#: The organisation's colour (IOM blue) in Mermaid and yEd.
ORG_COLOUR = "#0033A0"


def export(graph, format: str, *, org: str | None = None, lang: str | None = None,
           findings=None) -> bytes:
    """The graph in ``format`` (one of :data:`FORMATS`), as the bytes of a file.

    Parameters
    ----------
    graph : CoordGraph
    format : str
        ``json``, ``graphml``, ``gexf``, ``mermaid`` or ``csv``.
    org : str, optional
        mermaid and csv: the organisation whose roles are highlighted and whose
        findings are listed; default the context's ``org``. Trimmed and matched
        to the data's spelling whatever its case, as :func:`coordgraph.check`
        does (an ``UnknownOrgWarning`` when no role belongs to it).
    lang : str, optional
        mermaid and csv: the language of the labels (``en``, ``fr``, ``es``);
        default the context's ``lang``. The data formats carry every label.
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
    org = resolve_org(graph, org)
    if format == "json":
        return to_json(graph).encode("utf-8")
    if format == "graphml":
        return to_graphml(graph)
    if format == "gexf":
        return to_gexf(graph)
    if format == "mermaid":
        return to_mermaid(graph, org=org, lang=lang, findings=findings).encode("utf-8")
    if format == "csv":
        return to_csv(graph, org=org, lang=lang, findings=findings)
    raise UsageError(f"unknown export format {format!r}; allowed: {', '.join(FORMATS)}")


def format_for(path) -> str | None:
    """The format a file name implies, or None.

    >>> format_for("out/seats.CSV"), format_for("graph.txt")
    ('csv', None)
    """
    return SUFFIXES.get(Path(str(path)).suffix.lower())


# --- networkx-based formats -------------------------------------------------

def to_json(graph) -> str:
    """networkx node-link JSON, with every attribute and the context.

    ``networkx.node_link_graph(json.loads(text), edges="edges")`` gives back
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
                if _XML_INVALID.search(value):
                    value = _XML_INVALID.sub("", value)
                if keep_cr and "\r" in value:
                    value = value.replace("\r", _CR_STAND_IN)
                data[key] = value
    return G


_NS_YED = "http://www.yworks.com/xml/graphml"


def to_graphml(graph) -> bytes:
    """GraphML with a typed ``<key>`` per attribute, and yEd graphics.

    Nodes carry ``label``, ``kind`` and every other attribute as ``<data>``;
    edges carry ``relation``, ``capacity``...; the graph carries the context.
    Edge ids are the relations (networkx's multigraph keys). Each node also
    has a yEd ``ShapeNode`` whose ``NodeLabel`` is the label, so yEd shows
    labels and colours on opening (Tools > Fit Node to Label, then Layout >
    Hierarchical); networkx reads that label back as the same ``label``.

    >>> import coordgraph, networkx as nx
    >>> G = nx.read_graphml(io.BytesIO(to_graphml(coordgraph.load())), force_multigraph=True)
    >>> G.nodes["hct"]["label"], G.edges["iccg", "hct", "escalation"]["relation"]
    ('Humanitarian Country Team (HCT)', 'escalation')
    """
    from xml.etree.ElementTree import Element, SubElement

    from networkx.readwrite.graphml import GraphMLWriter

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
    org = graph.context.org
    for element in graph_element.findall("node"):
        node = graph.nodes[element.get("id")]
        fill, text, border = _yed_style(node, org)
        data = SubElement(element, "data", key=node_key)
        shape = SubElement(data, "y:ShapeNode")
        SubElement(shape, "y:Fill", color=fill, transparent="false")
        SubElement(shape, "y:BorderStyle", color=border, width="1.0",
                   type="dashed" if node.status != "active" else "line")
        # No Geometry and no Shape: networkx would read those back as extra
        # attributes (x, y, shape_type). yEd sizes the node with Fit Node to Label.
        label = SubElement(shape, "y:NodeLabel", textColor=text)
        label.text = G.nodes[node.id]["label"]
    edges = {edge.key: edge for edge in graph.edges}
    for element in graph_element.findall("edge"):
        # networkx writes edges grouped by source; its edge id is the relation.
        edge = edges[(element.get("source"), element.get("id"), element.get("target"))]
        data = SubElement(element, "data", key=edge_key)
        line = SubElement(data, "y:PolyLineEdge")
        style, width = {"escalation": ("line", "3.0"), "advises": ("dotted", "1.0")}.get(
            edge.relation, ("dashed" if edge.capacity in ("alternate", "observer") else "line",
                            "1.0"))
        SubElement(line, "y:LineStyle", color="#333333", type=style, width=width)
        SubElement(line, "y:Arrows", source="none", target="standard")
    out = io.BytesIO()
    writer.dump(out)
    return _xml_declaration(out.getvalue().replace(_CR_STAND_IN.encode("utf-8"), b"&#13;"))


def _xml_declaration(data: bytes) -> bytes:
    """ElementTree's single-quoted declaration in the usual form; a final newline."""
    data = data.replace(b"<?xml version='1.0' encoding='utf-8'?>",
                        b'<?xml version="1.0" encoding="UTF-8"?>', 1)
    return data if data.endswith(b"\n") else data + b"\n"


def _yed_style(node, org):
    if node.kind == "role":
        if node.org_is(org):
            return ORG_COLOUR, "#FFFFFF", "#555555"
        return "#FFFFFF", "#000000", "#555555"
    if node.status == "inactive":
        return "#EEEEEE", "#666666", "#999999"
    return "#E8EEF7", "#000000", "#555555"


def to_gexf(graph) -> bytes:
    """GEXF 1.2 for Gephi: node ``label`` is our label, the rest are columns.

    ``kind``, ``relation``, ``capacity``... appear in Gephi's Data Laboratory
    and in Appearance > Partition. The context's name becomes the graph's
    name and the meta description; ``as_of`` the meta's last-modified date,
    so the same data always gives the same file.

    >>> import coordgraph, networkx as nx
    >>> G = nx.read_gexf(io.BytesIO(to_gexf(coordgraph.load())))
    >>> G.nodes["hct"]["label"], G.nodes["hct"]["kind"]
    ('Humanitarian Country Team (HCT)', 'platform')
    """
    from xml.etree.ElementTree import SubElement

    from networkx.readwrite.gexf import GEXFWriter

    G = _xml_graph(graph)
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(G)
    meta = writer.xml.find("meta")
    if meta is not None:
        context = graph.context
        if context.as_of:
            meta.set("lastmodifieddate", context.as_of)
        else:
            meta.attrib.pop("lastmodifieddate", None)
        for child in list(meta):
            meta.remove(child)
        SubElement(meta, "creator").text = f"coordgraph {__version__}"
        about = ", ".join(x for x in (context.name, context.country) if x)
        if about:
            SubElement(meta, "description").text = _XML_INVALID.sub("", about)
    out = io.BytesIO()
    writer.write(out)
    return _xml_declaration(out.getvalue())


# --- Mermaid ----------------------------------------------------------------

# Characters that are safe as themselves inside a quoted Mermaid label. Every
# other ASCII punctuation character becomes an entity code: `"` ends the
# string, `#...;` is Mermaid's entity syntax, `<` `>` `&` reach HTML labels,
# `%` and `{` `}` could spell a `%%{init}%%` directive, `:` and `;` feed
# Mermaid's style-line rewriting, a backtick starts a Markdown string.
_MERMAID_SAFE = frozenset(" .,'()-/+?!_")
_MERMAID_NAMED = {'"': "#quot;", "&": "#amp;", "<": "#lt;", ">": "#gt;"}
_SPACES = re.compile(r"\s+")


def mermaid_text(text: str, fallback: str = "#160;") -> str:
    """``text`` made safe inside ``"..."`` in a Mermaid diagram.

    Line breaks and other control characters become spaces; Mermaid's
    special characters become entity codes (``#quot;``, ``#35;``...), which
    Mermaid turns back into the characters when it draws.

    >>> mermaid_text('a"b]; click x "javascript:alert(1)"')
    'a#quot;b#93;#59; click x #quot;javascript#58;alert(1)#quot;'
    >>> mermaid_text("<b>R&D</b> #1")
    '#lt;b#gt;R#amp;D#lt;/b#gt; #35;1'
    >>> mermaid_text("Coordinación — تنسيق 🚑")
    'Coordinación — تنسيق 🚑'
    """
    out = []
    for ch in _SPACES.sub(" ", _printable(text)).strip():
        if ch.isalnum() or ch in _MERMAID_SAFE or ord(ch) > 127:
            out.append(ch)
        else:
            out.append(_MERMAID_NAMED.get(ch) or f"#{ord(ch)};")
    return "".join(out) or fallback


def _printable(text: str) -> str:
    """Control characters, line and paragraph separators and lone surrogates
    become spaces (format characters such as ZWJ and RLM are kept)."""
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cs") else ch
                   for ch in text)


# Mermaid 11 passes the front-matter title through DOMPurify and sets the
# result as the text of an SVG element: `&` then shows as `&amp;` and
# `<...>` is dropped. The title is not read for entity codes either, but the
# finished SVG is: Mermaid turns its entity placeholders (`ﬂ°°38¶ß` for
# `#38;`) into `&#38;` there. A title character DOMPurify would change (and
# the placeholders' own `ﬂ` and `¶`) is written as such a placeholder, so the
# browser shows it as written.
_TITLE_AS_ENTITY = frozenset("&<>\u00a0\ufb02\u00b6")


def _mermaid_title_text(text: str) -> str:
    """The context's name as Mermaid's title must hold it to show as written.

    >>> _mermaid_title_text("R&D <Geneva>")
    'R\ufb02°°38¶ßD \ufb02°°60¶ßGeneva\ufb02°°62¶ß'
    """
    return "".join(f"\ufb02\u00b0\u00b0{ord(ch)}\u00b6\u00df" if ch in _TITLE_AS_ENTITY else ch
                   for ch in _SPACES.sub(" ", _printable(text)).strip())


def _yaml_text(text: str) -> str:
    """A YAML double-quoted scalar holding only letters, digits and spaces
    literally; everything else as ``\\uXXXX`` (so no Mermaid syntax at all)."""
    parts = []
    for ch in text:
        if ch.isalnum() or ch == " ":
            parts.append(ch)
        elif ord(ch) > 0xFFFF:
            parts.append(f"\\U{ord(ch):08x}")
        else:
            parts.append(f"\\u{ord(ch):04x}")
    return '"' + "".join(parts) + '"'


_MERMAID_CLASSES = (
    ("platform", "fill:#E8EEF7,stroke:#555555,color:#000000"),
    ("planned", "fill:#FFFFFF,stroke:#555555,stroke-dasharray:5 5,color:#000000"),
    ("inactive", "fill:#EEEEEE,stroke:#999999,stroke-dasharray:5 5,color:#666666"),
    ("unrepresented", "fill:#FDE8E8,stroke:#C00000,stroke-width:3px,color:#000000"),
    ("role", "fill:#FFFFFF,stroke:#555555,color:#000000"),
    ("org_role", f"fill:{ORG_COLOUR},stroke:{ORG_COLOUR},color:#FFFFFF"),
    # A post nobody holds: an outline only, dashed.
    ("vacant", f"fill:#FFFFFF,stroke:{ORG_COLOUR},stroke-dasharray:5 5,color:{ORG_COLOUR}"),
)

#: Words of the Mermaid export that the drawings' word tables do not have.
_MERMAID_WORDS = {
    "en": {"conditional": "conditional", "lead": "Lead", "co_lead": "Co-lead"},
    "fr": {"conditional": "sous condition", "lead": "Chef de file",
           "co_lead": "Co-chef de file"},
    "es": {"conditional": "condicional", "lead": "Líder", "co_lead": "Colíder"},
}

#: Longest lead line that still fits under a platform's label.
MERMAID_LEAD_LINE_MAX = 48


def _lead_line(node, lang: str) -> str:
    """'Lead: UNHCR · Co-lead: IOM' for a platform's second line; '' when it
    has no lead agencies or the line would not fit.

    >>> from coordgraph.model import Node
    >>> _lead_line(Node("shl", "platform", "Shelter", lead="UNHCR", co_lead="IOM"), "fr")
    'Chef de file: UNHCR · Co-chef de file: IOM'
    """
    words = _MERMAID_WORDS.get(lang, _MERMAID_WORDS["en"])
    parts = [f"{words[key]}: {', '.join(orgs)}" for key, orgs in
             (("lead", node.leads), ("co_lead", node.co_leads)) if orgs]
    line = " · ".join(parts)
    return line if len(line) <= MERMAID_LEAD_LINE_MAX else ""


def to_mermaid(graph, org: str | None = None, lang: str | None = None, findings=None) -> str:
    """A Mermaid ``flowchart BT``: escalation flows upward, as in the organigram.

    Node ids are ``n1``, ``n2``... in file order and subgraph ids ``s1``...,
    never taken from the data; labels pass through :func:`mermaid_text`.
    Platforms are boxes grouped in a subgraph per ``structure``, with their
    lead agencies as a small second line where it fits; roles are rounded,
    the org's roles in IOM blue, vacant posts dashed (class ``vacant``).
    Escalation is a thick arrow, membership a plain arrow labelled with its
    capacity unless ``member`` (``coordinator`` included, and
    ``conditional`` when it has a condition), advice and reporting dotted
    arrows labelled "advises" and "reports to". Edge labels are in ``lang``.
    Unrepresented platforms (CG301, which concerns expected platforms only)
    are outlined in red; inactive and planned ones dashed.

    >>> import coordgraph
    >>> lines = to_mermaid(coordgraph.load()).splitlines()
    >>> lines[3], lines[5]
    ('flowchart BT', '  subgraph s1["IASC Humanitarian Coordination Structure"]')
    """
    org = org or graph.context.org
    lang = lang or graph.context.lang
    if findings is None:
        findings = check(graph, org=org)
    # CG301 concerns expected platforms only: one the org stays away from on
    # purpose is not drawn red.
    unrepresented = {f.node for f in findings if f.code == "CG301"
                     and f.node in graph.nodes and graph.is_expected(graph.nodes[f.node])}
    ids = {node_id: f"n{number}" for number, node_id in enumerate(graph.nodes, start=1)}
    vocabulary = drawing_words(lang)
    own_words = _MERMAID_WORDS.get(lang, _MERMAID_WORDS["en"])

    lines = []
    if graph.context.name:
        lines += ["---", f"title: {_yaml_text(_mermaid_title_text(graph.context.name))}", "---"]
    lines.append("flowchart BT")
    lines.append("  %% coordgraph export: escalation flows upward")

    def node_line(node, indent):
        text = mermaid_text(node.label_in(lang), fallback=node.id)
        leads = _lead_line(node, lang) if node.kind == "platform" else ""
        if leads:   # our own markup; the data inside it is escaped
            text += f"<br/><small>{mermaid_text(leads)}</small>"
        shape = '["{}"]' if node.kind == "platform" else '("{}")'
        return f"{indent}{ids[node.id]}{shape.format(text)}"

    structures: dict[str, list] = {}
    loose = []
    for node in graph.nodes.values():
        if node.kind == "platform" and node.structure:
            structures.setdefault(node.structure, []).append(node)
        else:
            loose.append(node)
    for number, (structure, members) in enumerate(structures.items(), start=1):
        lines.append(f'  subgraph s{number}["{mermaid_text(structure)}"]')
        lines += [node_line(node, "    ") for node in members]
        lines.append("  end")
    lines += [node_line(node, "  ") for node in loose]

    for edge in graph.edges:
        source, target = ids[edge.source], ids[edge.target]
        if edge.relation == "escalation":
            lines.append(f"  {source} ==> {target}")
        elif edge.relation in ("advises", "reporting"):
            word = mermaid_text(vocabulary.relation[edge.relation])
            lines.append(f'  {source} -.->|"{word}"| {target}')
        else:
            words = ([] if edge.capacity in ("member", "") else
                     [vocabulary.capacity.get(edge.capacity, edge.capacity)])
            if edge.condition:
                words.append(own_words["conditional"])
            if words:
                lines.append(f'  {source} -->|"{mermaid_text(", ".join(words))}"| {target}')
            else:
                lines.append(f"  {source} --> {target}")

    classes: dict[str, list[str]] = {name: [] for name, _ in _MERMAID_CLASSES}
    for node in graph.nodes.values():
        classes[_mermaid_class(node, org, unrepresented)].append(ids[node.id])
    for name, style in _MERMAID_CLASSES:
        if classes[name]:
            lines.append(f"  classDef {name} {style}")
    for name, _ in _MERMAID_CLASSES:
        if classes[name]:
            lines.append(f"  class {','.join(classes[name])} {name}")
    return "\n".join(lines) + "\n"


def _mermaid_class(node, org, unrepresented) -> str:
    if node.kind == "role":
        if node.is_vacant:
            return "vacant"
        return "org_role" if node.org_is(org) else "role"
    if node.id in unrepresented:
        return "unrepresented"
    if node.status in ("inactive", "planned"):
        return node.status
    return "platform"


def mermaid_markdown(text: str) -> str:
    """Mermaid text fenced for Markdown (GitHub, GitLab, wikis).

    Labels never contain a backtick (it is escaped), so the fence cannot close
    early.
    """
    return f"```mermaid\n{text}```\n"


# --- CSV seat table ---------------------------------------------------------

CSV_COLUMNS = ("Platform ID", "Platform", "Structure", "Level", "Status", "Expected",
               "Lead", "Co-lead", "Location", "Coordinator", "Seat holders", "Person(s)",
               "Alternates", "Observers", "Findings")

# A cell starting with one of these is a formula (or DDE) for Excel,
# LibreOffice or Google Sheets; the full-width forms count in some locales.
_FORMULA_START = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


def neutralise(cell: str) -> str:
    """A spreadsheet cell that cannot run as a formula: prefix ``'`` when the
    text (after leading spaces) starts with ``=``, ``+``, ``-``, ``@``, tab or
    CR.

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-1"), neutralise("HCT")
    ('\\'=HYPERLINK("http://x")', "'-1", 'HCT')
    """
    stripped = cell.lstrip(" ")
    if cell and (cell[0] in _FORMULA_START or (stripped and stripped[0] in _FORMULA_START)):
        return "'" + cell
    return cell


def seat_rows(graph, org: str | None = None, lang: str | None = None,
              findings=None) -> list[dict]:
    """The seat table as dicts keyed by :data:`CSV_COLUMNS`, one per platform.

    Lists inside a cell are one item per line. A role of another
    organisation than ``org`` shows its organisation in brackets; a vacant
    post says "(vacant)". ``Expected`` is whether ``org`` must be present
    (the platform's relevance); ``Person(s)`` names who holds the org's seats
    and coordinator posts there.

    >>> import coordgraph
    >>> row = seat_rows(coordgraph.load())[0]
    >>> row["Platform"], row["Seat holders"].split("\\n")[0]
    ('Humanitarian Country Team (HCT)', 'Chief of Mission (CoM) — member')
    """
    org = org or graph.context.org
    lang = lang or graph.context.lang
    if findings is None:
        findings = check(graph, org=org)
    by_node: dict[str, list] = {}
    for finding in findings:
        for node_id in dict.fromkeys((finding.node, *finding.nodes)):
            by_node.setdefault(node_id, []).append(finding)

    def who(edge, with_capacity):
        role = graph.nodes[edge.source]
        text = role.label_in(lang)
        if not graph.belongs_to(role, org):
            text += f" [{graph.org_of(role)}]"
        if with_capacity:
            text += f" — {edge.capacity}"
        if role.is_vacant:
            text += " (vacant)"
        if edge.condition:
            text += f"; condition: {edge.condition}"
        return text

    def people(memberships):
        """The org's seat holders and coordinators, as people."""
        names = []
        for edge in memberships:
            role = graph.nodes[edge.source]
            if (edge.is_seat or edge.capacity == "coordinator") and graph.belongs_to(role, org):
                names.append(f"vacant: {role.label_in(lang)}" if role.is_vacant
                             else f"{role.person} ({role.label_in(lang)})" if role.person
                             else "")
        return "\n".join(name for name in dict.fromkeys(names) if name)

    rows = []
    for node in graph.nodes.values():
        if node.kind != "platform":
            continue
        memberships = graph.memberships(node.id)
        rows.append({
            "Platform ID": node.id,
            "Platform": node.label_in(lang),
            "Structure": node.structure,
            "Level": node.level,
            "Status": node.status,
            "Expected": "yes" if graph.is_expected(node) else "no",
            "Lead": "; ".join(node.leads),
            "Co-lead": "; ".join(node.co_leads),
            "Location": node.location,
            "Coordinator": "\n".join(who(e, False) for e in memberships
                                      if e.capacity == "coordinator"),
            "Seat holders": "\n".join(who(e, True) for e in memberships if e.is_seat),
            "Person(s)": people(memberships),
            "Alternates": "\n".join(who(e, False) for e in memberships
                                    if e.capacity == "alternate"),
            "Observers": "\n".join(who(e, False) for e in memberships
                                   if e.capacity == "observer"),
            "Findings": "\n".join(f"{f.code} ({f.severity}): {f.message}"
                                  for f in by_node.get(node.id, ())),
        })
    return rows


def to_csv(graph, org: str | None = None, lang: str | None = None, findings=None) -> bytes:
    """The seat table for Excel: UTF-8 with BOM, comma, CRLF between rows.

    Every cell goes through :func:`neutralise`, so no cell runs as a formula.
    Items inside a cell are separated by line breaks (Excel shows them as
    lines in the cell).

    >>> import coordgraph
    >>> data = to_csv(coordgraph.load())
    >>> data[:3] == b"\\xef\\xbb\\xbf", data.split(b"\\r\\n")[0].decode("utf-8-sig")
    (True, 'Platform ID,Platform,Structure,Level,Status,Expected,Lead,Co-lead,Location,Coordinator,Seat holders,Person(s),Alternates,Observers,Findings')
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in seat_rows(graph, org=org, lang=lang, findings=findings):
        writer.writerow([neutralise(_printable_cell(row[c])) for c in CSV_COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8", errors="replace")


def _printable_cell(text: str) -> str:
    # Keep the line breaks between items; other control characters go.
    return "".join(ch for ch in text.replace("\r\n", "\n")
                   if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cs"))
