"""Records shared by the core modules: articles, paragraphs, quotes and search hits.

Offsets (`start`, `end`) are always character offsets into the *decoded* text of the
source file, exactly as `caucasus_cli.reader` decoded it, so that
`text[start:end]` can be cited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of text separated from its neighbours by blank lines."""

    number: int  # 1-based position among all paragraphs of the file
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Article:
    doc: str
    path: str
    text: str  # the decoded file text, unchanged
    title: str | None = None
    source: str | None = None
    place: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    # Paragraph numbers that are neither boilerplate nor header lines.
    body_paragraphs: list[int] = field(default_factory=list)
    encoding: str = "utf-8"
    sha256: str = ""
    mtime_ns: int = 0
    size: int = 0

    @property
    def body(self) -> str:
        by_number = {p.number: p for p in self.paragraphs}
        return "\n\n".join(by_number[n].text for n in self.body_paragraphs)

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset, for `path:line` citations."""
        return self.text.count("\n", 0, offset) + 1


class QuoteKind(StrEnum):
    DIRECT = "direct"  # words in quotation marks
    INDIRECT = "indirect"  # reported speech


class HowAttributed(StrEnum):
    """How a quote's speaker was settled (the words are in `Quote.speaker_evidence`)."""

    NAMED = "named"  # the cue clause names the speaker ("…," said Jeyhun Bayramov)
    PRONOUN = "pronoun"  # "he"/"she", the person the article named just before
    ROLE = "role"  # "the minister", a person the article names with that role
    FOLLOW_ON = "follow_on"  # a quotation continuing the one before ("…," he said. "…")
    HEADLINE = "headline"  # a headline's "Name: …"
    ORGANISATION = "organisation"  # an organisation speaking as itself


@dataclass(frozen=True, slots=True)
class SpeakerEvidence:
    """The words of the article that name a quote's speaker: `text[start:end] == text`
    (offsets into the file text, like the quote's own)."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Quote:
    """Words attributed to a speaker: a direct quotation or reported speech.

    `start`/`end` delimit the quoted words (without quotation marks) in the file text.
    A speaker is given only with `speaker_evidence`, the words of the same article
    that name them, and `attribution`, how it was settled. Article-level fields
    (`doc`, `path`, `title`, ...) are filled in when the quote is attached to its
    article.
    """

    text: str
    start: int
    end: int
    paragraph: int
    kind: QuoteKind
    speaker: str | None = None
    speaker_role: str | None = None
    speaker_mention: str | None = None
    cue: str | None = None
    # Where the article names the speaker, and how the speaker was settled; both None
    # when there is no speaker (a speaker is never given without evidence).
    speaker_evidence: SpeakerEvidence | None = None
    attribution: HowAttributed | None = None
    id: str | None = None
    doc: str | None = None
    path: str | None = None
    title: str | None = None
    source: str | None = None
    date: dt.date | None = None
    date_text: str | None = None


@dataclass(slots=True)
class Hit:
    rank: int
    doc: str
    path: str
    title: str | None
    source: str | None
    place: str | None
    date: dt.date | None
    date_text: str | None
    score: float
    snippet: str
    # (start, end) offsets of matched words inside `snippet`.
    matches: list[tuple[int, int]] = field(default_factory=list)
