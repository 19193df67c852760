"""Indexing as a subprocess: wall and CPU time, peak memory of the process tree, and
the index folder's size."""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import datetime as dt
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.corpora import read_marker, write_marker
from caucasus_cli.index.quotestore import QUOTES_FILE
from caucasus_cli.index.schema import SCHEMA_VERSION
from caucasus_cli.index.store import CorpusIndex, IndexUnavailable

POLL_SECONDS = 0.05


def process_tree(pid: int) -> list[int]:
    """`pid` and its descendants, from /proc/<pid>/task/<tid>/children."""
    tree, pending = [], [pid]
    while pending:
        current = pending.pop()
        tree.append(current)
        try:
            tasks = list(Path(f"/proc/{current}/task").iterdir())
        except OSError:
            continue
        for task in tasks:
            try:
                pending += [int(child) for child in (task / "children").read_text().split()]
            except (OSError, ValueError):
                continue
    return tree


def status_kib(pid: int, *names: str) -> dict[str, int]:
    """Fields of /proc/<pid>/status in KiB (empty when the process is gone)."""
    found: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in names:
                found[key] = int(value.split()[0])
    except (OSError, ValueError, IndexError):
        return {}
    return found


def pss_kib(pid: int) -> int:
    """Proportional set size: shared pages divided among the processes sharing them."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def children_cpu_seconds() -> float:
    """User + system time of the waited-for children (and theirs) so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_indexer(command: list[str], env: dict[str, str], articles: Path, index: Path, log: Path):
    """Index `articles` into `index` as a subprocess; wall time and peak memory."""
    tree_peak = pss_peak = single_peak = processes = 0
    with log.open("w", encoding="utf-8") as out:
        cpu_before = children_cpu_seconds()
        started = time.perf_counter()
        child = subprocess.Popen(
            [*command, "index", str(articles), "--index", str(index)],
            stdout=out,
            stderr=out,
            env=env,
        )
        while child.poll() is None:
            tree = process_tree(child.pid)
            sizes = [size for size in (status_kib(pid, "VmRSS", "VmHWM") for pid in tree) if size]
            tree_peak = max(tree_peak, sum(size.get("VmRSS", 0) for size in sizes))
            pss_peak = max(pss_peak, sum(pss_kib(pid) for pid in tree))
            single_peak = max([single_peak, *(size.get("VmHWM", 0) for size in sizes)])
            processes = max(processes, len(sizes))
            time.sleep(POLL_SECONDS)
        seconds = time.perf_counter() - started
    cpu = children_cpu_seconds() - cpu_before
    text = log.read_text(encoding="utf-8", errors="replace")
    if child.returncode != 0:
        raise SystemExit(f"indexing failed (exit {child.returncode}); see {log}")
    summary = re.search(r"(\d+) added.*?(\d+) quotes extracted", text, re.S)
    added = int(summary.group(1)) if summary else 0
    return {
        "seconds": round(seconds, 2),
        "articles": added,
        "articles_per_s": round(added / seconds, 1),
        # User + system time of the indexer and its workers: what the work costs,
        # less sensitive than the wall time to a machine shared with other jobs.
        "cpu_seconds": round(cpu, 2),
        "cpu_ms_per_article": round(1000 * cpu / added, 2) if added else None,
        "quotes": int(summary.group(2)) if summary else None,
        "peak_rss_tree_mib": round(tree_peak / 1024, 1),
        "peak_rss_single_mib": round(single_peak / 1024, 1),
        "peak_pss_tree_mib": round(pss_peak / 1024, 1),
        "processes": processes,
        "warnings": text.count("warning:"),
        "log": str(log),
        "schema_version": SCHEMA_VERSION,
        "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
    }


def opens(index: Path) -> bool:
    try:
        CorpusIndex(index).close()
    except IndexUnavailable:
        return False
    return True


def ensure_index(command: list[str], env: dict[str, str], size_dir: Path, articles: Path):
    """The index of `articles` and its indexing figures, measured now or at its build."""
    index = size_dir / "index"
    marker = size_dir / "indexing.json"
    previous = read_marker(marker)
    if previous and previous.get("schema_version") == SCHEMA_VERSION and opens(index):
        return index, {**previous, "reused": True}
    shutil.rmtree(index, ignore_errors=True)
    figures = run_indexer(command, env, articles, index, size_dir / "index.log")
    write_marker(marker, figures)
    return index, {**figures, "reused": False}


def index_size(index_dir: Path, articles: int) -> dict[str, Any]:
    """Bytes of every file of the index folder (quotes.sqlite included), per article."""
    files = [path for path in index_dir.rglob("*") if path.is_file()]
    total = sum(path.stat().st_size for path in files)
    store = index_dir / QUOTES_FILE
    return {
        "bytes": total,
        "quote_store_bytes": store.stat().st_size if store.is_file() else 0,
        "files": len(files),
        "kb_per_article": round(total / articles / 1e3, 2),
    }


# --- caucasus against stock Whoosh, side by side (issue 22) ---------------------------
#
#   python -m benchmarks.indexing --rounds 5
#
# builds, interleaved, (a) `caucasus index` of a copy of the BBC folder into a fresh
# index and (b) a stock Whoosh index of the same texts (title and body stored, the
# standard analyzer, `procs=2`), and prints wall and CPU time (user + system of the
# whole process tree) of each and their ratios. CPU time is the figure to read on a
# shared machine: the other jobs stretch the wall time, much less the CPU time.

STOCK_PROCS = 2
_PR_SET_CHILD_SUBREAPER = 36


def stock_whoosh_build(articles: Path, index: Path, procs: int = STOCK_PROCS) -> int:
    """Index every .txt under `articles` into a new Whoosh index at `index`, as a
    Whoosh user would: title (first line) and body (the rest), both stored."""
    from whoosh import fields
    from whoosh import index as whoosh_index

    schema = fields.Schema(
        path=fields.ID(stored=True, unique=True),
        title=fields.TEXT(stored=True),
        body=fields.TEXT(stored=True),
    )
    index.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(str(index), schema)
    writer = ix.writer(procs=procs, limitmb=64)
    count = 0
    for path in sorted(articles.rglob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8", errors="replace").partition("\n")
        writer.add_document(path=str(path), title=title.strip(), body=body)
        count += 1
    writer.commit()
    return count


def _adopt_orphans() -> None:
    """Become the reaper of this process's orphaned descendants (Linux), so that a
    worker that outlives its parent still has its CPU time counted here."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_CHILD_SUBREAPER, 1)


def _reap_all() -> None:
    """Wait for every descendant left (their CPU time joins RUSAGE_CHILDREN)."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def timed_tree(argv: list[str], env: dict[str, str], log: Path) -> dict[str, float]:
    """Run `argv`; its wall time and the CPU time of it and all its descendants."""
    with log.open("w", encoding="utf-8") as out:
        cpu_before = children_cpu_seconds()
        started = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=out, env=env)
        code = child.wait()
        seconds = time.perf_counter() - started
        _reap_all()
    if code != 0:
        raise SystemExit(f"{argv[0]} … failed (exit {code}); see {log}")
    return {"wall": seconds, "cpu": children_cpu_seconds() - cpu_before}


def copy_texts(source: Path, target: Path) -> int:
    """The .txt articles of `source` (not its SOURCE.md or lists), copied to `target`."""
    if not target.is_dir():
        for path in source.rglob("*.txt"):
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
    return sum(1 for _ in target.rglob("*.txt"))


def compare_with_stock(source: Path, workdir: Path, rounds: int) -> dict[str, Any]:
    from benchmarks.environment import caucasus_command, child_env

    _adopt_orphans()
    articles = workdir / "articles"
    files = copy_texts(source, articles)
    env = child_env(workdir)
    command, _how = caucasus_command()
    ours = [*command, "index", str(articles), "--quiet"]
    stock = [sys.executable, "-m", "benchmarks.indexing", "--stock-build", str(articles)]
    load_before = os.getloadavg()
    samples: dict[str, list[dict[str, float]]] = {"caucasus": [], "stock": []}
    for round_ in range(rounds):
        # Alternate which goes first, so that neither always runs on a warmer cache.
        order = ["caucasus", "stock"] if round_ % 2 == 0 else ["stock", "caucasus"]
        for name in order:
            index = workdir / f"index-{name}"
            shutil.rmtree(index, ignore_errors=True)
            argv = [*(ours if name == "caucasus" else stock), "--index", str(index)]
            sample = timed_tree(argv, env, workdir / f"{name}.log")
            samples[name].append(sample)
            print(
                f"round {round_ + 1} {name:8} wall {sample['wall']:6.2f} s"
                f"  cpu {sample['cpu']:6.2f} s  load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
    median = {
        name: {kind: statistics.median(s[kind] for s in runs) for kind in ("wall", "cpu")}
        for name, runs in samples.items()
    }
    # Ratios within each round (the two builds ran back to back), then their median.
    per_round = {
        kind: [
            ours_[kind] / stock_[kind]
            for ours_, stock_ in zip(samples["caucasus"], samples["stock"], strict=True)
        ]
        for kind in ("wall", "cpu")
    }
    return {
        "files": files,
        "rounds": rounds,
        "median_seconds": median,
        "ratio_of_medians": {
            kind: median["caucasus"][kind] / median["stock"][kind] for kind in ("wall", "cpu")
        },
        "median_ratio_per_round": {kind: statistics.median(v) for kind, v in per_round.items()},
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "cpus": os.cpu_count(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Indexing: `caucasus index` against a stock Whoosh build of the same "
        "texts (title and body stored, procs=2), interleaved rounds; wall and CPU ratios."
    )
    parser.add_argument("--source", type=Path, default=Path("/work/shared/data/bbc"))
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/caucasus-bench-indexing"))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--stock-build", type=Path, metavar="ARTICLES", help=argparse.SUPPRESS)
    parser.add_argument("--index", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stock_build:  # the peer, run as its own process by compare_with_stock
        stock_whoosh_build(args.stock_build, args.index)
        return 0
    if not args.source.is_dir():
        parser.error(f"no article folder at {args.source}")
    args.workdir.mkdir(parents=True, exist_ok=True)
    figures = compare_with_stock(args.source, args.workdir, args.rounds)
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
