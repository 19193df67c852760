"""The words of the corpus as written, for "did you mean …" suggestions.

The index holds stems ("negoti"), which are no use for correcting a misspelt word
("negotiatons"), and Whoosh's own spelling field doubles the cost of indexing. So the
indexer keeps this side file of surface words with their document counts. It only
ever grows (a removed article's words stay); that is harmless because a suggestion
is only offered after it has been searched and found.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from pathlib import Path

VOCABULARY_FILE = "vocabulary.tsv"
_WORD = re.compile(r"[^\W\d_]{3,}")


def words_of(text: str) -> set[str]:
    return {word.lower() for word in _WORD.findall(text)}


def load_vocabulary(index_dir: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    try:
        with open(index_dir / VOCABULARY_FILE, encoding="utf-8") as lines:
            for line in lines:
                word, _, count = line.rstrip("\n").partition("\t")
                if word and count.isdigit():
                    counts[word] = int(count)
    except OSError:
        pass
    return counts


def save_vocabulary(
    index_dir: Path,
    additions: Counter[str],
    *,
    replace: bool = False,
    name: str = VOCABULARY_FILE,
) -> None:
    """Merge `additions` into the vocabulary (or replace it), atomically, as file `name`."""
    counts = Counter() if replace else load_vocabulary(index_dir)
    counts.update(additions)
    handle, temp = tempfile.mkstemp(dir=index_dir, prefix=".caucasus-", suffix=".tsv")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.writelines(f"{word}\t{count}\n" for word, count in sorted(counts.items()))
        os.replace(temp, index_dir / name)
    except BaseException:
        Path(temp).unlink(missing_ok=True)  # a full disk must not leave half-files behind
        raise


def closest_words(word: str, vocabulary: Counter[str], limit: int = 3) -> list[str]:
    """Known words within a small edit distance of `word`, most common first."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    lowered = word.lower()
    if lowered in vocabulary:
        return [lowered]
    allowed = 1 if len(lowered) <= 4 else 2
    matches = process.extract(
        lowered,
        vocabulary.keys(),
        scorer=Levenshtein.distance,
        score_cutoff=allowed,
        limit=50,
    )
    ranked = sorted(matches, key=lambda m: (m[1], -vocabulary[m[0]]))
    return [candidate for candidate, _distance, _key in ranked[:limit]]
