"""Saved web pages: the article's main text and what the page states of itself.

The main text comes from trafilatura (a dependency, heavy to import), imported only
when a page is read. The page's metadata is read here, with the standard library, from the
tags a publisher writes for itself: canonical link, Open Graph, `article:*` and
JSON-LD. The date is the publication date the page states (never the modification
date, never a date guessed from the URL or the day the page was saved).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from ..errors import CaucasusError
from .dates import outlet_day_order, parse_date_value
from .metadata import KnownMetadata

# trafilatura is a dependency; an install that lacks it (a package built without its
# dependencies, a broken environment) is told what to add.
INSTALL_HINT = "pip install trafilatura"

# Article types of schema.org whose `datePublished` is the article's own.
_ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "BlogPosting",
        "Report",
        "WebPage",
    }
)
_PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished")
# Browsers' "Save Page As" marks where the page came from.
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(?P<url>https?://[^\s>]+?)\s*-->")


class ExtractorMissing(CaucasusError):
    """The HTML extractor (trafilatura) is not installed."""


def extract_main_text(page: str) -> str:
    """The article's own text, boilerplate and navigation left out; paragraphs apart.

    Raises ExtractorMissing when trafilatura is not installed.
    """
    try:
        import trafilatura
    except ImportError:
        raise ExtractorMissing(INSTALL_HINT) from None
    text = trafilatura.extract(
        page,
        output_format="txt",
        include_comments=False,
        include_tables=False,
        include_images=False,
        # trafilatura's deduplication remembers text across calls in the process: a
        # second page sharing paragraphs with an earlier one (a wire story republished)
        # would lose them.
        deduplicate=False,
        with_metadata=False,
    )
    if not text:
        return ""
    # trafilatura puts one paragraph a line; a blank line between them is how every
    # other reader here tells paragraphs apart.
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def read_page_metadata(page: str) -> KnownMetadata:
    """Title, outlet, canonical URL, author and publication date, as the page states them."""
    tags = _PageTags()
    tags.feed(page)
    tags.close()
    article = _json_ld_article(tags.json_ld)
    source = tags.meta.get("og:site_name") or _name(article.get("publisher"))
    title = (
        _text(article.get("headline"))
        or tags.meta.get("og:title")
        or _without_site_name(tags.title, source)
    )
    published = next((tags.meta[k] for k in _PUBLISHED_META if tags.meta.get(k)), None)
    published = published or _text(article.get("datePublished"))
    found = parse_date_value(published, outlet_day_order(source)) if published else None
    return KnownMetadata(
        title=title or None,
        source=source or None,
        url=_page_url(tags, article, page),
        author=_author(article.get("author")) or _not_a_url(tags.meta.get("author")),
        date=found.date if found else None,
        date_text=found.text if found else None,
    )


class _PageTags(HTMLParser):
    """The head's tags that describe the page; the body is left to the extractor."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.json_ld: list[str] = []
        self.title = ""
        self._in: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "").strip() for name, value in attrs}
        if tag == "meta":
            key = values.get("property") or values.get("name") or values.get("itemprop") or ""
            if key and values.get("content") and key.lower() not in self.meta:
                self.meta[key.lower()] = values["content"]
        elif tag == "link" and values.get("href"):
            for rel in values.get("rel", "").lower().split():
                self.links.setdefault(rel, values["href"])
        elif tag == "title" and not self.title:
            self._in, self._buffer = "title", []
        elif tag == "script" and values.get("type", "").lower() == "application/ld+json":
            self._in, self._buffer = "json_ld", []

    def handle_data(self, data: str) -> None:
        if self._in:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._in == "title" and tag == "title":
            self.title = " ".join("".join(self._buffer).split())
            self._in = None
        elif self._in == "json_ld" and tag == "script":
            self.json_ld.append("".join(self._buffer))
            self._in = None


def _json_ld_article(blocks: list[str]) -> dict:
    """The first schema.org article object in the page's JSON-LD blocks (or {})."""
    for block in blocks:
        try:
            data = json.loads(block)
        except ValueError:
            continue  # a broken block is the publisher's; the rest of the page still reads
        for item in _json_ld_items(data):
            types = item.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(t in _ARTICLE_TYPES for t in types if isinstance(t, str)):
                return item
    return {}


def _json_ld_items(data) -> list[dict]:
    if isinstance(data, list):
        return [item for element in data for item in _json_ld_items(element)]
    if not isinstance(data, dict):
        return []
    graph = data.get("@graph")
    # A NewsArticle before the WebPage that wraps it: the article's fields are its own.
    items = _json_ld_items(graph) if graph else [data]
    return sorted(items, key=lambda item: item.get("@type") == "WebPage")


def _page_url(tags: _PageTags, article: dict, page: str) -> str | None:
    entity = article.get("mainEntityOfPage")
    candidates = [
        tags.links.get("canonical"),
        tags.meta.get("og:url"),
        _text(article.get("url")),
        entity.get("@id") if isinstance(entity, dict) else _text(entity),
    ]
    saved = _SAVED_FROM.search(page[:4096])
    if saved:
        candidates.append(saved.group("url"))
    return next((url for url in candidates if url and re.match(r"https?://", url)), None)


def _text(value) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _name(value) -> str | None:
    if isinstance(value, list):
        return next((name for item in value if (name := _name(item))), None)
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _not_a_url(_text(value))


def _author(value) -> str | None:
    items = value if isinstance(value, list) else [value]
    names = [name for item in items if (name := _name(item))]
    return ", ".join(dict.fromkeys(names)) or None


def _not_a_url(value: str | None) -> str | None:
    return None if value is None or re.match(r"https?://", value) else value


def _without_site_name(title: str, source: str | None) -> str | None:
    """`Ceasefire talks in Moscow | Example News` is the headline `Ceasefire talks in Moscow`."""
    if not title:
        return None
    if source:
        for separator in (" | ", " - ", " – ", " — ", " :: "):
            head, sep, tail = title.rpartition(separator)
            if sep and tail.strip().casefold() == source.casefold():
                return head.strip()
    return title
