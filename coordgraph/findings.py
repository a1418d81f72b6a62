"""Findings: what the analyses report about a valid graph."""

from .records import FrozenRecord

_set = object.__setattr__

SEVERITIES = ("error", "warning", "info")
_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
#: ``--fail-on`` choices, and the severities each one fails on.
FAIL_ON = {"error": {"error"}, "warning": {"error", "warning"}, "never": set()}


class Finding(FrozenRecord):
    """One finding of a CG2xx or CG3xx rule.

    ``node`` is the node the finding is about; ``nodes`` every node involved
    (the cycle, the platforms of an overloaded role...).
    """

    __slots__ = _fields = ("code", "severity", "node", "nodes", "message", "hint")
    code: str
    severity: str
    node: str
    nodes: tuple[str, ...]
    message: str
    hint: str

    def __init__(self, code: str, severity: str, node: str, nodes: tuple[str, ...] = (),
                 message: str = "", hint: str = "") -> None:
        _set(self, "code", code)
        _set(self, "severity", severity)
        _set(self, "node", node)
        _set(self, "nodes", nodes)
        _set(self, "message", message)
        _set(self, "hint", hint)

    def sort_key(self):
        return (_RANK[self.severity], self.code, self.node)

    def as_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity, "node": self.node,
                "nodes": list(self.nodes), "message": self.message, "hint": self.hint}


def sort_findings(findings) -> list[Finding]:
    """Sort by severity (errors first), then code, then node id."""
    return sorted(findings, key=Finding.sort_key)


def summarize(findings) -> dict[str, int]:
    """Count findings per severity, every severity present.

    >>> summarize([Finding("CG301", "error", "hct")])
    {'error': 1, 'warning': 0, 'info': 0}
    """
    counts = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def fails(findings, fail_on: str) -> bool:
    """Whether any finding is at or above the ``--fail-on`` threshold."""
    levels = FAIL_ON[fail_on]
    return any(f.severity in levels for f in findings)
