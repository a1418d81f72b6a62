"""The global clusters: their OCHA codes and their dated lead agencies.

Both come from the repository's ``reference/`` folder (packed into the wheel
as ``coordgraph/reference``): ``ocha-global-coordination-groups.csv`` (the
clusters and Protection areas of responsibility, with their codes) and
``cluster-leadership.csv`` (who leads each one globally, in which kind of
crisis, from when to when, and the public source that says so).

Dates in ``cluster-leadership.csv`` are read as follows: a year alone
(``2005``) means 1 January of that year, a year and month (``2010-12``) the
first of that month. An arrangement applies from ``effective_from``
(included; empty = since before any date asked) until ``effective_to``
(excluded, so one arrangement ends the day the next begins; empty = still
current). A row whose ``crisis`` is ``both`` applies to disasters and
conflicts alike.

This is the *global* arrangement. A country's clusters may be led otherwise;
loading never fills a platform's ``lead`` from here: the data says who leads.

Parsing (:func:`parse_leadership`, :func:`parse_cluster_codes`) is separate
from reading the files (:func:`leadership`, :func:`cluster_codes`).

>>> leads_for("CCM", "disaster", on="2022-06-01")
(('IOM',), ())
>>> leads_for("CCM", "conflict", on="2022-06-01")
(('UNHCR',), ())
"""

import csv
import datetime
import io
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import ArgumentError, DataError, Problem
from .model import split_orgs
from .paths import join, shipped_folder
from .records import FrozenRecord
from .schema import CRISES

if TYPE_CHECKING:   # pathlib is slow to import: check and render do without
    from pathlib import Path

LEADERSHIP_FILE = "cluster-leadership.csv"
CODES_FILE = "ocha-global-coordination-groups.csv"
_LEADERSHIP_COLUMNS = ("code", "name", "crisis", "lead", "co_lead", "effective_from",
                       "effective_to", "source", "note")
#: ``Group Type`` values of the OCHA sheet that are clusters or areas of responsibility.
_CLUSTER_TYPES = ("cluster", "area of responsibility")
_set = object.__setattr__


class Arrangement(FrozenRecord):
    """One row of ``cluster-leadership.csv``: who leads a cluster globally,
    in which crisis, over which dates (``None``: open-ended)."""

    __slots__ = _fields = ("code", "name", "crisis", "leads", "co_leads", "effective_from",
                           "effective_to", "source", "note")
    code: str
    name: str
    crisis: str
    leads: tuple[str, ...]
    co_leads: tuple[str, ...]
    effective_from: datetime.date | None
    effective_to: datetime.date | None
    source: str
    note: str

    def __init__(self, code: str, name: str, crisis: str, leads: tuple[str, ...],
                 co_leads: tuple[str, ...], effective_from: datetime.date | None,
                 effective_to: datetime.date | None, source: str = "",
                 note: str = "") -> None:
        _set(self, "code", code)
        _set(self, "name", name)
        _set(self, "crisis", crisis)
        _set(self, "leads", leads)
        _set(self, "co_leads", co_leads)
        _set(self, "effective_from", effective_from)
        _set(self, "effective_to", effective_to)
        _set(self, "source", source)
        _set(self, "note", note)

    def in_force(self, on: datetime.date) -> bool:
        """Whether the arrangement applies on ``on`` (from included, to excluded).

        >>> a = Arrangement("CCM", "CCCM", "disaster", ("IOM",), (),
        ...                 datetime.date(2005, 1, 1), datetime.date(2025, 1, 1))
        >>> a.in_force(datetime.date(2024, 12, 31)), a.in_force(datetime.date(2025, 1, 1))
        (True, False)
        """
        if self.effective_from is not None and on < self.effective_from:
            return False
        return self.effective_to is None or on < self.effective_to

    def covers(self, crisis: str) -> bool:
        """Whether the arrangement applies to ``crisis`` (``both`` covers each;
        asking for ``both`` takes rows of either kind).

        >>> a = Arrangement("EDU", "Education", "both", ("UNICEF",), (), None, None)
        >>> a.covers("conflict"), a.covers("both")
        (True, True)
        """
        return crisis == "both" or self.crisis in (crisis, "both")


class State(FrozenRecord):
    """The arrangements in force on one date."""

    __slots__ = _fields = ("as_of", "arrangements")
    as_of: datetime.date
    arrangements: tuple[Arrangement, ...]

    def __init__(self, as_of: datetime.date, arrangements: tuple[Arrangement, ...]) -> None:
        _set(self, "as_of", as_of)
        _set(self, "arrangements", arrangements)


def reference_path() -> "Path":
    """The folder of the vendored reference files.

    In a source checkout this is the repository's ``reference/``; in an
    installed wheel, the same files packed as ``coordgraph/reference``.
    """
    from pathlib import Path

    return Path(_reference_folder())


def _reference_folder() -> str:
    """:func:`reference_path` as text (the commands' way: no pathlib)."""
    return shipped_folder("reference", LEADERSHIP_FILE)


def parse_date(text: str) -> datetime.date | None:
    """A date of ``cluster-leadership.csv``: ``YYYY`` (1 January),
    ``YYYY-MM`` (the first of the month) or ``YYYY-MM-DD``; ``None`` when
    empty. ``ValueError`` for anything else.

    >>> parse_date("2005"), parse_date("2010-12"), parse_date("")
    (datetime.date(2005, 1, 1), datetime.date(2010, 12, 1), None)
    """
    text = text.strip()
    if not text:
        return None
    if len(text) == 4 and text.isdigit():
        return datetime.date(int(text), 1, 1)
    if len(text) == 7 and text[4] == "-":
        return datetime.date.fromisoformat(text + "-01")
    return datetime.date.fromisoformat(text)


def parse_leadership(text: str, file: str = LEADERSHIP_FILE) -> tuple[Arrangement, ...]:
    """The arrangements of a ``cluster-leadership.csv`` text, in file order.

    Raises
    ------
    DataError
        A missing column, an unknown ``crisis`` or a date that is not one.

    Examples
    --------
    >>> text = ("code,name,crisis,lead,co_lead,effective_from,effective_to,source,note\\n"
    ...         "FSC,Food Security,both,FAO;WFP,,2010-12,,gFSC,\\n")
    >>> [(a.code, a.leads, a.effective_from) for a in parse_leadership(text)]
    [('FSC', ('FAO', 'WFP'), datetime.date(2010, 12, 1))]
    """
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in _LEADERSHIP_COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise DataError([Problem("CG102", file, 1, None,
                                 "missing column(s): " + ", ".join(missing),
                                 "columns: " + ", ".join(_LEADERSHIP_COLUMNS))])
    problems, arrangements = [], []
    for row in reader:
        line = reader.line_num
        crisis = (row["crisis"] or "").strip().lower()
        if crisis not in CRISES:
            problems.append(Problem("CG105", file, line, None, f"unknown crisis '{crisis}'",
                                    "allowed: " + ", ".join(CRISES)))
            continue
        dates = {}
        for column in ("effective_from", "effective_to"):
            try:
                dates[column] = parse_date(row[column] or "")
            except ValueError:
                problems.append(Problem("CG105", file, line, None,
                                        f"{column} '{row[column]}' is not a date",
                                        "write a year (2005), a month (2010-12) or a day"))
        if len(dates) < 2:
            continue
        arrangements.append(Arrangement(
            (row["code"] or "").strip().upper(), (row["name"] or "").strip(), crisis,
            split_orgs(row["lead"] or ""), split_orgs(row["co_lead"] or ""),
            dates["effective_from"], dates["effective_to"],
            (row["source"] or "").strip(), (row["note"] or "").strip()))
    if problems:
        raise DataError(problems)
    return tuple(arrangements)


def parse_cluster_codes(text: str) -> frozenset[str]:
    """The codes (``ACRONYM``) of the clusters and areas of responsibility of
    OCHA's global coordination groups sheet, upper-case.

    >>> text = ("HRinfo ID,Preferred Term,ACRONYM,Group Type\\n"
    ...         "1,Camp Coordination / Management,CCM,Cluster\\n"
    ...         "5406,Mine Action,PRO-MIN,Area of Responsibility (Sub-cluster)\\n")
    >>> sorted(parse_cluster_codes(text))
    ['CCM', 'PRO-MIN']
    """
    codes = set()
    for row in csv.DictReader(io.StringIO(text)):
        kind = (row.get("Group Type") or "").strip().lower()
        code = (row.get("ACRONYM") or "").strip().upper()
        if code and kind.startswith(_CLUSTER_TYPES):
            codes.add(code)
    return frozenset(codes)


@lru_cache(maxsize=4)
def leadership(folder: "Path | None" = None) -> tuple[Arrangement, ...]:
    """Every arrangement of ``cluster-leadership.csv`` in ``folder``
    (default :func:`reference_path`), read once."""
    path = join(folder or _reference_folder(), LEADERSHIP_FILE)
    return parse_leadership(_text(path, "utf-8"), path)


@lru_cache(maxsize=4)
def cluster_codes(folder: "Path | None" = None) -> frozenset[str]:
    """The OCHA cluster and area-of-responsibility codes in ``folder``
    (default :func:`reference_path`), read once.

    >>> {"CCM", "PRO-GBV"} <= cluster_codes()
    True
    """
    path = join(folder or _reference_folder(), CODES_FILE)
    return parse_cluster_codes(_text(path, "utf-8-sig"))


def _text(path: str, encoding: str) -> str:
    with open(path, encoding=encoding) as file:
        return file.read()


def as_date(on) -> datetime.date:
    """``on`` as a date: a date, an ISO text (``2026-11-28``), or today when
    ``None`` or empty. :class:`~coordgraph.errors.ArgumentError` otherwise.

    >>> as_date("2022-06-01")
    datetime.date(2022, 6, 1)
    """
    if isinstance(on, datetime.date):
        return on
    if not on:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(str(on).strip())
    except ValueError:
        raise ArgumentError(f"{on!r} is not a date; write it as 2026-11-28") from None


def leads_for(code: str, crisis: str, on=None, arrangements=None
              ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The global lead and co-lead agencies of cluster ``code`` in a
    ``crisis`` (``disaster``, ``conflict``, or ``both``: the two merged) on
    date ``on`` (default today).

    Parameters
    ----------
    code : str
        An OCHA cluster or area-of-responsibility code, any case.
    crisis : str
        ``disaster``, ``conflict`` or ``both``.
    on : datetime.date or str, optional
        The date (ISO text accepted); default today.
    arrangements : sequence of Arrangement, optional
        Default the bundled reference (:func:`leadership`).

    Raises
    ------
    ArgumentError
        An unknown ``crisis``, or ``on`` not a date.

    Returns
    -------
    tuple
        ``(leads, co_leads)``, each a tuple of agencies in file order without
        repeats; both empty when no arrangement is in force (an unknown code,
        a date before the cluster existed, or after its arrangement ended).

    Examples
    --------
    >>> leads_for("shl", "both", on="2022-06-01")
    (('IFRC', 'UNHCR'), ())
    >>> leads_for("CCM", "disaster", on="2026-01-01")  # superseded in 2025, no row since
    ((), ())
    """
    if crisis not in CRISES:
        raise ArgumentError(f"crisis must be one of {', '.join(CRISES)}, not {crisis!r}")
    day = as_date(on)
    wanted = code.strip().upper()
    leads: dict[str, None] = {}
    co_leads: dict[str, None] = {}
    for a in leadership() if arrangements is None else arrangements:
        if a.code and a.code == wanted and a.covers(crisis) and a.in_force(day):
            leads.update(dict.fromkeys(a.leads))
            co_leads.update(dict.fromkeys(a.co_leads))
    return tuple(leads), tuple(co_leads)


def newest_state(arrangements=None) -> State:
    """The arrangements in force on the newest date the reference mentions
    (the latest ``effective_from`` or ``effective_to``): the reference's
    current picture, and since when it holds.

    >>> state = newest_state()
    >>> state.as_of
    datetime.date(2025, 1, 1)
    >>> [a.leads for a in state.arrangements if a.name.startswith("Global Shelter")]
    [('IOM', 'IFRC')]
    >>> any(a.code == "CCM" for a in state.arrangements)
    False
    """
    arrangements = leadership() if arrangements is None else tuple(arrangements)
    dates = [d for a in arrangements for d in (a.effective_from, a.effective_to) if d]
    newest = max(dates, default=datetime.date.min)
    return State(newest, tuple(a for a in arrangements if a.in_force(newest)))
