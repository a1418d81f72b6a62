"""How things look: colours, fonts, and the line style of each relation and capacity.

Every style has a *key* (``"org_role"``, ``"alternate"``, ``"error"``...);
the builder records the keys it uses and the legend explains those, in
:data:`LEGEND_ORDER`. Values here are constants of the project: nothing in
this module is taken from the data.

The project's one palette: the drawing, the exports (Mermaid, yEd, Gephi,
Cytoscape.js colours) and the HTML pages' style sheets (:data:`PAGE_COLOURS`,
:data:`PAGE_LITERALS`, checked against the CSS by a test) take their colours
from here.
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
REPORTING = "#A3ADB7"    # "also reports to": thin and light, it must not read as a mesh
NOT_EXPECTED = "#8A949C"  # outline of a platform where the org is not expected
# --compare: what is new, changed, or gone (each also says so in words).
ADDED = "#1A7F37"
CHANGED = "#7B3FA0"
REMOVED_LINE = "#B4BBC1"  # outline and lines of what was removed
REMOVED_FILL = "#FBFBFB"
REMOVED_INK = "#7D8790"   # its text: faded, still legible
OWN_SMALL_INK = "#D6E0F5"   # small text on the org's blue
OTHER_ROLE_FILL = "#F4F5F6"  # a role of another organisation
INACTIVE_FILL = "#F7F7F7"

#: The HTML pages' colours: the ``:root`` custom properties (``--ink``...) of
#: the interactive organigram's and the portfolio's style sheets. Page text is
#: near-black for contrast on screens; the accent, error and paper are the
#: drawing's.
PAGE_COLOURS = {
    "ink": "#1A1A1A", "muted": "#555B66", "line": "#C9CCD1", "accent": IOM_BLUE,
    "route": "#D35F00", "focus": "#FFBF47", "match": "#7B2CBF", "error": ERROR,
    "warning": "#8A4B00", "paper": PAPER, "soft": "#F4F5F7",
}
#: The other colours the style sheets write out: borders, and the portfolio's
#: seat scale from lead (the org's blue) to observer (palest).
PAGE_LITERALS = {
    "control_border": "#767676", "table_rule": "#E3E5E8", "selected_row": "#FFF6D6",
    "focus_on_drawing": "#B07800", "co_lead": "#2F5FC4", "chair": "#4A78D4",
    "co_chair": "#6B92DE", "coordinator": "#8FB0EA", "member": "#BCD2F5",
    "observer": "#E3ECFB", "ink_on_pale": "#0B1F4D", "not_expected": "#F1F1F1",
    "hatch_dark": "#E4E4E4", "hatch_light": INACTIVE_FILL, "no_seat_border": "#D5D7DB",
}

# Boxes are sized with the first font the machine running dot has: DejaVu
# Sans first, the widest common sans, so the text fits every narrower font
# the SVG is shown in (svg.DISPLAY_FONTS).
FONT = "DejaVu Sans,Helvetica,Arial,sans-serif"
FONT_SIZE = "11"
SMALL = "9"
#: The small text of a drawing fitted to a page: its smallest text decides how far
#: it may be scaled down, so the small lines are drawn at the legend's size.
PAGE_SMALL = "10"
LEGEND_SIZE = "10"
TITLE_SIZE = "20"
SUBTITLE_SIZE = "12"
SIGN_SIZE = "14"       # the + ✕ ~ of a --compare mark on a line

#: The outline of a platform the org leads or co-leads, in the leadership view.
LED_PENWIDTH = "3"

#: Characters per line when labels are wrapped, and the most shown on a drawing.
WRAP = {"platform": 24, "role": 20}
MAX_LABEL = 160


def node_style(kind: str, *, own: bool, status: str, severity: str | None,
               focus: bool = False, expected: bool = True) -> tuple[dict, list[str], dict]:
    """Graphviz attributes of a node, the legend keys it uses, and its text colours.

    ``own``: a role of the organisation being checked. ``severity``: the
    worst finding on the node (``"error"``, ``"warning"`` or None); the
    legend keys of findings are the builder's (they depend on the codes).
    ``expected``: for a platform, whether the organisation must be present
    there; one where it need not is drawn neutral, with a dotted outline.
    A vacant role is an empty box with a dashed outline in its colour.

    >>> attrs, keys, ink = node_style("role", own=True, status="active", severity=None)
    >>> attrs["fillcolor"], keys, ink["text"]
    ('#0033A0', ['org_role'], '#FFFFFF')
    >>> attrs, keys, ink = node_style("role", own=True, status="vacant", severity=None)
    >>> attrs["fillcolor"], attrs["style"], keys, ink["text"]
    ('#FFFFFF', 'rounded,filled,dashed', ['org_role', 'vacant'], '#0033A0')
    """
    styles = ["rounded", "filled"]
    keys = []
    ink = {"text": INK, "small": GREY}
    attrs = {"shape": "box", "penwidth": "1.2", "color": INK, "fillcolor": PAPER}
    if kind == "role" and own:
        attrs.update(color=IOM_BLUE, fillcolor=IOM_BLUE)
        ink = {"text": PAPER, "small": OWN_SMALL_INK}
        keys.append("org_role")
    elif kind == "role":
        attrs.update(color=GREY, fillcolor=OTHER_ROLE_FILL)
        keys.append("other_role")
    else:
        keys.append("platform")
    if status == "inactive":
        attrs.update(color=LIGHT_GREY, fillcolor=INACTIVE_FILL)
        ink = {"text": GREY, "small": LIGHT_GREY}
        keys.append("inactive")
    elif status == "planned":
        styles.append("dashed")
        keys.append("planned")
    elif status == "vacant" and kind == "role":
        # Nobody in the post: an outline of the usual box, empty.
        attrs.update(fillcolor=PAPER, penwidth="1.6")
        ink = {"text": attrs["color"] if own else INK, "small": GREY}
        styles.append("dashed")
        keys.append("vacant")
    if kind == "platform" and not expected and status != "inactive":
        attrs.update(color=NOT_EXPECTED)
        if status != "planned":
            styles.append("dotted")
        keys.append("not_expected")
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
    if relation == "reporting":
        return {"color": REPORTING, "penwidth": "0.9", "arrowhead": "vee", "arrowsize": "0.6",
                "style": "solid"}, "reporting"
    if relation == "advises":
        return {"color": LIGHT_GREY, "penwidth": "1.1", "arrowhead": "onormal",
                "style": "dashed"}, "advises"
    colour = IOM_BLUE if own else GREY
    capacity = capacity or "member"
    if capacity in LEADING:
        return {"color": colour, "penwidth": "3.2", "arrowhead": "none",
                "style": "solid"}, "leading"
    if capacity == "coordinator":
        # Presence, not a seat: a double line (two strokes, paper between).
        return {"color": f"{colour}:{PAPER}:{colour}", "penwidth": "1.1", "arrowhead": "none",
                "style": "solid"}, "coordinator"
    if capacity == "alternate":
        return {"color": colour, "penwidth": "1.4", "arrowhead": "none",
                "style": "dashed"}, "alternate"
    if capacity == "observer":
        return {"color": colour, "penwidth": "1.4", "arrowhead": "none",
                "style": "dotted"}, "observer"
    return {"color": colour, "penwidth": "1.6", "arrowhead": "none",
            "style": "solid"}, "member"


#: The colours of the --compare badges on nodes: (background, text).
CHANGE_BADGES = {"added": (ADDED, PAPER), "changed": (CHANGED, PAPER),
                 "removed": (GREY, PAPER)}


def changed_node_style(mark: str, attrs: dict, keys: list, ink: dict, *,
                       focus: bool = False) -> tuple[dict, list[str], dict]:
    """:func:`node_style`'s result for a node that --compare marks.

    A removed node is drawn faded with a dashed outline, whatever it was:
    its only legend key is ``removed``. Added and changed nodes keep their
    look and carry a badge (the builder's); their key is the mark's.

    >>> attrs, keys, ink = node_style("role", own=True, status="active", severity=None)
    >>> attrs, keys, ink = changed_node_style("removed", attrs, keys, ink)
    >>> attrs["style"], keys, ink["text"]
    ('rounded,filled,dashed', ['removed'], '#7D8790')
    """
    if mark != "removed":
        return attrs, [*keys, mark], ink
    attrs = dict(attrs, color=REMOVED_LINE, fillcolor=REMOVED_FILL, penwidth="1.2",
                 style="rounded,filled,dashed")
    return attrs, ["removed", *(["focus"] if focus else [])], {"text": REMOVED_INK,
                                                               "small": REMOVED_LINE}


def changed_edge_style(mark: str, attrs: dict, key: str) -> tuple[dict, list[str]]:
    """:func:`edge_style`'s result for an edge that --compare marks.

    A removed edge is faded and dashed (its arrowhead kept, so the
    direction still shows); added and changed edges keep their line style
    in the mark's colour. The builder adds the sign (``+ ✕ ~``) as a label.

    >>> attrs, keys = changed_edge_style("added", *edge_style("membership", "alternate", own=True))
    >>> attrs["color"], attrs["style"], keys
    ('#1A7F37', 'dashed', ['alternate', 'added_edge'])
    """
    if mark == "removed":
        return dict(attrs, color=REMOVED_LINE, penwidth="1.2", style="dashed"), ["removed_edge"]
    colour = ADDED if mark == "added" else CHANGED
    if ":" in attrs["color"]:   # a double line stays double
        colour = f"{colour}:{PAPER}:{colour}"
    return dict(attrs, color=colour), [key, f"{mark}_edge"]


def line_colour(color: str) -> str:
    """The one colour of an edge's ``color``, for its label (a double line
    is a colour list).

    >>> line_colour("#0033A0:#FFFFFF:#0033A0"), line_colour("#5B6770")
    ('#0033A0', '#5B6770')
    """
    return color.split(":")[0]


#: The legend's rows, in order, in two columns (boxes and marks; lines);
#: each is shown only when the drawing uses its key.
LEGEND_BOXES = ("structure", "platform", "led_outline", "leadership", "org_role", "other_role",
                "inactive", "planned", "vacant", "not_expected", "focus", "CG301", "CG201",
                "warning", "added", "changed", "removed")
LEGEND_LINES = ("escalation", "reporting", "reporting_merged", "advises", "member", "leading",
                "coordinator", "alternate", "observer", "conditional", "added_edge",
                "changed_edge", "removed_edge")
LEGEND_ORDER = LEGEND_BOXES + LEGEND_LINES

#: How the legend draws a sample of each edge key: (glyphs, colour, bold).
EDGE_SAMPLES = {
    "escalation": ("━━━▶", INK, True),
    "reporting": ("───›", REPORTING, False),
    "reporting_merged": ("─×n─›", REPORTING, False),
    "advises": ("╺ ╺ ╺▷", LIGHT_GREY, False),
    "member": ("━━━━", IOM_BLUE, False),
    "leading": ("━━━━", IOM_BLUE, True),
    "coordinator": ("════", IOM_BLUE, False),
    "alternate": ("╺ ╺ ╺ ╺", IOM_BLUE, False),
    "observer": ("┄┄┄┄", IOM_BLUE, False),
    "added_edge": ("━━ +", ADDED, False),
    "changed_edge": ("━━ ~", CHANGED, False),
    "removed_edge": ("╺ ╺ ✕", REMOVED_INK, False),
}
