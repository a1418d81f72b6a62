"""``python -m coordgraph``: the same as the ``coordgraph`` command."""

from .cli import main

main()
