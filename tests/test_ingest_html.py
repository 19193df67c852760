"""Saved web pages: the article's text without the page around it, and the page's own metadata."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from caucasus_cli.ingest.formats import articles_from_file
from caucasus_cli.ingest.html import read_page_metadata
from caucasus_cli.ingest.reader import read_article_file

PAGE = Path(__file__).parent / "inputs" / "ceasefire_page.html"


def test_page_metadata_is_what_the_page_states():
    # Needs no extractor: the page's tags are read with the standard library.
    known = read_page_metadata(PAGE.read_text(encoding="utf-8"))
    assert known.title == "Foreign ministers agree humanitarian ceasefire after ten hours of talks"
    assert known.source == "Caspian Herald"
    assert known.author == "Leyla Mammadova"
    # The canonical link, not the address the page was saved from.
    assert known.url == "https://caspianherald.example/politics/ceasefire-talks-moscow"
    # The article's datePublished: not dateModified, not the wrapping WebPage's date.
    assert known.date == dt.date(2020, 10, 10)


def test_a_page_without_tags_gives_its_title_and_saved_address_only():
    page = (
        "<!-- saved from url=(0040)https://example.org/news/2020/talks.html -->\n"
        "<html><head><title>Talks resume in Moscow</title></head>"
        "<body><p>Talks resumed on Friday.</p></body></html>"
    )
    known = read_page_metadata(page)
    assert (known.title, known.url) == (
        "Talks resume in Moscow",
        "https://example.org/news/2020/talks.html",
    )
    assert (known.date, known.source, known.author) == (None, None, None)


def test_broken_json_ld_does_not_stop_the_page_from_being_read():
    page = (
        '<html><head><meta property="article:published_time" content="2020-10-04T10:00:00Z">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
        "<title>Shelling in Ganja</title></head><body></body></html>"
    )
    known = read_page_metadata(page)
    assert (known.title, known.date) == ("Shelling in Ganja", dt.date(2020, 10, 4))


def test_the_page_is_one_article_of_its_main_text():
    pytest.importorskip("trafilatura")
    found = articles_from_file(read_article_file(PAGE), "ceasefire_page")
    [article] = found.articles
    assert article.kind == "html"
    assert article.url == "https://caspianherald.example/politics/ceasefire-talks-moscow"
    assert article.date == dt.date(2020, 10, 10)
    assert article.body.startswith("The foreign ministers of Armenia and Azerbaijan agreed")
    assert "Stepanakert and Ganja" in article.body
    for furniture in ("Privacy policy", "Most read", "Manat steady", "cookies", "Opinion"):
        assert furniture not in article.text
    # Offsets point into the extracted text, which is what gets stored and cited.
    for paragraph in article.paragraphs:
        assert article.text[paragraph.start : paragraph.end] == paragraph.text


def test_quotes_in_a_page_point_into_its_extracted_text():
    pytest.importorskip("trafilatura")
    from caucasus_cli.ingest.metadata import body_paragraphs
    from caucasus_cli.quotes.extract import extract_quotes
    from caucasus_cli.quotes.people import load_people

    [article] = articles_from_file(read_article_file(PAGE), "page").articles
    quotes = extract_quotes(article.text, body_paragraphs(article), load_people())
    lavrov = [q for q in quotes if q.speaker == "Sergey Lavrov"]
    assert lavrov, [(q.text, q.speaker) for q in quotes]
    quote = lavrov[0]
    assert article.text[quote.start : quote.end] == quote.text
    assert quote.text.startswith("The parties agreed on a ceasefire")


def test_without_the_extractor_a_page_is_skipped_with_the_extra_to_install(monkeypatch):
    import sys

    from caucasus_cli.ingest.formats import ReaderMissing

    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails as if not installed
    with pytest.raises(ReaderMissing) as skipped:
        articles_from_file(read_article_file(PAGE), "page")
    assert "pip install trafilatura" in skipped.value.reason


def test_two_pages_sharing_a_story_both_keep_their_text(tmp_path):
    """A wire story republished by two outlets: the second page loses nothing."""
    pytest.importorskip("trafilatura")
    page = PAGE.read_text(encoding="utf-8")
    second = tmp_path / "republished.html"
    second.write_text(page.replace("Caspian Herald", "Kura Daily"), encoding="utf-8")
    first = articles_from_file(read_article_file(PAGE), "first").articles[0]
    again = articles_from_file(read_article_file(second), "second").articles[0]
    assert again.body == first.body
    assert "Sergey Lavrov told reporters" in again.body


def test_a_page_in_a_declared_legacy_charset_is_decoded_as_declared(tmp_path):
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        "<title>Переговоры в Москве</title></head><body><article>"
        "<p>Министры иностранных дел Армении и Азербайджана провели переговоры в Москве, "
        "которые продолжались более десяти часов.</p>"
        "<p>Стороны договорились о гуманитарном перемирии, сообщил Сергей Лавров.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "peregovory.html"
    path.write_bytes(page.encode("cp1251"))
    decoded = read_article_file(path)
    assert decoded.encoding == "cp1251"  # the reader believes a declaration the bytes fit
    [article] = articles_from_file(decoded, "peregovory").articles
    assert article.encoding == "cp1251"
    assert article.title == "Переговоры в Москве"
    assert "сообщил Сергей Лавров" in article.body


def test_a_page_that_states_only_when_it_was_modified_has_no_date():
    page = (
        '<html><head><meta property="article:modified_time" content="2020-10-12T09:00:00Z">'
        '<meta property="og:updated_time" content="2020-10-12T09:00:00Z">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Talks",'
        ' "dateModified": "2020-10-12"}</script></head><body></body></html>'
    )
    known = read_page_metadata(page)
    assert (known.date, known.date_text) == (None, None)
