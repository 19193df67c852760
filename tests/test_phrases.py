"""Phrase searches: the articles holding the words side by side, and no others.

The oracle is the articles' own words, as the analyzer indexes them (stop words out):
a speed change to phrase matching must keep every one of these answers.
"""

from __future__ import annotations

import random

import pytest
from typer.testing import CliRunner

from caucasus_cli.cli import app
from caucasus_cli.index.documents import indexed_words
from caucasus_cli.index.store import CorpusIndex
from caucasus_cli.index.sync import sync_index
from caucasus_cli.search.articles import SearchOptions, search_articles

# Sentences a wire report on the talks might hold; some put the phrase's words apart.
SENTENCES = [
    "The prime minister met the delegation in Brussels on Tuesday.",
    "Armenia's prime minister Nikol Pashinyan said the border commission would meet.",
    "The minister said the prime objective was a lasting peace treaty.",
    "Azerbaijan's foreign minister Jeyhun Bayramov spoke of the peace process.",
    "Talks on the peace treaty resumed after the ceasefire in the region.",
    "The peace of the process was never in doubt, one diplomat said.",
    "Officials described the process of peace as slow but steady.",
    "A prime example of the border dispute is the village of Tigranashen.",
    "The foreign ministers of both countries signed a joint statement.",
    "Residents of the border villages said they had heard shelling overnight.",
    "The minister of foreign affairs of Armenia, Ararat Mirzoyan, was in Washington.",
    "Border delimitation commission members met in Gabala.",
]
PHRASES = [
    '"prime minister"',
    '"peace process"',
    '"foreign minister"',
    '"border commission"',
    '"peace treaty"',
    '"minister of foreign affairs"',
    '"prime minister Nikol Pashinyan"',
    '"border villages"',
    '"treaty peace"',
]


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    """Four hundred short articles: enough postings for Whoosh to skip blocks by score."""
    folder = tmp_path_factory.mktemp("wire")
    chance = random.Random(2026)
    texts = {}
    for number in range(400):
        body = " ".join(chance.choices(SENTENCES, k=chance.randint(2, 9)))
        title = chance.choice(["Talks resume", "Prime minister in Brussels", "Border news"])
        texts[f"wire_{number:03}"] = (title, body)
        (folder / f"wire_{number:03}.txt").write_text(f"{title}\n\nBy Staff\n\n{body}\n")
    index = tmp_path_factory.mktemp("wire-index") / "index"
    sync_index(index, [folder])
    return index, texts


def _holds(text: str, phrase: str) -> bool:
    words, wanted = indexed_words(text).split(), indexed_words(phrase.strip('"')).split()
    return any(words[i : i + len(wanted)] == wanted for i in range(len(words)))


@pytest.mark.parametrize("phrase", PHRASES)
def test_a_phrase_finds_exactly_the_articles_with_its_words_side_by_side(articles, phrase):
    index_dir, texts = articles
    expected = {doc for doc, (title, body) in texts.items() if _holds(f"{title}\n{body}", phrase)}
    with CorpusIndex(index_dir) as index:
        every = search_articles(index, SearchOptions(phrase, limit=None, snippets=False))
        top = search_articles(index, SearchOptions(phrase, limit=10))
    assert {hit.doc for hit in every.hits} == expected
    assert every.total == len(expected) == top.total
    assert {hit.doc for hit in top.hits} <= expected


def test_a_phrase_search_on_the_command_line_lists_only_adjacent_words(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "adjacent.txt").write_text(
        "Talks resume\n\nBy Staff\n\nArmenia's prime minister said the talks went well.\n"
    )
    (folder / "apart.txt").write_text(
        "Talks resume\n\nBy Staff\n\nThe minister said the prime concern was the border.\n"
    )
    (folder / "stopwords.txt").write_text(
        "Talks resume\n\nBy Staff\n\nThe prime of the minister's career was long ago.\n"
    )
    index = tmp_path / "index"
    runner = CliRunner()
    built = runner.invoke(app, ["index", str(folder), "--index", str(index)])
    assert built.exit_code == 0, built.stderr
    found = runner.invoke(app, ["search", '"prime minister"', "--index", str(index), "--files"])
    assert found.exit_code == 0, found.stderr
    # Stop words are not indexed: "prime of the minister" is the phrase, as in Whoosh.
    assert sorted(line.rsplit("/", 1)[-1] for line in found.stdout.split()) == [
        "adjacent.txt",
        "stopwords.txt",
    ]
    none = runner.invoke(app, ["search", '"minister prime"', "--index", str(index)])
    assert none.exit_code == 1
