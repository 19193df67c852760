"""Indexing as a subprocess: wall and CPU time, peak memory of the process tree, and
the index folder's size."""

from __future__ import annotations

import datetime as dt
import re
import resource
import shutil
import subprocess
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
