"""`check --speaker` reads a name as `quotes --speaker` does: "Mr X", the surname alone,
the full name and aliases all name the same person; someone else is still misattributed."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from caucasus_cli.cli import app
from caucasus_cli.index.sync import sync_index

CLAIM = "Both sides must show the courage to compromise"

ARTICLE = """\
Blair urges calm over Karabakh talks

LONDON, 12 March 2005 - The former British prime minister Tony Blair on Saturday called on \
Armenia and Azerbaijan to return to the negotiating table.

"Both sides must show the courage to compromise for the sake of their people," Mr Blair \
said at a conference in London.

He added that the international community stood ready to help. "There is no military \
solution to this conflict," he said.

Foreign Secretary Jack Straw said: "We will support every effort towards a lasting peace \
in the South Caucasus."
"""


@pytest.fixture(scope="module")
def blair_index(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("blair-articles")
    (folder / "blair-karabakh-talks.txt").write_text(ARTICLE, encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("blair-index") / "index"
    sync_index(index_dir, [folder])
    return str(index_dir)


def _run(index: str, *args: str):
    return CliRunner().invoke(app, [*args, "--index", index])


def _check(index: str, speaker: str) -> tuple[int, dict]:
    result = _run(index, "check", CLAIM, "--speaker", speaker, "--format", "json")
    (record,) = json.loads(result.stdout)
    return result.exit_code, record


@pytest.mark.parametrize("speaker", ["Mr Blair", "Mr. Blair", "Blair", "Tony Blair", "tony blair"])
def test_the_speaker_as_articles_name_him_confirms(blair_index, speaker):
    code, record = _check(blair_index, speaker)
    assert (code, record["verdict"]) == (0, "confirmed")
    assert record["quote_speaker"] == "Tony Blair"


@pytest.mark.parametrize("speaker", ["Jack Straw", "Mr Straw", "Foreign Secretary Straw"])
def test_a_different_person_is_still_misattributed(blair_index, speaker):
    code, record = _check(blair_index, speaker)
    assert (code, record["verdict"]) == (3, "misattributed")
    assert record["said_by"] == "Tony Blair"


def test_check_and_quotes_read_an_honorific_the_same_way(blair_index):
    result = _run(blair_index, "quotes", "--speaker", "Mr Blair", "--count")
    assert (result.exit_code, result.stdout.strip()) == (0, "2")


def test_a_misspelt_speaker_still_gets_a_suggestion(blair_index):
    result = _run(blair_index, "check", CLAIM, "--speaker", "Mr Blaire")
    assert "did you mean: Tony Blair" in result.stderr


@pytest.mark.parametrize("speaker", ["Mr Bayramov", "Foreign Minister Bairamov", "Bayramov"])
def test_titles_and_aliases_from_people_data_confirm_on_the_bundled_corpus(seed_index, speaker):
    code, record = _check_claim(seed_index, speaker)
    assert (code, record["verdict"]) == (0, "confirmed")


def _check_claim(seed_index, speaker: str) -> tuple[int, dict]:
    result = _run(
        str(seed_index),
        "check",
        "We want a peaceful settlement of the conflict",
        "--speaker",
        speaker,
        "--format",
        "json",
    )
    (record,) = json.loads(result.stdout)
    return result.exit_code, record
