"""Fetching one article's record from the index by its document id."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from whoosh import query

from ..index.schema import ARTICLE, QUOTE
from ..index.store import CorpusIndex, reads_index

_MAX_CANDIDATES = 10


@dataclass(slots=True)
class ArticleLookup:
    record: dict[str, Any] | None
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


def article_record(index: CorpusIndex, docnum: int) -> dict[str, Any]:
    """The documented JSON record of an article (field names as in the README)."""
    stored = index.searcher.stored_fields(docnum)
    when = stored.get("date")
    return {
        "doc": stored["doc"],
        "path": stored["path"],
        "title": stored.get("title"),
        "source": stored.get("source"),
        "place": stored.get("place"),
        "date": when.date().isoformat() if when else None,
        "date_text": stored.get("date_text"),
        "encoding": stored.get("encoding"),
        "sha256": stored.get("sha256"),
        "size": index.searcher.reader().column_reader("size")[docnum],
        "quotes": count_quotes(index, stored["doc"]),
        "body": stored.get("body", ""),
    }


def count_quotes(index: CorpusIndex, doc: str) -> int:
    return len(
        index.searcher.search(
            query.And([query.Term("type", QUOTE), query.Term("doc", doc)]), limit=None
        )
    )
