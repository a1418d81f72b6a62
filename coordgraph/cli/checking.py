"""Commands that read a context and report on it: ``validate`` and ``check``."""

import sys

import click

from ..analysis import check
from ..findings import fails
from ..reporting import (
    findings_json,
    findings_markdown,
    findings_text,
    problems_json,
    problems_text,
)
from . import keep_to_the_end
from .common import FORMATS, chosen_org, command, data_option, load_shown, org_option
from .terminal import echo_text


@command("validate", json_problems=True)
@data_option
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text",
              show_default=True, help="Output format.")
def validate_command(data_dir, fmt):
    """Check that a context folder is well formed (rules CG101-CG110).

    Every problem is reported at once, as path:line:column: CODE message
    (hint). Exits 0 when the data is valid, 2 when it is not.

    \b
    Examples:
      coordgraph validate --data my-country
      coordgraph validate --data my-country --format json
    """
    graph, warnings = load_shown(data_dir, fmt)
    keep_to_the_end(graph)
    if fmt == "json":
        click.echo(problems_json([], warnings))
        return
    platforms = sum(1 for n in graph.nodes.values() if n.kind == "platform")
    where = data_dir or "bundled framework"
    echo_text(f"{where}: valid: {platforms} platforms, {len(graph.nodes) - platforms} roles, "
               f"{len(graph.edges)} relations.")


@command("check", json_problems=True)
@data_option
@org_option
@click.option("--max-seats", type=click.IntRange(min=1), default=3, show_default=True,
              help="A role with seats in more platforms than this is overloaded (CG304).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format: a plain report, the JSON object, or a Markdown table.")
@click.option("--fail-on", type=click.Choice(("error", "warning", "never")), default="error",
              show_default=True, help="Exit 1 when a finding is at or above this severity.")
def check_command(data_dir, org, max_seats, fmt, fail_on):
    """Find where the organisation is missing, thin or overloaded (CG2xx, CG3xx).

    Runs every rule on a valid context: escalation cycles and forks, orphans,
    unrepresented platforms, weak or junior representation, overloaded roles
    and single points of failure. Inactive platforms are ignored.

    \b
    Examples:
      coordgraph check
      coordgraph check --data my-country --fail-on warning
      coordgraph check --org UNHCR --format json
      coordgraph check --format markdown > brief-annex.md
    """
    graph, warnings = load_shown(data_dir, fmt)
    if warnings and fmt == "json":
        # The JSON object has no place for them; stdout stays pure JSON.
        echo_text(problems_text([], warnings), err=True, nl=False)
    org = chosen_org(graph, org)
    findings = check(graph, org=org, max_seats=max_seats)
    if fmt == "json":
        click.echo(findings_json(findings, org))
    elif fmt == "markdown":
        echo_text(findings_markdown(graph, findings, org), nl=False)
    else:
        echo_text(findings_text(graph, findings, org), nl=False)
    keep_to_the_end(graph, findings)
    sys.exit(1 if fails(findings, fail_on) else 0)
