"""Dates as articles write them: found by rules, read only when the text is unambiguous.

A rule finds a candidate (`October 4, 2020`, `Sunday, 4 October 2020 14:32`,
`2020-10-04`, `04.10.2020`, `25 сентября 2021 года`); its parts become a date only
when day, month and year are all given and only one reading fits. Numeric dates
whose day and month could be swapped (`04.05.2020`) are read only in Cyrillic text
(always day-first) or where the outlet's convention is known
(`date_order.txt`), and a weekday that disagrees with the date voids it. No parser
is ever run over free text: a wrong date is worse than none.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from ..config import data_entries
from ..errors import DataFileError


class DayOrder(StrEnum):
    DAY_FIRST = "day-first"  # 04.10.2020 is 4 October
    MONTH_FIRST = "month-first"  # 04.10.2020 is 10 April


@dataclass(slots=True)
class DateFound:
    text: str
    date: dt.date | None


_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
# Russian months by their first three letters, nominative or genitive (`сентябрь`,
# `25 сентября`); May is `май`, `мая`.
_RU_MONTHS = {
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "май": 5, "мая": 5, "июн": 6,
    "июл": 7, "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
}  # fmt: skip
_RU_WEEKDAYS = {"пон": 0, "вто": 1, "сре": 2, "чет": 3, "пят": 4, "суб": 5, "вос": 6}
_RU_MONTH = (
    r"(?P<rumonth>январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|"
    r"августа?|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья]|"
    # RIA Novosti's `25 сен`: abbreviations, after the full names so those win
    r"(?:янв|фев|мар|апр|июн|июл|авг|сент?|окт|ноя|дек)\.?)"
)
_RU_WEEKDAY = (
    r"(?:(?P<ruweekday>понедельник|вторник|сред[аы]|четверг|пятниц[аы]|суббот[аы]|"
    r"воскресень[ея]),?\s+)?"
)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_WEEKDAY = (
    r"(?:(?P<weekday>Mon(?:day)?|Tue(?:s|sday)?|Wed(?:nesday)?|Thu(?:rs|rsday)?|"
    r"Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)\.?,?\s+)?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY_RU = r"(?P<day>[0-3]?\d)(?:-?го)?"
# A clock time after the date is part of the date line, not more text: `14:32`,
# `at 2:32 pm`, `14:32 GMT+4`, `- 14:32`.
_TIME = (
    r"(?:,?\s*(?:at\s+|[-–|]\s*)?\d{1,2}:\d\d(?::\d\d)?(?:\s*[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*\(?(?:GMT|UTC)?[+-]\d{1,2}(?::?\d\d)?\)?|(?-i:\s+[A-Z]{2,4}\b))?)?"
)
# Each pattern is tried in turn; named groups missing from a match stay unknown.
_DATE_PATTERNS = [
    re.compile(
        rf"\b{_YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)"
        r"(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?(?![\w:])"
    ),
    re.compile(rf"\b{_WEEKDAY}{_MONTH}\.?\s*{_DAY}\b(?:,?\s+{_YEAR}\b{_TIME})?", re.IGNORECASE),
    re.compile(rf"\b{_WEEKDAY}{_DAY}\s+{_MONTH}\.?,?(?:\s+{_YEAR}\b{_TIME})?", re.IGNORECASE),
    re.compile(rf"\b{_WEEKDAY}(?P<a>[0-3]?\d)[./](?P<b>[0-3]?\d)[./]{_YEAR}\b{_TIME}"),
    # `25 сентября 2021 года`, `25 сентября 2021 г.`, `суббота, 25 сентября`
    re.compile(
        rf"(?<!\w){_RU_WEEKDAY}{_DAY_RU}\s+{_RU_MONTH}(?!\w)"
        rf"(?:,?\s+{_YEAR}(?:\s*(?:года|г\.)(?!\w))?{_TIME})?",
        re.IGNORECASE,
    ),
]


def find_date(text: str, order: DayOrder | None = None) -> DateFound | None:
    """The first date expression in `text`; `.date` only when day, month and year are
    all given and agree (with each other and with a stated weekday).

    `order` is the outlet's known convention for numeric dates; without it a numeric
    date is read only when one reading alone is a real date, or when the text is
    Cyrillic: Russian-language writing puts the day first (`04.05.2021`), always.
    """
    order = order or script_day_order(text)
    best: tuple[int, DateFound] | None = None
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), DateFound(match.group(0).strip(" ,"), _to_date(match, order)))
    return best[1] if best else None


def script_day_order(text: str) -> DayOrder | None:
    """Day-first for Cyrillic text, whose writers never put the month first."""
    return DayOrder.DAY_FIRST if _CYRILLIC.search(text) else None


def parse_date_value(value: str, order: DayOrder | None = None) -> DateFound | None:
    """A date given as a field of its own (an export's `date`, a page's `datePublished`).

    ISO 8601 first (the date as written, never shifted to another time zone), else a
    date expression that makes up the whole value.
    """
    value = " ".join(value.split())
    if not value:
        return None
    iso = re.fullmatch(r"((?:19|20)\d\d-[01]\d-[0-3]\d)(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?", value)
    if iso:
        try:
            return DateFound(value, dt.date.fromisoformat(iso.group(1)))
        except ValueError:
            return DateFound(value, None)
    found = find_date(value, order)
    if found is None or len(found.text) < len(value.strip(" ,.")) - 1:
        return DateFound(value, None) if found else None
    return found


def _to_date(match: re.Match[str], order: DayOrder | None) -> dt.date | None:
    groups = match.groupdict()
    year = groups.get("year")
    if not year:
        return None
    if groups.get("a"):
        parts = _numeric_day_month(int(groups["a"]), int(groups["b"]), order)
        if parts is None:
            return None
        day, month = parts
    else:
        day = int(groups["day"])
        if groups.get("mnum"):
            month = int(groups["mnum"])
        elif groups.get("rumonth"):
            month = _RU_MONTHS[groups["rumonth"][:3].lower()]
        else:
            month = _MONTHS[groups["month"][:3].lower()]
    try:
        date = dt.date(int(year), month, day)
    except ValueError:
        return None
    weekday = groups.get("weekday")
    stated = _WEEKDAYS[weekday[:3].lower()] if weekday else None
    if groups.get("ruweekday"):
        stated = _RU_WEEKDAYS[groups["ruweekday"][:3].lower()]
    if stated is not None and stated != date.weekday():
        return None  # "Sunday, October 5, 2020": one of the two is wrong, and we can't tell which
    return date


def _numeric_day_month(a: int, b: int, order: DayOrder | None) -> tuple[int, int] | None:
    """(day, month) of `a.b.year`, or None when the order is unknown and both readings fit."""
    if a == b:
        return a, b
    if order is DayOrder.DAY_FIRST:
        return a, b
    if order is DayOrder.MONTH_FIRST:
        return b, a
    if a > 12 >= b:
        return a, b
    if b > 12 >= a:
        return b, a
    return None  # 04.05.2020 could be either; never guess


@cache
def _conventions() -> dict[str, DayOrder]:
    orders: dict[str, DayOrder] = {}
    for entry in data_entries("date_order.txt"):
        outlet, _, order = (part.strip() for part in entry.text.rpartition("="))
        if not outlet or order not in set(DayOrder):
            raise DataFileError(
                f"{entry.where}: expected `Outlet = day-first` or `Outlet = month-first`"
            )
        orders[outlet.casefold()] = DayOrder(order)
    return orders


def outlet_day_order(outlet: str | None) -> DayOrder | None:
    """How `outlet` writes numeric dates, when a data file says so."""
    if not outlet:
        return None
    return _conventions().get(outlet.strip().casefold())
