"""Name variants: Karabakh / Qarabağ / Karabagh are one place to a reader, three to grep.

Groups come from `data/variants.txt` (plus the user's own file). Expansion happens at
query time, so adding a group needs no re-indexing.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from functools import cache

from whoosh import query

from ..config import data_lines
from ..index.documents import VARIANT_FIELDS as TEXT_FIELDS
from ..index.schema import folded_words, indexed_terms
from ..ingest.stemming import stemmed_as_english

# A phrase with several variant words would multiply; beyond this, keep it as written.
_MAX_PHRASE_ALTERNATIVES = 16

Tokens = tuple[str, ...]


def analyze(text: str) -> Tokens:
    """The terms the index analyzer makes of `text` (index/schema.py holds the two equal)."""
    return tuple(indexed_terms(text))


@cache
def _groups() -> tuple[tuple[tuple[str, Tokens], ...], ...]:
    """Each group of variants.txt: its spellings as written, each with its words folded
    but not stemmed (cheap, unlike stemming: some 20 µs a word in pure Python)."""
    return tuple(
        tuple((name, tuple(folded_words(name))) for name in line.split("|"))
        for line in data_lines("variants.txt")
    )


def _may_analyze_to(words: Tokens, key: Tokens) -> bool:
    """False only where the folded `words` cannot stem to the terms `key`: another number
    of words, or a first letter that Porter2 would have kept (`stemmed_as_english`)."""
    return len(words) == len(key) and all(
        word[:1] == term[:1] or not stemmed_as_english(word)
        for word, term in zip(words, key, strict=True)
    )


def variants_of(words: Iterable[str]) -> tuple[Tokens, ...]:
    """The analyzed spellings that stand for the same name as `words` (already analyzed):
    every spelling of each group that holds them, sorted; just `words` when none does."""
    return _variants(tuple(words))


@cache
def _variants(key: Tokens) -> tuple[Tokens, ...]:
    # Only the groups with a spelling that may analyze to `key` are analyzed: a search
    # stems a few names, not all of them (some 2 ms of every search's start-up).
    group: set[Tokens] = set()
    for names in _groups():
        if not any(_may_analyze_to(folded, key) for _name, folded in names):
            continue
        spellings = {analyze(name) for name, _folded in names}
        spellings.discard(())
        if key in spellings:
            group.update(spellings)
    return tuple(sorted(group)) if group else (key,)


def expand_variants(q: query.Query) -> query.Query:
    """Return `q` with each name term widened to all spellings of that name."""
    if isinstance(q, query.Term) and q.fieldname in TEXT_FIELDS and isinstance(q.text, str):
        alternatives = variants_of((q.text,))
        if len(alternatives) == 1:
            return q
        return query.Or([_as_query(q.fieldname, words, q.boost) for words in alternatives])
    if isinstance(q, query.Phrase) and q.fieldname in TEXT_FIELDS:
        return _expand_phrase(q)
    if q.is_leaf():
        return q
    return q.apply(expand_variants)


def _expand_phrase(q: query.Phrase) -> query.Query:
    whole = variants_of(q.words)
    if len(whole) > 1:
        return query.Or([_as_query(q.fieldname, words, q.boost, q.slop) for words in whole])
    per_word = [variants_of((word,)) for word in q.words]
    choices = [[alt for alt in alternatives if len(alt) == 1] for alternatives in per_word]
    count = 1
    for options in choices:
        count *= len(options)
    if count == 1 or count > _MAX_PHRASE_ALTERNATIVES:
        return q
    phrases = [
        query.Phrase(q.fieldname, [alt[0] for alt in combo], slop=q.slop, boost=q.boost)
        for combo in itertools.product(*choices)
    ]
    return query.Or(phrases)


def _as_query(fieldname: str, words: Tokens, boost: float, slop: int = 1) -> query.Query:
    if len(words) == 1:
        return query.Term(fieldname, words[0], boost=boost)
    return query.Phrase(fieldname, list(words), slop=slop, boost=boost)
