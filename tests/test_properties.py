"""Property: whatever text the cells hold (control, bidi, invisible, markup
characters...), the commands never crash, and every output keeps every node.

Drives the real CLI (in process) on files written to disk.
"""

import csv
import io
import json
import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, event, example, given, settings, strategies as st

from coordgraph.cli import cli

#: Characters that have broken text pipelines before: controls, bidi and
#: invisible marks, line separators, the edges of the surrogate block, the
#: non-characters, and the markup of every output format.
TRICKY = ("\x01\x07\x08\t\n\x0b\x0c\r\x1b\x1f\x7f\x80\x85\x9f\xa0\xad"
          "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068"
          "\u2069\u2028\u2029\u2060\ufeff\ud7ff\ue000\ufffd\ufffe\uffff\U0001f691\U0010ffff"
          "\u0301\u0627\u05d0"
          "\"',;|<>&{}[]()\\%#`*_=+-@:/!?$^~ ")
TEXT = st.text(alphabet=st.one_of(st.sampled_from(TRICKY),
                                  st.characters(exclude_categories=("Cs",))),
               max_size=12)
ID = st.from_regex(r"[A-Za-z][A-Za-z0-9_.-]{0,8}", fullmatch=True)
CAPACITY = st.sampled_from(["", "member", "co-lead", "lead", "alternate", "observer"])


@st.composite
def contexts(draw):
    """Rows of a context: platforms and roles with any text, and memberships."""
    ids = draw(st.lists(ID, min_size=1, max_size=6, unique_by=str.casefold))
    if draw(st.integers(0, 9)) == 0:       # now and then an id that is not an id
        ids[0] = draw(TEXT)
    kinds = [draw(st.sampled_from(["platform", "role"])) for _ in ids]
    nodes = [{"id": node_id, "kind": kind, "label": draw(TEXT) or "x",
              "label_fr": draw(TEXT), "org": draw(TEXT) if kind == "role" else "",
              "structure": draw(TEXT) if kind == "platform" else "",
              "description": draw(TEXT)}
             for node_id, kind in zip(ids, kinds, strict=True)]
    platforms = [i for i, k in zip(ids, kinds, strict=True) if k == "platform"]
    roles = [i for i, k in zip(ids, kinds, strict=True) if k == "role"]
    edges = []
    if platforms and roles:
        pairs = draw(st.lists(st.tuples(st.sampled_from(roles), st.sampled_from(platforms)),
                              max_size=6, unique=True))
        edges = [{"source": source, "target": target, "relation": "membership",
                  "capacity": draw(CAPACITY), "condition": draw(TEXT), "note": draw(TEXT)}
                 for source, target in pairs]
    return nodes, edges


def write(folder: Path, nodes, edges):
    for name, rows, header in (
            ("nodes.csv", nodes, ["id", "kind", "label", "label_fr", "org", "structure",
                                  "description"]),
            ("edges.csv", edges, ["source", "target", "relation", "capacity", "condition",
                                  "note"])):
        with open(folder / name, "w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, header)
            writer.writeheader()
            writer.writerows(rows)


def invoke(*args) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(cli, list(args), prog_name="coordgraph")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception             # a crash: Hypothesis shrinks it
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout_bytes, result.stderr


def node_counts(outputs: dict) -> dict:
    """The nodes in each output, counted the way its format writes them."""
    text = {name: data.decode("utf-8-sig") for name, data in outputs.items()}
    graphml = ET.fromstring(outputs["graphml"])
    gexf = ET.fromstring(outputs["gexf"])
    return {
        "dot": len(re.findall(r"(?m)^n\d+ \[", text["dot"])),
        "json": len(json.loads(text["json"])["nodes"]),
        "graphml": sum(1 for e in graphml.iter() if e.tag.endswith("}node")),
        "gexf": sum(1 for e in gexf.iter() if e.tag.endswith("}node")),
        "mermaid": len(re.findall(r"(?m)^\s*n\d+[\[(]", text["mermaid"])),
    }


@settings(max_examples=50, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(contexts(), TEXT)
@example(([{"id": "hct", "kind": "platform", "label": "HCT\u202e\x07", "label_fr": "",
            "org": "", "structure": "S\u2028x\x1b", "description": "\ufffe"},
           {"id": "com", "kind": "role", "label": "Chief\n\x0c", "label_fr": "\u200f",
            "org": "I\u2066OM", "structure": "", "description": ""}],
          [{"source": "com", "target": "hct", "relation": "membership",
            "capacity": "member", "condition": "if\x85 <b>&amp;\u2029", "note": ""}]),
         " \u00a0IOM\u200b")
def test_any_text_never_crashes_and_keeps_every_node(rows, org):
    nodes, edges = rows
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        write(folder, nodes, edges)
        data = ["--data", str(folder)]
        code, _, errors = invoke("validate", *data)
        event("valid" if code == 0 else "invalid")
        if code == 2:                       # invalid data: said so, with a rule code
            assert re.search(r"CG1\d\d", errors), errors
            return
        assert code == 0, errors
        assert invoke("check", *data, "--org", org)[0] in (0, 1)
        outputs = {"dot": invoke("render", *data, "--org", org, "--format", "dot", "-o", "-")}
        for fmt in ("json", "graphml", "gexf", "mermaid", "csv"):
            outputs[fmt] = invoke("export", *data, "--org", org, "--format", fmt)
        assert {name: code for name, (code, _, _) in outputs.items()} == dict.fromkeys(
            outputs, 0), {name: out[2] for name, out in outputs.items()}
        data_out = {name: out for name, (_, out, _) in outputs.items()}
        assert node_counts(data_out) == dict.fromkeys(
            ("dot", "json", "graphml", "gexf", "mermaid"), len(nodes))
        seat_table = list(csv.reader(io.StringIO(data_out["csv"].decode("utf-8-sig"),
                                                 newline="")))
        assert len(seat_table) - 1 == sum(1 for n in nodes if n["kind"] == "platform")
