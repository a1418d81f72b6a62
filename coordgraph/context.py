"""Parse ``context.toml``: the name, country, date, organisation and language."""

import datetime
import re

from .errors import Problem
from .model import Context
from .schema import CONTEXT_KEYS, CONTEXT_TYPES, CRISES, DEFAULT_ORG, LANGS
from .simple_toml import loads as loads_simple
from .suggesting import did_you_mean

#: Where tomllib says an error is (compiled on the first error: most files have none).
_TOML_POSITION = r"\(at line (\d+), column (\d+)\)"


def parse_context(text: str, file: str, problems: list, warnings: list) -> Context:
    """Context from TOML text; problems are appended, never raised.

    >>> c = parse_context('name = "Sudan"\\ncountry = "SDN"\\nsectors = ["CCM", "shl"]\\n',
    ...                   "c.toml", [], [])
    >>> c.name, c.country, c.org, c.sectors
    ('Sudan', 'SDN', 'IOM', ('CCM', 'SHL'))
    """
    data = loads_simple(text)
    if data is None:
        data = _parse_toml(text, file, problems)
        if data is None:
            return Context()

    lines = text.splitlines()

    def line_of(key):
        assignment = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number, content in enumerate(lines, start=1):
            if assignment.match(content):
                return number
        return None

    values = {}
    for key, value in data.items():
        if key not in CONTEXT_KEYS:
            warnings.append(Problem("CG102", file, line_of(key), None,
                                    f"unknown setting '{key}' is ignored",
                                    did_you_mean(key, CONTEXT_KEYS)
                                    or "settings: " + ", ".join(CONTEXT_KEYS),
                                    severity="warning"))
            continue
        if key in _DATE_KEYS:
            value = _date(value)
            if value is None:
                problems.append(Problem("CG105", file, line_of(key), None,
                                        f"{key} is not a date",
                                        f"write it as {key} = 2026-11-28"))
                continue
            values[key] = value
            continue
        if key == "sectors":
            sectors = _sectors(value)
            if sectors is None:
                problems.append(Problem("CG105", file, line_of(key), None,
                                        "sectors must be a list of sector codes",
                                        'write it as sectors = ["CCM", "SHL", "HEA"]'))
                continue
            values[key] = sectors
            continue
        elif not isinstance(value, str):
            problems.append(Problem("CG105", file, line_of(key), None,
                                    f"{key} must be text in quotes", f'{key} = "..."'))
            continue
        value = value.strip()
        if key == "lang":
            value = value.lower()
            if value not in LANGS:
                problems.append(Problem("CG105", file, line_of(key), None,
                                        f"unknown lang '{value}'", "allowed: " + ", ".join(LANGS)))
                continue
        if key in _CHOICES:
            value = value.lower()
            if value and value not in _CHOICES[key]:
                hint = did_you_mean(value, _CHOICES[key])
                problems.append(Problem("CG105", file, line_of(key), None,
                                        f"unknown {key} '{value}'",
                                        f"{hint + ' ' if hint else ''}allowed: "
                                        + ", ".join(_CHOICES[key])))
                continue
        if key == "country" and value and not re.fullmatch(r"[A-Za-z]{3}", value):
            problems.append(Problem("CG105", file, line_of(key), None,
                                    f"country '{value}' is not an ISO 3166-1 alpha-3 code",
                                    "three letters, e.g. SDN, HTI, COL"))
            continue
        if key == "country":
            value = value.upper()
        values[key] = value
    values["org"] = values.get("org") or DEFAULT_ORG
    return Context(**values)



def _parse_toml(text: str, file: str, problems: list) -> dict | None:
    """``text`` read by tomllib, or None after a CG101 problem."""
    import tomllib  # here: most context files are read without it

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        position = re.search(_TOML_POSITION, str(exc))
        line, column = (int(position[1]), int(position[2])) if position else (None, None)
        problems.append(Problem("CG101", file, line, column,
                                f"not valid TOML: {re.sub(_TOML_POSITION, '', str(exc)).strip()}",
                                'write one setting per line, e.g. name = "Sudan"'))
        return None
    except RecursionError:
        # tomllib recurses once per nested [ or {: a few hundred exhaust the stack.
        problems.append(Problem("CG101", file, _deepest_line(text), None,
                                "not valid TOML: lists or tables nested too deeply to read",
                                'settings are plain values, one per line, e.g. name = "Sudan"'))
        return None

def _deepest_line(text: str) -> int | None:
    """The line holding the most opening brackets and braces (where deep
    nesting sits), or None when there are none.

    >>> _deepest_line('name = "x"\\na = [[[[1]]]]\\n')
    2
    """
    counts = [line.count("[") + line.count("{") for line in text.splitlines()]
    if not counts or max(counts) == 0:
        return None
    return counts.index(max(counts)) + 1


_DATE_KEYS = ("as_of", "template_as_of")
_CHOICES = {"context_type": CONTEXT_TYPES, "crisis": CRISES}


def _sectors(value):
    """Sector codes of a TOML list, stripped and upper-cased; None when it is
    not a list of text.

    >>> _sectors([" ccm", "SHL", ""]), _sectors("CCM")
    (('CCM', 'SHL'), None)
    """
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return tuple(dict.fromkeys(v.strip().upper() for v in value if v.strip()))


def _date(value):
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            return None
    return None
