"""Time `coordgraph validate` and `coordgraph check` end to end on synthetic contexts.

Generates contexts of about 30, 3,000, 30,000 and 300,000 nodes (many
countries, each with its HCT, inter-cluster group, clusters, sub-national
hubs and the UNCT side, and the roles that sit in them), then runs, in
paired rounds, as a user would:

* ``coordgraph check`` on the context,
* the floor: ``python -c`` reading nodes.csv and edges.csv with the csv
  module into dicts,
* a plain csv + networkx script (up to 30,000 nodes), and, on the smallest
  context, ``python -c "import networkx"``,

and prints the medians, the ratio to the floor, and each process's peak
memory.

    .venv/bin/python benchmarks/bench_check.py            # all sizes
    .venv/bin/python benchmarks/bench_check.py --sizes 30 30000 --repeat 7
    .venv/bin/python benchmarks/bench_check.py --sizes 300000 --gc   # what gc.disable() saves
    .venv/bin/python benchmarks/bench_check.py --sizes 30000 300000 --phases --repeat 3
    .venv/bin/python benchmarks/bench_check.py --sizes 30000 300000 --rules --repeat 3

Targets: 30,000 nodes within 1.5x the floor and ahead of networkx; cost per
node flat up to 300,000 nodes, with a peak memory within 1.5x the floor's;
the small context checked in less time than networkx takes to import.
"""

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from measuring import COORDGRAPH, PYTHON, baseline_command, floor_command, paired

HERE = Path(__file__).resolve().parent
GENERATED = HERE / "generated"
CLUSTERS = ("CCM", "SHL", "HEA", "WSH", "PRO", "FSC", "LOG", "NUT", "EDU", "ERY", "TEL")
NODE_HEADER = ["id", "kind", "label", "org", "structure", "level", "status",
               "seniority", "min_seniority", "code", "description", "reference"]
EDGE_HEADER = ["source", "target", "relation", "capacity", "condition", "note", "reference"]
REF = "synthetic benchmark data"


def country(c: int, clusters=CLUSTERS, hubs=3, hub_clusters=4):
    """Nodes and edges of one synthetic country (101 nodes, 257 edges)."""
    p = f"c{c}_"
    nodes, edges = [], []

    def platform(pid, label, structure, level="national", **extra):
        nodes.append({"id": p + pid, "kind": "platform", "label": f"{label} {c}",
                      "structure": structure, "level": level, "reference": REF, **extra})

    def role(rid, label, org="IOM", seniority=""):
        nodes.append({"id": p + rid, "kind": "role", "label": f"{label} {c}", "org": org,
                      "seniority": seniority, "reference": REF})

    def edge(source, target, relation, capacity="", condition=""):
        edges.append({"source": p + source, "target": p + target, "relation": relation,
                      "capacity": capacity, "condition": condition, "reference": REF})

    iasc, unct = "IASC Humanitarian Coordination Structure", "Pre-Crisis Coordination Structures"
    platform("hct", "Humanitarian Country Team", iasc, min_seniority="7")
    platform("iccg", "Inter-Cluster Coordination Group", iasc)
    for name in ("unct", "smt", "pmt", "omt"):
        platform(name, name.upper(), unct)
    role("com", "Chief of Mission", seniority="9")
    role("rrt", "Rapid Response Team Lead", seniority="7")
    role("dcom", "Deputy Chief of Mission", seniority="8")
    role("pc", "Programme Coordinator", seniority="6")
    role("rmo", "Resource Management Officer", seniority="5")
    role("do", "Designated Official", org="UN")
    role("rc", "Resident Coordinator", org="UN")
    edge("iccg", "hct", "escalation")
    edge("pmt", "unct", "advises")
    edge("omt", "unct", "advises")
    edge("smt", "do", "advises")
    edge("rc", "unct", "membership", "chair")
    edge("rc", "hct", "membership", "chair")
    edge("com", "hct", "membership")
    edge("rrt", "hct", "membership", "alternate", "if the CoM has limited humanitarian experience")
    edge("com", "unct", "membership")
    edge("com", "smt", "membership")
    edge("dcom", "smt", "membership", "alternate")
    edge("dcom", "unct", "membership", "alternate")
    edge("pc", "pmt", "membership")
    edge("rmo", "omt", "membership")
    edge("dcom", "do", "advises")
    for k in clusters:
        cl = k.lower()
        platform(cl, f"{k} cluster", iasc, code=k)
        role(f"cc_{cl}", f"{k} Cluster Coordinator", seniority="6")
        role(f"po_{cl}", f"{k} Programme Officer", seniority="4")
        role(f"ngo_{cl}", f"{k} NGO co-lead", org="NGO")
        edge(cl, "iccg", "escalation")
        edge(f"po_{cl}", cl, "membership")
        edge(f"cc_{cl}", cl, "membership", "lead")
        edge(f"cc_{cl}", "iccg", "membership")
        edge(f"cc_{cl}", "hct", "membership", "observer", "in some instances")
        edge(f"ngo_{cl}", cl, "membership", "co-lead")
        edge(f"ngo_{cl}", "iccg", "membership")
        edge(f"po_{cl}", f"cc_{cl}", "advises")
        role(f"imo_{cl}", f"{k} Information Management Officer", seniority="4")
        edge(f"imo_{cl}", cl, "membership")
        edge(f"imo_{cl}", "iccg", "membership", "observer")
        edge(f"imo_{cl}", f"cc_{cl}", "advises")
        edge(f"imo_{cl}", f"po_{cl}", "advises")
    for h in range(hubs):
        hub = f"hub{h}"
        platform(hub, f"Hub {h} coordination", iasc, level="subnational")
        role(f"{hub}_head", f"Hub {h} Head of Sub-Office", seniority="6")
        edge(hub, "iccg", "escalation")
        edge(f"{hub}_head", hub, "membership")
        edge(f"{hub}_head", "com", "advises")
        role(f"{hub}_gov", f"Hub {h} government focal point", org="GOV")
        edge(f"{hub}_gov", hub, "membership", "co-chair")
        for k in clusters[:hub_clusters]:
            cl = f"{hub}_{k.lower()}"
            platform(cl, f"Hub {h} {k} cluster", iasc, level="subnational", code=k)
            role(f"{cl}_fo", f"Hub {h} {k} Field Officer", seniority="3")
            edge(cl, hub, "escalation")
            edge(f"{cl}_fo", cl, "membership")
            edge(f"po_{k.lower()}", cl, "membership", "alternate")
            edge(f"{cl}_fo", f"{hub}_head", "advises")
            edge(f"{cl}_fo", f"po_{k.lower()}", "advises")
            edge(f"cc_{k.lower()}", cl, "membership", "observer")
            edge(f"{hub}_gov", cl, "membership", "co-chair")
            edge(f"{cl}_fo", f"cc_{k.lower()}", "advises")
    return nodes, edges


def generate(target: int, folder: Path) -> tuple[int, int]:
    """Write a context of about ``target`` nodes; returns (nodes, edges)."""
    folder.mkdir(parents=True, exist_ok=True)
    if target < 100:
        parts = [country(0, clusters=CLUSTERS[:2], hubs=1, hub_clusters=1)]
    else:
        parts = [country(c) for c in range(round(target / 100))]
    with open(folder / "nodes.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, NODE_HEADER)
        writer.writeheader()
        n = sum(writer.writerows(nodes) or len(nodes) for nodes, _ in parts)
    with open(folder / "edges.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, EDGE_HEADER)
        writer.writeheader()
        e = sum(writer.writerows(edges) or len(edges) for _, edges in parts)
    (folder / "context.toml").write_text('name = "Synthetic world"\norg = "IOM"\n')
    return n, e


#: A plain csv + networkx script doing a little of what `check` does: the
#: graph with every attribute, escalation cycles, orphans, and the active
#: platforms without an IOM member.
NETWORKX = """\
import csv, sys
import networkx as nx
folder = sys.argv[1]
with open(folder + "/nodes.csv", newline="", encoding="utf-8-sig") as f:
    nodes = list(csv.DictReader(f))
with open(folder + "/edges.csv", newline="", encoding="utf-8-sig") as f:
    edges = list(csv.DictReader(f))
G = nx.MultiDiGraph()
G.add_nodes_from((n["id"], n) for n in nodes)
G.add_edges_from((e["source"], e["target"], e["relation"], e) for e in edges)
escalation = nx.DiGraph((u, v) for u, v, k in G.edges(keys=True) if k == "escalation")
cycles = [c for c in nx.strongly_connected_components(escalation) if len(c) > 1]
orphans = [n for n in G if G.degree(n) == 0]
iom = {n for n, d in G.nodes(data=True) if d.get("kind") == "role" and d.get("org") == "IOM"}
missing = [p for p, d in G.nodes(data=True) if d.get("kind") == "platform"
           and d.get("status") != "inactive"
           and not any(u in iom for u, _, k in G.in_edges(p, keys=True) if k == "membership")]
print(len(cycles), len(orphans), len(missing))
"""


#: Times each phase of `check` in one process (the collector off, as the
#: command runs): CPU seconds and minor page faults, printed as JSON.
PHASES = """\
import gc, json, resource, sys, time
gc.disable()
from coordgraph import analysis, reading, validation
from coordgraph.model import CoordGraph
from coordgraph.reporting import findings_text
folder, timed = sys.argv[1], {}
def phase(name, work):
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    start = time.process_time()
    result = work()
    timed[name] = (time.process_time() - start,
                   resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults)
    return result
problems = []
node_table = phase("read nodes.csv", lambda: reading.read_table(folder + "/nodes.csv"))
edge_table = phase("read edges.csv", lambda: reading.read_table(folder + "/edges.csv"))
nodes = phase("build nodes", lambda: validation.build_nodes(node_table, problems, []))
edges = phase("build edges", lambda: validation.build_edges(edge_table, nodes, problems, []))
assert not problems, problems[:3]
graph = CoordGraph(nodes, edges)
def free_tables():   # as when load() returns: the cells no record kept
    global node_table, edge_table
    del node_table, edge_table
phase("free tables", free_tables)
findings = phase("rules", lambda: analysis.check(graph, "IOM"))
phase("text report", lambda: findings_text(graph, findings, "IOM"))
import coordgraph
print(json.dumps({"nodes": len(nodes), "phases": timed, "package": coordgraph.__file__}))
"""


def sampled(script: str, sizes, repeat: int, baseline=None, *args: str):
    """Run ``python -c script FOLDER ARGS...`` ``repeat`` times for each size
    (and, with ``baseline``, in that older copy too), the sizes and copies
    in alternating order; each run prints JSON. Returns the (copy, size)
    pairs and the JSON results of each."""
    sides: dict = {"now": None}   # the folder to run in: the copy found first
    if baseline:
        sides["baseline"] = str(Path(baseline).resolve())
    runs = [(side, size) for size in sizes for side in sides]
    for size in sizes:
        if not (GENERATED / f"world-{size}" / "edges.csv").exists():
            generate(size, GENERATED / f"world-{size}")
    samples: dict = {run: [] for run in runs}
    for round_number in range(repeat):
        for side, size in runs if round_number % 2 == 0 else runs[::-1]:
            folder = GENERATED / f"world-{size}"
            out = subprocess.run([PYTHON, "-c", script, str(folder), *args], cwd=sides[side],
                                 capture_output=True, text=True, check=True).stdout
            result = json.loads(out)
            if sides[side] is not None:
                assert result["package"].startswith(sides[side]), result["package"]
            samples[(side, size)].append(result)
    return runs, samples


def phases(sizes, repeat: int, baseline=None) -> None:
    """Each phase's CPU time and page faults per node, at each size (with
    ``baseline``, the older copy's beside it): the sizes and copies in
    alternating order, medians of ``repeat`` processes."""
    runs, samples = sampled(PHASES, sizes, repeat, baseline)
    names = list(samples[runs[0]][0]["phases"])
    print(f"{'phase':>16} " + " ".join(f"{side[:4] + ' ' + f'{size:,}':>17}" for side, size in runs)
          + "   (µs/node, faults/node)")
    for name in [*names, "total"]:
        cells = []
        for run in runs:
            count = samples[run][0]["nodes"]
            cpu = statistics.median(sum(p[0] for p in s["phases"].values()) if name == "total"
                                    else s["phases"][name][0] for s in samples[run])
            faults = statistics.median(sum(p[1] for p in s["phases"].values()) if name == "total"
                                       else s["phases"][name][1] for s in samples[run])
            cells.append(f"{cpu / count * 1e6:>10.2f} {faults / count:>6.2f}")
        print(f"{name:>16} " + " ".join(cells))
    print(f"\nCPU time of each phase in one process (the collector off), medians of {repeat}; "
          "faults: minor page faults.")



#: Times the passes the rules share, then each rule in the order ``check``
#: runs them, in one process on one loaded graph: the best of ``inner``
#: rounds (the memo cleared before each), CPU seconds, printed as JSON.
RULES = """\
import gc, json, sys, time
gc.disable()
import coordgraph
from coordgraph import analysis
from coordgraph.analysis import _shared
folder, inner = sys.argv[1], int(sys.argv[2])
graph = coordgraph.load(folder)
org = "IOM"
steps = [("edges by relation", lambda: _shared.edges_by_relation(graph)),
         ("org's roles", lambda: _shared.role_facts(graph, org)),
         ("org's seats", lambda: _shared.org_presence(graph, org)),
         ("escalation edges", lambda: _shared.escalation_edges(graph))]
steps += [(name, lambda rule=getattr(analysis, name): rule(graph)) for name in (
    "escalation_cycles", "multiple_escalation", "orphans", "downward_escalation",
    "unlinked_subnational", "leadership_gaps")]
steps += [(name, lambda rule=getattr(analysis, name): rule(graph, org)) for name in (
    "unrepresented_platforms", "weak_representation", "junior_representation",
    "overloaded_roles", "single_points_of_failure", "double_hatting", "silent_leadership",
    "vacant_leadership", "scattered_seats")]
best = {}
for _ in range(inner):
    graph.memo.clear()
    for name, work in steps:
        start = time.process_time()
        work()
        best[name] = min(best.get(name, 1e9), time.process_time() - start)
print(json.dumps({"nodes": len(graph.nodes), "rules": best, "package": coordgraph.__file__}))
"""


def rules(sizes, repeat: int, baseline=None, inner: int = 5) -> None:
    """Each rule's CPU time per node at each size (with ``baseline``, the
    older copy's beside it): the best of ``inner`` rounds in each of
    ``repeat`` processes, the sizes and copies alternating. The best, not
    the median: on a shared machine other work only ever adds time."""
    runs, samples = sampled(RULES, sizes, repeat, baseline, str(inner))
    names = list(samples[runs[0]][0]["rules"])
    print(f"{'rule':>24} " + " ".join(f"{side[:4] + ' ' + f'{size:,}':>13}" for side, size in runs)
          + "   (µs/node)")
    totals = dict.fromkeys(runs, 0.0)
    for name in names:
        cells = []
        for run in runs:
            count = samples[run][0]["nodes"]
            cpu = min(s["rules"][name] for s in samples[run]) / count * 1e6
            totals[run] += cpu
            cells.append(f"{cpu:>13.3f}")
        print(f"{name:>24} " + " ".join(cells))
    print(f"{'total':>24} " + " ".join(f"{totals[run]:>13.3f}" for run in runs))
    print(f"\nCPU time of each rule on a loaded graph, the best of {inner} rounds in each of "
          f"{repeat} processes.")


_RUN = "import sys; from coordgraph.cli import main; sys.argv[0] = 'coordgraph'; main()"
_RUN_WITH_GC = "import gc; gc.disable = lambda: None; " + _RUN


def paired_gc(args, repeat: int) -> tuple[float, float]:
    """Median seconds of ``coordgraph ARGS`` with the collector off (as main()
    runs) and on, the two runs alternating so that both see the same load."""
    times: dict[str, list[float]] = {_RUN: [], _RUN_WITH_GC: []}
    for _ in range(repeat):
        for code, measured in times.items():
            start = time.perf_counter()
            result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True)
            measured.append(time.perf_counter() - start)
            if result.returncode not in (0, 1):
                raise SystemExit(f"coordgraph {' '.join(args)} failed:\n{result.stderr[:2000]!r}")
    return statistics.median(times[_RUN]), statistics.median(times[_RUN_WITH_GC])


def compare_gc(sizes, repeat: int) -> None:
    print(f"{'nodes':>9} {'command':>9} {'gc off s':>9} {'gc on s':>9} {'on/off':>7}")
    for size in sizes:
        folder = GENERATED / f"world-{size}"
        n, _ = generate(size, folder)
        for args in (["validate", "--data", str(folder)],
                     ["check", "--data", str(folder), "--fail-on", "never"]):
            off, on = paired_gc(args, repeat)
            print(f"{n:>9,} {args[0]:>9} {off:>9.2f} {on:>9.2f} {on / off:>7.2f}", flush=True)
    print(f"\n{os.cpu_count()} cores; medians of {repeat} paired runs, wall time of the "
          "whole command.")


def use_bytecode_cache(baseline=None) -> None:
    """Let the timed processes load the package's cached bytecode, as an
    installed package does (pip compiles it on install); an environment with
    PYTHONDONTWRITEBYTECODE (as CI sandboxes often set) would otherwise make
    every run compile the package's sources again (about 40 ms on this
    machine), while the standard library and click load their own caches.
    The cache is written once here, into the package's ``__pycache__``
    folders (ignored by git), for the ``baseline`` copy's package too."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    packages = [HERE.parent / "coordgraph"]
    if baseline:
        packages.append(Path(baseline).resolve() / "coordgraph")
    subprocess.run([PYTHON, "-m", "compileall", "-q", *map(str, packages)], check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[30, 3_000, 30_000, 300_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--networkx-up-to", type=int, default=30_000,
                        help="time the csv + networkx script up to this many nodes")
    parser.add_argument("--baseline", metavar="DIR",
                        help="also time an older copy of the package lying in DIR "
                             "(git archive COMMIT coordgraph templates data reference "
                             "| tar -x -C DIR)")
    parser.add_argument("--gc", action="store_true",
                        help="time each command with the garbage collector off (as main() "
                             "runs it) and on, in paired runs")
    parser.add_argument("--rules", action="store_true",
                        help="time each rule (and the passes they share) on a loaded graph, "
                             "per node, at each size: the best of 5 rounds a process")
    parser.add_argument("--phases", action="store_true",
                        help="time each phase of check (reading, building, rules, report) "
                             "in one process, per node, at each size")
    options = parser.parse_args()
    use_bytecode_cache(options.baseline)
    if options.phases:
        phases(options.sizes, options.repeat, options.baseline)
        return
    if options.rules:
        rules(options.sizes, options.repeat, options.baseline)
        return
    if options.gc:
        compare_gc(options.sizes, options.repeat)
        return
    print(f"{'nodes':>9} {'check s':>8} {'floor s':>8} {'ratio':>6} {'nx s':>6} "
          f"{'µs/node':>8} {'check MB':>9} {'floor MB':>9} {'ratio':>6} "
          f"{'CPU check':>9} {'floor':>6} {'ratio':>6}")
    small = None
    for size in options.sizes:
        folder = GENERATED / f"world-{size}"
        n, _ = generate(size, folder)
        commands = {
            "check": ([COORDGRAPH, "check", "--data", str(folder), "--fail-on", "never"], None),
            "floor": (floor_command([folder / "nodes.csv", folder / "edges.csv"]), None),
        }
        if size <= options.networkx_up_to:
            commands["networkx"] = ([PYTHON, "-c", NETWORKX, str(folder)], None)
        if size < 100:
            commands["import networkx"] = ([PYTHON, "-c", "import networkx"], None)
        if options.baseline:
            commands["baseline"] = baseline_command(
                options.baseline, ["check", "--data", folder, "--fail-on", "never"])
        result = paired(commands, options.repeat)
        check, check_mb, check_cpu = result["check"]
        floor, floor_mb, floor_cpu = result["floor"]
        nx_time = f"{result['networkx'][0]:>6.2f}" if "networkx" in result else f"{'':>6}"
        print(f"{n:>9,} {check:>8.2f} {floor:>8.2f} {check / floor:>6.2f} {nx_time} "
              f"{check / n * 1e6:>8.1f} {check_mb:>9.0f} {floor_mb:>9.0f} "
              f"{check_mb / floor_mb:>6.2f} {check_cpu:>9.2f} {floor_cpu:>6.2f} "
              f"{check_cpu / floor_cpu:>6.2f}", flush=True)
        if "baseline" in result:
            before, before_mb, before_cpu = result["baseline"]
            label = "(baseline)"
            print(f"{label:>9} {before:>8.2f} {floor:>8.2f} {before / floor:>6.2f} {'':>6} "
                  f"{before / n * 1e6:>8.1f} {before_mb:>9.0f} {floor_mb:>9.0f} "
                  f"{before_mb / floor_mb:>6.2f} {before_cpu:>9.2f} {floor_cpu:>6.2f} "
                  f"{before_cpu / floor_cpu:>6.2f}", flush=True)
        if "import networkx" in result:
            small = (n, check, result["import networkx"][0])
    if small:
        print(f"\n`check` on {small[0]} nodes: {small[1]:.3f} s; "
              f"`python -c 'import networkx'`: {small[2]:.3f} s")
    print(f"\n{os.cpu_count()} cores, Python {sys.version.split()[0]}; medians of "
          f"{options.repeat} paired runs, wall time of the whole process; MB = peak "
          "resident memory (ru_maxrss) of the process; CPU = user + system seconds. "
          "floor: the two CSV files read with the csv module into dicts; nx: a plain "
          "csv + networkx script.")


if __name__ == "__main__":
    main()
