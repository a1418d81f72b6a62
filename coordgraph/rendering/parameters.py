"""What a drawing may be: views, formats, file suffixes, timeouts and size limits.

A leaf module (the xflr6/graphviz ``parameters`` habit): the CLI's options and
every rendering module read these without importing the renderer.
"""

from ..suffixes import SUFFIXES as ALL_SUFFIXES

#: What can be drawn (see :mod:`.views`).
VIEWS = ("organigram", "platforms", "representation", "leadership")
#: Seconds Graphviz may take by default, and at most (a finite limit: no hang).
DEFAULT_TIMEOUT = 60.0
MAX_TIMEOUT = 86_400.0
#: Output formats; each is made from the DOT text or from another format,
#: so an ``html`` format can wrap the SVG.
FORMATS = ("svg", "png", "pdf", "dot", "html")
#: The largest drawing made with Graphviz (svg, png, pdf, html): nodes and edges
#: after the view and ``focus`` chose them. Graphviz's layout grows faster than
#: the drawing: on a 2-core machine a clustered organigram took 3–11 s at 3,000
#: nodes, about 15 s at 5,000 with the layout limits on (and up to 100 s when
#: the machine was busy), over 5 minutes at 30,000; a drawing that large is
#: unreadable anyway. Larger drawings are refused before the check runs or any
#: DOT is built, with a hint to draw a part.
MAX_NODES = 5_000
MAX_EDGES = 15_000
#: ``format="dot"`` runs no Graphviz: only building the DOT text limits it
#: (about 3 s for 50,000 nodes; 20 s and more for 300,000).
MAX_DOT_NODES = 50_000
MAX_DOT_EDGES = 150_000
#: Pages and slides a drawing can be fitted to (sizes in :mod:`.paging`).
PAGES = ("a4", "a4-landscape", "letter", "letter-landscape", "16:9")
#: File suffixes that name a format (the ``render`` row of the one table).
SUFFIXES = ALL_SUFFIXES["render"]
