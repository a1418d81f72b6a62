"""context.toml: settings, their defaults, and the problems of a bad file."""

import pytest

import coordgraph
from coordgraph.context import parse_context
from coordgraph.model import Context
from rows import load_warned, member, platform, role


def parse(text):
    problems, warnings = [], []
    context = parse_context(text, "ctx/context.toml", problems, warnings)
    return context, problems, warnings


def test_every_setting_is_read_and_normalised():
    context, problems, warnings = parse(
        'name = " Sudan response "\ncountry = "sdn"\norg = "UNHCR"\n'
        'as_of = 2026-11-01\nlang = "FR"\n')
    assert context == Context(name="Sudan response", country="SDN", org="UNHCR",
                              as_of="2026-11-01", lang="fr")
    assert problems == warnings == []


def test_defaults_when_the_file_is_empty():
    assert parse("") == (Context(org="IOM", lang="en"), [], [])


def test_a_date_may_also_be_written_as_text():
    assert parse('as_of = "2026-11-01"')[0].as_of == "2026-11-01"


@pytest.mark.parametrize("text, line, words", [
    ('name = "x"\ncountry = "Sudan"\n', 2, "ISO 3166-1 alpha-3"),
    ('lang = "de"\n', 1, "unknown lang 'de'"),
    ('as_of = "last week"\n', 1, "as_of is not a date"),
    ('organisation = "IOM"\n  org = 3\n', 2, "org must be text"),
])
def test_bad_values_are_cg105_on_their_line(text, line, words):
    context, problems, warnings = parse(text)
    [problem] = problems
    assert (problem.code, problem.file, problem.line) == ("CG105", "ctx/context.toml", line)
    assert words in problem.message


def test_invalid_toml_is_cg101_with_line_and_column():
    _, [problem], _ = parse('name = "Sudan"\ncountry = "SDN\n')
    assert (problem.code, problem.line, problem.column) == ("CG101", 2, 15)
    assert "at line" not in problem.message  # the position is in the fields, not repeated


def test_an_unknown_setting_is_a_warning_with_a_hint():
    context, problems, [warning] = parse('name = "x"\ncontry = "SDN"\n')
    assert problems == []
    assert (warning.code, warning.line, warning.severity) == ("CG102", 2, "warning")
    assert warning.hint == "did you mean 'country'?"


def test_load_reads_the_context_of_a_folder(write_context):
    folder = write_context([platform("hct")], [],
                           context='name = "Haiti"\ncountry = "HTI"\norg = "UNHCR"\n')
    assert coordgraph.load(folder).context == Context(name="Haiti", country="HTI", org="UNHCR")


def test_a_context_saved_with_a_bom_is_read(write_context):
    folder = write_context([platform("hct")], [])
    (folder / "context.toml").write_bytes('\ufeffname = "Tchad"\n'.encode())
    assert coordgraph.load(folder).context.name == "Tchad"


def test_a_bad_context_stops_the_load_with_the_data_problems(write_context):
    folder = write_context([platform("hct")], [member("nobody", "hct")],
                           context='country = "Haiti"\n')
    with pytest.raises(coordgraph.DataError) as raised:
        coordgraph.load(folder)
    assert [(p.code, p.file.rsplit("/", 1)[-1]) for p in raised.value.problems] == [
        ("CG105", "context.toml"), ("CG106", "edges.csv")]


def test_the_context_org_is_the_default_org_of_check(write_context):
    folder = write_context([platform("hct"), role("protection_officer", org="UNHCR")],
                           [member("protection_officer", "hct")], context='org = "UNHCR"\n')
    graph = coordgraph.load(folder)
    assert coordgraph.check(graph) == []
    with pytest.warns(coordgraph.UnknownOrgWarning, match="no role belongs to 'IOM'"):
        assert [f.code for f in coordgraph.check(graph, org="IOM")] == ["CG301"]


@pytest.mark.parametrize("encoding, warned", [("cp1252", True), ("utf-16", False)])
def test_a_context_saved_by_notepad_in_another_encoding_is_read(write_context, encoding,
                                                                warned):
    folder = write_context([platform("hct")], [])
    (folder / "context.toml").write_bytes('name = "Sénégal"\n'.encode(encoding))
    graph, warnings = load_warned(folder)
    assert graph.context.name == "Sénégal"
    assert [(w.code, w.line, w.message) for w in warnings] == (
        [("CG101", 1, "file is not UTF-8; read it as Windows-1252")] if warned else [])


# --- what a country office adds ---------------------------------------------------

def test_country_settings_and_provenance_are_read():
    context, problems, warnings = parse(
        'context_type = "Humanitarian"\ncrisis = "disaster"\nsectors = ["ccm", " SHL", "CCM"]\n'
        'template = "humanitarian"\ntemplate_as_of = 2025-06-01\n'
        'source = "IASC reference module"\n')
    assert problems == warnings == []
    assert (context.context_type, context.crisis, context.sectors, context.template,
            context.template_as_of, context.source) == (
        "humanitarian", "disaster", ("CCM", "SHL"), "humanitarian", "2025-06-01",
        "IASC reference module")


@pytest.mark.parametrize("text, words, hint", [
    ('context_type = "humanitarain"\n', "unknown context_type 'humanitarain'",
     "did you mean 'humanitarian'?"),
    ('crisis = "conflit"\n', "unknown crisis 'conflit'", "did you mean 'conflict'?"),
    ('sectors = "CCM, SHL"\n', "sectors must be a list", 'sectors = ["CCM", "SHL", "HEA"]'),
    ('sectors = ["CCM", 3]\n', "sectors must be a list", 'sectors = ["CCM", "SHL", "HEA"]'),
    ('template_as_of = "june"\n', "template_as_of is not a date", "template_as_of = 2026-11-28"),
])
def test_bad_country_settings_are_cg105(text, words, hint):
    _, [problem], _ = parse(text)
    assert (problem.code, problem.line) == ("CG105", 1)
    assert words in problem.message and hint in problem.hint


def test_sectors_reach_the_graph_from_records():
    graph = coordgraph.from_records([platform("hct")], [], context={"sectors": ["CCM", "SHL"]})
    assert graph.context.sectors == ("CCM", "SHL")
