"""Regenerate the generated blocks of README.md and docs/*.md, so they cannot drift.

Three kinds of block, in any of those pages:

* ``<!-- BEGIN command-reference -->`` ... ``<!-- END command-reference -->``:
  the ``--help`` of every command;
* ``<!-- BEGIN output: check --format json -->`` ... ``<!-- END output -->``:
  a command run in-process from the repository root, shown with its output
  and exit code;
* ``<!-- BEGIN modules -->`` ... ``<!-- END modules -->``: one line per
  module of the package, the first paragraph of its docstring, linked to its
  source (relative to the page).

Run ``make readme`` after changing a command or a module's docstring;
``tests/test_readme.py`` fails when a page is not what this script would
write.
"""

import ast
import os
import re
import shlex
import sys
from contextlib import chdir
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
PACKAGE = ROOT / "coordgraph"
REFERENCE = re.compile(r"(<!-- BEGIN command-reference -->\n).*?(<!-- END command-reference -->)",
                       re.S)
OUTPUT = re.compile(r"(<!-- BEGIN output: (.+?) -->\n).*?(<!-- END output -->)", re.S)
MODULES = re.compile(r"(<!-- BEGIN modules -->\n).*?(<!-- END modules -->)", re.S)


def pages() -> list[Path]:
    """The pages whose blocks this script keeps: README.md, then docs/*.md by name."""
    return [README, *sorted(DOCS.glob("*.md"))]


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


ROLE = re.compile(r":[a-z]+:`~?\.?([^`]+)`")     # :func:`check` -> `check`
SENTENCE_END = re.compile(r"(?<=[a-z)]\.)\s+(?=[A-Z])")


def summary(source: str) -> str:
    """The first sentence of a module's docstring, on one line, as Markdown.

    >>> summary('\"\"\"Read ``context.toml``\\n  files. More.\\n\\nDetails.\"\"\"')
    'Read `context.toml` files.'
    >>> summary('\"\"\"Run it, and :func:`.check` too.\"\"\"')
    'Run it, and `check` too.'
    """
    doc = ast.get_docstring(ast.parse(source)) or ""
    text = " ".join(doc.split("\n\n")[0].split())
    text = SENTENCE_END.split(text, maxsplit=1)[0]
    return ROLE.sub(r"`\1`", text.replace("``", "`"))


def modules() -> list[Path]:
    """Every module of the package, in path order (each package before its modules)."""
    return sorted(PACKAGE.rglob("*.py"), key=lambda p: (p.parent.parts, p.name != "__init__.py",
                                                         p.name))


def module_list(page: Path) -> str:
    """One Markdown line per module: its path, linked from ``page``, and its summary."""
    lines, folder = [], None
    for path in modules():
        text = summary(path.read_text(encoding="utf-8"))
        name = path.relative_to(ROOT).as_posix()
        if not text:
            raise SystemExit(f"{name} has no docstring: say in one sentence what it is for")
        if path.parent != folder:
            folder = path.parent
            lines.append(f"\n**`{folder.relative_to(ROOT).as_posix()}/`**\n")
        link = os.path.relpath(path, page.parent).replace(os.sep, "/")
        lines.append(f"- [`{name}`]({link}): {text}")
    return "\n".join(lines).lstrip("\n") + "\n"


def updated(text: str, page: Path = README) -> str:
    """``text`` (the content of ``page``) with every generated block regenerated."""
    text = REFERENCE.sub(lambda m: f"{m[1]}{command_reference()}\n{m[2]}", text)
    text = MODULES.sub(lambda m: f"{m[1]}{module_list(page)}{m[2]}", text)
    return OUTPUT.sub(lambda m: f"{m[1]}{command_output(m[2])}{m[3]}", text)


def main():
    os.environ.setdefault("COLUMNS", "100")
    for page in pages():
        text = page.read_text(encoding="utf-8")
        new = updated(text, page)
        if new != text:
            page.write_text(new, encoding="utf-8")
            print(f"{page.relative_to(ROOT)} updated", file=sys.stderr)


if __name__ == "__main__":
    main()
