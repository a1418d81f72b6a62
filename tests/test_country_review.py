"""A coordination review of a realistic country (tests/fixtures/country-review,
built from the humanitarian template by tests/fixtures/make_country_review.py):
``check`` reports exactly the planted problems, and none of the noise."""

import csv
import io
import json
import runpy
from pathlib import Path

import pytest

import coordgraph
from coordgraph.templating import template_path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
COUNTRY = FIXTURES / "country-review"

# (code, node) of every finding, in the order check sorts them.
EXPECTED = [
    ("CG205", "east.ahct"),                  # the East area team has no link up
    ("CG206", "cluster_shl"),                # two co-leads, no lead
    ("CG306", "cluster_coordinator"),        # coordinates national and North CCCM
    ("CG306", "north.shelter_coordinator"),  # coordinator and IOM's seat: one person
    ("CG307", "cluster_shl"),                # IOM co-leads; its programme post is vacant
    ("CG309", "cluster_coordinator"),        # seats at the ICCGs of Velmora and Kessa
    ("CG405", ""),                           # started from humanitarian-2022: 2025 is newer
]


@pytest.fixture(scope="module")
def graph():
    return coordgraph.load(COUNTRY)


@pytest.fixture(scope="module")
def findings(graph):
    return coordgraph.check(graph)


def test_the_committed_fixture_is_the_generators_output():
    generated = runpy.run_path(str(FIXTURES / "make_country_review.py"))["generated"]()
    for name, text in generated.items():
        assert (COUNTRY / name).read_bytes() == text.encode("utf-8"), (
            f"run: .venv/bin/python tests/fixtures/make_country_review.py ({name})")


def test_it_is_a_realistic_country_from_the_humanitarian_template(graph):
    template = coordgraph.load(template_path("humanitarian-2022"))
    assert set(template.nodes) <= set(graph.nodes)
    platforms = [n for n in graph.nodes.values() if n.kind == "platform" and n.is_active]
    clusters = [n for n in platforms if n.id.startswith("cluster_")]
    assert len(clusters) == 8
    hubs = {n.structure for n in platforms if n.level == "subnational"}
    assert hubs == {"North hub (Kessa)", "East hub (Doran)"}
    working_groups = [n for n in platforms if n.id in ("cwg", "imwg", "aawg")]
    assert all(graph.escalates_to(n.id) == ["iccg"] for n in working_groups)
    assert len(working_groups) == 3
    assert graph.context.sectors == ("CCM", "SHL", "WSH", "HEA", "PRO", "PRO-CPN", "PRO-GBV",
                                     "FSC")
    assert graph.context.crisis == "disaster"
    assert [n.id for n in graph.nodes.values() if n.status == "vacant"] == ["po_shl"]



def test_check_finds_exactly_the_planted_problems(findings):
    assert [(f.code, f.node) for f in findings] == EXPECTED


def test_cg307_is_not_repeated_as_cg302(findings):
    # IOM co-leads Shelter and only its coordinator attends: CG307 says so,
    # and the weaker CG302 on the same platform would say it twice.
    found = [(f.code, f.node) for f in findings]
    assert ("CG307", "cluster_shl") in found and ("CG302", "cluster_shl") not in found


def test_cluster_coordinators_two_locations_are_named(findings):
    cg309 = next(f for f in findings if f.code == "CG309")
    assert "Velmora" in cg309.message and "Kessa" in cg309.message


def test_the_vacant_post_is_named(findings, graph):
    cg307 = next(f for f in findings if f.code == "CG307")
    assert graph.nodes["po_shl"].label in cg307.message + cg307.hint


@pytest.mark.parametrize("platform", ["cluster_nut", "cluster_edu", "aor_min", "east.nut"])
def test_no_cg301_where_iom_runs_no_programme(findings, graph, platform):
    # Present nowhere, but the sector is not in `sectors`: not expected.
    assert not any(e.source in graph.nodes and graph.nodes[e.source].org == "IOM"
                   and graph.nodes[e.source].status == "active"
                   for e in graph.memberships(platform))
    assert all(platform not in f.nodes for f in findings)


def test_no_cg301_for_the_iccg_of_an_office_that_coordinates_no_cluster(findings, graph):
    assert graph.memberships("east.iccg") == []
    assert graph.nodes["east.iccg"].expected == "no"
    assert all("east.iccg" not in f.nodes for f in findings)


def test_the_chief_of_missions_four_seats_are_not_overload(findings, graph):
    seats = [e.target for e in graph.out_edges["chief_of_mission"] if e.is_seat]
    assert sorted(seats) == ["hct", "smt", "unct", "unnm"]
    assert graph.nodes["chief_of_mission"].max_seats == 5
    assert all("chief_of_mission" not in f.nodes for f in findings)


def test_without_the_relevance_settings_the_noise_comes_back(tmp_path):
    # The silence above is the data's doing, not a blind spot of the rules:
    # without sectors, expected and max_seats, check reports the noise.
    for name in ("nodes.csv", "edges.csv"):
        text = (COUNTRY / name).read_text(encoding="utf-8")
        if name == "nodes.csv":
            rows = list(csv.DictReader(io.StringIO(text)))
            for row in rows:
                row.update(expected="", max_seats="")
            out = io.StringIO()
            writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
            text = out.getvalue()
        (tmp_path / name).write_text(text, encoding="utf-8")
    context = (COUNTRY / "context.toml").read_text(encoding="utf-8")
    (tmp_path / "context.toml").write_text(
        "\n".join(line for line in context.splitlines() if not line.startswith("sectors")),
        encoding="utf-8")
    found = {(f.code, f.node) for f in coordgraph.check(coordgraph.load(tmp_path))}
    for noise in [("CG301", "cluster_nut"), ("CG301", "cluster_edu"), ("CG301", "aor_min"),
                  ("CG301", "east.iccg"), ("CG304", "chief_of_mission")]:
        assert noise in found
    assert set(EXPECTED) <= found


def test_the_cli_gives_the_same_findings_and_exit_code():
    from click.testing import CliRunner

    from coordgraph.cli import cli

    result = CliRunner().invoke(cli, ["check", "--data", str(COUNTRY), "--format", "json",
                                      "--fail-on", "warning"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    found = [(f["code"], f["node"]) for f in data["findings"]]
    assert found == EXPECTED
    assert data["summary"] == {"error": 0, "warning": len(found) - 1, "info": 1}
    default = CliRunner().invoke(cli, ["check", "--data", str(COUNTRY)])
    assert default.exit_code == 0, default.output       # warnings only: no error
