"""A brief as Markdown, with its picture in a PNG file beside it."""

from ..escaping import markdown_text as _md


def markdown_page(brief, picture_name: str | None = None) -> str:
    """The Markdown of ``brief``; ``picture_name`` is the PNG's file name
    (written beside the Markdown file), ``None`` for no picture.

    >>> import coordgraph
    >>> from coordgraph.briefing.content import brief_content
    >>> g = coordgraph.from_records(
    ...     nodes=[{"id": "hct", "kind": "platform", "label": "A | B"}], edges=[])
    >>> print(markdown_page(brief_content(g, coordgraph.check(g))).splitlines()[-1])
    | A \\| B |  |  | no IOM seat |  |  |  |
    """
    words = brief.words
    lines = [f"# {_md(brief.title)}", ""]
    if brief.subtitle:
        lines += [_md(brief.subtitle), ""]
    if brief.picture is not None and picture_name:
        lines += [f"![{_md(brief.picture.caption)}]({_link(picture_name)})", "",
                  f"*{_md(brief.picture.caption)}*", ""]
    elif brief.picture_note:
        lines += [f"*{_md(brief.picture_note)}*", ""]
    lines += [f"## {_md(brief.headings['findings'])}", "", _md(brief.summary), ""]
    for line in brief.findings:
        title = f"**{_md(line.title)}**" if line.severity == "error" else _md(line.title)
        about = f" — {_md(line.about)}" if line.about else ""
        todo = f" {_md(words['to_do'])} {_md(line.action)}" if line.action else ""
        lines.append(f"- {title}{about}.{todo}")
    if brief.findings_left:
        lines.append(f"- {_md(words['more'].format(n=brief.findings_left))}")
    if brief.findings or brief.findings_left:
        lines.append("")
    if brief.changes is not None:
        lines += [f"## {_md(brief.headings['changes'])}", ""]
        lines += [f"- {_md(text)}" for text in brief.changes]
        if brief.changes_left:
            lines.append(f"- {_md(words['more_changes'].format(n=brief.changes_left))}")
        if not brief.changes:
            lines.append(_md(words["no_changes"]))
        lines.append("")
    columns = brief.headings["columns"]
    lines += [f"## {_md(brief.headings['table'])}", "",
              "| " + " | ".join(_md(c) for c in columns) + " |",
              "|" + "---|" * len(columns)]
    for row in brief.rows:
        holder = " ".join(part for part in (row.holder, row.note) if part)
        cells = (row.platform, row.lead, row.co_lead, holder, row.person, row.alternate,
                 row.location)
        lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def _link(name: str) -> str:
    """A file name as a Markdown link target (spaces and parentheses escaped)."""
    from urllib.parse import quote

    return quote(name)
