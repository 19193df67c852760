"""A parsed Whoosh query as a search of the quote store: an FTS5 MATCH where the query
can be one, SQL conditions for the rest.

Queries are parsed by Whoosh (the same parser, analyzer and name variants as article
searches), so a quote search means what an article search means; only where it runs
differs. Text leaves (`quote` words and `source:` words) become FTS5 phrases on the
store's `words` and `source` columns; wildcard and fuzzy terms are expanded against the
store's vocabulary first, as Whoosh expands them against its term list; dates are
compared in SQL. A NOT that has nothing to subtract from (`NOT x` alone, `a OR NOT b`)
is an SQL condition on the rows that do not match.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from collections.abc import Collection
from dataclasses import dataclass

from whoosh import query

from ..errors import QueryError
from ..models import QuoteKind
from .documents import date_range, source_query
from .rows import Selection

# The store's FTS5 columns, by the Whoosh field the query names.
_COLUMNS = {"quote": "words", "source": "source"}
# A wildcard or fuzzy term stands for at most this many indexed words (Whoosh's default
# for a query's expansion is 1,024 too).
_MAX_EXPANSION = 1024
_NOTHING = object()  # a leaf no indexed word matches


@dataclass(slots=True)
class QuoteQuery:
    """Which quotes a search wants: each field given narrows it (ANDed); None leaves it
    out. search/ builds these; `selection` below makes them SQL."""

    words: query.Query | None = None  # a parsed query (the user's words, or a claim's)
    kind: QuoteKind | None = None  # None: every kind
    speaker_keys: Collection[str] | None = None  # folded names; empty: nobody
    since: dt.date | None = None
    until: dt.date | None = None
    source: str | None = None  # an outlet, as --source gives it
    id: str | None = None
    ids: Collection[str] | None = None
    id_prefix: str | None = None
    doc: str | None = None
    wordings: Collection[int] | None = None  # wording keys (quote groups)
    grouped: bool = False  # only quotes long enough to have a wording key


def selection(wanted: QuoteQuery, store) -> Selection:
    """The SQL for `wanted` (the `q` rows of the store's queries)."""
    parts = [wanted.words] if wanted.words is not None else []
    if wanted.source:
        parts.append(source_query(wanted.source))
    if wanted.since or wanted.until:
        parts.append(date_range(wanted.since, wanted.until))
    result = translate(query.And(parts), store) if parts else Selection()
    for condition, params in _restrictions(wanted):
        result.conditions.append(condition)
        result.params.extend(params)
    return result


def _restrictions(wanted: QuoteQuery):
    if wanted.kind is not None:
        yield "q.kind = ?", [str(wanted.kind)]
    if wanted.speaker_keys is not None:
        keys = sorted(wanted.speaker_keys)
        yield (f"q.speaker_key IN ({','.join('?' * len(keys))})" if keys else "0"), keys
    if wanted.id is not None:
        yield "q.id = ?", [wanted.id]
    if wanted.ids is not None:
        ids = sorted(wanted.ids)
        yield (f"q.id IN ({','.join('?' * len(ids))})" if ids else "0"), ids
    if wanted.id_prefix is not None:
        yield "q.id >= ? AND q.id < ?", [wanted.id_prefix, wanted.id_prefix + "\uffff"]
    if wanted.doc is not None:
        yield "q.doc = ?", [wanted.doc]
    if wanted.wordings is not None:
        # Integers the store made: written out, as a few hundred parameters would be.
        yield f"q.wording IN ({','.join(str(int(k)) for k in sorted(wanted.wordings))})", []
    if wanted.grouped:
        yield "q.wording IS NOT NULL", []


def translate(parsed: query.Query, store) -> Selection:
    """The store search for `parsed`: its top-level conjuncts that FTS5 can evaluate
    become one MATCH (ranked by bm25); the others, SQL conditions."""
    conjuncts = list(parsed.subqueries) if isinstance(parsed, query.And) else [parsed]
    result = Selection()
    matches: list[str] = []
    for part in conjuncts:
        expression = _fts(part, store)
        if expression is _NOTHING:
            result.conditions.append("0")
        elif expression is not None:
            matches.append(expression)
        elif isinstance(part, query.Not) and (inner := _fts(part.query, store)) is not None:
            if inner is not _NOTHING:
                result.conditions.append(_not_matching())
                result.params.append(inner)
        else:
            sql, params = _sql(part, store)
            result.conditions.append(sql)
            result.params.extend(params)
    if matches:
        result.match = " AND ".join(f"({m})" for m in matches)
    return result


def fts_expression(part: query.Query, store) -> str | None:
    """`part` (words, phrases, their ORs) as one FTS5 expression; None if it can match
    nothing (a fuzzy term no indexed word is near)."""
    expression = _fts(part, store)
    if expression is None:
        raise QueryError(f"this query cannot search quotes ({part})")
    return None if expression is _NOTHING else expression


def _fts(part: query.Query, store):
    """`part` as an FTS5 expression; None when FTS5 cannot evaluate it alone."""
    if isinstance(
        part, query.Term | query.FuzzyTerm | query.Phrase | query.Prefix | query.Wildcard
    ):
        return _leaf(part, store)
    if isinstance(part, query.And):
        positive, negative = [], []
        for child in part.subqueries:
            if isinstance(child, query.Not):
                negative.append(_fts(child.query, store))
            else:
                positive.append(_fts(child, store))
        if not positive or None in positive or None in negative:
            return None
        if _NOTHING in positive:
            return _NOTHING
        expression = " AND ".join(f"({p})" for p in positive)
        negative = [n for n in negative if n is not _NOTHING]
        if negative:
            expression = f"({expression}) NOT ({' OR '.join(f'({n})' for n in negative)})"
        return expression
    if isinstance(part, query.Or):
        children = [_fts(child, store) for child in part.subqueries]
        if None in children:
            return None
        children = [c for c in children if c is not _NOTHING]
        return " OR ".join(f"({c})" for c in children) if children else _NOTHING
    if isinstance(part, query.AndNot):
        return _fts(query.And([part.a, query.Not(part.b)]), store)
    if query.NullQuery == part:  # every Whoosh query that matches nothing equals it
        return _NOTHING
    return None


def _leaf(part: query.Query, store):
    column = _COLUMNS.get(part.field())
    if column is None:
        return None  # a date, say: compared in SQL
    if isinstance(part, query.Phrase):
        return f"{column} : {_string(' '.join(part.words))}"
    if isinstance(part, query.FuzzyTerm):
        return _any_of(column, _fuzzy_expansion(part, store))
    if isinstance(part, query.Term):
        return f"{column} : {_string(part.text)}"
    if isinstance(part, query.Prefix):
        return f"{column} : {_string(part.text)}*"
    if isinstance(part, query.Wildcard):
        return _any_of(column, _wildcard_expansion(part, store))
    return None


def _any_of(column: str, words: list[str]):
    if not words:
        return _NOTHING
    return f"{column} : ({' OR '.join(_string(w) for w in words)})"


def _fuzzy_expansion(term: query.FuzzyTerm, store) -> list[str]:
    # Levenshtein, not Damerau: Whoosh's automaton (which article searches use) counts a
    # transposition as two edits, and a quote search must match what an article one does.
    from rapidfuzz.distance import Levenshtein

    text, prefix = term.text, term.text[: term.prefixlength]
    within = [
        word
        for word in _words_starting(store, term.fieldname, prefix)
        if abs(len(word) - len(text)) <= term.maxdist
        and Levenshtein.distance(word, text, score_cutoff=term.maxdist) <= term.maxdist
    ]
    return within[:_MAX_EXPANSION]


def _wildcard_expansion(term: query.Wildcard, store) -> list[str]:
    pattern = term.text
    prefix = re.split(r"[*?]", pattern, maxsplit=1)[0]
    wanted = re.compile(fnmatch.translate(pattern))
    words = _words_starting(store, term.fieldname, prefix)
    return [word for word in words if wanted.match(word)][:_MAX_EXPANSION]


def _words_starting(store, fieldname: str, prefix: str) -> list[str]:
    if fieldname != "quote":
        raise QueryError(f"wildcards and fuzzy terms search quote words, not '{fieldname}:'")
    if not prefix:
        return store.terms_between("", "\U0010ffff")
    return store.terms_between(prefix, prefix + "\U0010ffff")


def _string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _not_matching() -> str:
    return "q.n NOT IN (SELECT rowid FROM quote_words WHERE quote_words MATCH ?)"


def _sql(part: query.Query, store) -> tuple[str, list]:
    """`part` as an SQL condition on quote rows `q` (FTS5 subqueries for text)."""
    expression = _fts(part, store)
    if expression is _NOTHING:
        return "0", []
    if expression is not None:
        return "q.n IN (SELECT rowid FROM quote_words WHERE quote_words MATCH ?)", [expression]
    if isinstance(part, query.DateRange):
        return _date_condition(part)
    if isinstance(part, query.Every):
        return "1", []
    if isinstance(part, query.Not):
        sql, params = _sql(part.query, store)
        return f"NOT ({sql})", params
    if isinstance(part, query.AndNot):
        return _sql(query.And([part.a, query.Not(part.b)]), store)
    if isinstance(part, query.And | query.Or):
        joined = " AND " if isinstance(part, query.And) else " OR "
        pieces = [_sql(child, store) for child in part.subqueries]
        return joined.join(f"({sql})" for sql, _ in pieces), [p for _, ps in pieces for p in ps]
    raise QueryError(f"this query cannot search quotes ({type(part).__name__})")


def _date_condition(part: query.DateRange) -> tuple[str, list]:
    conditions, params = [], []
    if part.startdate is not None:
        conditions.append("q.date >= ?")
        params.append(_day(part.startdate))
    if part.enddate is not None:
        conditions.append("q.date <= ?")
        params.append(_day(part.enddate))
    conditions.append("q.date IS NOT NULL")
    return " AND ".join(conditions), params


def _day(when: dt.datetime) -> str:
    return when.date().isoformat()
