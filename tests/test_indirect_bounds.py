"""Reported speech ends at its sentence and never piles up over itself.

An indirect quote's words are the clause a speech verb reports, cut at its sentence
end (or at the next attribution of the sentence). Reported speech nests in real prose
(`Roe said that Doe told him that …`) and keeps its nested clause; but a run-on chain
of cues (`Jon Roe said that Jon Roe said that …`, 400 KB of it) once gave each clause
all the ones after it up to a 2,000-character reach: 33,000 clauses of 320 words, and
`caucasus index` spent half a minute folding them for the store. Now no character is
inside more than three reported clauses, and `…, according to Y` after `…, according
to X` starts after X.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from benchmarks.pathological import SHAPES, build
from caucasus_cli.cli import app
from caucasus_cli.ingest.paragraphs import split_paragraphs
from caucasus_cli.models import QuoteKind
from caucasus_cli.quotes.extract import extract_quotes
from caucasus_cli.quotes.people import People

HEADLINE = "Bridge to reopen in spring\n\n"


def indirect(body: str, people: People) -> list[tuple[str, str | None]]:
    text = HEADLINE + body
    quotes = extract_quotes(text, split_paragraphs(text), people)
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
    return [(q.text, q.speaker) for q in quotes if q.kind == QuoteKind.INDIRECT]


# (body, the reported clauses' words in order)
CLAUSES = [
    pytest.param(
        "Jon Roe said that Ann Doe had told him that the bridge would reopen in spring. "
        "The council has not confirmed the date.",
        [
            "Ann Doe had told him that the bridge would reopen in spring",
            "the bridge would reopen in spring",
        ],
        id="nested-once-keeps-the-whole-clause",
    ),
    pytest.param(
        "The mayor said that the contractor had admitted that the engineers had warned "
        "that the bridge was unsafe. Work stopped in May.",
        [
            "the contractor had admitted that the engineers had warned that the bridge was unsafe",
            "the engineers had warned that the bridge was unsafe",
            "the bridge was unsafe",
        ],
        id="nested-twice-keeps-the-whole-clause",
    ),
    pytest.param(
        "The bridge will reopen in March, according to Jon Roe, and the ferry will stop "
        "running in April, according to Ann Doe.",
        ["The bridge will reopen in March", "and the ferry will stop running in April"],
        id="according-to-after-according-to",
    ),
    pytest.param(
        "Jon Roe said that the bridge would reopen in spring. Ann Doe said that the ferry "
        "would stop.",
        ["the bridge would reopen in spring", "the ferry would stop"],
        id="ends-at-its-sentence",
    ),
]


@pytest.mark.parametrize(("body", "expected"), CLAUSES)
def test_reported_clauses_end_where_their_sentence_or_nesting_ends(body, expected, people):
    assert [words for words, _ in indirect(body, people)] == expected


def _coverage(text: str, people: People) -> int:
    """The most reported clauses any one character of `text` is inside."""
    depth = [0] * (len(text) + 1)
    for quote in extract_quotes(text, split_paragraphs(text), people):
        if quote.kind == QuoteKind.INDIRECT:
            depth[quote.start] += 1
            depth[quote.end] -= 1
    deepest = running = 0
    for step in depth:
        running += step
        deepest = max(deepest, running)
    return deepest


@pytest.mark.parametrize("unit", ["Jon Roe said that ", "according to Jon Roe, "])
def test_a_chain_of_cues_gives_short_clauses_not_piled_up_ones(unit, people):
    text = "Headline\n\n" + unit * 400
    assert _coverage(text, people) <= 3
    quotes = extract_quotes(text, split_paragraphs(text), people)
    assert sum(len(q.text) for q in quotes) <= 4 * len(text)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_the_quotes_of_every_pathological_shape_stay_a_small_multiple_of_the_text(shape, people):
    text = build(shape, 12_000)
    quotes = extract_quotes(text, split_paragraphs(text), people)
    assert sum(len(q.text) for q in quotes) <= 4 * len(text)


def test_the_cli_lists_a_chain_of_cues_as_short_clauses(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "roe.txt").write_text("Bridge talks\n\n" + "Jon Roe said that " * 300)
    index = tmp_path / "index"
    runner = CliRunner()
    result = runner.invoke(app, ["index", str(folder), "--index", str(index)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        app, ["quotes", "--index", str(index), "--kind", "all", "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records
    assert max(len(record["text"]) for record in records) < 60
