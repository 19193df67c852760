"""Terminal and pipes: article text is never read as Rich markup, a reader that stops
early ends the command quietly, a failed write is one line on stderr and exit 2."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from terminal import caucasus_script, run_in_pty, user_env
from typer.testing import CliRunner

from caucasus_cli.cli import app
from caucasus_cli.index.sync import sync_index

# A wire report whose headline and quote hold what Rich would take for markup tags.
MARKUP_ARTICLE = """\
Talks on [Armenia] border [/] stalled, minister says [sic] [bold]

Nov.25

    By Trend

BAKU, Azerbaijan, Nov.25

Azerbaijan's Foreign Minister Jeyhun Bayramov spoke to reporters in Baku on Wednesday \
about the border commission.

"The commission [sic] has met twice [/] and the [Armenia] side has not answered," \
Bayramov said.

He added that the next round would be held in December.
"""
HEADLINE = "Talks on [Armenia] border [/] stalled, minister says [sic] [bold]"
QUOTED = "The commission [sic] has met twice [/] and the [Armenia] side has not answered"


@pytest.fixture(scope="module")
def markup_index(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("markup")
    (root / "articles").mkdir()
    (root / "articles" / "border-talks.txt").write_text(MARKUP_ARTICLE, encoding="utf-8")
    sync_index(root / "index", [root / "articles"])
    return root / "index"


@pytest.fixture
def run(markup_index):
    runner = CliRunner()

    def invoke(*args: str):
        env = {"CAUCASUS_INDEX": str(markup_index), "NO_COLOR": "1", "COLUMNS": "200"}
        return runner.invoke(app, list(args), env=env)

    return invoke


def _squeezed(text: str) -> str:
    """Table cells wrap: join the words of every line to compare phrases."""
    return " ".join(text.replace("│", " ").replace("┃", " ").split())


@pytest.mark.parametrize(
    "args",
    [
        ("search", "commission", "-f", "table"),
        ("show", "border-talks", "-f", "table"),
        ("quotes", "-f", "table"),
        ("check", QUOTED, "-f", "table"),
    ],
)
def test_brackets_in_article_text_are_printed_as_written(run, args):
    result = run(*args)
    assert result.exit_code == 0, result.output
    shown = _squeezed(result.stdout)
    assert "[sic]" in shown and "[/]" in shown and "[Armenia]" in shown
    if args[0] == "show":  # the panel title is one line
        assert HEADLINE in shown
    if args[0] == "search":  # the title cell wraps beside the snippet
        assert "[bold]" in shown


def test_a_file_of_claims_keeps_brackets_in_the_verdict_table(run, tmp_path):
    claims = tmp_path / "claims.txt"
    claims.write_text(QUOTED + "\n", encoding="utf-8")
    result = run("check", "--file", str(claims), "-f", "table")
    assert result.exit_code == 0, result.output
    assert "[sic]" in _squeezed(result.stdout) and "[Armenia]" in _squeezed(result.stdout)


def _caucasus() -> str:
    return caucasus_script()


def _env(index: Path, **extra: str) -> dict[str, str]:
    return user_env(index, **extra)


@pytest.mark.parametrize(
    "args",
    [["search", "commission"], ["show", "border-talks"], ["quotes"], ["check", QUOTED]],
)
def test_on_a_real_terminal_brackets_are_text_not_styles(markup_index, args):
    code, screen = run_in_pty(args, _env(markup_index, CAUCASUS_PAGER="cat"))
    assert code == 0, screen
    assert "Traceback" not in screen and "MarkupError" not in screen
    shown = _squeezed(screen.replace("\r", ""))
    assert "[sic]" in shown and "[/]" in shown and "[Armenia]" in shown
    if args[0] in ("search", "show"):
        # `[bold]` is printed, not applied: no bold starts right after it
        assert "[bold]" in shown


def test_a_reader_that_closes_early_ends_the_command_quietly(markup_index, seed_index):
    """`caucasus … | head`: the results were wanted and written, the exit code says so."""
    for index, args in [
        (seed_index, ["quotes", "--kind", "all"]),
        (seed_index, ["search", "peace", "--format", "jsonl"]),
        (markup_index, ["show", "border-talks", "--format", "table"]),
    ]:
        with subprocess.Popen(
            [_caucasus(), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=_env(index),
        ) as process:  # fmt: skip
            process.stdout.close()  # before the command has written anything
            stderr = process.stderr.read().decode()
            assert process.wait(timeout=60) == 0, stderr
        assert stderr == ""


def test_head_reads_one_line_and_the_pipeline_succeeds(seed_index):
    if shutil.which("head") is None:
        pytest.skip("no head(1)")
    shell = f"{_caucasus()} quotes --kind all --format jsonl | head -n 1; exit ${{PIPESTATUS[0]}}"
    result = subprocess.run(
        ["bash", "-c", shell], capture_output=True, text=True, env=_env(seed_index), timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"]
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize(
    "args",
    [["quotes", "--format", "jsonl"], ["quotes", "--format", "table"], ["show", "001"]],
)
def test_a_full_disk_is_one_line_on_stderr_and_exit_2(seed_index, args):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [_caucasus(), *args], stdout=full, stderr=subprocess.PIPE, text=True,
            env=_env(seed_index), timeout=60,
        )  # fmt: skip
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert errors == ["caucasus: error: cannot write the results: No space left on device"]
    assert "Traceback" not in result.stderr


def test_closed_stdout_and_closed_stdin_are_errors_not_tracebacks(seed_index):
    closed_stdout = subprocess.run(
        ["bash", "-c", f"{_caucasus()} quotes >&-"], capture_output=True, text=True,
        env=_env(seed_index), timeout=60,
    )  # fmt: skip
    assert closed_stdout.returncode == 2
    assert "cannot write the results" in closed_stdout.stderr
    assert "Traceback" not in closed_stdout.stderr

    closed_stdin = subprocess.run(
        ["bash", "-c", f"{_caucasus()} check - <&-"], capture_output=True, text=True,
        env=_env(seed_index), timeout=60,
    )  # fmt: skip
    assert closed_stdin.returncode == 2
    assert "standard input is closed" in closed_stdin.stderr
    assert "Traceback" not in closed_stdin.stderr
