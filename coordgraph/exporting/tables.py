"""Tables for spreadsheets: the seat table (``csv``) and the contact list
(``contacts``).

UTF-8 with BOM (Excel then reads the accents), comma, CRLF between rows;
every cell passes through :func:`neutralise`, so no cell runs as a formula.
"""

import csv
import io
import unicodedata

from ..analysis import check
from ..escaping import neutralise

CSV_COLUMNS = ("Platform ID", "Platform", "Structure", "Level", "Status", "Expected",
               "Lead", "Co-lead", "Location", "Coordinator", "Seat holders", "Person(s)",
               "Alternates", "Observers", "Findings")



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


def to_csv(graph, org: str | None = None, lang: str | None = None, findings=None,
           **_) -> bytes:
    """The seat table for Excel: UTF-8 with BOM, comma, CRLF between rows.

    Every cell goes through :func:`neutralise`, so no cell runs as a formula.
    Items inside a cell are separated by line breaks (Excel shows them as
    lines in the cell).

    >>> import coordgraph
    >>> data = to_csv(coordgraph.load())
    >>> data[:3] == b"\\xef\\xbb\\xbf"
    True
    >>> data.split(b"\\r\\n")[0].decode("utf-8-sig").split(",")  # doctest: +NORMALIZE_WHITESPACE
    ['Platform ID', 'Platform', 'Structure', 'Level', 'Status', 'Expected', 'Lead', 'Co-lead',
     'Location', 'Coordinator', 'Seat holders', 'Person(s)', 'Alternates', 'Observers', 'Findings']
    """
    return _csv_bytes(CSV_COLUMNS, seat_rows(graph, org=org, lang=lang, findings=findings))


def _printable_cell(text: str) -> str:
    # Keep the line breaks between items; other control characters go.
    return "".join(ch for ch in text.replace("\r\n", "\n")
                   if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cs"))


# --- contact list -----------------------------------------------------------

CONTACT_COLUMNS = ("Platform ID", "Platform", "Lead agency", "Co-lead", "Role", "Person",
                   "Capacity", "Location")


def contact_rows(graph, org: str | None = None, lang: str | None = None) -> list[dict]:
    """The contact list as dicts keyed by :data:`CONTACT_COLUMNS`: one row per
    seat, coordinator post, alternate or observer that a role of ``org``
    holds on a platform, in the order of the data.

    ``Person`` is who holds the role ("(vacant)" for a post nobody holds);
    ``Location`` is the role's place, else the platform's.

    >>> import coordgraph
    >>> row = contact_rows(coordgraph.load())[0]
    >>> row["Platform"], row["Role"], row["Capacity"]
    ('Humanitarian Country Team (HCT)', 'Chief of Mission (CoM)', 'member')
    """
    org = org or graph.context.org
    lang = lang or graph.context.lang
    rows = []
    for node in graph.nodes.values():
        if node.kind != "platform":
            continue
        for edge in graph.memberships(node.id):
            role = graph.nodes[edge.source]
            if not graph.belongs_to(role, org):
                continue
            rows.append({
                "Platform ID": node.id,
                "Platform": node.label_in(lang),
                "Lead agency": "; ".join(node.leads),
                "Co-lead": "; ".join(node.co_leads),
                "Role": role.label_in(lang),
                "Person": "(vacant)" if role.is_vacant else role.person,
                "Capacity": edge.capacity or "member",
                "Location": role.location or node.location,
            })
    return rows


def to_contacts(graph, org: str | None = None, lang: str | None = None, findings=None,
                hashtags=None) -> bytes:
    """The contact list for Excel, as :func:`to_csv` writes the seat table.

    ``hashtags``: a row to write under the header (HXL hashtags, one per
    column of :data:`CONTACT_COLUMNS`), or None. ``findings`` is not used
    (the contact list has no findings column).

    >>> import coordgraph
    >>> to_contacts(coordgraph.load()).split(b"\\r\\n")[0].decode("utf-8-sig")
    'Platform ID,Platform,Lead agency,Co-lead,Role,Person,Capacity,Location'
    """
    extra = [hashtags] if hashtags else []
    return _csv_bytes(CONTACT_COLUMNS, contact_rows(graph, org=org, lang=lang), extra)


def _csv_bytes(columns, rows, extra_header_rows=()) -> bytes:
    """UTF-8 with BOM, comma, CRLF; every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(extra_header_rows)
    for row in rows:
        writer.writerow([neutralise(_printable_cell(row[c])) for c in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8", errors="replace")
