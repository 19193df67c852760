"""Fetching one article's record from the index by its document id."""

from __future__ import annotations

from dataclasses import dataclass

from whoosh import query

from ..index.documents import article_from_stored, article_size
from ..index.schema import ARTICLE
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
    docnum = searcher.document_number(type=ARTICLE, doc=doc)
    if docnum is None:
        matches = sorted(
            {
                hit["doc"]
                for hit in searcher.search(
                    query.And([query.Term("type", ARTICLE), query.Prefix("doc", doc)]),
                    limit=_MAX_CANDIDATES + 1,
                )
            }
        )
        if len(matches) != 1:
            return ArticleLookup(None, matches[:_MAX_CANDIDATES])
        docnum = searcher.document_number(type=ARTICLE, doc=matches[0])
    return ArticleLookup(article_record(index, docnum), [])


def article_record(index: CorpusIndex, docnum: int) -> ArticleRecord:
    stored = index.searcher.stored_fields(docnum)
    size = article_size(index.searcher.reader(), docnum)
    return article_from_stored(stored, size, count_quotes(index, stored["doc"]))


def count_quotes(index: CorpusIndex, doc: str) -> int:
    from ..index.quotestore import Selection

    return index.quotes.count(Selection(conditions=["q.doc = ?"], params=[doc]))
