"""Quotations and reported speech in Russian-language paragraphs, with their speakers.

Sources of this conflict are often Russian-language wire copy (TASS, Interfax, RIA
Novosti). Russian typography and grammar differ from English enough that the English
rules (`extract.py`, `attribution.py`) would misread them, so a paragraph written
mostly in Cyrillic is read here instead (`extract_quotes` hands such paragraphs over):

- `«…», — заявил X.` and `«…?» — спросил X.`: the quotation, a dash, the speech verb
  and the speaker (or `«…», — X заявил.`);
- `X заявил: «…»` (also `X заявил журналистам: «…»`);
- `По словам X, «…»`, and `По словам X, …` as reported speech;
- `Как сообщил X, …` and `X сообщил, что …` as reported speech;
- quotations nested inside a quotation („…“ or «…» inside «…») stay part of it.

Speech verbs (every gender and number form), offices and the places that precede a
name in an office ("Министр иностранных дел Азербайджана Джейхун Байрамов") are data
(`ru_speech_verbs.txt`, `ru_roles.txt`, `ru_places.txt`), user-extendable.

Speakers: a full name ("Джейхун Байрамов") names a person; a surname alone, in any
case ("Байрамова"), names the person the article gave that surname, by Russian stem;
an office alone ("— отметил министр", "по словам вице-премьера") names the one person
the article gave that office, and nobody when two share it; "он"/"она" the speaker of
the quotation before, when the verb's gender does not contradict. A wrong speaker is
worse than none: anything else is left without one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from ..config import data_lines
from ..ingest.stemming import stem_russian
from ..models import HowAttributed, Paragraph, Quote, QuoteKind, SpeakerEvidence
from .sentences import words

__all__ = ["extract_russian_quotes", "split_russian"]

_CYRILLIC_LETTER = re.compile("[\u0400-\u04ff]")
_LATIN_LETTER = re.compile("[A-Za-z]")
_MIN_CYRILLIC_LETTERS = 20

_OPENERS = "«„"
_CLOSERS = "»“"
_DASH = r"[—–-]"
# A sentence ends at . ! ? or … followed by a space and a capital or a quotation mark.
_SENTENCE_END = re.compile(r"[.!?…](?=\s+[«\"„A-ZА-ЯЁ])|$")
_WORD = re.compile(r"[\w][\w\-]*")
# A capitalised Cyrillic word (a name or a place), not an acronym (МИД, ТАСС).
_CAPITALISED = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)?")
_PATRONYMIC = re.compile(r"(?:ович|евич|ич|овна|евна|ична|инична)$")
_PRONOUNS = {"он": "m", "она": "f", "они": None}
# "По его словам", "по её словам", "по их словам".
_GENITIVE_PRONOUNS = {"его": "m", "её": "f", "ее": "f", "их": None}
# Words between a speech verb and its speaker that are not the speaker: "заявил
# журналистам", "сказал в интервью агентству ТАСС". A capitalised word right after
# one of these is an outlet, not a person.
_OUTLET_CONTEXT = frozenset(
    words(
        """интервью агентству агентства изданию издания телеканалу телеканала газете
        газеты радио радиостанции журналу журнала порталу сайту"""
    )
)
# A name after a preposition ("с коллегой из Греции", "с Араратом Мирзояном") is
# never the subject, so never the speaker.
_PREPOSITIONS = frozenset(
    words("в во на по с со из к ко от для о об при у за перед над под между через без")
)
# Words that may stand before an office read alone: to whom, and adverbs.
_LEAD_WORDS = frozenset(
    words("журналистам репортерам репортёрам корреспонденту также вновь ранее затем")
)
# "По словам Байрамова, …", "По его словам, …"
_ACCORDING_TO = re.compile(
    r"(?i:по\s+(?P<pronoun>его|её|ее|их)\s+словам|по\s+словам\s+(?P<who>[^,:;]{2,120})),\s*"
)
_ADVERBS = r"(?:также|вновь|ранее|еще|ещё|затем|позднее)"
_MIN_UNATTRIBUTED_WORDS = 4
_WINDOW = 300  # characters read around a quotation for its attribution


def split_russian(
    text: str, paragraphs: Sequence[Paragraph]
) -> tuple[list[Paragraph], list[Paragraph]]:
    """(Russian-language paragraphs, the others): a paragraph is Russian when it has
    more Cyrillic letters than Latin ones, and enough of them to judge."""
    russian, others = [], []
    for paragraph in paragraphs:
        words = text[paragraph.start : paragraph.end]
        cyrillic = len(_CYRILLIC_LETTER.findall(words))
        is_russian = cyrillic >= _MIN_CYRILLIC_LETTERS and cyrillic > len(
            _LATIN_LETTER.findall(words)
        )
        (russian if is_russian else others).append(paragraph)
    return russian, others


class _Position(StrEnum):
    """Where a mention stands, which tells its grammatical case."""

    SUBJECT = "subject"  # nominative: "Байрамов заявил", "— заявил Байрамов"
    ACCORDING = "according"  # genitive: "по словам Байрамова"
    ANY = "any"  # a name written anywhere, in any case ("с Араратом Мирзояном")


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    name: str | None  # the words of the name as written
    role: str | None  # the office as written
    pronoun: str | None = None  # "m", "f", or "" for "они"
    position: _Position = _Position.SUBJECT


@dataclass(slots=True)
class _Person:
    name: str
    surname_stem: str
    evidence: tuple[int, int]
    role: str | None
    nominative: bool  # the name is written in the nominative here


@dataclass(slots=True)
class _Draft:
    start: int
    end: int
    paragraph: int
    kind: QuoteKind
    cue: str | None
    mention: _Mention | None
    verb_gender: str | None = None
    person: _Person | None = None
    how: HowAttributed | None = None
    evidence: tuple[int, int] | None = None
    role: str | None = None
    mention_text: str | None = None


def extract_russian_quotes(text: str, paragraphs: Sequence[Paragraph]) -> list[Quote]:
    """Quotations and reported speech in Russian-language `paragraphs` of `text`, in
    document order, with speakers where the text settles them."""
    drafts: list[_Draft] = []
    names: list[_Mention] = []
    for paragraph in sorted(paragraphs, key=lambda p: p.start):
        reader = _ParagraphReader(text, paragraph)
        drafts.extend(reader.drafts())
        names.extend(reader.names())
    _resolve(text, drafts, names)
    return [_to_quote(text, draft) for draft in sorted(drafts, key=lambda d: (d.start, d.kind))]


# ------------------------------------------------------------------ vocabulary


@cache
def _verbs() -> frozenset[str]:
    return frozenset(word.lower() for word in data_lines("ru_speech_verbs.txt"))


@cache
def _verb_pattern() -> re.Pattern[str]:
    alternatives = "|".join(sorted((re.escape(v) for v in _verbs()), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


@cache
def _role_stems() -> tuple[tuple[str, ...], ...]:
    """Each office as the stems of its words, longest first."""
    roles = {tuple(_stems(role)) for role in data_lines("ru_roles.txt")}
    return tuple(sorted(roles, key=len, reverse=True))


@cache
def _place_stems() -> frozenset[str]:
    return frozenset(stem for place in data_lines("ru_places.txt") for stem in _stems(place))


def _stems(phrase: str) -> list[str]:
    return [stem_russian(word.lower()) for word in _WORD.findall(phrase)]


def _gender_of_verb(verb: str) -> str | None:
    verb = verb.lower()
    if verb.endswith("ла") or verb.endswith("на"):  # заявила, уверена
        return "f"
    if verb.endswith("л") or verb.endswith("н"):  # заявил, уверен
        return "m"
    return None


# ------------------------------------------------------------------ reading


class _ParagraphReader:
    """Quotations and reported speech of one paragraph, each with its speaker phrase."""

    def __init__(self, text: str, paragraph: Paragraph):
        self.text = text
        self.paragraph = paragraph
        self.spans = _guillemet_spans(text, paragraph.start, paragraph.end)
        # Quoted words blanked out, so that nothing inside a quotation is read as
        # a verb or a speaker.
        chars = list(text[paragraph.start : paragraph.end])
        for open_mark, close_mark in self.spans:
            for i in range(open_mark + 1, close_mark):
                chars[i - paragraph.start] = (
                    "_" if not chars[i - paragraph.start].isspace() else " "
                )
        self.masked = "".join(chars)
        self.offset = paragraph.start

    def drafts(self) -> list[_Draft]:
        found = [self._direct(o, c) for o, c in self.spans]
        drafts = [d for d in found if d is not None]
        quoted = [(o, c) for o, c in self.spans]
        drafts.extend(d for d in self._reported() if not _overlaps(d, quoted))
        return drafts

    # --- direct quotations

    def _direct(self, open_mark: int, close_mark: int) -> _Draft | None:
        start, end = open_mark + 1, close_mark
        draft = _Draft(start, end, self.paragraph.number, QuoteKind.DIRECT, None, None)
        attribution = self._after(close_mark) or self._before(open_mark)
        if attribution is not None:
            draft.cue, draft.mention, draft.verb_gender = attribution
            return draft
        if len(_WORD.findall(self.text, start, end)) >= _MIN_UNATTRIBUTED_WORDS:
            return draft
        return None  # a name or a title in quotation marks: «Газпром», «Южный Кавказ»

    def _after(self, close_mark: int) -> tuple[str, _Mention | None, str | None] | None:
        """«…», — заявил X.  /  «…», — X заявил.  /  «…» — спросил X."""
        local = close_mark + 1 - self.offset
        head = re.compile(rf"[ \t]*,?[ \t]*{_DASH}[ \t]*").match(self.masked, local)
        if head is None:
            return None
        clause_end = self._clause_end(head.end())
        clause = self.masked[head.end() : clause_end]
        verb = _verb_pattern().match(clause, _skip_adverbs(clause, 0))
        if verb is not None:
            who = self._mention_after(head.end() + verb.end(), clause_end)
            return verb.group(), who, _gender_of_verb(verb.group())
        for verb in _verb_pattern().finditer(clause):
            # "— Байрамов заявил": the words between the dash and the verb name the speaker.
            who = self._mention_before(head.end(), head.end() + verb.start())
            if who is not None:
                return verb.group(), who, _gender_of_verb(verb.group())
            break
        return None

    def _before(self, open_mark: int) -> tuple[str, _Mention | None, str | None] | None:
        """X заявил: «…»  /  По словам X, «…»"""
        local = open_mark - self.offset
        lower = self._sentence_start(local)
        window = self.masked[lower:local]
        according = _ACCORDING_TO.search(window)
        if according is not None and according.end() == len(window):
            group = "who" if according.group("who") else "pronoun"
            who = self._according_to(lower + according.start(group), lower + according.end(group))
            return "по словам", who, None
        colon = re.search(r":\s*$", window)
        if colon is None:
            return None
        verbs = list(_verb_pattern().finditer(window))
        if not verbs:
            return None
        verb = verbs[-1]
        # Only a few words (to whom, where) between the verb and the colon.
        if len(_WORD.findall(window, verb.end(), colon.start())) > 6:
            return None
        who = self._mention_before(lower, lower + verb.start())
        return verb.group(), who, _gender_of_verb(verb.group())

    # --- reported speech

    def _reported(self) -> Iterator[_Draft]:
        masked = self.masked
        for sentence_start, sentence_end in self._sentences():
            sentence = masked[sentence_start:sentence_end]
            draft = (
                self._as_reported(sentence, sentence_start)
                or self._according_reported(sentence, sentence_start)
                or self._that_clause(sentence, sentence_start)
                or self._trailing(sentence, sentence_start)
            )
            if draft is not None:
                yield draft

    def _as_reported(self, sentence: str, base: int) -> _Draft | None:
        """Как сообщил X, …"""
        match = re.match(r"\s*(?i:как)\s+", sentence)
        if match is None:
            return None
        verb = _verb_pattern().match(sentence, match.end())
        if verb is None:
            return None
        comma = sentence.find(",", verb.end())
        if comma < 0:
            return None
        who = self._mention_in(base + verb.end(), base + comma, last=False)
        return self._reported_draft(base + comma + 1, base + len(sentence), verb.group(), who)

    def _according_reported(self, sentence: str, base: int) -> _Draft | None:
        """По словам X, … (without quotation marks)"""
        match = _ACCORDING_TO.match(sentence, len(sentence) - len(sentence.lstrip()))
        if match is None or "«" in sentence[match.end() :]:
            return None
        group = "who" if match.group("who") else "pronoun"
        who = self._according_to(base + match.start(group), base + match.end(group))
        return self._reported_draft(base + match.end(), base + len(sentence), "по словам", who)

    def _that_clause(self, sentence: str, base: int) -> _Draft | None:
        """X заявил, что …"""
        for verb in _verb_pattern().finditer(sentence):
            that = re.compile(r"[^,.:;«]{0,60}?,\s*(?i:что)\s+").match(sentence, verb.end())
            if that is None:
                continue
            who = self._mention_before(base, base + verb.start())
            if who is None:
                return None
            draft = self._reported_draft(base + that.end(), base + len(sentence), verb.group(), who)
            if draft is not None:
                draft.verb_gender = _gender_of_verb(verb.group())
            return draft
        return None

    def _trailing(self, sentence: str, base: int) -> _Draft | None:
        """…, заявил X.  (the speaker named after the reported words)"""
        for comma in re.finditer(r",\s*", sentence):
            verb = _verb_pattern().match(sentence, _skip_adverbs(sentence, comma.end()))
            if verb is None or "«" in sentence[: comma.start()]:
                continue
            end = len(sentence.rstrip(" \t\n.!?…"))
            who = self._mention_in(base + verb.end(), base + end, last=False)
            if who is None or who.pronoun is not None:
                return None
            return self._reported_draft(base, base + comma.start(), verb.group(), who)
        return None

    def _reported_draft(
        self, start: int, end: int, cue: str, who: _Mention | None
    ) -> _Draft | None:
        text = self.text
        start, end = start + self.offset, end + self.offset
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1] in " \t\n.":
            end -= 1
        if who is None or len(_WORD.findall(text, start, end)) < 3:
            return None
        draft = _Draft(start, end, self.paragraph.number, QuoteKind.INDIRECT, cue, who)
        draft.verb_gender = _gender_of_verb(cue)
        return draft

    # --- mentions

    def _mention_after(self, start: int, end: int) -> _Mention | None:
        """The speaker after a speech verb: the first name or office, skipping an outlet
        ("в интервью агентству ТАСС") and who was spoken to ("журналистам")."""
        return self._mention_in(start, end, last=False)

    def _mention_before(self, start: int, end: int) -> _Mention | None:
        """The speaker before a speech verb: the name or office ending right before it."""
        words = list(_WORD.finditer(self.masked, start, end))
        while words and re.fullmatch(_ADVERBS, words[-1].group(), re.IGNORECASE):
            words.pop()
        if not words:
            return None
        last = words[-1].group().lower()
        if last in _PRONOUNS and len(words) >= 1:
            return self._pronoun(words[-1])
        # The subject is the noun phrase right before the verb: from the last
        # clause boundary (a dash, a dot, a comma) on.
        boundary = max(
            self.masked.rfind(mark, start, words[-1].start())
            for mark in ("—", " - ", ".", ",", "/")
        )
        lower = max(start, boundary + 1)
        return self._mention_in(lower, words[-1].end(), last=True)

    def names(self) -> Iterator[_Mention]:
        """Every full name the paragraph writes (in any case), with its office: the
        people a surname or an office alone may later refer to."""
        for start, end in self._sentences():
            words = list(_WORD.finditer(self.masked, start, end))
            for run in _name_runs(words):
                if len(run[1]) >= 2:
                    mention = self._named(words, run)
                    mention.position = _Position.ANY
                    yield mention

    def _named(self, words: list[re.Match[str]], run: tuple[int, list[re.Match[str]]]) -> _Mention:
        role_start = _role_start(words, run[0])
        name_words = run[1]
        start = words[role_start].start() if role_start is not None else name_words[0].start()
        role = (
            self.masked[words[role_start].start() : name_words[0].start()].strip()
            if role_start is not None
            else None
        )
        return _Mention(
            self.offset + start,
            self.offset + name_words[-1].end(),
            " ".join(w.group() for w in name_words),
            role or None,
        )

    def _pronoun(self, word: re.Match[str]) -> _Mention:
        gender = _PRONOUNS[word.group().lower()]
        return _Mention(
            self.offset + word.start(),
            self.offset + word.end(),
            None,
            None,
            pronoun=gender or "",
        )

    def _according_to(self, start: int, end: int) -> _Mention | None:
        """Who "по словам …" names: a name or an office in the genitive, or его/её."""
        words = list(_WORD.finditer(self.masked, start, end))
        if len(words) == 1 and words[0].group().lower() in _GENITIVE_PRONOUNS:
            gender = _GENITIVE_PRONOUNS[words[0].group().lower()]
            return _Mention(
                self.offset + words[0].start(),
                self.offset + words[0].end(),
                None,
                None,
                pronoun=gender or "",
            )
        who = self._mention_in(start, end, last=False)
        if who is not None:
            who.position = _Position.ACCORDING
        return who

    def _mention_in(self, start: int, end: int, last: bool) -> _Mention | None:
        """The name (with its office) or the office alone in masked[start:end]."""
        words = list(_WORD.finditer(self.masked, start, end))
        if not words:
            return None
        if not last and words[0].group().lower() in _PRONOUNS:
            return self._pronoun(words[0])
        runs = _name_runs(words)
        if runs:
            return self._named(words, runs[-1] if last else runs[0])
        role_start = _role_start(words, len(words))
        # An office alone speaks only when it opens the phrase ("— отметил министр",
        # "заявил журналистам министр"); in "пресс-служба администрации президента"
        # the president is not the speaker.
        if role_start is None or any(
            w.group().lower() not in _LEAD_WORDS for w in words[:role_start]
        ):
            return None
        role_end = words[-1].end() if last else _role_end(words, role_start)
        role = self.masked[words[role_start].start() : role_end].strip()
        return _Mention(self.offset + words[role_start].start(), self.offset + role_end, None, role)

    # --- sentences

    def _sentences(self) -> Iterator[tuple[int, int]]:
        position = 0
        for match in _SENTENCE_END.finditer(self.masked):
            end = match.end()
            if end > position:
                yield position, end
            position = end
            if match.group() == "":
                break

    def _sentence_start(self, local: int) -> int:
        start = 0
        for sentence_start, sentence_end in self._sentences():
            if sentence_start > local:
                break
            start = sentence_start
            if sentence_end >= local:
                break
        return start

    def _clause_end(self, local: int) -> int:
        limit = min(len(self.masked), local + _WINDOW)
        match = re.compile(r"[.!?;«]|$").search(self.masked, local, limit)
        return match.start() if match and match.group() else limit


def _skip_adverbs(clause: str, position: int) -> int:
    match = re.compile(rf"{_ADVERBS}\s+", re.IGNORECASE).match(clause, position)
    return match.end() if match else position


def _guillemet_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(opening mark, closing mark) of each outermost «…» of text[start:end]; „…“ and
    «…» inside one are part of it. An unclosed quotation is left out."""
    spans = []
    depth = 0
    opened = -1
    for position in range(start, end):
        char = text[position]
        if char in _OPENERS:
            if depth == 0:
                if char != "«":
                    continue  # „ opens only inside «…» here
                opened = position
            depth += 1
        elif char in _CLOSERS and depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, position))
    return spans


def _overlaps(draft: _Draft, spans: list[tuple[int, int]]) -> bool:
    return any(draft.start <= close and open_ <= draft.end for open_, close in spans)


def _name_runs(words: list[re.Match[str]]) -> list[tuple[int, list[re.Match[str]]]]:
    """(index of the run's first word, the person's name words) of each run of
    capitalised words that is not an office or a place: `Азербайджана Джейхун Байрамов`
    gives `Джейхун Байрамов`."""
    runs: list[tuple[int, list[re.Match[str]]]] = []
    current: list[int] = []
    outlet_before = False
    for index, word in enumerate([*words, None]):
        is_name = (
            word is not None
            and _CAPITALISED.fullmatch(word.group()) is not None
            and stem_russian(word.group().lower()) not in _place_stems()
            and _role_at(words, index) is None
        )
        if is_name:
            if not current:
                previous = words[index - 1].group().lower() if index else ""
                outlet_before = previous in _OUTLET_CONTEXT or previous in _PREPOSITIONS
            current.append(index)
            continue
        if current and not outlet_before:
            names = [words[i] for i in current]
            # A first name and surname, with a patronymic between them at most.
            keep = 3 if len(names) >= 3 and _PATRONYMIC.search(names[-2].group()) else 2
            names = names[-keep:]
            runs.append((current[-len(names)], names))
        current = []
    return runs


def _role_at(words: list[re.Match[str]], index: int) -> int | None:
    """The number of words of the office that starts at words[index], if any."""
    for role in _role_stems():
        if index + len(role) > len(words):
            continue
        if all(stem_russian(words[index + i].group().lower()) == role[i] for i in range(len(role))):
            return len(role)
    return None


def _role_start(words: list[re.Match[str]], before: int) -> int | None:
    """The index of the office's first word before words[before]: the earliest office
    word of the noun phrase ("Пресс-секретарь президента России"), where only
    lower-case words, offices, places and acronyms stand between it and there."""
    found = None
    for index in range(before - 1, -1, -1):
        if _role_at(words, index) is not None:
            found = index
            continue
        word = words[index].group()
        if _CAPITALISED.fullmatch(word) and stem_russian(word.lower()) not in _place_stems():
            break
    return found


def _role_end(words: list[re.Match[str]], role_start: int) -> int:
    """The end of an office read alone: its own words and the genitives after it
    ("министр иностранных дел Азербайджана"), up to a preposition."""
    length = _role_at(words, role_start) or 1
    end = words[role_start + length - 1].end()
    for word in words[role_start + length :]:
        if word.group().lower() in _PREPOSITIONS:
            break
        end = word.end()
    return end


# ------------------------------------------------------------------ speakers


def _resolve(text: str, drafts: list[_Draft], names: list[_Mention]) -> None:
    """Settle speakers in the order the article mentions them."""
    people: list[_Person] = []
    last_speaker: _Person | None = None

    def by_surname(stem: str) -> _Person | None:
        matches = [p for p in people if p.surname_stem == stem]
        return matches[-1] if matches else None

    events: list[tuple[int, int, _Draft | _Mention]] = [(m.start, 0, m) for m in names]
    events += [(d.mention.start, 1, d) for d in drafts if d.mention is not None]
    for _position, _order, event in sorted(events, key=lambda e: (e[0], e[1])):
        if isinstance(event, _Mention):
            _register(event, people, by_surname)
            continue
        draft = event
        mention = draft.mention
        assert mention is not None
        draft.mention_text = text[mention.start : mention.end]
        draft.role = mention.role
        person, how = _person_for(mention, draft, people, by_surname, last_speaker)
        # A pronoun refers to the speaker named for the quotation just before; after
        # a speaker phrase that settles nobody ("— добавила дипломат"), to nobody.
        last_speaker = person
        if person is None:
            continue
        draft.person, draft.how = person, how
        # A full name here is its own evidence; a surname, an office or a pronoun
        # points at where the article wrote the full name.
        own = how == HowAttributed.NAMED and mention.name and " " in mention.name
        draft.evidence = (mention.start, mention.end) if own else person.evidence


def _register(mention: _Mention, people: list[_Person], by_surname) -> None:
    assert mention.name is not None
    stem = stem_russian(mention.name.split()[-1].lower())
    known = by_surname(stem)
    if known is None:
        people.append(
            _Person(mention.name, stem, (mention.start, mention.end), mention.role, False)
        )
    elif mention.role and not known.role:
        known.role = mention.role


def _person_for(mention, draft, people, by_surname, last_speaker):
    if mention.pronoun is not None:
        if last_speaker is None or not _agrees(draft.verb_gender, last_speaker):
            return None, None
        if mention.pronoun and not _agrees(mention.pronoun, last_speaker):
            return None, None
        return last_speaker, HowAttributed.PRONOUN
    if mention.name:
        words = mention.name.split()
        stem = stem_russian(words[-1].lower())
        known = by_surname(stem)
        nominative = mention.position == _Position.SUBJECT
        if known is not None:
            if len(words) >= 2 and nominative and not known.nominative:
                known.name, known.nominative = mention.name, True
                known.evidence = (mention.start, mention.end)
            if mention.role and (nominative or not known.role):
                known.role = mention.role  # the office as the speaker's own clause gives it
            return known, HowAttributed.NAMED
        if len(words) == 1 and not nominative:
            return None, None  # "по словам Байрамова": not the nominative, and nobody to match
        person = _Person(mention.name, stem, (mention.start, mention.end), mention.role, nominative)
        people.append(person)
        return person, HowAttributed.NAMED
    if mention.role:
        head = _stems(mention.role)[:1]
        holders = [p for p in people if p.role and head and _stems(p.role)[:1] == head]
        if len(holders) == 1 and _agrees(draft.verb_gender, holders[0]):
            return holders[0], HowAttributed.ROLE
    return None, None


def _agrees(gender: str | None, person: _Person) -> bool:
    """False only when the verb's gender and the surname's plainly differ."""
    if gender not in ("m", "f"):
        return True
    surname = person.name.split()[-1].lower()
    if re.search(r"(?:ова|ева|ёва|ина|ына|ская|цкая)$", surname):
        return gender == "f"
    if re.search(r"(?:ов|ев|ёв|ин|ын|ский|цкий)$", surname):
        return gender == "m"
    return True


def _to_quote(text: str, draft: _Draft) -> Quote:
    start, end = draft.start, draft.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    person = draft.person
    evidence = None
    if person is not None and draft.evidence is not None:
        e_start, e_end = draft.evidence
        evidence = SpeakerEvidence(e_start, e_end, text[e_start:e_end])
    return Quote(
        text=text[start:end],
        start=start,
        end=end,
        paragraph=draft.paragraph,
        kind=draft.kind,
        speaker=person.name if evidence else None,
        speaker_role=(person.role if person and evidence else draft.role),
        speaker_mention=draft.mention_text,
        cue=draft.cue,
        speaker_evidence=evidence,
        attribution=draft.how if evidence else None,
    )
