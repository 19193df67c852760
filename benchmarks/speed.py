"""Where users wait, in process: an unchanged re-sync, and article searches.

    PYTHONPATH=. python benchmarks/speed.py resync INDEX [--runs 5]
    PYTHONPATH=. python benchmarks/speed.py search INDEX ['"prime minister"' government ...]

Prints the median and minimum of wall and CPU time per run (CPU time moves less when
the machine is shared). The index is one `caucasus index` built (for example the
corpora `bench.py` writes under /tmp/caucasus-bench/bbc-N/index). A re-sync of an
unchanged folder changes nothing in it; `resync` times it in process and then as the
whole command (`caucasus index --index INDEX` in a fresh interpreter: start-up, imports
and the run, CPU time as user+sys of the child). For a single run use `/usr/bin/time`,
e.g. `/usr/bin/time -f "%e s %U+%S" caucasus index --index /tmp/caucasus-bench/bbc-22250/index`.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

DEFAULT_QUERIES = ('"prime minister"', "government", "Raynsford")


def _cpu_time() -> float:
    """User+system time of this process and of its finished children (a command run)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(run: Callable[[], object], runs: int) -> str:
    run()  # warm: files in the page cache, the searcher open
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), _cpu_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(_cpu_time() - cpu)
    return (
        f"wall median {statistics.median(walls) * 1000:.1f} ms (min {min(walls) * 1000:.1f}), "
        f"CPU median {statistics.median(cpus) * 1000:.1f} ms (min {min(cpus) * 1000:.1f})"
    )


def resync(index: Path, runs: int) -> None:
    from caucasus_cli.index.resync import sync_index

    report = sync_index(index)
    if report.added or report.updated or report.removed:
        raise SystemExit(f"{index}: the folder changed since it was indexed; run it again")
    print(
        f"re-sync, {report.unchanged:,} unchanged files: {timed(lambda: sync_index(index), runs)}"
    )
    command = [sys.executable, "-m", "caucasus_cli", "index", "--quiet", "--index", str(index)]
    print(f"whole command, {' '.join(command[2:])}: {timed(lambda: _child(command), runs)}")


def _child(command: list[str]) -> None:
    subprocess.run(command, check=True)


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
