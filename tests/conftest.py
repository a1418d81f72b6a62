"""Shared fixtures: a context folder written from rows, a CLI runner, and
headless Chromium for the browser tests."""

import csv

import pytest
from click.testing import CliRunner

from browser import find_chromium, launch

_REQUIRED = {"nodes.csv": ("id", "kind", "label"), "edges.csv": ("source", "target", "relation")}


@pytest.fixture
def write_context(tmp_path):
    """Write ``nodes.csv``, ``edges.csv`` (and ``context.toml``) from row dicts.

    ``write_context(nodes, edges, context=None, name="context")`` returns the
    folder. Columns are the required ones, then every key the rows use.
    """
    def write(nodes, edges, context=None, name="context"):
        folder = tmp_path / name
        folder.mkdir()
        for file, rows in (("nodes.csv", nodes), ("edges.csv", edges)):
            header = list(dict.fromkeys([*_REQUIRED[file], *(k for row in rows for k in row)]))
            with open(folder / file, "w", newline="", encoding="utf-8") as out:
                writer = csv.DictWriter(out, header)
                writer.writeheader()
                writer.writerows(rows)
        if context is not None:
            (folder / "context.toml").write_text(context, encoding="utf-8")
        return folder

    return write


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium, one per test module (see tests/browser.py)."""
    sync_api = pytest.importorskip(
        "playwright.sync_api",
        reason="Playwright for Python is not installed (pip install -e '.[test]')")
    executable, why = find_chromium()
    if executable is None:
        pytest.skip(why)
    with sync_api.sync_playwright() as playwright:
        chromium = launch(playwright, executable)
        yield chromium
        chromium.close()
