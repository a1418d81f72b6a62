"""The legend explains every style the drawing uses, and only those."""

import xml.etree.ElementTree as ET

import pytest

import coordgraph
from coordgraph.rendering import styles
from coordgraph.rendering.i18n import words
from coordgraph.rendering.legend import badge_row, legend_label, title_label
from render_helpers import EXAMPLE, FIXTURES, SVG, svg_nodes, texts, words as flat


def test_only_used_keys_appear():
    label = legend_label({"platform", "escalation"}, [], words("en"), "IOM", [])
    assert "Coordination platform" in label and "Escalation" in label
    for absent in ("IOM role", "Alternate", "Observer", "Conditions", "No IOM role"):
        assert absent not in label


def test_every_key_can_be_explained_in_every_language():
    for lang in ("en", "fr", "es"):
        label = legend_label(set(styles.LEGEND_ORDER), [(1, "if x")], words(lang), "IOM", [])
        for key in styles.LEGEND_ORDER:
            text = words(lang).legend[key].format(org="IOM")
            assert text.replace("&", "&amp;").replace("'", "&#x27;") in label, (lang, key)


def test_country_office_keys_appear_only_when_used():
    used = {"platform", "leadership", "vacant", "not_expected", "coordinator", "reporting"}
    label = legend_label(used, [], words("en"), "IOM", [])
    for text in ("Lead and co-lead agencies; IOM in bold", "Vacant post: nobody holds it",
                 "Platform where IOM is not expected", "Coordinator for the lead agency",
                 "Also reports to"):
        assert text in label, text
    plain = legend_label({"platform", "member", "observer"}, [], words("en"), "IOM", [])
    for text in ("Lead and co-lead", "Vacant", "not expected", "Coordinator", "reports to"):
        assert text not in plain, text


def test_country_office_samples_look_like_the_drawing():
    sample = {key: legend_label({key}, [], words("fr"), "OIM", [])
              for key in ("vacant", "not_expected", "leadership", "coordinator", "reporting")}
    assert 'STYLE="dashed"' in sample["vacant"] and styles.IOM_BLUE in sample["vacant"]
    assert 'STYLE="dotted"' in sample["not_expected"] and styles.NOT_EXPECTED in sample[
        "not_expected"]
    assert f'Chef de file : <B><FONT COLOR="{styles.IOM_BLUE}">OIM</FONT></B>' in sample[
        "leadership"]
    assert "════" in sample["coordinator"] and styles.REPORTING in sample["reporting"]


def test_error_badges_are_shown_as_themselves():
    label = legend_label({"CG301"}, [], words("en"), "IOM", [])
    assert "⚠ no IOM seat" in label and "(CG301)" in label


def test_conditions_are_numbered_and_escaped():
    label = legend_label({"conditional"}, [(1, "if <b>"), (2, 'when "x" & y')],
                         words("en"), "IOM", [])
    assert "[1]" in label and "if &lt;b&gt;" in label
    assert "[2]" in label and "when &quot;x&quot; &amp; y" in label


def test_long_conditions_are_wrapped_and_shortened():
    label = legend_label({"conditional"}, [(1, "word " * 400)], words("en"), "IOM", [])
    assert label.count('<BR ALIGN="LEFT"/>') > 5 and "…" in label


def test_labels_are_html_like_and_balanced():
    for label in (legend_label({"platform"}, [], words("en"), "IOM", []),
                  title_label("<T>", "sub & title", [])):
        assert label.startswith("<<") and label.endswith(">>")
        assert label.count("<TABLE") == label.count("</TABLE>")
    assert "&lt;T&gt;" in title_label("<T>", "", [])


def test_badge_row_colours():
    assert styles.ERROR in badge_row("⚠ x", "error", [])
    assert styles.WARNING in badge_row("▲ x", "warning", [])


def test_many_conditions_stay_under_graphviz_limit():
    warnings = []
    notes = [(n, f"condition {n} " + "x" * 500) for n in range(1, 200)]
    label = legend_label({"conditional"}, notes, words("en"), "IOM", warnings)
    assert len(label.encode("utf-8")) < 16_384
    assert "[1]" in label and "[199]" not in label and "more: each numbered line" in label
    assert warnings and "conditions" in warnings[0]


@pytest.mark.parametrize("lang, entry", [
    ("en", "Platform IOM leads or co-leads (thick outline)"),
    ("fr", "Plateforme dont OIM est chef de file ou co-chef de file (contour épais)"),
    ("es", "Plataforma que OIM lidera o colidera (contorno grueso)"),
])
@pytest.mark.parametrize("folder, view, org", [
    (EXAMPLE, "leadership", "IOM"),        # IOM leads CCCM, co-leads Shelter
    (EXAMPLE, "leadership", "OCHA"),       # OCHA leads nothing
    (EXAMPLE, "organigram", "IOM"),        # other views do not outline
    (FIXTURES / "country-review", "leadership", "IOM"),
    (None, "leadership", "IOM"),           # the bundled framework names no leads
])
def test_the_leadership_outline_is_in_the_legend_iff_drawn(folder, view, org, lang, entry):
    graph = coordgraph.load(folder) if folder else coordgraph.load()
    svg = ET.fromstring(coordgraph.render(graph, view=view, org=org, lang=lang))
    outlined = [g for g in svg_nodes(svg).values()
                if any((shape.get("stroke") or "").casefold() == styles.IOM_BLUE.casefold()
                       and shape.get("stroke-width") == styles.LED_PENWIDTH
                       for shape in g.iter(f"{SVG}path"))]
    legend = flat(texts(svg))
    org_shown = "OIM" if lang != "en" and org == "IOM" else org
    assert (entry.replace("OIM", org_shown) in legend) == bool(outlined)
    assert bool(outlined) == (view == "leadership" and org == "IOM" and folder is not None)
