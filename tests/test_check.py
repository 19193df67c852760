"""`caucasus check`: is a claimed quote real, by whom, and how does it differ?"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from caucasus_cli.cli import app
from caucasus_cli.index.store import CorpusIndex
from caucasus_cli.quotes.people import fold_name
from caucasus_cli.search.check import align, check_claim, tokens

ALIYEV_DOC = "001_7e16cc46a88fe3df"


@pytest.fixture(scope="module")
def corpus(seed_index):
    with CorpusIndex(seed_index) as index:
        yield index


@pytest.fixture
def run(seed_index):
    runner = CliRunner()

    def invoke(*args: str, stdin: str | None = None):
        return runner.invoke(
            app, ["check", *args], input=stdin, env={"CAUCASUS_INDEX": str(seed_index)}
        )

    return invoke


def test_exact_words_are_confirmed_with_speaker_and_source(run):
    result = run("The Nagorno-Karabakh conflict is a thing of the past.", "--format", "json")
    assert result.exit_code == 0
    (record,) = json.loads(result.stdout)  # one array, one claim
    assert record["verdict"] == "confirmed"
    assert record["quote_speaker"] == "Ilham Aliyev"
    assert record["doc"] == ALIYEV_DOC
    assert record["source"] == "JAMnews"
    assert record["date"] == "2021-09-25"
    assert record["similarity"] == 1.0
    assert record["changes"] == []


@pytest.mark.parametrize(
    "claim",
    [
        "the nagorno karabakh conflict is a thing of the past",  # case, hyphen, full stop
        "“The Nagorno-Karabakh conflict is a thing of the past”",  # quotation marks
        "The  Nagorno-Karabakh\nconflict is a thing of the past",  # whitespace
        "conflict is a thing of the past",  # a fragment of the longer quote
        "The Nagorno-Qarabağ conflict is a thing of the past",  # a name variant
    ],
)
def test_confirmation_ignores_form_but_not_words(corpus, claim):
    verdict = check_claim(corpus, claim)
    assert verdict.verdict == "confirmed", verdict
    assert verdict.best.quote.speaker == "Ilham Aliyev"


def test_an_added_word_is_a_misquote_and_the_word_is_named(run):
    result = run("Nagorno-Karabakh conflict is now a thing of the past", "-f", "json")
    assert result.exit_code == 3
    (record,) = json.loads(result.stdout)  # one array, one claim
    assert record["verdict"] == "misquoted"
    assert record["quote_speaker"] == "Ilham Aliyev"
    assert record["doc"] == ALIYEV_DOC
    assert record["changes"] == [{"op": "insert", "claimed": "now", "actual": ""}]


def test_dropped_and_changed_words_are_listed(corpus):
    verdict = check_claim(
        corpus, "Azerbaijan has resolved the 30-year-old war by military-political means"
    )
    assert verdict.verdict == "misquoted"
    assert [(c.op, c.claimed, c.actual) for c in verdict.best.changes] == [
        ("replace", "war", "conflict")
    ]
    dropped = check_claim(
        corpus, "Azerbaijan has resolved the conflict by military-political means"
    )
    assert dropped.verdict == "misquoted"
    assert [(c.op, c.actual) for c in dropped.best.changes] == [("delete", "30-year-old")]


def test_words_of_someone_else_are_misattributed(run):
    result = run(
        "We want a peaceful settlement of the conflict", "--speaker", "Aliyev", "-f", "json"
    )
    assert result.exit_code == 3
    (record,) = json.loads(result.stdout)  # one array, one claim
    assert record["verdict"] == "misattributed"
    assert record["said_by"] == "Jeyhun Bayramov"
    assert record["speaker"] == "Aliyev"


def test_right_speaker_confirms_and_a_variant_spelling_of_the_speaker_counts(corpus):
    verdict = check_claim(
        corpus,
        "We want a peaceful settlement of the conflict",
        speaker_keys=[fold_name("Jeyhun Bayramov")],
        speaker="Bairamov",
    )
    assert verdict.verdict == "confirmed"


def test_a_speaker_never_quoted_still_gets_misattributed(run):
    result = run("We want a peaceful settlement of the conflict", "--speaker", "Emmanuel Macron")
    assert result.exit_code == 3
    assert "misattributed" in result.stdout and "Jeyhun Bayramov" in result.stdout


def test_reporters_words_are_not_quoted(run):
    claim = "Armenian Armed Forces launched a large-scale military attack on the front line"
    result = run(claim, "-f", "json")
    assert result.exit_code == 3
    (record,) = json.loads(result.stdout)  # one array, one claim
    assert record["verdict"] == "not_quoted"
    assert record["id"] is None
    assert record["doc"] in {"000_6ceba82ccbfec31b", "003_c2fa5512a1292afa"}


def test_a_made_up_sentence_is_not_found(run):
    result = run("Baku and Yerevan will host a joint song contest on the Moon next spring")
    assert result.exit_code == 1
    assert result.stdout.startswith("not_found")


def test_claim_from_stdin(run):
    result = run("-", stdin="“We want a peaceful settlement of the conflict”\n")
    assert result.exit_code == 0
    assert result.stdout.startswith("confirmed")


def test_a_file_of_claims_gives_one_jsonl_verdict_per_line(run, tmp_path):
    claims = tmp_path / "claims.txt"
    claims.write_text(
        "The Nagorno-Karabakh conflict is a thing of the past.\n"
        "\n"
        "Nagorno-Karabakh conflict is now a thing of the past\n"
        "Baku and Yerevan will host a joint song contest on the Moon next spring\n",
        encoding="utf-8",
    )
    result = run("--file", str(claims), "--format", "jsonl")
    verdicts = [json.loads(line)["verdict"] for line in result.stdout.splitlines()]
    assert verdicts == ["confirmed", "misquoted", "not_found"]
    assert result.exit_code == 1  # one claim was not found


def test_usage_errors(run, tmp_path):
    assert run().exit_code == 2
    assert run("x", "--file", str(tmp_path / "claims.txt")).exit_code == 2
    missing = run("--file", str(tmp_path / "none.txt"))
    assert missing.exit_code == 2 and "cannot read" in missing.stderr
    assert run("“ ”").exit_code == 2


def test_alignment_offsets_point_at_the_passage():
    text = "He said: “Azerbaijan has resolved the 30-year-old conflict by military means.”"
    similarity, start, end, diff = align(tokens("resolved the conflict"), text)
    assert text[start:end] == "resolved the 30-year-old conflict"
    assert [step.op for step in diff if step.op != "equal"] == ["delete"]
    assert similarity == pytest.approx(3 / 6)


def test_check_in_a_real_process(seed_index):
    env = {**os.environ, "CAUCASUS_INDEX": str(seed_index)}
    claim = "We want a peaceful settlement of the conflict"
    result = subprocess.run(
        [sys.executable, "-m", "caucasus_cli", "check", claim, "--speaker", "Aliyev"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 3
    assert result.stdout.split("\t")[:3] == ["misattributed", "1.00", "Jeyhun Bayramov"]


def test_json_is_one_array_for_one_claim_and_for_a_file(run, tmp_path):
    claims = tmp_path / "claims.txt"
    claims.write_text("We want a peaceful settlement of the conflict\n", encoding="utf-8")
    from_file = json.loads(run("--file", str(claims), "--format", "json").stdout)
    assert isinstance(from_file, list) and from_file[0]["verdict"] == "confirmed"
    (one,) = json.loads(run("We want a peaceful settlement of the conflict", "-f", "json").stdout)
    assert one["verdict"] == "confirmed" and one == from_file[0]


@pytest.mark.parametrize(
    "claim",
    [
        # Its rarest word changed into one the corpus never has.
        "Azerbaijan has resolved the 30-year-old conflict by zebra-political means",
        # Into words the corpus has elsewhere: retrieval must not need every rare word.
        "Azerbaijan has resolved the 30-year-old conflict by diplomatic means",
    ],
)
def test_a_quote_with_its_rarest_words_changed_is_still_found(corpus, claim):
    verdict = check_claim(corpus, claim)
    assert verdict.verdict == "misquoted", verdict
    assert verdict.best.quote.speaker == "Ilham Aliyev"
