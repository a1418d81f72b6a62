"""Generate the templates in ``templates/`` from ``data/`` and OCHA's vocabulary.

``data/`` stays the one source of truth for every row the templates share with
the generic framework: rows are copied cell for cell, and only the rows named
below are replaced or left out. Run after changing ``data/`` or this script::

    .venv/bin/python scripts/make_templates.py          # rewrite templates/
    .venv/bin/python scripts/make_templates.py --check  # exit 1 if out of date

``tests/test_templating.py`` fails when the committed files differ from what
this script generates.

humanitarian
    The generic framework with its single ``cluster_meetings`` platform
    replaced by one platform per IASC cluster and Protection area of
    responsibility of ``reference/ocha-global-coordination-groups.csv``
    (OCHA code in ``code``, French name in ``label_fr``; ``lead`` and
    ``co_lead`` left empty: leadership is the country's to record). Each
    cluster escalates where ``cluster_meetings`` did (the inter-cluster
    group); each area of responsibility, a sub-cluster, escalates to its
    parent cluster (``PRO-GBV`` to ``PRO``). Each generic role that sat in
    ``cluster_meetings`` (the sector's programme manager/officer and its
    operations officer, one seat either may fill) becomes one role per sector
    sharing one ``seat`` per cluster, marked ``inactive``: the post exists,
    nobody is assigned to it yet, so ``check`` lists every cluster under CG301
    until the country office activates the posts of the sectors where IOM
    works, or lists those sectors in ``context.toml``. The manual's condition
    on that seat ("implementing activities related to the cluster") is what
    ``sectors`` and the posts' status say in a country, so the sector seats
    carry no ``condition``.
pre-crisis
    The platforms of the "Pre-Crisis Coordination Structures", the nodes they
    are related to, and the relations among those.

Both give the Chief of Mission a ``max_seats`` (``ROLE_SETTINGS``): the post
holds the heads-of-agency seats by design.
"""

import argparse
import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TEMPLATES = ROOT / "templates"
REFERENCE = ROOT / "reference" / "ocha-global-coordination-groups.csv"

OCHA = ("OCHA global coordination groups (UN-OCHA/taas-data, sheets/, commit 7be028a, "
        "Sept 2022)")
SEED_DATE = "2022-11-01"

# The generic platform the humanitarian template replaces, and what its
# sector roles become: role id -> (id prefix, capacity it must have there).
CLUSTER_MEETINGS = "cluster_meetings"
SECTOR_ROLES = {"programme_officer": "po", "operations_officer": "oo"}
SECTOR_PHRASE = "(of the cluster's sector)"

# Cells the templates set on generic roles, with why (appended to reference).
# The manual's table gives the Chief of Mission three heads-of-agency seats
# (HCT, UNCT, SMT); countries add more (the UN Network on Migration, which
# IOM coordinates, ...), and CG304's default limit of 3 would call that
# overload.
ROLE_SETTINGS = {
    "chief_of_mission": ({"max_seats": "5"},
                         "max_seats 5 set by the template, not by the manual: the Chief of "
                         "Mission holds the heads-of-agency seats by design (HCT, UNCT and SMT "
                         "in the manual's table; in most countries others too, such as the UN "
                         "Network on Migration that IOM coordinates)"),
}

PRE_CRISIS_STRUCTURE = "Pre-Crisis Coordination Structures"


# ---------------------------------------------------------------- reading

def read_csv(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames), list(reader)


def write_csv(header: list[str], rows: list[dict]) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


class Group:
    """One OCHA coordination group: a cluster or an area of responsibility."""

    def __init__(self, row: dict):
        self.hrinfo = row["HRinfo ID"]
        self.term = row["Preferred Term"]
        self.term_fr = row["Preferred Term (fr)"]
        self.code = row["ACRONYM"]
        self.type = row["Group Type"]
        if self.type == "Cluster":
            self.parent_code = ""
            self.slug = self.code.lower()
            self.id = f"cluster_{self.slug}"
            self.label = f"{self.term} Cluster"
            self.what = f"the {self.term} cluster"
        elif self.type.startswith("Area of Responsibility"):
            self.parent_code, _, suffix = self.code.partition("-")
            if not suffix:
                raise SystemExit(f"{REFERENCE.name}: AoR code {self.code} names no parent cluster")
            self.slug = suffix.lower()
            self.id = f"aor_{self.slug}"
            self.label = f"{self.term} AoR"
            self.what = f"the {self.term} area of responsibility"
        else:
            raise SystemExit(f"{REFERENCE.name}: unknown group type {self.type!r}")

    @property
    def reference(self) -> str:
        return f"{OCHA}: HRinfo ID {self.hrinfo}, {self.code}, {self.type}"


def read_groups(path: Path) -> list[Group]:
    """Clusters sorted by name, each followed by its areas of responsibility."""
    _, rows = read_csv(path)
    groups = [Group(row) for row in rows]
    clusters = {g.code: g for g in groups if not g.parent_code}
    for group in groups:
        if group.parent_code and group.parent_code not in clusters:
            raise SystemExit(f"{path.name}: {group.code} belongs to no cluster of the file")
    ordered = []
    for cluster in sorted(clusters.values(), key=lambda g: g.term):
        ordered.append(cluster)
        ordered += sorted((g for g in groups if g.parent_code == cluster.code),
                          key=lambda g: g.term)
    return ordered


# ---------------------------------------------------------------- humanitarian

def humanitarian(node_header, nodes, edge_header, edges, groups):
    by_id = {n["id"]: n for n in nodes}
    meetings = by_id[CLUSTER_MEETINGS]
    sector_roles = {e["source"] for e in edges
                    if e["target"] == CLUSTER_MEETINGS and e["relation"] == "membership"}
    if sector_roles != set(SECTOR_ROLES):
        raise SystemExit(f"data/edges.csv: the roles in {CLUSTER_MEETINGS} are now "
                         f"{sorted(sector_roles)}; update SECTOR_ROLES in {Path(__file__).name}")
    clusters = {g.code: g for g in groups if not g.parent_code}

    def platform(group):
        if group.parent_code:
            parent = clusters[group.parent_code]
            description = (f"Platform where operations of {group.what}, a sub-cluster of "
                           f"{parent.what}, are discussed.")
        else:
            description = f"Platform where operations of {group.what} are discussed."
        return {**meetings, "id": group.id, "label": group.label, "label_fr": group.term_fr,
                "code": group.code, "description": description,
                "reference": f"{meetings['reference']}; {group.reference}"}

    def role(generic, group):
        if not generic["label"].endswith(SECTOR_PHRASE):
            raise SystemExit(f"data/nodes.csv: {generic['id']}'s label no longer ends "
                             f"with {SECTOR_PHRASE!r}")
        title = generic["label"][: -len(SECTOR_PHRASE)].strip()
        return {**generic, "id": f"{SECTOR_ROLES[generic['id']]}_{group.slug}",
                "label": f"{title} ({group.term})", "status": "inactive",
                "description": f"{title} implementing activities related to {group.what}; "
                               "inactive until someone is assigned in this country.",
                "reference": f"{generic['reference']}; sector: {group.reference}"}

    out_nodes = []
    for node in nodes:
        if node["id"] == CLUSTER_MEETINGS:
            out_nodes += [platform(g) for g in groups]
        elif node["id"] in SECTOR_ROLES:
            out_nodes += [role(node, g) for g in groups]
        else:
            out_nodes.append(node)

    out_edges = []
    for edge in edges:
        if edge["source"] == CLUSTER_MEETINGS and edge["relation"] == "escalation":
            for group in groups:
                if group.parent_code:
                    parent = clusters[group.parent_code]
                    out_edges.append({
                        **edge, "source": group.id, "target": parent.id,
                        "note": f"An area of responsibility is a sub-cluster of {parent.what}: "
                                "its unresolved issues go to that cluster.",
                        "reference": f"{group.reference} (sub-cluster of {parent.code})"})
                else:
                    out_edges.append({**edge, "source": group.id,
                                      "reference": f"{edge['reference']}; {group.reference}"})
        elif edge["target"] == CLUSTER_MEETINGS:
            if not edge["seat"]:
                raise SystemExit(f"data/edges.csv: {edge['source']} -> {CLUSTER_MEETINGS} "
                                 "has no seat; the sector posts share one seat per cluster")
            out_edges += [{**edge, "source": f"{SECTOR_ROLES[edge['source']]}_{g.slug}",
                           "target": g.id, "seat": f"{g.code.lower()}-sector", "condition": "",
                           "reference": f"{edge['reference']}; {g.reference}; no condition: "
                                        "sectors in context.toml and the post's status say "
                                        "where IOM implements activities"}
                          for g in groups]
        elif CLUSTER_MEETINGS in (edge["source"], edge["target"]):
            raise SystemExit(f"data/edges.csv: no rule for {edge['source']} -> "
                             f"{edge['target']} ({edge['relation']}) in {Path(__file__).name}")
        else:
            out_edges.append(edge)
    return write_csv(node_header, out_nodes), write_csv(edge_header, out_edges)


# ---------------------------------------------------------------- pre-crisis

def pre_crisis(node_header, nodes, edge_header, edges):
    platforms = {n["id"] for n in nodes if n["structure"] == PRE_CRISIS_STRUCTURE}
    if not platforms:
        raise SystemExit(f"data/nodes.csv: no platform of {PRE_CRISIS_STRUCTURE!r}")
    keep = set(platforms)
    for edge in edges:
        if edge["source"] in platforms or edge["target"] in platforms:
            keep.update((edge["source"], edge["target"]))
    return (write_csv(node_header, [n for n in nodes if n["id"] in keep]),
            write_csv(edge_header, [e for e in edges
                                    if e["source"] in keep and e["target"] in keep]))


# ---------------------------------------------------------------- context.toml

# Commented settings of a humanitarian context, for the user to fill in.
CRISIS_AND_SECTORS = [
    "# The crisis decides the default lead agencies (CCCM: IOM in disasters,",
    "# UNHCR in conflict): disaster, conflict or both.",
    '# crisis = "disaster"',
    "# The sector codes where IOM runs programmes: a cluster with another code",
    "# is then not expected to have IOM in it (no CG301 there).",
    '# sectors = ["CCM", "SHL", "HEA"]',
]


def context_toml(comment: str, name: str, context_type: str, extra=()) -> str:
    lines = [f"# {line}".rstrip() for line in comment.strip().splitlines()]
    lines += ["# Generated by scripts/make_templates.py: edit data/ or the script, "
              "not this file.",
              f'name = "{name}"', 'org = "IOM"', f"as_of = {SEED_DATE}", 'lang = "en"',
              f'context_type = "{context_type}"', *extra]
    return "\n".join(lines) + "\n"


HUMANITARIAN_COMMENT = f"""
Template "humanitarian": the generic framework of the IOM Emergency Manual entry
"Coordination in Different Contexts" (Nov 2022), its single Cluster Meetings
platform replaced by the IASC clusters and Protection areas of responsibility of
{OCHA}.
The sector programme manager/officer and operations officer posts are inactive:
activate those of the sectors where IOM works, list those sectors below, mark
clusters not activated here inactive and fill in lead and co_lead.
"""

PRE_CRISIS_COMMENT = """
Template "pre-crisis": the UN Country Team side of the IOM Emergency Manual entry
"Coordination in Different Contexts" (Nov 2022): UNCT, SMT, PMT, OMT, the IOM
roles that sit in them and the Designated Official the SMT advises.
"""


# ---------------------------------------------------------------- main

def with_role_settings(nodes: list[dict]) -> list[dict]:
    """``nodes`` with the cells of ``ROLE_SETTINGS`` set, each reason appended
    to the row's reference."""
    out = []
    for node in nodes:
        if node["id"] in ROLE_SETTINGS:
            cells, why = ROLE_SETTINGS[node["id"]]
            missing = set(cells) - set(node)
            if missing:
                raise SystemExit(f"data/nodes.csv has no column {', '.join(sorted(missing))}")
            node = {**node, **cells, "reference": f"{node['reference']}; {why}"}
        out.append(node)
    if not set(ROLE_SETTINGS) <= {n["id"] for n in nodes}:
        raise SystemExit("data/nodes.csv: ROLE_SETTINGS names roles it does not have")
    return out


def generate(data: Path = DATA, reference: Path = REFERENCE) -> dict[str, dict[str, str]]:
    """Every generated file: {template: {file name: text}}."""
    node_header, nodes = read_csv(data / "nodes.csv")
    nodes = with_role_settings(nodes)
    edge_header, edges = read_csv(data / "edges.csv")
    groups = read_groups(reference)
    h_nodes, h_edges = humanitarian(node_header, nodes, edge_header, edges, groups)
    p_nodes, p_edges = pre_crisis(node_header, nodes, edge_header, edges)
    return {
        "humanitarian": {"nodes.csv": h_nodes, "edges.csv": h_edges,
                         "context.toml": context_toml(HUMANITARIAN_COMMENT,
                                                      "Humanitarian template", "humanitarian",
                                                      CRISIS_AND_SECTORS)},
        "pre-crisis": {"nodes.csv": p_nodes, "edges.csv": p_edges,
                       "context.toml": context_toml(PRE_CRISIS_COMMENT, "Pre-crisis template",
                                                    "pre-crisis")},
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 when templates/ is out of date")
    args = parser.parse_args(argv)
    stale = []
    for template, files in generate().items():
        folder = TEMPLATES / template
        for name, text in files.items():
            path = folder / name
            current = path.read_bytes() if path.is_file() else None
            if current == text.encode("utf-8"):
                continue
            stale.append(path.relative_to(ROOT))
            if not args.check:
                folder.mkdir(parents=True, exist_ok=True)
                path.write_bytes(text.encode("utf-8"))
    verb = "out of date" if args.check else "written"
    for path in stale:
        print(f"{path}: {verb}", file=sys.stderr)
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
