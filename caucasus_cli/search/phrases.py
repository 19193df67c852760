"""Phrase queries checked with sets of positions instead of Whoosh's span objects.

Whoosh matches a phrase (`"prime minister"`) by intersecting the words' postings and,
for every document holding all of them, building a `Span` object per position and
walking them with a binary search, in pure Python. That check is most of a phrase
search. A phrase of the query language (slop 1: the words next to each other, in
order) needs only this: a place where word i sits at start + i for every i. With the
positions as sets it is one set intersection per word, and it finds the same
documents and the same spans (a test holds it to Whoosh's own matcher).

Where a query's matches in a segment can be known whole, they are worked out at once
as a ScoredList (documents and scores) instead of being stepped through one method
call at a time: a phrase's (found_in_one_go), a bare word's (ListedTerm), the OR of
the two fields the parser makes of either (PairUnion), and the ranking of such a list
(TopListCollector). Each gives Whoosh's own documents, scores (to the last bit) and
order; tests hold them to Whoosh's matchers and collector. With field lengths read a
column at a time (index/scoring.py) and faster unpickling (index/safeload.py), this
halves `"prime minister"` in process at 22,250 BBC articles and takes `government` to
about 40% of its time (CPU medians side by side, loaded machine).
"""

from __future__ import annotations

import heapq
from collections.abc import Container
from itertools import accumulate

from whoosh import collectors, matching, query, scoring
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
    docs = sorted(common)
    # For each word: where each document is in its postings, and the gaps between its
    # positions in each of `docs` (all loaded in one go).
    places = [dict(zip(ids, range(len(ids)), strict=True)) for ids, _w, _v in postings]
    gaps = [
        safeload.int_lists([values[place_of[doc]] for doc in docs], skip=_COUNT_SIZE)
        for place_of, (_i, _w, values) in zip(places, postings, strict=True)
    ]
    found_ids = []
    starts_of = []
    for index, doc in enumerate(docs):
        starts = set(accumulate(gaps[0][index]))
        for offset in range(1, len(gaps)):
            starts.intersection_update(
                [place - offset for place in accumulate(gaps[offset][index])]
            )
            if not starts:
                break
        if starts:
            found_ids.append(doc)
            starts_of.append(starts)
    if not found_ids:
        return matching.NullMatcher()
    scores = _phrase_scores(found_ids, scorers, places, [weights for _i, weights, _v in postings])
    return _PhraseList(found_ids, scores, starts_of, len(places))


def _phrase_scores(docs, scorers, places, weights) -> list[float]:
    """Each document's score as SpanNear2's matcher gives it: the sum, over a binary tree
    of the words (make_binary_tree's), of each word's BM25F score for its weight and
    the field's length in that document (one field: one length for all the words)."""
    length_of = scorers[0].dfl
    lengths = [length_of(doc) for doc in docs]
    per_word = [
        _word_scores(scorer, [weights_of[place_of[doc]] for doc in docs], lengths)
        for scorer, place_of, weights_of in zip(scorers, places, weights, strict=True)
    ]
    if len(per_word) == 2:  # the usual phrase: the tree is one sum
        return [first + second for first, second in zip(*per_word, strict=True)]
    return [_tree_sum(list(scores)) for scores in zip(*per_word, strict=True)]


def _word_scores(scorer, tfs: list[float], lengths: list[int]) -> list[float]:
    """`scorer._score(tf, length)` for each pair. For Whoosh's BM25FScorer the formula
    (whoosh.scoring.bm25) is written out here, term for term in its order, so that the
    floats are the same to the last bit; any other scorer is called."""
    if type(scorer) is not scoring.BM25FScorer:
        return [scorer._score(tf, length) for tf, length in zip(tfs, lengths, strict=True)]
    idf, avgfl, B, K1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
    k1_plus_1, one_minus_b = K1 + 1, 1 - B
    return [
        idf * ((tf * k1_plus_1) / (tf + K1 * (one_minus_b + B * fl / avgfl)))
        for tf, fl in zip(tfs, lengths, strict=True)
    ]


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
    matcher: W3LeafMatcher, excluded: Container[int], *, values_too: bool = True
) -> tuple[list[int], list[float], list[bytes]]:
    """(ids, weights, encoded values) of a word's postings in one segment, read block
    by block from the matcher's current block on (it is used up), `excluded` left out;
    no values unless `values_too`."""
    ids: list[int] = []
    weights: list[float] = []
    values: list[bytes] = []
    while matcher.is_active():
        # Whoosh's own block readers (the W3 matcher has no public per-block access),
        # but for the ids: their gaps summed by `accumulate` (C) rather than by
        # Whoosh's delta_decode generator, the same numbers.
        if matcher._data is None:
            matcher._read_data()
        gaps = matcher._data[0]
        ids.extend(gaps if matcher._byteids else accumulate(gaps))
        matcher._read_weights()
        weights.extend(matcher._weights)
        if values_too:
            matcher._read_values()
            values.extend(matcher._values)
        matcher._next_block()
    if excluded:
        kept = [i for i, doc in enumerate(ids) if doc not in excluded]
        ids, weights = ([column[i] for i in kept] for column in (ids, weights))
        values = [values[i] for i in kept] if values_too else values
    return ids, weights, values


def _tree_sum(scores: list[float]) -> float:
    """The sum in the order of Whoosh's binary tree of intersections (floats: the
    order decides the last bit, and ties in rank go by score)."""
    if len(scores) == 1:
        return scores[0]
    half = len(scores) // 2
    return _tree_sum(scores[:half]) + _tree_sum(scores[half:])


class ScoredList(matching.ListMatcher):
    """Matches known whole: the documents of one segment, in order, with their scores
    (as weights); a collector can take them at once (search/articles.py `ranked`)."""

    def __init__(self, ids, scores, position=0):
        super().__init__(ids, weights=scores, position=position)

    def copy(self):
        return ScoredList(self._ids, self._weights, self._i)

    def supports(self, astype):
        return False

    def supports_block_quality(self):
        return False


class _PhraseList(ScoredList):
    """The phrase documents of one segment with their scores, and the positions where
    the phrase starts in each (spans made only if asked for)."""

    def __init__(self, ids, scores, starts_of, words, position=0):
        super().__init__(ids, scores, position=position)
        self._starts_of = starts_of
        self._words = words

    def copy(self):
        return _PhraseList(self._ids, self._weights, self._starts_of, self._words, self._i)

    def spans(self):
        last = self._words - 1
        return [Span(start, start + last) for start in sorted(self._starts_of[self._i])]


class PairUnion(query.Or):
    """An OR of two queries, as the parser makes of a phrase or a word searched in the
    title OR the body. Whoosh matches an OR of two with one UnionMatcher (the union of
    the documents; one in both scores a + b, and a + b == b + a, so the order of the
    two does not matter); here too, unless both sides are known whole (ScoredList):
    then they are merged into one list at once."""

    def _matcher(self, subs, searcher, context):
        first, second = (sub.matcher(searcher, context) for sub in subs)
        if not first.is_active():
            return second
        if not second.is_active():
            return first
        if _fresh_list(first) and _fresh_list(second):
            return _merged(first, second)
        return matching.UnionMatcher(first, second)


class TopListCollector(collectors.TopCollector):
    """Whoosh's TopCollector (the `limit` best by score, ties to the lower document
    number; every match counted) without block-quality skips or matcher replacement,
    which takes a segment's matches at once where they are known whole (ScoredList),
    instead of stepping through them one method call at a time.

    The same top N: the TopCollector visits documents in increasing number, and a
    later document enters a full heap only with a higher score than its lowest, so its
    heap ends as the N largest (score, -document number) pairs, which is what
    `heapq.nlargest` keeps.
    """

    def __init__(self, limit: int):
        super().__init__(limit=limit, usequality=False, replace=0)

    def collect_matches(self):
        matcher = self.matcher
        if not _fresh_list(matcher) or self.final_fn:
            super().collect_matches()
            return
        offset = self.offset
        self.total += len(matcher._ids)
        found = [
            (score, 0 - (offset + doc))
            for doc, score in zip(matcher._ids, matcher._weights, strict=True)
        ]
        self.items = heapq.nlargest(self.limit, self.items + found)
        heapq.heapify(self.items)
        if len(self.items) == self.limit:
            self.minscore = self.items[0][0]


def _fresh_list(matcher) -> bool:
    return isinstance(matcher, ScoredList) and matcher._i == 0


def _merged(first: ScoredList, second: ScoredList) -> ScoredList:
    scores = dict(zip(first._ids, first._weights, strict=True))
    for doc, score in zip(second._ids, second._weights, strict=True):
        scores[doc] = scores[doc] + score if doc in scores else score
    ids = sorted(scores)
    return ScoredList(ids, [scores[doc] for doc in ids])


class ListedTerm(query.Term):
    """A word in one field whose documents and BM25F scores are read whole (a
    ScoredList) where its postings allow it, as Whoosh's term matcher would give them
    one by one. Worth it only where every posting is scored anyway: a query that is
    this word in the title OR the body (see `adjacent_phrases`); inside an AND, Whoosh
    skips the postings the other words do not share."""

    def matcher(self, searcher, context=None):
        matcher = super().matcher(searcher, context)
        readable = _readable(matcher)
        if readable is None or type(readable[0].scorer) is not scoring.BM25FScorer:
            return matcher
        leaf, excluded = readable
        ids, weights, _values = _whole_postings(leaf, excluded, values_too=False)
        if not ids:
            return matching.NullMatcher()
        length_of = leaf.scorer.dfl
        return ScoredList(ids, _word_scores(leaf.scorer, weights, [length_of(i) for i in ids]))


def _listed(node: query.Query) -> query.Query:
    if type(node) is query.Term:
        return ListedTerm(node.fieldname, node.text, boost=node.boost, minquality=node.minquality)
    return node


def adjacent_phrases(parsed: query.Query) -> query.Query:
    """`parsed` with each Phrase replaced by an AdjacentPhrase of the same words, each
    plain OR of two queries by a PairUnion, and, where the whole query is such an OR
    (a bare word or phrase, searched in the title OR the body), its words by
    ListedTerms: then its matches in a segment are one list, ranked at once."""

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
        if (
            type(node) is query.Or
            and len(node.subqueries) == 2
            and node.boost == 1.0
            and not node.scale
            and not node.minmatch
        ):
            return PairUnion(node.subqueries)
        return node

    swapped = parsed.accept(swap)
    if type(swapped) is PairUnion:  # one word or phrase, in the title OR the body
        return PairUnion([_listed(sub) for sub in swapped.subqueries])
    return swapped
