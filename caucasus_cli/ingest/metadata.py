"""Article metadata from plain text: title, source, place, date — never invented.

News files scraped from the web carry their metadata as loose lines at the top:
breadcrumbs (`Home / news / …`), bylines (`By Trend`), a date line, an
`Outlet, Place` line, then the headline and the body. A field the text does not
support stays None.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from ..config import data_entries, data_lines
from ..errors import DataFileError
from ..models import Article, Paragraph
from .dates import DayOrder, find_date, outlet_day_order, script_day_order
from .folding import fold_text
from .paragraphs import split_paragraphs

# Only the first few paragraphs can hold a page header.
_HEADER_PARAGRAPHS = 6
_MAX_TITLE_WORDS = 30
_MAX_TITLE_CHARS = 250
_MAX_FIRST_LINE_SENTENCE_WORDS = 16

_BREADCRUMB = re.compile(r"^\s*home\s*(?:/|>|»|›|\|)\s*.+", re.IGNORECASE)
_BREADCRUMB_SPLIT = re.compile(r"\s+(?:/|>|»|›|\|)\s+")
_BYLINE = re.compile(r"\bBy\s+(?P<name>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})\s*$")
_DATE_LABEL = re.compile(
    r"^\s*(?:(?:date|published|posted|updated|last\s+updated)(?:\s+on)?|on)\s*:?\s*", re.IGNORECASE
)
# "By Trend, October 4, 2020": a byline that the date line follows.
_BYLINE_THEN_DATE = re.compile(
    r"^By\s+(?P<name>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})\s*[,|–—-]\s*(?P<rest>.+)$"
)
# A place name in Latin or Cyrillic letters: `Baku`, `Баку`, `БАКУ`.
_PLACE_WORD = r"[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё'’-]+"
# "Baku, October 4, 2020" or "Баку, 25 сентября 2021": a place, then the date, on a line
# of its own.
_PLACE_THEN_DATE = re.compile(
    rf"^(?P<place>{_PLACE_WORD}(?:\s{_PLACE_WORD}){{0,2}}),\s+(?P<rest>.+)$"
)
# Wire agencies open the first paragraph with a place and a date: `БАКУ, 25 сентября.
# /ТАСС/.`, `БАКУ, 25 сен - РИА Новости.`, `Москва. 20 сентября. ИНТЕРФАКС -`.
_WIRE_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE_WORD}(?:[ -]{_PLACE_WORD})?)[,.]\s+(?P<when>[^.,/–—]{{4,40}}?)"
    r"(?:\.\s|\s+[-–—]\s)"
)
_WEEKDAY_NAME = re.compile(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day$", re.IGNORECASE)
# Markdown around a header line: `# Headline`, `*October 20, 2020*`, `**By Trend**`.
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_MARKDOWN_EMPHASIS = re.compile(r"^(?P<mark>\*{1,2}|_{1,2})(?P<inner>\S(?:.*\S)?)(?P=mark)$")
_OUTLET_PLACE = re.compile(r"^(?P<a>[^,]{2,40}),\s*(?P<b>[^,]{2,40})$")
# "…, Trend reports on Nov.25." or "…, Trend reports citing …" ending a lede sentence.
_REPORTS = re.compile(
    r",\s+(?P<outlet>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,2})\s+reports?\b"
    r"(?:\s+on\s+(?P<when>[^,;]{1,40}?))?(?=\.\s|\.?$|[,;]|\s+citing)"
)
# "BAKU, Azerbaijan (AP) —" or "Baku, Nov 25 (Trend):" opening the first body paragraph.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z'’ -]{1,30}?)(?:,\s*[^()]{1,30}?)?"
    r"\s*\((?P<outlet>[^()]{2,40})\)\s*[-–—:]"
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’»]?$")
_BULLET = re.compile(r"^\s*[•·▪►▸‣◦*]\s+\S")
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into of on or over the to up via vs with".split()  # noqa: SIM905
)


@dataclass(slots=True)
class KnownMetadata:
    """What a page or an export record states of itself, apart from its text.

    Every field is as the source gives it; reading the text only fills what is None.
    """

    title: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    date: dt.date | None = None
    date_text: str | None = None


def parse_article(doc: str, path: str, text: str, known: KnownMetadata | None = None) -> Article:
    """Split `text` into paragraphs and read its title, source, place and date.

    `known` metadata (a page's own tags, an export's fields) is taken as given; the
    text's header lines only fill what it leaves unknown.
    """
    paragraphs = split_paragraphs(text)
    article = Article(doc=doc, path=path, text=text, paragraphs=paragraphs)
    if known is not None:
        _take_known(article, known)
    header = _read_header(article)
    boilerplate = {p.number for p in paragraphs if is_boilerplate_paragraph(p.text)}
    article.body_paragraphs = [
        p.number for p in paragraphs if p.number not in header and p.number not in boilerplate
    ]
    _read_lede(article)
    _read_numeric_date_by_convention(article)
    return article


def _take_known(article: Article, known: KnownMetadata) -> None:
    article.title = _clean_title(known.title)
    article.source = known.source
    article.url = known.url
    article.author = known.author
    article.date, article.date_text = known.date, known.date_text


def _clean_title(title: str | None) -> str | None:
    if not title or not title.strip():
        return None
    return " ".join(title.split())


def _read_numeric_date_by_convention(article: Article) -> None:
    """`04.10.2020` is read once the outlet is known and its convention is on file."""
    order = outlet_day_order(article.source)
    if article.date is None and article.date_text and order is not None:
        found = find_date(article.date_text, order)
        if found:
            article.date = found.date


def header_line(paragraph_text: str) -> str:
    """A header paragraph as one line, without Markdown heading or emphasis marks."""
    line = _MARKDOWN_HEADING.sub("", " ".join(paragraph_text.split()))
    emphasis = _MARKDOWN_EMPHASIS.match(line)
    return emphasis.group("inner") if emphasis else line


def _read_header(article: Article) -> set[int]:
    """Fill metadata from the header lines; return the numbers of header paragraphs."""
    header: set[int] = set()
    breadcrumb_title: str | None = None
    for paragraph in article.paragraphs[:_HEADER_PARAGRAPHS]:
        if is_boilerplate_paragraph(paragraph.text):
            continue
        line = header_line(paragraph.text)
        if line == article.title:  # the page's own headline, repeated in its text
            header.add(paragraph.number)
        elif _BREADCRUMB.match(line):
            breadcrumb_title = _BREADCRUMB_SPLIT.split(line)[-1].strip()
            header.add(paragraph.number)
        elif _read_meta_line(article, line):
            header.add(paragraph.number)
        elif article.title is None and looks_like_headline(
            line, first_in_file=paragraph.number == 1
        ):
            article.title = line
            header.add(paragraph.number)
        else:
            break  # the body has begun
    if article.title is None and breadcrumb_title and len(breadcrumb_title.split()) > 2:
        # A breadcrumb's last crumb is the page's own headline.
        article.title = breadcrumb_title
    return header


def _read_meta_line(article: Article, line: str) -> bool:
    """Take a byline, date line or `Outlet, Place` line; False if `line` is none of them."""
    if _read_byline_then_date(article, line) or _read_place_then_date(article, line):
        return True
    rest = line
    byline = _BYLINE.search(rest)
    if byline and (byline.start() == 0 or _is_only_date(rest[: byline.start()])):
        name = byline.group("name")
        if article.source is None and is_outlet_name(name, allow_single_word=True):
            article.source = name
        rest = rest[: byline.start()]
        if not rest.strip():
            return True
    if _is_only_date(rest):
        _take_date_line(article, rest)
        return True
    outlet_place = _OUTLET_PLACE.match(line)
    if outlet_place:
        first, second = outlet_place.group("a").strip(), outlet_place.group("b").strip()
        if is_outlet_name(first):
            article.source = article.source or first
            article.place = article.place or second
            return True
        if is_outlet_name(second):
            article.source = article.source or second
            article.place = article.place or first
            return True
        if is_place_name(second) and _outlet_shaped(first):
            # `Kura Times, Ganja`: an outlet nobody listed, by the construction.
            article.source = article.source or first
            article.place = article.place or second
            return True
    return False


# A word of a name: capitalised (or a digit), or a small word inside it (`of`, `&`).
_NAME_WORD = re.compile(r"(?:[A-Z0-9][\w.&'’-]*|of|the|and|&|de|la|le)")
# One word written as an outlet writes its name: `JAMnews`, `EurasiaNet`, `APA`, `News.az`.
_OUTLET_WORD = re.compile(r"[A-Z]{2,}[a-z]*|[A-Z][a-z]+[A-Z]\w*|[A-Z]\w+\.[a-z]{2,4}")
_MAX_OUTLET_WORDS = 5


def _outlet_shaped(name: str) -> bool:
    """A name that reads as an outlet's, not a person's or a place's: a few
    capitalised words holding an outlet word (`Kura Times`, `Ganja Daily News`), or
    one word written the way outlets write theirs (`JAMnews`, `APA`). A person's name
    (`Anar Guliyev`) or a place (`Baku`) is none of these."""
    words = name.split()
    if not words or len(words) > _MAX_OUTLET_WORDS or is_place_name(name):
        return False
    if not all(_NAME_WORD.fullmatch(word) for word in words) or not words[0][0].isupper():
        return False
    if len(words) == 1:
        return _OUTLET_WORD.fullmatch(words[0]) is not None
    return any(word.strip(".").casefold() in _outlet_words() for word in words)


@cache
def _outlet_words() -> frozenset[str]:
    return frozenset(word.casefold() for word in data_lines("outlet_words.txt"))


@cache
def _places() -> frozenset[str]:
    return frozenset(
        fold_text(name.strip()) for line in data_lines("places.txt") for name in line.split("|")
    )


def is_place_name(name: str) -> bool:
    """A place of places.txt, in any of its spellings (accents folded)."""
    return fold_text(name.strip(" .,:;")) in _places()


def _read_byline_then_date(article: Article, line: str) -> bool:
    match = _BYLINE_THEN_DATE.match(line)
    if not match or not _is_only_date(match.group("rest")):
        return False
    name = match.group("name")
    if article.source is None and is_outlet_name(name, allow_single_word=True):
        article.source = name
    _take_date_line(article, match.group("rest"))
    return True


def _read_place_then_date(article: Article, line: str) -> bool:
    match = _PLACE_THEN_DATE.match(line)
    if not match or not _is_only_date(match.group("rest")):
        return False
    place = match.group("place")
    if _WEEKDAY_NAME.match(place):
        return False  # "Sunday, October 4, 2020" is all date, read as such
    if is_outlet_name(place):
        article.source = article.source or place
    elif " " not in place:
        # One word is a dateline's city (`BAKU,`); `Joshua Kucera, October 4` is a byline.
        article.place = article.place or place
    _take_date_line(article, match.group("rest"), script_day_order(place))
    return True


def _take_date_line(article: Article, text: str, order: DayOrder | None = None) -> None:
    found = find_date(text, order)
    if found and article.date_text is None:
        article.date_text, article.date = found.text, found.date


def _is_only_date(text: str) -> bool:
    remainder = _DATE_LABEL.sub("", text).strip(" ,|–—-")
    if not remainder:
        return False
    found = find_date(remainder)
    return found is not None and len(found.text) >= len(remainder) - 1


def _read_lede(article: Article) -> None:
    """Source, place and date named by the first body paragraph (`…, Trend reports on …`)."""
    if not article.body_paragraphs:
        return
    first = article.paragraphs[article.body_paragraphs[0] - 1].text
    dateline = _DATELINE.match(first)
    if dateline and is_outlet_name(dateline.group("outlet")):
        article.source = article.source or dateline.group("outlet").strip()
        article.place = article.place or dateline.group("place").strip()
        _take_date(article, first[: dateline.end()])
    wire = _WIRE_DATELINE.match(first)
    if wire and _is_only_date(wire.group("when")):
        # A place and its date, nothing else: the agency's name after it is left to
        # the outlet list, so that a place never becomes an outlet.
        article.place = article.place or wire.group("place")
        _take_date(article, wire.group("when"))
    reports = _REPORTS.search(first)
    if reports and (
        is_outlet_name(reports.group("outlet"), allow_single_word=True)
        and _first_sentence_end(first) <= reports.end() + 1
    ):
        article.source = article.source or reports.group("outlet")
        if reports.group("when"):
            _take_date(article, reports.group("when"))


def _take_date(article: Article, text: str) -> None:
    found = find_date(text)
    if found and (article.date is None and (article.date_text is None or found.date)):
        article.date_text, article.date = found.text, found.date


def _first_sentence_end(text: str) -> int:
    """Offset just past the first full stop that ends a sentence (not `Nov.25`)."""
    match = re.search(r"[.!?](?=\s+[A-Z“\"]|\s*$)", text)
    return match.end() if match else len(text)


def looks_like_headline(text: str, first_in_file: bool = False) -> bool:
    """One short line that does not read like a sentence of the body.

    A headline has no closing full stop, or is in Title Case; some sites end even
    sentence-case headlines with a full stop, which is only believed of a short
    first line.
    """
    line = text.strip()
    if "\n" in line or len(line) > _MAX_TITLE_CHARS:
        return False
    words = line.split()
    if not words or len(words) > _MAX_TITLE_WORDS or _BULLET.match(line):
        return False
    if not _SENTENCE_END.search(line) or line.endswith(("?", "...", "…", "...'", "…'")):
        return True
    if first_in_file and len(words) <= _MAX_FIRST_LINE_SENTENCE_WORDS:
        return True
    content = [w for w in words if w.lower() not in _SMALL_WORDS and w[0].isalpha()]
    capitalised = sum(1 for w in content if w[0].isupper())
    return bool(content) and capitalised / len(content) >= 0.75


@cache
def _outlets() -> frozenset[str]:
    return frozenset(name.casefold() for name in data_lines("outlets.txt"))


def is_outlet_name(name: str, allow_single_word: bool = False) -> bool:
    """A known outlet; or, where the phrasing already says so (`By X`, `X reports`), one word.

    A one-word byline (`By Trend`) is an agency; a personal byline has two or more words.
    """
    cleaned = name.strip(" .,:;")
    if cleaned.casefold() in _outlets():
        return True
    return allow_single_word and re.fullmatch(r"[A-Z][\w.&-]+", cleaned) is not None


@cache
def _boilerplate_pattern() -> re.Pattern[str]:
    entries = data_entries("boilerplate.txt")
    for entry in entries:  # checked one by one, so that an error can name its line
        try:
            re.compile(entry.text)
        except re.error as error:
            raise DataFileError(
                f"{entry.where}: not a valid regular expression ({error})"
            ) from None
    alternatives = "|".join(f"(?:{entry.text})" for entry in entries)
    return re.compile(rf"^(?:{alternatives})$", re.IGNORECASE)


def is_boilerplate_line(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and _boilerplate_pattern().match(stripped) is not None


def is_boilerplate_paragraph(text: str) -> bool:
    """Every line is page furniture: `Source link`, `Follow us on …`, related-link bullets."""
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and all(
        is_boilerplate_line(line) or _is_related_link(line, len(lines)) for line in lines
    )


def _is_related_link(line: str, lines_in_paragraph: int) -> bool:
    # A bulleted list of short headlines is a "related articles" box, not reporting.
    return (
        bool(_BULLET.match(line))
        and lines_in_paragraph >= 2
        and looks_like_headline(_BULLET.sub(lambda m: m.group(0)[-1], line, count=1))
    )


def readable_paragraphs(article: Article) -> list[Paragraph]:
    """The paragraphs quotes are read from: the headline, then the body, in order."""
    readable = body_paragraphs(article)
    headline = title_paragraph(article)
    return [headline, *readable] if headline is not None else readable


def body_paragraphs(article: Article) -> list[Paragraph]:
    by_number = {p.number: p for p in article.paragraphs}
    return [by_number[n] for n in article.body_paragraphs]


def title_paragraph(article: Article) -> Paragraph | None:
    """The paragraph holding the headline, if the headline stands in the text as written."""
    if article.title is None:
        return None
    for paragraph in article.paragraphs[:_HEADER_PARAGRAPHS]:
        if header_line(paragraph.text) == article.title:
            return paragraph
    return None
