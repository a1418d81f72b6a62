"""``init``: a fresh folder from each template, Excel-ready files, refusals."""

import datetime
import tomllib
from pathlib import Path

import pytest

import coordgraph
from coordgraph.diffing import diff
from coordgraph.errors import UsageError
from coordgraph.templating import INIT_FILES, excel_csv, init_context, template_path
from rows import load_warned

BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize("template", ["generic", "humanitarian", "pre-crisis"])
def test_fresh_folder_round_trips_to_the_template(tmp_path, template):
    folder = tmp_path / "contexts" / "sudan"          # parents are created too
    written = init_context(folder, template, as_of=datetime.date(2026, 1, 31))
    assert written == [folder / "nodes.csv", folder / "edges.csv", folder / "context.toml"]
    graph, warnings = load_warned(folder)
    assert warnings == []
    assert graph.context.as_of == "2026-01-31"
    result = diff(coordgraph.load(template_path(template)), graph)
    assert result.identical, result.summary()


@pytest.mark.parametrize("name", ["nodes.csv", "edges.csv"])
def test_csv_files_open_cleanly_in_excel(tmp_path, name):
    init_context(tmp_path, "humanitarian")
    data = (tmp_path / name).read_bytes()
    assert data.startswith(BOM)
    assert data.count(b"\r\n") == data.count(b"\n") > 10    # every line ends CRLF
    data[len(BOM):].decode("utf-8")                       # strict: no other encoding


def test_french_names_are_written_as_utf8(tmp_path):
    init_context(tmp_path, "humanitarian")
    assert "Sécurité alimentaire".encode() in (tmp_path / "nodes.csv").read_bytes()


def test_csv_cells_survive_re_encoding():
    source = b'id,label,description\nhct,"Team, country","two\nlines"\n'
    assert excel_csv(source) == (
        BOM + b'id,label,description\r\nhct,"Team, country","two\nlines"\r\n')
    assert excel_csv(BOM + source) == excel_csv(source)


def test_context_toml_has_every_setting_with_a_comment(tmp_path):
    init_context(tmp_path, "pre-crisis", as_of=datetime.date(2026, 3, 1))
    text = (tmp_path / "context.toml").read_text(encoding="utf-8")
    settings = tomllib.loads(text)
    source = settings.pop("source")
    assert settings == {"name": "", "country": "", "as_of": datetime.date(2026, 3, 1),
                        "org": "IOM", "lang": "en", "context_type": "pre-crisis",
                        "template": "pre-crisis", "template_as_of": datetime.date(2022, 11, 1)}
    assert source.startswith("IOM Emergency Manual")
    lines = text.splitlines()
    for key in (*settings, "source"):
        # Each setting, or the block of settings it belongs to, has a comment above.
        line = next(i for i, content in enumerate(lines) if content.startswith(f"{key} ="))
        while lines[line - 1] and not lines[line - 1].startswith("#"):
            line -= 1
        assert lines[line - 1].startswith("#"), key
    assert "--template pre-crisis" in text


def test_as_of_defaults_to_today(tmp_path):
    init_context(tmp_path)
    assert coordgraph.load(tmp_path).context.as_of == datetime.date.today().isoformat()


def _snapshot(folder):
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}


@pytest.mark.parametrize("existing", INIT_FILES)
def test_refuses_when_any_file_exists_and_touches_nothing(tmp_path, existing):
    (tmp_path / existing).write_bytes(b"mine")
    (tmp_path / "notes.txt").write_bytes(b"other")
    before = _snapshot(tmp_path)
    with pytest.raises(UsageError) as caught:
        init_context(tmp_path, "humanitarian")
    assert str(tmp_path / existing) in str(caught.value)
    assert "nothing was written" in str(caught.value)
    assert _snapshot(tmp_path) == before


def test_refusal_names_every_existing_file(tmp_path):
    for name in ("nodes.csv", "context.toml"):
        (tmp_path / name).write_text("x")
    with pytest.raises(UsageError) as caught:
        init_context(tmp_path)
    message = str(caught.value)
    assert str(tmp_path / "nodes.csv") in message and str(tmp_path / "context.toml") in message
    assert str(tmp_path / "edges.csv") not in message
    assert not (tmp_path / "edges.csv").exists()


def test_existing_folder_without_those_files_is_fine(tmp_path):
    (tmp_path / "README.txt").write_text("keep me")
    init_context(tmp_path, "pre-crisis")
    assert (tmp_path / "README.txt").read_text() == "keep me"
    assert coordgraph.load(tmp_path)


def test_refuses_a_file_as_folder(tmp_path):
    target = tmp_path / "sudan"
    target.write_text("not a folder")
    with pytest.raises(UsageError, match="is a file"):
        init_context(target)
    assert target.read_text() == "not a folder"


def test_unknown_template_writes_nothing(tmp_path):
    with pytest.raises(UsageError, match="unknown template"):
        init_context(tmp_path / "x", "post-crisis")
    assert not (tmp_path / "x").exists()


# --- review fixes: no traceback, and no writing where nobody asked ----------------------

@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
@pytest.mark.parametrize("where", ["/proc/coordgraph-test", "/proc/coordgraph-test/sudan"])
def test_a_folder_that_cannot_be_created_is_a_usage_error(where):
    with pytest.raises(UsageError, match=f"cannot create {where}: .*nothing was written"):
        init_context(where)


def test_a_folder_under_a_file_is_a_usage_error(tmp_path):
    (tmp_path / "afile").write_text("x")
    with pytest.raises(UsageError, match="cannot create .*afile/sub: Not a directory"):
        init_context(tmp_path / "afile" / "sub")


@pytest.mark.parametrize("folder", ["", "  "])
def test_an_empty_folder_name_writes_nothing(tmp_path, monkeypatch, folder):
    monkeypatch.chdir(tmp_path)              # Path("") would be this folder
    with pytest.raises(UsageError, match="the folder name is empty"):
        init_context(folder)
    assert list(tmp_path.iterdir()) == []


def test_fresh_humanitarian_folder_offers_every_column_to_fill(tmp_path):
    # The new columns arrive empty in Excel, ready to fill: who leads, who
    # holds the post, where, and the sector posts' shared seat.
    import csv

    init_context(tmp_path, "humanitarian-2022")
    with open(tmp_path / "nodes.csv", encoding="utf-8-sig", newline="") as handle:
        nodes = list(csv.DictReader(handle))
    with open(tmp_path / "edges.csv", encoding="utf-8-sig", newline="") as handle:
        edges = list(csv.DictReader(handle))
    for column in ("expected", "lead", "co_lead", "person", "location", "max_seats"):
        assert column in nodes[0], column
    assert "seat" in edges[0]
    assert all(not row["lead"] and not row["co_lead"] and not row["person"] for row in nodes)
    com = next(row for row in nodes if row["id"] == "chief_of_mission")
    assert com["max_seats"] == "5"
    shelter = {row["source"]: row["seat"] for row in edges if row["target"] == "cluster_shl"}
    assert shelter == {"po_shl": "shl-sector", "oo_shl": "shl-sector"}


# ---------------------------------------------------------------- template, crisis, sectors

def _context(folder):
    import tomllib

    return tomllib.loads((folder / "context.toml").read_text(encoding="utf-8"))


def _leads(folder):
    import csv

    with open(folder / "nodes.csv", encoding="utf-8-sig", newline="") as handle:
        return {row["code"]: (row["lead"], row["co_lead"])
                for row in csv.DictReader(handle) if row["code"]}


@pytest.mark.parametrize("template, name, as_of, kind", [
    ("humanitarian", "humanitarian-2025", "2025-01-01", "humanitarian"),
    ("humanitarian-2022", "humanitarian-2022", "2022-11-01", "humanitarian"),
    ("pre-crisis", "pre-crisis", "2022-11-01", "pre-crisis"),
    ("refugee", "refugee", "2022-11-01", "refugee"),
    ("mixed", "mixed", "2025-01-01", "mixed"),
])
def test_init_writes_the_templates_name_date_and_source(tmp_path, template, name, as_of, kind):
    import datetime

    init_context(tmp_path, template, datetime.date(2026, 3, 1))
    settings = _context(tmp_path)
    assert settings["template"] == name and str(settings["template_as_of"]) == as_of
    assert settings["context_type"] == kind and str(settings["as_of"]) == "2026-03-01"
    assert "http" in settings["source"] or "Manual" in settings["source"]
    assert "crisis" not in settings and "sectors" not in settings
    assert coordgraph.load(tmp_path).context.template == name


def test_init_crisis_fills_the_global_leads_as_of_the_templates_date(tmp_path):
    init_context(tmp_path / "d", "humanitarian-2022", crisis="disaster")
    init_context(tmp_path / "c", "humanitarian-2022", crisis="conflict")
    disaster, conflict = _leads(tmp_path / "d"), _leads(tmp_path / "c")
    assert disaster["CCM"] == ("IOM", "") and conflict["CCM"] == ("UNHCR", "")
    assert disaster["SHL"] == ("IFRC", "") and conflict["SHL"] == ("UNHCR", "")
    assert disaster["FSC"] == ("FAO; WFP", "") and disaster["PRO-HLP"] == ("NRC", "")
    assert _context(tmp_path / "d")["crisis"] == "disaster"
    # The context agrees with itself: no CG404 on the leads init wrote.
    graph = coordgraph.load(tmp_path / "d")
    assert [f.code for f in coordgraph.check(graph) if f.code == "CG404"] == []


def test_init_crisis_keeps_the_2025_merged_clusters_lead(tmp_path):
    # No reference row has a code for the merged cluster: the template's stays.
    init_context(tmp_path, "humanitarian", crisis="conflict")
    leads = _leads(tmp_path)
    assert leads["SHL"] == ("IOM;IFRC", "") and "CCM" not in leads
    assert leads["PRO"] == ("UNHCR", "")


def test_init_sectors_are_checked_against_the_templates_codes(tmp_path):
    init_context(tmp_path / "ok", "humanitarian-2022", sectors=["ccm", "SHL", " hea"])
    assert _context(tmp_path / "ok")["sectors"] == ["CCM", "SHL", "HEA"]
    with pytest.raises(UsageError, match=r"unknown sector 'WHS'.*did you mean 'WSH'\?"):
        init_context(tmp_path / "typo", "humanitarian", sectors=["WHS"])
    with pytest.raises(UsageError, match="'CCM' is merged into 'SHL'"):
        init_context(tmp_path / "merged", "humanitarian", sectors=["CCM"])
    assert not (tmp_path / "typo").exists() and not (tmp_path / "merged").exists()


def test_a_context_from_the_2022_template_is_told_of_the_2025_one(tmp_path):
    init_context(tmp_path / "old", "humanitarian-2022")
    init_context(tmp_path / "new", "humanitarian")
    old = [f for f in coordgraph.check(coordgraph.load(tmp_path / "old")) if f.code == "CG405"]
    assert len(old) == 1 and old[0].severity == "info"
    assert "template 'humanitarian-2025'" in old[0].message
    assert [f for f in coordgraph.check(coordgraph.load(tmp_path / "new"))
            if f.code == "CG405"] == []
