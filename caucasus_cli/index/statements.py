"""One statement, several wordings: links between quote wordings that are the same
words, one a fragment of the other, or a few words changed, found at index time.

A wording is a quote's words as `quotes/wording.py` compares them; quotes of the same
wording are one statement without any link (they share `wording_key`). Two different
wordings are linked when the shorter stands, MIN_SIMILARITY of its words in order, in
the longer. Each run links only the wordings it is the first to bring, and compares
each only with the wordings holding one of its two rarest indexed words, or both of
them where one alone is too common (blocking, as in record linkage): the cost grows
with the new wordings times the few wordings in their blocks (capped), not with the
corpus or the square of anything.

A link is a fact about two texts, true whichever articles hold them, so links carry
no generation: a quote group is read (search/groups.py) as the wordings connected
through links, taking only wordings some visible quote has.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from functools import lru_cache
from itertools import combinations

from ..quotes.wording import MIN_SIMILARITY, Wording, may_be_same, same_wording, words_of
from .documents import quote_text
from .rows import term_frequencies
from .schema import indexed_terms

# A new wording is compared with the wordings holding one of its rarest words (or two of
# them); a block more wordings hold than this is too common to tell statements apart.
_MAX_BLOCK = 200
_BLOCKING_WORDS = 2
# A block in more quote rows than this is not looked up among earlier wordings.
_MAX_POSTINGS = 5000
_AT_ONCE = 500
# Wordings split (`_split`) and their word sets (`_WordSets`, some 1.3 kB each) kept:
# 28 MB when full; a build of a few thousand articles makes each once.
_KEPT = 16384


class _Wordings:
    """Wordings by key: one text each and its indexed words. At 100,000 articles of
    distinct text there are some 500,000: only what blocking needs is kept for all of
    them (the words as a tuple of shared strings); what alignment needs is made for
    the pairs compared (`_split`, a bounded cache)."""

    def __init__(self) -> None:
        self.text: dict[int, str] = {}
        self.terms: dict[int, tuple[str, ...]] = {}

    def add(self, key: int, quote_json: str) -> None:
        if key in self.text:
            return
        text = quote_text(quote_json)
        self.text[key] = text
        self.terms[key] = tuple(map(sys.intern, set(indexed_terms(text))))


@lru_cache(maxsize=_KEPT)
def _split(text: str) -> Wording:
    # Without the spans: an alignment reads only the words of the side it places (the
    # other side's are made again inside `align`), and spans were most of the memory.
    # Interned words: some 420 bytes an entry.
    return Wording(tuple(map(sys.intern, words_of(text))), ())


def link_new_wordings(db: sqlite3.Connection, generation: int) -> int:
    """Links for the wordings the rows of `generation` bring; the number written."""
    new = _Wordings()
    rows = db.execute(
        "SELECT q.wording, q.quote FROM quotes q LEFT JOIN wordings w ON w.key = q.wording "
        "WHERE q.added = ? AND q.wording IS NOT NULL AND w.key IS NULL",
        (generation,),
    )
    for key, quote_json in rows:
        new.add(key, quote_json)
    if not new.text:
        return 0
    frequency = term_frequencies(db, set().union(*new.terms.values()))
    blocks = {key: _blocks(terms, frequency) for key, terms in new.terms.items()}
    blocking = set().union(*(set().union(*keys) for keys in blocks.values()))
    holders: dict[str, set[int]] = {}
    for key, terms in new.terms.items():
        for term in blocking.intersection(terms):
            holders.setdefault(term, set()).add(key)
    new.terms.clear()  # blocks are made: the words are not needed any more
    earlier = _Earlier(db, generation)
    links: set[tuple[int, int]] = set()
    # Each pair is compared once, without a set of every pair compared (at 500,000 new
    # wordings that would be tens of millions): a pair of two new wordings is skipped
    # by the later one when the earlier one's blocks already held it.
    used: dict[int, list[tuple[str, ...]]] = {}
    word_sets = _WordSets(new.text, earlier.texts)
    while blocks:
        key, candidates = blocks.popitem()
        found = list(_usable(candidates, holders, earlier))
        used[key] = [block for block, _members in found]
        others = set().union(*(members for _block, members in found)) - {key}
        words = word_sets[key]
        for other in others:
            # The cheap test first: it rules out all but a few hundredth of the pairs
            # (1,042 of 393,957 at 2,225 BBC articles), before the bookkeeping below.
            if not may_be_same(words, word_sets[other]):
                continue
            if other in used and _holds(holders, other, used[other], key):
                continue  # compared from the other's side
            pair = (min(key, other), max(key, other))
            if _same(new.text, earlier.texts, *pair):
                links.add(pair)
    _split.cache_clear()
    db.executemany("INSERT OR IGNORE INTO links VALUES (?, ?)", sorted(links))
    db.executemany("INSERT OR IGNORE INTO wordings VALUES (?)", ((k,) for k in new.text))
    return len(links)


def _blocks(terms: tuple[str, ...], frequency: dict[str, int]) -> list[tuple[str, ...]]:
    """The word sets a wording is blocked on: each of its rarest words, then each pair of
    them (for when a word alone is too common: a short quote of everyday words)."""
    rarest = sorted(terms, key=lambda t: (frequency.get(t, 0), t))[:_BLOCKING_WORDS]
    return [(t,) for t in rarest] + list(combinations(rarest, 2))


def _holds(holders, owner: int, blocks: list[tuple[str, ...]], key: int) -> bool:
    """Whether new wording `key` was among the members of `owner`'s usable blocks."""
    return any(all(key in holders[term] for term in block) for block in blocks)


def _usable(
    blocks, holders: dict[str, set[int]], earlier: _Earlier
) -> Iterator[tuple[tuple[str, ...], set[int]]]:
    """The wordings holding each block's words (new and earlier), for the blocks small
    enough to compare; a pair only when one of its words alone was too common."""
    too_common: set[str] = set()
    for block in blocks:
        if len(block) > 1 and not too_common & set(block):
            continue
        before = earlier.holding(block)
        members = set.intersection(*(holders[t] for t in block)) | (before or set())
        if before is None or len(members) > _MAX_BLOCK:
            too_common.update(block)
            continue
        yield block, members


class _Earlier:
    """The wordings indexed before this run, found by the words they hold (FTS5)."""

    def __init__(self, db: sqlite3.Connection, generation: int) -> None:
        self.db, self.generation = db, generation
        self.texts: dict[int, str] = {}  # wording -> one text of it
        earlier = "SELECT 1 FROM quotes WHERE added < ? LIMIT 1"
        # A first build has nothing earlier to compare with.
        self.any = db.execute(earlier, (generation,)).fetchone() is not None
        self._found: dict[tuple[str, ...], set[int] | None] = {}

    def holding(self, block: tuple[str, ...]) -> set[int] | None:
        """The earlier wordings holding every word of `block`; None if too many do."""
        if not self.any:
            return set()
        if block not in self._found:
            self._found[block] = self._look_up(block)
        return self._found[block]

    def _look_up(self, block: tuple[str, ...]) -> set[int] | None:
        expression = " AND ".join(f'words : "{term}"' for term in block)
        numbers = [
            n
            for (n,) in self.db.execute(
                "SELECT rowid FROM quote_words WHERE quote_words MATCH ? LIMIT ?",
                (expression, _MAX_POSTINGS + 1),
            )
        ]
        if len(numbers) > _MAX_POSTINGS:
            return None
        keys: set[int] = set()
        for start in range(0, len(numbers), _AT_ONCE):
            chunk = ",".join(map(str, numbers[start : start + _AT_ONCE]))
            found = self.db.execute(
                f"SELECT wording, min(quote) FROM quotes WHERE n IN ({chunk}) "
                "AND added < ? AND wording IS NOT NULL GROUP BY wording",
                (self.generation,),
            )
            for key, quote_json in found:
                keys.add(key)
                self.texts.setdefault(key, quote_text(quote_json))
        return keys


class _WordSets(dict):
    """wording key -> its set of words, for the test every candidate pair goes through
    (a plain dict lookup when known)."""

    def __init__(self, new: dict[int, str], earlier: dict[int, str]) -> None:
        super().__init__()
        self.new, self.earlier = new, earlier

    def __missing__(self, key: int) -> frozenset[str]:
        if len(self) >= _KEPT:
            self.clear()
        words = self[key] = frozenset(_split(_text(self.new, self.earlier, key)).words)
        return words


def _text(new: dict[int, str], earlier: dict[int, str], key: int) -> str:
    return new[key] if key in new else earlier[key]


def _same(new: dict[int, str], earlier: dict[int, str], a: int, b: int) -> bool:
    """Whether wordings a and b are one statement (their word sets passed `may_be_same`)."""
    text_a, text_b = _text(new, earlier, a), _text(new, earlier, b)
    words_a, words_b = _split(text_a), _split(text_b)
    return same_wording(words_a, text_a, words_b, text_b) >= MIN_SIMILARITY
