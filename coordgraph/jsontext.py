"""Compact JSON text without importing :mod:`json`.

``render --format html`` writes its data as compact JSON; importing
:mod:`json` (its decoder, scanner and their regular expressions) cost more
than encoding the data of a country. :func:`dumps_compact` writes the very
text ``json.dumps(data, ensure_ascii=False, separators=(",", ":"))`` gives
for dicts with text keys, lists, tuples, text, integers, booleans and None,
and hands anything else (floats, other keys or types) to :func:`json.dumps`
whole. tests/test_jsontext.py compares the two on generated data.
"""

#: What ``json.dumps(..., ensure_ascii=False)`` escapes in a string, and how.
_ESCAPES = {i: f"\\u{i:04x}" for i in range(0x20)}
_ESCAPES.update({ord("\\"): "\\\\", ord('"'): '\\"', ord("\b"): "\\b", ord("\f"): "\\f",
                 ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})


class _Unsupported(Exception):
    """A value :func:`dumps_compact` leaves to :func:`json.dumps`."""


def encode_string(text: str) -> str:
    """``text`` as a JSON string, as ``json.dumps(text, ensure_ascii=False)``.

    >>> print(encode_string('say "hi"\\n\\x01 é'))
    "say \\"hi\\"\\n\\u0001 é"
    """
    # isprintable() is False for every control character (and for a few
    # others, which translate() then leaves as they are)
    if text.isprintable() and '"' not in text and "\\" not in text:
        return '"' + text + '"'
    return '"' + text.translate(_ESCAPES) + '"'


def dumps_compact(data) -> str:
    """``json.dumps(data, ensure_ascii=False, separators=(",", ":"))``.

    >>> dumps_compact({"a": [1, None, True, "é"], "b": {}, "c": ()})
    '{"a":[1,null,true,"é"],"b":{},"c":[]}'
    >>> dumps_compact({"x": 0.5})   # a float: json.dumps writes it
    '{"x":0.5}'
    """
    parts: list[str] = []
    try:
        _encode(data, parts)
    except _Unsupported:
        import json  # here: only for what the fast writer does not know

        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return "".join(parts)


def _scalar(value) -> str | None:
    kind = type(value)
    if kind is str:
        return encode_string(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    return None


def _encode(value, parts: list) -> None:
    kind = type(value)
    if kind is dict:
        _encode_dict(value, parts)
    elif kind is list or kind is tuple:
        _encode_list(value, parts)
    else:
        scalar = _scalar(value)
        if scalar is None:
            raise _Unsupported
        parts.append(scalar)


def _encode_dict(value: dict, parts: list) -> None:
    if not value:
        parts.append("{}")
        return
    separator = "{"
    for key, item in value.items():
        if type(key) is not str:
            raise _Unsupported
        # text values are the most common: one piece for the pair
        scalar = encode_string(item) if type(item) is str else _scalar(item)
        if scalar is not None:
            parts.append(separator + encode_string(key) + ":" + scalar)
        else:
            parts.append(separator + encode_string(key) + ":")
            _encode(item, parts)
        separator = ","
    parts.append("}")


def _encode_list(value, parts: list) -> None:
    if not value:
        parts.append("[]")
        return
    if all(type(item) is str for item in value):   # ids, names: one piece
        parts.append("[" + ",".join([encode_string(item) for item in value]) + "]")
        return
    separator = "["
    for item in value:
        parts.append(separator)
        _encode(item, parts)
        separator = ","
    parts.append("]")
