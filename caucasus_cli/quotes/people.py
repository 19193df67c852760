"""Known people of the conflict: canonical names, spelling variants, usual roles.

The data lives in `caucasus_cli/data/people.toml` (documented there). Users extend it
with `$XDG_CONFIG_HOME/caucasus/people.toml` (default `~/.config/caucasus/people.toml`)
and with files named by the `CAUCASUS_PEOPLE` environment variable (one path, or
several joined with `os.pathsep`). `load_people()` merges them in that order.

Typical use::

    people = load_people()
    people.canonical("Aliev")          # "Ilham Aliyev"
    people.aliases("Ilham Aliyev")     # ["Ilham Aliev", "İlham Əliyev", ...]
    people.role("Jeyhun Bayramov")     # "Azerbaijani Foreign Minister"
    fold_name("Əliyev") == fold_name("ALIYEV")

The same file carries the `[vocabulary]` that quote attribution uses to read
speaker phrases: title words, organisation words, place names and role synonyms
(see `Vocabulary`).
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..config import bundled_data_path, read_data_file, user_config_dir
from ..errors import DataFileError

PEOPLE_FILE_NAME = "people.toml"
PEOPLE_ENV_VAR = "CAUCASUS_PEOPLE"
# Given names and their short forms ("m: kenneth ken kenny"), bundled and the user's.
GIVEN_NAMES_FILE = "given_names.txt"

# Letters that Unicode decomposition does not reduce to ASCII. ə (Azerbaijani schwa)
# is transliterated "e" in English-language news (Əliyev = Aliyev), ı/İ as "i".
_LETTER_FOLDS = str.maketrans(
    {
        "ə": "e", "Ə": "e", "ı": "i", "İ": "i", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l",
        "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ß": "ss",
        "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ħ": "h", "Ħ": "h",
    }
)  # fmt: skip
# Apostrophes vanish (O’Brien = OBrien); hyphens, dots and runs of space become one space
# (Ter-Petrosyan = Ter Petrosyan, "John F. Kerry" = "John F Kerry").
_APOSTROPHES = re.compile(r"[’'ʼ`´‘]")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_.]+")
_POSSESSIVE = re.compile(r"[’']s?$")
_POSSESSIVE_INSIDE = re.compile(r"[’']s\b")


@lru_cache(maxsize=65536)
def fold_name(s: str) -> str:
    """Case- and accent-insensitive comparison key for a name.

    Casefolds, strips diacritics (Erdoğan → erdogan), transliterates letters that
    have no decomposition (ə → e, ı → i, ß → ss), drops apostrophes and turns
    hyphens, dots and whitespace runs into single spaces:
    `fold_name("Ter-Petrosyan") == fold_name("ter petrosyan")`.
    """
    if s.isascii():  # most names in English news: no decomposition to do
        return _SEPARATORS.sub(" ", _APOSTROPHES.sub("", s.lower())).strip()
    s = unicodedata.normalize("NFKD", s.translate(_LETTER_FOLDS))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = _APOSTROPHES.sub("", s)
    return _SEPARATORS.sub(" ", s).strip()


@dataclass(frozen=True, slots=True)
class Person:
    """One known person: canonical `name`, other spellings, usual role, gender (m/f)."""

    name: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    gender: str | None = None


# eq=False: compared and hashed by identity, so role keys can be cached per vocabulary.
@dataclass(frozen=True, slots=True, eq=False)
class Vocabulary:
    """Words for reading speaker phrases, from `[vocabulary]` of the data files.

    All words are folded with `fold_name` (so "Sen." is stored as "sen").
    """

    titles: frozenset[str] = frozenset()
    organisations: frozenset[str] = frozenset()
    name_particles: frozenset[str] = frozenset()
    # Words written capitalised before a name that describe the person ("Striker",
    # "Actor", "Classy"): never the first word of the name itself.
    epithets: frozenset[str] = frozenset()
    distinguishing_qualifiers: frozenset[str] = frozenset()
    # Folded phrase → folded replacement, longest phrase first.
    role_synonyms: tuple[tuple[str, str], ...] = ()
    # Folded place word or phrase ("azerbaijani", "russian federation") → place key.
    places: Mapping[str, str] = field(default_factory=dict)
    male_words: frozenset[str] = frozenset()
    female_words: frozenset[str] = frozenset()
    female_surname_endings: tuple[str, ...] = ()
    male_surname_endings: tuple[str, ...] = ()
    female_given_names: frozenset[str] = frozenset()
    male_given_names: frozenset[str] = frozenset()
    # Folded given name → the full forms it is a form of ("ken" → {"kenneth"};
    # "kenneth" → {"kenneth"}), from given_names.txt.
    given_name_forms: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def same_given_name(self, first: str, second: str) -> bool:
        """Whether two folded given names may be the same person's: equal, or forms of
        one full name ("ken" and "kenneth", "bill" and "william"; not "john" and
        "jonathan", though "jon" is short for both)."""
        if first == second:
            return True
        forms = self.given_name_forms
        return bool(forms.get(first, frozenset()) & forms.get(second, frozenset()))

    def is_full_given_name(self, word: str) -> bool:
        """A folded given name that is the full form of its short forms ("kenneth")."""
        return word in self.given_name_forms.get(word, frozenset())

    def place(self, word: str) -> str | None:
        """The place a word or phrase names: "Azerbaijani", "Azerbaijan's" → "azerbaijan"."""
        folded = fold_name(_POSSESSIVE.sub("", word))
        return self.places.get(folded)

    def is_title(self, word: str) -> bool:
        return fold_name(word) in self.titles

    def is_organisation_word(self, word: str) -> bool:
        return fold_name(_POSSESSIVE.sub("", word)) in self.organisations

    def role_key(self, role: str) -> RoleKey:
        """Order-free key of a role: "Russian Foreign Minister" and "Minister of
        Foreign Affairs of Russia" have the same key."""
        return _role_key(self, role)

    def role_matches(self, mention: RoleKey, role: RoleKey) -> bool:
        """Whether a role mention ("the Russian minister") can name a person
        holding `role` ("Russian Foreign Minister"): same head word, no word the
        role lacks, and no distinguishing word (prime, former…) only the role has."""
        return (
            mention.head == role.head
            and mention.words <= role.words
            and not (role.words - mention.words) & self.distinguishing_qualifiers
        )

    def gender_of_words(self, words: Iterable[str]) -> str | None:
        """Gender implied by an honorific or a gendered role word ("Mrs.", "spokesman")."""
        for word in words:
            folded = fold_name(word)
            if folded in self.female_words:
                return "f"
            if folded in self.male_words:
                return "m"
        return None

    def gender_of_name(self, name: str) -> str | None:
        """Gender hinted by a full name: a given name listed as typically male or
        female, else a gender-marking surname ending."""
        words = name.split()
        if len(words) > 1:
            given = fold_name(words[0])
            if given in self.female_given_names:
                return "f"
            if given in self.male_given_names:
                return "m"
        return self.gender_of_surname(words[-1]) if words else None

    def gender_of_surname(self, surname: str) -> str | None:
        """Gender marked by a Russian/Azerbaijani surname ending (Zakharova, Lavrov)."""
        folded = fold_name(surname)
        if len(folded) < 5 or not folded.isascii() or not folded.isalpha():
            return None
        if folded.endswith(self.female_surname_endings):
            return "f"
        if folded.endswith(self.male_surname_endings):
            return "m"
        return None


@dataclass(frozen=True, slots=True)
class RoleKey:
    """A role reduced to its head word ("minister") and all its content words."""

    head: str
    words: frozenset[str]


_ROLE_STOPWORDS = frozenset({"the", "of", "for", "at", "a", "an", "in", "to", "and", "s", "on"})
# The head of "Assistant to the President of Azerbaijan" is "assistant": the
# last content word before the first preposition.
_ROLE_PREPOSITIONS = frozenset({"of", "for", "to", "at", "in", "on"})


@lru_cache(maxsize=4096)
def _role_key(vocabulary: Vocabulary, role: str) -> RoleKey:
    text = " " + fold_name(_POSSESSIVE_INSIDE.sub(" ", role)) + " "
    for phrase, replacement in vocabulary.role_synonyms:
        if f" {phrase} " in text:
            text = text.replace(f" {phrase} ", f" {replacement} ")
    words = text.split()
    key: set[str] = set()
    head = ""
    before_preposition = True
    i = 0
    while i < len(words):
        word = words[i]
        # Two-word place names first ("united states", "russian federation").
        pair = " ".join(words[i : i + 2])
        if len(words) > i + 1 and pair in vocabulary.places:
            key.add(vocabulary.places[pair])
            i += 2
            continue
        if word in _ROLE_PREPOSITIONS:
            before_preposition = False
        elif word not in _ROLE_STOPWORDS:
            place = vocabulary.places.get(word)
            key.add(place or word)
            if before_preposition and place is None:
                head = word
        i += 1
    return RoleKey(head, frozenset(key))


class People:
    """Known people, looked up by any spelling. Treat as immutable (it is cached)."""

    def __init__(self, persons: Iterable[Person] = (), vocabulary: Vocabulary | None = None):
        self.vocabulary = vocabulary or Vocabulary()
        self._persons: dict[str, Person] = {}
        self._by_key: dict[str, str] = {}
        for person in persons:
            self._persons[person.name] = person
            for spelling in (person.name, *person.aliases):
                self._by_key[fold_name(spelling)] = person.name

    def __len__(self) -> int:
        return len(self._persons)

    def __iter__(self) -> Iterator[Person]:
        return iter(self._persons.values())

    def __contains__(self, canonical: object) -> bool:
        return canonical in self._persons

    def names(self) -> list[str]:
        """Canonical names, in data-file order."""
        return list(self._persons)

    def person(self, canonical: str) -> Person | None:
        return self._persons.get(canonical)

    def canonical(self, mention: str) -> str | None:
        """Canonical name for a name or alias as written ("Aliev" → "Ilham Aliyev").

        Case, accents, hyphens and a possessive "'s" do not matter; leading title
        words are ignored ("President Aliyev"). Returns None for an unknown name —
        no fuzzy guessing: a wrong speaker is worse than none.
        """
        if mention.endswith(("s", "’", "'")):
            mention = _POSSESSIVE.sub("", mention)
        key = fold_name(mention.strip())
        found = self._by_key.get(key)
        if found is None:
            bare = self._bare(key)
            found = self._by_key.get(bare) if bare != key else None
            if found is None:
                found = self._without_middle_names(bare)
        return found

    def _without_middle_names(self, key: str) -> str | None:
        """A known person written with a middle name or a patronymic ("Nikol Vovayi
        Pashinyan", "Ilham Heydar oglu Aliyev", "Vladimir Vladimirovich Putin"): the
        given name and the surname of one person the data lists, in full."""
        words = key.split()
        if len(words) < 3:
            return None
        found = self._by_key.get(f"{words[0]} {words[-1]}")
        return found if found is not None and " " in fold_name(found) else None

    def bare_key(self, name: str) -> str:
        """`fold_name(name)` without leading title words ("Mr Blair" → "blair",
        "President Aliyev" → "aliyev"), so a name as articles write it finds the person.
        The last word always stays: "Mr Major" → "major", not nothing."""
        return self._bare(fold_name(name))

    def _bare(self, key: str) -> str:
        """A folded name without its leading title words (one rule for `canonical` and
        `bare_key`); the last word always stays."""
        words = key.split()
        while len(words) > 1 and words[0] in self.vocabulary.titles:
            words.pop(0)
        return " ".join(words)

    def canonical_of_key(self, key: str) -> str | None:
        """`canonical` for a name already folded with `fold_name` (a fast path)."""
        return self._by_key.get(key)

    def aliases(self, canonical: str) -> list[str]:
        """Other spellings of a canonical name (empty for an unknown name)."""
        person = self._persons.get(canonical)
        return list(person.aliases) if person else []

    def role(self, canonical: str) -> str | None:
        """The role the data file gives for a person, if any."""
        person = self._persons.get(canonical)
        return person.role if person else None

    def gender(self, canonical: str) -> str | None:
        """ "m", "f" or None."""
        person = self._persons.get(canonical)
        return person.gender if person else None


# ---------------------------------------------------------------- loading files

_PERSON_KEYS = frozenset({"name", "aliases", "role", "gender"})
_VOCABULARY_LISTS = (
    "titles",
    "organisations",
    "name_particles",
    "epithets",
    "distinguishing_qualifiers",
)
_GENDER_LISTS = (
    "male_words",
    "female_words",
    "female_surname_endings",
    "male_surname_endings",
    "female_given_names",
    "male_given_names",
)
_VOCABULARY_KEYS = frozenset({*_VOCABULARY_LISTS, "role_synonyms", "places", "gender"})


@dataclass(slots=True)
class _Draft:
    """People and vocabulary being merged from several files."""

    persons: dict[str, dict[str, Any]] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # folded spelling → name
    lists: dict[str, list[str]] = field(default_factory=dict)
    role_synonyms: dict[str, str] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)


def people_files() -> list[Path]:
    """The data files `load_people()` reads, in merge order.

    Raises DataFileError when `CAUCASUS_PEOPLE` names a file that does not exist.
    """
    files = [bundled_data_path(PEOPLE_FILE_NAME)]
    user_file = user_config_dir() / PEOPLE_FILE_NAME
    if user_file.is_file():
        files.append(user_file)
    for entry in os.environ.get(PEOPLE_ENV_VAR, "").split(os.pathsep):
        if not entry.strip():
            continue
        path = Path(entry.strip()).expanduser()
        if not path.is_file():
            raise DataFileError(f"{PEOPLE_ENV_VAR} names {path}, which is not a file")
        files.append(path)
    return files


def load_people(extra: Iterable[Path] = ()) -> People:
    """Bundled people.toml merged with the user's files (and `extra` files, last),
    with the given names of given_names.txt (bundled, then the user's).

    Cached: calling it again is cheap and returns the same object until one of
    the files changes. Raises DataFileError naming the file and the problem when a
    file is malformed.
    """
    files = [*people_files(), *(Path(p) for p in extra)]
    return _load_files(_signature(files), _signature(given_name_files()))


def given_name_files() -> list[Path]:
    """given_names.txt: the bundled one, then the user's if there is one."""
    files = [bundled_data_path(GIVEN_NAMES_FILE)]
    user_file = user_config_dir() / GIVEN_NAMES_FILE
    if user_file.is_file():
        files.append(user_file)
    return files


_Signature = tuple[tuple[str, int, int], ...]


def _signature(files: Iterable[Path]) -> _Signature:
    """Each file with its modification time and size: a changed file loads afresh."""
    signature = []
    for path in files:
        try:
            info = path.stat()
        except OSError as error:
            raise DataFileError(f"{path}: cannot read ({error.strerror})") from None
        signature.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(signature)


@lru_cache(maxsize=8)
def _load_files(signature: _Signature, given_names: _Signature = ()) -> People:
    draft = _Draft()
    for path_text, _mtime, _size in signature:
        _merge_file(draft, Path(path_text))
    return _build(draft, _given_names(Path(path) for path, _mtime, _size in given_names))


def _merge_file(draft: _Draft, path: Path) -> None:
    text = read_data_file(path)
    _merge_document(draft, _parse_toml(text, str(path)), str(path))


def _parse_toml(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DataFileError(f"{source}: not valid TOML ({error})") from None


def _merge_document(draft: _Draft, document: dict[str, Any], source: str) -> None:
    unknown = set(document) - {"person", "vocabulary"}
    if unknown:
        raise DataFileError(
            f"{source}: unknown section {sorted(unknown)[0]!r} "
            "(expected [[person]] tables and a [vocabulary] table)"
        )
    persons = document.get("person", [])
    if not isinstance(persons, list):
        raise DataFileError(f"{source}: 'person' must be written as [[person]] tables")
    for number, entry in enumerate(persons, start=1):
        _merge_person(draft, _checked_person(entry, f"{source}: [[person]] #{number}"))
    vocabulary = document.get("vocabulary", {})
    if not isinstance(vocabulary, dict):
        raise DataFileError(f"{source}: 'vocabulary' must be a table")
    _merge_vocabulary(draft, vocabulary, f"{source}: [vocabulary]")


def _checked_person(entry: object, where: str) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise DataFileError(f"{where}: must be a table")
    unknown = set(entry) - _PERSON_KEYS
    if unknown:
        raise DataFileError(
            f"{where}: unknown key {sorted(unknown)[0]!r} (expected name, aliases, role, gender)"
        )
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise DataFileError(f"{where}: 'name' must be a non-empty string")
    where = f"{where} ({name})"
    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise DataFileError(f"{where}: 'aliases' must be a list of non-empty strings")
    role = entry.get("role")
    if role is not None and (not isinstance(role, str) or not role.strip()):
        raise DataFileError(f"{where}: 'role' must be a non-empty string")
    gender = entry.get("gender")
    if gender is not None and gender not in ("m", "f"):
        raise DataFileError(f'{where}: \'gender\' must be "m" or "f"')
    return {
        "name": name.strip(),
        "aliases": [a.strip() for a in aliases],
        "role": role.strip() if role else None,
        "gender": gender,
    }


def _merge_person(draft: _Draft, entry: dict[str, Any]) -> None:
    existing = None
    for spelling in (entry["name"], *entry["aliases"]):
        existing = draft.keys.get(fold_name(spelling))
        if existing:
            break
    if existing is None:
        draft.persons[entry["name"]] = {"aliases": [], "role": None, "gender": None}
        existing = entry["name"]
    person = draft.persons[existing]
    for spelling in (entry["name"], *entry["aliases"]):
        if spelling != existing and spelling not in person["aliases"]:
            person["aliases"].append(spelling)
    for key in ("role", "gender"):
        if entry[key] is not None:
            person[key] = entry[key]
    for spelling in (existing, *person["aliases"]):
        draft.keys[fold_name(spelling)] = existing


def _merge_vocabulary(draft: _Draft, vocabulary: dict[str, Any], where: str) -> None:
    unknown = set(vocabulary) - _VOCABULARY_KEYS
    if unknown:
        raise DataFileError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    for key in _VOCABULARY_LISTS:
        draft.lists.setdefault(key, []).extend(_string_list(vocabulary.get(key, []), where, key))
    gender = vocabulary.get("gender", {})
    if not isinstance(gender, dict) or set(gender) - set(_GENDER_LISTS):
        raise DataFileError(f"{where}: 'gender' must be a table of {', '.join(_GENDER_LISTS)}")
    for key in _GENDER_LISTS:
        draft.lists.setdefault(key, []).extend(_string_list(gender.get(key, []), where, key))
    synonyms = vocabulary.get("role_synonyms", {})
    if not isinstance(synonyms, dict) or not all(isinstance(v, str) for v in synonyms.values()):
        raise DataFileError(f"{where}: 'role_synonyms' must be a table of strings")
    for phrase, replacement in synonyms.items():
        draft.role_synonyms[fold_name(phrase)] = fold_name(replacement)
    places = vocabulary.get("places", {})
    if not isinstance(places, dict):
        raise DataFileError(f"{where}: 'places' must be a table of lists")
    for place, words in places.items():
        for word in _string_list(words, where, f"places.{place}"):
            draft.places[fold_name(word)] = fold_name(place)


def _string_list(value: object, where: str, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(f"{where}: {key!r} must be a list of strings")
    return value


def _build(draft: _Draft, given_names: _GivenNames | None = None) -> People:
    def folded(key: str) -> frozenset[str]:
        return frozenset(fold_name(w) for w in draft.lists.get(key, []))

    def endings(key: str) -> tuple[str, ...]:
        return tuple(fold_name(w) for w in draft.lists.get(key, []))

    given_names = given_names or _GivenNames(frozenset(), frozenset(), {})
    vocabulary = Vocabulary(
        titles=folded("titles"),
        organisations=folded("organisations"),
        name_particles=folded("name_particles"),
        epithets=folded("epithets"),
        distinguishing_qualifiers=folded("distinguishing_qualifiers"),
        role_synonyms=tuple(
            sorted(draft.role_synonyms.items(), key=lambda item: -len(item[0].split()))
        ),
        places=dict(draft.places),
        male_words=folded("male_words"),
        female_words=folded("female_words"),
        female_surname_endings=endings("female_surname_endings"),
        male_surname_endings=endings("male_surname_endings"),
        female_given_names=folded("female_given_names") | given_names.female,
        male_given_names=folded("male_given_names") | given_names.male,
        given_name_forms=given_names.forms,
    )
    persons = (
        Person(name, tuple(data["aliases"]), data["role"], data["gender"])
        for name, data in draft.persons.items()
    )
    return People(persons, vocabulary)


@dataclass(slots=True)
class _GivenNames:
    male: frozenset[str]
    female: frozenset[str]
    forms: dict[str, frozenset[str]]


def _given_names(paths: Iterable[Path]) -> _GivenNames:
    """given_names.txt: each line `m:` or `f:`, a full given name, then its short forms."""
    male: set[str] = set()
    female: set[str] = set()
    forms: dict[str, set[str]] = {}
    for path in paths:
        for number, line in enumerate(read_data_file(path).splitlines(), start=1):
            text = line.strip()
            if not text or text.startswith("#"):
                continue
            gender, _, names = text.partition(":")
            words = [fold_name(word) for word in names.split()]
            if gender.strip() not in ("m", "f") or not words:
                raise DataFileError(
                    f"{path}:{number}: expected `m:` or `f:`, a given name and its short forms"
                )
            (male if gender.strip() == "m" else female).update(words)
            for word in words:
                forms.setdefault(word, set()).add(words[0])
    return _GivenNames(
        frozenset(male), frozenset(female), {word: frozenset(f) for word, f in forms.items()}
    )
