"""The 20 queries on one open CorpusIndex, as `caucasus search` runs them, timed in process.

Also a command, to time chosen queries on an index already built (bench.py builds them):

    python benchmarks/in_process.py INDEX [-q QUERY ...] [--repeats N]

Each query (default: `"prime minister"`, `government`, `Raynsford`) is run once to warm
up, then N times (default 30) with `search_articles` (limit 20, snippets included);
it prints the median wall and CPU milliseconds of each. The code measured is the
`caucasus_cli` found first on the path: `PYTHONPATH=OTHER_CHECKOUT` times another
version with the same script, for side-by-side runs (alternate the two, and compare
medians run by run on a shared machine).
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Run as a script: the checkout's `benchmarks` and `caucasus_cli`, unless PYTHONPATH
# already gives them (to time another checkout's code).
if __name__ == "__main__" and importlib.util.find_spec("benchmarks") is None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

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


DEFAULT_QUERIES = ('"prime minister"', "government", "Raynsford")


def time_queries(index_dir: Path, texts: list[str], repeats: int) -> dict[str, dict[str, float]]:
    """Median wall and CPU ms of each query text on one open index, after a warm-up run."""
    from caucasus_cli.search.articles import SearchOptions, search_articles

    timings = {}
    with CorpusIndex(index_dir) as index:
        for text in texts:
            options = SearchOptions(query=text, limit=20)
            hits = search_articles(index, options).total
            wall, cpu = [], []
            for _ in range(repeats):
                started, started_cpu = time.perf_counter(), time.process_time()
                search_articles(index, options)
                wall.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
            timings[text] = {
                "hits": hits,
                "wall_ms": ms(statistics.median(wall)),
                "cpu_ms": ms(statistics.median(cpu)),
            }
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time chosen queries in process.")
    parser.add_argument("index", type=Path)
    parser.add_argument("-q", "--query", action="append", dest="queries")
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args(argv)
    import caucasus_cli

    print(f"# {Path(caucasus_cli.__file__).parent}, {args.repeats} runs each")
    for text, timing in time_queries(
        args.index, args.queries or list(DEFAULT_QUERIES), args.repeats
    ).items():
        print(
            f"{text}\t{timing['hits']} hits\twall {timing['wall_ms']:.2f} ms"
            f"\tcpu {timing['cpu_ms']:.2f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
