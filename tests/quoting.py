"""The direct quotes of a short invented article, for the speaker tests' tables."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from caucasus_cli.cli import app
from caucasus_cli.ingest.paragraphs import split_paragraphs
from caucasus_cli.models import Quote, QuoteKind
from caucasus_cli.quotes.extract import extract_quotes
from caucasus_cli.quotes.people import People

HEADLINE = "Ruritania talks resume after a week of shelling\n\n"


def direct(text: str, people: People, headline: str = HEADLINE) -> list[Quote]:
    """The direct quotes of `text` under `headline`, as extraction gives them."""
    full = headline + text
    quotes = extract_quotes(full, split_paragraphs(full), people)
    return [q for q in quotes if q.kind == QuoteKind.DIRECT]


def quote_with(text: str, words: str, people: People, headline: str = HEADLINE) -> Quote:
    """The one direct quote holding `words`."""
    quotes = direct(text, people, headline)
    found = [q for q in quotes if words in q.text]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


def speaker_of(text: str, words: str, people: People) -> str | None:
    """The speaker of the direct quote holding `words`."""
    return quote_with(text, words, people).speaker


def quotes_through_the_cli(tmp_path: Path, name: str, text: str) -> list[dict]:
    """`caucasus index` of a folder holding one article, then `quotes --format jsonl`."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / name).write_text(text)
    index = tmp_path / "index"
    runner = CliRunner()
    result = runner.invoke(app, ["index", str(folder), "--index", str(index)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["quotes", "--index", str(index), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]
