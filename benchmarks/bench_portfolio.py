"""Time `coordgraph portfolio` on generated portfolios against its floor.

Generates (under benchmarks/generated/, once) portfolios of 170 and 1,000
fictional countries of about 150 nodes each, made like real contexts: each
country starts from one of the bundled templates (humanitarian 2022 and
2025, mixed, pre-crisis, refugee, in turn), its IOM posts filled with
people, some clusters led or co-led by IOM, and sub-national hubs (a hub
coordination group with its head, and hub clusters with their field
officers) until it holds about 150 nodes. Then, in paired rounds, it runs

* the floor: ``python -c`` reading every nodes.csv and edges.csv of the
  portfolio with the csv module into dicts, and
* ``coordgraph portfolio DIR --format json`` (output to the null device),

and prints the medians, their ratio, the cost per country and the peak
memory of each process.

    .venv/bin/python benchmarks/bench_portfolio.py                 # 170 and 1,000
    .venv/bin/python benchmarks/bench_portfolio.py --countries 170 --repeat 5
    .venv/bin/python benchmarks/bench_portfolio.py --serial        # also without workers

Target: within 2x the floor, with a flat cost per country from 170 to 1,000.
"""

import argparse
import csv
import os
import sys
from pathlib import Path

from bench_check import use_bytecode_cache
from measuring import COORDGRAPH, baseline_command, floor_command, paired

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE.parent / "templates"
GENERATED = HERE / "generated"
ROTATION = ("humanitarian-2025", "humanitarian-2022", "mixed", "pre-crisis", "refugee")
REGIONS = ("Northern Sea", "Southern Plains", "Eastern Highlands", "Western Coast",
           "Central Basin", "Island States")
FIRST = ("Amara", "Bilal", "Chen", "Dana", "Emeka", "Farah", "Goran", "Hana", "Ilse", "Jonas")
LAST = ("Okafor", "Lindqvist", "Haddad", "Moreau", "Tanaka", "Silva", "Novak", "Mensah")
HUB_CODES = ("CCM", "SHL", "PRO", "WSH")
REF = "synthetic benchmark data (fictional country)"
TARGET_NODES = 150
VERSION = "3"   # bump when the generator changes: generated folders are rebuilt


def country_code(number: int) -> str:
    """A user-assigned ISO 3166-1 alpha-3 code: XAA-XZZ, then QMA-QZZ."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if number < 676:
        return "X" + letters[number // 26] + letters[number % 26]
    number -= 676
    return "Q" + letters[12 + number // 26] + letters[number % 26]


def _read(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def make_country(number: int, folder: Path) -> int:
    """Write one country's context folder; returns its number of nodes."""
    template = ROTATION[number % len(ROTATION)]
    node_header, nodes = _read(TEMPLATES / template / "nodes.csv")
    edge_header, edges = _read(TEMPLATES / template / "edges.csv")
    ids = {n["id"] for n in nodes}
    for position, node in enumerate(nodes):
        if node["kind"] == "role" and (node["org"] or "IOM") == "IOM":
            if (number + position) % 3:
                node["status"] = "active"
            node["person"] = (f"{FIRST[(number + position) % len(FIRST)]} "
                              f"{LAST[(number * 7 + position) % len(LAST)]}")
        if node["kind"] == "platform" and node["code"] == "CCM" and number % 3 == 0:
            node["lead"], node["co_lead"] = "IOM", "UNHCR"
        if node["kind"] == "platform" and node["code"] == "SHL" and number % 4 == 1:
            node["co_lead"] = "IOM"
    platforms = [n["id"] for n in nodes if n["kind"] == "platform"]
    apex = "iccg" if "iccg" in ids else platforms[0]

    def node(**cells):
        nodes.append({**{c: "" for c in node_header}, "reference": REF, **cells})

    def edge(source, target, relation, capacity=""):
        edges.append({**{c: "" for c in edge_header}, "source": source, "target": target,
                      "relation": relation, "capacity": capacity, "reference": REF})

    hub = 0
    while len(nodes) < TARGET_NODES - 5:
        hub += 1
        h = f"hub{hub}"
        place = f"Province {hub}"
        node(id=h, kind="platform", label=f"{place} area coordination group (ACG)",
             structure="IASC Humanitarian Coordination Structure", level="subnational",
             status="active", location=place, lead="OCHA",
             description=f"Sub-national coordination in {place}, chaired by OCHA.")
        node(id=f"{h}_head", kind="role", label=f"Head of Sub-Office, {place}", org="IOM",
             status="active", seniority="6", location=place,
             person=f"{FIRST[(number + hub) % len(FIRST)]} {LAST[hub % len(LAST)]}")
        edge(h, apex, "escalation")
        edge(f"{h}_head", h, "membership")
        for code in HUB_CODES:
            cluster = f"{h}_{code.lower()}"
            node(id=cluster, kind="platform", label=f"{code} sub-national cluster, {place}",
                 structure="IASC Humanitarian Coordination Structure", level="subnational",
                 status="active" if (number + hub) % 5 else "inactive", code=code,
                 location=place, co_lead="IOM" if code == "CCM" and hub % 2 else "")
            node(id=f"{cluster}_fo", kind="role", label=f"{code} Field Officer, {place}",
                 org="IOM", status="vacant" if (number + hub) % 7 == 0 else "active",
                 seniority="3", location=place,
                 person=f"{FIRST[(hub * 3 + number) % len(FIRST)]} {LAST[number % len(LAST)]}")
            edge(cluster, h, "escalation")
            edge(f"{cluster}_fo", cluster, "membership",
                 "coordinator" if code == "CCM" else "")
            edge(f"{cluster}_fo", f"{h}_head", "advises")
    folder.mkdir(parents=True, exist_ok=True)
    for name, header, rows in (("nodes.csv", node_header, nodes),
                               ("edges.csv", edge_header, edges)):
        with open(folder / name, "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, header, lineterminator="\r\n")
            writer.writeheader()
            writer.writerows(rows)
    context = (TEMPLATES / template / "context.toml").read_text(encoding="utf-8")
    settings = dict(line.split(" = ", 1) for line in context.splitlines()
                    if " = " in line and not line.startswith("#"))
    (folder / "context.toml").write_text(
        f'name = "Country {number:04d} (fictional)"\n'
        f'country = "{country_code(number)}"\n'
        f'region = "{REGIONS[number % len(REGIONS)]}"\n'
        f'org = "IOM"\n'
        f'as_of = 20{23 + number % 4}-{1 + number % 12:02d}-15\n'
        f'context_type = {settings["context_type"]}\n'
        f'template = {settings["template"]}\n'
        f'template_as_of = {settings["template_as_of"]}\n', encoding="utf-8")
    return len(nodes)


def generate(countries: int) -> tuple[Path, int]:
    """The portfolio folder of ``countries`` countries (made once); and its nodes."""
    folder = GENERATED / f"portfolio-{countries}"
    stamp = folder / ".made"
    if stamp.exists() and stamp.read_text() == VERSION:
        return folder, sum(1 for p in folder.glob("*/nodes.csv")
                           for _ in open(p, encoding="utf-8")) - countries
    total = sum(make_country(n, folder / f"c{n:04d}") for n in range(countries))
    stamp.write_text(VERSION)
    return folder, total


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--countries", type=int, nargs="*", default=[170, 1000],
                        help="portfolio sizes, in countries (170 1000)")
    parser.add_argument("--repeat", type=int, default=5, help="paired runs of each (5)")
    parser.add_argument("--format", default="json", help="the command's --format (json)")
    parser.add_argument("--serial", action="store_true",
                        help="also time the command with its worker processes off")
    parser.add_argument("--baseline", metavar="DIR",
                        help="also time an older copy of the package lying in DIR "
                             "(git archive COMMIT coordgraph templates data reference "
                             "| tar -x -C DIR)")
    options = parser.parse_args()
    use_bytecode_cache(options.baseline)
    print(f"{'countries':>14} {'nodes':>8} {'portfolio s':>11} {'floor s':>8} {'ratio':>6} "
          f"{'ms/country':>10} {'peak MB':>8} {'floor MB':>8} {'CPU s':>6} {'floor':>6}")
    for countries in options.countries:
        folder, nodes = generate(countries)
        files = sorted(folder.glob("*/*.csv"))
        arguments = ["portfolio", str(folder), "--format", options.format,
                     "--today", "2026-11-29", "--fail-on", "never"]
        commands = {"floor": (floor_command(files), None),
                    "portfolio": ([COORDGRAPH, *arguments], None)}
        if options.serial:
            commands["serial"] = ([COORDGRAPH, *arguments],
                                  {**os.environ, "COORDGRAPH_WORKERS": "1"})
        if options.baseline:
            commands["baseline"] = baseline_command(options.baseline, arguments)
        result = paired(commands, options.repeat)
        floor, floor_peak, floor_cpu = result["floor"]
        labels = {"portfolio": "", "serial": " (1 worker)", "baseline": " (baseline)"}
        for name in [n for n in labels if n in result]:
            seconds, peak, cpu = result[name]
            label = f"{countries:,}" + labels[name]
            print(f"{label:>14} {nodes:>8,} {seconds:>11.2f} {floor:>8.2f} "
                  f"{seconds / floor:>6.2f} {seconds / countries * 1000:>10.1f} "
                  f"{peak:>8.0f} {floor_peak:>8.0f} {cpu:>6.2f} {floor_cpu:>6.2f}", flush=True)
    print(f"\n{os.cpu_count()} cores, Python {sys.version.split()[0]}; medians of "
          f"{options.repeat} paired runs, wall time of the whole process; peak = ru_maxrss "
          "of the process (the largest of it and its workers); CPU = user + system seconds, "
          "workers included.")


if __name__ == "__main__":
    main()
