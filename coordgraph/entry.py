"""The ``coordgraph`` command's entry point: the collector off, then the CLI.

A command is one short run whose objects live until it ends (see
:func:`coordgraph.cli.main`), so the cyclic garbage collector is turned off
before the command line's modules are imported too: its passes over the
classes and functions click and the package create on import cost every
command, ``--help`` included, a few milliseconds and find nothing to free.
Importing :mod:`coordgraph` as a library leaves the collector alone.
"""

import gc


def main():
    """Run the ``coordgraph`` command (the console script and ``python -m coordgraph``)."""
    gc.disable()
    from .cli import main as run  # imported once the collector is off

    run()
