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


def _matches(searcher, phrase) -> list[tuple[int, float, list[tuple[int, int]]]]:
    """(document, score, spans) of every document `phrase` matches, segment by segment
    as a search's collector sees them (document numbers of the whole index)."""
    found = []
    for segment, offset in searcher.leaf_searchers():
        matcher = phrase.matcher(segment)
        while matcher.is_active():
            spans = [(span.start, span.end) for span in matcher.spans()]
            found.append((offset + matcher.id(), matcher.score(), spans))
            matcher.next()
    return found


def _same_as_whoosh(index_dir, phrase: str) -> set[str]:
    """Assert that AdjacentPhrase matches as Whoosh's Phrase does, for each field and
    with and without a boost; the names of the matchers that answered."""
    from whoosh import query

    from caucasus_cli.search.articles import parse_user_query
    from caucasus_cli.search.phrases import AdjacentPhrase, adjacent_phrases

    used = set()
    with CorpusIndex(index_dir) as index:
        searcher = index.searcher
        parsed = parse_user_query(phrase, searcher.schema, exact=True)
        whoosh_phrases = [leaf for leaf in parsed.children() if type(leaf) is query.Phrase]
        assert whoosh_phrases
        for original in whoosh_phrases:
            for boost in (1.0, 2.5):
                original.boost = boost
                ours = adjacent_phrases(original)
                assert type(ours) is AdjacentPhrase
                assert _matches(searcher, ours) == _matches(searcher, original)
                used |= {
                    type(
                        getattr(ours.matcher(segment), "child", None) or ours.matcher(segment)
                    ).__name__
                    for segment, _offset in searcher.leaf_searchers()
                }
    return used


MORE_PHRASES = [*PHRASES, '"peace peace"', '"border commission members"']


@pytest.mark.parametrize("phrase", MORE_PHRASES)
def test_the_set_based_phrase_check_matches_whooshs_own(articles, phrase):
    """AdjacentPhrase (search/phrases.py) finds the documents, scores and spans that
    Whoosh's Phrase finds, from whole posting lists."""
    index_dir, _texts = articles
    assert _same_as_whoosh(index_dir, phrase) <= {"_PhraseList", "NullMatcherClass"}


def test_the_phrase_check_leaves_out_deleted_articles(tmp_path):
    """After a re-sync that changes and removes articles, their old versions are deleted
    documents in the old segment: they match no phrase, and the rest match as in Whoosh."""
    folder = tmp_path / "wire"
    folder.mkdir()
    chance = random.Random(7)
    for number in range(60):
        body = " ".join(chance.choices(SENTENCES, k=chance.randint(2, 6)))
        (folder / f"wire_{number:02}.txt").write_text(f"Border news\n\nBy Staff\n\n{body}\n")
    index_dir = tmp_path / "index"
    sync_index(index_dir, [folder])
    for number in range(0, 60, 7):
        path = folder / f"wire_{number:02}.txt"
        path.write_text(path.read_text().replace("prime minister", "premier"))
    (folder / "wire_03.txt").unlink()
    sync_index(index_dir, [folder])
    with CorpusIndex(index_dir) as index:
        assert any(s.reader().has_deletions() for s, _o in index.searcher.leaf_searchers())
    for phrase in MORE_PHRASES:
        assert _same_as_whoosh(index_dir, phrase) <= {"_PhraseList", "NullMatcherClass"}


def test_a_phrase_with_a_gap_allowed_is_left_to_whoosh(articles):
    from whoosh import query

    from caucasus_cli.search.phrases import adjacent_phrases

    index_dir, _texts = articles
    loose = query.Phrase("body", ["prime", "minist"], slop=3)
    with CorpusIndex(index_dir) as index:
        assert _matches(index.searcher, adjacent_phrases(loose)) == _matches(index.searcher, loose)


@pytest.mark.parametrize(
    "text", ["prime OR Gabala", "Gabala OR Tigranashen OR minister", '"prime minister" Brussels']
)
def test_the_count_of_a_top_ten_search_is_every_match(articles, text):
    """The total comes from the ranking pass, which visits every match: a rare word
    OR-ed with a common one, which Whoosh would stop looking for once the top ten
    is full, still counts each article it is in."""
    index_dir, _texts = articles
    with CorpusIndex(index_dir) as index:
        every = search_articles(index, SearchOptions(text, limit=None, snippets=False))
        for limit in (1, 10):
            top = search_articles(index, SearchOptions(text, limit=limit))
            assert top.total == len(every.hits) > limit
            assert [hit.doc for hit in top.hits] == [hit.doc for hit in every.hits][:limit]


def test_a_phrase_that_cannot_be_read_whole_leaves_its_words_untouched(articles):
    """When one word's postings cannot be read in one go, the words' matchers go to the
    stepping matcher as they were: none was read (used up) first."""
    from whoosh import matching, query

    from caucasus_cli.search.phrases import SpanNear2, found_in_one_go

    index_dir, _texts = articles
    with CorpusIndex(index_dir) as index:
        context = SpanNear2._span_context(None)
        # A parallel build splits the articles over segments in no fixed way: take one
        # that holds the word.
        first = next(
            matcher
            for segment, _offset in index.searcher.leaf_searchers()
            if (matcher := query.Term("body", "prime").matcher(segment, context)).is_active()
        )
        at = first.id()
        other = matching.ListMatcher([at], weights=[1.0])  # not a W3 leaf matcher
        assert found_in_one_go([first, other]) is None
        assert first.is_active() and first.id() == at


@pytest.mark.parametrize(
    "text",
    [
        '"prime minister"',
        '"peace treaty"',
        "minister",
        "prime OR Gabala",
        '"prime minister" Brussels',
    ],
)
@pytest.mark.parametrize("limit", [1, 3, 10, 1000])
def test_the_ranking_is_whooshs_own_top_collector(articles, text, limit):
    """Phrase lists merged across title and body and collected at once rank the articles
    as Whoosh's own TopCollector ranks Whoosh's own query: the same documents, scores
    and order, ties (the wire repeats its sentences) to the lower document number; and
    the same count."""
    from whoosh import collectors

    from caucasus_cli.search.articles import parse_user_query, ranked
    from caucasus_cli.search.phrases import adjacent_phrases

    index_dir, _texts = articles
    with CorpusIndex(index_dir) as index:
        searcher = index.searcher
        parsed = parse_user_query(text, searcher.schema, exact=True)
        ours = ranked(searcher, adjacent_phrases(parsed), limit)
        stock = collectors.TopCollector(limit=limit, usequality=False, replace=0)
        searcher.search_with_collector(parsed, stock)
        theirs = stock.results()
        assert [(hit.docnum, hit.score) for hit in ours] == [
            (hit.docnum, hit.score) for hit in theirs
        ]
        assert len(ours) == len(theirs) > 0


@pytest.mark.parametrize("text", ['"prime minister"', "minister"])
def test_a_bare_phrase_or_word_is_one_list_per_segment(articles, text):
    """The fast path is the one that answers a bare phrase or word: its title and body
    lists are merged into one, which the collector takes at once."""
    from caucasus_cli.search.articles import parse_user_query
    from caucasus_cli.search.phrases import ScoredList, adjacent_phrases

    index_dir, _texts = articles
    with CorpusIndex(index_dir) as index:
        searcher = index.searcher
        phrase = adjacent_phrases(parse_user_query(text, searcher.schema))
        matchers = [phrase.matcher(segment) for segment, _o in searcher.leaf_searchers()]
    # A parallel build can leave an empty segment (a sub-writer given no article, as
    # the workers' timing decides): nothing to answer there.
    answering = [matcher for matcher in matchers if matcher.is_active()]
    assert answering and all(isinstance(matcher, ScoredList) for matcher in answering)
