"""Build the DOT text of a drawing. Pure: no Graphviz, no files, no clock.

The rules of the pitfalls notes hold here:

- DOT ids are made up (``n1``, ``n2``... for nodes in file order, ``e1``...
  for edges, ``cluster_1``... for structures); no id comes from the data;
- every piece of data text reaches pydot through
  :mod:`~coordgraph.rendering.quoting`, already quoted and escaped;
- attributes come from :data:`ALLOWED`: setting any other is a bug and
  raises.

The result, a :class:`Drawing`, also carries what the SVG post-processing
needs: for each DOT id, the final SVG id, class and title.
"""

import textwrap

import pydot

from ..model import same_org
from ..records import FACTORY, Record
from . import styles
from .alt_text import describe
from .i18n import date_text, org_name, words
from .layout import platform_rows
from .legend import badge_row, change_badge_row, legend_label, title_label
from .quoting import MAX_BYTES, clean, dot_string, html_text, shorten, tooltip_string
from .views import select

#: Above this many nodes, layout limits apply and a warning suggests --focus.
LARGE = 1000
#: Closer spacing for a drawing fitted to a page.
COMPACT = {"nodesep": "0.15", "ranksep": "0.3", "pad": "0.05"}
LAYOUT_LIMITS = {"nslimit": "2", "nslimit1": "2", "mclimit": "0.2", "remincross": "false"}

#: The Graphviz attributes the renderer may set, per kind of element.
ALLOWED = {
    "graph": frozenset({
        "rankdir", "newrank", "nodesep", "ranksep", "fontname", "fontsize", "fontcolor",
        "label", "labelloc", "labeljust", "bgcolor", "pad", "outputorder", "remincross",
        "nslimit", "nslimit1", "mclimit", "id", "size"}),
    "cluster": frozenset({
        "label", "labeljust", "labelloc", "style", "color", "fillcolor", "penwidth",
        "fontname", "fontsize", "fontcolor", "margin", "id", "tooltip", "peripheries"}),
    "node": frozenset({
        "shape", "style", "color", "fillcolor", "penwidth", "fontname", "fontsize",
        "fontcolor", "label", "tooltip", "margin", "id", "peripheries"}),
    "edge": frozenset({
        "style", "color", "penwidth", "arrowhead", "arrowsize", "label", "fontname",
        "fontsize", "fontcolor", "tooltip", "labeltooltip", "constraint", "weight", "id",
        "minlen"}),
    "rank": frozenset({"rank"}),
}

_MAX_BADGES = 3
#: Lead or co-lead agencies named on a platform (the rest: "+n"), the
#: characters of each, and of the one line that holds both.
_MAX_LEADS = 3
_MAX_ORG = 24
_LEAD_LINE = 34
#: A cluster's label at the top: with rankdir=BT, Graphviz's "b" is the top.
_TOP = "b"


class Drawing(Record):
    """The DOT text of one drawing and what the SVG needs to know about it.

    ``items`` maps the DOT ``id`` of every node, edge and cluster to the
    ``(svg id, class, title)`` the SVG gets; the SVG ids of everything but
    data nodes are prefixed later, so two drawings in one page cannot collide.

    ``graph``, ``selection``, ``lang``, ``org`` and ``findings`` say what the
    drawing was made from, for formats that carry more than the picture (the
    interactive HTML page): the graph, the :class:`Selection`, the language,
    the organisation and the findings marked. With --compare, ``comparison``
    is the :class:`~.comparing.Comparison` drawn (``graph`` is then the
    merged graph: the new version plus what was removed).
    """

    _fields = ("dot", "title", "subtitle", "description", "items", "node_count", "limited",
               "warnings", "graph", "selection", "lang", "org", "findings", "comparison")
    _hidden = ("graph", "selection", "findings", "comparison")

    def __init__(self, dot: str, title: str, subtitle: str, description: str,
                 items: dict = FACTORY, node_count: int = 0, limited: bool = False,
                 warnings: list = FACTORY, graph: object = None, selection: object = None,
                 lang: str = "en", org: str = "IOM", findings: tuple = (),
                 comparison: object = None) -> None:
        self.dot = dot
        self.title = title
        self.subtitle = subtitle
        self.description = description
        self.items = {} if items is FACTORY else items
        self.node_count = node_count
        self.limited = limited
        self.warnings = [] if warnings is FACTORY else warnings
        self.graph = graph
        self.selection = selection
        self.lang = lang
        self.org = org
        self.findings = findings
        self.comparison = comparison


def build(graph, view: str = "organigram", *, focus: str | None = None, depth: int = 1,
          lang: str | None = None, org: str | None = None, findings=(),
          compare=None, location: str | None = None, show_inactive: bool = False,
          size: str | None = None, compact: bool = False,
          wrap: tuple[int | None, ...] = (None, None, None)) -> Drawing:
    """The drawing of ``view`` of ``graph``; ``findings`` (from ``check``) are marked.

    ``compare``, a :class:`~.comparing.Comparison` of an older version with
    ``graph``, draws its merged graph with what was added, removed and changed
    marked. ``location`` and ``show_inactive`` choose what is drawn as
    :func:`~.views.select` does; ``size`` (Graphviz's ``"width,height"`` in
    inches) scales the drawing down to fit a page (:mod:`.paging`);
    ``compact`` spaces boxes closer and draws small text at
    :data:`~.styles.PAGE_SMALL`, for a page; ``wrap``, ``(width, stack,
    flow)``, shapes it for a page: the rows (:func:`~.layout.platform_rows`)
    and the legend's columns (:func:`~.legend.legend_label`).

    >>> import coordgraph
    >>> d = build(coordgraph.load(), "platforms")
    >>> d.node_count, d.items["n1"]
    (7, ('node-hct', 'node platform national active', 'Humanitarian Country Team (HCT)'))
    >>> '"Humanitarian Country Team (HCT)"' in d.dot   # labels are HTML-like, not strings
    False
    """
    lang = lang or graph.context.lang or "en"
    org = org or graph.context.org
    if compare is not None:
        graph = compare.graph
        show_inactive = True   # what changed includes the posts dropped
    selection = select(graph, view, org=org, focus=focus, depth=depth, location=location,
                       show_inactive=show_inactive)
    drawing = _Builder(graph, selection, lang, org, findings, compare, size, compact,
                       wrap).build()
    return drawing


class _Builder:
    def __init__(self, graph, selection, lang, org, findings, compare=None, size=None,
                 compact=False, wrap=(None, None, None)):
        self.size = size
        self.wrap = (*wrap, None, None, None)[:3]
        self.small = styles.PAGE_SMALL if compact else styles.SMALL
        self.compact = compact
        self.graph = graph
        self.selection = selection
        self.lang = lang
        self.org = org
        self.words = words(lang)
        self.org_shown = org_name(org, lang)
        self.warnings: list[str] = []
        self.keys: set[str] = set()
        self.items: dict[str, tuple[str, str, str]] = {}
        self.notes: list[tuple[int, str]] = []
        self.limited = len(selection.nodes) > LARGE
        shown = {n.id for n in selection.nodes}
        self.findings = tuple(findings)
        self.marks = _marks(self.findings, shown, self.words, self.org_shown, graph)
        self.compare = compare
        self.old_name = (_comparing().version_name(compare.old, self.words, lang)
                         if compare is not None else "")

    def label(self, node_id: str) -> str:
        return clean(self.graph.label(node_id, self.lang))

    def own(self, node) -> bool:
        return self.graph.belongs_to(node, self.org)

    def unexpected(self, node) -> bool:
        """A platform, in use here, where the org need not be present."""
        return (node.kind == "platform" and node.is_active
                and not self.graph.is_expected(node))

    # -- the whole graph ---------------------------------------------------

    def build(self) -> Drawing:
        words, context = self.words, self.graph.context
        view_title = words.views[self.selection.view].format(org=self.org_shown)
        title = clean(context.name) or words.text["untitled"]
        subtitle = self._subtitle(view_title)
        dot = pydot.Dot(graph_name="coordgraph", graph_type="digraph")
        _set(dot, "graph", {
            "rankdir": "BT", "newrank": "true", "nodesep": "0.3", "ranksep": "0.5",
            "fontname": f'"{styles.FONT}"', "fontsize": styles.LEGEND_SIZE,
            "fontcolor": styles.INK, "pad": "0.3",
            "outputorder": "edgesfirst", "remincross": "true", "id": "graph"})
        if self.limited:
            _set(dot, "graph", LAYOUT_LIMITS)
        if self.size:
            _set(dot, "graph", {"size": f'"{self.size}"'})
        if self.compact:   # on paper, every point of white space costs text size
            _set(dot, "graph", COMPACT)
        dot.set_node_defaults(fontname=f'"{styles.FONT}"', fontsize=styles.FONT_SIZE,
                              **_NODE_DEFAULTS)
        dot.set_edge_defaults(fontname=f'"{styles.FONT}"', fontsize=self.small,
                              **_EDGE_DEFAULTS)
        heading = title_label(title, subtitle, self.warnings)
        if self.selection.nodes:
            # The title heads a frame around the drawing; the legend sits under
            # it, as the graph's own label, so neither takes part in the layout.
            frame = pydot.Cluster("0")
            _set(frame, "cluster", {"label": heading, "labeljust": "l", "labelloc": _TOP,
                                    "peripheries": "0", "margin": "4", "id": "c0"})
            self.items["c0"] = ("drawing", "drawing", _title(title))
            # pydot annotates Subgraph, yet takes a Cluster (its documented use).
            dot.add_subgraph(frame)  # type: ignore[arg-type]
            layout = self._layout()
            dot_ids = self._nodes(frame, layout[1])
            rows = self._rows(dot, dot_ids, *layout)
            self._edges(dot, dot_ids, rows)
            _set(dot, "graph", {
                "label": legend_label(self.keys, self.notes, self.words, self.org_shown,
                                      self.warnings, self.small, self.wrap[2]),
                "labelloc": "b", "labeljust": "l"})
        else:
            _set(dot, "graph", {"label": heading, "labelloc": "t", "labeljust": "l"})
        graph, selection = self.graph, self.selection
        if self.compare is not None:   # the new version's words, then what changed
            graph, selection = self.compare.new, self.compare.current(selection)
        description = describe(
            graph, selection, self.marks, view_title=view_title, name=title,
            org=self.org, org_shown=self.org_shown, words=words, label=self.label,
            lang=self.lang)
        if self.compare is not None:
            description += " " + _comparing().describe_changes(
                self.compare, self.selection, old_name=self.old_name,
                org_shown=self.org_shown, words=words, label=self.label)
        return Drawing(dot.to_string(), title, subtitle, description, self.items,
                       len(self.selection.nodes), self.limited, self.warnings,
                       graph=self.graph, selection=self.selection, lang=self.lang,
                       org=self.org, findings=self.findings, comparison=self.compare)

    def _subtitle(self, view_title: str) -> str:
        context, text = self.graph.context, self.words.text
        parts = [view_title]
        if self.selection.focus:
            parts[0] += " " + text["focus"].format(label=self.label(self.selection.focus),
                                                   depth=self.selection.depth)
        if self.selection.location:
            parts.append(clean(self.selection.location))
        if context.country:
            parts.append(context.country)
        if context.as_of:
            parts.append(text["as_of"].format(date=date_text(context.as_of, self.lang)))
        if self.compare is not None:
            parts.append(_comparing().subtitle_part(self.old_name, self.words))
        return " · ".join(parts)

    # -- nodes ---------------------------------------------------------------

    def _nodes(self, dot, senior=None) -> dict[str, str]:
        dot_ids: dict[str, str] = {}
        clusters: dict[str, pydot.Cluster] = {}
        # The senior representative goes into the frame of its platform's
        # structure: outside it, dot must keep it clear of the whole frame
        # (every rank of it), which put it at the far edge of the drawing.
        framed = senior_frame(self.graph, senior)
        for number, node in enumerate(self.selection.nodes, start=1):
            dot_id = f"n{number}"
            dot_ids[node.id] = dot_id
            parent = dot
            if node.kind == "platform" and node.structure:
                parent = clusters.get(node.structure)
                if parent is None:
                    parent = clusters[node.structure] = self._cluster(
                        dot, node.structure_in(self.lang), len(clusters) + 1)
            parent.add_node(self._node(dot_id, node))
        if senior and framed in clusters:
            # Declared where it is in the file (the SVG keeps the file's
            # order), then named in its frame: DOT reopens a subgraph by name.
            frame = pydot.Cluster(str(list(clusters).index(framed) + 1))
            frame.add_node(pydot.Node(dot_ids[senior[0]]))
            dot.add_subgraph(frame)
        return dot_ids

    def _cluster(self, dot, structure: str, number: int):
        cluster = pydot.Cluster(str(number))
        name = clean(structure)
        shown, _ = shorten(name, styles.MAX_LABEL)
        _set(cluster, "cluster", {
            "label": f'<<B>{html_text(shown, self.warnings)}</B>>',
            "labeljust": "l", "labelloc": _TOP, "style": '"rounded,filled"',
            "color": styles.STRUCTURE_LINE, "fillcolor": styles.STRUCTURE_FILL,
            "fontsize": "12", "fontcolor": styles.INK, "margin": "12", "id": f"c{number}",
            "tooltip": tooltip_string(name, self.warnings, "a structure name")})
        self.items[f"c{number}"] = (f"structure-{number}", "cluster structure", _title(name))
        self.keys.add("structure")
        dot.add_subgraph(cluster)
        return cluster

    def _node(self, dot_id: str, node) -> pydot.Node:
        marks = self.marks.get(node.id, ())
        severity = ("error" if any(s == "error" for _, s, _ in marks)
                    else "warning" if marks else None)
        own = self.own(node)
        focus = node.id == self.selection.focus and len(self.selection.nodes) > 1
        unexpected = self.unexpected(node)
        attrs, keys, ink = styles.node_style(
            node.kind, own=own, status=node.status, severity=severity, focus=focus,
            expected=not unexpected)
        change = self.compare.node_mark(node.id) if self.compare is not None else None
        if change is not None:
            attrs, keys, ink = styles.changed_node_style(change.kind, attrs, keys, ink,
                                                         focus=focus)
        self.keys.update(keys)
        self.keys.update(code for code, s, _ in marks if s == "error")
        if any(s == "warning" for _, s, _ in marks):
            self.keys.add("warning")
        label = self.label(node.id)
        if (self.selection.view == "leadership" and node.kind == "platform"
                and node.is_led_by(self.org) and not severity):
            # The slide's point: the platforms the org leads stand out.
            attrs.update(color=styles.IOM_BLUE, penwidth=styles.LED_PENWIDTH)
            self.keys.add("led_outline")
        attrs["label"] = self._node_label(node, label, own, ink, marks, change)
        attrs["tooltip"] = tooltip_string(self._node_tooltip(node, label, marks, change),
                                          self.warnings, f"the tooltip of '{node.id}'")
        attrs["id"] = dot_id
        classes = ["node", node.kind]
        if node.kind == "platform":
            classes.append(node.level)
        classes.append(node.status)
        if unexpected:
            classes.append("not-expected")
        if node.kind == "platform" and (node.leads or node.co_leads):
            classes.append("led-by-org" if node.is_led_by(self.org) else "led")
        if node.kind == "role":
            classes.append("own-org" if own else "other-org")
        classes.extend(f"finding-{s}" for s in ("error", "warning")
                       if any(m[1] == s for m in marks))
        classes.extend(sorted({code.lower() for code, _, _ in marks}))
        if change is not None:
            classes.append(change.kind)
        self.items[dot_id] = (f"node-{node.id}", " ".join(classes), _title(label))
        result = pydot.Node(dot_id)
        _set(result, "node", _differences(attrs, _NODE_DEFAULTS))
        return result

    def _node_label(self, node, label: str, own: bool, ink: dict, marks, change=None) -> str:
        shown, cut = shorten(label, styles.MAX_LABEL)
        if cut:
            self.warnings.append(f"the label of '{node.id}' is {len(label):,} characters long: "
                                 f"the drawing shows the first {styles.MAX_LABEL}, its tooltip "
                                 "more")
        lines = textwrap.wrap(shown, styles.WRAP[node.kind], break_on_hyphens=False) or [""]
        text = "<BR/>".join(html_text(line, self.warnings) for line in lines)
        if node.kind == "platform":
            text = f"<B>{text}</B>"
        if change is not None and change.kind == _comparing().REMOVED:
            text = f"<S>{text}</S>"
        rows = []
        meta = self._meta(node, own)
        if meta:
            rows.append(f'<TR><TD><FONT POINT-SIZE="{self.small}" COLOR="{ink["small"]}">'
                        f'{html_text(meta, self.warnings)}</FONT></TD></TR>')
        rows.append(f'<TR><TD><FONT COLOR="{ink["text"]}">{text}</FONT></TD></TR>')
        if node.kind == "platform" and (node.leads or node.co_leads):
            rows.extend(self._leadership(node, ink))
            if node.is_led_by(self.org):
                self.keys.add("leadership")
        for _, severity, badge in marks[:_MAX_BADGES]:
            rows.append(badge_row(badge, severity, self.warnings, self.small))
        if change is not None:
            rows.append(change_badge_row(_comparing().node_badge(change, self.words), change.kind,
                                         self.warnings, self.small))
        return ('<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="1">'
                + "".join(rows) + "</TABLE>>")

    def _leadership(self, node, ink: dict) -> list[str]:
        """The small rows under a platform's name: its lead and co-lead
        agencies, the org's own in bold in its colour. One row when short."""
        parts = []   # (plain length, HTML-like text)
        for key, orgs in (("lead", node.leads), ("co_lead", node.co_leads)):
            if not orgs:
                continue
            named = list(orgs[:_MAX_LEADS])
            mine = [o for o in orgs if same_org(o, self.org)]
            if mine and mine[0] not in named:   # the org's own is never the one left out
                named[-1] = mine[0]
            shown = [org_name(shorten(clean(o), _MAX_ORG)[0], self.lang) for o in named]
            own = [same_org(o, self.org) for o in named]
            if len(orgs) > len(named):
                shown.append(f"+{len(orgs) - len(named)}")
                own.append(False)
            before, _, after = self.words.text[key].partition("{orgs}")
            names = ", ".join(
                f'<B><FONT COLOR="{styles.IOM_BLUE}">{html_text(name, self.warnings)}</FONT></B>'
                if mine else html_text(name, self.warnings)
                for name, mine in zip(shown, own, strict=True))
            length = len(before) + len(after) + sum(len(n) + 2 for n in shown)
            parts.append((length, f"{html_text(before)}{names}{html_text(after)}"))
        if sum(length for length, _ in parts) + 3 <= _LEAD_LINE:
            lines = [" · ".join(text for _, text in parts)]
        else:
            lines = [text for _, text in parts]
        return [f'<TR><TD><FONT POINT-SIZE="{self.small}" COLOR="{ink["small"]}">{line}'
                '</FONT></TD></TR>' for line in lines]

    def _meta(self, node, own: bool) -> str:
        """The small line above a label: code, level (when not national), status."""
        parts = []
        if node.kind == "role" and not own:
            parts.append(shorten(clean(self.graph.org_of(node)), 40)[0])
        if node.code:
            parts.append(shorten(clean(node.code), 40)[0])
        if node.kind == "platform" and node.level != "national":
            parts.append(self.words.level.get(node.level, node.level))
        if node.status in self.words.status:
            parts.append(self.words.status[node.status])
        if self.unexpected(node):
            parts.append(self.words.text["not_expected"])
        return " · ".join(parts)

    def _node_tooltip(self, node, label: str, marks, change=None) -> str:
        lines = [label]
        for key, orgs in (("lead", node.leads), ("co_lead", node.co_leads)):
            if orgs:
                lines.append(self.words.text[key].format(orgs=clean(", ".join(orgs))))
        lines.append(" · ".join(clean(v) for v in (node.person, node.location) if v))
        if node.description:
            lines.append(clean(node.description))
        lines.extend(badge for _, _, badge in marks)
        if change is not None:
            lines.extend(_comparing().tooltip_lines(change, self.old_name, self.words))
        return "\n".join(line for line in lines if line)

    # -- rows ----------------------------------------------------------------

    def _layout(self) -> tuple[list[list[str]], tuple[str, str] | None]:
        """The platforms' rows (:mod:`.layout`) and the org's senior
        representative with the platform of its seat (:func:`senior_seat`)."""
        rows = platform_rows(self.selection, edges=self.graph.edges if self.compare is None
                             else self.compare.layout_edges, org=self.org, lang=self.lang,
                             width=self.wrap[0], stack=self.wrap[1])
        # (not in very large drawings: there every role hangs under its platform)
        senior = None if self.limited else senior_seat(self.graph, self.selection, self.org,
                                                        rows)
        return rows, senior

    def _rows(self, dot, dot_ids, rows, senior) -> dict[str, int]:
        """Pin platforms to the rows of :mod:`.layout`, in their order; the
        org's senior representative beside the platform of its seat; the row
        of each."""
        has_roles = any(n.kind == "role" for n in self.selection.nodes)
        framed = senior_frame(self.graph, senior)
        row_of = {}
        for number, row in enumerate(rows):
            same = pydot.Subgraph(f"row{number}")
            _set(same, "rank", {"rank": "same"})
            placed = _with_senior(row, self.graph, senior)
            for node_id in placed:
                row_of[node_id] = number
                same.add_node(pydot.Node(dot_ids[node_id]))
            links = list(zip(placed, placed[1:], strict=False))
            if framed and senior[0] in placed:
                # In its frame, one link from its platform holds the
                # representative beside it; a link from it out of the frame
                # makes Graphviz 2.43 abort (merge_chain assertion).
                placed = [p for p in placed if p != senior[0]]
                links = [*zip(placed, placed[1:], strict=False), (senior[1], senior[0])]
            for left, right in links:
                # Invisible links left to right keep the row in its order
                # (dot would otherwise shuffle it to save a crossing).
                link = pydot.Edge(dot_ids[left], dot_ids[right])
                _set(link, "edge", {"style": "invis"})
                same.add_edge(link)
            dot.add_subgraph(same)
            if number:
                # An invisible edge stacks each row under the one before,
                # leaving a rank between them for the roles that sit there.
                spacer = pydot.Edge(dot_ids[row[0]], dot_ids[rows[number - 1][0]])
                _set(spacer, "edge", {"style": "invis", "minlen": "2" if has_roles else "1"})
                dot.add_edge(spacer)
        return row_of

    # -- edges ---------------------------------------------------------------

    def _edges(self, dot, dot_ids, rows):
        nodes = self.graph.nodes
        anchored: set[str] = set()   # nodes outside the rows that one edge already places
        merged = ({} if self.selection.location or self.compare is not None
                  else merged_reporting(self.graph, self.selection.edges, rows))
        line_of = {id(e): number for number, edge in enumerate(self.selection.edges, start=1)
                   for e in merged.get(id(edge)) or ()}
        for number, edge in enumerate(self.selection.edges, start=1):
            if merged.get(id(edge), True) is None:
                # Drawn as part of its structure's one line: that line is its.
                self.items[f"e{number}"] = (f"edge-{line_of[id(edge)]}",
                                            "edge reporting merged", "")
                continue
            source = nodes[edge.source]
            attrs, key = styles.edge_style(edge.relation, edge.capacity, own=self.own(source))
            change = self.compare.edge_mark(edge) if self.compare is not None else None
            keys = [key]
            if change is not None:
                attrs, keys = styles.changed_edge_style(change.kind, attrs, key)
            removed = change is not None and change.kind == _comparing().REMOVED
            self.keys.update(keys)
            words = self.words
            short = ""
            if edge.relation == "membership" and (edge.capacity or "member") != "member":
                short = words.capacity.get(edge.capacity, edge.capacity)
            condition = clean(edge.condition_in(self.lang))
            if edge.condition and not removed:   # a removed one's is in its tooltip
                self.notes.append((len(self.notes) + 1, condition))
                short = f"{short} [{len(self.notes)}]".strip()
                self.keys.add("conditional")
            relation = (words.capacity.get(edge.capacity or "member", edge.capacity)
                        if edge.relation == "membership" else words.relation[edge.relation])
            title = f"{self.label(edge.source)} → {self.label(edge.target)} ({relation})"
            tip = "\n".join(filter(None, (title, condition, clean(edge.note))))
            group = merged.get(id(edge))
            if group:   # one line for a structure's reporting lines: each in its tooltip
                short = f"×{len(group)}"
                self.keys.add("reporting_merged")
                tip = "\n".join(f"{self.label(e.source)} → {self.label(e.target)} ({relation})"
                                 for e in group)
            if change is not None:
                tip += "\n" + "\n".join(_comparing().tooltip_lines(change, self.old_name, words))
            attrs["tooltip"] = tooltip_string(
                tip, self.warnings, f"the tooltip of edge {edge.source} → {edge.target}")
            if change is not None:   # the sign of the change, large, before the rest
                sign = html_text(_comparing().edge_symbol(change, words))
                rest = f" {html_text(short)}" if short else ""
                attrs["label"] = (f'<<FONT POINT-SIZE="{styles.SIGN_SIZE}"><B>{sign}</B></FONT>'
                                  f"{rest}>")
                attrs["fontcolor"] = styles.line_colour(attrs["color"])
                attrs["labeltooltip"] = attrs["tooltip"]
            elif short:
                attrs["label"] = dot_string(short)
                attrs["fontcolor"] = styles.line_colour(attrs["color"])
                attrs["labeltooltip"] = attrs["tooltip"]
            attrs["id"] = f"e{number}"
            if edge.source in rows and edge.target in rows:
                # Between platforms the rows decide; an edge that does not go
                # up (a cycle, a downward escalation) must not fight them.
                if rows[edge.source] <= rows[edge.target]:
                    attrs["constraint"] = "false"
            elif self.limited and edge.relation != "escalation":
                # A role's first relation hangs it under its platform; the
                # others must not pull it about. (With none constraining,
                # every role fell onto one rank and mincross ran for minutes.)
                loose = {edge.source, edge.target} - rows.keys()
                if loose <= anchored:
                    attrs["constraint"] = "false"
                anchored |= loose
            if self.compare is not None and self.compare.loose(edge):
                attrs["constraint"] = "false"   # gone: it must not shape the new layout
            if edge.relation == "reporting":
                # A secondary line: it must not pull the drawing about. Its
                # ends sit in rows already, which fix the ranks; weight 0 keeps
                # it from pulling them sideways. (constraint=false made dot
                # route each line as a loop around the drawing: a mesh.)
                # A hub's one merged line may pull a little: it then runs
                # short beside the frames, not round the whole drawing.
                attrs["weight"] = "3" if merged.get(id(edge)) else "0"
            classes = ["edge", edge.relation]
            if edge.relation == "membership":
                classes.append(edge.capacity or "member")
            if edge.condition:
                classes.append("conditional")
            if merged.get(id(edge)):
                classes.append("merged")
            if change is not None:
                classes.append(change.kind)
            self.items[f"e{number}"] = (f"edge-{number}", " ".join(classes), _title(title))
            result = pydot.Edge(dot_ids[edge.source], dot_ids[edge.target])
            _set(result, "edge", _differences(attrs, _EDGE_DEFAULTS))
            dot.add_edge(result)


def merged_reporting(graph, edges, rows) -> dict[int, list | None]:
    """Reporting lines drawn as one per pair of structures (a hub's
    clusters each report to their national cluster: a dozen long lines
    crossing the drawing, a mesh).

    For each ``id()`` of a reporting edge between platforms of two
    structures that have more than one such line: the group's edges for the
    one drawn (the one reaching highest: the hub's ICCG to the national
    ICCG), None for the others. ``rows`` gives each platform's row.
    """
    groups: dict[tuple[str, str], list] = {}
    for edge in edges:
        source, target = graph.nodes[edge.source], graph.nodes[edge.target]
        if (edge.relation == "reporting" and source.kind == target.kind == "platform"
                and source.structure != target.structure
                and edge.source in rows and edge.target in rows):
            groups.setdefault((source.structure, target.structure), []).append(edge)
    merged: dict[int, list | None] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        drawn = min(group, key=lambda e: (rows[e.target], rows[e.source]))
        merged.update((id(e), None) for e in group)
        merged[id(drawn)] = group
    return merged


def senior_seat(graph, selection, org: str, rows) -> tuple[str, str] | None:
    """The org's senior representative drawn and the platform it sits at:
    ``(role id, platform id)``, or None.

    The representative is the org's drawn role of the highest seniority
    (the first in the file on a tie); without seniorities, the first of the
    org's roles with a seat (member, chair) at a platform of the top row.
    Its platform is the highest-placed one where it has a seat.
    """
    row_of = {p: number for number, row in enumerate(rows) for p in row}
    roles = [n for n in selection.nodes if n.kind == "role" and graph.belongs_to(n, org)]
    seats: dict[str, list[str]] = {}
    for edge in selection.edges:
        if (edge.relation == "membership" and edge.target in row_of
                and (edge.capacity or "member") in ("member", "chair", "co-chair", "lead")):
            seats.setdefault(edge.source, []).append(edge.target)
    ranked = [r for r in roles if r.seniority is not None and seats.get(r.id)]
    if ranked:
        best = max(r.seniority for r in ranked)
        role = next(r for r in ranked if r.seniority == best)
    else:
        role = next((r for r in roles
                     if any(row_of[p] == 0 for p in seats.get(r.id, ()))), None)
    if role is None:
        return None
    return role.id, min(seats[role.id], key=lambda p: row_of[p])


def senior_frame(graph, senior) -> str:
    """The structure whose frame the senior representative is drawn in:
    its platform's (``""``: none, drawn outside every frame)."""
    return graph.nodes[senior[1]].structure if senior else ""


def _with_senior(row: list[str], graph, senior) -> list[str]:
    """``row`` with the senior representative just after the platforms of
    its seat's structure (beside them, outside their frame)."""
    if senior is None or senior[1] not in row:
        return list(row)
    structure = graph.nodes[senior[1]].structure
    at = max(i for i, p in enumerate(row) if graph.nodes[p].structure == structure) + 1
    return [*row[:at], senior[0], *row[at:]]


def _marks(findings, shown, words, org_shown,
           graph=None) -> dict[str, list[tuple[str, str, str]]]:
    """For each drawn node, its findings as ``(code, severity, badge text)``."""
    marks: dict[str, list[tuple[str, str, str]]] = {}
    for finding in findings:
        targets = finding.nodes if finding.code == "CG201" else (finding.node,)
        n = _badge_count(finding, graph)
        template = words.badge.get(finding.code)
        if template is None:
            template = ("⚠ " if finding.severity == "error" else "▲ ") + finding.code
        badge = template.format(org=org_shown, n=n)
        for node_id in targets:
            if node_id in shown:
                node_marks = marks.setdefault(node_id, [])
                if all(code != finding.code for code, _, _ in node_marks):
                    node_marks.append((finding.code, finding.severity, badge))
    for node_marks in marks.values():   # errors first
        node_marks.sort(key=lambda mark: mark[1] != "error")
    return marks


def _badge_count(finding, graph) -> int:
    """The number a finding's badge gives: the platforms it names (seats of
    an overloaded role or person), or for CG309 the places they are in.

    Findings about a person also name the person's other roles, which are
    not seats: they are not counted.
    """
    if graph is None:
        return len(finding.nodes) - (1 if finding.code in ("CG304", "CG305") else 0)
    platforms = [graph.nodes[i] for i in finding.nodes
                 if i in graph.nodes and graph.nodes[i].kind == "platform"]
    if finding.code == "CG309":
        return len({p.location.casefold() for p in platforms if p.location}) or len(platforms)
    if finding.code in ("CG304", "CG305"):
        return len(platforms)
    return len(finding.nodes)


# What most nodes and edges look like, said once: the DOT stays short.
_NODE_DEFAULTS = {"shape": "box", "style": '"rounded,filled"', "penwidth": "1.2",
                  "color": f'"{styles.INK}"', "fillcolor": f'"{styles.PAPER}"'}
_EDGE_DEFAULTS = {"arrowhead": "none", "style": "solid"}


def _differences(attrs: dict, defaults: dict) -> dict:
    """``attrs`` without the values the defaults already give."""
    return {k: v for k, v in attrs.items() if defaults.get(k, "").strip('"') != v}


def _title(text: str) -> str:
    """Text for an SVG ``<title>``: whole, but within Graphviz-like bounds."""
    return shorten(text, MAX_BYTES // 4)[0]


def _comparing():
    """The words and marks of a comparison: imported only when a drawing compares."""
    from . import comparing

    return comparing


def _set(element, kind: str, attrs: dict):
    allowed = ALLOWED[kind]
    for name, value in attrs.items():
        if name not in allowed:
            raise ValueError(f"attribute {name!r} is not allowed on a {kind}")
        element.set(name, as_written(value))


class _Written:
    """A DOT value pydot writes unchanged, handed over so that it need not check."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __str__(self) -> str:
        return self.text


def as_written(value):
    """``value``, wrapped when pydot would write it unchanged anyway.

    pydot leaves a value that starts and ends with ``"`` (a quoted string:
    every data text, see :mod:`.quoting`) or with ``<`` and ``>`` (an
    HTML-like label) as it is, but only after looking at each character in
    Python; a value that is not a ``str`` it writes as ``str()`` gives it,
    without a look. The DOT text is the same, and built faster.

    >>> as_written('"Shelter"').text, as_written("<<B>x</B>>").text, as_written("BT")
    ('"Shelter"', '<<B>x</B>>', 'BT')
    """
    if isinstance(value, str) and len(value) > 1 and value[0] + value[-1] in ('""', "<>"):
        return _Written(value)
    return value
