"""Wordings: a text as the words a reader compares, and how two wordings align.

`check` aligns a claim with quotes and articles; quote groups (the same statement in
several articles) link quotes whose wordings align. Words are compared after folding
case, accents, punctuation and quotation marks, with name variants
(Aliev/Aliyev, Qarabağ/Karabakh) counted as the same word.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache

from ..ingest.folding import fold_text

# A claim this similar (share of words, in order) to a passage is "the same words, but
# changed"; below it the passage is only a nearby candidate. The index links wordings by
# these rules (index/statements.py): changing them means bumping SCHEMA_VERSION.
CLOSE_ENOUGH = 0.75
# Share of the shorter quote's words, in order, that the longer one must have for the
# two to be one statement: the threshold at which `check` calls a claim the same words.
MIN_SIMILARITY = CLOSE_ENOUGH
# Fewer words than this match too many unrelated quotes ("we will win").
MIN_WORDS = 5
# Below this many words a changed word is as likely another statement ("a step in the
# wrong direction" / "a step in the right direction"): only an exact fragment groups.
MIN_WORDS_CHANGED = 8
# Context words kept on each side of an aligned window before trimming.
_SLACK = 3

_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class Change:
    # "insert" (in the claim, not said), "delete" (said, left out), "replace", "equal"
    op: str
    claimed: str
    actual: str


@dataclass(frozen=True, slots=True)
class Wording:
    words: tuple[str, ...]  # normalised, for comparing
    spans: tuple[tuple[int, int], ...]  # where each word stands in the text


def tokens(text: str) -> Wording:
    words, spans = [], []
    folded = fold_text(text.replace("’", "'"))
    for match in _WORD.finditer(folded):
        words.append(_same_name(match.group()))
        spans.append(match.span())
    return Wording(tuple(words), tuple(spans))


def words_of(text: str) -> tuple[str, ...]:
    """`tokens(text).words` without the spans: what comparing two wordings needs."""
    spellings = _name_spellings()
    folded = fold_text(text.replace("’", "'"))
    return tuple([spellings.get(word, word) for word in _WORD.findall(folded)])


@cache
def _name_spellings() -> dict[str, str]:
    """Folded spelling -> the first spelling of its variants group."""
    from ..config import data_lines

    table: dict[str, str] = {}
    for line in data_lines("variants.txt"):
        names = [fold_text(name.strip()) for name in line.split("|")]
        single = [name for name in names if _WORD.fullmatch(name)]
        for name in single:
            table.setdefault(name, single[0])
    return table


def _same_name(word: str) -> str:
    return _name_spellings().get(word, word)


def align(claim: Wording, text: str) -> tuple[float, int, int, list[Change]]:
    """Best match of the claim's words inside `text`.

    Returns (similarity 0..1, start, end of the matched passage in `text`, diff): the
    diff walks the passage in order, "equal" steps included.
    Words of `text` around the matched passage are not differences: a claim may quote
    only part of what was said.
    """
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    found = tokens(text)
    if not claim.words or not found.words:
        return 0.0, 0, 0, []
    low, high = 0, len(found.words)
    needle, haystack = " ".join(claim.words), " ".join(found.words)
    if len(haystack) > len(needle):
        where = fuzz.partial_ratio_alignment(needle, haystack)
        first, last = _word_range(found.words, where.dest_start, where.dest_end)
        low, high = max(0, first - _SLACK), min(len(found.words), last + _SLACK)
    window = found.words[low:high]
    ops = Levenshtein.opcodes(claim.words, window)
    # Unmatched source words at either edge are outside the quoted fragment.
    steps = list(ops)
    while steps and steps[0].tag == "insert":
        steps.pop(0)
    while steps and steps[-1].tag == "insert":
        steps.pop()
    consumed = [step for step in steps if step.dest_end > step.dest_start]
    if not consumed:
        return 0.0, 0, 0, []
    first_word = low + consumed[0].dest_start
    last_word = low + consumed[-1].dest_end - 1
    matched = found.words[first_word : last_word + 1]
    similarity = Levenshtein.normalized_similarity(claim.words, matched)
    start, end = found.spans[first_word][0], found.spans[last_word][1]
    return similarity, start, end, [_change(step, claim, found, low, text) for step in steps]


@dataclass(frozen=True, slots=True)
class Wrapped:
    """A claim that holds whole sentences of a text unchanged, with words added around
    them ("… is a thing of the past and will never return" where the text has "… is a
    thing of the past."): the words were said, the added ones were not."""

    share: float  # share of the claim's words that stand in the text
    start: int  # the sentences' words in the text
    end: int
    diff: list[Change]


# Characters that may stand between a sentence's last word and its end, or between
# the start of a sentence and its first word.
_CLOSERS = "\"”’'»)]"
_OPENERS = "\"“‘'«(["
_SENTENCE_PUNCTUATION = ".!?…"


def wrapped(claim: Wording, text: str) -> Wrapped | None:
    """Where the claim holds a run of `text`'s words that is one or more whole
    sentences of it (from a sentence start to a sentence end, or the text's edges),
    with the claim's other words added only before or after it. The run must have at
    least MIN_WORDS_CHANGED words and be most of the claim: a few real words inside
    an invented sentence are not a quote. None otherwise."""
    from difflib import SequenceMatcher

    found = tokens(text)
    if len(claim.words) <= MIN_WORDS_CHANGED or not found.words:
        return None
    matcher = SequenceMatcher(None, claim.words, found.words, autojunk=False)
    run = matcher.find_longest_match(0, len(claim.words), 0, len(found.words))
    if run.size < MIN_WORDS_CHANGED or run.size == len(claim.words):
        return None
    if 2 * run.size < len(claim.words):
        return None
    start = found.spans[run.b][0]
    end = found.spans[run.b + run.size - 1][1]
    before, after = claim.words[: run.a], claim.words[run.a + run.size :]
    if before and not _starts_sentence(text, start):
        return None
    if after and not _ends_sentence(text, end):
        return None
    diff = [Change("equal", " ".join(claim.words[run.a : run.a + run.size]), text[start:end])]
    if before:
        diff.insert(0, Change("insert", " ".join(before), ""))
    if after:
        diff.append(Change("insert", " ".join(after), ""))
    return Wrapped(run.size / len(claim.words), start, end, diff)


def _starts_sentence(text: str, start: int) -> bool:
    position = start
    while position > 0 and (text[position - 1].isspace() or text[position - 1] in _OPENERS):
        position -= 1
    return position == 0 or text[position - 1] in _SENTENCE_PUNCTUATION


def _ends_sentence(text: str, end: int) -> bool:
    position = end
    while position < len(text) and text[position] in _CLOSERS:
        position += 1
    return position == len(text) or text[position] in _SENTENCE_PUNCTUATION


def _word_range(words: tuple[str, ...], start: int, end: int) -> tuple[int, int]:
    """First and last word overlapping characters [start, end) of the space-joined words."""
    position, first, last = 0, None, 0
    for number, word in enumerate(words):
        word_end = position + len(word)
        if word_end > start and position < end:
            first = number if first is None else first
            last = number
        position = word_end + 1
    return (first or 0), last


def _change(step, claim: Wording, found: Wording, low: int, text: str) -> Change:
    # Levenshtein's "insert" adds source words the claim lacks: said but left out.
    op = {"insert": "delete", "delete": "insert"}.get(step.tag, step.tag)
    claimed = " ".join(claim.words[step.src_start : step.src_end])
    if step.dest_end > step.dest_start:
        span_start = found.spans[low + step.dest_start][0]
        span_end = found.spans[low + step.dest_end - 1][1]
        actual = text[span_start:span_end]
    else:
        actual = ""
    return Change(op=op, claimed=claimed, actual=actual)


def same_statement(a: str, b: str) -> float:
    """How much of the shorter text stands, in order, in the longer (0..1)."""
    return same_wording(tokens(a), a, tokens(b), b)


def same_wording(words_a: Wording, a: str, words_b: Wording, b: str) -> float:
    """`same_statement` for texts already split into words."""
    if len(words_a.words) <= len(words_b.words):
        short, long_words, long_text = words_a, words_b, b
    else:
        short, long_words, long_text = words_b, words_a, a
    if len(short.words) < MIN_WORDS:
        return 1.0 if short.words == long_words.words else 0.0
    similarity, _start, _end, _diff = align(short, long_text)
    if len(short.words) < MIN_WORDS_CHANGED and similarity < 1.0:
        return 0.0
    return similarity


def may_be_same(a: AbstractSet[str], b: AbstractSet[str]) -> bool:
    """Whether the shorter can have MIN_SIMILARITY of its words in the longer: a cheap
    test before the alignment that decides."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short & long_) >= MIN_SIMILARITY * len(short)


def wording_key(words: tuple[str, ...]) -> int | None:
    """A 63-bit key naming the wording: the same words, the same key; None for a
    wording too short to group (fewer than MIN_WORDS words)."""
    if len(words) < MIN_WORDS:
        return None
    digest = hashlib.blake2b(" ".join(words).encode("utf-8", "surrogatepass"), digest_size=8)
    return int.from_bytes(digest.digest(), "big") >> 1
