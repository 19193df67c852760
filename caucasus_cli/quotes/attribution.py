"""Find who a quotation is attributed to, and reported speech, from cue patterns.

All functions read the *masked* text (see `quotes_sentences.masked_text`): quoted
words are blanked out, so a name inside a quotation can never be taken for its
speaker, and offsets still point into the file text.

Direct quotations (`attribution_after`, `attribution_before`):

- after the closing mark: `“…,” he said`, `“…,” said the spokeswoman`,
  `“…,” Leyla Abdullayeva, press secretary of …, said`, `"…" - Press Secretary of …`,
  `“…”, according to him`;
- before the opening mark: `He says, “…”`, `Abdullayeva stressed: “…”`,
  `According to him, …: “…”`, and for a partial quotation inside reported speech
  the clause's speaker (`Aliyev recalled that … he drew attention to “…”`).

Reported speech (`reported_speech`), the reported content running to the end of
the sentence or to the next attribution in it: `X said (that) …`, `According to
X, …`, `…, X stressed.`, `quoted X as saying that …`, `Noting that …, X …`,
`X stressed the importance of …`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from itertools import islice, pairwise

from .mentions import INVERTED_CUE, Mention, MentionKind, leading_mention, parse_mention
from .people import Vocabulary
from .sentences import CAPITALISED_WORD, MASK, is_abbreviation_dot, words

# Verbs that introduce or follow a direct quotation.
SPEECH_VERBS = words(
    """said says say added adds noted notes stressed stresses emphasized emphasised
    emphasizes emphasises underlined underlines underscored underscores explained explains
    continued continues told tells asked asks replied replies answered answers responded
    responds declared declares announced announces stated confirmed confirms highlighted
    highlights recalled recalls warned warns insisted insists argued argues claimed
    concluded concludes remarked observed observes reiterated reiterates assured assures
    acknowledged acknowledges admitted admits conceded concedes complained complains
    predicted predicts promised promises vowed vows suggested suggests urged urges
    mentioned mentions shouted shouts yelled yells exclaimed exclaims joked jokes quipped
    quips recounted recounts testified testifies countered counters commented wondered
    wonders tweeted tweets wrote writes posted pleaded cried chanted sang sings whispered
    boasted boasts lamented laments cautioned cautions demanded objected protested reasoned
    agreed agrees scoffed scoffs retorted retorts snapped snaps mused muses sighed sighs
    grumbled grumbles muttered mutters murmured murmurs interjected interjects conceded
    pleads pleaded begged begs proclaimed proclaims elaborated elaborates clarified
    reflected reflects marveled marvelled marvels griped gripes groused fumed fumes
    thundered roared screamed gushed gushes enthused enthuses bragged brags confided
    confides reckoned reckons ventured ventures intoned cracked teased teases chuckled
    laughed recalled remembered texted emailed messaged relayed relays rejoined
    acknowledged conceded cautioned admonished scolded chided needled taunted charged
    pressed challenged queried probed implored exhorted inquired"""
)
SPEECH_VERBS += ["pointed out", "points out", "went on", "goes on", "chimed in", "summed up",
                 "shot back", "fired back", "wrote back"]  # fmt: skip
# Participles that introduce a quotation ("footage of Hillary Clinton asking, “…”").
_INTRODUCING_PARTICIPLES = words(
    """asking saying adding telling writing noting declaring explaining insisting warning
    arguing responding replying tweeting shouting chanting"""
)
# Verbs that take reported content with "that" (includes participles and beliefs).
THAT_VERBS = SPEECH_VERBS + words(
    """saying adding noting stressing emphasizing emphasising underlining explaining
    declaring announcing stating confirming highlighting recalling warning insisting
    arguing claiming reiterating assuring acknowledging admitting predicting promising
    suggesting mentioning pointing believes believed thinks thought hopes hoped expects
    expected fears feared reported reports informed informs maintained maintains contended
    contends asserted asserts affirmed affirms alleged alleges denied denies disclosed
    discloses revealed reveals indicated indicates estimated estimates signaled signalled
    signals announced clarified clarifies states"""
)
# Verbs after which a partial quotation is the subject's words
# ("Trump called the senator a “nasty guy”").
PARTIAL_VERBS = (
    THAT_VERBS
    + words(
        """called calls calling described describes describing labelled labeled branded termed
    accused accuses condemned condemns denounced denounces praised praises criticized
    criticised criticizes criticises slammed slams blasted blasts dismissed dismisses
    referred refers pledged pledges welcomed welcomes hailed hails characterized
    characterised spoke speaks talked talks expressed expresses voiced defended defends
    rejected rejects tells telling urging vowing call likened likens compared compares
    referenced references cited cites blamed blames mocked mocks touted touts"""
    )
    + ["drew attention", "draws attention"]
)
# Participles take their subject from the clause they hang on ("…, adding that").
_PARTICIPLES = frozenset(w for w in THAT_VERBS if w.endswith("ing"))
# Cues whose bare content ("X said the talks failed") is reported speech without "that".
_BARE_CONTENT_VERBS = words("said says say added adds believes thinks argued argues insisted")
# Cues that do not make a sentence-final attribution ("…, Trend reports"): outlets
# citing themselves.
_NOT_FINAL_CUES = frozenset(words("reports reported writes wrote posted"))


def alternation(phrases: list[str]) -> str:
    """A regex matching any of `phrases`, written as a trie ("sa(?:id|ys)") so that
    matching does not try every phrase at every position; spaces match any spacing."""
    trie: dict = {}
    for phrase in set(phrases):
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict) -> str:
    branches = []
    optional = False
    for char, child in sorted(node.items()):
        if char == "":
            optional = True
            continue
        head = r"\s+" if char == " " else re.escape(char)
        branches.append(head + _trie_pattern(child))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:
        # A phrase that is the prefix of another ("say" of "says") makes the rest
        # optional; the \b around the whole pattern rules out parts of words.
        return f"(?:{body})?"
    return body


_SPEECH_CUE = re.compile(rf"\b(?:{alternation(SPEECH_VERBS)})\b")
_INTRODUCING_CUE = re.compile(rf"\b(?:{alternation([*SPEECH_VERBS, *_INTRODUCING_PARTICIPLES])})\b")
_THAT_CUE = re.compile(rf"\b(?:{alternation(THAT_VERBS)})\b")
_PARTIAL_CUE = re.compile(rf"\b(?:{alternation(PARTIAL_VERBS)})\b")
_OTHER_CUE_WORDS = ["according", "quoted", "drew attention", "spoke", "words"]
_ANY_CUE = re.compile(
    rf"\b(?:{alternation([*THAT_VERBS, *_OTHER_CUE_WORDS])})\b"
    r"|\b(?:Noting|Stressing|Emphasi[sz]ing|Adding|Recalling|Saying|Underlining|Pointing|"
    r"Stating|Arguing|Insisting|Warning|Recognizing|Recognising|According)\b"
)
_QUOTED_AS_SAYING = re.compile(r"\bquoted\s+(?P<who>[^.;:!?]{1,140}?)\s+as\s+saying\b")
_ACCORDING_TO = re.compile(r"\b(?:[Aa]ccording\s+to|[Ii]n\s+the\s+words\s+of)\s+")
# "In his words, …" reports the speech of the man the text is about.
_IN_HIS_WORDS = re.compile(r"\b[Ii]n\s+(?P<who>his|her)\s+(?:own\s+)?words,\s*")
_IMPORTANCE = re.compile(
    r"\b(?P<cue>stressed|stresses|emphasi[sz]ed|emphasi[sz]es|highlighted|highlights|"
    r"underlined|underlines|underscored|underscores|noted|notes|pointed\s+to|"
    r"drew\s+attention\s+to|spoke\s+about|spoke\s+of)\s+"
    r"(?=the\s+(?:importance|necessity|need|significance|role)\b)"
)
_PARTICIPLE_OPENING = re.compile(
    r"(?P<cue>Noting|Stressing|Emphasi[sz]ing|Adding|Recalling|Saying|Underlining|"
    r"Pointing\s+out|Stating|Arguing|Insisting|Warning|Recognizing|Recognising)\s+that\s+"
)
_MAX_OPENING_CLAUSE_CHARS = 300
_OPENING_PREPOSITIONS = frozenset(words("in on at during after before since for of last this"))
_OPENING_PARTICIPLE = re.compile(
    r"(?:Calling|Describing|Dubbing|Labell?ing|Branding|Terming|Saying|Insisting|Warning|"
    r"Arguing|Promising|Vowing|Declaring|Adding|Noting|Stressing|Urging|Accusing)\b"
)
# "that" (or "that,") a few words after a cue: "said in an interview with X that".
_THAT_AHEAD = re.compile(
    rf"(?:(?:[^,.;:!?{MASK}\"“”«»]|\.(?=\w)){{0,90}}?\s)?(?P<that>that)\b,?\s*"
)
_DASH = re.compile(r"\s*[-–—―]+\s*")
# A short time or place phrase between a cue and the quotation it introduces.
_ADJUNCT = re.compile(
    r"\s+(?:in|on|at|during|after|before|from|to|last|this)\b[^,.;:!?\"“”«»\x00]{1,50}"
)
_LEADING_GAP = re.compile(r"[\s,]*")
# A word that opens a subordinate clause: never inside a role ("the move comes after").
_SUBORDINATOR = re.compile(r"\s(?:after|before|because|when|while|although|though|whereas|if)\s")
_GAP_TO_VERB = re.compile(r"\s+(?:(?:has|have|had|also|then|later|again|today|yesterday)\s+){0,2}")
_AUXILIARIES = frozenset(
    words(
        """has have had also further then later earlier again once previously repeatedly
        reportedly recently publicly separately additionally however was were is are would
        will never not just already first meanwhile too"""
    )
)
_WORD_AT_END = re.compile(r"(\w+)\W*$")
_TIME_WORDS = frozenset(
    words(
        """monday tuesday wednesday thursday friday saturday sunday morning afternoon
        evening night week month year weekend yesterday today tonight"""
    )
)
# "President Ilham Aliyev on Tuesday told …": a time between the subject and its verb.
_TIME_AT_END = re.compile(
    r"\s+(?:(?:on|last|this|late|early|earlier|later)\s+(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|morning|afternoon|evening|night|week|month|year|weekend)|"
    r"yesterday|today|tonight)\s*$"
)
# Where a subject may begin inside a clause: after a comma or a conjunction.
_SUBJECT_STARTS = re.compile(
    r"(?<!\d),\s*|[:—–―]\s*|\s-\s|\b(?:and|but|while|whereas|as|that|what|when|after|before|because|"
    r"although|though|since|if|where|so)\s+",
    re.IGNORECASE,
)
# "Big Brother's spokeswoman", ending the text before a speech verb.
_POSSESSIVE_SPOKESPERSON = re.compile(
    r"(?<![\w’'])(?P<body>[A-Z][\w&’'.\-]*(?:\s+(?:of\s+|for\s+|and\s+|&\s+)?"
    r"[A-Z][\w&’'.\-]*)*)[’']s\s+(?P<spokes>(?:official\s+|chief\s+)?spokes(?:man|woman|person))\s*$"
)
# "A Department for Media, Culture and Sport spokeswoman", ending the text before a
# speech verb: a body's name listing its fields, with commas, then "and".
_BODY_WORD = r"[A-Z][\w&’'\-]*"
_LISTED_BODY = (
    rf"(?P<body>{_BODY_WORD}(?:\s+(?:(?:of|for|and|&)\s+)?{_BODY_WORD})*"
    rf"(?:,\s+{_BODY_WORD}(?:\s+{_BODY_WORD})*)+\s+(?:and|&)\s+{_BODY_WORD}(?:\s+{_BODY_WORD})*)"
)
_SPOKES = r"(?P<spokes>(?:official\s+|chief\s+)?spokes(?:man|woman|person))"
_LISTED_BODY_SPOKESPERSON = re.compile(rf"\b(?:[Aa]n?|[Tt]he)\s+{_LISTED_BODY}\s+{_SPOKES}\s*$")
# `a spokeswoman for the Department for Culture, Media and Sport`, after a cue (or,
# with `\s*$`, before one).
_SPOKESPERSON_FOR_LISTED_BODY = re.compile(
    rf"\b(?:[Aa]n?|[Tt]he)\s+{_SPOKES}\s+(?:for|of|at)\s+(?:the\s+)?{_LISTED_BODY}\b"
)
_SPOKESPERSON_FOR_LISTED_BODY_AT_END = re.compile(rf"{_SPOKESPERSON_FOR_LISTED_BODY.pattern}\s*$")
# "The MPs who make up the Ruritanian Transport Committee", ending the text before a
# speech verb: the members of a body, who speak as that body.
_MEMBERS_OF_BODY = re.compile(
    r"\b[Tt]he\s+(?:MPs|MEPs|members|peers|councillors|judges|senators|deputies|lawmakers)"
    r"\s+who\s+(?:make\s+up|sit\s+on|serve\s+on|form)\s+(?:the\s+)?"
    rf"(?P<body>{_BODY_WORD}(?:\s+(?:(?:of|for|and|&|on)\s+)?{_BODY_WORD})*)\s*$"
)
# A relative pronoun that is the object of its clause, then the clause's subject:
# "…, which Trump", "…, whom the minister".
_RELATIVE_SUBJECT = re.compile(r"\b(?:which|whom|who)\s+(?=\S+(?:\s+\S+){0,3}$)")
# A time phrase opening a clause without a comma: "In November the Ruritanian Medical
# Association said …", "On Monday the club warned …".
_OPENING_TIME = re.compile(
    r"\b(?:In|On|During|Since|By|Last|This|Earlier|Later)\s+(?:(?:early|late|mid)\s+)?"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year|"
    r"\d{4})(?:\s+\d{4})?\s+(?=[Tt]he\s|[A-Z])"
)
# A participle's subject may follow a preposition: "footage of Hillary Clinton asking".
_PREPOSITION_BEFORE = re.compile(r"\b(?:of|by|from|with|shows|showed)\s+", re.IGNORECASE)
# Prepositions whose object is not who acts in a participle after it.
_OBJECT_PREPOSITIONS = frozenset(
    words("through to at in on into against for about over via under toward towards")
)
_SUBJECT_PRONOUNS = frozenset(["he", "she", "they", "we", "i", "it"])
_PASSIVE = frozenset(["is", "are", "was", "were", "be", "been", "being"])

# What ends a speaker phrase that follows its verb ("said the minister in Baku").
_AFTER_SUBJECT_END = re.compile(
    rf"[.;:!?{MASK}\"“”«»]|\s(?:in|on|at|during|after|before|when|while|as|who|which|adding|"
    r"noting|speaking|according|referring|told|to|from|with|via|because|since|following|"
    r"citing|last|this|earlier|later|late|yesterday|today)\b"
)
# Words after "said" that start an adjunct or an object, not the reported clause
# ("said in a statement", "said goodbye", "said nothing").
_NOT_CONTENT_START = frozenset(
    words(
        """in on at during after before to for with by from about of through over under into
        yesterday today tomorrow last next earlier later also again then so as goodbye
        hello yes nothing something anything little much more less thanks sorry what how
        why when where who whether if while once"""
    )
)
# "…, and expressed the readiness …": a second verb of the speaker, not reported content.
_COORDINATED_PREDICATE = re.compile(
    r",?\s+and\s+(?:also\s+)?(?:expressed|called|urged|stressed|noted|added|said|"
    r"emphasi[sz]ed|underlined|recalled|warned|announced|declared|reiterated|praised|"
    r"condemned|thanked|invited|welcomed)\b"
)
_WORD = re.compile(r"[^\W\d_][\w’'\-]*")
# "Roe and " before a subject: it is one of several ("Roe and Doe wrote").
_COORDINATED_BEFORE = re.compile(r"(?<![\w.])[A-Z][\w’'\-]*\.?\s+(?:and|&)\s+$")
# A name right after a preposition is its object, not who speaks next.
_OBJECT_BEFORE = re.compile(
    r"\b(?:to|with|from|for|by|about|against|of|on|at|into|than|between|and|or)\s+$",
    re.IGNORECASE,
)
_NAME_RUN = re.compile(rf"{CAPITALISED_WORD}(?:\s+(?:of\s+|the\s+)*{CAPITALISED_WORD})*")
_NAME_AT_END = re.compile(rf"{CAPITALISED_WORD}(?:\s+{CAPITALISED_WORD})*\s*$")
_COMMA = re.compile(r",\s*")
_OF = re.compile(r"\s+of\s+")
_CLAUSE_END_PUNCT = re.compile(r"[\s.,;:]+$")
_MIN_INDIRECT_WORDS = 3
_CONTENT_REACH_CHARS = 2000
_FIRST_VISIBLE = re.compile(r"\s*(\S)")
_MIN_FINAL_CONTENT_WORDS = 4


class Placement(StrEnum):
    """Where an attribution stands relative to the words it attributes."""

    AFTER = "after"  # after the quotation: "…," he said
    DASH = "dash"  # a headline's "…" - Press Secretary of …
    INTRO = "intro"  # a cue or a colon right before: He said: "…"
    CLAUSE = "clause"  # the speaker of the clause the words are part of
    SUBJECT = "subject"  # the person opening the sentence
    PREVIOUS = "previous"  # the sentence before names someone
    HEADLINE = "headline"  # a headline's "Name: …"


@dataclass(slots=True)
class Attribution:
    """The speaker phrase and cue that attribute some words."""

    mention: Mention | None
    cue: str | None
    cue_start: int
    how: Placement


@dataclass(slots=True)
class Reported:
    """Reported speech: `mention` said the words in `start:end` (file offsets)."""

    attribution: Attribution
    start: int
    end: int


# ----------------------------------------------------------- direct quotations


def attribution_after(
    masked: str, position: int, limit: int, vocabulary: Vocabulary
) -> Attribution | None:
    """Attribution that follows a closing mark at `position` within its sentence."""
    gap_start = position
    position = _LEADING_GAP.match(masked, position, limit).end()
    if position >= limit:
        return None
    if masked[position] in "-–—―":
        # A headline's `"…" - Press Secretary of the Azerbaijani Foreign Ministry`.
        dash_end = _DASH.match(masked, position, limit).end()
        mention = parse_mention(masked, dash_end, limit, vocabulary)
        if mention is not None and mention.kind not in (MentionKind.PRONOUN, MentionKind.UNNAMED):
            return Attribution(mention, masked[position], position, Placement.DASH)
        if "," not in masked[gap_start:position]:
            return None
        position = dash_end  # `“…”, - Mirzoyan said.` (Russian-style punctuation)
    according = _ACCORDING_TO.match(masked, position, limit)
    if according:
        mention = _phrase_after(masked, according.end(), limit, vocabulary)
        cue_words = _cue_text(according)
        return Attribution(mention, cue_words, position, Placement.AFTER) if mention else None
    cue = _SPEECH_CUE.match(masked, position, limit)
    if cue:
        mention = _phrase_after(masked, cue.end(), limit, vocabulary)
        if mention is None and _starts_like_speaker(
            masked, _LEADING_GAP.match(masked, cue.end(), limit).end()
        ):
            # `“…,” said United Auto Workers Secretary-Treasurer Gary Casteel`: someone
            # is named here, but the phrase cannot be read: no guess from elsewhere.
            return Attribution(None, _cue_text(cue), cue.start(), Placement.AFTER)
        return (
            Attribution(mention, _cue_text(cue), cue.start(), Placement.AFTER) if mention else None
        )
    first_cue = None
    for cue in islice(_SPEECH_CUE.finditer(masked, position, min(limit, position + 200)), 3):
        if _has_quote(masked, position, cue.start()):
            break
        first_cue = first_cue or cue
        end = _without_auxiliaries(masked, position, cue.start())
        mention = parse_mention(masked, position, end, vocabulary)
        if mention is None:
            mention = _after_continued_content(masked, position, cue, end, limit, vocabulary)
        if mention is not None:
            return Attribution(mention, _cue_text(cue), cue.start(), Placement.AFTER)
    if first_cue is not None and _starts_like_speaker(masked, position):
        # Someone is said to speak here, but the phrase cannot be read: no guess.
        return Attribution(None, _cue_text(first_cue), first_cue.start(), Placement.AFTER)
    return None


def _after_continued_content(
    masked: str, position: int, cue: re.Match[str], end: int, limit: int, vocabulary: Vocabulary
) -> Mention | None:
    """`“… unlikely” that Sanders can catch Clinton, said Steve Elmendorf`: the quoted
    words run on unquoted, then a comma and the attribution."""
    comma = masked.rfind(",", position, cue.start())
    if comma < 0:
        return None
    if not masked[comma + 1 : cue.start()].strip():
        mention = _phrase_after(masked, cue.end(), limit, vocabulary)
    else:
        mention = parse_mention(masked, comma + 1, end, vocabulary)
    if mention is None or mention.kind == MentionKind.UNNAMED:
        return None
    return mention


def attribution_before(
    masked: str, sentence_start: int, position: int, vocabulary: Vocabulary
) -> Attribution | None:
    """Attribution in the sentence before an opening mark at `position`.

    `how` is "intro" when a cue or a colon introduces the quotation directly and
    "clause" when the quotation is part of a longer clause that has a speaker.
    """
    end = position
    while end > sentence_start and masked[end - 1].isspace():
        end -= 1
    if end <= sentence_start:
        return None
    if masked[end - 1] == ":":
        return introduction(masked, sentence_start, end - 1, vocabulary)
    clause_end = end - 1 if masked[end - 1] == "," else end
    intro_cue = _cue_ending_at(masked, sentence_start, clause_end)
    if intro_cue is not None:
        mention = _subject_of(masked, sentence_start, intro_cue, vocabulary)
        if mention is not None:
            return Attribution(mention, _cue_text(intro_cue), intro_cue.start(), Placement.INTRO)
    return clause_attribution(masked, sentence_start, end, vocabulary)


def introduction(masked: str, start: int, end: int, vocabulary: Vocabulary) -> Attribution | None:
    """Speaker of a clause that introduces a quotation with a colon:
    `Abdullayeva stressed:`, `According to him, …:`, `Abdullayeva is wary of …:`."""
    # The verb right before the colon governs the quotation (`She said that …, to
    # which O'Malley interjected:`), not the clause's first one.
    cue = _cue_ending_at(masked, start, end)
    if cue is not None and not cue.group().endswith("ing"):
        mention = _subject_of(masked, start, cue, vocabulary)
        if mention is not None:
            return Attribution(mention, _cue_text(cue), cue.start(), Placement.INTRO)
    # "…, saying:" too: a participle takes the subject of the clause it hangs on.
    attribution = clause_attribution(masked, start, end, vocabulary, _INTRODUCING_CUE)
    if attribution is not None:
        attribution.how = Placement.INTRO
        return attribution
    inverted = INVERTED_CUE.match(masked, start, end)
    if inverted is not None:
        mention = parse_mention(masked, inverted.end(), end, vocabulary)
        return (
            Attribution(mention, _cue_text(inverted), start, Placement.INTRO) if mention else None
        )
    # "Abdullayeva is wary of …:", or a headline's "Bayramov: “…”".
    mention = leading_mention(masked, start, end, vocabulary) or parse_mention(
        masked, start, end, vocabulary
    )
    if mention is None or mention.kind not in (
        MentionKind.NAME,
        MentionKind.PRONOUN,
        MentionKind.ROLE,
        MentionKind.ORG,
    ):
        return None
    return Attribution(mention, ":", end, Placement.INTRO)


def clause_attribution(
    masked: str,
    start: int,
    end: int,
    vocabulary: Vocabulary,
    cues: re.Pattern[str] = _PARTIAL_CUE,
) -> Attribution | None:
    """The first speaker of a clause: `According to X`, or a subject and its cue."""
    according = _ACCORDING_TO.search(masked, start, end)
    if according:
        mention = _phrase_after(masked, according.end(), end, vocabulary, stop_at_comma=True)
        if mention is not None:
            return Attribution(mention, _cue_text(according), according.start(), Placement.CLAUSE)
    for cue in islice(cues.finditer(masked, start, end), 4):
        mention = _subject_of(masked, start, cue, vocabulary)
        if mention is not None:
            return Attribution(mention, _cue_text(cue), cue.start(), Placement.CLAUSE)
    return None


def opening_participle(
    masked: str, sentence_start: int, quote_end: int, sentence_end: int, vocabulary: Vocabulary
) -> Attribution | None:
    """`Calling it a “historic betrayal”, Aliyev condemned the vote`: a quotation in a
    participle clause opening the sentence holds the words of the main clause's
    subject (not of "it", the subject inside the clause)."""
    if quote_end - sentence_start > _MAX_OPENING_CLAUSE_CHARS:
        return None
    cue = _OPENING_PARTICIPLE.match(masked, sentence_start, quote_end)
    if cue is None:
        return None
    comma = masked.find(",", quote_end, min(sentence_end, quote_end + _MAX_OPENING_CLAUSE_CHARS))
    if comma < 0:
        return None
    subject_start = _LEADING_GAP.match(masked, comma, sentence_end).end()
    mention = leading_mention(masked, subject_start, sentence_end, vocabulary)
    if mention is None or mention.kind == MentionKind.UNNAMED:
        return None
    return Attribution(mention, _cue_text(cue), cue.start(), Placement.CLAUSE)


def speech_cue_in(masked: str, start: int, end: int) -> str | None:
    """The first word of `masked[start:end]` that reports speech, if any."""
    cue = _ANY_CUE.search(masked, start, end)
    return _cue_text(cue) if cue else None


def speech_verb_follows(masked: str, position: int, limit: int) -> bool:
    """A speech verb right after `position` (`… said`, `… has also warned`): what
    stands before it is the verb's subject."""
    gap = _GAP_TO_VERB.match(masked, position, limit)
    return gap is not None and _THAT_CUE.match(masked, gap.end(), limit) is not None


def speech_verb_in(masked: str, start: int, end: int) -> str | None:
    """`speech_cue_in` without the words a determiner makes nouns ("when they renewed
    their vows", "a warning"): someone speaking there, not a thing. "His warning that …"
    still reports someone's words."""
    for cue in _ANY_CUE.finditer(masked, start, end):
        if not _NOUN_BEFORE.search(masked, max(start, cue.start() - 8), cue.start()):
            return _cue_text(cue)
    return None


_NOUN_BEFORE = re.compile(r"\b(?:their|our|my|your|the|a|an)\s+$", re.IGNORECASE)


def named_subject(masked: str, start: int, end: int, vocabulary: Vocabulary) -> Attribution | None:
    """The first person a sentence names in full or with a title as a clause's subject
    ("On “Face the Nation,” Sen. Bernie Sanders … identified …"), for the quotation
    that follows it; never an object ("he had used Mrs Dixon as a “human shield”",
    "Roe supports Democrat Ann Doe", "far from either Sioux City")."""
    openings = [start, *(m.end() for m in _SUBJECT_OPENING.finditer(masked, start, end))]
    for run in _NAME_RUN.finditer(masked, start, end):
        if masked[run.start() - 1 : run.start()] == "(" or _OBJECT_BEFORE.search(
            masked, max(start, run.start() - 12), run.start()
        ):
            # "chief of staff to Sen. Jon Roe (D-Rur.)", "with Ambassador Roe": an object,
            # and what a parenthesis after it holds.
            continue
        # The phrase from the clause's start to the name is all of the subject (its
        # role words and the name), else the name is an object.
        opening = openings[bisect_right(openings, run.start()) - 1]
        mention = parse_mention(masked, opening, run.end(), vocabulary)
        if (
            mention is not None
            and mention.kind == MentionKind.NAME
            and mention.name
            and (" " in mention.name or mention.role)
            and not masked[opening : mention.start].strip()
            and not _VERB_LIKE.search(masked, opening, run.start())
        ):
            return Attribution(mention, None, mention.start, Placement.PREVIOUS)
    return None


# Where a clause's subject may begin after the start of a sentence.
# A lower-case word in -s, -ed or -ing before a name: a verb, the name its object
# (`Frank quotes former Carter adviser Alfred Kahn`), or a plural noun before it.
_VERB_LIKE = re.compile(r"\b[a-z]+(?:s|ed|ing)\b|\d")
_SUBJECT_OPENING = re.compile(
    r"(?<!\d)[,;:—–”\"]\s*|\s(?:and|but|while|so|then|yet|when|as)\s+", re.IGNORECASE
)


def sentence_subject(
    masked: str, start: int, end: int, vocabulary: Vocabulary
) -> Attribution | None:
    """The person opening a sentence, as a last resort for a partial quotation
    inside it ("Donald Trump is questioning … everything is “on the up and up.”")."""
    mention = leading_mention(masked, start, end, vocabulary) or _after_opening_adjunct(
        masked, start, end, vocabulary
    )
    if mention is None or mention.kind in (MentionKind.UNNAMED, MentionKind.ORG):
        return None
    if mention.kind == MentionKind.PRONOUN and mention.gender is None:
        return None  # "they", "we": nobody in particular
    return Attribution(mention, None, mention.end, Placement.SUBJECT)


def _after_opening_adjunct(
    masked: str, start: int, end: int, vocabulary: Vocabulary
) -> Mention | None:
    """`In the depths of the recession, Paul Ryan worried …`: the subject after a
    prepositional phrase opening the sentence."""
    first = _WORD.match(masked, start, end)
    if first is None or first.group().lower() not in _OPENING_PREPOSITIONS:
        return None
    comma = masked.find(",", start, min(end, start + 80))
    if comma < 0:
        return None
    return leading_mention(masked, _LEADING_GAP.match(masked, comma, end).end(), end, vocabulary)


# --------------------------------------------------------------- reported speech


def reported_speech(
    masked: str, start: int, end: int, vocabulary: Vocabulary, headline: bool = False
) -> list[Reported]:
    """Reported speech in the sentence `masked[start:end]`, in order."""
    if not (headline or _ANY_CUE.search(masked, start, end)):
        return []  # most sentences: nothing that reports speech
    found: list[Reported] = []
    if masked.find("ccording", start, end) >= 0:
        found.extend(_according_to(masked, start, end, vocabulary))
    if masked.find("words", start, end) >= 0:
        found.extend(_in_his_words(masked, start, end, vocabulary))
    if masked.find("quoted", start, end) >= 0:
        found.extend(_quoted_as_saying(masked, start, end, vocabulary))
    if masked[start : start + 1].isupper():
        found.extend(_participle_opening(masked, start, end, vocabulary))
    if masked.find("that", start, end) >= 0:
        found.extend(_that_clauses(masked, start, end, vocabulary, found))
    found.extend(_importance_of(masked, start, end, vocabulary))
    if not found:
        found.extend(_final_attribution(masked, start, end, vocabulary))
    if not found:
        found.extend(_bare_content(masked, start, end, vocabulary))
    if not found and headline:
        found.extend(_headline_colon(masked, start, end, vocabulary))
    found.sort(key=lambda r: r.start)
    _end_at_next_attribution(masked, found)
    for reported in found:
        reported.start = _LEADING_GAP.match(masked, reported.start, reported.end).end()
        reported.end = _trim_end(masked, reported.start, reported.end)
    return [r for r in found if _has_enough_words(masked, r.start, r.end)]


def _according_to(masked: str, start: int, end: int, vocabulary: Vocabulary) -> Iterator[Reported]:
    # "A, according to X, and B, according to Y": B starts after X, so that a run-on
    # chain of them gives short clauses, not each clause all the ones before it.
    clause_start = start
    for match in _ACCORDING_TO.finditer(masked, start, end):
        lower, clause_start = clause_start, match.end()
        comma = masked.find(",", match.end(), end)
        if match.start() == start or masked[start : match.start()].strip() == "":
            # "According to X, content."
            if comma < 0:
                continue
            mention = parse_mention(masked, match.end(), comma, vocabulary)
            if mention is not None:
                attribution = Attribution(
                    mention, _cue_text(match), match.start(), Placement.CLAUSE
                )
                content = _LEADING_GAP.match(masked, comma, end).end()
                yield Reported(attribution, content, _content_end(masked, content, end))
        else:
            # "content, according to X."
            before = masked.rfind(",", lower, match.start())
            if before < 0 or masked[before + 1 : match.start()].strip():
                continue
            mention = _phrase_after(masked, match.end(), end, vocabulary, stop_at_comma=True)
            if mention is not None:
                clause_start = mention.end
                attribution = Attribution(
                    mention, _cue_text(match), match.start(), Placement.CLAUSE
                )
                yield Reported(attribution, _LEADING_GAP.match(masked, lower, before).end(), before)


def _in_his_words(masked: str, start: int, end: int, vocabulary: Vocabulary) -> Iterator[Reported]:
    match = _IN_HIS_WORDS.match(masked, start, end)
    if match is not None:
        who = match.group("who")
        gender = "m" if who.lower() == "his" else "f"
        mention = Mention(
            who, match.start("who"), match.end("who"), MentionKind.PRONOUN, None, None, gender
        )
        cue = " ".join(match.group().rstrip(", ").split()).lower()
        attribution = Attribution(mention, cue, match.start(), Placement.CLAUSE)
        yield Reported(attribution, match.end(), _content_end(masked, match.end(), end))


def _quoted_as_saying(
    masked: str, start: int, end: int, vocabulary: Vocabulary
) -> Iterator[Reported]:
    for match in _QUOTED_AS_SAYING.finditer(masked, start, end):
        mention = parse_mention(masked, match.start("who"), match.end("who"), vocabulary)
        if mention is None:
            continue
        content = _THAT_AHEAD.match(masked, match.end(), end)
        content_start = match.end()
        if content is not None and masked[match.end() : content.start() + 1].strip() == "":
            content_start = content.end()
        attribution = Attribution(mention, "quoted as saying", match.start(), Placement.CLAUSE)
        yield Reported(attribution, content_start, _content_end(masked, content_start, end))


def _participle_opening(
    masked: str, start: int, end: int, vocabulary: Vocabulary
) -> Iterator[Reported]:
    match = _PARTICIPLE_OPENING.match(masked, start, end)
    if match is None:
        return
    comma = masked.find(",", match.end(), end)
    if comma < 0:
        return
    mention = leading_mention(masked, _LEADING_GAP.match(masked, comma, end).end(), end, vocabulary)
    if mention is not None:
        attribution = Attribution(
            mention, match.group("cue").lower(), match.start(), Placement.CLAUSE
        )
        yield Reported(attribution, match.end(), comma)


def _that_clauses(
    masked: str, start: int, end: int, vocabulary: Vocabulary, earlier: list[Reported]
) -> Iterator[Reported]:
    previous: Mention | None = earlier[-1].attribution.mention if earlier else None
    taken = {r.start for r in earlier}
    for cue in _THAT_CUE.finditer(masked, start, end):
        that = _THAT_AHEAD.match(masked, cue.end(), end)
        if that is None or that.end() in taken or _has_quote(masked, cue.end(), that.start("that")):
            continue
        if _THAT_CUE.search(masked, cue.end(), that.start("that")):
            continue  # "informed Mardini … and stressed that": the later verb has it
        if cue.group() in _PARTICIPLES and previous is not None:
            mention: Mention | None = previous
        else:
            mention = _subject_of(masked, start, cue, vocabulary)
        if mention is None:
            continue
        previous = mention
        taken.add(that.end())
        attribution = Attribution(mention, _cue_text(cue), cue.start(), Placement.CLAUSE)
        yield Reported(attribution, that.end(), _content_end(masked, that.end(), end))


def _importance_of(masked: str, start: int, end: int, vocabulary: Vocabulary) -> Iterator[Reported]:
    for cue in _IMPORTANCE.finditer(masked, start, end):
        mention = _subject_of(masked, start, cue, vocabulary)
        if mention is not None:
            attribution = Attribution(mention, cue.group("cue"), cue.start(), Placement.CLAUSE)
            yield Reported(attribution, cue.end(), _content_end(masked, cue.end(), end))


def _final_attribution(
    masked: str, start: int, end: int, vocabulary: Vocabulary
) -> Iterator[Reported]:
    """`The political will … plays an important role, Abdullayeva stressed.`"""
    if _has_quote(masked, start, end):
        return
    attribution = tail_attribution(masked, start, end, vocabulary)
    if attribution is None:
        return
    comma = masked.rfind(",", start, end)
    if len(_WORD.findall(masked, start, comma)) < _MIN_FINAL_CONTENT_WORDS:
        return
    yield Reported(attribution, start, comma)


def tail_attribution(
    masked: str, start: int, end: int, vocabulary: Vocabulary
) -> Attribution | None:
    """The attribution closing a sentence after its last comma: `…, Gilbert said.`,
    `…, said the minister.`"""
    comma = masked.rfind(",", start, end)
    if comma < 0:
        return None
    tail_end = _CLAUSE_END_PUNCT.search(masked, comma, end)
    tail_end_position = tail_end.start() if tail_end else end
    tail_start = _LEADING_GAP.match(masked, comma, end).end()
    cue = _SPEECH_CUE.match(masked, tail_start, tail_end_position)
    if cue is not None:
        mention = _phrase_after(masked, cue.end(), tail_end_position, vocabulary)
    else:
        cue = next(_SPEECH_CUE.finditer(masked, tail_start, tail_end_position), None)
        if cue is None:
            return None
        mention = parse_mention(
            masked, tail_start, _without_auxiliaries(masked, tail_start, cue.start()), vocabulary
        )
        # Only a short adjunct may follow the cue ("said on Monday").
        if len(_WORD.findall(masked, cue.end(), tail_end_position)) > 6:
            return None
    if mention is None or _cue_text(cue) in _NOT_FINAL_CUES:
        return None
    return Attribution(mention, _cue_text(cue), cue.start(), Placement.AFTER)


def _bare_content(masked: str, start: int, end: int, vocabulary: Vocabulary) -> Iterator[Reported]:
    """`Pashinyan said Armenia was ready …` (reported speech without "that")."""
    for cue in _SPEECH_CUE.finditer(masked, start, end):
        if _cue_text(cue) not in _BARE_CONTENT_VERBS:
            continue
        following = _WORD.match(masked, _LEADING_GAP.match(masked, cue.end(), end).end(), end)
        if following is None or following.start() != cue.end() + 1:
            continue
        if following.group().lower() in _NOT_CONTENT_START:
            continue
        mention = _subject_of(masked, start, cue, vocabulary)
        if mention is None:
            continue
        attribution = Attribution(mention, _cue_text(cue), cue.start(), Placement.CLAUSE)
        yield Reported(attribution, following.start(), _content_end(masked, following.start(), end))
        return


def _headline_colon(
    masked: str, start: int, end: int, vocabulary: Vocabulary
) -> Iterator[Reported]:
    """A headline `Ilham Aliyev: Azerbaijan is ready …` reports its speaker's words."""
    colon = masked.find(":", start, min(end, start + 60))
    if colon < 0:
        return
    mention = parse_mention(masked, start, colon, vocabulary)
    if mention is None or mention.kind != MentionKind.NAME:
        return
    content_start = _LEADING_GAP.match(masked, colon + 1, end).end()
    # "headline": kept only if the name turns out to be someone's ("Poll: …" is not).
    yield Reported(
        Attribution(mention, ":", colon, Placement.HEADLINE),
        content_start,
        _content_end(masked, content_start, end),
    )


def _end_at_next_attribution(masked: str, found: list[Reported]) -> None:
    """Reported content stops where the next attribution of the sentence begins
    ("…, Aliyev confirmed that A, the Armenian Foreign Ministry said that B")."""
    for current, following in pairwise(found):
        mention = following.attribution.mention
        boundary = mention.start if mention is not None else following.attribution.cue_start
        if current.start < boundary < current.end:
            current.end = _trim_end(masked, current.start, boundary)


# ------------------------------------------- clauses between a cue and its quotation

# Where a clause with a subject of its own may open between a speech verb and the
# quotation after it: `…, while Cruz said`, `… and Trump vowed`, `…, with Ryan saying`,
# `…, Rubio fired back`. Not `that`, `whether`, `if`: what they open is the reported
# content of the verb before (nested speech, read as such). Not a comma in a number.
_CLAUSE_OPENING = re.compile(
    r"(?<!\d)[,;—–]\s*(?:(?:and|but|while|whereas|with|as|when|after|yet)\s+){0,2}"
    r"|\s(?:and|but|while|whereas|yet)\s+"
)
# The verb of a clause after its subject: past an aside in parentheses or commas
# (`Sen. Ron Johnson (R-Wis.) kept`, `Mike Huckabee, the former governor, proposed`),
# auxiliaries and adverbs, a finite verb or a participle.
_VERB_AFTER_SUBJECT = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:,[^,;:.!?\"“”\x00]{1,80},\s*)?"
    r"(?:(?:has|have|had|was|were|is|are|will|would|could|did|does|also|then|now|later|"
    r"again|only|still|just|never|not|first|[a-z]{3,}ly)\s+){0,3}"
    r"(?P<verb>[a-z]{2,}(?:ed|es|ing)|[a-z]{2,}[^s\W]s|said|told|kept|made|took|gave|went|"
    r"wrote|spoke|sent|thought|felt|left|put|brought|came|got|held|saw|stood|won|lost|paid|"
    r"met|shot|hit|let|set|spent|sat|drew|threw|began|ran)\b"
)
_SUBJECT_PRONOUNS_ONLY = frozenset(["he", "she", "they", "we", "i", "you"])
_MAX_NESTED_CUES = 4
_ADVERBIAL_BEFORE = re.compile(
    r"\b(?:when|after|before|because|if|since|as|while|although|though|until|once)\s+$"
)
_CLAUSE_BOUNDARY = re.compile(r"(?<!\d)[,;—–]|\s(?:and|but)\b")


@dataclass(slots=True)
class GoverningClauses:
    """What `governing_clauses` reads between a speech verb and a quotation."""

    # A later clause with its own subject and speech verb, which governs the
    # quotation instead: `Trump suggested …, but Rubio fired back: “…”`.
    clause: Attribution | None
    # A later clause's speech verb that reaches the quotation, whose subject is not
    # read as a mention (`…, while his rival Mark Doe said it was “…”`): the first
    # speaker is not shown to be the quotation's.
    unread: str | None
    # Other subjects that govern the quotation too: the subject of a later clause
    # without a speech verb (`…, while Huckabee proposed we “…”`), or of a speech verb
    # whose content the quotation is (`Howard denied Yeo said the plans “stink”`).
    rivals: list[Mention]


def governing_clauses(
    masked: str, start: int, end: int, vocabulary: Vocabulary, nested: bool = True
) -> GoverningClauses:
    """The clauses in `masked[start:end]`, the words between an attribution's speech
    verb (or subject) and the quotation at `end`, that have their own subject and
    reach the quotation (no clause boundary between their verb and it). A pronoun is
    no rival: in `X said he thought …` it is X himself. `nested`: also read speech
    verbs with a subject of their own (False when `start` follows a subject whose
    verb is not known: its own verb comes next)."""
    clause = None
    unread = None
    rivals: list[Mention] = []
    lower = start
    last = None
    for opening in _CLAUSE_OPENING.finditer(masked, start, end):
        if _joins_names(masked, start, opening):
            continue
        mention = _clause_subject(masked, opening.end(), end, vocabulary)
        if mention is None:
            mention, cue = _cued_clause_subject(masked, opening.end(), end, vocabulary)
            if mention is None:
                unread = cue or unread
                continue
            unread = None
        verb = _VERB_AFTER_SUBJECT.match(masked, mention.end, end)
        if verb is not None and _is_verb(verb.group("verb")):
            last = (mention, verb)
            unread = None
    if last is not None:
        mention, verb = last
        cue = _PARTIAL_CUE.search(masked, mention.end, end)
        if cue is not None and _reaches(masked, cue.end(), end):
            clause = Attribution(mention, _cue_text(cue), cue.start(), Placement.CLAUSE)
            lower = cue.end()
        elif cue is None and _reaches(masked, verb.end(), end):
            rivals.append(mention)
            lower = verb.end()
    for cue in islice(_PARTIAL_CUE.finditer(masked, lower, end), _MAX_NESTED_CUES if nested else 0):
        if (
            cue.group().endswith("ing")
            or _cue_text(cue) in _BELIEF_VERBS
            or not _reaches(masked, cue.end(), end)
        ):
            # A participle hangs on the clause before (the same subject); a belief
            # (`the campaign expects …`) is the reporter's or the speaker's words;
            # `Romney begged him … and “would have dropped …”` is not what he begged.
            continue
        mention = _subject_right_before(masked, lower, cue, vocabulary)
        if mention is not None and (
            not _ADVERBIAL_BEFORE.search(masked, max(lower, mention.start - 12), mention.start)
            or _THAT_AHEAD.match(masked, cue.end(), end)
        ):
            # In an adverbial clause only a verb with `that` reports the quotation
            # (`after Clinton argued that “…”`; not `… said that when Johnson announced
            # Smith was going he got the “…”`).
            rivals.append(mention)
    if clause is not None:
        unread = None
    return GoverningClauses(clause, unread, [m for m in rivals if m.kind != MentionKind.PRONOUN])


# The words a clause's subject may open with when no mention is read from them.
_SUBJECT_OPENERS = frozenset(words("the his her their its a an our my"))
_MAX_CLAUSE_SUBJECT_WORDS = 6


def _cued_clause_subject(
    masked: str, start: int, end: int, vocabulary: Vocabulary
) -> tuple[Mention | None, str | None]:
    """A clause opening at `start` whose subject runs up to a speech verb that
    reaches the quotation at `end` (`while the party leader said it was “…”`): that
    subject as a mention, or (None, the verb) when its words look like a subject
    (a determiner or a capital, a few words) but read as no mention."""
    cue = _PARTIAL_CUE.search(masked, start, min(end, start + 80))
    if cue is None or cue.group().endswith("ing") or _cue_text(cue) in _BELIEF_VERBS:
        return None, None
    if not _reaches(masked, cue.end(), end):
        return None, None
    subject_end = _without_auxiliaries(masked, start, cue.start())
    phrase = _WORD.findall(masked, start, subject_end)
    if (
        not phrase
        or len(phrase) > _MAX_CLAUSE_SUBJECT_WORDS
        or any(mark in masked[start:subject_end] for mark in ',;:"“”()')
        or not (phrase[0].lower() in _SUBJECT_OPENERS or phrase[0][:1].isupper())
        or any(word.lower() in _SUBJECT_PRONOUNS_ONLY for word in phrase)
    ):
        # (`an investment he concludes has …`: his own clause, the same speaker.)
        return None, None
    mention = parse_mention(masked, start, subject_end, vocabulary)
    if (
        mention is not None
        and mention.kind != MentionKind.UNNAMED
        and mention.end == subject_end
        and not _POSSESSIVE_AT_END.search(mention.text)
    ):
        return mention, None
    return None, _cue_text(cue)


def _reaches(masked: str, position: int, end: int) -> bool:
    """No clause boundary between a verb ending at `position` and `end` (the comma
    that introduces the quotation, `said about the plan, “…”`, is none)."""
    end = len(masked[position:end].rstrip(" ,:")) + position
    return _CLAUSE_BOUNDARY.search(masked, position, end) is None


def _joins_names(masked: str, lower: int, opening: re.Match[str]) -> bool:
    """`he and Cruz shared`, `China and Russia have`, `Chinese, Japanese, and South
    Korean officials`: `and` joins names into one subject or object, not clauses."""
    if opening.group().strip(" ,") not in ("and", "or"):
        return False
    before = masked.rfind(",", lower, opening.start()) if opening.group().startswith(",") else -1
    item_start = max(lower, before + 1) if before >= 0 else lower
    word = _WORD_AT_END.search(masked, max(lower, opening.start() - 30), opening.start())
    if word is None:
        return False
    if not opening.group().startswith(","):
        return word.group(1)[:1].isupper() or word.group(1).lower() in _SUBJECT_PRONOUNS_ONLY
    # After a comma: an item of a list of names (a few capitalised words).
    item = _WORD.findall(masked, item_start, opening.start())
    return before >= 0 and 0 < len(item) <= 3 and all(w[:1].isupper() for w in item)


def _clause_subject(masked: str, start: int, end: int, vocabulary: Vocabulary) -> Mention | None:
    """A person, a role or a body opening a clause at `start` (not `her aides`, not
    `Trump’s properties`)."""
    mention = leading_mention(masked, start, end, vocabulary)
    if mention is None or mention.kind == MentionKind.UNNAMED:
        return None
    if _POSSESSIVE_AT_END.search(mention.text):
        return None
    if mention.kind == MentionKind.PRONOUN and mention.text.lower() not in _SUBJECT_PRONOUNS_ONLY:
        return None
    return mention


def _is_verb(word: str) -> bool:
    """A verb in -s only when it reports speech (`Trump refers`); `Korean officials`,
    `Twitter followers` are nouns."""
    if _PARTIAL_CUE.fullmatch(word) is not None:
        return True
    return not word.endswith("s") or word.endswith("ss")


def _subject_right_before(
    masked: str, lower: int, cue: re.Match[str], vocabulary: Vocabulary
) -> Mention | None:
    """The subject written right before a speech verb (`Mr Yeo, his spokesman, said`),
    never one read from further back (`… policy and said`: the same subject's verb)."""
    end = _without_auxiliaries(masked, lower, cue.start())
    if end <= lower or not (masked[end - 1].isalnum() or masked[end - 1] in ".,’')"):
        return None
    last_word = _WORD_AT_END.search(masked, max(lower, end - 8), end)
    if last_word is not None and last_word.group(1).lower() in ("and", "or", "but", "nor"):
        return None
    reach = max(lower, end - 80)
    if reach > lower:
        space = masked.find(" ", reach, end)
        reach = space + 1 if space >= 0 else end  # a word start
    for start in _subject_starts(masked, reach, end):
        mention = parse_mention(masked, start, end, vocabulary)
        if mention is None or mention.kind == MentionKind.UNNAMED:
            continue
        between = masked[mention.end : end].strip()
        if between and not (len(between) > 1 and between[0] == between[-1] == ","):
            continue  # `Andy Robinson, who he believes`: not the verb's subject
        if _POSSESSIVE_AT_END.search(mention.text):
            return None
        return mention
    return None


_BELIEF_VERBS = frozenset(
    words(
        """believes believed thinks thought hopes hoped expects expected fears feared
        estimates estimated"""
    )
)
_POSSESSIVE_AT_END = re.compile(r"[’']s?$")


# ------------------------------------------------------------------- helpers


def _subject_of(
    masked: str, lower: int, cue: re.Match[str], vocabulary: Vocabulary
) -> Mention | None:
    """The subject of a cue verb: the phrase right before it (`the Russian minister
    said`), past auxiliaries (`has also said`); for a second verb of the same
    subject (`Bayramov informed Mardini … and stressed that`), the sentence's
    subject."""
    before_cue = _WORD_AT_END.search(masked, max(lower, cue.start() - 12), cue.start())
    if (
        before_cue is not None
        and before_cue.group(1).lower() in _PASSIVE
        and not cue.group().endswith("ing")
    ):
        return None  # "when terrorists are revealed as …" (not "Clinton is describing")
    end = _without_auxiliaries(masked, lower, cue.start())
    if end <= lower:
        return None
    last_word = _WORD_AT_END.search(masked, max(lower, end - 8), end)
    if last_word is not None and last_word.group(1).lower() in _SUBJECT_PRONOUNS:
        # "… RT he blasted": a pronoun right before the verb is its subject.
        return parse_mention(masked, last_word.start(1), end, vocabulary)
    if cue.group().endswith("ing"):
        return _participle_subject(masked, lower, end, vocabulary)
    relative = _RELATIVE_SUBJECT.search(masked, max(lower, end - 60), end)
    if relative is not None and "," not in masked[relative.end() : end]:
        # "NAFTA, which Trump had called a "disaster"": the relative clause has its
        # own subject, and the verb is its ("Kennedy, who backs it, said": closed).
        mention = parse_mention(masked, relative.end(), end, vocabulary)
        if mention is not None and not _verb_then_object(mention, vocabulary):
            return mention
    listed = _listed_body_spokesperson(masked, lower, end, vocabulary)
    if listed is not None:
        return listed  # its commas would cut the body's name short
    members = _members_body(masked, lower, end, vocabulary)
    if members is not None:
        return members
    for start in _subject_starts(masked, max(lower, end - 160), end):
        mention = parse_mention(masked, start, end, vocabulary)
        if (
            mention is not None
            and mention.kind == MentionKind.ROLE
            and _SUBORDINATOR.search(mention.text) is not None
        ):
            continue  # "The move comes after telecom regulator Ofrur": a clause, no role
        if mention is not None:
            if _COORDINATED_BEFORE.search(masked, max(lower, mention.start - 60), mention.start):
                return None  # "Roe and Doe wrote": two speakers, never one of them alone
            return _name_right_before(masked, mention, end, vocabulary) or mention
    spokesperson = _possessive_spokesperson(masked, lower, end, vocabulary)
    if spokesperson is not None:
        return spokesperson
    before = masked[lower:end]
    if before.endswith(" who"):
        # "Russian President Vladimir Putin, who said …"; "… endorsed by the Ruritanian
        # Musicians' Forum (RMF), who say …": who is the phrase the relative follows.
        end -= 4
        for start in _subject_starts(masked, max(lower, end - 160), end):
            mention = parse_mention(masked, start, end, vocabulary)
            if mention is not None:
                return mention
        for preposition in _PREPOSITION_BEFORE.finditer(masked, max(lower, end - 160), end):
            mention = parse_mention(masked, preposition.end(), end, vocabulary)
            if mention is not None and mention.kind in (MentionKind.NAME, MentionKind.ORG):
                return mention
        return None
    if before.endswith((",", " and")):
        return leading_mention(masked, lower, end, vocabulary)
    if before.endswith(" but"):
        # "AOL backed the cuts but said …", "Roe says … - but insists": a second verb
        # of the clause's subject, the subject of its first speech verb if it has one.
        earlier = next(_SPEECH_CUE.finditer(masked, lower, end), None)
        if earlier is not None:
            return _subject_of(masked, lower, earlier, vocabulary)
        return _opening_subject(masked, lower, end, vocabulary)
    return None


def _verb_then_object(mention: Mention, vocabulary: Vocabulary) -> bool:
    """`met Jon Roe` read as a name with the role "met": after `who`, a verb and its
    object (`The MPs who met Jon Roe said`: the MPs said), no subject of its own."""
    role = mention.role or ""
    return (
        mention.kind == MentionKind.NAME
        and role[:1].islower()
        and mention.text.startswith(role)
        and not any(vocabulary.is_title(word) for word in role.split())
    )


def _members_body(masked: str, lower: int, end: int, vocabulary: Vocabulary) -> Mention | None:
    """`The MPs who make up the Commons Work and Pensions Committee said`: the body its
    members speak for together."""
    if masked.find(" who ", max(lower, end - 160), end) < 0:
        return None  # most subjects: no regex run
    match = _MEMBERS_OF_BODY.search(masked, max(lower, end - 160), end)
    if match is None:
        return None
    mention = parse_mention(masked, match.start("body"), match.end("body"), vocabulary)
    return mention if mention is not None and mention.kind == MentionKind.ORG else None


def _opening_subject(masked: str, lower: int, end: int, vocabulary: Vocabulary) -> Mention | None:
    """The subject opening a clause, past a fronted participle or prepositional phrase
    and its comma (`Appearing before supporters, Suu Kyi said … but added`)."""
    start = _LEADING_GAP.match(masked, lower, end).end()
    first = _WORD.match(masked, start, end)
    if first is not None and (
        first.group().lower() in _OPENING_PREPOSITIONS or first.group().endswith("ing")
    ):
        comma = masked.find(",", start, min(end, start + _MAX_OPENING_CLAUSE_CHARS))
        if comma < 0:
            return None
        start = _LEADING_GAP.match(masked, comma, end).end()
    return leading_mention(masked, start, end, vocabulary)


_PARTICIPLE_WORD = re.compile(r"\b[a-z]{2,}(?:ing|ed)\b")


def _name_right_before(
    masked: str, mention: Mention, end: int, vocabulary: Vocabulary
) -> Mention | None:
    """`With her husband, former President Bill Clinton, standing by her side, Hillary
    Clinton has told`, `in Berea, OH, after winning Ohio, Gov. John Kasich (R-OH),
    said`: a person's full name written right before the verb, after a phrase that
    is no appositive (it holds a participle), is the verb's subject."""
    stop = end - 1 if masked[end - 1 : end] == "," else end
    comma = masked.rfind(",", mention.end, stop)
    if comma < 0:
        return None
    start = _LEADING_GAP.match(masked, comma, stop).end()
    if not masked[start : start + 1].isupper() or not _PARTICIPLE_WORD.search(
        masked, mention.start, comma
    ):
        return None
    last = parse_mention(masked, start, stop, vocabulary)
    if last is None or last.kind != MentionKind.NAME or not last.name or " " not in last.name:
        return None
    return last


def _possessive_spokesperson(
    masked: str, lower: int, end: int, vocabulary: Vocabulary
) -> Mention | None:
    """`Ruritania Games's spokeswoman said`: the unnamed spokesperson of the body
    named in the possessive (read as "Ruritania Games spokeswoman"); not a
    person's (`Mr Roe's spokesman`, `Jon Roe's spokesman`)."""
    match = _POSSESSIVE_SPOKESPERSON.search(masked, max(lower, end - 120), end)
    if match is None:
        return None
    body = parse_mention(masked, match.start("body"), match.end("body"), vocabulary)
    if body is None or (body.kind != MentionKind.ORG and (body.gender or body.role)):
        return None
    if vocabulary.gender_of_name(match.group("body")) is not None:
        return None
    spokes = match.group("spokes")
    gender = "f" if "woman" in spokes else "m" if "man" in spokes else None
    role = f"{' '.join(match.group('body').split())} {spokes}"
    return Mention(
        masked[match.start() : end], match.start(), end, MentionKind.UNNAMED, None, role, gender
    )


def _listed_body_spokesperson(
    masked: str, lower: int, end: int, vocabulary: Vocabulary
) -> Mention | None:
    """`A Department for Media, Culture and Sport spokeswoman said`: the unnamed
    spokesperson of a body whose name lists its fields with commas (which end a
    speaker phrase elsewhere); the name holds an organisation's word."""
    lower = max(lower, end - 160)
    spokes = masked.find("spokes", lower, end)
    if spokes < 0 or masked.find(",", lower, end) < 0:
        return None  # most subjects: no regex run
    pattern = (
        _LISTED_BODY_SPOKESPERSON if spokes >= end - 30 else _SPOKESPERSON_FOR_LISTED_BODY_AT_END
    )
    return _listed_body_mention(masked, pattern.search(masked, lower, end), end, vocabulary)


def _listed_body_mention(
    masked: str, match: re.Match[str] | None, end: int, vocabulary: Vocabulary
) -> Mention | None:
    if match is None:
        return None
    body = " ".join(match.group("body").split())
    if not any(vocabulary.is_organisation_word(word) for word in body.split()):
        return None  # "Roe, Doe and Poe spokesman": no body's name
    spokes = " ".join(match.group("spokes").split())
    gender = "f" if "woman" in spokes else "m" if "man" in spokes else None
    # The role as _spokesperson_body reads it: "<body> spokeswoman".
    return Mention(
        masked[match.start() : end],
        match.start(),
        end,
        MentionKind.UNNAMED,
        None,
        f"{body} {spokes}",
        gender,
    )


def _participle_subject(
    masked: str, lower: int, end: int, vocabulary: Vocabulary
) -> Mention | None:
    """Who is `asking`/`saying`: the name right before it ("footage of Hillary Clinton
    asking"), or after a comma the subject of the main clause ("During a speech, Trump
    attacked Clinton for …, saying")."""
    for preposition in _PREPOSITION_BEFORE.finditer(masked, max(lower, end - 80), end):
        if "," in masked[preposition.end() : end]:
            continue  # "with the giants, issuing a statement through X describing"
        mention = parse_mention(masked, preposition.end(), end, vocabulary)
        if mention is not None and mention.kind == MentionKind.NAME:
            return mention
    if masked[lower:end].rstrip().endswith(","):
        comma = masked.rfind(",", lower, end)
        closing = tail_attribution(masked, lower, comma, vocabulary)
        if closing is not None and closing.mention is not None:
            # `…, Nefzi said, adding, “…”`: the participle goes on from the clause
            # it follows, the attribution, not from the sentence's first subject.
            return closing.mention
        for start in (lower, *(m.end() for m in _COMMA.finditer(masked, lower, end))):
            mention = leading_mention(masked, start, end, vocabulary)
            if mention is not None and mention.kind in (
                MentionKind.NAME,
                MentionKind.PRONOUN,
                MentionKind.ROLE,
            ):
                return mention
        return None
    run = _NAME_AT_END.search(masked, max(lower, end - 80), end)
    if run is None:
        return None
    before = _WORD_AT_END.search(masked, max(lower, run.start() - 12), run.start())
    if before is not None and before.group(1).lower() in _OBJECT_PREPOSITIONS:
        return None  # "a statement through Arsenal describing": Arsenal does not describe
    return parse_mention(masked, run.start(), end, vocabulary)


def _subject_starts(masked: str, lower: int, end: int) -> Iterator[int]:
    """Positions where a subject ending at `end` may start, longest first."""
    yield lower
    for boundary in _SUBJECT_STARTS.finditer(masked, lower, end):
        if boundary.end() < end:
            yield boundary.end()
    for boundary in _OPENING_TIME.finditer(masked, lower, end):
        if boundary.end() < end:
            yield boundary.end()


def _phrase_after(
    masked: str, start: int, limit: int, vocabulary: Vocabulary, stop_at_comma: bool = False
) -> Mention | None:
    """A speaker phrase after its cue: `said the spokeswoman for the Foreign Ministry`."""
    start = _LEADING_GAP.match(masked, start, limit).end()
    spokes = masked.find("spokes", start, min(limit, start + 30))
    listed = _SPOKESPERSON_FOR_LISTED_BODY.match(masked, start, limit) if spokes >= 0 else None
    if listed is not None:
        mention = _listed_body_mention(masked, listed, listed.end(), vocabulary)
        if mention is not None:
            return mention
    end = limit
    for stop in _AFTER_SUBJECT_END.finditer(masked, start, limit):
        if not (stop.group() == "." and is_abbreviation_dot(masked, stop.start(), start)):
            end = stop.start()
            break
    if stop_at_comma:
        comma = masked.find(",", start, end)
        end = comma if comma >= 0 else end
    mention = parse_mention(masked, start, end, vocabulary)
    if mention is None:
        comma = masked.find(",", start, end)
        if comma > start:
            mention = parse_mention(masked, start, comma, vocabulary)
    if mention is None:
        mention = _name_of_organisation(masked, start, end, vocabulary)
    return mention


def _name_of_organisation(
    masked: str, start: int, end: int, vocabulary: Vocabulary
) -> Mention | None:
    """`said Anar Guliyev of the Ganja city council`: the name before "of"."""
    of = _OF.search(masked, start, end)
    if of is None:
        return None
    mention = parse_mention(masked, start, of.start(), vocabulary)
    return mention if mention is not None and mention.kind == MentionKind.NAME else None


def _cue_ending_at(masked: str, lower: int, end: int) -> re.Match[str] | None:
    """A speech cue that ends the text before a quotation (`He says, “…”`, `Trump
    tweeted that, “…”`, `said in a statement: “…”` is handled as a colon)."""
    stripped_end = end
    while stripped_end > lower and masked[stripped_end - 1].isspace():
        stripped_end -= 1
    word = _WORD_AT_END.search(masked, max(lower, stripped_end - 40), stripped_end)
    if word is None:
        return None
    if word.group(1) == "that":
        stripped_end = word.start(1)
        while stripped_end > lower and masked[stripped_end - 1].isspace():
            stripped_end -= 1
    for cue in _INTRODUCING_CUE.finditer(masked, max(lower, stripped_end - 70), stripped_end):
        if cue.end() == stripped_end or _ADJUNCT.fullmatch(masked, cue.end(), stripped_end):
            return cue  # "said, “…”", "saying during the debate last week, “…”"
    return None


def _without_auxiliaries(masked: str, lower: int, end: int) -> int:
    """End of the subject before a cue, without `has also`, `later`, `on Tuesday` and
    the like."""
    last = _WORD_AT_END.search(masked, max(lower, end - 12), end)
    if last is not None and last.group(1).lower() in _TIME_WORDS:
        adjunct = _TIME_AT_END.search(masked, max(lower, end - 40), end)
        if adjunct is not None and adjunct.start() > lower:
            end = adjunct.start()
    for _ in range(3):
        while end > lower and masked[end - 1].isspace():
            end -= 1
        word = _WORD_AT_END.search(masked, max(lower, end - 20), end)
        if word is None or word.end(1) != end or not _is_auxiliary(word.group(1)):
            break
        end = word.start(1)
    while end > lower and masked[end - 1].isspace():
        end -= 1
    return end


def _is_auxiliary(word: str) -> bool:
    """`has`, `also`, `meanwhile`, or a lower-case adverb (`quickly`, `angrily`)."""
    return word.lower() in _AUXILIARIES or (
        word.islower() and word.endswith("ly") and len(word) > 4
    )


def _content_end(masked: str, start: int, end: int) -> int:
    """End of reported content: the sentence end, or a second verb of the speaker
    ("said that A and expressed the readiness …")."""
    # Content is never longer than a bounded reach (real sentences are far shorter):
    # in a run-on "sentence" of thousands of nested cues ("X said that X said that …")
    # the contents would otherwise add up to quadratic size.
    if end - start > _CONTENT_REACH_CHARS:
        reach = start + _CONTENT_REACH_CHARS
        space = masked.rfind(" ", start, reach)
        end = space if space > start else reach
    coordinated = _COORDINATED_PREDICATE.search(masked, start, end)
    if coordinated is not None:
        end = coordinated.start()
    colon = masked.find(":", start, end)
    if colon >= 0:
        following = _FIRST_VISIBLE.match(masked, colon + 1, end)
        if following is not None and following.group(1) in ('"', "“", "«"):
            end = colon  # "According to him, …: “…”" — the quotation is reported on its own
    return _trim_end(masked, start, end)


def _trim_end(masked: str, start: int, end: int) -> int:
    while end > start and (masked[end - 1].isspace() or masked[end - 1] in ".,;:—–-"):
        end -= 1
    return end


def _has_enough_words(masked: str, start: int, end: int) -> bool:
    found = islice(_WORD.finditer(masked, start, end), _MIN_INDIRECT_WORDS)
    return sum(1 for _ in found) >= _MIN_INDIRECT_WORDS


def _starts_like_speaker(masked: str, position: int) -> bool:
    """A capitalised word or a determiner right after the quotation."""
    word = _WORD.match(masked, position)
    return word is not None and (
        word.group()[:1].isupper() or word.group().lower() in ("the", "a", "an")
    )


def _has_quote(masked: str, start: int, end: int) -> bool:
    return any(c in masked[start:end] for c in (MASK, '"', "“", "”", "«", "»"))


def _cue_text(cue: re.Match[str]) -> str:
    """The cue's words, single-spaced, without a sentence-initial capital."""
    return " ".join(cue.group().split()).lower()
