"""Draw docs/brief.png: the first page of a brief, as a reader sees it.

    python scripts/make_brief_picture.py [--data DIR] [--since OLD]

Writes the bundled framework's brief as PDF (through WeasyPrint), then turns
its first page into a PNG with poppler's ``pdftoppm`` (Debian's
``poppler-utils``).
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import coordgraph  # noqa: E402
from coordgraph.briefing import brief_files, make_brief  # noqa: E402
from coordgraph.rendering.png import with_resolution  # noqa: E402
from coordgraph.writing import write_atomic  # noqa: E402

DPI = 80


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="context folder [default: the bundled framework]")
    parser.add_argument("--since", help="older version to compare with")
    parser.add_argument("-o", "--output", default=str(ROOT / "docs" / "brief.png"))
    args = parser.parse_args(argv)
    graph = coordgraph.load(args.data)
    since = coordgraph.load(args.since) if args.since else None
    brief = make_brief(graph, since=since)
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "brief.pdf"
        [(_, data)] = brief_files(brief, "pdf", pdf)
        pdf.write_bytes(data)
        subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1",
                        "-singlefile", str(pdf), str(Path(folder) / "page")], check=True)
        png = (Path(folder) / "page.png").read_bytes()
    target = write_atomic(args.output, with_resolution(png, DPI))
    print(f"{target}: {len(png) / 1024:.0f} KB")


if __name__ == "__main__":
    main()
