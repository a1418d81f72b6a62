"""How much does coordgraph add to Graphviz when it draws an organigram?

Three measures, each side by side with its floor in one run (the runs of
each round alternate, A, B, A, B..., so that a busy machine slows both
alike, after one warm-up run of each that also writes the bytecode caches):

**render** (the default): for the bundled framework (or ``--data DIR``,
``--synthetic NODES``), the wall time of

  A. ``coordgraph render -o FILE.svg`` and ``-o FILE.html`` (the whole
     command, as users run it), with
  B. the floor: ``python -c "import pydot, click"`` followed by
     ``dot -Tsvg`` on the very DOT text coordgraph builds, what any Python
     tool drawing through pydot and click must pay;
  B1. Python importing the package the command runs (the CLI, the loader,
     the analyses, pydot and the renderer) followed by the same ``dot``:
     shown for comparison (coordgraph's own work above its imports).

The target is A within 1.3 times B, for SVG and HTML.

**--html-size**: the bytes of ``render --format html`` per node of the
drawing, for the example country and generated countries of about 300,
1,000 and 3,000 nodes: the page should grow linearly with the drawing.

**--instructions**: the same A and B (and ``--help``, ``check`` against their
floors) counted in instructions by valgrind's callgrind (children
included), which do not depend on what else the machine runs: the measure
to trust on a shared, busy machine.

**--startup**: ``coordgraph --help`` against ``python -c "import click"``
(target: under 80 ms), and ``coordgraph check`` of the bundled framework
against ``python -c "import networkx"`` (target: faster).

Prints the median and fastest time of each, the ratio of the medians and
the median of the ratios of each round's pair; the CPU time of each is shown
too (the machine's other work wanders less into it).

    python benchmarks/bench_render.py [--data DIR | --synthetic NODES] [--runs N]
                                      [--format svg|png|pdf|html ...]
    python benchmarks/bench_render.py --html-size [--sizes 300,1000,3000]
    python benchmarks/bench_render.py --startup [--runs N]
    python benchmarks/bench_render.py --instructions [--data DIR]

``--synthetic NODES`` draws a generated country of about that many nodes
instead (structures of ten platforms under one apex, ten officers each with a
seat and an alternate seat elsewhere), to see how the ratio moves with size.
"""

import argparse
import csv
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.3
HELP_TARGET = 0.080
SIZES = (300, 1000, 3000)

#: The floor of the issue: what any Python tool drawing with pydot and click pays.
FLOOR_IMPORTS = "import pydot, click"
#: What `coordgraph render` imports before it does any work of its own.
PACKAGE_IMPORTS = ("import coordgraph.cli, coordgraph.cli.rendering, coordgraph.loading, "
                   "coordgraph.analysis, coordgraph.rendering.building, "
                   "coordgraph.rendering.svg, coordgraph.rendering.running, "
                   "coordgraph.writing")

# One fresh process that times each stage of the command the way it runs.
STAGES = """
import sys, time
marks = [("start", time.perf_counter())]
import coordgraph.cli, coordgraph.cli.rendering
marks.append(("start-up: click and the render command", time.perf_counter()))
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


def timed(commands, env) -> tuple[float, float]:
    """Wall and CPU seconds of running ``commands`` one after the other."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    for command in commands:
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compare(cases: dict, runs: int, env) -> dict:
    """``{name: ([wall...], [cpu...])}`` of each case, the cases alternating."""
    for commands in cases.values():   # warm-up: bytecode caches, disk cache
        timed(commands, env)
    times: dict = {name: ([], []) for name in cases}
    for _ in range(runs):
        for name, commands in cases.items():
            wall, cpu = timed(commands, env)
            times[name][0].append(wall)
            times[name][1].append(cpu)
    return times


def show(times: dict, name: str, label: str) -> None:
    wall, cpu = times[name]
    print(f"  {label:38s} median {statistics.median(wall):.3f} s, fastest {min(wall):.3f} s, "
          f"CPU {statistics.median(cpu):.3f} s")


def ratios(times: dict, a: str, b: str) -> tuple[float, float]:
    """The ratio of the medians, and the median of the paired ratios."""
    of_medians = statistics.median(times[a][0]) / statistics.median(times[b][0])
    paired = statistics.median(x / y for x, y in zip(times[a][0], times[b][0], strict=True))
    return of_medians, paired


def coordgraph_command() -> list[str]:
    """The console script next to this Python (as users run it), else ``-m``."""
    script = shutil.which("coordgraph", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "coordgraph"]


def environment() -> dict:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)   # users run with bytecode caches
    return env


def count_nodes(folder) -> int:
    with open(Path(folder) / "nodes.csv", encoding="utf-8-sig") as rows:
        return sum(1 for _ in csv.reader(rows)) - 1


def render_benchmark(args, env) -> int:
    dot = shutil.which("dot")
    if dot is None:
        sys.exit("Graphviz's dot is not on PATH: nothing to compare with")
    python, coordgraph = sys.executable, coordgraph_command()
    with tempfile.TemporaryDirectory() as folder:
        if args.synthetic:
            args.data = str(synthetic(Path(folder) / "synthetic", args.synthetic))
        dot_file = Path(folder) / "drawing.dot"
        subprocess.run([*coordgraph, "render", "--data", args.data, "-o", str(dot_file)],
                       check=True, env=env, stderr=subprocess.DEVNULL)
        cases = {}
        for fmt in args.format:
            cases[fmt] = [[*coordgraph, "render", "--data", args.data,
                           "-o", str(Path(folder) / f"drawing.{fmt}")]]
        floor_format = {"html": "svg"}
        run_dot = {fmt: [dot, f"-T{floor_format.get(fmt, fmt)}", str(dot_file),
                         "-o", str(Path(folder) / f"floor.{fmt}")] for fmt in args.format}
        for fmt in dict.fromkeys(floor_format.get(f, f) for f in args.format):
            cases[f"floor {fmt}"] = [[python, "-c", FLOOR_IMPORTS], run_dot[fmt]]
            cases[f"package {fmt}"] = [[python, "-c", PACKAGE_IMPORTS], run_dot[fmt]]
        times = compare(cases, args.runs, env)
        stages = subprocess.run([python, "-c", STAGES, args.data, "svg",
                                 str(Path(folder) / "stages.svg")],
                                check=True, env=env, capture_output=True, text=True).stdout
        nodes = count_nodes(args.data)
    where = f"synthetic, {nodes} nodes" if args.synthetic else f"{args.data}, {nodes} nodes"
    print(f"render: {where}; {args.runs} runs each")
    met = True
    for fmt in args.format:
        floor = floor_format.get(fmt, fmt)
        show(times, fmt, f"A: coordgraph render -o x.{fmt}")
        show(times, f"floor {floor}", f"B: {FLOOR_IMPORTS} + dot -T{floor}")
        show(times, f"package {floor}", f"B1: package imports + dot -T{floor}")
        of_medians, paired = ratios(times, fmt, f"floor {floor}")
        met = met and of_medians <= TARGET
        print(f"  {fmt}: A/B {of_medians:.2f} (median of pairs {paired:.2f}; target at most "
              f"{TARGET}): " + ("met" if of_medians <= TARGET else "NOT met")
              + f"; A/B1 {ratios(times, fmt, f'package {floor}')[0]:.2f}")
    print("  where coordgraph render's time goes (one run, SVG):")
    print(stages, end="")
    return 0 if met else 1


def html_size_benchmark(args, env) -> int:
    coordgraph = coordgraph_command()
    print("render --format html: bytes of the page per node of the drawing")
    print(f"  {'context':28s} {'nodes':>6s} {'edges':>6s} {'page':>10s} {'per node':>10s}")
    with tempfile.TemporaryDirectory() as folder:
        contexts = [("example country", ROOT / "examples" / "nortavia")]
        contexts += [(f"synthetic {size}", synthetic(Path(folder) / f"s{size}", size))
                     for size in args.sizes]
        for name, data in contexts:
            out = Path(folder) / "page.html"
            subprocess.run([*coordgraph, "render", "--data", str(data), "-o", str(out),
                            "--timeout", "3600"], check=True, env=env,
                           stderr=subprocess.DEVNULL)
            size = out.stat().st_size
            nodes = count_nodes(data)
            with open(Path(data) / "edges.csv", encoding="utf-8-sig") as rows:
                edges = sum(1 for _ in csv.reader(rows)) - 1
            print(f"  {name:28s} {nodes:6d} {edges:6d} {size / 1024:8.0f} KB "
                  f"{size / 1024 / nodes:7.2f} KB")
    return 0


def startup_benchmark(args, env) -> int:
    python, coordgraph = sys.executable, coordgraph_command()
    data = str(ROOT / "data")
    cases = {
        "help": [[*coordgraph, "--help"]],
        "click": [[python, "-c", "import click"]],
        "check": [[*coordgraph, "check", "--data", data, "--fail-on", "never"]],
        "networkx": [[python, "-c", "import networkx"]],
    }
    times = compare(cases, args.runs, env)
    print(f"start-up: {args.runs} runs each")
    show(times, "help", "coordgraph --help")
    show(times, "click", 'python -c "import click"')
    help_median = statistics.median(times["help"][0])
    print(f"  --help: {1000 * help_median:.0f} ms (target under {1000 * HELP_TARGET:.0f} ms): "
          + ("met" if help_median < HELP_TARGET else "NOT met")
          + f"; against import click {ratios(times, 'help', 'click')[0]:.2f}")
    show(times, "check", "coordgraph check (bundled framework)")
    show(times, "networkx", 'python -c "import networkx"')
    of_medians, paired = ratios(times, "check", "networkx")
    print(f"  check against import networkx {of_medians:.2f} (median of pairs {paired:.2f}; "
          "target under 1): " + ("met" if of_medians < 1 else "NOT met"))
    return 0 if help_median < HELP_TARGET and of_medians < 1 else 1


def instructions(commands, env, folder) -> int:
    """Instructions run by ``commands`` one after the other, their children
    included (valgrind's callgrind, ``totals:`` of each process)."""
    total = 0
    for number, command in enumerate(commands):
        out = Path(folder) / f"cg.{number}"
        out.mkdir(parents=True)
        subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=yes",
                        f"--callgrind-out-file={out}/%p", *command], check=True, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for profile in out.iterdir():
            with open(profile, encoding="utf-8", errors="replace") as lines:
                total += sum(int(line.split()[1]) for line in lines
                             if line.startswith("totals:"))
    return total


def instructions_benchmark(args, env) -> int:
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not on PATH (Debian: apt-get install valgrind)")
    python, coordgraph, dot = sys.executable, coordgraph_command(), shutil.which("dot")
    if dot is None:
        sys.exit("Graphviz's dot is not on PATH: nothing to compare with")
    with tempfile.TemporaryDirectory() as folder:
        dot_file = Path(folder) / "drawing.dot"
        subprocess.run([*coordgraph, "render", "--data", args.data, "-o", str(dot_file)],
                       check=True, env=env, stderr=subprocess.DEVNULL)
        floor = [[python, "-c", FLOOR_IMPORTS], [dot, "-Tsvg", str(dot_file), "-o",
                                                 str(Path(folder) / "floor.svg")]]
        pairs = {f"render -o x.{fmt}": (
            [[*coordgraph, "render", "--data", args.data, "-o",
              str(Path(folder) / f"drawing.{fmt}")]], floor, "import pydot, click + dot -Tsvg",
            TARGET) for fmt in args.format}
        pairs["--help"] = ([[*coordgraph, "--help"]], [[python, "-c", "import click"]],
                           "import click", None)
        pairs["check (bundled framework)"] = (
            [[*coordgraph, "check", "--data", args.data, "--fail-on", "never"]],
            [[python, "-c", "import networkx"]], "import networkx", 1.0)
        print(f"instructions (valgrind callgrind, children included): {args.data}")
        met = True
        for name, (commands, floor_commands, floor_name, target) in pairs.items():
            for command in (*commands, *floor_commands):   # bytecode caches written
                subprocess.run(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
            a = instructions(commands, env, Path(folder) / "a")
            b = instructions(floor_commands, env, Path(folder) / "b")
            for used in ("a", "b"):
                shutil.rmtree(Path(folder) / used)
            verdict = ""
            if target is not None:
                ok = a / b <= target if target != 1.0 else a / b < target
                met = met and ok
                verdict = f" (target {'under' if target == 1.0 else 'at most'} {target}): " + (
                    "met" if ok else "NOT met")
            print(f"  {name:28s} {a / 1e6:8.1f} M   {floor_name:32s} {b / 1e6:8.1f} M   "
                  f"ratio {a / b:.3f}{verdict}")
    return 0 if met else 1


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
    parser.add_argument("--data", default=str(ROOT / "data"),
                        help="the context drawn (default: the bundled framework)")
    parser.add_argument("--synthetic", type=int, metavar="NODES",
                        help="draw a generated context of about NODES nodes instead")
    parser.add_argument("--runs", type=int, default=15, help="paired runs of each (15)")
    parser.add_argument("--format", nargs="+", default=["svg", "html"],
                        choices=("svg", "png", "pdf", "html"), help="formats drawn")
    parser.add_argument("--html-size", action="store_true",
                        help="bytes of the HTML page per node, at several sizes")
    parser.add_argument("--sizes", type=lambda text: [int(n) for n in text.split(",")],
                        default=list(SIZES), help="with --html-size: synthetic sizes")
    parser.add_argument("--startup", action="store_true",
                        help="coordgraph --help and check against their floors")
    parser.add_argument("--instructions", action="store_true",
                        help="count instructions with valgrind instead of timing")
    args = parser.parse_args(argv)
    env = environment()
    if args.instructions:
        return instructions_benchmark(args, env)
    if args.html_size:
        return html_size_benchmark(args, env)
    if args.startup:
        return startup_benchmark(args, env)
    return render_benchmark(args, env)


if __name__ == "__main__":
    sys.exit(main())
