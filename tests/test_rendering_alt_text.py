"""The drawing in words: what a screen reader says about an organigram."""

import warnings
import xml.etree.ElementTree as ET

import coordgraph
from coordgraph.rendering import RenderWarning
from coordgraph.rendering.alt_text import MAX_TEXT, describe
from coordgraph.rendering.building import build
from coordgraph.rendering.i18n import words
from coordgraph.rendering.svg import MAX_TITLE
from coordgraph.rendering.views import select
from render_helpers import EXAMPLE, SVG


def test_description_says_who_sits_where():
    text = build(coordgraph.load()).description
    assert text.startswith("Organigram of Generic coordination framework.")
    assert "7 platform(s) in 2 structure(s); 9 role(s)." in text
    assert ("IOM sits in Humanitarian Country Team (HCT) through Chief of Mission (CoM) "
            "as member, Rapid Response Team Lead as member (in the event") in text
    assert "Escalation: Cluster Meetings → Inter-Cluster" in text


def test_description_names_the_gaps_and_findings():
    graph = coordgraph.load(EXAMPLE)
    text = build(graph, findings=coordgraph.check(graph)).description
    assert "IOM has no one in Protection Cluster East." in text
    assert "IOM has no one in Education Cluster, where it is not expected." in text
    assert "IOM has no one in Health Cluster: Health Programme Officer (vacant) as member" in text
    assert "Protection Cluster East: ⚠ no IOM seat (CG301)" in text
    assert "▲ no firm IOM seat (CG302)" in text
    # inactive platforms are not called gaps
    assert "IOM has no one in Emergency Telecommunications Cluster" not in text


def test_description_in_french():
    graph = coordgraph.load(EXAMPLE)
    text = build(graph, lang="fr", findings=coordgraph.check(graph)).description
    assert text.startswith("Organigramme : Nortavia")
    assert "OIM n'a personne à Education, où sa présence n'est pas attendue." in text
    assert "Constats :" in text


def test_seats_come_before_alternates_and_observers():
    graph = coordgraph.from_records(
        nodes=[{"id": "hct", "kind": "platform", "label": "Humanitarian Country Team"},
               *({"id": r, "kind": "role", "label": r} for r in ("obs", "alt", "com"))],
        edges=[{"source": "obs", "target": "hct", "relation": "membership",
                "capacity": "observer"},
               {"source": "alt", "target": "hct", "relation": "membership",
                "capacity": "alternate"},
               {"source": "com", "target": "hct", "relation": "membership"}])
    text = build(graph, "platforms").description
    hct = text[text.index("IOM sits in Humanitarian Country Team"):]
    hct = hct[:hct.index(".")]
    assert hct.index("as member") < min(hct.index("as alternate"), hct.index("as observer"))


def test_no_findings_said_too():
    assert build(coordgraph.load(), findings=[]).description.endswith("No findings.")


def test_data_text_is_cleaned_one_piece_at_a_time():
    # A right-to-left override in a structure name must not run on into the
    # sentences after it, nor a control character make the <desc> ill-formed.
    graph = coordgraph.from_records(
        nodes=[{"id": "p", "kind": "platform", "label": "P", "structure": "\u202eS\x01"},
               {"id": "r", "kind": "role", "label": "R"}],
        edges=[{"source": "r", "target": "p", "relation": "membership",
                "condition": "if\x0b\u202eso"}])
    text = describe(graph, select(graph), {}, view_title="Organigram", name="X", org="IOM",
                    org_shown="IOM", words=words("en"), label=graph.label)
    assert "\u202eS\u202c: P." in text and "if\u202eso\u202c" in text
    assert "\x01" not in text and "\x0b" not in text


def test_a_huge_label_does_not_fill_the_svg():
    # Before, every mention of a label in the <desc> copied it whole: a 50 MB
    # label made a 200 MB SVG.
    huge = "Huge label " * 100_000                       # 1.1 million characters
    graph = coordgraph.from_records(
        nodes=[{"id": "hct", "kind": "platform", "label": huge, "structure": huge},
               {"id": "iccg", "kind": "platform", "label": huge},
               {"id": "com", "kind": "role", "label": huge}],
        edges=[{"source": "iccg", "target": "hct", "relation": "escalation"},
               {"source": "com", "target": "hct", "relation": "membership", "condition": huge}],
        context={"name": huge})
    text = describe(graph, select(graph), {}, view_title="Organigram", name=huge, org="IOM",
                    org_shown="IOM", words=words("en"), label=graph.label)
    assert len(text) < 20 * MAX_TEXT
    assert text.count("…") >= 8                          # every mention cut
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RenderWarning)
        svg = coordgraph.render(graph, "svg")
    assert len(svg) < 250_000                            # every copy of the label is cut
    root = ET.fromstring(svg)
    assert len(root.find(f"{SVG}desc").text) < 20 * MAX_TEXT
    assert len(root.find(f"{SVG}title").text) <= 2 * MAX_TITLE + 3
