"""The exports' colours, taken from the drawing's palette.

:mod:`coordgraph.rendering.styles` holds the project's colours (a module of
constants, cheap to import); the exports ask it how a node is drawn, so an
exported graph looks like the organigram and a palette change reaches both.
"""

from ..rendering import styles


def node_colours(node, own: bool, *, unrepresented: bool = False) -> dict:
    """Fill, outline and text colour of ``node`` as the organigram draws it.

    ``own``: a role of the organisation in focus. ``unrepresented``: a
    platform where that organisation is expected and has nobody (outlined red).

    >>> from coordgraph.model import Node
    >>> node_colours(Node("r", "role", "R"), own=True)
    {'fill': '#0033A0', 'line': '#0033A0', 'text': '#FFFFFF', 'dashed': False}
    """
    status = node.status
    if node.kind == "role" and node.is_vacant:
        status = "vacant"
    attrs, _, ink = styles.node_style(node.kind, own=own, status=status,
                                      severity="error" if unrepresented else None)
    return {"fill": attrs["fillcolor"], "line": attrs["color"], "text": ink["text"],
            "dashed": "dashed" in attrs.get("style", "") or status in ("planned", "vacant")}


def rgb(colour: str) -> tuple[int, int, int]:
    """``#RRGGBB`` as three integers.

    >>> rgb("#0033A0")
    (0, 51, 160)
    """
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]
