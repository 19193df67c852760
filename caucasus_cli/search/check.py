"""Is a claimed quote real? Find the closest quotes through the index, align them word
by word with the claim, and say what the evidence shows.

Verdicts:
  confirmed      the words stand in a quote (a claim may be a fragment of a longer one)
  misquoted      a quote is close but not the same; `changes` lists the differences
  misattributed  the words were said, but not by the speaker the claim names
  not_quoted     the words stand in an article, but as nobody's quote
  not_found      nothing close enough

Words are compared after folding case, accents, punctuation and quotation marks, and
with name variants (Aliev/Aliyev, Qarabağ/Karabakh) counted as the same word.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TextIO

from whoosh import query

from ..errors import ExitStatus, QueryError, UsageError
from ..index.documents import (
    BODY,
    TYPE,
    body_term,
    filters_query,
    hit_from_stored,
    quote_term,
    stored_body,
)
from ..index.quotequery import QuoteQuery
from ..index.schema import ARTICLE, text_analyzer
from ..index.store import CorpusIndex, reads_index
from ..models import Quote
from ..quotes.wording import CLOSE_ENOUGH, Change, Wording, align, tokens, wrapped
from .variants import expand_variants


class VerdictKind(StrEnum):
    CONFIRMED = "confirmed"
    MISQUOTED = "misquoted"
    MISATTRIBUTED = "misattributed"
    NOT_QUOTED = "not_quoted"
    NOT_FOUND = "not_found"


_QUOTE_CANDIDATES = 20
_ARTICLE_CANDIDATES = 5
_EVIDENCE = 3
# Retrieval reads the postings of the claim's rarest words, at most this many.
_RETRIEVAL_TERMS = 6
_CHEAP_POSTINGS = 1000
# Below this, a candidate shares too little with the claim to be worth showing.
_NEAREST = 0.3


@dataclass(slots=True)
class Evidence:
    similarity: float
    passage: str  # the aligned words as written in the source
    diff: list[Change]
    quote: Quote | None = None  # None for article text that is nobody's quote
    doc: str | None = None
    path: str | None = None
    title: str | None = None
    source: str | None = None
    date: dt.date | None = None
    start: int | None = None  # offsets of `passage` (file offsets for quotes)
    end: int | None = None
    # The claim holds `passage` (whole sentences of the quote) unchanged, with words
    # added around it: the quote was said, but not with those words.
    wrapped: bool = False

    @property
    def holds_claim(self) -> bool:
        """The claim's words stand in this passage, changed or not."""
        return self.similarity >= CLOSE_ENOUGH or self.wrapped

    @property
    def changes(self) -> list[Change]:
        return [step for step in self.diff if step.op != "equal"]


@dataclass(slots=True)
class Verdict:
    claim: str
    verdict: VerdictKind
    speaker: str | None = None  # the speaker the claim names (--speaker), if any
    said_by: str | None = None  # who said the words (for misattributed)
    evidence: list[Evidence] = field(default_factory=list)
    # With `check --document`: the quote in the draft this verdict is on.
    claimed: Quote | None = None

    @property
    def best(self) -> Evidence | None:
        return self.evidence[0] if self.evidence else None


def retrieve_passages(searcher, claim_text: str, restrictions, limit: int) -> list:
    """Stored fields of the articles most likely to hold the claim, best first.

    The passage that holds the claim, even with a word or two changed, holds most of
    its rarest words. So candidates are the documents with at least two of the
    claim's few rarest words (one, for a one-word claim), ranked by the rarity of what
    they share. Reading those words' postings costs what those words cost, not what
    the corpus does: no document is scored that shares less, and words the corpus
    has in most documents are not read at all while rarer ones exist.
    """
    words = _claim_terms(claim_text)
    frequencies = {w: searcher.doc_frequency(BODY, w) for w in words}
    chosen = _rarest(frequencies, searcher.doc_frequency(TYPE, ARTICLE))
    ranked = _by_shared_weight(
        (
            searcher.idf(BODY, word),
            expand_variants(body_term(word)).matcher(searcher).all_ids(),
        )
        for word in chosen
    )
    ranked = _need_shared(ranked, min(2, len(chosen)))
    if restrictions:
        allowed = set(query.And(restrictions).matcher(searcher).all_ids())
        ranked = [docnum for docnum in ranked if docnum in allowed]
    return [searcher.stored_fields(docnum) for docnum in ranked[:limit]]


def retrieve_quotes(index: CorpusIndex, claim_text: str, wanted: QuoteQuery, limit: int):
    """The quotes most likely to hold the claim, best first, among those `wanted`.

    As `retrieve_passages` does for articles: the candidates hold at least two of the
    claim's few rarest words (one, for a one-word claim). Here FTS5 evaluates that, as
    an OR of the pairs of those words, and ranks them by bm25 with the filters applied,
    so no posting list is read into Python.
    """
    from itertools import combinations

    store = index.quotes
    chosen = _rarest(store.vocabulary(_claim_terms(claim_text)), store.size_estimate())
    words = [expand_variants(quote_term(word)) for word in chosen]
    pairs = [query.And(list(pair)) for pair in combinations(words, 2)] or words
    return store.matching_any(pairs, wanted, limit)


def _claim_terms(claim_text: str) -> set[str]:
    words = {token.text for token in text_analyzer()(claim_text)}
    if not words:
        raise QueryError("the claim has no searchable words")
    return words


def _rarest(frequencies: dict[str, int], holders: int) -> list[str]:
    """The claim's rarest indexed words, leaving out those most documents have: a
    tenth of them (a word in fewer than _CHEAP_POSTINGS costs nothing to read)."""
    known = sorted((f, w) for w, f in frequencies.items() if f)
    common = max(_CHEAP_POSTINGS, holders // 10)
    return [w for f, w in known[:_RETRIEVAL_TERMS] if f <= common] or [w for _f, w in known[:2]]


def _by_shared_weight(postings) -> dict[int, list[float]]:
    """(weight, documents) per word -> document: [words shared, their weight]."""
    shared: dict[int, list[float]] = {}
    for weight, documents in postings:
        for number in documents:
            tally = shared.setdefault(number, [0, 0.0])
            tally[0] += 1
            tally[1] += weight
    return shared


def _need_shared(shared: dict[int, list[float]], need: int) -> list[int]:
    """The documents sharing at least `need` words, the heaviest first."""
    return sorted(
        (number for number, (count, _w) in shared.items() if count >= need),
        key=lambda number: (-shared[number][1], number),
    )


@reads_index
def check_claim(
    index: CorpusIndex,
    claim: str,
    *,
    speaker_keys: list[str] | None = None,
    speaker: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Verdict:
    """The verdict on `claim`, optionally said to be by the speakers `speaker_keys`."""
    claim_text = _strip_quotation(claim)
    claimed = tokens(claim_text)
    if not claimed.words:
        raise QueryError("the claim has no words")
    quotes = _quote_evidence_for(index, claim_text, claimed, speaker_keys, since, until)
    # Article text is read unless a quote holds the claim word for word: the words a
    # claim adds to a quote may be the article's own (its attribution, the reporter's
    # sentence around reported speech).
    articles = (
        []
        if any(e.similarity == 1.0 and not e.wrapped for e in quotes)
        else _article_evidence(index, claim_text, claimed, since, until)
    )
    return decide(claim_text, quotes, articles, speaker=speaker, speaker_keys=speaker_keys)


def decide(
    claim: str,
    quotes: list[Evidence],
    articles: list[Evidence],
    *,
    speaker: str | None = None,
    speaker_keys: list[str] | None = None,
) -> Verdict:
    """The verdict from the evidence alone: quotes and article passages aligned with the
    claim, each list best first. `speaker_keys` are the folded names of the speaker the
    claim names (None: the claim names nobody; empty: someone never quoted)."""
    verdict = Verdict(claim=claim, verdict=VerdictKind.NOT_FOUND, speaker=speaker)
    # The claim's words are an article's more closely than any quote's, added words and
    # all (`"…," added Mr Jameson`; `Lord Winston said he thought it was "rather good"
    # …`): the words a claim adds are the reporter's, so it is nobody's quote.
    reporters = bool(
        articles
        and articles[0].similarity >= CLOSE_ENOUGH
        and all(e.similarity < articles[0].similarity for e in quotes)
    )
    if speaker_keys is not None and not reporters:
        from ..quotes.people import fold_name

        keys = set(speaker_keys)
        theirs = [e for e in quotes if e.quote.speaker and fold_name(e.quote.speaker) in keys]
        if theirs and theirs[0].holds_claim:
            verdict.verdict = _same_or_changed(theirs[0])
            verdict.evidence = _top([theirs[0], *quotes])
            return verdict
        said = [e for e in quotes if e.holds_claim]
        if said:
            verdict.verdict = VerdictKind.MISATTRIBUTED
            verdict.said_by = said[0].quote.speaker
            verdict.evidence = _top(quotes)
            return verdict
    elif speaker_keys is None and not reporters and quotes and quotes[0].holds_claim:
        verdict.verdict = _same_or_changed(quotes[0])
        verdict.evidence = _top(quotes)
        return verdict
    if articles and articles[0].similarity >= CLOSE_ENOUGH:
        verdict.verdict = VerdictKind.NOT_QUOTED
        verdict.evidence = _top([articles[0], *quotes])
        return verdict
    nearest = [e for e in [*quotes, *articles] if e.similarity >= _NEAREST]
    verdict.evidence = _top(sorted(nearest, key=lambda e: -e.similarity))
    return verdict


def _same_or_changed(evidence: Evidence) -> VerdictKind:
    if evidence.similarity == 1.0 and not evidence.wrapped:
        return VerdictKind.CONFIRMED
    return VerdictKind.MISQUOTED


def _quote_evidence_for(
    index: CorpusIndex, claim_text: str, claimed: Wording, speaker_keys, since, until
) -> list[Evidence]:
    """The quotes closest to the claim, best first; the named speaker's own among them."""
    wanted = QuoteQuery(since=since, until=until)
    candidates = {
        quote.id: quote for quote in retrieve_quotes(index, claim_text, wanted, _QUOTE_CANDIDATES)
    }
    if speaker_keys:  # the speaker's own closest quotes, even if others rank higher
        theirs = QuoteQuery(since=since, until=until, speaker_keys=speaker_keys)
        own = retrieve_quotes(index, claim_text, theirs, _QUOTE_CANDIDATES)
        candidates.update({quote.id: quote for quote in own})
    return sorted(
        (_quote_evidence(claimed, quote) for quote in candidates.values()),
        # A quote the claim wraps in added words holds it, however many were added.
        key=lambda e: (not e.holds_claim, -e.similarity),
    )


def _strip_quotation(claim: str) -> str:
    return " ".join(claim.split()).strip(" \"'“”«»„‘’")


def _top(evidence: list[Evidence]) -> list[Evidence]:
    unique: list[Evidence] = []
    seen: set[tuple] = set()
    for item in evidence:
        key = (item.quote.id if item.quote else item.doc, item.start)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique[:_EVIDENCE]


def _quote_evidence(claimed: Wording, quote: Quote) -> Evidence:
    similarity, start, end, diff = align(claimed, quote.text)
    # Whole sentences with words added around them read better as that than as
    # words "replaced" by the next sentence's (the aligner's edges know no sentences).
    wraps = None if similarity == 1.0 else wrapped(claimed, quote.text)
    if wraps is not None and wraps.share < similarity:
        wraps = None
    if wraps is not None:
        similarity, start, end, diff = wraps.share, wraps.start, wraps.end, wraps.diff
    return Evidence(
        similarity=round(similarity, 4),
        passage=quote.text[start:end],
        diff=diff,
        wrapped=wraps is not None,
        quote=quote,
        doc=quote.doc,
        path=quote.path,
        title=quote.title,
        source=quote.source,
        date=quote.date,
        start=quote.start + start,
        end=quote.start + end,
    )


def _article_evidence(
    index: CorpusIndex, claim_text: str, claimed: Wording, since, until
) -> list[Evidence]:
    restrictions = filters_query(None, None, since, until)  # only articles have `body`
    found = []
    for stored in retrieve_passages(index.searcher, claim_text, restrictions, _ARTICLE_CANDIDATES):
        article = hit_from_stored(0, stored, None, "", [])
        body = stored_body(stored)
        similarity, start, end, diff = align(claimed, body)
        found.append(
            Evidence(
                similarity=round(similarity, 4),
                passage=body[start:end],
                diff=diff,
                doc=article.doc,
                path=article.path,
                title=article.title,
                source=article.source,
                date=article.date,
            )
        )
    return sorted(found, key=lambda e: -e.similarity)


def check_document(
    index: CorpusIndex,
    text: str,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[Verdict]:
    """A verdict on every quote of a draft article, each with the speaker the draft gives.

    The draft is read like an indexed article (headline, body, the same extractor), so
    its quotes and their speakers are what caucasus would find in it once published.
    """
    from .quotes import resolve_speaker

    verdicts = []
    for quote in draft_quotes(text):
        keys = resolve_speaker(index, quote.speaker).keys if quote.speaker else None
        verdict = check_claim(
            index, quote.text, speaker_keys=keys, speaker=quote.speaker, since=since, until=until
        )
        verdict.claimed = quote
        verdicts.append(verdict)
    return verdicts


def draft_quotes(text: str) -> list[Quote]:
    """The direct quotes of a draft, with their speakers, as the indexer would read them."""
    from ..ingest.metadata import parse_article, readable_paragraphs
    from ..quotes.extract import extract_quotes
    from ..quotes.people import load_people

    article = parse_article("draft", "draft", text)
    quotes = extract_quotes(article.text, readable_paragraphs(article), load_people())
    return [quote for quote in quotes if quote.kind == "direct"]


def summary_line(verdicts: list[Verdict]) -> str:
    """ "7 quotes: 5 confirmed, 1 misquoted, 1 not found" (kinds in a fixed order)."""
    counts = Counter(verdict.verdict for verdict in verdicts)
    parts = [f"{counts[kind]} {kind.replace('_', ' ')}" for kind in VerdictKind if counts[kind]]
    noun = "quote" if len(verdicts) == 1 else "quotes"
    return f"{len(verdicts)} {noun}: " + (", ".join(parts) if parts else "none to check")


def check_status(verdicts: list[Verdict]) -> ExitStatus:
    """The exit status of a check: found as claimed (every verdict confirmed), nothing
    found (any claim not found), else found but different."""
    kinds = {verdict.verdict for verdict in verdicts}
    if kinds == {VerdictKind.CONFIRMED}:
        return ExitStatus.FOUND
    if VerdictKind.NOT_FOUND in kinds:
        return ExitStatus.NOTHING_FOUND
    return ExitStatus.DIFFERS


# --- reading the claims: an argument, stdin, a file of claims, a draft ------------------------

MAX_DRAFT_CHARS = 2_000_000  # a draft article, not an archive
MAX_CLAIM_CHARS = 10_000  # a claim is a sentence or a paragraph, never a whole file
# "war" or "peace talks" stands in some quote of any corpus on a war: a verdict on it
# would say nothing about who said what.
MIN_CLAIM_WORDS = 3


def read_claims(claim: str | None, claims_file: Path | None, stdin: TextIO | None) -> list[str]:
    """The claims to check: the one given (`-`: read from stdin), or one per line of
    `claims_file`. Raises UsageError when there is none, or two ways of giving them."""
    if (claim is None) == (claims_file is None):
        raise UsageError("give one claim, `-` for stdin, or --file FILE", hint=None)
    if claims_file is not None:
        claims = claims_in_file(claims_file)
    elif claim == "-":
        claims = [read_stdin(stdin, MAX_CLAIM_CHARS)]
    else:
        claims = [claim]
    if not claims or not all(c.strip() for c in claims):
        raise UsageError("the claim is empty", hint=None)
    for number, text in enumerate(claims, 1):
        if len(text.split()) < MIN_CLAIM_WORDS:
            where = f"{claims_file}: line {number}: " if claims_file is not None else ""
            raise UsageError(
                f"{where}{text.strip()!r} is under {MIN_CLAIM_WORDS} words: too short to check",
                hint="give the claimed words as they were said, three words or more",
            )
    return claims


def read_draft(document: Path, stdin: TextIO | None) -> str:
    """The text of a draft article (`-`: stdin), at most MAX_DRAFT_CHARS characters."""
    if str(document) == "-":
        return read_stdin(stdin, MAX_DRAFT_CHARS)
    try:
        with open(document, encoding="utf-8") as draft:
            text = draft.read(MAX_DRAFT_CHARS + 1)
    except (OSError, UnicodeDecodeError) as problem:
        raise UsageError(f"cannot read {document}: {problem}", hint=None) from None
    if len(text) > MAX_DRAFT_CHARS:
        raise UsageError(
            f"{document} holds more than {MAX_DRAFT_CHARS:,} characters: not a draft", hint=None
        )
    return text


def read_stdin(stdin: TextIO | None, limit: int) -> str:
    if stdin is None:
        raise UsageError("cannot read: standard input is closed", hint=None)
    try:
        text = stdin.read(limit + 1)
    except (OSError, UnicodeDecodeError) as problem:
        raise UsageError(f"cannot read standard input: {problem}", hint=None) from None
    if len(text) > limit:
        raise UsageError(f"standard input holds more than {limit:,} characters", hint=None)
    return text


def claims_in_file(path: Path) -> list[str]:
    """The non-empty lines of `path`, read line by line: `/dev/zero` or a file with no
    line breaks stops at the first over-long line instead of filling the memory."""
    claims = []
    try:
        with open(path, encoding="utf-8") as lines:
            for number, line in enumerate(iter(lambda: lines.readline(MAX_CLAIM_CHARS + 1), ""), 1):
                if len(line.rstrip("\r\n")) > MAX_CLAIM_CHARS:
                    raise UsageError(
                        f"{path}: line {number} is longer than {MAX_CLAIM_CHARS:,} characters",
                        hint="put one claim per line",
                    )
                if line.strip():
                    claims.append(line.strip())
    except (OSError, UnicodeDecodeError) as problem:
        raise UsageError(f"cannot read {path}: {problem}", hint=None) from None
    return claims
