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

from itertools import product

import pytest
from linear import assert_about_linear

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
    "pronoun-of-the-other-gender": 'Ann Roe said "x". He said "y". ',
}
SMALL = 12_000


def build(unit: str, size: int) -> str:
    return "Headline\n\n" + unit * (size // len(unit) + 1)


@pytest.mark.parametrize("shape", sorted(SPEAKER_SHAPES))
def test_doubling_the_article_about_doubles_speaker_resolution(shape):
    unit = SPEAKER_SHAPES[shape]
    assert_about_linear(shape, build(unit, SMALL), build(unit, 2 * SMALL), SMALL)


def test_the_role_mention_still_names_the_person_introduced_with_the_role():
    text = build(SPEAKER_SHAPES["role-paragraphs"], 2_000)
    quotes = extract_quotes(text, split_paragraphs(text), load_people())
    assert quotes and {q.speaker for q in quotes} == {"Jon Roe"}


# Shape name → (opening, a unit naming one of many names, what ends the article). Each
# name is new, and all share a last word: every new name used to be compared with
# all those before it (and each new first word searched for in the whole article).
MANY_NAMES_SHAPES: dict[str, tuple[str, str, str]] = {
    "companies-sharing-a-last-word": ("Drugs groups ", "{} Pharma, ", 'the company said "x".'),
    "people-sharing-a-surname": ("Witnesses ", "{} Roe, ", 'and Jon Roe spoke. Roe said "x".'),
}
_SYLLABLES = (
    "Bra",
    "Ven",
    "Tor",
    "Lix",
    "Mon",
    "Par",
    "Sel",
    "Dun",
    "Kar",
    "Fel",
    "Gor",
    "Hal",
    "Nor",
    "Zen",
)


def build_named(shape: str, size: int) -> str:
    """`size` characters of the shape's unit, each with a name of its own."""
    opening, unit, end = MANY_NAMES_SHAPES[shape]
    names = (a + b.lower() + c.lower() for a, b, c in product(_SYLLABLES, repeat=3))
    parts = ["Headline\n\n", opening]
    length = 0
    while length < size:
        parts.append(unit.format(next(names)))
        length += len(parts[-1])
    return "".join(parts) + end


@pytest.mark.parametrize("shape", sorted(MANY_NAMES_SHAPES))
def test_doubling_an_article_of_many_names_about_doubles_speaker_resolution(shape):
    assert_about_linear(shape, build_named(shape, SMALL), build_named(shape, 2 * SMALL), SMALL)
