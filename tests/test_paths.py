"""Paths as text: what check and render show and test is what pathlib
showed and tested before they stopped importing it."""

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given, strategies as st

from coordgraph import bundled_path, paths
from coordgraph.writing import _same_file

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX names")

#: Path text made of the pieces that pathlib treats specially.
names = st.lists(st.sampled_from(["/", "//", ".", "..", "a", "b.svg", ".x", "x.", "é",
                                  "\udcff", " "]), max_size=8).map("".join)

ODD = ["", ".", "./", "..", "../a", "a/..", "a//b/", "a/./b", "/", "//", "///a", "//a/b/",
       "data/", "x" * 300, "caf\udce9", "~$a.xlsx", ".xlsx", "a.", "a..xlsx"]


@posix_only
@given(names)
def test_the_text_is_pathlibs(text):
    path = PurePosixPath(text)
    plain = paths.plain(text)
    assert plain == str(path)
    assert paths.parent(plain) == str(path.parent)
    assert paths.parents(plain) == [str(p) for p in path.parents]
    assert paths.name(plain) == path.name
    assert paths.suffix(text) == path.suffix
    assert paths.join(text, "nodes.csv") == str(path / "nodes.csv")


@posix_only
@pytest.mark.parametrize("text", ODD)
def test_odd_names_read_as_pathlib_reads_them(text):
    assert paths.plain(text) == str(Path(text))
    assert paths.plain(Path(text)) == str(Path(text))      # a Path argument works too
    assert paths.suffix(text) == Path(text).suffix


def outcome(function, path):
    """What a predicate answers, or the errno it raises."""
    try:
        return function(path)
    except OSError as exc:
        return errno.errorcode[exc.errno]


@posix_only
@pytest.mark.parametrize("text", [*ODD, "afile", "afile/", "afile/x", "folder", "folder//",
                                  "loop", "loop/x", "dangling", "a\0b"])
def test_existence_is_tested_as_pathlib_tests_it(tmp_path, monkeypatch, text):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("x")
    (tmp_path / "folder").mkdir()
    (tmp_path / "loop").symlink_to("loop")
    (tmp_path / "dangling").symlink_to("nowhere")
    if text != "\udcff" and "\udce9" not in text:
        (tmp_path / "caf\udce9").mkdir()
    path = Path(text)
    assert outcome(paths.exists, text) == outcome(Path.exists, path)
    assert outcome(paths.is_dir, text) == outcome(Path.is_dir, path)
    assert outcome(paths.is_file, text) == outcome(Path.is_file, path)


def test_a_name_too_long_raises_as_pathlib_raises():
    with pytest.raises(OSError) as ours:
        paths.is_dir("x" * 300)
    with pytest.raises(OSError) as theirs:
        Path("x" * 300).is_dir()
    assert ours.value.errno == theirs.value.errno == errno.ENAMETOOLONG


def test_the_same_file_through_odd_names(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "nodes.csv").write_text("id\n")
    (tmp_path / "loop").symlink_to("loop")
    assert _same_file("data//nodes.csv", Path("data/nodes.csv"))
    assert _same_file("./data/../data/nodes.csv/", "data/nodes.csv")
    assert _same_file("data/new.svg", "data/./new.svg")            # neither exists yet
    assert not _same_file("data/nodes.csv", "data/edges.csv")
    assert not _same_file("loop", "loop")                          # a loop: never the same


def test_the_shipped_folders_are_beside_the_package():
    assert paths.checkout_folder("data") == str(bundled_path())
    assert Path(paths.checkout_folder("data"), "nodes.csv").is_file()


# --- what the commands show -------------------------------------------------------------

def coordgraph(cwd, *args):
    return subprocess.run([sys.executable, "-m", "coordgraph", *args], cwd=cwd,
                          capture_output=True, text=True, errors="surrogateescape")


@pytest.fixture
def folder(tmp_path):
    shutil.copytree(bundled_path(), tmp_path / "data")
    (tmp_path / "afile").write_text("x")
    return tmp_path


@pytest.mark.parametrize("output, shown", [
    ("./o//x.svg", "o/x.svg"), ("o/./x.svg/", "o/x.svg"), ("../" + "{name}/up.svg", None),
    ("x.SVG", "x.SVG"), ("sub/..svg", "sub/..svg"),
])
def test_render_names_the_file_as_before(folder, output, shown):
    output = output.format(name=folder.name)
    result = coordgraph(folder, "render", "-o", output)
    assert result.returncode == 0, result.stderr
    shown = shown or str(Path(output))
    assert result.stderr.startswith(f"wrote {shown} (")
    assert (folder / shown).is_file()


def test_render_writes_the_default_file(folder):
    result = coordgraph(folder, "render", "--view", "platforms")
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("wrote output/platforms.svg (")
    assert (folder / "output" / "platforms.svg").is_file()


@pytest.mark.parametrize("args, message", [
    (("-o", "afile/x.svg"), "Error: cannot write afile/x.svg: afile is a file, not a folder"),
    (("-o", "afile//y/x.svg"), "Error: cannot write afile/y/x.svg: afile is a file, not a folder"),
    (("--format", "svg", "-o", "."), "Error: . is a folder; give -o a file name"),
    (("--format", "svg", "-o", "data//"), "Error: data is a folder; give -o a file name"),
    (("--format", "svg", "--data", "data/", "-o", "./data//nodes.csv"),
     "Error: refusing to write over the input file data/nodes.csv;"),
    (("--format", "svg", "--data", "./data/.", "-o", "data/context.toml"),
     "Error: refusing to write over the input file data/context.toml;"),
    (("-o", "x" * 300 + ".svg"), "Error: cannot write " + "x" * 300 + ".svg: File name too long"),
])
def test_render_refuses_with_the_names_as_before(folder, args, message):
    result = coordgraph(folder, "render", *args)
    assert result.returncode == 2
    assert result.stderr.startswith(message)
    assert sorted(os.listdir(folder)) == ["afile", "data"]          # nothing written


def test_render_from_inside_the_folder(folder):
    result = coordgraph(folder / "data", "render", "--format", "svg", "--data", ".",
                        "-o", "edges.csv")
    assert result.returncode == 2
    assert result.stderr.startswith("Error: refusing to write over the input file edges.csv;")


@pytest.mark.parametrize("data, shown, message", [
    ("", "''", "the folder name is empty"),
    ("afile", "afile", "is not a folder"),
    ("afile/", "afile", "is not a folder"),
    ("nowhere//", "nowhere", "not found"),
    ("x" * 300, "x" * 300, "cannot read folder: File name too long"),
    ("data/nodes.csv", "data/nodes.csv", "is not a folder"),
])
def test_check_names_the_folder_as_before(folder, data, shown, message):
    result = coordgraph(folder, "check", "--data", data)
    assert result.returncode == 2
    assert result.stderr.startswith(f"{shown}: CG101 {message}")


@pytest.mark.parametrize("data, file", [
    ("empty", "empty/nodes.csv"), ("empty/", "empty/nodes.csv"), ("./empty//", "./empty/nodes.csv"),
])
def test_a_missing_file_is_named_as_given(folder, data, file):
    (folder / "empty").mkdir()
    result = coordgraph(folder, "check", "--data", data, "--format", "json")
    assert result.returncode == 2
    assert f'"file": "{file}"' in result.stdout


def test_a_workbook_beside_is_named_through_the_folder(folder):
    (folder / "wb").mkdir()
    (folder / "wb" / "country.xlsx").write_bytes(b"PK\x03\x04")
    (folder / "wb" / "~$country.xlsx").write_bytes(b"lock")
    result = coordgraph(folder, "check", "--data", "./wb/")
    assert "the folder holds the workbook country.xlsx: give --data the workbook, " \
           "e.g. --data wb/country.xlsx" in result.stderr


@posix_only
def test_a_folder_whose_name_is_not_utf8(folder):
    name = os.fsdecode(b"caf\xe9")
    shutil.copytree(folder / "data", folder / name)
    result = subprocess.run([sys.executable, "-m", "coordgraph", "render", "--data", name,
                             "--format", "svg", "-o", os.fsdecode(b"caf\xe9//nodes.csv")],
                            cwd=folder, capture_output=True)
    assert result.returncode == 2
    assert result.stderr.startswith(b"Error: refusing to write over the input file caf")
    checked = coordgraph(folder, "check", "--data", name, "--fail-on", "never")
    assert checked.returncode == 0, checked.stderr


@pytest.mark.parametrize("value", [b"data", 3, None])
def test_only_text_and_paths_are_paths(value):
    with pytest.raises(TypeError):
        Path(value)
    with pytest.raises(TypeError):
        paths.plain(value)
