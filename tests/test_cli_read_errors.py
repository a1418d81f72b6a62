"""A path that cannot be read is a problem with the input (CG101, exit 2),
never "cannot write the output"; only a real output failure is a write error.

Run as real processes: the catch-all for file errors lives in ``main()``,
which click's test runner does not go through.
"""

import subprocess
import sys

import pytest

import coordgraph
from coordgraph.errors import DataError

TOO_LONG = "x" * 300     # one path component above every file system's 255


def _coordgraph(*args, cwd):
    return subprocess.run([sys.executable, "-m", "coordgraph", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_loading_a_folder_whose_name_is_too_long_is_cg101():
    with pytest.raises(DataError) as error:
        coordgraph.load(TOO_LONG)
    [problem] = error.value.problems
    assert (problem.code, problem.message) == ("CG101", "cannot read folder: File name too long")


@pytest.mark.parametrize("args", [
    ["check", "--data", TOO_LONG],
    ["validate", "--data", f"{TOO_LONG}/inner"],
    ["render", "--data", TOO_LONG, "-o", "x.svg"],
    ["export", "--format", "json", "--data", TOO_LONG, "-o", "x.json"],
])
def test_data_that_cannot_be_read_is_a_read_problem(tmp_path, args):
    result = _coordgraph(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert "CG101 cannot read folder: File name too long" in result.stderr
    assert "cannot write" not in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args, says", [
    (["diff", TOO_LONG, "generic"], "CG101 not found"),
    (["render", "--compare", TOO_LONG, "-o", "x.svg"],
     "is neither a context folder nor a template"),
])
def test_a_version_that_cannot_be_read_is_a_read_problem(tmp_path, args, says):
    result = _coordgraph(*args, cwd=tmp_path)
    assert result.returncode == 2 and says in result.stderr
    assert "cannot write" not in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_context_file_that_is_a_folder_is_a_read_problem(tmp_path, write_context):
    folder = write_context([{"id": "hct", "kind": "platform", "label": "HCT"}], [])
    (folder / "context.toml").mkdir()
    result = _coordgraph("check", "--data", str(folder), cwd=tmp_path)
    assert result.returncode == 2 and "context.toml: CG101 is not a file" in result.stderr
    assert "cannot write" not in result.stderr


def test_an_output_name_too_long_is_a_write_error_that_names_the_file(tmp_path):
    result = _coordgraph("render", "--format", "dot", "-o", TOO_LONG + ".dot", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"Error: cannot write {TOO_LONG}.dot: File name too long\n"
    assert list(tmp_path.iterdir()) == []


def test_a_file_error_that_escapes_a_command_names_the_file(tmp_path):
    # `init` looks at the folder before writing: the error names it, not
    # "the output" (which is stdout, and fine).
    result = _coordgraph("init", TOO_LONG, cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert TOO_LONG in result.stderr and "File name too long" in result.stderr
    assert "cannot write the output" not in result.stderr
    assert list(tmp_path.iterdir()) == []
