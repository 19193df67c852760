"""Snapshots of what people read on a terminal: tables and panels, without colour, 100
columns wide, drawn from the seed index by the real code.

The expected text is in tests/snapshots/NAME.txt. After a deliberate change to the
output, regenerate with `UPDATE_SNAPSHOTS=1 pytest tests/test_render.py` and read the
diff before committing it: a snapshot is only worth what its review was.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from caucasus_cli.cli import app
from caucasus_cli.index.store import CorpusIndex
from caucasus_cli.render import Format, Output
from caucasus_cli.render.articles import render_article
from caucasus_cli.render.quotes import render_quote_view
from caucasus_cli.search.quotes import quote_in_context
from caucasus_cli.search.show import find_article

CONFIRMED_CLAIM = "The Nagorno-Karabakh conflict is a thing of the past."
MISQUOTED_CLAIM = "Nagorno-Karabakh conflict is now a thing of the past"
SNAPSHOTS = Path(__file__).with_name("snapshots")
WIDTH = "100"
STDERR_MARK = "--- stderr ---\n"


def _compare(name: str, stdout: str, stderr: str = "") -> None:
    actual = stdout + (STDERR_MARK + stderr if stderr else "")
    path = SNAPSHOTS / f"{name}.txt"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    if not path.exists():
        pytest.fail(f"no snapshot {path.name}; create it with UPDATE_SNAPSHOTS=1 and review it")
    assert actual == path.read_text(encoding="utf-8")


@pytest.fixture
def cli(seed_index):
    runner = CliRunner()

    def invoke(*args: str) -> tuple[str, str]:
        env = {"CAUCASUS_INDEX": str(seed_index), "NO_COLOR": "1", "COLUMNS": WIDTH}
        result = runner.invoke(app, [*args, "--format", "table"], env=env)
        assert result.exit_code in (0, 1, 3), result.output
        return result.stdout, result.stderr

    return invoke


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("search_table", ("search", "peace agreement", "--limit", "3")),
        ("search_table_partial_date", ("search", "Bayramov", "--source", "Trend", "--limit", "1")),
        ("quotes_table", ("quotes", "--speaker", "Lavrov", "--kind", "all")),
        ("speakers_table", ("speakers",)),
        ("check_confirmed_panel", ("check", CONFIRMED_CLAIM)),
        ("check_misquoted_panel", ("check", MISQUOTED_CLAIM)),
        (
            "check_misattributed_panel",
            ("check", "We want a peaceful settlement of the conflict", "--speaker", "Aliyev"),
        ),
    ],
)  # fmt: skip
def test_terminal_views_match_their_snapshots(cli, name, args):
    _compare(name, *cli(*args))


def test_verdict_table_for_a_file_of_claims(cli, tmp_path):
    claims = tmp_path / "claims.txt"
    claims.write_text(
        f"{CONFIRMED_CLAIM}\n{MISQUOTED_CLAIM}\nEurovision is a song contest\n",
        encoding="utf-8",
    )
    _compare("check_file_table", *cli("check", "--file", str(claims)))


@pytest.fixture
def drawn(monkeypatch, capsys):
    """drawn(callable) -> (stdout, stderr) of a render function at the snapshot width."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", WIDTH)

    def draw(function) -> tuple[str, str]:
        capsys.readouterr()
        function()
        captured = capsys.readouterr()
        return captured.out, captured.err

    return draw


def _relative(path: str) -> str:
    # The seed index points into this checkout; the panels should not depend on where.
    return f"corpus/{Path(path).name}"


def test_quote_panel_with_context(seed_index, drawn):
    with CorpusIndex(seed_index) as corpus:
        view = quote_in_context(corpus, "bae15baa254c", 1)
    assert view is not None and view.context is not None
    # A seed article is cited by its stable name, wherever the checkout or package is.
    _compare("quote_panel", *drawn(lambda: render_quote_view(Output(), view, Format.TABLE)))


def test_article_panel(seed_index, drawn):
    with CorpusIndex(seed_index) as corpus:
        record = find_article(corpus, "004").record
    assert record is not None
    record.path = _relative(record.path)
    _compare("article_panel", *drawn(lambda: render_article(Output(), record, Format.TABLE)))
