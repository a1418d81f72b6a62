"""coordgraph.jsontext writes what json.dumps writes (compact, ensure_ascii=False)."""

import json
import warnings

import pytest
from hypothesis import given, settings, strategies as st

import coordgraph
from coordgraph.jsontext import dumps_compact, encode_string
from coordgraph.rendering import RenderWarning, html
from coordgraph.rendering.building import build
from render_helpers import EXAMPLE, INJECTION

#: Every character json escapes, and neighbours it leaves alone.
CHARS = st.one_of(st.characters(max_codepoint=0x2f),
                  st.sampled_from("\\\"\x7f\x85\u2028\u2029é\U0001f600"), st.characters())
TEXT = st.text(CHARS, max_size=12)
SCALARS = st.one_of(TEXT, st.integers(), st.booleans(), st.none())
DATA = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.tuples(inner, inner),
    st.dictionaries(TEXT, inner, max_size=4)), max_leaves=30)


def plain(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@settings(max_examples=1500, deadline=None)
@given(TEXT)
def test_a_string_is_encoded_as_json_encodes_it(text):
    assert encode_string(text) == json.dumps(text, ensure_ascii=False)


@settings(max_examples=800, deadline=None)
@given(DATA)
def test_nested_data_is_written_as_json_writes_it(data):
    assert dumps_compact(data) == plain(data)


@pytest.mark.parametrize("data", [
    {"x": 0.1}, {"x": float("inf")}, {1: "a"}, {None: 1}, {"n": 10**30}, [True, 1, 1.0],
    {"x": {"y": [0.5, {"z": 2.5e-8}]}},
])
def test_what_it_does_not_know_goes_to_json(data):
    assert dumps_compact(data) == plain(data)


def test_subclasses_of_str_and_int_are_left_to_json():
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
