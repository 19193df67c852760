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

from whoosh import query

from ..errors import QueryError
from ..index.documents import QUOTE_COLUMNS, quote_from_row
from ..index.quotequery import translate
from ..index.quotestore import QuoteOrder, Selection
from ..index.schema import quote_query_schema
from ..index.store import CorpusIndex, reads_index
from ..ingest.paragraphs import split_paragraphs
from ..ingest.reader import SkippedFile, read_article_file
from ..models import Quote
from .articles import SortOrder, filters_query, parse_user_query

KINDS = ("direct", "indirect", "all")
QUOTE_QUERY_FIELDS = ("quote", "source", "date")


@dataclass(slots=True)
class QuoteFilter:
    query: str | None = None
    speaker_keys: list[str] | None = None
    kind: str = "direct"
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
def list_quotes(index: CorpusIndex, wanted: QuoteFilter) -> QuoteListing:
    """Quotes matching `wanted`: ranked by relevance with a query, else in text order."""
    stream = stream_quotes(index, wanted)
    return QuoteListing(quotes=list(stream.quotes), total=stream.total)


@reads_index
def stream_quotes(index: CorpusIndex, wanted: QuoteFilter) -> QuoteStream:
    """As `list_quotes`, but each quote is read from the store only when it is wanted:
    51,000 quotes start printing at once instead of after seconds of loading."""
    store = index.quotes
    selection = _selection(index, wanted)
    rows = store.select(selection, QUOTE_COLUMNS, _ORDERS[wanted.sort], wanted.limit, wanted.offset)
    return QuoteStream(quotes=map(quote_from_row, rows), total=store.count(selection))


_ORDERS = {
    SortOrder.score: QuoteOrder.RELEVANCE,
    SortOrder.date: QuoteOrder.OLDEST,
    SortOrder.newest: QuoteOrder.NEWEST,
}


def _selection(index: CorpusIndex, wanted: QuoteFilter) -> Selection:
    if wanted.kind not in KINDS:
        raise QueryError(f"--kind must be one of {', '.join(KINDS)}")
    parts = filters_query(None, wanted.source, wanted.since, wanted.until)
    if wanted.query:
        parts.insert(
            0,
            parse_user_query(
                wanted.query,
                quote_query_schema(),
                default_fields=["quote"],
                allowed_fields=QUOTE_QUERY_FIELDS,
                exact=wanted.exact,
            ),
        )
    selection = translate(query.And(parts), index.quotes) if parts else Selection()
    if wanted.kind != "all":
        selection.conditions.append("q.kind = ?")
        selection.params.append(wanted.kind)
    if wanted.speaker_keys is not None:
        selection.conditions.append(speaker_condition(wanted.speaker_keys))
        selection.params.extend(wanted.speaker_keys)
    return selection


def speaker_condition(keys: list[str]) -> str:
    """The SQL condition for quotes by one of the speakers `keys` (folded names)."""
    return f"q.speaker_key IN ({','.join('?' * len(keys))})" if keys else "0"


@reads_index
def find_quote_ids(index: CorpusIndex, id_or_prefix: str, limit: int = 10) -> list[str]:
    """The quote ids `id_or_prefix` may stand for: itself, or the ids starting with it
    (at most `limit` + 1, so that the caller can tell "ambiguous" from "one")."""
    if get_quote(index, id_or_prefix) is not None:
        return [id_or_prefix]
    starting = Selection(
        conditions=["q.id >= ?", "q.id < ?"], params=[id_or_prefix, id_or_prefix + "\uffff"]
    )
    rows = index.quotes.select(starting, "DISTINCT q.id", QuoteOrder.ID, limit + 1)
    return [qid for (qid,) in rows]


@reads_index
def resolve_speaker(index: CorpusIndex, name: str) -> SpeakerMatch:
    """The indexed speakers that `name` designates: full name, alias or surname."""
    from ..quotes.people import fold_name, load_people

    people = load_people()
    wanted = fold_name(name)
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
    wanted = Selection(conditions=["q.id = ?"], params=[quote_id])
    found = next(index.quotes.select(wanted, QUOTE_COLUMNS, limit=1), None)
    return quote_from_row(found) if found is not None else None


@reads_index
def quotes_of_article(index: CorpusIndex, doc: str) -> list[Quote]:
    """An article's quotes, in text order."""
    wanted = Selection(conditions=["q.doc = ?"], params=[doc])
    return [quote_from_row(row) for row in index.quotes.select(wanted, QUOTE_COLUMNS)]


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
    article = index.searcher.document(type="article", doc=quote.doc)
    if article is not None and "source_text" in article:
        return _in_stored_text(quote, article, paragraphs_around)
    try:
        decoded = read_article_file(Path(quote.path))
    except SkippedFile as skipped:
        return QuoteInContext(quote, None, None, skipped.reason)
    if article is not None and decoded.sha256 != article.get("sha256"):
        return QuoteInContext(
            quote,
            None,
            None,
            "the file changed since it was indexed; run `caucasus index`",
        )
    context, context_start = _context(decoded.text, quote, paragraphs_around)
    return QuoteInContext(quote, context, context_start)


def _in_stored_text(quote: Quote, article: dict, around: int) -> QuoteInContext:
    text = article["source_text"]
    if text[quote.start : quote.end] != quote.text:
        return QuoteInContext(quote, None, None, "the stored text does not hold this quote")
    context, context_start = _context(text, quote, around)
    try:
        current = read_article_file(Path(quote.path)).sha256
    except SkippedFile as skipped:
        return QuoteInContext(quote, context, context_start, f"saved file: {skipped.reason}")
    changed = None
    if current != article.get("sha256"):
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
