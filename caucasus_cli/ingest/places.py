"""Places, from data: what kind of place a name is, for every stage that asks.

Two data files, both user-extendable (a file of the same name in the config folder
adds to each):

- `places.tsv`: countries, capitals, regions and cities of 100,000 people or more,
  generated from the GeoNames gazetteer (`benchmarks/make_places.py`), one
  `name<TAB>kind` a line;
- `places.txt`: the conflict's region by hand, with its spellings on one line
  (`Ganja | Gəncə | Gandja`): small towns and villages the gazetteer leaves out, and
  the transliterations news uses. A spelling takes the kind the gazetteer gives any
  spelling of its line, else it is a city.

Read lazily, once per process: a dateline or an attribution asks, nothing else.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache

from ..config import data_lines
from .folding import fold_text


class PlaceKind(StrEnum):
    COUNTRY = "country"
    CAPITAL = "capital"
    REGION = "region"  # a US state, a continent
    CITY = "city"


_SEPARATORS = re.compile(r"[\s.\-‐‑–]+")


def place_key(name: str) -> str:
    """How a place name is compared: case and accents folded, hyphens and dots as
    spaces (`Nagorno-Karabakh` is `nagorno karabakh`), a leading `the` dropped."""
    key = _SEPARATORS.sub(" ", fold_text(name.strip(" .,:;"))).strip()
    return key.removeprefix("the ")


def _kind(text: str) -> PlaceKind:
    try:
        return PlaceKind(text.strip() or "city")
    except ValueError:
        return PlaceKind.CITY


@cache
def _places() -> dict[str, PlaceKind]:
    found: dict[str, PlaceKind] = {}
    for line in data_lines("places.tsv"):
        name, _, kind = line.partition("\t")
        found.setdefault(place_key(name), _kind(kind))
    for line in data_lines("places.txt"):
        spellings = [place_key(name) for name in line.split("|") if name.strip()]
        known = next((found[key] for key in spellings if key in found), PlaceKind.CITY)
        for key in spellings:
            found.setdefault(key, known)
    return found


def place_kind(name: str) -> PlaceKind | None:
    """The kind of place `name` is (`South Carolina` → region), None if not a place."""
    return _places().get(place_key(name))


def is_place_name(name: str) -> bool:
    """A place of either list, in any of its spellings (accents folded)."""
    return place_kind(name) is not None
