"""Did-you-mean hints: right for a few misspellings, bounded for many."""

import pytest

import coordgraph
from coordgraph.errors import DataError
from coordgraph.suggesting import MAX_COMPARED, MAX_SEARCHES, Index, did_you_mean

SECTORS = ["health", "shelter", "protection", "logistics", "education", "nutrition", "camp",
           "wash", "food", "telecom"]


def many_ids(count):
    return [f"{SECTORS[i % 10]}_{SECTORS[i // 10 % 10]}_group_{i:05d}" for i in range(count)]


def swapped(name, at):
    """``name`` with the letters at ``at`` and ``at + 1`` swapped: a typo."""
    return name[:at] + name[at + 1] + name[at] + name[at + 2:]


def test_validation_no_longer_reexports_the_hints():
    import coordgraph.validation as validation

    assert not hasattr(validation, "_loose") and not hasattr(validation, "loose_key")


def test_a_typo_among_many_is_found_by_its_first_or_last_letters():
    ids = many_ids(5000)
    index = Index(ids)
    assert index.closest(swapped(ids[1234], 14)) == ids[1234]       # typo in the middle
    assert index.closest("xx" + ids[4321][2:]) == ids[4321]          # the start mistyped
    assert index.closest(ids[999][:-2] + "xx") is not None           # the end mistyped
    assert index.compared <= 3 * MAX_COMPARED


def test_a_thousand_typos_make_a_bounded_number_of_comparisons():
    # Compared with every id, 1,000 typos among 19,000 ids took five minutes;
    # now at most MAX_SEARCHES fuzzy searches of MAX_COMPARED names each.
    ids = many_ids(5000)
    typos = [swapped(ids[i * 5], 3 + i % 20) for i in range(1000)]
    known = set(ids)
    typos = [typo for typo in typos if typo not in known]
    index = Index(ids)
    hints = [index.closest(typo) for typo in typos]
    assert index.searches == MAX_SEARCHES
    assert index.compared <= MAX_SEARCHES * MAX_COMPARED
    assert 0.8 * MAX_SEARCHES <= sum(h is not None for h in hints) <= MAX_SEARCHES
    first = [(typo, hint) for typo, hint in zip(typos, hints, strict=True) if hint][:10]
    assert all(sorted(typo) == sorted(hint) for typo, hint in first)
    # the cheap hint still comes after the cap: the same id in another case
    assert index.closest(ids[7].upper().replace("_", "-")) == ids[7]
    assert index.searches == MAX_SEARCHES


def test_loading_a_thousand_bad_references_among_19000_nodes():
    ids = many_ids(19_000)
    nodes = [{"id": i, "kind": "platform", "label": i} for i in ids]
    typos = [swapped(ids[i * 19], 3 + i % 20) for i in range(1000)]
    known = set(ids)
    typos = [typo for typo in typos if typo not in known]
    edges = [{"source": typo, "target": ids[0], "relation": "escalation"} for typo in typos]
    with pytest.raises(DataError) as raised:
        coordgraph.from_records(nodes, edges)
    problems = [p for p in raised.value.problems if p.code == "CG106"]
    assert len(problems) == len(typos)
    hinted = [p for p in problems if p.hint.startswith("did you mean")]
    assert 0 < len(hinted) <= MAX_SEARCHES
    assert all(p.hint == "add the node to nodes.csv first" for p in problems[len(hinted) + 50:])


def test_a_one_off_hint_needs_no_index():
    assert did_you_mean("Chief-Of-Mission", ["chief_of_mission"]) == (
        "did you mean 'chief_of_mission'?")
    assert did_you_mean("hct", []) == ""
    assert did_you_mean("x", ["y"], {"x": "x_id"}) == "did you mean 'x_id'?"


def test_the_same_misspelling_is_searched_once():
    index = Index(many_ids(1000), max_searches=2)
    typo = swapped(many_ids(1000)[500], 5)
    assert [index.closest(typo) for _ in range(10)] == [many_ids(1000)[500]] * 10
    assert index.searches == 1 and index.compared <= MAX_COMPARED
    assert index.closest("zzz_nothing_like_it") is None and index.searches == 2
    assert index.closest("zzz_nothing_like_it") is None and index.searches == 2
    assert index.closest(typo) == many_ids(1000)[500]                # still known after the cap
