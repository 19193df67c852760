"""Quote spans stop at their marks.

A quoted span is the words between an opening mark and the mark that closes it:
never the reporter's narration after a closing mark, never the next quotation and
the attribution between them. The tables are invented sentences in the styles the
news uses: merged paragraphs (one line holding a quote's closing mark and the next
quote's opening one), the continuation convention (a quotation going on in a new
sentence or paragraph reopens without closing), British single marks, guillemets,
apostrophes and quotes never closed.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.quote_spans import closing_mark_before_words
from caucasus_cli.ingest.paragraphs import split_paragraphs
from caucasus_cli.models import QuoteKind
from caucasus_cli.quotes.extract import extract_quotes
from caucasus_cli.quotes.people import People

HEADLINE = "Talks resume in Brussels\n\n"


def direct_quotes(body: str, people: People) -> list[tuple[str, str | None]]:
    text = HEADLINE + body
    quotes = extract_quotes(text, split_paragraphs(text), people)
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
    return [(q.text, q.speaker) for q in quotes if q.kind == QuoteKind.DIRECT]


# (body, the direct quotes' words in order, words no quote may hold)
SPANS = [
    pytest.param(
        'Mr Roe told the conference that the plan would "work for everyone". "So far this '
        'year they have tried everything. "I do not know about you, but I am not worried." '
        "Ms Doe rejected the comment.",
        [
            "work for everyone",
            "So far this year they have tried everything.",
            "I do not know about you, but I am not worried.",
        ],
        "Ms Doe rejected",
        id="merged-paragraph-reopens-without-closing",
    ),
    pytest.param(
        'Dr Jon Roe said the rise was sharp. "It is very worrying." But fertility expert '
        "Ann Roe said the figures were old.",
        ["It is very worrying."],
        "fertility expert",
        id="closing-mark-then-narration",
    ),
    pytest.param(
        '"We lost our shape in the second half," warned Jones. France have won every '
        'match since. "They are the best side in Europe," he said.',
        ["We lost our shape in the second half", "They are the best side in Europe"],
        "France have won",
        id="attribution-then-narration",
    ),
    pytest.param(
        'The minister said: "We will rebuild the bridge by spring\n\nThe council met on '
        "Monday to discuss the budget.",
        ["We will rebuild the bridge by spring"],
        "council met",
        id="unclosed-quote-ends-at-its-paragraph",
    ),
    pytest.param(
        'He went on to say: "The market is growing. Prices are rising too fast." Economists '
        'point out that the dollar is weak. "It will fall," said Ann Lee of Bank Ruritania.',
        ["The market is growing. Prices are rising too fast.", "It will fall"],
        "Economists point",
        id="quote-then-narration-then-quote",
    ),
    pytest.param(
        "“We are ready,” Bayramov said. “The talks will go on.” The minister then left for "
        "Brussels.",
        ["We are ready", "The talks will go on."],
        "then left",
        id="curly-marks",
    ),
    pytest.param(
        "'We will not give up,' the president said. 'The farmers' union will not back down "
        "either,' he added.",
        ["We will not give up", "The farmers' union will not back down either"],
        "he added",
        id="british-single-marks-with-a-plural-possessive",
    ),
    pytest.param(
        "‘We don’t need it,’ said Ms Roe. ‘It isn’t ours.’ The committee voted against it.",
        ["We don’t need it", "It isn’t ours."],
        "committee voted",
        id="curly-single-marks-with-apostrophes",
    ),
    pytest.param(
        "'No deal was offered,' said Jones' lawyer, Ann Roe, on Friday.",
        ["No deal was offered"],
        "lawyer",
        id="apostrophe-after-a-name-ending-in-s",
    ),
    pytest.param(
        "\"I thought 'he is lying to us',\" Bellamy said. The club did not reply.",
        ["I thought 'he is lying to us'"],
        "club did not",
        id="single-marks-nested-in-double",
    ),
    pytest.param(
        "'We will not give up,' the president said. 'I thought \"he is lying\",' he added. "
        "The players' wives watched.",
        ["We will not give up", 'I thought "he is lying"'],
        "wives watched",
        id="british-quotes-with-nested-double-then-plural-possessive",
    ),
    pytest.param(
        "'We will not give up,' the president said. \"I thought 'he is lying',\" he added. "
        '"It is very worrying. "We will rebuild the bridge by spring," said Anar Guliyev. '
        "The players' wives watched.",
        ["I thought 'he is lying'", "It is very worrying.", "We will rebuild the bridge by spring"],
        "wives watched",
        # Found by the property test below: the nested 'he … ran on to `players'`, two
        # pairs of double marks later, past the closing mark of the quote it sat in.
        id="nested-single-ends-before-its-double-quote-closes",
    ),
    pytest.param(
        '«Мы видим „попытки“ вмешательства и "игры" извне», — добавила Захарова. '
        "Переговоры продолжатся.",
        ['Мы видим „попытки“ вмешательства и "игры" извне'],
        "Переговоры",
        id="other-double-marks-nest-inside-guillemets",
    ),
    pytest.param(
        "«We will not retreat», — the minister said. Talks resumed on Monday.",
        ["We will not retreat"],
        "Talks resumed",
        id="guillemets-and-a-dash",
    ),
    pytest.param(
        '"We will rebuild the market," said Anar Guliyev.\n\n"It will take time.\n\n'
        '"But it will be done," he added.\n\nThe market burned down in May.',
        ["We will rebuild the market", 'It will take time.\n\n"But it will be done'],
        "burned down",
        id="continuation-paragraph-reopens",
    ),
    pytest.param(
        "The players' wives and Jones' mother watched from the stand, and the fans' songs "
        "did not stop until the 'Reds' scored.",
        [],
        "did not stop",
        id="apostrophes-inside-words-never-close",
    ),
]


@pytest.mark.parametrize(("body", "expected", "narration"), SPANS)
def test_spans_stop_at_their_closing_marks(body, expected, narration, people):
    found = [words for words, _speaker in direct_quotes(body, people)]
    assert found == expected
    assert not any(narration in words for words in found)


def test_an_attribution_after_a_closing_mark_names_the_speaker(people):
    body = (
        "Tom Smith, chief economist at Bank Ruritania, said the figures were weak. "
        '"The amber light is flashing." Other analysts were more cheerful. "We expect '
        'the figures to improve next year," added Mr Jameson.'
    )
    quotes = direct_quotes(body, people)
    assert quotes[0] == ("The amber light is flashing.", "Tom Smith")
    assert quotes[1][0] == "We expect the figures to improve next year"
    assert quotes[1][1] is not None and quotes[1][1].endswith("Jameson")


def test_a_very_long_line_is_read_whole_in_pieces(people):
    """A file on one line (longer than the piece extraction reads at a time) gives
    every quotation of it, the ones at the cuts too."""
    unit = '"We will rebuild the bridge," said Anar Guliyev. The council met on Monday. '
    repeats = 60_000 // len(unit)
    quotes = direct_quotes(unit * repeats, people)
    assert len(quotes) == repeats
    assert set(quotes) == {("We will rebuild the bridge", "Anar Guliyev")}


def test_a_quote_running_over_a_cut_is_one_quote(people):
    """A long quotation inside a very long paragraph stays one quotation."""
    words = "the bridge will be rebuilt and the market will reopen " * 500
    body = "Narration goes on here. " * 800 + f'Anar Guliyev said: "{words.strip()}." The end.'
    quotes = direct_quotes(body, people)
    assert quotes == [(words.strip() + ".", "Anar Guliyev")]


# Any line of quotations, attributions and narration: no quote holds a closing mark
# followed by words (the measure of benchmarks/quote_spans.py, which is 0 on the BBC set).
_PIECES = [
    '"We will rebuild the bridge by spring," said Anar Guliyev.',
    '"The talks will go on."',
    '"It is very worrying. ',  # a quotation that goes on in the next sentence, unclosed
    "The council met on Monday.",
    "But fertility expert Ann Roe said the figures were old.",
    'Mr Roe called it "a step forward" and left.',
    "“We are ready,” Bayramov said.",
    "'We will not give up,' the president said.",
    "\"I thought 'he is lying',\" he added.",
    "The players' wives watched.",
]


@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12))
@settings(max_examples=200, deadline=None)
def test_no_quote_holds_a_closing_mark_followed_by_words(people, pieces):
    text = HEADLINE + " ".join(pieces)
    quotes = extract_quotes(text, split_paragraphs(text), people)
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
        if quote.kind == QuoteKind.DIRECT:
            assert closing_mark_before_words(quote.text) is None, quote.text


def test_inside_guillemets_the_other_double_marks_nest():
    from caucasus_cli.quotes.marks import find_quote_spans

    text = HEADLINE + '«Мы видим „попытки“ вмешательства и "игры" извне», — добавила Захарова.'
    spans = find_quote_spans(text, split_paragraphs(text))
    assert [text[s.start : s.end] for s in spans] == [
        'Мы видим „попытки“ вмешательства и "игры" извне'
    ]


# A quotation after a noun for a programme, a show or a book is a title unless an
# attribution follows it: then it is someone's words about the thing.
WORDS_AFTER_A_MEDIA_NOUN = [
    pytest.param(
        'The resettlement program "is gaining and has gained considerable traction '
        'recently," Deputy Secretary Ann Lee said.',
        [("is gaining and has gained considerable traction recently", "Ann Lee")],
        id="program-then-quote-then-attribution",
    ),
    pytest.param(
        'Roe praised the old grant program, "cities were losing money. They needed it," '
        "Ann Lee said.",
        [("cities were losing money. They needed it", "Ann Lee")],
        id="program-comma-quote-then-attribution",
    ),
    pytest.param(
        'Ann Lee appeared on the show "Morning Ganja," Roe said.',
        [],
        id="a-title-after-a-media-noun-stays-out",
    ),
    pytest.param(
        'The council backed the project "Green Bridge" last year.',
        [],
        id="a-project-name-stays-out",
    ),
    pytest.param(
        'The posters run under the headline "are you thinking what we are thinking?" This, '
        "they say, contrasts with the council's campaign.",
        [],
        id="a-headline-then-a-new-sentence-stays-out",
    ),
    pytest.param(
        '"The bridge is fair game. It is a public road," Ann Lee told "Good Morning Ganja," '
        "reminding the hosts of the vote.",
        [("The bridge is fair game. It is a public road", "Ann Lee")],
        id="told-a-programme-is-whom-she-told",
    ),
    pytest.param(
        'She poured "cold water on the idea at once," Ann Lee wrote in her memoir, "Hard '
        'Choices." She was adamant.',
        [("cold water on the idea at once", "Ann Lee")],
        id="a-memoir-title",
    ),
]


@pytest.mark.parametrize(("body", "expected"), WORDS_AFTER_A_MEDIA_NOUN)
def test_words_after_a_media_noun_are_a_quote_only_when_attributed(body, expected, people):
    assert direct_quotes(body, people) == expected


def test_an_invisible_format_character_before_a_mark_lets_it_open(people):
    # Pasted social-media comments carry bidirectional controls (U+202A) before the mark,
    # here also written the wrong way round.
    body = (
        "The post drew hundreds of comments.\n\n"
        "\u202a\u201dSorry Ann, you should have said no!!\u201d posted Jon Roe.\n\n"
        "\u202a\u201dThis is why the bridge matters,\u201d said Ann Lee."
    )
    assert direct_quotes(body, people) == [
        ("Sorry Ann, you should have said no!!", "Jon Roe"),
        ("This is why the bridge matters", "Ann Lee"),
    ]
