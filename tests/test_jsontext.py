"""coordgraph.jsontext writes what json.dumps writes (compact, ensure_ascii=False),
with the C encoder called directly and with json itself."""

import json
import warnings

import pytest
from hypothesis import given, settings, strategies as st

import coordgraph
from coordgraph import jsontext
from coordgraph.jsontext import dumps_compact
from coordgraph.rendering import RenderWarning, html
from coordgraph.rendering.building import build
from render_helpers import EXAMPLE, INJECTION

#: Every character json escapes, and neighbours it leaves alone.
CHARS = st.one_of(st.characters(max_codepoint=0x2f),
                  st.sampled_from("\\\"\x7f\x85\u2028\u2029é\U0001f600"), st.characters())
TEXT = st.text(CHARS, max_size=12)
SCALARS = st.one_of(TEXT, st.integers(), st.booleans(), st.none(), st.floats())
KEYS = st.one_of(TEXT, st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False))
DATA = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.tuples(inner, inner),
    st.dictionaries(KEYS, inner, max_size=4)), max_leaves=30)


def plain(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@settings(max_examples=1500, deadline=None)
@given(TEXT)
def test_a_string_is_encoded_as_json_encodes_it(text):
    assert dumps_compact(text) == plain(text)


@settings(max_examples=800, deadline=None)
@given(DATA)
def test_nested_data_is_written_as_json_writes_it(data):
    assert dumps_compact(data) == plain(data)


@settings(max_examples=200, deadline=None)
@given(DATA)
def test_without_the_c_encoder_json_writes_it(data):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jsontext, "make_encoder", None)
        assert dumps_compact(data) == plain(data)


@pytest.mark.parametrize("data", [{"x": object()}, [b"bytes"], {(1, 2): "tuple key"}])
def test_what_json_refuses_is_refused_with_its_message(data):
    with pytest.raises(TypeError) as expected:
        plain(data)
    with pytest.raises(TypeError) as refused:
        dumps_compact(data)
    assert str(refused.value) == str(expected.value)


def test_a_circular_structure_is_refused_as_json_refuses_it():
    data: list = []
    data.append(data)
    with pytest.raises(ValueError, match="Circular reference"):
        dumps_compact(data)
    assert dumps_compact([[1], {"a": 2}]) == "[[1],{\"a\":2}]"   # nothing left behind


def test_subclasses_of_str_and_int_are_written_as_json_writes_them():
    import enum

    class Level(enum.IntEnum):
        NATIONAL = 1

    class Label(str):
        def __str__(self):
            return "other"

    data = {"level": Level.NATIONAL, "label": Label("HCT")}
    assert dumps_compact(data) == plain(data)


@pytest.mark.parametrize("folder", [None, EXAMPLE, INJECTION])
def test_the_page_data_of_real_and_hostile_contexts(folder):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RenderWarning)
        graph = coordgraph.load(folder)
        data = html.page_data(build(graph, "organigram", findings=coordgraph.check(graph)))
    assert dumps_compact(data) == plain(data)
