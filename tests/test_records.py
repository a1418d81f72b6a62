"""The package's records behave as the dataclasses they replace did: same
``__init__`` (order, defaults), repr, equality, hash and immutability when
frozen, ``replace``; and ``render``/``check`` no longer import ``dataclasses``.
"""

import copy
import inspect
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import coordgraph
from coordgraph.analysis._shared import Presence, RoleFacts
from coordgraph.clusters import Arrangement, State
from coordgraph.errors import Problem
from coordgraph.findings import Finding
from coordgraph.model import Context, CoordGraph, Edge, Node
from coordgraph.portfolio import Column, Portfolio, Row
from coordgraph.reading import Table
from coordgraph.records import (
    FACTORY,
    FrozenInstanceError,
    FrozenRecord,
    Record,
    as_dict,
    fields,
    replace,
)
from coordgraph.rendering.building import Drawing
from coordgraph.rendering.i18n import Words
from coordgraph.rendering.running import Result
from coordgraph.rendering.views import Selection

FROZEN = (Context, Problem, Finding, Arrangement, State, Words, Column)
MUTABLE = (Node, Edge, Table, Presence, RoleFacts, Result, Drawing, Selection, Row,
           Portfolio)
RECORDS = FROZEN + MUTABLE
#: The classes that were ``slots=True`` dataclasses: no ``__dict__``.
SLOTTED = (Node, Edge, Context, Problem, Finding, Arrangement, State, Presence, RoleFacts,
           Column, Row, Portfolio)


class Marker:
    """A distinct, picklable value for one field, equal only to its namesakes."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"<{self.name}>"

    def __eq__(self, other):
        return isinstance(other, Marker) and other.name == self.name

    def __hash__(self):
        return hash(self.name)


def markers(cls, tag=""):
    """One marker per field of ``cls``, by field name."""
    return {name: Marker(name + tag) for name in fields(cls)}


def built(cls, tag=""):
    """A ``cls`` record built positionally, each field its own marker."""
    values = markers(cls, tag)
    return cls(*values.values()), values


def all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from all_subclasses(sub)


def test_every_record_of_the_package_is_tested_here():
    ours = {c for c in all_subclasses(Record)
            if c.__module__.startswith("coordgraph.") and c is not FrozenRecord}
    assert ours == set(RECORDS)
    assert {c for c in ours if issubclass(c, FrozenRecord)} == set(FROZEN)


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_fields_are_the_init_parameters_in_order(cls):
    parameters = tuple(inspect.signature(cls).parameters)
    assert fields(cls) == parameters[:len(fields(cls))]
    assert set(parameters[len(fields(cls)):]) <= set(cls._links)   # then links only
    assert fields(cls) and len(set(fields(cls))) == len(fields(cls))


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_each_positional_argument_lands_in_its_field(cls):
    record, values = built(cls)
    for name, value in values.items():
        assert getattr(record, name) is value, name
    assert as_dict(record) == values
    assert list(as_dict(record)) == list(fields(cls))


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_slots_where_the_dataclass_had_them(cls):
    record, _ = built(cls)
    if cls in SLOTTED:
        assert cls.__slots__ == fields(cls) + cls._links and not hasattr(record, "__dict__")
    else:
        assert "__slots__" not in vars(cls) and hasattr(record, "__dict__")


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_repr_names_every_shown_field_in_order(cls):
    record, values = built(cls)
    shown = [name for name in fields(cls) if name not in cls._hidden]
    inner = ", ".join(f"{name}=<{name}>" for name in shown)
    assert repr(record) == f"{cls.__qualname__}({inner})"


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_equal_when_every_compared_field_is_equal(cls):
    record, values = built(cls)
    same, _ = built(cls)
    assert record == same and (record != same) is False
    for name in fields(cls):
        other = replace(record, **{name: Marker("other")})
        if name in cls._hidden:
            assert other == record, name
        else:
            assert other != record, name
            assert getattr(other, name) == Marker("other")
            assert all(getattr(other, n) is getattr(record, n) for n in fields(cls) if n != name)
    assert record != as_dict(record) and record != tuple(values.values())


def test_hidden_fields_are_the_dataclass_repr_false_compare_false_ones():
    assert Drawing._hidden == ("graph", "selection", "findings", "comparison")
    assert all(cls._hidden == () for cls in RECORDS if cls is not Drawing)


@pytest.mark.parametrize("cls", FROZEN, ids=lambda c: c.__name__)
def test_frozen_records_cannot_change_and_hash_by_their_fields(cls):
    record, _ = built(cls)
    for name in fields(cls):
        with pytest.raises(FrozenInstanceError, match=name):
            setattr(record, name, 1)
        with pytest.raises(AttributeError, match=name):
            delattr(record, name)
    assert hash(record) == hash(built(cls)[0]) == hash(tuple(markers(cls).values()))
    assert len({record, built(cls)[0], built(cls, "2")[0]}) == 2


@pytest.mark.parametrize("cls", MUTABLE, ids=lambda c: c.__name__)
def test_mutable_records_are_unhashable_and_settable(cls):
    record, _ = built(cls)
    with pytest.raises(TypeError, match="unhashable"):
        hash(record)
    name = fields(cls)[0]
    setattr(record, name, "changed")
    assert getattr(record, name) == "changed"


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_records_pickle_and_copy_to_equal_records(cls):
    record, _ = built(cls)
    for twin in (pickle.loads(pickle.dumps(record)), copy.copy(record), copy.deepcopy(record)):
        assert type(twin) is cls and twin is not record
        assert as_dict(twin) == as_dict(record)


def test_problems_from_a_worker_process_come_back_whole():
    # What the portfolio's worker processes send back: pickled frozen records.
    problem = Problem("CG101", "nodes.csv", 3, None, "bad", severity="warning")
    finding = Finding("CG301", "error", "hct", ("hct", "com"), "no seat", "add one")
    assert pickle.loads(pickle.dumps([problem, finding, Context(sectors=("SHL",))])) == [
        problem, finding, Context(sectors=("SHL",))]


def test_replace_refuses_a_name_that_is_not_a_field():
    with pytest.raises(TypeError, match="'colour'"):
        replace(Node("hct", "platform", "HCT"), colour="red")


def test_replace_keeps_the_class_and_leaves_the_original_alone():
    problem = Problem("CG106", "c.xlsx[edges]", 3, 2, "x", "h")
    moved = replace(problem, column=1, message="y")
    assert moved == Problem("CG106", "c.xlsx[edges]", 3, 1, "y", "h")
    assert problem.column == 2 and type(moved) is Problem


# The signatures of the dataclasses these records replace, as they were.
SIGNATURES = {
    Node: "(id: str, kind: str, label: str, label_fr: str = '', label_es: str = '', "
          "org: str = '', structure: str = '', structure_fr: str = '', structure_es: str = '', "
          "level: str = 'national', status: str = 'active', seniority: int | None = None, "
          "min_seniority: int | None = None, code: str = '', description: str = '', "
          "reference: str = '', expected: str = '', lead: str = '', co_lead: str = '', "
          "person: str = '', location: str = '', max_seats: int | None = None, "
          "line: int = 0) -> None",
    Edge: "(source: str, target: str, relation: str, capacity: str = '', condition: str = '', "
          "condition_fr: str = '', condition_es: str = '', note: str = '', reference: str = '', "
          "seat: str = '', line: int = 0, source_node: coordgraph.model.Node | None = None, "
          "target_node: coordgraph.model.Node | None = None) -> None",
    Context: "(name: str = '', country: str = '', org: str = 'IOM', as_of: str = '', "
             "lang: str = 'en', context_type: str = '', crisis: str = '', "
             "sectors: tuple[str, ...] = (), template: str = '', template_as_of: str = '', "
             "source: str = '', region: str = '') -> None",
    Problem: "(code: str, file: str, line: int | None, column: int | None, message: str, "
             "hint: str = '', severity: str = 'error') -> None",
    Finding: "(code: str, severity: str, node: str, nodes: tuple[str, ...] = (), "
             "message: str = '', hint: str = '') -> None",
    Arrangement: "(code: str, name: str, crisis: str, leads: tuple[str, ...], "
                 "co_leads: tuple[str, ...], effective_from: datetime.date | None, "
                 "effective_to: datetime.date | None, source: str = '', note: str = '') -> None",
    Table: "(file: str, header: list[str] = <factory>, header_line: int = 1, "
           "lines: list[int] = <factory>, "
           "columns: list[collections.abc.Sequence[str]] = <factory>, "
           "problems: list[coordgraph.errors.Problem] = <factory>, "
           "warnings: list[coordgraph.errors.Problem] = <factory>, delimiter: str = ',', "
           "encoding: str = 'utf-8') -> None",
    Presence: "(memberships: list = <factory>, seat_holders: list = <factory>, "
              "unconditional_seat: bool = False, alternate: bool = False, "
              "coordinating: bool = False, grouped: bool = False) -> None",
    Drawing: "(dot: str, title: str, subtitle: str, description: str, items: dict = <factory>, "
             "node_count: int = 0, limited: bool = False, warnings: list = <factory>, "
             "graph: object = None, selection: object = None, lang: str = 'en', "
             "org: str = 'IOM', findings: tuple = (), comparison: object = None) -> None",
    Selection: "(view: str, nodes: list = <factory>, edges: list = <factory>, "
               "focus: str | None = None, depth: int = 0, location: str | None = None) -> None",
    Result: "(output: bytes, warnings: list = <factory>) -> None",
    Column: "(key: str, label: str, short: str) -> None",
    Row: "(source: str, name: str = '', country: str = '', region: str = '', "
         "context_type: str = '', as_of: str = '', template: str = '', "
         "template_as_of: str = '', org: str = '', valid: bool = True, "
         "findings: list = <factory>, problems: list = <factory>, cells: dict = <factory>, "
         "labels: dict = <factory>, as_of_age: int | None = None, "
         "template_age: int | None = None) -> None",
    Portfolio: "(rows: list, columns: list, today: str, org: str = '') -> None",
}


@pytest.mark.parametrize("cls", list(SIGNATURES), ids=lambda c: c.__name__)
def test_signature_and_defaults_are_the_dataclasses(cls):
    assert str(inspect.signature(cls)) == SIGNATURES[cls]


@pytest.mark.parametrize(("cls", "required"), [
    (Table, ("nodes.csv",)), (Presence, ()), (Result, (b"",)),
    (Drawing, ("digraph {}", "t", "s", "d")), (Selection, ("organigram",)),
    (Row, ("c",)),
], ids=lambda c: getattr(c, "__name__", ""))
def test_default_lists_and_dicts_are_fresh_for_each_record(cls, required):
    first, second = cls(*required), cls(*required)
    made = [name for name, p in inspect.signature(cls).parameters.items()
            if p.default is FACTORY]
    assert made
    for name in made:
        value = getattr(first, name)
        assert value in ([], {}) and value is not getattr(second, name), name
        assert value is not FACTORY
    # Given explicitly, even None, a value is kept as is.
    assert getattr(cls(*required, **{made[0]: None}), made[0]) is None


def test_node_defaults_read_as_in_nodes_csv():
    node = Node("hct", "platform", "HCT")
    assert (node.level, node.status, node.seniority, node.line) == ("national", "active", None, 0)
    assert node == Node("hct", "platform", "HCT", level="national")
    assert node != Node("hct", "platform", "HCT", line=2)


def test_the_graph_is_equal_only_to_itself_and_keeps_its_indexes():
    nodes = {"hct": Node("hct", "platform", "HCT"), "com": Node("com", "role", "CoM")}
    edges = [Edge("com", "hct", "membership")]
    graph, twin = CoordGraph(nodes, edges), CoordGraph(nodes, edges)
    assert graph == graph and graph != twin and len({graph, twin}) == 2
    assert graph.context == Context() and graph.context is not twin.context
    assert graph.memo == {} and graph.memo is not twin.memo
    assert graph.out_edges["com"] == edges and "out_edges" in vars(graph)   # cached
    assert repr(graph) == "<CoordGraph: 2 nodes, 1 edges>"
    assert fields(graph) == tuple(inspect.signature(CoordGraph).parameters)


def test_a_record_holding_itself_shows_as_dots():
    selection = Selection("organigram")
    selection.nodes.append(selection)
    assert repr(selection) == ("Selection(view='organigram', nodes=[...], edges=[], "
                               "focus=None, depth=0, location=None)")


def test_a_loaded_graph_round_trips_through_replace():
    graph = coordgraph.load()
    for node in graph.nodes.values():
        assert replace(node) == node and replace(node) is not node
    for edge in graph.edges:
        assert replace(edge) == edge
    assert replace(graph.context) == graph.context


@pytest.mark.parametrize("args", [
    ["check"],
    ["render", "-o", "{tmp}/x.svg"],
    ["portfolio", "{root}/examples/portfolio", "--format", "json", "-o", "{tmp}/p.json"],
], ids=lambda a: a[0])
def test_check_and_render_do_not_import_dataclasses(tmp_path, args):
    # dataclasses compiles each class's methods at every import: the
    # commands' own classes are records, and nothing else brings it in.
    script = ("import sys\nfrom coordgraph.entry import main\n"
              "try:\n    main()\nexcept SystemExit:\n    pass\n"
              "print('dataclasses' in sys.modules, file=sys.stderr)")
    root = Path(__file__).resolve().parent.parent
    command = [sys.executable, "-c", script, *(a.format(tmp=tmp_path, root=root) for a in args)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.stderr.strip().splitlines()[-1] == "False", done.stderr
    written = {"check": None, "render": "x.svg", "portfolio": "p.json"}[args[0]]
    assert written is None or (tmp_path / written).stat().st_size > 0
