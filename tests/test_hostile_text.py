"""Text from the data never drives a terminal, never breaks Markdown, and any
stdout encoding works: a context whose every label is an attack."""

import json
import os
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from coordgraph.cli import cli
from coordgraph.escaping import escape_controls, markdown_text
from rows import escalation, member, platform, role

# Cursor up and erase line (hides the line above), a carriage return, the
# clipboard (OSC 52) and the window title (OSC 0), a bell, the one-byte CSI
# of C1 (clear screen), DEL, a right-to-left override, and a newline that
# would forge a finding line.
ATTACK = ("\x1b[1A\x1b[2K\rErrors: none\x1b]52;c;cHduZWQ=\x07\x1b]0;title\x07"
          "\x9b2J\x7f\u202eevil\nCG999 forged: line")
SHORT_ATTACK = "b\x1b]52;c;eA==\x07\x9b\r\nCG999"  # fits in an id's 64 characters
# Everything a terminal could act on; a report's own line breaks excepted.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
# Markdown that would add a row, a heading, HTML, a link, emphasis, code.
MARKDOWN_ATTACK = "a | b\n# Heading\n<script>x</script> [click](http://evil.example) *em* `c` _u_"


def _context(write_context, text, name):
    """Two platforms (one with no IOM seat: CG301) and two roles, every label,
    structure, org, condition and the context's name holding ``text``."""
    toml_text = json.dumps(text)  # a JSON string is a TOML basic string
    nodes = [platform("hct", label="HCT" + text, structure="IASC" + text),
             platform("lonely", label="Lonely" + text, structure="IASC" + text),
             role("com", label="Chief" + text, org="IOM"),
             role("other", label="Other" + text, org="UN" + text)]
    edges = [member("com", "hct", condition="only if" + text),
             member("other", "lonely", capacity="alternate", condition="when" + text),
             escalation("lonely", "hct")]
    return write_context(nodes, edges, name=name, context=(
        f"name = {toml_text}\ncountry = \"ZZZ\"\nas_of = 2024-01-01\norg = \"IOM\"\n"))


@pytest.fixture
def contexts(write_context):
    """The hostile context and the same one with plain labels."""
    return _context(write_context, ATTACK, "hostile"), _context(write_context, " plain", "plain")


def _run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), result.exception
    return result


COMMANDS = [("check",), ("check", "--format", "markdown"), ("show", "hct"), ("show", "com"),
            ("show", "lonely"), ("validate",)]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_no_control_character_reaches_the_terminal(contexts, command):
    hostile, plain = contexts
    attacked = _run(*command, "--data", hostile)
    benign = _run(*command, "--data", plain)
    assert attacked.exit_code == benign.exit_code
    assert not RAW_CONTROL.findall(attacked.stdout + attacked.stderr)
    # No line added or hidden: the report has the shape of the plain one.
    assert len(attacked.stdout.splitlines()) == len(benign.stdout.splitlines())
    if command[0] != "validate":
        assert "52;c;cHduZWQ=" in attacked.stdout and "\\x1b" in attacked.stdout  # shown, escaped
    assert "CG999" not in "".join(line[:12] for line in attacked.stdout.splitlines())


def test_every_finding_line_is_there(contexts):
    hostile, _ = contexts
    findings = json.loads(_run("check", "--data", hostile, "--format", "json").stdout)["findings"]
    assert findings
    text = _run("check", "--data", hostile).stdout
    finding_lines = [line for line in text.splitlines() if re.match(r"  CG\d{3} ", line)]
    assert [line.split()[:2] for line in finding_lines] == [
        [f["code"], escape_controls(f["node"]) + ":"] for f in findings]
    headings = [line for line in text.splitlines() if line in ("Errors:", "Warnings:", "Notes:")]
    assert len(headings) == len({f["severity"] for f in findings})


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_diff_report_escapes_the_data(contexts, fmt):
    hostile, plain = contexts
    attacked = _run("diff", plain, hostile, "--format", fmt)
    assert attacked.exit_code == 1
    assert not RAW_CONTROL.findall(attacked.stdout + attacked.stderr)
    reverse = _run("diff", hostile, plain, "--format", fmt)
    assert not RAW_CONTROL.findall(reverse.stdout)
    assert len(attacked.stdout.splitlines()) == len(reverse.stdout.splitlines())


def test_problems_and_warnings_escape_the_data(write_context):
    folder = write_context([platform("hct", **{"note" + ATTACK: "x"}),
                            {"id": SHORT_ATTACK, "kind": "platform", "label": "x"}], [])
    result = _run("validate", "--data", folder)
    assert result.exit_code == 2
    assert not RAW_CONTROL.findall(result.stdout + result.stderr)
    lines = result.stderr.splitlines()
    assert [line.split(": ")[1].split()[0] for line in lines[:-1]] == ["warning", "CG103"]
    assert "\\x1b]52;c;" in lines[0] and "\\x1b]52;c;" in lines[1]
    data = json.loads(_run("validate", "--data", folder, "--format", "json").stdout)
    assert SHORT_ATTACK in data["errors"][0]["message"]


@pytest.mark.parametrize("command", [("check",), ("show", "hct"), ("diff", "{plain}", "{hostile}"),
                                     ("validate",)], ids=" ".join)
def test_json_output_escapes_what_json_dumps_keeps_raw(contexts, command):
    """C1 controls, DEL and bidi overrides come out as \\uXXXX: the same
    strings once parsed, and nothing a terminal acts on."""
    hostile, plain = contexts
    args = [a.format(plain=plain, hostile=hostile) for a in command]
    if command[0] != "diff":
        args += ["--data", hostile]
    result = _run(*args, "--format", "json")
    assert not RAW_CONTROL.findall(result.stdout)
    data = json.loads(result.stdout)
    if command[0] == "show":
        assert data["label"] == "HCT" + ATTACK
    if command[0] == "diff":
        assert data["new"]["name"] == ATTACK


# --- Markdown ---------------------------------------------------------------

def _cells(line: str) -> list[str]:
    """A GitHub table row split into cells: a pipe splits unless escaped."""
    cells, current, chars = [], "", iter(line.strip().removeprefix("|").removesuffix("|"))
    for ch in chars:
        if ch == "\\":
            current += ch + next(chars, "")
        elif ch == "|":
            cells.append(current)
            current = ""
        else:
            current += ch
    return [*cells, current]


def _live_syntax(line: str) -> str:
    """What Markdown would read as syntax: the line without code spans and
    backslash-escaped characters."""
    line = re.sub(r"(`+).*?\1", "", line)
    return re.sub(r"\\.", "", line)


@pytest.fixture
def markdown_contexts(write_context):
    return (_context(write_context, " plain", "plain"),
            _context(write_context, MARKDOWN_ATTACK, "hostile"),
            _context(write_context, " other", "other"))


@pytest.mark.parametrize("command", [("check", "--data", "{hostile}"),
                                     ("diff", "{plain}", "{hostile}"),
                                     ("diff", "{hostile}", "{plain}")], ids=" ".join)
def test_markdown_structure_survives_hostile_labels(markdown_contexts, command):
    plain, hostile, other = markdown_contexts
    args = [a.format(plain=plain, hostile=hostile) for a in command]
    markdown = _run(*args, "--format", "markdown").stdout
    benign = _run(*[a.format(plain=plain, hostile=other) for a in command],
                  "--format", "markdown").stdout
    lines, benign_lines = markdown.splitlines(), benign.splitlines()
    assert len(lines) == len(benign_lines)
    assert ([line for line in lines if line.startswith("#")].__len__()
            == [line for line in benign_lines if line.startswith("#")].__len__())
    rows = [line for line in lines if line.startswith("|")]
    assert rows
    header_width = len(_cells(rows[0]))
    for line in rows:
        assert len(_cells(line)) == header_width or line.startswith("| change"), line
    for line in lines:
        live = re.sub(r"^\*\*[\w ,]+\*\*$", "", _live_syntax(line))  # the counts, in bold
        assert not re.search(r"[<>\[\]`_*&]|https?://", live.replace("<br>", "")), line
    assert "\\<script\\>" in markdown and "\\[click\\]" in markdown


def test_markdown_text_neutralises_every_construct():
    for attack in ("# h", "- item", "+ item", "1. item", "2) item", "> quote", "=== ",
                   "a\nb", "a\r\nb", "[x](y)", "![i](y)", "<b>", "&lt;", "`c`", "*e*", "_e_",
                   "~~s~~", "$x$", "a|b", "www.example.com", "http://x.example"):
        escaped = markdown_text(attack)
        assert "\n" not in escaped and "\r" not in escaped
        assert not re.match(r"[#>=+-]|\d+[.)]", escaped), (attack, escaped)
        live = _live_syntax(escaped)
        assert not re.search(r"[\[\]<>`*_~$|&]|www\.|://", live), (attack, escaped)


# --- any stdout encoding ----------------------------------------------------

def _cli(*args, encoding):
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run([sys.executable, "-m", "coordgraph", *map(str, args)],
                          capture_output=True, env=env, timeout=120)


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "cp1252:strict"])
@pytest.mark.parametrize("command", [
    ("check",), ("check", "--format", "markdown"), ("check", "--format", "json"),
    ("diff", "generic", "humanitarian"), ("show", "hct"), ("validate",),
    ("check", "--data", "{hostile}"), ("validate", "--data", "{unknown_column}"),
], ids=" ".join)
def test_any_stdout_encoding_works(write_context, contexts, command, encoding):
    hostile, _ = contexts
    unknown_column = write_context([platform("hct", **{"колонка → ✓": "x"})], [],
                                   name="unknown")
    args = [a.format(hostile=hostile, unknown_column=unknown_column) for a in command]
    expected = _cli(*args, encoding="utf-8")
    result = _cli(*args, encoding=encoding)
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    assert result.returncode == expected.returncode
    assert result.returncode in (0, 1)
    assert result.stdout.count(b"\n") == expected.stdout.count(b"\n")
    assert result.stderr.count(b"\n") == expected.stderr.count(b"\n")


@pytest.mark.filterwarnings("ignore::coordgraph.errors.UnknownOrgWarning")  # the org is hostile too
def test_reports_escape_without_the_command_line(contexts):
    """The library's text reports are safe by themselves, not only once the
    command line has printed them."""
    import coordgraph
    from coordgraph.describing import describe, describe_text
    from coordgraph.diffing import diff, diff_markdown, diff_text
    from coordgraph.reporting import findings_markdown, findings_text

    hostile, plain = contexts
    graph = coordgraph.load(hostile)
    findings = coordgraph.check(graph)
    reports = [findings_text(graph, findings, "IOM" + ATTACK),
               findings_markdown(graph, findings, "IOM" + ATTACK),
               diff_text(diff(coordgraph.load(plain), graph, org="IOM" + ATTACK)),
               diff_markdown(diff(graph, coordgraph.load(plain)))]
    reports += [describe_text(describe(graph, node_id), "IOM" + ATTACK) for node_id in graph.nodes]
    for report in reports:
        assert not RAW_CONTROL.findall(report), report


# --- warnings of one kind are capped ----------------------------------------

def test_many_warnings_print_a_bounded_report(tmp_path):
    """5,000 unknown columns and 300 nodes without a label: 20 warnings of
    each kind, then a count; the JSON lists as many and counts the rest."""
    from coordgraph.reporting import WARNINGS_SHOWN

    folder = tmp_path / "wide"
    folder.mkdir()
    extra = [f"extra{i}" for i in range(5000)]
    rows = [f"p{i},platform," + "," * len(extra) for i in range(300)]
    (folder / "nodes.csv").write_text("\n".join([",".join(["id", "kind", "label", *extra]), *rows])
                                      + "\n", encoding="utf-8")
    (folder / "edges.csv").write_text("source,target,relation\n", encoding="utf-8")

    result = _run("validate", "--data", folder)
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 2 * (WARNINGS_SHOWN + 1)
    assert lines[WARNINGS_SHOWN].endswith("nodes.csv: … and 4,980 more CG102 warnings")
    assert lines[-1].endswith("nodes.csv: … and 280 more CG103 warnings")
    assert len(result.stderr) < 16_000   # 5,000 columns uncapped would print about 1 MB

    data = json.loads(_run("validate", "--data", folder, "--format", "json").stdout)
    assert [w["code"] for w in data["warnings"]] == ["CG102"] * 20 + ["CG103"] * 20
    assert [(w["code"], w["count"]) for w in data["warnings_omitted"]] == [
        ("CG102", 4980), ("CG103", 280)]
    checked = _run("check", "--data", folder)
    assert checked.stderr == result.stderr
