"""Draw the manual's pictures with coordgraph itself, into docs/.

    python scripts/make_pictures.py

Renders the bundled generic framework and the illustrative example country
(examples/nortavia) as SVG and PNG. Rendering is deterministic: running this
again without changes to the data or the renderer changes no file.
(docs/compare.png and docs/compare.svg, the walk-through's `render --compare`,
come from `bash scripts/walkthrough.sh --pictures`.)
"""

import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import coordgraph  # noqa: E402
from coordgraph.writing import write_atomic  # noqa: E402

PICTURES = [
    # file stem, context folder (None: bundled), view, formats
    ("organigram", None, "organigram", ("svg", "png")),
    ("example-country", ROOT / "examples" / "nortavia", "organigram", ("svg", "png")),
    ("example-country-platforms", ROOT / "examples" / "nortavia", "platforms", ("svg",)),
]


def main():
    docs = ROOT / "docs"
    for stem, data, view, formats in PICTURES:
        graph = coordgraph.load(data)
        for fmt in formats:
            with warnings.catch_warnings():
                warnings.simplefilter("error")   # a picture for the README draws cleanly
                picture = coordgraph.render(graph, format=fmt, view=view)
            target = write_atomic(docs / f"{stem}.{fmt}", picture)
            print(f"{target.relative_to(ROOT)}: {len(picture) / 1024:.0f} KB")


if __name__ == "__main__":
    main()
