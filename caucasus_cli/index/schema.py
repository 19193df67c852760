"""The Whoosh schema of article documents, and the analyzers shared with the quote store.

Quotes are not Whoosh documents: they live in the quote store (`quotestore.py`),
whose rows Whoosh's commit makes visible. Bump SCHEMA_VERSION (version.py) whenever a field (or
the quote store's layout) changes: an index written under another version must be
rebuilt.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from whoosh import analysis, columns, fields

from ..ingest.folding import FOLD_TABLE, FOLDING
from ..ingest.stemming import stem_word
from .version import SCHEMA_VERSION  # noqa: F401 (bumped there; read here too)

ARTICLE = "article"


@cache
def folding_analyzer() -> analysis.Analyzer:
    """Words lowercased and accent-folded, no stemming: names, outlets, speakers."""
    return analysis.RegexTokenizer() | analysis.LowercaseFilter() | analysis.CharsetFilter(FOLDING)


@cache
def text_analyzer() -> analysis.Analyzer:
    """Body text: folded, stop words dropped, English stemming; Russian for Cyrillic words.

    Porter2, not Whoosh's default Porter: it stems "says" to "say" and "negotiated"
    to "negoti" like "negotiations". Cyrillic words go to Snowball's Russian stemmer
    (`ingest/stemming.py`), so `Лаврова` finds `Лавров`.
    """
    return (
        folding_analyzer()
        | analysis.StopFilter(minsize=1)
        | analysis.StemFilter(stemfn=stem_word, cachesize=100_000)
    )


class StemmedText(fields.TEXT):
    """A TEXT field that indexes without building a Whoosh Token per word.

    Indexing is most of the cost of `caucasus index`; this computes exactly the terms
    and positions its analyzer (`text_analyzer()`) would (a test holds it to that),
    in one pass. Query parsing still goes through the analyzer.
    """

    def index(self, value, **kwargs):
        if not isinstance(value, str) or kwargs.get("mode", "index") != "index":
            yield from super().index(value, **kwargs)
            return
        positions: dict[str, list[int]] = {}
        for term, position in term_positions(value):
            positions.setdefault(term, []).append(position)
        encode, boost = self.format.encode, self.format.field_boost
        for word, places in positions.items():
            yield word.encode("utf-8"), len(places), len(places) * boost, encode(places)


def iter_terms(text: str) -> Iterator[tuple[str, int, int, int]]:
    """(term, position, start, end) of each indexed word of `text`, as the text
    analyzer makes them: folded, stop words dropped, stemmed."""
    # As StopFilter(renumber=True): the first kept word keeps its place among all
    # tokens, later ones follow it with no gaps for stop words.
    position = None
    for raw, match in enumerate(_TOKEN.finditer(text)):
        word = match.group().lower().translate(FOLD_TABLE)
        if word in _STOP_WORDS:
            continue
        position = raw if position is None else position + 1
        yield _stem(word), position, match.start(), match.end()


def term_positions(text: str) -> list[tuple[str, int]]:
    """(term, position) of each indexed word of `text`: `iter_terms` without the
    offsets, for indexing. Each distinct word is folded, checked and stemmed once per
    process (`_TERM_OF`), not once per occurrence."""
    found: list[tuple[str, int]] = []
    term_of, position = _TERM_OF, None
    for raw, word in enumerate(_WORDS.findall(text)):
        term = term_of.get(word)
        if term is None:
            term = _remember_term(word)
        if not term:  # a stop word
            continue
        position = raw if position is None else position + 1
        found.append((term, position))
    return found


def folded_words(text: str) -> list[str]:
    """The words of `text` that are indexed, folded but not yet stemmed, in order: each
    one's term is `stem_word` of it (`indexed_terms`)."""
    words = (word.lower().translate(FOLD_TABLE) for word in _WORDS.findall(text))
    return [word for word in words if word not in _STOP_WORDS]


def indexed_terms(text: str) -> list[str]:
    """The indexed words of `text`, in order (as `iter_terms` makes them)."""
    return [term for term, _position in term_positions(text)]


# A word as the tokenizer finds it -> its term ("" for a stop word). Bounded as the stem
# cache is (some 120 bytes an entry; the 2,225 BBC articles have 34,612 distinct
# words): cleared when full, which only costs recomputing.
_TERM_OF: dict[str, str] = {}
_TERMS_KEPT = 100_000


def _remember_term(word: str) -> str:
    folded = word.lower().translate(FOLD_TABLE)
    term = "" if folded in _STOP_WORDS else _stem(folded)
    if len(_TERM_OF) >= _TERMS_KEPT:
        _TERM_OF.clear()
    _TERM_OF[word] = term
    return term


def find_terms(text: str, terms: frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, term) of the words of `text` whose indexed term is in `terms`.

    Same result as filtering `iter_terms`, but a regular expression first finds the
    words that can stem to one of `terms`, so only those are folded and stemmed.
    """
    if _ascii_words(text):
        # Every word is ASCII: plain lowercase prefixes in the lowercased text find the
        # same words as the accent-folding, case-blind pattern, in a fraction of the
        # time. Lowercasing leaves every offset in place (see `_ascii_words`).
        candidates = _ascii_candidates(terms).finditer(text.lower())
    else:
        candidates = _candidates(terms).finditer(text)
    found = []
    for candidate in candidates:
        token = _TOKEN.match(text, candidate.start())
        if token is None:
            continue
        word = token.group().lower().translate(FOLD_TABLE)
        if word not in _STOP_WORDS and (term := _stem(word)) in terms:
            found.append((token.start(), token.end(), term))
    return found


def _ascii_words(text: str) -> bool:
    """Whether every word character of `text` is ASCII, and lowercasing changes no
    other character (then `text.lower()` has the same length and the same word
    characters where `text` has them: only A-Z change)."""
    return text.isascii() or all(
        not char.isalnum() and char.lower() == char for char in set(_NON_ASCII.findall(text))
    )


def _prefixes(terms: frozenset[str]) -> list[str]:
    # A stem is a prefix of its folded word but for its last letters ("economy" ->
    # "economi", "lying" -> "lie"). Longest first: an alternation takes the first that fits.
    return sorted({term[: max(1, len(term) - 2)] for term in terms}, key=len, reverse=True)


def _word_start(length: int) -> str:
    """After `length` characters: they start a word, where no word character (or word
    character and dot: "0.2") precedes. Checked after the prefix rather than before,
    so that the look-behinds run only where a prefix was found."""
    skipped = "." * length
    return rf"(?<![\w*]{skipped})(?<![\w*]\.{skipped})"


@lru_cache(maxsize=64)
def _candidates(terms: frozenset[str]) -> re.Pattern[str]:
    # Each letter also matches the accented letters that fold to it. Candidates are
    # checked by stemming them.
    alternatives = [
        "".join(_LETTER_CLASS.get(c, re.escape(c)) for c in prefix) + _word_start(len(prefix))
        for prefix in _prefixes(terms)
    ]
    return re.compile("|".join(alternatives) or "(?!)", re.IGNORECASE)


@lru_cache(maxsize=64)
def _ascii_candidates(terms: frozenset[str]) -> re.Pattern[str]:
    """`_candidates` for a lowercased text whose words are all ASCII (`_ascii_words`):
    a prefix with any other character cannot begin one of its words."""
    alternatives = [
        re.escape(prefix.lower()) + _word_start(len(prefix))
        for prefix in _prefixes(terms)
        if prefix.isascii()
    ]
    return re.compile("|".join(alternatives) or "(?!)")


def _letter_classes() -> dict[str, str]:
    variants: dict[str, set[str]] = {}
    for code, folded in FOLDING.items():
        if isinstance(folded, str) and len(folded) == 1:
            variants.setdefault(folded, {folded}).add(chr(code))
    # Russian stems spell ё as е (`Семёнов` -> `семен`).
    variants.setdefault("е", {"е"}).add("ё")
    return {
        letter: "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"
        for letter, chars in variants.items()
    }


_TOKEN = analysis.tokenizers.default_pattern
# The same words as _TOKEN, its group made non-capturing so that findall gives whole words.
_WORDS = re.compile(_TOKEN.pattern.replace("(\\.?", "(?:\\.?"), _TOKEN.flags)
_LETTER_CLASS = _letter_classes()
_NON_ASCII = re.compile("[^\x00-\x7f]")
_STOP_WORDS = analysis.STOP_WORDS


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    return stem_word(word)


def build_schema() -> fields.Schema:
    text = text_analyzer()
    return fields.Schema(
        # Sortable fields are also kept as columns, which incremental indexing reads
        # for every document without loading the stored text.
        type=fields.ID(stored=True, sortable=True),
        doc=fields.ID(stored=True, sortable=True),
        path=fields.ID(stored=True, sortable=True),
        root=fields.ID(stored=True, sortable=True),
        title=StemmedText(analyzer=text, stored=True, field_boost=2.0),
        body=StemmedText(analyzer=text, stored=True),
        source=fields.TEXT(analyzer=folding_analyzer(), stored=True),
        place=fields.TEXT(analyzer=folding_analyzer(), stored=True),
        date=fields.DATETIME(stored=True),
        date_text=fields.STORED(),
        # The page's or record's own address; quotes carry it too, for citations.
        url=fields.ID(stored=True),
        author=fields.STORED(),
        # An export's record: its key within the file.
        record=fields.ID(stored=True),
        # Extracted text (a page's article text, a record's text field) that quote
        # offsets point into; plain-text files are their own source and store none.
        source_text=fields.STORED(),
        # Bookkeeping for incremental indexing.
        sha256=fields.ID(stored=True, sortable=True),
        # The file's document id (an export's records are `file_doc#key`).
        file_doc=fields.ID(stored=True, sortable=True),
        # Column-only: a NUMERIC field would also index 16 terms per value for nothing.
        mtime_ns=fields.COLUMN(columns.NumericColumn("q")),
        size=fields.COLUMN(columns.NumericColumn("q")),
        encoding=fields.STORED(),
        # Articles: folded keys of the speakers quoted in them (for search --speaker).
        speakers=fields.KEYWORD(commas=True, lowercase=False),
    )


@cache
def quote_query_schema() -> fields.Schema:
    """The fields quote searches parse (`quote` words, `source:`, `date:`); the quote store
    indexes them (quotestore.py), with the same analyzers as articles."""
    return fields.Schema(
        quote=StemmedText(analyzer=text_analyzer()),
        source=fields.TEXT(analyzer=folding_analyzer()),
        date=fields.DATETIME(),
    )
