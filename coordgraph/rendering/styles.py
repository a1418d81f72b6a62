"""How things look: colours, fonts, and the line style of each relation and capacity.

Every style has a *key* (``"org_role"``, ``"alternate"``, ``"error"``...);
the builder records the keys it uses and the legend explains those, in
:data:`LEGEND_ORDER`. Values here are constants of the project: nothing in
this module is taken from the data.
"""

IOM_BLUE = "#0033A0"
INK = "#1F2A36"          # text and escalation lines
GREY = "#5B6770"         # secondary text, other organisations
LIGHT_GREY = "#9AA3AB"   # inactive
PAPER = "#FFFFFF"
STRUCTURE_FILL = "#EEF2F8"
STRUCTURE_LINE = "#B8C4D6"
ERROR = "#C8102E"
ERROR_FILL = "#FDE7EA"
WARNING = "#E08600"
WARNING_FILL = "#FFF3DC"
WARNING_INK = "#1F2A36"  # text on the amber badge
FOCUS = "#00A3E0"

FONT = "Helvetica,Arial,sans-serif"
FONT_SIZE = "11"
SMALL = "9"
LEGEND_SIZE = "10"
TITLE_SIZE = "20"
SUBTITLE_SIZE = "12"

#: Characters per line when labels are wrapped, and the most shown on a drawing.
WRAP = {"platform": 24, "role": 20}
MAX_LABEL = 160


def node_style(kind: str, *, own: bool, status: str, severity: str | None,
               focus: bool = False) -> tuple[dict, list[str], dict]:
    """Graphviz attributes of a node, the legend keys it uses, and its text colours.

    ``own``: a role of the organisation being checked. ``severity``: the
    worst finding on the node (``"error"``, ``"warning"`` or None); the
    legend keys of findings are the builder's (they depend on the codes).

    >>> attrs, keys, ink = node_style("role", own=True, status="active", severity=None)
    >>> attrs["fillcolor"], keys, ink["text"]
    ('#0033A0', ['org_role'], '#FFFFFF')
    """
    styles = ["rounded", "filled"]
    keys = []
    ink = {"text": INK, "small": GREY}
    attrs = {"shape": "box", "penwidth": "1.2", "color": INK, "fillcolor": PAPER}
    if kind == "role" and own:
        attrs.update(color=IOM_BLUE, fillcolor=IOM_BLUE)
        ink = {"text": PAPER, "small": "#D6E0F5"}
        keys.append("org_role")
    elif kind == "role":
        attrs.update(color=GREY, fillcolor="#F4F5F6")
        keys.append("other_role")
    else:
        keys.append("platform")
    if status == "inactive":
        attrs.update(color=LIGHT_GREY, fillcolor="#F7F7F7")
        ink = {"text": GREY, "small": LIGHT_GREY}
        keys.append("inactive")
    elif status == "planned":
        styles.append("dashed")
        keys.append("planned")
    if severity == "error":
        attrs.update(color=ERROR, penwidth="3")
        if kind == "platform":
            attrs["fillcolor"] = ERROR_FILL
    elif severity == "warning":
        attrs.update(color=WARNING, penwidth="2.5")
        if kind == "platform":
            attrs["fillcolor"] = WARNING_FILL
    if focus:
        attrs["peripheries"] = "2"
        keys.append("focus")
    attrs["style"] = ",".join(styles)
    return attrs, keys, ink


#: Membership capacities that lead the platform.
LEADING = frozenset(("chair", "co-chair", "lead", "co-lead"))


def edge_style(relation: str, capacity: str, *, own: bool) -> tuple[dict, str]:
    """Graphviz attributes of an edge and its legend key.

    >>> edge_style("membership", "alternate", own=True)
    ({'color': '#0033A0', 'penwidth': '1.4', 'arrowhead': 'none', 'style': 'dashed'}, 'alternate')
    """
    if relation == "escalation":
        return {"color": INK, "penwidth": "2.2", "arrowhead": "normal", "arrowsize": "0.9",
                "style": "solid"}, "escalation"
    if relation == "advises":
        return {"color": LIGHT_GREY, "penwidth": "1.1", "arrowhead": "onormal",
                "style": "dashed"}, "advises"
    colour = IOM_BLUE if own else GREY
    capacity = capacity or "member"
    if capacity in LEADING:
        return {"color": colour, "penwidth": "3.2", "arrowhead": "none",
                "style": "solid"}, "leading"
    if capacity == "alternate":
        return {"color": colour, "penwidth": "1.4", "arrowhead": "none",
                "style": "dashed"}, "alternate"
    if capacity == "observer":
        return {"color": colour, "penwidth": "1.4", "arrowhead": "none",
                "style": "dotted"}, "observer"
    return {"color": colour, "penwidth": "1.6", "arrowhead": "none",
            "style": "solid"}, "member"


#: The legend's rows, in order, in two columns (boxes and marks; lines);
#: each is shown only when the drawing uses its key.
LEGEND_BOXES = ("structure", "platform", "org_role", "other_role", "inactive", "planned",
                "focus", "CG301", "CG201", "warning")
LEGEND_LINES = ("escalation", "advises", "member", "leading", "alternate", "observer",
                "conditional")
LEGEND_ORDER = LEGEND_BOXES + LEGEND_LINES

#: How the legend draws a sample of each edge key: (glyphs, colour, bold).
EDGE_SAMPLES = {
    "escalation": ("━━━▶", INK, True),
    "advises": ("╺ ╺ ╺▷", LIGHT_GREY, False),
    "member": ("━━━━", IOM_BLUE, False),
    "leading": ("━━━━", IOM_BLUE, True),
    "alternate": ("╺ ╺ ╺ ╺", IOM_BLUE, False),
    "observer": ("┄┄┄┄", IOM_BLUE, False),
}
