"""Fetching one article's record from the index by its document id."""

from __future__ import annotations

from dataclasses import dataclass

from ..index.documents import (
    article_from_stored,
    article_number,
    article_size,
    stored_doc,
    with_doc_prefix,
)
from ..index.quotequery import QuoteQuery
from ..index.store import CorpusIndex, reads_index
from ..models import ArticleRecord

_MAX_CANDIDATES = 10


@dataclass(slots=True)
class ArticleLookup:
    record: ArticleRecord | None
    # Document ids the user may have meant when `record` is None.
    candidates: list[str]


@reads_index
def find_article(index: CorpusIndex, doc: str) -> ArticleLookup:
    """The article whose id is `doc`, or whose id is the only one starting with `doc`."""
    searcher = index.searcher
    docnum = article_number(searcher, doc)
    if docnum is None:
        found = searcher.search(with_doc_prefix(doc), limit=_MAX_CANDIDATES + 1)
        matches = sorted({stored_doc(hit) for hit in found})
        if len(matches) != 1:
            return ArticleLookup(None, matches[:_MAX_CANDIDATES])
        docnum = article_number(searcher, matches[0])
    return ArticleLookup(article_record(index, docnum), [])


def article_record(index: CorpusIndex, docnum: int) -> ArticleRecord:
    stored = index.searcher.stored_fields(docnum)
    size = article_size(index.searcher.reader(), docnum)
    return article_from_stored(stored, size, count_quotes(index, stored_doc(stored)))


def count_quotes(index: CorpusIndex, doc: str) -> int:
    return index.quotes.count(QuoteQuery(doc=doc))
