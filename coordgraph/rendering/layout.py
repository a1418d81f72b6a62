"""Rows: where each platform sits, so that a drawing reads as an organigram.

Left to itself, ``dot`` puts every platform that escalates to the same
parent on one rank: fifteen clusters and three hubs side by side make a
drawing ten metres wide. The rows are therefore decided here (pure):

- levels are bands, top to bottom: global, regional, national, sub-national;
- inside a band, a platform sits one row under the lowest platform of the
  same band it escalates to or advises (the apex platforms on the top row);
- inside a row, each structure's platforms are in a stable, meaningful
  order (:func:`platform_order`): those the org leads, then those it
  co-leads, then by code, then by label;
- a row holding more than ``width`` platforms of one structure wraps onto
  further rows, as an organisation chart would;
- for a page, a band may also hold at most ``stack`` structures side by
  side (three hubs: one under the other), and :data:`PAGE_WRAPS` lists the
  ``(width, stack)`` that :mod:`.paging` tries, keeping the one whose text
  is largest on the page.

Roles are not placed here: ``dot`` hangs each one under its platforms.
"""

import math

from ..schema import LEVEL_RANK

#: Relations that put their source under their target. Not ``reporting``:
#: a secondary line outside the escalation route, it must not pull the rows.
UPWARD = ("escalation", "advises")
#: The ``(width, stack)`` tried for a drawing fitted to a page: the default
#: first (``None``: :func:`wrap_width`, every structure side by side), then
#: narrower rows and structures stacked. Alike layouts are laid out once.
PAGE_WRAPS = ((None, None), *((width, stack) for stack in (None, 2, 1)
                              for width in (2, 3, 4, 5, 6, 8)))


def platform_order(platform, org: str | None = None, lang: str = "en") -> tuple:
    """The sort key of a platform inside its row: the org's lead, then
    co-lead platforms; then platforms with a code, by code; then by label.

    >>> from coordgraph.model import Node
    >>> shelter = Node("shl", "platform", "Shelter", code="SHL", co_lead="IOM")
    >>> cccm = Node("ccm", "platform", "CCCM", code="CCM", lead="IOM")
    >>> wash = Node("wsh", "platform", "WASH", code="WSH")
    >>> hct = Node("hct", "platform", "HCT")
    >>> [p.id for p in sorted([hct, wash, shelter, cccm], key=lambda p: platform_order(p, "IOM"))]
    ['ccm', 'shl', 'wsh', 'hct']
    """
    role = (0 if org and platform.has_lead(org)
            else 1 if org and platform.has_co_lead(org)
            else 2)
    code = platform.code.strip().casefold()
    return (role, not code, code, platform.label_in(lang).casefold(), platform.id)


def platform_rows(selection, width: int | None = None, edges=None,
                  org: str | None = None, lang: str = "en",
                  stack: int | None = None) -> list[list[str]]:
    """The ids of the selection's platforms, row by row, top row first.

    ``edges`` (default: the selection's) say who is above whom: pass the
    graph's to keep the shape of the hierarchy in views that do not draw
    every relation (the representation view leaves out advice). ``org``
    puts the platforms it leads first in each row (:func:`platform_order`).
    ``stack``, when given, is the most structures a band puts side by side:
    the next ones go under them, each with all its rows.

    >>> import coordgraph
    >>> from coordgraph.rendering.views import select
    >>> platform_rows(select(coordgraph.load(), "platforms"))
    [['hct', 'smt', 'unct'], ['iccg', 'omt', 'pmt'], ['cluster_meetings']]
    >>> platform_rows(select(coordgraph.load(), "platforms"), width=2, stack=1)
    [['hct'], ['iccg'], ['cluster_meetings'], ['smt', 'unct'], ['omt', 'pmt']]
    """
    platforms = [n for n in selection.nodes if n.kind == "platform"]
    if not platforms:
        return []
    if width is None:
        width = wrap_width(len(platforms))
    level = {p.id: p.level for p in platforms}
    parents: dict[str, list[str]] = {p.id: [] for p in platforms}
    for edge in selection.edges if edges is None else edges:
        if (edge.relation in UPWARD and edge.source in level and edge.target in level
                and level[edge.source] == level[edge.target]):
            parents[edge.source].append(edge.target)
    tiers = _tiers(parents)
    structures: dict[str, int] = {}   # in file order: the same on every row
    for platform in platforms:
        structures.setdefault(platform.structure, len(structures))
    band_of = {p.id: -LEVEL_RANK.get(p.level, LEVEL_RANK["national"]) for p in platforms}
    chunk = _chunks(platforms, band_of, stack)
    groups: dict[tuple, list] = {}
    for platform in platforms:
        key = (band_of[platform.id], chunk[platform.id], tiers[platform.id])
        groups.setdefault(key, []).append(platform)
    rows = []
    for key in sorted(groups):
        by_structure: dict[str, list[str]] = {}
        for platform in sorted(groups[key], key=lambda p: (structures[p.structure],
                                                           platform_order(p, org, lang))):
            by_structure.setdefault(platform.structure, []).append(platform.id)
        depth = max(math.ceil(len(ids) / width) for ids in by_structure.values())
        for part in range(depth):
            row = [i for ids in by_structure.values() for i in ids[part * width:(part + 1) * width]]
            if row:
                rows.append(row)
    return rows


def _chunks(platforms, band_of: dict, stack: int | None) -> dict[str, int]:
    """For each platform, which set of ``stack`` structures of its band
    (in file order) it is drawn with: 0 for all when ``stack`` is None."""
    if not stack:
        return {p.id: 0 for p in platforms}
    seen: dict[int, list[str]] = {}
    for platform in platforms:
        structures = seen.setdefault(band_of[platform.id], [])
        if platform.structure not in structures:
            structures.append(platform.structure)
    return {p.id: seen[band_of[p.id]].index(p.structure) // stack for p in platforms}


def wrap_width(platforms: int) -> int:
    """How many platforms of one structure a row holds before wrapping.

    >>> wrap_width(7), wrap_width(36), wrap_width(400)
    (6, 6, 20)
    """
    return max(6, round(math.sqrt(platforms)))


def _tiers(parents: dict[str, list[str]]) -> dict[str, int]:
    """Row of each platform in its band: 0 for the top, else one under its lowest parent.

    Cycles (an error the check reports) are cut where they are met.
    """
    tiers: dict[str, int] = {}
    for start in parents:
        if start in tiers:
            continue
        # Iterative depth-first search: hierarchies can be deep.
        stack = [(start, iter(parents[start]))]
        on_stack = {start}
        best = {start: 0}
        while stack:
            node, children = stack[-1]
            advanced = False
            for parent in children:
                if parent in tiers:
                    best[node] = max(best[node], tiers[parent] + 1)
                elif parent not in on_stack:
                    stack.append((parent, iter(parents[parent])))
                    on_stack.add(parent)
                    best[parent] = 0
                    advanced = True
                    break
            if not advanced:
                stack.pop()
                on_stack.discard(node)
                tiers[node] = best[node]
                if stack:
                    above = stack[-1][0]
                    best[above] = max(best[above], tiers[node] + 1)
    return tiers
