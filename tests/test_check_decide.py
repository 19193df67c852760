"""`decide`: the verdict from evidence alone, without an index (a table of cases)."""

from __future__ import annotations

import pytest

from caucasus_cli.models import Quote
from caucasus_cli.quotes.people import fold_name
from caucasus_cli.search.check import Evidence, VerdictKind, align, decide, tokens

CLAIM = "We want a peaceful settlement of the conflict"
SAID = "We want a peaceful settlement of the conflict, and lasting security."
NEAR = "We want a fair settlement of the conflict, and lasting security."
ARTICLE = "Diplomats said they want a peaceful settlement of the conflict soon."


def _quote(text: str, speaker: str | None) -> Evidence:
    quote = Quote(text=text, start=0, end=len(text), paragraph=1, kind="direct", speaker=speaker)
    quote.id = f"q-{speaker}-{len(text)}"
    similarity, start, end, diff = align(tokens(CLAIM), text)
    return Evidence(similarity, text[start:end], diff, quote=quote, start=start, end=end)


def _passage(text: str) -> Evidence:
    similarity, start, end, diff = align(tokens(CLAIM), text)
    return Evidence(similarity, text[start:end], diff, doc="a1", start=start, end=end)


BAYRAMOV = [fold_name("Jeyhun Bayramov")]
NOBODY: list[str] = []


@pytest.mark.parametrize(
    ("quotes", "articles", "speaker_keys", "verdict", "said_by"),
    [
        ([_quote(SAID, "Jeyhun Bayramov")], [], None, VerdictKind.CONFIRMED, None),
        ([_quote(SAID, "Jeyhun Bayramov")], [], BAYRAMOV, VerdictKind.CONFIRMED, None),
        ([_quote(NEAR, "Jeyhun Bayramov")], [], None, VerdictKind.MISQUOTED, None),
        ([_quote(NEAR, "Jeyhun Bayramov")], [], BAYRAMOV, VerdictKind.MISQUOTED, None),
        ([_quote(SAID, "Ilham Aliyev")], [], BAYRAMOV, VerdictKind.MISATTRIBUTED, "Ilham Aliyev"),
        # Someone the corpus never quotes: the words are still somebody else's.
        ([_quote(SAID, "Ilham Aliyev")], [], NOBODY, VerdictKind.MISATTRIBUTED, "Ilham Aliyev"),
        # An unattributed quote of the words is not the named speaker's.
        ([_quote(SAID, None)], [], BAYRAMOV, VerdictKind.MISATTRIBUTED, None),
        ([], [_passage(ARTICLE)], None, VerdictKind.NOT_QUOTED, None),
        ([], [_passage(ARTICLE)], BAYRAMOV, VerdictKind.NOT_QUOTED, None),
        ([], [], None, VerdictKind.NOT_FOUND, None),
        ([_quote("Talks resume next week in Brussels.", "Ilham Aliyev")], [], None,
         VerdictKind.NOT_FOUND, None),
    ],
)  # fmt: skip
def test_verdicts_from_evidence(quotes, articles, speaker_keys, verdict, said_by):
    result = decide(CLAIM, quotes, articles, speaker_keys=speaker_keys)
    assert result.verdict == verdict
    assert result.said_by == said_by
    if verdict is not VerdictKind.NOT_FOUND:
        assert result.best is not None and result.best.similarity >= 0.75


def test_the_named_speakers_own_quote_wins_over_a_closer_one_by_someone_else():
    exact_other = _quote(SAID, "Ilham Aliyev")
    near_own = _quote(NEAR, "Jeyhun Bayramov")
    result = decide(CLAIM, [exact_other, near_own], [], speaker_keys=BAYRAMOV)
    assert result.verdict == VerdictKind.MISQUOTED
    assert result.best.quote.speaker == "Jeyhun Bayramov"
    assert [c.op for c in result.best.changes] == ["replace"]


def test_weak_candidates_are_not_shown_as_evidence():
    unrelated = _quote("The weather in Baku was warm on Sunday.", "Ilham Aliyev")
    result = decide(CLAIM, [unrelated], [], speaker_keys=None)
    assert result.verdict == VerdictKind.NOT_FOUND
    assert result.evidence == []
