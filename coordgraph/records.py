"""Records: small classes of named fields, with their ``__init__`` written out.

``@dataclass`` writes each class's methods as source text and compiles it at
every import (a 23-field class cost ~8 M instructions, on every command);
a class written out once is compiled once, into ``__pycache__``. The classes
the commands import derive from :class:`Record` instead: each names its
fields in ``_fields`` (the order of its ``__init__``'s parameters) and
writes its ``__init__``; the base gives the repr and the equality a
dataclass would, and :class:`FrozenRecord` the immutability and hash of a
``frozen=True`` one.

>>> class Point(Record):
...     __slots__ = _fields = ("x", "y")
...     def __init__(self, x, y=0):
...         self.x = x
...         self.y = y
>>> Point(1), Point(1) == Point(1, 0), replace(Point(1), y=2)
(Point(x=1, y=0), True, Point(x=1, y=2))
"""

from _thread import get_ident
from collections.abc import Callable
from operator import attrgetter
from typing import Any, ClassVar


class _Factory:
    """The default of a field whose default is made fresh for each record."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<factory>"


#: The default of a field whose value is made anew for each record
#: (``field(default_factory=...)``): ``__init__`` tests ``is FACTORY``.
#: Typed ``Any`` so that ``header: list[str] = FACTORY`` type-checks.
FACTORY: Any = _Factory()


class FrozenInstanceError(AttributeError):
    """A field of a frozen record was assigned or deleted."""


def _key_of(names: tuple[str, ...]):
    """A function of a record giving the tuple of its ``names`` fields."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda record: (one(record),)
    return lambda record: ()


_repr_running: set = set()


class Record:
    """A class of named fields: repr and equality built from ``_fields``.

    A subclass sets ``_fields`` (and ``__slots__`` to the same tuple when
    its instances need no other attribute) and writes an ``__init__`` taking
    the fields in that order. Fields in ``_hidden`` are left out of the repr
    and the equality (a dataclass's ``field(repr=False, compare=False)``).
    Records compare equal when of the same class with equal fields, and are
    not hashable (see :class:`FrozenRecord`).
    """

    __slots__ = ()
    #: The fields, in the order of ``__init__``'s parameters.
    _fields: ClassVar[tuple[str, ...]] = ()
    #: Fields out of the repr and the equality.
    _hidden: ClassVar[tuple[str, ...]] = ()
    #: Slots that are not fields: links within a graph (an edge's nodes), set
    #: when the graph is made; out of the repr, the equality and :func:`replace`.
    _links: ClassVar[tuple[str, ...]] = ()
    #: The fields in the repr and the equality (set from the two above).
    _shown: ClassVar[tuple[str, ...]] = ()

    #: The values of a record's ``_shown`` fields, as a tuple (set per class).
    _key: ClassVar[Callable[[Any], tuple]] = staticmethod(_key_of(()))
    #: The values of all its fields, in ``__init__``'s order (set per class).
    _values: ClassVar[Callable[[Any], tuple]] = staticmethod(_key_of(()))

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        cls._shown = tuple(name for name in cls._fields if name not in cls._hidden)
        cls._key = staticmethod(_key_of(cls._shown))
        cls._values = staticmethod(_key_of(cls._fields))

    def __repr__(self) -> str:
        # Like a dataclass's: a record holding itself is shown as "...".
        running = (id(self), get_ident())
        if running in _repr_running:
            return "..."
        _repr_running.add(running)
        try:
            shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._shown)
        finally:
            _repr_running.discard(running)
        return f"{self.__class__.__qualname__}({shown})"

    def __eq__(self, other):
        cls = self.__class__
        if other.__class__ is cls:
            return cls._key(self) == cls._key(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]   # mutable: unhashable, as a dataclass


class FrozenRecord(Record):
    """A record whose fields cannot change once set, hashable by its fields.

    Its ``__init__`` sets each field with ``object.__setattr__``.
    """

    __slots__ = ()

    def __setattr__(self, name: str, value) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __hash__(self) -> int:  # type: ignore[override]   # Record's is None
        return hash(self.__class__._key(self))

    def __reduce__(self):
        # Pickled (worker processes) and copied through __init__: the default
        # would set the fields with setattr, which a frozen record refuses.
        return self.__class__, self.__class__._values(self)


def fields(record) -> tuple[str, ...]:
    """The field names of a record or record class, in ``__init__``'s order.

    >>> from coordgraph.errors import Problem
    >>> fields(Problem)
    ('code', 'file', 'line', 'column', 'message', 'hint', 'severity')
    """
    return record._fields


def as_dict(record) -> dict:
    """The fields of a record and their values (not copied).

    >>> from coordgraph.errors import Problem
    >>> as_dict(Problem("CG101", "nodes.csv", 2, None, "bad"))["line"]
    2
    """
    return {name: getattr(record, name) for name in record._fields}


def replace(record, **changes):
    """A new record of the same class: the same fields but ``changes``.

    A name that is not a field is a ``TypeError``, as the class's own
    ``__init__`` would say.

    >>> from coordgraph.errors import Problem
    >>> replace(Problem("CG101", "nodes.csv", 2, None, "bad"), line=3).line
    3
    """
    values = as_dict(record)
    unknown = changes.keys() - values.keys()
    if unknown:
        raise TypeError(f"{record.__class__.__qualname__} has no field "
                        f"{', '.join(map(repr, sorted(unknown)))}")
    values.update(changes)
    return record.__class__(**values)
