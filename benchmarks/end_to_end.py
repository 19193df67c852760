"""`caucasus search` end to end against grep, rg and sqlite-utils, alternated and rotated."""

from __future__ import annotations

import subprocess
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import ms, percentile, spread
from benchmarks.queries import LIMIT, QUERIES, Query, grep_pattern
from benchmarks.sqlite_utils_peer import (
    count_rows,
)
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
