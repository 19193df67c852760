"""Full-text search over articles: parsing, filters, ranking, snippets, corrections.

Queries use Whoosh's language (AND/OR/NOT, "phrases", field:value, wildcards,
`word~` fuzzy). Malformed queries raise QueryError with one line that says what is
wrong, instead of Whoosh's habit of silently searching something else.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from whoosh import highlight, qparser, query

from .models import Hit
from .schema import ARTICLE, folding_analyzer, text_analyzer
from .store import CorpusIndex, reads_index
from .variants import expand_variants
from .vocabulary import closest_words

# Fields a user may name as `field:value` in an article search.
ARTICLE_QUERY_FIELDS = ("title", "body", "source", "place", "date")
_DEFAULT_FIELDS = ["title", "body"]
_SNIPPET_CHARS = 220
_FIELD_PREFIX = re.compile(r"(?<![\w:])([A-Za-z_]\w*):(?=(\S?))")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
# A bare word: not a field name, and not fuzzy or wildcard syntax.
_PLAIN_WORD = re.compile(r"(?<![\w:])\w+(?![\w:~*?])")


class QueryError(ValueError):
    """A query that cannot be searched as written; the message is one line."""


@dataclass(slots=True)
class SearchOptions:
    query: str
    source: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    # Folded speaker keys: keep only articles quoting one of them (None = no filter).
    speaker_keys: list[str] | None = None
    limit: int = 10
    offset: int = 0
    literal: bool = False
    exact: bool = False


@dataclass(slots=True)
class SearchResult:
    hits: list[Hit]
    total: int
    suggestion: str | None = None
    parsed: str = ""
    notes: list[str] = field(default_factory=list)


def validate_query(text: str, fields: tuple[str, ...] = ARTICLE_QUERY_FIELDS) -> None:
    """Raise QueryError for what Whoosh would misread: unbalanced marks, unknown fields."""
    if not text.strip():
        raise QueryError("empty query")
    if text.count('"') % 2:
        raise QueryError('unbalanced double quote (")')
    outside_quotes = re.sub(r'"[^"]*"', " ", text)
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


def make_parser(schema, default_fields: list[str]) -> qparser.QueryParser:
    from whoosh.qparser.dateparse import DateParserPlugin

    parser = qparser.MultifieldParser(default_fields, schema)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(DateParserPlugin(free=False))
    return parser


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
            raise QueryError("the query has no searchable words")
        parsed: query.Query = query.Or(
            [query.And([query.Term(name, w) for w in words]) for name in default_fields]
        )
    else:
        validate_query(text, allowed_fields)
        try:
            parsed = make_parser(schema, default_fields).parse(text)
        except (
            Exception
        ) as error:  # Whoosh's parser raises bare Exception ("… not a parseable date")
            raise QueryError(str(error).strip() or type(error).__name__) from None
        if parsed is query.NullQuery or isinstance(parsed, query.qcore._NullQuery):
            raise QueryError("the query has no searchable words (only stop words or operators)")
    return parsed if exact else expand_variants(parsed)


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
    parts: list[query.Query] = [query.Term("type", doc_type)] if doc_type else []
    if source:
        words = [token.text for token in folding_analyzer()(source)]
        if not words:
            raise QueryError(f"--source {source!r} has no words")
        parts.append(
            query.Phrase("source", words) if len(words) > 1 else query.Term("source", words[0])
        )
    if since or until:
        start = dt.datetime.combine(since, dt.time.min) if since else None
        end = dt.datetime.combine(until, dt.time.max) if until else None
        parts.append(query.DateRange("date", start, end))
    return parts


def _as_filters(restrictions: list[query.Query]) -> list[query.Query]:
    # Filters must not add to the score, only restrict the matches.
    return [query.ConstantScoreQuery(r, 0.0) for r in restrictions]


@reads_index
def search_articles(index: CorpusIndex, options: SearchOptions) -> SearchResult:
    """Ranked (BM25F) articles for `options`, with highlighted snippets."""
    searcher = index.searcher
    user_query = parse_user_query(
        options.query, searcher.schema, literal=options.literal, exact=options.exact
    )
    restrictions = filters_query(ARTICLE, options.source, options.since, options.until)
    if options.speaker_keys is not None:
        restrictions.append(query.Or([query.Term("speakers", k) for k in options.speaker_keys]))
    full = query.And([user_query, *_as_filters(restrictions)])
    results = searcher.search(full, limit=options.offset + options.limit, terms=True)
    results.fragmenter = highlight.ContextFragmenter(maxchars=_SNIPPET_CHARS, surround=80)
    results.formatter = _SpanFormatter()
    hits = [
        _to_hit(rank, hit)
        for rank, hit in enumerate(results[options.offset :], start=options.offset + 1)
    ]
    result = SearchResult(hits=hits, total=len(results), parsed=str(user_query))
    if not hits and not options.literal and options.offset == 0:
        result.suggestion = suggest_correction(index, options, restrictions)
    return result


def _to_hit(rank: int, hit) -> Hit:
    snippet, matches = hit.highlights("body", top=2) or ("", [])
    if not snippet:
        snippet, matches = _opening(hit.get("body", "")), []
    when = hit.get("date")
    return Hit(
        rank=rank,
        doc=hit["doc"],
        path=hit["path"],
        title=hit.get("title"),
        source=hit.get("source"),
        place=hit.get("place"),
        date=when.date() if when else None,
        date_text=hit.get("date_text"),
        score=round(hit.score, 4),
        snippet=snippet,
        matches=matches,
    )


def _opening(body: str) -> str:
    text = " ".join(body.split())
    if len(text) <= _SNIPPET_CHARS:
        return text
    return text[:_SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"


class _SpanFormatter(highlight.Formatter):
    """Returns (snippet, [(start, end), …]) instead of marked-up text, so that each
    renderer can show matches its own way and JSON can give their offsets."""

    between = " … "

    def format_fragment(self, fragment, replace=False):
        text, pieces, spans, length = fragment.text, [], [], 0
        position = fragment.startchar
        for token in sorted(fragment.matches, key=lambda t: (t.startchar, -t.endchar)):
            if token.startchar is None or token.startchar < position:
                continue
            pieces.append(text[position : token.startchar])
            length += token.startchar - position
            spans.append((length, length + token.endchar - token.startchar))
            pieces.append(text[token.startchar : token.endchar])
            length += token.endchar - token.startchar
            position = token.endchar
        pieces.append(text[position : fragment.endchar])
        return collapse_whitespace("".join(pieces), spans)

    def format(self, fragments, replace=False):
        snippet, spans = "", []
        for number, fragment in enumerate(fragments):
            text, fragment_spans = self.format_fragment(fragment)
            prefix = snippet + (self.between if number else "")
            spans += [(start + len(prefix), end + len(prefix)) for start, end in fragment_spans]
            snippet = prefix + text
        return snippet, spans


def collapse_whitespace(
    text: str, spans: list[tuple[int, int]]
) -> tuple[str, list[tuple[int, int]]]:
    """Fold runs of whitespace (line breaks included) to one space, keeping spans aligned."""
    new_offset: list[int] = []
    out: list[str] = []
    previous_space = True  # also strips leading whitespace
    for char in text:
        new_offset.append(len(out))
        if char.isspace():
            if not previous_space:
                out.append(" ")
            previous_space = True
        else:
            out.append(char)
            previous_space = False
    new_offset.append(len(out))
    while out and out[-1] == " ":
        out.pop()
    return "".join(out), [(new_offset[s], min(new_offset[e], len(out))) for s, e in spans]


def suggest_correction(index: CorpusIndex, options: SearchOptions, restrictions) -> str | None:
    """A respelling of the query's unknown words that finds something, or None."""
    searcher = index.searcher
    vocabulary = None
    corrected = options.query
    for word in set(_PLAIN_WORD.findall(options.query)) - _OPERATORS:
        stems = [token.text for token in text_analyzer()(word)]
        if len(stems) != 1 or _known(searcher.reader(), stems[0]):
            continue
        if vocabulary is None:
            vocabulary = index.vocabulary()
        closest = closest_words(word, vocabulary, limit=1)
        if closest:
            corrected = re.sub(rf"(?<![\w:]){re.escape(word)}(?!\w)", closest[0], corrected)
    if corrected == options.query:
        return None
    try:
        retry = parse_user_query(corrected, searcher.schema, exact=options.exact)
    except QueryError:
        return None
    found = searcher.search(query.And([retry, *_as_filters(restrictions)]), limit=1)
    return corrected if len(found) else None


def _known(reader, stem: str) -> bool:
    return any(reader.doc_frequency(name, stem) for name in ("title", "body"))
