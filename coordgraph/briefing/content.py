"""What a brief says, as plain data: built from a graph, its findings and,
optionally, a diff against an older version. Pure: no files, no Graphviz.

Every writer (:mod:`.docx`, :mod:`.html`, :mod:`.pdf`, :mod:`.markdown`)
lays out the same :class:`Brief`, so the formats say the same thing.

>>> import coordgraph
>>> graph = coordgraph.from_records(
...     nodes=[{"id": "hct", "kind": "platform", "label": "HCT"},
...            {"id": "cccm", "kind": "platform", "label": "CCCM", "lead": "IOM"},
...            {"id": "com", "kind": "role", "label": "Chief of Mission", "person": "Ana"}],
...     edges=[{"source": "com", "target": "hct", "relation": "membership"}])
>>> brief = brief_content(graph, coordgraph.check(graph))
>>> [(row.platform, row.holder, row.person) for row in brief.rows]
[('CCCM', '', ''), ('HCT', 'Chief of Mission', 'Ana')]
>>> brief.findings[0].title
'No IOM representative'
"""

from dataclasses import dataclass, field

from ..errors import UsageError
from ..rendering.i18n import date_text, org_name, words as drawing_words
from .words import brief_words, fill, finding_action, finding_title

#: Page sizes in points (width, height), portrait unless named otherwise.
PAGES = {
    "a4": (595.28, 841.89),
    "a4-landscape": (841.89, 595.28),
    "letter": (612.0, 792.0),
    "letter-landscape": (792.0, 612.0),
    "16:9": (960.0, 540.0),
}
#: The page margin, points (10 mm).
MARGIN = 28.35
#: Findings and changes listed on the page; the rest are counted.
MAX_FINDINGS = 8
MAX_CHANGES = 10


@dataclass(frozen=True)
class Page:
    """A page size and margin, in points."""

    name: str
    width: float
    height: float
    margin: float = MARGIN

    @property
    def text_width(self) -> float:
        return self.width - 2 * self.margin

    @property
    def text_height(self) -> float:
        return self.height - 2 * self.margin

    @property
    def landscape(self) -> bool:
        return self.width > self.height


def page(name: str) -> Page:
    """The page called ``name`` (see :data:`PAGES`).

    >>> page("a4").landscape, round(page("16:9").text_width)
    (False, 903)
    """

    if name not in PAGES:
        raise UsageError(f"unknown page '{name}'; pages: {', '.join(PAGES)}")
    return Page(name, *PAGES[name])


@dataclass(frozen=True)
class Picture:
    """The drawing placed on the page: its files and its size there, in points."""

    svg: bytes
    png: bytes
    width: float
    height: float
    caption: str
    smallest_text: float     # points, at the size placed


@dataclass(frozen=True)
class Row:
    """One platform of the *who sits where* table; empty strings where nothing."""

    platform: str
    lead: str
    co_lead: str
    holder: str
    person: str
    alternate: str
    location: str
    note: str = ""           # "no IOM seat", "not expected", "planned"
    missing: bool = False    # expected, and the org has no one there


@dataclass(frozen=True)
class FindingLine:
    severity: str
    code: str
    title: str
    about: str               # the platforms or people concerned, by label
    detail: str              # the check's own sentence (English)
    action: str


@dataclass(frozen=True)
class Brief:
    title: str
    subtitle: str
    org: str
    lang: str
    page: Page
    words: dict
    rows: list[Row]
    findings: list[FindingLine]
    findings_left: int
    summary: str
    changes: list[str] | None = None      # None: no --since
    changes_left: int = 0
    since: str = ""
    picture: Picture | None = None
    picture_note: str = ""
    headings: dict = field(default_factory=dict)


def brief_content(graph, findings, *, org: str | None = None, lang: str | None = None,
                  page_name: str = "a4", difference=None, picture: Picture | None = None,
                  picture_note: str = "") -> Brief:
    """The brief of ``graph`` as plain data.

    Parameters
    ----------
    graph : CoordGraph
    findings : list of Finding
        :func:`coordgraph.check`'s findings for ``org``.
    org, lang : str, optional
        Default: the context's.
    page_name : str
        A key of :data:`PAGES`.
    difference : DiffResult, optional
        :func:`coordgraph.diffing.diff` of an older version and ``graph``.
    picture : Picture, optional
        The drawing chosen for the page; ``picture_note`` says why there is none.
    """

    context = graph.context
    org = org or context.org
    lang = lang or context.lang or "en"
    words = brief_words(lang)
    shown_org = org_name(org, lang)
    title = context.name or words["picture"]
    subtitle = " · ".join(part for part in (
        context.country, words["as_of"].format(date=date_text(context.as_of, lang))
        if context.as_of else "") if part)
    chosen = sorted(findings, key=lambda f: f.sort_key())
    lines = [_finding_line(graph, f, shown_org, lang) for f in chosen]
    counts = {s: sum(f.severity == s for f in chosen) for s in ("error", "warning")}
    summary = (words["summary"].format(
        errors=_count(words["error_n"], counts["error"]),
        warnings=_count(words["warning_n"], counts["warning"]))
        if chosen else words["no_findings"].format(org=shown_org))
    changes, since = None, ""
    if difference is not None:
        changes = change_lines(difference, graph, lang, org)
        since = version_title(difference.old, lang)
    return Brief(
        title=title, subtitle=subtitle, org=shown_org, lang=lang, page=page(page_name),
        words=words, rows=seat_rows(graph, org, lang), findings=lines[:MAX_FINDINGS],
        findings_left=max(0, len(lines) - MAX_FINDINGS), summary=summary,
        changes=None if changes is None else changes[:MAX_CHANGES],
        changes_left=0 if changes is None else max(0, len(changes) - MAX_CHANGES),
        since=since, picture=picture, picture_note=picture_note,
        headings=_headings(words, shown_org, since))


def version_title(version, lang: str) -> str:
    """How the brief names an older version (a :class:`~coordgraph.diffing.Side`):
    its name and date in ``lang``, else its folder.

    >>> from coordgraph.diffing import Side
    >>> version_title(Side("templates/x", "Generic", "", "2022-11-01"), "fr")
    'Generic, au 1er novembre 2022'
    """
    name = version.name + (f" ({version.country})" if version.name and version.country
                           else "")
    if not version.as_of:
        return name or version.source
    return brief_words(lang)["version"].format(name=name or version.source,
                                                date=date_text(version.as_of, lang))


def _headings(words, org, since) -> dict:
    return {
        "table": words["table"], "findings": words["findings"],
        "changes": words["changes"].format(old=since),
        "columns": [words["platform"], words["lead"], words["co_lead"],
                    words["seat"].format(org=org), words["person"], words["alternate"],
                    words["location"]],
    }


def _count(pair, n) -> str:
    return (pair[0] if n == 1 else pair[1]).format(n=n)


def _finding_line(graph, finding, org, lang) -> FindingLine:
    ids = [i for i in dict.fromkeys((finding.node, *finding.nodes)) if i in graph.nodes]
    names = [graph.label(i, lang) for i in ids]
    subject = graph.nodes.get(finding.node)
    if subject is not None and not subject.is_platform and names:
        # about a person: "Head of Sub-Office (Aino Virtanen): HCT, ICCG"
        who = names[0] + (f" ({subject.person})" if subject.person else "")
        about = who + (": " + ", ".join(names[1:]) if names[1:] else "")
    else:
        about = ", ".join(names)
    return FindingLine(finding.severity, finding.code,
                       fill(finding_title(finding.code, lang), org, lang), about,
                       finding.message, fill(finding_action(finding.code, lang), org, lang))


def seat_rows(graph, org: str, lang: str = "en") -> list[Row]:
    """One row per platform in use (not ``inactive``): expected platforms
    where the org has no one first, then the others in file order.

    The seat holder is the org's post with a seat (its capacity when it is
    not a plain member), the person who holds it, the alternates; the
    location is the platform's, else its holders'.
    """

    words = brief_words(lang)
    capacities = drawing_words(lang).capacity
    shown_org = org_name(org, lang)
    rows = []
    for platform in graph.nodes.values():
        if not platform.is_platform or not platform.is_active:
            continue
        holders, people, alternates, places = [], [], [], []
        present = False
        for edge in graph.memberships(platform.id):
            role = graph.nodes[edge.source]
            if not graph.belongs_to(role, org) or role.status == "inactive":
                continue
            present = present or role.counts_as_presence
            name = role.label_in(lang) + (f" ({words['vacant']})" if role.is_vacant else "")
            if edge.capacity == "alternate":
                alternates.append(name + (f", {role.person}" if role.person else ""))
            elif edge.is_seat or edge.capacity == "coordinator":
                capacity = ("" if edge.capacity in ("", "member")
                            else f" ({capacities.get(edge.capacity, edge.capacity)})")
                holders.append(name + capacity)
                if role.person:
                    people.append(role.person)
                if role.location:
                    places.append(role.location)
        expected = graph.is_expected(platform)
        missing = expected and not present
        note = (words["no_seat"].format(org=shown_org) if missing
                else words["not_expected"] if not expected and not present
                else words["planned"] if platform.status == "planned" else "")
        rows.append(Row(
            platform=platform.label_in(lang),
            lead=", ".join(org_name(o, lang) for o in platform.leads),
            co_lead=", ".join(org_name(o, lang) for o in platform.co_leads),
            holder="; ".join(dict.fromkeys(holders)),
            person="; ".join(dict.fromkeys(people)),
            alternate="; ".join(dict.fromkeys(alternates)),
            location=platform.location or ", ".join(dict.fromkeys(places)),
            note=note, missing=missing))
    return [r for r in rows if r.missing] + [r for r in rows if not r.missing]


def change_lines(difference, graph, lang: str = "en", org: str = "IOM") -> list[str]:
    """What changed, in plain words and by label: platforms activated or
    deactivated; the org's seats gained and lost; lead agencies; the org's
    coordinator and seat holders changing person (where no seat was gained or
    lost there); last, platforms added or removed."""

    words = brief_words(lang)
    old_nodes = {n.id: n for n in difference.nodes_removed}

    def label(node_id):
        node = graph.nodes.get(node_id) or old_nodes.get(node_id)
        return node.label_in(lang) if node else difference.label(node_id)

    lines, platforms = [], []
    for change in difference.nodes_changed:
        node = graph.nodes[change.id]
        status = next((c for c in change.changes if c.attribute == "status"), None)
        if node.is_platform and status and status.old == "inactive" and node.is_active:
            lines.append(words["activated"].format(label=label(node.id)))
    lines += [words["deactivated"].format(label=label(n.id)) for n in difference.deactivated]
    # New and removed platforms come last: against a template they are many.
    platforms += [words["added"].format(label=label(n.id)) for n in difference.nodes_added
                  if n.is_platform]
    platforms += [words["removed"].format(label=label(n.id)) for n in difference.nodes_removed
                  if n.is_platform]
    seat_platforms = set()
    for sign, edges in (("seat_gained", difference.edges_added),
                        ("seat_lost", difference.edges_removed)):
        for edge in edges:
            role = graph.nodes.get(edge.source) or old_nodes.get(edge.source)
            if not edge.is_seat or role is None or not role.org_is(org):
                continue
            seat_platforms.add(edge.target)
            who = role.label_in(lang) + (f" ({role.person})" if role.person else
                                         f" ({words['vacant']})" if role.is_vacant else "")
            lines.append(words[sign].format(role=who, label=label(edge.target)))
    for change in difference.leadership:
        name = label(change.platform)
        if change.what == "leadership":
            agency = org_name(change.org, lang)
            roles = words["roles"]
            if not change.old:
                text = words["lead_new"].format(org=agency, role=roles[change.new], label=name)
            elif not change.new:
                text = words["lead_gone"].format(org=agency, role=roles[change.old],
                                                 label=name)
            else:
                text = words["lead_moved"].format(org=agency, old=roles[change.old],
                                                  new=roles[change.new], label=name)
        elif change.what == "seat holder" and change.platform in seat_platforms:
            continue
        else:
            text = words["people"].format(
                label=name, org=org_name(change.org, lang), what=words["what"][change.what],
                old=change.old or words["none"], new=change.new or words["none"])
        lines.append(text)
    return lines + platforms
