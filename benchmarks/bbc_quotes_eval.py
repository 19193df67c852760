"""Score quotes and speakers on the hand-labelled BBC set, in seconds.

    python benchmarks/bbc_quotes_eval.py [--gold DIR] [--bbc DIR] [--failures [KIND ...]]
                                         [--jsonl FILE]

Data (never copied into this repository): `--gold` defaults to
`../shared/data/bbc-quotes` (40 hand-labelled BBC articles: `gold.json` and its
grader `grade.py`, see its SOURCE.md), `--bbc` to `../shared/data/bbc`.

Extraction runs in process exactly as `caucasus index` runs it: each labelled file is
read with `read_article_file`, parsed with `articles_from_file` and its quotes are
taken with `extract_quotes(article.text, readable_paragraphs(article), load_people())`.
Each quote becomes the record `caucasus quotes --format jsonl` writes (`path`,
`kind`, `text`, `speaker`), and the set's own `grade.py` grades them: the same rules,
the same code (it is imported, not copied). The CLI route gives the same figures:

    caucasus index ../shared/data/bbc --index /tmp/i
    caucasus quotes --index /tmp/i --kind all --format jsonl > q.jsonl
    python ../shared/data/bbc-quotes/grade.py ../shared/data/bbc-quotes/gold.json q.jsonl

(on all 2,225 articles; grading reads only the 40 labelled ones).

Printed: direct recall, speaker accuracy, wrong names, null rate, direct precision,
indirect recall. Among the found gold direct quotes whose gold speaker is named,
*wrong* are those given another name, *null* those given none (for a fact-checker
a wrong name is worse than none). `--failures` prints grade.py's failure lines
(all, or of the kinds given: wrong, missed, unsupported, unlabelled, indirect, scare).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from caucasus_cli.ingest.formats import articles_from_file
from caucasus_cli.ingest.metadata import readable_paragraphs
from caucasus_cli.ingest.reader import read_article_file
from caucasus_cli.quotes.extract import extract_quotes
from caucasus_cli.quotes.people import load_people

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
DEFAULT_GOLD = SHARED / "bbc-quotes"
DEFAULT_BBC = SHARED / "bbc"

# grade.py's failure lines start with these words; --failures picks among them.
FAILURE_KINDS = {
    "wrong": "wrong speaker:",
    "missed": "missed direct:",
    "unsupported": "unsupported speaker:",
    "unlabelled": "unlabelled direct quote:",
    "indirect": "missed indirect:",
    "scare": "scare quote taken as a statement:",
}
_SUMMARY = re.compile(
    r"direct recall (?P<recall>[\d.]+) \((?P<found>\d+)/(?P<gold>\d+)\), speaker accuracy "
    r"(?P<accuracy>[\d.]+) \((?P<correct>\d+)/(?P<named>\d+); (?P<wrong>\d+) wrong names, "
    r"(?P<unsupported>\d+) unsupported\), direct precision (?P<precision>[\d.]+) .*indirect recall "
    r"(?P<indirect>[\d.]+)"
)

_NULL_SPEAKER = re.compile(r"wrong speaker: .* -> \[(?:'', )*''\] \(gold")


@dataclass(slots=True)
class Score:
    recall: float
    accuracy: float
    correct: int
    named: int
    wrong: int
    null: int
    unsupported: int
    precision: float
    indirect: float
    failures: list[str]

    @property
    def given(self) -> int:
        """Found, named gold quotes that were given some speaker."""
        return self.named - self.null

    def summary(self) -> str:
        given = max(self.given, 1)
        return (
            f"bbc-quotes: direct recall {self.recall:.2f}, speaker accuracy {self.accuracy:.3f} "
            f"({self.correct}/{self.named}), wrong names {self.wrong} "
            f"({self.wrong / given:.1%} of {self.given} given a speaker), null {self.null} "
            f"({self.null / max(self.named, 1):.1%}), unsupported {self.unsupported}, "
            f"direct precision {self.precision:.2f}, indirect recall {self.indirect:.2f}"
        )


def load_grader(gold_dir: Path):
    """The set's own grade.py, imported as a module."""
    spec = importlib.util.spec_from_file_location("bbc_quotes_grade", gold_dir / "grade.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no grader in {gold_dir}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def labelled_docs(gold: dict) -> list[str]:
    parts = ("direct", "indirect", "not_quotes")
    return sorted({item["doc"] for part in parts for item in gold[part]})


def quote_records(bbc: Path, docs: list[str]) -> list[dict]:
    """The records `caucasus quotes --kind all --format jsonl` writes, for these docs."""
    people = load_people()
    records = []
    for doc in docs:
        path = bbc / f"{doc}.txt"
        decoded = read_article_file(path)
        for article in articles_from_file(decoded, doc).articles:
            for quote in extract_quotes(article.text, readable_paragraphs(article), people):
                records.append(
                    {
                        "path": str(path),
                        "kind": str(quote.kind),
                        "text": quote.text,
                        "speaker": quote.speaker,
                    }
                )
    return records


def grade(grader, gold_path: Path, records: list[dict]) -> Score:
    """Run grade.py's main on the records; parse its lines."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    printed = io.StringIO()
    argv = sys.argv
    sys.argv = ["grade.py", str(gold_path), out.name]
    try:
        with contextlib.redirect_stdout(printed):
            grader.main()
    finally:
        sys.argv = argv
        Path(out.name).unlink()
    lines = printed.getvalue().splitlines()
    match = _SUMMARY.search(lines[-1])
    if match is None:
        raise SystemExit(f"grade.py printed an unexpected summary: {lines[-1]}")
    failures = lines[:-1]
    # A wrong-speaker line whose predictions are all empty is a null, not a wrong name.
    null = sum(1 for line in failures if _NULL_SPEAKER.match(line))
    return Score(
        recall=float(match["recall"]),
        accuracy=int(match["correct"]) / max(int(match["named"]), 1),
        correct=int(match["correct"]),
        named=int(match["named"]),
        wrong=int(match["wrong"]),
        null=null,
        unsupported=int(match["unsupported"]),
        precision=float(match["precision"]),
        indirect=float(match["indirect"]),
        failures=failures,
    )


def evaluate(gold_dir: Path = DEFAULT_GOLD, bbc: Path = DEFAULT_BBC) -> Score:
    gold_path = gold_dir / "gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    records = quote_records(bbc, labelled_docs(gold))
    return grade(load_grader(gold_dir), gold_path, records)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--bbc", type=Path, default=DEFAULT_BBC)
    parser.add_argument("--failures", nargs="*", choices=sorted(FAILURE_KINDS), metavar="KIND")
    parser.add_argument("--jsonl", type=Path, help="also write the quote records here")
    args = parser.parse_args(argv)
    if not (args.gold / "gold.json").is_file() or not args.bbc.is_dir():
        print(f"bbc_quotes_eval: no data at {args.gold} and {args.bbc}", file=sys.stderr)
        return 2
    gold_path = args.gold / "gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    records = quote_records(args.bbc, labelled_docs(gold))
    if args.jsonl:
        lines = (json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        args.jsonl.write_text("".join(lines), encoding="utf-8")
    score = grade(load_grader(args.gold), gold_path, records)
    if args.failures is not None:
        prefixes = tuple(FAILURE_KINDS[k] for k in args.failures or FAILURE_KINDS)
        for line in score.failures:
            if line.startswith(prefixes):
                print(line)
    print(score.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
