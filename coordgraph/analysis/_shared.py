"""What the analyses share: the org's memberships, the escalation edges,
names for messages. Each is computed once per graph (and org) and memoised
on the graph, which is never mutated after loading."""

from collections import defaultdict

from ..schema import RELATIONS


def _memo(graph, key, compute):
    memo = graph.__dict__.setdefault("_analysis_memo", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def edges_by_relation(graph) -> dict[str, list]:
    """The edges of each relation, in file order (one pass over all edges)."""
    def compute():
        groups = {relation: [] for relation in RELATIONS}
        for edge in graph.edges:
            groups[edge.relation].append(edge)
        return groups

    return _memo(graph, "edges_by_relation", compute)


def org_memberships(graph, org: str) -> dict:
    """Memberships of the org's active roles into active platforms, by platform."""
    def compute():
        wanted = org.casefold()
        roles = {n.id for n in graph.nodes.values()
                 if n.kind == "role" and n.status != "inactive" and n.org.casefold() == wanted}
        inactive = inactive_ids(graph)
        by_platform = defaultdict(list)
        for edge in edges_by_relation(graph)["membership"]:
            if edge.source in roles and edge.target not in inactive:
                by_platform[edge.target].append(edge)
        return dict(by_platform)

    return _memo(graph, ("org_memberships", org.casefold()), compute)


def inactive_ids(graph) -> frozenset:
    """Ids of inactive nodes: the analyses ignore them."""
    return _memo(graph, "inactive", lambda: frozenset(
        n.id for n in graph.nodes.values() if n.status == "inactive"))


def escalation_edges(graph) -> list:
    """Escalation edges between active platforms, in file order."""
    def compute():
        inactive = inactive_ids(graph)
        return [e for e in edges_by_relation(graph)["escalation"]
                if e.source not in inactive and e.target not in inactive]

    return _memo(graph, "escalation_edges", compute)


def names(graph, ids, limit: int = 8) -> str:
    """A readable list of node labels for a message.

    >>> from types import SimpleNamespace as NS
    >>> g = NS(nodes={"a": NS(label="Alpha"), "b": NS(label="Beta")})
    >>> names(g, ["a", "b", "zzz"])
    'Alpha, Beta, zzz'
    """
    ids = list(ids)
    shown = [graph.nodes[i].label if i in graph.nodes else i for i in ids[:limit]]
    if len(ids) > limit:
        shown.append(f"and {len(ids) - limit} more")
    return ", ".join(shown)
