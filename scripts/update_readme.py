"""Regenerate the README's generated blocks, so they cannot drift.

Two kinds of block:

* ``<!-- BEGIN command-reference -->`` ... ``<!-- END command-reference -->``:
  the ``--help`` of every command;
* ``<!-- BEGIN output: check --format json -->`` ... ``<!-- END output -->``:
  a command run in-process from the repository root, shown with its output
  and exit code.

Run ``make readme`` after changing a command; ``tests/test_readme.py`` fails
when the README is not what this script would write.
"""

import os
import re
import shlex
import sys
from contextlib import chdir
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
REFERENCE = re.compile(r"(<!-- BEGIN command-reference -->\n).*?(<!-- END command-reference -->)",
                       re.S)
OUTPUT = re.compile(r"(<!-- BEGIN output: (.+?) -->\n).*?(<!-- END output -->)", re.S)


def _run(args: list[str]):
    from coordgraph.cli import cli

    runner = CliRunner()
    with chdir(ROOT):
        return runner.invoke(cli, args, prog_name="coordgraph", terminal_width=100,
                             env={"COLUMNS": "100"})


def command_reference() -> str:
    from coordgraph.cli import cli

    parts = []
    for name in ["", *sorted(cli.commands)]:
        result = _run([name, "--help"] if name else ["--help"])
        title = f"coordgraph {name}".strip()
        parts.append(f"### `{title}`\n\n```\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


def command_output(command: str) -> str:
    result = _run(shlex.split(command))
    text = result.output.rstrip()
    status = f"\n# exit code {result.exit_code}" if result.exit_code else ""
    return f"```console\n$ coordgraph {command}\n{text}{status}\n```\n"


def updated(text: str) -> str:
    text = REFERENCE.sub(lambda m: f"{m[1]}{command_reference()}\n{m[2]}", text)
    return OUTPUT.sub(lambda m: f"{m[1]}{command_output(m[2])}{m[3]}", text)


def main():
    os.environ.setdefault("COLUMNS", "100")
    text = README.read_text(encoding="utf-8")
    new = updated(text)
    if new != text:
        README.write_text(new, encoding="utf-8")
        print("README.md updated", file=sys.stderr)


if __name__ == "__main__":
    main()
