"""The command group loads each command's module only when it is used.

`coordgraph --help` lists the commands from summaries kept in
``coordgraph.cli.COMMANDS``; these must say exactly what the commands' own
help says, and a command must not import what only the others need.
"""

import shutil
import subprocess
import sys

import click
import pytest

from coordgraph.cli import COMMANDS, LazyCommands, cli


def plain_group() -> click.Group:
    """The same group with every command loaded: what --help showed before."""
    group = click.Group(cli.name, help=cli.help, params=cli.params,
                        context_settings=cli.context_settings)
    for name in COMMANDS:
        group.add_command(cli.commands[name], name)
    return group


@pytest.mark.parametrize("width", [40, 60, 80, 100, 140])
def test_help_lists_the_commands_as_if_they_were_all_loaded(runner, width):
    lazy = runner.invoke(cli, ["--help"], terminal_width=width)
    plain = runner.invoke(plain_group(), ["--help"], terminal_width=width)
    assert lazy.exit_code == 0
    assert "Commands:" in lazy.output and "render " in lazy.output
    assert lazy.output == plain.output


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_summary_is_the_first_paragraph_of_the_commands_help(name):
    command = cli.commands[name]
    assert command.name == name
    assert COMMANDS[name][2] == " ".join(command.help.partition("\n\n")[0].split())


def test_the_commands_mapping_acts_as_a_dict():
    commands = LazyCommands({"render": COMMANDS["render"], "check": COMMANDS["check"]})
    assert list(commands) == ["render", "check"] and len(commands) == 2
    assert "render" in commands and "brief" not in commands
    assert commands.get("brief") is None
    assert commands["render"].name == "render"
    extra = click.Command("extra")
    commands["extra"] = extra
    assert list(commands) == ["render", "check", "extra"] and commands["extra"] is extra
    del commands["check"]
    assert list(commands) == ["render", "extra"]
    with pytest.raises(KeyError):
        del commands["check"]


def test_an_unknown_command_is_a_usage_error(runner):
    result = runner.invoke(cli, ["rendr"])
    assert result.exit_code == 2
    assert "No such command 'rendr'" in result.output


def imported_after(*args: str, cwd=None) -> set[str]:
    """The modules a fresh Python has imported after running ``coordgraph ARGS``."""
    code = ("import sys\nfrom coordgraph.cli import cli\n"
            "try:\n    cli(sys.argv[1:], prog_name='coordgraph')\n"
            "except SystemExit:\n    pass\n"
            "print(' '.join(sys.modules), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                            text=True, check=True, cwd=cwd)
    return set(result.stderr.split())


def test_help_imports_no_command_module():
    modules = imported_after("--help")
    assert "coordgraph.cli.terminal" in modules      # the measure works
    assert not {f"coordgraph.cli.{module}" for module, _, _ in COMMANDS.values()} & modules
    assert not {"networkx", "pydot", "coordgraph.loading"} & modules


def test_check_imports_neither_the_renderer_nor_the_other_commands():
    modules = imported_after("check")
    assert "coordgraph.cli.checking" in modules      # the command ran
    assert not {"coordgraph.cli.rendering", "coordgraph.cli.briefing",
                "coordgraph.cli.portfolio", "coordgraph.rendering", "coordgraph.briefing",
                "networkx", "pydot"} & modules


#: Standard modules render does not need for an SVG (JSON reports, did-you-mean,
#: mkstemp, a SHA-256 table): each costs start-up if imported at a module's top.
NOT_FOR_AN_SVG = {"json", "difflib", "tempfile", "hashlib"}


def test_render_to_svg_imports_no_module_it_does_not_use(tmp_path):
    # --output: click itself imports difflib to parse a short option such as -o
    modules = imported_after("render", "--output", str(tmp_path / "x.svg"))
    assert (tmp_path / "x.svg").is_file()            # the command ran
    assert not NOT_FOR_AN_SVG & modules


def test_render_with_a_short_option_does_not_import_difflib(tmp_path):
    # click tries -o as a long option first; its discarded error used difflib
    modules = imported_after("render", "-o", str(tmp_path / "x.svg"))
    assert (tmp_path / "x.svg").is_file()
    assert "difflib" not in modules


@pytest.mark.parametrize("args", [
    ["-o", "x.svg"], ["-ox.svg"], ["-o=x.svg"], ["--output", "x.svg"], ["--output=x.svg"],
    ["-o"], ["-x"], ["-ox", "-h"], ["--outptu", "x"], ["--output"], ["-", "x"], ["--", "-o"],
    ["-o", "--view"], ["--view", "platforms", "-o", "a.svg", "extra"], ["-Tsvg"],
])
def test_short_options_parse_as_click_parses_them(args):
    command = cli.commands["render"]

    def parse(make_parser):
        # The group's settings: click caches the help option the first context
        # asks for on the (shared) command, and -h must stay in its --help.
        ctx = click.Context(command, info_name="render", **cli.context_settings)
        try:
            opts, largs, order = make_parser(command, ctx).parse_args(list(args))
        except click.UsageError as error:
            return type(error).__name__, error.format_message()
        return opts, largs, [p.name for p in order]

    assert parse(type(command).make_parser) == parse(click.Command.make_parser)


def test_render_to_html_imports_neither_json_nor_hashlib(tmp_path):
    modules = imported_after("render", "--output", str(tmp_path / "x.html"))
    assert (tmp_path / "x.html").is_file()
    assert "coordgraph.rendering.html" in modules    # the page was made
    assert not {"json", "hashlib", "importlib.resources", "tempfile"} & modules


def test_tomllib_is_imported_only_for_a_context_file_beyond_plain_settings(tmp_path):
    import shutil

    from coordgraph import bundled_path

    folder = tmp_path / "country"
    folder.mkdir()
    for name in ("nodes.csv", "edges.csv"):
        shutil.copy(bundled_path() / name, folder / name)
    modules = imported_after("render", "--data", str(folder), "--output",
                             str(tmp_path / "x.svg"))
    assert (tmp_path / "x.svg").is_file()
    assert "tomllib" not in modules   # no context.toml
    # The bundled context.toml holds plain settings only.
    assert "tomllib" not in imported_after("render", "--output", str(tmp_path / "y.svg"))
    (folder / "context.toml").write_text('name = "Tab\\there"\n', encoding="utf-8")
    assert "tomllib" in imported_after("render", "--data", str(folder), "--output",
                                       str(tmp_path / "z.svg"))


#: pathlib imports urllib.parse and ipaddress (and importlib.resources imports
#: pathlib): about 5 % of a small render's instructions, for nothing.
PATHLIB = {"pathlib", "urllib.parse", "ipaddress", "importlib.resources"}


@pytest.mark.parametrize("args", [
    ("render", "-o", "x.svg"),
    ("render", "--data", "country", "-o", "out//x.svg"),
    ("render", "-o", "x.html"),
    ("render", "--data", "country/", "-o", "x.dot"),
    ("render", "-o", "x.png"),
    ("render", "-o", "x.pdf"),
    ("render",),                                       # output/organigram.svg
    ("render", "--data", "humanitarian", "-o", "x.svg"),   # a template
    ("check",),
    ("check", "--format", "json"),
    ("check", "--data", "country"),
    ("check", "--data", "./country/", "--format", "json"),
    ("check", "--data", "refugee"),   # context_type: the reference and the templates read
])
def test_render_and_check_do_not_import_pathlib(tmp_path, args):
    from coordgraph import bundled_path

    shutil.copytree(bundled_path(), tmp_path / "country")
    modules = imported_after(*args, cwd=tmp_path)
    assert "coordgraph.loading" in modules            # the command ran
    if args[0] == "render":
        written = args[args.index("-o") + 1] if "-o" in args else "output/organigram.svg"
        assert (tmp_path / written).is_file()
    assert not PATHLIB & modules


def test_the_pathlib_measure_sees_it(tmp_path):
    # export still uses Path: the test above would see it too.
    assert PATHLIB & imported_after("export", "-o", str(tmp_path / "x.json"))
