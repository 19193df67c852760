"""`check --format claimreview`: verdicts as schema.org ClaimReview JSON-LD.

Fact-checkers publish their verdicts in this form (Google Fact Check Tools, Full Fact,
PolitiFact). Google's fact-check markup requires `claimReviewed`, `reviewRating` with
its `alternateName`, and `url`; it recommends the review's `author` and
`datePublished`, and an `itemReviewed` Claim with its `author`, `datePublished`,
`firstAppearance` and `appearance`.

What caucasus knows goes in: the claim, the verdict, the claimed speaker, and where
the words were published (the verdict's quote group, first seen first). What only the
fact-checker knows stays out, rather than being guessed: the review's own `url` (the
page that will publish it, required by Google: add it there), its `author` (the
fact-checking organisation) and its `datePublished` (the day the review is published,
which is not the day caucasus was run). A property whose value is unknown is left out,
never written as null: JSON-LD reads null as "no value", and Google's validator flags it.
"""

from __future__ import annotations

from typing import Any

from ..models import HowAttributed, Quote
from ..quotes.people import fold_name, load_people
from .output import Output
from .writers import write_json

CONTEXT = "https://schema.org"


def claim_review(verdict, group=None) -> dict[str, Any]:
    """One ClaimReview for one verdict; `group`: where the best evidence's words were
    published (search.groups.evidence_group), or None."""
    claim: dict[str, Any] = {"@type": "Claim"}
    speaker = _claimed_speaker(verdict)
    if speaker:
        claim["author"] = {"@type": _speaker_type(speaker, verdict), "name": speaker}
    works = _appearances(verdict, group)
    if works:
        first, *others = works
        if "datePublished" in first:  # when the words entered public discourse
            claim["datePublished"] = first["datePublished"]
        claim["firstAppearance"] = first
        if others:
            claim["appearance"] = others
    review: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "claimReviewed": verdict.claim,
        "itemReviewed": claim,
        "reviewRating": _rating(verdict),
    }
    return review


def render_claim_reviews(out: Output, verdicts: list, groups: list) -> None:
    """One JSON array of ClaimReview objects, however the claims were given (as json)."""
    write_json(out, [claim_review(v, g) for v, g in zip(verdicts, groups, strict=True)])


def _claimed_speaker(verdict) -> str | None:
    """Who the claim says spoke the words: `--speaker`, or the speaker a draft gives
    its quote (`check --document`). Never the speaker found in the sources: the Claim's
    author is whom the claim names, and a misattribution's real speaker is in the rating."""
    if verdict.speaker:
        return verdict.speaker
    claimed = verdict.claimed
    return claimed.speaker if claimed is not None and claimed.speaker else None


def _speaker_type(name: str, verdict) -> str:
    """Organization for a body speaking as itself ("the Azerbaijani Ministry of
    Defense", "Armenia"), else Person. A quote attributed to the same name as an
    organisation settles it; else the name's own words (an organisation word or a
    place, from the data files)."""
    folded = fold_name(name)
    for evidence in verdict.evidence:
        quote = evidence.quote
        if quote is not None and quote.speaker and fold_name(quote.speaker) == folded:
            return _quote_speaker_type(quote)
    vocabulary = load_people().vocabulary
    words = name.split()
    if vocabulary.place(name) or any(vocabulary.is_organisation_word(w) for w in words):
        return "Organization"
    return "Person"


def _quote_speaker_type(quote: Quote) -> str:
    return "Organization" if quote.attribution is HowAttributed.ORGANISATION else "Person"


def _rating(verdict) -> dict[str, Any]:
    """The verdict as the rating's text. No numeric ratingValue: caucasus has no scale,
    and Google asks for a documented number-to-text mapping wherever there is one."""
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": str(verdict.verdict)}
    explanation = _explanation(verdict)
    if explanation:
        rating["ratingExplanation"] = explanation
    return rating


def _explanation(verdict) -> str | None:
    """Who said the words instead, and how the source's words differ from the claim's."""
    parts = []
    if verdict.said_by:
        parts.append(f"Said by {verdict.said_by}, not {verdict.speaker}.")
    best = verdict.best
    if best is not None and best.changes:  # the differences themselves: `check`'s other views
        parts.append(f"The source says: “{' '.join(best.passage.split())}”.")
    return " ".join(parts) or None


def _appearances(verdict, group) -> list[dict[str, Any]]:
    """The works the words appear in, first seen first: the quote's group when there is
    one, else the best evidence when it holds the claim's words. Nothing for a claim
    not found: an appearance is never guessed."""
    if group is not None:
        return [_work(o.quote) for o in group.occurrences]
    best = verdict.best
    if best is None or not best.holds_claim:
        return []
    if best.quote is not None:
        return [_work(best.quote)]
    return [_article_work(best.path, None, best.title, best.source, best.date)]


def _work(quote: Quote) -> dict[str, Any]:
    return _article_work(quote.path, quote.url, quote.title, quote.source, quote.date)


def _article_work(path, url, title, source, date) -> dict[str, Any]:
    """A CreativeWork: its url when the article gives one; else the file it was read
    from, as an `identifier` (a local path is not a URL)."""
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if url:
        work["url"] = url
    elif path:
        work["identifier"] = path
    if title:
        work["headline"] = title
    if source:
        work["publisher"] = {"@type": "Organization", "name": source}
    if date is not None:
        work["datePublished"] = date.isoformat()
    return work
