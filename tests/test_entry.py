"""The command's entry point: the garbage collector off before the CLI is imported."""

import subprocess
import sys
import tomllib
from pathlib import Path

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
