"""`caucasus check` on claims found and not found, `quotes --spread` and `quote ID`, end
to end."""

from __future__ import annotations

import json
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import ms, percentile, spread
from benchmarks.end_to_end import timed_run
from caucasus_cli.index.store import CorpusIndex

CHECK_CLAIMS = 3  # claims taken from the index, per size
CHECK_MIN_WORDS = 8  # a sentence one would check, not a two-word scare quote
CHECK_SCAN = 50  # quotes read from each position to find one long enough
# Common English words in no article (grep -rilF finds none of them in the BBC set).
NOT_FOUND_CLAIMS = (
    "the government said on Tuesday that it would not comment on the new plan",
    "a spokesman for the company said the figures would be published later this year",
    "we have no plans to change the rules before the end of the month",
)


@dataclass(frozen=True, slots=True)
class Claim:
    text: str
    from_index: bool  # a quote of the index (to be found), else a sentence in no article
    quote_id: str | None = None  # the quote it was taken from


def found_claims(index_dir: Path) -> list[Claim]:
    """Up to CHECK_CLAIMS direct quotes of CHECK_MIN_WORDS words or more: from each of
    the start, a third and two thirds of the listing (text order), the first one long
    enough and not taken yet. The same claims for the same index, spread over the
    corpus rather than all from its first article; whitespace collapsed, as typed."""
    from caucasus_cli.models import QuoteKind
    from caucasus_cli.search.quotes import QuoteFilter, stream_quotes

    claims: list[Claim] = []
    with CorpusIndex(index_dir) as index:
        total = stream_quotes(index, QuoteFilter(kind=QuoteKind.DIRECT, limit=1)).total
        for part in range(CHECK_CLAIMS):
            offset = total * part // CHECK_CLAIMS
            wanted = QuoteFilter(kind=QuoteKind.DIRECT, offset=offset, limit=CHECK_SCAN)
            for quote in stream_quotes(index, wanted).quotes:
                text = " ".join(quote.text.split())
                taken = {claim.text for claim in claims}
                if len(text.split()) >= CHECK_MIN_WORDS and text not in taken:
                    claims.append(Claim(text, True, quote.id))
                    break
    return claims


def bench_claims(index_dir: Path) -> list[Claim]:
    """The claims `check` is timed with: quotes of the index, then sentences in none."""
    return [*found_claims(index_dir), *(Claim(text, False) for text in NOT_FOUND_CLAIMS)]


def quote_commands(
    command: list[str], index: Path, claims: list[Claim]
) -> dict[str, tuple[list[str], tuple[int, ...]]]:
    """name -> (argv, accepted exit codes): each `check`, `quotes --spread`, `quote ID`
    (ID: the quote of the first claim taken from the index, when there is one)."""
    where = ["--index", str(index)]
    commands = {
        f"check {number}": ([*command, "check", claim.text, *where, "--format", "jsonl"], (0, 1, 3))
        for number, claim in enumerate(claims, 1)
    }
    commands["spread"] = ([*command, "quotes", "--spread", *where, "--format", "jsonl"], (0, 1))
    quote_id = first_quote_id(claims)
    if quote_id:
        commands["quote"] = ([*command, "quote", quote_id, *where, "--format", "json"], (0,))
    return commands


def first_quote_id(claims: list[Claim]) -> str | None:
    return next((claim.quote_id for claim in claims if claim.quote_id), None)


def first_verdict(stdout: str) -> str | None:
    """The verdict on `check --format jsonl`'s first line (None if there is none)."""
    try:
        return json.loads(stdout.splitlines()[0]).get("verdict")
    except (IndexError, ValueError, AttributeError):
        return None


def time_quote_commands(
    command: list[str], env: dict[str, str], index: Path, claims: list[Claim], rounds: int
) -> dict[str, Any]:
    """The quote commands end to end, alternated as in time_end_to_end: a warm-up run of
    each (it gives each claim's exit code and verdict, and the lines printed), then
    `rounds` rounds with the first command rotating."""
    commands = quote_commands(command, index, claims)
    outcomes: dict[str, subprocess.CompletedProcess[str]] = {}
    for name, (argv, ok) in commands.items():
        outcomes[name] = timed_run(argv, env, ok)[1]
    samples: dict[str, list[float]] = defaultdict(list)
    names = list(commands)
    for round_number in range(rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            argv, ok = commands[name]
            samples[name].append(timed_run(argv, env, ok)[0])
    return {
        "check": check_summary(claims, samples, outcomes),
        "spread": {
            "p50_s": round(percentile(samples["spread"], 0.5), 3),
            "samples": len(samples["spread"]),
            "exit": outcomes["spread"].returncode,
            "statements": len(outcomes["spread"].stdout.splitlines()),
        },
        "quote": quote_summary(claims, samples, outcomes),
    }


def check_summary(
    claims: list[Claim],
    samples: dict[str, list[float]],
    outcomes: dict[str, subprocess.CompletedProcess[str]],
) -> dict[str, Any]:
    """p50/p95 of the claims taken from the index, of those in no article, of all; and
    each claim's exit code and verdict, which say whether it was found after all."""
    named = [(f"check {number}", claim) for number, claim in enumerate(claims, 1)]

    def pooled(from_index: bool | None) -> dict[str, float] | None:
        chosen = [
            s for name, c in named if from_index in (None, c.from_index) for s in samples[name]
        ]
        return spread(chosen) if chosen else None

    return {
        "found": pooled(True),
        "not_found": pooled(False),
        "all": pooled(None),
        "claims": [
            {
                "claim": claim.text,
                "from_index": claim.from_index,
                "quote_id": claim.quote_id,
                "exit": outcomes[name].returncode,
                "verdict": first_verdict(outcomes[name].stdout),
                "p50_ms": ms(percentile(samples[name], 0.5)),
            }
            for name, claim in named
        ],
    }


def quote_summary(
    claims: list[Claim],
    samples: dict[str, list[float]],
    outcomes: dict[str, subprocess.CompletedProcess[str]],
) -> dict[str, Any] | None:
    quote_id = first_quote_id(claims)
    if quote_id is None:
        return None  # no direct quote long enough to check: no ID to show
    return {
        "id": quote_id,
        "p50_ms": ms(percentile(samples["quote"], 0.5)),
        "samples": len(samples["quote"]),
        "exit": outcomes["quote"].returncode,
    }
