"""Extraction time on text shaped to defeat quadratic rules.

    python benchmarks/pathological.py [--size KB] [--shape NAME ...]

Each shape repeats one short unit until the text reaches `--size` kilobytes
(400 by default) and times `extract_quotes` on it (CPU time, best of `--runs`).
Extraction must stay linear: ordinary news text takes about 1-3 s/MB, and so
should these (target: every shape at most 4 s at 400 KB).
`tests/test_quotes_linear.py` checks the same shapes as a ratio property.

Columns: *whole* is paragraph splitting plus `extract_quotes`, as indexing runs
them; *speakers* is the part of it spent resolving speakers (`_resolve_speakers`,
the speakers' code); *extraction* is the rest (mark pairing, sentences, cues).
`--size 10000 --shape one-line` is the 10 MB one-line file of issue 20.
*quote chars* is the total length of the quotes found: what indexing stores, folds and
indexes (it must stay a small multiple of the text, not grow with its square).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from caucasus_cli.ingest.paragraphs import split_paragraphs
from caucasus_cli.quotes import extract
from caucasus_cli.quotes.extract import extract_quotes
from caucasus_cli.quotes.people import load_people

# Shape name → the unit repeated to build it.
SHAPES: dict[str, str] = {
    "quote-dash": '"Peace" - ',
    "tiny-quotes": '"a" ',
    "said-cue": '"peace," said ',
    "said-that": "X said that ",
    "said-pronoun": 'The minister said "x". He said "y". ',
    "one-char-paragraphs": 'a\n\n"b"\n\n',
    "quoted-paragraphs": '"Peace."\n\n',
    "combining-marks": '"a\u0301" ',
    "zero-width-joiners": '"x\u200d" said ',
    "quotes-one-paragraph": '"We will rebuild the bridge," said Anar Guliyev of the city council. ',
    "single-marks": "'We will not give up,' the president said. ",
    "open-marks": '"Peace ',
    "capitalised-run": "Foreign Minister Jeyhun ",
    # A Markdown file of many short one-quote paragraphs.
    "one-quote-md-paragraphs": '"We will rebuild the bridge," the minister said.\n\n',
    # Ordinary merged-paragraph news, all on one line (a 10 MB one-line .md).
    "one-line": (
        'Officials said "talks will resume" on Monday, and the minister added: "We are '
        'ready." Jon Roe of the city council said the bridge would be rebuilt by spring. '
    ),
    "named-then-role": 'Jon Roe, the minister, said "x". The minister said "y". ',
    # Reported speech nested without end: each clause once held all the ones after it
    # (up to a 2,000-character reach), 33,000 clauses of 320 words at 400 KB for the
    # store to fold; a clause now holds at most three others.
    "nested-said-that": "Jon Roe said that ",
    # "…, according to X" after "…, according to Y": each clause once started at the
    # sentence start, so held all the ones before it.
    "according-to-run": "according to Jon Roe, ",
}


def build(shape: str, size: int) -> str:
    """The text of `shape` at about `size` characters, as a headline and one body paragraph."""
    unit = SHAPES[shape]
    return "Headline\n\n" + unit * (size // len(unit) + 1)


def extraction_seconds(text: str, runs: int = 1, clock: Callable[[], float] = time.process_time):
    """Best CPU time of `runs` extractions of `text` (paragraph splitting excluded)."""
    people = load_people()
    paragraphs = split_paragraphs(text)
    best = float("inf")
    for _ in range(runs):
        began = clock()
        extract_quotes(text, paragraphs, people)
        best = min(best, clock() - began)
    return best


def quoted_chars(text: str) -> int:
    """Total length of the quotes extracted from `text`."""
    return sum(len(q.text) for q in extract_quotes(text, split_paragraphs(text), load_people()))


def whole_seconds(text: str, runs: int = 1) -> tuple[float, float]:
    """Best CPU time of `runs` paragraph splittings and extractions of `text`, and
    the part of that run spent resolving speakers."""
    people = load_people()
    resolving = [0.0]
    original = extract._resolve_speakers

    def timed(*args, **kwargs):
        began = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            resolving[0] += time.process_time() - began

    best = (float("inf"), 0.0)
    extract._resolve_speakers = timed
    try:
        for _ in range(runs):
            resolving[0] = 0.0
            began = time.process_time()
            extract_quotes(text, split_paragraphs(text), people)
            best = min(best, (time.process_time() - began, resolving[0]))
    finally:
        extract._resolve_speakers = original
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=400, help="kilobytes of text per shape")
    parser.add_argument("--runs", type=int, default=1, help="best of this many runs")
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES), help="only these")
    args = parser.parse_args(argv)
    shapes = args.shape or list(SHAPES)
    print(f"| shape | unit | whole s at {args.size} KB | speakers s | extraction s | quote chars |")
    print("|---|---|---:|---:|---:|---:|")
    for shape in shapes:
        text = build(shape, args.size * 1000)
        whole, speakers = whole_seconds(text, args.runs)
        unit = SHAPES[shape] if len(SHAPES[shape]) < 50 else SHAPES[shape][:47] + "..."
        print(
            f"| {shape} | {unit!r} | {whole:.2f} | {speakers:.2f} | {whole - speakers:.2f} "
            f"| {quoted_chars(text) / len(text):.1f}× |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
