"""Stemming a folded word: Russian Snowball for Cyrillic words, Porter2 for the rest.

Sources of this conflict are often Russian-language (TASS, Interfax, RIA Novosti),
so one analyzer serves both: a word with a Cyrillic letter is stemmed as Russian,
any other word exactly as before (English answers do not move).

Snowball's Russian stemmer is imported only when the first Cyrillic word is seen:
importing `whoosh.lang.snowball` loads every language's stemmer (~25 ms), which
English-only runs must not pay.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

_CYRILLIC = re.compile("[\u0400-\u04ff]")

# Snowball strips what looks like a case ending even from a nominative that ends
# that way: `Лавров` -> `лавр` but `Лаврова` -> `лавров`; `Пашинян` -> `пашиня` but
# `Пашиняна` -> `пашинян`; `Карабах` -> `караб` but `Карабаха` -> `карабах`. Names,
# which are what a fact-checker searches for, are hit hardest. A stem left ending in
# one of these tails is stemmed once more, so every case form of the name meets the
# nominative's stem. (Stemming to a fixed point would go too far: `заявил` ->
# `заяв` -> `за`.)
_RESTEM_TAILS = ("ов", "ев", "ёв", "ан", "ян", "ах", "ях")


def stem_word(word: str) -> str:
    """The index term of a lowercased, folded word."""
    if stemmed_as_english(word):
        return _english()(word)
    return stem_russian(word)


def stemmed_as_english(word: str) -> bool:
    """Whether `stem_word` gives `word` to Porter2 (a word without a Cyrillic letter).

    Porter2 only rewrites the end of a word and keeps at least its first letter (most
    suffixes must lie in R1, which starts at the third letter at the earliest; a final
    `s`, `ed` or `ing` goes only after a vowel; a word of two letters is its own stem),
    so such a word's term starts with the word's first letter (search/variants.py
    relies on it). A Russian word's need not: Snowball transliterates it and back (a
    Latin letter among Cyrillic ones comes back Cyrillic).
    """
    return word.isascii() or not _CYRILLIC.search(word)


def stem_russian(word: str) -> str:
    russian = _russian()
    stem = russian(word)
    if stem != word and stem.endswith(_RESTEM_TAILS):
        stem = russian(stem)
    return stem


@cache
def _english() -> Callable[[str], str]:
    from whoosh.lang.porter2 import stem

    return stem


@cache
def _russian() -> Callable[[str], str]:
    from whoosh.lang.snowball.russian import RussianStemmer

    return RussianStemmer().stem
