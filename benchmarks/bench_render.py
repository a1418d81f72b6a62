"""How much does coordgraph add to Graphviz when it draws an organigram?

Compares, for the example country (or ``--data DIR``), the wall time of

  A. ``coordgraph render --data DIR -o FILE.svg``  (the whole command), with
  B. Python importing the package the command runs (click, the CLI, pydot
     and the renderer) followed by ``dot -Tsvg`` on the very DOT text
     coordgraph builds: the floor, what any render must pay before doing
     its own work (load, check, build the DOT, finish the SVG, write);
  B0. ``python -c "import coordgraph"`` (lazy: imports almost nothing)
     followed by the same ``dot``: the bare floor, shown for comparison.

Runs alternate (A, B, A, B...) so that a busy machine slows both alike, after
one warm-up run of each that also writes the bytecode caches. Prints the
median and fastest time of each and the ratio of the medians; the target is
A within 1.3 times B.

    python benchmarks/bench_render.py [--data DIR | --synthetic NODES] [--runs N]
                                      [--format svg|png|pdf]

``--synthetic NODES`` draws a generated country of about that many nodes
instead (structures of ten platforms under one apex, ten officers each with a
seat and an alternate seat elsewhere), to see how the ratio moves with size.
"""

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.3


# What `coordgraph render` imports before it does any work of its own.
IMPORTS = ("import coordgraph.cli, coordgraph.loading, coordgraph.analysis, "
           "coordgraph.rendering.building, coordgraph.rendering.svg, "
           "coordgraph.rendering.running, coordgraph.writing")

# One fresh process that times each stage of the command the way it runs.
STAGES = """
import sys, time
marks = [("start", time.perf_counter())]
import coordgraph.cli
marks.append(("start-up: click and the command modules", time.perf_counter()))
import coordgraph
graph = coordgraph.load(sys.argv[1])
marks.append(("load and validate the CSV files", time.perf_counter()))
findings = coordgraph.check(graph)
marks.append(("check (the marks on the drawing)", time.perf_counter()))
from coordgraph import writing
from coordgraph.rendering import building, running, svg
marks.append(("import pydot and the renderer", time.perf_counter()))
drawing = building.build(graph, findings=findings)
marks.append(("build the DOT", time.perf_counter()))
result = running.run_dot(drawing.dot, sys.argv[2], timeout=600)
marks.append(("dot (Graphviz)", time.perf_counter()))
data = svg.finish(result.output, drawing) if sys.argv[2] == "svg" else result.output
marks.append(("finish the SVG", time.perf_counter()))
writing.write_atomic(sys.argv[3], data)
marks.append(("write the file", time.perf_counter()))
for (_, before), (name, after) in zip(marks, marks[1:]):
    print(f"    {name:42s} {1000 * (after - before):7.1f} ms")
"""


def timed(commands, env) -> float:
    start = time.perf_counter()
    for command in commands:
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def synthetic(folder: Path, size: int) -> Path:
    """Write a generated context of about ``size`` nodes into ``folder``."""
    structures = max(1, size // 20)
    nodes = [("apex", "platform", "Humanitarian Country Team", "National")]
    edges = []
    for s in range(structures):
        nodes.append((f"s{s}", "platform", f"Hub {s} coordination group", f"Hub {s}"))
        edges.append((f"s{s}", "apex", "escalation", ""))
        for c in range(9):
            nodes.append((f"s{s}c{c}", "platform", f"Hub {s} cluster {c}", f"Hub {s}"))
            edges.append((f"s{s}c{c}", f"s{s}", "escalation", ""))
        for r in range(10):
            nodes.append((f"s{s}r{r}", "role", f"Hub {s} officer {r}", ""))
            edges.append((f"s{s}r{r}", f"s{s}c{r % 9}", "membership", "member"))
            edges.append((f"s{s}r{r}", f"s{(s + 1) % structures}c{(r + 3) % 9}",
                          "membership", "alternate"))
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "nodes.csv", "w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([("id", "kind", "label", "structure"), *nodes])
    with open(folder / "edges.csv", "w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([("source", "target", "relation", "capacity"), *edges])
    return folder


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT / "examples" / "nortavia"))
    parser.add_argument("--synthetic", type=int, metavar="NODES")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--format", default="svg", choices=("svg", "png", "pdf"))
    args = parser.parse_args(argv)

    dot = shutil.which("dot")
    if dot is None:
        sys.exit("Graphviz's dot is not on PATH: nothing to compare with")
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)   # users run with bytecode caches
    python = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        if args.synthetic:
            args.data = str(synthetic(Path(folder) / "synthetic", args.synthetic))
        dot_file = Path(folder) / "drawing.dot"
        out = Path(folder) / f"drawing.{args.format}"
        subprocess.run([python, "-m", "coordgraph", "render", "--data", args.data,
                        "-o", str(dot_file)], check=True, env=env, stderr=subprocess.DEVNULL)
        ours = [[python, "-m", "coordgraph", "render", "--data", args.data, "-o", str(out)]]
        run_dot = [dot, f"-T{args.format}", str(dot_file), "-o", str(out) + ".floor"]
        floor = [[python, "-c", IMPORTS], run_dot]
        bare = [[python, "-c", "import coordgraph"], run_dot]
        timed(ours, env)
        timed(floor, env)
        timed(bare, env)
        stages = subprocess.run([python, "-c", STAGES, args.data, args.format, str(out)],
                                check=True, env=env, capture_output=True, text=True).stdout
        a, b, b0 = [], [], []
        for _ in range(args.runs):
            a.append(timed(ours, env))
            b.append(timed(floor, env))
            b0.append(timed(bare, env))
        with open(Path(args.data) / "nodes.csv", encoding="utf-8-sig") as rows:
            nodes = sum(1 for _ in rows) - 1
    ratio = statistics.median(a) / statistics.median(b)
    where = f"synthetic, {nodes} nodes" if args.synthetic else f"{args.data}, {nodes} nodes"
    print(f"data: {where}; format {args.format}; {args.runs} runs each")
    print(f"  coordgraph render          median {statistics.median(a):.3f} s, "
          f"fastest {min(a):.3f} s")
    print(f"  B:  package imports + dot  median {statistics.median(b):.3f} s, "
          f"fastest {min(b):.3f} s")
    print(f"  B0: import coordgraph + dot median {statistics.median(b0):.3f} s, "
          f"fastest {min(b0):.3f} s")
    print(f"  ratio A/B of medians {ratio:.2f} (target at most {TARGET}): "
          + ("met" if ratio <= TARGET else "NOT met"))
    print(f"  ratio A/B0 of medians {statistics.median(a) / statistics.median(b0):.2f}")
    print("  where coordgraph render's time goes (one run):")
    print(stages, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
