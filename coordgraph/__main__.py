"""``python -m coordgraph``: the same as the ``coordgraph`` command."""

from .entry import main

main()
