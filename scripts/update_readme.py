"""Regenerate the README's command reference from ``--help``.

Run ``make readme`` after changing a command; ``tests/test_readme.py`` fails
when the README and ``--help`` disagree.
"""

import re
import sys
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BEGIN, END = "<!-- BEGIN command-reference -->", "<!-- END command-reference -->"


def command_reference() -> str:
    from coordgraph.cli import cli

    runner = CliRunner()
    parts = []
    names = ["", *sorted(cli.commands)]
    for name in names:
        args = [name, "--help"] if name else ["--help"]
        result = runner.invoke(cli, args, prog_name="coordgraph", terminal_width=100)
        title = f"coordgraph {name}".strip()
        parts.append(f"### `{title}`\n\n```\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


def updated(text: str) -> str:
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        raise SystemExit(f"README.md has no {BEGIN} ... {END} block")
    return pattern.sub(lambda _: f"{BEGIN}\n{command_reference()}\n{END}", text)


def main():
    text = README.read_text(encoding="utf-8")
    new = updated(text)
    if new != text:
        README.write_text(new, encoding="utf-8")
        print("README.md: command reference updated", file=sys.stderr)


if __name__ == "__main__":
    main()
