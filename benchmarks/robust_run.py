"""Real folders, real faults: a large run with bad files in it, and re-syncs of
overlapping roots, timed through the CLI.

    PYTHONPATH=. python benchmarks/robust_run.py [--count 250] [--workdir DIR]

1. `caucasus index DIR` on COUNT articles (from `benchmarks/synthetic.py`: BBC copies
   when ../shared/data/bbc is present, else recombined seed paragraphs) plus an empty
   file, a binary file and a file named in cp1252 bytes: the parallel path (>= 200
   files). Prints the wall time, the warnings and the summary line. (A file vanishing
   mid-run needs an in-process hook: tests/test_robust_files.py.)
2. With ../shared/data/bbc: `index bbc`, `index bbc/sport`, `index`, `index bbc/`:
   the article count after each (it must not grow) and the time of each re-sync.

Measured 2026-12-01 on the shared 2-core machine (other jobs running, load 4-7):

* 250 BBC copies + empty + binary + cp1252-named file: exit 0, 1.8-2.4 s wall (6.9 s at
  load 7); summary `251 added, 0 updated, 0 removed, 0 unchanged, 2 skipped,
  1 duplicates; 1387 quotes extracted` (the cp1252-named file is indexed, as
  `caf\xe9 report`).
* BBC (2,226 files): 2226 articles after `index bbc`, `index bbc/sport` (511 unchanged),
  `index` and `index bbc/` (2226 unchanged each), 0.5-1.2 s per re-sync. The same three
  commands on the code before this work (afcbbfd): `index bbc/sport` re-read 510 files
  under new ids (`sport/001.txt` -> `001`), `index` re-read 340 more, and the index
  held 2396 articles for 2226 files.
* The checksum check `index` now makes of its 35 files (32 MB): 45 ms; the size check
  every command makes: 0.3 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.synthetic import SHARED_BBC, write_corpus


def caucasus(*args: str, index: Path) -> tuple[float, subprocess.CompletedProcess]:
    env = {**os.environ, "NO_COLOR": "1"}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "caucasus_cli", *args, "--index", str(index)],
        env=env,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - started, done


def article_count(index: Path) -> int:
    from whoosh import query

    from caucasus_cli.index.store import CorpusIndex

    with CorpusIndex(index) as corpus:
        return len(corpus.searcher.search(query.Term("type", "article"), limit=None))


def bad_files_run(work: Path, count: int) -> None:
    folder = work / "archive"
    origin = write_corpus(folder, count)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with open(os.fsencode(folder) + b"/caf\xe9 report.txt", "wb") as out:
        out.write(b"Talks resumed, Bayramov said on Tuesday.\n")
    index = work / "index"
    seconds, done = caucasus("index", str(folder), index=index)
    print(f"$ caucasus index {folder} --index {index}   ({count} {origin} articles + 3 bad files)")
    print(f"exit {done.returncode}, {seconds:.1f} s wall")
    for line in done.stderr.splitlines():
        print("  " + line)


def overlapping_roots(work: Path) -> None:
    if not SHARED_BBC.is_dir():
        print("(no ../shared/data/bbc: overlapping-roots run skipped)")
        return
    index = work / "bbc-index"
    steps = [
        ["index", str(SHARED_BBC)],
        ["index", str(SHARED_BBC / "sport")],
        ["index"],
        ["index", str(SHARED_BBC) + "/"],
    ]
    for step in steps:
        seconds, done = caucasus(*step, index=index)
        summary = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
        print(
            f"$ caucasus {' '.join(step)}: exit {done.returncode}, {seconds:.1f} s, "
            f"{article_count(index)} articles"
        )
        print("  " + summary)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=250)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/caucasus-robust"))
    options = parser.parse_args()
    shutil.rmtree(options.workdir, ignore_errors=True)
    options.workdir.mkdir(parents=True)
    bad_files_run(options.workdir, options.count)
    overlapping_roots(options.workdir)


if __name__ == "__main__":
    main()
