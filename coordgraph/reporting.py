"""Turn problems and findings into text, JSON and Markdown.

Pure functions returning strings: the CLI decides where they go.
"""

import json

from .findings import SEVERITIES, summarize

_TITLES = {"error": "Errors", "warning": "Warnings", "info": "Notes"}


# Problems (CG1xx): read like a linter, path:line:column: CODE message.

def problem_line(problem) -> str:
    label = f"{problem.code}" if problem.severity == "error" else f"warning {problem.code}"
    text = f"{problem.location()}: {label} {problem.message}"
    if problem.hint:
        text += f" ({problem.hint})"
    return text


def problems_text(problems, warnings=()) -> str:
    lines = [problem_line(p) for p in (*warnings, *problems)]
    if problems:
        files = len({p.file for p in problems})
        lines.append(f"{len(problems)} error(s) in {files} file(s); nothing was checked.")
    return "\n".join(lines) + ("\n" if lines else "")


def problems_json(problems, warnings=(), valid=None) -> str:
    return _dump({
        "valid": not problems if valid is None else valid,
        "errors": [p.as_dict() for p in problems],
        "warnings": [p.as_dict() for p in warnings],
    })


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
    platforms = graph.active_platforms()
    lines = [_heading(graph, org),
             f"{len(platforms)} active platforms, {len(graph.nodes) - len(platforms)} other nodes, "
             f"{len(graph.edges)} relations: {_counts(findings)}."]
    for severity in SEVERITIES:
        group = [f for f in findings if f.severity == severity]
        if not group:
            continue
        lines += ["", f"{_TITLES[severity]}:"]
        for finding in group:
            lines.append(f"  {finding.code} {finding.node}: {finding.message}")
            if finding.hint:
                lines.append(f"        → {finding.hint}")
    if not findings:
        lines += ["", _nothing_found(platforms, org) + "; nothing to report."]
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
    """Text safe in a Markdown table cell: no pipe, line break or HTML tag.

    >>> markdown_cell("a|b <script>\\nc")
    'a\\\\|b &lt;script> c'
    """
    return (str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ")
            .replace("\n", " ").replace("<", "&lt;"))


def findings_markdown(graph, findings, org: str) -> str:
    lines = [f"## {_heading(graph, org)}", "", f"**{_counts(findings)}**", ""]
    if findings:
        lines += ["| severity | code | node | finding | what to do |",
                  "|---|---|---|---|---|"]
        lines += [f"| {f.severity} | {f.code} | `{markdown_cell(f.node)}` | {markdown_cell(f.message)} "
                  f"| {markdown_cell(f.hint)} |" for f in findings]
    else:
        lines.append(_nothing_found(graph.active_platforms(), org) + ".")
    return "\n".join(lines) + "\n"


def _dump(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)
