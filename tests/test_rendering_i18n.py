"""The renderer's own words exist in every language, with the same placeholders."""

import re

import pytest

from coordgraph.records import fields
from coordgraph.rendering.i18n import date_text, org_name, words
from coordgraph.schema import CAPACITIES, LANGS, LEVELS


def placeholders(text):
    return set(re.findall(r"{(\w+)}", text))


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_every_word(lang):
    english, other = words("en"), words(lang)
    for name in fields(english):
        mine, theirs = getattr(english, name), getattr(other, name)
        if isinstance(mine, dict) and name != "orgs":
            assert mine.keys() == theirs.keys(), name
            for key in mine:
                assert placeholders(mine[key]) == placeholders(theirs[key]), (name, key)
    assert set(other.capacity) == set(CAPACITIES)
    assert set(other.level) == set(LEVELS)
    assert len(other.months) == 12


def test_french_and_spanish_are_translated():
    assert words("fr").legend["title"] == "Légende"
    assert words("es").capacity["observer"] == "observador"
    assert words("fr").badge["CG301"].format(org="OIM") == "⚠ aucun siège OIM"


def test_unknown_language_falls_back_to_english():
    assert words("de") is words("en")


def test_dates():
    assert date_text("2026-03-05", "en") == "5 March 2026"
    assert date_text("2026-03-01", "fr") == "1er mars 2026"
    assert date_text("2026-03-05", "es") == "5 de marzo de 2026"
    assert date_text("not a date", "fr") == "not a date"


def test_org_names():
    assert org_name("IOM", "fr") == "OIM" and org_name("iom", "es") == "OIM"
    assert org_name("IOM", "en") == "IOM" and org_name("UNHCR", "fr") == "UNHCR"
