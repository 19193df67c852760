"""Datelines as wires and sites write them: each read to the right date, or left unread."""

from __future__ import annotations

import datetime as dt

import pytest

from caucasus_cli.ingest.dates import DayOrder, find_date, parse_date_value
from caucasus_cli.ingest.metadata import parse_article

HEADLINE = "Armenia and Azerbaijan agree to a humanitarian ceasefire"
BODY = (
    "The foreign ministers of both countries met in Moscow on Friday, officials said. "
    "They talked for more than ten hours before a statement was read out."
)


def article_with_header(line: str, suffix: str = ".txt"):
    text = f"{HEADLINE}\n\n{line}\n\n{BODY}\n"
    return parse_article("doc", f"/news/doc{suffix}", text)


@pytest.mark.parametrize(
    ("line", "date", "place", "source"),
    [
        ("Baku, October 4, 2020", dt.date(2020, 10, 4), "Baku", None),
        ("YEREVAN, 4 October 2020", dt.date(2020, 10, 4), "YEREVAN", None),
        ("Sunday, October 4, 2020", dt.date(2020, 10, 4), None, None),
        ("Oct 4, 2020 14:32", dt.date(2020, 10, 4), None, None),
        ("14 October 2020, 09:15 GMT+4", dt.date(2020, 10, 14), None, None),
        ("By Trend, October 4, 2020", dt.date(2020, 10, 4), None, "Trend"),
        ("Published on 25.10.2020", dt.date(2020, 10, 25), None, None),
        ("*October 20, 2020*", dt.date(2020, 10, 20), None, None),
        ("Published: 2020-10-04T14:32:00+04:00", dt.date(2020, 10, 4), None, None),
    ],
)
def test_a_dateline_gives_the_date_it_states(line, date, place, source):
    article = article_with_header(line)
    assert (article.date, article.place, article.source) == (date, place, source)
    assert article.title == HEADLINE
    assert article.body.startswith("The foreign ministers")  # the dateline is not body text


@pytest.mark.parametrize(
    "line",
    [
        # Day and month could be swapped and no outlet convention is known.
        "Published on 04.10.2020",
        "04.05.2020",
        # The weekday contradicts the date: one of them is wrong, and we cannot tell which.
        "Monday, October 4, 2020",
        # No year: not a full date.
        "Baku, October 4",
        # Not a real day.
        "February 30, 2021",
    ],
)
def test_a_dateline_that_does_not_settle_the_day_gives_no_date(line):
    article = article_with_header(line)
    assert article.date is None
    assert article.date_text  # what the page wrote is kept, to be read by a person


def test_a_personal_byline_with_a_date_is_not_a_place():
    article = article_with_header("Joshua Kucera, October 4, 2020")
    assert article.date == dt.date(2020, 10, 4)
    assert article.place is None
    assert article.source is None


def test_markdown_headline_loses_its_heading_marks():
    text = f"# {HEADLINE}\n\n*October 20, 2020*\n\n{BODY}\n"
    article = parse_article("doc", "/news/doc.md", text)
    assert article.title == HEADLINE
    assert article.date == dt.date(2020, 10, 20)


def test_an_outlets_known_convention_reads_an_ambiguous_numeric_date(tmp_path, monkeypatch):
    from caucasus_cli.config import data_entries
    from caucasus_cli.ingest import dates

    config = tmp_path / "config"
    (config / "caucasus").mkdir(parents=True)
    (config / "caucasus" / "date_order.txt").write_text("Trend = day-first\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    data_entries.cache_clear()
    dates._conventions.cache_clear()
    try:
        by_trend = article_with_header("By Trend, Published on 04.10.2020")
        unknown = article_with_header("Published on 04.10.2020")
    finally:
        data_entries.cache_clear()
        dates._conventions.cache_clear()
    assert (by_trend.source, by_trend.date) == ("Trend", dt.date(2020, 10, 4))
    assert unknown.date is None


@pytest.mark.parametrize(
    ("text", "order", "date"),
    [
        ("04.10.2020", DayOrder.DAY_FIRST, dt.date(2020, 10, 4)),
        ("04.10.2020", DayOrder.MONTH_FIRST, dt.date(2020, 4, 10)),
        ("04.10.2020", None, None),
        ("10/25/2020", None, dt.date(2020, 10, 25)),  # only one reading is a real date
        ("25/10/2020", None, dt.date(2020, 10, 25)),
        ("05.05.2020", None, dt.date(2020, 5, 5)),  # both readings agree
    ],
)
def test_numeric_dates_are_read_only_one_way(text, order, date):
    found = find_date(text, order)
    assert found is not None
    assert found.date == date


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2020-10-04T23:30:00-05:00", dt.date(2020, 10, 4)),  # the date as written, not UTC
        ("2020-10-04", dt.date(2020, 10, 4)),
        ("October 4, 2020", dt.date(2020, 10, 4)),
        ("Sun, 04 Oct 2020 14:32:00 +0400", dt.date(2020, 10, 4)),
        ("04/10/2020", None),
        ("2020-13-04", None),
        ("last Tuesday", None),
    ],
)
def test_date_fields_of_exports_and_pages(value, date):
    found = parse_date_value(value)
    assert (found.date if found else None) == date
