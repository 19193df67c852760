"""Read a phrase that names a speaker: a pronoun, a name, a role or an organisation.

`parse_mention` takes the words an attribution rule found next to a speech verb
(`he`, `Azerbaijani Foreign Minister Jeyhun Bayramov`, `Leyla Abdullayeva, press
secretary of the Azerbaijani Foreign Ministry`, `the Russian minister`, `a spokesman
for the Azerbaijani Ministry of Defense`, `the Armenian Foreign Ministry`) and says
which kind of mention it is, separating the name from the role words around it.
It returns None for a phrase that is not a plausible mention (a clause, a verb),
which is how attribution rules reject false matches. Linking a mention to a
person is `quotes_speakers`' job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise

from .people import Vocabulary, fold_name
from .sentences import DOTTED_TITLES, MASK, words

# "Said Ellis: “…”": a speech verb written before its speaker, capitalised.
INVERTED_CUE = re.compile(r"(?:Said|Says|Added|Adds|Asked|Asks|Wrote|Writes)\s+")

PRONOUN_GENDERS = {
    "he": "m", "him": "m", "she": "f", "her": "f",
    "they": None, "them": None, "it": None, "we": None, "i": None,
}  # fmt: skip

# A parenthesis is one token (dropped: "(D-Mo.)"); a word may hold inner dots
# ("U.S.") and end with an abbreviation dot ("Sen.").
_TOKEN = re.compile(r"\([^()]{0,60}\)|[^\W_](?:[\w’'\-]|\.(?=\w))*\.?|,")
_FORBIDDEN = re.compile(rf"[{MASK}\"“”«»:;!?—–―]")
_POSSESSIVE_END = re.compile(r"[’']s?$")
_MAX_MENTION_CHARS = 160
_MAX_PHRASE_WORDS = 12  # a role or an appositive
# Titles in the region's official style are long ("Head of the Press Service of the
# Ministry of Foreign Affairs Leyla Abdullayeva").
_MAX_NAMED_PHRASE_WORDS = 20

# Capitalised words that start sentences but never names.
NOT_NAMES = frozenset(
    words(
        """the a an this that these those it he she they we i you in on at for but and or if
    when while after before since as today yesterday tomorrow meanwhile however also
    then there here his her its their our my your some many most according following
    speaking earlier later still yet so thus both all each every no not other another
    such january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
    thursday friday saturday sunday by with from to of about under over into between
    against among through without within via per like unlike despite amid near during
    although though because unless whether once now even just only perhaps indeed
    instead including ironically conversely nevertheless nonetheless furthermore
    moreover besides finally overall again already adding saying noting asked asking
    speaking writing explaining separately similarly likewise additionally elsewhere
    initially eventually ultimately currently recently previously generally typically
    notably importantly interestingly crucially significantly clearly obviously
    apparently reportedly privately publicly officially personally frankly honestly
    basically essentially unfortunately fortunately surprisingly predictably
    increasingly accordingly consequently subsequently alternatively specifically
    particularly especially mostly partly largely originally traditionally neither
    either nor until whilst whereas"""
    )
)
# Capitalised speech verbs written before their speaker ("Continued Stone: …").
_LEADING_VERBS = frozenset(
    words(
        """said says added adds asked asks stated states continued continues explained
    explains noted notes wrote writes replied replies recalled recalls concluded
    concludes insisted insists warned warns"""
    )
)
_PAST_VERBS = frozenset(words("met told said saw sent spoke gave took left won lost made"))
# Words ending in -ed that describe a person in a role ("the retired general").
_ED_ADJECTIVES = frozenset(
    words(
        """retired embattled elected appointed designated unnamed detained jailed exiled
    acting outgoing newly-elected re-elected self-styled so-called disgraced ousted
    deposed beleaguered revered renowned celebrated respected decorated veteran armed
    masked unidentified"""
    )
)
_CONTRACTIONS = frozenset(
    words("here's it's that's there's what's who's he's she's let's where's how's")
)
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
# Word shapes no personal name has: a hyphen before a lower-case word ("Oscar-winner",
# "Kremlin-backed": a description; "Ban Ki-moon" has a short syllable there), and a time
# or an acronym glued to the next word ("PMTed" of "9:05PMTed Cruz").
_NOT_NAME_SHAPE = re.compile(r"-[a-z]{5,}|^[A-Z]{2,}[A-Z][a-z]")
_COORDINATED_NAME = re.compile(r"\s+[A-Z]")
# A particle glued to a name by a hyphen ("al-Assad", "bin-Laden"): one name word.
_GLUED_PARTICLE = re.compile(r"[a-z]{1,4}-[A-Z]")
_INDEFINITE = frozenset(
    ["a", "an", "one", "another", "two", "three", "four", "several", "some", "many", "other"]
)
_POSSESSIVE_DETERMINERS = frozenset(["his", "her", "its", "their", "our"])
_NP_INNER_WORDS = frozenset(
    ["of", "for", "the", "at", "on", "in", "to", "and", "from", "with", "s"]
)
_PREPOSITIONS = frozenset(
    words("""of for at to in from with on over by about into after before during against as""")
)
# Words that make a phrase a clause rather than a noun phrase.
_CLAUSE_WORDS = frozenset(
    words(
        """is are was were be been being has have had will would can could should may might
    must do does did not never that which who whom whose when where while because if
    than it he she they we i you me him us them there here said says say told tells
    added adds noted stressed asked also so but this these those"""
    )
)


class MentionKind(StrEnum):
    PRONOUN = "pronoun"  # he, she, they
    NAME = "name"  # a person's name, maybe with title words around it
    ROLE = "role"  # "the Russian minister": a definite role, someone in particular
    ORG = "org"  # an organisation or a country speaking as itself
    UNNAMED = "unnamed"  # "a spokesman", "officials": nobody in particular


@dataclass(slots=True)
class Mention:
    """A phrase naming a speaker, with offsets into the file text."""

    text: str
    start: int
    end: int
    kind: MentionKind
    name: str | None = None  # person or organisation name, without titles
    role: str | None = None  # role words as written ("Azerbaijani Foreign Minister")
    gender: str | None = None


class _Token:
    """A word (or a comma, or a parenthesis) of a phrase, with its offsets."""

    __slots__ = ("end", "start", "text", "word")

    def __init__(self, text: str, start: int, end: int):
        self.text = text
        self.start = start
        self.end = end
        # The word without an end-of-phrase full stop ("Bayramov." → "Bayramov").
        dotted = text.endswith(".") and not _is_abbreviated(text)
        self.word = text[:-1] if dotted else text


def _is_abbreviated(word: str) -> bool:
    # "D." (initial), "U.S.", "Sen.": a dot that belongs to the word.
    core = word[:-1]
    return len(core) <= 1 or "." in core or core.lower() in DOTTED_TITLES


def parse_mention(text: str, start: int, end: int, vocabulary: Vocabulary) -> Mention | None:
    """The mention written in `text[start:end]`, or None if it is not one."""
    start, end = _trimmed(text, start, end)
    if start >= end or end - start > _MAX_MENTION_CHARS:
        return None
    # The same phrases come back again and again (names in every article), so the
    # reading is cached by the phrase and moved to where it stands.
    parsed = _parse_phrase(text[start:end], vocabulary)
    if parsed is None:
        return None
    written, offset, length, kind, name, role, gender = parsed
    return Mention(written, start + offset, start + offset + length, kind, name, role, gender)


_Parsed = tuple[str, int, int, str, str | None, str | None, str | None]


@lru_cache(maxsize=32768)
def _parse_phrase(phrase: str, vocabulary: Vocabulary) -> _Parsed | None:
    mention = _parse_trimmed(phrase, 0, len(phrase), vocabulary)
    if mention is None:
        return None
    return (
        mention.text,
        mention.start,
        mention.end - mention.start,
        mention.kind,
        mention.name,
        mention.role,
        mention.gender,
    )


def _parse_trimmed(text: str, start: int, end: int, vocabulary: Vocabulary) -> Mention | None:
    if _FORBIDDEN.search(text, start, end):
        return None
    end = _before_unclosed_parenthesis(text, start, end)
    tokens = [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
    if len(tokens) > 1 and tokens[0].word.lower() in _LEADING_VERBS:
        tokens = tokens[1:]  # "Continued Stone", "Stated Stone": an inverted cue, then the name
    # A parenthesis after a name is dropped ("McCaskill (D-Mo.)"); inside a phrase it
    # stays, as a boundary ("… Red Cross (ICRC) Roberto Mardini").
    while tokens and tokens[-1].text.startswith("("):
        tokens.pop()
    if not tokens:
        return None
    if len(tokens) == 1 and tokens[0].word.lower() in PRONOUN_GENDERS:
        token = tokens[0]
        word = token.word
        return Mention(word, token.start, token.start + len(word), MentionKind.PRONOUN, None, None,
                       PRONOUN_GENDERS[word.lower()])  # fmt: skip
    parts = _comma_parts(tokens)
    if not parts:
        return None
    first = _parse_words(text, parts[0], vocabulary)
    if first is None or len(parts) == 1:
        return first
    if len(parts) > 2 and _is_party_and_state(parts[1]):
        parts = [parts[0], *parts[2:]]  # "Mitch McConnell, R-Ky., the majority leader"
    if len(parts) > 2 and _is_adverbial(parts[1]) and " " not in (first.name or " "):
        # "(in Berea,) OH, after winning Ohio, Gov. Jon Roe (R-OH)": the end of a place,
        # an adverbial, then the subject named in full.
        last = _parse_words(text, parts[-1], vocabulary)
        if last is not None and last.kind == MentionKind.NAME and " " in (last.name or ""):
            return last
    if not all(_may_trail(part) for part in parts[2:]):
        return None  # "X, Y, confirmed that …": a clause, not one speaker phrase
    return _with_appositive(text, first, parts[1], vocabulary)


def _before_unclosed_parenthesis(text: str, start: int, end: int) -> int:
    """A phrase cut inside a parenthesis ("Anna Eshoo (D-Calif" when the full stop of
    "D-Calif.)" ended it) ends before the parenthesis."""
    opening = text.rfind("(", start, end)
    if opening >= 0 and text.find(")", opening, end) < 0:
        return opening
    return end


def _may_be_appositive(part: list[_Token], vocabulary: Vocabulary) -> bool:
    """`press secretary of …`, `the director of …`, `House editor for …` may describe a
    name before them; `Trump` (in "Novi, Michigan, Trump says") may not."""
    lead = part[0].word
    if lead.lower() in ("the", "a", "an") or lead[:1].islower() or vocabulary.is_title(lead):
        return True
    return any(t.word[:1].islower() for t in part)


def _may_trail(part: list[_Token]) -> bool:
    """What may follow `NAME, ROLE`: a relative clause, an age, another appositive."""
    lead = part[0].word.lower()
    return lead in ("who", "whose", "which") or lead.isdigit() or _is_noun_phrase(part)


def _is_adverbial(part: list[_Token]) -> bool:
    """`after winning Ohio`, `on Monday`: a part opening with a preposition."""
    return part[0].word.lower() in _PREPOSITIONS


def _is_party_and_state(part: list[_Token]) -> bool:
    """`R-Ky.`, `D-Calif.`: a US legislator's party and state after the name."""
    return len(part) == 1 and _PARTY_AND_STATE.fullmatch(part[0].text) is not None


_PARTY_AND_STATE = re.compile(r"[A-Z]{1,2}-[A-Z][A-Za-z.]{0,8}")


def role_phrase(text: str, start: int, end: int) -> str | None:
    """The role words of an appositive (`press secretary of the Azerbaijani Foreign
    Ministry` in "Leyla Abdullayeva, press secretary of …, said"), without a leading
    article; None if `text[start:end]` reads as a clause."""
    start, end = _trimmed(text, start, end)
    if start >= end or _FORBIDDEN.search(text, start, end):
        return None
    tokens = [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
    tokens = _without_determiner([t for t in tokens if t.text != ","])
    if not tokens or not _is_noun_phrase(tokens):
        return None
    return _phrase(text, tokens)


def leading_mention(text: str, start: int, end: int, vocabulary: Vocabulary) -> Mention | None:
    """The subject at the start of a clause: "Abdullayeva is wary…", "The Russian
    minister said…", "He spoke…". None unless a verb-like word follows it."""
    tokens = []
    for match in _TOKEN.finditer(text, start, min(end, start + _MAX_MENTION_CHARS)):
        token = _Token(match.group(), match.start(), match.end())
        if tokens and not _continues_leading_phrase(token, vocabulary):
            following = token
            break
        if not tokens and token.text == ",":
            return None
        tokens.append(token)
        if len(tokens) == 1 and token.word.lower() in PRONOUN_GENDERS:
            continue
    else:
        return None
    if not tokens or (not following.text[:1].islower() and following.text != ","):
        return None
    if following.word.lower() in ("and", "or") and _COORDINATED_NAME.match(text, following.end):
        return None  # "Ryan and Trump will meet": two people, neither the speaker alone
    if len(tokens) == 1 and _opens_an_adjunct(tokens[0], following, vocabulary):
        return None  # "Hours later, Trump …", "Immediately after the attacks, Trump …"
    if tokens[0].word.lower() == "her" and _owned_person(text, tokens[1:], following, vocabulary):
        # "Her agent Barry Brown said", "Her husband said": a possessive, never the
        # subject; someone of hers speaks ("Her plan promises" is hers).
        return None
    if len(tokens) > 1 and tokens[0].word.lower() in PRONOUN_GENDERS:
        tokens = tokens[:1]
    mention = parse_mention(text, tokens[0].start, tokens[-1].end, vocabulary)
    if (mention is None or mention.kind != MentionKind.NAME) and following.word[:1].islower():
        named = _role_words_then_name(text, tokens, following, end, vocabulary)
        if named is not None:
            return named
    if mention is None or (mention.kind == MentionKind.PRONOUN and mention.text.lower() == "it"):
        return None
    return mention


def _owned_person(text: str, rest: list[_Token], following: _Token, vocabulary: Vocabulary) -> bool:
    """The words after a possessive `her` name a person: a kinship or role word, or a
    noun and then a name (`her husband`, `her agent Barry Brown`)."""
    first = rest[0] if rest else following
    return bool(
        vocabulary.gender_of_words([first.word])
        or vocabulary.is_title(first.word.lower())
        or (rest and first.word[:1].isupper())
        or _NAME_AFTER.match(text, first.end)
    )


_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")


_TIME_NOUNS = frozenset(words("seconds minutes moments hours days weeks months years decades"))


def _opens_an_adjunct(word: _Token, following: _Token, vocabulary: Vocabulary) -> bool:
    """A sentence's first word that opens an adverbial, not a subject: "Hours later",
    "Acknowledging that …", "Immediately after …", "Early in his campaign" (not "He
    later said", "Roe earlier said", nor "Kelly on Tuesday said", a given name)."""
    after = following.word.lower()
    folded = fold_name(word.word)
    if after in ("later", "earlier", "ago") and folded in _TIME_NOUNS:
        return True  # "Hours later", "Days earlier" (not "Fields later tweeted")
    if after == "that" and folded.endswith("ing"):
        return True  # "Acknowledging that …"
    return (
        folded.endswith("ly")
        and len(folded) > 4
        and after in _PREPOSITIONS
        and folded not in vocabulary.male_given_names
        and folded not in vocabulary.female_given_names
    )


# Lower-case role words between capitalised ones and a name: "presidential front-runner".
_MAX_LOWER_ROLE_WORDS = 3


def _role_words_then_name(
    text: str, tokens: list[_Token], following: _Token, end: int, vocabulary: Vocabulary
) -> Mention | None:
    """`Republican presidential candidate Jon Roe is …`, `Trump's campaign manager Jon
    Roe said …`: capitalised words that name nobody, lower-case role words, then a full
    name (one word only after a title word: "Labour party chairman Roe") and a verb."""
    if tokens[0].word.lower() in PRONOUN_GENDERS or all(
        t.word.lower() in ("the", "a", "an") for t in tokens
    ):
        return None  # "The controversial New Zealand scrum …": no role word before
    role: list[_Token] = []
    name: list[_Token] = []
    limit = min(end, tokens[0].start + _MAX_MENTION_CHARS)
    for match in _TOKEN.finditer(text, following.start, limit):
        token = _Token(match.group(), match.start(), match.end())
        if not name and token.word[:1].islower():
            if len(role) == _MAX_LOWER_ROLE_WORDS or not _may_be_role_word(token.word):
                return None
            role.append(token)
        elif token.word[:1].isupper() and _is_name_word(token.word, vocabulary):
            name.append(token)
        else:
            after = token
            break
    else:
        return None
    if not name or (len(name) == 1 and not vocabulary.is_title(role[-1].word)):
        return None
    if not (after.word[:1].islower() or after.text == ",") or after.word.lower() in ("and", "or"):
        return None  # "… Jon Roe and Ann Doe said": two people
    mention = parse_mention(text, tokens[0].start, name[-1].end, vocabulary)
    if mention is None or mention.kind != MentionKind.NAME or mention.name != _phrase(text, name):
        return None
    return mention


def _may_be_role_word(word: str) -> bool:
    """`presidential`, `front-runner`, `campaign`: a word of a role, not a verb, an adverb,
    a preposition or a clause's word ("told", "quickly", "in", "that")."""
    lower = word.lower()
    return not (
        lower in _CLAUSE_WORDS
        or lower in _PREPOSITIONS
        or lower in NOT_NAMES
        or _is_past_verb(word)
        or lower.endswith("ly")
        or (lower.endswith("ing") and lower not in _ED_ADJECTIVES)
        or (lower.endswith("s") and not lower.endswith("ss"))  # "calls", "says", "rallies"
    )


def _continues_leading_phrase(token: _Token, vocabulary: Vocabulary) -> bool:
    word = token.word
    if token.text.startswith("("):
        return True
    if word[:1].isupper():
        return True
    folded = word.lower()
    return (
        folded in ("of", "the", "for")
        or vocabulary.is_title(word)
        or (folded in vocabulary.name_particles)
    )


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ',—–―-"“”«»'):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ","):
        end -= 1
    return start, end


def _comma_parts(tokens: list[_Token]) -> list[list[_Token]]:
    """Tokens between commas; a parenthesis ending a part is dropped ("Rep. Jim
    Jordan (R-Ohio), an oversight panel member")."""
    parts: list[list[_Token]] = [[]]
    for token in tokens:
        if token.text == ",":
            if parts[-1]:
                parts.append([])
        else:
            parts[-1].append(token)
    for part in parts:
        while part and part[-1].text.startswith("("):
            part.pop()
    return [part for part in parts if part]


def _with_appositive(
    text: str, first: Mention, second: list[_Token], vocabulary: Vocabulary
) -> Mention | None:
    """`NAME, ROLE` or `ROLE, NAME`; a relative clause or an age after a name is fine."""
    if first.kind == MentionKind.NAME:
        return _name_then_role(text, first, second, vocabulary)
    if first.kind in (MentionKind.ROLE, MentionKind.UNNAMED):
        return _role_then_name(text, first, second, vocabulary)
    if first.kind == MentionKind.ORG:
        return first
    return None


def _name_then_role(
    text: str, name: Mention, second: list[_Token], vocabulary: Vocabulary
) -> Mention | None:
    """`Leyla Abdullayeva, press secretary of …`: the role after the name."""
    lead = second[0].word.lower()
    if _is_party_and_state(second) or (len(second) == 1 and lead in NOT_NAMES):
        return name  # "Mitch McConnell, R-Ky., …"; "Mr Howard, however, said"
    if lead in _PREPOSITIONS or (lead in NOT_NAMES and lead not in ("the", "a", "an")):
        return name  # "Roe, after winning Ohio, said": an adverbial, not a role
    if not _may_be_appositive(second, vocabulary):
        return name if lead.isdigit() or lead in ("who", "whose") else None
    if lead in ("the", "a", "an"):
        # "the executive director at X and whose …": the role ends before the clause.
        clause_at = next(
            (i for i, t in enumerate(second) if i and t.word.lower() in _CLAUSE_WORDS), None
        )
        if clause_at is not None:
            second = second[:clause_at]
            if second[-1].word.lower() in ("and", "or"):
                second = second[:-1]
    if _is_noun_phrase(second) and not lead.isdigit() and lead not in ("who", "whose"):
        name.role = _phrase(text, _without_determiner(second))
        name.gender = name.gender or vocabulary.gender_of_words(t.word for t in second)
        name.text = text[name.start : second[-1].end]
        name.end = second[-1].end
        return name
    # "Smith, 45, …" or "Trump, who …": the rest belongs to the name's clause.
    return name if lead.isdigit() or lead in ("who", "whose") else None


def _role_then_name(
    text: str, role: Mention, second: list[_Token], vocabulary: Vocabulary
) -> Mention | None:
    """`the President of Azerbaijan, Ilham Aliyev`: the name after the role (not a
    fronted clause: `the minister met Pashinyan, Aliyev …`)."""
    role_words = _role_words(text, role)
    if not _is_title_prefix(role_words) or any(_is_past_verb(t.word) for t in role_words):
        return None
    name = _parse_words(text, second, vocabulary)
    if name is None or name.kind != MentionKind.NAME:
        return None
    name.role = role.role
    name.gender = name.gender or role.gender
    name.text = text[role.start : name.end]
    name.start = role.start
    return name


def _is_clause_word(word: str) -> bool:
    """A verb or a pronoun that makes words a clause; "US" in capitals is no "us"."""
    return word.lower() in _CLAUSE_WORDS and not _is_acronym(word)


def _is_past_verb(word: str) -> bool:
    """`met`, `visited`, `told`: a verb, so the words around it are a clause."""
    lower = word.lower()
    if lower in _PAST_VERBS:
        return True
    return (
        word.islower() and lower.endswith("ed") and len(lower) > 4 and lower not in _ED_ADJECTIVES
    )


def _role_words(text: str, mention: Mention) -> list[_Token]:
    return [
        _Token(m.group(), m.start(), m.end())
        for m in _TOKEN.finditer(text, mention.start, mention.end)
        if m.group() != ","
    ]


def _without_determiner(words: list[_Token]) -> list[_Token]:
    if words and words[0].word.lower() in ("the", "a", "an"):
        return words[1:] or words
    return words


def _phrase(text: str, words: list[_Token]) -> str:
    return text[words[0].start : words[-1].start + len(words[-1].word)]


def _parse_words(text: str, words: list[_Token], vocabulary: Vocabulary) -> Mention | None:
    if not words or len(words) > _MAX_NAMED_PHRASE_WORDS:
        return None
    lead = words[0].word
    lead_lower = lead.lower()
    owned = _owned_name(text, words, vocabulary)
    if owned is not None:
        return owned
    if lead_lower in ("a", "an"):
        described = _described_name(text, words, vocabulary)
        if described is not None:
            return described
    if lead_lower in ("a", "an", "the"):
        contact = _contact_clause_name(text, words, vocabulary)
        if contact is not None:
            return contact
    if lead_lower in _INDEFINITE:
        return _determiner_phrase(text, words, words[1:], MentionKind.UNNAMED, vocabulary)
    if lead_lower == "the":
        titled = _titled_name(text, words, vocabulary)
        if titled is not None:
            return titled
        return _determiner_phrase(text, words, words[1:], MentionKind.ROLE, vocabulary)
    if lead_lower in _POSSESSIVE_DETERMINERS:
        # "his spokesman" names a speaker, "his country" does not.
        head = _head(words[1:])
        if head is None or not (
            vocabulary.is_title(head.word) or vocabulary.is_organisation_word(head.word)
        ):
            return None
        return _determiner_phrase(text, words, words, MentionKind.ROLE, vocabulary)
    if _POSSESSIVE_END.search(lead):
        if lead_lower.replace("’", "'") in _CONTRACTIONS:
            # "That's Life host Ann Roe": a show's title, its role word, then the name;
            # "Here’s Clinton in 1993:" is a clause, not "Here"'s anything.
            return _after_a_title_of_a_work(text, words, vocabulary)
        return _determiner_phrase(text, words, words, MentionKind.ROLE, vocabulary)
    if _is_group(words, vocabulary):
        return _determiner_phrase(text, words, words, MentionKind.UNNAMED, vocabulary)
    if lead_lower in NOT_NAMES:
        return None  # "While the President …", "For his part …": not a phrase start
    name_words, prefix = _split_name(words, vocabulary)
    if name_words:
        if not _is_title_prefix(prefix):
            return None
        gender = vocabulary.gender_of_words(t.word for t in prefix)
        if gender is None and len(name_words) > 1:
            gender = vocabulary.gender_of_name(" ".join(t.word for t in name_words))
        role = _phrase(text, prefix) if prefix else None
        return _name_mention(text, words, name_words, role, gender)
    if not all(t.word[:1].isupper() or t.word.lower() in _NP_INNER_WORDS for t in words):
        return None
    return _capitalised_phrase(text, words, vocabulary)


def _after_a_title_of_a_work(
    text: str, words: list[_Token], vocabulary: Vocabulary
) -> Mention | None:
    """`That's Life host Ann Roe`, `What's My Line panellist Jon Roe`: a title of a work
    opening with a contraction, capitalised words, a lower-case title word, a full name."""
    rest = words[1:]
    while rest and rest[0].word[:1].isupper():
        rest = rest[1:]
    if len(rest) == len(words) - 1 or len(rest) < 3:
        return None
    name_words, prefix = _split_name(rest, vocabulary)
    if len(name_words) < 2 or not prefix or not all(vocabulary.is_title(t.word) for t in prefix):
        return None
    gender = vocabulary.gender_of_name(_phrase(text, name_words))
    return _name_mention(text, words, name_words, _phrase(text, prefix), gender)


def _contact_clause_name(text: str, words: list[_Token], vocabulary: Vocabulary) -> Mention | None:
    """`a Franck Muller watch Ann said (was one of ten)`, `the deal Jon Roe said (was the
    best)`: a thing, then a relative clause without "that" whose subject is the speaker.
    The name follows a lower-case noun that is no role word (`the minister Jon Roe` is
    a titled name) and is a full name or a given name the data knows."""
    index = len(words)
    while index > 1 and _is_name_word(words[index - 1].word, vocabulary):
        index -= 1
    name, before = words[index:], words[index - 1]
    if not name or len(name) > 3 or index < 2:
        return None
    if any(t.word.lower() in _PREPOSITIONS or t.word.lower() in ("and", "or", "&") for t in words):
        return None  # "a spokesman for Jon Roe", "the minister and his aide Jon Roe"
    lower = before.word.lower()
    if not before.word.islower() or vocabulary.is_title(lower) or lower in _NP_INNER_WORDS:
        return None
    if lower in _CLAUSE_WORDS or lower in _PREPOSITIONS or _is_past_verb(before.word):
        return None
    if vocabulary.gender_of_words([before.word]) is not None or _is_noun_kin(lower):
        return None  # "his daughter Jill", "the singer's wife Ann": an appositive
    if len(name) == 1:
        given = fold_name(name[0].word)
        if given not in vocabulary.male_given_names and given not in vocabulary.female_given_names:
            return None
    return _name_mention(text, name, name, None, vocabulary.gender_of_name(_phrase(text, name)))


def _is_noun_kin(word: str) -> bool:
    return word in ("friend", "colleague", "partner", "spouse", "child", "cousin")


def _titled_name(text: str, words: list[_Token], vocabulary: Vocabulary) -> Mention | None:
    """`the Tory leader Michael Howard`, `the Rev. Jon Roe`, `the US secretary of state Jon
    Roe`: a role after "the" and then a name (not `the Daily Ruritanian`, a name alone)."""
    name_words, prefix = _split_name(words[1:], vocabulary)
    if not name_words or not prefix or not _is_title_prefix(prefix):
        return None
    if any(_is_past_verb(t.word) or t.text.startswith("(") for t in prefix):
        return None
    if not any(vocabulary.is_title(t.word) or t.word[:1].islower() for t in prefix):
        return None  # "the Liberal Democrat Party Jon": no role word before the name
    if not _names_one_person(name_words, prefix, vocabulary):
        return None
    gender = vocabulary.gender_of_words(t.word for t in prefix)
    if gender is None and len(name_words) > 1:
        gender = vocabulary.gender_of_name(_phrase(text, name_words))
    return _name_mention(text, words, name_words, _phrase(text, prefix), gender)


def _names_one_person(
    name_words: list[_Token], prefix: list[_Token], vocabulary: Vocabulary
) -> bool:
    """Role words before a name name one person: no second person or "and" among them
    ("the daughter of Jon Roe and Ruritanian leader Ann Roe"), and a one-word name only
    after an honorific or a kinship word ("the Rev. Roe", "his daughter Jill"; "the
    celebrity press ReganBooks" and "Roe's Facebook" are things)."""
    if any(t.word.lower() in ("and", "or", "&") for t in prefix):
        return False
    if any(
        _is_name_word(a.word, vocabulary) and _is_name_word(b.word, vocabulary)
        for a, b in pairwise(prefix)
    ):
        return False
    if len(name_words) > 1:
        return True
    last = prefix[-1] if prefix else None
    return last is not None and (
        last.text.endswith(".") or vocabulary.gender_of_words([last.word]) is not None
    )


def _owned_name(text: str, words: list[_Token], vocabulary: Vocabulary) -> Mention | None:
    """`Fletcher's daughter Jill`, `War on Want's John Hilary`, `the minister's aide Jon
    Roe`, `Azerbaijan's Foreign Minister Jeyhun Bayramov`: an owner in the possessive, maybe
    role words, then the name of the one who speaks (never the owner)."""
    owner_end = None
    for index, token in enumerate(words[:-1]):
        if _POSSESSIVE_END.search(token.word) and token.word[-1:] in "sS":
            owner_end = index
    if owner_end is None:
        return None
    owner, tail = words[: owner_end + 1], words[owner_end + 1 :]
    if owner[0].word.lower().replace("’", "'") in _CONTRACTIONS or not _is_noun_phrase(owner):
        return None  # "Here's Clinton": a clause
    if owner[0].word.lower() in _PREPOSITIONS or any(
        t.word.lower() in NOT_NAMES and t.word.lower() not in _NP_INNER_WORDS for t in owner
    ):
        return None  # "When Clinton's aide …", "From Roe's Facebook": no owner of a speaker
    name_words, prefix = _split_name(tail, vocabulary)
    if not name_words or not _is_title_prefix(prefix):
        return None
    if not _names_one_person(name_words, prefix, vocabulary):
        return None
    if any(_is_past_verb(t.word) or t.text.startswith("(") for t in prefix):
        return None
    if any(t.word[:1].isupper() and not vocabulary.is_title(t.word) for t in prefix):
        return None  # "Trump's Twitter account Jon": not role words before a name
    # Without role words the owner is no role ("Russia's Lavrov").
    role = _phrase(text, _without_determiner(owner + prefix)) if prefix else None
    gender = vocabulary.gender_of_words(t.word for t in prefix)
    if gender is None and len(name_words) == 1:
        given = fold_name(name_words[0].word)  # "his daughter Jill": a given name alone
        if given in vocabulary.female_given_names:
            gender = "f"
        elif given in vocabulary.male_given_names:
            gender = "m"
    elif gender is None:
        gender = vocabulary.gender_of_name(_phrase(text, name_words))
    return _name_mention(text, words, name_words, role, gender)


def _described_name(text: str, words: list[_Token], vocabulary: Vocabulary) -> Mention | None:
    """`a smiling Pashinyan`, `a visibly tired Anar Guliyev`: lower-case words describing
    a name (not `a Foreign Ministry spokesman`, whose last word is lower-case)."""
    first_capital = next((i for i, t in enumerate(words) if t.word[:1].isupper()), None)
    if first_capital is None or first_capital < 2 or len(words) - first_capital > 3:
        return None
    described = words[1:first_capital]
    if any(t.word.lower() in _CLAUSE_WORDS or t.word.lower() in _PREPOSITIONS for t in described):
        return None
    name = words[first_capital:]
    # "a pro-Clinton super PAC": an acronym is an organisation, not a person.
    if not all(_is_name_word(t.word, vocabulary) and not t.word.isupper() for t in name):
        return None
    gender = vocabulary.gender_of_name(_phrase(text, name)) if len(name) > 1 else None
    return _name_mention(text, words, name, None, gender, last=name[-1])


def _is_group(words: list[_Token], vocabulary: Vocabulary) -> bool:
    """`sources`, `Armenian officials`, `Western diplomats`: people in the plural,
    unnamed (a plural noun, maybe after an adjective or a place)."""
    if len(words) > 3:
        return False
    head = words[-1].word
    if _PLURAL_ACRONYM.fullmatch(head):
        return True  # "MPs", "MEPs"
    if head[:1].isupper() and (
        head.endswith("ians") or (head.endswith("s") and vocabulary.place(head[:-1]))
    ):
        return True  # "Americans", "most Syrians": people of a country, nobody in particular
    if not (head.islower() and head.endswith("s") and len(head) > 4):
        return False
    return not any(t.word.lower() in _CLAUSE_WORDS or t.word.lower() in NOT_NAMES for t in words)


def _capitalised_phrase(text: str, words: list[_Token], vocabulary: Vocabulary) -> Mention | None:
    """A capitalised phrase without a personal name: organisation, country or title."""
    phrase = _phrase(text, words)
    start, end = words[0].start, words[-1].start + len(words[-1].word)
    if _is_organisation(words, vocabulary) or vocabulary.place(phrase):
        return Mention(phrase, start, end, MentionKind.ORG, _without_possessive(phrase))
    if any(vocabulary.is_title(t.word) for t in words):
        gender = vocabulary.gender_of_words(t.word for t in words)
        return Mention(phrase, start, end, MentionKind.ROLE, None, phrase, gender)
    return None


def _determiner_phrase(
    text: str,
    words: list[_Token],
    rest: list[_Token],
    kind: MentionKind,
    vocabulary: Vocabulary,
) -> Mention | None:
    if not rest or not _is_noun_phrase(rest):
        return None
    phrase = _phrase(text, rest)
    start, end = words[0].start, words[-1].start + len(words[-1].word)
    written = text[start:end]
    if _PLURAL_ACRONYM.fullmatch(rest[-1].word):
        kind = MentionKind.UNNAMED  # "the MPs": people in the plural, nobody in particular
    if kind == MentionKind.ROLE and (
        _is_organisation(rest, vocabulary)
        or (_is_proper_noun_phrase(rest, vocabulary) and not _is_demonym(rest, vocabulary))
    ):
        return Mention(written, start, end, MentionKind.ORG, _without_possessive(phrase))
    gender = vocabulary.gender_of_words(t.word for t in rest)
    return Mention(written, start, end, kind, None, phrase, gender)


def _is_demonym(words: list[_Token], vocabulary: Vocabulary) -> bool:
    """`the Spaniard`, `the Ruritanian`, `the Frenchman`: one person of a country, an
    epithet for someone the article names (or nobody), never an organisation."""
    if len(words) != 1:
        return False
    word = words[0].word
    return vocabulary.place(word) is not None or word.endswith(("ian", "iard", "man", "ese"))


def _without_possessive(name: str) -> str:
    """ "Labour's election slogan will be: …": the speaker is Labour, not "Labour's"."""
    return _TRAILING_POSSESSIVE.sub("", name)


_TRAILING_POSSESSIVE = re.compile(r"(?<=\w)[’']s?$")


def _is_proper_noun_phrase(words: list[_Token], vocabulary: Vocabulary) -> bool:
    """`the Countryside Alliance`, `the Liberal Democrats`: capitalised words that name
    something, no title among them (`the Russian Foreign Minister` is a role)."""
    return (
        all(
            (t.word[:1].isupper() and not vocabulary.is_title(t.word))
            or t.word.lower() in _NP_INNER_WORDS
            for t in words
        )
        and words[-1].word[:1].isupper()
    )


def _is_organisation(words: list[_Token], vocabulary: Vocabulary) -> bool:
    head = _head(words)
    if head is None:
        return False
    index = words.index(head)
    if vocabulary.is_organisation_word(head.word):
        return True
    if index > 0:
        pair = f"{words[index - 1].word} {head.word}"
        return fold_name(pair) in vocabulary.organisations
    return False


def _head(words: list[_Token]) -> _Token | None:
    """Last word before the first preposition: "spokesman" in "a spokesman for …"."""
    head = None
    for token in words:
        if token.word.lower() in _PREPOSITIONS:
            break
        head = token
    return head


def _is_title_prefix(words: list[_Token]) -> bool:
    """Words before a name describe it ("Azerbaijani Foreign Minister", "Trump critic",
    "Secretary of State") without prepositions other than of/for, or verbs."""
    return (
        len(words) < _MAX_NAMED_PHRASE_WORDS
        and not any(_is_clause_word(t.word) for t in words)
        and not any(
            t.word.lower() in _PREPOSITIONS and t.word.lower() not in ("of", "for") for t in words
        )
    )


def _is_noun_phrase(words: list[_Token]) -> bool:
    """No verb in it ("the Florida senator suspended his campaign" is a clause); "US"
    in "a US Embassy spokesman" is the country, not the pronoun "us"."""
    return len(words) <= _MAX_PHRASE_WORDS and not any(
        _is_clause_word(t.word) or _is_past_verb(t.word) for t in words
    )


def _name_mention(
    text: str,
    words: list[_Token],
    name_words: list[_Token],
    role: str | None,
    gender: str | None,
    last: _Token | None = None,
) -> Mention:
    """A person's mention: `words` as said, ending at `last` (their last word unless
    given), naming `name_words`."""
    last = last or words[-1]
    return Mention(
        _phrase(text, words),
        words[0].start,
        last.start + len(last.word),
        MentionKind.NAME,
        _phrase(text, name_words),
        role,
        gender,
    )


def _is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _split_name(words: list[_Token], vocabulary: Vocabulary) -> tuple[list[_Token], list[_Token]]:
    """Split `Azerbaijani Foreign Minister Jeyhun Bayramov` into the name at the end
    and the title words before it; no name if the capitalised words end a role or an
    organisation (`Ministry of Defense`)."""
    index = len(words)
    if len(words) > 1 and fold_name(_pair(words[-2], words[-1])) in vocabulary.organisations:
        return [], words  # "a Hillary Clinton White House": a thing named after someone
    if len(words) > 1 and _is_surname_title(words, vocabulary):
        index -= 1  # "Charlie King", "John Major": a title word as a surname
    while index > 0:
        token = words[index - 1]
        if _is_shouted(token.word) and not all(_is_shouted(t.word) for t in words[index:]):
            break  # "… FOR THE FIRST TIME - Jeffrey M. Jones": a capitals headline, then a name
        if (
            _is_name_word(token.word, vocabulary)
            or (
                token.word.lower() in vocabulary.name_particles
                and index < len(words)
                and _name_word_before(words, index - 1, vocabulary)
            )
            or _is_place_surname(words, index - 1, vocabulary)
        ):
            index -= 1
        else:
            break
    if index == len(words) and len(words) > 1 and _is_honorific_and_title(words, vocabulary):
        index -= 1  # "Mr. King", "Dr Bishop": a title word as a surname after an honorific
    name, prefix = words[index:], words[:index]
    while (
        len(name) > 1
        and fold_name(name[0].word) in vocabulary.epithets
        and not (prefix and prefix[-1].word.lower() in _NP_INNER_WORDS)
    ):
        # "Striker Jon Roe", "Classy Roe": a description before the name, not its start.
        prefix, name = [*prefix, name[0]], name[1:]
    if not name or len(name) > 5:
        return [], words
    if prefix and _is_shouted(prefix[-1].word) and all(_is_shouted(t.word) for t in name):
        return [], words  # "IOWA POLLS NOT NECESSARILY WRONG": a headline, no name in it
    if prefix and prefix[-1].word.lower() in _NP_INNER_WORDS:
        of_at = len(prefix) - 1
        if prefix[-1].word.lower() == "the" and len(prefix) > 2:
            of_at -= 1  # "Del. Stacey Plaskett of the Virgin Islands"
        if prefix[of_at].word.lower() == "of" and of_at > 0:
            # "Rep. Elijah Cummings of Maryland": the name comes before "of".
            name, inner_prefix = _split_name(prefix[:of_at], vocabulary)
            if name:
                return name, inner_prefix
        return [], words
    return name, prefix


def _pair(first: _Token, second: _Token) -> str:
    return f"{first.word} {second.word}"


def _is_shouted(word: str) -> bool:
    """A word in capitals, three letters or more ("TIME"), not an initial or "III"."""
    return len(word) >= 3 and word.isalpha() and word.isupper() and word.strip("IVX") != ""


def _is_honorific_and_title(words: list[_Token], vocabulary: Vocabulary) -> bool:
    """`Mr. King`, `Mrs Major`: an honorific (it gives a gender, or is "Dr") and then one
    capitalised title word, which can only be a surname there."""
    honorific, last = words[-2].word, words[-1].word
    return (
        last[:1].isupper()
        and vocabulary.is_title(last)
        and honorific[:1].isupper()
        and (vocabulary.gender_of_words([honorific]) is not None or fold_name(honorific) == "dr")
        and fold_name(last) in _SURNAME_TITLES
    )


# Title words that are also common surnames ("Mr. King", "Mrs Major"); not "Mr President",
# "Madam Speaker", which address an office.
_SURNAME_TITLES = frozenset(
    words("king major bishop marshal judge prince pope chancellor dean sergeant")
)


def _is_surname_title(words: list[_Token], vocabulary: Vocabulary) -> bool:
    last, given = words[-1].word, fold_name(words[-2].word)
    return vocabulary.is_title(last) and (
        given in vocabulary.male_given_names or given in vocabulary.female_given_names
    )


def _is_place_surname(words: list[_Token], index: int, vocabulary: Vocabulary) -> bool:
    """`Michael London`, `George Washington`, `Theresa May`: a place's or a month's name
    as the last word of a name, right after a given name the data knows."""
    if index != len(words) - 1 or index == 0:
        return False
    word, given = words[index].word, fold_name(words[index - 1].word)
    return (
        word[:1].isupper()
        and (vocabulary.place(word) is not None or word.lower() in _MONTH_SURNAMES)
        and (given in vocabulary.male_given_names or given in vocabulary.female_given_names)
    )


# Months that are also surnames ("Theresa May", "Jon April"); never the first word.
_MONTH_SURNAMES = frozenset(words("may june april august march"))


def _name_word_before(words: list[_Token], index: int, vocabulary: Vocabulary) -> bool:
    """Whether a name word precedes `index`, past any particles ("Ursula von der")."""
    while index > 0:
        index -= 1
        word = words[index].word
        if word.lower() not in vocabulary.name_particles:
            return _is_name_word(word, vocabulary)
    return False


def _is_name_word(word: str, vocabulary: Vocabulary) -> bool:
    if not word[:1].isupper():
        # "al-Assad", "el-Sisi": a particle glued to a name is a name word.
        return (
            "-" in word
            and _GLUED_PARTICLE.match(word) is not None
            and word.split("-", 1)[0] in vocabulary.name_particles
            and _is_name_word(word.split("-", 1)[1], vocabulary)
        )
    return (
        word[:1].isupper()
        and not word.startswith("(")
        and _NOT_NAME_SHAPE.search(word) is None
        and not _PLURAL_ACRONYM.fullmatch(word)
        and word.lower() not in NOT_NAMES
        and not _POSSESSIVE_END.search(word)
        and not vocabulary.is_title(word)
        and vocabulary.place(word) is None
        and not vocabulary.is_organisation_word(word)
    )
