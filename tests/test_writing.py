"""Atomic writes: the old file or the new one, never half, never over an input."""

import os
import stat
import threading

import pytest

import coordgraph
from coordgraph.errors import UsageError
from coordgraph import writing
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
