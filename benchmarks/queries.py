"""The 20 benchmark queries and what each becomes for grep, SQLite FTS5 and sqlite-utils.

Shared by bench.py (timings) and answers.py (the results-unchanged check), so both run
exactly the same queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from caucasus_cli.config import data_lines
from caucasus_cli.index.store import CorpusIndex
from caucasus_cli.ingest.folding import fold_text
from caucasus_cli.search.articles import SearchOptions, SearchResult, search_articles
from caucasus_cli.search.quotes import resolve_speaker

LIMIT = 20


@dataclass(frozen=True, slots=True)
class Query:
    label: str
    kind: str  # term, terms, phrase, variant, since, speaker
    text: str
    since: str | None = None
    speaker: bool = False  # filtered by the corpus's most quoted speaker


# Representative of both corpora: BBC copies (business, politics, entertainment,
# sport, tech) and the Caucasus seed articles. Neither corpus has dated articles, so
# the `--since` queries find nothing in either; they still time the filter.
QUERIES: tuple[Query, ...] = (
    Query("economy", "term", "economy"),
    Query("Blair", "term", "Blair"),
    Query("Karabakh", "term", "Karabakh"),
    Query("ceasefire", "term", "ceasefire"),
    Query("government", "term", "government"),
    Query("music", "term", "music"),
    Query("film festival", "terms", "film festival"),
    Query("oil prices", "terms", "oil prices"),
    Query("peace talks", "terms", "peace talks"),
    Query("foreign minister", "terms", "foreign minister"),
    Query("mobile phone", "terms", "mobile phone"),
    Query('"interest rates"', "phrase", '"interest rates"'),
    Query('"prime minister"', "phrase", '"prime minister"'),
    Query('"World Cup"', "phrase", '"World Cup"'),
    Query('"peace agreement"', "phrase", '"peace agreement"'),
    Query("Aliev (variants)", "variant", "Aliev"),
    Query("Qarabağ (variants)", "variant", "Qarabağ"),
    Query("Armenia --since 2020-10-01", "since", "Armenia", since="2020-10-01"),
    Query("election --since 2005-01-01", "since", "election", since="2005-01-01"),
    Query("minister --speaker TOP", "speaker", "minister", speaker=True),
)


def grep_pattern(q: Query) -> str:
    """What a grep user would type for `q` (see the module docstring)."""
    if q.kind == "phrase":
        return q.text.strip('"')
    return q.text.split()[0]


def fts_expression(q: Query) -> str:
    """`q` in FTS5's query language."""
    if q.kind == "phrase":
        return q.text
    if q.kind == "terms":
        return " AND ".join(q.text.split())
    if q.kind == "variant":
        return " OR ".join(f'"{spelling}"' for spelling in spellings_of(q.text))
    return q.text


def spellings_of(name: str) -> list[str]:
    """`name` and its variants from the bundled variants.txt (as caucasus widens it)."""
    wanted = fold_text(name)
    for line in data_lines("variants.txt"):
        group = [spelling.strip() for spelling in line.split("|")]
        if wanted in {fold_text(spelling) for spelling in group}:
            return group
    return [name]


def run_query(index: CorpusIndex, q: Query, speaker: str) -> SearchResult | None:
    """`q` on an open index as `caucasus search` runs it (`--speaker` resolved first);
    None when the speaker resolves to nobody, where the CLI stops with exit 1."""
    options = SearchOptions(
        query=q.text,
        since=dt.date.fromisoformat(q.since) if q.since else None,
        limit=LIMIT,
    )
    if q.speaker:
        options.speaker_keys = resolve_speaker(index, speaker).keys
        if not options.speaker_keys:
            return None
    return search_articles(index, options)
