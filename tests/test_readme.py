"""The README and the manual in docs/: generated blocks current, links whole, words plain."""

import doctest
import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Manual pages written on other branches, linked from the README's index
# before they land here: a link to one of these may point nowhere until the
# file exists (then it is checked like any other). The one place to edit.
PENDING_PAGES: frozenset = frozenset()

# Words of the project's own process that a reader cannot follow.
PROCESS_WORDS = re.compile(r"\bissue \d+|\bSPEC\b|§|pitfalls? notes?|review fix", re.I)

LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.S | re.M)
CODE_SPAN = re.compile(r"`[^`\n]*`")


def _updater():
    spec = importlib.util.spec_from_file_location("update_readme",
                                                  ROOT / "scripts" / "update_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


UPDATER = _updater()
PAGES = UPDATER.pages()


def _name(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


def _text(page: Path) -> str:
    return page.read_text(encoding="utf-8")


def relative_links(text: str) -> list[str]:
    """The relative link targets of a Markdown page, outside code, without #anchors.

    >>> relative_links("[a](b.md#x) [c](https://e.org) [d](#top) ![p](i.png)\\n"
    ...                "`[no](code.md)`\\n```\\n[no](fenced.md)\\n```\\n")
    ['b.md', 'i.png']
    """
    text = CODE_SPAN.sub("", FENCE.sub("", text))
    targets = []
    for target in LINK.findall(text):
        if re.match(r"[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("#"):
            continue
        targets.append(target.split("#", 1)[0])
    return targets


def broken_links(page: Path, root: Path = ROOT) -> list[str]:
    """Relative links of ``page`` that point to no file or folder (pending pages excepted)."""
    broken = []
    for target in relative_links(_text(page)):
        path = (page.parent / target).resolve()
        try:
            name = path.relative_to(root).as_posix()
        except ValueError:
            name = str(path)
        if not path.exists() and name not in PENDING_PAGES:
            broken.append(target)
    return broken


# ---------------------------------------------------------------- generated blocks

def test_the_pages_are_readme_and_every_docs_page():
    names = [_name(p) for p in PAGES]
    assert names[0] == "README.md"
    for page in ("checking", "drawing", "adapting", "exporting", "data-format", "python-api",
                 "architecture", "benchmarks", "portfolio", "reference"):
        assert f"docs/{page}.md" in names


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_page_is_up_to_date(page):
    text = _text(page)
    assert UPDATER.updated(text, page) == text, f"{_name(page)} is stale: run `make readme`"


def test_a_stale_output_block_is_regenerated():
    stale = "<!-- BEGIN output: validate -->\nold text\n<!-- END output -->\n"
    new = UPDATER.updated(stale)
    assert "old text" not in new and "$ coordgraph validate\n" in new


def test_updater_doctests():
    assert doctest.testmod(UPDATER).failed == 0


def test_reference_documents_every_command():
    from coordgraph.cli import cli

    text = _text(ROOT / "docs" / "reference.md")
    assert "<!-- BEGIN command-reference -->" in text
    for name in cli.commands:
        assert f"### `coordgraph {name}`" in text, name


def test_architecture_lists_every_module():
    text = _text(ROOT / "docs" / "architecture.md")
    modules = sorted((ROOT / "coordgraph").rglob("*.py"))
    assert len(modules) > 40
    for module in modules:
        name = _name(module)
        assert f"[`{name}`]" in text, f"{name} is not in docs/architecture.md: run `make readme`"


def test_module_list_refuses_a_module_without_docstring(tmp_path, monkeypatch):
    package = tmp_path / "coordgraph"
    package.mkdir()
    (package / "fine.py").write_text('"""Does one thing."""\n')
    (package / "silent.py").write_text("x = 1\n")
    monkeypatch.setattr(UPDATER, "ROOT", tmp_path)
    monkeypatch.setattr(UPDATER, "PACKAGE", package)
    with pytest.raises(SystemExit, match="silent.py has no docstring"):
        UPDATER.module_list(tmp_path / "docs" / "architecture.md")


def test_python_api_examples_run(monkeypatch):
    monkeypatch.chdir(ROOT)        # the examples name folders of the repository
    text = _text(ROOT / "docs" / "python-api.md")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert blocks
    test = doctest.DocTestParser().get_doctest("\n".join(blocks), {}, "python-api.md",
                                               "docs/python-api.md", 0)
    runner = doctest.DocTestRunner()
    runner.run(test)
    assert runner.failures == 0 and runner.tries >= 10


# ---------------------------------------------------------------- the front page

def test_readme_shows_the_two_setup_commands():
    text = _text(ROOT / "README.md")
    assert "make demo" in text and "make test" in text
    ci = (ROOT / ".ci/run").read_text()
    assert "make test" in ci


def test_readme_is_a_front_page():
    text = _text(ROOT / "README.md")
    assert len(text.splitlines()) <= 250
    assert re.search(r"!\[[^\]]+\]\(docs/[a-z-]+\.png\)", text), "a picture"


def test_readme_links_every_manual_page():
    linked = set(relative_links(_text(ROOT / "README.md")))
    pages = {_name(p) for p in PAGES[1:]} | PENDING_PAGES
    assert sorted(pages - linked) == []


def test_readme_tour_uses_real_commands():
    from coordgraph.cli import cli

    text = _text(ROOT / "README.md")
    tour = text[text.index("## A tour in ten commands"):]
    block = re.search(r"```sh\n(.*?)```", tour, re.S)[1]
    lines = block.splitlines()
    assert len(lines) == 10
    for line in lines:
        assert line.split()[1] in cli.commands, line


# ---------------------------------------------------------------- plain words, whole links

@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_no_process_words(page):
    found = [m[0] for m in PROCESS_WORDS.finditer(_text(page))]
    assert found == [], f"{_name(page)} speaks of the project's process: {found}"


def test_process_words_are_found():
    for text in ("see issue 5", "as SPEC §6 says", "the pitfalls notes", "Review fixes"):
        assert PROCESS_WORDS.search(text), text
    assert not PROCESS_WORDS.search("a specific issue of the spectrum")


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_relative_links_resolve(page):
    assert broken_links(page) == []


def test_a_broken_link_is_reported(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "there.md").write_text("x")
    page = tmp_path / "docs" / "page.md"
    page.write_text("[ok](there.md) [up](../docs/there.md#a) [gone](missing.md)")
    assert broken_links(page, tmp_path) == ["missing.md"]
