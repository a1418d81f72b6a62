"""The ``brief`` command: one page for a Chief of Mission (DOCX, PDF, HTML
or Markdown)."""

from pathlib import Path

import click

from ..briefing import brief_files, make_brief
from ..briefing.content import PAGES
from ..schema import LANGS
from ..suffixes import implied_format
from ..writing import input_files, write_atomic
from .common import chosen_org, command, data_option, load_shown, org_option
from .rendering import _load_compared

_FORMATS = ("docx", "pdf", "html", "md")


@command("brief")
@data_option
@click.option("-o", "--output", metavar="FILE",
              help="Where to write; its suffix (.docx .pdf .html .md) picks the format "
                   "[default: output/brief.<format>]. md also writes FILE's picture as .png "
                   "beside it.")
@click.option("--format", "fmt", type=click.Choice(_FORMATS),
              help="docx for Word and LibreOffice, pdf to print or send, html one offline "
                   "page, md Markdown [default: from -o's suffix, else docx].")
@click.option("--page", "page_name", type=click.Choice(tuple(PAGES)), default="a4",
              show_default=True, help="Page or slide size.")
@click.option("--since", metavar="OLD",
              help="Also say what changed since OLD, a context folder or a template name "
                   "(as diff takes them).")
@click.option("--lang", type=click.Choice(LANGS),
              help="Language of the brief and of labels (label_fr, label_es) [default: lang "
                   "in context.toml, else en].")
@org_option
def brief_command(data_dir, output, fmt, page_name, since, lang, org):
    """Write a one-page brief: the platforms drawn to fit the page, who sits
    where, the findings with what to do and, with --since, what changed.

    The drawing keeps its text at 7 pt or more: when the whole structure is
    too large for the page, the brief draws the top of it, or says how to
    draw it on its own. A long table continues on a second page.

    \b
    Examples:
      coordgraph brief --data my-country                 # output/brief.docx
      coordgraph brief --data my-country -o brief.pdf
      coordgraph brief --data my-country --since generic --format html
      coordgraph brief --data my-country --lang fr -o note.md
    """
    fmt = _format(output, fmt)
    graph, _ = load_shown(data_dir)
    org = chosen_org(graph, org)
    old = None
    if since is not None:
        old = _load_compared(since, option="--since")
    target = Path(output) if output else Path("output") / f"brief.{fmt}"
    protected = [*input_files(graph), *(input_files(old) if old is not None else ())]
    content = make_brief(graph, org=org, lang=lang, page_name=page_name, since=old)
    files = brief_files(content, fmt, target)
    for path, data in files:
        write_atomic(path, data, protected=protected)
    for path, data in files:
        click.echo(f"wrote {path} ({len(data) / 1024:.0f} KB)", err=True)


def _format(output, fmt):
    """The format: --format, else the suffix of -o, else docx; they must agree."""
    if output == "-":
        raise click.BadParameter("a brief is a file (Markdown comes with its picture): "
                                 "give -o a file name", param_hint="'-o'")
    implied = implied_format("brief", output) if output else None
    if fmt and implied and fmt != implied:
        raise click.BadParameter(f"the file name says {implied} but --format says {fmt}",
                                 param_hint="'-o' / '--format'")
    if output and not fmt and not implied:
        raise click.BadParameter(f"cannot tell the format from '{output}': end it with "
                                 ".docx, .pdf, .html or .md, or add --format",
                                 param_hint="'-o'")
    return fmt or implied or "docx"
