"""Phrase queries checked with sets of positions instead of Whoosh's span objects.

Whoosh matches a phrase (`"prime minister"`) by intersecting the words' postings and,
for every document holding all of them, building a `Span` object per position and
walking them with a binary search, in pure Python. That check is most of a phrase
search. A phrase of the query language (slop 1: the words next to each other, in
order) needs only this: a place where word i sits at start + i for every i. With the
positions as sets it is one set intersection per word, and it finds the same
documents and the same spans (a test holds it to Whoosh's own matcher).
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from itertools import accumulate

from whoosh import matching, query, scoring
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query.spans import Span, SpanNear2

from ..index import safeload

_COUNT_SIZE = 4  # whoosh.formats._INT_SIZE: the count of positions before the gaps


class AdjacentPhrase(query.Phrase):
    """A Phrase whose words must be adjacent and in order (slop 1), matched by
    `AdjacentMatcher`. Other slops are left to Whoosh."""

    def matcher(self, searcher, context=None):
        if self.slop != 1:
            return super().matcher(searcher, context)
        fieldname = self.fieldname
        if fieldname not in searcher.schema:
            return super().matcher(searcher, context)
        field = searcher.schema[fieldname]
        if not field.format or not field.format.supports("positions"):
            return super().matcher(searcher, context)
        reader = searcher.reader()
        terms = []
        for word in self.words:
            try:
                word = field.to_bytes(word)
            except ValueError:
                return matching.NullMatcher()
            if (fieldname, word) not in reader:
                # A word the field never holds: no document has the phrase.
                return matching.NullMatcher()
            terms.append(query.Term(fieldname, word))
        # The same context Whoosh's SpanNear2 gives its terms (positions wanted).
        context = SpanNear2._span_context(context)
        matchers = [term.matcher(searcher, context) for term in terms]
        matcher = found_in_one_go(matchers) or AdjacentMatcher(matchers)
        if self.boost != 1.0:
            matcher = matching.WrappingMatcher(matcher, boost=self.boost)
        return matcher


class AdjacentMatcher(SpanNear2.SpanNear2Matcher):
    """SpanNear2's matcher for slop 1, ordered, with a set-based position check."""

    def __init__(self, ms, slop=1, ordered=True, mindist=1):
        super().__init__(ms, slop=1, ordered=True, mindist=1)

    def _get_spans(self):
        matchers = self.ms
        starts = set(matchers[0].value_as("positions"))
        for offset in range(1, len(matchers)):
            if not starts:
                return []
            starts.intersection_update(
                place - offset for place in matchers[offset].value_as("positions")
            )
        last = len(matchers) - 1
        return [Span(start, start + last) for start in sorted(starts)]


def found_in_one_go(matchers) -> matching.Matcher | None:
    """The documents holding the phrase, with their scores and spans, worked out at once
    from whole posting lists, or None where that is not possible (then AdjacentMatcher
    steps through them as Whoosh does).

    Stepping an intersection of postings in Python costs a few method calls per posting
    of every word; here each word's postings are read block by block (Whoosh's W3 leaf
    matcher: ids, weights and encoded positions), the documents holding every word are
    one set intersection, positions are decoded for those only, and each phrase document
    is scored as Whoosh's SpanNear2 matcher scores it: the sum, over a binary tree of
    the words (make_binary_tree's), of each word's BM25F score for its weight and the
    field's length in that document (one length lookup for all the words: one field).
    """
    # Every word's matcher is checked before any is read: reading one uses it up, and
    # the fallback needs them all untouched.
    readable = [_readable(matcher) for matcher in matchers]
    if any(found is None for found in readable):
        return None
    leaves = [leaf for leaf, _excluded in readable]
    scorers = [leaf.scorer for leaf in leaves]
    if not all(isinstance(scorer, scoring.WeightLengthScorer) for scorer in scorers):
        return None
    postings = [_whole_postings(leaf, excluded) for leaf, excluded in readable]
    common = set(postings[0][0]).intersection(*(ids for ids, _w, _v in postings[1:]))
    if not common:
        return matching.NullMatcher()
    where = [dict(zip(ids, range(len(ids)), strict=True)) for ids, _w, _v in postings]
    words = [
        (offset, where[offset], weights, values)
        for offset, (_i, weights, values) in enumerate(postings)
    ]
    found_ids, scores, starts_of = [], [], []
    length_of = scorers[0].dfl
    for doc in sorted(common):
        starts = None
        for offset, place_of, _weights, values in words:
            places = _positions(values[place_of[doc]])
            if offset:
                starts.intersection_update(place - offset for place in places)
                if not starts:
                    break
            else:
                starts = set(places)
        if not starts:
            continue
        length = length_of(doc)
        word_scores = [
            scorer._score(weights[place_of[doc]], length)
            for scorer, (_o, place_of, weights, _v) in zip(scorers, words, strict=True)
        ]
        found_ids.append(doc)
        scores.append(_tree_sum(word_scores))
        starts_of.append(starts)
    if not found_ids:
        return matching.NullMatcher()
    return _PhraseList(found_ids, scores, starts_of, len(words))


def _positions(value: bytes) -> Iterator[int]:
    """A word's positions in a document, from Whoosh's Positions encoding (a 4-byte
    count, then the pickled gaps), as formats.Positions.decode_positions reads it."""
    if not value.endswith(b"."):
        value += b"."
    return accumulate(safeload.loads(value[_COUNT_SIZE:]))


def _readable(matcher) -> tuple[W3LeafMatcher, Container[int]] | None:
    """The W3 leaf matcher behind `matcher` and the deleted documents to leave out, if
    its postings can be read whole: a fresh leaf, bare or behind the reader's filter of
    deleted documents; else None."""
    excluded: Container[int] = frozenset()
    if type(matcher) is FilterMatcher and matcher._exclude and matcher.boost == 1.0:
        excluded, matcher = matcher._ids, matcher.child
    # A bare leaf matcher is fresh (at its first posting). Behind the filter it may have
    # been moved past deleted documents: reading from the start of its block and leaving
    # out the deleted ones gives the same postings.
    if type(matcher) is not W3LeafMatcher or not matcher.is_active():
        return None
    if matcher._i and not excluded:
        return None
    return matcher, excluded


def _whole_postings(
    matcher: W3LeafMatcher, excluded: Container[int]
) -> tuple[list[int], list[float], list[bytes]]:
    """(ids, weights, encoded values) of a word's postings in one segment, read block
    by block from the matcher's current block on (it is used up), `excluded` left out."""
    ids: list[int] = []
    weights: list[float] = []
    values: list[bytes] = []
    while matcher.is_active():
        # Whoosh's own block readers (the W3 matcher has no public per-block access).
        matcher._read_ids()
        matcher._read_weights()
        matcher._read_values()
        ids.extend(matcher._ids)
        weights.extend(matcher._weights)
        values.extend(matcher._values)
        matcher._next_block()
    if excluded:
        kept = [i for i, doc in enumerate(ids) if doc not in excluded]
        ids, weights, values = ([column[i] for i in kept] for column in (ids, weights, values))
    return ids, weights, values


def _tree_sum(scores: list[float]) -> float:
    """The sum in the order of Whoosh's binary tree of intersections (floats: the
    order decides the last bit, and ties in rank go by score)."""
    if len(scores) == 1:
        return scores[0]
    half = len(scores) // 2
    return _tree_sum(scores[:half]) + _tree_sum(scores[half:])


class _PhraseList(matching.ListMatcher):
    """The phrase documents of one segment with their scores (as weights), and the
    positions where the phrase starts in each (spans made only if asked for)."""

    def __init__(self, ids, scores, starts_of, words, position=0):
        super().__init__(ids, weights=scores, position=position)
        self._starts_of = starts_of
        self._words = words

    def copy(self):
        return _PhraseList(self._ids, self._weights, self._starts_of, self._words, self._i)

    def spans(self):
        last = self._words - 1
        return [Span(start, start + last) for start in sorted(self._starts_of[self._i])]

    def supports(self, astype):
        return False

    def supports_block_quality(self):
        return False


def adjacent_phrases(parsed: query.Query) -> query.Query:
    """`parsed` with each Phrase replaced by an AdjacentPhrase of the same words."""

    def swap(node: query.Query) -> query.Query:
        if type(node) is query.Phrase:
            return AdjacentPhrase(
                node.fieldname,
                node.words,
                slop=node.slop,
                boost=node.boost,
                char_ranges=node.char_ranges,
                degrade=node.degrade,
            )
        return node

    return parsed.accept(swap)
