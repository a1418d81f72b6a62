"""The package's own exceptions and the problem records they carry.

The library raises these; only the CLI turns them into messages and exit
codes (2 for data and usage, 3 for Graphviz).
"""

from .records import FrozenRecord, as_dict

_set = object.__setattr__


class Problem(FrozenRecord):
    """One thing wrong (or suspicious) in an input file.

    ``line`` and ``column`` are 1-based; ``None`` when the problem concerns
    the whole file.
    """

    __slots__ = _fields = ("code", "file", "line", "column", "message", "hint", "severity")
    code: str
    file: str
    line: int | None
    column: int | None
    message: str
    hint: str
    severity: str

    def __init__(self, code: str, file: str, line: int | None, column: int | None,
                 message: str, hint: str = "", severity: str = "error") -> None:
        _set(self, "code", code)
        _set(self, "file", file)
        _set(self, "line", line)
        _set(self, "column", column)
        _set(self, "message", message)
        _set(self, "hint", hint)
        _set(self, "severity", severity)

    def location(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def as_dict(self) -> dict:
        data = as_dict(self)
        del data["severity"]
        return data

    def sort_key(self):
        return (self.file, self.line or 0, self.column or 0, self.code)


class CoordgraphError(Exception):
    """Base class of every error coordgraph raises on purpose."""

    exit_code = 2


class DataError(CoordgraphError):
    """The context's files are invalid; ``problems`` lists every CG1xx error."""

    def __init__(self, problems, warnings=()):
        self.problems = sorted(problems, key=Problem.sort_key)
        self.warnings = list(warnings)
        first = self.problems[0] if self.problems else None
        summary = f"{len(self.problems)} problem(s) in the data"
        if first is not None:
            summary += f"; first: {first.location()}: {first.code} {first.message}"
        super().__init__(summary)


class UsageError(CoordgraphError):
    """A valid graph was asked for something it cannot give (unknown id...)."""


class GraphvizError(CoordgraphError):
    """Graphviz is missing, failed or timed out."""

    exit_code = 3


class ArgumentError(UsageError, TypeError):
    """A library function was given the wrong kind of argument (a folder name
    where a graph is expected, ``None`` where a text is...).

    Also a :class:`TypeError`, so code that catches Python's own error for a
    wrong argument type keeps working; the message says how to call it.
    """


class RenderWarning(UserWarning):
    """Something the drawing could not show as asked (a label cut, a huge graph...)."""


class DataWarning(UserWarning):
    """Something suspicious in a context's files that does not stop loading
    (a Windows-1252 file, an unknown column...); ``problem`` is the
    :class:`Problem` (severity ``warning``) that says where and what."""

    def __init__(self, problem: Problem):
        super().__init__(f"{problem.location()}: {problem.code} {problem.message}")
        self.problem = problem


class UnknownOrgWarning(UserWarning):
    """No role belongs to the organisation asked for (a typo in ``org``?):
    every platform would read as missing it. The message suggests a spelling."""
