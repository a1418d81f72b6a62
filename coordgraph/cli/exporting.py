"""The ``export`` command: the graph for yEd, Gephi, wikis, Excel, Python."""

import os
import sys

import click

from ..exporting import (
    FORMATS as EXPORT_FORMATS,
    MERMAID_MAX_EDGES,
    MERMAID_MAX_TEXT,
    export,
    format_for,
    mermaid_markdown,
)
from ..hxl import CONTACT_TAGS, SEAT_TABLE_TAGS, add_hashtag_row
from ..writing import input_files, write_atomic
from ..writing_context import context_files, workbook_bytes, write_context_folder
from .common import chosen_org, command, data_option, load_shown, org_option

#: Formats that write the context itself, for --data to read back.
CONTEXT_FORMATS = ("context", "xlsx")


@command("export")
@data_option
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS + CONTEXT_FORMATS),
              default=None,
              help="json: networkx node-link data; graphml: yEd, Gephi, graphology; gexf: "
                   "Gephi; mermaid: a flowchart for GitHub and wikis; csv: the seat table for "
                   "Excel; cytoscape: Cytoscape.js elements; contacts: the org's contact list "
                   "for Excel; context: a context folder (-o DIR); xlsx: a context workbook. "
                   "[default: from -o's suffix (.json, .graphml, .gexf, .mmd, .md, .csv, "
                   ".cyjs, .xlsx)]")
@click.option("-o", "--output", metavar="FILE",
              help="Write to FILE, atomically, creating its folder; '-' or no -o writes "
                   "to stdout (the same bytes). Mermaid to a .md file is fenced as a "
                   "```mermaid block. Never overwrites the context's input files.")
@org_option
@click.option("--lang", type=click.Choice(("en", "fr", "es")), default=None,
              help="mermaid and csv: language of the labels [default: lang in "
                   "context.toml, else en]. json, graphml and gexf carry every language.")
@click.option("--hxl", is_flag=True,
              help="csv, contacts, context and xlsx: add a row of HXL hashtags (#org, "
                   "#sector+code, #contact+name...) under the header, for HDX and HXL tools.")
def export_command(data_dir, fmt, output, org, lang, hxl):
    """Export the graph for other tools: networkx, yEd, Gephi, Mermaid, Excel.

    json, graphml and gexf carry every node and edge attribute (labels in
    every language, kind, relation, capacity, condition...) and the context,
    and reload with networkx to the same graph. mermaid is a flowchart
    (escalation upward, one box per structure, the org's roles in blue,
    unrepresented platforms in red). csv is one row per platform: seat
    holders with capacity and condition, alternates, observers and the
    findings of `check` for --org; cells Excel could run as formulas are
    neutralised with a leading '. context (nodes.csv, edges.csv and
    context.toml in the folder -o) and xlsx (one workbook) write the context
    itself, every column kept: --data reads them back to the same graph and
    the same check.
    cytoscape is the elements JSON of Cytoscape.js; contacts is one row per
    seat the org holds (platform, lead agency, role, person, capacity,
    location).

    \b
    Examples:
      coordgraph export --format json > graph.json
      coordgraph export --data my-country -o output/my-country.graphml
      coordgraph export --data my-country -o output/my-country.gexf
      coordgraph export --format mermaid -o docs/organigram.md
      coordgraph export --data my-country --format csv -o output/seats.csv
      coordgraph export --data my-country -o my-country.xlsx
      coordgraph export --data my-country.xlsx --format context -o my-country --hxl
      coordgraph export --data my-country --format contacts -o output/contacts.csv
    """
    to_stdout = output in (None, "-")
    if fmt is None and not to_stdout and output.lower().endswith(".xlsx"):
        fmt = "xlsx"
    if fmt is None:
        fmt = None if to_stdout else format_for(output)
        if fmt is None:
            raise click.UsageError(
                "say which format: --format " + "|".join(EXPORT_FORMATS + CONTEXT_FORMATS)
                + (f" ('{output}' has no known suffix)" if not to_stdout else ""))
    if hxl and fmt not in ("csv", "contacts", *CONTEXT_FORMATS):
        raise click.UsageError("--hxl adds HXL hashtags to csv, contacts, context and xlsx "
                               "exports only")
    if fmt == "context" and to_stdout:
        raise click.UsageError("--format context writes a folder: give it with -o DIR")
    if fmt == "xlsx" and to_stdout and sys.stdout.isatty():
        raise click.UsageError("--format xlsx writes a workbook: give -o FILE.xlsx, or "
                               "redirect the output to a file")

    graph, _ = load_shown(data_dir)
    if fmt in CONTEXT_FORMATS:
        _export_context(graph, fmt, output, hxl)
        return
    org = chosen_org(graph, org)

    data = export(graph, fmt, org=org, lang=lang)
    if hxl:
        data = add_hashtag_row(data, CONTACT_TAGS if fmt == "contacts" else SEAT_TABLE_TAGS)
    if fmt == "mermaid":
        _warn_mermaid_size(data, graph, MERMAID_MAX_TEXT, MERMAID_MAX_EDGES)
        if not to_stdout and output.lower().endswith(".md"):
            data = mermaid_markdown(data.decode("utf-8")).encode("utf-8")

    if to_stdout:
        click.echo(data, nl=False)        # bytes: written as they are
        return
    write_atomic(output, data, protected=input_files(graph))
    click.echo(f"wrote {output} ({fmt}, {len(graph.nodes)} nodes, {len(graph.edges)} "
               "relations)", err=True)


def _warn_mermaid_size(data, graph, max_text, max_edges):
    if len(data) > max_text or len(graph.edges) > max_edges:
        click.echo(f"warning: {len(data):,} characters and {len(graph.edges):,} edges: GitHub "
                   f"and most wikis draw Mermaid up to {max_text:,} characters and "
                   f"{max_edges} edges; export a smaller context, or use graphml or "
                   "`coordgraph render` for large graphs", err=True)


def _export_context(graph, fmt, output, hxl):
    """Write the context itself: a folder of CSV files, or a workbook."""
    what = f"{len(graph.nodes)} nodes, {len(graph.edges)} relations"
    if fmt == "context":
        write_context_folder(output, context_files(graph, hxl=hxl),
                             protected=input_files(graph))
        click.echo(f"wrote {output} (context: nodes.csv, edges.csv, context.toml; "
                   f"{what})", err=True)
        return
    name = "context.xlsx" if output in (None, "-") else os.path.basename(output)
    data = workbook_bytes(graph, hxl=hxl, file_name=name)
    if output in (None, "-"):
        click.echo(data, nl=False)
        return
    write_atomic(output, data, protected=input_files(graph))
    click.echo(f"wrote {output} (xlsx, {what})", err=True)
