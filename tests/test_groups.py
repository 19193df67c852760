"""One quote across every outlet that ran it: occurrences, first seen, differences."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from caucasus_cli.index.store import CorpusIndex
from caucasus_cli.index.sync import sync_index
from caucasus_cli.quotes.wording import same_statement, tokens, words_of
from caucasus_cli.search.groups import distinct_people, quote_group
from caucasus_cli.search.quotes import QuoteFilter, stream_quotes

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
    listing = stream_quotes(index, QuoteFilter(query='"defeated on the battlefield"'))
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


@pytest.mark.parametrize(
    ("names", "people"),
    [
        (["Tony Blair", "Blair"], 1),  # in full in one article, by surname in another
        (["Brown", "Gordon Brown", "Tony Blair"], 2),
        (["Ilham Aliyev", "Nikol Pashinyan"], 2),
        (["Andy Roddick", "Andrew Green"], 2),
    ],
)
def test_a_surname_and_the_full_name_are_not_two_speakers(names, people):
    assert len(distinct_people(names)) == people


def test_a_quote_said_once_is_a_group_of_one(seed_index):
    with CorpusIndex(seed_index) as index:
        listing = stream_quotes(index, QuoteFilter(query='"double standards"'))
        group = quote_group(index, next(listing.quotes))
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
        # Short, and the word that changed is the one that matters (BBC: two speakers).
        (
            "step in the wrong direction",
            "I thought tonight was a step in the right direction",
            False,
        ),
        ("step in the wrong direction", "it was a step in the wrong direction, he said", True),
    ],
)
def test_what_counts_as_the_same_statement(a, b, same):
    assert (same_statement(a, b) >= 0.75) is same


@pytest.mark.parametrize(
    "text",
    [
        ALIYEV_WORDS,
        "“Qarabağ is Azerbaijan!” – Aliev’s words, not Aliyev's aide's",
        "Лавров said: «Мы не допустим», the U.S. envoy 1.5 km away",
        "",
    ],
)
def test_linking_splits_a_wording_into_the_words_the_alignment_compares(text):
    # Linking (index/statements.py) splits wordings without their spans; the words must
    # be those `tokens` gives, name variants included, or groups would change.
    assert words_of(text) == tokens(text).words


# --- through the CLI -------------------------------------------------------------------

import json  # noqa: E402

from typer.testing import CliRunner  # noqa: E402

from caucasus_cli.cli import app  # noqa: E402


def _run(index_dir, *args, stdin=None):
    return CliRunner().invoke(app, [*args, "--index", str(index_dir)], input=stdin)


def _seed_quote_id(index_dir) -> str:
    with CorpusIndex(index_dir) as index:
        return _aliyev_seed_quote(index).id


def test_quote_shows_its_group_first_seen_first(reprint_index):
    result = _run(reprint_index, "quote", _seed_quote_id(reprint_index), "--format", "json")
    assert result.exit_code == 0, result.stderr
    group = json.loads(result.stdout)["group"]
    assert group["first_seen"]["source"] == "APA"
    assert group["first_seen"]["date"] == "2021-09-24"
    assert [o["source"] for o in group["occurrences"]] == ["APA", "JAMnews", "Trend", None]
    assert group["attributions_differ"] is True
    jamnews = group["occurrences"][1]
    assert jamnews["changes"] == [{"op": "replace", "claimed": "defeated", "actual": "crushed"}]


def test_quotes_group_lists_every_occurrence(reprint_index):
    result = _run(reprint_index, "quotes", "--group", _seed_quote_id(reprint_index)[:6],
                  "--format", "jsonl")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert Path(records[0]["path"]).name == "apa_changed.txt"
    assert len(records) == 4
    assert {r["speaker"] for r in records} == {"Ilham Aliyev", "Nikol Pashinyan"}


def test_check_tells_where_else_the_words_ran_and_flags_other_attributions(reprint_index):
    result = _run(reprint_index, "check", ALIYEV_WORDS, "--speaker", "Aliyev", "-f", "json")
    assert result.exit_code == 0, result.stderr
    (record,) = json.loads(result.stdout)
    assert record["verdict"] == "confirmed"
    assert record["group"]["first_seen"]["source"] == "APA"
    assert len(record["group"]["occurrences"]) == 4
    assert record["group"]["attributions_differ"] is True


DRAFT = f"""Aliyev's speech, retold

President Ilham Aliyev spoke on Tuesday.

“{ALIYEV_WORDS},” Aliyev said.

“Armenia was beaten on the battlefield and Azerbaijan put an end to the occupation,” Aliyev added.

“We will open every road in the region before the winter comes to the mountains,” Aliyev told reporters.

“We want a peaceful settlement of the conflict,” said Leyla Abdullayeva, the ministry's spokeswoman.
"""  # noqa: E501


def test_check_document_gives_each_quote_its_verdict_and_a_summary(reprint_index, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    result = _run(reprint_index, "check", "--document", str(draft), "--format", "jsonl")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["verdict"] for r in records] == [
        "confirmed", "misquoted", "not_found", "misattributed",
    ]  # fmt: skip
    assert records[3]["said_by"] == "Jeyhun Bayramov"
    assert DRAFT[records[1]["claim_start"] : records[1]["claim_end"]].startswith("Armenia was")
    assert "4 quotes: 1 confirmed, 1 misquoted, 1 misattributed, 1 not found" in result.stderr
    assert result.exit_code == 1  # one is not found
    from_stdin = _run(reprint_index, "check", "--document", "-", "-f", "jsonl", stdin=DRAFT)
    assert from_stdin.stdout == result.stdout


def test_check_document_exit_codes(reprint_index, tmp_path):
    confirmed = tmp_path / "ok.txt"
    confirmed.write_text(DRAFT.split("\n\n")[2] + "\n", encoding="utf-8")
    assert _run(reprint_index, "check", "--document", str(confirmed)).exit_code == 0
    differs = tmp_path / "differs.txt"
    differs.write_text(DRAFT.split("\n\n")[3] + "\n", encoding="utf-8")
    assert _run(reprint_index, "check", "--document", str(differs)).exit_code == 3
    missing = _run(reprint_index, "check", "--document", str(tmp_path / "none.md"))
    assert missing.exit_code == 2 and "cannot read" in missing.stderr


def test_markdown_evidence_reports(reprint_index):
    report = _run(reprint_index, "check", ALIYEV_WORDS, "-f", "markdown")
    assert report.exit_code == 0, report.stderr
    text = report.stdout
    assert text.startswith("## Claim check: confirmed")
    assert "**Where else:** first seen APA 2021-09-24" in text
    assert "| Trend | 2021-09-26 |" in text
    quote = _run(reprint_index, "quote", _seed_quote_id(reprint_index), "-f", "markdown")
    assert quote.exit_code == 0, quote.stderr
    assert quote.stdout.startswith(f"## Quote {_seed_quote_id(reprint_index)}")
    assert "**Cite:** `" in quote.stdout and "~ defeated → crushed" in quote.stdout


def test_spread_ranks_statements_by_the_outlets_that_ran_them(reprint_index):
    result = _run(reprint_index, "quotes", "--spread", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    top = records[0]
    assert top["outlets"] == ["APA", "JAMnews", "Trend"]
    assert top["occurrences"] == 4
    assert top["source"] == "APA" and top["date"] == "2021-09-24"
    assert top["attributions_differ"] is True
    # A statement run by one outlet only is not spread.
    assert all(len(r["outlets"]) >= 2 for r in records)
    csv = _run(reprint_index, "quotes", "--spread", "--format", "csv")
    assert "APA; JAMnews; Trend" in csv.stdout
    counted = _run(reprint_index, "quotes", "--spread", "--count")
    assert counted.stdout.strip() == str(len(records))


def test_spread_on_a_corpus_where_nothing_is_repeated(seed_index):
    result = _run(seed_index, "quotes", "--spread")
    assert result.exit_code == 1
    assert result.stdout == ""


def _group_files(index_dir: Path) -> list[str]:
    with CorpusIndex(index_dir) as index:
        group = quote_group(index, _aliyev_seed_quote(index))
    return [Path(o.quote.path).name for o in group.occurrences]


def test_groups_are_kept_up_to_date_by_each_index_run(tmp_path, corpus_copy):
    """Reprints indexed one run at a time group as they do indexed at once; a removed
    reprint leaves its group; a run with nothing new links nothing."""
    index = tmp_path / "index"
    sync_index(index, [corpus_copy])
    assert len(_group_files(index)) == 1
    # The same words as the seed share its wording: no link is needed for them.
    needs_a_link = {"trend_trimmed.txt": True, "apa_changed.txt": True}
    for name, text in REPRINTS.items():
        (corpus_copy / name).write_text(text, encoding="utf-8")
        report = sync_index(index, [corpus_copy])
        assert (report.links > 0) == needs_a_link.get(name, False), name
        assert name in _group_files(index)
    assert sorted(_group_files(index)) == sorted(
        [*REPRINTS, next(n for n in _group_files(index) if n.startswith("001_"))]
    )
    assert sync_index(index, [corpus_copy]).links == 0  # nothing new to link

    (corpus_copy / "apa_changed.txt").unlink()
    sync_index(index, [corpus_copy])
    files = _group_files(index)
    assert "apa_changed.txt" not in files and files[0].startswith("001_")  # first seen now


def test_a_changed_wording_is_linked_to_the_earlier_ones(tmp_path, corpus_copy):
    """The changed reprint is new to an index that has the seed: linking it must look
    among the earlier wordings, not only among the run's own."""
    index = tmp_path / "index"
    sync_index(index, [corpus_copy])
    (corpus_copy / "apa_changed.txt").write_text(REPRINTS["apa_changed.txt"], encoding="utf-8")
    report = sync_index(index, [corpus_copy])
    assert report.links == 1
    assert _group_files(index)[0] == "apa_changed.txt"


def test_a_fragment_groups_with_the_longer_quote_whose_rarest_words_it_lacks(tmp_path):
    """The longer quote's rarest words ("rivalry", "Sargsyan") are not in the fragment; the
    fragment's rarest words are in the longer quote: it must be found from that side."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "long.txt").write_text(
        "Rivalry in Yerevan\n\ndate 2021-03-02 By Armenpress\n\n"
        "“The rivalry between Sargsyan and his ministers is getting in the way of good "
        "government,” the opposition leader Gagik Tsarukyan said.\n",
        encoding="utf-8",
    )
    (folder / "short.txt").write_text(
        "Opposition speaks\n\ndate 2021-03-03 By News.am\n\n"
        "Gagik Tsarukyan said the feud was “getting in the way of good government”.\n",
        encoding="utf-8",
    )
    index = tmp_path / "index"
    sync_index(index, [folder])
    with CorpusIndex(index) as opened:
        quotes = list(stream_quotes(opened, QuoteFilter(kind=None)).quotes)
        (fragment,) = [q for q in quotes if q.text.startswith("getting")]
        group = quote_group(opened, fragment)
    assert {Path(o.quote.path).name for o in group.occurrences} == {"long.txt", "short.txt"}, [
        (o.quote.kind, o.quote.text) for o in group.occurrences
    ]


# Every listing honours every filter it accepts: a filter that no item passes leaves
# nothing (exit 1), one that some pass keeps only those. `quotes --spread` listed every
# statement whatever the filters (exit 0) until it was fixed.
LISTINGS = {
    "search": ("search", "battlefield"),
    "quotes": ("quotes", "battlefield", "--kind", "all"),
    "quotes --spread": ("quotes", "--spread"),
    "quotes --group": ("quotes", "--group", "SEED"),
}
NOTHING_PASSES = {
    "--since": "2030",
    "--until": "1990",
    "--source": "Reuters",
    "--speaker": "Abdullayeva",  # quoted in the seed articles, never on the battlefield
}
SOME_PASS = {
    "--since": ("2021-09-25", lambda r: r["date"] is not None and r["date"] >= "2021-09-25"),
    "--until": ("2021-09-25", lambda r: r["date"] is not None and r["date"] <= "2021-09-25"),
    "--source": ("Trend", lambda r: r["source"] == "Trend"),
}


def _listing(index_dir, name: str, *options: str):
    argv = [_seed_quote_id(index_dir) if a == "SEED" else a for a in LISTINGS[name]]
    return _run(index_dir, *argv, *options, "--format", "jsonl")


@pytest.mark.parametrize("option", sorted(NOTHING_PASSES))
@pytest.mark.parametrize("listing", sorted(LISTINGS))
def test_a_filter_nothing_passes_lists_nothing(reprint_index, listing, option):
    result = _listing(reprint_index, listing, option, NOTHING_PASSES[option])
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("option", sorted(SOME_PASS))
@pytest.mark.parametrize("listing", sorted(LISTINGS))
def test_a_filter_keeps_what_passes_it(reprint_index, listing, option):
    value, passes = SOME_PASS[option]
    unfiltered = [json.loads(line) for line in _listing(reprint_index, listing).stdout.splitlines()]
    result = _listing(reprint_index, listing, option, value)
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    if listing == "quotes --spread":
        # A statement is listed when one of its occurrences passes: here, the one.
        assert records == unfiltered[:1]
    else:
        assert records and all(passes(r) for r in records)
        assert len(records) < len(unfiltered)


@pytest.mark.parametrize("listing", ["quotes", "quotes --spread", "quotes --group"])
def test_the_speaker_filter_keeps_what_they_said(reprint_index, listing):
    result = _listing(reprint_index, listing, "--speaker", "Pashinyan")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    if listing == "quotes --spread":
        # The statement Pashinyan is (wrongly) given too, with all its occurrences.
        assert len(records) == 1 and "Nikol Pashinyan" in records[0]["speakers"]
    else:
        assert records and {r["speaker"] for r in records} == {"Nikol Pashinyan"}


@pytest.mark.parametrize("listing", ["quotes --spread", "quotes --group"])
def test_query_words_filter_statements_and_groups(reprint_index, listing):
    argv = [_seed_quote_id(reprint_index) if a == "SEED" else a for a in LISTINGS[listing]]
    missing = _run(reprint_index, argv[0], "zyxwvut", *argv[1:], "--format", "jsonl")
    assert missing.exit_code == 1 and missing.stdout == ""
    found = _run(reprint_index, argv[0], "crushed", *argv[1:], "--format", "jsonl")
    assert found.exit_code == 0, found.stderr
    assert len(found.stdout.splitlines()) == 1  # the APA wording only, or its statement


def test_group_listing_honours_sort_limit_and_offset(reprint_index):
    everything = _listing(reprint_index, "quotes --group")
    paths = [json.loads(line)["path"] for line in everything.stdout.splitlines()]
    newest = _listing(reprint_index, "quotes --group", "--sort", "-date")
    assert [json.loads(line)["path"] for line in newest.stdout.splitlines()] == paths[::-1]
    page = _listing(reprint_index, "quotes --group", "--offset", "1", "--limit", "2")
    assert [json.loads(line)["path"] for line in page.stdout.splitlines()] == paths[1:3]
    counted = _listing(reprint_index, "quotes --group", "--since", "2021-09-25", "--count")
    assert json.loads(counted.stdout)["total"] == 2, counted.stdout


def test_spread_refuses_a_kind_it_cannot_honour(reprint_index):
    result = _listing(reprint_index, "quotes --spread", "--kind", "indirect")
    assert result.exit_code == 2
    assert "--kind" in result.stderr
