"""Peak memory of indexing N articles (100,000 by default), and the re-sync after it.

    PYTHONPATH=. nice python benchmarks/memory.py [--count 100000] [--workdir /tmp/caucasus-memory]

Writes N copies of the BBC articles (or synthetic ones without /work/shared/data) as
`bench.py` does (benchmarks/corpora.py), indexes them with `caucasus index` as a
subprocess, and samples the process tree (the indexer, its workers and sub-writers)
every 50 ms: the peak of the summed VmRSS (an upper bound: shared pages count once per
process), the peak summed PSS, and the largest single VmHWM. Then times a re-sync of the
unchanged folder, as a user's next `caucasus index` would be, with its peak RSS.
The target (issue 22): summed RSS at 100,000 articles ≤ 512 MiB.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

from benchmarks.corpora import prepare_corpus
from benchmarks.indexing import run_indexer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/caucasus-memory"))
    parser.add_argument("--no-bbc", action="store_true", help="synthetic articles only")
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
    build = run_indexer(command, env, articles, index, size_dir / "index.log")
    print("index:", json.dumps(build))
    resync = run_indexer(command, env, articles, index, size_dir / "resync.log")
    print("re-sync:", json.dumps(resync))
    verdict = "within" if build["peak_rss_tree_mib"] <= 512 else "OVER"
    print(f"peak summed RSS {build['peak_rss_tree_mib']} MiB: {verdict} the 512 MiB target")


if __name__ == "__main__":
    main()
