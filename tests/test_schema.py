"""The fast indexing path must produce exactly what Whoosh's analyzer chain would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from caucasus_cli.index.documents import indexed_words
from caucasus_cli.index.schema import build_schema, find_terms, iter_terms, text_analyzer


def both_ways(field_name: str, text: str):
    field = build_schema()[field_name]
    fast = sorted(field.index(text))
    chain = sorted(
        (word.encode("utf-8"), freq, weight, value)
        for word, freq, weight, value in field.format.word_values(
            text, text_analyzer(), mode="index"
        )
    )
    return fast, chain


def test_seed_articles_index_the_same_terms_and_positions(seed_corpus):
    for path in sorted(seed_corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for name in ("title", "body"):
            fast, chain = both_ways(name, text)
            assert fast == chain, (path.name, name)
        # The quote store indexes the same words, in the same order.
        assert indexed_words(text).split() == [token.text for token in text_analyzer()(text)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*"aAəƏİıçğşöüé .,-'’*\n", "the", "of", "Karabakh", "said", "1.5", "U.S.", "İlham"]
        ),
        max_size=120,
    ).map("".join)
)
def test_any_text_indexes_the_same_terms_and_positions(text):
    fast, chain = both_ways("body", text)
    assert fast == chain


def _matches_by_full_pass(text: str, terms: frozenset[str]):
    return [(start, end, term) for term, _pos, start, end in iter_terms(text) if term in terms]


def test_snippet_matching_finds_exactly_the_query_terms(seed_corpus):
    for path in sorted(seed_corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        every_term = sorted({term for term, *_ in iter_terms(text)})
        for start in range(0, len(every_term), 7):
            terms = frozenset(every_term[start : start + 7])
            assert find_terms(text, terms) == _matches_by_full_pass(text, terms), terms


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["lying", "economy", "economies", "Gəncə", "GƏNCƏ", "0.2", "x.Aliyev", " ", ", ",
             ".", "Qarabağ", "said", "says", "the", "\n"]
        ),
        max_size=40,
    ).map("".join),
    st.sets(st.sampled_from(["lie", "economi", "genc", "qarabag", "said", "say", "2", "0.2"])),
)  # fmt: skip
def test_snippet_matching_on_any_text(text, terms):
    terms = frozenset(terms)
    assert find_terms(text, terms) == _matches_by_full_pass(text, terms)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Lying", "ECONOMY", "economies", "Governments", "govern", "0.2", "x.Aliyev",
             "U.S.", "*said", "Says", "the", " ", ", ", ".", "\n", "£", "“", "”", "—", "é",
             "Ⓖ", "İ", "ſ", "\u212a"]
        ),
        max_size=40,
    ).map("".join),
    st.sets(st.sampled_from(["lie", "economi", "govern", "said", "say", "2", "0.2", "u.s",
                             "aliyev", "gəncə", "ſai"])),
)  # fmt: skip
def test_snippet_matching_on_text_with_ascii_words_and_other_signs(text, terms):
    # Most news text has only ASCII words among curly quotes, dashes and currency signs:
    # it is scanned lowercased, without the accent-folding pattern; the same words.
    terms = frozenset(terms)
    assert find_terms(text, terms) == _matches_by_full_pass(text, terms)
