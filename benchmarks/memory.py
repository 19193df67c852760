"""Peak memory of indexing N articles (100,000 by default), and the re-sync after it.

    PYTHONPATH=. nice python benchmarks/memory.py [--count 100000] [--workdir /tmp/caucasus-memory]
        [--series FILE]

Writes N copies of the BBC articles (or synthetic ones without /work/shared/data) as
`bench.py` does (benchmarks/corpora.py), indexes them with `caucasus index` as a
subprocess, and samples the process tree (the indexer, its workers and sub-writers)
every 50 ms: the peak of the summed VmRSS (an upper bound: shared pages count once per
process), the peak summed PSS, and the largest single VmHWM. Then times a re-sync of the
unchanged folder, as a user's next `caucasus index` would be, with its peak RSS.
The target (issue 22): summed RSS at 100,000 articles ≤ 512 MiB.

Where the memory is: each process's RSS at the build's peak is printed (the indexer
first, then its workers, largest first), and `--series FILE` writes every sample of
the build (seconds, then MiB per process id) as JSON lines, to see which process grows.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.corpora import prepare_corpus
from benchmarks.indexing import process_tree, run_indexer, status_kib

SERIES_SECONDS = 0.2


@contextmanager
def sampled(series: Path | None) -> Iterator[dict]:
    """Sample this process's children (the indexer and its workers) while the block
    runs; yields a dict that ends up holding `at_peak`: MiB per process at the peak
    (keyed "indexer" for this process's own child, and by pid for its workers)."""
    found: dict = {"at_peak": {}}
    stop = threading.Event()
    me = os.getpid()

    def sample() -> None:
        peak, started = 0, time.perf_counter()
        out = series.open("w", encoding="utf-8") if series else None
        try:
            while not stop.is_set():
                indexer = set(_children(me))
                sizes = {}
                for pid in process_tree(me)[1:]:
                    rss = status_kib(pid, "VmRSS").get("VmRSS", 0) // 1024
                    sizes["indexer" if pid in indexer else pid] = rss
                if out and sizes:
                    row = {"s": round(time.perf_counter() - started, 2), **sizes}
                    out.write(json.dumps(row) + "\n")
                if sum(sizes.values()) > peak:
                    peak, found["at_peak"] = sum(sizes.values()), sizes
                stop.wait(SERIES_SECONDS)
        finally:
            if out:
                out.close()

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield found
    finally:
        stop.set()
        thread.join()


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return found


def breakdown(at_peak: dict) -> str:
    """'indexer 95 + workers 116, 115, 56, 55, 12 MiB' (the workers largest first)."""
    if not at_peak:
        return "no sample"
    others = sorted((size for key, size in at_peak.items() if key != "indexer"), reverse=True)
    return f"indexer {at_peak.get('indexer', 0)} + workers {', '.join(map(str, others))} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/caucasus-memory"))
    parser.add_argument("--no-bbc", action="store_true", help="synthetic articles only")
    parser.add_argument("--series", type=Path, help="write the build's RSS samples here")
    args = parser.parse_args()
    size_dir = args.workdir / f"{'synthetic' if args.no_bbc else 'bbc'}-{args.count}"
    articles, reused = prepare_corpus(size_dir, args.count, "synthetic" if args.no_bbc else "bbc")
    print(f"corpus: {args.count:,} articles in {articles} ({'reused' if reused else 'written'})")
    index = size_dir / "index"
    shutil.rmtree(index, ignore_errors=True)
    env = os.environ | {
        "XDG_DATA_HOME": str(args.workdir / "data"),
        "XDG_CONFIG_HOME": str(args.workdir / "config"),
    }
    command = [sys.executable, "-m", "caucasus_cli"]
    with sampled(args.series) as samples:
        build = run_indexer(command, env, articles, index, size_dir / "index.log")
    print("index:", json.dumps(build))
    print("at this sampler's peak:", breakdown(samples["at_peak"]))
    resync = run_indexer(command, env, articles, index, size_dir / "resync.log")
    print("re-sync:", json.dumps(resync))
    verdict = "within" if build["peak_rss_tree_mib"] <= 512 else "OVER"
    print(f"peak summed RSS {build['peak_rss_tree_mib']} MiB: {verdict} the 512 MiB target")


if __name__ == "__main__":
    main()
