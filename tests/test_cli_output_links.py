"""`render -o` through links, devices and streams, as real processes.

`coordgraph render -o /dev/stdout > out.svg` run as root once turned
/dev/stdout into a plain file: /dev/stdout is a link to /proc/self/fd/1,
whose target is then a regular file. The tests use a link of their own to
/dev/stdout, so that a regression replaces that link, not the machine's.
"""

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="needs /dev/stdout")


def _render_to(output, cwd, stdout):
    return subprocess.run([sys.executable, "-m", "coordgraph", "render", "--format", "dot",
                           "-o", str(output)], cwd=cwd, stdout=stdout,
                          stderr=subprocess.PIPE, text=True, timeout=120)


def test_a_link_to_stdout_redirected_to_a_file_writes_into_that_file(tmp_path):
    link = tmp_path / "latest.dot"
    link.symlink_to("/dev/stdout")
    with open(tmp_path / "out.dot", "wb") as out:
        out.write(b"// kept\n")                   # `>>`: what was there stays
        out.flush()
        result = _render_to(link, tmp_path, out)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == "/dev/stdout"
    text = (tmp_path / "out.dot").read_text(encoding="utf-8")
    assert text.startswith("// kept\ndigraph ") and text.rstrip().endswith("}")
    assert sorted(os.listdir(tmp_path)) == ["latest.dot", "out.dot"]


@pytest.mark.parametrize("output", ["/dev/stdout", "/dev/fd/1", "link"])
def test_stdout_as_a_pipe_is_fed(tmp_path, output):
    expected = []
    if output == "link":
        output = tmp_path / "latest.dot"
        output.symlink_to("/dev/stdout")
        expected = ["latest.dot"]
    result = _render_to(output, tmp_path, subprocess.PIPE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("digraph ") and result.stdout.rstrip().endswith("}")
    assert os.listdir(tmp_path) == expected
