"""What the rendering tests share: the fixtures' paths and ways to read an SVG."""

import stat
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
INJECTION = FIXTURES / "injection"
EXAMPLE = ROOT / "examples" / "nortavia"

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def classes(element) -> list[str]:
    return (element.get("class") or "").split()


def svg_nodes(root) -> dict[str, ET.Element]:
    """The ``<g class="node ...">`` elements of an SVG, by data id."""
    found = {}
    for g in root.iter(f"{SVG}g"):
        if "node" in classes(g):
            node_id = g.get("id")
            assert node_id.startswith("node-"), node_id
            found[node_id[len("node-"):]] = g
    return found


def texts(element) -> str:
    """All the text drawn inside an element, lines joined by spaces."""
    return " ".join(t.text or "" for t in element.iter(f"{SVG}text"))


def words(text: str) -> str:
    return " ".join(text.split())


def fake_dot(folder: Path, script: str) -> str:
    """A folder for PATH holding a `dot` that is this shell script."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "dot"
    path.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(folder)
