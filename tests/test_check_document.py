"""`check --document`: every quote of a draft article checked against the corpus."""

from __future__ import annotations

from caucasus_cli.index.store import CorpusIndex
from caucasus_cli.search.check import VerdictKind, check_document, draft_quotes, summary_line

# A reporter's draft: a quote as said, one with a word changed, one given to the wrong
# person, and one nobody said.
DRAFT = """Baku sets out its terms for peace

President Ilham Aliyev spoke in Baku on Tuesday.

“Today I say with pride that Armenia was defeated on the battlefield and Azerbaijan put an end to the occupation,” Aliyev said.

“We don’t want to see false negotiations again, because we have seen this for thirty years,” Leyla Abdullayeva, the Foreign Ministry spokeswoman, said.

“Such an agreement could turn our region into a region of peace and cooperation,” said Nikol Pashinyan, the Armenian prime minister.

“We will open every road in the region before the winter comes to the mountains,” Aliyev told reporters.
"""  # noqa: E501


def test_the_draft_quotes_are_read_with_their_speakers():
    quotes = draft_quotes(DRAFT)
    assert [q.speaker for q in quotes] == [
        "Ilham Aliyev",
        "Leyla Abdullayeva",
        "Nikol Pashinyan",
        "Ilham Aliyev",
    ]
    assert all(DRAFT[q.start : q.end] == q.text for q in quotes)


def test_each_quote_of_the_draft_gets_its_verdict(seed_index):
    with CorpusIndex(seed_index) as index:
        verdicts = check_document(index, DRAFT)
    assert [v.verdict for v in verdicts] == [
        VerdictKind.CONFIRMED,
        VerdictKind.MISQUOTED,
        VerdictKind.MISATTRIBUTED,
        VerdictKind.NOT_FOUND,
    ]
    misquoted = verdicts[1].best
    assert [(c.op, c.claimed, c.actual) for c in misquoted.changes] == [
        ("replace", "false", "fake")
    ]
    assert verdicts[2].said_by == "Ilham Aliyev"
    assert verdicts[2].claimed.speaker == "Nikol Pashinyan"
    assert summary_line(verdicts) == (
        "4 quotes: 1 confirmed, 1 misquoted, 1 misattributed, 1 not found"
    )


def test_a_draft_without_quotes_says_so():
    assert draft_quotes("No one was quoted in this short note.\n") == []
    assert summary_line([]) == "0 quotes: none to check"
