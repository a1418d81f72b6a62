"""Mermaid: a ``flowchart BT`` for GitHub, GitLab and wikis.

Ids are generated (``n1``, ``s1``...), never taken from the data; every label
passes through :func:`mermaid_text`. Colours are the organigram's
(:mod:`coordgraph.rendering.styles`).
"""

import re
import unicodedata

from ..analysis import check
from ..rendering.i18n import words as drawing_words
from ..rendering.styles import (
    ERROR,
    ERROR_FILL,
    GREY,
    INACTIVE_FILL,
    INK,
    IOM_BLUE,
    LIGHT_GREY,
    PAPER,
    STRUCTURE_FILL,
)

#: What GitHub's Mermaid renders at most (its defaults); the CLI warns above.
MERMAID_MAX_TEXT = 50_000
MERMAID_MAX_EDGES = 500


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
    ("platform", f"fill:{STRUCTURE_FILL},stroke:{INK},color:{INK}"),
    ("planned", f"fill:{PAPER},stroke:{INK},stroke-dasharray:5 5,color:{INK}"),
    ("inactive", f"fill:{INACTIVE_FILL},stroke:{LIGHT_GREY},stroke-dasharray:5 5,color:{GREY}"),
    ("unrepresented", f"fill:{ERROR_FILL},stroke:{ERROR},stroke-width:3px,color:{INK}"),
    ("role", f"fill:{PAPER},stroke:{GREY},color:{INK}"),
    ("org_role", f"fill:{IOM_BLUE},stroke:{IOM_BLUE},color:{PAPER}"),
    # A post nobody holds: an outline only, dashed.
    ("vacant", f"fill:{PAPER},stroke:{IOM_BLUE},stroke-dasharray:5 5,color:{IOM_BLUE}"),
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


def to_mermaid(graph, org: str | None = None, lang: str | None = None, findings=None,
               **_) -> str:
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
    for name in classes:
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


