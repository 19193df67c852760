"""Known people: name folding, canonical names, the user's people.toml files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from caucasus_cli.errors import DataFileError
from caucasus_cli.quotes.people import (
    PEOPLE_ENV_VAR,
    People,
    fold_name,
    load_people,
    people_files,
)


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty config folder, so that the developer's own files do not count."""
    home = tmp_path / "config"
    (home / "caucasus").mkdir(parents=True)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    monkeypatch.delenv(PEOPLE_ENV_VAR, raising=False)
    return home / "caucasus"


@pytest.fixture
def people(config_home: Path) -> People:
    return load_people()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Əliyev", "eliyev"),
        ("ALIYEV", "aliyev"),
        ("Erdoğan", "Erdogan"),
        ("Mevlüt Çavuşoğlu", "mevlut cavusoglu"),
        ("Hacıyev", "haciyev"),
        ("İlham", "ilham"),
        ("Ter-Petrosyan", "ter petrosyan"),
        ("  Nikol   Pashinyan ", "nikol pashinyan"),
        ("O’Brien", "OBrien"),
        ("John F. Kerry", "john f kerry"),
        ("Straße", "strasse"),
    ],
)
def test_fold_name_ignores_case_accents_and_separators(a: str, b: str) -> None:
    assert fold_name(a) == fold_name(b)


def test_fold_name_keeps_different_names_apart() -> None:
    assert fold_name("Sargsyan") != fold_name("Sarkissian")
    assert fold_name("Aliyev") != fold_name("Aliyeva")


@pytest.mark.parametrize(
    ("mention", "canonical"),
    [
        ("Aliev", "Ilham Aliyev"),
        ("Əliyev", "Ilham Aliyev"),
        ("ilham aliyev", "Ilham Aliyev"),
        ("President Aliyev", "Ilham Aliyev"),
        ("Aliyev’s", "Ilham Aliyev"),
        ("Pashinian", "Nikol Pashinyan"),
        ("Nikol Pachinian", "Nikol Pashinyan"),
        ("Ceyhun Bayramov", "Jeyhun Bayramov"),
        ("Bayramov", "Jeyhun Bayramov"),
        ("Hikmat Hajiyev", "Hikmet Hajiyev"),
        ("Hikmət Hacıyev", "Hikmet Hajiyev"),
        ("Sergei Lavrov", "Sergey Lavrov"),
        ("Erdogan", "Recep Tayyip Erdoğan"),
        ("Cavusoglu", "Mevlüt Çavuşoğlu"),
        ("Mariya Zakharova", "Maria Zakharova"),
        ("Dmitri Peskov", "Dmitry Peskov"),
        ("Armen Sargsyan", "Armen Sarkissian"),
        ("Serzh Sarkisian", "Serzh Sargsyan"),
        ("Leyla Abdullayeva", "Leyla Abdullayeva"),
    ],
)
def test_canonical_merges_spelling_variants(people: People, mention: str, canonical: str) -> None:
    assert people.canonical(mention) == canonical


@pytest.mark.parametrize("mention", ["Sargsyan", "Harutyunyan", "Donald Trump", "Baku", ""])
def test_canonical_does_not_guess(people: People, mention: str) -> None:
    # A surname several known people share, or an unknown name, is not resolved.
    assert people.canonical(mention) is None


@pytest.mark.parametrize(
    "mention", ["President Aliyev", "Mr. Lavrov", "Foreign Minister Bayramov", "Lavrov", "Mr"]
)
def test_canonical_and_bare_key_strip_titles_the_same_way(people: People, mention: str) -> None:
    # One rule for both: a titled name finds the person through either, and a title
    # alone ("Mr") is kept as its last word, so it names no one.
    assert people.canonical(mention) == people.canonical_of_key(people.bare_key(mention))


def test_aliases_roles_and_genders(people: People) -> None:
    assert "Aliev" in people.aliases("Ilham Aliyev")
    assert people.aliases("Nobody Known") == []
    assert people.role("Jeyhun Bayramov") == "Azerbaijani Foreign Minister"
    assert people.role("Sergey Lavrov") == "Russian Foreign Minister"
    assert people.role("Nobody Known") is None
    assert people.gender("Leyla Abdullayeva") == "f"
    assert people.gender("Nikol Pashinyan") == "m"
    assert "Ilham Aliyev" in people and len(people) >= 25
    assert people.names()[0] == "Ilham Aliyev"


def test_every_person_has_a_role_and_a_gender(people: People) -> None:
    for person in people:
        assert person.role, person.name
        assert person.gender in ("m", "f"), person.name


@pytest.mark.parametrize(
    ("mention", "holder"),
    [
        ("the President of Azerbaijan", "Ilham Aliyev"),
        ("the Azerbaijani president", "Ilham Aliyev"),
        ("the Russian foreign minister", "Sergey Lavrov"),
        ("Armenia's PM", "Nikol Pashinyan"),
        ("the spokeswoman of the Russian Foreign Ministry", "Maria Zakharova"),
    ],
)
def test_roles_match_in_any_word_order(people: People, mention: str, holder: str) -> None:
    vocabulary = people.vocabulary
    key = vocabulary.role_key(mention)
    holders = [
        person.name
        for person in people
        if person.role and vocabulary.role_matches(key, vocabulary.role_key(person.role))
    ]
    assert holders == [holder]


def test_a_different_role_does_not_match(people: People) -> None:
    vocabulary = people.vocabulary
    minister = vocabulary.role_key("the minister")
    assert vocabulary.role_matches(minister, vocabulary.role_key("Azerbaijani Foreign Minister"))
    # "the minister" is not the prime minister, "the president" not a former one.
    assert not vocabulary.role_matches(minister, vocabulary.role_key("Prime Minister of Armenia"))
    president = vocabulary.role_key("the President of Azerbaijan")
    heydar = vocabulary.role_key("former President of Azerbaijan")
    assert not vocabulary.role_matches(president, heydar)
    # The head word counts: an assistant to the president is not the president.
    aide = vocabulary.role_key("Assistant to the President of Azerbaijan")
    assert not vocabulary.role_matches(president, aide)


def test_user_file_adds_aliases_and_people(config_home: Path) -> None:
    (config_home / "people.toml").write_text(
        """
[[person]]
name = "Ilham Aliyev"
aliases = ["I. Aliyev"]

[[person]]
name = "Anna Hakobyan"
aliases = ["Hakobyan"]
role = "Spouse of the Prime Minister of Armenia"
gender = "f"

[vocabulary]
titles = ["ombudswoman"]
""",
        encoding="utf-8",
    )
    people = load_people()
    assert people.canonical("I. Aliyev") == "Ilham Aliyev"
    assert people.canonical("Aliev") == "Ilham Aliyev"  # bundled aliases stay
    assert people.canonical("Hakobyan") == "Anna Hakobyan"
    assert people.gender("Anna Hakobyan") == "f"
    assert people.vocabulary.is_title("Ombudswoman")


def test_user_entry_named_by_an_alias_extends_that_person(config_home: Path) -> None:
    (config_home / "people.toml").write_text(
        '[[person]]\nname = "Pashinian"\naliases = ["N. Pashinyan"]\nrole = "Armenian PM"\n',
        encoding="utf-8",
    )
    people = load_people()
    assert people.canonical("N. Pashinyan") == "Nikol Pashinyan"
    assert people.role("Nikol Pashinyan") == "Armenian PM"
    assert "Nikol Pashinyan" in people.names() and "Pashinian" not in people.names()


def test_environment_variable_names_more_files(
    config_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tmp_path / "a.toml"
    second = tmp_path / "b.toml"
    first.write_text('[[person]]\nname = "Gegham Stepanyan"\n', encoding="utf-8")
    second.write_text('[[person]]\nname = "Sabina Aliyeva"\n', encoding="utf-8")
    monkeypatch.setenv(PEOPLE_ENV_VAR, os.pathsep.join([str(first), str(second)]))
    assert people_files()[-2:] == [first, second]
    people = load_people()
    assert people.canonical("gegham stepanyan") == "Gegham Stepanyan"
    assert people.canonical("Sabina Aliyeva") == "Sabina Aliyeva"


def test_load_people_is_cached_until_a_file_changes(config_home: Path) -> None:
    user_file = config_home / "people.toml"
    user_file.write_text('[[person]]\nname = "Gegham Stepanyan"\n', encoding="utf-8")
    first = load_people()
    assert load_people() is first
    user_file.write_text('[[person]]\nname = "Gegham Stepanyan"\naliases = ["G. S."]\n')
    os.utime(user_file, ns=(1, 1))  # a different mtime even on coarse file systems
    again = load_people()
    assert again is not first
    assert again.canonical("G. S.") == "Gegham Stepanyan"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("[[person]\nname = 'x'", "not valid TOML"),
        ("[people]\nname = 'x'", "unknown section 'people'"),
        ("person = 'Aliyev'", "[[person]] tables"),
        ("[[person]]\naliases = ['x']", "'name' must be a non-empty string"),
        ("[[person]]\nname = 'X'\nalias = ['y']", "unknown key 'alias'"),
        ("[[person]]\nname = 'X'\naliases = 'y'", "'aliases' must be a list"),
        ("[[person]]\nname = 'X'\ngender = 'male'", "'gender' must be"),
        ("[[person]]\nname = 'X'\nrole = 3", "'role' must be"),
        ("[vocabulary]\ntitles = 'mayor'", "'titles' must be a list of strings"),
        ("[vocabulary]\ncolours = []", "unknown key 'colours'"),
        ("[vocabulary.places]\narmenia = 'Armenian'", "must be a list of strings"),
    ],
)
def test_malformed_user_file_raises_a_clear_value_error(
    config_home: Path, content: str, problem: str
) -> None:
    user_file = config_home / "people.toml"
    user_file.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as raised:
        load_people()
    message = str(raised.value)
    assert str(user_file) in message
    assert problem in message
    assert "\n" not in message


def test_user_file_that_is_not_utf8_raises_value_error(config_home: Path) -> None:
    user_file = config_home / "people.toml"
    user_file.write_bytes(b'[[person]]\nname = "\xff\xfe"\n')
    with pytest.raises(ValueError, match="not UTF-8"):
        load_people()


def test_missing_file_in_environment_variable_raises_value_error(
    config_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "nowhere.toml"
    monkeypatch.setenv(PEOPLE_ENV_VAR, str(missing))
    with pytest.raises(ValueError, match=str(missing)):
        load_people()


def test_a_file_of_ones_own_adds_its_people(tmp_path: Path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text('[[person]]\nname = "Ani Badalyan"\ngender = "f"\n', encoding="utf-8")
    people = load_people([extra])
    assert "Ani Badalyan" in people.names()
    assert people.canonical("ani badalyan") == "Ani Badalyan"
    assert people.gender("Ani Badalyan") == "f"


@pytest.mark.parametrize(
    ("first", "second"),
    [("ken", "kenneth"), ("bill", "william"), ("billy", "bill"), ("kate", "katherine")],
)
def test_forms_of_one_given_name_are_the_same_given_name(
    people: People, first: str, second: str
) -> None:
    assert people.vocabulary.same_given_name(first, second)
    assert people.vocabulary.same_given_name(second, first)


@pytest.mark.parametrize(("first", "second"), [("john", "jonathan"), ("ken", "karen")])
def test_names_that_only_share_a_short_form_are_different(
    people: People, first: str, second: str
) -> None:
    assert not people.vocabulary.same_given_name(first, second)


def test_a_user_given_names_file_adds_short_forms(config_home: Path) -> None:
    assert not load_people().vocabulary.same_given_name("lev", "levon")
    (config_home / "given_names.txt").write_text("m: levon lev\n", encoding="utf-8")
    vocabulary = load_people().vocabulary
    assert vocabulary.same_given_name("lev", "levon")
    assert vocabulary.same_given_name("ken", "kenneth")  # the bundled forms stay


def test_a_malformed_given_names_line_names_the_file_and_line(config_home: Path) -> None:
    (config_home / "given_names.txt").write_text("levon lev\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"given_names\.txt:1"):
        load_people()


@pytest.mark.parametrize(
    ("mention", "canonical"),
    [
        ("Nikol Vovayi Pashinyan", "Nikol Pashinyan"),  # an Armenian patronymic
        ("Jeyhun Aziz oglu Bayramov", "Jeyhun Bayramov"),  # an Azerbaijani one
        ("Mehriban Arif qizi Aliyeva", "Mehriban Aliyeva"),
        ("Prime Minister Nikol Vovayi Pashinyan", "Nikol Pashinyan"),
    ],
)
def test_a_middle_name_or_patronymic_finds_the_known_person(
    people: People, mention: str, canonical: str
) -> None:
    assert people.canonical(mention) == canonical


@pytest.mark.parametrize("mention", ["Nikol Vovayi Smith", "Anar Ilham Aliyev Doe"])
def test_other_given_names_or_surnames_are_not_the_known_person(
    people: People, mention: str
) -> None:
    assert people.canonical(mention) is None
