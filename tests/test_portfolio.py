"""`coordgraph portfolio` and coordgraph.portfolio: the matrix, its formats, exit codes."""

import csv
import datetime
import io
import json
import re
from pathlib import Path

import pytest

import coordgraph
from coordgraph import portfolio
from coordgraph.cli import cli
from coordgraph.portfolio_html import asset, page
from coordgraph.rendering.html import digest
from rows import escalation, member, platform, role

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "portfolio"
TODAY = datetime.date(2026, 11, 29)

# One platform per cell state, each its own kind (its code).
STATE_NODES = [
    platform("p_lead", code="P1", lead="UNHCR; IOM"),
    platform("p_colead", code="P2", lead="UNHCR", co_lead="iom"),
    platform("p_caplead", code="P3"),
    platform("p_chair", code="P4"),
    platform("p_cochair", code="P5"),
    platform("p_coord", code="P6"),
    platform("p_member", code="P7"),
    platform("p_alt", code="P8"),
    platform("p_obs", code="P9"),
    platform("p_absent", code="P10"),
    platform("p_notexp", code="P11", expected="no"),
    platform("p_inactive", code="P12", status="inactive"),
    platform("p_vacant", code="P13"),
    platform("p_other", code="P14"),
    platform("p_mixed", code="P15"),
    role("officer"), role("deputy"), role("empty", status="vacant"),
    role("unhcr_rep", org="UNHCR"),
]
STATE_EDGES = [
    member("officer", "p_caplead", capacity="lead"),
    member("officer", "p_chair", capacity="chair"),
    member("officer", "p_cochair", capacity="co-chair"),
    member("officer", "p_coord", capacity="coordinator"),
    member("officer", "p_member"),
    member("officer", "p_alt", capacity="alternate"),
    member("officer", "p_obs", capacity="observer"),
    member("empty", "p_vacant", capacity="chair"),
    member("unhcr_rep", "p_other", capacity="chair"),
    member("deputy", "p_mixed", capacity="alternate"),
    member("officer", "p_mixed"),
    member("deputy", "p_inactive"),
]
EXPECTED_STATES = {
    "P1": "lead", "P2": "co-lead", "P3": "lead", "P4": "chair", "P5": "co-chair",
    "P6": "coordinator", "P7": "member", "P8": "observer", "P9": "observer",
    "P10": "absent", "P11": "not-expected", "P12": "inactive", "P13": "absent",
    "P14": "absent", "P15": "member",
}


def run(runner, *args):
    result = runner.invoke(cli, ["portfolio", *(str(a) for a in args)])
    assert "Traceback" not in result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), result.exception
    return result


def rows_of(*graphs, org="IOM"):
    return [portfolio.context_row(f"c{n}", g, coordgraph.check(g, org=org), org, TODAY)
            for n, g in enumerate(graphs)]


# --- the library: cells, kinds, columns ------------------------------------------------

def test_each_capacity_makes_its_cell():
    graph = coordgraph.from_records(STATE_NODES, STATE_EDGES)
    cells, labels = portfolio.context_cells(graph, "IOM")
    assert cells == EXPECTED_STATES
    assert labels["P1"] == "P_LEAD"


def test_the_org_is_matched_in_any_case_and_another_org_has_its_own_cells():
    graph = coordgraph.from_records(STATE_NODES, STATE_EDGES)
    cells, _ = portfolio.context_cells(graph, "UNHCR")
    assert cells["P1"] == "lead" and cells["P2"] == "lead" and cells["P14"] == "chair"
    assert cells["P7"] == "absent"


def test_national_platforms_decide_a_kind_over_subnational_ones():
    graph = coordgraph.from_records(
        [platform("ccm", code="CCM"), platform("ccm_north", code="ccm", level="subnational",
                                               lead="IOM"), role("po")],
        [escalation("ccm_north", "ccm")])
    assert portfolio.context_cells(graph, "IOM")[0] == {"CCM": "absent"}
    only_sub = coordgraph.from_records(
        [platform("ccm_north", code="CCM", level="subnational", lead="IOM")], [])
    assert portfolio.context_cells(only_sub, "IOM")[0] == {"CCM": "lead"}


@pytest.mark.parametrize("node, kind", [
    (platform("x", code=" pro-gbv "), "PRO-GBV"),
    (platform("hct"), "HCT"),
    (platform("hct_2", label="Humanitarian Country Team (HCT)"), "HCT"),
    (platform("iccg_x", label="Inter-Cluster Working/Coordination Group Meetings (ICWG/ICCG)"),
     "ICCG"),
    (platform("wash", label="WASH Cluster"), "WSH"),
    (platform("cwg", label="Cash Working Group"), "CWG"),
    (platform("rcf_1", label="Refugee Coordination Forum (RCF)"), "RCF"),
])
def test_platform_kind(node, kind):
    graph = coordgraph.from_records([node], [])
    assert portfolio.platform_kind(graph.nodes[node["id"]]) == kind


def test_every_ocha_code_is_a_known_kind():
    with open(ROOT / "reference" / "ocha-global-coordination-groups.csv", encoding="utf-8") as f:
        codes = {row["ACRONYM"] for row in csv.DictReader(f)}
    assert codes <= set(portfolio.KNOWN_KINDS)


def test_columns_follow_reading_order_and_others_need_two_contexts():
    a = coordgraph.from_records([platform("omt"), platform("hct"), platform("x", code="SHL"),
                                 platform("y", code="CCM"), platform("rcf", label="RCF (RCF)"),
                                 platform("cwg", label="Cash (CWG)")], [])
    b = coordgraph.from_records([platform("rcf2", label="Forum (RCF)")], [])
    columns = portfolio.columns_for(rows_of(a, b))
    assert [c.key for c in columns] == ["HCT", "CCM", "SHL", "OMT", "RCF"]


def test_ages_in_days_and_the_context_settings():
    graph = coordgraph.from_records(
        [platform("hct")], [],
        context={"name": "Valdoria", "country": "xva", "as_of": "2026-10-30",
                 "template": "humanitarian", "template_as_of": "2022-11-01",
                 "context_type": "humanitarian", "region": "Northern Sea"})
    row = rows_of(graph)[0]
    assert (row.name, row.country, row.region, row.context_type) == (
        "Valdoria", "XVA", "Northern Sea", "humanitarian")
    assert (row.as_of_age, row.template_age) == (30, 1489)


def test_region_is_a_setting_of_context_toml(tmp_path, write_context):
    folder = write_context([platform("hct")], [], context='region = "Southern Plains"\n')
    graph, warnings = coordgraph.load(folder, with_warnings=True)
    assert graph.context.region == "Southern Plains" and warnings == []


def test_an_invalid_context_counts_its_problems_as_errors():
    problems = [coordgraph.errors.Problem("CG102", "x/nodes.csv", 1, None, "missing")] * 3
    row = portfolio.context_row("x", None, (), "IOM", TODAY, problems=problems)
    assert not row.valid and row.summary == {"error": 3, "warning": 0, "info": 0}
    assert row.cells == {}


def test_context_paths_find_the_contexts_of_a_parent_folder(tmp_path):
    paths = portfolio.context_paths([EXAMPLES, EXAMPLES / "brelund", tmp_path / "nothing"])
    assert [p.name for p in paths] == ["brelund", "kessaria", "lumeria", "tessaly", "valdoria",
                                       "nothing"]


# --- the command: rows, invalid contexts, exit codes ---------------------------------

CLEAN = ([platform("hct"), role("com")], [member("com", "hct")])
WARNING = ([platform("hct"), platform("smt"), role("com")],
           [member("com", "hct"), member("com", "smt")])
ERROR = ([platform("hct"), platform("unct")], [])


@pytest.fixture
def region(tmp_path, write_context):
    """A parent folder of contexts, by name: clean, warning, error, broken."""
    def make(*names):
        for name in names:
            if name == "broken":
                folder = tmp_path / "broken"
                folder.mkdir()
                (folder / "nodes.csv").write_text("id,label\nhct,HCT\n", encoding="utf-8")
                (folder / "edges.csv").write_text("source,target\n", encoding="utf-8")
                (folder / "context.toml").write_text('name = "Brokenland"\ncountry = "XBK"\n')
            else:
                nodes, edges = {"clean": CLEAN, "warning": WARNING, "error": ERROR}[name]
                write_context(nodes, edges, name=name,
                              context=f'name = "{name.title()}"\nas_of = 2026-11-01\n')
        return tmp_path
    return make


@pytest.mark.parametrize("names, fail_on, code", [
    (("clean",), "error", 0),
    (("clean", "warning"), "error", 0),
    (("clean", "warning"), "warning", 1),
    (("clean", "error"), "error", 1),
    (("clean", "error"), "never", 0),
    (("clean", "broken"), "error", 1),      # an invalid context: its errors count ...
    (("clean", "broken"), "never", 0),
    (("broken",), "never", 2),              # ... and when every one is invalid: exit 2
])
def test_exit_codes(runner, region, names, fail_on, code):
    result = run(runner, region(*names), "--fail-on", fail_on, "--today", TODAY)
    assert result.exit_code == code, result.output
    assert result.stdout


def test_an_invalid_context_is_one_row_and_the_run_goes_on(runner, region):
    folder = region("clean", "broken", "error")
    result = run(runner, folder, "--format", "json", "--today", TODAY)
    data = json.loads(result.stdout)
    contexts = {c["name"]: c for c in data["contexts"]}
    assert list(contexts) == ["Brokenland", "Clean", "Error"]
    broken = contexts["Brokenland"]
    assert broken["valid"] is False and broken["country"] == "XBK"
    assert broken["summary"]["error"] == len(broken["problems"]) > 0
    assert {p["code"] for p in broken["problems"]} <= {f"CG1{n:02}" for n in range(1, 11)}
    assert all(v is None for v in broken["cells"].values())
    assert "invalid data" in result.stderr
    text = run(runner, folder, "--today", TODAY).stdout
    assert re.search(r"Brokenland .*invalid data: \d+ CG1xx error", text)


def test_json_holds_the_findings_of_check_and_the_cells(runner, region):
    folder = region("warning", "error")
    data = json.loads(run(runner, folder, "--format", "json", "--today", TODAY).stdout)
    assert data["today"] == "2026-11-29"
    assert [c["key"] for c in data["columns"]] == ["HCT", "UNCT", "SMT"]
    for context in data["contexts"]:
        checked = json.loads(runner.invoke(
            cli, ["check", "--data", context["source"], "--format", "json"]).stdout)
        assert context["findings"] == checked["findings"]
        assert context["summary"] == checked["summary"] and context["org"] == checked["org"]
        assert context["as_of_age_days"] == 28
    error = next(c for c in data["contexts"] if c["name"] == "Error")
    assert error["cells"] == {"HCT": "absent", "UNCT": "absent", "SMT": None}


def test_csv_rows_with_hxl_and_neutralised_cells(runner, write_context, tmp_path):
    write_context(*CLEAN, name="a", context='name = "=HYPERLINK(\\"http://x\\")"\n')
    write_context(*WARNING, name="b", context='name = "Bee"\nregion = "@north"\n')
    result = run(runner, tmp_path, "--format", "csv", "--hxl", "--today", TODAY)
    data = result.stdout_bytes
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 4
    header, tags, first, second = rows
    assert header[:2] == ["Context", "Country"] and header[-2:] == ["HCT", "SMT"]
    assert all(tag.startswith("#") for tag in tags)
    assert tags[1] == "#country+code" and tags[-1] == "#sector+code+smt"
    assert first[0] == "'=HYPERLINK(\"http://x\")"
    assert second[2] == "'@north"
    assert first[-2:] == ["member", ""] and second[-2:] == ["member", "member"]
    without = run(runner, tmp_path, "--format", "csv", "--today", TODAY).stdout_bytes
    assert len(list(csv.reader(io.StringIO(without.decode("utf-8-sig"))))) == 3


def test_markdown_is_one_table_row_per_context(runner, write_context, tmp_path):
    write_context(*CLEAN, name="a", context='name = "A | B\\n# not a heading"\n')
    write_context(*ERROR, name="b")
    text = run(runner, tmp_path, "--format", "markdown", "--today", TODAY).stdout
    table = [line for line in text.splitlines() if line.startswith("|")]
    assert len(table) == 4
    widths = {len(re.split(r"(?<!\\)\|", line)) for line in table}
    assert len(widths) == 1
    assert "A \\| B \\# not a heading" in table[2]


def test_text_fits_a_100_column_terminal_with_a_legend(runner):
    text = run(runner, EXAMPLES, "--today", TODAY).stdout
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert sum(1 for line in lines if re.match(r"(Brelund|Kessaria|Lumeria|Tessaly|Valdoria) ",
                                              line)) == 5
    assert "L lead" in text and "! absent where expected" in text
    assert "CCM Camp Coordination / Management" in text


def test_text_narrows_the_name_for_many_columns():
    graphs = [coordgraph.from_records([platform(f"p{i}", code=f"K{i}") for i in range(30)], [])
              for _ in range(2)]
    text = portfolio.to_text(portfolio.build(rows_of(*graphs), TODAY))
    assert max(len(line) for line in text.splitlines()) <= 100


def test_the_examples(runner):
    data = json.loads(run(runner, EXAMPLES, "--format", "json", "--today", TODAY).stdout)
    contexts = {c["country"]: c for c in data["contexts"]}
    assert set(contexts) == {"XVA", "XBR", "XKE", "XLU", "XTE"}
    assert {c["context_type"] for c in contexts.values()} == {
        "humanitarian", "pre-crisis", "refugee", "mixed"}
    assert contexts["XVA"]["cells"]["CCM"] == "lead"
    assert contexts["XBR"]["cells"]["CCM"] == "co-lead"
    assert contexts["XBR"]["cells"]["SHL"] == "coordinator"
    assert contexts["XKE"]["cells"]["OMT"] == "chair"
    assert contexts["XTE"]["cells"]["HEA"] == "not-expected"
    assert contexts["XBR"]["as_of_age_days"] > 365
    assert "RCF" in [c["key"] for c in data["columns"]]     # two contexts have one


def test_an_org_found_in_no_context_is_a_warning(runner):
    result = run(runner, EXAMPLES, "--org", "IMO", "--today", TODAY)
    assert "no role belongs to 'IMO'" in result.stderr and "did you mean 'IOM'" in result.stderr
    assert "no role belongs" not in run(runner, EXAMPLES, "--org", " iom ").stderr


def test_today_must_be_a_date(runner):
    result = run(runner, EXAMPLES, "--today", "soon")
    assert result.exit_code == 2 and "not a date" in result.output


def test_output_file(runner, tmp_path):
    target = tmp_path / "out" / "portfolio.html"
    result = run(runner, EXAMPLES, "--format", "html", "-o", target, "--today", TODAY)
    assert result.exit_code == 1      # the examples have errors, on purpose
    assert target.read_bytes().startswith(b"<!DOCTYPE html>")


# --- the HTML page ------------------------------------------------------------------

def test_the_page_allows_exactly_its_own_style_and_script():
    graph = coordgraph.from_records(
        [platform("hct", label="</script><script>alert(1)</script>")], [],
        context={"name": "<img src=x onerror=alert(1)>\u2028"})
    html = page(portfolio.build(rows_of(graph), TODAY)).decode("utf-8")
    script, style = asset("portfolio.js"), asset("portfolio.css")
    assert f"script-src '{digest(script)}'" in html and f"style-src '{digest(style)}'" in html
    assert "default-src 'none'" in html
    assert html.count("<script") == 2 and html.count("</script>") == 2
    block = re.search(r'<script type="application/json" id="pf-data">(.*?)</script>', html,
                      re.S)[1]
    assert "<" not in block and ">" not in block and "\u2028" not in block
    assert json.loads(block)["contexts"][0]["name"] == "<img src=x onerror=alert(1)>"
    assert "<img" not in html.replace(block, "")
