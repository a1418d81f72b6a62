"""One table of output suffixes: each command's row names only its own formats."""

import pytest

from coordgraph import briefing, exporting, rendering
from coordgraph.cli import briefing as brief_cli
from coordgraph.suffixes import SUFFIXES, implied_format

FORMATS = {"render": rendering.FORMATS, "export": exporting.FORMATS, "brief": brief_cli._FORMATS}


@pytest.mark.parametrize("command", sorted(SUFFIXES))
def test_every_suffix_names_a_format_of_its_command(command):
    assert set(SUFFIXES[command].values()) <= set(FORMATS[command])


def test_the_commands_read_the_one_table():
    assert rendering.SUFFIXES is SUFFIXES["render"]
    assert exporting.SUFFIXES is SUFFIXES["export"]
    assert exporting.format_for("Seats.CSV") == implied_format("export", "Seats.CSV") == "csv"


def test_the_file_a_brief_writes_reads_back_as_its_format():
    for fmt, suffix in briefing.FORMATS.items():
        assert implied_format("brief", f"brief{suffix}") == fmt


@pytest.mark.parametrize(("command", "name", "fmt"), [
    ("render", "out/org.GV", "dot"), ("render", "page.htm", "html"), ("render", "x.md", None),
    ("export", "notes.md", "mermaid"), ("export", "org.svg", None),
    ("brief", "notes.md", "md"), ("brief", "brief.PDF", "pdf"), ("brief", "seats.csv", None),
])
def test_a_suffix_means_what_the_command_makes_of_it(command, name, fmt):
    assert implied_format(command, name) == fmt
