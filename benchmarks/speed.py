"""Where users wait, in process: an unchanged re-sync, and article searches.

    PYTHONPATH=. python benchmarks/speed.py resync INDEX [--runs 5]
    PYTHONPATH=. python benchmarks/speed.py search INDEX ['"prime minister"' government ...]

Prints the median and minimum of wall and CPU time per run (CPU time moves less when
the machine is shared). The index is one `caucasus index` built (for example the
corpora `bench.py` writes under /tmp/caucasus-bench/bbc-N/index). A re-sync of an
unchanged folder changes nothing in it. For whole-process figures run the command
itself under `/usr/bin/time -v` (or hyperfine), e.g.
`caucasus index --index /tmp/caucasus-bench/bbc-22250/index`.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

DEFAULT_QUERIES = ('"prime minister"', "government", "Raynsford")


def timed(run: Callable[[], object], runs: int) -> str:
    run()  # warm: files in the page cache, the searcher open
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return (
        f"wall median {statistics.median(walls) * 1000:.1f} ms (min {min(walls) * 1000:.1f}), "
        f"CPU median {statistics.median(cpus) * 1000:.1f} ms (min {min(cpus) * 1000:.1f})"
    )


def resync(index: Path, runs: int) -> None:
    from caucasus_cli.index.sync import sync_index

    report = sync_index(index)
    print(
        f"re-sync, {report.unchanged:,} unchanged files: {timed(lambda: sync_index(index), runs)}"
    )


def search(index: Path, queries: list[str], runs: int) -> None:
    from caucasus_cli.index.store import CorpusIndex
    from caucasus_cli.search.articles import SearchOptions, search_articles

    with CorpusIndex(index) as corpus:
        for text in queries:
            total = search_articles(corpus, SearchOptions(text)).total
            figures = timed(lambda text=text: search_articles(corpus, SearchOptions(text)), runs)
            print(f"search {text} ({total:,} found): {figures}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("resync", "search"))
    parser.add_argument("index", type=Path)
    parser.add_argument("queries", nargs="*", default=list(DEFAULT_QUERIES))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    if args.what == "resync":
        resync(args.index, args.runs)
    else:
        search(args.index, args.queries, args.runs)


if __name__ == "__main__":
    main()
