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


# An `Outlet, Place` header line names an outlet nobody listed when the construction
# says so: capitalised words holding an outlet word (or one word written as outlets
# write theirs), then a known place. Invented outlets, real places.
@pytest.mark.parametrize(
    ("line", "source", "place"),
    [
        ("    Kura Times, Ganja", "Kura Times", "Ganja"),
        ("Ganja Daily News, Shusha", "Ganja Daily News", "Shusha"),
        ("Araz Herald, Gəncə", "Araz Herald", "Gəncə"),
        ("Caspian Weekly, Yerevan", "Caspian Weekly", "Yerevan"),
        ("Voice of Syunik, Goris", "Voice of Syunik", "Goris"),
        ("KarabakhNet, Tbilisi", "KarabakhNet", "Tbilisi"),
        ("**Mountain Post, Stepanakert**", "Mountain Post", "Stepanakert"),
    ],
)
@pytest.mark.parametrize("before_headline", [True, False])
def test_an_unlisted_outlet_then_a_known_place_is_the_outlet(line, source, place, before_headline):
    headline = "Border talks resume after a month"
    body = "Officials of both sides met on Monday in the border village, the ministry said."
    parts = [line, headline, body] if before_headline else [headline, line, body]
    article = parse_article("x", "x", "\n\n".join(parts))
    assert (article.source, article.place, article.title) == (source, place, headline)


@pytest.mark.parametrize(
    "line",
    [
        "Anar Guliyev, Ganja",  # a person's name, then a place
        "Leyla Mammadova, Yerevan",
        "Baku, Ganja",  # two places
        "Kura Times, Monday",  # no place after the name
        "Kura Times, Kura River",  # not a known place
        "Shelling hit the city overnight, Ganja",  # a sentence
        "Kura Times reported, Ganja",
        "Caspian, Ganja",  # one ordinary word: a name, a sea, an adjective
        "The Times of our lives, Ganja",
    ],
)
def test_not_an_outlet_line(line):
    headline = "Border talks resume after a month"
    body = "Officials of both sides met on Monday in the border village, the ministry said."
    article = parse_article("x", "x", "\n\n".join([headline, line, body]))
    assert article.source is None


def test_the_unlisted_outlet_is_the_quotes_source_through_the_cli(tmp_path):
    import json

    from typer.testing import CliRunner

    from caucasus_cli.cli import app

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "talks.txt").write_text(
        "Border talks resume after a month\n\n    Kura Times, Ganja\n\n"
        '"We are ready to talk," Anar Guliyev, the deputy mayor, told reporters.\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    index = ["--index", str(tmp_path / "index")]
    assert runner.invoke(app, ["index", str(folder), *index]).exit_code == 0
    result = runner.invoke(app, ["quotes", "--format", "json", *index])
    (quote,) = json.loads(result.stdout)
    assert (quote["text"], quote["source"]) == ("We are ready to talk", "Kura Times")
