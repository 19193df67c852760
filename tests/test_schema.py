"""The fast indexing path must produce exactly what Whoosh's analyzer chain would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from caucasus_cli.schema import build_schema, text_analyzer


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
        for name in ("title", "body", "quote"):
            fast, chain = both_ways(name, text)
            assert fast == chain, (path.name, name)


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
