"""The escaping's fast path: printable text skips the expressions unchanged.

That is right only while every character the expressions match is
unprintable (``str.isprintable``): checked here over every code point.
"""

import re

import pytest

from coordgraph import escaping
from coordgraph.rendering import quoting

EVERY = "".join(map(chr, range(0x110000)))


@pytest.mark.parametrize("pattern", [escaping._CONTROLS, escaping._CONTROLS_BUT_NEWLINE,
                                     escaping._JSON_RAW_CONTROLS, quoting._DROP])
def test_every_character_matched_is_unprintable(pattern):
    matched = re.findall(pattern, EVERY)
    assert matched   # the measure works
    assert [c for c in matched if c.isprintable()] == []


def test_printable_text_comes_back_unchanged_and_controls_do_not():
    assert escaping.escape_controls("Coordinación — تنسيق") == "Coordinación — تنسيق"
    assert escaping.escape_terminal_output("a\nb") == "a\nb"
    assert escaping.escape_terminal_output("a\x1b[2J\nb") == "a\\x1b[2J\nb"
    assert quoting.clean("Kessa\x07\ufffe") == "Kessa"
    assert quoting.clean("e\u0301\nx") == "\u00e9\nx"   # NFC, the newline kept
