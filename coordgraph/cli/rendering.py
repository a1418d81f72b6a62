"""The ``render`` command (issue 3)."""
