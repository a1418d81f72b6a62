"""Does the structure fit the kind of context? CG401–CG405.

These rules read ``context_type`` and ``crisis`` in ``context.toml``; a
context that sets neither gets none of them. How the bodies are recognised
(by ``code`` first, then ``id``, then ``label``; any case):

- a *cluster* is a platform whose ``code`` is a cluster or area of
  responsibility of OCHA's global coordination groups
  (``reference/ocha-global-coordination-groups.csv``). The ``structure``
  column is not used: it is free text, and the IASC structure also holds
  the HCT and the inter-cluster group;
- the *Refugee Coordination Forum* has ``code`` ``RCF``, or a label that
  names "Refugee Coordination Forum" or "refugee forum";
- the *HCT* has ``code`` ``HCT``, or id ``hct``, or a label that names the
  "Humanitarian Country Team" or the acronym HCT;
- the *ICCG* has ``code`` ``ICCG``, or id ``iccg``, or a label that says
  "inter-cluster" or the acronym ICCG or ICWG.

Context-wide findings (CG403, CG405; CG402 when there is no forum) have an
empty ``node``.
"""

import os
import re
from functools import lru_cache

from ..clusters import as_date, cluster_codes, leadership, leads_for
from ..context import parse_context
from ..findings import Finding
from ..paths import exists, join, plain
from ..schema import CONTEXT_FILE
from ..templating import _templates_folder
from ._shared import active_platforms

_LINKING = frozenset(("escalation", "reporting", "advises"))
_FORUM_LABEL = re.compile(r"refugee\s+(coordination\s+)?forum", re.IGNORECASE)
_HCT_LABEL = re.compile(r"humanitarian\s+country\s+team|\bHCT\b", re.IGNORECASE)
_ICCG_LABEL = re.compile(r"\binter[-\s]?cluster\b|\bICCG\b|\bICWG\b", re.IGNORECASE)
_CRISIS_WORDS = {"disaster": "disasters", "conflict": "conflicts"}


def _identity(node) -> tuple[bool, bool, bool]:
    """Whether ``node`` is the refugee forum, the HCT, the ICCG: worked out
    once per code, id and label (a portfolio's contexts share most platforms,
    and each test is a regular expression)."""
    key = (node.code, node.id, node.label)
    found = _IDENTITIES.get(key)
    if found is None:
        if len(_IDENTITIES) >= _IDENTITIES_MAX:
            _IDENTITIES.clear()
        found = _IDENTITIES[key] = (_named(node, "RCF", None, _FORUM_LABEL),
                                    _named(node, "HCT", "hct", _HCT_LABEL),
                                    _named(node, "ICCG", "iccg", _ICCG_LABEL))
    return found


_IDENTITIES: dict[tuple[str, str, str], tuple[bool, bool, bool]] = {}
_IDENTITIES_MAX = 100_000


def _named(node, code: str, node_id: str | None, label) -> bool:
    if node.code.strip().casefold() == code.casefold():
        return True
    if node_id is not None and node.id.casefold() == node_id:
        return True
    return bool(label.search(node.label))


def is_refugee_forum(node) -> bool:
    """Whether a platform is the Refugee Coordination Forum.

    >>> from coordgraph.model import Node
    >>> is_refugee_forum(Node("rf", "platform", "Refugee Forum")), is_refugee_forum(
    ...     Node("x", "platform", "Forum", code="rcf"))
    (True, True)
    """
    return _identity(node)[0]


def is_hct(node) -> bool:
    """Whether a platform is the Humanitarian Country Team.

    >>> from coordgraph.model import Node
    >>> is_hct(Node("eh", "platform", "Humanitarian Country Team")), is_hct(
    ...     Node("unct", "platform", "UN Country Team"))
    (True, False)
    """
    return _identity(node)[1]


def is_iccg(node) -> bool:
    """Whether a platform is the inter-cluster coordination group.

    >>> from coordgraph.model import Node
    >>> is_iccg(Node("icwg", "platform", "Inter-Cluster Working Group"))
    True
    """
    return _identity(node)[2]


def clusters_in_refugee_context(graph, codes) -> list[Finding]:
    """CG401 (warning): an active cluster in a ``refugee`` context.

    ``codes`` are the cluster and area-of-responsibility codes
    (:func:`coordgraph.clusters.cluster_codes`).

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "pro", "kind": "platform", "label": "Protection Cluster",
    ...             "code": "PRO"},
    ...            {"id": "pwg", "kind": "platform", "label": "Protection WG"}],
    ...     edges=[], context={"context_type": "refugee"})
    >>> [(f.code, f.node, f.nodes) for f in clusters_in_refugee_context(g, {"PRO"})]
    [('CG401', 'pro', ('pro',))]
    """
    if graph.context.context_type != "refugee":
        return []
    return [
        Finding("CG401", "warning", p.id, (p.id,),
                f"{p.label} is a cluster, but this is a refugee context: the Refugee "
                "Coordination Model works through sector working groups under the "
                "Refugee Coordination Forum, not clusters",
                f"mark '{p.id}' inactive in nodes.csv (or replace it with the sector "
                "working group), or set context_type to mixed in context.toml if "
                "clusters are active here too")
        for p in active_platforms(graph) if p.code.strip().upper() in codes
    ]


def _neighbours(graph, active_ids) -> dict[str, set[str]]:
    """Active nodes joined by an escalation, reporting or advises edge,
    either direction."""
    near: dict[str, set[str]] = {}
    for edge in graph.edges:
        if edge.relation in _LINKING and edge.source in active_ids and edge.target in active_ids:
            near.setdefault(edge.source, set()).add(edge.target)
            near.setdefault(edge.target, set()).add(edge.source)
    return near


def unlinked_refugee_forum(graph) -> list[Finding]:
    """CG402 (warning): in a ``mixed`` context, the Refugee Coordination
    Forum has no link to the ICCG or the HCT: no escalation, reporting or
    advises edge, either direction, directly or through one other node.

    One finding per unlinked forum; when the context has no forum at all, or
    neither an HCT nor an ICCG, one finding says which side is missing (none
    when both are).

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "rcf", "kind": "platform", "label": "Refugee Coordination Forum"},
    ...            {"id": "hct", "kind": "platform", "label": "HCT"}],
    ...     edges=[], context={"context_type": "mixed"})
    >>> [(f.code, f.node, f.nodes) for f in unlinked_refugee_forum(g)]
    [('CG402', 'rcf', ('rcf', 'hct'))]
    """
    if graph.context.context_type != "mixed":
        return []
    platforms = active_platforms(graph)
    forums = [p for p in platforms if is_refugee_forum(p)]
    bodies = [p for p in platforms if is_hct(p) or is_iccg(p)]
    if not forums and not bodies:
        return []
    if not forums:
        return [Finding("CG402", "warning", "", tuple(p.id for p in bodies),
                        "This mixed context has no Refugee Coordination Forum to link the "
                        "refugee response with " + _names(bodies),
                        "add the forum to nodes.csv with code RCF, and link it to the "
                        "ICCG or HCT in edges.csv (escalation, reporting or advises)")]
    if not bodies:
        return [Finding("CG402", "warning", f.id, (f.id,),
                        f"{f.label} has no ICCG or HCT to link to in this mixed context",
                        "add the ICCG or HCT to nodes.csv and link the forum to it in "
                        "edges.csv (escalation, reporting or advises)")
                for f in forums]
    active_ids = {n.id for n in graph.nodes.values() if n.is_active}
    near = _neighbours(graph, active_ids)
    targets = {p.id for p in bodies}
    findings = []
    for forum in forums:
        first = near.get(forum.id, set())
        reach = first.union(*(near.get(n, ()) for n in first))
        if not reach & targets:
            findings.append(Finding(
                "CG402", "warning", forum.id, (forum.id, *(p.id for p in bodies)),
                f"{forum.label} has no link to {_names(bodies)}: in a mixed context the "
                "refugee and the cluster coordination need a way to meet",
                f"link '{forum.id}' to the ICCG or HCT in edges.csv (escalation, "
                "reporting or advises, directly or through one platform)"))
    return findings


def missing_humanitarian_bodies(graph) -> list[Finding]:
    """CG403 (warning): a ``humanitarian`` context with no active HCT or no
    active ICCG. One finding for the context; ``nodes`` are the inactive
    ones, if the data has them.

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "hct", "kind": "platform", "label": "HCT"},
    ...            {"id": "iccg", "kind": "platform", "label": "ICCG", "status": "inactive"}],
    ...     edges=[], context={"context_type": "humanitarian"})
    >>> [(f.code, f.node, f.nodes) for f in missing_humanitarian_bodies(g)]
    [('CG403', '', ('iccg',))]
    >>> print(missing_humanitarian_bodies(g)[0].message)
    This humanitarian context has no active inter-cluster coordination group (ICCG)
    """
    if graph.context.context_type != "humanitarian":
        return []
    platforms = [(n, _identity(n)) for n in graph.nodes.values() if n.kind == "platform"]
    missing, inactive = [], []
    for test, name in ((1, "Humanitarian Country Team (HCT)"),
                       (2, "inter-cluster coordination group (ICCG)")):
        found = [p for p, identity in platforms if identity[test]]
        if not any(p.is_active for p in found):
            missing.append(name)
            inactive += [p.id for p in found]
    if not missing:
        return []
    return [Finding("CG403", "warning", "", tuple(dict.fromkeys(inactive)),
                    f"This humanitarian context has no active {' and no active '.join(missing)}",
                    "add what is missing to nodes.csv (or set its status to active), or "
                    "correct context_type in context.toml")]


def contradicted_crisis(graph, on, arrangements) -> list[Finding]:
    """CG404 (info): a platform is led by the agency that leads its cluster
    globally in the *other* kind of crisis than the context's ``crisis``
    (e.g. a disaster, and UNHCR leads the CCCM cluster), per the dated
    reference on ``on``. Country arrangements may differ: a note, not a fault.

    ``arrangements`` are :func:`coordgraph.clusters.leadership`'s.

    >>> import coordgraph
    >>> from coordgraph.clusters import leadership
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "ccm", "kind": "platform", "label": "CCCM Cluster", "code": "CCM",
    ...             "lead": "UNHCR"}],
    ...     edges=[], context={"crisis": "disaster"})
    >>> [(f.code, f.node) for f in contradicted_crisis(g, "2022-06-01", leadership())]
    [('CG404', 'ccm')]
    >>> contradicted_crisis(g, "2026-01-01", leadership())  # no CCM arrangement since 2025
    []
    """
    crisis = graph.context.crisis
    if crisis not in _CRISIS_WORDS:
        return []
    other = "conflict" if crisis == "disaster" else "disaster"
    day = as_date(on)
    findings = []
    for p in active_platforms(graph):
        recorded = (*p.leads, *p.co_leads)
        if not p.code or not recorded:
            continue
        here = leads_for(p.code, crisis, day, arrangements)
        there = leads_for(p.code, other, day, arrangements)
        here_agencies = {a.casefold() for part in here for a in part}
        only_there = {a.casefold() for part in there for a in part} - here_agencies
        odd = [a for a in recorded if a.casefold() in only_there]
        if not odd:
            continue
        global_leads = " and ".join((*here[0], *here[1])) or "no agency"
        findings.append(Finding(
            "CG404", "info", p.id, (p.id,),
            f"{p.label} is led by {' and '.join(odd)}, the global lead of this cluster in "
            f"{_CRISIS_WORDS[other]}, but this context's crisis is a {crisis}, where the "
            f"global lead is {global_leads} (global arrangement on {day.isoformat()}); "
            "country arrangements may differ",
            f"check crisis in context.toml; if this country's arrangement differs, cite it "
            f"in the reference column of '{p.id}' in nodes.csv"))
    return findings


def outdated_template(graph, newest) -> list[Finding]:
    """CG405 (info): the context was started from a template older than the
    newest template for its ``context_type``.

    ``newest`` maps a context type to ``(template_as_of, template name)`` of
    its newest template (:func:`newest_templates`); a type it lacks, or a
    context without ``template_as_of``, gives nothing.

    >>> import coordgraph
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "hct", "kind": "platform", "label": "HCT"}], edges=[],
    ...     context={"context_type": "humanitarian", "template": "humanitarian",
    ...              "template_as_of": "2022-11-01"})
    >>> [(f.code, f.node) for f in outdated_template(
    ...     g, {"humanitarian": ("2026-11-01", "humanitarian")})]
    [('CG405', '')]
    >>> outdated_template(g, {"humanitarian": ("2022-11-01", "humanitarian")})
    []
    """
    context = graph.context
    if not context.template_as_of or context.context_type not in newest:
        return []
    date, name = newest[context.context_type]
    if date <= context.template_as_of:
        return []
    started = f"template '{context.template}'" if context.template else "a template"
    return [Finding("CG405", "info", "", (),
                    f"This context was started from {started} as of {context.template_as_of}; "
                    f"template '{name}' for {context.context_type} contexts is newer "
                    f"(as of {date})",
                    f"compare with 'coordgraph init --template {name}' in a new folder and "
                    "bring over what changed, then update template_as_of in context.toml")]


def newest_templates(root=None) -> dict[str, tuple[str, str]]:
    """For each context type, the newest template's ``template_as_of`` and
    name, from the templates' ``context.toml`` files (``root``: default the
    shipped templates, read once per process: a portfolio checks hundreds of
    contexts). Templates that set no ``context_type`` or no
    ``template_as_of`` are left out.
    """
    if root is None:
        return dict(_shipped_newest_templates())
    return _newest_in(plain(root))


@lru_cache(maxsize=1)
def _shipped_newest_templates() -> dict[str, tuple[str, str]]:
    return _newest_in(_templates_folder())


def _newest_in(folder: str) -> dict[str, tuple[str, str]]:
    newest: dict[str, tuple[str, str]] = {}
    for name in _subfolders(folder):
        path = join(join(folder, name), CONTEXT_FILE)
        if not exists(path):
            continue
        with open(path, encoding="utf-8") as file:
            context = parse_context(file.read(), path, [], [])
        kind, date = context.context_type, context.template_as_of
        if kind and date and (kind not in newest or date > newest[kind][0]):
            newest[kind] = (date, name)
    return newest


def _subfolders(folder: str) -> list[str]:
    """The names of the folders in ``folder``, sorted (``Path.glob("*/...")``'s
    order); none when it cannot be read."""
    try:
        with os.scandir(folder) as entries:
            return sorted(entry.name for entry in entries if entry.is_dir())
    except OSError:
        return []


def context_findings(graph, newest=None) -> list[Finding]:
    """Every CG4xx finding: none unless ``context_type`` or ``crisis`` is set.

    CG404 reads the reference on the context's ``as_of``, or today.
    ``newest`` is :func:`outdated_template`'s; default read from the
    shipped templates.
    """
    context = graph.context
    if not (context.context_type or context.crisis):
        return []
    findings = []
    if context.context_type:
        findings += clusters_in_refugee_context(graph, cluster_codes())
        findings += unlinked_refugee_forum(graph)
        findings += missing_humanitarian_bodies(graph)
        if context.template_as_of:
            findings += outdated_template(graph, newest_templates() if newest is None
                                          else newest)
    if context.crisis:
        findings += contradicted_crisis(graph, context.as_of or None, leadership())
    return findings


def _names(nodes) -> str:
    return " or ".join(n.label for n in nodes)
