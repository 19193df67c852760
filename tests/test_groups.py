"""One quote across every outlet that ran it: occurrences, first seen, differences."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from caucasus_cli.index.store import CorpusIndex
from caucasus_cli.index.sync import sync_index
from caucasus_cli.search.groups import quote_group, same_statement
from caucasus_cli.search.quotes import QuoteFilter, list_quotes

ALIYEV_WORDS = (
    "Today I say with pride that Armenia was defeated on the battlefield and Azerbaijan "
    "put an end to the occupation"
)

# Each a later article re-running the seed's Aliyev quote (JAMnews, 2021-09-25).
REPRINTS = {
    # Trimmed, a day later.
    "trend_trimmed.txt": (
        "Aliyev speaks of victory\n\ndate 2021-09-26 By Trend\n\n"
        "President Ilham Aliyev addressed the UN General Assembly.\n\n"
        "“Armenia was defeated on the battlefield and Azerbaijan put an end to the "
        "occupation,” Aliyev said.\n"
    ),
    # A word changed, earlier than the seed: this one is first seen.
    "apa_changed.txt": (
        "Aliyev at the United Nations\n\ndate 2021-09-24 By APA\n\n"
        "President Ilham Aliyev spoke by video link.\n\n"
        "“Today I say with pride that Armenia was crushed on the battlefield and "
        "Azerbaijan put an end to the occupation,” Aliyev said.\n"
    ),
    # The same words given to someone else, undated.
    "blog_misattributed.txt": (
        "A speech in Yerevan\n\n"
        "Armenian Prime Minister Nikol Pashinyan spoke to parliament.\n\n"
        f"“{ALIYEV_WORDS},” Pashinyan said.\n"
    ),
}


@pytest.fixture(scope="module")
def reprint_index(tmp_path_factory, seed_corpus):
    folder = tmp_path_factory.mktemp("reprints")
    for path in seed_corpus.iterdir():
        shutil.copy(path, folder / path.name)
    for name, text in REPRINTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    index_dir = folder.parent / "reprint-index"
    sync_index(index_dir, [folder])
    return index_dir


def _aliyev_seed_quote(index):
    listing = list_quotes(index, QuoteFilter(query='"defeated on the battlefield"'))
    (seed,) = [q for q in listing.quotes if q.doc.startswith("001_")]
    return seed


def test_every_occurrence_is_found_first_seen_first(reprint_index):
    with CorpusIndex(reprint_index) as index:
        group = quote_group(index, _aliyev_seed_quote(index))
    docs = [Path(o.quote.path).name for o in group.occurrences]
    # Dated by date (the changed one is earliest), the undated one last.
    assert docs[0] == "apa_changed.txt"
    assert docs[1].startswith("001_")
    assert docs[2] == "trend_trimmed.txt"
    assert docs[3] == "blog_misattributed.txt"
    assert group.id == group.first_seen.quote.id
    assert group.outlets == ["APA", "JAMnews", "Trend"]


def test_differences_are_told_against_the_first_seen(reprint_index):
    with CorpusIndex(reprint_index) as index:
        group = quote_group(index, _aliyev_seed_quote(index))
    by_file = {Path(o.quote.path).name: o for o in group.occurrences}
    seed = next(o for name, o in by_file.items() if name.startswith("001_"))
    assert [(c.op, c.claimed, c.actual) for c in seed.changes] == [
        ("replace", "defeated", "crushed")
    ]
    trimmed = by_file["trend_trimmed.txt"]
    assert trimmed.similarity == 1.0  # a fragment is the same words


def test_a_group_whose_occurrences_name_different_speakers_says_so(reprint_index):
    with CorpusIndex(reprint_index) as index:
        group = quote_group(index, _aliyev_seed_quote(index))
    assert group.speakers == ["Ilham Aliyev", "Nikol Pashinyan"]
    assert group.attributions_differ


def test_a_quote_said_once_is_a_group_of_one(seed_index):
    with CorpusIndex(seed_index) as index:
        listing = list_quotes(index, QuoteFilter(query='"double standards"'))
        group = quote_group(index, listing.quotes[0])
    assert len(group.occurrences) == 1
    assert not group.attributions_differ


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (ALIYEV_WORDS, ALIYEV_WORDS.upper(), True),
        (ALIYEV_WORDS, "Armenia was defeated on the battlefield", True),  # fragment
        (ALIYEV_WORDS, ALIYEV_WORDS.replace("pride", "joy"), True),  # a word changed
        (ALIYEV_WORDS, "Armenia was never defeated and never will be by anyone", False),
        ("We will win", "We will win the war and then we will rest", False),  # too short
    ],
)
def test_what_counts_as_the_same_statement(a, b, same):
    assert (same_statement(a, b) >= 0.75) is same
