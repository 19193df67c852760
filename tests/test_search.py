"""Search through the library API, on the seed articles."""

from __future__ import annotations

import datetime as dt

import pytest

from caucasus_cli.errors import QueryError
from caucasus_cli.index.store import CorpusIndex
from caucasus_cli.search.articles import SearchOptions, search_articles


@pytest.fixture(scope="module")
def corpus(seed_index):
    with CorpusIndex(seed_index) as index:
        yield index


def docs(result) -> list[str]:
    return [hit.doc for hit in result.hits]


def test_phrase_like_query_ranks_the_aliyev_article_first(corpus):
    result = search_articles(corpus, SearchOptions("peace agreement"))
    assert docs(result)[0] == "001_7e16cc46a88fe3df"
    assert result.hits[0].title.startswith("Ilham Aliyev:")
    assert result.hits[0].source == "JAMnews"
    assert result.hits[0].date == dt.date(2021, 9, 25)
    scores = [hit.score for hit in result.hits]
    assert scores == sorted(scores, reverse=True)


def test_snippet_offsets_mark_the_matched_words(corpus):
    hit = search_articles(corpus, SearchOptions("Zangezur corridor")).hits[0]
    marked = {hit.snippet[start:end].lower() for start, end in hit.matches}
    assert marked == {"zangezur", "corridor"}


@pytest.mark.parametrize(
    ("query", "written_in_article"),
    [("Nakhchivan", "Nakhichevan"), ("Aliev", "Aliyev"), ("Qarabağ", "Karabakh")],
)
def test_a_name_finds_articles_that_spell_it_another_way(corpus, query, written_in_article):
    result = search_articles(corpus, SearchOptions(query))
    assert result.hits, f"{query} found nothing"
    for hit in result.hits:
        highlighted = {hit.snippet[s:e] for s, e in hit.matches}
        assert written_in_article in highlighted
    with_exact = search_articles(corpus, SearchOptions(query, exact=True))
    assert with_exact.hits == []


def test_accents_fold_so_qarabag_equals_qarabag_with_breve(corpus):
    plain = search_articles(corpus, SearchOptions("Qarabag"))
    accented = search_articles(corpus, SearchOptions("Qarabağ"))
    assert docs(plain) == docs(accented) != []


def test_stemming_matches_other_forms(corpus):
    result = search_articles(corpus, SearchOptions("negotiated"))
    assert "001_7e16cc46a88fe3df" in docs(result)


def test_source_filter_is_case_insensitive(corpus):
    result = search_articles(corpus, SearchOptions("Bayramov", source="trend"))
    assert sorted(docs(result)) == ["000_6ceba82ccbfec31b", "003_c2fa5512a1292afa"]


def test_date_filters_leave_out_articles_without_a_known_date(corpus):
    since = search_articles(corpus, SearchOptions("Armenia", since=dt.date(2021, 1, 1)))
    assert docs(since) == ["001_7e16cc46a88fe3df"]
    until = search_articles(corpus, SearchOptions("Armenia", until=dt.date(2020, 12, 31)))
    assert docs(until) == ["003_c2fa5512a1292afa"]


def test_query_language(corpus):
    both = docs(search_articles(corpus, SearchOptions("Lavrov OR Mardini")))
    assert sorted(both) == ["003_c2fa5512a1292afa", "004_b33b2c1105469be7"]
    without = docs(search_articles(corpus, SearchOptions("Bayramov NOT Mardini")))
    assert without == ["000_6ceba82ccbfec31b"]
    phrase = docs(search_articles(corpus, SearchOptions('"thing of the past"')))
    assert phrase == ["001_7e16cc46a88fe3df"]
    assert docs(search_articles(corpus, SearchOptions("title:ceasefire"))) == [
        "004_b33b2c1105469be7"
    ]
    assert "004_b33b2c1105469be7" in docs(search_articles(corpus, SearchOptions("Lavr*")))
    assert "004_b33b2c1105469be7" in docs(search_articles(corpus, SearchOptions("Lavrof~")))


def test_limit_and_offset_page_through_results(corpus):
    everything = docs(search_articles(corpus, SearchOptions("Azerbaijan", limit=10)))
    assert len(everything) == 5
    page = search_articles(corpus, SearchOptions("Azerbaijan", limit=2, offset=2))
    assert docs(page) == everything[2:4]
    assert [hit.rank for hit in page.hits] == [3, 4]


def test_did_you_mean_when_nothing_matches(corpus):
    result = search_articles(corpus, SearchOptions("negotiatons"))
    assert result.hits == []
    assert result.suggestion == "negotiations"
    assert search_articles(corpus, SearchOptions("Bayramow")).suggestion == "bayramov"


def test_no_suggestion_for_gibberish(corpus):
    result = search_articles(corpus, SearchOptions("qzxwvk"))
    assert (result.hits, result.suggestion) == ([], None)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("title:(", "unbalanced parenthesis"),
        ('"peace agreement', "unbalanced double quote"),
        ("speaker:Aliyev", "unknown field 'speaker:'"),
        ("title: peace", "needs a value"),
        ("peace AND", "needs words on both sides"),
        ("the of", "no searchable words"),
    ],
)
def test_malformed_queries_say_what_is_wrong(corpus, query, message):
    with pytest.raises(QueryError, match=message):
        search_articles(corpus, SearchOptions(query))


def test_literal_searches_the_words_as_text(corpus):
    result = search_articles(corpus, SearchOptions("Lavrov (Moscow", literal=True))
    assert docs(result) == ["004_b33b2c1105469be7"]
    with pytest.raises(QueryError):
        search_articles(corpus, SearchOptions("Lavrov (Moscow"))


@pytest.mark.parametrize(
    "text",
    ["peace agreement", '"peace agreement"', "Karabakh OR Aliyev", "title:Aliyev", "ceasefire"],
)
def test_the_ranking_scores_are_whooshs_own_bm25f(corpus_copy, tmp_path, text):
    """Field lengths read a column at a time (index/scoring.py) give the very scores
    of Whoosh's BM25F, in an index of two segments, one with a deleted article."""
    from whoosh import index as whoosh_index

    from caucasus_cli.index.sync import sync_index
    from caucasus_cli.search.articles import parse_user_query, ranked
    from caucasus_cli.search.phrases import adjacent_phrases

    index_dir = tmp_path / "index"
    sync_index(index_dir, [corpus_copy])
    changed = sorted(corpus_copy.glob("*.txt"))[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThe ceasefire held.\n")
    sync_index(index_dir, [corpus_copy])
    with CorpusIndex(index_dir) as index:
        parsed = adjacent_phrases(parse_user_query(text, index.searcher.schema))
        ours = ranked(index.searcher, parsed, None)
        with whoosh_index.open_dir(str(index_dir)).searcher() as stock:
            theirs = stock.search(parsed, limit=None)
            assert len(index.searcher.leaf_searchers()) == 2
            assert [(hit.docnum, hit.score) for hit in ours] == [
                (hit.docnum, hit.score) for hit in theirs
            ]
            assert len(ours) > 0


@pytest.mark.parametrize(
    ("text", "spans", "folded", "moved"),
    [
        (
            "  Prime\n\n  minister  said ",
            [(2, 7), (11, 19)],
            "Prime minister said",
            [(0, 5), (6, 14)],
        ),
        (
            "peace\u00a0\u00a0talks\r\nresumed",
            [(0, 5), (7, 12)],
            "peace talks resumed",
            [(0, 5), (6, 11)],
        ),
        ("the end  \n", [(4, 10)], "the end", [(4, 7)]),
        ("a  b", [(1, 3)], "a b", [(1, 2)]),
    ],
)
def test_a_snippet_folds_whitespace_and_its_highlights_stay_on_their_words(
    text, spans, folded, moved
):
    from caucasus_cli.search.articles import collapse_whitespace

    assert collapse_whitespace(text, spans) == (folded, moved)


@pytest.mark.parametrize(
    "text",
    ['"peace agreement" OR ceasefire', 'ceasefire OR "peace agreement"', 'title:"peace agreement"'],
)
def test_a_phrase_beside_an_operator_or_after_a_field_is_a_query(corpus, text):
    """The checks for operators without words and fields without a value count a
    quoted phrase as the words it is."""
    assert "001_7e16cc46a88fe3df" in docs(search_articles(corpus, SearchOptions(text)))


def test_a_phrase_in_the_title_on_the_command_line(seed_index):
    from typer.testing import CliRunner

    from caucasus_cli.cli import app

    found = CliRunner().invoke(
        app, ["search", 'title:"peace agreement"', "--index", str(seed_index), "--format", "tsv"]
    )
    assert found.exit_code == 0, found.stderr
    assert "001_7e16cc46a88fe3df" in found.stdout
