"""The ``export`` command (issue 5)."""
