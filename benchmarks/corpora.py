"""The corpus folders of N articles, written once and reused (benchmarks/synthetic.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from benchmarks.synthetic import write_corpus

SEED = 2020


def read_marker(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_marker(path: Path, values: dict[str, Any]) -> None:
    path.write_text(json.dumps(values, indent=2) + "\n", encoding="utf-8")


def prepare_corpus(size_dir: Path, count: int, origin: str) -> tuple[Path, bool]:
    """The folder of `count` articles, written unless a complete one is there."""
    articles = size_dir / "articles"
    marker = size_dir / "corpus.json"
    wanted = {"articles": count, "origin": origin, "seed": SEED}
    if read_marker(marker) == wanted and articles.is_dir():
        return articles, True
    shutil.rmtree(size_dir, ignore_errors=True)
    size_dir.mkdir(parents=True)
    written = write_corpus(articles, count, seed=SEED, use_bbc=origin == "bbc")
    if written != origin:
        raise SystemExit(f"expected a {origin} corpus, write_corpus made a {written} one")
    write_marker(marker, wanted)
    return articles, False
