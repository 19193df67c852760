"""Start-up and time to first line of `caucasus` commands, as a user sees them.

    python benchmarks/cli_latency.py [--index DIR] [--runs 20] [--compare OTHER_CAUCASUS]

For each command: median wall time to the first byte on stdout and to the end, over
`--runs` runs, with the command given by `--caucasus` (default: the one next to this
Python) and, with `--compare`, another installation run alternately (e.g. the previous
release in its own venv), so that both see the same machine load. Prints a table;
writes nothing. Use installed (not editable) copies: with PYTHONDONTWRITEBYTECODE an
editable install recompiles every module at each start.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

COMMANDS = (
    ("search", "peace", "--format", "jsonl"),
    ("quotes", "--kind", "all", "--format", "jsonl"),
    ("--help",),
)


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds to the first byte of stdout and to the exit of `command`."""
    started = time.perf_counter()
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
    ) as process:
        process.stdout.read(1)
        first = time.perf_counter() - started
        process.stdout.read()
        process.wait()
    return first, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, help="index folder (default: $CAUCASUS_INDEX)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--caucasus", default=str(Path(sys.executable).with_name("caucasus")))
    parser.add_argument("--compare", help="another `caucasus` executable to time alongside")
    args = parser.parse_args()
    env = dict(os.environ)
    if args.index:
        env["CAUCASUS_INDEX"] = str(args.index)
    builds = {"this": args.caucasus, **({"compare": args.compare} if args.compare else {})}
    print(f"{'command':42} {'build':8} {'first byte ms':>14} {'total ms':>9}")
    for words in COMMANDS:
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in builds}
        for _ in range(args.runs):
            for name, executable in builds.items():
                samples[name].append(timed([executable, *words], env))
        for name, times in samples.items():
            first = statistics.median(t[0] for t in times) * 1000
            total = statistics.median(t[1] for t in times) * 1000
            print(f"{' '.join(words):42} {name:8} {first:14.0f} {total:9.0f}")


if __name__ == "__main__":
    main()
