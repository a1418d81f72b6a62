"""The SVG's small tree (expat, no ElementTree) finishes a drawing exactly as
ElementTree did: the same tree, the same bytes, the same refusals.

"The old way" below is what finishing did with ElementTree: ``ET.fromstring``,
the same cleaning on ElementTree's tree, and ElementTree's writer for a name
outside the SVG and XLink namespaces. ElementTree is imported here only to
compare.
"""

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import coordgraph.rendering as rendering
from coordgraph import load, render
from coordgraph.errors import GraphvizError
from coordgraph.rendering import styles, svg as svg_module
from coordgraph.rendering.svg import (
    _finish_tree,
    _prefix_tree,
    finish,
    parse,
    serialise_svg,
    with_id_prefix,
)
from coordgraph.rendering.svgtree import SVG, XLINK, Element, elementtree_text
from render_helpers import EXAMPLE, INJECTION, ROOT
from rows import escalation, member, platform, role
from test_rendering_svg import HOSTILE, drawing

DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'


def old_parse(data: bytes):
    """The root ``ET.fromstring`` gives, or None where the old parse() refused."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return None
    return root if root.tag == f"{{{SVG}}}svg" else None


def old_serialise(root) -> bytes:
    try:
        text = serialise_svg(root)
    except LookupError:
        ET.register_namespace("", SVG)
        ET.register_namespace("xlink", XLINK)
        text = ET.tostring(root, encoding="unicode")
    return (DECLARATION + text + "\n").encode()


def old_finish(data: bytes, drawing) -> bytes:
    return old_serialise(_finish_tree(old_parse(data), drawing))


def old_with_id_prefix(data: bytes, prefix: str) -> bytes:
    return old_serialise(_prefix_tree(old_parse(data), prefix))


def shape(element):
    """Everything of an element the SVG is made from, children included."""
    return (element.tag, list(element.attrib.items()), element.text, element.tail,
            [shape(child) for child in element])


def assert_as_before(data: bytes, drawing) -> None:
    """The new parse and finish give what the old ones gave, or refuse as they did."""
    before = old_parse(data)
    if before is None:
        with pytest.raises(GraphvizError, match="did not print SVG"):
            parse(data)
        return
    assert shape(parse(data)) == shape(before)
    finished = finish(data, drawing)
    assert finished == old_finish(data, drawing)
    assert with_id_prefix(finished, "p-") == old_with_id_prefix(finished, "p-")
    # Graphviz's SVG as it was keeps foreign names, and may hold an empty id
    # (which with_id_prefix, for finished SVGs, fails on): the same either way.
    assert (outcome(with_id_prefix, data, "p-")
            == outcome(old_with_id_prefix, data, "p-"))


def outcome(function, *args):
    """What ``function(*args)`` returns, or the type of what it raises."""
    try:
        return function(*args)
    except Exception as error:  # noqa: BLE001 - compared, not hidden
        return type(error)


# -- what Graphviz draws -------------------------------------------------------

#: Labels that attack: controls, a bidi override, markup, handlers, links.
ATTACK = ('\x1b[2K\r\u202eevil\u2066 <script>alert(1)</script> " onload="alert(2)" '
          "javascript:alert(3) url(#x) &amp; &nbsp; ]]> <!-- x --> \x07é")


@pytest.fixture
def drawn(monkeypatch):
    """Render and keep what Graphviz printed and the drawing it was for."""
    seen = []
    real = rendering.finish

    def keep(svg, drawing):
        seen.append((svg, drawing))
        return real(svg, drawing)

    monkeypatch.setattr(rendering, "finish", keep)
    return seen


def _attack_context(write_context):
    nodes = [platform("hct", label="HCT" + ATTACK, structure="IASC" + ATTACK),
             platform("lonely", label="Lonely" + ATTACK),
             role("com", label="Chief" + ATTACK, org="IOM"),
             role("other", label="Other" + ATTACK, org="UN" + ATTACK)]
    edges = [member("com", "hct", condition="only if" + ATTACK),
             member("other", "lonely", capacity="alternate"), escalation("lonely", "hct")]
    return write_context(nodes, edges, name="attack", context=(
        'name = "Attack \\u202e <b>"\ncountry = "ZZZ"\nas_of = 2024-01-01\norg = "IOM"\n'))


SOURCES = {"bundled": None, "example": EXAMPLE, "injection": INJECTION,
           **{f"portfolio-{path.name}": path
              for path in sorted((ROOT / "examples" / "portfolio").iterdir()) if path.is_dir()}}


@pytest.mark.filterwarnings("ignore::coordgraph.errors.RenderWarning")
@pytest.mark.filterwarnings("ignore::coordgraph.errors.DataWarning")
@pytest.mark.parametrize("source", [*SOURCES, "attack"])
def test_graphviz_drawings_finish_as_before(source, drawn, write_context):
    graph = load(_attack_context(write_context) if source == "attack" else SOURCES[source])
    views = ("organigram", "platforms", "representation", "leadership")
    for view in views if source == "bundled" else views[:1]:
        render(graph, format="svg", view=view)
    assert len(drawn) >= 1
    for svg, drawn_one in drawn:
        assert svg.startswith(b"<?xml") and b"<svg" in svg   # Graphviz's own
        assert_as_before(svg, drawn_one)


def test_the_hostile_svg_finishes_as_before():
    assert_as_before(HOSTILE, drawing())
    assert_as_before(HOSTILE.replace(b"<g id=\"c1\"", b"<g xml:space=\"preserve\" id=\"c1\""),
                     drawing())


# -- refusals --------------------------------------------------------------------

ROOT_SVG = b'<svg xmlns="http://www.w3.org/2000/svg">'
EXTERNAL_DTD = b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "svg11.dtd">'


@pytest.mark.parametrize("data, accepted", [
    (b"", False),
    (b"Segmentation fault\n", False),
    (b"x" + ROOT_SVG + b"</svg>", False),                         # text before the root
    (ROOT_SVG + b"</svg>x", False),                               # text after it
    (ROOT_SVG + b"</svg><svg/>", False),                          # two roots
    (ROOT_SVG + b"<g></svg>", False),                             # not closed
    (b"<svg/>", False),                                           # no namespace
    (b'<html xmlns="http://www.w3.org/2000/svg"/>', False),       # not an svg root
    (ROOT_SVG + b"<x:g/></svg>", False),                          # unbound prefix
    (ROOT_SVG + b"&nbsp;</svg>", False),                          # undefined entity
    (EXTERNAL_DTD + ROOT_SVG + b"&nbsp;</svg>", False),           # ... with an external DTD
    (EXTERNAL_DTD + ROOT_SVG + b"<g>a&nbsp;b</g></svg>", False),
    (b'<!DOCTYPE svg [<!ENTITY x SYSTEM "x.xml">]>' + ROOT_SVG + b"&x;</svg>", False),
    (EXTERNAL_DTD + ROOT_SVG.replace(b">", b' title="a&nbsp;b">') + b"</svg>", True),
    (b'<!DOCTYPE svg [<!ENTITY x "&#60;g/>&amp;">]>' + ROOT_SVG + b"&x;</svg>", True),
    (ROOT_SVG + b"&#1;</svg>", False),                            # not an XML character
    (ROOT_SVG + b"\x01</svg>", False),
    (ROOT_SVG + b"\xff</svg>", False),                            # not UTF-8
    (b"\xef\xbb\xbf" + ROOT_SVG + b"</svg>", True),               # a BOM
    (b"\xef\xbb\xbf\xef\xbb\xbf" + ROOT_SVG + b"</svg>", False),  # two
    ((ROOT_SVG + b"<g>\xe9</g></svg>").decode("latin-1").encode("utf-16"), True),
    (b'<?xml version="1.0" encoding="utf-16"?>' + ROOT_SVG + b"</svg>", False),
    (b'<?xml version="1.0" encoding="ISO-8859-1"?>' + ROOT_SVG + b"\xe9</svg>", True),
    (b'<?xml version="1.0" encoding="cp1252"?>' + ROOT_SVG + b"\x80</svg>", True),
    (b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><?pi x?>\n' + ROOT_SVG
     + b"<![CDATA[<a>&amp;]]><!-- d -->t<?p?>u</svg>\n<!-- e -->\n", True),
])
def test_what_elementtree_refused_is_refused(data, accepted):
    assert (old_parse(data) is not None) == accepted
    assert_as_before(data, drawing())


@pytest.mark.parametrize("encoding", ["klingon", "shift_jis"])
def test_an_encoding_python_cannot_read_is_not_svg(encoding):
    # ElementTree let Python's LookupError or ValueError through: now the
    # same message as for anything else that is not SVG.
    data = f'<?xml version="1.0" encoding="{encoding}"?><svg/>'.encode()
    with pytest.raises((LookupError, ValueError)):
        ET.fromstring(data)
    with pytest.raises(GraphvizError, match="did not print SVG"):
        parse(data)


# -- generated documents ---------------------------------------------------------

NAMESPACES = (' xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
              ' xmlns:f="http://example.org/f"')
TAGS = ["g", "g", "title", "text", "a", "path", "polygon", "desc", "linearGradient", "tspan",
        "script", "foreignObject", "f:thing", 'div xmlns="http://www.w3.org/1999/xhtml"']
ATTRIBUTES = ["id", "id", "class", "fill", "stroke", "onload", "onClick", "xlink:href", "href",
              "xlink:title", "target", "font-family", "width", "height", "viewBox", "f:x",
              "xml:space", "data-x", "aria-labelledby", "points", "style"]
VALUES = ["n1", "n2", "e1", "c1", "grad", "graph", "#n1", "#grad", "url(#grad)",
          "url(#n2) url(#zz)", "url(https://evil.example/#x)", "javascript:alert(1)",
          " https://example.org/", "mailto:a@b", styles.FONT, "100pt", "7.5", "0 0 100 50",
          "n1 c1 zz", "_blank"]
CHARACTERS = 'ab &<>"\'\n\t\ré→\u202e\U0001f600]-?'


def _forms(character: str, quote: str) -> list[str]:
    """The ways XML may write ``character`` in text (``quote`` None) or in an
    attribute value between ``quote``\\ s."""
    references = [f"&#{ord(character)};", f"&#x{ord(character):x};"]
    named = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"}
    literal = [] if character in "&<" or character == quote else [character]
    return literal + ([named[character]] if character in named else []) + references


@st.composite
def xml_text(draw, quote=None):
    raw = draw(st.text(alphabet=CHARACTERS, max_size=10))
    return "".join(draw(st.sampled_from(_forms(c, quote))) for c in raw)


@st.composite
def attributes(draw):
    names = draw(st.lists(st.sampled_from(ATTRIBUTES), unique=True, max_size=4))
    written = []
    for name in names:
        quote = draw(st.sampled_from(['"', "'"]))
        value = draw(st.one_of(st.sampled_from(VALUES), xml_text(quote)))
        written.append(f" {name}={quote}{value}{quote}")
    return "".join(written)


MISC = ["<!-- a comment -->", "<?pi data?>", "<![CDATA[<&>]]]]>", "<![CDATA[]]>", "&amp;",
        "&lt;", "&#10;", "&#13;", "&e;", "&nbsp;", "\r\n", " "]


def content(depth: int):
    pieces = [xml_text(), st.sampled_from(MISC)]
    if depth:
        pieces.append(element(depth - 1))
    return st.lists(st.one_of(*pieces), max_size=5).map("".join)


@st.composite
def element(draw, depth):
    tag = draw(st.sampled_from(TAGS))
    attrs = draw(attributes())
    if draw(st.booleans()):
        return f"<{tag}{attrs}/>"
    return f"<{tag}{attrs}>{draw(content(depth))}</{tag.split()[0]}>"


PROLOGS = ["", '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n', '<?xml version="1.0"?>']
DOCTYPES = ["", '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n "http://www.w3.org/Graphics/'
            'SVG/1.1/DTD/svg11.dtd">\n',
            '<!DOCTYPE svg [<!ENTITY e "E&amp;&#60;g id=\'n2\'/>"> '
            '<!ATTLIST g class CDATA "dflt">]>']


@st.composite
def documents(draw):
    root = draw(st.sampled_from(["svg"] * 6 + ["f:svg", "html"]))
    text = (draw(st.sampled_from(PROLOGS)) + draw(st.sampled_from(DOCTYPES))
            + draw(st.sampled_from(["", "<!-- Generated by graphviz -->\n", "<?pi?> "]))
            + f"<{root}{NAMESPACES}{draw(attributes())}>{draw(content(3))}</{root}>"
            + draw(st.sampled_from(["", "\n", "<!-- end -->", "x"])))
    return draw(st.sampled_from([b"", b"\xef\xbb\xbf"])) + text.encode()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_finish_as_before(data):
    assert_as_before(data, drawing())


# -- the tree --------------------------------------------------------------------

def test_a_name_in_another_namespace_is_written_as_elementtree_writes_it():
    data = (ROOT_SVG[:-1] + b' xmlns:f="urn:f" f:x="1"><g xml:space="preserve"><f:y f:z="&amp;"/>'
            b'</g><h xmlns="urn:h"/></svg>')
    root = parse(data)
    with pytest.raises(LookupError):
        serialise_svg(root)
    assert elementtree_text(root) == ET.tostring(ET.fromstring(data), encoding="unicode")
    assert "ns0:" not in elementtree_text(root)   # SVG stays the default namespace


def test_elements_are_walked_and_changed_as_elementtree_does():
    data = ROOT_SVG + b"<g id='a'><t/>x<t/>y</g>z<g/></svg>"
    mine, theirs = parse(data), ET.fromstring(data)
    for tree in (mine, theirs):
        g = tree.find(f"{{{SVG}}}g")
        g.remove(g[0])
        g.insert(1, tree.makeelement(f"{{{SVG}}}new", {"k": "v"}))
        g.append(tree.makeelement(f"{{{SVG}}}last", {}))
        g.set("id", "b")
        g.set("class", "c")
    assert shape(mine) == shape(theirs)
    assert [e.tag for e in mine.iter()] == [e.tag for e in theirs.iter()]
    assert ([e.tag for e in mine.iter(f"{{{SVG}}}t")]
            == [e.tag for e in theirs.iter(f"{{{SVG}}}t")])
    assert mine[0].items() == theirs[0].items()
    assert mine.find(f"{{{SVG}}}nothing") is None
    assert isinstance(mine, Element) and mine[0] != mine[1] and mine[0] == mine[0]


# -- the import ------------------------------------------------------------------

def modules_after_render(output: Path) -> set[str]:
    """The modules a fresh Python has imported after ``coordgraph render -o output``."""
    code = ("import sys\nfrom coordgraph.cli import cli\n"
            "try:\n    cli(sys.argv[1:], prog_name='coordgraph')\n"
            "except SystemExit:\n    pass\n"
            "print(' '.join(sys.modules), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code, "render", "--data",
                             str(ROOT / "data"), "-o", str(output)],
                            capture_output=True, text=True, check=True)
    assert output.is_file()   # the command ran
    return set(result.stderr.split())


@pytest.mark.parametrize("name", ["x.svg", "x.html"])
def test_rendering_an_svg_or_a_page_does_not_import_elementtree(tmp_path, name):
    modules = modules_after_render(tmp_path / name)
    assert "pyexpat" in modules                                    # the measure works
    assert not {m for m in modules if m == "xml.etree" or m.startswith("xml.etree.")}


# The drawing's width and the page's style are read with string methods
# where regular expressions read them before: the same answers.
LENGTH_TEXT = st.text(st.sampled_from("0123456789.ptx\u0663\u00b2 ;\n"), max_size=8)


@settings(max_examples=600, deadline=None)
@given(LENGTH_TEXT)
def test_is_length_answers_as_the_pattern_did(text):
    assert svg_module.is_length(text) == bool(re.match(r"[0-9]+(\.[0-9]+)?(pt|px)?\Z", text))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(LENGTH_TEXT, st.sampled_from(
    [' style="max-width:', ';height:auto"', " width=\"100%\"", '"', "<svg", ">", "<g/>"])),
    max_size=8))
def test_without_size_style_removes_what_the_pattern_removed(pieces):
    text = "".join(pieces)
    end = text.find(">")
    start = text.rfind("<svg", 0, end)
    expected = text if start < 0 else text[:start] + re.sub(
        r' style="max-width:[0-9.]+(pt|px)?;height:auto"', "", text[start:end], count=1
    ) + text[end:]
    assert svg_module.without_size_style(text) == expected
