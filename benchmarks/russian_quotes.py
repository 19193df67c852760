"""Score quotes and speakers on the Russian-language wire-style test articles.

    python benchmarks/russian_quotes.py [--folder tests/inputs/russian] [--failures]

The articles and their hand-written expectations (`expected.json`) are written for
caucasus's tests in the style of TASS, Interfax and RIA Novosti; they are not
publishers' text. The folder is indexed afresh with the real `caucasus index`, and
the quotes read back with `caucasus quotes --kind all --format jsonl`.

An expected quote is *found* when a quote of its document and kind starts with its
first words; its speaker is *right* when the extracted speaker equals the expected
one (both none counts as right), *wrong* when a different speaker is given, and
*unsettled* when none is given for a named speaker.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[1] / "tests" / "inputs" / "russian"


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    right: int = 0
    wrong: int = 0
    unsettled: int = 0
    extra: int = 0  # extracted quotes no expectation matches
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"russian quotes: found {self.found}/{self.expected}, speakers right "
            f"{self.right}/{self.expected}, wrong {self.wrong}, unsettled {self.unsettled}, "
            f"extra {self.extra}"
        )


def extracted_quotes(folder: Path) -> list[dict]:
    """Every quote `caucasus` extracts from `folder`, through the real CLI."""
    with tempfile.TemporaryDirectory() as scratch:
        index = str(Path(scratch) / "index")
        env = {**os.environ, "XDG_DATA_HOME": scratch, "XDG_CONFIG_HOME": scratch}
        command = [sys.executable, "-m", "caucasus_cli"]
        subprocess.run(
            [*command, "index", str(folder), "--index", index],
            check=True,
            capture_output=True,
            env=env,
        )
        listed = subprocess.run(
            [*command, "quotes", "--kind", "all", "--format", "jsonl", "--index", index],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
    return [json.loads(line) for line in listed.stdout.splitlines() if line.strip()]


def score(expected: list[dict], quotes: list[dict]) -> Score:
    result = Score(expected=len(expected))
    used: set[int] = set()
    for want in expected:
        match = next(
            (
                i
                for i, quote in enumerate(quotes)
                if i not in used
                and quote["doc"] == want["doc"]
                and quote["kind"] == want["kind"]
                and quote["text"].startswith(want["starts"])
            ),
            None,
        )
        label = f"{want['doc']}: {want['construction']} ({want['starts'][:30]}…)"
        if match is None:
            result.failures.append(f"missed     {label}")
            continue
        used.add(match)
        result.found += 1
        given = quotes[match]["speaker"]
        if given == want["speaker"]:
            result.right += 1
        elif given is None:
            result.unsettled += 1
            result.failures.append(f"unsettled  {label}: expected {want['speaker']}")
        else:
            result.wrong += 1
            result.failures.append(f"WRONG      {label}: {given}, expected {want['speaker']}")
    result.extra = len(quotes) - len(used)
    for i, quote in enumerate(quotes):
        if i not in used:
            result.failures.append(f"extra      {quote['doc']}: {quote['text'][:40]}…")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", type=Path, default=FOLDER)
    parser.add_argument("--failures", action="store_true", help="list each miss")
    args = parser.parse_args(argv)
    expected = json.loads((args.folder / "expected.json").read_text(encoding="utf-8"))["quotes"]
    result = score(expected, extracted_quotes(args.folder))
    print(result.line())
    if args.failures:
        print("\n".join(result.failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
