"""The SVG's alt text: the drawing in words for its ``<desc>`` (what a screen reader says).

Platforms by structure, the escalation routes, who leads which platform,
who represents the organisation where (or that no one does, and whether it
must), the vacant posts, and the findings marked.
"""

from ..schema import SEAT_CAPACITIES
from .quoting import clean, shorten

MAX_ITEMS = 200   # platforms, routes or findings listed before "and N more"
#: Each data text (a label, a structure, a condition, the name) is cut at
#: this many characters, with "…": a huge label must not fill the drawing's file.
MAX_TEXT = 300
MAX_LEADS = 5     # lead or co-lead agencies named per platform


def _cut_label(label):
    """``label`` with every text cut at :data:`MAX_TEXT` characters."""
    def cut(node_id):
        return shorten(label(node_id), MAX_TEXT)[0]
    return cut


def describe(graph, selection, marks, *, view_title: str, name: str, org: str,
             org_shown: str, words, label, lang: str = "en") -> str:
    """A few sentences in the drawing's language.

    ``marks`` maps node ids to ``(code, severity, badge)`` tuples;
    ``label(node_id)`` gives a node's label in the drawing's language
    ``lang`` (which also names structures and conditions)
    (already :func:`~.quoting.clean`, as every data text here is). Every
    data text is cut at :data:`MAX_TEXT` characters; the whole description
    is capped where it is written (:data:`~.svg.MAX_DESCRIPTION`).

    >>> import coordgraph
    >>> from coordgraph.rendering.i18n import words
    >>> from coordgraph.rendering.views import select
    >>> g = coordgraph.load()
    >>> text = describe(g, select(g, focus="omt"), {}, view_title="Organigram", name="X",
    ...                 org="IOM", org_shown="IOM", words=words("en"), label=g.label)
    >>> print(text.replace(". ", ".\\n").replace(": ", ":\\n  "))
    Organigram of X.
    2 platform(s) in 1 structure(s); 1 role(s).
    Pre-Crisis Coordination Structures:
      United Nations Country Team (UNCT), Operations Management Teams (OMT).
    IOM sits in United Nations Country Team (UNCT) through Chief of Mission (CoM) as member.
    IOM sits in Operations Management Teams (OMT) through Resource Management Officer as member.
    No findings.
    """
    text = words.text
    label = _cut_label(label)

    name, org_shown = _short(name), _short(org_shown)
    platforms = [n for n in selection.nodes if n.kind == "platform"]
    roles = len(selection.nodes) - len(platforms)
    groups: dict[str, list[str]] = {}
    names: dict[str, str] = {}   # a structure's name in the drawing's language
    for platform in platforms:
        groups.setdefault(platform.structure, []).append(label(platform.id))
        names.setdefault(platform.structure, platform.structure_in(lang))
    sentences = [text["drawing"].format(view=view_title, name=name)]
    if not selection.nodes:
        sentences.append(text["empty"])
        return " ".join(sentences)
    sentences.append(text["counts"].format(platforms=len(platforms),
                                           structures=len([s for s in groups if s]), roles=roles))
    for structure, labels in groups.items():
        sentences.append(text["structure"].format(
            structure=_short(names[structure]) or words.legend["platform"],
            platforms=_listed(labels, words)))
    routes = [f"{label(e.source)} → {label(e.target)}"
              for e in selection.edges if e.relation == "escalation"]
    if routes:
        sentences.append(text["escalation"].format(routes=_listed(routes, words, "; ")))
    led = [text["led"].format(platform=label(p.id), leads=_leads(p, words))
           for p in platforms if p.is_active and (p.leads or p.co_leads)]
    if led:
        sentences.append(text["leadership"].format(platforms=_listed(led, words, "; ")))
    for platform in platforms[:MAX_ITEMS]:
        if platform.status == "inactive":
            continue
        holders = []
        for edge in graph.memberships(platform.id):
            role = graph.nodes[edge.source]
            if not graph.belongs_to(role, org):
                continue
            capacity = edge.capacity or "member"
            name = label(role.id)
            if role.is_vacant:
                name = text["vacant"].format(role=name)
            holder = text["holder"].format(role=name,
                                           capacity=words.capacity.get(capacity, capacity))
            if edge.condition:
                holder = text["condition"].format(holder=holder,
                                                  condition=_short(edge.condition_in(lang)))
            holders.append((capacity not in SEAT_CAPACITIES, holder, role.is_vacant))
        if holders:
            holders.sort(key=lambda item: item[0])   # seats first, stable otherwise
            present = any(not vacant for _, _, vacant in holders)
            sentences.append(text["represented" if present else "only_vacant"].format(
                org=org_shown, platform=label(platform.id),
                holders=", ".join(h for _, h, _ in holders)))
        else:
            absent = "unrepresented" if graph.is_expected(platform) else "unexpected"
            sentences.append(text[absent].format(org=org_shown, platform=label(platform.id)))
    vacant = [label(n.id) for n in selection.nodes if n.kind == "role" and n.is_vacant]
    if vacant:
        sentences.append(text["vacancies"].format(roles=_listed(vacant, words)))
    found = [text["finding"].format(label=label(node_id), badge=badge, code=code)
             for node_id, node_marks in marks.items() for code, _, badge in node_marks]
    if found:
        sentences.append(text["findings"].format(findings=_listed(found, words, "; ")))
    else:
        sentences.append(text["no_findings"])
    return " ".join(sentences)


def _short(value) -> str:
    """A data text for the description: clean, and cut at :data:`MAX_TEXT`.

    >>> _short("x" * 400)[-3:], len(_short("x" * 400))
    ('xx…', 300)
    """
    return shorten(clean(value), MAX_TEXT)[0]


def _leads(platform, words) -> str:
    """``Lead: IFRC, Co-lead: IOM`` in the drawing's words.

    >>> from coordgraph.model import Node
    >>> from coordgraph.rendering.i18n import words
    >>> _leads(Node("shl", "platform", "Shelter", lead="IFRC", co_lead="IOM"), words("fr"))
    'Chef de file : IFRC, Co-chef de file : OIM'
    """
    parts = []
    for key, orgs in (("lead", platform.leads), ("co_lead", platform.co_leads)):
        if orgs:
            names = [_short(words.orgs.get(o.upper(), o)) for o in orgs[:MAX_LEADS]]
            if len(orgs) > MAX_LEADS:
                names.append(words.legend["more"].format(n=len(orgs) - MAX_LEADS))
            parts.append(words.text[key].format(orgs=", ".join(names)))
    return ", ".join(parts)


def _listed(items, words, separator=", ") -> str:
    shown = list(items[:MAX_ITEMS])
    if len(items) > MAX_ITEMS:
        shown.append(words.legend["more"].format(n=len(items) - MAX_ITEMS))
    return separator.join(shown)
