"""The ``render`` command: organigrams as SVG, PNG, PDF, DOT or an HTML page."""

import sys
import warnings

import click

from ..errors import DataError, RenderWarning, UsageError
from ..loading import resolve
from ..paths import join, plain
from ..rendering import (
    DEFAULT_TIMEOUT,
    FORMATS,
    MAX_TIMEOUT,
    PAGES,
    SUFFIXES,
    VIEWS,
    prestart,
    render,
)
from ..rendering.svg import is_id_prefix, with_id_prefix
from ..schema import LANGS
from ..suffixes import implied_format
from ..writing import _input_files, _write_atomic
from .common import (
    CommandError,
    ProblemsError,
    chosen_org,
    command,
    data_option,
    load_context,
    load_shown,
    org_option,
    show_warnings,
)
from .terminal import echo_text


@command("render")
@data_option
@click.option("-o", "--output", metavar="FILE|-",
              help="Where to write; its suffix (.svg .png .pdf .dot .html) picks the format; "
                   "- writes to stdout [default: output/<view>.<format>].")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Output format [default: from -o's suffix, else svg]. dot is the "
                   "Graphviz source, for another machine or your own tweaks; html one "
                   "offline page to search and click.")
@click.option("--view", type=click.Choice(VIEWS), default="organigram", show_default=True,
              help="organigram: everything; platforms: the structure without the people; "
                   "representation: the org's roles and where they sit; leadership: who "
                   "leads and co-leads each platform, the org's outlined.")
@click.option("--focus", metavar="ID", help="Draw only the neighbourhood of this node.")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
              help="With --focus: how many steps away from ID to draw.")
@click.option("--lang", type=click.Choice(LANGS),
              help="Language of labels (label_fr, label_es, falling back to label), "
                   "legend and titles [default: lang in context.toml, else en].")
@org_option
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True, max=MAX_TIMEOUT),
              default=DEFAULT_TIMEOUT, show_default=True, metavar="SECONDS",
              help="Give up when Graphviz takes longer than this.")
@click.option("--compare", "compare_with", metavar="OLD",
              help="Mark what changed since OLD, a context folder or a template name "
                   "(as diff takes them): new and changed nodes and relations badged, "
                   "removed ones drawn faded.")
@click.option("--id-prefix", metavar="TEXT", callback=lambda _c, _p, v: _id_prefix(v),
              help="SVG only: put TEXT before every id, so several drawings can be inlined "
                   "in one web page (with a- the box of hct is a-node-hct). Letters, digits, "
                   "- and _, starting with a letter.")
@click.option("--page", type=click.Choice(PAGES),
              help="Fit the drawing to a page or slide with its text at least 7 pt; when "
                   "it cannot, nothing is written and the parts that fit are proposed.")
@click.option("--location", metavar="NAME",
              help="One hub: the platforms at NAME, those they answer to, the people there.")
@click.option("--show-inactive", is_flag=True,
              help="Also draw inactive roles (a template's unused posts), left out by "
                   "default.")
def render_command(data_dir, output, fmt, view, focus, depth, lang, org, timeout,
                   compare_with, id_prefix, page, location, show_inactive):
    """Draw the organigram (SVG, PNG, PDF, DOT or HTML), findings marked.

    Apex platforms at the top and escalation flowing upward, platforms
    grouped by structure, the org's roles in blue, line styles for seats,
    alternates and observers, a legend, and the check's findings on the
    drawing (a red badge where the org has no one). Needs Graphviz's dot,
    except for --format dot.

    --format html writes one self-contained page that works offline (from a
    USB stick or an e-mail attachment): search in every language, click a
    box for its seats, alternates, observers, escalation route and
    findings, relation filters, and the list of findings.

    Drawings of more than 5,000 nodes or 15,000 edges (50,000 and 150,000
    with --format dot) are refused: draw a part with --focus ID --depth N or
    --view platforms.

    With --compare OLD, the drawing also shows what changed since OLD (a
    folder, or a template such as generic): "+ new" and "~ changed" badges
    (old → new values in the tooltips), and what OLD had that is gone drawn
    faded with a "✕ removed" badge; matching is diff's.

    \b
    Examples:
      coordgraph render                              # output/organigram.svg
      coordgraph render --data my-country -o brief.png
      coordgraph render --view platforms --format pdf
      coordgraph render --focus hct --depth 2 -o hct.svg
      coordgraph render --lang fr -o - > organigramme.svg
      coordgraph render -o organigram.html           # interactive, one offline file
      coordgraph render --data my-country --compare generic -o changes.svg
      coordgraph render --data my-country --page a4-landscape -o country.pdf
      coordgraph render --data my-country --location Kessa --page a4 -o kessa.pdf
    """
    fmt = _format(output, fmt)
    if id_prefix is not None and fmt != "svg":
        raise click.BadParameter(f"ids are prefixed in SVG only, not {fmt}",
                                 param_hint="'--id-prefix'")
    if page is None:   # --page measures the drawing first, in other formats
        prestart(fmt)   # Graphviz starts up while the data is loaded
    graph, _ = load_shown(data_dir)
    org = chosen_org(graph, org)
    old = _load_compared(compare_with) if compare_with is not None else None
    caught = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RenderWarning)
            data = render(graph, format=fmt, view=view, focus=focus, depth=depth,
                          lang=lang, org=org, timeout=timeout, compare=old, page=page,
                          location=location, show_inactive=show_inactive)
        if id_prefix is not None:
            data = with_id_prefix(data, id_prefix)
    finally:   # also when Graphviz failed: a cut label may be why
        for warning in caught:
            echo_text(f"warning: {warning.message}", err=True)
    if output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = plain(output) if output else join("output", f"{view}.{fmt}")
    _write_atomic(target, data, protected=[
        *_input_files(graph), *(_input_files(old) if old is not None else ())])
    click.echo(f"wrote {target} ({_size(len(data))})", err=True)


def _load_compared(argument, option="--compare"):
    """--compare OLD (or brief's --since OLD): a folder or a template name,
    loaded as --data is (every problem listed, exit 2), the option named in
    the error."""
    try:
        graph, found = load_context(resolve(argument, strict=True))
    except UsageError as exc:
        raise CommandError.of(exc, f"{option}: ") from exc
    except DataError as exc:
        raise ProblemsError(exc, headline=f"{option} {argument}: not a valid context; "
                                          "nothing was drawn.") from exc
    show_warnings(found)
    return graph


def _id_prefix(value):
    """--id-prefix checked before anything is drawn."""
    if value is not None and not is_id_prefix(value):
        raise click.BadParameter(f"'{value}': use letters, digits, - and _, starting with a "
                                 "letter")
    return value


def _format(output, fmt):
    """The format: --format, else the suffix of -o, else svg; they must agree."""
    implied = implied_format("render", output) if output and output != "-" else None
    if fmt and implied and fmt != implied:
        raise click.BadParameter(f"the file name says {implied} but --format says {fmt}",
                                 param_hint="'-o' / '--format'")
    if output and output != "-" and not fmt and not implied:
        raise click.BadParameter(
            f"cannot tell the format from '{output}': end it with "
            f"{', '.join(sorted(SUFFIXES))}, or add --format", param_hint="'-o'")
    return fmt or implied or "svg"


def _size(count: int) -> str:
    return f"{count / 1024:.0f} KB" if count >= 1024 else f"{count} bytes"
