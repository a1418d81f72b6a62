"""Running dot: the command, warnings, and every way it fails as GraphvizError."""

import os
import shutil
import time

import pytest

from coordgraph.errors import GraphvizError, UsageError
from coordgraph.rendering import running
from coordgraph.rendering.running import dot_command, run_dot
from render_helpers import fake_dot


def test_command():
    assert dot_command("dot", "svg") == ["dot", "-Tsvg"]
    assert dot_command("dot", "pdf") == ["dot", "-Tpdf"]
    assert dot_command("dot", "png")[-1].startswith("-Gdpi=")


def test_runs_dot():
    result = run_dot("digraph { a -> b }", "svg", timeout=20)
    assert result.output.startswith(b"<?xml") and result.warnings == []


def test_graphviz_warnings_come_back():
    result = run_dot("digraph { a [shape=nosuchshape] }", "svg", timeout=20)
    assert any("nosuchshape" in w for w in result.warnings)


def test_missing_dot_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GraphvizError) as caught:
        run_dot("digraph {}", "svg", timeout=5)
    message = str(caught.value)
    assert "not installed" in message and "apt-get install graphviz" in message
    assert "brew install graphviz" in message and "conda install" in message
    assert "winget" in message and caught.value.exit_code == 3


def test_timeout_names_the_option_and_focus(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", fake_dot(tmp_path, f"exec {shutil.which('sleep')} 30"))
    start = time.monotonic()
    with pytest.raises(GraphvizError) as caught:
        run_dot("digraph {}", "svg", timeout=0.3, nodes=1234)
    assert time.monotonic() - start < 10
    message = str(caught.value)
    assert "1,234 nodes" in message and "0.3 s" in message
    assert "--timeout" in message and "--focus" in message


def test_failure_carries_dots_message(monkeypatch, tmp_path):
    script = "echo 'Error: syntax error in line 1' >&2; exit 1"
    monkeypatch.setenv("PATH", fake_dot(tmp_path, script))
    with pytest.raises(GraphvizError, match="exit 1.*syntax error in line 1"):
        run_dot("digraph {", "svg", timeout=5)


def test_empty_output_is_a_failure(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", fake_dot(tmp_path, "exit 0"))
    with pytest.raises(GraphvizError, match="no message"):
        run_dot("digraph {}", "svg", timeout=5)


def test_dot_that_cannot_start(monkeypatch, tmp_path):
    path = tmp_path / "dot"
    path.write_bytes(b"\x7fELF not really")
    path.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GraphvizError, match="could not run Graphviz"):
        run_dot("digraph {}", "svg", timeout=5)


def test_file_loading_is_disabled(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", fake_dot(tmp_path, 'echo "<svg>$SERVER_NAME</svg>"'))
    assert run_dot("digraph {}", "svg", timeout=5).output.strip() == b"<svg>coordgraph</svg>"


def test_only_running_starts_processes():
    # The one place: no other rendering module imports subprocess.
    folder = os.path.dirname(running.__file__)
    for name in os.listdir(folder):
        if name.endswith(".py") and name != "running.py":
            with open(os.path.join(folder, name), encoding="utf-8") as source:
                assert "import subprocess" not in source.read(), name


@pytest.mark.parametrize("timeout", [float("inf"), float("nan"), 1e7, 0, -1, None, "60", True])
def test_a_timeout_that_is_no_limit_is_refused(timeout):
    # inf, NaN or a huge number made subprocess raise OverflowError/ValueError
    # (a traceback); None would let Graphviz run for ever.
    with pytest.raises(UsageError, match="timeout must be a number of seconds"):
        run_dot("digraph {}", "svg", timeout=timeout)


def test_a_dot_in_the_current_folder_is_never_run(monkeypatch, tmp_path):
    # Binary planting: a `dot` shipped inside a shared context folder must not
    # run because the user works there (Windows searches the current folder
    # first; an empty or "." PATH entry means it elsewhere).
    real = os.path.dirname(shutil.which("dot"))
    planted = tmp_path / "context"
    fake_dot(planted, f"touch {tmp_path / 'ran'}; echo '<svg/>'")
    monkeypatch.chdir(planted)
    monkeypatch.setenv("PATH", os.pathsep.join([".", "", "context"]))
    with pytest.raises(GraphvizError, match="not installed"):
        run_dot("digraph {}", "svg", timeout=5)
    monkeypatch.setenv("PATH", os.pathsep.join([".", real]))
    assert run_dot("digraph {}", "svg", timeout=20).output.startswith(b"<?xml")
    assert not (tmp_path / "ran").exists()
