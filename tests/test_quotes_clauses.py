"""A quotation belongs to the clause that holds it (issue 19).

A sentence may report two people: `Roe suggested …, but Doe fired back: “…”`. The
quotation is the words of the subject of the clause that governs it, not of the
first speech verb of the sentence; when two clauses with different subjects govern
it (`Roe denied Doe said the plans “stink”`) the text does not settle who said it,
and the speaker is None. Sentences are written for these tests, with invented
people (Jon Roe, Ann Doe) in the style of political news.
"""

from __future__ import annotations

import pytest
from quoting import quote_with, quotes_through_the_cli, speaker_of

from caucasus_cli.quotes.people import People

# (text, words of the quote, speaker): a later clause with its own subject and
# speech verb governs the quotation.
LATER_CLAUSE_SPEAKS = [
    (
        "When Jon Roe suggested that the port would close, Ann Doe fired back: "
        "“If they close it, they will regret it.”",
        "they will regret it",
        "Ann Doe",
    ),
    (
        "After Jon Roe argued that taxes should rise, Ann Doe said only that his "
        "“numbers do not add up.”",
        "numbers do not add up",
        "Ann Doe",
    ),
    (
        'Jon Roe accused the mayor of "leading from behind" and Ann Doe says he is '
        '"losing the argument on housing," part of a week of attacks on the council.',
        "losing the argument",
        "Ann Doe",
    ),
    (
        'Jon Roe said he would make the river "run dry," for instance, and Ann Doe '
        'vowed to "shut the port for good" within a year.',
        "shut the port",
        "Ann Doe",
    ),
    (
        "Jon Roe refers to the minister as “my old friend,” while Ann Doe refers to "
        "him as “the builder.”",
        "the builder",
        "Ann Doe",
    ),
    (
        "Jon Roe suggested that the plan was too costly, while Ann Doe said that the "
        '"risks are simply too high" for the city.',
        "risks are simply",
        "Ann Doe",
    ),
    (
        "The council has denied it happened, with Ann Doe taking to the radio to call "
        "the story “complete fiction.”",
        "complete fiction",
        "Ann Doe",
    ),
]

# The same sentences: the first clause's own quotation stays its subject's.
FIRST_CLAUSE_KEEPS_ITS_QUOTE = [
    (LATER_CLAUSE_SPEAKS[2][0], "leading from behind", "Jon Roe"),
    (LATER_CLAUSE_SPEAKS[3][0], "run dry", "Jon Roe"),
    (LATER_CLAUSE_SPEAKS[4][0], "my old friend", "Jon Roe"),
]

# Two clauses with different subjects govern the quotation: no speaker.
TWO_SUBJECTS = [
    (
        "Jon Roe and Tim Doe sit in the shadow cabinet. But Mr Roe denied Mr Doe, his "
        'transport spokesman, said the plans "stink".',
        "stink",
    ),
    (
        "Jon Roe signed an order to close the border, while Ann Doe, the former governor, "
        'proposed the country "wake up and smell the coffee" before it is too late.',
        "wake up and smell",
    ),
    (
        "When Ann Doe pointed out that Jon Roe refers to it as “free care for everyone,” "
        "the minister changed the subject.",
        "free care for everyone",
    ),
]

# (text, words, speaker): what is no second governing clause.
ONE_SUBJECT = [
    # a pronoun in the reported clause is the speaker himself
    ('Jon Roe said he thought the deal was "a betrayal of the voters".', "betrayal", "Jon Roe"),
    # a belief reported by the speaker is his words
    (
        "Jon Roe told reporters that the ministry expects the court to call the plan "
        '"unlawful and reckless" next week.',
        "unlawful and reckless",
        "Jon Roe",
    ),
    # the quotation goes on from the subject, not from what she begged
    (
        "Jon Roe said that Ann Doe begged him for support in 2012 and "
        '"would have done anything to win" that year.',
        "would have done anything",
        "Jon Roe",
    ),
    # an adverbial clause's speech verb without `that` reports something else
    (
        "Ann Doe said that when Jon Roe announced the closure she got the "
        '"clear impression" it was final.',
        "clear impression",
        "Ann Doe",
    ),
    # `and` joining names is no new clause
    (
        'Jon Roe said Ruritania and Borduria have reached "some sort of truce" in the region.',
        "some sort of truce",
        "Jon Roe",
    ),
    # a clause closed before the quotation does not hold it
    (
        "Ann Doe said that according to its count, the party has won most seats, but "
        '"we are still counting the votes."',
        "still counting",
        "Ann Doe",
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker"), LATER_CLAUSE_SPEAKS)
def test_the_quote_belongs_to_the_subject_of_its_own_clause(
    people: People, text: str, words: str, speaker: str
) -> None:
    assert speaker_of(text, words, people) == speaker


@pytest.mark.parametrize(("text", "words", "speaker"), FIRST_CLAUSE_KEEPS_ITS_QUOTE)
def test_the_first_clause_keeps_its_own_quote(
    people: People, text: str, words: str, speaker: str
) -> None:
    assert speaker_of(text, words, people) == speaker


@pytest.mark.parametrize(("text", "words"), TWO_SUBJECTS)
def test_two_subjects_governing_a_quote_leave_it_without_a_speaker(
    people: People, text: str, words: str
) -> None:
    quote = quote_with(text, words, people)
    assert quote.speaker is None
    # The reader is told who was considered and why neither was taken.
    assert len(quote.speaker_candidates) >= 2
    assert not any(c.taken for c in quote.speaker_candidates)


@pytest.mark.parametrize(("text", "words", "speaker"), ONE_SUBJECT)
def test_one_governing_subject_keeps_the_speaker(
    people: People, text: str, words: str, speaker: str
) -> None:
    assert speaker_of(text, words, people) == speaker


def test_the_cli_lists_the_later_clause_speaker_and_the_unsettled_quote(tmp_path) -> None:
    text = (
        "Port talks stall\n\n"
        "When Jon Roe suggested that the port would close, Ann Doe fired back: "
        "“If they close it, they will regret it.”\n\n"
        "Jon Roe and Tim Doe sit in the shadow cabinet. But Mr Roe denied Mr Doe, his "
        "transport spokesman, said the plans “stink”.\n"
    )
    records = quotes_through_the_cli(tmp_path, "port.txt", text)
    speakers = {r["text"]: r["speaker"] for r in records if r["kind"] == "direct"}
    assert speakers["If they close it, they will regret it."] == "Ann Doe"
    assert speakers["stink"] is None


# (text, words, speaker): the attribution before a quotation gives its speaker when
# the one after it belongs to something else — a pronoun after a named introduction,
# the next sentence's speaker after a question mark, exclamation mark or ellipsis,
# a speech verb that introduces the next quotation with a colon, a signature.
BEFORE_NOT_AFTER = [
    (
        'Jon Roe, leader of the opposition, said: "This reshuffle was just changing the '
        'deckchairs." Ffion Doe, for the Greens, added: "If the policy is going to '
        'continue, then changing the minister will serve no purpose," she said.',
        "serve no purpose",
        "Ffion Doe",
    ),
    (
        "Jon Roe replied to Ann Doe with, “Why now? Was that on my way to the port?” "
        "Ann Doe then wrote back, “You look well.”",
        "Why now",
        "Jon Roe",
    ),
    (
        "Tom Fox, the minister, emailed his thanks, addressing her as “Ann” and telling "
        "her, “you are a star player and we need you for the long run!” She replied to "
        "him that it was an honour to serve.",
        "star player",
        "Tom Fox",
    ),
    (
        "After Jon Roe said that pupils might do better at “less selective schools,” "
        "Ann Doe said: “I don’t like what he said, no.”",
        "less selective schools",
        "Jon Roe",
    ),
    (
        "“Would you pick a senator?” Ann Doe asked.\n\n"
        '"Well, yes. I am going to look at a lot of different people…" Jon Roe said. '
        '"A whole lot?" Ann Doe repeated.',
        "Well, yes",
        "Jon Roe",
    ),
    (
        'Ann Doe said there was "no daylight" between their plans. She said that experts had '
        "found her plans were strong, to which Jon Roe interjected: “It is just not true.”",
        "just not true",
        "Jon Roe",
    ),
    (
        'Jon Roe said on Monday that he would "try to form a stable government" and '
        'insisted that his party was "still the first force in Ruritania."--Ann Doe',
        "first force",
        "Jon Roe",
    ),
]

# The attribution after the quotation stays its speaker.
AFTER_STILL_SPEAKS = [
    (
        "Ann Doe said that the talks had failed and added: “We will not return.”",
        "not return",
        "Ann Doe",
    ),
    ("“Why now, after all these years?” Ann Doe asked.", "Why now", "Ann Doe"),
    (
        "When Jon Roe said at a rally that he would not want the mayor’s backing, he "
        "“caught the mood of the whole city,” said Ann Doe, a teacher.",
        "caught the mood",
        "Ann Doe",
    ),
    (
        "“I ask you not to protest on the floor,” Jon Roe said, “and to explain this to "
        "your delegations.”",
        "not to protest",
        "Jon Roe",
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker"), BEFORE_NOT_AFTER)
def test_the_attribution_before_gives_the_speaker(
    people: People, text: str, words: str, speaker: str
) -> None:
    assert speaker_of(text, words, people) == speaker


@pytest.mark.parametrize(("text", "words", "speaker"), AFTER_STILL_SPEAKS)
def test_the_attribution_after_still_gives_the_speaker(
    people: People, text: str, words: str, speaker: str
) -> None:
    assert speaker_of(text, words, people) == speaker


# (text, words, speaker): a participle after a closing attribution goes on from it.
PARTICIPLE_AFTER_ATTRIBUTION = [
    (
        "Jon Roe did not mingle but left as soon as prayers were finished, Ann Doe said, "
        "adding, “He was not very religious.”",
        "not very religious",
        "Ann Doe",
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker"), PARTICIPLE_AFTER_ATTRIBUTION)
def test_a_participle_goes_on_from_the_attribution_before_it(
    people: People, text: str, words: str, speaker: str
) -> None:
    assert speaker_of(text, words, people) == speaker


def test_a_participle_after_the_first_clause_keeps_its_subject(people: People) -> None:
    text = (
        "During a speech in the capital, Jon Roe attacked the council for its budget, "
        "saying, “They have spent the money twice.”"
    )
    assert speaker_of(text, "spent the money", people) == "Jon Roe"


# (text, words, speaker): the subject of a speech verb is the full name right before
# it, after a phrase holding a participle (`…, standing by her side,`); an
# appositive describing the name before it (`Dean Fox, a salesman from …,`) keeps it.
SUBJECT_RIGHT_BEFORE_THE_VERB = [
    (
        "With her husband, former President Jon Roe, standing by her side, Ann Roe has "
        "told her supporters that “we are in this together.”",
        "in this together",
        "Ann Roe",
    ),
    (
        "On Tuesday at Baldwin College in Berea, OH, after winning the Ruritanian primary, "
        "Gov. Tim Doe (R-OH), said, “I am getting ready to rent a covered wagon.”",
        "covered wagon",
        "Tim Doe",
    ),
    (
        "Dean Fox, a 55-year-old salesman from Sumter, South Carolina, says Roe will "
        "“leave here with momentum.”",
        "leave here",
        "Dean Fox",
    ),
    (
        "Leyla Fox, press secretary of the Ruritanian Foreign Ministry, said: "
        "“The border is closed.”",
        "border is closed",
        "Leyla Fox",
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker"), SUBJECT_RIGHT_BEFORE_THE_VERB)
def test_the_subject_is_the_name_right_before_the_verb(
    people: People, text: str, words: str, speaker: str
) -> None:
    assert speaker_of(text, words, people) == speaker


def test_a_relative_clause_closed_before_the_quote_does_not_give_its_speaker(
    people: People,
) -> None:
    text = (
        "Jon Roe was asked by moderator Ann Doe whether his plan, which the Ruritania Tax "
        "Institute estimates would cost $170 billion a year, would risk “adding another "
        "expensive programme to the budget.”"
    )
    quote = quote_with(text, "adding another", people)
    assert quote.speaker is None
    assert [c.name for c in quote.speaker_candidates] == ["Ruritania Tax Institute"]


def test_a_quote_inside_a_relative_clause_is_its_subjects(people: People) -> None:
    text = "The deal, which Jon Roe had called a “disaster for the workers”, was signed."
    assert speaker_of(text, "disaster for the workers", people) == "Jon Roe"
