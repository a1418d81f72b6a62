"""Turn problems and findings into text, JSON and Markdown.

Pure functions returning strings: the CLI decides where they go.
"""

from .escaping import escape_controls, escape_json_output, markdown_code, markdown_text
from .findings import SEVERITIES, summarize

_TITLES = {"error": "Errors", "warning": "Warnings", "info": "Notes"}


# Problems (CG1xx): read like a linter, path:line:column: CODE message.

#: Warnings of one code in one file shown at most; the rest are counted.
WARNINGS_SHOWN = 20


def problem_line(problem) -> str:
    """One problem as ``path:line:column: CODE message (hint)``; the path,
    message and hint (they quote the data) with control characters escaped."""
    label = f"{problem.code}" if problem.severity == "error" else f"warning {problem.code}"
    text = f"{escape_controls(problem.location())}: {label} {escape_controls(problem.message)}"
    if problem.hint:
        text += f" ({escape_controls(problem.hint)})"
    return text


def cap_warnings(warnings, limit: int = WARNINGS_SHOWN) -> tuple[list, dict]:
    """The first ``limit`` warnings of each kind (code and file), in order,
    and how many of each kind were left out.

    >>> from coordgraph.errors import Problem
    >>> many = [Problem("CG102", "n.csv", 1, c, "unknown column", severity="warning")
    ...         for c in range(5)]
    >>> shown, omitted = cap_warnings(many, limit=2)
    >>> [w.column for w in shown], omitted
    ([0, 1], {('CG102', 'n.csv'): 3})
    """
    seen: dict = {}
    shown = []
    for warning in warnings:
        kind = (warning.code, warning.file)
        seen[kind] = seen.get(kind, 0) + 1
        if seen[kind] <= limit:
            shown.append(warning)
    return shown, {kind: count - limit for kind, count in seen.items() if count > limit}


def _omitted_line(kind, count: int) -> str:
    code, file = kind
    plural = "s" if count > 1 else ""
    return f"{escape_controls(file)}: … and {count:,} more {code} warning{plural}"


def problems_text(problems, warnings=()) -> str:
    """Warnings (at most :data:`WARNINGS_SHOWN` of a kind, then a count),
    then every error, then the total."""
    shown, omitted = cap_warnings(warnings)
    lines = [problem_line(w) for w in shown]
    last_of_kind = {(w.code, w.file): index for index, w in enumerate(shown)}
    for kind, index in sorted(((k, last_of_kind[k]) for k in omitted), key=lambda x: -x[1]):
        lines.insert(index + 1, _omitted_line(kind, omitted[kind]))
    lines += [problem_line(p) for p in problems]
    if problems:
        files = len({p.file for p in problems})
        lines.append(f"{len(problems)} error(s) in {files} file(s); nothing was checked.")
    return "\n".join(lines) + ("\n" if lines else "")


def problems_json(problems, warnings=(), valid=None) -> str:
    """``valid``, ``errors`` and ``warnings`` (at most :data:`WARNINGS_SHOWN`
    of a kind); ``warnings_omitted`` counts the rest of each kind, when any."""
    shown, omitted = cap_warnings(warnings)
    data = {
        "valid": not problems if valid is None else valid,
        "errors": [p.as_dict() for p in problems],
        "warnings": [p.as_dict() for p in shown],
    }
    if omitted:
        data["warnings_omitted"] = [{"code": code, "file": file, "count": count}
                                    for (code, file), count in omitted.items()]
    return _dump(data)


# Findings (CG2xx, CG3xx): a short plain-language report.

def findings_json(findings, org: str) -> str:
    """The contract JSON object of ``check --format json``.

    >>> print(findings_json([], "IOM"))
    {
      "org": "IOM",
      "summary": {
        "error": 0,
        "warning": 0,
        "info": 0
      },
      "findings": []
    }
    """
    return _dump({"org": org, "summary": summarize(findings),
                  "findings": [f.as_dict() for f in findings]})


def _heading(graph, org: str) -> str:
    context = graph.context
    where = context.name or graph.source or "this context"
    if context.country:
        where += f" ({context.country})"
    when = f", as of {context.as_of}" if context.as_of else ""
    return f"{org} representation in {where}{when}"


def _counts(findings) -> str:
    counts = summarize(findings)
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in SEVERITIES if counts[s]]
    return ", ".join(parts) if parts else "no findings"


def findings_text(graph, findings, org: str) -> str:
    """The plain report of ``check``; names, ids and messages from the data
    have their control characters escaped."""
    platforms = graph.active_platforms()
    lines = [escape_controls(_heading(graph, org)),
             f"{len(platforms)} active platforms, {len(graph.nodes) - len(platforms)} other nodes, "
             f"{len(graph.edges)} relations: {_counts(findings)}."]
    for severity in SEVERITIES:
        group = [f for f in findings if f.severity == severity]
        if not group:
            continue
        lines += ["", f"{_TITLES[severity]}:"]
        for finding in group:
            where = f" {escape_controls(finding.node)}" if finding.node else ""
            lines.append(f"  {finding.code}{where}: "
                         f"{escape_controls(finding.message)}")
            if finding.hint:
                lines.append(f"        → {escape_controls(finding.hint)}")
    if not findings:
        lines += ["", escape_controls(_nothing_found(platforms, org)) + "; nothing to report."]
    return "\n".join(lines) + "\n"


def _nothing_found(platforms, org: str) -> str:
    """What no finding means: a seat everywhere, or nothing to sit in.

    >>> _nothing_found([], "IOM")
    'No active platform to check (nodes.csv lists none, or all are inactive)'
    """
    if not platforms:
        return "No active platform to check (nodes.csv lists none, or all are inactive)"
    return f"{org} holds a seat in every active platform"


def markdown_cell(text) -> str:
    """Text shown as written in a Markdown table cell or heading: no pipe,
    line break, HTML, link or emphasis (see :func:`coordgraph.escaping.markdown_text`).

    >>> markdown_cell("a|b <script>\\nc")
    'a\\\\|b \\\\<script\\\\> c'
    """
    return markdown_text(text)


def findings_markdown(graph, findings, org: str) -> str:
    """A heading, the counts and one table row per finding; every value from
    the data is escaped, so none can add a row, a heading, a link or HTML."""
    lines = [f"## {markdown_text(_heading(graph, org))}", "", f"**{_counts(findings)}**", ""]
    if findings:
        lines += ["| severity | code | node | finding | what to do |",
                  "|---|---|---|---|---|"]
        lines += [f"| {f.severity} | {f.code} | {markdown_code(f.node) if f.node else ''} "
                  f"| {markdown_text(f.message)} | {markdown_text(f.hint)} |" for f in findings]
    else:
        lines.append(markdown_text(_nothing_found(graph.active_platforms(), org)) + ".")
    return "\n".join(lines) + "\n"


def _dump(data) -> str:
    import json  # here: only JSON reports need it, not every command that loads data

    return escape_json_output(json.dumps(data, indent=2, ensure_ascii=False))
