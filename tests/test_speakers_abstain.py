"""Attribution that abstains (issue 19): the speaker is right, or it is null.

Each table holds real-looking sentences in the style of British and regional news,
written for these tests with invented people and places (Ruritania, Jon Roe); a
negative row is one where any name would be a guess. A wrong speaker is worse than
none for a fact-checker: where the text does not settle who spoke, the speaker is
None.
"""

from __future__ import annotations

import pytest
from quoting import direct, speaker_of

from caucasus_cli.quotes.people import People

# (text, words of the quote, speaker): "he"/"she" is the subject of the nearest
# sentence naming a person, not a nearer object or a name in a subordinate clause.
PRONOUNS = [
    (
        "Mr Roe was asked why Mr Doe had resigned. He replied: "
        '"The chief executive decided it was time to move on."',
        "time to move on",
        "Roe",
    ),
    (
        "Jon Roe, the minister, spoke first.\n\n"
        "But Mr Roe told the Ruritania Herald he believed the changes were enough. "
        '"No bill goes through without scrutiny," he said.',
        "No bill goes",
        "Jon Roe",
    ),
    (
        "Opposition leader Jon Roe accused the prime minister and Mr Doe of squabbling. "
        '"This is the politics of the playground," he said.',
        "politics of the playground",
        "Jon Roe",
    ),
    (
        "Committee member Ann Roe said she was amazed Mr Doe was still in his job. "
        '"We were led to believe he was going shortly," she said.',
        "led to believe",
        "Ann Roe",
    ),
    (
        'Jane Roe, the health minister, said: "We have turned the corner." '
        'Meanwhile Ms Roe said she hoped "the people will benefit from the investment".',
        "people will benefit",
        "Jane Roe",
    ),
]

# A pronoun never points at a lone word that is a town, a club or a firm, even one
# that "said" something; where nobody fitting is named, no speaker.
PRONOUNS_WITHOUT_SPEAKER = [
    "Even before Newcastle said the player would not be sold, the player insisted he "
    'would stay. "I would play anywhere for this club," he said.',
    'Ruritania Holdings said profits had fallen. "We expect a better year," he said.',
]


@pytest.mark.parametrize(("text", "words", "speaker"), PRONOUNS)
def test_a_pronoun_is_the_subject_of_the_nearest_sentence_naming_a_person(
    people: People, text: str, words: str, speaker: str
) -> None:
    assert speaker_of(text, words, people) == speaker


@pytest.mark.parametrize("text", PRONOUNS_WITHOUT_SPEAKER)
def test_a_pronoun_never_points_at_a_place_or_a_firm(people: People, text: str) -> None:
    assert [q.speaker for q in direct(text, people)] == [None]


# (text, words, speaker): a country or a capital speaks as the subject of a speech
# verb, for its government; an outlet reporting in its own name is the source.
PLACES_AND_OUTLETS_SPEAKING = [
    ('"Six tanks were destroyed," Moscow said on Monday.', "Six tanks", "Moscow"),
    ('Norway said: "The border is closed."', "border is closed", "Norway"),
]
# A place or an outlet anywhere else in the clause is no speaker.
PLACES_AND_OUTLETS_SILENT = [
    'Jon Roe of Columbia, South Carolina says he hopes the senator keeps "doing what he does."',
    "Speaking at a town hall in Salem, New Hampshire, the candidate called his rival "
    '"a total stiff."',
    'The Ruritania Herald reported on Friday. "Nothing was agreed," the Herald said.',
    'Trump was in Birmingham, Alabama, when he shouted: "Get him out of here!"',
    # a town of the region's own list (places.txt), which the gazetteer leaves out
    '"The shelling did not stop," Tartar said on Monday.',
]


@pytest.mark.parametrize(("text", "words", "speaker"), PLACES_AND_OUTLETS_SPEAKING)
def test_a_country_or_capital_speaks_as_the_subject_of_the_speech_verb(
    people: People, text: str, words: str, speaker: str
) -> None:
    assert speaker_of(text, words, people) == speaker


@pytest.mark.parametrize("text", PLACES_AND_OUTLETS_SILENT)
def test_a_place_or_an_outlet_elsewhere_in_the_clause_is_no_speaker(
    people: People, text: str
) -> None:
    assert [q.speaker for q in direct(text, people)] == [None]


def test_a_surname_that_is_also_a_city_is_still_the_persons(people: People) -> None:
    text = 'Senator Ann Preston opened the debate.\n\n"We will not give up," Preston said.'
    assert speaker_of(text, "not give up", people) == "Ann Preston"


# An unnamed spokesman of a named body speaks for it, and so does the "he" that
# follows him (not the person the previous paragraph named).
SPOKESPEOPLE = [
    (
        "Jon Roe criticised the plans on Monday.\n\n"
        "The prime minister's official spokesman said the cabinet still met weekly. "
        'But he added: "You cannot take every decision in cabinet."',
        "every decision",
        "prime minister's official spokesman",
    ),
    (
        'A Treasury spokesperson said: "Spending plans have been set out until 2008."',
        "Spending plans",
        "Treasury",
    ),
    (
        "Ann Doe praised the dictionary.\n\n"
        "A spokesman for the Ruritania University Press said the word was spreading. "
        '"It was the word of last year," he said.',
        "word of last year",
        "Ruritania University Press",
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker"), SPOKESPEOPLE)
def test_an_unnamed_spokesman_speaks_for_the_body_he_represents(
    people: People, text: str, words: str, speaker: str
) -> None:
    assert speaker_of(text, words, people) == speaker


def test_a_spokesman_of_nobody_named_stays_without_speaker(people: People) -> None:
    text = 'A spokesman said: "We will not comment on speculation."'
    assert [q.speaker for q in direct(text, people)] == [None]


def test_json_output_says_who_was_considered_when_no_speaker_is_given(tmp_path) -> None:
    """Through the real CLI: index an article, list its quotes as JSON Lines; the
    abstention carries `speaker_candidates` (who was considered, and why left)."""
    import json

    from typer.testing import CliRunner

    from caucasus_cli.cli import app

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "town-hall.txt").write_text(
        "Voters weigh their choice\n\n"
        "Jon Roe of Columbia, South Carolina says he hopes the senator keeps "
        '"doing what he does."\n\n'
        "Mr Roe was asked why Mr Doe had resigned. He replied: "
        '"The chief executive decided it was time to move on."\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    env = {"CAUCASUS_INDEX": str(tmp_path / "index")}
    assert runner.invoke(app, ["index", str(folder)], env=env).exit_code == 0
    listed = runner.invoke(app, ["quotes", "--format", "jsonl"], env=env)
    assert listed.exit_code == 0, listed.stderr
    quotes = {q["text"][:12]: q for q in map(json.loads, listed.stdout.splitlines())}
    doing, move_on = quotes["doing what h"], quotes["The chief ex"]
    assert doing["speaker"] is None
    assert [(c["name"], c["taken"]) for c in doing["speaker_candidates"]] == [
        ("South Carolina", False)
    ]
    assert "place" in doing["speaker_candidates"][0]["support"]
    assert move_on["speaker"] == "Jon Roe"
    assert [(c["name"].split()[-1], c["taken"]) for c in move_on["speaker_candidates"]] == [
        ("Roe", True),
        ("Doe", False),
    ]


def test_a_pronoun_after_someone_elses_unread_attribution_abstains(people: People) -> None:
    """The pronoun's speaker spoke in the sentence just before, named in a way not
    read as a person; the person named before that is a guess, so: no speaker."""
    text = (
        "Jon Roe said the house had been burgled while he slept.\n\n"
        "Detective Inspector Paul Doe of Ruritania Valley Police said it appeared a man "
        'used a ladder. "Whilst selecting items, the burglar was disturbed," he said.'
    )
    assert speaker_of(text, "burglar was disturbed", people) is None


def test_a_pronoun_after_another_speakers_settled_quote_still_resolves(people: People) -> None:
    text = (
        "Ann Roe met Jon Doe in the capital. "
        '"The meeting was productive," she said. "We agreed on the next steps," he added.'
    )
    assert speaker_of(text, "next steps", people) == "Jon Doe"


# A speech verb right after the quotation names its speaker, in a phrase the reader
# may fail to read: then nobody, never the person of the sentence before.
UNREAD_SPEAKER_AFTER = [
    "The union endorsed Ann Doe on Friday after months of talks over the Ruritania Trade "
    'Partnership.\n\n"We had to acknowledge that we had a big issue with the trade part of '
    'her record," said Ruritanian Auto Workers Secretary-Treasurer Gary Fox.',
    'Jon Roe opened the port on Monday.\n\n"We had to acknowledge that we had a big issue '
    'with the trade," said Ruritanian Auto Workers Secretary-Treasurer Gary Fox.',
]


@pytest.mark.parametrize("text", UNREAD_SPEAKER_AFTER)
def test_an_unread_speaker_after_the_quote_is_no_one_else(people: People, text: str) -> None:
    assert [q.speaker for q in direct(text, people)] == [None]


def test_a_readable_speaker_after_the_quote_still_speaks(people: People) -> None:
    text = 'Jon Roe opened the port.\n\n"We will rebuild the market," said Anar Fox of the council.'
    assert [q.speaker for q in direct(text, people)] == ["Anar Fox"]


# A quotation opening a paragraph after a sentence with no speech verb takes that
# sentence's subject; a person it names as an object never speaks.
OBJECT_OF_THE_SENTENCE_BEFORE = [
    'Mr Roe denied he had been "playing politics" by raising the case of Ann Doe, whose '
    "operation was cancelled seven times. And he hit back at Labour claims he had used "
    'Mrs Doe as a "human shield". "She is not a human shield, she is a human being."',
    '"Schools matter most," says Melissa Fox, 32, who works in retail. Fox supports '
    'Democrat Ann Doe in the race. "I have student loans, and I do not have a great job."',
]
SUBJECT_OF_THE_SENTENCE_BEFORE = [
    (
        'On Sunday, Senator Jon Roe identified the port as the main issue.\n\n"The younger '
        'voters are with us."',
        "Jon Roe",
    ),
    (
        "In response to the floods, opposition leader Jon Roe issued the following "
        'statement:\n\n"Our prayers are with all those affected."',
        "Jon Roe",
    ),
]


@pytest.mark.parametrize("text", OBJECT_OF_THE_SENTENCE_BEFORE)
def test_an_object_of_the_sentence_before_never_speaks(people: People, text: str) -> None:
    assert direct(text, people)[-1].speaker is None


@pytest.mark.parametrize(("text", "speaker"), SUBJECT_OF_THE_SENTENCE_BEFORE)
def test_the_subject_of_the_sentence_before_speaks(people: People, text: str, speaker: str) -> None:
    assert direct(text, people)[-1].speaker == speaker
