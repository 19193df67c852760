"""A sentence's closing attribution covers every quotation of the sentence.

`Jon Roe liked to rattle off "…" and "…", the opposition leader Ann Vale said`: the
closing `, Ann Vale said` is taken by the nearer, later quotation, and the first one
used to fall back to the sentence's subject, Jon Roe, who is what the quotation is
about, not its speaker. A wrong speaker is worse than none; here the sentence settles
it: Ann Vale said both.
"""

from __future__ import annotations

import pytest
from quoting import quotes_through_the_cli

from caucasus_cli.ingest.paragraphs import split_paragraphs
from caucasus_cli.models import QuoteKind
from caucasus_cli.quotes.extract import extract_quotes
from caucasus_cli.quotes.people import People

HEADLINE = "Ruritania border talks stall\n\n"

FIRST = "we have never had it so good on the border with Ruritania"
SECOND = "the tax burden on farmers has fallen every year"


def speakers(body: str, people: People) -> dict[str, str | None]:
    text = HEADLINE + body
    quotes = extract_quotes(text, split_paragraphs(text), people)
    return {q.text: q.speaker for q in quotes if q.kind == QuoteKind.DIRECT}


CASES = [
    pytest.param(
        f'Jon Roe liked to rattle off "{FIRST}" and "{SECOND}", '
        "the opposition leader Ann Vale said.",
        {FIRST: "Ann Vale", SECOND: "Ann Vale"},
        id="closing-attribution-covers-the-earlier-quote",
    ),
    pytest.param(
        f'Jon Roe often repeated "{FIRST}" in speeches and "{SECOND}" at rallies, Ann Vale said.',
        {FIRST: "Ann Vale", SECOND: "Ann Vale"},
        id="closing-attribution-after-a-trailing-phrase",
    ),
    # Negatives: the nearer attribution, or the subject who speaks, keeps the quote.
    pytest.param(
        f'Jon Roe said "{FIRST}" and "{SECOND}".',
        {FIRST: "Jon Roe", SECOND: "Jon Roe"},
        id="subject-who-says-keeps-both",
    ),
    pytest.param(
        f'Jon Roe told reporters "{FIRST}", while Ann Vale replied "{SECOND}".',
        {FIRST: "Jon Roe", SECOND: "Ann Vale"},
        id="each-quote-keeps-its-own-speaker",
    ),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_a_closing_attribution_covers_the_quotes_of_its_sentence(body, expected, people):
    assert speakers(body, people) == expected


def test_the_cli_gives_the_closing_speaker_not_the_sentence_subject(tmp_path):
    body = (
        f'Jon Roe liked to rattle off "{FIRST}" and "{SECOND}", '
        "the opposition leader Ann Vale said.\n"
    )
    records = quotes_through_the_cli(tmp_path, "vale.txt", HEADLINE + body)
    by_text = {record["text"]: record["speaker"] for record in records}
    assert by_text.get(FIRST) == "Ann Vale"
    assert by_text.get(SECOND) == "Ann Vale"
