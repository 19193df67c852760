"""Link speaker mentions to people within one article.

The article is read (outside quotations, and only as far as needed) for capitalised
names with the roles that introduce them: `Azerbaijani Foreign Minister Jeyhun
Bayramov`, `Leyla Abdullayeva, press secretary of the Azerbaijani Foreign Ministry,`,
`the President of Azerbaijan, Ilham Aliyev,`. Mentions are resolved in document
order:

- a full name is canonicalised through people.toml when listed there
  ("Ilham Aliev" → "Ilham Aliyev"), else kept as the article writes it;
- a surname means a full name the article gives with it, wherever (a headline may
  name someone before the body does): the one people.toml lists the surname for,
  else the first one named (writers name the principal first and give others
  their full names); without one, the people.toml person it is an alias of, or the
  surname itself when the article writes it as a name;
- a role mention (`the minister`, `the Russian minister`, `the spokeswoman for the
  Foreign Ministry`) means the person the article introduced with a fitting role,
  nearest earlier first (people.toml supplies roles of people the article names,
  but never introduces anyone: "the prime minister" of an article that names no
  prime minister stays None);
- `he`/`she` mean the nearest earlier person of fitting gender, preferring one that
  is a speaker or a sentence subject, within the last few paragraphs;
- an organisation (`the Armenian Foreign Ministry`) speaks as itself, and so does
  its unnamed spokesman (`a Treasury spokesperson`; a bare `a spokesman` for the
  one organisation of the sentence before); `it said` is the one organisation of
  the sentence before; `the club said`, `the company says` the one organisation
  of that kind the article names before (organisation_nouns.txt: `drugs group
  Eli Lilly`, `Manchester United's board`), nothing standing between that may be
  another (of several, the one named last as its sentence's subject, the others
  only in earlier paragraphs); `the report urged`, `the statement said`, `the
  letter added` the author the text gives the document (`a letter from chief
  executive Jon Roe`). Two that fit, or none: no speaker, and `candidates` says why.

Every speaker comes with evidence: the words of the article that name them (the
mention itself, or for a pronoun or a role where the article last named the
person). Without evidence there is no speaker. Whatever the text does not settle
stays None: never a guess.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import islice

from ..models import HowAttributed, Paragraph, SpeakerCandidate
from .attribution import alternation, speech_verb_follows, speech_verb_in
from .entities import (
    GOVERNMENT_SEATS,
    is_organisation_noun,
    is_outlet,
    organisation_kind,
    organisation_nouns,
    place_kind,
)
from .mentions import (
    INVERTED_CUE,
    NOT_NAMES,
    Mention,
    MentionKind,
    parse_mention,
    role_phrase,
)
from .people import People, RoleKey, Vocabulary, fold_name
from .sentences import CAPITALISED_WORD, words

# A run of capitalised words, joined by name particles or "of (the)".
_NAME_RUN = re.compile(
    rf"{CAPITALISED_WORD}(?:\s+(?:(?:of|for|the|de|von|van|der|bin|ibn|al|el|ter|del|da|di|du|"
    rf"la|le)\s+)*{CAPITALISED_WORD})*"
)
# "…, press secretary of the Azerbaijani Foreign Ministry," after a name.
_APPOSITIVE = re.compile(r",\s+(?P<role>(?:the\s+|a\s+|an\s+)?[^,.;:!?\"“”«»\x00]{3,90}?),")
_SUBJECT_BEFORE = frozenset('.!?:;,"“”«»(—–')
_SUBJECT_WORD_BEFORE = re.compile(
    r"\b(?:and|but|while|that|when|as|because|although)\s*$", re.IGNORECASE
)
# Between two names, the end of a sentence: a full stop (or ! ?) and a space, or a
# quotation closing before a capital (`…being." Mr Howard said`; its words, and so
# its full stop, are masked).
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')\]]*\s|\x00[\"”]\s+[\"“A-Z]")
_PRONOUN_CHAIN = 3
# Occurrences looked at in a stretch of text between a name and a pronoun (bounded:
# resolution stays linear on any text).
_MAX_OCCURRENCES_SEEN = 50
_PRONOUN_GENDER = {"he": "m", "she": "f"}
_LEADING_PRONOUN = re.compile(
    r"\W*(?:(?:But|And|Yet|So|Then|Now|Later|Earlier),?\s+)?(he|she)\b", re.IGNORECASE
)
_FIRST_WORD = re.compile(r"\W*(\w+)")
# Words opening a clause that comes before a sentence's subject.
_CLAUSE_OPENERS = frozenset(
    words(
        """after before since as when while once although though because if unless until
    even despite following according asked in on at during with without for"""
    )
)
_POSSESSIVE_AFTER = re.compile(r"[’']s?\b")
_PRONOUN_WINDOW_PARAGRAPHS = 3
# `…, his spokesman said`, `and an aide told`: an unnamed person of someone speaks.
_UNNAMED_SPEAKER = re.compile(
    r"(?:,|\band|\bbut)\s+(?:his|her|their|a|an|the)\s+(?:[a-z\-]+\s+){0,2}?"
    r"(?P<who>spokes(?:man|woman|person)|aide|official|source|lawyer|agent|adviser|"
    r"representative)s?\s+(?:said|says|told|tells|added|confirmed)\b"
)
# A sentence whose subject is a description, then a relative clause: `The seventh seed,
# who …`, `A 26-year-old striker, who …` (not `The Briton Tim Henman, who …`).
_DESCRIBED_SUBJECT = re.compile(
    r"[\"“]?(?:The|A|An)\s+(?:[a-z0-9][\w\-]*\s+){0,3}[a-z][\w\-]*,\s+who\b"
)
# `his son Nick`, `Roe's widow Ann`, `her 14-year-old daughter Jill`: an owner, maybe a
# few describing words, then a lower-case word that may give a gender (a kinship word).
_KIN_BEFORE = re.compile(
    r"(?:\b(?:his|her|their|my|our|your)|\w[’']s?)\s+(?:[\w\-]+\s+){0,2}?([a-z]+)\s+$"
)
_HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam", "messrs"])


Span = tuple[int, int]


@dataclass(slots=True)
class Resolved:
    speaker: str | None
    role: str | None
    entity: int | None = None  # the person, while roles may still be learnt
    evidence: Span | None = None  # where the article names the speaker
    how: HowAttributed | None = None
    known: bool = False  # a person people.toml lists
    # Who else was considered, and why each was taken or left (pronouns, places,
    # outlets): what a reader checks when the speaker is None.
    candidates: tuple[SpeakerCandidate, ...] = ()


@dataclass(slots=True)
class _Entity:
    name: str  # canonical name (people.toml) or the full name as the article writes it
    surname: str  # folded last word of the name
    given: str  # folded first word of the name ("" for a one-word name)
    role: str | None = None
    gender: str | None = None
    person: bool = False  # known to be a person (a pronoun may refer to it)
    # Where the article writes the name, in document order: the evidence for
    # attributions that reach the person through a pronoun or a role.
    spans: list[Span] = field(default_factory=list)
    # Positions of the person's occurrences (names and speaker notes), in order: the
    # nearest one before a role mention is found by bisection, not by a walk over
    # every occurrence of the article.
    positions: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True, order=True)
class _Occurrence:
    position: int
    paragraph: int  # index in the list of paragraphs read
    entity: int
    end: int  # end of the name as written
    speaker: bool  # the person speaks here (else only named)


class SpeakerResolver:
    """Resolves mentions of one article; call `resolve` in document order."""

    def __init__(self, masked: str, paragraphs: Sequence[Paragraph], people: People):
        self._masked = masked
        self._people = people
        self._vocabulary = people.vocabulary
        self._paragraph_starts = [p.start for p in paragraphs]
        self._entities: list[_Entity] = []
        self._by_name: dict[str, int] = {}  # folded canonical name → entity
        self._by_written: dict[str, int] = {}  # name as written → entity
        self._by_surname: dict[str, list[int]] = {}  # folded surname → entities, in order
        self._by_given: dict[str, list[int]] = {}  # folded given name → entities, in order
        # (surname, given) → entities, in order: "Jon Roe" again is found without a
        # walk over every Roe (an article naming thousands of "… Pharma" stays linear).
        self._by_full: dict[tuple[str, str], list[int]] = {}
        # Per surname, how many of its entities (in order) are known not to fit a
        # walk's test, so each walk resumes where the last stopped: those whose given
        # name is a descriptor, and those a later full name cannot complete.
        self._descriptors_before: dict[str, int] = {}
        self._completed_before: dict[str, int] = {}
        self._occurrences: list[_Occurrence] = []
        self._paragraphs = paragraphs
        self._scanned = 0  # paragraphs scanned for names so far
        self._organisations: list[tuple[str, Span]] = []  # quoted so far, in order
        # Role head word ("minister") → entities given a role with that head: a role
        # mention only looks at the people who may hold it.
        self._by_role_head: dict[str, list[int]] = {}
        # Per-word answers that read the whole article, asked once per word.
        self._proper_nouns: dict[str, bool] = {}
        self._descriptors: dict[str, bool] = {}
        self._words: set[str] | None = None  # the article's words, once asked of many
        self._considered: list[SpeakerCandidate] = []  # for the mention being resolved
        # Organisations the article names or describes, in document order: what
        # `it said` and `the club said` may mean.
        self._org_notes: list[_OrgNote] = []
        self._org_scanned = 0  # paragraphs read for organisations (only when asked)
        # Capitalised names read as organisations while scanning for people, in order.
        self._org_runs: list[tuple[int, int, str]] = []
        self._org_aliases: dict[str, str] = {}  # "RIESR" → the name it abbreviates
        # Names the article gives a kind ("drugs group Eli Lilly"): wherever written
        # again ("Meanwhile Eli Lilly is launching …") they name that organisation.
        self._kinded_names: dict[str, frozenset[str]] = {}
        # Documents whose author the text gives ("a report by the committee"), in
        # order: (position, noun, author, author's span, the author's entity when a
        # person, else -1).
        self._documents: list[tuple[int, str, str, Span, int]] = []

    def _scan_until(self, index: int) -> None:
        """Read the names and roles of the paragraphs up to `index` (a speaker's own
        paragraph and those before it are enough for most mentions; the rest of the
        article is read only when they do not settle a surname or a role)."""
        if index < self._scanned:
            return
        known = len(self._occurrences)
        for paragraph in self._paragraphs[self._scanned : index + 1]:
            self._scan_paragraph(paragraph)
        self._scanned = index + 1
        # Names of newly read paragraphs all come after what was read before: only
        # the new tail needs ordering (sorting the whole list per quote is quadratic).
        self._occurrences[known:] = sorted(self._occurrences[known:])

    def _scan_all(self) -> None:
        self._scan_until(len(self._paragraphs) - 1)

    # ------------------------------------------------------------ resolution

    def resolve(self, mention: Mention | None, cue_start: int | None = None) -> Resolved:
        """Canonical speaker and role for a mention (None when unsettled), with the
        words of the article that name the speaker and the candidates considered.
        `cue_start`: where the speech verb of the attribution starts (a place speaks
        only as its subject)."""
        self._considered = []
        resolved = self._resolve(mention, cue_start)
        resolved.candidates = tuple(self._considered)
        if resolved.how == HowAttributed.ORGANISATION and mention is not None:
            self._note_statement(mention, cue_start, resolved)
        return resolved

    def _consider(self, name: str, support: str, taken: bool) -> None:
        self._considered.append(SpeakerCandidate(name, support, taken))

    def _resolve(self, mention: Mention | None, cue_start: int | None) -> Resolved:
        if mention is None:
            return Resolved(None, None)
        if mention.kind == MentionKind.ORG:
            return self._organisation(mention)
        if mention.kind == MentionKind.NAME:
            seat = self._place_or_outlet(mention, cue_start)
            if seat is not None:
                return seat
        if mention.kind == MentionKind.UNNAMED:
            return (
                self._spokesperson(mention)
                or self._bare_spokesperson(mention)
                or Resolved(None, _clean(mention.role))
            )
        self._scan_until(self._paragraph_index(mention.start))
        if mention.kind == MentionKind.PRONOUN and mention.text.lower() == "it":
            return self._it_organisation(mention)
        if mention.kind == MentionKind.PRONOUN:
            entity, how = self._antecedent(mention), HowAttributed.PRONOUN
        elif mention.kind == MentionKind.ROLE and self._title_as_surname(mention):
            # "King says" after "Billie Jean King": the surname, not a king.
            entity, how = self._surname_entity(mention.text), HowAttributed.NAMED
        elif mention.kind == MentionKind.ROLE:
            entity, how = self._role_holder(mention), HowAttributed.ROLE
        else:
            entity, how = self._named(mention), HowAttributed.NAMED
        evidence = None if entity is None else self._evidence(entity, mention)
        if (entity is None or evidence is None) and mention.kind == MentionKind.ROLE:
            # "The prime minister's official spokesman": nobody the article names
            # holds the role, so the office speaks through its spokesman.
            spokesperson = self._spokesperson(mention)
            if spokesperson is not None:
                return spokesperson
            described = (
                self._described_role(mention)
                or self._document_author(mention)
                or self._owned_document(mention)
            )
            if described is not None:
                return described
        if entity is None or evidence is None:
            # Nobody the article names: people.toml never introduces a speaker.
            role = _clean(mention.role) if mention.kind == MentionKind.ROLE else None
            return Resolved(None, role)
        self._note_speaker(entity, mention.start)
        found = self._entities[entity]
        # "AOL said …": an acronym that speaks is an organisation ("it", "a spokesman"
        # just after may mean it).
        if (
            how == HowAttributed.NAMED
            and _is_acronym(found.name)
            and not found.person
            and self._may_be_organisation(found.name)
        ):
            self._note_organisation(found.name, mention.start, mention.end)
        known = found.name in self._people
        return Resolved(found.name, self._role_of(found), entity, evidence, how, known)

    def _evidence(self, entity: int, mention: Mention) -> Span | None:
        """The words naming the speaker: the mention itself when it is a name, else
        where the article last named the person before it (or first, after it)."""
        if mention.kind == MentionKind.NAME:
            return (mention.start, mention.end)
        spans = self._entities[entity].spans
        before = bisect_right(spans, (mention.start, mention.start)) - 1
        if before >= 0:
            return spans[before]
        return spans[0] if spans else None

    def final_name(self, resolved: Resolved) -> str | None:
        """A person's name as the whole article gives it ("Mr Blair" quoted before the
        article's "Tony Blair" is read is Tony Blair)."""
        if resolved.entity is None:
            return resolved.speaker
        return self._entities[resolved.entity].name

    def final_role(self, resolved: Resolved) -> str | None:
        """A person's role as the whole article gives it (the role an article
        introduces a person with later also holds for earlier quotes)."""
        if resolved.entity is None:
            return resolved.role
        return self._role_of(self._entities[resolved.entity])

    def _role_of(self, entity: _Entity) -> str | None:
        return _clean(entity.role or self._people.role(entity.name))

    def _spokesperson(self, mention: Mention) -> Resolved | None:
        """An unnamed spokesman of a named body speaks for it: `a Treasury
        spokesperson`, `a spokesman for the Oxford University Press` → the body;
        `the prime minister's official spokesman` → that office, as written. The
        spokesman is someone a later `he added` may mean."""
        role = _clean(mention.role) or ""
        body = _spokesperson_body(role)
        if body is None or is_outlet(body) or place_kind(body) is not None:
            return None
        entity = self._entity(body, None)
        found = self._entities[entity]
        found.person = True  # the spokesman, not the office, says "he added"
        found.gender = found.gender or mention.gender
        if found.role is None and role != body:
            self._set_role(entity, role)  # "the spokesman" later is the same one
        span = (mention.start, mention.end)
        insort(found.spans, span)
        self._note_speaker(entity, mention.start)
        if role != body:
            self._note_organisation(found.name, mention.start, mention.end)
        return Resolved(found.name, role, entity, span, HowAttributed.ORGANISATION)

    def _place_or_outlet(self, mention: Mention, cue_start: int | None) -> Resolved | None:
        """A name that is an outlet never speaks; a place speaks only when a country
        or a capital is the speech verb's own subject (`Moscow warned`), standing for
        its government; else no speaker. None when the name is neither (or is the
        surname of someone the article names: "Jackson" of "Jesse Jackson")."""
        name = _clean(mention.name or mention.text) or ""
        titled = mention.role and not mention.text.startswith(name)
        if mention.gender or (titled and self._is_role(mention.role or "")):
            # "Mr Preston", "Senator Lincoln": a person ("Salem, New Hampshire, the
            # candidate" is a place before a role, not a person with one).
            return None
        # "Washington Post" read as "Post" after a place word: the whole is the outlet.
        outlet = is_outlet(name) or is_outlet(_clean(mention.text) or "")
        kind = None if outlet else place_kind(name, self._vocabulary)
        if not outlet and kind is None:
            return None
        self._scan_until(self._paragraph_index(mention.start))
        if " " not in name and self._by_surname.get(fold_name(name)):
            return None  # "Bloomberg said" after "Michael Bloomberg"
        # An outlet reporting in its own name ("Fox News reported: …") is the source
        # of those words; a country or capital as the verb's subject is its government.
        speaks = outlet or kind in GOVERNMENT_SEATS
        what = "an outlet" if outlet else f"a place ({kind})"
        if speaks and self._is_cue_subject(mention, cue_start):
            self._consider(name, f"{what}, the speech verb's own subject", True)
            span = (mention.start, mention.end)
            return Resolved(name, None, None, span, HowAttributed.ORGANISATION)
        self._consider(
            name,
            f"{what}: speaks only as the speech verb's own subject"
            + ("" if outlet else ", and only a country or a capital"),
            False,
        )
        return Resolved(None, None)

    def _is_cue_subject(self, mention: Mention, cue_start: int | None) -> bool:
        """The mention stands right before the speech verb (`Moscow warned`) or right
        after it (`said Moscow`), nothing but spaces between."""
        if cue_start is None:
            return False
        masked = self._masked
        if cue_start >= mention.end:
            return not masked[mention.end : cue_start].strip()
        gap = masked[cue_start : mention.start].split()
        return len(gap) == 1

    def _organisation(self, mention: Mention) -> Resolved:
        """An organisation speaks as itself; `the ministry` means the last one the
        article quoted with that word in its name (`the Armenian Defence Ministry`).
        An outlet (`the Post`, `Fox News`) never speaks."""
        name = _clean(mention.name) or ""
        if is_outlet(name, head_alone=True) and " " not in name:
            return Resolved(None, None)  # "the Post", "the Times": which one, not said
        how = HowAttributed.ORGANISATION
        if any(word[:1].isupper() for word in name.split()):
            span = (mention.start, mention.end)
            self._organisations.append((name, span))  # "Armenian Foreign Ministry", …
            if place_kind(name, self._vocabulary) is None:
                self._note_organisation(name, mention.start, mention.end)
            return Resolved(name, None, None, span, how)
        if _identifies_alone(name.split()):
            return Resolved(None, None)  # "the world's largest delivery company": which, not said
        head = fold_name(name).split()[-1:] if name else []
        for earlier, span in reversed(self._organisations):
            if head and head[0] in fold_name(earlier).split():
                self._consider(earlier, f"quoted before, its name holds '{head[0]}'", True)
                return Resolved(earlier, None, None, span, how)
        if head:
            self._scan_organisations_until(mention.start)
            note = self._described(head[0], mention.start)
            if note is not None and note.name is not None:
                return Resolved(note.name, None, None, (note.position, note.end), how)
        return Resolved(None, None)

    # --------------------------------------------------------- organisations

    def _note_organisation(
        self, name: str | None, start: int, end: int, kinds: frozenset[str] = frozenset()
    ) -> None:
        """An organisation the article names (or a description it could not settle,
        `name` None) at `start:end`; `kinds`: the nouns it may be called by."""
        if name is not None and not kinds:
            kinds = frozenset().union(*(organisation_kind(w) for w in name.split()))
        if name is not None and kinds:
            # Moved to the end: the names read again are the last few given a kind.
            self._kinded_names[name] = self._kinded_names.pop(name, frozenset()) | kinds
        insort(self._org_notes, _OrgNote(start, end, name, kinds))

    def _scan_organisations_until(self, position: int) -> None:
        """Read organisations up to the paragraph of `position`: only for the few
        mentions that need them (`it said`, `the club said`), not for every article."""
        index = self._paragraph_index(position)
        self._scan_until(index)
        for paragraph in self._paragraphs[self._org_scanned : index + 1]:
            self._scan_organisations(paragraph)
        self._org_scanned = max(self._org_scanned, index + 1)

    def _scan_organisations(self, paragraph: Paragraph) -> None:
        """Organisations of a paragraph: capitalised names with an organisation's head
        word (`the Ruritanian Football Association`), names a noun describes
        (`drugs group Eli Lilly`, `Ruritania United's board`), names with a lower-case
        head (`the Commons work and pensions committee`), and definite descriptions
        (`the club`), settled on the one organisation of their kind named before."""
        masked, vocabulary = self._masked, self._vocabulary
        considered = self._considered  # what scanning weighs is not the mention's
        self._considered = []
        first = bisect_left(self._org_runs, (paragraph.start, -1, ""))
        for start, end, written in self._org_runs[first:]:
            if start >= paragraph.end:
                break
            name = _clean(written) or ""
            if name[:1].isupper() and self._may_be_organisation(name, headed=True):
                self._note_organisation(name, start, end)
        has_initials = masked.find("(", paragraph.start, paragraph.end) >= 0
        initials = _NAME_AND_INITIALS.finditer(masked, paragraph.start, paragraph.end)
        for match in initials if has_initials else ():
            name, initials = _clean(match.group("name")) or "", match.group("initials")
            if _initials_of(name).endswith(initials) and self._may_be_organisation(name):
                # "the Ruritanian Institute of Economic and Social Research (RIESR)":
                # the whole name (a run stops at "and"), and its initials later.
                name = name[len(name) - len(_name_from_initials(name, initials)) :]
                self._org_aliases[initials] = name
                self._note_organisation(name, match.start("name"), match.end("name"))
        for alias, name in self._org_aliases.items():
            for match in re.finditer(rf"\b{alias}\b", masked[paragraph.start : paragraph.end]):
                start = paragraph.start + match.start()
                self._note_organisation(name, start, start + len(alias))
        *naming, definite, any_noun = _organisation_patterns()
        text = masked[paragraph.start : paragraph.end]
        possessive = "'s " in text or "’s " in text
        if any_noun.search(text) is None:
            naming, definite = [], None  # no "club", "firm", "committee" …: nothing to read
        for pattern in naming:
            if pattern is naming[1] and not possessive:
                continue  # "X's board": only where a possessive is written
            for match in pattern.finditer(masked, paragraph.start, paragraph.end):
                noun = match.group("noun")
                if pattern is naming[1] and fold_name(noun) not in _GOVERNING_BODIES:
                    continue  # "the president's government" is not the president
                if _qualified_as_other(masked, match.start(), paragraph.start):
                    continue  # "rival club Ruritania City": not the club the article is about
                name = _clean(match.group("name")) or ""
                # The noun says what it is ("retail bank Absa", even where the
                # article's "Absa said" made a speaker of it).
                if name and self._may_be_organisation(name, headed=pattern is naming[0]):
                    kinds = organisation_kind(noun)
                    if fold_name(noun) in _GOVERNING_BODIES and match.group().endswith(noun):
                        # "Ruritania United's board": a club's or a company's
                        kinds = kinds.union(*(organisation_kind(k) for k in _HAVING_BOARDS))
                    self._note_organisation(name, match.start("name"), match.end("name"), kinds)
        self._note_kinded_names(paragraph)
        descriptions = definite.finditer(masked, paragraph.start, paragraph.end) if definite else ()
        for match in descriptions:
            noun = _description_noun(match.group("words"), vocabulary)
            if noun is not None:
                note = self._described(noun, match.start())
                name = note.name if note is not None else None
                self._note_organisation(name, match.start(), match.end(), organisation_kind(noun))
        for match in _DOCUMENT_BY.finditer(masked, paragraph.start, paragraph.end):
            # "A report by the Commons work and pensions committee": the note of
            # the name just read, starting where the author does.
            noun = match.group("noun").lower()
            index = bisect_left(self._org_notes, _OrgNote(match.end(), -1, None, frozenset()))
            note = self._org_notes[index] if index < len(self._org_notes) else None
            if note is not None and note.position == match.end() and note.name is not None:
                span = (note.position, note.end)
                insort(self._documents, (match.start(), noun, note.name, span, -1))
                continue
            author = self._person_after(match.end())
            if author is not None:
                # "An open letter from chief executive Jon Roe": the person.
                name = self._entities[author.entity].name
                span = (author.position, author.end)
                insort(self._documents, (match.start(), noun, name, span, author.entity))
        self._considered = considered

    def _note_kinded_names(self, paragraph: Paragraph) -> None:
        """Each name the article has given a kind, written again in `paragraph` on its
        own (not inside a longer name: "Ruritania United" in "Ruritania United
        Supporters Trust"), names that organisation there."""
        masked = self._masked
        # Only the last few (bounded: an article naming thousands stays linear).
        recent = list(islice(reversed(self._kinded_names.items()), _RECENT_KINDED_NAMES))
        for name, kinds in recent:
            position = masked.find(name, paragraph.start, paragraph.end)
            while position >= 0:
                end = position + len(name)
                if not (
                    masked[position - 1 : position].isalnum()
                    or masked[end : end + 1].isalnum()
                    or _in_longer_name(masked, position)
                    or _CAPITALISED_AFTER.match(masked, end)
                    or self._noted_at(position)
                ):
                    self._note_organisation(name, position, end, kinds)
                position = masked.find(name, end, paragraph.end)

    def _noted_at(self, position: int) -> bool:
        index = bisect_left(self._org_notes, _OrgNote(position, -1, None, frozenset()))
        return index < len(self._org_notes) and self._org_notes[index].position == position

    def _may_be_organisation(self, name: str, headed: bool = False) -> bool:
        """Not a place, an outlet, or a person the article names (`headed`: the name
        ends in an organisation's word, so its spokesman is not the body)."""
        if is_outlet(name) or place_kind(name, self._vocabulary) is not None:
            return False
        if headed:
            return True
        entity = self._by_written.get(name)
        return entity is None or not self._entities[entity].person

    def _described(self, noun: str, position: int) -> _OrgNote | None:
        """What `the <noun>` at `position` means: the one organisation of that kind
        the article names before (`consumer goods giant Unilever … the company
        said`), when no other name that might be one stands between; else None (two
        companies, or a club and an unknown name after it)."""
        kind = fold_name(noun)
        lower = 0
        index = bisect_left(self._org_notes, _OrgNote(position, -1, None, frozenset()))
        fitting = [
            note
            for note in self._org_notes[max(0, index - _MAX_OCCURRENCES_SEEN) : index]
            if note.position >= lower and kind in note.kinds and note.name is not None
        ]
        names = {note.name for note in fitting}
        if len(names) > 1 and self._named_alone_last(fitting, position):
            for name in sorted(n for n in names if n and n != fitting[-1].name):
                self._consider(name, f"a '{noun}' too, named only in earlier paragraphs", False)
        elif len(names) != 1:
            for name in sorted(n for n in names if n):
                self._consider(name, f"an organisation named as a '{noun}', one of several", False)
            return None
        last = fitting[-1]
        rival = self._rival_name(last, position)
        if rival is not None:
            self._consider(last.name or "", f"a '{noun}', but '{rival}' is named after it", False)
            return None
        self._consider(last.name or "", f"the one organisation named as a '{noun}' before", True)
        return last

    def _named_alone_last(self, fitting: list[_OrgNote], position: int) -> bool:
        """Of several organisations of a kind, the last named is the one the text is
        now about: named in this paragraph or the one before, and the others only in
        paragraphs before that one (`Shell cut jobs.` ¶ `Unilever raised prices.` ¶
        `the company said` is Unilever; both in one paragraph: which, not said)."""
        last = fitting[-1]
        paragraph = self._paragraph_index(last.position)
        if self._paragraph_index(position) - paragraph > 1:
            return False
        opening = self._masked[self._break_before(last.position, 0) : last.position].split()
        if any(word.lower() not in NOT_NAMES for word in opening):
            # "… backing from banks and South Korean firm SK Energy": named last, but
            # not as the subject its sentence is about.
            return False
        return all(
            self._paragraph_index(note.position) < paragraph
            for note in fitting
            if note.name != last.name
        )

    def _it_organisation(self, mention: Mention) -> Resolved:
        """`It said`: the one organisation the current or the previous sentence names
        (never a place, an outlet or a person); else no speaker. `It was widely
        expected that …`, `It is thought …`: nobody."""
        following = _FIRST_WORD.match(self._masked, mention.end)
        if following is not None and following.group(1).lower() in _EXPLETIVE_VERBS:
            return Resolved(None, None)
        note = self._organisation_before(mention, "'it'")
        if note is None or note.name is None:
            return Resolved(None, None)
        span = (note.position, note.end)
        return Resolved(note.name, None, None, span, HowAttributed.ORGANISATION)

    def _bare_spokesperson(self, mention: Mention) -> Resolved | None:
        """`AOL backed the cuts. "…," a spokesman said.`: a spokesman of no body
        named in the phrase speaks for the one organisation of the sentence before
        (else nobody); a later `he added` is the same spokesman."""
        role = _clean(mention.role) or ""
        if fold_name(role) not in _BARE_SPOKESPEOPLE:
            return None
        note = self._organisation_before(mention, f"'{role}'")
        if note is None or note.name is None:
            return None
        opening = self._masked[self._break_before(note.position, 0) : note.position]
        if opening.strip().lower() not in ("", "the"):
            # "This approval has come from the Indian government. A spokesman said
            # the company's …": the organisation is not who the sentence is about.
            self._considered[-1] = SpeakerCandidate(
                note.name, "named in the sentence before, but not as its subject", False
            )
            return None
        entity = self._entity(note.name, None)
        found = self._entities[entity]
        found.person = True
        found.gender = found.gender or mention.gender
        span = (mention.start, mention.end)
        insort(found.spans, span)
        self._note_speaker(entity, mention.start)
        return Resolved(found.name, role, entity, span, HowAttributed.ORGANISATION)

    def _organisation_before(self, mention: Mention, what: str) -> _OrgNote | None:
        """The one organisation the sentence before `mention` (or its own, before it)
        names, with no other name that may be one after it; else None."""
        self._scan_organisations_until(mention.start)
        lower = self._window_start(mention.start)
        index = bisect_left(self._org_notes, _OrgNote(mention.start, -1, None, frozenset()))
        if index == 0 or self._org_notes[index - 1].position < lower:
            return None
        last = self._org_notes[index - 1]
        if len(_SENTENCE_BREAK.findall(self._masked, last.end, mention.start)) > 1:
            self._consider(last.name or "", "an organisation, but not of the last sentence", False)
            return None
        sentence_start = self._break_before(last.position, lower)
        notes = [
            note
            for note in self._org_notes[max(0, index - _MAX_OCCURRENCES_SEEN) : index]
            if note.position >= sentence_start
        ]
        names = {note.name for note in notes}
        speaker = self._opening_speaker(notes[0], sentence_start) if len(names) > 1 else None
        if speaker is not None:
            # "The committee said the Audit Office should investigate. It blamed …":
            # the organisation that spoke, not one named in what it said.
            for name in sorted(n for n in names if n and n != speaker.name):
                self._consider(name, f"named in what the sentence before {what} reports", False)
            self._consider(speaker.name or "", f"spoke in the sentence before {what}", True)
            return speaker
        if len(names) != 1 or last.name is None:
            for name in sorted(n for n in names if n):
                why = f"an organisation of the sentence before {what}, one of several"
                self._consider(name, why, False)
            return None
        rival = self._rival_name(last, mention.start)
        if rival is not None:
            self._consider(last.name, f"an organisation, but '{rival}' is named after it", False)
            return None
        self._consider(last.name, f"the one organisation of the sentence before {what}", True)
        return last

    def _opening_speaker(self, first: _OrgNote, sentence_start: int) -> _OrgNote | None:
        """`first`, when it opens its sentence (`The committee said …`, `But the
        club warned …`) as the subject of a speech verb; else None."""
        masked = self._masked
        opening = masked[sentence_start : first.position].split()
        if first.name is None or any(word.lower() not in NOT_NAMES for word in opening):
            return None
        if not speech_verb_follows(masked, first.end, first.end + 40):
            return None  # "The Association and the Union met": two subjects
        return first

    def _described_role(self, mention: Mention) -> Resolved | None:
        """`the regulator said`, `the board said` (read as a role nobody holds): the
        one organisation of that kind named before."""
        return self._described_organisation((mention.role or "").lower(), mention.start)

    def _described_organisation(self, description: str, position: int) -> Resolved | None:
        """The one organisation named before `position` of the kind `description`
        (`the regulator`, `the club`) says it is; else None."""
        noun = _description_noun(description, self._vocabulary)
        if noun is None:
            return None
        self._scan_organisations_until(position)
        note = self._described(noun, position)
        if note is None or note.name is None:
            return None
        span = (note.position, note.end)
        return Resolved(note.name, None, None, span, HowAttributed.ORGANISATION)

    def _note_statement(self, mention: Mention, cue_start: int | None, resolved: Resolved) -> None:
        """`In a statement, the club said …`, `the club said in its statement`: a
        later `the statement said` is the club's."""
        masked = self._masked
        lower = max(0, mention.start - 40)
        upper = (cue_start if cue_start is not None else mention.end) + 50
        if resolved.speaker and resolved.evidence and _IN_A_STATEMENT.search(masked, lower, upper):
            self._documents.append(
                (mention.start, "statement", resolved.speaker, resolved.evidence, -1)
            )

    def _document_author(self, mention: Mention) -> Resolved | None:
        """`The report urged …`, `the statement said`: the author of the one document
        of that kind the last few paragraphs attribute (`a report by the Commons
        work and pensions committee`); else None."""
        noun = fold_name(mention.role or "")
        if noun not in _DOCUMENTS:
            return None
        self._scan_organisations_until(mention.start)
        lower = self._window_start(mention.start)
        found = [d for d in self._documents if lower <= d[0] < mention.start and d[1] == noun]
        authors = {d[2] for d in found}
        if len(authors) != 1:
            for author in sorted(authors):
                self._consider(author, f"wrote a '{noun}', one of several", False)
            return None
        _, _, author, span, entity = found[-1]
        self._consider(author, f"the author the article gives the '{noun}'", True)
        if entity >= 0:
            found_person = self._entities[entity]
            return Resolved(
                found_person.name, self._role_of(found_person), entity, span, HowAttributed.ROLE
            )
        return Resolved(author, None, None, span, HowAttributed.ORGANISATION)

    def _owned_document(self, mention: Mention) -> Resolved | None:
        """`Chelsea's statement added`, `the committee's report said`: the organisation
        whose document it is, when the article has it speak or describes it (`the
        committee` settled as for `the committee said`); a day's or a person's
        statement is not an organisation's."""
        owned = _OWNED_DOCUMENT.fullmatch(mention.role or "")
        if owned is None:
            return None
        owner = owned.group("owner")
        if owner[:1].islower():
            return self._described_organisation(owner.lower(), mention.start)
        entity = self._by_written.get(owner)
        known = (
            entity is not None
            and not self._entities[entity].person
            and self._entities[entity].spans
        )
        if not (
            known
            or owner in self._kinded_names
            or self._vocabulary.is_organisation_word(owner.split()[-1])
        ):
            return None  # "Wednesday's statement", "Roe's letter": no organisation's
        if not self._may_be_organisation(owner, headed=not known):
            return None
        start = mention.text.find(owner)
        span = (mention.start + start, mention.start + start + len(owner))
        self._consider(owner, f"its '{owned.group('noun')}'", True)
        return Resolved(owner, None, None, span, HowAttributed.ORGANISATION)

    def _person_after(self, position: int) -> _Occurrence | None:
        """A person the article names right at `position`, after role words at most
        (`chief executive Jon Roe`)."""
        index = bisect_left(self._occurrences, _Occurrence(position, -1, -1, -1, False))
        if index >= len(self._occurrences):
            return None
        occurrence = self._occurrences[index]
        gap = _ROLE_WORDS_ONLY.fullmatch(self._masked, position, occurrence.position)
        if gap is None:
            return None
        role = gap.group().strip()
        if self._entities[occurrence.entity].person or (
            role and not role.endswith("s") and self._is_role(role)
        ):
            return occurrence  # a person's role ("chief executive"), not "analysts"
        return None

    def _window_start(self, position: int) -> int:
        paragraph = self._paragraph_index(position)
        return self._paragraph_starts[max(0, paragraph - _ORGANISATION_WINDOW_PARAGRAPHS)]

    def _break_before(self, position: int, lower: int) -> int:
        """Start of the sentence holding `position` (not before `lower`)."""
        start = max(lower, self._paragraph_starts[self._paragraph_index(position)], position - 400)
        for found in _SENTENCE_BREAK.finditer(self._masked, start, position):
            start = found.end()
        return start

    def _lone_rival(self, run: re.Match[str], note: _OrgNote) -> bool:
        """One capitalised word inside a sentence that may name another organisation
        (`Analysts said Absa's forecast was better. However, the company warned`):
        not a sentence's first word, a place, a person the article names, a month or
        a day, nor a word of the organisation's own name."""
        masked = self._masked
        word = run.group().removesuffix("'s").removesuffix("’s")
        before = masked[max(0, run.start() - 2) : run.start()]
        if len(word) < 3 or not before[-1:].isspace() or not before[:1].isalpha():
            return False  # a sentence's start, or after a comma or a mark
        if any(char.isdigit() for char in word):
            return False  # "the CS2 system", "the A380": a product, a model
        if word[-1:] == "s" and word[:-1].isupper():
            return False  # "MPs", "MEPs": people, not an organisation
        preceding = _WORD_BEFORE_RUN.search(masked, max(0, run.start() - 12), run.start())
        if preceding is not None and preceding.group(1).lower() in _LOCATIVE:
            return False  # "Shares fell in Strelsau": a place the gazetteer lacks
        folded = fold_name(word)
        if folded in _CALENDAR or folded in NOT_NAMES or folded in fold_name(note.name or ""):
            return False
        if place_kind(word, self._vocabulary) is not None or is_outlet(word):
            return False
        if self._vocabulary.place(word) is not None:
            return False  # "European sales fell": a demonym, an adjective of a place
        kinds = self._kinds_of_word(word)
        if kinds and not kinds & note.kinds:
            return False  # "the CSA" after "the Child Support Agency": not a committee
        entities = self._by_surname.get(folded, ())
        return not any(self._entities[e].person for e in entities)

    def _kinds_of_word(self, word: str) -> frozenset[str]:
        """What kind of organisation one word names, when the article said it: a name
        given a kind (`IT giant EDS`), or the initials of one (`CSA` of the `Child
        Support Agency`)."""
        kinds = self._kinded_names.get(word, frozenset())
        if word.isupper() and len(word) > 1:
            name = self._org_aliases.get(word)
            recent = islice(reversed(self._kinded_names.items()), _RECENT_KINDED_NAMES)
            for named, named_kinds in recent:
                if named == name or (" " in named and _initials_of(named) == word):
                    kinds = kinds | named_kinds
        return kinds

    def _rival_name(self, note: _OrgNote, position: int) -> str | None:
        """A capitalised name between an organisation and the words meaning it that
        may be another organisation: not a person, a place or the same name
        (`…club Ruritania City … Ruritania United's reply … the club said`)."""
        masked, vocabulary = self._masked, self._vocabulary
        runs = _NAME_RUN.finditer(masked, note.end, position)
        for seen, run in enumerate(runs):
            if seen >= _MAX_RUNS_BETWEEN:
                return "many names"  # too far to tell (and resolution stays linear)
            found = _without_function_word(masked, run)
            if found is None:
                continue
            following = _FIRST_WORD.match(masked, found.end())
            if (
                following is not None
                and following.group(1).islower()
                and is_organisation_noun(following.group(1))
            ):
                continue  # "American IT giant EDS": words describing the one named next
            if " " not in found.group():
                if self._lone_rival(found, note):
                    return found.group().removesuffix("'s").removesuffix("’s")
                continue
            written = found.group()
            end = found.end() - (2 if written.endswith(("'s", "’s")) else 0)
            name = _clean(masked[found.start() : end]) or ""
            if name == note.name or (note.name and name in note.name) or name in _NOT_RIVALS:
                continue
            if not self._may_be_organisation(name):
                continue
            if vocabulary.gender_of_name(name) is not None:
                continue  # "Theresa May" (a month's name ends it, so no mention is read)
            mention = parse_mention(masked, found.start(), end, vocabulary)
            if mention is not None and mention.kind in (MentionKind.ROLE, MentionKind.PRONOUN):
                continue
            if (
                mention is not None
                and mention.kind == MentionKind.NAME
                and (
                    mention.gender
                    or (mention.role and self._is_role(mention.role))
                    or self._people.canonical(mention.name or name) is not None
                    or vocabulary.gender_of_name(mention.name or name) is not None
                )
            ):
                continue  # a person
            kinds = self._kinded_names.get(name) or frozenset().union(
                *(organisation_kind(w) for w in name.split())
            )
            if kinds and not note.kinds & kinds:
                continue  # an organisation of another kind ("the Child Support Agency")
            return name
        return None

    def _named(self, mention: Mention) -> int | None:
        name = mention.name or mention.text
        words = name.split()
        if len(words) == 1:
            entity = self._surname_entity(words[0])
            if self._scanned < len(self._paragraphs) and (
                entity is None or not self._entities[entity].given
            ):
                self._scan_all()  # the full name may come later (after a headline)
                entity = self._surname_entity(words[0])
            if entity is not None:
                entity = self._of_shared_surname(words[0], entity, mention)
            if entity is None and self._is_given_name(words[0]):
                # "Ozzy said" after "Ozzy Osbourne": a first name alone is the one person
                # of the article who bears it; of two (Jon Roe, Jon Doe), nobody.
                given = set(self._by_given.get(fold_name(words[0]), ()))
                if len(given) > 1:
                    return None
                entity = given.pop() if given else None
            if entity is None:
                if mention.role is None and not (
                    self._proper_noun(words[0]) or _is_acronym(words[0])
                ):
                    # "Last year …", "Ironically, …": a capital, not a name; "AOL" at a
                    # sentence's start is one.
                    return None
                entity = self._entity(name, mention)
        else:
            entity = self._entity(name, mention)
        found = self._entities[entity]
        # Speaking makes a person of a name with a given name, an honorific, a role or
        # a gender; a lone word that speaks ("Newcastle said") may be a club, a town
        # or a firm, and no "he" or "she" may ever point at it.
        found.person = found.person or self._is_person(found, mention)
        if found.gender is None and mention.gender:
            found.gender = mention.gender  # "Ms Hutt" after "Jane Hutt"
        insort(found.spans, (mention.start, mention.end))
        if found.role is None and mention.role and self._is_role(mention.role):
            self._set_role(entity, mention.role)
        return entity

    def _title_as_surname(self, mention: Mention) -> bool:
        """A lone capitalised title word ("King", "Major") the article gives as someone's
        surname in full ("Billie Jean King")."""
        word = mention.text
        if " " in word or not word[:1].isupper() or mention.role != word:
            return False
        if self._scanned < len(self._paragraphs) and not self._by_surname.get(fold_name(word)):
            self._scan_all()
        return any(self._entities[e].given for e in self._by_surname.get(fold_name(word), ()))

    def _is_given_name(self, word: str) -> bool:
        """A first name people.toml's gender lists know ("Jill", "Tom"); not a word that
        starts "Trump Tower" or "Xi Jinping", whose first word is no given name."""
        folded = fold_name(word)
        vocabulary = self._vocabulary
        return folded in vocabulary.male_given_names or folded in vocabulary.female_given_names

    def _proper_noun(self, word: str) -> bool:
        """Known to people.toml, or written with a capital inside a sentence somewhere
        in the article (not only where any word would have one)."""
        if self._people.canonical(word) is not None:
            return True
        cached = self._proper_nouns.get(word)
        if cached is None:
            # After a word, a comma or a closing mark: not where a sentence starts.
            inside = re.compile(rf"[\w,;:”\"’)] {re.escape(word)}\b")
            cached = self._proper_nouns[word] = inside.search(self._masked) is not None
        return cached

    def _is_person(self, entity: _Entity, mention: Mention) -> bool:
        if entity.name in self._people or mention.gender or mention.role:
            return True
        if not entity.given or place_kind(entity.name) is not None:
            return False
        last = entity.name.split()[-1]
        return not self._vocabulary.is_organisation_word(last)

    def _antecedent(self, mention: Mention) -> int | None:
        """`he`/`she`: the subject of the nearest sentence before that names a person
        of fitting gender (`Mr Johnson was asked why Mr Smith had resigned. He
        replied: …` is Johnson). Within that sentence: the person who spoke there,
        else the first one named, leaving out a possessive (`Fletcher's daughter`)
        and a name in a fronted clause (`Speaking after his daughter Ann, Roe …`)."""
        if mention.gender is None:
            return None  # "they", "it", "we": not one person
        position = mention.start
        for _ in range(_PRONOUN_CHAIN):
            sentence = self._nearest_sentence_of_candidates(position, mention.gender)
            if not sentence:
                return None
            # "He went on to accuse Mr Brown …": that sentence's subject is the same
            # pronoun; who it means is settled further back.
            chained = self._leading_pronoun(sentence[0], mention.gender)
            if chained is None:
                break
            position = chained
        else:
            return None
        chosen = self._sentence_subject(sentence)
        unsure = self._unsure_subject_before(position, chosen)
        if unsure is not None:
            # "Emilio Roe, meanwhile, was angry. '…,' he said.": the sentence just
            # before opens with a full name not known to be a man or a woman.
            self._consider(unsure, "subject of the sentence just before, gender not known", False)
            return None
        first = next((o for o in sentence if o.entity == chosen), None)
        if first is not None and not first.speaker and self._described_subject_before(first):
            # "The seventh seed, who is lined up to meet Roddick, is looking forward to
            # the match. '…,' he said.": the sentence's subject is not named here.
            for occurrence in sentence:
                name = self._entities[occurrence.entity].name
                self._consider(name, "named in a clause of the sentence's unnamed subject", False)
            return None
        unnamed = self._unnamed_speaker_after(first, sentence[-1], position)
        if unnamed is not None:
            # "Rapper Jon Roe has cancelled his tour, his spokesman said. '…,' he said.":
            # someone not named spoke in that sentence; Roe is a guess.
            for occurrence in sentence:
                name = self._entities[occurrence.entity].name
                self._consider(name, f"named before an unnamed '{unnamed}' spoke", False)
            return None
        cue = self._speech_between(sentence[-1], position)
        if cue is not None:
            # "Inspector Paul Miller of Thames Valley Police said …. '…,' he said.":
            # someone spoke in between whom the article names in a way not read
            # here; the person named before is a guess.
            for occurrence in sentence:
                name = self._entities[occurrence.entity].name
                self._consider(name, f"named before another speaker's '{cue}'", False)
            return None
        for occurrence in sentence:
            name = self._entities[occurrence.entity].name
            if occurrence.entity == chosen:
                support = "spoke" if occurrence.speaker else "first named"
                self._consider(name, f"{support} in the nearest sentence naming a person", True)
            elif not any(c.name == name for c in self._considered):
                why = "possessive" if self._is_possessive(occurrence) else "not its subject"
                self._consider(name, f"named in the nearest sentence, {why}", False)
        return chosen

    def _described_subject_before(self, occurrence: _Occurrence) -> bool:
        """The sentence opens with a described person and a relative clause (`The
        seventh seed, who …`), and `occurrence` comes after that opening."""
        start = self._sentence_start(occurrence)
        opening = _DESCRIBED_SUBJECT.match(self._masked, start, occurrence.position)
        return opening is not None

    def _unnamed_speaker_after(
        self, first: _Occurrence | None, last: _Occurrence, position: int
    ) -> str | None:
        """An unnamed person (`his spokesman`, `an aide`) who is the subject of a speech
        verb after `first`, not noted as speaking, in the sentence of `last`."""
        if first is None or first.speaker:
            return None
        found = _SENTENCE_BREAK.search(self._masked, last.end, position)
        end = found.start() + 1 if found is not None else position
        unnamed = _UNNAMED_SPEAKER.search(self._masked, first.end, end)
        return unnamed.group("who") if unnamed is not None else None

    def _speech_between(self, last: _Occurrence, position: int) -> str | None:
        """A speech verb in a whole sentence between the sentence of `last` and
        `position` (the pronoun) that names nobody the article has introduced:
        another speaker's attribution, of someone not read here."""
        masked = self._masked
        paragraph = self._paragraph_index(position)
        ranges: list[tuple[int, int]] = []
        if paragraph != last.paragraph:
            end_of_last = self._paragraphs[last.paragraph].end
            first_break = _SENTENCE_BREAK.search(masked, last.end, end_of_last)
            if first_break is not None:
                ranges.append((first_break.end(), end_of_last))
            # Whole paragraphs between: their sentences count too.
            for index in range(last.paragraph + 1, paragraph):
                ranges.append((self._paragraph_starts[index], self._paragraphs[index].end))
            start = self._paragraph_starts[paragraph]
        else:
            first_break = _SENTENCE_BREAK.search(masked, last.end, position)
            if first_break is None:
                return None
            start = first_break.end()
        # The pronoun's own sentence is not in between.
        own = start
        for found_break in _SENTENCE_BREAK.finditer(masked, start, position):
            own = found_break.end()
        ranges.append((start, own))
        for lower, upper in ranges:
            cue = speech_verb_in(masked, lower, upper) if upper > lower else None
            if cue is not None and not self._anyone_in(lower, upper):
                return cue
        return None

    def _anyone_in(self, lower: int, upper: int) -> bool:
        """A speaker already settled stands here (`"…," she said.` between a man's
        name and `he added`: hers, not a stranger's)."""
        index = bisect_left(self._occurrences, _Occurrence(lower, -1, -1, -1, False))
        for occurrence in self._occurrences[index : index + _MAX_OCCURRENCES_SEEN]:
            if occurrence.position >= upper:
                break
            if occurrence.speaker:
                return True
        return False

    def _sentence_subject(self, sentence: list[_Occurrence]) -> int | None:
        for occurrence in sentence:
            if occurrence.speaker:
                return occurrence.entity
        owners = [o for o in sentence if not self._is_possessive(o)]
        if len(owners) > 1 and self._in_fronted_clause(owners[0], owners[1]):
            owners = owners[1:]  # "Speaking after his daughter Ann, Roe said …"
        return owners[0].entity if owners else None

    def _in_fronted_clause(self, first: _Occurrence, second: _Occurrence) -> bool:
        """`Even before Newcastle said …, Bellamy insisted`: the first name stands in
        a clause opening the sentence (after a subordinating word or a participle),
        closed by a comma before the second."""
        masked = self._masked
        if "," not in masked[first.end : second.position]:
            return False
        start = self._sentence_start(first)
        opener = _FIRST_WORD.match(masked, start, first.position)
        return opener is not None and (
            opener.group(1).lower() in _CLAUSE_OPENERS or opener.group(1).endswith("ing")
        )

    def _leading_pronoun(self, first: _Occurrence, gender: str) -> int | None:
        """Where a pronoun of `gender` stands as the subject of the sentence holding
        `first`, before it (`He urged the chancellor …`)."""
        if first.speaker:
            return None
        start = self._sentence_start(first)
        match = _LEADING_PRONOUN.match(self._masked, start, first.position)
        if match is None or _PRONOUN_GENDER[match.group(1).lower()] != gender:
            return None
        return match.start(1)

    def _sentence_start(self, occurrence: _Occurrence) -> int:
        lower = max(self._paragraph_starts[occurrence.paragraph], occurrence.position - 200)
        start = lower
        for found in _SENTENCE_BREAK.finditer(self._masked, lower, occurrence.position):
            start = found.end()
        return start

    def _nearest_sentence_of_candidates(self, position: int, gender: str) -> list[_Occurrence]:
        """Occurrences of fitting people in the nearest sentence (before `position`,
        within a few paragraphs) that has any, in document order."""
        paragraph = self._paragraph_index(position)
        end = bisect_left(self._occurrences, _Occurrence(position, -1, -1, -1, False))
        found: list[_Occurrence] = []
        # Bounded: a paragraph of thousands of names of the other gender must not
        # make each pronoun walk back through all of them.
        for index in range(end - 1, max(-1, end - 1 - _MAX_OCCURRENCES_SEEN), -1):
            occurrence = self._occurrences[index]
            if paragraph - occurrence.paragraph > _PRONOUN_WINDOW_PARAGRAPHS:
                break
            entity = self._entities[occurrence.entity]
            if not (entity.person and entity.gender in (None, gender)):
                continue
            if not (entity.given or entity.gender):
                continue  # a lone word ("Budget", "Peter" of a place name): not sure
            if found and self._sentence_between(occurrence, found[-1]):
                break
            found.append(occurrence)
        found.reverse()
        return found

    def _unsure_subject_before(self, position: int, chosen: int | None) -> str | None:
        """The name of someone other than `chosen`, named in full by the article but
        not known to be a person of either gender, who opens the sentence just before
        `position` (with a comma or a verb after the name): who a `he` may mean."""
        masked = self._masked
        lower = self._paragraph_starts[max(0, self._paragraph_index(position) - 1)]
        breaks = [
            b.end() for b in _SENTENCE_BREAK.finditer(masked, max(lower, position - 600), position)
        ]
        if not breaks:
            return None
        start = breaks[-2] if len(breaks) > 1 else max(lower, position - 600)
        # A break after a quotation ends on the capital that follows it.
        start = start - 1 if masked[start - 1 : start].isupper() else start
        index = bisect_left(self._occurrences, _Occurrence(start, -1, -1, -1, False))
        occurrence = self._occurrences[index] if index < len(self._occurrences) else None
        if occurrence is None or occurrence.position >= breaks[-1] or occurrence.entity == chosen:
            return None
        later = self._occurrences[index : index + _MAX_OCCURRENCES_SEEN]
        if any(o.entity == chosen for o in later if o.position < position):
            return None  # the one chosen is named there too ("Lib Dem spokesman Jon Roe")
        entity = self._entities[occurrence.entity]
        if (
            entity.person
            or entity.gender is not None
            or not entity.given
            or masked[start : occurrence.position].strip().strip("\"”“'’")
            or self._vocabulary.is_organisation_word(entity.surname)
            or place_kind(entity.name) is not None
            or not self._is_subject_position(occurrence)
        ):
            return None
        return entity.name

    def _sentence_between(self, earlier: _Occurrence, later: _Occurrence) -> bool:
        if earlier.paragraph != later.paragraph:
            return True
        return _SENTENCE_BREAK.search(self._masked, earlier.end, later.position) is not None

    def _is_possessive(self, occurrence: _Occurrence) -> bool:
        """`Fletcher's daughter Jill`: Fletcher is not who acts."""
        return _POSSESSIVE_AFTER.match(self._masked, occurrence.end) is not None

    def _role_holder(self, mention: Mention) -> int | None:
        if not mention.role:
            return None
        key = self._vocabulary.role_key(mention.role)
        if not key.head:
            return None
        holders = self._role_holders(key, mention)
        if not holders and self._scanned < len(self._paragraphs):
            self._scan_all()  # introduced later, as a headline's role often is
            holders = self._role_holders(key, mention)
        if not holders:
            # No one the article names holds the role: people.toml knows who holds
            # it, but it only links names the article writes, never introduces anyone.
            return None
        # The holder named last before the mention; else the one named first after.
        latest: tuple[int, int] | None = None
        for entity in holders:
            positions = self._entities[entity].positions
            before = bisect_left(positions, mention.start) - 1
            if before >= 0 and (latest is None or positions[before] > latest[0]):
                latest = (positions[before], entity)
        if latest is not None:
            return latest[1]
        return min(holders, key=lambda entity: self._entities[entity].positions[0])

    def _role_holders(self, key: RoleKey, mention: Mention) -> list[int]:
        """People the article names and gives a fitting role (the few whose role
        has the mention's head word)."""
        return [
            entity
            for entity in self._by_role_head.get(key.head, ())
            if self._entities[entity].positions
            and self._holds_role(self._entities[entity], key, mention.gender)
        ]

    def _set_role(self, entity: int, role: str) -> None:
        self._entities[entity].role = role
        self._index_role(entity, role)

    def _index_role(self, entity: int, role: str | None) -> None:
        if not role:
            return
        head = self._vocabulary.role_key(role).head
        holders = self._by_role_head.setdefault(head, [])
        if entity not in holders[-1:]:
            holders.append(entity)

    def _holds_role(self, entity: _Entity, key: RoleKey, gender: str | None) -> bool:
        if gender is not None and entity.gender not in (None, gender):
            return False
        vocabulary = self._vocabulary
        for role in (entity.role, self._people.role(entity.name)):
            if role and vocabulary.role_matches(key, vocabulary.role_key(role)):
                return True
        return False

    def _surname_entity(self, word: str) -> int | None:
        """The person a bare surname means: of those the article names in full with
        it, the one people.toml lists it for, else the first one named (news writers
        name the principal first and give others their full names)."""
        entities = self._by_surname.get(fold_name(word))
        if not entities:
            return None
        known = self._people.canonical(word)
        if known is None:
            return entities[0]  # no entity's name is None: no walk over them all
        for entity in entities:
            if self._entities[entity].name == known:
                return entity
        return entities[0]

    def _of_shared_surname(self, word: str, entity: int, mention: Mention) -> int:
        """Of several people the article names in full with one surname ("Patricia
        Smith, mother of Sean Smith"), the one a bare surname means: people.toml's,
        else the one the honorific's gender leaves ("Mrs Smith"), else the one last
        named as a sentence's subject or a speaker before the mention (Patricia, not
        her son named in her appositive), else the first one named."""
        surname = fold_name(word)
        entities = self._entities
        # The people of that surname, given names and all; only two of them are ever
        # needed to answer (an article naming thousands of Roes stays linear).
        named = self._by_surname.get(surname, ())
        two = list(islice((e for e in named if entities[e].given), 2))
        if len(two) < 2 or entities[entity].name == self._people.canonical(word):
            return entity
        if mention.gender is not None:
            fits = (
                e
                for e in named
                if entities[e].given and entities[e].gender in (None, mention.gender)
            )
            fitting = list(islice(fits, 2))
            if len(fitting) == 1:
                return fitting[0]
        latest: tuple[int, int] | None = None
        seen = 0
        index = bisect_left(self._occurrences, _Occurrence(mention.start, -1, -1, -1, False)) - 1
        while index >= 0 and seen < _MAX_OCCURRENCES_SEEN:
            occurrence = self._occurrences[index]
            index -= 1
            seen += 1
            found = entities[occurrence.entity]
            if (
                found.surname == surname
                and found.given
                and (occurrence.speaker or self._is_subject_position(occurrence))
            ):
                latest = (occurrence.position, occurrence.entity)
                break
        return latest[1] if latest is not None else entity

    def _note_speaker(self, entity: int, position: int) -> None:
        occurrence = _Occurrence(position, self._paragraph_index(position), entity, position, True)
        insort(self._occurrences, occurrence)
        insort(self._entities[entity].positions, position)

    # ------------------------------------------------------------- scanning

    def _scan_paragraph(self, paragraph: Paragraph) -> None:
        masked = self._masked
        previous_role: tuple[int, str] | None = None  # (end, role) of "the President of X"
        for found in _NAME_RUN.finditer(masked, paragraph.start, paragraph.end):
            run = self._without_inverted_cue(found)
            if run is not None:
                run = _without_function_word(masked, run)
            if run is None:
                continue
            if " " not in run.group():
                # One capitalised word (most runs: sentence starts, places) only counts
                # as a mention of someone already named, or known to people.toml.
                self._register_word(run)
                previous_role = None
                continue
            mention = parse_mention(masked, run.start(), run.end(), self._vocabulary)
            if mention is None:
                previous_role = None
                continue
            if mention.kind == MentionKind.ROLE and mention.role and self._is_role(mention.role):
                previous_role = (run.end(), mention.role)
                continue
            if mention.kind == MentionKind.NAME and mention.name:
                role = mention.role if mention.role and self._is_role(mention.role) else None
                if role is None and previous_role and _just_before(masked, previous_role[0], run):
                    role = previous_role[1]
                if role is None:
                    role = self._appositive_role(run.end())
                self._register(mention, role, run)
            elif mention.kind == MentionKind.ORG and mention.name:
                # Read again only if `it said` or `the club said` needs organisations.
                self._org_runs.append((mention.start, mention.end, mention.name))
            previous_role = None

    def _without_inverted_cue(self, run: re.Match[str]) -> re.Match[str] | None:
        """`Said Ellis:` names Ellis."""
        if self._masked[run.start()] not in "SAW":
            return run  # none of the inverted cues
        inverted = INVERTED_CUE.match(self._masked, run.start(), run.end())
        if inverted is None or self._masked[run.end() : run.end() + 1] != ":":
            return run
        return _NAME_RUN.match(self._masked, inverted.end(), run.end())

    def _register_word(self, run: re.Match[str]) -> None:
        key = fold_name(run.group())
        if key in self._by_surname:
            entity = self._surname_entity(run.group())
        else:
            known = self._people.canonical_of_key(key)
            if known is None:
                entity = self._kin(run)
                if entity is None:
                    return  # a lone capitalised word: a sentence start, a place, a brand
            else:
                entity = self._entity(known, None)
        if entity is not None:
            self._add_occurrence(entity, run)

    def _kin(self, run: re.Match[str]) -> int | None:
        """`his son Nick`: a one-word name after a kinship word is a person of that
        word's gender, whom a later `he` may mean (not the owner, `his` or `Roe's`)."""
        masked, start = self._masked, run.start()
        # The word just before, first (set look-ups): most lone capitals open a
        # sentence or follow a preposition.
        if start < 2 or not masked[start - 2].islower():
            return None
        word = masked[masked.rfind(" ", max(0, start - 20), start - 1) + 1 : start - 1]
        vocabulary = self._vocabulary
        if word in vocabulary.male_words:
            gender = "m"
        elif word in vocabulary.female_words:
            gender = "f"
        else:
            return None
        if word in _HONORIFICS or _KIN_BEFORE.search(masked, max(0, start - 40), start) is None:
            return None
        entity = self._entity(run.group(), None)
        found = self._entities[entity]
        found.person = True
        found.gender = found.gender or gender
        return entity

    def _register(self, mention: Mention, role: str | None, run: re.Match[str]) -> None:
        name = mention.name or ""
        if " " not in name and role is None and not mention.gender:
            entity = self._surname_entity(name)
            if entity is None:
                known = self._people.canonical(name)
                if known is None:
                    return  # a lone capitalised word: maybe a place or a brand
                entity = self._entity(known, mention)
        else:
            entity = self._entity(name, mention)
            found = self._entities[entity]
            found.person = found.person or bool(role or mention.gender)
            if role and found.role is None:
                self._set_role(entity, role)
        self._add_occurrence(entity, run)

    def _add_occurrence(self, entity: int, run: re.Match[str]) -> None:
        index = self._paragraph_index(run.start())
        self._occurrences.append(_Occurrence(run.start(), index, entity, run.end(), False))
        insort(self._entities[entity].spans, (run.start(), run.end()))
        insort(self._entities[entity].positions, run.start())

    def _appositive_role(self, end: int) -> str | None:
        match = _APPOSITIVE.match(self._masked, end)
        if match is None:
            return None
        role = role_phrase(self._masked, match.start("role"), match.end("role"))
        if role is None or role.lower() in NOT_NAMES:
            return None  # "Mr Svanberg, however, warned"
        return role if self._is_role(role) else None

    def _is_role(self, role: str) -> bool:
        """A role names a position ("Foreign Minister"), not just "Mr." or a place."""
        vocabulary = self._vocabulary
        key = vocabulary.role_key(role)
        return bool(key.head) and key.head not in _HONORIFICS

    def _is_subject_position(self, occurrence: _Occurrence) -> bool:
        """A name at the start of a clause and followed by a verb-like word or an
        appositive: a subject, not an object ("… informed Mardini")."""
        masked = self._masked
        paragraph = self._paragraphs[occurrence.paragraph]
        start, end = occurrence.position, occurrence.end
        before = start
        while before > paragraph.start and masked[before - 1] == " ":
            before -= 1
        at_clause_start = (
            before == paragraph.start
            or masked[before - 1] in _SUBJECT_BEFORE
            or _SUBJECT_WORD_BEFORE.search(masked, max(paragraph.start, before - 10), before)
            is not None
        )
        after = masked[end : end + 2]
        return at_clause_start and (after[:1] == "," or after[1:2].islower())

    # -------------------------------------------------------------- entities

    def _entity(self, name: str, mention: Mention | None) -> int:
        """The entity for a full name, created on first sight."""
        entity = self._by_written.get(name)
        if entity is None:
            entity = self._by_written[name] = self._new_or_known_entity(name, mention)
        return entity

    def _new_or_known_entity(self, name: str, mention: Mention | None) -> int:
        canonical = self._people.canonical(name) or _clean(name) or name
        key = fold_name(canonical)
        entity = self._by_name.get(key)
        if entity is None:
            entity = self._same_person(key)
            if entity is not None:
                self._take_full_given_name(entity, canonical, key)
        if entity is None and " " in key:
            entity = self._surname_only(canonical, key.split())
        if entity is None:
            words = key.split()
            gender = (
                self._people.gender(canonical)
                or (mention.gender if mention else None)
                or self._vocabulary.gender_of_name(canonical)
            )
            known = canonical in self._people
            self._entities.append(
                _Entity(
                    canonical, words[-1], words[0] if len(words) > 1 else "", None, gender, known
                )
            )
            entity = len(self._entities) - 1
            self._by_surname.setdefault(words[-1], []).append(entity)
            for filed in self._full_name_keys(self._entities[entity].given):
                self._by_full.setdefault((words[-1], filed), []).append(entity)
            if len(words) > 1:
                self._by_given.setdefault(words[0], []).append(entity)
            self._index_role(entity, self._people.role(canonical))
        self._by_name[key] = entity
        return entity

    def _same_person(self, key: str) -> int | None:
        """An entity the article already named more fully or with an initial
        ("Donald J. Trump" = "Donald Trump")."""
        words = key.split()
        candidates = self._by_surname.get(words[-1])
        if not candidates:
            return None
        if len(words) == 1:
            return candidates[0]
        # The first of those whose given name may be this one ("ken" for "kenneth",
        # given_names.txt), found by key, not by a walk over every namesake.
        surname, given = words[-1], words[0]
        firsts = [
            found[0]
            for found in (
                self._by_full.get((surname, key)) for key in (given, *self._given_form_keys(given))
            )
            if found
        ]
        if firsts:
            return min(firsts)
        if self._is_descriptor(words[0]):
            # "Donor Adelson" after "Sheldon Adelson": a description, then the surname.
            return self._first_not_descriptor(words[-1], candidates)
        return None

    def _first_not_descriptor(self, surname: str, candidates: list[int]) -> int | None:
        """The first entity with this surname whose given name is no descriptor (or
        who has none); the walk resumes past those already seen to be descriptors."""
        index = self._descriptors_before.get(surname, 0)
        while index < len(candidates) and self._is_descriptor(
            self._entities[candidates[index]].given
        ):
            index += 1
        self._descriptors_before[surname] = index
        return candidates[index] if index < len(candidates) else None

    def _take_full_given_name(self, entity: int, canonical: str, key: str) -> None:
        """ "Kenneth Starr" after "Ken Starr" (a headline's): the person is named by the
        full form of the given name, as a body's introduction and gold labels write it."""
        found = self._entities[entity]
        words = key.split()
        given = words[0]
        if (
            len(words) > 1
            and given != found.given
            and found.name not in self._people
            and self._vocabulary.is_full_given_name(given)
            and not self._vocabulary.is_full_given_name(found.given)
        ):
            former = found.given
            found.name, found.given = canonical, given
            self._file_full_name(entity, words[-1], former)
            self._by_given.setdefault(given, []).append(entity)

    def _is_descriptor(self, word: str) -> bool:
        """A capitalised word before a surname that the article also writes in lower
        case ("Donor Adelson" where it writes "the donor"): not a first name."""
        vocabulary = self._vocabulary
        if not word or word in vocabulary.male_given_names or word in vocabulary.female_given_names:
            return False
        cached = self._descriptors.get(word)
        if cached is None:
            cached = self._descriptors[word] = self._written_as_word(word)
        return cached

    def _written_as_word(self, word: str) -> bool:
        if word.isalpha():
            if self._words is None and len(self._descriptors) > _WORDS_AFTER_ASKED:
                # Asked of many words (an article naming thousands of "… Pharma"): one
                # pass over the text instead of a search of it per word.
                self._words = _alphabetic_words(self._masked)
            if self._words is not None:
                return word in self._words
        masked = self._masked
        position = masked.find(word)
        while position >= 0:
            end = position + len(word)
            if not (masked[position - 1 : position].isalpha() or masked[end : end + 1].isalpha()):
                return True
            position = masked.find(word, end)
        return False

    def _surname_only(self, canonical: str, words: list[str]) -> int | None:
        """A person the article named by surname alone so far ("Mr Blair" before "Tony
        Blair" in reading order): the full name is theirs, as the first full name
        with that surname is in `_surname_entity`."""
        candidates = self._by_surname.get(words[-1], [])
        # Entities before `index` are known people or have a given name already: a
        # name or given name changes only below, for the entity the walk stops at.
        index = self._completed_before.get(words[-1], 0)
        while index < len(candidates):
            entity = candidates[index]
            found = self._entities[entity]
            if found.name not in self._people and (
                not found.given or self._is_descriptor(found.given)
            ):
                break
            index += 1
        self._completed_before[words[-1]] = index
        if index == len(candidates):
            return None
        given = found.given
        found.name, found.given = canonical, words[0]
        self._file_full_name(entity, words[-1], given)
        self._by_given.setdefault(words[0], []).append(entity)
        found.gender = found.gender or self._vocabulary.gender_of_name(canonical)
        self._index_role(entity, self._people.role(canonical))
        return entity

    def _file_full_name(self, entity: int, surname: str, former_given: str) -> None:
        """Files the entity under its new given name (and its forms), out of its former
        one; a walk that passed it looks again from it if it now fits."""
        for key in self._full_name_keys(former_given):
            self._by_full[(surname, key)].remove(entity)
        found = self._entities[entity]
        for key in self._full_name_keys(found.given):
            insort(self._by_full.setdefault((surname, key), []), entity)
        at = bisect_left(self._by_surname[surname], entity)
        if not self._is_descriptor(found.given):
            self._descriptors_before[surname] = min(self._descriptors_before.get(surname, 0), at)
        elif found.name not in self._people:
            self._completed_before[surname] = min(self._completed_before.get(surname, 0), at)

    def _full_name_keys(self, given: str) -> tuple[str, ...]:
        """The keys of `_by_full` an entity with this given name is filed under."""
        return (given, *self._given_form_keys(given))

    def _given_form_keys(self, given: str) -> tuple[str, ...]:
        """Keys for the full given names `given` may be a form of ("kenneth" for "ken");
        NUL-prefixed so that they never equal a given name as written."""
        return tuple("\x00" + form for form in self._vocabulary.given_name_forms.get(given, ()))

    def _paragraph_index(self, position: int) -> int:
        return max(0, bisect_left(self._paragraph_starts, position + 1) - 1)


@dataclass(frozen=True, slots=True, order=True)
class _OrgNote:
    """Where the article names an organisation, or describes one it does not name."""

    position: int
    end: int
    name: str | None  # None: "the club" where the article named no club, or several
    kinds: frozenset[str]  # the nouns it may be called by ("company", "firm", …)


_ORGANISATION_WINDOW_PARAGRAPHS = 3
# Words asked about by a search of the article each before it is split into words once.
_WORDS_AFTER_ASKED = 16
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _alphabetic_words(text: str) -> set[str]:
    """The runs of letters of `text`, as `str.isalpha` sees letters (a run the pattern
    finds may hold a digit-like sign, "x²": it is split there)."""
    words = set()
    for run in _LETTER_RUN.findall(text):
        if run.isalpha():
            words.add(run)
        else:
            words.update("".join(c if c.isalpha() else " " for c in run).split())
    return words


# Names given a kind that are looked for again in each paragraph read.
_RECENT_KINDED_NAMES = 20
# Capitalised runs read between an organisation and a description meaning it.
_MAX_RUNS_BETWEEN = 200
# A capitalised name, a dot only inside a word ("Plus.net", not a sentence's end).
_ORG_WORD = r"[A-Z][\w&’'\-]*(?:\.\w+)*"
_ORG_NAME = rf"{_ORG_WORD}(?:\s+(?:&\s+|and\s+|of\s+|for\s+)?{_ORG_WORD})*"


@cache
def _organisation_patterns() -> tuple[re.Pattern[str], ...]:
    """Where a text names or describes an organisation, built on the nouns of
    organisation_nouns.txt (read on first use):

    - `drugs group Eli Lilly`, `telecoms regulator Ofcom`: a noun, then a name;
    - `Manchester United's board`: the board is that organisation's;
    - `the Commons work and pensions committee`: a capital, then a lower-case head;
    - `the club`, `the football club`: a definite description."""
    # A trie ("c(?:lub|o(?:mpany|mmittee…))"): not every noun tried at every word.
    nouns = alternation(sorted(organisation_nouns()))
    return (
        re.compile(rf"\b(?P<noun>{nouns})\s+(?P<name>{_ORG_NAME})"),
        re.compile(rf"(?P<name>{_ORG_NAME})[’']s\s+(?P<noun>{nouns})\b"),
        re.compile(
            rf"\bthe\s+(?P<name>[A-Z][\w’'\-]*(?:\s+(?:and\s+)?[a-z][\w’'\-]*){{0,4}}?"
            rf"\s+(?P<noun>{nouns}))\b"
        ),
        re.compile(rf"\b[Tt]he\s+(?P<words>(?:[a-z][\w\-]*\s+){{0,2}}(?:{nouns})\b(?:\s+\w+)?)"),
        re.compile(rf"\b(?:{nouns})\b"),
    )


# Qualifiers that make a description another organisation than the one named.
_OTHER_QUALIFIERS = frozenset(
    words("rival other another former previous new opposing different second same whole")
)
# Capitalised runs that name no organisation (a sentence's time words).
_NOT_RIVALS = frozenset(["Mr", "Mrs", "Ms"])
# After `it`, verbs of an impersonal sentence ("It was widely expected that …").
_EXPLETIVE_VERBS = frozenset(
    words("is was seems seemed appears appeared remains remained emerged became")
)
_WORD_BEFORE_RUN = re.compile(r"(\w+)\s+$")
# A capitalised word right after a name: the name is part of a longer one.
_CAPITALISED_AFTER = re.compile(r"\s+(?:of\s+|for\s+)?[A-Z]")


def _in_longer_name(masked: str, position: int) -> bool:
    """A capitalised word other than `But`, `Meanwhile` … right before `position`."""
    before = _WORD_BEFORE_RUN.search(masked, max(0, position - 30), position)
    return (
        before is not None
        and before.group(1)[:1].isupper()
        and before.group(1).lower() not in NOT_NAMES
    )


_LOCATIVE = frozenset(words("in at near from to outside across around throughout"))
_CALENDAR = frozenset(
    words(
        """january february march april may june july august september october november
        december monday tuesday wednesday thursday friday saturday sunday christmas easter"""
    )
)


# "National Institute of Economic and Social Research (NIESR)".
_NAME_AND_INITIALS = re.compile(
    r"(?P<name>[A-Z][\w’'\-]*(?:\s+(?:of\s+|for\s+|and\s+|&\s+)?[A-Z][\w’'\-]*)+)"
    r"\s+\((?P<initials>[A-Z]{2,8})\)"
)


def _initials_of(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def _name_from_initials(name: str, initials: str) -> str:
    """The end of `name` that the initials stand for ("the Ruritanian Medical
    Association (RMA)" is all of it; "Economists at the Ruritanian Medical …" is not)."""
    words = name.split()
    capitals = 0
    for index in range(len(words) - 1, -1, -1):
        capitals += words[index][:1].isupper()
        if capitals == len(initials):
            return " ".join(words[index:])
    return name


# Documents that speak for their authors ("the report urged").
_DOCUMENTS = frozenset(["report", "statement", "letter", "study", "survey", "review"])
_DOCUMENT_BY = re.compile(
    r"\b(?P<noun>[Rr]eport|[Ss]tatement|[Ll]etter|[Ss]tudy|[Ss]urvey|[Rr]eview)\s+"
    r"(?:by|from)\s+(?:the\s+)?"
)
# "Chelsea's statement", "committee's report": a document and whose it is.
_OWNED_DOCUMENT = re.compile(
    r"(?P<owner>[\w&.\-]+(?:\s+[\w&.\-]+){0,5}?)[’']s\s+"
    r"(?P<noun>report|statement|letter|study|survey|review)"
)
# Lower-case role words between "a letter from" and its author ("chief executive").
_ROLE_WORDS_ONLY = re.compile(r"(?:[a-z][\w\-]*\s+){0,4}")
_IN_A_STATEMENT = re.compile(r"\b[Ii]n\s+(?:a|its|their|a\s+written)\s+statement\b")
# "X's board" says X is an organisation with a board: a company or a club.
_GOVERNING_BODIES = frozenset(["board"])
_HAVING_BOARDS = ("company", "club")
_POSSESSIVE_WORDS = frozenset(["his", "her", "its", "their", "our", "my", "your"])
_BARE_SPOKESPEOPLE = frozenset(["spokesman", "spokeswoman", "spokesperson"])


def _is_acronym(name: str) -> bool:
    """`AOL`, `BMA`: one word of capitals (an organisation's initials)."""
    return len(name) > 1 and " " not in name and name.isupper() and name.isalpha()


def _qualified_as_other(masked: str, position: int, lower: int) -> bool:
    """`rival club …`, `rival local club …`, `another firm …`: a word just before
    (one of the two before) marks another organisation."""
    before = _WORDS_BEFORE.search(masked, max(lower, position - 30), position)
    return before is not None and any(
        word.lower() in _OTHER_QUALIFIERS for word in before.group().split()
    )


_WORDS_BEFORE = re.compile(r"(?:\w+\s+){1,2}$")


# A possessive or a superlative makes a description identify on its own ("the UK's
# biggest lender"), not point back at the organisation just named.
_IDENTIFYING = re.compile(r"[’']s$|^(?:biggest|largest|oldest|smallest|leading|main|top)$|\d")


def _description_noun(phrase: str, vocabulary: Vocabulary) -> str | None:
    """The organisation noun of `the <phrase>` (`club` of "the football club said"),
    None when it is not one, is qualified as another (`the rival club`), or heads a
    role (`the company president`, `the club spokesman`)."""
    found = phrase.split()
    for index, word in enumerate(found):
        if word in _OTHER_QUALIFIERS or _IDENTIFYING.search(word):
            return None  # "the UK's biggest mortgage lender": someone in particular
        if is_organisation_noun(word):
            following = found[index + 1] if index + 1 < len(found) else ""
            if following and (
                vocabulary.is_title(following)
                or following.startswith("spokes")
                or is_organisation_noun(following)
            ):
                return None
            if _identifies_alone(found[index + 1 :]):
                # "the firm - China's biggest supplier", "the company and its
                # shareholders": an appositive that says which, or two speakers.
                return None
            return word
    return None


def _identifies_alone(found: list[str]) -> bool:
    """Words of a description that say which one it is on their own (a possessive, a
    superlative, a number, `rival`, `new`), or join another subject (`and`)."""
    return any(
        word.lower() in _OTHER_QUALIFIERS or word == "and" or _IDENTIFYING.search(word)
        for word in found
    )


# A body's name; a comma only before a capital ("Department for Media, Culture and Sport").
_NAME_WORDS = (
    r"[A-Z][\w.&’'\-]*(?:\s+(?:of|for|and|the|on|[A-Z][\w.&’'\-]*)|,\s+(?=[A-Z])[A-Z][\w.&’'\-]*)*"
)
_SPOKES = r"(?:official\s+|chief\s+)?spokes(?:man|woman|person|people|men|women)"
_SPOKESPERSON_FOR = re.compile(rf"{_SPOKES}\s+(?:for|of|at)\s+(?:the\s+)?(?P<body>{_NAME_WORDS})$")
_BODY_SPOKESPERSON = re.compile(rf"(?:the\s+)?(?P<body>{_NAME_WORDS})\s+{_SPOKES}$")
_OFFICE_SPOKESPERSON = re.compile(rf"(?P<office>[\w\s’'\-]+?)[’']s\s+{_SPOKES}$")


def _spokesperson_body(role: str) -> str | None:
    """The body an unnamed spokesman speaks for, from the role phrase."""
    for pattern in (_SPOKESPERSON_FOR, _BODY_SPOKESPERSON):
        match = pattern.match(role)
        if match is not None:
            body = match.group("body").removesuffix("'s").removesuffix("’s")
            if body.lower() in _POSSESSIVE_WORDS:
                return None  # "His spokesman": whose, the phrase does not say
            return body
    match = _OFFICE_SPOKESPERSON.match(role)
    if match is not None and match.group("office").split()[0].lower() not in (
        "his",
        "her",
        "their",
        "its",
    ):
        return role  # "prime minister's official spokesman": the office, as written
    return None


def _without_function_word(masked: str, run: re.Match[str] | None) -> re.Match[str] | None:
    """`But Tony Blair said …`, `On Monday Tony Blair …`: capitalised words that start
    a sentence before a name."""
    for _ in range(3):
        if run is None:
            return None
        space = masked.find(" ", run.start(), run.end())
        if space < 0 or masked[run.start() : space].lower() not in NOT_NAMES:
            break
        run = _NAME_RUN.match(masked, space + 1, run.end())
    return run


def _just_before(masked: str, role_end: int, run: re.Match[str]) -> bool:
    """`the President of Azerbaijan, Ilham Aliyev`: role, comma, name."""
    return masked[role_end : run.start()].strip() == ","


def _clean(words: str | None) -> str | None:
    """Display form: single spaces (news text has no-break spaces and line breaks)."""
    return " ".join(words.split()) if words else words
