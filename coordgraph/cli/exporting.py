"""The ``export`` command (issue 5): the graph for yEd, Gephi, wikis, Excel, Python."""

import sys

import click

from . import _data_option, _load, _org, _org_option, cli
from .terminal import echo_text

# Kept here rather than imported from ..exporting, so that `coordgraph --help`
# does not load the exporters; a test checks the two agree.
EXPORT_FORMATS = ("json", "graphml", "gexf", "mermaid", "csv", "cytoscape", "contacts")


@cli.command()
@_data_option
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default=None,
              help="json: networkx node-link data; graphml: yEd, Gephi, graphology; gexf: "
                   "Gephi; mermaid: a flowchart for GitHub and wikis; csv: the seat table for "
                   "Excel; cytoscape: Cytoscape.js elements; contacts: the org's contact list "
                   "for Excel. [default: from -o's suffix (.json, .graphml, .gexf, .mmd, .md, "
                   ".csv, .cyjs)]")
@click.option("-o", "--output", metavar="FILE",
              help="Write to FILE, atomically, creating its folder; '-' or no -o writes "
                   "to stdout (the same bytes). Mermaid to a .md file is fenced as a "
                   "```mermaid block. Never overwrites the context's input files.")
@_org_option
@click.option("--lang", type=click.Choice(("en", "fr", "es")), default=None,
              help="mermaid and csv: language of the labels [default: lang in "
                   "context.toml, else en]. json, graphml and gexf carry every language.")
def export(data_dir, fmt, output, org, lang):
    """Export the graph for other tools: networkx, yEd, Gephi, Mermaid, Excel.

    json, graphml and gexf carry every node and edge attribute (labels in
    every language, kind, relation, capacity, condition...) and the context,
    and reload with networkx to the same graph. mermaid is a flowchart
    (escalation upward, one box per structure, the org's roles in blue,
    unrepresented platforms in red). csv is one row per platform: seat
    holders with capacity and condition, alternates, observers and the
    findings of `check` for --org; cells Excel could run as formulas are
    neutralised with a leading '. cytoscape is the elements JSON of
    Cytoscape.js; contacts is one row per seat the org holds (platform, lead
    agency, role, person, capacity, location).

    \b
    Examples:
      coordgraph export --format json > graph.json
      coordgraph export --data my-country -o output/my-country.graphml
      coordgraph export --data my-country -o output/my-country.gexf
      coordgraph export --format mermaid -o docs/organigram.md
      coordgraph export --data my-country --format csv -o output/seats.csv
      coordgraph export --data my-country --format contacts -o output/contacts.csv
    """
    from ..errors import UsageError
    from ..exporting import (MERMAID_MAX_EDGES, MERMAID_MAX_TEXT, export as export_graph,
                             format_for, mermaid_markdown)
    from ..writing import input_files, write_atomic

    to_stdout = output in (None, "-")
    if fmt is None:
        fmt = None if to_stdout else format_for(output)
        if fmt is None:
            raise click.UsageError(
                "say which format: --format " + "|".join(EXPORT_FORMATS)
                + (f" ('{output}' has no known suffix)" if not to_stdout else ""))

    graph, _ = _load(data_dir)
    org = _org(graph, org)

    data = export_graph(graph, fmt, org=org, lang=lang)
    if fmt == "mermaid":
        _warn_mermaid_size(data, graph, MERMAID_MAX_TEXT, MERMAID_MAX_EDGES)
        if not to_stdout and output.lower().endswith(".md"):
            data = mermaid_markdown(data.decode("utf-8")).encode("utf-8")

    if to_stdout:
        click.echo(data, nl=False)        # bytes: written as they are
        return
    try:
        write_atomic(output, data, protected=input_files(graph))
    except UsageError as exc:
        echo_text(f"Error: {exc}", err=True)
        sys.exit(2)
    click.echo(f"wrote {output} ({fmt}, {len(graph.nodes)} nodes, {len(graph.edges)} "
               "relations)", err=True)


def _warn_mermaid_size(data, graph, max_text, max_edges):
    if len(data) > max_text or len(graph.edges) > max_edges:
        click.echo(f"warning: {len(data):,} characters and {len(graph.edges):,} edges: GitHub "
                   f"and most wikis draw Mermaid up to {max_text:,} characters and "
                   f"{max_edges} edges; export a smaller context, or use graphml or "
                   "`coordgraph render` for large graphs", err=True)
