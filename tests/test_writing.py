"""Atomic writes: the old file or the new one, never half, never over an input."""

import os
import shutil
import signal
import stat
import tempfile
import threading
from pathlib import Path

import pytest

import coordgraph
from coordgraph import writing
from coordgraph.cli.stopping import STOP_SIGNALS, Stopped, stop_on_signals
from coordgraph.errors import UsageError
from coordgraph.writing import input_files, write_atomic


def test_writes_and_creates_folders(tmp_path):
    target = write_atomic(tmp_path / "a" / "b" / "out.svg", b"<svg/>")
    assert target.read_bytes() == b"<svg/>"
    assert os.listdir(tmp_path / "a" / "b") == ["out.svg"]


def test_replaces_and_keeps_the_mode(tmp_path):
    target = tmp_path / "out.svg"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new" and target.stat().st_mode & 0o777 == 0o640


def test_new_files_follow_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        mode = write_atomic(tmp_path / "x.svg", b"x").stat().st_mode & 0o777
    finally:
        os.umask(old)
    assert mode == 0o644


def test_refuses_input_files(tmp_path, monkeypatch):
    for name in ("nodes.csv", "edges.csv", "context.toml"):
        (tmp_path / name).write_text("id,kind,label\n", encoding="utf-8")
    graph = coordgraph.from_records(nodes=[], edges=[])
    graph.source = str(tmp_path)
    for protected in input_files(graph):
        with pytest.raises(UsageError, match="refusing to write over the input file"):
            write_atomic(protected, b"x", protected=input_files(graph))
        assert protected.read_text(encoding="utf-8") == "id,kind,label\n"
    # the same file reached another way
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError):
        write_atomic("./sub/../nodes.csv", b"x", protected=input_files(graph))


def test_a_link_to_an_input_file_is_refused(tmp_path):
    nodes = tmp_path / "nodes.csv"
    nodes.write_text("id,kind,label\n", encoding="utf-8")
    link = tmp_path / "out.csv"
    link.symlink_to("nodes.csv")
    with pytest.raises(UsageError, match="refusing to write over the input file"):
        write_atomic(link, b"x", protected=[nodes])
    assert nodes.read_text(encoding="utf-8") == "id,kind,label\n" and link.is_symlink()


def test_in_memory_graphs_have_no_inputs():
    assert input_files(coordgraph.from_records(nodes=[], edges=[])) == []


def test_failure_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "out.svg"
    target.write_bytes(b"old")

    def broken(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writing.os, "replace", broken)
    with pytest.raises(UsageError, match="cannot write .*No space left"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["out.svg"]


def test_a_folder_is_not_a_file(tmp_path):
    with pytest.raises(UsageError, match="is a folder"):
        write_atomic(tmp_path, b"x")


def test_a_named_pipe_is_fed_not_replaced(tmp_path):
    pipe = tmp_path / "out.svg"
    os.mkfifo(pipe)
    got = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()))
    reader.start()
    write_atomic(pipe, b"<svg/>")
    reader.join(10)
    assert got == [b"<svg/>"]
    assert stat.S_ISFIFO(pipe.stat().st_mode) and os.listdir(tmp_path) == ["out.svg"]


def test_a_file_in_the_way_of_a_folder_is_named(tmp_path):
    (tmp_path / "report").write_text("a file", encoding="utf-8")
    with pytest.raises(UsageError, match="report is a file, not a folder"):
        write_atomic(tmp_path / "report" / "out.svg", b"<svg/>")
    assert os.listdir(tmp_path) == ["report"]


# --- symbolic links, read-only files, temporary files ---------------------------------


def test_a_link_is_written_through_and_stays_a_link(tmp_path):
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "organigram.svg"
    real.write_bytes(b"old")
    real.chmod(0o640)
    link = tmp_path / "latest.svg"
    link.symlink_to(Path("real") / "organigram.svg")       # relative, as `ln -s` makes
    assert write_atomic(link, b"new") == link
    assert link.is_symlink() and os.readlink(link) == os.path.join("real", "organigram.svg")
    assert real.read_bytes() == b"new" and stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(os.listdir(tmp_path)) == ["latest.svg", "real"]
    assert os.listdir(tmp_path / "real") == ["organigram.svg"]


def test_a_chain_of_links_is_followed_to_the_file(tmp_path):
    real = tmp_path / "real.svg"
    real.write_bytes(b"old")
    (tmp_path / "b.svg").symlink_to(real)
    (tmp_path / "a.svg").symlink_to(tmp_path / "b.svg")
    write_atomic(tmp_path / "a.svg", b"new")
    assert real.read_bytes() == b"new"
    assert (tmp_path / "a.svg").is_symlink() and (tmp_path / "b.svg").is_symlink()


def _other_file_system(tmp_path):
    for folder in ("/dev/shm", "/run", "/var/tmp"):
        if (os.path.isdir(folder) and os.access(folder, os.W_OK)
                and os.stat(folder).st_dev != tmp_path.stat().st_dev):
            return Path(folder)
    pytest.skip("needs a writable folder on another file system")


def test_the_temporary_file_is_made_beside_the_link_target(tmp_path):
    # os.replace cannot cross file systems: beside the link it would fail.
    elsewhere = Path(tempfile.mkdtemp(dir=_other_file_system(tmp_path)))
    try:
        real = elsewhere / "organigram.svg"
        real.write_bytes(b"old")
        link = tmp_path / "organigram.svg"
        link.symlink_to(real)
        write_atomic(link, b"new")
        assert real.read_bytes() == b"new" and link.is_symlink()
        assert os.listdir(elsewhere) == ["organigram.svg"]
    finally:
        shutil.rmtree(elsewhere)


def test_a_dangling_link_creates_the_file_it_points_to(tmp_path):
    link = tmp_path / "latest.svg"
    link.symlink_to("made.svg")
    write_atomic(link, b"<svg/>")
    assert link.is_symlink() and (tmp_path / "made.svg").read_bytes() == b"<svg/>"


def test_a_dangling_link_into_a_missing_folder_is_refused(tmp_path):
    # An unmounted share, say: creating its folders would write somewhere else.
    link = tmp_path / "latest.svg"
    link.symlink_to(tmp_path / "share" / "organigram.svg")
    with pytest.raises(UsageError, match="link to .*organigram.svg, whose folder does not exist"):
        write_atomic(link, b"<svg/>")
    assert os.listdir(tmp_path) == ["latest.svg"] and link.is_symlink()


def test_a_link_loop_is_refused(tmp_path):
    (tmp_path / "a.svg").symlink_to("b.svg")
    (tmp_path / "b.svg").symlink_to("a.svg")
    with pytest.raises(UsageError, match="too many levels of symbolic links"):
        write_atomic(tmp_path / "a.svg", b"x")
    assert sorted(os.listdir(tmp_path)) == ["a.svg", "b.svg"]


def test_a_link_to_a_named_pipe_feeds_the_pipe(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    link = tmp_path / "out.svg"
    link.symlink_to(pipe)
    got = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()))
    reader.start()
    write_atomic(link, b"<svg/>")
    reader.join(10)
    assert got == [b"<svg/>"]
    assert link.is_symlink() and stat.S_ISFIFO(pipe.stat().st_mode)
    assert sorted(os.listdir(tmp_path)) == ["out.svg", "pipe"]


@pytest.mark.parametrize("stream", ["file", "pipe"])
def test_a_link_to_an_open_descriptor_feeds_it(tmp_path, stream):
    # /dev/stdout is such a link (to /proc/self/fd/1): its "target" is the
    # file the shell opened for `> out.svg`, or `pipe:[123]`; replacing it
    # would leave the shell's file empty, or make a file named "pipe:[123]".
    if not os.path.isdir(f"/proc/{os.getpid()}/fd"):
        pytest.skip("needs /proc")
    if stream == "file":
        redirected = tmp_path / "redirected.svg"
        write_end = os.open(redirected, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        read_end = os.open(redirected, os.O_RDONLY)
    else:
        read_end, write_end = os.pipe()
    try:
        link = tmp_path / "out.svg"
        link.symlink_to(f"/proc/self/fd/{write_end}")
        write_atomic(link, b"<svg/>")
        assert os.read(read_end, 100) == b"<svg/>"
        assert link.is_symlink()
        assert sorted(os.listdir(tmp_path)) == sorted(["out.svg", *(["redirected.svg"]
                                                               if stream == "file" else [])])
    finally:
        os.close(read_end)
        os.close(write_end)


@pytest.mark.parametrize("through_link", [False, True])
def test_a_read_only_file_is_refused_even_for_root(tmp_path, through_link):
    target = tmp_path / "organigram.svg"
    target.write_bytes(b"keep me")
    target.chmod(0o444)
    path = target
    if through_link:
        path = tmp_path / "latest.svg"
        path.symlink_to(target)
    with pytest.raises(UsageError, match="is read-only; nothing was written"):
        write_atomic(path, b"new")
    assert target.read_bytes() == b"keep me" and stat.S_IMODE(target.stat().st_mode) == 0o444
    assert len(os.listdir(tmp_path)) == (2 if through_link else 1)


def test_a_name_too_long_is_a_write_error(tmp_path):
    with pytest.raises(UsageError, match="cannot write .*: File name too long"):
        write_atomic(tmp_path / ("x" * 300 + ".svg"), b"x")


def test_a_stale_temporary_file_does_not_block_a_new_write(tmp_path):
    # Left by a run that was killed; PIDs repeat (containers start at 1).
    for stale in (f".x.svg.{os.getpid()}.tmp", f"{writing.TEMPORARY_PREFIX}x.svg.tmp"):
        (tmp_path / stale).write_bytes(b"half")
    write_atomic(tmp_path / "x.svg", b"<svg/>")
    assert (tmp_path / "x.svg").read_bytes() == b"<svg/>"
    assert len(os.listdir(tmp_path)) == 3     # not ours to delete: another run may own them


def test_writers_of_the_same_file_do_not_collide(tmp_path):
    target = tmp_path / "x.svg"
    errors = []

    def write(number):
        try:
            for _ in range(20):
                write_atomic(target, b"writer %d" % number)
        except UsageError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert target.read_bytes().startswith(b"writer ") and os.listdir(tmp_path) == ["x.svg"]


def test_temporary_files_are_recognisable(tmp_path, monkeypatch):
    seen = []

    def looking_fsync(handle):
        seen.extend(os.listdir(tmp_path))
        real_fsync(handle)

    real_fsync = os.fsync
    monkeypatch.setattr(writing.os, "fsync", looking_fsync)
    write_atomic(tmp_path / "x.svg", b"<svg/>")
    assert len(seen) == 1 and seen[0].startswith(".coordgraph-x.svg.")
    assert seen[0].endswith(".tmp")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_while_writing_leaves_no_temporary_file(tmp_path, monkeypatch, signum):
    target = tmp_path / "x.svg"
    target.write_bytes(b"old")
    saved = {s: signal.getsignal(s) for s in STOP_SIGNALS}

    def interrupted_fsync(handle):
        os.kill(os.getpid(), signum)    # a real signal, in the middle of the write
        real_fsync(handle)

    real_fsync = os.fsync
    monkeypatch.setattr(writing.os, "fsync", interrupted_fsync)
    try:
        stop_on_signals()
        with pytest.raises(Stopped) as stopped:
            write_atomic(target, b"new")
    finally:
        for s, handler in saved.items():
            signal.signal(s, handler)
    assert stopped.value.code == 128 + signum
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["x.svg"]
