"""`check --format claimreview`: verdicts as schema.org ClaimReview JSON-LD, the form
fact-checkers publish them in (Google's fact-check markup: claimReviewed and
reviewRating.alternateName required; itemReviewed a Claim with author,
datePublished, firstAppearance and appearance recommended)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_groups import REPRINTS
from typer.testing import CliRunner

from caucasus_cli.cli import app
from caucasus_cli.index.sync import sync_index

ALIYEV_CLAIM = "The Nagorno-Karabakh conflict is a thing of the past."
DEFEATED = (
    "Today I say with pride that Armenia was defeated on the battlefield and Azerbaijan "
    "put an end to the occupation"
)
MINISTRY_ARTICLE = (
    "Shelling reported near Tovuz\n\ndate 2020-07-14 By APA\n\n"
    "The Azerbaijani Ministry of Defense said in a statement on Tuesday: "
    "“The Armenian armed forces again violated the ceasefire near the border village.”\n"
)


def _check(index: Path, *args: str, stdin: str | None = None):
    return CliRunner().invoke(
        app,
        ["check", *args, "--format", "claimreview"],
        input=stdin,
        env={"CAUCASUS_INDEX": str(index)},
    )


def _no_nulls(value, where="$"):
    """JSON-LD reads null as no value; Google's validator flags it: never written."""
    assert value is not None, f"null at {where}"
    if isinstance(value, dict):
        for key, item in value.items():
            _no_nulls(item, f"{where}.{key}")
    elif isinstance(value, list):
        assert value, f"empty list at {where}"
        for i, item in enumerate(value):
            _no_nulls(item, f"{where}[{i}]")


def _assert_work(work: dict) -> None:
    assert work["@type"] == "CreativeWork"
    # Where to read it: the article's url, else the file it was read from (not a URL).
    assert isinstance(work.get("url") or work.get("identifier"), str)
    if "datePublished" in work:
        assert len(work["datePublished"]) == 10  # an ISO day, never a guess
    if "publisher" in work:
        assert work["publisher"]["@type"] == "Organization"
        assert isinstance(work["publisher"]["name"], str)


def assert_claim_review(review: dict) -> None:
    """The shape Google's fact-check markup documents."""
    _no_nulls(review)
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"]
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating"
    assert rating["alternateName"] in {
        "confirmed", "misquoted", "misattributed", "not_quoted", "not_found",
    }  # fmt: skip
    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim"
    if "author" in claim:
        assert claim["author"]["@type"] in {"Person", "Organization"}
        assert isinstance(claim["author"]["name"], str)
    if "firstAppearance" in claim:
        _assert_work(claim["firstAppearance"])
    for work in claim.get("appearance", []):
        _assert_work(work)
    # What only the fact-checker knows is left for them to add, not invented.
    assert "datePublished" not in review
    assert "author" not in review


@pytest.fixture(scope="module")
def reprint_index(tmp_path_factory, seed_corpus):
    folder = tmp_path_factory.mktemp("claimreview")
    for path in seed_corpus.iterdir():
        shutil.copy(path, folder / path.name)
    for name, text in {**REPRINTS, "apa_ministry.txt": MINISTRY_ARTICLE}.items():
        (folder / name).write_text(text, encoding="utf-8")
    index_dir = folder.parent / "claimreview-index"
    sync_index(index_dir, [folder])
    return index_dir


def test_a_confirmed_quote_names_its_speaker_and_where_it_first_appeared(seed_index):
    result = _check(seed_index, ALIYEV_CLAIM, "--speaker", "Aliyev")
    assert result.exit_code == 0, result.output
    (review,) = json.loads(result.stdout)  # one array, as --format json
    assert_claim_review(review)
    assert review["claimReviewed"] == ALIYEV_CLAIM
    assert review["reviewRating"]["alternateName"] == "confirmed"
    claim = review["itemReviewed"]
    assert claim["author"] == {"@type": "Person", "name": "Aliyev"}
    assert claim["datePublished"] == "2021-09-25"
    first = claim["firstAppearance"]
    assert Path(first["identifier"]).name == "001_7e16cc46a88fe3df.txt"
    assert first["publisher"]["name"] == "JAMnews"
    assert first["datePublished"] == "2021-09-25"
    assert "appearance" not in claim  # published once


def test_every_outlet_that_ran_the_words_is_an_appearance_first_seen_first(reprint_index):
    result = _check(reprint_index, DEFEATED, "--speaker", "Ilham Aliyev")
    assert result.exit_code == 0, result.output
    (review,) = json.loads(result.stdout)
    assert_claim_review(review)
    claim = review["itemReviewed"]
    # The earliest dated occurrence (APA, a day before JAMnews) is the first appearance.
    assert Path(claim["firstAppearance"]["identifier"]).name == "apa_changed.txt"
    assert claim["datePublished"] == "2021-09-24"
    others = [Path(work["identifier"]).name for work in claim["appearance"]]
    assert others[0].startswith("001_")
    assert others[1:] == ["trend_trimmed.txt", "blog_misattributed.txt"]
    undated = claim["appearance"][-1]
    assert "datePublished" not in undated and "publisher" not in undated


def test_a_misattribution_says_who_said_it_in_the_rating(seed_index):
    result = _check(seed_index, ALIYEV_CLAIM, "--speaker", "Pashinyan")
    assert result.exit_code == 3
    (review,) = json.loads(result.stdout)
    assert_claim_review(review)
    assert review["reviewRating"]["alternateName"] == "misattributed"
    assert "Said by Ilham Aliyev, not Pashinyan." in review["reviewRating"]["ratingExplanation"]
    # The claim's author is whom the claim names, not who really said the words.
    assert review["itemReviewed"]["author"]["name"] == "Pashinyan"


def test_words_nobody_published_have_no_appearance_and_no_invented_author(seed_index):
    result = _check(seed_index, "Penguins will be granted citizenship of Antarctica next year")
    assert result.exit_code == 1
    (review,) = json.loads(result.stdout)
    assert_claim_review(review)
    assert review["reviewRating"]["alternateName"] == "not_found"
    assert review["itemReviewed"] == {"@type": "Claim"}


def test_a_body_speaking_as_itself_is_an_organization(reprint_index):
    result = _check(
        reprint_index,
        "The Armenian armed forces again violated the ceasefire near the border village.",
        "--speaker",
        "Azerbaijani Ministry of Defense",
    )
    (review,) = json.loads(result.stdout)
    assert_claim_review(review)
    assert review["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "Azerbaijani Ministry of Defense",
    }


def test_several_claims_give_one_array_in_their_order(seed_index, tmp_path):
    claims = tmp_path / "claims.txt"
    claims.write_text(f"{ALIYEV_CLAIM}\nPenguins will be granted citizenship of Antarctica\n")
    result = _check(seed_index, "--file", str(claims))
    reviews = json.loads(result.stdout)
    assert [r["reviewRating"]["alternateName"] for r in reviews] == ["confirmed", "not_found"]
    for review in reviews:
        assert_claim_review(review)


def test_only_check_offers_claimreview(seed_index):
    result = CliRunner().invoke(
        app,
        ["search", "Aliyev", "--format", "claimreview"],
        env={"CAUCASUS_INDEX": str(seed_index)},
    )
    assert result.exit_code == 2
