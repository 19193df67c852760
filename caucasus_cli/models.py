"""Records shared by the core modules: articles, paragraphs, quotes and search hits.

Offsets (`start`, `end`) are always character offsets into the *decoded* text of the
source file, exactly as `caucasus_cli.ingest.reader` decoded it, so that
`text[start:end]` can be cited.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


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
    # What quote offsets point into: the decoded file text, unchanged; or a page's
    # extracted article text; or an export record's text field.
    text: str
    title: str | None = None
    source: str | None = None
    place: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    url: str | None = None  # the page's canonical address, when it states one
    author: str | None = None
    kind: str = "text"  # what the file is: text, markdown, html, jsonl, csv
    # An export's record: its key within the file and the file line where it starts.
    record: str | None = None
    record_line: int | None = None
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
        """1-based line number of a character offset, for `path:line` citations.

        For an export record: the line of the file where the record starts, plus the
        lines of its text before the offset. 0 for a web page, whose extracted text is
        on no line of the file.
        """
        if self.kind == "html":
            return 0
        return self.text.count("\n", 0, offset) + (self.record_line or 1)


class QuoteKind(StrEnum):
    DIRECT = "direct"  # words in quotation marks
    INDIRECT = "indirect"  # reported speech


class SortOrder(StrEnum):
    """How a listing of articles or quotes is ordered."""

    score = "score"  # relevance (text order for quotes listed without words)
    date = "date"  # oldest first, undated last
    newest = "-date"  # newest first, undated last


class IndexPhase(StrEnum):
    """A stage of an index run, as reported to its progress callback (the CLI labels it)."""

    FINDING = "finding"  # walking the folders for article files
    READING = "reading"  # reading, extracting and writing each article (counted)
    LINKING = "linking"  # linking quotes to the statements they repeat
    COMMITTING = "committing"  # the index commit, with its files beside it
    SPEAKERS = "speakers"  # the table of quoted speakers


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


@dataclass(frozen=True, slots=True)
class SpeakerCandidate:
    """Someone (or something) attribution considered as a quote's speaker, and why
    it was taken or left: `("South Carolina", "a place (region): speaks only as the
    speech verb's own subject, and only a country or a capital", False)`."""

    name: str
    support: str
    taken: bool


@dataclass(slots=True)
class Quote:
    """Words attributed to a speaker: a direct quotation or reported speech.

    `start`/`end` delimit the quoted words (without quotation marks) in the file text.
    A speaker is given only with `speaker_evidence`, the words of the same article
    that name them, and `attribution`, how it was settled. Extraction fills the
    quote's own fields; `id`, `line` and the article's fields (`doc`, `path`,
    `title`, ...) come with it when it is read back from the index.
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
    # Who was considered and why (for a pronoun, a place, an outlet): the reason a
    # speaker is None, or the alternatives to the one given.
    speaker_candidates: tuple[SpeakerCandidate, ...] = ()
    id: str | None = None
    line: int = 0  # 1-based line of `start` in the file, for `path:line` citations
    doc: str | None = None
    path: str | None = None
    title: str | None = None
    source: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    url: str | None = None
    record: str | None = None  # an export's record key

    def citation(self) -> str:
        """One line to paste into an article or a fact-check."""
        who = self.speaker or "unattributed"
        if self.speaker_role:
            who += f" ({self.speaker_role})"
        when = self.date.isoformat() if self.date else (self.date_text or "undated")
        said = f"“{' '.join(self.text.split())}”"
        if self.kind != "direct":
            said += " (reported speech)"
        title = f" {' '.join(self.title.split())}." if self.title else ""
        # Offsets into a page's extracted text would mislead next to its URL.
        chars = "" if self.url else f", chars {self.start}–{self.end}"
        return (
            f"{said} — {who}. {self.source or 'Source not stated'}, {when}.{title} "
            f"{self.where()}{chars} [quote {self.id}]"
        )

    def where(self) -> str:
        """The page's URL when known; else the file, with line (and export record)."""
        if self.url:
            return self.url
        path = citable_path(self.path or "")
        place = f"{path}:{self.line}" if self.line else path
        return f"{place} (record {self.record})" if self.record else place


BUNDLED_CORPUS_NAME = "caucasus-corpus"


def citable_path(path: str) -> str:
    """The path to print in a citation: a seed article is named `caucasus-corpus/FILE`,
    the same on every machine, not by where pip put the package (site-packages/…)."""
    from .config import bundled_corpus_dir
    from .errors import DataFileError

    try:
        corpus = bundled_corpus_dir().resolve()
    except DataFileError:
        return path
    file = Path(path)
    if file.resolve().parent == corpus:
        return f"{BUNDLED_CORPUS_NAME}/{file.name}"
    return path


def quote_id(doc: str, kind: str, start: int, end: int) -> str:
    """A quote's id: stable while its file is unchanged (document id and offsets)."""
    # surrogateescape: a doc id from a file name that is not valid UTF-8 still hashes.
    key = f"{doc}\x00{kind}\x00{start}\x00{end}".encode("utf-8", "surrogateescape")
    return hashlib.blake2b(key, digest_size=6).hexdigest()


@dataclass(slots=True)
class ArticleRecord:
    """An indexed article as `caucasus show` reports it."""

    doc: str
    path: str
    title: str | None
    source: str | None
    place: str | None
    date: dt.date | None
    date_text: str | None
    url: str | None
    author: str | None
    encoding: str | None
    sha256: str | None
    size: int
    quotes: int
    body: str


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
    url: str | None
    score: float | None  # None when sorted by date
    snippet: str
    # (start, end) offsets of matched words inside `snippet`.
    matches: list[tuple[int, int]] = field(default_factory=list)
