"""Where else was it said: one quote's occurrences across every article that ran it.

Two quotes are one statement when, after folding case, marks, punctuation and name
variants, they are the same words, one is a fragment of the other, or they differ
by a few words (the shorter aligned inside the longer, `MIN_SIMILARITY` of its words
in order). Quotes of the same wording share a key; different wordings of one
statement are linked at index time (index/statements.py). A group is every quote
whose wording is connected to the quote's own through links, read from the store.

A group is listed first seen first: the earliest dated occurrence, then the others by
date, undated ones last. Its id is the id of its first-seen quote, so it changes only
when an earlier occurrence is indexed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from ..errors import QueryError
from ..index.quotequery import QuoteQuery
from ..index.store import CorpusIndex, reads_index
from ..models import Quote, QuoteKind, SortOrder
from ..quotes.people import fold_name
from ..quotes.wording import (
    CLOSE_ENOUGH,
    MIN_SIMILARITY,
    Change,
    align,
    same_statement,
    tokens,
    wording_key,
)
from .check import Verdict
from .quotes import QuoteFilter, QuoteListing, quote_query


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
        return len(distinct_people(self.speakers)) > 1


@reads_index
def quote_group(index: CorpusIndex, quote: Quote) -> QuoteGroup:
    """Every indexed occurrence of `quote`'s words (itself included)."""
    members = {quote.id: Occurrence(quote, 1.0)}
    key = wording_key(tokens(quote.text).words)
    if key is not None:
        for _wording, other in _quotes_of(index, _connected(index.quotes, key)):
            similarity = same_statement(quote.text, other.text)
            # Linked through a third wording (two fragments of one long quote) is not
            # enough: each occurrence is the same statement as the quote asked about.
            if other.id not in members and similarity >= MIN_SIMILARITY:
                members[other.id] = Occurrence(other, similarity)
    return _first_seen_first(list(members.values()))


def _connected(store, key: int) -> set[int]:
    """The wordings linked to `key`, directly or through others some visible quote has."""
    found, frontier = {key}, [key]
    while frontier:
        fresh = store.linked_wordings(frontier) - found
        # Only the wordings some quote of the index being read has.
        frontier = sorted(store.wordings(QuoteQuery(wordings=fresh))) if fresh else []
        found.update(frontier)
    return found


def _quotes_of(
    index: CorpusIndex, keys: set[int], kind: QuoteKind | None = None
) -> list[tuple[int, Quote]]:
    """(wording, quote) of the quotes of these wordings."""
    return index.quotes.quotes_with_wordings(QuoteQuery(wordings=keys, kind=kind))


def evidence_group(index: CorpusIndex, verdict: Verdict) -> QuoteGroup | None:
    """Where else the words of a verdict's best evidence were published, when that
    evidence is a quote close enough to be the claim's words."""
    best = verdict.best
    if best is None or best.quote is None or best.similarity < CLOSE_ENOUGH:
        return None
    return quote_group(index, best.quote)


def distinct_people(names: list[str]) -> list[str]:
    """The names that are not one person named in full and by surname ("Gordon Brown",
    "Brown"): one name whose words end another's is the same person, as far as the text
    can tell; a name not in full cannot be told from the full one, so it is no clash."""
    kept: list[tuple[list[str], str]] = []
    for name in sorted(names, key=lambda n: -len(fold_name(n).split())):
        words = fold_name(name).split()
        if not any(other[-len(words) :] == words for other, _ in kept):
            kept.append((words, name))
    return [name for _, name in kept]


def _first_seen_first(occurrences: list[Occurrence]) -> QuoteGroup:
    """The group of these occurrences, ordered as first seen, each with its changes."""
    ordered = sorted(occurrences, key=lambda o: _seen_order(o.quote))
    first = ordered[0].quote
    for occurrence in ordered[1:]:
        occurrence.changes = _changes(first.text, occurrence.quote.text)
    return QuoteGroup(id=first.id or "", occurrences=ordered)


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


@reads_index
def group_listing(
    index: CorpusIndex, group: QuoteGroup, wanted: QuoteFilter | None = None
) -> QuoteListing:
    """The group's quotes as a quote listing (`quotes --group ID`), first seen first
    (`-date`: last seen first); with `wanted`, those it matches (its words, speaker,
    outlet and dates; every kind, as a group holds them), `offset` and `limit` applied."""
    quotes = [occurrence.quote for occurrence in group.occurrences]
    if wanted is None:
        return QuoteListing(quotes=quotes, total=len(quotes))
    asked = replace(quote_query(wanted), kind=None, ids=[q.id for q in quotes if q.id])
    matching = set(index.quotes.ids(asked))
    quotes = [quote for quote in quotes if quote.id in matching]
    if wanted.sort == SortOrder.newest:
        quotes.reverse()
    end = None if wanted.limit is None else wanted.offset + wanted.limit
    return QuoteListing(quotes=quotes[wanted.offset : end], total=len(quotes))


@reads_index
def spread(
    index: CorpusIndex, min_articles: int = 2, wanted: QuoteFilter | None = None
) -> list[QuoteGroup]:
    """Statements (groups of direct quotes) run by at least `min_articles` articles, the
    most outlets first, then the most articles (with `wanted.sort` date or -date: by
    when first seen). With `wanted`, the statements one of whose quotes it matches
    (words, speaker, outlet, dates); `limit` and `offset` are the caller's.

    Groups are the wordings connected by the index's links; only the quotes of groups
    in enough articles are read in full.
    """
    if wanted is not None and wanted.kind != QuoteKind.DIRECT:
        raise QueryError("--spread lists statements in direct quotations: leave out --kind")
    store = index.quotes
    docs: dict[int, set[str]] = {}
    for key, doc in store.wording_docs(QuoteQuery(kind=QuoteKind.DIRECT)):
        docs.setdefault(key, set()).add(doc)
    parent = {key: key for key in docs}

    def root(key: int) -> int:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for w1, w2 in store.links():
        if w1 in parent and w2 in parent:
            parent[root(w1)] = root(w2)
    components: dict[int, set[int]] = {}
    for key in docs:
        components.setdefault(root(key), set()).add(key)
    wide = [
        keys
        for keys in components.values()
        if len(set().union(*(docs[k] for k in keys))) >= min_articles
    ]
    if wanted is not None:
        matching = store.wordings(quote_query(wanted))
        wide = [keys for keys in wide if keys & matching]
    groups = [_group_of(quotes) for quotes in _quotes_by_group(index, wide)]
    return _ordered(groups, wanted.sort if wanted is not None else SortOrder.score)


def _ordered(groups: list[QuoteGroup], order: SortOrder) -> list[QuoteGroup]:
    if order == SortOrder.score:
        return sorted(
            groups,
            key=lambda g: (-len(g.outlets), -len(g.occurrences), _seen_order(g.first_seen.quote)),
        )
    dated = sorted((g for g in groups if g.first_seen.quote.date), key=_first_seen_key)
    undated = sorted((g for g in groups if not g.first_seen.quote.date), key=_first_seen_key)
    return (dated[::-1] if order == SortOrder.newest else dated) + undated


def _first_seen_key(group: QuoteGroup) -> tuple:
    return _seen_order(group.first_seen.quote)


def _quotes_by_group(index: CorpusIndex, groups: list[set[int]]) -> list[list[tuple[int, Quote]]]:
    """The direct quotes of each group of wordings, read a few hundred wordings at a time."""
    group_of = {key: number for number, keys in enumerate(groups) for key in keys}
    found: list[list[tuple[int, Quote]]] = [[] for _ in groups]
    keys = sorted(group_of)
    for start in range(0, len(keys), 500):
        for wording, quote in _quotes_of(index, set(keys[start : start + 500]), QuoteKind.DIRECT):
            found[group_of[wording]].append((wording, quote))
    return found


def _group_of(members: list[tuple[int, Quote]]) -> QuoteGroup:
    """A group from (wording, quote) pairs: quotes of the first-seen quote's own wording
    are its words again, and need no alignment (most of a widely run statement)."""
    ordered = sorted(members, key=lambda member: _seen_order(member[1]))
    first_wording, first = ordered[0]
    occurrences = [Occurrence(first, 1.0)]
    for wording, quote in ordered[1:]:
        if wording == first_wording:
            occurrences.append(Occurrence(quote, 1.0))
        else:
            similarity = same_statement(first.text, quote.text)
            occurrences.append(Occurrence(quote, similarity, _changes(first.text, quote.text)))
    return QuoteGroup(id=first.id or "", occurrences=occurrences)
