"""The drawing in words: what a screen reader says about an organigram."""

import coordgraph
from coordgraph.rendering.building import build
from render_helpers import EXAMPLE


def test_description_says_who_sits_where():
    text = build(coordgraph.load()).description
    assert text.startswith("Organigram of Generic coordination framework.")
    assert "7 platform(s) in 2 structure(s); 9 role(s)." in text
    assert ("IOM sits in Humanitarian Country Team (HCT) through Chief of Mission (CoM) "
            "as member, Rapid Response Team Lead as alternate (in the event") in text
    assert "Escalation: Cluster Meetings → Inter-Cluster" in text


def test_description_names_the_gaps_and_findings():
    graph = coordgraph.load(EXAMPLE)
    text = build(graph, findings=coordgraph.check(graph)).description
    assert "IOM has no one in Education Cluster." in text
    assert "Education Cluster: ⚠ no IOM seat (CG301)" in text
    assert "▲ no firm IOM seat (CG302)" in text
    # inactive platforms are not called gaps
    assert "IOM has no one in Emergency Telecommunications Cluster" not in text


def test_description_in_french():
    graph = coordgraph.load(EXAMPLE)
    text = build(graph, lang="fr", findings=coordgraph.check(graph)).description
    assert text.startswith("Organigramme : Nortavia")
    assert "OIM n'a personne à Education." in text
    assert "Constats :" in text


def test_seats_come_before_alternates_and_observers():
    text = build(coordgraph.load(), "platforms").description
    hct = text[text.index("IOM sits in Humanitarian Country Team"):]
    hct = hct[:hct.index(".")]
    assert hct.index("as member") < hct.index("as alternate") < hct.index("as observer")


def test_no_findings_said_too():
    assert build(coordgraph.load(), findings=[]).description.endswith("No findings.")
