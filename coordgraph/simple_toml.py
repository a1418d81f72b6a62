"""Read the plain settings a ``context.toml`` usually holds, without tomllib.

Importing :mod:`tomllib` compiles its regular expressions, a cost every
command that reads a context paid (about 9 M instructions, more than
loading the bundled framework's CSV files), and its parser is pure Python,
which a portfolio of hundreds of contexts pays once per file. A context
file is nearly always a few lines of ``key = "text"``, ``key = 2026-11-01``
and ``key = ["A", "B"]`` with comments: :func:`loads` reads exactly that and
gives up (``None``) on anything else, which then goes to tomllib. What it
reads, it reads as tomllib does (tests compare both on generated files).
"""

import datetime

_BARE_KEY = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
# TOML forbids control characters in strings and comments, except tab.
_CONTROL = frozenset(map(chr, (*range(0, 9), *range(10, 32), 127)))
_DIGITS = frozenset("0123456789")


def loads(text: str) -> dict | None:
    """The settings of ``text``, or None when it holds anything but blank
    lines, comments and one-line settings of a bare key and a basic string
    (no escape but \\" and \\\\), a date or a list of such strings.

    >>> loads('name = "Sudan"  # the country\\nas_of = 2026-11-01\\nsectors = ["CCM", "SHL"]\\n')
    {'name': 'Sudan', 'as_of': datetime.date(2026, 11, 1), 'sectors': ['CCM', 'SHL']}
    >>> loads('name = "a \\\\"quoted\\\\" word"')
    {'name': 'a "quoted" word'}
    >>> loads('name = "tab\\\\t"') is None   # other escapes: left to tomllib
    True
    """
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        return None   # a CR without its LF: tomllib's error to give
    settings: dict = {}
    for line in text.split("\n"):
        line = line.removesuffix("\r").strip(" \t")
        if not line or line[0] == "#":
            if _CONTROL.isdisjoint(line):
                continue
            return None
        key, equals, rest = line.partition("=")
        key = key.rstrip(" \t")
        if not (equals and key and _BARE_KEY.issuperset(key)) or key in settings:
            return None   # anything else, or a key given twice: tomllib's to read
        value, end = _value(rest, len(rest) - len(rest.lstrip(" \t")))
        if end < 0:
            return None
        rest = rest[end:].lstrip(" \t")
        if rest and (rest[0] != "#" or not _CONTROL.isdisjoint(rest)):
            return None
        settings[key] = value
    return settings


def _value(line: str, start: int) -> tuple:
    """The value at ``line[start]`` and the index past it; index -1 when
    it is not one this module reads."""
    first = line[start:start + 1]
    if first == '"':
        return _string(line, start)
    if first == "[":
        items = []
        at = _skip_blanks(line, start + 1)
        while line[at:at + 1] == '"':
            item, at = _string(line, at)
            if at < 0:
                return None, -1
            items.append(item)
            at = _skip_blanks(line, at)
            if line[at:at + 1] != ",":
                break
            at = _skip_blanks(line, at + 1)
        if line[at:at + 1] != "]":
            return None, -1
        return items, at + 1
    date = line[start:start + 10]
    if (len(date) == 10 and date[4] == date[7] == "-"
            and _DIGITS.issuperset(date[:4] + date[5:7] + date[8:])):
        try:
            return datetime.date(int(date[:4]), int(date[5:7]), int(date[8:])), start + 10
        except ValueError:
            pass   # no such day: tomllib's error to give
    return None, -1


def _string(line: str, start: int) -> tuple:
    """The basic string opening at ``line[start]`` and the index past it
    (-1 when it holds an escape other than \\" or \\\\, a control character,
    or does not end on this line)."""
    end = line.find('"', start + 1)
    if end < 0:
        return None, -1
    text = line[start + 1:end]
    if "\\" not in text:
        return (text, end + 1) if _CONTROL.isdisjoint(text) else (None, -1)
    characters: list[str] = []
    at = start + 1
    while at < len(line):
        character = line[at]
        if character == '"':
            return "".join(characters), at + 1
        if character == "\\":
            character = line[at + 1:at + 2]
            if character not in ('"', "\\") or not character:
                return None, -1
            at += 1
        elif character in _CONTROL:
            return None, -1
        characters.append(character)
        at += 1
    return None, -1


def _skip_blanks(line: str, at: int) -> int:
    return len(line) - len(line[at:].lstrip(" \t"))
