"""Which files caucasus reads, and one decoded file to its article records.

A text or Markdown file is one article; a saved web page is one article, its main
text extracted; a JSON Lines or CSV export is one article a record. Each article's
`text` is the text its quote offsets point into: the file's own text, the page's
extracted text, or the record's text field.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from ..models import Article
from .encodings import valid_text
from .exports import FieldNames, RecordProblem, field_names, read_csv, read_jsonl
from .kinds import FileKind, UnreadFiles, file_kind  # noqa: F401 (UnreadFiles: its old home)
from .metadata import KnownMetadata, parse_article
from .reader import DecodedFile, SkippedFile

_EXPORTS = {FileKind.JSONL: read_jsonl, FileKind.CSV: read_csv}


class ReaderMissing(SkippedFile):
    """A file of a readable kind whose reader (an optional extra) is not installed."""

    def __init__(self, path: Path, kind: FileKind, install: str) -> None:
        super().__init__(path, f"the {kind} reader is not installed ({install})")
        self.kind = kind
        self.install = install

    def __reduce__(self):
        return (type(self), (self.path, self.kind, self.install))


@dataclass(slots=True)
class FileArticles:
    articles: list[Article]
    problems: list[RecordProblem] = field(default_factory=list)  # records not read


def articles_from_file(
    decoded: DecodedFile, file_doc: str, names: FieldNames | None = None
) -> FileArticles:
    """The articles in one decoded file; raises SkippedFile when it holds none.

    `file_doc` is the file's document id; a record's id is `file_doc#key`, its key
    being the record's own id, else its URL, else its line.
    """
    kind = file_kind(decoded.path) or FileKind.TEXT
    path = str(decoded.path)
    if kind is FileKind.HTML:
        found = _page_articles(decoded, file_doc)
    elif kind in _EXPORTS:
        found = _export_articles(decoded, file_doc, _EXPORTS[kind], names or field_names())
    else:
        text, problem = _valid(decoded.text, None, line=None)
        found = FileArticles([parse_article(file_doc, path, text)], [problem] if problem else [])
    for article in found.articles:
        article.kind = kind
        article.sha256, article.mtime_ns, article.size = (
            decoded.sha256,
            decoded.mtime_ns,
            decoded.size,
        )
        article.encoding = decoded.encoding
    return found


def _page_articles(decoded: DecodedFile, file_doc: str) -> FileArticles:
    from .html import INSTALL_HINT, ExtractorMissing, extract_main_text, read_page_metadata

    try:
        text = extract_main_text(decoded.text)
    except ExtractorMissing:
        raise ReaderMissing(decoded.path, FileKind.HTML, INSTALL_HINT) from None
    if not text.strip():
        raise SkippedFile(decoded.path, "no article text found in the page")
    text, known, problem = _valid_record(text, read_page_metadata(decoded.text), line=None)
    article = parse_article(file_doc, str(decoded.path), text, known)
    return FileArticles([article], [problem] if problem else [])


def _valid(text: str, what: str | None, line: int | None) -> tuple[str, RecordProblem | None]:
    valid, replaced = valid_text(text)
    if not replaced:
        return text, None
    return valid, _replaced_problem(replaced, [what] if what else [], line)


def _valid_record(
    text: str, known: KnownMetadata, line: int | None
) -> tuple[str, KnownMetadata, RecordProblem | None]:
    """The record's text and metadata, valid: a lone surrogate (`"\\udfff"` in JSON)
    or a NUL would fail the index's UTF-8 writes and every later run with them."""
    text, replaced = valid_text(text)
    fields = ["text"] if replaced else []
    changes = {}
    for name in ("title", "source", "url", "author", "date_text"):
        value = getattr(known, name)
        if value is not None:
            valid, count = valid_text(value)
            if count:
                changes[name], replaced, fields = valid, replaced + count, [*fields, name]
    if not replaced:
        return text, known, None
    return text, dataclasses.replace(known, **changes), _replaced_problem(replaced, fields, line)


def _replaced_problem(count: int, fields: list[str], line: int | None) -> RecordProblem:
    chars = "character" if count == 1 else "characters"
    where = f" in {', '.join(fields)}" if fields else ""
    return RecordProblem(
        line, f"{count} invalid {chars} (lone surrogate or NUL){where} replaced by U+FFFD; kept"
    )


def _export_articles(decoded: DecodedFile, file_doc: str, read, names: FieldNames) -> FileArticles:
    export = read(decoded.text, names)
    if not export.records:
        first = export.problems[0] if export.problems else None
        why = f"line {first.line}: {first.reason}" if first else "no records"
        raise SkippedFile(decoded.path, f"no readable record ({why})")
    articles = []
    problems = list(export.problems)
    for record in export.records:
        text, known, problem = _valid_record(record.text, record.known, record.line)
        if problem:
            problems.append(problem)
        article = parse_article(f"{file_doc}#{record.key}", str(decoded.path), text, known)
        article.record, article.record_line = record.key, record.line
        articles.append(article)
    problems.sort(key=lambda problem: problem.line or 0)
    return FileArticles(articles, problems)
