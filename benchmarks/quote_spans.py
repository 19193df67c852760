"""Direct quotes that run past their closing mark into the reporter's text.

    python benchmarks/quote_spans.py [--bbc DIR] [--examples N]

Over the BBC articles (`../shared/data/bbc`, 2,225 files, never copied into this
repository; paragraphs there are often merged into one line, and a quotation
continued in a new sentence reopens without closing), every direct quote that
`extract_quotes` returns is checked.

A quote *runs past a closing mark* when its words (`quote.text`, the marks that
open and close it excluded) hold a double quotation mark (`"`, `”`, `“`, `»`,
`«`, `„`) that closes by its neighbours, followed later in the quote by a
letter. A mark closes by its neighbours when the character before it is not white
space and the character after it is white space, punctuation or the end of the
quote (`…worrying." But fertility expert …`, `…," warned Jones. France have …`).
Such a quote holds the reporter's narration (or a second quotation and the
attribution between them) as if someone had said it. Target: 0.

Double quotation marks inside a double-quoted span are counted even when they
could be a nested quotation: English news nests with single marks, so a double
mark inside a double-quoted quote is a mispairing in practice. Single marks are
not counted (U+2019 and `'` are also apostrophes: `Jones' car`).

Prints the count, the number of direct quotes, and up to `--examples` examples
(the quote's words around the offending mark).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from caucasus_cli.ingest.paragraphs import split_paragraphs
from caucasus_cli.models import QuoteKind
from caucasus_cli.quotes.extract import extract_quotes
from caucasus_cli.quotes.people import load_people

DEFAULT_BBC = Path(__file__).resolve().parents[2] / "shared" / "data" / "bbc"
_DOUBLE = re.compile(r"[\"“”«»„]")
_LETTER = re.compile(r"[^\W\d_]")
_AFTER_CLOSING = frozenset(".,;:!?)]}—–-/…'’")


def closing_mark_before_words(words: str) -> int | None:
    """Offset in `words` of a double mark that closes by its neighbours and is
    followed by a letter later in `words`; None when there is none."""
    for match in _DOUBLE.finditer(words):
        position = match.start()
        if position == 0 or words[position - 1].isspace():
            continue  # space before: an opening mark
        after = words[position + 1 : position + 2]
        if after and not after.isspace() and after not in _AFTER_CLOSING:
            continue  # a letter right after: not a closing mark
        if _LETTER.search(words, position + 1):
            return position
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bbc", type=Path, default=DEFAULT_BBC, help="BBC articles folder")
    parser.add_argument("--examples", type=int, default=10, help="examples to print")
    args = parser.parse_args(argv)
    if not args.bbc.is_dir():
        print(f"quote_spans: no folder {args.bbc} (pass --bbc DIR)", file=sys.stderr)
        return 2
    people = load_people()
    articles = quotes = past = 0
    shown = 0
    for path in sorted(args.bbc.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        articles += 1
        for quote in extract_quotes(text, split_paragraphs(text), people):
            if quote.kind != QuoteKind.DIRECT:
                continue
            quotes += 1
            position = closing_mark_before_words(quote.text)
            if position is None:
                continue
            past += 1
            if shown < args.examples:
                shown += 1
                excerpt = quote.text[max(0, position - 50) : position + 50].replace("\n", " ")
                doc = f"{path.parent.name}/{path.stem}"
                print(f"{doc} @{quote.start} speaker={quote.speaker!r}: …{excerpt}…")
    print(f"articles: {articles}")
    print(f"direct quotes: {quotes}")
    print(f"running past a closing mark into narration: {past}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
