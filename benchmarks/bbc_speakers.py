"""Speakers over the BBC articles: is every speaker named in the article it speaks in?

    python benchmarks/bbc_speakers.py [--bbc DIR] [--examples N]

The articles (`../shared/data/bbc`, 2,225 BBC News articles on British politics,
business, sport …; never copied into this repository) are about people people.toml
does not know. For every quote given a speaker it checks:

- *named in the article*: the speaker's surname (last word, folded) or one of
  its people.toml aliases is written in the article text (target: 0 quotes fail);
- *evidence*: the quote's `speaker_evidence` span is in the text and reads as
  written (`text[start:end] == evidence.text`);
- *one speaker per person*: in each article, the speakers whose surname is
  "Blair" are one speaker ("Tony Blair"; "Mr Blair" is not a second one).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from caucasus_cli.ingest.paragraphs import split_paragraphs
from caucasus_cli.quotes.extract import extract_quotes
from caucasus_cli.quotes.people import People, fold_name, load_people

DEFAULT_BBC = Path(__file__).resolve().parents[2] / "shared" / "data" / "bbc"
_WORD = re.compile(r"[^\W_][\w’'\-]*")


_COUNTED = (
    "articles",
    "quotes",
    "with speaker",
    "speaker without evidence",
    "speaker not named in article",
    "articles quoting Blair",
    "articles with Blair as several speakers",
)


def folded_words(text: str) -> set[str]:
    words = set()
    for word in _WORD.findall(text):
        words.update(fold_name(word).split())
        words.add(fold_name(re.sub(r"[’']s$", "", word)))
    return words


def named_in(speaker: str, text: str, words: set[str], text_folded: str, people: People) -> bool:
    """The speaker's surname, or an alias of theirs, is written in the article."""
    if speaker in text:
        return True  # "S&P", "Nielsen/NetRatings": written as is
    surname = fold_name(speaker).split()[-1:]
    if surname and surname[0] in words:
        return True
    canonical = people.canonical(speaker)
    aliases = people.aliases(canonical) if canonical else []
    return any(f" {fold_name(alias)} " in text_folded for alias in aliases)


def check(bbc: Path, people: People, examples: int) -> dict[str, int]:
    counts: Counter[str] = Counter(dict.fromkeys(_COUNTED, 0))
    shown = 0
    for path in sorted(bbc.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        quotes = extract_quotes(text, split_paragraphs(text), people)
        words = folded_words(text)
        text_folded = " " + " ".join(fold_name(w) for w in _WORD.findall(text)) + " "
        counts["articles"] += 1
        blairs = set()
        for quote in quotes:
            counts["quotes"] += 1
            if quote.speaker is None:
                continue
            counts["with speaker"] += 1
            evidence = quote.speaker_evidence
            if evidence is None or text[evidence.start : evidence.end] != evidence.text:
                counts["speaker without evidence"] += 1
            if not named_in(quote.speaker, text, words, text_folded, people):
                counts["speaker not named in article"] += 1
                if shown < examples:
                    shown += 1
                    print(
                        f"NOT NAMED {path.parent.name}/{path.name}: {quote.speaker!r} "
                        f"<- {quote.speaker_mention!r} :: {quote.text[:70]!r}"
                    )
            if fold_name(quote.speaker).split()[-1] == "blair":
                blairs.add(quote.speaker)
        if blairs:
            counts["articles quoting Blair"] += 1
            if len(blairs) > 1:
                counts["articles with Blair as several speakers"] += 1
                if shown < examples:
                    shown += 1
                    print(f"SEVERAL BLAIRS {path.parent.name}/{path.name}: {sorted(blairs)}")
    return dict(counts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bbc", type=Path, default=DEFAULT_BBC, help="BBC folder")
    parser.add_argument("--examples", type=int, default=0, help="print up to N failures")
    args = parser.parse_args(argv)
    if not args.bbc.is_dir():
        print(f"no BBC data at {args.bbc} (use --bbc)", file=sys.stderr)
        return 2
    counts = check(args.bbc, load_people(), args.examples)
    width = max(len(key) for key in counts)
    for key, value in counts.items():
        print(f"{key:<{width}}  {value:>6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
