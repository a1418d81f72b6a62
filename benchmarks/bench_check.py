"""Time `coordgraph validate` and `coordgraph check` end to end on synthetic contexts.

Generates contexts of about 30, 3,000, 30,000 and 300,000 nodes (many
countries, each with its HCT, inter-cluster group, clusters, sub-national
hubs and the UNCT side, and the roles that sit in them), then runs each
command as a subprocess, as a user would, and prints the best wall time of
a few runs.

    .venv/bin/python benchmarks/bench_check.py            # all sizes
    .venv/bin/python benchmarks/bench_check.py --sizes 30 3000
    .venv/bin/python benchmarks/bench_check.py --sizes 300000 --gc   # what gc.disable() saves

Target (issue 2): the 300,000-node context validated and checked in under
8 s each on a 2-core machine, with cost growing linearly.
"""

import argparse
import csv
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

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


def timed(args, repeat: int) -> tuple[float, float]:
    coordgraph = Path(sys.executable).with_name("coordgraph")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run([str(coordgraph), *args], capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode not in (0, 1):
            raise SystemExit(f"coordgraph {' '.join(args)} failed:\n{result.stderr[:2000]}")
    return min(times), statistics.median(times)


#: The command as main() runs it, and the same with the garbage collector left
#: on (gc.disable() made a no-op): both started the same way, so only that differs.
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[30, 3_000, 30_000, 300_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--gc", action="store_true",
                        help="time each command with the garbage collector off (as main() "
                             "runs it) and on, in paired runs")
    options = parser.parse_args()
    if options.gc:
        compare_gc(options.sizes, options.repeat)
        return
    print(f"{'nodes':>9} {'edges':>9} {'validate s':>16} {'check s':>16} {'check µs/node':>14}")
    print(f"{'':>9} {'':>9} {'best (median)':>16} {'best (median)':>16}")
    for size in options.sizes:
        folder = GENERATED / f"world-{size}"
        n, e = generate(size, folder)
        v, v_median = timed(["validate", "--data", str(folder)], options.repeat)
        c, c_median = timed(["check", "--data", str(folder), "--fail-on", "never"],
                            options.repeat)
        print(f"{n:>9,} {e:>9,} {v:>7.2f} ({v_median:>5.2f}) {c:>7.2f} ({c_median:>5.2f}) "
              f"{c / n * 1e6:>14.1f}", flush=True)
    print(f"\n{os.cpu_count()} cores; best and median of {options.repeat} runs, "
          "wall time of the whole command.")


if __name__ == "__main__":
    main()
