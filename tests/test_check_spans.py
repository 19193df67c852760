"""`caucasus check` on quotes whose span matters: the reporter's sentence after a
quotation is nobody's quote, an attribution after a closing mark names the speaker,
and a claim that wraps a real quote in added words is a misquote listing them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from caucasus_cli.cli import app
from caucasus_cli.quotes.wording import tokens, wrapped

# British style, one merged paragraph: a quote reopened without closing, the
# reporter's sentence after a closing mark, an attribution after the next quote.
ARTICLE = """\
Ruritania growth slows as exports fall

Tom Smith, chief economist at Bank Ruritania, said the figures were weak. "Exports fell for \
the third quarter in a row. "The amber light is flashing." The government may now find it \
more difficult to cut taxes before the election. "We expect the figures to improve next \
year, once the new port opens," added Mr Jameson. Other forecasters were less sure.

Ann Lee, an economist, said that the central bank would have to raise interest rates again \
before the summer.
"""

REPORTERS_SENTENCE = (
    "The government may now find it more difficult to cut taxes before the election"
)
JAMESONS_WORDS = "We expect the figures to improve next year, once the new port opens"


@pytest.fixture(scope="module")
def article_index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    (folder / "growth.txt").write_text(ARTICLE, encoding="utf-8")
    index = tmp_path_factory.mktemp("index")
    result = CliRunner().invoke(app, ["index", str(folder), "--index", str(index)])
    assert result.exit_code == 0, result.output
    return index


def check(index, *args: str):
    return CliRunner().invoke(app, ["check", *args, "--index", str(index), "-f", "json"])


def test_the_reporters_sentence_after_a_quotation_is_not_confirmed(article_index):
    result = check(article_index, REPORTERS_SENTENCE)
    (record,) = json.loads(result.stdout)  # json: one array, one claim
    assert record["verdict"] == "not_quoted"
    assert result.exit_code == 3


def test_the_quote_before_the_reporters_sentence_is_confirmed_for_its_speaker(article_index):
    result = check(article_index, "The amber light is flashing.", "--speaker", "Tom Smith")
    (record,) = json.loads(result.stdout)  # json: one array, one claim
    assert (record["verdict"], record["quote_speaker"]) == ("confirmed", "Tom Smith")


def test_a_quote_ending_added_mr_jameson_is_his(article_index):
    env = {**os.environ, "CAUCASUS_INDEX": str(article_index)}
    result = subprocess.run(
        [sys.executable, "-m", "caucasus_cli", "check", JAMESONS_WORDS, "--speaker", "Jameson"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("confirmed\t1.00\t")
    assert "Jameson" in result.stdout.split("\t")[2]


def test_the_attribution_is_not_part_of_the_quote(article_index):
    result = check(article_index, JAMESONS_WORDS + " added Mr Jameson")
    assert json.loads(result.stdout)[0]["verdict"] == "not_quoted"


def test_reported_speech_with_its_attribution_is_the_articles_words_not_a_misquote(
    article_index,
):
    claim = (
        "Ann Lee, an economist, said that the central bank would have to raise interest "
        "rates again before the summer"
    )
    (record,) = json.loads(check(article_index, claim).stdout)  # json: one array, one claim
    assert record["verdict"] == "not_quoted"
    reported = "the central bank would have to raise interest rates again before the summer"
    (record,) = json.loads(check(article_index, reported, "--speaker", "Ann Lee").stdout)
    assert (record["verdict"], record["quote_speaker"]) == ("confirmed", "Ann Lee")


# -------------------------------------------------- a real quote wrapped in words


def test_a_claim_wrapping_a_real_quote_in_added_words_is_misquoted(seed_index):
    claim = "The Nagorno-Karabakh conflict is a thing of the past and will never return"
    result = CliRunner().invoke(
        app, ["check", claim, "-f", "json"], env={"CAUCASUS_INDEX": str(seed_index)}
    )
    assert result.exit_code == 3
    (record,) = json.loads(result.stdout)  # json: one array, one claim
    assert record["verdict"] == "misquoted"
    assert record["quote_speaker"] == "Ilham Aliyev"
    assert record["passage"] == "The Nagorno-Karabakh conflict is a thing of the past"
    assert record["changes"] == [{"op": "insert", "claimed": "and will never return", "actual": ""}]


def test_words_added_before_a_real_sentence_are_listed_too(seed_index):
    claim = "As everyone knows, the Nagorno-Karabakh conflict is a thing of the past."
    result = CliRunner().invoke(
        app, ["check", claim, "-f", "json"], env={"CAUCASUS_INDEX": str(seed_index)}
    )
    (record,) = json.loads(result.stdout)  # json: one array, one claim
    assert record["verdict"] == "misquoted"
    assert record["changes"] == [{"op": "insert", "claimed": "as everyone knows", "actual": ""}]


SAID = (
    "Azerbaijan has resolved the 30-year-old conflict by military-political means, restored "
    "its territorial integrity and historical justice. The Nagorno-Karabakh conflict is a "
    "thing of the past."
)


@pytest.mark.parametrize(
    ("claim", "added"),
    [
        (
            "The Nagorno-Karabakh conflict is a thing of the past and will never return",
            ["and will never return"],
        ),
        ("Today the Nagorno-Karabakh conflict is a thing of the past", ["today"]),
        (
            "He said that the Nagorno-Karabakh conflict is a thing of the past, and he meant it",
            ["he said that", "and he meant it"],
        ),
    ],
)
def test_whole_sentences_with_words_added_around_them(claim, added):
    found = wrapped(tokens(claim), SAID)
    assert found is not None
    assert [c.claimed for c in found.diff if c.op == "insert"] == added
    assert SAID[found.start : found.end] == "The Nagorno-Karabakh conflict is a thing of the past"


@pytest.mark.parametrize(
    "claim",
    [
        # The real words stop mid-sentence: the claim changes what follows them.
        "Azerbaijan has resolved the 30-year-old conflict by military-political means and by talks",
        # Most of the claim is added words.
        "Everyone in Baku and Yerevan and in every capital of the world knows today that "
        "the Nagorno-Karabakh conflict is a thing of the past",
        # Exactly the words: not a wrapping (that is plain confirmation).
        "The Nagorno-Karabakh conflict is a thing of the past",
        # Words inserted in the middle of the sentence.
        "The Nagorno-Karabakh conflict is now and forever a thing of the past",
    ],
)
def test_not_a_wrapping(claim):
    assert wrapped(tokens(claim), SAID) is None
