"""The README's generated blocks match what the commands print today."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _updater():
    spec = importlib.util.spec_from_file_location("update_readme",
                                                  ROOT / "scripts" / "update_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_is_up_to_date():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert _updater().updated(text) == text, "README.md is stale: run `make readme`"


def test_readme_documents_every_command():
    from coordgraph.cli import cli

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"### `coordgraph {name}`" in text


def test_readme_shows_the_two_setup_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in text and "make test" in text
    ci = (ROOT / ".ci/run").read_text()
    assert "make test" in ci
