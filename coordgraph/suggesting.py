"""Did-you-mean hints whose cost stays in proportion to the input.

A hint compares a misspelt name with known names. Compared with every one
of them, a thousand misspellings among twenty thousand ids would take
minutes, so the search is bounded:

- a name written another way (case, ``-``, ``.`` or a space for ``_``)
  is found at once through its :func:`loose_key`;
- otherwise at most :data:`MAX_COMPARED` known names are compared, those
  sharing the first or last letters or the length, smallest group first;
- an :class:`Index` makes at most :data:`MAX_SEARCHES` of those fuzzy
  searches (one per distinct misspelling); after that it gives only the
  loose-key hints.

A leaf module: it imports nothing of the package.
"""

#: Known names compared with one misspelling, at most.
MAX_COMPARED = 100
#: Fuzzy searches one :class:`Index` makes; later misspellings get only the
#: cheap loose-key hint (a name written in another case or with other separators).
MAX_SEARCHES = 50
#: How alike two names must be (:func:`difflib.get_close_matches`' cutoff).
CUTOFF = 0.6
_ENDS = 3   # letters at each end that group names


def loose_key(value: str) -> str:
    """``value`` as it compares loosely: case folded, ``-``, ``.`` and spaces as ``_``.

    >>> loose_key("Chief-Of.Mission x")
    'chief_of_mission_x'
    """
    return value.casefold().replace("-", "_").replace(".", "_").replace(" ", "_")


class Index:
    """Known names, grouped for bounded did-you-mean searches.

    Build it once for many misspellings among the same names; it counts
    the fuzzy ``searches`` made and the names ``compared``, so
    ``compared <= MAX_COMPARED * MAX_SEARCHES`` however many it is asked.

    >>> index = Index(["chief_of_mission", "hct", "unct"])
    >>> index.closest("Chief-Of-Mission"), index.closest("cheif_of_mission")
    ('chief_of_mission', 'chief_of_mission')
    >>> index.searches, index.compared
    (1, 3)
    """

    def __init__(self, choices, max_searches: int = MAX_SEARCHES):
        self.choices = list(dict.fromkeys(choices))
        self.max_searches = max_searches
        self.searches = 0
        self.compared = 0
        self._by_key = {loose_key(choice): choice for choice in self.choices}
        self._groups: dict[str, list[str]] | None = None   # made at the first fuzzy search
        self._found: dict[str, str | None] = {}   # the same misspelling is searched once

    def closest(self, value: str) -> str | None:
        """The known name most like ``value``, or None."""
        found = self._by_key.get(loose_key(value))
        if found is not None or value in self._found:
            return found or self._found[value]
        if self.searches >= self.max_searches:
            return None
        self.searches += 1
        candidates = self._candidates(value)
        self.compared += len(candidates)
        import difflib  # here: most runs never misspell anything

        matches = difflib.get_close_matches(value, candidates, n=1, cutoff=CUTOFF)
        self._found[value] = matches[0] if matches else None
        return self._found[value]

    def _candidates(self, value: str) -> list[str]:
        if len(self.choices) <= MAX_COMPARED:
            return self.choices
        if self._groups is None:
            self._groups = {}
            for choice in self.choices:
                for group in _groups_of(choice):
                    self._groups.setdefault(group, []).append(choice)
        known = self._groups
        groups = sorted((known.get(group, []) for group in _groups_of(value)), key=len)
        picked: dict[str, None] = {}
        for group in groups:
            for choice in group:
                picked[choice] = None
                if len(picked) == MAX_COMPARED:
                    return list(picked)
        return list(picked)


def _groups_of(name: str) -> tuple:
    """The groups a name is looked for in: its first letters, its last, its length ±1."""
    key = loose_key(name)
    return (("head", key[:_ENDS]), ("tail", key[-_ENDS:]), ("length", len(key)),
            ("length", len(key) - 1), ("length", len(key) + 1))


def did_you_mean(value: str, choices, lookup=None) -> str:
    """A hint naming the closest of ``choices``, or ``""``.

    ``lookup`` is an :class:`Index` of ``choices`` to reuse across calls
    (or, as before, a dict from :func:`loose_key` to name, for the cheap
    match only; the fuzzy search then builds an index for this one call).

    >>> did_you_mean("cheif_of_mission", ["chief_of_mission", "hct"])
    "did you mean 'chief_of_mission'?"
    >>> did_you_mean("security_management_team", ["chief_of_mission", "hct"])
    ''
    """
    if isinstance(lookup, Index):
        found = lookup.closest(value)
    else:
        found = lookup.get(loose_key(value)) if lookup else None
        if found is None:
            found = Index(choices).closest(value)
    return f"did you mean '{found}'?" if found else ""
