"""Sentences of a paragraph, and a copy of the text with quoted words blanked out.

Attribution rules read the text *around* quotes: a name inside a quotation is
never its speaker, so they run on the masked copy where quoted words are replaced
by `MASK` characters (same length, so offsets still point into the file text).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from ..models import Paragraph
from .marks import QuoteSpan

MASK = "\x00"


def words(spec: str) -> list[str]:
    """The words of a space-separated list (long word lists stay readable)."""
    return spec.split()


# Upper-case letters of the Latin, Greek and Cyrillic scripts, for character classes.
UPPER = "".join(chr(c) for c in range(0x41, 0x530) if chr(c).isupper())
# Titles written with a full stop before a name ("Sen.", "Rev.", "Messrs.").
DOTTED_TITLES = frozenset(
    words(
        """mr mrs ms dr prof sen sens rep reps gov gen lt col maj capt sgt adm rev st jr sr
        amb del messrs"""
    )
)


def _title_dot() -> str:
    """A full stop after an initial or a dotted title, as a regex (one look-behind per
    word length: Python's look-behinds have a fixed width)."""
    by_length: dict[int, list[str]] = {}
    for title in sorted(DOTTED_TITLES):
        by_length.setdefault(len(title), []).append(title.capitalize())
    behinds = [r"(?<=\b[A-Z]\.)"]
    behinds += [rf"(?<=\b(?:{'|'.join(group)})\.)" for _, group in sorted(by_length.items())]
    # The dot first: most words have none, and then no look-behind is tried.
    return rf"\.(?:{'|'.join(behinds)})"


# A capitalised word, as a regex. It keeps a final full stop only as an initial or a
# title ("John D. Podesta", "Sen."), so that a run of such words never crosses the
# end of a sentence ("… to Canada. Cruz said"). One leading character class lets the
# regex engine skip ahead fast.
CAPITALISED_WORD = rf"[{UPPER}](?:[\w’'\-]|\.(?=\w))*(?:{_title_dot()})?"

# A sentence ends with . ! ? … (maybe followed by closing marks or brackets), or with
# a closing mark followed by a full stop (`standards”.`), before a space and a
# capital, a digit or an opening mark.
_SENTENCE_END = re.compile(
    rf"(?:[.!?…]|[\"”»](?=[.!?]))[.!?…\"”»’)\]]*(?=\s+[\"“«‘'(\[]?[{UPPER}0-9])"
)
_LINE_BREAK = re.compile(r"[ \t]*(?:\r?\n|\r)")
# Words whose full stop does not end a sentence.
_ABBREVIATIONS = DOTTED_TITLES | frozenset(
    words(
        """vs etc no inc corp co ltd approx dept est fig jan feb mar apr jun jul aug sep sept
        oct nov dec mon tue tues wed thu thur thurs fri sat sun"""
    )
)
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def sentence_spans(
    text: str,
    start: int,
    end: int,
    quotes: Sequence[QuoteSpan],
    quote_starts: list[int] | None = None,
) -> list[tuple[int, int]]:
    """(start, end) of the sentences between `start` and `end`.

    Full stops inside quotations do not end the surrounding sentence, so
    `“A. B,” he said.` is one sentence. `quotes` must be sorted by `outer_start`
    (`quote_starts` are their `outer_start`s, when the caller has them).
    """
    if quote_starts is None:
        quote_starts = [q.outer_start for q in quotes]
    spans = []
    sentence_start = start
    ends = _SENTENCE_END.finditer(text, start, end)
    if text.find("\n", start, end) >= 0 or text.find("\r", start, end) >= 0:
        ends = sorted([*ends, *_LINE_BREAK.finditer(text, start, end)], key=lambda m: m.end())
    for match in ends:
        boundary = match.end()
        if _inside_quote(boundary, quotes, quote_starts):
            continue
        if text[boundary - 1] in "\r\n":
            if not _line_break_ends_sentence(text, match.start(), boundary, start, end):
                continue
        elif is_abbreviation_dot(text, match.start(), start):
            continue
        spans.append((sentence_start, boundary))
        sentence_start = boundary
        while sentence_start < end and text[sentence_start].isspace():
            sentence_start += 1
    if sentence_start < end:
        spans.append((sentence_start, end))
    return spans


def _line_break_ends_sentence(text: str, before: int, after: int, lower: int, upper: int) -> bool:
    """A line break inside a paragraph ends a sentence unless the text is merely
    wrapped: the line ends with punctuation, or the next one starts like a sentence."""
    while before > lower and text[before - 1].isspace():
        before -= 1
    while after < upper and text[after].isspace():
        after += 1
    if before <= lower or after >= upper:
        return True
    return text[before - 1] in _LINE_END_PUNCTUATION or not text[after].islower()


_LINE_END_PUNCTUATION = frozenset('.!?…"”»’:)')


def _inside_quote(position: int, quotes: Sequence[QuoteSpan], starts: list[int]) -> bool:
    index = bisect_right(starts, position) - 1
    if index < 0:
        return False
    quote = quotes[index]
    return quote.outer_start < position < quote.outer_end


def is_abbreviation_dot(text: str, dot: int, lower: int) -> bool:
    """Whether the character at `dot` is the full stop of an abbreviation, not of a
    sentence (`lower`: how far back the word may start)."""
    if text[dot] != ".":
        return False
    match = _WORD_BEFORE.search(text, max(lower, dot - 12), dot)
    if match is None:
        return False
    word = match.group(1).lower()
    # A single capital is an initial ("Paul D. Ryan"), dotted letters an initialism
    # ("G.K. Butterfield", "the U.S. Army").
    return (
        word in _ABBREVIATIONS or "." in word or (len(word) == 1 and text[match.start()].isupper())
    )


def masked_text(text: str, quotes: Sequence[QuoteSpan]) -> str:
    """`text` with every quotation's words (marks kept) replaced by MASK."""
    pieces = []
    position = 0
    for quote in sorted(quotes, key=lambda q: q.start):
        if quote.start < position:
            continue
        pieces.append(text[position : quote.start])
        pieces.append(MASK * (quote.end - quote.start))
        position = quote.end
    pieces.append(text[position:])
    return "".join(pieces)


class SentenceIndex:
    """Sentences of all paragraphs read, looked up by position."""

    def __init__(self, text: str, paragraphs: Sequence[Paragraph], quotes: Sequence[QuoteSpan]):
        ordered = sorted(quotes, key=lambda q: q.outer_start)
        quote_starts = [q.outer_start for q in ordered]
        self._spans: list[tuple[int, int]] = []
        for paragraph in paragraphs:
            self._spans.extend(
                sentence_spans(text, paragraph.start, paragraph.end, ordered, quote_starts)
            )
        self._starts = [start for start, _ in self._spans]
        self._paragraph_starts = [p.start for p in paragraphs]
        self._paragraph_numbers = [p.number for p in paragraphs]

    def containing(self, position: int) -> tuple[int, int]:
        """The sentence holding `position` (the nearest one before it otherwise)."""
        index = max(0, bisect_right(self._starts, position) - 1)
        return self._spans[index]

    def before(self, sentence: tuple[int, int]) -> tuple[int, int] | None:
        """The sentence before `sentence` in its paragraph, or the last one of the
        paragraph just before (adjacent by number) when `sentence` opens a paragraph."""
        index = bisect_right(self._starts, sentence[0]) - 1
        if index <= 0:
            return None
        previous = self._spans[index - 1]
        if self._paragraph_number(previous) + 1 < self._paragraph_number(sentence):
            return None
        return previous

    def _paragraph_number(self, sentence: tuple[int, int]) -> int:
        index = max(0, bisect_right(self._paragraph_starts, sentence[0]) - 1)
        return self._paragraph_numbers[index]

    def within(self, paragraph: Paragraph) -> list[tuple[int, int]]:
        first = bisect_right(self._starts, paragraph.start - 1)
        last = bisect_right(self._starts, paragraph.end - 1)
        return self._spans[first:last]
