"""The 20 queries on one open CorpusIndex, as `caucasus search` runs them, timed in process."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import ms, percentile, spread
from benchmarks.queries import QUERIES, Query, run_query
from caucasus_cli.index.store import CorpusIndex

FALLBACK_SPEAKER = "Aliyev"


def pick_speaker(index_dir: Path) -> str:
    """The most quoted speaker of the corpus (the fallback when nobody is quoted)."""
    from caucasus_cli.search.quotes import list_speakers

    with CorpusIndex(index_dir) as index:
        speakers = list_speakers(index)
    return speakers[0].speaker if speakers else FALLBACK_SPEAKER


def caucasus_query(q: Query, speaker: str) -> Callable[[CorpusIndex], int]:
    """A function running `q` on an open index as `caucasus search` does; returns hits."""

    def run(index: CorpusIndex) -> int:
        result = run_query(index, q, speaker)
        return result.total if result else 0  # the total may be Whoosh's upper bound

    return run


def time_in_process(index_dir: Path, speaker: str, repeats: int) -> dict[str, Any]:
    """Latency of each query on one open index, after one warm-up run each."""
    runs = [caucasus_query(q, speaker) for q in QUERIES]
    samples: dict[str, list[float]] = defaultdict(list)
    with CorpusIndex(index_dir) as index:
        hits = {q.label: run(index) for q, run in zip(QUERIES, runs, strict=True)}
        for _ in range(repeats):
            for q, run in zip(QUERIES, runs, strict=True):
                started = time.perf_counter()
                run(index)
                samples[q.label].append(time.perf_counter() - started)
    return summarize(samples, hits)


def summarize(
    samples: dict[str, list[float]], counts: dict[str, int], counted: str = "hits"
) -> dict[str, Any]:
    """Overall p50/p95, and per query its median and `counts` (hits, rows) as `counted`."""
    everything = [s for values in samples.values() for s in values]
    return {
        **spread(everything),
        "per_query": {
            label: {"p50_ms": ms(percentile(values, 0.5)), counted: counts[label]}
            for label, values in samples.items()
        },
    }
