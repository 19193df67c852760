"""JSON Lines and CSV exports: one article a record, whatever the export calls its fields."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from caucasus_cli.errors import CaucasusError
from caucasus_cli.ingest.exports import Field, field_names, parse_fields_option, read_csv
from caucasus_cli.ingest.formats import articles_from_file
from caucasus_cli.ingest.reader import SkippedFile, read_article_file

INPUTS = Path(__file__).parent / "inputs"


def test_jsonl_records_become_articles_and_a_broken_line_is_reported():
    found = articles_from_file(read_article_file(INPUTS / "wire_export.jsonl"), "wire_export")
    assert [a.doc for a in found.articles] == [
        "wire_export#tr-2020-10-04-001",
        "wire_export#tr-2020-10-04-002",
        "wire_export#tr-2020-10-05-001",
    ]
    [problem] = found.problems
    assert problem.line == 3
    assert "not valid JSON" in problem.reason
    ganja = found.articles[0]
    assert ganja.title == "Ganja shelled overnight, officials say"
    assert ganja.source == "Trend"
    assert ganja.url == "https://wire.example/en/news/2020/10/04/shelling-ganja"
    assert ganja.date == dt.date(2020, 10, 4)
    assert ganja.record_line == 1
    assert ganja.body.startswith("Shelling hit residential areas of Ganja")
    # 05.10.2020 could be 5 October or 10 May: kept as written, not read.
    stepanakert = found.articles[2]
    assert (stepanakert.date, stepanakert.date_text) == (None, "05.10.2020")
    assert stepanakert.record_line == 4


def test_csv_with_a_quoted_multi_line_body():
    found = articles_from_file(read_article_file(INPUTS / "archive_export.csv"), "archive")
    assert not found.problems
    talks, villages = found.articles
    assert talks.title == "Talks on prisoner exchange resume"
    assert talks.source == "Archive Weekly"
    assert talks.date == dt.date(2020, 10, 19)
    assert talks.url == "https://archive.example/articles/48213"
    assert talks.doc == "archive#https://archive.example/articles/48213"
    # The body's blank line is a paragraph break; its doubled quotes are quotation marks.
    assert len(talks.paragraphs) == 2
    assert talks.paragraphs[1].text.startswith('"We are ready to facilitate the exchange')
    assert (talks.record_line, villages.record_line) == (2, 5)
    assert villages.date == dt.date(2020, 10, 20)


def test_record_ids_are_stable_and_fall_back_to_the_line():
    text = (
        '{"text": "Talks resumed on Friday in Moscow, the ministry said."}\n'
        '{"url": "https://example.org/a", "text": "A second report from the talks."}\n'
        '{"url": "https://example.org/a", "text": "The same address again, another text."}\n'
    )
    path = Path("/exports/feed.jsonl")
    from caucasus_cli.ingest.reader import DecodedFile

    decoded = DecodedFile(path, text, "utf-8", "0" * 64, len(text), 0)
    docs = [a.doc for a in articles_from_file(decoded, "feed").articles]
    assert docs == [
        "feed#line-1",
        "feed#https://example.org/a",
        "feed#https://example.org/a@line-3",
    ]
    again = [a.doc for a in articles_from_file(decoded, "feed").articles]
    assert again == docs


def test_fields_option_names_other_fields():
    text = 'story_body,story_headline,when\n"Talks resumed in Moscow.",Talks resume,2020-10-09\n'
    assert read_csv(text, field_names()).records == []  # `story_body` is no common name
    names = field_names(parse_fields_option("text=story_body,title=story_headline,date=when"))
    [record] = read_csv(text, names).records
    assert (record.text, record.known.title, record.known.date) == (
        "Talks resumed in Moscow.",
        "Talks resume",
        dt.date(2020, 10, 9),
    )


def test_fields_config_entry_is_tried_first(tmp_path, monkeypatch):
    from caucasus_cli.config import data_entries
    from caucasus_cli.ingest import exports

    config = tmp_path / "config"
    (config / "caucasus").mkdir(parents=True)
    (config / "caucasus" / "fields.txt").write_text("text = lede_and_body\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    data_entries.cache_clear()
    exports._configured_names.cache_clear()
    try:
        names = field_names()
    finally:
        data_entries.cache_clear()
        exports._configured_names.cache_clear()
    assert names[Field.TEXT][0] == "lede_and_body"
    assert "body" in names[Field.TEXT]


@pytest.mark.parametrize("option", ["text", "words=body", "text="])
def test_a_bad_fields_option_is_a_usage_error(option):
    with pytest.raises(CaucasusError):
        parse_fields_option(option)


def test_an_export_with_no_readable_record_is_skipped_with_the_first_reason(tmp_path):
    export = tmp_path / "broken.jsonl"
    export.write_text('{"title": "No text here"}\nnot json\n', encoding="utf-8")
    with pytest.raises(SkippedFile) as skipped:
        articles_from_file(read_article_file(export), "broken")
    assert "line 1: no article text" in skipped.value.reason


def test_a_line_separator_inside_a_json_string_does_not_split_the_record():
    from caucasus_cli.ingest.exports import read_jsonl

    text = (
        '{"id": "a", "text": "Talks resumed on Friday.\u2028The ministers met for ten hours."}\r\n'
        '{"id": "b", "text": "A second report\u0085from the talks."}\n'
    )
    export = read_jsonl(text, field_names())
    assert not export.problems
    assert [(r.key, r.line) for r in export.records] == [("a", 1), ("b", 2)]
    assert export.records[0].text.endswith("The ministers met for ten hours.")
