"""Compact JSON text, as :func:`json.dumps` writes it, without importing :mod:`json`.

``render --format html`` writes its data as compact JSON. Importing
:mod:`json` (its decoder, its scanner and their regular expressions) cost
more than encoding a country's data; the encoding itself is done by the C
encoder of CPython's ``_json`` module, the one ``json.dumps`` calls for
compact text. :func:`dumps_compact` calls it the same way: the same text,
made by the same code. Where ``_json`` is missing or takes other arguments
(another Python), :func:`json.dumps` itself writes it.
"""

try:
    from _json import encode_basestring, make_encoder  # CPython's accelerator
except ImportError:   # another Python
    encode_basestring = make_encoder = None  # type: ignore[assignment,misc]


def _not_serialisable(value):
    # what json.JSONEncoder.default raises
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def dumps_compact(data) -> str:
    """``json.dumps(data, ensure_ascii=False, separators=(",", ":"))``.

    >>> dumps_compact({"a": [1, None, True, "é\\n"], "b": {}, "c": (), "d": 0.5})
    '{"a":[1,null,true,"é\\\\n"],"b":{},"c":[],"d":0.5}'
    """
    if isinstance(data, str) and encode_basestring is not None:
        return encode_basestring(data)
    encode = None
    if make_encoder is not None:
        try:   # as json.JSONEncoder.iterencode makes it for one-shot compact text
            encode = make_encoder({}, _not_serialisable, encode_basestring, None, ":", ",",
                                  False, False, True)
        except TypeError:   # a Python whose encoder takes other arguments
            encode = None
    if encode is None:
        import json  # here: only where the C encoder cannot be called directly

        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return "".join(encode(data, 0))
