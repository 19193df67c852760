"""Records to index documents and back: the one module that knows Whoosh's field names.

An article is one Whoosh document; its quotes are rows of the quote store
(`quotestore.py`), made here too, with the JSON they are read back from. The
schema itself (analyzers, stored or column fields) is in `schema.py`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from whoosh import query, sorting

from ..errors import QueryError
from ..ingest.paths import printable_path
from ..models import (
    Article,
    ArticleRecord,
    Hit,
    HowAttributed,
    Quote,
    QuoteKind,
    SpeakerCandidate,
    SpeakerEvidence,
    quote_id,
)
from .schema import ARTICLE, folding_analyzer, indexed_terms

if TYPE_CHECKING:  # the rows are built when indexing: a search need not load them
    from .rows import ArticleRows, FileRow, QuoteRow

# Whoosh's field names, for the queries index/ builds from what search/ asks for. A
# user's query names fields too (`title:`, `source:`, `date:`): they are these.
TYPE, DOC, DATE = "type", "doc", "date"
TITLE, BODY, SOURCE, PLACE = "title", "body", "source", "place"
SPEAKERS = "speakers"  # an article's speakers' folded names, for --speaker
QUOTE = "quote"  # a quote's words (the quote store's query schema)
# Fields a user may name as `field:value`, and those searched when none is named.
ARTICLE_QUERY_FIELDS = (TITLE, BODY, SOURCE, PLACE, DATE)
ARTICLE_TEXT_FIELDS = (TITLE, BODY)
QUOTE_QUERY_FIELDS = (QUOTE, SOURCE, DATE)
QUOTE_TEXT_FIELDS = (QUOTE,)
# Fields whose terms went through the text analyzer, so that name variants match them.
VARIANT_FIELDS = frozenset({TITLE, BODY, QUOTE})

# Bookkeeping read from columns at every sync, without loading stored text.
_BOOKKEEPING = ("type", "path", "file_doc", "root", "sha256", "mtime_ns", "size")
# Whoosh indexes text as strict UTF-8, and a file name need not be UTF-8. Such a path
# is stored as this mark and its bytes as Latin-1; no real path holds a NUL.
_RAW_PATH = "\x00"


@dataclass(frozen=True, slots=True)
class Bookkeeping:
    """What a sync needs to know of an indexed file to tell whether it changed."""

    doc: str  # the file's document id
    root: str
    sha256: str
    mtime_ns: int
    size: int


def article_document(
    article: Article, root: str, quotes: Iterable[Quote], file_doc: str | None = None
) -> dict:
    speakers = sorted({q.speaker for q in quotes if q.speaker})
    extracted = article.kind == "html" or article.record is not None
    return _without_none(
        type=ARTICLE,
        doc=article.doc,
        file_doc=file_doc or article.doc,
        url=article.url,
        author=article.author,
        record=article.record,
        source_text=article.text if extracted else None,
        path=path_field(article.path),
        root=path_field(root),
        title=article.title,
        body=article.body,
        source=article.source,
        place=article.place,
        date=_as_datetime(article.date),
        date_text=article.date_text,
        sha256=article.sha256,
        mtime_ns=article.mtime_ns,
        size=article.size,
        encoding=article.encoding,
        speakers=_joined_keys(speakers),
    )


@dataclass(frozen=True, slots=True)
class QuotedSpeaker:
    """One attributed quote, as the speaker table counts it."""

    doc: str
    speaker: str
    role: str | None
    mention: str | None
    direct: bool  # a direct quotation, not reported speech


def quoted_speaker(doc: str, quote_json: str) -> QuotedSpeaker:
    """An attributed quote's speaker, role and mention, from its row's JSON."""
    record = dict(zip(_QUOTE_RECORD, json.loads(quote_json), strict=False))
    return QuotedSpeaker(
        doc,
        record["speaker"],
        record["speaker_role"],
        record["speaker_mention"],
        record["kind"] == QuoteKind.DIRECT,
    )


def article_rows(
    article: Article, quotes: Iterable[Quote], file_doc: str | None = None
) -> ArticleRows:
    """An article's row in the quote store, and its quotes'."""
    from .rows import ArticleRows

    shared = {
        "path": path_field(article.path),
        "title": article.title,
        "source": article.source,
        "date": article.date.isoformat() if article.date else None,
        "date_text": article.date_text,
        "url": article.url,
        "record": article.record,
    }
    return ArticleRows(
        doc=article.doc,
        file=file_doc or article.doc,
        date=shared["date"],
        source_words=source_words(article.source),
        article=_json(shared),
        quotes=tuple(_quote_row(article, quote) for quote in quotes),
    )


def _quote_row(article: Article, quote: Quote) -> QuoteRow:
    # Imported here: only indexing makes rows, and a search need not load the wording
    # alignment.
    from ..quotes.wording import wording_key, words_of
    from .rows import QuoteRow

    evidence = quote.speaker_evidence
    record = {
        "text": quote.text,
        "kind": str(quote.kind),
        "speaker": quote.speaker,
        "speaker_role": quote.speaker_role,
        "speaker_mention": quote.speaker_mention,
        # The words naming the speaker: [start, end, text]; how the speaker was settled.
        "speaker_evidence": [evidence.start, evidence.end, evidence.text] if evidence else None,
        "attribution": str(quote.attribution) if quote.attribution else None,
        "cue": quote.cue,
        # [[name, support, taken], …]: who attribution considered (issue 19).
        "speaker_candidates": [[c.name, c.support, c.taken] for c in quote.speaker_candidates],
        "start": quote.start,
        "end": quote.end,
        "paragraph": quote.paragraph,
        "line": article.line_of(quote.start),
    }
    return QuoteRow(
        id=quote_id(article.doc, quote.kind, quote.start, quote.end),
        kind=str(quote.kind),
        speaker_key=speaker_key(quote.speaker) if quote.speaker else None,
        start=quote.start,
        wording=wording_key(words_of(quote.text)),
        quote=_json(_quote_values(record)),
        words=indexed_words(quote.text),
    )


def _quote_values(record: dict) -> list:
    """The row's array; speaker_candidates, last, only when there are some (most
    quotes have none: their rows stay as small as before the field existed)."""
    values = [record[name] for name in _QUOTE_RECORD]
    return values if values[-1] else values[:-1]


# A quote row's columns as `quote_from_row` reads them, for the SELECTs that feed it.
QUOTE_COLUMNS = "q.id, q.doc, q.quote, a.article"


def quote_from_row(row: Sequence) -> Quote:
    """The Quote a store row (`QUOTE_COLUMNS`) holds."""
    qid, doc, quote_json, article_json = row[:4]
    # A row written before speaker_candidates existed has one field fewer.
    record = dict(zip(_QUOTE_RECORD, json.loads(quote_json), strict=False))
    article = json.loads(article_json)
    evidence = record.pop("speaker_evidence")
    attribution = record.pop("attribution")
    candidates = record.pop("speaker_candidates", None) or ()
    return Quote(
        id=qid,
        doc=doc,
        path=printable_path(path_from_field(article["path"])),
        title=article.get("title"),
        source=article.get("source"),
        date=dt.date.fromisoformat(article["date"]) if article.get("date") else None,
        date_text=article.get("date_text"),
        url=article.get("url"),
        record=article.get("record"),
        speaker_evidence=_evidence(evidence),
        attribution=HowAttributed(attribution) if attribution else None,
        speaker_candidates=tuple(SpeakerCandidate(*c) for c in candidates),
        **record,
    )


# A quote row's JSON: these fields, in this order (an array, not an object: the names
# would be a third of every row).
_QUOTE_RECORD = (
    "text",
    "kind",
    "speaker",
    "speaker_role",
    "speaker_mention",
    "speaker_evidence",
    "attribution",
    "cue",
    "start",
    "end",
    "paragraph",
    "line",
    "speaker_candidates",
)


def indexed_words(text: str) -> str:
    """A quote's indexed words (folded, stemmed, stop words out), as the store's FTS5
    table gets them: the Whoosh analyzer's terms, so that queries parse the same."""
    return " ".join(indexed_terms(text))


def quote_text(quote_json: str) -> str:
    """The words of the quote whose row's JSON this is."""
    return json.loads(quote_json)[_QUOTE_RECORD.index("text")]


def indexed_values(quote_json: str, article_json: str) -> tuple[str, str]:
    """What a quote's FTS5 row was inserted with (words, source words), from its rows:
    a contentless FTS5 table needs them again to delete it."""
    return indexed_words(quote_text(quote_json)), source_words(json.loads(article_json)["source"])


def filters_query(
    doc_type: str | None,
    source: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[query.Query]:
    """The restrictions shared by article and quote searches.

    `doc_type` None leaves out the document-type test, for queries on a field that
    only one type of document has (`body`, `quote`): it would only cost time.
    """
    parts: list[query.Query] = [query.Term(TYPE, doc_type)] if doc_type else []
    if source:
        parts.append(source_query(source))
    if since or until:
        parts.append(date_range(since, until))
    return parts


def date_range(since: dt.date | None, until: dt.date | None) -> query.Query:
    """Dated from `since` to `until`, both days included (either may be None)."""
    start = dt.datetime.combine(since, dt.time.min) if since else None
    end = dt.datetime.combine(until, dt.time.max) if until else None
    return query.DateRange(DATE, start, end)


def speakers_query(keys: Iterable[str]) -> query.Query:
    """The articles quoting one of the speakers `keys` (folded names)."""
    return query.Or([query.Term(SPEAKERS, key) for key in keys])


def body_term(word: str) -> query.Term:
    """An indexed word (as the text analyzer makes it) in an article's body."""
    return query.Term(BODY, word)


def quote_term(word: str) -> query.Term:
    """An indexed word in a quote's words."""
    return query.Term(QUOTE, word)


def date_order(reverse: bool) -> sorting.MultiFacet:
    """Sort by date, undated documents last in either direction, then by document id."""
    dated_first = sorting.QueryFacet({"0": query.Every(DATE)}, other="1")
    return sorting.MultiFacet(
        [dated_first, sorting.FieldFacet(DATE, reverse=reverse), sorting.FieldFacet(DOC)]
    )


def source_query(source: str) -> query.Query:
    """`--source`'s outlet as a query on the outlet's words (articles and quotes)."""
    words = [token.text for token in folding_analyzer()(source)]
    if not words:
        raise QueryError(f"--source {source!r} has no words")
    return query.Phrase(SOURCE, words) if len(words) > 1 else query.Term(SOURCE, words[0])


def source_words(source: str | None) -> str:
    """An outlet's words as `--source` and `source:` match them (folded, not stemmed)."""
    if not source:
        return ""
    return " ".join(token.text for token in folding_analyzer()(source))


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _article_fields(stored) -> dict:
    """What an article's stored fields say of it, as every article record has it."""
    return {
        "doc": stored["doc"],
        "path": printable_path(path_from_field(stored["path"])),
        "title": stored.get("title"),
        "source": stored.get("source"),
        "place": stored.get("place"),
        "date": _as_date(stored.get("date")),
        "date_text": stored.get("date_text"),
        "url": stored.get("url"),
    }


def article_from_stored(stored: dict, size: int, quotes: int) -> ArticleRecord:
    return ArticleRecord(
        **_article_fields(stored),
        author=stored.get("author"),
        encoding=stored.get("encoding"),
        sha256=stored.get("sha256"),
        size=size,
        quotes=quotes,
        body=stored.get("body", ""),
    )


def hit_from_stored(
    rank: int, stored, score: float | None, snippet: str, matches: list[tuple[int, int]]
) -> Hit:
    return Hit(
        rank=rank,
        **_article_fields(stored),
        score=round(score, 4) if score is not None else None,
        snippet=snippet,
        matches=matches,
    )


@dataclass(frozen=True, slots=True)
class IndexedText:
    """What the index keeps of an article's text, to cite a quote in context."""

    sha256: str | None  # of the file as indexed
    source_text: str | None  # a page's or an export record's text as extracted, else None


def indexed_text(searcher, doc: str) -> IndexedText | None:
    stored = searcher.document(type=ARTICLE, doc=doc)
    if stored is None:
        return None
    return IndexedText(stored.get("sha256"), stored.get("source_text"))


def with_doc_prefix(prefix: str) -> query.Query:
    """The articles whose document id starts with `prefix`."""
    return query.And([query.Term(TYPE, ARTICLE), query.Prefix(DOC, prefix)])


def article_number(searcher, doc: str) -> int | None:
    """The Whoosh document number of the article `doc`, None if it is not indexed."""
    return searcher.document_number(type=ARTICLE, doc=doc)


def stored_doc(stored) -> str:
    return stored[DOC]


def stored_body(stored) -> str:
    """The article text that is searched (header lines and boilerplate left out)."""
    return stored.get("body", "")


def file_row(article: Article, root: str, file_doc: str) -> FileRow:
    """The state of the file `article` was read from, for the quote store's file table."""
    from .rows import FileRow

    return FileRow(
        path=path_field(article.path),
        doc=file_doc,
        root=path_field(root),
        sha256=article.sha256,
        mtime_ns=article.mtime_ns,
        size=article.size,
    )


def bookkeeping_of_files(rows: Iterable[FileRow]) -> dict[str, Bookkeeping]:
    """path -> bookkeeping, from the file table's rows."""
    return {
        path_from_field(row.path): Bookkeeping(
            doc=row.doc,
            root=path_from_field(row.root),
            sha256=row.sha256,
            mtime_ns=row.mtime_ns,
            size=row.size,
        )
        for row in rows
    }


def bookkeeping(reader) -> dict[str, Bookkeeping]:
    """path -> bookkeeping of every article in the index, from Whoosh's columns (no
    stored text): what a rebuild reads of the index it replaces, whose file table may
    be gone or of another version."""
    if reader.doc_count_all() == 0:
        return {}  # Whoosh's empty reader has no columns
    columns = {name: reader.column_reader(name) for name in _BOOKKEEPING}
    found: dict[str, Bookkeeping] = {}
    for docnum in reader.all_doc_ids():
        if columns["type"][docnum] != ARTICLE:
            continue
        found[path_from_field(columns["path"][docnum])] = Bookkeeping(
            doc=columns["file_doc"][docnum],
            root=path_from_field(columns["root"][docnum]),
            sha256=columns["sha256"][docnum],
            mtime_ns=columns["mtime_ns"][docnum],
            size=columns["size"][docnum],
        )
    return found


def path_field(path: str) -> str:
    """A path (surrogate-escaped where its name is not UTF-8) as Whoosh can index it."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return _RAW_PATH + os.fsencode(path).decode("latin-1")


def path_from_field(value: str) -> str:
    """The path `path_field` stored, exactly as the file system names it."""
    if value.startswith(_RAW_PATH):
        return os.fsdecode(value[len(_RAW_PATH) :].encode("latin-1"))
    return value


def article_size(reader, docnum: int) -> int:
    return reader.column_reader("size")[docnum]


def speaker_key(name: str) -> str:
    """The folded form of a speaker's name that `--speaker` filters match."""
    from ..quotes.people import fold_name

    return fold_name(name)


def _joined_keys(names: Iterable[str]) -> str | None:
    keys = sorted({speaker_key(name) for name in names})
    return ",".join(keys) if keys else None


def _evidence(stored: list | None) -> SpeakerEvidence | None:
    if not stored:
        return None
    start, end, text = stored
    return SpeakerEvidence(start=start, end=end, text=text)


def _without_none(**fields) -> dict:
    return {name: value for name, value in fields.items() if value is not None}


def _as_datetime(date: dt.date | None) -> dt.datetime | None:
    return dt.datetime(date.year, date.month, date.day) if date else None


def _as_date(when: dt.datetime | None) -> dt.date | None:
    return when.date() if when else None
