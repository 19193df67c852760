"""Corpora of many article files, built outside the repository for tests and benchmarks.

From real BBC articles (`../shared/data/bbc`, never copied into the repo) when they are
present, each copy given a suffix so documents stay distinct; otherwise from a
deterministic generator that recombines the bundled seed articles' paragraphs.
"""

from __future__ import annotations

import random
from pathlib import Path

from caucasus_cli.config import bundled_corpus_dir
from caucasus_cli.ingest.paragraphs import split_paragraphs

SHARED_BBC = Path(__file__).resolve().parents[2] / "shared" / "data" / "bbc"


def bbc_articles(bbc_dir: Path = SHARED_BBC) -> list[Path]:
    """The BBC article files (five topic folders; the dataset's own notes are not articles)."""
    if not bbc_dir.is_dir():
        return []
    return sorted(path for path in bbc_dir.glob("*/*.txt"))


def write_corpus(target: Path, count: int, *, seed: int = 2020, use_bbc: bool = True) -> str:
    """Write `count` article files under `target` (in folders of 1,000); return the origin."""
    sources = bbc_articles() if use_bbc else []
    origin = "bbc" if sources else "synthetic"
    texts = _bbc_texts(sources) if sources else _seed_paragraphs()
    rng = random.Random(seed)
    target.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        folder = target / f"part{number // 1000:03d}"
        if number % 1000 == 0:
            folder.mkdir(exist_ok=True)
        if sources:
            text = texts[number % len(texts)]
            copy = number // len(texts)
            # A distinct line per copy keeps the copies distinct documents.
            body = text if copy == 0 else f"{text}\n\nCopy {copy} of this report.\n"
        else:
            body = _synthetic_article(texts, rng, number)
        (folder / f"article_{number:06d}.txt").write_text(body, encoding="utf-8")
    return origin


def _bbc_texts(paths: list[Path]) -> list[str]:
    return [path.read_text(encoding="utf-8") for path in paths]


def _seed_paragraphs() -> list[str]:
    paragraphs: list[str] = []
    for path in sorted(bundled_corpus_dir().glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paragraphs += [p.text for p in split_paragraphs(text) if len(p.text) > 80]
    return paragraphs


def _synthetic_article(paragraphs: list[str], rng: random.Random, number: int) -> str:
    chosen = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(4, 9)))
    headline = f"Report {number}: " + " ".join(chosen[0].split()[:8])
    return "\n\n".join([headline, *chosen]) + "\n"
