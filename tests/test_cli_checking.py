"""`coordgraph validate` and `coordgraph check` through click's CliRunner."""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from coordgraph.cli import cli
from rows import escalation, member, platform, role

FIXTURES = Path(__file__).parent / "fixtures"
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}

# Three contexts: no finding, warnings only, errors and warnings.
CLEAN = ([platform("hct"), platform("iccg"), role("com"), role("cc")],
         [escalation("iccg", "hct"), member("com", "hct"), member("cc", "iccg")])
WARNINGS = ([platform("hct"), platform("smt"), role("com")],
            [member("com", "hct"), member("com", "smt")])
ERRORS = ([platform("hct"), platform("smt"), platform("unct", label="UN Country Team"),
           platform("omt"), role("com"), role("lonely"), role("rc", org="UN")],
          [member("com", "hct"), member("com", "smt"), member("rc", "unct"), member("rc", "omt")])
CONTEXTS = {"clean": CLEAN, "warnings": WARNINGS, "errors": ERRORS}


@pytest.fixture
def folder(write_context):
    """The folder of one of CONTEXTS, by name, written on first use."""
    written = {}

    def get(name):
        if name not in written:
            written[name] = str(write_context(*CONTEXTS[name], name=name))
        return written[name]

    return get


def run(runner, *args):
    result = runner.invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), result.exception
    return result


# --- check: exit codes, formats, the JSON contract ---------------------------------

@pytest.mark.parametrize("name, fail_on, code", [
    ("clean", "error", 0), ("clean", "warning", 0), ("clean", "never", 0),
    ("warnings", "error", 0), ("warnings", "warning", 1), ("warnings", "never", 0),
    ("errors", "error", 1), ("errors", "warning", 1), ("errors", "never", 0),
])
@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_check_exit_codes(runner, folder, name, fail_on, code, fmt):
    result = run(runner, "check", "--data", folder(name), "--fail-on", fail_on, "--format", fmt)
    assert result.exit_code == code
    assert result.stdout


def test_the_default_threshold_is_error(runner, folder):
    assert run(runner, "check", "--data", folder("warnings")).exit_code == 0
    assert run(runner, "check", "--data", folder("errors")).exit_code == 1


def test_check_json_is_the_contract_object(runner, folder):
    result = run(runner, "check", "--data", folder("errors"), "--format", "json")
    data = json.loads(result.stdout)
    assert list(data) == ["org", "summary", "findings"]
    assert data["org"] == "IOM"
    findings = data["findings"]
    assert all(list(f) == ["code", "severity", "node", "nodes", "message", "hint"]
               for f in findings)
    assert [(f["code"], f["node"]) for f in findings] == [
        ("CG301", "omt"), ("CG301", "unct"), ("CG203", "lonely"), ("CG305", "com")]
    keys = [(SEVERITY_RANK[f["severity"]], f["code"], f["node"]) for f in findings]
    assert keys == sorted(keys)
    assert data["summary"] == {"error": 2, "warning": 2, "info": 0}
    assert data["summary"] == {s: sum(f["severity"] == s for f in findings)
                               for s in SEVERITY_RANK}
    assert next(f for f in findings if f["code"] == "CG305")["nodes"] == ["com", "hct", "smt"]
    assert all(f["message"] and f["hint"] for f in findings)


def test_check_text_and_markdown_name_every_finding(runner, folder):
    text = run(runner, "check", "--data", folder("errors")).stdout
    markdown = run(runner, "check", "--data", folder("errors"), "--format", "markdown").stdout
    for code, node in (("CG301", "omt"), ("CG301", "unct"), ("CG203", "lonely"), ("CG305", "com")):
        assert f"{code} {node}:" in text
        assert f"| {code} | `{node}` |" in markdown
    assert "UN Country Team" in text


def test_an_unrepresented_platform_is_named_under_cg301(runner, write_context):
    data = write_context([platform("hct"), platform("smt", label="Security Management Team"),
                          role("com"), role("rc", org="UN")],
                         [member("com", "hct"), member("rc", "smt")])
    result = run(runner, "check", "--data", data, "--format", "json")
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)["findings"]
    assert (finding["code"], finding["node"]) == ("CG301", "smt")
    assert "Security Management Team" in finding["message"]


def test_check_for_another_org_and_max_seats(runner, write_context):
    data = write_context(
        [platform(p) for p in ("hct", "pwg", "gbv")]
        + [role("com"), role("rep", org="UNHCR")],
        [member("com", "hct"), member("com", "pwg"), member("com", "gbv", capacity="alternate"),
         member("rep", "hct"), member("rep", "pwg"), member("rep", "gbv")])
    unhcr = json.loads(run(runner, "check", "--data", data, "--org", "unhcr",
                           "--format", "json", "--max-seats", "2").stdout)
    assert unhcr["org"] == "UNHCR"              # the data's spelling
    assert [(f["code"], f["node"]) for f in unhcr["findings"]] == [
        ("CG304", "rep"), ("CG305", "rep")]
    iom = json.loads(run(runner, "check", "--data", data, "--format", "json").stdout)
    assert [(f["code"], f["node"]) for f in iom["findings"]] == [
        ("CG302", "gbv"), ("CG305", "com")]


def test_check_defaults_to_the_org_of_context_toml(runner, write_context):
    data = write_context([platform("hct"), role("rep", org="UNHCR")], [member("rep", "hct")],
                         context='org = "UNHCR"\n')
    result = run(runner, "check", "--data", data, "--format", "json")
    assert json.loads(result.stdout) == {"org": "UNHCR", "summary": {"error": 0, "warning": 0,
                                                                     "info": 0}, "findings": []}


def test_check_json_stays_json_when_there_are_warnings(runner):
    result = run(runner, "check", "--data", FIXTURES / "excel" / "cp1252", "--format", "json")
    assert json.loads(result.stdout)["org"] == "IOM"
    assert "Windows-1252" in result.stderr


# --- validate -------------------------------------------------------------------------

def test_validate_valid_data(runner, folder):
    result = run(runner, "validate", "--data", folder("errors"))
    assert result.exit_code == 0
    assert "valid: 4 platforms, 3 roles, 4 relations" in result.stdout
    data = json.loads(run(runner, "validate", "--data", folder("clean"), "--format", "json").stdout)
    assert data == {"valid": True, "errors": [], "warnings": []}


def test_validate_prints_every_problem_like_a_linter(runner):
    data = FIXTURES / "invalid" / "several"
    result = run(runner, "validate", "--data", data)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == (f"{data}/edges.csv:2:1: CG106 source 'cheif_of_mission' is not a node "
                        "in nodes.csv (did you mean 'chief_of_mission'?)")
    assert len(lines) == 8 and lines[-1].startswith("7 error(s) in 2 file(s)")
    assert result.stdout == ""


def test_validate_json_on_invalid_data(runner):
    result = run(runner, "validate", "--data", FIXTURES / "invalid" / "several", "--format", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert list(data) == ["valid", "errors", "warnings"]
    assert data["valid"] is False and data["warnings"] == []
    assert len(data["errors"]) == 7
    for error in data["errors"]:
        assert list(error) == ["code", "file", "line", "column", "message", "hint"]
    assert data["errors"][0]["hint"] == "did you mean 'chief_of_mission'?"


def test_validate_json_carries_the_warnings(runner):
    result = run(runner, "validate", "--data", FIXTURES / "excel" / "french_excel",
                 "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["valid"] is True
    assert [(w["code"], w["file"].rsplit("/", 1)[-1]) for w in data["warnings"]] == [
        ("CG101", "nodes.csv"), ("CG101", "edges.csv")]


def test_a_typo_in_edges_exits_2_naming_file_line_and_meant_id(runner):
    data = FIXTURES / "invalid" / "cg106_unknown_node"
    result = run(runner, "check", "--data", data)
    assert result.exit_code == 2
    assert f"{data}/edges.csv:4:1: CG106" in result.stderr
    assert "'cheif_of_mission'" in result.stderr
    assert "did you mean 'chief_of_mission'?" in result.stderr
    as_json = run(runner, "check", "--data", data, "--format", "json")
    assert as_json.exit_code == 2
    assert json.loads(as_json.stdout)["errors"][0]["hint"] == "did you mean 'chief_of_mission'?"


# --- user mistakes: exit 2, a message, never a traceback ------------------------------

@pytest.mark.parametrize("args", [
    ["check", "--data", "/nonexistent/folder"],
    ["validate", "--data", "/nonexistent/folder", "--format", "json"],
    ["check", "--data", FIXTURES / "make_fixtures.py"],
    ["check", "--format", "xml"],
    ["check", "--fail-on", "sometimes"],
    ["check", "--max-seats", "0"],
    ["check", "--max-seats", "many"],
    ["frobnicate"],
    *(["check", "--data", case] for case in sorted((FIXTURES / "invalid").iterdir())),
])
def test_user_mistakes_exit_2_without_a_traceback(runner, args):
    result = run(runner, *args)
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert result.stderr or result.stdout


def test_a_bad_context_toml_is_a_message(runner, write_context):
    data = write_context(*CLEAN, context='name = "Sudan\n')
    result = run(runner, "check", "--data", data)
    assert result.exit_code == 2
    assert "context.toml:1" in result.stderr and "CG101" in result.stderr


def test_input_files_are_never_written(runner):
    def snapshot():
        return {p: hashlib.sha256(p.read_bytes()).hexdigest()
                for p in FIXTURES.rglob("*") if p.is_file() and "__pycache__" not in p.parts}

    before = snapshot()
    folders = [p for kind in ("excel", "invalid") for p in sorted((FIXTURES / kind).iterdir())]
    for data in folders:
        for fmt in ("text", "json"):
            run(runner, "validate", "--data", data, "--format", fmt)
        for fmt in ("text", "json", "markdown"):
            run(runner, "check", "--data", data, "--format", fmt)
    assert snapshot() == before


# --- start-up: nothing heavy imported ------------------------------------------------

def imported_modules(*args, cwd):
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "coordgraph", *args],
                            capture_output=True, text=True, cwd=cwd, timeout=60)
    names = {line.split("|")[-1].strip().split(".")[0]
             for line in result.stderr.splitlines() if line.startswith("import time:")}
    return result, names


def test_help_imports_neither_networkx_nor_pydot(tmp_path):
    result, modules = imported_modules("--help", cwd=tmp_path)
    assert result.returncode == 0 and "validate" in result.stdout
    assert "click" in modules  # the measure works
    assert not modules & {"networkx", "pydot", "pyparsing"}


def test_check_does_not_import_pydot(tmp_path):
    result, modules = imported_modules("check", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0
    assert json.loads(result.stdout)["org"] == "IOM"
    assert "click" in modules  # the measure works
    # An acyclic escalation graph (the bundled one) needs no networkx at all.
    assert not modules & {"pydot", "pyparsing", "networkx"}


# --- review fixes -------------------------------------------------------------------

def test_an_org_typo_is_warned_about_on_stderr_not_in_the_json(runner):
    result = run(runner, "check", "--org", "IMO", "--format", "json")
    assert result.exit_code == 1                       # every platform: CG301
    assert json.loads(result.stdout)["org"] == "IMO"
    assert result.stderr == ("coordgraph: warning: no role belongs to 'IMO': did you mean "
                             "'IOM'? (organisations: IOM, UN)\n")


def test_org_is_trimmed(runner):
    result = run(runner, "check", "--org", " IOM ", "--format", "json")
    assert result.exit_code == 0 and result.stderr == ""
    assert json.loads(result.stdout)["org"] == "IOM"


def test_an_empty_data_option_is_not_the_current_folder(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(runner, "check", "--data", "")
    assert result.exit_code == 2
    assert "'': CG101 the folder name is empty" in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_a_message_not_a_traceback():
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "coordgraph", "check"], stdout=full,
                                stderr=subprocess.PIPE, text=True)
    assert result.returncode == 2
    assert result.stderr == "Error: cannot write the output: No space left on device\n"


def test_data_takes_a_template_name_unless_a_folder_has_that_name(runner, tmp_path,
                                                                  monkeypatch, write_context):
    monkeypatch.chdir(tmp_path)
    result = run(runner, "check", "--data", "humanitarian", "--format", "json")
    assert result.exit_code == 1                       # the template's 14 clusters: CG301
    assert sum(f["code"] == "CG301" for f in json.loads(result.stdout)["findings"]) == 14
    write_context(*CLEAN, name="humanitarian")         # a folder of that name wins
    assert run(runner, "check", "--data", "humanitarian").exit_code == 0
