"""A plain query (words and "phrases") is parsed without loading Whoosh's query parser,
into the very query that parser gives: the answers cannot change (search/queryparser.py).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import qparser

from caucasus_cli.index.documents import ARTICLE_TEXT_FIELDS, QUOTE_TEXT_FIELDS
from caucasus_cli.index.schema import build_schema, quote_query_schema
from caucasus_cli.search import queryparser

# Words a reader types, stop words, operators, names with accents, Cyrillic, numbers,
# and marks that make a query something other than plain words.
WORDS = [
    "peace", "agreement", "Prime", "minister", "Karabakh", "Qarabağ", "Лавров", "2020",
    "the", "of", "a", "AND", "OR", "NOT", "and", "TO", "ANDNOT", "e_mail", "Élysée",
    "ceasefire", "talks", "x", "1", "naïve", "STRAẞE",
    "e-mail", "U.S.", "it's", "title:peace", "Lavr*", "Lavrof~", "(peace", "talks)",
    "peace^2", "[a TO b]", "3.5%", "*",
]  # fmt: skip
SEPARATORS = [" ", "  ", "\t", " \n "]


def _whoosh(fields, schema):
    parser = qparser.MultifieldParser(list(fields), schema)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    return parser


def _ours(fields, schema):
    parser = queryparser.MultifieldParser(list(fields), schema)
    parser.add_plugin(queryparser.FuzzyTermPlugin())
    return parser


@st.composite
def typed_queries(draw) -> str:
    items = []
    for _ in range(draw(st.integers(1, 4))):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))
        phrase = draw(st.booleans())
        items.append(f'"{" ".join(words)}"' if phrase else words[0])
    separators = [draw(st.sampled_from(SEPARATORS)) for _ in items]
    return "".join(s + item for s, item in zip(separators, items, strict=True)).lstrip()


SCHEMAS = {
    "articles": (ARTICLE_TEXT_FIELDS, build_schema()),
    "quotes": (QUOTE_TEXT_FIELDS, quote_query_schema()),
}


@pytest.mark.parametrize("kind", SCHEMAS)
@settings(max_examples=300, deadline=None)
@given(text=typed_queries())
def test_the_same_query_as_whoosh_parser_gives(kind, text):
    fields, schema = SCHEMAS[kind]
    assert _outcome(_ours(fields, schema), text) == _outcome(_whoosh(fields, schema), text)


def _outcome(parser, text: str):
    """The query, or the error Whoosh's parser stops with (`a ANDNOT ANDNOT a`)."""
    try:
        return parser.parse(text)
    except Exception as error:
        return type(error)


@pytest.mark.parametrize(
    "text",
    ["government", '"prime minister"', "Raynsford", "peace talks", "the government",
     '"the prime minister" talks', "Лавров", "Qarabağ", "the", '"of the"'],
)  # fmt: skip
def test_plain_words_and_phrases_are_parsed_here(text):
    fields, schema = SCHEMAS["articles"]
    plain = queryparser.parse_plain(text, list(fields), schema)
    assert plain is not None
    assert plain == _whoosh(fields, schema).parse(text)


@pytest.mark.parametrize(
    "text", ["peace OR talks", "title:peace", "Lavr*", "Lavrof~", "NOT peace", "e-mail", "(a b)"]
)
def test_anything_else_goes_to_whoosh_parser(text):
    fields, schema = SCHEMAS["articles"]
    assert queryparser.parse_plain(text, list(fields), schema) is None
    assert _ours(fields, schema).parse(text) == _whoosh(fields, schema).parse(text)
