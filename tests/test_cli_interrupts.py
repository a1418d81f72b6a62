"""Ctrl-C, SIGTERM and SIGHUP against a real `coordgraph render` process.

A slow fake `dot` (first on PATH) records its process id and sleeps; the test
signals coordgraph while it waits for it, then checks the exit code, that no
file was left in the output folder, and that the fake `dot` is gone.
"""

import os
import signal
import stat
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")

SLOW_DOT = """\
#!{python}
import os, sys, time
with open({pid_file!r}, "w") as out:
    out.write(str(os.getpid()))
time.sleep(60)
sys.stdin.buffer.read()
sys.stdout.write('<svg xmlns="http://www.w3.org/2000/svg"/>')
"""


@pytest.fixture
def slow_dot(tmp_path):
    """A folder holding a `dot` that sleeps a minute, and the file where it
    writes its process id."""
    folder = tmp_path / "bin"
    folder.mkdir()
    pid_file = tmp_path / "dot.pid"
    dot = folder / "dot"
    dot.write_text(SLOW_DOT.format(python=sys.executable, pid_file=str(pid_file)),
                   encoding="utf-8")
    dot.chmod(dot.stat().st_mode | stat.S_IXUSR)
    yield folder, pid_file
    if pid_file.exists():                       # never leave it running
        pid = int(pid_file.read_text() or 0)
        if pid and _alive(pid):
            os.kill(pid, signal.SIGKILL)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as status:
            return status.read().rsplit(")", 1)[1].split()[0] != "Z"   # a zombie is dead
    except OSError:
        return True


def _wait_for(condition, seconds=30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def _start(args, tmp_path, path_first=None, ignored=()):
    env = dict(os.environ)
    if path_first is not None:
        env["PATH"] = f"{path_first}{os.pathsep}{env.get('PATH', os.defpath)}"

    def signals_as_a_terminal_would_have_them():
        # A test run in the background inherits SIGINT ignored; a user's shell does not.
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_IGN if signum in ignored else signal.SIG_DFL)

    return subprocess.Popen([sys.executable, "-m", "coordgraph", *args], cwd=tmp_path,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=signals_as_a_terminal_would_have_them)


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130),
                                          (signal.SIGHUP, 129)])
def test_a_signal_during_graphviz_stops_cleanly(tmp_path, slow_dot, signum, code):
    folder, pid_file = slow_dot
    out = tmp_path / "out"
    out.mkdir()
    process = _start(["render", "-o", str(out / "x.svg")], tmp_path, path_first=folder)
    try:
        assert _wait_for(lambda: pid_file.exists() and pid_file.read_text()), \
            process.stderr.read1().decode()
        dot_pid = int(pid_file.read_text())
        assert _alive(dot_pid)
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    stderr = stderr.decode()
    assert process.returncode == code, stderr
    assert "Traceback" not in stderr
    assert stderr.endswith(f"Error: interrupted ({signal.Signals(signum).name})\n")
    assert os.listdir(out) == []                # no output, no temporary file
    assert _wait_for(lambda: not _alive(dot_pid), 5), "dot outlived coordgraph"


def test_an_ignored_hangup_stays_ignored(tmp_path, slow_dot):
    # `nohup coordgraph render ...` must survive the terminal closing.
    folder, pid_file = slow_dot
    process = _start(["render", "-o", str(tmp_path / "x.svg")], tmp_path, path_first=folder,
                     ignored={signal.SIGHUP})
    try:
        assert _wait_for(lambda: pid_file.exists() and pid_file.read_text())
        process.send_signal(signal.SIGHUP)
        time.sleep(0.5)
        assert process.poll() is None
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 143


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc")
def test_a_signal_while_waiting_for_a_pipe_reader_stops_cleanly(tmp_path):
    # Opening a named pipe blocks until someone reads it.
    pipe = tmp_path / "organigram.dot"
    os.mkfifo(pipe)
    process = _start(["render", "-o", str(pipe)], tmp_path)
    try:
        assert _wait_for(lambda: _blocked_opening(process.pid))
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 143 and b"Traceback" not in stderr
    assert stat.S_ISFIFO(pipe.stat().st_mode) and os.listdir(tmp_path) == ["organigram.dot"]


def _blocked_opening(pid: int) -> bool:
    """Whether the process sits in open() of the pipe (its last step)."""
    try:
        with open(f"/proc/{pid}/wchan", encoding="utf-8") as wchan:
            waiting = wchan.read()      # Linux: wait_for_partner, in fifo_open
    except OSError:
        return False
    return "partner" in waiting or "fifo" in waiting
