"""``render --compare``, the pure part: the merged graph, the marks, and the DOT
that carries them (no Graphviz)."""

import re

import pytest

import coordgraph
from coordgraph.errors import UsageError
from coordgraph.findings import Finding
from coordgraph.loading import resolve
from coordgraph.rendering import VIEWS, styles
from coordgraph.rendering.building import ALLOWED, build
from coordgraph.rendering.comparing import (
    Mark,
    compare,
    describe_changes,
    node_badge,
    tooltip_lines,
    version_name,
)
from coordgraph.rendering.i18n import words
from coordgraph.rendering.views import select
from rows import advises, escalation, member, platform, role
from test_rendering_building import dot_tokens

COMPARE_KEYS = ("added", "changed", "removed", "added_edge", "changed_edge", "removed_edge")


def graph(nodes, edges, **context):
    return coordgraph.from_records(nodes=nodes, edges=edges, context=context or None)


OLD_NODES = [platform("hct"), platform("iccg"), platform("cluster_a"), platform("cluster_b"),
             platform("cluster_c"), role("com"), role("po_b"), role("rrt")]
OLD_EDGES = [escalation("iccg", "hct"), escalation("cluster_a", "iccg"),
             escalation("cluster_b", "iccg"), escalation("cluster_c", "iccg"),
             member("com", "hct"), member("po_b", "cluster_b"),
             member("rrt", "hct", capacity="alternate"), member("rrt", "iccg")]


@pytest.fixture(scope="module")
def old():
    return graph(OLD_NODES, OLD_EDGES, name="Template", as_of="2022-11-01")


@pytest.fixture(scope="module")
def new():
    nodes = [n for n in OLD_NODES if n["id"] not in ("cluster_b", "po_b")]
    nodes = [dict(n, status="inactive") if n["id"] == "cluster_c" else n for n in nodes]
    nodes = [dict(n, label="Humanitarian Country Team") if n["id"] == "hct" else n
             for n in nodes]
    nodes.append(role("imo"))
    edges = [e for e in OLD_EDGES
             if e["source"] not in ("cluster_b", "po_b") and e["target"] != "cluster_b"
             and (e["source"], e["target"]) != ("rrt", "iccg")]
    edges = [dict(e, capacity="member") if (e["source"], e["target"]) == ("rrt", "hct") else e
             for e in edges]
    edges.append(member("imo", "iccg"))
    return graph(nodes, edges, name="Country X", as_of="2026-06-30")


@pytest.fixture(scope="module")
def comparison(old, new):
    return compare(old, new)


def node_item(drawing, node_id):
    return next(v for v in drawing.items.values() if v[0] == f"node-{node_id}")


def edge_items(drawing, mark):
    return [v for v in drawing.items.values()
            if v[1].startswith("edge ") and mark in v[1].split()]


# ---------------------------------------------------------------- the merge

def test_each_kind_of_change_is_marked(comparison):
    assert {i: m.kind for i, m in comparison.nodes.items()} == {
        "imo": "added", "cluster_b": "removed", "po_b": "removed",
        "hct": "changed", "cluster_c": "changed"}
    hct = comparison.nodes["hct"]
    assert [(c.attribute, c.old, c.new) for c in hct.changes] == [
        ("label", "HCT", "Humanitarian Country Team")]
    assert [c.attribute for c in comparison.nodes["cluster_c"].changes] == ["status"]
    assert {k: m.kind for k, m in comparison.edges.items()} == {
        ("imo", "membership", "iccg"): "added",
        ("cluster_b", "escalation", "iccg"): "removed",
        ("po_b", "membership", "cluster_b"): "removed",
        ("rrt", "membership", "iccg"): "removed",
        ("rrt", "membership", "hct"): "changed"}


def test_merged_graph_holds_new_and_removed_in_order(comparison, new):
    # a removed node comes right after the node that preceded it in the old file
    assert list(comparison.graph.nodes) == [
        "hct", "iccg", "cluster_a", "cluster_b", "cluster_c", "com", "po_b", "rrt", "imo"]
    assert comparison.graph.nodes["hct"].label == "Humanitarian Country Team"   # the new one
    assert comparison.graph.edges[:len(new.edges)] == new.edges
    assert comparison.graph.context == new.context


def test_removed_edges_to_removed_nodes_are_drawn(comparison):
    keys = {e.key for e in comparison.graph.edges}
    assert ("po_b", "membership", "cluster_b") in keys
    assert ("cluster_b", "escalation", "iccg") in keys


def test_removed_nodes_first_in_the_old_file_come_first():
    old = graph([platform("gone"), platform("kept")], [])
    new = graph([platform("kept"), platform("fresh")], [])
    assert list(compare(old, new).graph.nodes) == ["gone", "kept", "fresh"]


def test_what_shapes_the_layout(comparison):
    # a removed edge between two nodes still connected is drawn loose; one
    # that held a removed node keeps it in place
    loose = {e.key for e in comparison.graph.edges if comparison.loose(e)}
    assert loose == {("rrt", "membership", "iccg")}
    layout = {e.key for e in comparison.layout_edges}
    assert ("cluster_b", "escalation", "iccg") in layout
    assert ("rrt", "membership", "iccg") not in layout


def test_current_is_the_new_version(comparison, new):
    current = comparison.current(select(comparison.graph))
    assert [n.id for n in current.nodes] == list(new.nodes)
    assert [e.key for e in current.edges] == [e.key for e in new.edges]


def test_identical_contexts_have_no_marks(old):
    same = compare(old, graph(OLD_NODES, OLD_EDGES))
    assert same.identical and same.nodes == {} and same.edges == {}
    assert list(same.graph.nodes) == list(old.nodes)


# ---------------------------------------------------------------- the drawing

@pytest.fixture(scope="module")
def drawing(new, comparison):
    return build(new, findings=[], compare=comparison)


def test_nodes_carry_their_mark_as_a_class(drawing):
    for node_id, mark in (("imo", "added"), ("cluster_b", "removed"), ("po_b", "removed"),
                          ("hct", "changed"), ("cluster_c", "changed")):
        classes = node_item(drawing, node_id)[1].split()
        assert classes[:2] == ["node", "platform" if node_id[0] in "hc" else "role"]
        assert mark in classes, (node_id, classes)
    for node_id in ("iccg", "cluster_a", "com", "rrt"):
        assert not {"added", "removed", "changed"} & set(node_item(drawing, node_id)[1].split())


def test_edges_carry_their_mark_as_a_class(drawing):
    assert len(edge_items(drawing, "added")) == 1
    assert len(edge_items(drawing, "removed")) == 3
    assert [v[1] for v in edge_items(drawing, "changed")] == ["edge membership member changed"]


def test_no_id_collision(drawing):
    svg_ids = [v[0] for v in drawing.items.values()]
    assert len(svg_ids) == len(set(svg_ids))
    assert drawing.node_count == 9


def test_marks_are_words_not_only_colour(drawing):
    dot = drawing.dot
    assert "+ new" in dot and "✕ removed" in dot and "~ changed: label" in dot
    assert "~ changed: status" in dot
    # edges: a sign in the label, and the tooltip says what changed
    for sign in (r"\+", "✕", "~"):
        assert re.search(rf'label=<<FONT POINT-SIZE="14"><B>{sign}</B></FONT>>', dot), sign
    assert "capacity: alternate → member" in dot


def test_tooltips_give_old_and_new_values(drawing):
    assert "~ changed since Template (1 November 2022):\\nlabel: HCT → Humanitarian Country Team" \
        in drawing.dot
    assert "✕ removed since Template (1 November 2022)" in drawing.dot


def test_removed_nodes_are_faded_and_struck(drawing):
    dot_id = next(k for k, v in drawing.items.items() if v[0] == "node-cluster_b")
    statement = re.search(rf"^{dot_id} \[(.*)\];$", drawing.dot, re.M).group(1)
    assert "dashed" in statement and styles.REMOVED_LINE in statement
    assert "<S>" in statement


def test_loose_edges_do_not_constrain(drawing):
    dot_ids = {v[0][len("node-"):]: k for k, v in drawing.items.items()
               if v[0].startswith("node-")}
    statement = re.search(rf'^{dot_ids["rrt"]} -> {dot_ids["iccg"]} \[(.*)\];$', drawing.dot,
                          re.M).group(1)
    assert "constraint=false" in statement


def test_legend_lists_the_marks_used_and_only_those(new, old, comparison, drawing):
    legend = words("en").legend
    for key in COMPARE_KEYS:
        assert legend[key] in drawing.dot, key
    only_added = compare(graph(OLD_NODES, OLD_EDGES),
                         graph([*OLD_NODES, role("imo")], OLD_EDGES))
    dot = build(only_added.new, findings=[], compare=only_added).dot
    assert legend["added"] in dot
    for key in ("changed", "removed", "added_edge", "changed_edge", "removed_edge"):
        assert legend[key] not in dot, key


@pytest.mark.filterwarnings("ignore::coordgraph.errors.UnknownOrgWarning")  # old has no IOM
def test_a_removed_node_shows_only_the_removed_key():
    # it was inactive and another org's: the legend explains neither, only "removed"
    old = graph([platform("hct"), role("dso", org="UN", status="inactive")],
                [member("dso", "hct")])
    new = graph([platform("hct")], [])
    dot = build(new, findings=[], compare=compare(old, new)).dot
    legend = words("en").legend
    assert legend["removed"] in dot and legend["removed_edge"] in dot
    assert legend["other_role"] not in dot and legend["inactive"] not in dot
    assert legend["member"] not in dot


def test_identical_contexts_draw_no_marks_and_no_compare_legend(old):
    same = compare(old, graph(OLD_NODES, OLD_EDGES))
    drawing = build(same.new, findings=[], compare=same)
    for key in COMPARE_KEYS:
        assert words("en").legend[key] not in drawing.dot
    assert not any(mark in v[1].split() for v in drawing.items.values()
                   for mark in ("added", "removed", "changed"))
    assert drawing.subtitle.endswith("compared with Template (1 November 2022)")
    assert "Compared with Template (1 November 2022): no differences." in drawing.description


def test_subtitle_and_title_name_the_old_version(drawing):
    assert drawing.subtitle == ("Organigram · as of 30 June 2026 · "
                                "compared with Template (1 November 2022)")
    assert drawing.title == "Country X"


def test_findings_and_compare_marks_both_show(new, comparison):
    finding = Finding("CG301", "error", "hct", ("hct",), "IOM has no one in HCT")
    drawing = build(new, findings=[finding], compare=comparison)
    classes = node_item(drawing, "hct")[1].split()
    assert "finding-error" in classes and "cg301" in classes and "changed" in classes
    assert "⚠ no IOM seat" in drawing.dot and "~ changed: label" in drawing.dot
    assert "No IOM role sits here (CG301)" in drawing.dot


@pytest.mark.parametrize("view", VIEWS)
def test_every_view(new, comparison, view):
    drawing = build(new, view, findings=[], compare=comparison)
    drawn = {v[0] for v in drawing.items.values()}
    assert "node-cluster_b" in drawn                  # a removed platform: in every view
    assert ("node-po_b" in drawn) == (view not in ("platforms", "leadership"))
    names, _, _ = dot_tokens(drawing.dot)
    assert set(names) <= set().union(*ALLOWED.values())


def test_focus_on_a_removed_node_draws_what_it_was_linked_to(new, comparison):
    drawing = build(new, focus="cluster_b", findings=[], compare=comparison)
    drawn = {v[0] for v in drawing.items.values() if v[0].startswith("node-")}
    assert drawn == {"node-cluster_b", "node-iccg", "node-po_b"}
    assert "around CLUSTER_B (depth 1)" in drawing.subtitle
    classes = node_item(drawing, "cluster_b")[1].split()
    assert "removed" in classes
    assert words("en").legend["focus"] in drawing.dot


def test_focus_on_a_kept_node_includes_its_removed_neighbours(new, comparison):
    drawing = build(new, focus="rrt", findings=[], compare=comparison)
    drawn = {v[0] for v in drawing.items.values() if v[0].startswith("node-")}
    assert drawn == {"node-rrt", "node-hct", "node-iccg"}


def test_unknown_focus_still_has_a_did_you_mean(new, comparison):
    with pytest.raises(UsageError, match="did you mean 'cluster_b'"):
        build(new, focus="cluster_bb", findings=[], compare=comparison)


@pytest.mark.parametrize("lang, badge, legend_word", [
    ("fr", "+ nouveau", "Légende"), ("es", "✕ eliminado", "Leyenda")])
def test_translated(new, comparison, lang, badge, legend_word):
    drawing = build(new, lang=lang, findings=[], compare=comparison)
    assert badge in drawing.dot and legend_word in drawing.dot
    assert words(lang).legend["changed_edge"].replace("'", "&#x27;") in drawing.dot
    assert words(lang).compare["compared"].format(old="Template") in drawing.subtitle


def test_description_says_what_changed(drawing):
    text = drawing.description
    assert text.startswith("Organigram of Country X.")
    assert ("Compared with Template (1 November 2022): platforms and roles 1 added, "
            "2 removed, 2 changed; relations 1 added, 3 removed, 1 changed.") in text
    assert "Added: Imo." in text
    assert "Removed (drawn faded): CLUSTER_B; Po B." in text
    assert "Humanitarian Country Team (label: HCT → Humanitarian Country Team)" in text
    # the new version's words: the removed platform is not "unrepresented"
    assert "no one in CLUSTER_B" not in text


def test_build_is_deterministic(new, old):
    assert (build(new, findings=[], compare=compare(old, new)).dot
            == build(new, findings=[], compare=compare(old, new)).dot)


def test_hostile_changes_stay_text():
    old = graph([platform("hct", label="HCT")], [])
    evil = 'x"]; evil [URL="javascript:alert(1)" label="y'
    new = graph([platform("hct", label=evil, description="<b>\\N</b>")], [])
    drawing = build(new, findings=[], compare=compare(old, new))
    names, _, _ = dot_tokens(drawing.dot)
    assert "URL" not in names and set(names) <= set().union(*ALLOWED.values())
    assert drawing.dot.count("digraph") == 1


# ---------------------------------------------------------------- the words

def test_badges_and_tooltips():
    en = words("en")
    changed = Mark("changed", tuple(
        type("C", (), {"attribute": a, "old": "", "new": "x"})() for a in
        ("label", "status", "code", "reference")))
    assert node_badge(changed, en) == "~ changed: label, status, code…"
    assert node_badge(Mark("added"), en) == "+ new"
    assert tooltip_lines(changed, "V1", en)[:2] == ["~ changed since V1:", "label: (empty) → x"]


def test_capacity_and_status_values_are_translated(comparison):
    fr = words("fr")
    lines = tooltip_lines(comparison.edges[("rrt", "membership", "hct")], "V1", fr)
    assert lines == ["~ modifié depuis V1 :", "qualité : suppléant → membre"]
    lines = tooltip_lines(comparison.nodes["cluster_c"], "V1", fr)
    assert lines[1] == "statut : actif → non activé"


def test_version_names(tmp_path):
    en = words("en")
    assert version_name(graph([platform("a")], []), en, "en") == "the earlier version"
    assert version_name(graph([platform("a")], [], as_of="2026-01-05"), words("es"), "es") \
        == "the earlier version (5 de enero de 2026)".replace("the earlier version",
                                                               "la versión anterior")
    unnamed = coordgraph.from_records(nodes=[platform("a")], edges=[])
    unnamed.source = str(tmp_path / "sudan-2026-01") + "/"
    assert version_name(unnamed, en, "en") == "sudan-2026-01"


def test_a_folder_is_named_the_same_however_it_is_given(tmp_path, monkeypatch):
    # --compare . and --compare /full/path/v1 must draw the same bytes.
    folder = tmp_path / "v1"
    folder.mkdir()
    monkeypatch.chdir(folder)
    unnamed = coordgraph.from_records(nodes=[platform("a")], edges=[])
    names = set()
    for given in (".", "./", "../v1", str(folder)):
        unnamed.source = given
        names.add(version_name(unnamed, words("en"), "en"))
    assert names == {"v1"}


def test_versions_by_folder_or_template_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert resolve("humanitarian", strict=True).name == "humanitarian-2025"
    with pytest.raises(UsageError, match="did you mean 'pre-crisis'"):
        resolve("pre-crisis2", strict=True)
    with pytest.raises(UsageError, match="neither a context folder nor a template"):
        resolve(tmp_path / "nowhere", strict=True)


def test_render_compares_with_a_template_a_graph_or_nothing_it_can_find(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    graph = coordgraph.load()
    by_name = coordgraph.render(graph, "dot", compare="pre-crisis")
    assert by_name == coordgraph.render(graph, "dot", compare=coordgraph.load("pre-crisis"))
    assert by_name != coordgraph.render(graph, "dot")
    with pytest.raises(UsageError, match="neither a context folder nor a template"):
        coordgraph.render(graph, "dot", compare=tmp_path / "nowhere")


def test_describe_changes_counts_only_what_is_drawn(new, comparison):
    selection = select(comparison.graph, "platforms")
    text = describe_changes(comparison, selection, old_name="V1", org_shown="IOM",
                            words=words("en"), label=comparison.graph.label)
    assert "platforms and roles 0 added, 1 removed, 2 changed" in text
    assert "relations 0 added, 1 removed, 0 changed" in text


def test_changes_in_advice_are_marked_too():
    old = graph([platform("a"), platform("b")], [advises("a", "b", note="old")])
    new = graph([platform("a"), platform("b")], [advises("a", "b", note="new")])
    drawing = build(new, findings=[], compare=compare(old, new))
    assert "note: old → new" in drawing.dot
    assert words("en").legend["changed_edge"] in drawing.dot
