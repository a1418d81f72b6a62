"""Does work grow in proportion to the input where it used to explode?

Times, in this process, four cases that were quadratic or unbounded:

  1. the HTML page of a deep escalation chain (``--chain N`` platforms) and
     its SVG: sizes, seconds, and the page's size over the SVG's;
  2. loading a context of 19,000 nodes with 1,000 misspelt edge references
     (every one gets a did-you-mean search);
  3. the SVG of a graph whose labels, structure and name are ``--label MB``
     megabytes long;
  4. refusing to draw a graph of ``--refuse N`` nodes (the size check runs
     before anything is built).

    python benchmarks/bench_scaling.py [--chain 3000] [--label 5] [--refuse 300000]
"""

import argparse
import time
import warnings

import coordgraph
from coordgraph.errors import DataError, UsageError

SECTORS = ["health", "shelter", "protection", "logistics", "education", "nutrition", "camp",
           "wash", "food", "telecom"]


def timed(action):
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def chain(length):
    return coordgraph.from_records(
        [{"id": f"p{i}", "kind": "platform", "label": f"Platform {i}"} for i in range(length)],
        [{"source": f"p{i + 1}", "target": f"p{i}", "relation": "escalation"}
         for i in range(length - 1)])


def misspellings():
    ids = [f"{SECTORS[i % 10]}_{SECTORS[i // 10 % 10]}_group_{i:05d}" for i in range(19_000)]
    known = set(ids)
    typos = [name[:k] + name[k + 1] + name[k] + name[k + 2:]
             for name, k in ((ids[i * 19], 3 + i % 20) for i in range(1000))]
    edges = [{"source": t, "target": ids[0], "relation": "escalation"}
             for t in typos if t not in known]
    try:
        coordgraph.from_records([{"id": i, "kind": "platform", "label": i} for i in ids], edges)
    except DataError as error:
        return len(edges), sum(p.hint.startswith("did you mean") for p in error.problems)
    raise AssertionError("the misspellings were accepted")


def huge_labels(megabytes):
    huge = "Huge label " * (megabytes * 1_000_000 // 11)
    return coordgraph.from_records(
        [{"id": "hct", "kind": "platform", "label": huge, "structure": huge},
         {"id": "iccg", "kind": "platform", "label": huge},
         {"id": "com", "kind": "role", "label": huge}],
        [{"source": "iccg", "target": "hct", "relation": "escalation"},
         {"source": "com", "target": "hct", "relation": "membership", "condition": huge}],
        context={"name": huge})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chain", type=int, default=3000)
    parser.add_argument("--label", type=int, default=5, metavar="MB")
    parser.add_argument("--refuse", type=int, default=300_000, metavar="NODES")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")

    graph = chain(args.chain)
    svg, svg_time = timed(lambda: coordgraph.render(graph, "svg"))
    page, page_time = timed(lambda: coordgraph.render(graph, "html"))
    print(f"1. chain of {args.chain:,}: SVG {len(svg) / 1e6:.1f} MB in {svg_time:.1f} s, "
          f"HTML {len(page) / 1e6:.1f} MB in {page_time:.1f} s "
          f"({len(page) / len(svg):.2f} × the SVG)")

    (typos, hinted), load_time = timed(misspellings)
    print(f"2. 19,000 nodes, {typos} misspelt references: {load_time:.1f} s, "
          f"{hinted} did-you-mean hints")

    graph = huge_labels(args.label)
    svg, svg_time = timed(lambda: coordgraph.render(graph, "svg"))
    print(f"3. labels of {args.label} MB: SVG {len(svg) / 1e3:.0f} KB in {svg_time:.1f} s")

    graph = coordgraph.from_records(
        [{"id": f"p{i}", "kind": "platform", "label": f"P{i}"} for i in range(args.refuse)], [])

    def refuse():
        try:
            coordgraph.render(graph, "svg", timeout=1)
        except UsageError as error:
            return str(error)
        raise AssertionError("the drawing was made")

    message, refuse_time = timed(refuse)
    print(f"4. {args.refuse:,} nodes refused in {refuse_time:.2f} s: {message[:60]}…")


if __name__ == "__main__":
    main()
