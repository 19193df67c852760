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

from whoosh import query

from ..errors import QueryError
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
from ..quotes.wording import CLOSE_ENOUGH, Change, Wording, align, tokens
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
    # Article text is read only when no quote settles the claim.
    articles = (
        []
        if any(e.similarity >= CLOSE_ENOUGH for e in quotes)
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
    if speaker_keys is not None:
        from ..quotes.people import fold_name

        keys = set(speaker_keys)
        theirs = [e for e in quotes if e.quote.speaker and fold_name(e.quote.speaker) in keys]
        if theirs and theirs[0].similarity >= CLOSE_ENOUGH:
            verdict.verdict = _same_or_changed(theirs[0])
            verdict.evidence = _top([theirs[0], *quotes])
            return verdict
        said = [e for e in quotes if e.similarity >= CLOSE_ENOUGH]
        if said:
            verdict.verdict = VerdictKind.MISATTRIBUTED
            verdict.said_by = said[0].quote.speaker
            verdict.evidence = _top(quotes)
            return verdict
    elif quotes and quotes[0].similarity >= CLOSE_ENOUGH:
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
    return VerdictKind.CONFIRMED if evidence.similarity == 1.0 else VerdictKind.MISQUOTED


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
        key=lambda e: -e.similarity,
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
    return Evidence(
        similarity=round(similarity, 4),
        passage=quote.text[start:end],
        diff=diff,
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
