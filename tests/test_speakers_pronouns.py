"""Pronouns, follow-on quotations and two attributions in one sentence (issue 19).

Real-looking sentences in the style of British and US news, written for these tests
with invented people and places (Ruritania, Jon Roe). A wrong speaker is worse than
none: a negative row is one where the text does not settle who spoke, or settles
that it is someone else.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from quoting import direct, quote_with, quotes_through_the_cli, speaker_of

from caucasus_cli.models import HowAttributed
from caucasus_cli.quotes.people import People

# (text, words of the second part, speaker): one quotation split by its speaker's
# name and a comma-set description; the part after it is the same person's.
SPLIT_BY_ATTRIBUTION = [
    (
        '"This used to be our back yard," said Jon Roe, director of security studies '
        'at the Ruritanian institute in Strelsau, "but it is slipping away from us now."',
        "slipping away",
        "Jon Roe",
    ),
    (
        '"The risk," said Ann Doe, an economist who is the director of the Ruritanian '
        'Forecast, "is that we attract workers and repel the jobs they came for."',
        "repel the jobs",
        "Ann Doe",
    ),
    (
        '"We have had offices here since April," said Mary Roe, the campaign\'s '
        'communications director, "and we have been building lasting ties."',
        "lasting ties",
        "Mary Roe",
    ),
    (
        '"These people know how to use words," said Roe Sherwood, speaking of the '
        'candidates, "and leave themselves a little room to move."',
        "little room to move",
        "Roe Sherwood",
    ),
    ('"We will fight on," said Jon Roe, "and we will win."', "we will win", "Jon Roe"),
]

# (text, words): the words after the attribution are not shown to be its speaker's.
SPLIT_NOT_SETTLED = [
    # The description brings in someone else's words.
    (
        '"We will not give up the valley," said Jon Roe, quoting the late Mark Doe, '
        '"for it is the heart of our country."',
        "heart of our country",
    ),
    # A semicolon, not a comma, before the second quotation: a new clause.
    (
        '"We will not give up the valley," said Jon Roe; "for it is the heart of '
        'our country" is a line often heard here.',
        "heart of our country",
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker"), SPLIT_BY_ATTRIBUTION)
def test_a_quotation_split_by_its_attribution_goes_on_with_its_speaker(
    people: People, text: str, words: str, speaker: str
) -> None:
    quote = quote_with(text, words, people)
    assert quote.speaker == speaker
    assert quote.attribution == HowAttributed.FOLLOW_ON


@pytest.mark.parametrize(("text", "words"), SPLIT_NOT_SETTLED)
def test_a_quotation_after_someone_elses_words_gets_no_speaker(
    people: People, text: str, words: str
) -> None:
    assert speaker_of(text, words, people) is None


def test_the_split_quotation_has_its_speaker_through_the_cli(tmp_path: Path) -> None:
    article = (
        "Ruritania talks resume after a week of shelling\n\n"
        '"This used to be our back yard," said Jon Roe, director of security studies '
        'at the Ruritanian institute in Strelsau, "but it is slipping away from us now."\n'
    )
    quotes = quotes_through_the_cli(tmp_path, "roe.txt", article)
    second = [q for q in quotes if "slipping away" in q["text"]]
    assert [q["speaker"] for q in second] == ["Jon Roe"]


def test_each_part_is_kept_as_its_own_quotation(people: People) -> None:
    text = '"We will fight on," said Jon Roe, director of the institute, "and we will win."'
    assert [q.speaker for q in direct(text, people)] == ["Jon Roe", "Jon Roe"]


# (text, words, speaker): a one-word name after a kinship word (`his son Nick`) is a
# person, of that word's gender, whom the next `he` or `she` may mean.
KIN_NAMES = [
    (
        "The rally had been opened by Mr Roe's son Nick, a trainee vicar, who praised his "
        'father\'s honesty. "I always know where I stand with him," he said.',
        "where I stand",
        "Nick",
    ),
    (
        "The award was collected by Jon Roe's widow Ann, who travelled from Strelsau. "
        '"He would have been so proud of the team," she said.',
        "so proud",
        "Ann",
    ),
]

# (text, words, speaker): the kin is named, but the sentence's subject is someone else.
KIN_NOT_SUBJECT = [
    (
        "Jon Roe spoke after his son Nick was freed on Monday. "
        '"It has been the longest week of our lives," he said.',
        "longest week",
        "Jon Roe",
    ),
    (
        "Ann Roe said her son Nick was safe and well. "
        '"It has been the longest week of our lives," she said.',
        "longest week",
        "Ann Roe",
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker"), KIN_NAMES)
def test_a_name_after_a_kinship_word_is_a_person_a_pronoun_may_mean(
    people: People, text: str, words: str, speaker: str
) -> None:
    assert speaker_of(text, words, people) == speaker


@pytest.mark.parametrize(("text", "words", "speaker"), KIN_NOT_SUBJECT)
def test_a_named_kin_does_not_take_the_subjects_words(
    people: People, text: str, words: str, speaker: str
) -> None:
    assert speaker_of(text, words, people) == speaker


# (text, words, speaker): two attributions in one sentence; each quotation is the
# words of its own clause's subject, or of nobody when that subject is not read.
TWO_CLAUSES = [
    (
        'Mr Roe described the plan as "reckless" while his rival Mark Doe said it was '
        '"long overdue".',
        "long overdue",
        None,
    ),
    (
        'Jon Roe dismissed the report as "a tissue of lies" while the party leader said '
        'it was "a fair account of the talks".',
        "fair account",
        None,
    ),
    (
        'Jon Roe dismissed the report as "a tissue of lies" while the party leader said '
        'it was "a fair account of the talks".',
        "tissue of lies",
        "Jon Roe",
    ),
    (
        'Mr Roe described the plan as "reckless" while Mr Doe said it was "long overdue".',
        "long overdue",
        "Doe",
    ),
    # One subject and two verbs: both quotations are his.
    (
        'Jon Roe called the plan "reckless" and said the reform was "long overdue".',
        "long overdue",
        "Jon Roe",
    ),
    # The later subject is a pronoun in a relative clause: the same speaker's words.
    (
        "The move, Jon Roe explained, was the fruit of three years of work — an investment "
        'he concludes has given the party a "head start on its rivals and on the government".',
        "head start",
        "Jon Roe",
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker"), TWO_CLAUSES)
def test_each_quotation_goes_to_the_subject_of_its_own_clause(
    people: People, text: str, words: str, speaker: str | None
) -> None:
    assert speaker_of(text, words, people) == speaker


def test_an_unread_clause_subject_is_given_as_the_reason(people: People) -> None:
    text = (
        'Mr Roe described the plan as "reckless" while his rival Mark Doe said it was '
        '"long overdue".'
    )
    quote = quote_with(text, "long overdue", people)
    assert quote.speaker is None
    assert [(c.name, c.taken) for c in quote.speaker_candidates] == [("Roe", False)]
    assert "later clause" in quote.speaker_candidates[0].support


# (text, words, speaker): `Her husband said:` — a possessive `her` is never the
# subject; someone of hers speaks, not she.
HER_OWNS_THE_SPEAKER = [
    (
        'Ann Roe was freed on Monday. Her husband said: "We are so relieved that she is '
        'home at last."',
        "so relieved",
        None,
    ),
    (
        "The actress Ann Roe died in hospital on Saturday. Her agent Jon Doe said: "
        '"Ann was due to have another operation on Friday, but she was too weak."',
        "another operation",
        None,
    ),
    # Her plan, her voice: still hers.
    (
        "Ann Roe is standing for the Senate. Her economic plan promises to "
        '"lift up participation in the workforce for women and for men".',
        "lift up participation",
        "Ann Roe",
    ),
    (
        "Ann Roe was freed on Monday. Her voice shaking, she said: "
        '"We are so relieved to be home at last."',
        "so relieved",
        "Ann Roe",
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker"), HER_OWNS_THE_SPEAKER)
def test_a_possessive_her_before_a_person_is_not_the_speaker(
    people: People, text: str, words: str, speaker: str | None
) -> None:
    assert speaker_of(text, words, people) == speaker


# (text, words, speaker): `he` after a sentence whose subject is a description with
# a relative clause (`The seventh seed, who … Roddick …`): the one named inside the
# clause is not its subject, and the text does not name the subject.
DESCRIBED_SUBJECT = [
    (
        "Jon Roe came from two sets down to win last year. The seventh seed, who is lined "
        "up to meet Mark Doe in the last eight, is looking forward to the match. "
        '"He is a tough player on any surface," he said.',
        "tough player",
        None,
    ),
    (
        "A 26-year-old striker, who joined from Strelsau last summer to replace Mark Doe, "
        'was named man of the match. "It was a great night for the club," he said.',
        "great night",
        None,
    ),
    # The description names the subject: his words.
    (
        "The seventh seed Jon Roe, who is lined up to meet Mark Doe, is looking forward "
        'to the match. "He is a tough player on any surface," he said.',
        "tough player",
        "Jon Roe",
    ),
    (
        "The former minister Jon Roe, who resigned in May, is looking forward to the "
        'debate. "He is a tough opponent on any subject," he said.',
        "tough opponent",
        "Jon Roe",
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker"), DESCRIBED_SUBJECT)
def test_he_is_not_someone_named_in_a_clause_of_an_unnamed_subject(
    people: People, text: str, words: str, speaker: str | None
) -> None:
    assert speaker_of(text, words, people) == speaker


# (text, words, speaker): `he` after a sentence in which an unnamed person of the
# one named speaks (`…, his spokesman said`): the named one is a guess.
UNNAMED_SPOKE = [
    (
        'Rapper Jon Roe has cancelled his tour, his spokesman said. "He needs a long '
        'rest after a hard year," he said.',
        "long rest",
        None,
    ),
    (
        "Jon Roe has cancelled his tour and his lawyer told reporters he was exhausted. "
        '"I need a long rest after a hard year," he said.',
        "long rest",
        None,
    ),
    # He spoke himself in that sentence: his words.
    (
        'Jon Roe said he would rest. "I need a long rest after a hard year," he said.',
        "long rest",
        "Jon Roe",
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker"), UNNAMED_SPOKE)
def test_he_is_not_the_one_whose_spokesman_spoke(
    people: People, text: str, words: str, speaker: str | None
) -> None:
    assert speaker_of(text, words, people) == speaker
