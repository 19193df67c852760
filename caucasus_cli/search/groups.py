"""Where else was it said: one quote's occurrences across every article that ran it.

Two quotes are one statement when, after folding case, marks, punctuation and name
variants, they are the same words, one is a fragment of the other, or they differ
by a few words (the shorter aligned inside the longer, `MIN_SIMILARITY` of its words
in order). Occurrences are found for one quote when asked, from the index: the
quotes sharing its rarest words (as `check` retrieves), then aligned word by word.

A group is listed first seen first: the earliest dated occurrence, then the others by
date, undated ones last. Its id is the id of its first-seen quote, so it changes only
when an earlier occurrence is indexed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..index.quotestore import Selection
from ..index.store import CorpusIndex, reads_index
from ..models import Quote
from .check import CLOSE_ENOUGH, Change, Verdict, align, retrieve_quotes, tokens
from .quotes import QuoteListing

# Share of the shorter quote's words, in order, that the longer one must have: the
# threshold at which `check` calls a claim the same words, changed.
MIN_SIMILARITY = CLOSE_ENOUGH
# Fewer words than this match too many unrelated quotes ("we will win").
MIN_WORDS = 5
_CANDIDATES = 200


@dataclass(slots=True)
class Occurrence:
    quote: Quote
    similarity: float  # 1.0: the same words, or an exact fragment
    # How its words differ from the first-seen occurrence's ("equal" steps left out).
    changes: list[Change] = field(default_factory=list)


@dataclass(slots=True)
class QuoteGroup:
    id: str
    occurrences: list[Occurrence]  # first seen first

    @property
    def first_seen(self) -> Occurrence:
        return self.occurrences[0]

    @property
    def outlets(self) -> list[str]:
        return _distinct(o.quote.source for o in self.occurrences)

    @property
    def speakers(self) -> list[str]:
        return _distinct(o.quote.speaker for o in self.occurrences)

    @property
    def attributions_differ(self) -> bool:
        """Some occurrences give the words to someone else: a misattribution somewhere."""
        return len(self.speakers) > 1


@reads_index
def quote_group(index: CorpusIndex, quote: Quote) -> QuoteGroup:
    """Every indexed occurrence of `quote`'s words (itself included)."""
    members = {quote.id: Occurrence(quote, 1.0)}
    if len(tokens(quote.text).words) >= MIN_WORDS:
        for other in retrieve_quotes(index, quote.text, Selection(), _CANDIDATES):
            if other.id in members:
                continue
            similarity = same_statement(quote.text, other.text)
            if similarity >= MIN_SIMILARITY:
                members[other.id] = Occurrence(other, similarity)
    return _first_seen_first(list(members.values()))


def evidence_group(index: CorpusIndex, verdict: Verdict) -> QuoteGroup | None:
    """Where else the words of a verdict's best evidence were published, when that
    evidence is a quote close enough to be the claim's words."""
    best = verdict.best
    if best is None or best.quote is None or best.similarity < CLOSE_ENOUGH:
        return None
    return quote_group(index, best.quote)


def _first_seen_first(occurrences: list[Occurrence]) -> QuoteGroup:
    """The group of these occurrences, ordered as first seen, each with its changes."""
    ordered = sorted(occurrences, key=lambda o: _seen_order(o.quote))
    first = ordered[0].quote
    for occurrence in ordered[1:]:
        occurrence.changes = _changes(first.text, occurrence.quote.text)
    return QuoteGroup(id=first.id or "", occurrences=ordered)


def same_statement(a: str, b: str) -> float:
    """How much of the shorter text stands, in order, in the longer (0..1)."""
    words_a, words_b = tokens(a), tokens(b)
    if len(words_a.words) <= len(words_b.words):
        short, long_words, long_text = words_a, words_b, b
    else:
        short, long_words, long_text = words_b, words_a, a
    if len(short.words) < MIN_WORDS:
        return 1.0 if short.words == long_words.words else 0.0
    similarity, _start, _end, _diff = align(short, long_text)
    return similarity


def _changes(first: str, other: str) -> list[Change]:
    """How `other` differs from the first-seen text: "insert" is a word it adds,
    "delete" one it leaves out, "replace" one it changes (as `check` reports them)."""
    _similarity, _start, _end, diff = align(tokens(other), first)
    return [step for step in diff if step.op != "equal"]


def _seen_order(quote: Quote) -> tuple:
    # Dated first, earliest first; undated after; ties in a stable order.
    return (quote.date is None, quote.date or dt.date.min, quote.doc or "", quote.start)


def _distinct(values) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value and value not in seen:
            seen.append(value)
    return seen


def group_listing(group: QuoteGroup) -> QuoteListing:
    """The group's quotes as a quote listing (`quotes --group ID`), first seen first."""
    quotes = [occurrence.quote for occurrence in group.occurrences]
    return QuoteListing(quotes=quotes, total=len(quotes))


# Quotes sharing a rare word are compared pairwise; a word shared by more quotes than
# this is not rare enough to tell statements apart, and is not used to block.
_MAX_BLOCK = 200
_BLOCKING_WORDS = 2


@reads_index
def spread(index: CorpusIndex, min_articles: int = 2) -> list[QuoteGroup]:
    """Statements (groups of direct quotes) run by at least `min_articles` articles, the
    most outlets first, then the most articles.

    Every direct quote is read once. Quotes of the same words are one statement at
    once; the others are compared only within blocks of those sharing one of their
    rarest words, and only when enough of their words are shared at all, so the cost
    grows with the number of quotes, not with its square.
    """
    from ..index.schema import text_analyzer
    from .quotes import QuoteFilter, list_quotes

    store = index.quotes
    by_words: dict[tuple[str, ...], list[Quote]] = {}
    for quote in list_quotes(index, QuoteFilter(kind="direct")).quotes:
        words = tokens(quote.text).words
        if len(words) >= MIN_WORDS:
            by_words.setdefault(words, []).append(quote)
    statements = list(by_words)  # one per distinct wording
    terms_of = [
        {token.text for token in text_analyzer()(by_words[words][0].text)} for words in statements
    ]
    frequency = store.vocabulary(set().union(*terms_of))

    def rarity(word: str) -> int:
        return frequency.get(word, 0)

    blocks: dict[str, list[int]] = {}
    for number, terms in enumerate(terms_of):
        for term in sorted(terms, key=lambda w: (rarity(w), w))[:_BLOCKING_WORDS]:
            blocks.setdefault(term, []).append(number)
    parent = list(range(len(statements)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    word_sets = [set(words) for words in statements]
    for members in blocks.values():
        if len(members) > _MAX_BLOCK:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if root(a) != root(b) and _may_be_same(word_sets[a], word_sets[b]):
                    text_a, text_b = (
                        by_words[statements[a]][0].text,
                        by_words[statements[b]][0].text,
                    )
                    if same_statement(text_a, text_b) >= MIN_SIMILARITY:
                        parent[root(a)] = root(b)
    grouped: dict[int, list[Quote]] = {}
    for number, words in enumerate(statements):
        grouped.setdefault(root(number), []).extend(by_words[words])
    groups = [
        _group_of(members)
        for members in grouped.values()
        if len({q.doc for q in members}) >= min_articles
    ]
    return sorted(
        groups,
        key=lambda g: (-len(g.outlets), -len(g.occurrences), _seen_order(g.first_seen.quote)),
    )


def _may_be_same(a: set[str], b: set[str]) -> bool:
    """Whether the shorter can have MIN_SIMILARITY of its words in the longer: a cheap
    test before the alignment that decides."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short & long_) >= MIN_SIMILARITY * len(short)


def _group_of(quotes: list[Quote]) -> QuoteGroup:
    first = min(quotes, key=_seen_order)
    return _first_seen_first([Occurrence(q, same_statement(first.text, q.text)) for q in quotes])
