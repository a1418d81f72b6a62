"""Small helpers the analyses share: the org's memberships, names in messages."""

from collections import defaultdict


def same_org(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def org_memberships(graph, org: str) -> dict:
    """Memberships of the org's active roles into active platforms, by platform.

    Computed once per graph and org: every CG3xx rule starts from it.
    """
    memo = graph.__dict__.setdefault("_analysis_memo", {})
    key = ("org_memberships", org.casefold())
    if key not in memo:
        nodes = graph.nodes
        wanted = org.casefold()
        by_platform = defaultdict(list)
        for edge in graph.edges:
            if edge.relation != "membership":
                continue
            role = nodes[edge.source]
            platform = nodes[edge.target]
            if (role.status == "inactive" or platform.status == "inactive"
                    or role.org.casefold() != wanted):
                continue
            by_platform[edge.target].append(edge)
        memo[key] = dict(by_platform)
    return memo[key]


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
