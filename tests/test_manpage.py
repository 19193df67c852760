"""The man page: written from the commands' own help, committed, installed with the
package as share/man/man1/caucasus.1, and checked here so that CI fails while the
committed page is out of date."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import typer

from caucasus_cli.cli import app
from caucasus_cli.errors import ExitStatus
from caucasus_cli.render.manpage import ENVIRONMENT, MAN_PAGE, escape, render_manpage

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "caucasus_cli"


def test_the_committed_page_is_the_one_the_help_gives():
    assert MAN_PAGE.read_text(encoding="ascii") == render_manpage(), (
        "caucasus_cli/man/caucasus.1 is out of date: run python -m caucasus_cli.render.manpage"
    )


def test_every_command_and_option_is_in_the_page():
    page = render_manpage()
    group = typer.main.get_command(app)
    ctx = typer.Context(group, info_name="caucasus", **group.context_settings)
    for name in group.list_commands(ctx):
        assert f".SS {name}\n" in page
        command = group.get_command(ctx, name)
        for param in command.params:
            for option in getattr(param, "opts", []):
                if option.startswith("-"):
                    assert escape(option) in page, f"{name} {option}"
        if command.epilog:  # the examples, as --help shows them
            example = command.epilog.splitlines()[2].strip()
            assert escape(example) in page


def test_every_exit_code_is_explained():
    page = render_manpage()
    section = page.split(".SH EXIT STATUS\n")[1].split(".SH ")[0]
    for status in ExitStatus:
        assert f".TP\n\\fB{int(status)}\\fR\n" in section


def test_every_environment_variable_the_package_reads_is_in_the_page():
    source = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    read = set(re.findall(r"""(?:environ|env)\.get\(\s*["']([A-Z_]+)["']""", source))
    read |= set(re.findall(r"""^\s*(?:[A-Z_]+_ENV_VAR|[A-Z_]+_VAR) = ["']([A-Z_]+)["']""",
                           source, re.MULTILINE))  # fmt: skip
    read |= {"CAUCASUS_PAGER", "PAGER"}  # read in a loop over both names
    read.discard("_CAUCASUS_COMPLETE")  # the shell completion's own, not a user's
    assert read <= set(ENVIRONMENT), read - set(ENVIRONMENT)
    page = render_manpage()
    for variable in ENVIRONMENT:
        assert f"\\fB{escape(variable)}\\fR" in page


def test_the_package_installs_it_where_man_looks():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shared = config["tool"]["hatch"]["build"]["targets"]["wheel"]["shared-data"]
    assert shared[str(MAN_PAGE.relative_to(ROOT))] == "share/man/man1/caucasus.1"


@pytest.mark.skipif(shutil.which("groff") is None, reason="groff is not installed")
def test_groff_renders_it_without_warnings():
    result = subprocess.run(
        ["groff", "-man", "-Tutf8", "-ww", "-rLL=80n", str(MAN_PAGE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stderr == ""
    text = re.sub(r".\x08", "", result.stdout)  # overstrike bold
    assert "caucasus check [OPTIONS] [CLAIM]" in text
    assert "-f, --format <table|json|jsonl|csv|tsv|markdown|claimreview>" in text


@pytest.mark.skipif(shutil.which("man") is None, reason="man is not installed")
def test_man_reads_it():
    result = subprocess.run(
        ["man", "-l", str(MAN_PAGE)],
        capture_output=True,
        text=True,
        env={"MANWIDTH": "100", "MANPAGER": "cat", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Armenia–Azerbaijan" in result.stdout
    assert "EXIT STATUS" in result.stdout
