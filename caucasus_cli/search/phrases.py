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

from whoosh import matching, query
from whoosh.query.spans import Span, SpanNear2


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
        matcher = AdjacentMatcher([term.matcher(searcher, context) for term in terms])
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
