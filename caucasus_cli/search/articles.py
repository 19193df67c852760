"""Full-text search over articles: parsing, filters, ranking, snippets, corrections.

Queries use Whoosh's language (AND/OR/NOT, "phrases", field:value, wildcards,
`word~` fuzzy). Malformed queries raise QueryError with one line that says what is
wrong, instead of Whoosh's habit of silently searching something else.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

from whoosh import query

from ..errors import QueryError, StopWordsOnly
from ..index.documents import (
    ARTICLE_QUERY_FIELDS,
    ARTICLE_TEXT_FIELDS,
    DATE,
    date_order,
    filters_query,
    hit_from_stored,
    speakers_query,
    stored_body,
)
from ..index.schema import ARTICLE, find_terms, text_analyzer
from ..index.store import CorpusIndex, reads_index
from ..models import Hit, SortOrder
from . import queryparser as qparser  # Whoosh's, loaded only for a query that needs it
from .phrases import TopListCollector, adjacent_phrases
from .variants import expand_variants

_DEFAULT_FIELDS = list(ARTICLE_TEXT_FIELDS)
_SNIPPET_CHARS = 220
_FIELD_PREFIX = re.compile(r"(?<![\w:])([A-Za-z_]\w*):(?=(\S?))")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
# A bare word: not a field name, and not fuzzy or wildcard syntax.
_PLAIN_WORD = re.compile(r"(?<![\w:])\w+(?![\w:~*?])")


_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def parse_day(text: str, *, last: bool = False) -> dt.date:
    """`YYYY-MM-DD`, `YYYY-MM` or `YYYY` as a day: the first day of the month or year,
    or with `last` its last day (so that `--until 2020-11` takes in November 30)."""
    match = _PARTIAL_DATE.fullmatch(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = (int(part) if part else None for part in match.groups())
    if month is None:
        month, day = (12, 31) if last else (1, 1)
    elif day is None:
        if not 1 <= month <= 12:
            raise ValueError(f"{text!r}: no month {month}")
        day = calendar.monthrange(year, month)[1] if last else 1
    try:
        return dt.date(year, month, day)
    except ValueError as problem:
        raise ValueError(f"{text!r}: {problem}") from None


@dataclass(slots=True)
class SearchOptions:
    query: str
    source: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    # Folded speaker keys: keep only articles quoting one of them (None = no filter).
    speaker_keys: list[str] | None = None
    # None: every match (for listing paths; snippets are then left out).
    limit: int | None = 10
    offset: int = 0
    literal: bool = False
    exact: bool = False
    sort: SortOrder = SortOrder.score
    snippets: bool = True


@dataclass(slots=True)
class SearchResult:
    hits: list[Hit]
    total: int
    suggestion: str | None = None


def validate_query(text: str, fields: tuple[str, ...] = ARTICLE_QUERY_FIELDS) -> None:
    """Raise QueryError for what Whoosh would misread: unbalanced marks, unknown fields."""
    if not text.strip():
        raise QueryError("empty query")
    if text.count('"') % 2:
        raise QueryError('unbalanced double quote (")')
    # A quoted phrase stands for words: a mark of its own keeps its place ('title:"…"'
    # has a value; '"…" OR x' has words before the OR), with nothing inside to misread.
    outside_quotes = re.sub(r'"[^"]*"', '""', text)
    depth = 0
    for char in outside_quotes:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            raise QueryError("unbalanced parenthesis: ')' without '('")
    if depth:
        raise QueryError("unbalanced parenthesis: '(' without ')'")
    for match in _FIELD_PREFIX.finditer(outside_quotes):
        name, following = match.group(1), match.group(2)
        if name not in fields:
            known = ", ".join(fields)
            raise QueryError(f"unknown field '{name}:' (fields: {known})")
        if not following or following in ")":
            raise QueryError(f"field '{name}:' needs a value")
    words = outside_quotes.replace("(", " ").replace(")", " ").split()
    if words and (words[0] in _OPERATORS - {"NOT"} or words[-1] in _OPERATORS):
        raise QueryError(
            f"operator '{words[0] if words[0] in _OPERATORS else words[-1]}'"
            " needs words on both sides"
        )


def make_parser(schema, default_fields: list[str], *, dates: bool = True) -> qparser.QueryParser:
    """Whoosh's parser with fuzzy terms (`word~`), and with `date:` values unless `dates`
    is False (its plugin and the modules it loads are only wanted for a `date:` query)."""
    parser = qparser.MultifieldParser(default_fields, schema)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    if dates:
        from whoosh.qparser.dateparse import DateParserPlugin

        parser.add_plugin(DateParserPlugin(free=False))
    return parser


def _names_a_date(text: str) -> bool:
    """Whether the query names the `date:` field (as validate_query reads field names)."""
    return any(match.group(1) == DATE for match in _FIELD_PREFIX.finditer(text))


def parse_user_query(
    text: str,
    schema,
    *,
    default_fields: list[str] = _DEFAULT_FIELDS,
    allowed_fields: tuple[str, ...] = ARTICLE_QUERY_FIELDS,
    literal: bool = False,
    exact: bool = False,
) -> query.Query:
    """The Whoosh query for what the user typed, name variants included unless `exact`."""
    if literal:
        words = [token.text for token in text_analyzer()(text)]
        if not words:
            raise StopWordsOnly(_stop_words_message(text))
        parsed: query.Query = query.Or(
            [query.And([query.Term(name, w) for w in words]) for name in default_fields]
        )
    else:
        validate_query(text, allowed_fields)
        try:
            parsed = make_parser(schema, default_fields, dates=_names_a_date(text)).parse(text)
        except (
            Exception
        ) as error:  # Whoosh's parser raises bare Exception ("… not a parseable date")
            raise QueryError(str(error).strip() or type(error).__name__) from None
        if query.NullQuery == parsed:  # every query matching nothing equals it
            if any(token.text for token in text_analyzer()(text)) or not _WORD.search(text):
                raise QueryError("the query has no searchable words (only operators)")
            raise StopWordsOnly(_stop_words_message(text))
    return parsed if exact else expand_variants(parsed)


_WORD = re.compile(r"\w+")


def _stop_words_message(text: str) -> str:
    words = [w for w in _WORD.findall(text) if w not in _OPERATORS]
    shown = ", ".join(f"'{w}'" for w in words[:5]) or repr(text)
    shown += " is" if len(words) == 1 else " are"
    return (
        f"no searchable words: {shown} only stop words, too common to be indexed; "
        "add a more specific word (a name, a place, a rarer word)"
    )


def as_filters(restrictions: list[query.Query]) -> list[query.Query]:
    """Restrictions that narrow the matches without adding to their scores."""
    return [query.ConstantScoreQuery(r, 0.0) for r in restrictions]


@reads_index
def search_articles(index: CorpusIndex, options: SearchOptions) -> SearchResult:
    """Ranked (BM25F) articles for `options`, with highlighted snippets."""
    searcher = index.searcher
    user_query = parse_user_query(
        options.query, searcher.schema, literal=options.literal, exact=options.exact
    )
    # Only articles have a title or a body: then the document-type test is work for nothing,
    # unless a NOT would let in every document without those words (quotes among them).
    article_only = {leaf.field() for leaf in user_query.leaves()} <= set(ARTICLE_TEXT_FIELDS) and (
        not _negates(user_query)
    )
    restrictions = filters_query(
        None if article_only else ARTICLE, options.source, options.since, options.until
    )
    if options.speaker_keys is not None:
        restrictions.append(speakers_query(options.speaker_keys))
    full = query.And([user_query, *as_filters(restrictions)]) if restrictions else user_query
    full = adjacent_phrases(full)
    limit = None if options.limit is None else options.offset + options.limit
    if options.sort == SortOrder.score:
        results = ranked(searcher, full, limit)
    else:
        order = date_order(options.sort == SortOrder.newest)
        results = searcher.search(full, limit=limit, sortedby=order)
    terms = highlight_terms(searcher, user_query, ARTICLE_TEXT_FIELDS) if options.snippets else None
    hits = [
        _to_hit(rank, hit, terms, scored=options.sort == SortOrder.score)
        for rank, hit in enumerate(results[options.offset :], start=options.offset + 1)
    ]
    # The exact count, kept by the collector as it ranks (see `ranked`).
    result = SearchResult(hits=hits, total=len(results))
    if not hits and not options.literal and options.offset == 0:
        result.suggestion = suggest_correction(index, options, restrictions)
    return result


def ranked(searcher, full: query.Query, limit: int | None):
    """The `limit` best-scored matches of `full`, with the exact number of matches.

    Whoosh's default top-N collector skips what cannot reach the top N: whole posting
    blocks (block quality) and, once the top N is full, the words of an OR too rare to
    lift a document into it (matcher replacement). The count then needs a second pass
    over every match, about 45% of a phrase search. Here every match is visited once,
    scored and counted: the same hits in the same order (ties keep the lower document
    number first, as before). Measured on 2,225 BBC articles (CPU ms, before -> after):
    "prime minister" 10.1 -> 5.5, government 7.4 -> 4.8, `tony blair` 7.1 -> 3.2; on
    22,250: 77 -> 42, 23.5 -> 23.4 (scoring every match costs what the skips saved), 22.8 -> 20.3.
    A segment's matches known whole (a bare phrase or word) are taken at once
    (TopListCollector, search/phrases.py), with the same top N and count.
    """
    if limit is None:
        return searcher.search(full, limit=None)
    collector = TopListCollector(limit)
    searcher.search_with_collector(full, collector)
    return collector.results()


def _negates(parsed: query.Query) -> bool:
    return isinstance(parsed, query.Not) or any(_negates(c) for c in parsed.children())


def highlight_terms(searcher, user_query: query.Query, fields: tuple[str, ...]) -> frozenset[str]:
    """The indexed terms the query matches in `fields`, wildcards and fuzzy terms expanded."""
    reader = searcher.reader()
    return frozenset(
        text.decode("utf-8") if isinstance(text, bytes) else text
        for leaf in user_query.leaves()
        if leaf.field() in fields
        for _fieldname, text in leaf.expanded_terms(reader, phrases=True)
    )


def _to_hit(rank: int, hit, terms: frozenset[str] | None, *, scored: bool = True) -> Hit:
    snippet, matches = make_snippet(stored_body(hit), terms) if terms is not None else ("", [])
    # Sorted by date, Whoosh gives the sort key in place of a score.
    return hit_from_stored(rank, hit, hit.score if scored else None, snippet, matches)


def make_snippet(
    body: str, terms: frozenset[str], width: int = _SNIPPET_CHARS
) -> tuple[str, list[tuple[int, int]]]:
    """The passage of about `width` characters holding the most distinct query terms,
    whitespace folded, with the offsets of the matched words inside it."""
    found = find_terms(body, terms)
    if not found:
        return _opening(body), []
    best_key, best_inside = None, found[:1]
    for first, (start, _end, _term) in enumerate(found):
        inside = [item for item in found[first:] if item[1] <= start + width] or [found[first]]
        key = (len({term for _s, _e, term in inside}), len(inside), -first)
        if best_key is None or key > best_key:
            best_key, best_inside = key, inside
    cover_from, cover_to = best_inside[0][0], best_inside[-1][1]
    start = max(0, cover_from - max(0, width - (cover_to - cover_from)) // 2)
    end = max(cover_to, min(len(body), start + width))
    start, end = _word_boundaries(body, start, end, cover_from, cover_to)
    spans = [(s - start, e - start) for s, e, _t in best_inside]
    text, spans = collapse_whitespace(body[start:end], spans)
    if start > 0:
        text, spans = "… " + text, [(s + 2, e + 2) for s, e in spans]
    if end < len(body):
        text += " …"
    return text, spans


def _word_boundaries(
    body: str, start: int, end: int, keep_from: int, keep_to: int
) -> tuple[int, int]:
    """Move the edges inwards so that no word is cut in two (matched words stay in)."""
    while 0 < start < keep_from and not body[start - 1].isspace():
        start += 1
    while keep_to < end < len(body) and not body[end].isspace():
        end -= 1
    return start, end


def _opening(body: str) -> str:
    text = " ".join(body.split())
    if len(text) <= _SNIPPET_CHARS:
        return text
    return text[:_SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"


def collapse_whitespace(
    text: str, spans: list[tuple[int, int]]
) -> tuple[str, list[tuple[int, int]]]:
    """Fold runs of whitespace (line breaks included) to one space, keeping spans aligned.

    Leading and trailing whitespace go. An offset moves to where the folded text of
    everything before it ends: inside a word it moves with the word; in the whitespace
    after a word, it lands on the space that replaces it (its first character) or just
    after it (the others). Folding is str.split and str.join, in C."""
    folded = " ".join(text.split())
    return folded, [
        (_folded_length(text[:start]), min(_folded_length(text[:end]), len(folded)))
        for start, end in spans
    ]


def _folded_length(prefix: str) -> int:
    folded = " ".join(prefix.split())
    # After whitespace that follows a word, the space that stands for it is counted.
    return len(folded) + 1 if folded and prefix[-1].isspace() else len(folded)


def suggest_correction(index: CorpusIndex, options: SearchOptions, restrictions) -> str | None:
    """A respelling of the query's unknown words that finds something, or None."""
    from ..index.spelling import closest_words  # only when nothing was found

    searcher = index.searcher
    corrected = options.query
    for word in set(_PLAIN_WORD.findall(options.query)) - _OPERATORS:
        stems = [token.text for token in text_analyzer()(word)]
        if len(stems) != 1 or _known(searcher.reader(), stems[0]):
            continue
        closest = closest_words(word, index.vocabulary, limit=1)
        if closest:
            corrected = re.sub(rf"(?<![\w:]){re.escape(word)}(?!\w)", closest[0], corrected)
    if corrected == options.query:
        return None
    try:
        retry = parse_user_query(corrected, searcher.schema, exact=options.exact)
    except QueryError:
        return None
    found = ranked(searcher, query.And([retry, *as_filters(restrictions)]), 1)
    return corrected if len(found) else None


def _known(reader, stem: str) -> bool:
    return any(reader.doc_frequency(name, stem) for name in ARTICLE_TEXT_FIELDS)


# Days that hold every date an article can have: a range over them matches all that are dated.
_ALL_DAYS = (dt.date(1, 1, 1), dt.date(9999, 12, 31))


def undated_left_out(index: CorpusIndex, options: SearchOptions) -> int:
    """How many articles match `options` but for their date range, having no date at all:
    `--since`/`--until` leave them out, and a user should be told (180 of the BBC's
    "Blair" articles are undated). Two counting searches, only when a range is given."""
    if not (options.since or options.until):
        return 0
    counting = replace(options, limit=1, offset=0, snippets=False, sort=SortOrder.score)
    every = search_articles(index, replace(counting, since=None, until=None)).total
    dated = search_articles(index, replace(counting, since=_ALL_DAYS[0], until=_ALL_DAYS[1]))
    return every - dated.total
