"""Pair quotation marks into quoted spans, across paragraphs when a quote runs on.

Double marks count everywhere: straight `"`, curly `“ ”`, low `„` and guillemets
`« »`. Single marks (`‘ ’` and straight `'`) count where the article quotes with them
(British house style: `'We will not give up,' the president said.`): news text
uses U+2019 both as an apostrophe (`doesn’t`, `participants’`) and as a closing
single quote, and in most articles single quotes nest inside double ones, so they
are paired apart and used only when they, not double marks, hold the outermost
quotations. An apostrophe between letters, before a digit (`’90s`) or in `'n'` never
pairs.

A mark's role comes from its shape and its neighbours: `“` opens and `”` closes as
a rule, but a straight `"` opens after a space and closes before one, and a curly
mark used the wrong way round (`”Word` after a space) is read by its position too.
Double marks never nest (English nests quotations with single marks), so a quote
never crosses a closing mark: `…worrying." But fertility expert …` ends at the mark.
Conventions handled:

- a sentence that opens a quotation while one is open ends the open one there (in
  merged paragraphs a quotation going on in a new sentence reopens without closing:
  `…in that direction. "If the imbalances …`);
- a quote never closed ends with its paragraph;
- a quote running over several paragraphs, each continuation paragraph opening
  with a mark and only the last one closing (or continuation paragraphs without
  any mark until the closing one);
- a closing mark that is the first mark of a paragraph and has no opening one (the
  opening mark was lost): the quote is taken to start at the paragraph start, and
  flagged `orphan` so that the caller keeps it only when an attribution follows.

Lines inside a paragraph are read like paragraphs (some sources separate
paragraphs with single line breaks), except that a quote may always run on from
one line of a paragraph to the next.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Paragraph

_MARKS = re.compile(r"[\"“”„«»]")
_OPEN, _CLOSE, _EITHER, _IGNORE = 1, 2, 3, 0

# Characters after which a mark opens a quote, and before which it closes one.
# Invisible format characters (bidirectional embeddings and marks, zero-width space,
# byte-order mark) that pasted social-media text carries: `\u202a”Sorry Sarah, …!!”
# posted Sharon` opens its quote after one.
_INVISIBLE = "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_BEFORE_OPENING = frozenset(" \t\n\r\u00a0([{—–-/:;\u2026" + _INVISIBLE)
_AFTER_CLOSING = frozenset(" \t\n\r\u00a0.,;:!?)]}—–-/\u2026’'" + _INVISIBLE)
_HAS_LETTER = re.compile(r"[^\W_]")


@dataclass(slots=True)
class QuoteSpan:
    """Quoted words between `start` and `end` (offsets into the text, marks excluded)."""

    start: int
    end: int
    open_mark: int | None  # offset of the opening mark; None for an orphan
    close_mark: int | None  # offset of the closing mark; None when never closed
    orphan: bool = False

    @property
    def outer_start(self) -> int:
        """Start including the opening mark."""
        return self.open_mark if self.open_mark is not None else self.start

    @property
    def outer_end(self) -> int:
        """End including the closing mark."""
        return self.close_mark + 1 if self.close_mark is not None else self.end


@dataclass(frozen=True, slots=True)
class _Block:
    """A line of a paragraph: the unit marks are paired in."""

    number: int  # the paragraph's number
    start: int
    end: int


@dataclass(slots=True)
class _Pending:
    """A quote still open at the end of a block."""

    open_mark: int
    paragraph: _Block
    confirmed_end: int  # end of the last block known to belong to the quote


_LINE = re.compile(r"[^\r\n]+")


def find_quote_spans(text: str, paragraphs: Sequence[Paragraph]) -> list[QuoteSpan]:
    """Outermost quoted spans in `paragraphs` (document order), with multi-paragraph
    quotes joined. Trimmed so that `text[start:end]` begins and ends with words.

    Single marks are quotation marks where the article quotes with them (British
    house style): when more single-quoted spans than double-quoted ones stand
    outside the other kind."""
    doubles = _double_spans(text, paragraphs)
    if "''" in text or _SINGLE_OPENING_HINT.search(text) is None:
        # ''…'' is written for double marks, single ones inside are nested quotes; and
        # most articles have no single mark before a word at all (only apostrophes).
        return doubles
    singles = _single_spans(text, paragraphs)
    if not singles:
        return doubles
    singles_outside = _not_inside(singles, doubles)
    doubles_outside = _not_inside(doubles, singles)
    if len(singles_outside) <= len(doubles_outside):
        return doubles  # "… 'x' …": single marks nest inside double ones
    # ‘… “x” …’: the outer single-quoted span is the quotation.
    spans = _not_overlapping(doubles_outside, singles_outside) + singles_outside
    spans.sort(key=lambda span: span.start)
    return spans


def _double_spans(text: str, paragraphs: Sequence[Paragraph]) -> list[QuoteSpan]:
    """Double-marked spans. English nests quotations with single marks, so double
    marks never nest: an opening mark while a quote is open ends the open one there
    (the continuation convention: `…in that direction. "If the imbalances …`), and a
    closing mark always ends the quote, so no quote crosses a closing mark."""
    spans: list[QuoteSpan] = []
    pending: _Pending | None = None
    previous_number: int | None = None
    for block in _blocks(text, paragraphs):
        marks = _classified_marks(text, block)
        if (
            pending is not None
            and previous_number is not None
            and block.number not in (previous_number, previous_number + 1)
        ):
            # Never join across left-out paragraphs (boilerplate between them).
            _close_unfinished(text, pending, spans)
            pending = None
        first_index = 0
        if pending is not None:
            pending, first_index = _continue_pending(text, pending, block, marks, spans)
        pending = _pair_marks(text, block, marks, first_index, pending, spans)
        previous_number = block.number
    if pending is not None:
        _close_unfinished(text, pending, spans)
    spans.sort(key=lambda span: span.start)
    return spans


def _not_inside(spans: list[QuoteSpan], others: list[QuoteSpan]) -> list[QuoteSpan]:
    """`spans` that no span of `others` contains (both sorted by start)."""
    starts = [other.outer_start for other in others]
    return [span for span in spans if not _covered(span, others, starts, overlap=False)]


def _not_overlapping(spans: list[QuoteSpan], others: list[QuoteSpan]) -> list[QuoteSpan]:
    starts = [other.outer_start for other in others]
    return [span for span in spans if not _covered(span, others, starts, overlap=True)]


def _covered(span: QuoteSpan, others: list[QuoteSpan], starts: list[int], overlap: bool) -> bool:
    index = bisect_right(starts, span.outer_start) - 1
    for other in others[max(0, index) : index + 2]:
        if overlap and other.outer_start < span.outer_end and span.outer_start < other.outer_end:
            return True
        if other.outer_start <= span.outer_start and span.outer_end <= other.outer_end:
            return True
    return False


_SINGLE_MARKS = re.compile(r"['‘’]")
# The mark first, what stands before it after (a search then skips to the marks).
_SINGLE_OPENING_HINT = re.compile(r"['‘](?<![\w'’]['‘])(?=[^\W\d_])")
# Words written with a leading apostrophe, not an opening mark ('em, 'til, rock 'n' roll).
_LEADING_APOSTROPHE = re.compile(r"['‘’](?:em|til|cause|tis|twas|n|s)\b", re.IGNORECASE)
_BEFORE_SINGLE_OPENING = frozenset(' \t\n\r\u00a0([{—–-/:;"“')


def _single_spans(text: str, paragraphs: Sequence[Paragraph]) -> list[QuoteSpan]:
    """Spans between single marks, paired inside each block: an opening mark after a
    space, then the first closing mark after punctuation (`up,’ he said`), else the
    *last* closing mark after a letter before the next opening one. A mark after a
    letter may be the apostrophe of a plural or a name in s (`farmers’ union`,
    `Jones' lawyer`); one after punctuation always closes, so that `'No deal,' said
    Jones' lawyer` stops at its comma. A single-quoted span holds double marks only in
    pairs: `"I thought 'he is lying'," he added. The players' wives` closes at `lying'`."""
    spans: list[QuoteSpan] = []
    doubles = [match.start() for match in _MARKS.finditer(text)]
    for block in _blocks(text, paragraphs):
        opener: int | None = None
        closer: int | None = None
        for match in _SINGLE_MARKS.finditer(text, block.start, block.end):
            position = match.start()
            if _doubled(text, position):
                continue  # ''…'': two straight marks written for a double one
            if opener is None:
                if _single_opens(text, position, block):
                    opener = position
                continue
            if _single_opens(text, position, block):
                if closer is not None:  # the last quote closed: this one is the next
                    _append_single(text, spans, opener, closer)
                    opener, closer = position, None
                continue  # else a nested opener, or a stray mark
            if (
                _single_closes(text, position, block)
                and _even_between(doubles, opener, position)
                and not _double_closes_first(text, doubles, opener, position)
            ):
                closer = position
                if not text[position - 1].isalnum():
                    _append_single(text, spans, opener, closer)
                    opener = closer = None
        if opener is not None and closer is not None:
            _append_single(text, spans, opener, closer)
    return spans


def _double_closes_first(text: str, marks: list[int], start: int, end: int) -> bool:
    """Whether the first double mark between start and end closes a quotation: one
    opened before the single mark at `start`, which is nested in it and so ends before
    it (`"I thought 'he is lying'," he added. "…" The players' wives`: the span
    never reaches `players'`, however many double marks pair up in between)."""
    index = bisect_right(marks, start)
    if index >= len(marks) or marks[index] >= end:
        return False
    position = marks[index]
    mark = text[position]
    if mark in "“„«":
        return False
    if mark in "”»":
        return True
    return text[position - 1] not in _BEFORE_OPENING


def _even_between(marks: list[int], start: int, end: int) -> bool:
    """Whether an even number of `marks` (sorted offsets) lie between start and end."""
    return (bisect_right(marks, end) - bisect_right(marks, start)) % 2 == 0


def _doubled(text: str, position: int) -> bool:
    return text[position] == "'" and "'" in (
        text[position - 1 : position],
        text[position + 1 : position + 2],
    )


def _single_opens(text: str, position: int, block: _Block) -> bool:
    if text[position] == "’":
        return False
    before = text[position - 1] if position > block.start else " "
    after = text[position + 1] if position + 1 < block.end else " "
    return (
        before in _BEFORE_SINGLE_OPENING
        and not after.isspace()
        and not after.isdigit()  # '90s
        and _LEADING_APOSTROPHE.match(text, position) is None
    )


def _single_closes(text: str, position: int, block: _Block) -> bool:
    if text[position] == "‘" or position == block.start:
        return False
    after = text[position + 1] if position + 1 < block.end else " "
    # Between letters it is an apostrophe (Armenia’s, o'clock, don’t).
    return not text[position - 1].isspace() and not after.isalnum()


def _append_single(text: str, spans: list[QuoteSpan], opener: int, closer: int) -> None:
    span = _trimmed(text, opener + 1, closer)
    # One letter is not a quotation (rock 'n' roll).
    if span is not None and len(_HAS_LETTER.findall(text, span[0], span[1])) > 1:
        spans.append(QuoteSpan(span[0], span[1], opener, closer))


def _blocks(text: str, paragraphs: Sequence[Paragraph]) -> list[_Block]:
    blocks = []
    for paragraph in paragraphs:
        if "\n" not in paragraph.text and "\r" not in paragraph.text:
            blocks.append(_Block(paragraph.number, paragraph.start, paragraph.end))
            continue
        for line in _LINE.finditer(text, paragraph.start, paragraph.end):
            start, end = line.start(), line.end()
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                blocks.append(_Block(paragraph.number, start, end))
    return blocks


def _continue_pending(
    text: str,
    pending: _Pending,
    block: _Block,
    marks: list[tuple[int, int]],
    spans: list[QuoteSpan],
) -> tuple[_Pending | None, int]:
    """Decide whether `block` continues the quote left open by the blocks before.

    Returns the quote still open (None once settled) and the index of the first
    mark still to pair.
    """
    if not marks:
        return pending, 0  # no mark at all: maybe a continuation, decided later
    position, role = marks[0]
    if role == _OPEN and position == block.start and _same_family(text, position, pending):
        # The usual convention: the continuation paragraph reopens the quote.
        pending.confirmed_end = block.end
        return pending, 1
    if role in (_CLOSE, _EITHER):
        _append_span(text, spans, pending.open_mark, position)
        return None, 1
    _close_unfinished(text, pending, spans)
    return None, 0


def _same_family(text: str, position: int, pending: _Pending) -> bool:
    """A continuation reopens with the same kind of mark: a block opening with “
    after a quote opened with " is a new quotation (quoted text quoting others)."""
    return (text[position] == '"') == (text[pending.open_mark] == '"')


def _pair_marks(
    text: str,
    block: _Block,
    marks: list[tuple[int, int]],
    first_index: int,
    pending: _Pending | None,
    spans: list[QuoteSpan],
) -> _Pending | None:
    """Pair the marks of one block from `first_index`, `pending` being the quote
    open when it starts; returns the quote still open at its end.

    Inside guillemets, the other double marks nest (`«… „x“ …»`, `«… "x" …»`: the
    Russian convention); elsewhere double marks never nest."""
    nested = 0
    for index in range(first_index, len(marks)):
        position, role = marks[index]
        if pending is not None and text[pending.open_mark] in "«»" and text[position] not in "«»":
            if role == _OPEN or (role == _EITHER and nested == 0):
                nested += 1
            elif nested:
                nested -= 1
            continue
        if role == _EITHER:
            role = _CLOSE if pending is not None else _OPEN
        if role == _OPEN:
            if pending is not None:
                # A new quotation while one is open: the open one ends here.
                _append_unclosed(text, spans, pending.open_mark, position)
            pending = _Pending(position, block, block.end)
            nested = 0
        elif pending is not None:
            _append_span(text, spans, pending.open_mark, position)
            pending = None
            nested = 0
        elif index == 0:
            # The block's first mark closes a quote that never opened.
            _append_span(text, spans, None, position, block.start)
    return pending


def _close_unfinished(text: str, pending: _Pending, spans: list[QuoteSpan]) -> None:
    """A quote never closed ends with the last paragraph known to belong to it."""
    start = pending.open_mark + 1
    end = pending.confirmed_end
    span = _trimmed(text, start, end)
    if span is not None:
        spans.append(QuoteSpan(span[0], span[1], pending.open_mark, None))


def _append_unclosed(text: str, spans: list[QuoteSpan], opener: int, end: int) -> None:
    span = _trimmed(text, opener + 1, end)
    if span is not None:
        spans.append(QuoteSpan(span[0], span[1], opener, None))


def _append_span(
    text: str,
    spans: list[QuoteSpan],
    opener: int | None,
    closer: int,
    orphan_start: int | None = None,
) -> None:
    start = opener + 1 if opener is not None else orphan_start
    assert start is not None
    span = _trimmed(text, start, closer)
    if span is not None:
        spans.append(QuoteSpan(span[0], span[1], opener, closer, opener is None))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Drop surrounding spaces and the comma that belongs to the attribution
    (`“We will,” he said` quotes "We will")."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    if start >= end or not _HAS_LETTER.search(text, start, end):
        return None
    return start, end


def _classified_marks(text: str, paragraph: _Block) -> list[tuple[int, int]]:
    marks = []
    in_markup_value = False
    for match in _MARKS.finditer(text, paragraph.start, paragraph.end):
        position = match.start()
        if in_markup_value:
            in_markup_value = text[position] != '"'
            continue
        if text[position] == '"' and position > paragraph.start and text[position - 1] == "=":
            in_markup_value = True  # `name="value"` is markup (embedded tweets), not a quote
            continue
        role = _mark_role(text, position, paragraph.start, paragraph.end)
        if role != _IGNORE:
            marks.append((position, role))
    return marks


def _mark_role(text: str, position: int, lower: int, upper: int) -> int:
    if position == lower:
        return _OPEN  # nothing can close at the very start of a block
    mark = text[position]
    before = text[position - 1]
    after = text[position + 1] if position + 1 < upper else " "
    opens_here = before in _BEFORE_OPENING and not after.isspace()
    closes_here = after in _AFTER_CLOSING and not before.isspace()
    if mark in "“„«":
        return _CLOSE if closes_here and not opens_here and mark == "“" else _OPEN
    if mark in "”»":
        return _OPEN if opens_here and not closes_here else _CLOSE
    # Straight mark: only its neighbours tell.
    if opens_here and not closes_here:
        return _OPEN
    if closes_here and not opens_here:
        return _CLOSE
    if before.isspace() and after.isspace():
        # `'African American outreach,' " he told`: a closing single mark, a space, ours.
        if position - 2 >= lower and text[position - 2] in "'’":
            return _CLOSE
        return _IGNORE
    return _EITHER
