"""The quote store: what quote searches match (against an oracle computed from the quote
texts alone), and that it stays in step with the Whoosh index through interrupted runs
and concurrent readers."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import time

import pytest
from rapidfuzz.distance import Levenshtein
from typer.testing import CliRunner

from caucasus_cli.cli import app
from caucasus_cli.index import sync as sync_module
from caucasus_cli.index.documents import indexed_words, source_words
from caucasus_cli.index.store import CorpusIndex
from caucasus_cli.index.sync import sync_index
from caucasus_cli.models import QuoteKind
from caucasus_cli.search.quotes import QuoteFilter, stream_quotes


@pytest.fixture(scope="module")
def every_quote(seed_index):
    with CorpusIndex(seed_index) as index:
        return list(stream_quotes(index, QuoteFilter(kind=None)).quotes)


def _words(quote) -> list[str]:
    return indexed_words(quote.text).split()


def _has(word):
    return lambda q: word in _words(q)


def _phrase(*words):
    def holds(q) -> bool:
        found = _words(q)
        return any(found[i : i + len(words)] == list(words) for i in range(len(found)))

    return holds


def _near(word: str, prefix: int = 0):  # FuzzyTermPlugin: no prefix needed
    return lambda q: any(
        w[:prefix] == word[:prefix] and Levenshtein.distance(w, word) <= 1 for w in _words(q)
    )


# Query -> which quotes it must match, decided from each quote's own words and fields.
ORACLE = {
    "peace": _has("peac"),
    "peace region": lambda q: _has("peac")(q) and _has("region")(q),
    "peace OR occupation": lambda q: _has("peac")(q) or _has("occup")(q),
    "peace NOT region": lambda q: _has("peac")(q) and not _has("region")(q),
    "NOT peace": lambda q: not _has("peac")(q),
    '"peace process"': _phrase("peac", "process"),
    '"the peace process"': _phrase("peac", "process"),  # stop words out, as in articles
    "terr*": lambda q: any(w.startswith("terr") for w in _words(q)),
    "o?cup*": lambda q: any(re.fullmatch("o.cup.*", w) for w in _words(q)),
    "peacf~": _near("peacf"),
    "source:jamnews": lambda q: "jamnews" in source_words(q.source).split(),
    "peace source:trend": lambda q: _has("peac")(q) and q.source == "Trend",
    "date:2021": lambda q: q.date is not None and q.date.year == 2021,
    "peace OR date:2020": lambda q: _has("peac")(q) or (q.date and q.date.year == 2020),
}


@pytest.mark.parametrize("text", sorted(ORACLE))
def test_a_quote_search_matches_what_its_words_say(seed_index, every_quote, text):
    expected = sorted(q.id for q in every_quote if ORACLE[text](q))
    with CorpusIndex(seed_index) as index:
        found = stream_quotes(index, QuoteFilter(query=text, kind=None, exact=True))
        ids = sorted(q.id for q in found.quotes)
    assert ids == expected
    assert found.total == len(expected)
    assert expected, "the oracle should find something in the seed quotes"


def test_ranked_quotes_put_the_query_words_first(seed_index):
    with CorpusIndex(seed_index) as index:
        ranked = list(stream_quotes(index, QuoteFilter(query="peace occupation", kind=None)).quotes)
    assert ranked, "both words are in the seed quotes"
    # bm25: more of the rarer words, fewer other words, ranks higher; all hold both.
    assert all({"peac", "occup"} <= set(_words(q)) for q in ranked)


def test_filters_combine_in_sql(seed_index, every_quote):
    since = dt.date(2021, 1, 1)
    with CorpusIndex(seed_index) as index:
        found = list(
            stream_quotes(
                index, QuoteFilter(query="peace", kind=QuoteKind.DIRECT, since=since)
            ).quotes
        )
    expected = [
        q
        for q in every_quote
        if _has("peac")(q) and q.kind == "direct" and q.date and q.date >= since
    ]
    assert sorted(q.id for q in found) == sorted(q.id for q in expected)


def _quote_ids(index_dir) -> list[str]:
    with CorpusIndex(index_dir) as index:
        return sorted(q.id for q in list(stream_quotes(index, QuoteFilter(kind=None)).quotes))


BAYRAMOV = (
    "Talks resume\n\nBy Staff\n\n"
    "Azerbaijan's Foreign Minister Jeyhun Bayramov said: \"The zyxnew border commission "
    'will meet again in Baku next month to finish the delimitation work."\n'
)


def test_a_run_that_dies_before_its_commit_leaves_the_last_quotes(
    tmp_path, corpus_copy, monkeypatch, request
):
    index = tmp_path / "index"
    sync_index(index, [corpus_copy])
    before = _quote_ids(index)
    (corpus_copy / "new.txt").write_text(BAYRAMOV, encoding="utf-8")
    (corpus_copy / "000_6ceba82ccbfec31b.txt").unlink()

    def die(*_args, **_kwargs):
        raise KeyboardInterrupt  # after the quote store's rows are written, before Whoosh's

    monkeypatch.setattr(sync_module, "_commit", die)
    with pytest.raises(KeyboardInterrupt):
        sync_index(index, [corpus_copy])
    store = sqlite3.connect(index / "quotes.sqlite")
    request.addfinalizer(store.close)
    assert store.execute("SELECT count(*) FROM quotes WHERE added > 1").fetchone()[0] > 0
    assert _quote_ids(index) == before  # written, but not visible: Whoosh did not commit
    monkeypatch.undo()

    sync_index(index, [corpus_copy])
    after = _quote_ids(index)
    runner = CliRunner()
    found = runner.invoke(app, ["quotes", "zyxnew", "--index", str(index), "--format", "jsonl"])
    assert found.exit_code == 0 and found.stdout.count("\n") == 1  # once, not twice
    assert not any(q.startswith("000_") for q in after)
    gone = set(before) - set(after)
    assert gone and len(after) == len(before) - len(gone) + 1
    # The dead run's rows are gone; only rows some reader may still see are left.
    rows = store.execute("SELECT count(*) FROM quotes WHERE deleted IS NULL").fetchone()[0]
    assert rows == len(after)


def test_a_reader_keeps_the_quotes_of_the_index_it_opened(tmp_path, corpus_copy):
    index = tmp_path / "index"
    sync_index(index, [corpus_copy])
    with CorpusIndex(index) as reading:
        before = stream_quotes(reading, QuoteFilter(kind=None)).total
        (corpus_copy / "new.txt").write_text(BAYRAMOV, encoding="utf-8")
        sync_index(index, [corpus_copy])
        # The open reader answers for the generation it opened, quotes and all.
        assert stream_quotes(reading, QuoteFilter(kind=None)).total == before
        assert stream_quotes(reading, QuoteFilter(query="zyxnew", kind=None)).total == 0
    with CorpusIndex(index) as fresh:
        assert stream_quotes(fresh, QuoteFilter(query="zyxnew", kind=None)).total == 1
        assert stream_quotes(fresh, QuoteFilter(kind=None)).total == before + 1


def test_ids_are_found_by_prefix_in_the_store(seed_index, every_quote):
    quote = every_quote[0]
    runner = CliRunner()
    result = runner.invoke(app, ["quote", quote.id[:6], "--index", str(seed_index)])
    assert result.exit_code == 0, result.stderr
    assert quote.id in result.stdout or quote.text[:40] in " ".join(result.stdout.split())


def test_a_command_reading_quotes_does_not_hold_up_an_index_run(tmp_path, corpus_copy):
    """`caucasus quotes | less` left open in one terminal, `caucasus index` in another:
    the reader is mid-read (an open read transaction on the store) all along."""
    index = tmp_path / "index"
    sync_index(index, [corpus_copy])
    reader = sqlite3.connect(index / "quotes.sqlite", isolation_level=None)
    reader.execute("BEGIN")
    before = reader.execute("SELECT count(*) FROM quotes").fetchone()[0]
    (corpus_copy / "new.txt").write_text(BAYRAMOV, encoding="utf-8")
    started = time.monotonic()
    report = sync_index(index, [corpus_copy])
    assert report.added == 1 and time.monotonic() - started < 10
    assert reader.execute("SELECT count(*) FROM quotes").fetchone()[0] == before  # its snapshot
    reader.execute("COMMIT")
    reader.close()
    assert (
        _quote_ids(index)
        and "zyxnew" in CliRunner().invoke(app, ["quotes", "zyxnew", "--index", str(index)]).stdout
    )


def _edit_add_remove_touch(corpus) -> None:
    (corpus / "004_b33b2c1105469be7.txt").unlink()
    edited = corpus / "003_c2fa5512a1292afa.txt"
    edited.write_text(edited.read_text() + "\nMardini thanked the Zyxedited delegation.\n")
    (corpus / "new.txt").write_text(BAYRAMOV, encoding="utf-8")
    os.utime(corpus / "000_6ceba82ccbfec31b.txt")  # touched, not changed


def test_a_resync_tells_changed_files_from_the_file_table_not_the_index(
    tmp_path, corpus_copy, monkeypatch
):
    index = tmp_path / "index"
    sync_index(index, [corpus_copy])
    _edit_add_remove_touch(corpus_copy)

    def no_whoosh_bookkeeping(_reader):
        raise AssertionError("a re-sync read the file states out of Whoosh's columns")

    monkeypatch.setattr(sync_module, "bookkeeping", no_whoosh_bookkeeping)
    report = sync_index(index, None)

    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 1, 1, 3)
    runner = CliRunner()
    edited = runner.invoke(app, ["search", "Zyxedited", "--index", str(index), "--files"])
    assert edited.exit_code == 0 and edited.stdout.strip().endswith("003_c2fa5512a1292afa.txt")
    assert sync_index(index, None).unchanged == 5  # the table now holds the new states


def test_a_run_that_dies_before_its_commit_leaves_the_file_states_as_they_were(
    tmp_path, corpus_copy, monkeypatch
):
    index = tmp_path / "index"
    sync_index(index, [corpus_copy])
    _edit_add_remove_touch(corpus_copy)

    def die(*_args, **_kwargs):
        raise KeyboardInterrupt  # after the file states are written, before Whoosh's commit

    monkeypatch.setattr(sync_module, "_commit", die)
    with pytest.raises(KeyboardInterrupt):
        sync_index(index, None)
    monkeypatch.undo()

    # The dead run's changes were never committed: the next run finds every one of them.
    report = sync_index(index, None)
    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 1, 1, 3)
    assert sync_index(index, None).unchanged == 5
