"""The plain-settings reader gives what tomllib gives, or gives up."""

import tomllib
from pathlib import Path

import pytest
from hypothesis import example, given, settings, strategies as st

from coordgraph.simple_toml import loads

ROOT = Path(__file__).resolve().parent.parent

_spaces = st.sampled_from(["", " ", "\t", "  ", "\u00a0"])
_characters = st.sampled_from(
    ["a", "é", " ", "\t", '"', "\\", "#", ",", "[", "]", "=", "\x00", "\x1f", "\x7f", "\r",
     '\\"', "\\\\", "\\t", "\\u00e9", "\\x", "'"])
_text = st.lists(_characters, max_size=6).map("".join)
_string = _text.map(lambda text: f'"{text}"')
_date = st.builds(
    "{:0{}d}-{:02d}-{:02d}{}".format, st.integers(0, 9999), st.sampled_from([4, 3, 5]),
    st.integers(0, 13), st.integers(0, 32), st.sampled_from(["", "T12:00:00", " 12:00:00", "Z"]))
_array = st.builds(
    lambda items, spaces, trailing: "[" + ",".join(spaces + i + spaces for i in items)
    + trailing + "]",
    st.lists(_string, max_size=3), _spaces, st.sampled_from(["", ",", " , ", ",,"]))
_value = st.one_of(_string, _date, _array,
                   st.sampled_from(["1", "true", "'literal'", '"""x"""', "[1, 2]", "{a = 1}", ""]))
_key = st.sampled_from(["name", "as_of", "sectors", "a-b", "K_1", "1", "", "a.b", '"q"', "é"])
_comment = st.one_of(st.just(""), _text.map(lambda text: "#" + text))
_setting = st.builds(lambda a, key, b, value, c, comment: f"{a}{key}{b}={b}{value}{c}{comment}",
                     _spaces, _key, _spaces, _value, _spaces, _comment)
_line = st.one_of(_setting, _comment, _spaces,
                  st.sampled_from(["[table]", "[[array]]", "\r", "key = 'lit'", 'x = """',
                                   "\ufeffname = \"a\""]))
_document = st.builds(lambda lines, newline, last: newline.join(lines) + last,
                      st.lists(_line, max_size=6), st.sampled_from(["\n", "\r\n"]),
                      st.sampled_from(["", "\n", "\r\n", "\r"]))


@settings(max_examples=1500, deadline=None)
@given(_document)
@example('name = "a \\"b\\" \\\\ c" # note\nsectors = ["CCM", "SHL",]\r\nas_of = 2026-02-28\n')
@example('as_of = 2026-02-30\n')
@example('name = "x"\nname = "y"\n')
def test_what_it_reads_it_reads_as_tomllib(text):
    settings_read = loads(text)
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        assert settings_read is None
        return
    if settings_read is not None:
        # repr: a date must stay a date (not a datetime), a list a list.
        assert repr(settings_read) == repr(expected)


@pytest.mark.parametrize("path", sorted(
    [ROOT / "data" / "context.toml", *(ROOT / "templates").glob("*/context.toml"),
     *(ROOT / "examples").rglob("context.toml")]), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_bundled_context_files_need_no_tomllib(path):
    text = path.read_text(encoding="utf-8")
    assert loads(text) is not None
    assert repr(loads(text)) == repr(tomllib.loads(text))
