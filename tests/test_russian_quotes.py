"""Quotations in Russian typography are read with their speakers."""

from __future__ import annotations

import json

import pytest

from benchmarks.russian_quotes import FOLDER, extracted_quotes, score
from caucasus_cli.ingest.paragraphs import split_paragraphs
from caucasus_cli.models import HowAttributed, QuoteKind
from caucasus_cli.quotes.extract import extract_quotes
from caucasus_cli.quotes.people import load_people

LEAD = "БАКУ, 25 сентября. /ТАСС/. Министр иностранных дел Азербайджана Джейхун Байрамов "
LEAD += "провел встречу с послами стран Евросоюза.\n\n"


@pytest.fixture(scope="module")
def people():
    return load_people()


def quotes(text: str, people) -> list:
    return extract_quotes(text, split_paragraphs(text), people)


def only(text: str, people):
    found = quotes(text, people)
    assert len(found) == 1, [(q.text, q.speaker) for q in found]
    return found[0]


@pytest.mark.parametrize(
    "paragraph",
    [
        "«Мы готовы продолжить переговоры без предварительных условий», — заявил Байрамов.",
        "«Готовы ли мы продолжить переговоры без предварительных условий?» — сказал Байрамов.",
        "«Мы готовы продолжить переговоры без предварительных условий», - Байрамов заявил.",
        "Байрамов заявил журналистам: «Мы готовы продолжить переговоры без условий».",
        "По словам Байрамова, «мы готовы продолжить переговоры без предварительных условий».",
    ],
)
def test_each_russian_construction_gives_the_quote_and_its_speaker(paragraph, people):
    quote = only(LEAD + paragraph, people)
    assert quote.kind == QuoteKind.DIRECT
    assert quote.text.lower().startswith(("мы готовы", "готовы ли"))
    assert quote.speaker == "Джейхун Байрамов"
    assert quote.speaker_role == "Министр иностранных дел Азербайджана"
    assert quote.speaker_evidence.text.endswith("Джейхун Байрамов")
    assert quote.attribution == HowAttributed.NAMED


def test_as_reported_by_is_reported_speech_of_the_speaker(people):
    text = LEAD + "Как сообщил Байрамов, стороны могут встретиться в ближайшие недели в Женеве."
    quote = only(text, people)
    assert quote.kind == QuoteKind.INDIRECT
    assert quote.text == "стороны могут встретиться в ближайшие недели в Женеве"
    assert quote.speaker == "Джейхун Байрамов"


def test_reported_words_before_their_attribution(people):
    text = LEAD + "Баку готов к переговорам без предварительных условий, заявил Байрамов."
    quote = only(text, people)
    assert quote.kind == QuoteKind.INDIRECT
    assert quote.text == "Баку готов к переговорам без предварительных условий"
    assert quote.speaker == "Джейхун Байрамов"


def test_a_name_after_a_preposition_is_never_the_speaker(people):
    # Written before the rule: "Греции" was taken for the speaker.
    text = LEAD + (
        "«Мы передали свои предложения и ждем ответа», — сказал глава армянского МИД "
        "на пресс-конференции с коллегой из Греции."
    )
    quote = only(text, people)
    assert quote.speaker is None


def test_according_to_him_is_the_speaker_just_before(people):
    text = LEAD + (
        "«Текст соглашения практически согласован», — отметил Байрамов.\n\n"
        "По его словам, «остались два вопроса, по которым нужны консультации»."
    )
    first, second = quotes(text, people)
    assert second.speaker == first.speaker == "Джейхун Байрамов"
    assert second.attribution == HowAttributed.PRONOUN


def test_a_quotation_nested_inside_one_stays_part_of_it(people):
    text = (
        LEAD + "«Мы отвергаем так называемый „коридор“ через нашу территорию», — отметил Байрамов."
    )
    quote = only(text, people)
    assert quote.text == "Мы отвергаем так называемый „коридор“ через нашу территорию"
    assert quote.speaker == "Джейхун Байрамов"


def test_an_office_shared_by_two_people_names_nobody(people):
    text = (
        "Министр иностранных дел Армении Арарат Мирзоян и министр иностранных дел "
        "Азербайджана Джейхун Байрамов провели встречу в Алма-Ате.\n\n"
        "«Переговоры прошли в конструктивной атмосфере», — отметил министр."
    )
    quote = only(text, people)
    assert quote.speaker is None and quote.speaker_evidence is None


def test_a_pronoun_whose_gender_contradicts_the_last_speaker_names_nobody(people):
    text = (
        "«Москва готова оказать содействие сторонам», — заявила Мария Захарова.\n\n"
        "Он подчеркнул: «Российские миротворцы продолжают выполнять свои задачи»."
    )
    first, second = quotes(text, people)
    assert first.speaker == "Мария Захарова"
    assert second.speaker is None


def test_names_and_titles_in_guillemets_are_not_quotes(people):
    text = LEAD + "Делегация прибыла на форум «Южный Кавказ» по приглашению «Газпрома»."
    assert quotes(text, people) == []


def test_english_paragraphs_of_the_same_article_are_read_as_before(people):
    english = '"We are ready to continue the talks," Foreign Minister Jeyhun Bayramov said.'
    mixed = quotes(LEAD + english, people)
    assert [(q.text, q.speaker) for q in mixed] == [
        (q.text, q.speaker) for q in quotes(english, people)
    ]


def test_a_users_own_speech_verb_is_read(people, monkeypatch, tmp_path):
    from caucasus_cli import config
    from caucasus_cli.quotes import russian

    text = LEAD + "«Переговоры прошли в конструктивной атмосфере», — резюмировал Байрамов."
    assert quotes(text, people)[0].speaker is None
    config_dir = tmp_path / "config"
    (config_dir / "caucasus").mkdir(parents=True)
    (config_dir / "caucasus" / "ru_speech_verbs.txt").write_text("резюмировал\n", "utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config_dir))
    for cached in (config.data_entries, russian._verbs, russian._verb_pattern):
        cached.cache_clear()
    try:
        assert quotes(text, people)[0].speaker == "Джейхун Байрамов"
    finally:
        monkeypatch.undo()
        for cached in (config.data_entries, russian._verbs, russian._verb_pattern):
            cached.cache_clear()


def test_the_wire_style_articles_through_the_cli_give_no_wrong_speaker():
    expected = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))["quotes"]
    result = score(expected, extracted_quotes(FOLDER))
    assert result.wrong == 0, result.failures
    # 35 of 36 found and 31 right when written; offices read alone that the article
    # gave nobody ("дипломат", "глава государства"), "по его словам" after an
    # unsettled quotation and a press service speaking are not settled.
    assert result.found >= 35 and result.right >= 31, result.failures
    assert result.extra == 0, result.failures
