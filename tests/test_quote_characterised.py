"""Short quotations that a verb of characterising gives as someone's words.

`calling him a "stiff"`, `described as a "consummate professional"`, `who Jon Roe
once called "a rising star"`: the quoted words are what the subject said of someone or
something, not the reporter's scare quotes, so they are quotes (PolNeAR's annotators
and the BBC set's both count them). A bare `called "…"` after a noun names something
(`a play called "Sons of Ruritania"`) and `has been called "strategic ambiguity"` gives
a term: neither is a quote. The speaker is the subject of the verb when the text
settles it: the sentence's subject for an active verb, the relative clause's own
subject in `who X called "…"`, the owner of `X's claim that … "…"`, nobody for a
passive (`was described as "…"` says who was described, not who said it).
"""

from __future__ import annotations

import pytest
from quoting import quotes_through_the_cli

from caucasus_cli.ingest.paragraphs import split_paragraphs
from caucasus_cli.models import QuoteKind
from caucasus_cli.quotes.extract import extract_quotes
from caucasus_cli.quotes.people import People

HEADLINE = "Council row over bridge deepens\n\n"
INTRO = "Jon Roe and Ann Doe sit on the city council of Ganja. "


def direct(body: str, people: People) -> list[tuple[str, str | None]]:
    text = HEADLINE + INTRO + body
    quotes = extract_quotes(text, split_paragraphs(text), people)
    return [(q.text, q.speaker) for q in quotes if q.kind == QuoteKind.DIRECT]


# (sentence, the quote's words, its speaker)
QUOTES = [
    pytest.param(
        'Then he turned on Ms Doe, calling her a "stiff" and accusing her of delay.',
        "stiff",
        None,
        id="participle-after-a-pronoun-subject-speaker-unsettled",
    ),
    pytest.param(
        'Ann Doe, who Jon Roe once called "a rising star", won the vote.',
        "a rising star",
        "Jon Roe",
        id="relative-clause-subject-speaks",
    ),
    pytest.param(
        'The plan was described as "reckless" by members of the opposition.',
        "reckless",
        None,
        id="passive-says-who-was-described-not-who-spoke",
    ),
    pytest.param(
        'Ms Doe was described as a "consummate professional" by her friend Jon Roe.',
        "consummate professional",
        None,
        id="passive-subject-is-not-the-speaker",
    ),
    pytest.param(
        'Jon Roe has previously called "a disgrace" on the council floor.',
        "a disgrace",
        "Jon Roe",
        id="adverb-before-called-is-an-active-verb",
    ),
    pytest.param(
        'Jon Roe has been steadily pounding Ann Doe as a "con artist" since May.',
        "con artist",
        "Jon Roe",
        id="verb-object-as-progressive-is-active",
    ),
    pytest.param(
        'Ms Doe openly admires the Ruritanian president as a "strong leader", comparing '
        "him favourably to others.",
        "strong leader",
        "Ann Doe",
        id="admires-object-as",
    ),
    pytest.param(
        'The agency checked Jon Roe’s claim that there have been "thousands of shootings" '
        "in the city.",
        "thousands of shootings",
        "Jon Roe",
        id="possessive-claim-that",
    ),
    pytest.param(
        'Jon Roe spoke to reporters. He repeated his claim that "profit-making" was the motive.',
        "profit-making",
        "Jon Roe",
        id="his-claim-that-resolves-the-pronoun",
    ),
    pytest.param(
        'Ann Doe heralded the deal with Ruritania as a "breakthrough." It was signed in May.',
        "breakthrough.",
        "Ann Doe",
        id="heralded-object-as",
    ),
    pytest.param(
        'Vice President Jon Roe called the show "the conservative news show of record." '
        "Others agreed.",
        "the conservative news show of record.",
        "Jon Roe",
        id="called-the-show-is-its-object-not-a-title",
    ),
]


@pytest.mark.parametrize(("sentence", "words", "speaker"), QUOTES)
def test_a_characterising_verb_makes_a_short_quotation_someones_words(
    sentence, words, speaker, people
):
    found = dict(direct(sentence, people))
    assert words in found
    assert found[words] == speaker


# Quotation marks around a name or a term: not a quote.
NOT_QUOTES = [
    pytest.param(
        'Comedians are performing a popular play called "Sons of Ruritania" in Ganja.',
        id="noun-called-names",
    ),
    pytest.param(
        'This feature of the movement has been called "strategic ambiguity" for years.',
        id="passive-called-names-a-term",
    ),
    pytest.param(
        'The council set up a website called "bridge watch" last year.',
        id="website-called",
    ),
    pytest.param(
        'Residents are worried about the "temporary" closure of the old road.',
        id="scare-quote-without-a-verb",
    ),
    pytest.param(
        'The town is known as the "pearl of the south" to tourists.',
        id="known-as-names",
    ),
    pytest.param(
        'Ms Doe cast her vote as a "protest" against the plan.',
        id="as-after-a-verb-that-does-not-characterise",
    ),
    pytest.param(
        'The Ganja Times ran a story that the bridge was "perfectly safe" last year.',
        id="a-story-that-is-no-claim",
    ),
]


@pytest.mark.parametrize("sentence", NOT_QUOTES)
def test_names_terms_and_scare_quotes_stay_out(sentence, people):
    assert direct(sentence, people) == []


def test_the_cli_lists_a_characterised_quote_with_its_speaker(tmp_path):
    text = HEADLINE + INTRO + 'Ann Doe, who Jon Roe once called "a rising star", won the vote.\n'
    records = quotes_through_the_cli(tmp_path, "row.txt", text)
    assert [(r["text"], r["speaker"]) for r in records] == [("a rising star", "Jon Roe")]
