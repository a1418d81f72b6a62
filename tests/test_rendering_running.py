"""Running dot: the command, warnings, and every way it fails as GraphvizError."""

import os
import shutil
import subprocess
import sys
import time

import pytest

import coordgraph
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


# --------------------------------------------------- working while dot draws

#: The fake dots below run with only their own folder on PATH.
CAT, SLEEP = shutil.which("cat"), shutil.which("sleep")


@pytest.fixture
def no_prestarted():
    running.stop_prestarted()
    yield
    running.stop_prestarted()


def started_pids(log) -> list[int]:
    return [int(line) for line in log.read_text().split()] if log.exists() else []


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:   # a zombie is not alive
        return stat.read().split(") ")[-1][:1] != "Z"


def test_start_dot_returns_while_dot_still_draws(monkeypatch, tmp_path, no_prestarted):
    # This dot draws only once the test lets it: start_dot must not wait.
    flag = tmp_path / "go"
    monkeypatch.setenv("PATH", fake_dot(
        tmp_path / "bin", f"while [ ! -e {flag} ]; do {SLEEP} 0.01; done; echo '<svg>'; {CAT}"))
    run = running.start_dot("digraph { a }", "svg", timeout=20)
    flag.touch()
    assert run.result().output == b"<svg>\ndigraph { a }"


def test_a_prestarted_dot_draws_the_next_drawing_in_its_format(monkeypatch, tmp_path,
                                                               no_prestarted):
    log = tmp_path / "started"
    monkeypatch.setenv("PATH", fake_dot(tmp_path / "bin", f"echo $$ >> {log}; exec {CAT}"))
    running.prestart_dot("svg")
    running.prestart_dot("svg")   # one is enough
    assert len(started_pids(log)) == 1 or not log.exists()   # it may not have run yet
    assert run_dot("digraph { a }", "svg", timeout=20).output == b"digraph { a }"
    assert len(started_pids(log)) == 1   # the prestarted one drew it
    assert run_dot("digraph { b }", "svg", timeout=20).output == b"digraph { b }"
    assert len(started_pids(log)) == 2   # used once: the next drawing starts its own


def test_a_prestarted_dot_is_not_used_once_path_or_environment_changed(
        monkeypatch, tmp_path, no_prestarted):
    log = tmp_path / "started"
    monkeypatch.setenv("PATH", fake_dot(tmp_path / "old", f"echo $$ >> {log}; exec {CAT}"))
    running.prestart_dot("svg")
    monkeypatch.setenv("PATH", fake_dot(tmp_path / "new", "echo new"))
    assert run_dot("digraph {}", "svg", timeout=20).output == b"new\n"
    assert not any(alive(pid) for pid in started_pids(log))   # stopped, not left behind
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    running.prestart_dot("svg")   # no dot: nothing happens...
    with pytest.raises(GraphvizError, match="not installed"):   # ...drawing says why
        run_dot("digraph {}", "svg", timeout=5)


def test_an_unused_prestarted_dot_is_stopped_when_python_exits(tmp_path):
    log = tmp_path / "started"
    env = dict(os.environ, PATH=fake_dot(tmp_path / "bin", f"echo $$ >> {log}; exec {SLEEP} 30"))
    code = ("import time\nfrom coordgraph.rendering.running import prestart_dot\n"
            "prestart_dot('svg')\n"
            f"import os\nwhile not os.path.exists({str(log)!r}): time.sleep(0.01)\n")
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    pids = started_pids(log)
    assert len(pids) == 1 and not alive(pids[0])


def test_input_larger_than_the_pipe_takes_at_once(no_prestarted):
    # 1 MB of statements that change nothing drawn: the rest of the input goes
    # to dot once it has read the part the pipe took
    padding = f'a [comment="{"x" * 1000}"];\n' * 1000
    result = run_dot(f"digraph {{ {padding} a -> b }}", "svg", timeout=60)
    assert result.output.startswith(b"<?xml") and b">a</text>" in result.output


def test_dot_is_stopped_when_the_page_cannot_be_made(monkeypatch, tmp_path, no_prestarted):
    from coordgraph.rendering import html

    log = tmp_path / "started"
    monkeypatch.setenv("PATH", fake_dot(tmp_path / "bin", f"echo $$ >> {log}; exec {SLEEP} 30"))

    def broken(drawing):
        while not log.exists():   # dot runs: the page data is made meanwhile
            time.sleep(0.01)
        raise RuntimeError("broken page data")

    monkeypatch.setattr(html, "page_data", broken)
    with pytest.raises(RuntimeError, match="broken page data"):
        coordgraph.render(coordgraph.load(), "html")
    assert len(started_pids(log)) == 1 and not alive(started_pids(log)[0])


def test_render_starts_dot_ahead_and_draws_with_it(
        monkeypatch, tmp_path, no_prestarted):
    from click.testing import CliRunner

    from coordgraph.cli import cli

    log = tmp_path / "started"
    real = shutil.which("dot")
    monkeypatch.setenv("PATH", fake_dot(tmp_path / "bin", f'echo $$ >> {log}; exec {real} "$@"'))
    loaded = []
    monkeypatch.setattr(running, "_STARTED", Watched(loaded))
    result = CliRunner().invoke(cli, ["render", "-o", str(tmp_path / "x.svg")])
    assert result.exit_code == 0, result.output
    assert loaded == ["svg"]                  # started ahead, for the format asked
    assert len(started_pids(log)) == 1        # and that one drew it
    assert (tmp_path / "x.svg").read_bytes() == coordgraph.render(coordgraph.load(), "svg")


class Watched(dict):
    """The prestarted processes, noting each format put in."""

    def __init__(self, noted: list):
        super().__init__()
        self.noted = noted

    def __setitem__(self, key, value):
        self.noted.append(key)
        super().__setitem__(key, value)


def test_stopping_a_wrapper_script_does_not_wait_for_its_children(monkeypatch, tmp_path,
                                                                   no_prestarted):
    # A `dot` that is a wrapper script (conda, Homebrew shims): killing it
    # leaves its child holding the pipes; stopping must not read them to the end.
    import threading

    monkeypatch.setenv("PATH", fake_dot(tmp_path / "bin", f"{SLEEP} 30; echo late"))
    running.prestart_dot("svg")
    stopping = threading.Thread(target=running.stop_prestarted, daemon=True)
    stopping.start()
    stopping.join(timeout=10)
    assert not stopping.is_alive()
