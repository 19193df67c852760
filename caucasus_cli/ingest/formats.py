"""Which files caucasus reads, and one decoded file to its article records.

A text or Markdown file is one article; a saved web page is one article, its main
text extracted; a JSON Lines or CSV export is one article a record. Each article's
`text` is the text its quote offsets point into: the file's own text, the page's
extracted text, or the record's text field.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..models import Article
from .exports import FieldNames, RecordProblem, field_names, read_csv, read_jsonl
from .kinds import FileKind, file_kind
from .metadata import parse_article
from .reader import DecodedFile, SkippedFile

_EXPORTS = {FileKind.JSONL: read_jsonl, FileKind.CSV: read_csv}
# `<meta charset="windows-1251">` or `<meta http-equiv="Content-Type" content="…; charset=…">`
_DECLARED_CHARSET = re.compile(r"<meta[^>]+charset\s*=\s*[\"']?\s*(?P<charset>[\w.:-]+)", re.I)


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
        decoded = _in_declared_charset(decoded)
        found = FileArticles([_page_article(decoded, file_doc)])
    elif kind in _EXPORTS:
        found = _export_articles(decoded, file_doc, _EXPORTS[kind], names or field_names())
    else:
        found = FileArticles([parse_article(file_doc, path, decoded.text)])
    for article in found.articles:
        article.kind = kind
        article.sha256, article.mtime_ns, article.size = (
            decoded.sha256,
            decoded.mtime_ns,
            decoded.size,
        )
        article.encoding = decoded.encoding
    return found


def _in_declared_charset(decoded: DecodedFile) -> DecodedFile:
    """A page that is not UTF-8 is decoded as the charset it declares (windows-1251…).

    Only when UTF-8 failed: a page's declaration is often wrong, its bytes are not.
    """
    if decoded.encoding != "cp1252":
        return decoded
    declared = _DECLARED_CHARSET.search(decoded.text[:4096])
    try:
        codec = codecs.lookup(declared.group("charset")).name if declared else None
    except LookupError:
        return decoded
    if codec is None or codec == "cp1252":
        return decoded
    try:
        data = decoded.path.read_bytes()
    except OSError:
        return decoded
    text = data.decode(codec, errors="replace").removeprefix("\ufeff")
    return dataclasses.replace(decoded, text=text, encoding=codec)


def _page_article(decoded: DecodedFile, file_doc: str) -> Article:
    from .html import INSTALL_HINT, ExtractorMissing, extract_main_text, read_page_metadata

    try:
        text = extract_main_text(decoded.text)
    except ExtractorMissing:
        raise ReaderMissing(decoded.path, FileKind.HTML, INSTALL_HINT) from None
    if not text.strip():
        raise SkippedFile(decoded.path, "no article text found in the page")
    return parse_article(file_doc, str(decoded.path), text, read_page_metadata(decoded.text))


def _export_articles(decoded: DecodedFile, file_doc: str, read, names: FieldNames) -> FileArticles:
    export = read(decoded.text, names)
    if not export.records:
        first = export.problems[0] if export.problems else None
        why = f"line {first.line}: {first.reason}" if first else "no records"
        raise SkippedFile(decoded.path, f"no readable record ({why})")
    articles = []
    for record in export.records:
        article = parse_article(
            f"{file_doc}#{record.key}", str(decoded.path), record.text, record.known
        )
        article.record, article.record_line = record.key, record.line
        articles.append(article)
    return FileArticles(articles, export.problems)


@dataclass(slots=True)
class UnreadFiles:
    """Files found beside the articles in formats caucasus does not read, by suffix."""

    by_suffix: Counter[str] = field(default_factory=Counter)

    def add(self, path: Path) -> None:
        self.by_suffix[path.suffix.lower() or "(no suffix)"] += 1

    @property
    def total(self) -> int:
        return sum(self.by_suffix.values())

    def summary(self) -> str | None:
        """`12 files of types caucasus does not read (.pdf ×9, .docx ×3): convert …`."""
        if not self.total:
            return None
        kinds = ", ".join(f"{suffix} ×{n}" for suffix, n in self.by_suffix.most_common())
        files = "file" if self.total == 1 else "files"
        return (
            f"{self.total} {files} of types caucasus does not read ({kinds}): "
            "convert them to text or HTML"
        )
