"""What a name stands for: a place, an outlet, or (by default) someone who may speak.

A speaker is a person or an organisation. A place speaks only as the subject of a
speech verb standing for its government (`Moscow warned …`, `Ruritania said`),
and only a country or a capital does; an outlet (a newspaper, a broadcaster, a
news agency) reports and never speaks in its own article's quotes.

Knowledge comes from data files, never from the articles:

- the places of `ingest/places.py` (the GeoNames gazetteer's `places.tsv` and the
  region's own `places.txt`), and the places people.toml's `[vocabulary.places]`
  lists (the conflict's own);
- `outlets.txt` (the outlets a byline names), and outlet head words of English
  names (`… News`, `… Times`, `… Post`, `… Herald`) from `outlet_heads.txt`;
- `organisation_nouns.txt`: the nouns that say what kind of organisation a name is
  (`drugs group Eli Lilly`) and that a definite description (`the company said`)
  is headed by.

Read lazily, once per process: nothing is loaded until the first attribution asks.
"""

from __future__ import annotations

from functools import cache

from ..config import data_lines
from ..ingest.metadata import is_outlet_name
from ..ingest.places import PlaceKind
from ..ingest.places import place_kind as gazetteer_place_kind
from .people import Vocabulary, fold_name

# The last word of an English outlet's name ("Fox News"), from outlet_heads.txt.
_OUTLET_HEADS_FILE = "outlet_heads.txt"
# Kinds of organisation ("company firm group …"), from organisation_nouns.txt.
_ORGANISATION_NOUNS_FILE = "organisation_nouns.txt"


@cache
def _outlet_heads() -> frozenset[str]:
    return frozenset(fold_name(word) for word in data_lines(_OUTLET_HEADS_FILE))


@cache
def _organisation_kinds() -> dict[str, frozenset[str]]:
    """Each organisation noun → the nouns of its kind (itself included)."""
    kinds: dict[str, frozenset[str]] = {}
    for line in data_lines(_ORGANISATION_NOUNS_FILE):
        kind = frozenset(fold_name(word) for word in line.split())
        for word in kind:
            kinds[word] = kinds.get(word, frozenset()) | kind
    return kinds


def is_organisation_noun(word: str) -> bool:
    """A common noun that says what kind of organisation a name is (`club`, `firm`)."""
    return fold_name(word) in _organisation_kinds()


def organisation_nouns() -> frozenset[str]:
    """Every noun of organisation_nouns.txt, folded."""
    return frozenset(_organisation_kinds())


def organisation_kind(word: str) -> frozenset[str]:
    """The nouns that may stand for `word` (`company` → company, firm, group …);
    empty when `word` names no kind of organisation."""
    return _organisation_kinds().get(fold_name(word), frozenset())


# Places that may stand for their government as a speech verb's subject.
GOVERNMENT_SEATS = frozenset({PlaceKind.COUNTRY, PlaceKind.CAPITAL})


def place_kind(name: str, vocabulary: Vocabulary | None = None) -> PlaceKind | None:
    """The kind of place `name` is (`South Carolina` → region), None if not a place."""
    kind = gazetteer_place_kind(name)
    folded = fold_name(name.removeprefix("the ").removeprefix("The "))
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
    if not words or fold_name(words[-1]) not in _outlet_heads():
        return False
    return len(words) >= 2 or head_alone
