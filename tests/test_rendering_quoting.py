"""Data text to DOT values: nothing the data says can become DOT, HTML or a control."""

import pytest

from coordgraph.rendering.quoting import (
    ELLIPSIS,
    MAX_BYTES,
    clean,
    dot_string,
    html_text,
    shorten,
    tooltip_string,
)


@pytest.mark.parametrize("raw, expected", [
    ("plain text", "plain text"),
    ("e\u0301te\u0301", "été"),                    # NFC
    ("a\x00b\x07c\x1bd\x7fe\x85f\x9fg", "abcdefg"),  # C0, DEL, C1 dropped
    ("line\r\nnext\rlast", "line\nnext\nlast"),
    ("tab\there", "tab here"),
    ("non\ufffechar\uffff", "nonchar"),
    ("vertical\x0btab\x0cfeed", "verticaltabfeed"),
])
def test_clean(raw, expected):
    assert clean(raw) == expected


def test_clean_closes_bidirectional_overrides():
    assert clean("\u202eevil") == "\u202eevil\u202c"
    assert clean("\u202e\u202bdouble") == "\u202e\u202bdouble\u202c\u202c"
    assert clean("\u2067isolate") == "\u2067isolate\u2069"
    assert clean("\u202eclosed\u202c") == "\u202eclosed\u202c"
    assert clean("\u202eone\nline two") == "\u202eone\nline two"   # a new paragraph ends it


@pytest.mark.parametrize("raw, expected", [
    ('say "hi"', r'"say \"hi\""'),
    ("C:\\temp\\N", r'"C:\\temp\\N"'),
    ("R&D &amp;", '"R&amp;D &amp;amp;"'),
    ("two\nlines", r'"two\nlines"'),
    ("<b>x</b>", '"<b>x</b>"'),
    ('x"]; evil [URL="javascript:alert(1)" label="y',
     r'"x\"]; evil [URL=\"javascript:alert(1)\" label=\"y"'),
])
def test_dot_string(raw, expected):
    assert dot_string(raw) == expected


def test_dot_string_has_no_unescaped_quote_inside():
    for raw in ('"', '\\"', '\\\\"', 'a\\', '"]; x [y="z'):
        inner = dot_string(raw)[1:-1]
        backslashes = 0
        for char in inner:
            if char == '"':
                assert backslashes % 2 == 1, (raw, inner)
            backslashes = backslashes + 1 if char == "\\" else 0
        assert backslashes % 2 == 0, (raw, inner)   # no escaped closing quote


def test_tooltip_doubles_backslashes_again():
    # Graphviz 2.43 unescapes tooltips twice: "\N" must reach it as "\\\\N".
    assert tooltip_string("a\\N") == '"a\\\\\\\\N"'
    assert tooltip_string('q"') == '"q\\""'


def test_html_text():
    assert html_text('<b>x</b> & "q" \\N') == "&lt;b&gt;x&lt;/b&gt; &amp; &quot;q&quot; \\\\N"
    assert html_text("a\nb") == "a<BR/>b"
    assert html_text("<<table>>") == "&lt;&lt;table&gt;&gt;"


def test_long_text_is_cut_under_graphviz_limit_with_a_warning():
    warnings = []
    quoted = dot_string("é" * 20_000, warnings, "the label of 'x'")
    assert len(quoted.encode("utf-8")) <= MAX_BYTES
    assert quoted.endswith(ELLIPSIS + '"')
    assert warnings and "the label of 'x'" in warnings[0] and "20,000" in warnings[0]


def test_cutting_never_splits_an_escape():
    warnings = []
    quoted = tooltip_string("\\" * 10_000, warnings)
    inner = quoted[1:-1].removesuffix(ELLIPSIS)
    assert len(inner) % 4 == 0 and set(inner) == {"\\"}
    assert warnings


def test_short_text_gives_no_warning():
    warnings = []
    dot_string("short", warnings)
    html_text("short", warnings)
    assert warnings == []


def test_shorten():
    assert shorten("abc", 5) == ("abc", False)
    assert shorten("abcdef", 4) == ("abc" + ELLIPSIS, True)
    text, cut = shorten("\u202e" + "x" * 10, 5)
    assert cut and text.endswith("\u202c" + ELLIPSIS)


def test_html_text_escapes_as_html_escape_does():
    import html

    for sample in ('<a href="x">it\'s & more</a>', "&amp;&#60;", "plain", "\\N <b>"):
        assert html_text(sample) == html.escape(sample, quote=True).replace("\\", "\\\\")
