"""Commands for country contexts: ``init``, ``diff`` and ``show`` (issue 4)."""
