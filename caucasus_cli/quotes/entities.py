"""What a name stands for: a place, an outlet, or (by default) someone who may speak.

A speaker is a person or an organisation. A place speaks only as the subject of a
speech verb standing for its government (`Moscow warned …`, `Ruritania said`),
and only a country or a capital does; an outlet (a newspaper, a broadcaster, a
news agency) reports and never speaks in its own article's quotes.

Knowledge comes from data files, never from the articles:

- `places.tsv`: countries, capitals, US states, continents and cities of 100,000
  people or more, generated from the GeoNames gazetteer (`benchmarks/make_places.py`),
  plus the user's own `~/.config/caucasus/places.tsv`; and the places people.toml's
  `[vocabulary.places]` lists (the conflict's own);
- `outlets.txt` (the outlets a byline names), and outlet head words of English
  names (`… News`, `… Times`, `… Post`, `… Herald`).

Read lazily, once per process: nothing is loaded until the first attribution asks.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from ..config import data_lines
from ..ingest.metadata import is_outlet_name
from .people import Vocabulary, fold_name


class PlaceKind(StrEnum):
    COUNTRY = "country"
    CAPITAL = "capital"
    REGION = "region"  # a US state, a continent
    CITY = "city"


# The last word of an English outlet's name ("Fox News", "The Daily Ruritanian" is
# not one: an adjective-named paper must be in outlets.txt).
_OUTLET_HEADS = frozenset(
    [
        "news",
        "times",
        "post",
        "herald",
        "telegraph",
        "tribune",
        "gazette",
        "chronicle",
        "journal",
        "guardian",
        "mirror",
        "mail",
        "radio",
        "tv",
        "television",
        "broadcasting",
        "newswire",
        "magazine",
        "newspaper",
    ]
)
# Places that may stand for their government as a speech verb's subject.
GOVERNMENT_SEATS = frozenset({PlaceKind.COUNTRY, PlaceKind.CAPITAL})


@cache
def _places() -> dict[str, PlaceKind]:
    found: dict[str, PlaceKind] = {}
    for line in data_lines("places.tsv"):
        name, _, kind = line.partition("\t")
        try:
            found.setdefault(fold_name(name), PlaceKind(kind.strip() or "city"))
        except ValueError:
            found.setdefault(fold_name(name), PlaceKind.CITY)
    return found


def place_kind(name: str, vocabulary: Vocabulary | None = None) -> PlaceKind | None:
    """The kind of place `name` is (`South Carolina` → region), None if not a place."""
    folded = fold_name(name.removeprefix("the ").removeprefix("The "))
    kind = _places().get(folded)
    if kind is None and vocabulary is not None and vocabulary.places.get(folded) == folded:
        # The conflict's places of people.toml ("karabakh", "artsakh"); their
        # adjectives ("azerbaijani") are in the same list but never a whole speaker.
        kind = PlaceKind.COUNTRY
    return kind


def is_outlet(name: str, head_alone: bool = False) -> bool:
    """A news outlet: listed in outlets.txt, or an English name headed by `News`,
    `Times`, `Post` … (`Fox News`, `the Washington Post`, `NY Daily News`); with
    `head_alone`, the head word itself too (`the Post`, for an organisation mention)."""
    if is_outlet_name(name):
        return True
    words = name.removeprefix("the ").removeprefix("The ").split()
    if not words or fold_name(words[-1]) not in _OUTLET_HEADS:
        return False
    return len(words) >= 2 or head_alone
