"""The dated global cluster leadership of ``reference/``: reading it, and who
leads which cluster in which crisis on which date."""

import csv
import datetime
from pathlib import Path

import pytest

from coordgraph.clusters import (
    cluster_codes,
    leadership,
    leads_for,
    newest_state,
    parse_date,
    parse_leadership,
    reference_path,
)
from coordgraph.errors import ArgumentError, DataError

ROOT = Path(__file__).resolve().parent.parent
HEADER = "code,name,crisis,lead,co_lead,effective_from,effective_to,source,note\n"


def test_reference_path_is_the_checkouts_reference_folder():
    assert reference_path() == ROOT / "reference"


@pytest.mark.parametrize("code, crisis, year, expected", [
    ("CCM", "disaster", 2022, (("IOM",), ())),
    ("CCM", "conflict", 2022, (("UNHCR",), ())),
    ("CCM", "both", 2022, (("IOM", "UNHCR"), ())),
    ("SHL", "disaster", 2022, (("IFRC",), ())),
    ("SHL", "conflict", 2022, (("UNHCR",), ())),
    # Superseded in 2025 by the Shelter, Land and Site cluster, which has no code yet.
    ("CCM", "disaster", 2026, ((), ())),
    ("CCM", "conflict", 2026, ((), ())),
    ("SHL", "disaster", 2026, ((), ())),
    ("SHL", "conflict", 2026, ((), ())),
])
def test_leads_for_cccm_and_shelter(code, crisis, year, expected):
    assert leads_for(code, crisis, on=datetime.date(year, 6, 1)) == expected


def test_leads_for_same_in_either_crisis_and_case():
    for crisis in ("disaster", "conflict", "both"):
        assert leads_for("edu", crisis, on="2026-11-28") == (("UNICEF", "Save the Children"), ())
        assert leads_for("FSC", crisis, on="2026-11-28") == (("FAO", "WFP"), ())


def test_dates_bound_each_arrangement():
    # Years alone are 1 January; effective_to is the first day no longer covered.
    assert leads_for("CCM", "disaster", on="2024-12-31") == (("IOM",), ())
    assert leads_for("CCM", "disaster", on="2025-01-01") == ((), ())
    assert leads_for("CCM", "disaster", on="2004-12-31") == ((), ())
    # FSC from 2010-12: the first of December.
    assert leads_for("FSC", "both", on="2010-11-30") == ((), ())
    assert leads_for("FSC", "both", on="2010-12-01") == (("FAO", "WFP"), ())
    # No effective_from: no known start, so any date before its end.
    assert leads_for("TEL", "conflict", on="1990-01-01") == (("WFP",), ())


def test_unknown_code_and_empty_code_give_nothing():
    assert leads_for("XYZ", "both", on="2022-01-01") == ((), ())
    assert leads_for("", "both", on="2026-01-01") == ((), ())


def test_leads_for_refuses_a_bad_crisis_or_date():
    with pytest.raises(ArgumentError, match="crisis must be one of disaster, conflict, both"):
        leads_for("CCM", "war")
    with pytest.raises(ArgumentError, match="not a date"):
        leads_for("CCM", "disaster", on="June 2022")


def test_leads_for_default_date_is_today():
    assert leads_for("HEA", "both") == leads_for("HEA", "both", on=datetime.date.today())


def test_newest_state():
    state = newest_state()
    assert state.as_of == datetime.date(2025, 1, 1)
    names = [a.name for a in state.arrangements]
    assert "Global Shelter, Land and Site Coordination Cluster" in names
    assert "Camp Coordination and Camp Management" not in names
    # Every row without an end and started by then.
    assert len(state.arrangements) == sum(1 for a in leadership() if a.effective_to is None)


def test_every_row_of_the_csv_is_read():
    with open(ROOT / "reference" / "cluster-leadership.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    arrangements = leadership()
    assert len(arrangements) == len(rows) > 0
    assert all(a.source for a in arrangements)


def test_parse_date_forms():
    assert parse_date(" 2016 ") == datetime.date(2016, 1, 1)
    assert parse_date("2023-12-04") == datetime.date(2023, 12, 4)
    with pytest.raises(ValueError):
        parse_date("2016s")


def test_parse_leadership_reports_every_bad_row():
    text = HEADER + "CCM,x,war,IOM,,2005,,s,\nSHL,x,both,IFRC,,20x5,,s,\nHEA,x,both,WHO,,,,s,\n"
    with pytest.raises(DataError) as caught:
        parse_leadership(text, "leaders.csv")
    assert [(p.code, p.file, p.line, p.message) for p in caught.value.problems] == [
        ("CG105", "leaders.csv", 2, "unknown crisis 'war'"),
        ("CG105", "leaders.csv", 3, "effective_from '20x5' is not a date")]


def test_parse_leadership_needs_its_columns():
    with pytest.raises(DataError, match="missing column"):
        parse_leadership("code,lead\nCCM,IOM\n")


def test_cluster_codes_are_the_ocha_sheets():
    codes = cluster_codes()
    assert len(codes) == 15
    assert {"CCM", "SHL", "PRO", "PRO-CPN", "PRO-GBV", "PRO-HLP", "PRO-MIN"} <= codes
    assert "HCT" not in codes and "RCF" not in codes
