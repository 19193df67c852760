"""Russian-language articles are searchable with Russian stemming, beside English."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from caucasus_cli.cli import app
from caucasus_cli.index.schema import build_schema, find_terms, iter_terms, text_analyzer

RUSSIAN = Path(__file__).parent / "inputs" / "russian"


def terms(text: str) -> list[str]:
    return [token.text for token in text_analyzer()(text)]


@pytest.mark.parametrize(
    "forms",
    [
        "Лавров Лаврова Лаврову Лавровым",  # a surname in -ов, every case
        "Захарова Захаровой Захарову",
        "Алиев Алиева Алиеву Алиевым",
        "Пашинян Пашиняна Пашиняну Пашиняном",  # -ян: Snowball alone cuts the nominative
        "Азербайджан Азербайджана Азербайджану Азербайджане",
        "Карабах Карабаха Карабахе",
        "заявил заявила заявили заявило",
        "переговоры переговоров переговорах",
    ],
)
def test_every_case_form_of_a_russian_word_meets_one_term(forms):
    assert len(set(terms(forms))) == 1, terms(forms)


def test_english_words_stem_exactly_as_before():
    from whoosh.lang.porter2 import stem

    text = "Negotiations said says lying economies Karabakh Qarabağ İlham peacekeepers"
    folded = "negotiations said says lying economies karabakh qarabag ilham peacekeepers"
    assert terms(text) == [stem(word) for word in folded.split(" ")]


def test_an_english_run_never_imports_the_russian_stemmer():
    code = (
        "import sys\n"
        "from caucasus_cli.index.schema import text_analyzer, iter_terms\n"
        "list(text_analyzer()('Lavrov said the talks went well'))\n"
        "list(iter_terms('Bayramov told reporters'))\n"
        "assert 'whoosh.lang.snowball' not in sys.modules, 'imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Лавров", "Лаврова", "заявила", "Семёнов", "ёлки", "и", "в", "said", "Aliyev",
             " ", ", ", ". ", "«", "»", "\n", "МИД", "Азербайджана"]
        ),
        max_size=40,
    ).map("".join)
)  # fmt: skip
def test_mixed_text_indexes_the_same_terms_fast_and_through_the_analyzer(text):
    field = build_schema()["body"]
    fast = sorted(field.index(text))
    chain = sorted(
        (word.encode("utf-8"), freq, weight, value)
        for word, freq, weight, value in field.format.word_values(
            text, text_analyzer(), mode="index"
        )
    )
    assert fast == chain


def test_snippets_mark_inflected_and_yo_spelt_words():
    text = "Семёнова и ёлки. Лаврову сказали."
    wanted = frozenset(terms("Семенов елка Лавров"))
    marked = [text[start:end] for start, end, _term in find_terms(text, wanted)]
    full_pass = [text[s:e] for term, _p, s, e in iter_terms(text) if term in wanted]
    assert marked == full_pass == ["Семёнова", "ёлки", "Лаврову"]


@pytest.fixture(scope="module")
def russian_index(tmp_path_factory, seed_corpus):
    folder = tmp_path_factory.mktemp("ru") / "articles"
    shutil.copytree(RUSSIAN, folder)
    for path in seed_corpus.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    index = folder.parent / "index"
    result = CliRunner().invoke(app, ["index", str(folder), "--index", str(index)])
    assert result.exit_code == 0, result.output
    return index


def search(index: Path, query: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(
        app, ["search", query, "--index", str(index), "--format", "jsonl", "--no-pager"]
    )
    docs = [json.loads(line)["doc"] for line in result.stdout.splitlines() if line.strip()]
    return result.exit_code, docs


def test_search_for_a_nominative_finds_the_article_that_only_inflects_it(russian_index):
    # Mirzoyan is named in tass_lavrov.txt ("Араратом Мирзояном", "Арарат Мирзоян") and
    # ria_mirzoyan.txt; Zakharova in ria_zakharova.txt only ("Захарова", "Марии
    # Захаровой"). None of them writes the case searched for.
    code, docs = search(russian_index, "Мирзояну")
    assert code == 0 and sorted(docs) == ["ria_mirzoyan", "tass_lavrov"]
    code, docs = search(russian_index, "Захарову")
    assert code == 0 and docs == ["ria_zakharova"]


def test_search_for_a_feminine_verb_finds_the_masculine_one(russian_index):
    # Both articles write "заявил" (never "заявила") near Bayramov.
    code, docs = search(russian_index, "заявила Байрамов")
    assert code == 0 and sorted(docs) == ["ria_mirzoyan", "tass_bayramov"]


def test_english_search_beside_russian_articles_answers_as_before(russian_index):
    code, docs = search(russian_index, "peace agreement")
    assert code == 0 and docs[0] == "001_7e16cc46a88fe3df"
    assert not any(doc.startswith(("tass", "ria", "interfax", "regional")) for doc in docs)


def test_nothing_found_in_russian_exits_1(russian_index):
    code, docs = search(russian_index, "Шойгу")
    assert code == 1 and docs == []


def test_quotes_of_a_russian_speaker_by_surname(russian_index):
    args = ["quotes", "--speaker", "Байрамов", "--kind", "all", "--format", "jsonl"]
    result = CliRunner().invoke(app, [*args, "--no-pager", "--index", str(russian_index)])
    assert result.exit_code == 0, result.output
    found = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert {quote["speaker"] for quote in found} == {"Джейхун Байрамов"}
    assert {quote["doc"] for quote in found} == {"tass_bayramov", "ria_mirzoyan"}
    assert all(quote["speaker_evidence"]["text"].endswith("Джейхун Байрамов") for quote in found)


@pytest.mark.parametrize(
    ("speaker", "verdict"), [("Байрамов", "confirmed"), ("Мария Захарова", "misattributed")]
)
def test_check_a_russian_claim_against_its_speaker(russian_index, speaker, verdict):
    claim = "Мы готовы продолжить переговоры о мирном договоре без предварительных условий"
    result = CliRunner().invoke(
        app, ["check", claim, "--speaker", speaker, "--index", str(russian_index), "--no-pager"]
    )
    assert result.stdout.split("\t")[0] == verdict, result.output
    assert "Джейхун Байрамов" in result.stdout
