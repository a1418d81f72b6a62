"""One error boundary: every kind of error reaches the user in one style.

Library errors become ``Error: <message>`` on stderr (as click prints its own
usage errors) with exit code 2, or 3 for Graphviz; invalid data is its list
of problems (JSON on stdout for a ``--format json`` report). Runs the real
command in a subprocess, as a user would.
"""

import json
import subprocess
import sys

import pytest

from coordgraph.errors import GraphvizError, UsageError
from coordgraph.loading import bundled_path


def run(*args, cwd, env=None):
    return subprocess.run([sys.executable, "-m", "coordgraph", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env=env, timeout=120)


def invalid_folder(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "nodes.csv").write_text("id,kind,label\nhct,platform,HCT\nhct,platform,Again\n")
    (folder / "edges.csv").write_text("source,target,relation\n")
    return folder


@pytest.mark.parametrize("args, exit_code, start", [
    (["show", "nosuch"], 2, "Error: no node 'nosuch'"),                       # UsageError
    (["init", "{tmp}/afile/sub"], 2, "Error: cannot create"),                 # UsageError
    (["render", "--format", "dot", "-o", "{data}/nodes.csv"], 2, "Error: "),  # write refused
    (["export", "--format", "csv", "-o", "{data}/nodes.csv"], 2, "Error: "),  # write refused
    (["render", "--compare", "humanitrian", "--format", "dot", "-o", "-"], 2,
     "Error: --compare: 'humanitrian' is neither a context folder nor a template: "
     "did you mean 'humanitarian'?"),
    (["render", "--view", "nosuch"], 2, "Usage: "),                           # click's own
])
def test_each_kind_of_error_has_one_prefix(tmp_path, args, exit_code, start):
    (tmp_path / "afile").write_text("x")
    args = [a.format(tmp=tmp_path, data=bundled_path()) for a in args]
    before = (bundled_path() / "nodes.csv").read_bytes()
    result = run(*args, cwd=tmp_path)
    assert result.returncode == exit_code, result.stderr
    assert result.stderr.startswith(start), result.stderr
    assert "coordgraph: " not in result.stderr and "Traceback" not in result.stderr
    assert (bundled_path() / "nodes.csv").read_bytes() == before


def test_click_usage_errors_use_the_same_prefix(tmp_path):
    result = run("render", "--view", "nosuch", cwd=tmp_path)
    assert "\nError: Invalid value for '--view'" in result.stderr


def test_graphviz_errors_exit_3_with_the_same_prefix(tmp_path):
    result = run("render", "-o", "x.svg", cwd=tmp_path, env={"PATH": str(tmp_path)})
    assert result.returncode == 3
    assert result.stderr.startswith("Error: Graphviz is not installed")
    assert not (tmp_path / "x.svg").exists()


def test_invalid_data_lists_its_problems_and_exits_2(tmp_path):
    folder = invalid_folder(tmp_path)
    for command in (["check"], ["validate"], ["render", "-o", "x.svg"], ["show", "hct"],
                    ["export", "--format", "json"]):
        result = run(*command, "--data", folder, cwd=tmp_path)
        assert result.returncode == 2, command
        assert result.stderr.startswith(f"{folder}/nodes.csv:3:1: CG"), (command, result.stderr)
        assert result.stdout == "", command


def test_invalid_data_in_a_json_report_is_json_on_stdout(tmp_path):
    folder = invalid_folder(tmp_path)
    for command in (["check"], ["validate"], ["show", "hct"]):
        result = run(*command, "--data", folder, "--format", "json", cwd=tmp_path)
        assert result.returncode == 2
        assert json.loads(result.stdout)["valid"] is False and result.stderr == ""
    as_diff = run("diff", "generic", folder, "--format", "json", cwd=tmp_path)
    assert as_diff.returncode == 2 and json.loads(as_diff.stdout)["errors"]


def test_an_invalid_compare_version_is_named_before_its_problems(tmp_path):
    folder = invalid_folder(tmp_path)
    result = run("render", "--compare", folder, "--format", "dot", "-o", "-", cwd=tmp_path)
    assert result.returncode == 2
    first, second = result.stderr.splitlines()[:2]
    assert first == f"Error: --compare {folder}: not a valid context; nothing was drawn."
    assert second.startswith(f"{folder}/nodes.csv:3:1: CG")


def test_control_characters_in_an_error_are_shown_escaped(tmp_path):
    result = run("show", "no\x1b[31msuch", cwd=tmp_path)
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\\x1b" in result.stderr


def test_the_boundary_keeps_the_library_exit_codes():
    from coordgraph.cli.common import CommandError

    assert CommandError.of(GraphvizError("x")).exit_code == 3
    assert CommandError.of(UsageError("x"), "--compare: ").format_message() == "--compare: x"
