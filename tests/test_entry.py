"""The command's entry point: the garbage collector off before the CLI is imported, and
the checked graph left to the end of the process."""

import gc
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

import coordgraph.cli
from coordgraph.cli import cli, keep_to_the_end

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import gc, sys

seen = []

class Probe:
    def find_spec(self, name, path=None, target=None):
        if name == "click":
            seen.append(gc.isenabled())
        return None

sys.meta_path.insert(0, Probe())
sys.argv = ["coordgraph", "--version"]
from coordgraph.entry import main
try:
    main()
except SystemExit:
    pass
print("click imported with the collector on:", seen, file=sys.stderr)
"""


def test_the_console_script_is_the_entry_point():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["coordgraph"] == "coordgraph.entry:main"


def test_the_collector_is_off_before_click_is_imported():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          check=True)
    assert done.stdout.startswith("coordgraph, version")
    assert "click imported with the collector on: [False]" in done.stderr


def test_importing_the_entry_point_changes_nothing():
    done = subprocess.run(
        [sys.executable, "-c", "import gc, sys, coordgraph.entry; "
                               "print(gc.isenabled(), 'click' in sys.modules)"],
        capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False"]


def test_python_m_runs_the_same_command():
    done = subprocess.run([sys.executable, "-m", "coordgraph", "--version"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.startswith("coordgraph, version")


# The graph a command loaded, watched: a line on stderr when it is freed.
WATCHED = """
import os, sys, weakref
import coordgraph.cli.common as common

loaded = common.load

def load(path=None, **options):
    graph = loaded(path, **options)
    weakref.finalize(graph, os.write, 2, b"graph freed\\n").atexit = False
    return graph

common.load = load
sys.argv = ["coordgraph", *sys.argv[1:]]
from coordgraph.entry import main
main()
"""


@pytest.mark.parametrize("args, code", [
    (["check", "--fail-on", "never"], 0),
    (["check", "--fail-on", "warning", "--format", "json"], 1),
    (["validate"], 0),
])
def test_the_checked_graph_is_left_to_the_end_of_the_process(args, code):
    """Freeing a large graph object by object costs more than the system's
    taking the memory back: check and validate leave their graph alive, with
    the same output and exit code as an in-process run."""
    done = subprocess.run([sys.executable, "-c", WATCHED, *args], capture_output=True,
                          text=True)
    assert done.returncode == code
    assert "graph freed" not in done.stderr
    assert done.stdout == CliRunner().invoke(cli, args).stdout
    assert done.stdout


def test_nothing_is_kept_outside_the_console_script():
    """A command invoked in-process (a test, a notebook) keeps nothing: its
    graph goes when the command ends."""
    before = gc.get_freeze_count()
    result = CliRunner().invoke(cli, ["check", "--fail-on", "never"])
    assert result.exit_code == 0
    assert coordgraph.cli._kept is None
    assert gc.get_freeze_count() == before
    keep_to_the_end(object())
    assert coordgraph.cli._kept is None
