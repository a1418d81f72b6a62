"""French and Spanish drawings of the bundled framework and of every template:
no English label, structure name or condition where the data translates it,
and every translation a field term of reference/terminology.csv with a source."""

import csv
import importlib.util
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import coordgraph
from coordgraph.rendering import render
from coordgraph.rendering.building import build
from coordgraph.rendering.html import page_data
from coordgraph.templating import template_names, template_path

ROOT = Path(__file__).resolve().parent.parent
TERMINOLOGY = ROOT / "reference" / "terminology.csv"
LANGS = ("fr", "es")
FOLDERS = {"data": ROOT / "data",
           **{name: template_path(name) for name in template_names() if name != "generic"}}


def _generator():
    spec = importlib.util.spec_from_file_location("make_templates",
                                                  ROOT / "scripts" / "make_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _terms() -> list[dict]:
    with open(TERMINOLOGY, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _translated(graph, lang):
    """(English, translation) of every label, structure and condition that
    ``graph`` translates into ``lang``, for the nodes and edges drawn."""
    drawing = build(graph, "organigram", lang=lang)
    pairs = set()
    for node in drawing.selection.nodes:
        if node.label_in(lang) != node.label:
            pairs.add((node.label, node.label_in(lang)))
        if node.structure and node.structure_in(lang) != node.structure:
            pairs.add((node.structure, node.structure_in(lang)))
    for edge in drawing.selection.edges:
        if edge.condition and edge.condition_in(lang) != edge.condition:
            pairs.add((edge.condition, edge.condition_in(lang)))
    return drawing, pairs


def _svg_texts(svg: bytes, notes=frozenset()) -> list[str]:
    """Every line of text an SVG shows or tells: text, title, desc and every
    attribute (tooltips are xlink:title), except the lines in ``notes``: an
    edge's ``note`` or a node's ``description`` (free text with no translated
    column, which may quote a condition)."""
    texts = []
    for element in ET.fromstring(svg).iter():
        for text in filter(None, (element.text, *element.attrib.values())):
            texts.extend(line for line in text.split("\n") if line not in notes)
    return texts


def _strings(value, skip=("labels", "description")):
    """Every string in the page's data, except under ``skip``: the panel's
    'also known as' line lists the other languages' names on purpose, and a
    description is free text with no translated column."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in skip:
                yield from _strings(item, skip)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, skip)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", sorted(FOLDERS))
def test_no_english_where_a_translation_exists(name, lang):
    graph = coordgraph.load(FOLDERS[name])
    drawing, pairs = _translated(graph, lang)
    assert pairs, f"{name} has nothing in {lang}"
    notes = frozenset((*(edge.note for edge in graph.edges),
                       *(node.description for node in graph.nodes.values())))
    svg_texts = _svg_texts(render(graph, "svg", lang=lang), notes)
    page_texts = list(_strings(page_data(drawing)))
    for english, translation in sorted(pairs):
        for where, texts in (("SVG", svg_texts), ("HTML page data", page_texts)):
            assert not any(english in text for text in texts), (
                f"{name} --lang {lang}: {english!r} still in the {where}")
            assert any(translation in text for text in texts), (
                f"{name} --lang {lang}: {translation!r} missing from the {where}")


@pytest.mark.parametrize("name", sorted(FOLDERS))
def test_every_translation_is_a_sourced_field_term(name):
    sourced = {lang: {row[f"term_{lang}"] for row in _terms()
                      if row[f"term_{lang}"] and row[f"source_{lang}"].strip()}
               for lang in LANGS}
    graph = coordgraph.load(FOLDERS[name])
    cells = [(lang, getattr(node, f"{column}_{lang}")) for node in graph.nodes.values()
             for column in ("label", "structure") for lang in LANGS]
    cells += [(lang, getattr(edge, f"condition_{lang}")) for edge in graph.edges
              for lang in LANGS]
    unsourced = sorted({(lang, text) for lang, text in cells if text and text not in sourced[lang]})
    assert not unsourced, f"{name}: not in reference/terminology.csv with a source: {unsourced}"


@pytest.mark.parametrize("name", sorted(FOLDERS))
def test_no_translation_of_the_terminology_is_dropped(name):
    # A text the terminology translates must carry that translation: deleting
    # a cell, or the script's mapping to the row, makes the drawing English.
    generator = _generator()
    terms = generator.read_terms()
    graph = coordgraph.load(FOLDERS[name])
    checked = 0
    for node in graph.nodes.values():
        for column in ("label", "structure"):
            english = getattr(node, column)
            code = node.code if column == "label" and node.kind == "platform" else ""
            row = generator.term_for(english, code, terms) if english else None
            for lang in LANGS:
                if row and row[f"term_{lang}"]:
                    checked += 1
                    assert getattr(node, f"{column}_{lang}") == row[f"term_{lang}"], (
                        f"{name}: {node.id} {column}_{lang}")
    for edge in graph.edges:
        row = generator.term_for(edge.condition, "", terms) if edge.condition else None
        for lang in LANGS:
            if row and row[f"term_{lang}"]:
                checked += 1
                assert getattr(edge, f"condition_{lang}") == row[f"term_{lang}"], (
                    f"{name}: {edge.source} -> {edge.target} condition_{lang}")
    assert checked


def test_the_field_terms_the_manual_asks_for():
    # French field usage: the coordinator is "coordonnateur", "chef de file" is
    # the lead agency; the merged shelter and NFI cluster, WASH and HLP by
    # their francophone names.
    h22 = coordgraph.load(template_path("humanitarian-2022"))
    nodes = h22.nodes
    assert nodes["cluster_coordinator"].label_fr == "Coordonnateur de cluster"
    assert nodes["cluster_shl"].label_fr == "Abris/Articles ménagers essentiels (Abris/AME)"
    assert nodes["cluster_wsh"].label_fr == "Eau, hygiène et assainissement (EHA)"
    assert nodes["aor_hlp"].label_fr == "Logement, terre et propriété (LTP)"
    assert nodes["hct"].label_fr == "Équipe humanitaire pays (EHP)"
    assert nodes["hct"].label_es == "Equipo Humanitario de País"
    assert nodes["iccg"].label_es == "Grupo de Coordinación Inter-Clúster"
    refugee = coordgraph.load(template_path("refugee"))
    assert {n.structure_es for n in refugee.nodes.values() if n.structure} == {
        "Modelo de coordinación en materia de refugiados"}


def test_the_un_security_and_refugee_terms_found_in_spanish_only():
    # Sourced in Spanish (FAO security note, UNDG BOS manual, UNHCR handbook);
    # no French source was found, so French drawings keep the English.
    pre_crisis = coordgraph.load(template_path("pre-crisis")).nodes
    expected = {"smt": "Equipo de gestión de la seguridad",
                "omt": "Equipos de Gestión de las Operaciones (OMT)",
                "designated_official": "Oficial designado"}
    for node_id, spanish in expected.items():
        assert (pre_crisis[node_id].label_es, pre_crisis[node_id].label_fr) == (spanish, "")
    representative = coordgraph.load(template_path("refugee")).nodes["unhcr_representative"]
    assert (representative.label_es, representative.label_fr) == ("Representante del ACNUR", "")
    assert representative.label_in("fr") == "UNHCR Representative"


def test_translated_columns_load_without_warnings_and_fall_back_to_english(tmp_path):
    (tmp_path / "nodes.csv").write_text(
        "id,kind,label,structure,structure_fr,structure_es\n"
        "hct,platform,HCT,Humanitarian,Humanitaire,\n"
        "com,role,Chief of Mission,,,\n", encoding="utf-8")
    (tmp_path / "edges.csv").write_text(
        "source,target,relation,condition,condition_fr,condition_es\n"
        "com,hct,membership,in some instances,dans certains cas,\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")      # an unknown-column warning would raise
        graph = coordgraph.load(tmp_path)
    hct, edge = graph.nodes["hct"], graph.edges[0]
    assert (hct.structure_in("fr"), hct.structure_in("es")) == ("Humanitaire", "Humanitarian")
    assert (edge.condition_in("fr"), edge.condition_in("es")) == ("dans certains cas",
                                                                  "in some instances")
    french = render(graph, "dot", lang="fr").decode("utf-8")
    spanish = render(graph, "dot", lang="es").decode("utf-8")
    assert "Humanitaire" in french and "dans certains cas" in french
    assert "Humanitarian" not in french and "in some instances" not in french
    assert "Humanitarian" in spanish and "in some instances" in spanish


EXAMPLES = sorted(path.parent for path in (ROOT / "examples").glob("**/nodes.csv"))


@pytest.mark.parametrize("folder", EXAMPLES)
def test_examples_name_the_cluster_coordinator_in_field_terms(folder):
    # "Chef de file" is the lead agency in French field usage, not its coordinator.
    row = next(r for r in _terms() if r["term_en"] == "Cluster Coordinator")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        graph = coordgraph.load(folder)
    for node in graph.nodes.values():
        if node.kind == "role" and node.label == "IOM Cluster Coordinator":
            assert node.label_fr in ("", row["term_fr"]) and node.label_es in ("", row["term_es"])
            assert "chef de file" not in node.label_fr.casefold()
