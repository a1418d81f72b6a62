"""HXL hashtag rows: skipped on input (CSV and xlsx), added on output (--hxl),
and read by libhxl, the reference HXL library."""

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import coordgraph
from coordgraph.cli import cli
from coordgraph.errors import DataError
from coordgraph.hxl import EDGE_TAGS, NODE_TAGS, is_hashtag, is_hashtag_row
from coordgraph.reading import parse_table

COUNTRY = Path(__file__).parent / "fixtures" / "country"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def hxl_rows(path):
    """The rows of a CSV file as libhxl reads them: (tags, rows)."""
    pytest.importorskip("hxl")
    import hxl.input

    data = hxl.data(str(path), hxl.input.InputOptions(allow_local=True))
    return data.display_tags, [list(row.values) for row in data]


@pytest.mark.parametrize("tag", ["#org", "#sector+code", "#contact+name", "#adm1+code+v_pcode",
                                 " #org +lead ", "#meta+name+i_fr", "#Org+Lead"])
def test_hashtags(tag):
    assert is_hashtag(tag)


@pytest.mark.parametrize("cell", ["org", "#", "#1", "#org+", "#org lead", "#N/A", "#REF!",
                                  "#DIV/0!", "# org", "#org-lead", "#org++lead", "##org"])
def test_not_hashtags(cell):
    assert not is_hashtag(cell)


def test_a_hashtag_row_needs_every_filled_cell_to_be_a_hashtag():
    assert is_hashtag_row(["#meta+id", "", "#org"])
    assert not is_hashtag_row(["#meta+id", "IOM"])
    assert not is_hashtag_row(["", ""])


def test_our_tags_follow_the_grammar():
    assert all(map(is_hashtag, [*NODE_TAGS.values(), *EDGE_TAGS.values()]))


def with_hashtag_rows(source, target, delimiter=","):
    """A copy of a context folder with a hashtag row under each CSV header,
    the way HDX datasets carry them (some columns untagged)."""
    shutil.copytree(source, target)
    for name, tags in (("nodes.csv", NODE_TAGS), ("edges.csv", EDGE_TAGS)):
        lines = (target / name).read_text(encoding="utf-8-sig").splitlines()
        header = lines[0].split(",")
        row = [tags.get(c, "") if c != "description" else "" for c in header]
        lines.insert(1, delimiter.join(row))
        if delimiter != ",":
            lines = [lines[0].replace(",", delimiter), *lines[1:]]
        (target / name).write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return target


def test_a_hashtag_row_in_csv_is_skipped(tmp_path):
    folder = with_hashtag_rows(COUNTRY, tmp_path / "hxl")
    graph = coordgraph.load(folder)
    plain = coordgraph.load(COUNTRY)
    assert list(graph.nodes) == list(plain.nodes)
    # Line numbers stay those of the file: the hashtag row is line 2.
    assert list(graph.nodes.values())[0].line == 3
    assert coordgraph.check(graph) == coordgraph.check(plain)


def test_a_hashtag_row_is_skipped_on_both_csv_paths():
    fast = parse_table(b"id,kind,label\n#meta+id,#meta+kind,\nhct,platform,HCT\n", "n.csv")
    quoted = parse_table(b'id,kind,label\n#meta+id,#meta+kind,\nhct,platform,"H\nCT"\n',
                         "n.csv")
    assert fast.rows == [(3, ["hct", "platform", "HCT"])]
    assert quoted.rows == [(3, ["hct", "platform", "H\nCT"])]


def test_an_almost_hashtag_row_is_data_and_reported(tmp_path, write_context):
    folder = write_context([{"id": "#meta+id", "kind": "platform", "label": "#oops x"}], [])
    with pytest.raises(DataError) as caught:
        coordgraph.load(folder)
    assert [p.code for p in caught.value.problems] == ["CG103"]


def test_a_hashtag_row_lower_down_is_data(write_context):
    folder = write_context([{"id": "hct", "kind": "platform", "label": "HCT"},
                            {"id": "#meta+id", "kind": "#meta+kind", "label": "#meta+name"}], [])
    with pytest.raises(DataError) as caught:
        coordgraph.load(folder)
    assert {p.code for p in caught.value.problems} == {"CG103", "CG105"}


def test_a_hashtag_row_in_a_workbook_is_skipped(tmp_path):
    result = run("export", "--data", COUNTRY, "-o", tmp_path / "c.xlsx", "--hxl")
    assert result.exit_code == 0, result.output
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(tmp_path / "c.xlsx")["nodes"]
    assert sheet["A2"].value == "#meta+id"
    assert coordgraph.check(coordgraph.load(tmp_path / "c.xlsx")) == coordgraph.check(
        coordgraph.load(COUNTRY))


def test_export_csv_hxl_is_read_by_libhxl(tmp_path):
    target = tmp_path / "seats.csv"
    result = run("export", "--data", COUNTRY, "--format", "csv", "--hxl", "-o", target)
    assert result.exit_code == 0, result.output
    tags, rows = hxl_rows(target)
    assert tags[:3] == ["#meta+id", "#meta+name", "#meta+structure"]
    graph = coordgraph.load(COUNTRY)
    platforms = [n.id for n in graph.nodes.values() if n.kind == "platform"]
    assert sorted(row[0] for row in rows) == sorted(platforms)


def test_export_contacts_hxl_is_read_by_libhxl(tmp_path):
    target = tmp_path / "contacts.csv"
    result = run("export", "--data", COUNTRY, "--format", "contacts", "--hxl", "-o", target)
    assert result.exit_code == 0, result.output
    tags, rows = hxl_rows(target)
    assert tags == ["#meta+id", "#meta+name", "#org+lead", "#org+co_lead", "#contact+role",
                    "#contact+name", "#meta+capacity", "#loc+name"]
    plain = run("export", "--data", COUNTRY, "--format", "contacts")
    assert len(rows) == plain.output.count("\n") - 1      # every contact, none taken as tags


def test_export_context_hxl_is_read_by_libhxl_and_by_coordgraph(tmp_path):
    out = tmp_path / "out"
    result = run("export", "--data", COUNTRY, "--format", "context", "--hxl", "-o", out)
    assert result.exit_code == 0, result.output
    tags, rows = hxl_rows(out / "nodes.csv")
    assert tags[0] == "#meta+id" and "#org+lead" in tags and "#contact+name" in tags
    graph = coordgraph.load(COUNTRY)
    assert [row[0] for row in rows] == list(graph.nodes)
    person = tags.index("#contact+name")
    assert {row[person] for row in rows} - {""} == {n.person for n in graph.nodes.values()} - {""}
    edge_tags, edge_rows = hxl_rows(out / "edges.csv")
    assert edge_tags[:3] == ["#meta+id+from", "#meta+id+to", "#meta+relation"]
    assert len(edge_rows) == len(graph.edges)
    assert coordgraph.check(coordgraph.load(out)) == coordgraph.check(graph)


def test_hxl_only_where_it_fits():
    result = run("export", "--format", "json", "--hxl")
    assert result.exit_code == 2 and "--hxl" in result.stderr
