"""Person names and their forms (issue 19): one person per article, and the name as the
article gives it, or no speaker.

Each table holds real-looking sentences written for these tests, with invented people
and places (Ruritania, Jon Roe); negative rows are ones where any name would be a
guess or the wrong one. Through the library API (`parse_mention`, `extract_quotes`)
and the real CLI (`index`, then `quotes --format jsonl`).
"""

from __future__ import annotations

import json

import pytest
from quoting import direct, quote_with, quotes_through_the_cli, speaker_of
from typer.testing import CliRunner

from caucasus_cli.cli import app
from caucasus_cli.quotes.mentions import MentionKind, parse_mention
from caucasus_cli.quotes.people import People

# (phrase before a speech verb, kind, name, role)
PHRASES = [
    # an owner in the possessive, role words, then the one who speaks
    ("Fletcher's daughter Jill", MentionKind.NAME, "Jill", "Fletcher's daughter"),
    ("War on Want's John Hilary", MentionKind.NAME, "John Hilary", None),
    ("The minister's aide Jon Roe", MentionKind.NAME, "Jon Roe", "minister's aide"),
    (
        "Ruritania's Foreign Minister Jon Roe",
        MentionKind.NAME,
        "Jon Roe",
        "Ruritania's Foreign Minister",
    ),
    # "the", a role, then the name
    ("the Tory leader Ann Roe", MentionKind.NAME, "Ann Roe", "Tory leader"),
    ("the Rev. Jon Roe", MentionKind.NAME, "Jon Roe", "Rev."),
    ("the US secretary of state Jon Roe", MentionKind.NAME, "Jon Roe", "US secretary of state"),
    ("US secretary of state Jon Roe", MentionKind.NAME, "Jon Roe", "US secretary of state"),
    (
        "Ann Roe, former chair and a 43-year-old teacher",
        MentionKind.NAME,
        "Ann Roe",
        "former chair and a 43-year-old teacher",
    ),
    # a description is no part of a name; a time glued to a name is no part of it
    ("Liberal Oscar-winner Roe", MentionKind.NAME, "Roe", "Liberal Oscar-winner"),
    ("AG Roe", MentionKind.NAME, "Roe", "AG"),
    # names that keep their shape
    ("Secretary General Ban Ki-moon", MentionKind.NAME, "Ban Ki-moon", "Secretary General"),
    ("Levon Ter-Petrosyan", MentionKind.NAME, "Levon Ter-Petrosyan", None),
    # not a person: a country's people, a thing someone owns, an organisation
    ("Ruritanians", MentionKind.UNNAMED, None, "Ruritanians"),
    ("most Americans", MentionKind.UNNAMED, None, "most Americans"),
    ("the Countryside Alliance", MentionKind.ORG, "Countryside Alliance", None),
    ("the Russian minister", MentionKind.ROLE, None, "Russian minister"),
    # one person of a country is an epithet, not an organisation
    ("The Spaniard", MentionKind.ROLE, None, "Spaniard"),
    ("the Ruritanian", MentionKind.ROLE, None, "Ruritanian"),
    # a headline in capitals before a name is no part of it; a name in capitals stays
    (
        "POLLS SHIFT FOR THE FIRST TIME - Jon R. Roe",
        MentionKind.NAME,
        "Jon R. Roe",
        "POLLS SHIFT FOR THE FIRST TIME",
    ),
    ("JON ROE", MentionKind.NAME, "JON ROE", None),
    ("Jon R. Roe III", MentionKind.NAME, "Jon R. Roe III", None),
]


@pytest.mark.parametrize(("phrase", "kind", "name", "role"), PHRASES)
def test_a_speaker_phrase_gives_the_name_and_the_role_words(
    people: People, phrase: str, kind: MentionKind, name: str | None, role: str | None
) -> None:
    mention = parse_mention(phrase, 0, len(phrase), people.vocabulary)
    assert mention is not None
    assert (mention.kind, mention.name, mention.role) == (kind, name, role)


def test_a_time_glued_to_a_name_is_no_part_of_it(people: People) -> None:
    """ "9:05PMTed Cruz" in a live blog: the name is Cruz, not "PMTed Cruz"."""
    text = "Updated 9:05PMJon Roe"
    mention = parse_mention(text, text.index("PM"), len(text), people.vocabulary)
    assert mention is not None and mention.name == "Roe"


NOT_A_SPEAKER = [
    "RURITANIA POLLS NOT NECESSARILY WRONG",  # a headline in capitals
    "until Roe",  # a clause: "… riding the fence until Roe said she was backing …"
    "From Roe's Facebook",  # a thing of Roe's
    "the celebrity press Jonbooks",  # a firm after a role word
    "the daughter of former President Jon Roe and Ruritanian leader Ann Roe",  # two people
]


@pytest.mark.parametrize("phrase", NOT_A_SPEAKER)
def test_a_phrase_naming_a_thing_or_two_people_names_no_one(people: People, phrase: str) -> None:
    mention = parse_mention(phrase, 0, len(phrase), people.vocabulary)
    assert mention is None or mention.kind != MentionKind.NAME


# (text, words of the quote, speaker)
QUOTES = [
    (
        "Cyril Roe, the broadcaster, died on Monday. Roe's daughter Jill said her father "
        'would be sorely missed. "He was greatly loved by the public," she said.',
        "greatly loved",
        "Jill",
    ),
    (
        'War on Want\'s John Hilary said: "This deal leaves the poorest paying the bill."',
        "poorest paying",
        "John Hilary",
    ),
    (
        'The minister\'s aide Jon Roe said Ruritania "stands with its allies". '
        '"We will not be moved," he said.',
        "will not be moved",
        "Jon Roe",
    ),
    (
        "The Rev. Jon Roe led the service in Strelsau. "
        '"We pray for those who lost their homes," the Rev. Jon Roe said.',
        "We pray",
        "Jon Roe",
    ),
    (
        '"The talks are over," US secretary of state Jon Roe said on Monday.',
        "talks are over",
        "Jon Roe",
    ),
    (
        "Ruritania's Foreign Minister Jon Roe said: \"We will not stop until the border is "
        'agreed."',
        "We will not stop",
        "Jon Roe",
    ),
    # an epithet nobody in the article is given is nobody
    (
        "The Spaniard believed he was talking to the club's director when he called his "
        'team-mates "bad people" on the radio.',
        "bad people",
        None,
    ),
    # a country's people are nobody in particular
    ('Most Ruritanians say "no" to the plan, the poll found.', "no", None),
]


@pytest.mark.parametrize(("text", "words", "speaker"), QUOTES)
def test_the_speaker_is_the_person_the_phrase_names(
    people: People, text: str, words: str, speaker: str | None
) -> None:
    assert speaker_of(text, words, people) == speaker


ARTICLE = """Ruritania talks resume after a week of shelling

By Staff reporter

Cyril Roe, the broadcaster, died on Monday at the age of 91.

Roe's daughter Jill said her father would be sorely missed. "He was greatly loved,"
she said.

War on Want's John Hilary said: "This deal leaves the poorest paying the bill."
"""


def test_the_cli_lists_the_named_speakers_of_possessive_phrases(tmp_path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "roe.txt").write_text(ARTICLE, encoding="utf-8")
    env = {"CAUCASUS_INDEX": str(tmp_path / "index")}
    runner = CliRunner()
    assert runner.invoke(app, ["index", str(folder)], env=env).exit_code == 0
    listed = runner.invoke(app, ["quotes", "--format", "jsonl"], env=env)
    assert listed.exit_code == 0, listed.stderr
    speakers = {
        json.loads(line)["text"][:20]: json.loads(line)["speaker"]
        for line in listed.stdout.splitlines()
        if line.strip()
    }
    assert speakers["He was greatly loved"[:20]] == "Jill"
    assert speakers["This deal leaves the"] == "John Hilary"
    assert "Cyril Roe" not in speakers.values()


# People sharing a surname in one article: the bare surname means the one the text
# settles (an honorific's gender, the last one named as a subject), never the other.
SHARED_SURNAMES = [
    (
        "Jon Smith, a soldier, was killed in Strelsau in 2012.\n\n"
        "Ann Smith, mother of Jon Smith, rejected the minister's account on Monday. "
        '"We were face to face at the ceremony. She lied to me," Smith said.',
        "She lied to me",
        "Ann Smith",
    ),
    (
        "Jon Roe and his wife Ann Roe run the farm outside Strelsau.\n\n"
        '"The border is a mile away," Mrs Roe said.',
        "border is a mile",
        "Ann Roe",
    ),
    (
        "Neither Roe nor his deputy came to the talks.\n\nJon Roe spoke later. "
        '"We had other work," Roe said.',
        "other work",
        "Jon Roe",
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker"), SHARED_SURNAMES)
def test_a_shared_surname_means_the_person_the_text_settles(
    people: People, text: str, words: str, speaker: str | None
) -> None:
    assert speaker_of(text, words, people) == speaker


# A first name alone is the one person of the article who bears it; several speakers
# joined by "and" are never one of them alone; a name after a preposition is an object.
FIRST_NAMES_AND_SEVERAL = [
    (
        "Jill Roe and her husband Jon Doe run the farm outside Strelsau.\n\n"
        'Jill said she was "very worried" about the new border posts.',
        "very worried",
        "Jill Roe",
    ),
    (
        "Jon Roe and Jon Doe met in Strelsau on Monday.\n\n"
        'Jon said he was "very pleased" with the outcome of the long talks.',
        "very pleased",
        None,
    ),
    (
        '"We will not give up on the border deal," Roe and Doe wrote in the letter.',
        "We will not give up",
        None,
    ),
    (
        'Roe and Doe wrote in a joint letter: "We will not give up on the border deal."',
        "We will not give up",
        None,
    ),
    (
        "Renteria has worked in the state for years, having served as chief of staff to "
        'Sen. Jon Doe (D-Rur.). "We will not give up on the border deal."',
        "We will not give up",
        None,
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker"), FIRST_NAMES_AND_SEVERAL)
def test_first_names_and_several_speakers(
    people: People, text: str, words: str, speaker: str | None
) -> None:
    assert speaker_of(text, words, people) == speaker


# A title word that is the surname the article gives ("Charlie King"): after an
# honorific ("Mr. King") or alone ("King says"), it is the person, not a king; a title
# after an honorific that addresses an office ("Mr President") is no name.
TITLE_SURNAMES = [
    (
        "Charlie King runs the party's outreach in Strelsau.\n\n"
        '"It is all about enthusiasm," Mr. King added.',
        "all about enthusiasm",
        "Charlie King",
    ),
    (
        "Charlie King runs the party's outreach in Strelsau. "
        'King says the plan "is all about enthusiasm" this year.',
        "all about enthusiasm",
        "Charlie King",
    ),
    (
        'Ruritania\'s parliament met on Monday. "Mr President, we will not yield," '
        "the deputy said.",
        "we will not yield",
        None,
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker"), TITLE_SURNAMES)
def test_a_title_word_that_is_a_surname(
    people: People, text: str, words: str, speaker: str | None
) -> None:
    assert speaker_of(text, words, people) == speaker


def test_a_name_before_of_and_a_place_is_the_name(people: People) -> None:
    phrase = "Del. Ann Roe of the Ruritanian Islands"
    mention = parse_mention(phrase, 0, len(phrase), people.vocabulary)
    assert mention is not None and (mention.kind, mention.name) == (MentionKind.NAME, "Ann Roe")


def test_an_outlet_whose_first_word_is_a_place_never_speaks_as_a_person(people: People) -> None:
    # "Washington Post" was read as a person "Post" (Washington a place before a name).
    text = (
        "Washington Post columnist Jon Roe calls the senator a chameleon, "
        '"a candidate with the challenges of a chameleon": "As a candidate, his power is to '
        'sense where the party is."'
    )
    speakers = {q.speaker for q in direct(text, people)}
    assert "Post" not in speakers


# A short form and the full form of a given name with one surname are one person, named
# by the full form (a headline's "Ken Roe", the body's "Kenneth Roe"); names that are
# not forms of one name (John, Jonathan) stay two people.
KEN_AND_KENNETH = (
    "Ken Roe praises, laments the minister's legacy\n\n"
    "Kenneth Roe, the independent counsel who pursued the minister across the 1990s, "
    "spoke highly of him last week.\n\n"
    '"He was and perhaps still is the most gifted politician of his generation," Roe '
    "said during a panel discussion in Strelsau.\n\n"
    "Roe's remarks, first reported by a newspaper on Tuesday, suggested a tinge of "
    "regret. Now the chancellor of Strelsau University, Roe has dealt with criticism.\n\n"
    'Remarking upon the minister\'s "genuine empathy," Roe said, "Leave aside the '
    'unpleasantness, his empathy is clear."\n'
)
GIVEN_NAME_FORMS = [
    (KEN_AND_KENNETH, "Leave aside", "Kenneth Roe"),
    (
        KEN_AND_KENNETH.replace("Ken Roe", "Bill Roe").replace("Kenneth", "William"),
        "Leave aside",
        "William Roe",
    ),
    (
        KEN_AND_KENNETH.replace("Ken Roe", "Kate Roe").replace("Kenneth", "Katherine"),
        "Leave aside",
        "Katherine Roe",
    ),
    # John and Jonathan are two names ("Jon" is short for both): a father and his son
    (
        "John Roe and his son Jonathan Roe run the farm outside Strelsau.\n\n"
        '"The border is a mile away," Jonathan Roe said.',
        "border is a mile",
        "Jonathan Roe",
    ),
    (
        "John Roe and his son Jonathan Roe run the farm outside Strelsau.\n\n"
        '"The border is a mile away," John Roe said.',
        "border is a mile",
        "John Roe",
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker"), GIVEN_NAME_FORMS)
def test_forms_of_one_given_name_are_one_person(
    people: People, text: str, words: str, speaker: str | None
) -> None:
    assert speaker_of(text, words, people) == speaker


def test_the_cli_names_one_person_by_the_full_form_of_the_given_name(tmp_path) -> None:
    listed = quotes_through_the_cli(tmp_path, "roe.txt", KEN_AND_KENNETH)
    assert {record["speaker"] for record in listed if record["kind"] == "direct"} == {"Kenneth Roe"}


# A description written capitalised before a name (an occupation, a sports position,
# a headline's praise) is no part of it: the name is the person's, the words their role.
EPITHETS = [
    ("Striker Jon Roe", "Jon Roe", "Striker"),
    ("Actor Ann Roe", "Ann Roe", "Actor"),
    ("Fly-half Jon Roe", "Jon Roe", "Fly-half"),
    ("Classy Roe", "Roe", "Classy"),
    # an organisation named after the word stays whole: "the Economist Intelligence Unit"
    ("Stuart Roe of the Economist Intelligence Unit", "Stuart Roe", None),
]


@pytest.mark.parametrize(("phrase", "name", "role"), EPITHETS)
def test_a_description_before_a_name_is_no_part_of_it(
    people: People, phrase: str, name: str, role: str | None
) -> None:
    mention = parse_mention(phrase, 0, len(phrase), people.vocabulary)
    assert mention is not None and mention.kind == MentionKind.NAME
    assert (mention.name, mention.role) == (name, role)


CLASSY_ROE = (
    "Tim Roe opened his 2005 campaign with a 6-1 7-5 victory over Jon Doe at the Strelsau "
    "Classic on Wednesday.\n\nThe British number one will next play Ann Poe on Friday. Roe "
    'made an impressive start to the year. "It is a great start to the year," Roe told his '
    "website."
)


def test_a_headline_description_makes_no_second_person(people: People) -> None:
    headline = "Classy Roe makes winning start\n\n"
    assert quote_with(CLASSY_ROE, "great start", people, headline).speaker == "Tim Roe"


def test_the_speaker_is_named_without_the_description(people: People) -> None:
    text = 'Striker Jon Roe said the team was "not good enough" on the day in Strelsau.'
    assert speaker_of(text, "not good enough", people) == "Jon Roe"


# Lower-case role words between a capitalised adjective and a name ("Republican
# presidential front-runner Jon Roe is …"): the subject is the person named; words
# that are no role (a description of a thing, two people) name nobody.
ROLE_WORDS_BEFORE_A_NAME = [
    (
        "Republican presidential front-runner Jon Roe is questioning whether the president "
        'would have attended the funeral "if it were held in a mosque."',
        "held in a mosque",
        "Jon Roe",
    ),
    (
        "Democratic presidential candidate Ann Roe reacted on Twitter, writing "
        '"Another horrific attack, this time in Strelsau."',
        "horrific attack",
        "Ann Roe",
    ),
    (
        'Republican leaders Jon Roe and Ann Doe said the bill was "dead on arrival" in the Senate.',
        "dead on arrival",
        None,
    ),
    (
        "The controversial Ruritania scrum method finally disappeared after the 1930 tour, "
        "the visiting manager describing the tactic as 'cheating,' before the board ruled.",
        "cheating",
        None,
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker"), ROLE_WORDS_BEFORE_A_NAME)
def test_lower_case_role_words_before_a_name(
    people: People, text: str, words: str, speaker: str | None
) -> None:
    assert speaker_of(text, words, people) == speaker


def test_the_cli_lists_the_speaker_without_the_description(tmp_path) -> None:
    article = (
        "Classy Roe makes winning start\n\n" + CLASSY_ROE + "\n\n"
        "Democratic presidential candidate Ann Roe reacted on Twitter, writing "
        '"Another horrific attack, this time in Strelsau."\n'
    )
    speakers = {
        record["text"][:12]: record["speaker"]
        for record in quotes_through_the_cli(tmp_path, "roe.txt", article)
    }
    assert speakers == {"It is a grea": "Tim Roe", "Another horr": "Ann Roe"}


# A speech word that a determiner makes a noun ("renewed their vows", "a statement")
# is nobody speaking between a name and "she said"; "his warning that …" is someone's.
VOWS = (
    "Rock star Jon Roe has been praised by police for tackling a burglar.\n\n"
    "At a press conference on Tuesday, Jill Roe gave details of nine stolen items. They "
    "included a diamond ring Jon gave her when they renewed their vows two years ago. She "
    'said she wished she had worn them at night. "I always take them off and put them '
    'beside my bed."'
)
NOUNS_BETWEEN = [
    (VOWS, "I always take them off", "Jill Roe"),
    (
        "Ann Roe spoke in Strelsau on Monday.\n\nThe talks were long. Jon Doe repeated "
        "his warning that the border would close. She "
        'said: "We will not give up on the border deal."',
        "We will not give up",
        None,
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker"), NOUNS_BETWEEN)
def test_a_speech_word_used_as_a_noun_is_nobody_speaking(
    people: People, text: str, words: str, speaker: str | None
) -> None:
    assert speaker_of(text, words, people) == speaker


# Particles and patronymics inside a name ("dos", "al-", "oglu", "qizi") make one person;
# a religious office before a name is a role.
NAME_PARTICLES = [
    ("Joao dos Ramos", "Joao dos Ramos", None),
    ("Karim al-Rashidi", "Karim al-Rashidi", None),
    ("Egyptian President Abdel Karim el-Rashidi", "Abdel Karim el-Rashidi", "Egyptian President"),
    ("Anar Rza oglu Guliyev", "Anar Rza oglu Guliyev", None),
    ("Leyla Abbas qizi Huseynova", "Leyla Abbas qizi Huseynova", None),
    ("Ayatollah Ali Rezaei", "Ali Rezaei", "Ayatollah"),
]


@pytest.mark.parametrize(("phrase", "name", "role"), NAME_PARTICLES)
def test_particles_and_patronymics_stay_in_the_name(
    people: People, phrase: str, name: str, role: str | None
) -> None:
    mention = parse_mention(phrase, 0, len(phrase), people.vocabulary)
    assert mention is not None and mention.kind == MentionKind.NAME
    assert (mention.name, mention.role) == (name, role)


def test_a_patronymic_name_and_its_surname_are_one_speaker(people: People) -> None:
    text = (
        '"We will not give up on the border deal," said Anar Rza oglu Guliyev, the '
        'ambassador. "The talks go on," Guliyev said.'
    )
    assert speaker_of(text, "We will not give up", people) == "Anar Rza oglu Guliyev"
    assert speaker_of(text, "talks go on", people) == "Anar Rza oglu Guliyev"


def test_a_known_person_written_with_a_patronymic_is_that_person(people: People) -> None:
    text = (
        'Prime Minister Nikol Vovayi Pashinyan said the talks "will go on" in Strelsau. '
        '"We will not give up on the border deal," Pashinyan said.'
    )
    assert speaker_of(text, "will go on", people) == "Nikol Pashinyan"
    assert speaker_of(text, "We will not give up", people) == "Nikol Pashinyan"


# A relative clause without "that" ("a watch Jill said was …"): its subject is the
# speaker, and the quotations after it that go on with her words are hers; a name after
# a preposition or "and" ("a spokesman for Jon Roe") is not who speaks.
WATCH = (
    "At a press conference on Tuesday, Jill Roe gave details of nine stolen items.\n\n"
    "A daisy chain necklace that was an anniversary present and a Franck Muller watch Jill "
    "said was one of only 10 made "
    'were also stolen. She expressed her anger at the person who "has never worked and '
    'wants to take what is yours".'
)
CONTACT_CLAUSES = [
    (WATCH, "has never worked", "Jill Roe"),
    (
        "A spokesman for presidential candidate Jon Roe called the report on the border "
        'talks "outrageous."',
        "outrageous",
        None,
    ),
    (
        "A close associate of former oil boss Jon Roe has told a court that the charges "
        'against him are "false".',
        "false",
        None,
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker"), CONTACT_CLAUSES)
def test_the_subject_of_a_relative_clause_without_that(
    people: People, text: str, words: str, speaker: str | None
) -> None:
    assert speaker_of(text, words, people) == speaker


# A place's name as a surname after a given name ("Michael London", "Elizabeth France")
# is a person; a place word before a role or alone is still a place.
PLACE_SURNAMES = [
    (
        '"These awards mean everything," said Sideways producer Michael London, adding '
        'they were a "huge first step" for the film.',
        "These awards",
        "Michael London",
    ),
    (
        'Telecoms ombudsman Elizabeth France said: "I would not be surprised to find my '
        'card company calling me."',
        "not be surprised",
        "Elizabeth France",
    ),
    ('"We will not give up," said the Israeli Foreign Minister.', "We will not give up", None),
    # a month's name too ("Theresa May"); a month alone is still a date
    (
        "Ann May, shadow secretary for the family, told the programme that the plans were "
        '"inadequate".',
        "inadequate",
        "Ann May",
    ),
    ('In May, Jon Roe said the plans were "inadequate".', "inadequate", "Jon Roe"),
]


@pytest.mark.parametrize(("text", "words", "speaker"), PLACE_SURNAMES)
def test_a_place_name_after_a_given_name_is_a_surname(
    people: People, text: str, words: str, speaker: str | None
) -> None:
    assert speaker_of(text, words, people) == speaker


# The short forms of given_names.txt carry the gender of their line: "she" never means
# Steve Roe or Jake Roe, "he" never means Kate Roe.
SHORT_FORM_GENDERS = [
    (
        "Ann Doe called the meeting on Monday. Rep. Steve Roe said the leader called on "
        'members to be "closely coordinated." She added that the vote is "too close to call."',
        "too close to call",
        "Steve Roe",
    ),
    (
        "Ann Doe runs the party office in Strelsau. Jake Roe, the party whip, spoke after "
        'her. "We will count every vote," she said.',
        "count every vote",
        "Jake Roe",
    ),
    (
        "Jon Doe runs the party office in Strelsau. Kate Roe, the party whip, spoke after "
        'him. "We will count every vote," he said.',
        "count every vote",
        "Kate Roe",
    ),
]


@pytest.mark.parametrize(("text", "words", "other"), SHORT_FORM_GENDERS)
def test_a_pronoun_never_means_a_short_form_of_the_other_gender(
    people: People, text: str, words: str, other: str
) -> None:
    assert speaker_of(text, words, people) != other


# A title of a work that opens with a contraction ("That's Life"), a role word, then a
# name: the name speaks; "Here's Roe in 1993:" is a clause and names nobody.
TITLES_OF_WORKS = [
    (
        'That\'s Life host Ann Roe said he was "so lovely" to work with. "He was '
        'courteous, and he adored gardens," she said.',
        "so lovely",
        "Ann Roe",
    ),
    (
        "Here's Roe in 1993: \"Our new direction must rest on an understanding of the "
        'new realities."',
        "Our new direction",
        None,
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker"), TITLES_OF_WORKS)
def test_a_title_of_a_work_before_a_role_and_a_name(
    people: People, text: str, words: str, speaker: str | None
) -> None:
    assert speaker_of(text, words, people) == speaker


# A sentence opening with an adverbial ("Hours later, …", "Early in his campaign, …"):
# the subject after it speaks; a name or a pronoun before "later" is the subject itself.
OPENING_ADJUNCTS = [
    (
        "Jon Roe met the donors in Strelsau.\n\nHours later, Roe returned the compliment to "
        'Doe, telling reporters, "We have been friends for a long time."',
        "friends for a long time",
        "Jon Roe",
    ),
    (
        "Jon Roe has run for the seat before.\n\nEarly in his campaign, Roe attacked Doe, "
        'calling him, among other things, "a failed candidate."',
        "a failed candidate",
        "Jon Roe",
    ),
    (
        "Ann Fields was at the rally in Strelsau.\n\nFields later tweeted a photograph and "
        'said she had been "yanked backward" by a guard.',
        "yanked backward",
        "Ann Fields",
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker"), OPENING_ADJUNCTS)
def test_the_subject_after_an_opening_adverbial_speaks(
    people: People, text: str, words: str, speaker: str | None
) -> None:
    assert speaker_of(text, words, people) == speaker


# A thing named after a person ("a Jill Roe White House") is no second person who
# bears her first name: "Jill shot back" is still Jill Roe.
def test_an_organisation_named_after_a_person_is_not_a_person(people: People) -> None:
    headline = "Where he fits into a Jill Roe White House\n\n"
    text = (
        "Jill Roe is the first woman to lead the party in Strelsau.\n\nAfter the governor "
        'criticised her husband during a debate, Jill shot back, "I could have stayed at '
        'home, but I chose to fulfil my profession."'
    )
    assert quote_with(text, "fulfil my profession", people, headline).speaker == "Jill Roe"
    phrase = "Jon Roe White House"
    mention = parse_mention(phrase, 0, len(phrase), people.vocabulary)
    assert mention is not None and mention.kind == MentionKind.ORG


# A place's end, an adverbial, then the subject in full ("… in Berea, OH, after winning
# Ohio, Gov. Jon Roe (R-OH), said"): the subject speaks, not the state's abbreviation.
def test_the_subject_after_a_place_and_an_adverbial_speaks(people: People) -> None:
    text = (
        "Tuesday at a university in Berea, OH, after winning Ohio in the primary, Gov. Jon "
        'Roe (R-OH), said, "I am getting ready to rent a covered wagon."'
    )
    assert speaker_of(text, "covered wagon", people) == "Jon Roe"
