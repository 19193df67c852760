"""Speaker resolution stays linear in the size of the article, whatever its shape.

The shapes are articles a scraper really produces, stretched: a Markdown file of
short one-quote paragraphs, a role mention after every named speaker ("the
minister said"), a pronoun paragraph after each named one, a capitalised word that
is never a name. Each used to cost time growing with the square of the text
(speaker resolution re-sorted every occurrence per quote, walked every occurrence
per role mention, searched the whole article per unknown word). As in
`test_quotes_linear.py`: doubling the text must not much more than double the
CPU time (quadratic work would take 4×); small inputs, generous bounds.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from pathological import extraction_seconds

from caucasus_cli.ingest.paragraphs import split_paragraphs
from caucasus_cli.quotes.extract import extract_quotes
from caucasus_cli.quotes.people import load_people

# Shape name → the unit repeated to build it.
SPEAKER_SHAPES: dict[str, str] = {
    "markdown-one-quote-paragraphs": 'Jon Roe said:\n\n"We will rebuild the bridge."\n\n',
    "role-after-name": 'Jon Roe, the minister, said "x". The minister said "y". ',
    "role-paragraphs": 'Jon Roe, the minister, said "x".\n\nThe minister said "y".\n\n',
    "pronoun-paragraphs": 'Jon Roe said "x".\n\nHe said "y".\n\n',
    "unknown-capitalised-word": 'Last said "x". ',
}
SMALL = 12_000
RUNS = 5
MAX_RATIO = 3.0
NEGLIGIBLE_SECONDS = 0.01


def build(unit: str, size: int) -> str:
    return "Headline\n\n" + unit * (size // len(unit) + 1)


@pytest.mark.parametrize("shape", sorted(SPEAKER_SHAPES))
def test_doubling_the_article_about_doubles_speaker_resolution(shape):
    unit = SPEAKER_SHAPES[shape]
    small_text, large_text = build(unit, SMALL), build(unit, 2 * SMALL)
    small = large = float("inf")
    for _ in range(RUNS):
        small = min(small, extraction_seconds(small_text))
        large = min(large, extraction_seconds(large_text))
    if large < NEGLIGIBLE_SECONDS:
        return
    assert large < MAX_RATIO * max(small, NEGLIGIBLE_SECONDS / 2), (
        f"{shape}: {small:.3f}s at {SMALL // 1000} KB, {large:.3f}s at {2 * SMALL // 1000} KB"
    )


def test_the_role_mention_still_names_the_person_introduced_with_the_role():
    text = build(SPEAKER_SHAPES["role-paragraphs"], 2_000)
    quotes = extract_quotes(text, split_paragraphs(text), load_people())
    assert quotes and {q.speaker for q in quotes} == {"Jon Roe"}
