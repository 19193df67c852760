"""`caucasus search` end to end against grep, rg and sqlite-utils, alternated and rotated.

bench.py runs it on its corpora; as a script it times a few queries on any corpus and
index, optionally beside another installation of caucasus (a baseline tree in its own
venv), every command from a neutral working folder:

    python benchmarks/end_to_end.py --articles ../shared/data/bbc --index IDX \
        --workdir /tmp/e2e [--baseline /tmp/base/.venv/bin/caucasus] [--rounds 15] \
        government '"prime minister"' Raynsford

It prints, per query and command, the median wall time and the median CPU time (user +
system of the process: a loaded machine disturbs it less), and caucasus's wall time
divided by each one's (the issue's targets: ≤ 0.8 against sqlite-utils, ≤ 1.0 against
grep). The sqlite-utils database of the same files is built in the work folder
(fts5.py) and reused; without sqlite-utils installed that column is left out.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Run as a script (python benchmarks/end_to_end.py): the checkout, so that `benchmarks` and
# `caucasus_cli` import as packages.
if str(Path(__file__).resolve().parents[1]) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import ms, percentile, spread
from benchmarks.queries import LIMIT, QUERIES, Query, grep_pattern
from benchmarks.sqlite_utils_peer import count_rows, sqlite_utils_command
from benchmarks.sqlite_utils_peer import search_argv as sqlite_utils_argv


def timed(argv: list[str], env: dict[str, str], ok: tuple[int, ...] = (0, 1)) -> tuple[float, str]:
    """Wall time of one command, process start to exit, and its stdout."""
    seconds, done = timed_run(argv, env, ok)
    return seconds, done.stdout


def timed_run(
    argv: list[str], env: dict[str, str], ok: tuple[int, ...]
) -> tuple[float, subprocess.CompletedProcess[str]]:
    """As `timed`, with the whole outcome: `check` tells its verdict by its exit code."""
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.strip()}")
    return seconds, done


def search_argv(command: list[str], q: Query, index: Path, speaker: str) -> list[str]:
    argv = [*command, "search", q.text, "--format", "jsonl", "--limit", str(LIMIT)]
    if q.since:
        argv += ["--since", q.since]
    if q.speaker:
        argv += ["--speaker", speaker]
    return [*argv, "--index", str(index)]


@dataclass(frozen=True, slots=True)
class SqliteUtilsPeer:
    command: list[str]
    db: Path
    speaker_keys: list[str]  # the --speaker query's keys, as caucasus resolves them


def e2e_commands(
    command: list[str],
    rg: str | None,
    q: Query,
    articles: Path,
    index: Path,
    speaker: str,
    peer: SqliteUtilsPeer | None = None,
) -> dict[str, list[str]]:
    pattern = grep_pattern(q)
    commands = {
        "caucasus": search_argv(command, q, index, speaker),
        "grep": ["grep", "-rilF", "--", pattern, str(articles)],
    }
    if rg:
        commands["rg"] = [rg, "-ilF", "--", pattern, str(articles)]
    if peer:
        commands["sqlite-utils"] = sqlite_utils_argv(peer.command, q, peer.db, peer.speaker_keys)
    return commands


def output_count(name: str, stdout: str) -> int:
    """Lines printed: one per article for caucasus (jsonl) and grep; rows for sqlite-utils."""
    return count_rows(stdout) if name == "sqlite-utils" else len(stdout.splitlines())


def time_end_to_end(
    command: list[str],
    env: dict[str, str],
    rg: str | None,
    articles: Path,
    index: Path,
    speaker: str,
    rounds: int,
    peer: SqliteUtilsPeer | None = None,
) -> dict[str, Any]:
    """Each query's commands alternated, the first one rotating from round to round."""
    plans = [(q, e2e_commands(command, rg, q, articles, index, speaker, peer)) for q in QUERIES]
    for argv in plans[0][1].values():  # warm the page cache and the interpreter's files
        timed(argv, env)
    samples: dict[str, dict[str, list[float]]] = {name: defaultdict(list) for name in plans[0][1]}
    lines: dict[str, dict[str, int]] = {name: {} for name in plans[0][1]}
    for round_number in range(rounds):
        for q, commands in plans:
            names = list(commands)
            shift = round_number % len(names)
            for name in names[shift:] + names[:shift]:
                seconds, out = timed(commands[name], env)
                samples[name][q.label].append(seconds)
                lines[name][q.label] = output_count(name, out)
    return e2e_summary(samples, lines)


def e2e_summary(
    samples: dict[str, dict[str, list[float]]], lines: dict[str, dict[str, int]]
) -> dict[str, Any]:
    summary: dict[str, Any] = {}
    for name, per_query in samples.items():
        everything = [s for values in per_query.values() for s in values]
        summary[name] = {
            **spread(everything),
            "per_query": {
                label: {"p50_ms": ms(percentile(values, 0.5)), "lines": lines[name][label]}
                for label, values in per_query.items()
            },
        }
    base = summary["caucasus"]["p50_ms"]
    for name in summary:
        if name != "caucasus":
            summary[name]["ratio_to_caucasus"] = round(summary[name]["p50_ms"] / base, 2)
    return summary


# --- as a script: a few queries, side by side with a baseline ------------------------


def timed_cpu(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one run of `argv` in `cwd`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, env=env, cwd=cwd, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} exited {done.returncode}: {done.stderr[-500:]!r}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def as_query(text: str) -> Query:
    """A query typed on the command line, as QUERIES describes its kind."""
    kind = "phrase" if text.startswith('"') else "terms" if " " in text.strip() else "term"
    return Query(text, kind, text)


def script_env(workdir: Path) -> dict[str, str]:
    """The environment of every command: no user config or index, bytecode cached (under
    the work folder), and no PYTHONPATH, so each installation runs its own code."""
    dropped = ("CAUCASUS_INDEX", "CAUCASUS_PEOPLE", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE")
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env |= {
        "PYTHONPYCACHEPREFIX": str(workdir / "pycache"),
        "XDG_CONFIG_HOME": str(workdir / "config"),
        "XDG_DATA_HOME": str(workdir / "data"),
    }
    return env


def side_by_side(
    commands: dict[str, dict[str, list[str]]], env: dict[str, str], cwd: Path, rounds: int
) -> dict[str, dict[str, tuple[float, float]]]:
    """query -> command -> (median wall, median CPU), every query's commands alternated
    and the first one rotated from round to round, after one warm-up run of each."""
    for per_query in commands.values():
        for argv in per_query.values():
            timed_cpu(argv, env, cwd)
    samples: dict[str, dict[str, list[tuple[float, float]]]] = {
        label: defaultdict(list) for label in commands
    }
    for round_number in range(rounds):
        for label, per_query in commands.items():
            names = list(per_query)
            shift = round_number % len(names)
            for name in names[shift:] + names[:shift]:
                samples[label][name].append(timed_cpu(per_query[name], env, cwd))
    return {
        label: {
            name: (percentile([w for w, _ in runs], 0.5), percentile([c for _, c in runs], 0.5))
            for name, runs in per_command.items()
        }
        for label, per_command in samples.items()
    }


def side_by_side_table(medians: dict[str, dict[str, tuple[float, float]]]) -> str:
    lines = [
        "| query | command | wall ms | CPU ms | caucasus ÷ it (wall) |",
        "|---|---|---|---|---|",
    ]
    for label, per_command in medians.items():
        base = per_command["caucasus"][0]
        for name, (wall, cpu) in per_command.items():
            lines.append(
                f"| {label} | {name} | {wall * 1000:.1f} | {cpu * 1000:.1f} | {base / wall:.2f} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from benchmarks.environment import caucasus_command
    from benchmarks.fts5 import ensure_sqlite_utils

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("queries", nargs="+", metavar="QUERY")
    parser.add_argument("--articles", type=Path, required=True, help="the corpus folder")
    parser.add_argument("--index", type=Path, required=True, help="its caucasus index")
    parser.add_argument("--workdir", type=Path, required=True, help="sqlite-utils db, caches")
    parser.add_argument("--baseline", help="another `caucasus` executable to time alongside")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--no-sqlite-utils", action="store_true")
    args = parser.parse_args(argv)
    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    env = script_env(workdir)
    command, _ = caucasus_command()
    peer = None
    found = None if args.no_sqlite_utils else sqlite_utils_command()
    if found:
        db, _ = ensure_sqlite_utils(workdir, args.articles.resolve(), args.index)
        peer = SqliteUtilsPeer(found[0], db, [])
    commands = {}
    for text in args.queries:
        q = as_query(text)
        per_query = e2e_commands(command, None, q, args.articles, args.index, "", peer)
        if args.baseline:
            per_query["baseline"] = search_argv([args.baseline], q, args.index, "")
        commands[q.label] = per_query
    print(side_by_side_table(side_by_side(commands, env, workdir, args.rounds)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
