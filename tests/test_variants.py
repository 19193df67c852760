"""Name variants are looked up without stemming every name of variants.txt at each search;
the answers must be those of the whole table, built as before (every name analyzed)."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caucasus_cli.config import data_entries, data_lines
from caucasus_cli.index.schema import text_analyzer
from caucasus_cli.ingest.stemming import stem_word, stemmed_as_english
from caucasus_cli.search import variants
from caucasus_cli.search.articles import SearchOptions, search_articles
from caucasus_cli.search.variants import variants_of

Tokens = tuple[str, ...]


def whole_table() -> dict[Tokens, tuple[Tokens, ...]]:
    """Analyzed spelling -> its group, every name analyzed by Whoosh's analyzer chain."""
    table: dict[Tokens, set[Tokens]] = {}
    for line in data_lines("variants.txt"):
        spellings = {tuple(t.text for t in text_analyzer()(name)) for name in line.split("|")}
        spellings.discard(())
        for spelling in spellings:
            table.setdefault(spelling, set()).update(spellings)
    return {key: tuple(sorted(group)) for key, group in table.items()}


def as_whole_table_says(key: Tokens) -> tuple[Tokens, ...]:
    return whole_table().get(key, (key,))


@pytest.fixture
def user_variants(tmp_path, monkeypatch):
    """A user's variants.txt beside the bundled one (caches emptied before and after)."""

    def write(text: str) -> None:
        folder = tmp_path / "config" / "caucasus"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "variants.txt").write_text(text, encoding="utf-8")
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
        clear()

    def clear() -> None:
        data_entries.cache_clear()
        variants._groups.cache_clear()
        variants._variants.cache_clear()

    yield write
    clear()


def test_every_bundled_spelling_finds_its_whole_group():
    table = whole_table()
    assert len(table) > 50
    for key, group in table.items():
        assert variants_of(key) == group, key


def test_user_groups_in_russian_and_mixed_scripts_are_found(user_variants):
    # Russian names are stemmed through a transliteration, which may change a first
    # letter (a Latin letter among Cyrillic ones comes back Cyrillic): they are always
    # analyzed, never skipped on their first letter.
    user_variants(
        "Лавров | Lavrov | Lavroff\n"
        "Сергей Лавров | Sergei Lavrov\n"
        "Kрым | Crimea | Krym\n"  # a Latin K before Cyrillic letters
        "Yerevan | Ереван\n"
    )
    table = whole_table()
    for key in [*table, ("крым",), ("krim",), ("lavrov", "sergei")]:
        assert variants_of(key) == table.get(key, (key,)), key
    assert ("lavrov",) in variants_of(("лавр",))


@given(
    st.lists(
        st.sampled_from(
            ["karabakh", "karabagh", "qarabag", "nagorno", "aliev", "aliyev", "eliyev",
             "genc", "ganja", "gori", "gorus", "gubad", "qubad", "kelbec", "nagorni",
             "khojali", "susa", "erdogan", "govern", "minist", "a", "k", "q", "лавр"]
        ),
        min_size=0,
        max_size=3,
    ).map(tuple)
)  # fmt: skip
def test_any_words_get_the_whole_tables_answer(key):
    assert variants_of(key) == as_whole_table_says(key)


@given(st.text(alphabet=string.ascii_lowercase + string.digits + "_.éçşıαβ", min_size=1))
def test_a_word_stemmed_as_english_keeps_its_first_letter(word):
    # What variants.py relies on to leave a name unstemmed.
    assert stemmed_as_english(word)
    assert stem_word(word)[:1] == word[:1]


def test_a_search_for_a_variant_finds_the_articles_of_every_spelling(seed_index):
    from caucasus_cli.index.store import CorpusIndex

    with CorpusIndex(seed_index) as index:
        as_written = search_articles(index, SearchOptions("Nakhichevan", exact=True))
        for spelling in ("Naxçıvan", "Nakhchivan", "Nakhijevan"):
            assert not search_articles(index, SearchOptions(spelling, exact=True)).hits
            widened = search_articles(index, SearchOptions(spelling))
            assert [h.doc for h in widened.hits] == [h.doc for h in as_written.hits] != []
