"""``coordgraph init``, ``diff`` and ``show`` through click, on real files."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from coordgraph.cli import cli
from csv_edit import set_cells

ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)), prog_name="coordgraph")


@pytest.fixture
def country(tmp_path):
    result = run("init", tmp_path / "country", "--template", "humanitarian")
    assert result.exit_code == 0, result.output
    return tmp_path / "country"


# ---------------------------------------------------------------- init

def test_init_writes_and_prints_next_steps(tmp_path):
    folder = tmp_path / "new country"
    result = run("init", folder)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["context.toml", "edges.csv", "nodes.csv"]
    out = result.stdout
    assert f"Created {folder} from the generic template:" in out
    quoted = f"'{folder}'"                                 # the space is quoted
    for step in (f"coordgraph check --data {quoted}", f"coordgraph render --data {quoted}",
                 f"coordgraph diff generic {quoted}"):
        assert step in out
    import datetime

    flat = " ".join(out.split())
    assert (f"context.toml': name, country; as_of is set to today "
            f"({datetime.date.today().isoformat()})") in flat
    assert "Template: generic, as of 2022-11-01" in out
    assert run("validate", "--data", folder).exit_code == 0


def test_init_prints_the_template_its_date_and_source_and_fills_leads(tmp_path):
    folder = tmp_path / "haiti"
    result = run("init", folder, "-t", "humanitarian-2022", "--crisis", "disaster",
                 "--sectors", "CCM,SHL")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Template: humanitarian-2022, as of 2022-11-01\n" in out
    assert "Source: IOM Emergency Manual" in out
    assert "Cluster leads: the global arrangement in a disaster as of 2022-11-01." in out
    text = (folder / "context.toml").read_text(encoding="utf-8")
    assert 'crisis = "disaster"' in text and 'sectors = ["CCM", "SHL"]' in text
    import coordgraph

    assert coordgraph.load(folder).nodes["cluster_ccm"].lead == "IOM"


def test_init_unknown_sector_exit_2_nothing_written(tmp_path):
    result = run("init", tmp_path / "x", "-t", "humanitarian", "--sectors", "SHL,WHS")
    assert result.exit_code == 2
    assert "unknown sector 'WHS' for template humanitarian-2025: did you mean 'WSH'?" in (
        result.stderr)
    assert not (tmp_path / "x").exists()


def test_diff_2022_to_2025_shows_the_shelter_merger():
    result = run("diff", "humanitarian-2022", "humanitarian-2025", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    leadership = {(c["platform"], c["org"], c["old"], c["new"]) for c in data["leadership"]}
    assert leadership == {("cluster_shl", "IOM", "", "lead"), ("cluster_shl", "IFRC", "", "lead")}
    removed = {n["id"] for n in data["nodes"]["removed"]}
    assert removed == {"cluster_ccm", "po_ccm", "oo_ccm"}
    changed = {c["id"]: {k["attribute"] for k in c["changes"]} for c in data["nodes"]["changed"]}
    assert {"label", "lead", "description"} <= changed["cluster_shl"]
    assert data["nodes"]["added"] == []
    text = run("diff", "humanitarian-2022", "humanitarian-2025").stdout
    first = text.split("\n\n")[1]
    assert first.startswith("Leadership changes")
    assert "IOM: Shelter, Land and Site Cluster lead (new)" in text


def test_init_humanitarian_then_check_lists_clusters_under_cg301(country):
    result = run("check", "--data", country, "--format", "json")
    assert result.exit_code == 1
    codes = [(f["code"], f["node"]) for f in json.loads(result.stdout)["findings"]]
    cg301 = [node for code, node in codes if code == "CG301"]
    assert len(cg301) == 14 and "cluster_hea" in cg301 and "aor_gbv" in cg301


def test_init_refuses_existing_files_exit_2_nothing_touched(country):
    before = {p.name: p.read_bytes() for p in country.iterdir()}
    (country / "edges.csv").unlink()
    result = run("init", country, "--template", "pre-crisis")
    assert result.exit_code == 2
    assert "nodes.csv" in result.stderr and "context.toml" in result.stderr
    assert "nothing was written" in result.stderr
    assert result.stdout == ""
    assert not (country / "edges.csv").exists()
    assert {p.name: p.read_bytes() for p in country.iterdir()} == {
        k: v for k, v in before.items() if k != "edges.csv"}


def test_init_unknown_template_is_a_usage_error(tmp_path):
    result = run("init", tmp_path / "x", "--template", "post-crisis")
    assert result.exit_code == 2
    assert "generic" in result.stderr and "pre-crisis" in result.stderr
    assert not (tmp_path / "x").exists()


# ---------------------------------------------------------------- diff

def test_diff_identical_exit_0(country):
    result = run("diff", "humanitarian", country)
    assert result.exit_code == 0
    assert "no differences" in result.stdout


def test_diff_differ_exit_1_and_json_reports_exactly_the_edits(tmp_path):
    # The "done when": init, edit, diff data somewhere --format json.
    somewhere = tmp_path / "somewhere"
    assert run("init", somewhere).exit_code == 0
    set_cells(somewhere / "nodes.csv", {"id": "omt"}, status="inactive")
    set_cells(somewhere / "nodes.csv", {"id": "rrt_lead"}, label="Emergency Coordinator")
    result = run("diff", ROOT / "data", somewhere, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["nodes"]["changed"] == [
        {"id": "omt", "changes": [{"attribute": "status", "old": "active", "new": "inactive"}]},
        {"id": "rrt_lead", "changes": [{"attribute": "label", "old": "Rapid Response Team Lead",
                                        "new": "Emergency Coordinator"}]}]
    assert data["nodes"]["added"] == data["nodes"]["removed"] == []
    assert data["edges"] == {"added": [], "removed": [], "changed": []}
    # The OMT no longer counts: the officer's only platform is inactive.
    assert data["findings"]["introduced"] == []
    assert data["findings"]["resolved"] == []
    assert data["identical"] is False


def test_diff_markdown(country):
    set_cells(country / "nodes.csv", {"id": "cluster_log"}, status="inactive")
    result = run("diff", "humanitarian", country, "--format", "markdown")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "## What changed since Humanitarian 2025 template, as of 2025-01-01\n")
    assert "\nOld: Humanitarian 2025 template, as of 2025-01-01  \nNew: " in result.stdout
    # Named by label; a deactivated cluster no longer applies, nothing was resolved.
    assert "### No longer applies\n\n- Logistics Cluster: deactivated\n" in result.stdout
    assert "| changed | Logistics Cluster | status: active → inactive |" in result.stdout
    assert "| no longer applies | CG301 | Logistics Cluster |" in result.stdout
    assert "| resolved |" not in result.stdout


@pytest.mark.parametrize("side", ["old", "new"])
def test_diff_invalid_data_on_either_side_exit_2(country, side):
    set_cells(country / "edges.csv", {"source": "po_hea"}, target="cluster_heal")
    args = ["humanitarian", country] if side == "new" else [country, "humanitarian"]
    result = run("diff", *args)
    assert result.exit_code == 2
    assert "CG106" in result.stderr and "did you mean 'cluster_hea'?" in result.stderr
    assert result.stdout == ""


def test_diff_invalid_data_json_keeps_stdout_json(country):
    set_cells(country / "nodes.csv", {"id": "po_hea"}, kind="person")
    result = run("diff", "humanitarian", country, "--format", "json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["valid"] is False


def test_diff_missing_folder_exit_2(tmp_path):
    result = run("diff", "generic", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "CG101" in result.stderr


def test_diff_org_option(country):
    result = run("diff", "humanitarian", country, "--org", "UNHCR", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["org"] == "UNHCR"


# ---------------------------------------------------------------- show

def test_show_hct_answers_who_represents_iom_and_who_stands_in():
    result = run("show", "hct")
    assert result.exit_code == 0
    text = result.stdout
    assert "chief_of_mission: Chief of Mission (CoM) [IOM], member" in text
    assert re.search(r"\n  rrt_lead: Rapid Response Team Lead \[IOM\], member, only in the "
                     r"event that the COM has limited experience", text)
    assert "cluster_coordinator: IOM Cluster Coordinator [IOM], only in some instances" in text


def test_show_json(country):
    result = run("show", "po_hea", "--data", country, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["id"] == "po_hea" and data["kind"] == "role" and data["status"] == "inactive"
    assert [s["platform"] for s in data["seats"]] == ["cluster_hea"]


def test_show_unknown_id_exit_2_with_did_you_mean():
    result = run("show", "chief_of_misison")
    assert result.exit_code == 2
    assert "did you mean 'chief_of_mission'?" in result.stderr
    assert result.stdout == ""


def test_show_invalid_data_exit_2(country):
    set_cells(country / "nodes.csv", {"id": "hct"}, level="country")
    result = run("show", "hct", "--data", country)
    assert result.exit_code == 2
    assert "CG105" in result.stderr


# ---------------------------------------------------------------- help and start-up

@pytest.mark.parametrize("command", sorted(cli.commands))
def test_help_has_examples_and_every_option_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.output
    assert f"coordgraph {command} " in result.output.split("Examples:")[1]
    for param in cli.commands[command].params:
        if getattr(param, "param_type_name", "") == "option":
            assert param.help, f"{command} {param.opts} has no help"


# ---------------------------------------------------------------- the manual page

@pytest.mark.slow
def test_adapting_walkthrough_is_what_the_script_prints():
    page = (ROOT / "docs" / "adapting.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- BEGIN contexts -->\n(.*)<!-- END contexts -->", page, re.S)
    assert match, "docs/adapting.md has no contexts section"
    env = {**os.environ, "PYTHON": sys.executable}
    printed = subprocess.run(["bash", str(ROOT / "scripts" / "walkthrough.sh")], env=env,
                             capture_output=True, text=True, check=True).stdout
    assert match[1] == printed, ("docs/adapting.md's walk-through is stale: replace the "
                                 "contexts section with the output of scripts/walkthrough.sh")


@pytest.mark.parametrize("command", ["show hct --data {}", "diff humanitarian {}"])
def test_json_keeps_stdout_json_and_warnings_on_stderr(country, command):
    text = (country / "nodes.csv").read_bytes().replace(b"\r\n", b",\r\n", 1)
    (country / "nodes.csv").write_bytes(text.replace(b",\r\n", b",remarks\r\n", 1))
    result = run(*command.format(country).split(), "--format", "json")
    json.loads(result.stdout)
    assert "unknown column 'remarks'" in result.stderr


# ---------------------------------------------------------------- review fixes

@pytest.mark.parametrize("argument, hint", [
    ("data", "did you mean 'generic', the bundled framework?"),   # outside the repository
    ("humanitrian", "did you mean 'humanitarian'?"),
    ("", "OLD and NEW are context folders or templates"),       # not the current folder
])
def test_diff_names_what_old_and_new_may_be(tmp_path, monkeypatch, argument, hint):
    monkeypatch.chdir(tmp_path)
    result = run("diff", argument, "generic")
    assert result.exit_code == 2
    assert "CG101" in result.stderr and hint in result.stderr
    assert "--data" not in result.stderr                       # diff has no --data
    as_json = run("diff", "generic", argument, "--format", "json")
    assert as_json.exit_code == 2
    assert hint in json.loads(as_json.stdout)["errors"][0]["hint"]


def test_init_where_nothing_can_be_created_exit_2_without_traceback(tmp_path):
    (tmp_path / "afile").write_text("x")
    for where in (tmp_path / "afile" / "sub", ""):
        result = run("init", where)
        assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
        assert result.stderr.startswith("Error: ")


def test_show_id_in_another_case_exit_2_with_did_you_mean():
    result = run("show", "HCT")
    assert result.exit_code == 2
    assert "did you mean 'hct'?" in result.stderr


@pytest.mark.parametrize("command", [["show", "hct"], ["diff", "generic", "generic"]])
def test_an_org_no_role_belongs_to_is_warned_about(command):
    result = run(*command, "--org", "IMO")
    assert "warning: no role belongs to 'IMO': did you mean 'IOM'?" in result.stderr
    assert "warning" not in run(*command, "--org", "iom").stderr


def test_diff_reports_the_problems_of_both_sides_at_once(tmp_path, country):
    set_cells(country / "nodes.csv", {"id": "po_hea"}, kind="person")
    result = run("diff", country, tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "nodes.csv" in result.stderr and "CG105" in result.stderr
    assert f"{tmp_path / 'nowhere'}: CG101 not found" in result.stderr
    assert "2 error(s) in 2 file(s)" in result.stderr
    same = run("diff", country, country)                        # read once, told once
    assert same.exit_code == 2 and same.stderr.count("CG105") == 1
