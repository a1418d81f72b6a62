"""The error for a brief format whose library is not installed."""

from ..errors import UsageError


def missing_library(name: str, module: str):
    """The error for a format whose library is not installed."""
    return UsageError(f"this format needs {name}, which is not installed: "
                      f"pip install 'coordgraph[brief]' (or pip install {module})")
