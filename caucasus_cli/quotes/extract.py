"""Quotations and reported speech in an article, with their speakers.

    from caucasus_cli.quotes.people import load_people
    from caucasus_cli.quotes.extract import extract_quotes

    quotes = extract_quotes(text, paragraphs, load_people())

`text` is the decoded file text; `paragraphs` are the paragraphs to read (headline
and body, in document order; left-out paragraphs are never looked at, and a
quotation never runs across a gap). Each `Quote` gets `text`, `start`, `end`
(`text[start:end] == quote.text`, quotation marks excluded), `paragraph`, `kind`
("direct" for words in quotation marks, "indirect" for reported speech),
`speaker` (canonical name, or None when the text does not settle it),
`speaker_role`, `speaker_mention` (the words naming the speaker here), `cue`,
`speaker_evidence` (where the article names the speaker: for "he" or "the
minister", the person's name where the article last wrote it before; never None
when there is a speaker, never pointing outside the article) and `attribution`
(how the speaker was settled: named, pronoun, role, follow_on, headline,
organisation).

How it works, one module per step:

1. `quotes_marks` pairs quotation marks into spans (multi-paragraph quotes too);
2. `quotes_sentences` splits sentences and blanks quoted words out, so that a name
   inside a quotation is never taken for its speaker;
3. `attribution` finds the speaker phrase and cue around each quotation, and
   reported speech in each sentence;
4. `quotes_mentions` reads speaker phrases; `quotes_speakers` links them to people
   in document order (surnames, roles, pronouns) and to people.toml.

Quoted words that are not a statement are left out: names and titles in
quotation marks (`called “Nagorno-Karabakh”`, `MSNBC’s “Morning Joe”`) and short
scare quotes nobody is said to have said (a short quotation in a sentence that
reports someone's speech is theirs).

Every step reads bounded windows around each quotation, so extraction time grows
linearly with the text whatever its shape (`benchmarks/pathological.py`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..models import (
    HowAttributed,
    Paragraph,
    Quote,
    QuoteKind,
    SpeakerCandidate,
    SpeakerEvidence,
)
from .attribution import (
    Attribution,
    Placement,
    attribution_after,
    attribution_before,
    clause_attribution,
    governing_clauses,
    introduction,
    named_subject,
    opening_participle,
    reported_speech,
    sentence_subject,
    speech_cue_in,
    tail_attribution,
)
from .marks import QuoteSpan, find_quote_spans
from .mentions import Mention, MentionKind, parse_mention
from .people import People, Vocabulary
from .russian import extract_russian_quotes, split_russian
from .sentences import SentenceIndex, masked_text, words
from .speakers import Resolved, SpeakerResolver

__all__ = ["extract_quotes"]

# Words before a quotation that make it a name or a title, not a statement.
_NAMING_BEFORE = re.compile(
    r"(?:\bso-called|\bdubbed|\bnicknamed|\btitled|\bentitled|\bnamed|\bknown\s+as|"
    r"\bthe\s+(?:terms?|words?|phrases?|slogans?|hashtags?|labels?|nicknames?|names?|mottos?)"
    r")\s*,?\s*$",
    re.IGNORECASE,
)
_CALLED_BEFORE = re.compile(r"(?P<who>\w+)\s+(?:called|calls|calling)\s*,?\s*$")
# "what she called “fake negotiations”" quotes her words.
_WHAT_CALLED_BEFORE = re.compile(r"\bwhat\b[^.!?]{0,60}\bcall(?:s|ed)?\s*$", re.IGNORECASE)
_MEDIA_BEFORE = re.compile(
    r"\b(?:book|memoir|autobiography|biography|film|movie|documentary|novel|song|album|play|"
    r"series|show|programme|program|"
    r"newspaper|magazine|op-ed|column|commentary|essay|editorial|poem|podcast|video|episode|"
    r"article|headline|operation|exercise|festival|conference|summit|forum|initiative|"
    r"project|platform|party|movement|website|channel|brand)\s*,?\s*$",
    re.IGNORECASE,
)
# `Fiorina told “Fox and Friends,” reminding …`: a title-cased quotation right after
# `told` is whom she told (a programme, an outlet), not her words.
_TOLD_BEFORE = re.compile(r"\b(?:told|tells|telling|tell)\s*$", re.IGNORECASE)
_POSSESSIVE_BEFORE = re.compile(r"\w(?:[’']s|s[’'])\s*$")
# A capitalised word right before and after: a nickname inside a name (Marcia "Cia" Price).
_CAPITALISED_BEFORE = re.compile(r"\b[A-Z][\w’'.\-]*\s+$")
_CAPITALISED_AFTER = re.compile(r"\s+[A-Z]")
# After one of these words a quotation is a noun phrase inside the sentence ("on
# “Fox News Sunday,” Pence said"), not words introduced by the attribution after it.
_EMBEDDING_WORDS = frozenset(
    words(
        """of on in at to for from with by about the a an his her their its this these those
    our my your"""
    )
)
_LAST_WORD = re.compile(r"(\w+)\W*$")
# A person naming something ("Trump calls it") quotes their words.
_SPEAKING_SUBJECTS = frozenset(["he", "she", "they", "we", "i", "who", "you", "it"])
# "executives were calling “every 15 minutes”": telephoning, not naming.
_PROGRESSIVE_AUXILIARIES = frozenset(["was", "were", "is", "are", "been", "be", "kept"])
# "who Beck on Wednesday called “a horrible human being”", "whom he has called …": an
# auxiliary, an adverb or a day before `called` means an active verb whose subject
# stands further back: that subject's words, not a name given to something.
_ACTIVE_BEFORE_CALLED = frozenset(
    words(
        """has have had having once also later previously repeatedly publicly privately then
        even often recently yesterday today tonight famously memorably monday tuesday
        wednesday thursday friday saturday sunday"""
    )
)
_WORD = re.compile(r"[^\W_][\w’'\-]*")
_TITLE_SMALL_WORDS = frozenset(
    ["of", "the", "and", "a", "an", "in", "on", "for", "to", "with", "at", "by", "from", "or", "vs"]
)
_SHORT_QUOTE_WORDS = 4
# A verb that characterises something in the subject's own words, with its object, right
# before a short quotation: `calling it a “no-brainer”`, `described the deal as
# “unfair”`, `dismissed the report as “fake”`, `referring to the US as the “Great
# Satan”`. The quotation is the subject's words, not the reporter's scare quote. A
# bare `called “…”` names (`a play called “Sons of Trump”`) and is left to the title
# rules; so is a quotation in capitals (`called the winner “Miss Piggy”`).
_CHARACTERISING_VERB = (
    r"(?i:call(?:s|ed|ing)?|describ(?:e|es|ed|ing)|label(?:s|ed|led|ing|ling)|"
    r"brand(?:s|ed|ing)|dismiss(?:es|ed|ing)?|denounc(?:e|es|ed|ing)|slam(?:s|med|ming)?|"
    r"blast(?:s|ed|ing)?|derid(?:e|es|ed|ing)|condemn(?:s|ed|ing)?|hail(?:s|ed|ing)|"
    r"decr(?:y|ies|ied|ying)|characteri[sz](?:e|es|ed|ing)|refer(?:s|red|ring)?\s+to)"
)
_CHARACTERISED_OBJECT = (
    r"(?:(?i:it|him|her|them|this|that|me|us|you|himself|herself|themselves)|"
    r"(?i:the|his|her|their|its|this|that|these|those|our|all|both|some|many|every|each|"
    r"a|an)(?:\s+[\w’'\-]+){1,4}|"
    r"[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,2})"
)
# Verbs that characterise only with `as`: `pounding Trump as a “con artist”`, `rated
# the claims as “false”`, `admires Putin as a “strong leader”`.
_AS_VERB = (
    r"(?i:rat(?:e|es|ed|ing)|pound(?:s|ed|ing)?|attack(?:s|ed|ing)?|portray(?:s|ed|ing)?|"
    r"paint(?:s|ed|ing)?|criticis(?:e|es|ed|ing)|criticiz(?:e|es|ed|ing)|"
    r"mock(?:s|ed|ing)?|ridicul(?:e|es|ed|ing)|tout(?:s|ed|ing)?|prais(?:e|es|ed|ing)|"
    r"admir(?:e|es|ed|ing)|(?:go|goes|went|gone|going)\s+after|lambast(?:s|ed|ing)?|"
    r"herald(?:s|ed|ing)?|"
    r"attack(?:s|ed|ing)?|accus(?:e|es|ed|ing)|depict(?:s|ed|ing)?)"
)
# `was described as “…”`, `being called “…”`: the subject is the one described, not
# the speaker.
_PASSIVE_BEFORE = re.compile(
    r"\b(?:was|were|is|are|be|been|being|get|gets|got|getting)\s+(?:\w+ly\s+)?$", re.IGNORECASE
)
# `who Beck on Wednesday called`, `whom the senator has described as`.
_RELATIVE_SUBJECT = re.compile(
    r"\b(?i:who|whom|which|that|what)\s+(?P<who>(?i:the\s+)?[\w’'\-]+(?:\s+[A-Z][\w’'\-]*){0,3})"
    r"\s+(?:\w+\s+){0,3}$"
)
_CHARACTERISED_AS_BEFORE = re.compile(
    rf"\b(?P<cue>{_AS_VERB})\s+{_CHARACTERISED_OBJECT}\s+(?P<as>(?i:as)\s+)"
    r"(?i:(?:a|an|the)\s+)?(?i:(?:mere|very|truly|real)\s+)?$"
)
# `Trump’s claim that there have been “thousands of shootings”`: a noun of speech
# with its owner and `that` reports the owner's words.
_CLAIM_THAT = re.compile(
    r"(?:(?P<who>[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,2})[’']s|\b(?P<pronoun>[Hh]is|[Hh]er))"
    r"\s+(?:[a-z][\w\-]*\s+){0,2}?"
    r"(?P<cue>claims?|assertions?|statements?|insistence|suggestions?|arguments?|promises?|"
    r"pledges?|warnings?|accusations?|charges?|allegations?|contention|remarks?|comments?)"
    r"\s+that\b"
)
# `Trump said: “…”` after a quotation introduces the next one.
_INTRODUCES_NEXT = re.compile(r"\s*:\s*[\"“]")
# What may stand between an attribution after a quotation and the quotation that
# continues it: a comma, or an appositive set off by commas (`said Jon Roe, director
# of the Ruritanian institute, “…”`); no sentence break and no other quotation.
_SPLIT_GAP = re.compile(r"(?:[^.;:!?\"“”‘]|\.(?=\S)){0,200}?,\s*$")
# An appositive that brings in someone else's words (`said Roe, quoting Doe, “…”`).
_OTHERS_WORDS = re.compile(r"\b(?:citing|quoting|reading|reciting|echoing)\b", re.IGNORECASE)
_RELATIVE_BEFORE = re.compile(r"\b(?:which|whom|who)\s+$")
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_CHARACTERISED_BEFORE = re.compile(
    rf"\b(?P<cue>{_CHARACTERISING_VERB})\s+(?:{_CHARACTERISED_OBJECT}\s+)?"
    r"(?P<as>(?i:as)\s+)?(?i:(?:a|an|the)\s+)?(?i:(?:mere|very|truly|real)\s+)?$"
)
_MAX_TITLE_WORDS = 8
_LOOK_BEHIND_CHARS = 60
_CLAUSE_WINDOW_CHARS = 600
# A clause window reaches over at most this many other quotations on each side.
_NEIGHBOUR_QUOTES = 4
# Longer paragraphs are read in pieces of at most this many characters.
_MAX_PIECE_CHARS = 20_000
# Reported speech nests ("Roe said that Doe told him that …"), but never deeper than
# this in real prose: a clause holding more reported clauses ends where the next one's
# speaker is named, so that a run-on chain of cues ("Jon Roe said that Jon Roe said
# that …") gives clauses of a few words each, not thousands of clauses of a whole
# bounded reach each (quadratic text for the store to fold and index).
_MAX_NESTED_REPORTS = 3
# Why a speaker is left out when two clauses with different subjects govern a quote.
_RIVALLED = "subject of the speech verb before the quotation, but another clause governs it"
_RIVAL = "subject of another clause that governs the quotation"
_RELATIVE_CLOSED = "subject of a relative clause that closes before the quotation"
_UNREAD_CLAUSE = "a later clause with a subject not read here governs the quotation:"


@dataclass(slots=True)
class _Draft:
    """A quotation or reported speech before its speaker is resolved."""

    start: int
    end: int
    paragraph_index: int
    kind: QuoteKind
    attribution: Attribution | None
    inherit: bool = False  # takes the speaker of the quotation before it
    resolved: Resolved | None = None
    # Subjects of other clauses that govern the quotation too: unless each is the
    # attribution's speaker, the text does not settle who said it.
    rivals: tuple[Mention, ...] = ()
    rivals_resolved: tuple[Resolved, ...] = ()
    left_out: str | None = None  # why the attribution's speaker is not the quotation's


def extract_quotes(text: str, paragraphs: Sequence[Paragraph], people: People) -> list[Quote]:
    """Direct quotations and reported speech in `paragraphs` of `text`, in
    document order, with speakers resolved as far as the text settles them."""
    # Document order, each paragraph once, whatever order the caller lists them in.
    paragraphs = sorted({p.number: p for p in paragraphs}.values(), key=lambda p: p.start)
    # Russian-language paragraphs follow Russian typography and grammar (russian.py).
    russian, paragraphs = split_russian(text, paragraphs)
    if russian:
        found = extract_russian_quotes(text, russian)
        english = extract_quotes(text, paragraphs, people) if paragraphs else []
        return sorted(english + found, key=lambda quote: (quote.start, quote.kind))
    if not paragraphs:
        return []
    paragraphs = _in_pieces(text, paragraphs)
    spans = find_quote_spans(text, paragraphs)
    masked = masked_text(text, spans)
    reader = _ArticleReader(text, masked, paragraphs, spans, people.vocabulary)
    indirect = reader.indirect_drafts()
    drafts = reader.direct_drafts(indirect) + indirect
    _resolve_speakers(drafts, SpeakerResolver(masked, paragraphs, people))
    for draft in drafts:
        _trim(text, draft)  # rules read the masked text; the words are trimmed on the real one
    return [
        _to_quote(text, paragraphs, draft)
        for draft in drafts
        if draft.start < draft.end and not _unnamed_headline(draft)
    ]


class _ArticleReader:
    """Finds quotation and reported-speech drafts in one article."""

    def __init__(
        self,
        text: str,
        masked: str,
        paragraphs: list[Paragraph],
        spans: list[QuoteSpan],
        vocabulary: Vocabulary,
    ):
        self.text = text
        self.masked = masked
        self.paragraphs = paragraphs
        self.spans = spans
        self.vocabulary = vocabulary
        self.sentences = SentenceIndex(text, paragraphs, spans)
        self.paragraph_starts = [p.start for p in paragraphs]
        self.spans_by_start = sorted(spans, key=lambda span: span.outer_start)
        self.span_starts = [span.outer_start for span in self.spans_by_start]
        self.accepted: list[_Draft] = []  # direct quotations kept so far, in order
        self.reported: list[_Draft] = []  # reported speech, by start
        self.reported_starts: list[int] = []

    # ---------------------------------------------------------- quotations

    def direct_drafts(self, reported: list[_Draft]) -> list[_Draft]:
        self.reported = sorted(reported, key=lambda d: d.start)
        self.reported_starts = [d.start for d in self.reported]
        for span in self.spans:
            draft = self._direct_draft(span)
            if draft is not None:
                self.accepted.append(draft)
        return list(self.accepted)

    def _direct_draft(self, span: QuoteSpan) -> _Draft | None:
        draft = self._direct_draft_unchecked(span)
        if draft is not None and draft.attribution is not None:
            self._governed(draft, span)
        return draft

    def _governed(self, draft: _Draft, span: QuoteSpan) -> None:
        """A quotation after its attribution in the same sentence belongs to the clause
        that holds it: `Trump suggested …, but Rubio fired back: “…”` is Rubio's; `Howard
        denied Yeo said the plans “stink”` is Yeo's or (the text not saying) nobody's."""
        attribution = draft.attribution
        assert attribution is not None
        anchor = _anchor_end(attribution)
        sentence_start = self.sentences.containing(span.outer_start)[0]
        if anchor is None or not sentence_start <= anchor <= span.outer_start:
            return
        mention = attribution.mention
        if (
            attribution.how == Placement.CLAUSE
            and mention is not None
            and _RELATIVE_BEFORE.search(self.masked, max(0, mention.start - 8), mention.start)
            and "," in self.masked[anchor : span.outer_start].rstrip(" ,:")
        ):
            # `whether the plan, which the Tax Foundation estimates would cost …, would
            # risk “…”`: the relative clause closed before the quotation.
            draft.left_out = _RELATIVE_CLOSED
            return
        found = governing_clauses(
            self.masked,
            max(anchor, _clause_window_start(self.masked, sentence_start, span.outer_start)),
            span.outer_start,
            self.vocabulary,
            nested=attribution.how != Placement.SUBJECT,
        )
        rivals = found.rivals
        if found.clause is None and found.unread is not None:
            # `Roe described it as “…” while his rival Mark Doe said it was “…”`: the
            # later clause's subject, not read here, said the second one.
            draft.left_out = f"{_UNREAD_CLAUSE} '{found.unread}'"
            return
        if found.clause is not None:
            if found.clause.mention is not None and (
                found.clause.mention.kind == MentionKind.PRONOUN
                or attribution.cue == "according to"
            ):
                # `…, and he added`: the resolver's guess at "he" is no better than the
                # subject already read; `According to CNN, Roe said`: CNN reports Roe.
                rivals = [found.clause.mention, *rivals]
            else:
                draft.attribution = found.clause
        draft.rivals = tuple(m for m in rivals if m.kind != MentionKind.PRONOUN)

    def _direct_draft_unchecked(self, span: QuoteSpan) -> _Draft | None:
        # The paragraph of the first quoted word (the mark may end the one before).
        index = bisect_right(self.paragraph_starts, span.start) - 1
        paragraph = self.paragraphs[index]
        open_sentence = self.sentences.containing(span.outer_start)
        close_sentence = self.sentences.containing(span.outer_end - 1)
        if span.close_mark is None:
            run_on = self._run_on_attribution(span, index)
            if run_on is not None:
                return run_on
        after = None
        extended = False
        if span.close_mark is not None:
            limit = close_sentence[1]
            if limit <= span.outer_end + 1 and self.text[span.end - 1] in "?!…":
                # `“… regulate?” Vitter demanded.`, `“I'm going to look…” Roe said.`: the
                # question mark or the ellipsis ended the sentence splitter's sentence,
                # not the writer's.
                limit = self.sentences.containing(limit + 1)[1]
            extended = limit > close_sentence[1]
            after = attribution_after(self.masked, span.outer_end, limit, self.vocabulary)
        if span.orphan:
            # A lost opening mark is believable only with a speaker after the quote.
            return _Draft(span.start, span.end, index, QuoteKind.DIRECT, after) if after else None
        mid_sentence = open_sentence[0] < span.outer_start
        before = None
        if mid_sentence:
            before = attribution_before(
                self.masked,
                max(
                    _clause_window_start(self.masked, open_sentence[0], span.outer_start),
                    self._quotes_back(span.outer_start),
                ),
                span.outer_start,
                self.vocabulary,
            )
            before = self._relative_subject(before, span)
        elif span.outer_start == paragraph.start:
            before = self._introduced_by_previous_paragraph(index)
        if (
            mid_sentence
            and self._embedded(span, open_sentence[0])
            and _title_cased(_WORD.findall(self.text, span.start, span.end), ends_sentence=False)
        ):
            after = None  # `on “Fox News Sunday,” Pence said`: not Pence's words
        introduced = after is not None or (before is not None and before.how == Placement.INTRO)
        if self._is_name_or_title(span, index, introduced):
            return None
        if after is not None and after.how == Placement.DASH and mid_sentence and before:
            # `Rajoy insisted his party was “the No. 1 force.”--Jon Roe.`: a signature
            # after a quotation inside a clause with a speaker is the reporter's.
            after = None
        attribution = after or before
        if (
            after is not None
            and before is not None
            and self._introduced_before(before, after, extended)
        ):
            attribution = before
        if attribution is None and mid_sentence:
            attribution = opening_participle(
                self.masked, open_sentence[0], span.outer_end, open_sentence[1], self.vocabulary
            )
        short = _word_count(self.text, span) <= _SHORT_QUOTE_WORDS
        if attribution is None and mid_sentence and not short:
            # `X liked to rattle off "…", the Tory leader said`, with another quote between:
            # the sentence's closing attribution covers its quotes before the subject does.
            attribution = self._sentence_closing(span, close_sentence)
        if attribution is None and mid_sentence and not short:
            attribution = sentence_subject(
                self.masked, open_sentence[0], span.outer_start, self.vocabulary
            )
        draft = _Draft(span.start, span.end, index, QuoteKind.DIRECT, attribution)
        if attribution is None:
            if mid_sentence and self._split_by_attribution(span, open_sentence[0]):
                # `“…,” said Jon Roe, director of …, “and …”`: the attribution that
                # closes the quotation before goes on into this one.
                draft.inherit = True
                return draft
            if mid_sentence and short:
                # A scare quote, unless the sentence reports someone's words ("Kasich
                # said people “literally hate each other”"): then it is part of them.
                draft.attribution = self._reported_in(open_sentence, span)
                if draft.attribution is None:
                    draft.attribution = self._characterised(open_sentence, span)
                return draft if draft.attribution is not None else None
            if mid_sentence:
                return draft
            draft.inherit, draft.attribution = self._previous_sentence(span, open_sentence)
        return draft

    def _split_by_attribution(self, span: QuoteSpan, sentence_start: int) -> bool:
        """Whether the quotation kept just before, in the same sentence, is closed
        by its own attribution followed only by a comma or a comma-set appositive
        before this one opens: one quotation split by its speaker's name."""
        if not self.accepted:
            return False
        previous = self.accepted[-1]
        attribution = previous.attribution
        if (
            previous.start < sentence_start
            or attribution is None
            or attribution.how != Placement.AFTER
            or attribution.mention is None
        ):
            return False
        end = max(attribution.mention.end, attribution.cue_start + len(attribution.cue or ""))
        if not previous.end < end <= span.outer_start:
            return False
        if _SPLIT_GAP.match(self.masked, end, span.outer_start) is None:
            return False
        return _OTHERS_WORDS.search(self.masked, attribution.cue_start, span.outer_start) is None

    def _introduced_before(self, before: Attribution, after: Attribution, extended: bool) -> bool:
        """Whether the attribution before a quotation, not the one after it, gives its
        speaker: a speaker named in an introduction (`Ann Roe, for the Greens, added:
        “…,” she said`, `Roe replied to Doe with, “Why now?” Doe then wrote back`), or
        an attribution after it that introduces the next quotation (`After Roe said
        that … “…,” Doe said: “…”`)."""
        named = before.mention is not None and before.mention.kind in (
            MentionKind.NAME,
            MentionKind.ROLE,
        )
        if after.how != Placement.AFTER or after.mention is None or not named:
            return False
        if extended or (
            before.how == Placement.INTRO and after.mention.kind == MentionKind.PRONOUN
        ):
            # (`“…?” Doe then wrote back` is in the next sentence: what it attributes
            # is as likely the quotation after it.)
            return True
        end = max(after.mention.end, after.cue_start + len(after.cue or ""))
        return bool(_INTRODUCES_NEXT.match(self.masked, end))

    def _sentence_closing(self, span: QuoteSpan, sentence: tuple[int, int]) -> Attribution | None:
        """The attribution after the last quotation of the sentence, when a later
        quotation in the same sentence stands between it and this one."""
        # Spans by opening, so that only this sentence's later quotations are looked at.
        later = []
        for position in range(
            bisect_right(self.span_starts, span.outer_end), len(self.span_starts)
        ):
            other = self.spans_by_start[position]
            if other.outer_start >= sentence[1]:
                break
            if other.close_mark is not None and other.outer_end <= sentence[1]:
                later.append(other)
        if not later:
            return None
        last = max(later, key=lambda other: other.outer_end)
        return attribution_after(self.masked, last.outer_end, sentence[1], self.vocabulary)

    def _run_on_attribution(self, span: QuoteSpan, index: int) -> _Draft | None:
        """A quotation never closed that ends with the reporter's attribution (`"We will
        rebuild the market, Anar Guliyev said.`): the quotation ends at its comma, so
        the reporter's words are never confirmed as the speaker's."""
        lower = _clause_window_start(self.text, span.start, span.end)
        attribution = tail_attribution(self.text, lower, span.end, self.vocabulary)
        if attribution is None or attribution.mention is None:
            return None
        comma = self.text.rfind(",", lower, attribution.mention.start)
        if comma <= span.start:
            return None
        return _Draft(span.start, comma, index, QuoteKind.DIRECT, attribution)

    def _reported_in(self, sentence: tuple[int, int], span: QuoteSpan) -> Attribution | None:
        """The attribution of reported speech in the quotation's sentence: the one
        whose words hold it, else the first of the sentence; a speech cue without a
        speaker that can be read keeps the quotation, speaker unknown."""
        start, end = sentence
        index = bisect_right(self.reported_starts, span.outer_start) - 1
        for draft in self.reported[max(0, index - 2) : index + 1]:
            if draft.start <= span.outer_start and span.outer_end <= draft.end:
                return draft.attribution
        first = bisect_left(self.reported_starts, start)
        if first < len(self.reported) and self.reported[first].start < end:
            return self.reported[first].attribution
        # Within the clause window either side, so that a run-on sentence of thousands
        # of quotations is read in linear time.
        cue = speech_cue_in(
            self.masked,
            max(
                _clause_window_start(self.masked, start, span.outer_start),
                self._quotes_back(span.outer_start),
            ),
            min(end, span.outer_end + _CLAUSE_WINDOW_CHARS, self._quotes_ahead(span.outer_end)),
        )
        if cue is None:
            return None
        lower = _clause_window_start(self.masked, span.outer_end, end)
        tail = tail_attribution(self.masked, max(lower, span.outer_end), end, self.vocabulary)
        subject = tail or sentence_subject(self.masked, start, span.outer_start, self.vocabulary)
        return subject or Attribution(None, cue, span.outer_start, Placement.CLAUSE)

    def _relative_subject(self, before: Attribution | None, span: QuoteSpan) -> Attribution | None:
        """`Ann Roe, who Jon Roe once called “…”`: the cue is the relative clause's, so
        its subject (Jon Roe) speaks, not the person the clause is about."""
        if before is None or before.mention is None or before.how != Placement.CLAUSE:
            return before
        lower = before.mention.end
        relative = _RELATIVE_SUBJECT.search(self.masked, lower, before.cue_start)
        if relative is None:
            return before
        mention = parse_mention(
            self.masked, relative.start("who"), relative.end("who"), self.vocabulary
        )
        if mention is None:
            return before
        return Attribution(mention, before.cue, before.cue_start, before.how)

    def _claimed(self, lower: int, span: QuoteSpan) -> Attribution | None:
        """`Trump’s claim that there have been “thousands of shootings”`."""
        found = None
        for found in _CLAIM_THAT.finditer(self.masked, lower, span.outer_start):  # noqa: B007
            pass  # the last one before the quotation
        if found is None:
            return None
        if found.group("pronoun"):
            # `De Blasio repeated his claim that “profit-making” …`: whoever "his" is.
            pronoun = found.group("pronoun")
            gender = "m" if pronoun.lower() == "his" else "f"
            mention: Mention | None = Mention(
                pronoun,
                found.start("pronoun"),
                found.end("pronoun"),
                MentionKind.PRONOUN,
                None,
                None,
                gender,
            )
        else:
            mention = parse_mention(
                self.masked, found.start("who"), found.end("who"), self.vocabulary
            )
        if mention is None:
            return None
        return Attribution(mention, found.group("cue"), found.start("cue"), Placement.CLAUSE)

    def _characterised(self, sentence: tuple[int, int], span: QuoteSpan) -> Attribution | None:
        """`Trump …, calling it a “no-brainer”`: a short quotation that a verb of
        characterising gives as its subject's words. The speaker is the person opening
        the sentence when there is one, else unknown (`was described as “…”`)."""
        lower = max(sentence[0], span.outer_start - _LOOK_BEHIND_CHARS)
        found = _CHARACTERISED_BEFORE.search(
            self.masked, lower, span.outer_start
        ) or _CHARACTERISED_AS_BEFORE.search(self.masked, lower, span.outer_start)
        if found is None:
            return self._claimed(lower, span)
        if found.group("cue").lower().startswith("call"):
            bare = found.end("cue") + 1 >= found.end()
            word = _LAST_WORD.search(self.masked, max(lower, found.start() - 20), found.start())
            if _THE_BEFORE.search(found.group()) or (
                bare and (word is None or not _active_call(word.group(1)))
            ):
                return None  # `a play called “…”`, `called it the “golden rule”`: a name
        relative = _RELATIVE_SUBJECT.search(self.masked, lower, found.start())
        if relative is not None:
            # `Ann Roe, who Jon Roe once called “…”`: the relative clause's own subject.
            mention = parse_mention(
                self.masked, relative.start("who"), relative.end("who"), self.vocabulary
            )
            cue = " ".join(found.group("cue").split()).lower()
            return Attribution(mention, cue, found.start(), Placement.CLAUSE)
        # `has been pounding Trump as …` is active; `was described as …` passive.
        passive = not found.group("cue").lower().endswith("ing") and _PASSIVE_BEFORE.search(
            self.masked, lower, found.start()
        )
        if not passive:
            subject = sentence_subject(self.masked, sentence[0], span.outer_start, self.vocabulary)
            if subject is not None:
                return subject
        cue = " ".join(found.group("cue").split()).lower()
        return Attribution(None, cue, found.start(), Placement.CLAUSE)

    def _quotes_back(self, position: int) -> int:
        """Where the _NEIGHBOUR_QUOTES-th quotation before `position` opens (0 if
        fewer): a clause window reads no further back, so that a run of tiny
        quotations (`"a" "b" "c" …`) costs a few quotations' text each, not the
        window's 600 characters."""
        index = bisect_left(self.span_starts, position) - _NEIGHBOUR_QUOTES
        return self.span_starts[index] if index >= 0 else 0

    def _quotes_ahead(self, position: int) -> int:
        """Where the _NEIGHBOUR_QUOTES-th quotation after `position` opens (the end
        of the text if fewer)."""
        index = bisect_left(self.span_starts, position) + _NEIGHBOUR_QUOTES - 1
        return self.span_starts[index] if index < len(self.span_starts) else len(self.text)

    def _embedded(self, span: QuoteSpan, sentence_start: int) -> bool:
        word = _LAST_WORD.search(
            self.masked, max(sentence_start, span.outer_start - 20), span.outer_start
        )
        return word is not None and word.group(1).lower() in _EMBEDDING_WORDS

    def _previous_sentence(
        self, span: QuoteSpan, sentence: tuple[int, int]
    ) -> tuple[bool, Attribution | None]:
        """For a quotation opening a sentence with no attribution of its own: continue
        the quotation that ends the sentence before (inherit), or take the speaker
        that sentence names ("Sen. Bernie Sanders … identified …. “The younger …”")."""
        previous = self.sentences.before(sentence)
        if previous is None:
            return False, None
        start, end = previous
        if self.accepted and start <= self.accepted[-1].start < end:
            return True, None  # "“…,” he said. “…”": the same speaker goes on
        attribution = clause_attribution(self.masked, start, end, self.vocabulary)
        if attribution is None:
            attribution = named_subject(self.masked, start, end, self.vocabulary)
        return False, attribution

    def _introduced_by_previous_paragraph(self, index: int) -> Attribution | None:
        """`Abdullayeva stressed:` closing the paragraph before the quotation."""
        if index == 0:
            return None
        previous = self.paragraphs[index - 1]
        if previous.number != self.paragraphs[index].number - 1:
            return None
        end = previous.end
        while end > previous.start and self.masked[end - 1].isspace():
            end -= 1
        if self.masked[end - 1] != ":":
            return None
        start, _ = self.sentences.containing(end - 1)
        return introduction(self.masked, start, end - 1, self.vocabulary)

    def _is_name_or_title(self, span: QuoteSpan, index: int, introduced: bool) -> bool:
        """Quotation marks around a name or a title rather than someone's words."""
        lower = max(self.paragraphs[index].start, span.outer_start - _LOOK_BEHIND_CHARS)
        before = self.masked[lower : span.outer_start]
        if _NAMING_BEFORE.search(before):
            return True
        # The search tries every word of `before`: only where "call" is written.
        called = _CALLED_BEFORE.search(before) if "call" in before else None
        if (
            called
            and called.group("who").lower() not in _SPEAKING_SUBJECTS
            and called.group("who").lower() not in _PROGRESSIVE_AUXILIARIES
            and not _active_call(called.group("who"))
            and not _WHAT_CALLED_BEFORE.search(before)
        ):
            return True
        words = _WORD.findall(self.text, span.start, span.end)
        if (
            len(words) <= _MAX_TITLE_WORDS
            and _MEDIA_BEFORE.search(before)
            and (
                _title_cased(words, ends_sentence=False)
                or not (
                    (introduced and "," in self.text[span.end : span.outer_end])
                    or _characterising(before)
                )
            )
        ):
            # `the show “Morning Joe”` is a title; `The program “is gaining …,” Mayorkas
            # said` is his words about the program (the comma before the closing mark
            # hands over to the attribution; `the headline “are you …?” This, they say`
            # is no such hand-over), and so is `called the show “the … of record”`.
            return True
        if _title_cased(words, ends_sentence=False) and (
            _TOLD_BEFORE.search(before)
            or _POSSESSIVE_BEFORE.search(before)
            or self._embedded(span, lower)
            or self._inside_name(span, before)
        ):
            return True  # MSNBC’s “Morning Joe.”; on “State of the Union.”; Marcia "Cia" Price
        ends_sentence = self.text[span.end - 1] in ".!?…"
        return not introduced and index > 0 and _title_cased(words, ends_sentence)

    def _inside_name(self, span: QuoteSpan, before: str) -> bool:
        return bool(
            _CAPITALISED_BEFORE.search(before)
            and _CAPITALISED_AFTER.match(self.text, span.outer_end)
        )

    # ------------------------------------------------------- reported speech

    def indirect_drafts(self) -> list[_Draft]:
        drafts = []
        for index, paragraph in enumerate(self.paragraphs):
            for start, end in self.sentences.within(paragraph):
                for reported in reported_speech(
                    self.masked, start, end, self.vocabulary, headline=index == 0
                ):
                    drafts.append(
                        _Draft(
                            reported.start,
                            reported.end,
                            index,
                            QuoteKind.INDIRECT,
                            reported.attribution,
                        )
                    )
        _bound_nesting(self.masked, drafts)
        return drafts


def _characterising(before: str) -> bool:
    """`Gorab called the show “the conservative news show of record”`: a verb of
    characterising with its object before the quotation (the show is its object, not
    the quotation's title)."""
    found = _CHARACTERISED_BEFORE.search(before)
    return found is not None and found.end("cue") + 1 < found.end()


def _active_call(word: str) -> bool:
    """`has called`, `once called`, `on Wednesday called`: `called` is an active verb."""
    return word.lower() in _ACTIVE_BEFORE_CALLED or (word.islower() and word.endswith("ly"))


def _bound_nesting(masked: str, drafts: list[_Draft]) -> None:
    """Cut reported speech that holds more than _MAX_NESTED_REPORTS others where the
    next one past that depth is attributed (`drafts` in document order). Every
    character of the text is then inside at most that many reported clauses."""
    for current, deeper in zip(drafts, drafts[_MAX_NESTED_REPORTS:], strict=False):
        if deeper.start >= current.end or deeper.attribution is None:
            continue
        boundary = _attributed_at(deeper.attribution)
        if current.start < boundary < current.end:
            current.end = boundary
            while current.end > current.start and masked[current.end - 1] in " \t\n,;:":
                current.end -= 1


def _anchor_end(attribution: Attribution) -> int | None:
    """Where an attribution before its quotation ends (its cue, or its subject when it
    has no cue); None for one after it or outside the sentence."""
    if attribution.how not in (Placement.CLAUSE, Placement.INTRO, Placement.SUBJECT):
        return None
    mention = attribution.mention
    if mention is None:
        return None
    end = mention.end
    if attribution.cue is not None and attribution.cue_start >= 0:
        end = max(end, attribution.cue_start + len(attribution.cue))
    return end


def _attributed_at(attribution: Attribution) -> int:
    """Where an attribution starts: its speaker's words, else its cue."""
    mention = attribution.mention
    return mention.start if mention is not None else attribution.cue_start


def _in_pieces(text: str, paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Paragraphs longer than _MAX_PIECE_CHARS (a 10 MB file on one line) cut into
    pieces at a line break, else a sentence end, else a space, so that no rule ever
    reads more than a piece. A piece keeps its paragraph's number: a quotation may
    run on from one piece into the next, as from one line of a paragraph to the next.
    News paragraphs are far shorter than a piece."""
    if all(p.end - p.start <= _MAX_PIECE_CHARS for p in paragraphs):
        return paragraphs
    pieces = []
    for paragraph in paragraphs:
        start = paragraph.start
        while paragraph.end - start > _MAX_PIECE_CHARS:
            end = _piece_end(text, start, start + _MAX_PIECE_CHARS)
            pieces.append(Paragraph(paragraph.number, start, end, text[start:end]))
            start = end
        pieces.append(
            Paragraph(paragraph.number, start, paragraph.end, text[start : paragraph.end])
        )
    return pieces


def _piece_end(text: str, start: int, limit: int) -> int:
    """Where to end a piece that may run to `limit`: after the last line break, else
    the last sentence end, else the last space of its second half; else at `limit`."""
    half = start + (limit - start) // 2
    for found in (
        text.rfind("\n", half, limit),
        _last_sentence_end(text, half, limit),
        text.rfind(" ", half, limit),
    ):
        if found >= half:
            return found + 1
    return limit


def _last_sentence_end(text: str, lower: int, upper: int) -> int:
    """Offset of the space after the last `. ` in text[lower:upper], or -1."""
    position = text.rfind(". ", lower, upper)
    return position + 1 if position >= 0 else -1


def _clause_window_start(masked: str, sentence_start: int, position: int) -> int:
    """Where to read a quotation's clause from: its sentence start, but no further back
    than a window (a word start), so that a run-on "sentence" of thousands of quotations
    is read in linear time; real sentences are shorter than the window."""
    lower = position - _CLAUSE_WINDOW_CHARS
    if lower <= sentence_start:
        return sentence_start
    space = masked.find(" ", lower, position)
    return space + 1 if space >= 0 else position


def _title_cased(words: list[str], ends_sentence: bool) -> bool:
    """`“Fox News Sunday”`, `“Nagorno-Karabakh”`: a short run of capitalised words
    reads as a name or a title, unless it ends with sentence punctuation (callers
    that know the context pass False: `on CNN's "State of the Union."`)."""
    if not words or len(words) > 6 or ends_sentence:
        return False
    significant = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    return bool(significant) and all(w[0].isupper() or w[0].isdigit() for w in significant)


def _word_count(text: str, span: QuoteSpan) -> int:
    return len(_WORD.findall(text, span.start, span.end))


def _resolve_speakers(drafts: list[_Draft], resolver: SpeakerResolver) -> None:
    """Resolve in the order the speakers are mentioned (pronouns look back), then
    hand speakers on to quotations that continue the one before them."""

    def mention_position(draft: _Draft) -> int:
        attribution = draft.attribution
        assert attribution is not None
        return attribution.mention.start if attribution.mention else attribution.cue_start

    attributed = [d for d in drafts if d.attribution is not None]
    # Rival subjects are resolved in document order with the speakers, so that a
    # pronoun among them looks back as far as one in an attribution does.
    pending: list[tuple[int, _Draft, Mention | None]] = [
        (mention_position(d), d, None) for d in attributed
    ]
    pending += [(rival.start, d, rival) for d in attributed for rival in d.rivals]
    for _, draft, rival in sorted(pending, key=lambda item: item[0]):
        assert draft.attribution is not None
        if rival is not None:
            draft.rivals_resolved += (resolver.resolve(rival, None),)
            continue
        draft.resolved = resolver.resolve(draft.attribution.mention, draft.attribution.cue_start)
    for draft in attributed:
        if draft.left_out and draft.resolved is not None and draft.resolved.speaker:
            candidate = SpeakerCandidate(draft.resolved.speaker, draft.left_out, False)
            draft.resolved = Resolved(None, None, candidates=(candidate,))
        if draft.rivals_resolved and draft.resolved is not None:
            draft.resolved = _unless_rivals(draft.resolved, draft.rivals_resolved)
    drafts.sort(key=lambda d: (d.start, d.kind))
    previous: _Draft | None = None
    for draft in drafts:
        if draft.kind != QuoteKind.DIRECT:
            continue
        if draft.inherit and previous is not None and _continues(previous, draft):
            draft.resolved = _followed_on(previous.resolved)
        previous = draft
    for draft in drafts:
        if draft.resolved is not None:
            draft.resolved.speaker = resolver.final_name(draft.resolved)
            draft.resolved.role = resolver.final_role(draft.resolved)


def _unless_rivals(resolved: Resolved, rivals: tuple[Resolved, ...]) -> Resolved:
    """No speaker when another subject governing the quotation is someone else."""
    if resolved.speaker is None:
        return resolved
    # A rival the article does not let us name (`they`, `the senator`) is no evidence
    # that someone else speaks.
    others = [r for r in rivals if r.speaker is not None and not _same_speaker(resolved, r)]
    if not others:
        return resolved
    candidates = (
        SpeakerCandidate(resolved.speaker, _RIVALLED, False),
        *(SpeakerCandidate(r.speaker, _RIVAL, False) for r in others if r.speaker),
    )
    return Resolved(None, None, candidates=candidates)


def _same_speaker(resolved: Resolved, other: Resolved) -> bool:
    if resolved.entity is not None or other.entity is not None:
        return resolved.entity == other.entity
    return resolved.speaker is not None and resolved.speaker == other.speaker


def _followed_on(resolved: Resolved | None) -> Resolved | None:
    """The speaker of the quotation before, for one that continues it."""
    if resolved is None or resolved.speaker is None:
        return resolved
    return replace(resolved, how=HowAttributed.FOLLOW_ON)


def _unnamed_headline(draft: _Draft) -> bool:
    """A headline "Word: …" whose word names nobody ("Poll: Wealthy Voters …")."""
    attribution = draft.attribution
    resolved = draft.resolved
    if attribution is None or attribution.how != Placement.HEADLINE:
        return False
    if resolved is None or resolved.speaker is None:
        return True
    # One word that the article never gives a first name ("Ganja: the view from the
    # front line"): a place or a topic as often as a person.
    return " " not in resolved.speaker and not resolved.known


def _continues(previous: _Draft, draft: _Draft) -> bool:
    """The quotation before is in the same paragraph or the one just before."""
    return draft.paragraph_index - previous.paragraph_index in (0, 1)


def _trim(text: str, draft: _Draft) -> None:
    while draft.start < draft.end and text[draft.start].isspace():
        draft.start += 1
    while draft.end > draft.start and text[draft.end - 1].isspace():
        draft.end -= 1


def _to_quote(text: str, paragraphs: list[Paragraph], draft: _Draft) -> Quote:
    attribution = draft.attribution
    resolved = draft.resolved or Resolved(None, None)
    mention = attribution.mention if attribution else None
    evidence = None
    how = None
    if resolved.speaker is not None and resolved.evidence is not None:
        start, end = resolved.evidence
        evidence = SpeakerEvidence(start, end, text[start:end])
        how = resolved.how
        if how == HowAttributed.NAMED and attribution and attribution.how == Placement.HEADLINE:
            how = HowAttributed.HEADLINE
    return Quote(
        text=text[draft.start : draft.end],
        start=draft.start,
        end=draft.end,
        paragraph=paragraphs[draft.paragraph_index].number,
        kind=draft.kind,
        speaker=resolved.speaker if evidence else None,
        speaker_role=resolved.role,
        speaker_mention=mention.text if mention else None,
        cue=attribution.cue if attribution else None,
        speaker_evidence=evidence,
        attribution=how,
        speaker_candidates=resolved.candidates,
    )
