"""One statement, several wordings: links between quote wordings that are the same
words, one a fragment of the other, or a few words changed, found at index time.

A wording is a quote's words as `quotes/wording.py` compares them; quotes of the same
wording are one statement without any link (they share `wording_key`). Two different
wordings are linked when the shorter stands, MIN_SIMILARITY of its words in order, in
the longer. Each run links only the wordings it is the first to bring, and compares
each only with the wordings holding one of its two rarest indexed words (blocking, as
in record linkage): the cost grows with the new wordings times the few wordings that
hold their rarest words (capped), not with the corpus or the square of anything.

A link is a fact about two texts, true whichever articles hold them, so links carry
no generation: a quote group is read (search/groups.py) as the wordings connected
through links, taking only wordings some visible quote has.
"""

from __future__ import annotations

import sqlite3

from ..quotes.wording import MIN_SIMILARITY, Wording, may_be_same, same_wording, tokens

# A new wording is compared with the wordings holding one of its rarest words; a word
# more wordings have than this is too common to tell statements apart, and is passed.
_MAX_BLOCK = 200
_BLOCKING_WORDS = 2
# A blocking word in more quote rows than this is not looked up among earlier wordings.
_MAX_POSTINGS = 5000
_AT_ONCE = 500


class _Wordings:
    """Wordings by key: one text each, its words, its indexed words."""

    def __init__(self) -> None:
        self.text: dict[int, str] = {}
        self.words: dict[int, Wording] = {}
        self.word_set: dict[int, set[str]] = {}
        self.terms: dict[int, set[str]] = {}

    def add(self, key: int, quote_json: str) -> None:
        from .documents import indexed_words, quote_text

        if key in self.text:
            return
        text = quote_text(quote_json)
        self.text[key] = text
        self.words[key] = tokens(text)
        self.word_set[key] = set(self.words[key].words)
        self.terms[key] = set(indexed_words(text).split())


def link_new_wordings(db: sqlite3.Connection, generation: int) -> int:
    """Links for the wordings the rows of `generation` bring; the number written."""
    new = _Wordings()
    rows = db.execute(
        "SELECT q.wording, q.quote FROM quotes q LEFT JOIN wordings w ON w.key = q.wording "
        "WHERE q.added = ? AND q.wording IS NOT NULL AND w.key IS NULL",
        (generation,),
    )
    for key, quote_json in rows:
        new.add(key, quote_json)
    if not new.text:
        return 0
    frequency = _frequencies(db, set().union(*new.terms.values()))
    # Each new wording is compared with every wording (new or earlier) holding one of its
    # two rarest words: a fragment's rarest words are in the longer quote too, even when
    # they are not the longer one's rarest.
    rarest = {
        key: sorted(terms, key=lambda t: (frequency.get(t, 0), t))[:_BLOCKING_WORDS]
        for key, terms in new.terms.items()
    }
    blocking = set().union(*map(set, rarest.values()))
    holders: dict[str, set[int]] = {}
    for key, terms in new.terms.items():
        for term in terms & blocking:
            holders.setdefault(term, set()).add(key)
    earlier, earlier_texts = _earlier_wordings(db, generation, blocking, frequency)
    links: set[tuple[int, int]] = set()
    compared: set[tuple[int, int]] = set()
    for key, terms in rarest.items():
        for term in terms:
            members = holders[term] | earlier.get(term, set())
            if len(members) > _MAX_BLOCK:
                continue
            for other in members - {key}:
                pair = (min(key, other), max(key, other))
                if pair not in compared:
                    compared.add(pair)
                    if _same(new, earlier_texts, *pair):
                        links.add(pair)
    db.executemany("INSERT OR IGNORE INTO links VALUES (?, ?)", sorted(links))
    db.executemany("INSERT OR IGNORE INTO wordings VALUES (?)", ((k,) for k in new.text))
    return len(links)


def _earlier_wordings(
    db, generation: int, blocking: set[str], frequency
) -> tuple[dict[str, set[int]], _Wordings]:
    """The wordings indexed before this run that hold each blocking word (by word), and
    those wordings."""
    by_term: dict[str, set[int]] = {}
    texts = _Wordings()
    if db.execute("SELECT 1 FROM quotes WHERE added < ? LIMIT 1", (generation,)).fetchone() is None:
        return by_term, texts  # a first build: nothing earlier to compare with
    for term in sorted(blocking):
        if frequency.get(term, 0) > _MAX_POSTINGS:
            continue
        numbers = [
            n
            for (n,) in db.execute(
                "SELECT rowid FROM quote_words WHERE quote_words MATCH ?", (f'words : "{term}"',)
            )
        ]
        for start in range(0, len(numbers), _AT_ONCE):
            chunk = ",".join(map(str, numbers[start : start + _AT_ONCE]))
            found = db.execute(
                f"SELECT wording, min(quote) FROM quotes WHERE n IN ({chunk}) "
                "AND added < ? AND wording IS NOT NULL GROUP BY wording",
                (generation,),
            )
            for key, quote_json in found:
                by_term.setdefault(term, set()).add(key)
                texts.add(key, quote_json)
    return by_term, texts


def _same(new: _Wordings, earlier: _Wordings, a: int, b: int) -> bool:
    first = new if a in new.text else earlier
    second = new if b in new.text else earlier
    if not may_be_same(first.word_set[a], second.word_set[b]):
        return False
    similarity = same_wording(first.words[a], first.text[a], second.words[b], second.text[b])
    return similarity >= MIN_SIMILARITY


def _frequencies(db, terms: set[str]) -> dict[str, int]:
    ordered = sorted(terms)
    found: dict[str, int] = {}
    for start in range(0, len(ordered), _AT_ONCE):
        chunk = ordered[start : start + _AT_ONCE]
        marks = ",".join("?" * len(chunk))
        found.update(
            db.execute(f"SELECT term, doc FROM quote_vocabulary WHERE term IN ({marks})", chunk)
        )
    return found
