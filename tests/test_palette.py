"""One palette: the style sheets' colours are those rendering/styles.py declares."""

import re
from pathlib import Path

import pytest

import coordgraph
from coordgraph.rendering import styles

PACKAGE = Path(coordgraph.__file__).parent
SHEETS = [PACKAGE / "rendering" / "assets" / "organigram.css",
          PACKAGE / "portfolio_assets" / "portfolio.css"]
HEX = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")


def full(colour: str) -> str:
    """``#fff`` and ``#ffffff`` as ``#FFFFFF``."""
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits.upper()


def split(sheet: Path) -> tuple[str, str]:
    """The ``:root`` block of ``sheet``, and the rest of it."""
    css = sheet.read_text(encoding="utf-8")
    root = re.search(r":root\s*\{(.*?)\}", css, re.DOTALL)
    assert root, f"{sheet.name} has no :root block"
    return root[1], css[:root.start()] + css[root.end():]


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: p.name)
def test_the_custom_properties_are_the_palettes(sheet):
    root, rest = split(sheet)
    declared = {name: full(value)
                for name, value in re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]+)\s*;", root)}
    assert declared == {name: styles.PAGE_COLOURS.get(name) for name in declared}
    assert set(re.findall(r"var\(--([\w-]+)\)", rest)) <= declared.keys()


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: p.name)
def test_every_other_colour_of_a_style_sheet_is_in_the_palette(sheet):
    _, rest = split(sheet)
    palette = {full(c) for c in (*styles.PAGE_COLOURS.values(), *styles.PAGE_LITERALS.values())}
    written = {full(c) for c in HEX.findall(rest)}
    assert written and written <= palette, sorted(written - palette)


def test_the_palette_keeps_no_colour_the_style_sheets_dropped():
    written = {full(c) for sheet in SHEETS for c in HEX.findall(sheet.read_text("utf-8"))}
    unused = {name for name, c in styles.PAGE_LITERALS.items() if full(c) not in written}
    assert not unused
