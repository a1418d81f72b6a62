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
    (OCHA code in ``code``; ``lead`` and
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

Every template's French and Spanish cells (``label_fr``/``label_es``,
``structure_fr``/``structure_es``, ``condition_fr``/``condition_es``) come
from ``reference/terminology.csv`` (``TERM_OF``); a text it does not
translate keeps empty cells, and a drawing shows the English.

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
TERMINOLOGY = ROOT / "reference" / "terminology.csv"

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
    return out_nodes, out_edges


# ---------------------------------------------------------------- pre-crisis

def pre_crisis(node_header, nodes, edge_header, edges):
    platforms = {n["id"] for n in nodes if n["structure"] == PRE_CRISIS_STRUCTURE}
    if not platforms:
        raise SystemExit(f"data/nodes.csv: no platform of {PRE_CRISIS_STRUCTURE!r}")
    keep = set(platforms)
    for edge in edges:
        if edge["source"] in platforms or edge["target"] in platforms:
            keep.update((edge["source"], edge["target"]))
    return ([n for n in nodes if n["id"] in keep],
            [e for e in edges if e["source"] in keep and e["target"] in keep])


# ---------------------------------------------------------------- sources

MANUAL_DATE = SEED_DATE
UNCT_PAGE = ("The United Nations Country Team (UNDG, undated) "
             "https://undg.org/leadership/un-country-teams/: 'The UNCT is led by the UN "
             "Resident Coordinator, who is the designated representative of the UN "
             "Secretary-General'")
RESULTS_GROUPS = ("United Nations Sustainable Development Cooperation Framework, Internal "
                  "Guidance (UN, 3 June 2019), section 5.2 'Coordinating Cooperation Framework "
                  "implementation through results groups', copy seen at https://vdocuments.site/"
                  "united-nations-sustainable-development-development-of-the-united-nations.html"
                  "; UN Kuwait, Cooperation Framework (undated) "
                  "https://www.unkuwait.org/un-cooperation-framework: Results Group 'of "
                  "inter-agency programme and technical staff to ensure effective, coordinated "
                  "implementation, monitoring, and reporting'")
NETWORK = ("The Coordinator, UN Network on Migration (undated) "
           "https://migrationnetwork.un.org/coordinator: 'The Network Coordinator is IOM'")
RCM = ("Refugee Coordination Model (RCM), UNHCR Emergency Handbook (undated) "
       "https://emergency.unhcr.org/coordination-and-communication/refugee-coordination-model/"
       "refugee-coordination-model-rcm")
REFUGEE_ONLY = ("4.2.2 The Humanitarian Architecture: Coordination in the Context of Refugees, "
                "gFSC Coordination Handbook (undated) https://handbook.fscluster.org/cc/docs/"
                "422-the-humanitarian-architecture-coordination-in-the-context-of-refugees")
RCM_SLIDES = ("Refugee Coordination Model: Leading, Coordinating & Delivering for Refugees "
              "(UNHCR slides, undated), copy seen at https://dokumen.tips/government-nonprofit/"
              "leading-coordinating-delivering-for-refugees-persons-of-concern.html: 'UNHCR "
              "remains active member of the Humanitarian Country team'")
JOINT_NOTE = ("Joint UNHCR-OCHA Note on Mixed Situations: Coordination in Practice (UNHCR and "
              "OCHA, 2014), summary seen at https://resourcecentre.savethechildren.net/document/"
              "joint-unhcr-ocha-note-mixed-situations-coordination-practice")
IOM_SEATS = ("IOM's seat here is the template's assumption, not a source's: no source seen "
             "lists IOM's seats in refugee coordination; remove it where IOM has none")
SLS_CLUSTER = "Global Shelter, Land and Site Coordination Cluster"
LEADERSHIP_FILE = ROOT / "reference" / "cluster-leadership.csv"


def blank(header: list[str], **cells) -> dict:
    """A row of ``header`` with ``cells`` set and every other cell empty."""
    unknown = set(cells) - set(header)
    if unknown:
        raise SystemExit(f"no column {', '.join(sorted(unknown))} in data/")
    return {column: cells.get(column, "") for column in header}


# ---------------------------------------------------------------- pre-crisis additions

def pre_crisis_additions(node_header, edge_header):
    """The Resident Coordinator, the Cooperation Framework results groups and
    the country UN Network on Migration, beside the manual's four teams."""
    structure = PRE_CRISIS_STRUCTURE
    nodes = [
        blank(node_header, id="resident_coordinator", kind="role", org="UN",
              label="Resident Coordinator (RC)", label_fr="Coordonnateur résident",
              label_es="Coordinador/a Residente", status="active",
              description="Leads the UN Country Team as the designated representative of the "
                          "UN Secretary-General. Usually also appointed Designated Official "
                          "for security: not verified in a source seen, so the template keeps "
                          "the Designated Official a role of its own.",
              reference=f"{UNCT_PAGE}; label_fr, label_es: reference/terminology.csv"),
        blank(node_header, id="results_groups", kind="platform", structure=structure,
              label="Cooperation Framework Results Groups", level="national", status="active",
              description="Inter-agency groups that coordinate the implementation, monitoring "
                          "and reporting of the Cooperation Framework's results, beside the "
                          "Programme Management Team.",
              reference=RESULTS_GROUPS),
        blank(node_header, id="un_network_migration", kind="platform", structure=structure,
              label="UN Network on Migration", label_fr="Réseau des Nations Unies sur les "
              "migrations", label_es="Red de las Naciones Unidas sobre la Migración",
              level="national", status="active",
              description="The country UN Network on Migration, which IOM coordinates. "
                          "The source names IOM the Network's coordinator globally; that "
                          "country networks follow it was not verified in a source seen.",
              reference=f"{NETWORK}; label_fr, label_es: reference/terminology.csv"),
    ]
    edges = [
        blank(edge_header, source="resident_coordinator", target="unct", relation="membership",
              capacity="chair", note="The Resident Coordinator leads the UN Country Team.",
              reference=UNCT_PAGE),
        blank(edge_header, source="results_groups", target="unct", relation="reporting",
              note="Results groups report on the Cooperation Framework's results to the UNCT.",
              reference=RESULTS_GROUPS),
        blank(edge_header, source="programme_coordinator", target="results_groups",
              relation="membership", capacity="member", seat="results-programme",
              note="Programme Coordinator or Senior Programme Manager, as at the PMT: the "
                   "template's assumption (results groups gather programme staff).",
              reference=RESULTS_GROUPS),
        blank(edge_header, source="senior_programme_manager", target="results_groups",
              relation="membership", capacity="member", seat="results-programme",
              note="Programme Coordinator or Senior Programme Manager, as at the PMT: the "
                   "template's assumption (results groups gather programme staff).",
              reference=RESULTS_GROUPS),
        blank(edge_header, source="chief_of_mission", target="un_network_migration",
              relation="membership", capacity="coordinator",
              note="IOM coordinates the UN Network on Migration.", reference=NETWORK),
        blank(edge_header, source="un_network_migration", target="unct", relation="advises",
              note="The Network supports the UN system's work on migration; where it sits in "
                   "a country's UNCT structure was not verified in a source seen.",
              reference=NETWORK),
    ]
    return nodes, edges


# ---------------------------------------------------------------- humanitarian 2025

def sls_arrangement(path: Path = LEADERSHIP_FILE) -> dict:
    """The reference row of the Global Shelter, Land and Site Coordination Cluster."""
    _, rows = read_csv(path)
    found = [r for r in rows if r["name"] == SLS_CLUSTER]
    if len(found) != 1:
        raise SystemExit(f"{path.name}: expected one row named {SLS_CLUSTER!r}")
    return found[0]


def humanitarian_2025(nodes, edges, arrangement):
    """The 2022 rows with the CCCM and Shelter clusters merged into one
    Shelter, Land and Site platform.

    No source gives the merged cluster's OCHA code: the platform keeps the
    Shelter cluster's id and code (``cluster_shl``, ``SHL``), the code the
    global cluster kept its name from; so ``sectors = ["SHL"]`` and CG401
    still recognise it, and ``diff`` shows one changed platform and the CCCM
    one removed. Leadership is the reference's, in both kinds of crisis."""
    gone = {"cluster_ccm", "po_ccm", "oo_ccm"}
    leads = [org.strip() for org in arrangement["lead"].split(";")]
    why = (f"{arrangement['source']}: {arrangement['note']} Code and id: no source gives the "
           "merged cluster's OCHA code; the template keeps the Shelter cluster's (SHL, "
           "cluster_shl), the CCCM cluster (CCM) merged into it")
    label = "Shelter, Land and Site Cluster"
    out_nodes = []
    for node in nodes:
        if node["id"] in gone:
            continue
        if node["id"] == "cluster_shl":
            node = {**node, "label": label, "label_fr": "", "label_es": "",
                    "lead": arrangement["lead"], "co_lead": arrangement["co_lead"],
                    "description": "Platform where operations of the Shelter, Land and Site "
                                   "cluster are discussed: shelter, site coordination (formerly "
                                   "the CCCM cluster) and housing, land and property, led "
                                   f"jointly by {' and '.join(leads)} in conflicts and "
                                   "disasters alike.",
                    "reference": why}
        elif node["id"] in ("po_shl", "oo_shl"):
            title = node["label"].split(" (")[0]
            node = {**node, "label": f"{title} (Shelter, Land and Site)",
                    "description": f"{title} implementing activities related to the Shelter, "
                                   "Land and Site cluster; inactive until someone is assigned "
                                   "in this country.",
                    "reference": f"{node['reference']}; {why}"}
        out_nodes.append(node)
    out_edges = [e for e in edges if not {e["source"], e["target"]} & gone]
    return out_nodes, out_edges


# ---------------------------------------------------------------- refugee and mixed

RCM_STRUCTURE = "Refugee Coordination Model"


def refugee_rows(node_header, edge_header):
    """UNHCR's Refugee Coordination Model: the forum, the protection working
    group, the sector working groups and the UNHCR Representative."""
    structure = RCM_STRUCTURE
    nodes = [
        blank(node_header, id="rcf", kind="platform", code="RCF", structure=structure,
              label="Refugee Coordination Forum", level="national", status="active",
              description="National forum that supports the overall refugee response, if "
                          "possible co-chaired by the Government; UNHCR is accountable for "
                          "coordinating the refugee response. No Humanitarian Coordinator "
                          "is appointed and no clusters are established.",
              reference=f"{RCM}: 'Coordination forum. Where appropriate, it establishes a "
                        f"national coordination forum'; {REFUGEE_ONLY}"),
        blank(node_header, id="rpwg", kind="platform", code="RPWG", structure=structure,
              label="Refugee Protection Working Group", level="national", status="active",
              description="Working group on refugee protection, led by UNHCR.",
              reference=f"{RCM}: 'It leads the refugee protection working group'"),
        blank(node_header, id="sector_working_groups", kind="platform", structure=structure,
              label="Sector Working Groups", level="national", status="active",
              description="The sectoral coordination mechanisms UNHCR establishes where "
                          "necessary, with government counterparts where possible (one "
                          "platform for all: which sectors exist varies by country; add one "
                          "row per sector).",
              reference=f"{RCM}: 'it establishes sectoral coordination mechanisms'"),
        blank(node_header, id="unhcr_representative", kind="role", org="UNHCR",
              label="UNHCR Representative", status="active",
              description="Leads the refugee response and is accountable for its quality; "
                          "maintains a direct line to the Government on refugee issues.",
              reference=f"{RCM}: 'Being accountable for the quality of the refugee response, "
                        "the UNHCR Representative maintains a direct line to the Government'"),
    ]
    edges = [
        blank(edge_header, source="unhcr_representative", target="rcf", relation="membership",
              capacity="lead", note="UNHCR leads the refugee response and its forum.",
              reference=RCM),
        blank(edge_header, source="unhcr_representative", target="rpwg", relation="membership",
              capacity="lead", note="UNHCR leads the refugee protection working group.",
              reference=RCM),
        blank(edge_header, source="rpwg", target="rcf", relation="escalation",
              note="The template's assumption: working groups take what they cannot resolve "
                   "to the forum (no source seen states it).", reference=RCM),
        blank(edge_header, source="sector_working_groups", target="rcf", relation="escalation",
              note="The template's assumption: working groups take what they cannot resolve "
                   "to the forum (no source seen states it).", reference=RCM),
        blank(edge_header, source="chief_of_mission", target="rcf", relation="membership",
              capacity="member", note="IOM's head of office in the forum.",
              reference=IOM_SEATS),
        blank(edge_header, source="programme_coordinator", target="sector_working_groups",
              relation="membership", capacity="member",
              note="IOM in the sector working groups where it runs programmes.",
              reference=IOM_SEATS),
    ]
    return nodes, edges


def refugee(node_header, nodes, edge_header):
    """The refugee template: the RCM rows and the IOM roles they seat."""
    rcm_nodes, rcm_edges = refugee_rows(node_header, edge_header)
    by_id = {n["id"]: n for n in nodes}
    iom = [by_id["chief_of_mission"], by_id["programme_coordinator"]]
    return rcm_nodes + iom, rcm_edges


def mixed(node_header, nodes, edge_header, edges):
    """The mixed template: humanitarian 2025 beside the RCM, with the interface."""
    rcm_nodes, rcm_edges = refugee_rows(node_header, edge_header)
    have = {n["id"] for n in nodes}
    out_nodes = nodes + [n for n in rcm_nodes if n["id"] not in have]
    accountability = ("Joint Note: the Humanitarian Coordinator leads the IASC response (the "
                      "clusters, for IDPs and other affected people); the UNHCR Representative "
                      "leads and is accountable for the refugee response.")
    out_nodes = [{**n, "description": f"{n['description']} {accountability}",
                  "reference": f"{n['reference']}; {JOINT_NOTE}"}
                 if n["id"] in ("rcf", "hct") else n for n in out_nodes]
    interface = [
        blank(edge_header, source="rcf", target="hct", relation="advises",
              note="The interface between the refugee and the cluster coordination: the forum "
                   "keeps the HCT informed of the refugee response. The Joint Note's table "
                   "sets out the interaction; its detail was not verified, so one advises "
                   "link stands for it.",
              reference=f"{JOINT_NOTE}; {REFUGEE_ONLY}"),
        blank(edge_header, source="unhcr_representative", target="hct", relation="membership",
              capacity="member", note="UNHCR remains a member of the Humanitarian Country Team.",
              reference=RCM_SLIDES),
    ]
    return out_nodes, edges + rcm_edges + interface


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
CRISIS_AND_SECTORS_2025 = [line.replace('"CCM", ', "") for line in CRISIS_AND_SECTORS]


def toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def context_toml(comment: str, name: str, context_type: str, template: str, as_of: str,
                 source: str, extra=()) -> str:
    lines = [f"# {line}".rstrip() for line in comment.strip().splitlines()]
    lines += ["# Generated by scripts/make_templates.py: edit data/ or the script, "
              "not this file.",
              f'name = "{name}"', 'org = "IOM"', f"as_of = {as_of}", 'lang = "en"',
              f'context_type = "{context_type}"', f'template = "{template}"',
              f"template_as_of = {as_of}", f"source = {toml_string(source)}", *extra]
    return "\n".join(lines) + "\n"


MANUAL = ('IOM Emergency Manual, "Coordination in Different Contexts" (Nov 2022)')

HUMANITARIAN_COMMENT = f"""
Template "humanitarian-2022": the generic framework of the IOM Emergency Manual entry
"Coordination in Different Contexts" (Nov 2022), its single Cluster Meetings
platform replaced by the IASC clusters and Protection areas of responsibility of
{OCHA}.
The sector programme manager/officer and operations officer posts are inactive:
activate those of the sectors where IOM works, list those sectors below, mark
clusters not activated here inactive and fill in lead and co_lead.
"""

HUMANITARIAN_2025_COMMENT = """
Template "humanitarian-2025" (also "humanitarian"): humanitarian-2022 after the 2025
merger of the CCCM and Shelter clusters into the Shelter, Land and Site cluster,
co-led globally by IOM and IFRC in conflicts and disasters alike
(reference/cluster-leadership.csv). It keeps the Shelter cluster's code SHL: no
source gives the merged cluster's code.
"""

PRE_CRISIS_COMMENT = """
Template "pre-crisis": the UN Country Team side of the IOM Emergency Manual entry
"Coordination in Different Contexts" (Nov 2022): UNCT, SMT, PMT, OMT, the IOM
roles that sit in them and the Designated Official the SMT advises; with the
Resident Coordinator who leads the UNCT, the Cooperation Framework results
groups and the UN Network on Migration that IOM coordinates.
"""

REFUGEE_COMMENT = """
Template "refugee": UNHCR's Refugee Coordination Model. The UNHCR Representative
leads the Refugee Coordination Forum and the Refugee Protection Working Group;
sector working groups instead of clusters; no Humanitarian Coordinator.
"""

MIXED_COMMENT = """
Template "mixed": the Joint UNHCR-OCHA Note on Mixed Situations (2014): the HCT,
the inter-cluster group and the clusters of humanitarian-2025 beside the
Refugee Coordination Forum of the refugee template, the forum advising the HCT.
"""


# ---------------------------------------------------------------- field terms

# The row of reference/terminology.csv (its term_en) for each English text a
# template shows whose wording differs from that row's; clusters and areas of
# responsibility are found by their OCHA code, the "(CODE)" that ends term_en.
# A text with no row, or a row with an empty translation, stays English.
TERM_OF = {
    "Inter-Cluster Working/Coordination Group Meetings (ICWG/ICCG)":
        "Inter-Cluster Coordination Group (ICCG)",
    "IOM Cluster Coordinator": "Cluster Coordinator",
    "Chief of Mission (CoM)": "Chief of Mission (IOM)",
    "Programme Management Teams (PMT)": "Programme Management Team (PMT)",
    "Operations Management Teams (OMT)": "Operations Management Team (OMT)",
    "Sector Working Groups": "Sector Working Group (RCM)",
    RCM_STRUCTURE: "Refugee Coordination Model (RCM)",
    # the 2025 merger keeps the Shelter cluster's code, not its name
    "Shelter, Land and Site Cluster": SLS_CLUSTER,
}


def read_terms(path: Path = TERMINOLOGY) -> dict[str, dict]:
    """Rows of the terminology by their English term."""
    _, rows = read_csv(path)
    return {row["term_en"]: row for row in rows}


def term_for(text: str, code: str, terms: dict[str, dict]) -> dict | None:
    """The terminology row of a text shown (a label, a structure, a condition):
    the one :data:`TERM_OF` names, else the one of its OCHA code, else the one
    whose term_en is the text."""
    if text in TERM_OF:
        return terms.get(TERM_OF[text])
    if code:
        by_code = [row for en, row in terms.items() if en.endswith(f"({code})")]
        if len(by_code) == 1:
            return by_code[0]
    return terms.get(TERM_OF.get(text, text))


def in_field_terms(nodes: list[dict], edges: list[dict], terms: dict[str, dict]):
    """Rows with their French and Spanish cells (label, structure, condition)
    taken from the terminology; a text it does not translate gets empty cells,
    so a drawing shows its English."""
    def translated(row, column, code=""):
        found = term_for(row[column], code, terms) if row[column] else None
        return {f"{column}_{lang}": (found or {}).get(f"term_{lang}", "")
                for lang in ("fr", "es")}

    out_nodes = [{**node, **translated(node, "label", node["code"] if node["kind"] == "platform"
                                       else ""),
                  **translated(node, "structure")} for node in nodes]
    out_edges = [{**edge, **translated(edge, "condition")} for edge in edges]
    return out_nodes, out_edges


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
    n_nodes, n_edges = humanitarian_2025(h_nodes, h_edges, sls_arrangement())
    p_nodes, p_edges = pre_crisis(node_header, nodes, edge_header, edges)
    extra_nodes, extra_edges = pre_crisis_additions(node_header, edge_header)
    r_nodes, r_edges = refugee(node_header, nodes, edge_header)
    m_nodes, m_edges = mixed(node_header, n_nodes, edge_header, n_edges)
    sls_date = sls_arrangement()["effective_from"]
    sls_date = sls_date if len(sls_date) == 10 else f"{sls_date}-01-01"[:10]
    templates = {
        "humanitarian-2022": (h_nodes, h_edges, HUMANITARIAN_COMMENT, "humanitarian",
                              MANUAL_DATE, f"{MANUAL}; {OCHA}", CRISIS_AND_SECTORS),
        "humanitarian-2025": (n_nodes, n_edges, HUMANITARIAN_2025_COMMENT, "humanitarian",
                              sls_date, f"{MANUAL}; {OCHA}; {sls_arrangement()['source']}",
                              CRISIS_AND_SECTORS_2025),
        "mixed": (m_nodes, m_edges, MIXED_COMMENT, "mixed", sls_date,
                  f"{JOINT_NOTE}; {RCM}; the humanitarian-2025 template", ()),
        "pre-crisis": (p_nodes + extra_nodes, p_edges + extra_edges, PRE_CRISIS_COMMENT,
                       "pre-crisis", MANUAL_DATE, f"{MANUAL}; {UNCT_PAGE}", ()),
        "refugee": (r_nodes, r_edges, REFUGEE_COMMENT, "refugee", MANUAL_DATE,
                    f"{RCM}; {REFUGEE_ONLY}", ()),
    }
    terms = read_terms()
    out = {}
    for name, (t_nodes, t_edges, comment, kind, as_of, source, extra) in templates.items():
        t_nodes, t_edges = in_field_terms(t_nodes, t_edges, terms)
        title = name[0].upper() + name[1:].replace("-2", " 2")
        out[name] = {"nodes.csv": write_csv(node_header, t_nodes),
                     "edges.csv": write_csv(edge_header, t_edges),
                     "context.toml": context_toml(comment, f"{title} template", kind, name,
                                                  as_of, source, extra)}
    return out


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
