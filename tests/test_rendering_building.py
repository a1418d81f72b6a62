"""The DOT the renderer builds, checked without running Graphviz."""

import re

import pytest

import coordgraph
from coordgraph.findings import Finding
from coordgraph.rendering import building
from coordgraph.rendering.building import ALLOWED, LARGE, LAYOUT_LIMITS, build
from render_helpers import EXAMPLE, INJECTION
from rows import escalation, member, platform, role

ALL_ALLOWED = set().union(*ALLOWED.values())


def dot_tokens(dot: str):
    """Attribute names, ids and strings of a DOT text.

    Returns ``(names, ids, strings)``: words followed by ``=``, words that are
    neither names nor values, and the quoted and HTML-like strings.
    """
    names, ids, strings, i = [], [], [], 0
    previous = ""
    while i < len(dot):
        char = dot[i]
        start = i
        if char == '"':
            i += 1
            while dot[i] != '"':
                i += 2 if dot[i] == "\\" else 1
            i += 1
            strings.append(dot[start:i])
        elif char == "<":
            depth = 0
            while True:
                depth += {"<": 1, ">": -1}.get(dot[i], 0)
                i += 1
                if depth == 0:
                    break
            strings.append(dot[start:i])
        elif char.isalnum() or char == "_":
            while i < len(dot) and (dot[i].isalnum() or dot[i] in "_."):
                i += 1
            word = dot[start:i]
            if i < len(dot) and dot[i] == "=":
                names.append(word)
            elif previous != "=":
                ids.append(word)
        else:
            i += 1
        if not char.isspace():
            previous = char
    return names, ids, strings


@pytest.fixture(scope="module")
def bundled():
    return coordgraph.load()


@pytest.fixture(scope="module")
def hostile():
    return coordgraph.load(INJECTION)


def test_dot_ids_are_made_up_never_data(hostile):
    drawing = build(hostile)
    _, ids, _ = dot_tokens(drawing.dot)
    keywords = {"digraph", "subgraph", "node", "edge", "coordgraph"}
    made_up = {w for w in ids if w not in keywords}
    assert all(re.fullmatch(r"n\d+|cluster_\d+|row\d+", w) for w in made_up), made_up
    assert {w for w in made_up if w.startswith("n")} == {
        f"n{i}" for i in range(1, len(hostile.nodes) + 1)}


def test_node_ids_follow_file_order(bundled):
    drawing = build(bundled)
    assert [drawing.items[f"n{i}"][0] for i in range(1, len(bundled.nodes) + 1)] == [
        f"node-{node_id}" for node_id in bundled.nodes]


def test_only_allowed_attributes(hostile, bundled):
    for graph in (hostile, bundled):
        for view in ("organigram", "platforms", "representation"):
            names, _, _ = dot_tokens(build(graph, view).dot)
            assert set(names) <= ALL_ALLOWED, set(names) - ALL_ALLOWED


def test_setting_another_attribute_is_a_bug():
    with pytest.raises(ValueError, match="URL"):
        building._set(building.pydot.Node("n1"), "node", {"URL": "https://x"})


def test_hostile_text_stays_inside_strings(hostile):
    dot = build(hostile).dot
    names, _, _ = dot_tokens(dot)
    assert "URL" not in names and "href" not in names
    assert dot.count("digraph") == 1
    # every statement line starts with something we made
    for line in dot.splitlines():
        assert re.match(r'^(digraph|subgraph|\}|[a-z]+=|n\d+|node \[|edge \[|$)', line), line


def test_build_is_deterministic(hostile):
    assert build(hostile).dot == build(hostile).dot


def test_unrepresented_platform_is_marked(bundled):
    finding = Finding("CG301", "error", "smt", ("smt",), "IOM has no one in SMT")
    drawing = build(bundled, findings=[finding])
    assert "⚠ no IOM seat" in drawing.dot
    assert "No IOM role sits here (CG301)" in drawing.dot
    svg_id, classes, _ = drawing.items[f"n{list(bundled.nodes).index('smt') + 1}"]
    assert svg_id == "node-smt" and "finding-error" in classes.split() and "cg301" in classes


def test_warning_marks_differ_from_errors(bundled):
    finding = Finding("CG305", "warning", "chief_of_mission", ("chief_of_mission", "hct", "unct"))
    dot = build(bundled, findings=[finding]).dot
    assert "▲ single point of failure" in dot and "⚠" not in dot
    assert "Warning: the badge says what to check" in dot


def test_no_findings_no_marks_in_the_legend(bundled):
    dot = build(bundled, findings=[]).dot
    assert "CG301" not in dot and "Warning:" not in dot


def test_conditions_are_numbered_with_tooltips(bundled):
    dot = build(bundled).dot
    # A member seat shows only its number; other capacities are named.
    assert 'label="[1]"' in dot and 'label="observer [2]"' in dot
    assert "[1]\u200e in the event that the COM has limited experience" in dot
    assert re.search(r'tooltip="[^"]*in the event that the COM', dot)


def test_legend_lists_only_what_is_drawn(bundled):
    platforms = build(bundled, "platforms").dot
    assert "Escalation" in platforms and "Advises" in platforms
    assert "IOM role" not in platforms and "Observer" not in platforms
    organigram = build(bundled).dot
    assert "IOM role" in organigram and "Observer (not a seat)" in organigram
    assert "Alternate" not in organigram                  # the manual names none
    assert "Role of another organisation" in organigram   # the Designated Official
    assert "Seat with a leading role" not in organigram   # nobody chairs in the seed


def test_french_labels_legend_and_title(bundled):
    drawing = build(bundled, lang="fr")
    assert "Équipe humanitaire pays" in drawing.dot and "Coordonnateur de cluster" in drawing.dot
    assert "Légende" in drawing.dot and "Observateur (pas un siège)" in drawing.dot
    assert drawing.subtitle == "Organigramme · au 1er novembre 2022"
    assert "Plateformes" in build(bundled, "platforms", lang="fr").subtitle


def test_spanish_falls_back_to_label(bundled):
    dot = build(bundled, lang="es").dot
    # the Security Management Team has no Spanish name: its English label is drawn
    assert ("Coordinador del Grupo Sectorial" in dot and "Security Management Team" in dot
            and "Leyenda" in dot)


def test_lang_defaults_to_the_context():
    graph = coordgraph.from_records(
        nodes=[platform("hct", label="HCT", label_fr="EHP")], edges=[], context={"lang": "fr"})
    assert "EHP" in build(graph).dot


def test_title_and_subtitle_from_the_context():
    graph = coordgraph.load(EXAMPLE)
    drawing = build(graph, "platforms")
    assert drawing.title == "Nortavia (illustrative example)"
    assert drawing.subtitle == "Coordination platforms · XNV · as of 1 November 2026"
    assert "Nortavia (illustrative example)" in drawing.dot


def test_focus_subtitle_and_mark(bundled):
    drawing = build(bundled, focus="hct")
    assert "around Humanitarian Country Team (HCT) (depth 1)" in drawing.subtitle
    assert "Focus of this drawing" in drawing.dot


def test_structures_become_labelled_clusters(bundled):
    drawing = build(bundled)
    # the frame and two structures (one reopened, to frame the senior representative)
    assert len(set(re.findall(r"subgraph (cluster_\d+) \{", drawing.dot))) == 3
    structures = [v for v in drawing.items.values() if v[1] == "cluster structure"]
    assert [s[2] for s in structures] == ["IASC Humanitarian Coordination Structure",
                                         "Pre-Crisis Coordination Structures"]


def test_apex_on_top_escalation_upward(bundled):
    dot = build(bundled).dot
    assert "rankdir=BT" in dot
    # rows pin the platforms: the apex row first
    row0 = re.search(r"subgraph row0 \{\s*rank=same;\s*([^}]*)\}", dot).group(1)
    assert "n1;" in row0   # hct


def test_upward_edges_constrain_others_do_not():
    graph = coordgraph.from_records(
        nodes=[platform("a"), platform("b", level="subnational")],
        edges=[escalation("a", "b")])   # downward: CG204
    dot = build(graph).dot
    assert re.search(r"n1 -> n2 \[[^\]]*constraint=false", dot)


@pytest.mark.slow
def test_large_graphs_get_layout_limits_and_a_flag():
    n = LARGE + 1
    nodes = [platform(f"p{i}") for i in range(n // 2)] + [role(f"r{i}") for i in range(n - n // 2)]
    edges = [member(f"r{i}", f"p{i % (n // 2)}") for i in range(n - n // 2)]
    drawing = build(coordgraph.from_records(nodes=nodes, edges=edges), findings=[])
    assert drawing.limited
    for name, value in LAYOUT_LIMITS.items():
        assert f"{name}={value}" in drawing.dot
    # Each role hangs under its first platform; its other relations do not
    # pull (with none constraining, every role fell onto one rank and
    # Graphviz's mincross ran for minutes).
    assert drawing.dot.count("constraint=false") == 0
    second = [member(f"r{i}", f"p{(i + 1) % (n // 2)}") for i in range(n - n // 2)]
    drawing = build(coordgraph.from_records(nodes=nodes, edges=edges + second), findings=[])
    first, then = len(edges), len(second)
    lines = [line for line in drawing.dot.splitlines() if " -> " in line and "invis" not in line]
    assert not any("constraint=false" in line for line in lines[:first])
    assert all("constraint=false" in line for line in lines[first:first + then])
    small = build(coordgraph.load(), findings=[])
    assert not small.limited and "nslimit" not in small.dot


def test_long_labels_are_shortened_with_warnings(hostile):
    drawing = build(hostile, findings=[])
    assert any("the label of 'long'" in w for w in drawing.warnings)
    _, _, strings = dot_tokens(drawing.dot)
    assert max(len(s.encode("utf-8")) for s in strings) <= 16_000


def test_empty_view_still_has_a_title():
    graph = coordgraph.from_records(nodes=[role("lonely")], edges=[])
    drawing = build(graph, "platforms", findings=[])
    assert drawing.node_count == 0 and "Coordination structure" in drawing.dot
    assert "Nothing to draw" in drawing.description


@pytest.mark.parametrize("value", [
    '"Shelter"', '"a\\"b"', '"x"y"', '"é — تنسيق \u202e"', '""', "<<B>x</B>>", "<>",
    "<<TABLE><TR><TD>\u00e9</TD></TR></TABLE>>", '"', "<", "BT", "0.3", "graph", "a b",
    '"a"\n', "é", "x\x00y", 3,
])
def test_values_handed_over_as_written_give_pydot_s_own_text(value):
    # The fast path must write exactly what pydot writes for the plain value.
    pydot = pytest.importorskip("pydot")
    plain, fast = pydot.Node("n"), pydot.Node("n")
    plain.set("label", value)
    fast.set("label", building.as_written(value))
    assert fast.to_string() == plain.to_string()


@pytest.mark.parametrize("data", [None, EXAMPLE, INJECTION])
def test_the_fast_path_changes_no_byte_of_the_dot(data, monkeypatch):
    graph = coordgraph.load(data) if data else coordgraph.load()
    for view in ("organigram", "leadership"):
        fast = build(graph, view, lang="fr").dot
        monkeypatch.setattr(building, "as_written", lambda value: value)
        assert build(graph, view, lang="fr").dot == fast
        monkeypatch.undo()
