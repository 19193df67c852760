"""Quotes in the index: listing and filtering them, the speaker directory, one quote
with its context for citing.

Speaker names given by users are matched case- and accent-insensitively against the
canonical names, the aliases in people.toml and surnames.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..index.documents import QUOTE_QUERY_FIELDS, QUOTE_TEXT_FIELDS, IndexedText, indexed_text
from ..index.quotequery import QuoteQuery
from ..index.schema import quote_query_schema
from ..index.store import CorpusIndex, reads_index
from ..ingest.paragraphs import split_paragraphs
from ..ingest.reader import SkippedFile, read_article_file
from ..models import Quote, QuoteKind, SortOrder
from .articles import parse_user_query


@dataclass(slots=True)
class QuoteFilter:
    query: str | None = None
    speaker_keys: list[str] | None = None
    kind: QuoteKind | None = QuoteKind.DIRECT  # None: every kind
    source: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    limit: int | None = None
    offset: int = 0
    exact: bool = False
    sort: SortOrder = SortOrder.score


@dataclass(slots=True)
class QuoteListing:
    quotes: list[Quote]
    total: int


@dataclass(slots=True)
class QuoteStream:
    """Quotes read from the index one at a time, as they are written out."""

    quotes: Iterator[Quote]
    total: int  # every match, before --offset and --limit


@dataclass(slots=True)
class SpeakerMatch:
    """What a user's `--speaker NAME` stands for: index keys, or names to suggest."""

    keys: list[str]
    suggestions: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Speaker:
    speaker: str
    role: str | None
    quotes: int  # of every kind
    direct: int  # direct quotations (what `quotes --speaker` lists by default)
    articles: int
    aliases: list[str]


@dataclass(slots=True)
class QuoteInContext:
    quote: Quote
    context: str | None  # the paragraph(s) around the quote, as in the file
    context_start: int | None  # file offset of `context`
    warning: str | None = None  # why the context could not be taken from the file


@reads_index
def stream_quotes(index: CorpusIndex, wanted: QuoteFilter) -> QuoteStream:
    """Quotes matching `wanted`: ranked by relevance with a query, else in text order;
    each read from the store only when it is wanted (51,000 quotes start printing at
    once instead of after seconds of loading)."""
    store = index.quotes
    asked = quote_query(wanted)
    quotes = store.quotes(asked, wanted.sort, wanted.limit, wanted.offset)
    return QuoteStream(quotes=quotes, total=store.count(asked))


def quote_query(wanted: QuoteFilter) -> QuoteQuery:
    """What the store is asked for: the user's words parsed as a quote search."""
    words = None
    if wanted.query:
        words = parse_user_query(
            wanted.query,
            quote_query_schema(),
            default_fields=list(QUOTE_TEXT_FIELDS),
            allowed_fields=QUOTE_QUERY_FIELDS,
            exact=wanted.exact,
        )
    return QuoteQuery(
        words=words,
        kind=wanted.kind,
        speaker_keys=wanted.speaker_keys,
        since=wanted.since,
        until=wanted.until,
        source=wanted.source,
    )


@reads_index
def find_quote_ids(index: CorpusIndex, id_or_prefix: str, limit: int = 10) -> list[str]:
    """The quote ids `id_or_prefix` may stand for: itself, or the ids starting with it
    (at most `limit` + 1, so that the caller can tell "ambiguous" from "one")."""
    if get_quote(index, id_or_prefix) is not None:
        return [id_or_prefix]
    return index.quotes.ids(QuoteQuery(id_prefix=id_or_prefix), limit + 1)


@reads_index
def resolve_speaker(index: CorpusIndex, name: str) -> SpeakerMatch:
    """The indexed speakers that `name` designates: full name, alias or surname, with or
    without an honorific or title before it ("Mr Blair", "President Aliyev")."""
    from ..quotes.people import fold_name, load_people

    people = load_people()
    wanted = people.bare_key(name)
    canonical = people.canonical(name)
    known = _indexed_speakers(index)
    names = sorted(
        speaker
        for speaker in known
        if speaker == canonical or wanted in _name_keys(speaker, people.aliases(speaker), fold_name)
    )
    if names:
        return SpeakerMatch(keys=[fold_name(n) for n in names])
    return SpeakerMatch(keys=[], suggestions=_closest_speakers(name, known))


def _name_keys(speaker: str, aliases: list[str], fold) -> set[str]:
    keys = {fold(speaker), *(fold(alias) for alias in aliases)}
    parts = fold(speaker).split()
    if len(parts) > 1:
        keys.add(parts[-1])  # the surname alone
    return keys


def _closest_speakers(name: str, known: list[str]) -> list[str]:
    from rapidfuzz import fuzz, process

    from ..quotes.people import fold_name

    choices = {speaker: fold_name(speaker) for speaker in known}
    matches = process.extract(
        fold_name(name), choices, scorer=fuzz.WRatio, score_cutoff=60, limit=5
    )
    return [speaker for _folded, _score, speaker in matches]


def _indexed_speakers(index: CorpusIndex) -> list[str]:
    """Canonical names of everyone quoted in the index (from the speaker table)."""
    return sorted(entry.speaker for entry in index.speakers)


@reads_index
def list_speakers(index: CorpusIndex) -> list[Speaker]:
    """Every speaker with role, counts and aliases, most quoted first."""
    from ..quotes.people import load_people

    people = load_people()
    return [
        Speaker(
            speaker=entry.speaker,
            role=entry.role or people.role(entry.speaker),
            quotes=entry.quotes,
            direct=entry.direct,
            articles=entry.articles,
            aliases=sorted(set(people.aliases(entry.speaker)) | set(entry.written)),
        )
        for entry in index.speakers
    ]


@reads_index
def get_quote(index: CorpusIndex, quote_id: str) -> Quote | None:
    return next(index.quotes.quotes(QuoteQuery(id=quote_id), limit=1), None)


@reads_index
def quote_in_context(index: CorpusIndex, quote_id: str, paragraphs_around: int = 1):
    """The quote with id `quote_id` and the paragraphs around it, or None if unknown.

    The context is read from the article file, and only when the file is the one that
    was indexed (same hash): offsets into a changed file would cite the wrong words.
    A page's or an export record's extracted text is stored in the index: the context
    comes from there, and a changed file is said so.
    """
    quote = get_quote(index, quote_id)
    if quote is None:
        return None
    article = indexed_text(index.searcher, quote.doc)
    if article is not None and article.source_text is not None:
        return _in_stored_text(quote, article, paragraphs_around)
    try:
        decoded = read_article_file(Path(quote.path))
    except SkippedFile as skipped:
        return QuoteInContext(quote, None, None, skipped.reason)
    if article is not None and decoded.sha256 != article.sha256:
        return QuoteInContext(
            quote,
            None,
            None,
            "the file changed since it was indexed; run `caucasus index`",
        )
    context, context_start = _context(decoded.text, quote, paragraphs_around)
    return QuoteInContext(quote, context, context_start)


def _in_stored_text(quote: Quote, article: IndexedText, around: int) -> QuoteInContext:
    text = article.source_text or ""
    if text[quote.start : quote.end] != quote.text:
        return QuoteInContext(quote, None, None, "the stored text does not hold this quote")
    context, context_start = _context(text, quote, around)
    try:
        current = read_article_file(Path(quote.path)).sha256
    except SkippedFile as skipped:
        return QuoteInContext(quote, context, context_start, f"saved file: {skipped.reason}")
    changed = None
    if current != article.sha256:
        changed = "the file changed since it was indexed (context as indexed); run `caucasus index`"
    return QuoteInContext(quote, context, context_start, changed)


def _context(text: str, quote: Quote, around: int) -> tuple[str, int]:
    paragraphs = split_paragraphs(text)
    touching = [i for i, p in enumerate(paragraphs) if p.start < quote.end and p.end > quote.start]
    if not touching:
        return text[quote.start : quote.end], quote.start
    first = max(0, touching[0] - around)
    last = min(len(paragraphs) - 1, touching[-1] + around)
    start, end = paragraphs[first].start, paragraphs[last].end
    return text[start:end], start
