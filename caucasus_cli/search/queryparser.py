"""Whoosh's query parser, loaded only for a query that needs it.

`whoosh.qparser` and its plugins cost every search ~3 ms of imports and ~1.5 ms of a
first parse (regular expressions compiled when it first tags a query); most queries
are a few plain words or a quoted phrase, for which the parser's answer is known: per
word, the OR over the default fields of that field's analysed term (nothing for a stop
word), and the AND of those; per phrase, the OR over the fields of a `Phrase` of its
analysed words, slop 1; the whole normalised as the parser normalises it.
`MultifieldParser` here builds that query itself for such text, and hands anything
else (operators, fields, wildcards, fuzzy terms, other marks) to Whoosh's own parser
with the same plugins. tests/test_query_parser.py holds the two to the same queries.
"""

from __future__ import annotations

import re
from typing import Any

from whoosh import query

# Plain text: words (letters, digits, _) and "phrases" of such words, apart by spaces.
_PLAIN = re.compile(r'\s*(?:(?:\w+|" *\w+(?: +\w+)* *")(?:\s+|$))+')
_ITEM = re.compile(r'"([^"]*)"|(\w+)')
# Words the parser reads as operators, or as part of a range, not as terms.
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}


class Plugin:
    """A Whoosh parser plugin, named here and made only if Whoosh's parser is used."""

    def __init__(self, name: str, **settings: Any) -> None:
        self.name, self.settings = name, settings

    def real(self):
        from whoosh import qparser

        return getattr(qparser, self.name)(**self.settings)


def FuzzyTermPlugin() -> Plugin:  # named as Whoosh's class, which it stands for
    return Plugin("FuzzyTermPlugin")


class MultifieldParser:
    """`whoosh.qparser.MultifieldParser(fieldnames, schema)`, with its `add_plugin` and
    `parse`, that parses plain words and phrases without loading Whoosh's parser."""

    def __init__(self, fieldnames: list[str], schema) -> None:
        self.fieldnames, self.schema = list(fieldnames), schema
        self.plugins: list = []

    def add_plugin(self, plugin) -> None:
        self.plugins.append(plugin)

    def parse(self, text: str) -> query.Query:
        plain = parse_plain(text, self.fieldnames, self.schema)
        return plain if plain is not None else self.whoosh_parser().parse(text)

    def whoosh_parser(self):
        from whoosh import qparser

        parser = qparser.MultifieldParser(self.fieldnames, self.schema)
        for plugin in self.plugins:
            parser.add_plugin(plugin.real() if isinstance(plugin, Plugin) else plugin)
        return parser


def parse_plain(text: str, fieldnames: list[str], schema) -> query.Query | None:
    """The query Whoosh's parser gives for `text` of plain words and phrases, or None
    when `text` is anything else (or a field would split a word in several)."""
    if not _PLAIN.fullmatch(text):
        return None
    items: list[query.Query] = []
    for match in _ITEM.finditer(text):
        phrase, word = match.groups()
        if word in _OPERATORS:
            return None
        fielded = [
            _phrase(name, phrase, match.start(1), schema) if phrase else _word(name, word, schema)
            for name in fieldnames
        ]
        if any(q is _SPLIT for q in fielded):
            return None
        items.append(query.Or([q for q in fielded if q is not None]))
    return query.And(items).normalize()


_SPLIT: Any = object()  # a marker: the field would not make one term of the word


def _word(fieldname: str, word: str, schema) -> query.Query | None:
    field = schema[fieldname]
    if field.self_parsing():
        return _SPLIT
    terms = list(field.process_text(word, mode="query", tokenize=True, removestops=True))
    if len(terms) > 1:
        return _SPLIT
    return query.Term(fieldname, terms[0]) if terms else None


def _phrase(fieldname: str, text: str, start: int, schema) -> query.Query:
    """As Whoosh's PhraseNode makes it (`start`: where the text is in the query)."""
    field = schema[fieldname]
    if field.self_parsing() or not field.analyzer:
        return _SPLIT
    # One Token object is reused for every word: read each as it comes.
    words = [
        (t.text, start + t.startchar, start + t.endchar)
        for t in field.tokenize(text, mode="query", chars=True)
    ]
    return query.Phrase(
        fieldname,
        [word for word, _start, _end in words],
        slop=1,
        char_ranges=[(first, last) for _word, first, last in words],
    )


QueryParser = MultifieldParser  # what `make_parser` is annotated to return
