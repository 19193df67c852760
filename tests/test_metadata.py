"""Metadata read from plain text — and left unknown where the text does not say."""

from __future__ import annotations

import datetime as dt

import pytest

from caucasus_cli.ingest.dates import find_date
from caucasus_cli.ingest.metadata import looks_like_headline, parse_article

EXPECTED = {
    # doc: (title, source, place, date, date_text)
    "000_6ceba82ccbfec31b": (None, "Trend", None, None, "Nov.25"),
    "001_7e16cc46a88fe3df": (
        "Ilham Aliyev: Azerbaijan is ready to start negotiations on peace agreement with Armenia",
        "JAMnews",
        "Baku",
        dt.date(2021, 9, 25),
        "Sept 25 2021",
    ),
    "002_555f5ba2ef349d98": (
        '"We are serious about the process of normalizing relations" - Press Secretary of the '
        "Azerbaijani Foreign Ministry",
        None,
        None,
        None,
        None,
    ),
    "003_c2fa5512a1292afa": (None, "Trend", None, dt.date(2020, 10, 31), "2020-10-31"),
    "004_b33b2c1105469be7": (
        "Karabakh conflict .. Russia declares ceasefire between Armenia and Azerbaijan",
        None,
        None,
        None,
        None,
    ),
}


@pytest.mark.parametrize("doc", sorted(EXPECTED))
def test_seed_metadata(seed_text, doc):
    article = parse_article(doc, doc, seed_text(doc))
    assert (article.title, article.source, article.place, article.date, article.date_text) == (
        EXPECTED[doc]
    )


def test_page_furniture_stays_out_of_the_body(seed_text):
    aljazeera = parse_article("004", "004", seed_text("004_b33b2c1105469be7"))
    assert "Source link" not in aljazeera.body
    assert "Leave a Reply" not in aljazeera.body
    assert "Home / news" not in aljazeera.body
    assert aljazeera.body.startswith("Russian Foreign Minister Sergey Lavrov announced")

    jamnews = parse_article("001", "001", seed_text("001_7e16cc46a88fe3df"))
    assert "US Congress demands Azerbaijan" not in jamnews.body  # related-link bullets
    assert "Sept 25 2021" not in jamnews.body
    assert "Ilham Aliyev made a video presentation" in jamnews.body

    trend = parse_article("000", "000", seed_text("000_6ceba82ccbfec31b"))
    assert "Follow us on Twitter" not in trend.body
    assert "By Trend" not in trend.body


def test_paragraph_offsets_point_into_the_file_text(seed_text):
    text = seed_text("002_555f5ba2ef349d98")
    article = parse_article("002", "002", text)
    for paragraph in article.paragraphs:
        assert text[paragraph.start : paragraph.end] == paragraph.text


@pytest.mark.parametrize(
    ("text", "date", "date_text"),
    [
        ("Sept 25 2021", dt.date(2021, 9, 25), "Sept 25 2021"),
        ("September 25, 2021", dt.date(2021, 9, 25), "September 25, 2021"),
        ("25 September 2021", dt.date(2021, 9, 25), "25 September 2021"),
        ("date 2020-10-31", dt.date(2020, 10, 31), "2020-10-31"),
        ("Trend reports on Nov.25", None, "Nov.25"),
        ("31.10.2020", dt.date(2020, 10, 31), "31.10.2020"),
        # Day and month could be swapped: never guess.
        ("05.06.2021", None, "05.06.2021"),
        # Not a real day.
        ("February 30, 2021", None, "February 30, 2021"),
    ],
)
def test_dates_are_only_complete_when_the_text_is(text, date, date_text):
    found = find_date(text)
    assert found is not None
    assert (found.date, found.text) == (date, date_text)


def test_no_date_in_plain_prose():
    assert find_date("The sides noted with satisfaction the long-term cooperation.") is None


@pytest.mark.parametrize(
    ("line", "is_headline"),
    [
        ("Karabakh conflict .. Russia declares ceasefire between Armenia and Azerbaijan", True),
        ("Stealth Over Health: Clinton Was Headed to ER But Diverted to Avoid Bad Optics.", True),
        (
            "Azerbaijani Foreign Minister Jeyhun Bayramov clarified the issue of signing a peace "
            "treaty with Armenia by Azerbaijan in an interview with Le Point French magazine, "
            "Trend reports on Nov.25.",
            False,
        ),
        ("• US Congress demands Azerbaijan to release all Armenian prisoners of war", False),
    ],
)
def test_headline_shape(line, is_headline):
    assert looks_like_headline(line) is is_headline


def test_a_personal_byline_is_not_an_outlet():
    text = "Armenia and Azerbaijan agree on border talks\n\nBy Joshua Kucera\n\nYEREVAN — Talks."
    assert parse_article("x", "x", text).source is None


def test_dateline_with_a_known_agency_gives_place_and_source():
    text = (
        "Talks resume in Moscow\n\nBAKU, Azerbaijan (AP) — Azerbaijan's president said on "
        "Tuesday that talks would resume."
    )
    article = parse_article("x", "x", text)
    assert (article.source, article.place) == ("AP", "BAKU")
