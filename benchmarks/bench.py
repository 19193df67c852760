"""How fast is caucasus? Indexing, query latency, end-to-end search against grep and
sqlite-utils, SQLite FTS5 as the peer embedded index, and start-up; and whether the
20 queries still answer the same.

    PYTHONPATH=. python benchmarks/bench.py --sizes 1000,10000,100000 [--workdir DIR]
                 [--rounds N] [--fresh] [--json FILE] [--no-bbc]
    PYTHONPATH=. python benchmarks/bench.py --sizes 2225 --record-results [FILE]
    PYTHONPATH=. python benchmarks/bench.py --compare-results [FILE] [--reuse-index]

Corpora of N articles are written under `--workdir` (default /tmp/caucasus-bench, never
inside the repository) by `benchmarks/synthetic.py`: copies of the BBC articles in
`../shared/data/bbc` when present (each copy with a distinct last line), else
paragraphs of the bundled seed articles recombined. A corpus, its index and its FTS5 and
sqlite-utils databases are reused when present (their first measurements are reported
again, marked `*`); `--fresh` rebuilds them.

What is measured, on the same files and the same 20 queries (QUERIES in queries.py):

* indexing: `caucasus index DIR --index IDX` (this interpreter's installed script, else
  `python -m caucasus_cli`) as a subprocess, wall time (interpreter start and quote
  extraction included), as articles/s and as the ratio to the FTS5 build time below
  (`index ÷ FTS5 build`: that build runs in process, parses the files the same way and
  extracts no quotes, so the ratio is what quotes, Whoosh and the subprocess cost
  against C; also given in CPU time, as the two builds are not alternated), and the
  CPU time (user + system) of the indexer and its workers per
  article, which a machine shared with other jobs disturbs less than the wall time;
  and memory: VmRSS of the whole
  process tree (the indexer, its worker and sub-writer processes) summed every 50 ms,
  and the largest VmHWM of a single process. Shared pages count once per process in
  that sum, so it is an upper bound; the PSS sum (smaps_rollup, shared pages divided
  among their sharers) is the fairer figure for the tree.
* bytecode: commands run with PYTHONPYCACHEPREFIX under the work dir (and without
  PYTHONDONTWRITEBYTECODE), so the checkout's modules are compiled once, as an
  installed package's are; start-up is also timed without that cache.
* in process: one `CorpusIndex` opened once, each query run once to warm up, then
  timed `3 × --rounds` times with `search_articles` (snippets included); the
  `--speaker` query includes `resolve_speaker`, as the CLI does it.
* end to end: `caucasus search Q --format jsonl --limit 20 --index IDX` from process
  start to exit, against `grep -rilF PATTERN DIR` (and `rg -ilF` when installed),
  alternating the commands and rotating which goes first in each of `--rounds`
  rounds. grep has no ranking, no AND across lines, no name variants and no filters,
  so it gets what a user would type: the word, the phrase as one string, the *first*
  word of a two-word query (a lower bound: an AND would need a second pass), the name
  as typed, and the word alone for the date and speaker queries.
* SQLite FTS5 (stdlib sqlite3, porter + unicode61 without diacritics, bm25 with the
  title weighted 2 as in caucasus): the same documents as caucasus parses them (title,
  body, date; the speakers quoted in each, taken from the caucasus index), queries
  translated (two words as AND, phrases quoted, a name as the OR of its spellings in
  variants.txt, date and speaker as SQL conditions), each returning 20 rows with a
  snippet; timed in process like caucasus.
* sqlite-utils (when installed: `pip install -e ".[bench]"`; else its columns are left
  out with a note): the same rows (id, path, title, body, date, speakers) inserted with
  its Python API and `enable_fts(["title", "body"], tokenize="porter")`, as a user of
  `sqlite-utils insert` + `enable-fts` would, build timed with parsing; then, end to
  end beside caucasus and grep, `sqlite-utils search DB articles EXPR --limit 20` with
  the FTS5 expression above (ranked by FTS5's `rank`, all columns printed as JSON). It
  cannot filter, so the date and speaker queries run as `sqlite-utils query` with the
  SQL its own `search_sql(where=...)` writes and the same conditions as for FTS5.
* check, quote groups and a quote, end to end: `caucasus check CLAIM --format jsonl`
  for 3 claims that are found (direct quotes of 8 words or more taken from the index:
  the first such at the start, a third and two thirds of `caucasus quotes`' listing,
  whitespace collapsed) and 3 that are not (NOT_FOUND_CLAIMS: common English words in
  no article), `caucasus quotes --spread --format jsonl` and `caucasus quote ID
  --format json` (the quote of the first found claim), alternated and rotated as the
  searches are, after a warm-up run of each that gives each claim's exit code and
  verdict (0 confirmed, 1 not found, 3 found but different). Reported: check p50/p95
  of the found claims, of the others and of all; the medians of spread and quote.
* grouping: what a first build spends on quote groups, `link_new_wordings` timed in
  this process inside one transaction on a copy of quotes.sqlite whose `links` and
  `wordings` were emptied (the links it makes should be the index's), and what groups
  add to the index: the pages of `links`, `links_w2`, `wordings` and `quotes_wording`
  (SQLite's dbstat; "not measured" without it) and 8 bytes a quote row for its
  wording key, per article and as a share of the index folder.
* index size: every file of the index folder (quotes.sqlite included) per article.
* start-up: `caucasus --help`, and `caucasus search` for a rare word on an index of
  the five bundled articles, medians; where the imports go (`-X importtime`).

It prints one Markdown table and the targets next to the measured values (met,
missed, or not measured: most are judged at 100,000 articles only; the index size
against BASELINE_INDEX_KB_PER_ARTICLE, measured before the quote store, at the size
nearest the baseline's 2,226 articles: bytes per article fall as a corpus grows, the
term list being shared), and writes every figure to `--json` (default
benchmarks/results/latest.json, git-ignored).

Results unchanged (no timing; see answers.py): `--record-results` indexes each size
afresh with the code as it is and writes each query's total and top 20 doc ids in rank
order (default WORKDIR/answers.json; never inside the repository but for
benchmarks/results/). `--compare-results` re-indexes the sizes recorded there (same
corpus origin, same speaker) and names every query whose answer changed: exit 0 all the
same, 1 some differ, 2 no usable file. `--reuse-index` skips the re-indexing when only
search code changed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
if str(REPO / "benchmarks") not in sys.path:
    sys.path.insert(0, str(REPO / "benchmarks"))

from answers import (  # noqa: E402
    ResultsFileError,
    answer_queries,
    compare_answers,
    comparison_text,
    read_results,
    recorded_answers,
    results_document,
    write_results,
)
from queries import LIMIT, QUERIES, Query, fts_expression, grep_pattern, run_query  # noqa: E402
from sqlite_utils_peer import (  # noqa: E402
    TOKENIZE,
    build_database,
    count_rows,
    sqlite_utils_command,
    sqlite_utils_version,
)
from sqlite_utils_peer import search_argv as sqlite_utils_argv  # noqa: E402
from synthetic import bbc_articles, write_corpus  # noqa: E402

from caucasus_cli.config import bundled_corpus_dir  # noqa: E402
from caucasus_cli.index.quotestore import QUOTES_FILE  # noqa: E402
from caucasus_cli.index.schema import SCHEMA_VERSION  # noqa: E402
from caucasus_cli.index.store import CorpusIndex, IndexUnavailable  # noqa: E402
from caucasus_cli.ingest.metadata import parse_article  # noqa: E402

SEED = 2020
POLL_SECONDS = 0.05
STARTUP_RARE_WORD = "Mardini"
FALLBACK_SPEAKER = "Aliyev"
RESULTS_DIR = REPO / "benchmarks" / "results"  # git-ignored
DEFAULT_RESULTS = Path("WORKDIR/answers.json")  # stands for the work dir's answers.json
TARGET_SIZE = 100_000  # targets are judged there unless they say otherwise
RATE_FROM_SIZE = 2_225  # the indexing rate and index size targets: sizes from here up
SQLITE_UTILS_FROM_SIZE = 22_250
GREP_FROM_SIZE = 15_000  # break-even with grep at this size at the latest
TARGETS = {
    "articles_per_s": 400.0,  # indexing, quote extraction included, every size ≥ 2,225
    "e2e_ms": 150.0,  # caucasus search end to end, median, at 100,000
    "e2e_p95_ms": 300.0,  # and its p95
    "sqlite_utils_ratio": 1.0,  # sqlite-utils ÷ caucasus above this, from 22,250 up
    "grep_ratio_from": 1.0,  # grep ÷ caucasus at least this from 15,000 up
    "grep_ratio": 4.0,  # and at least this at 100,000
    "check_ms": 300.0,  # caucasus check end to end, p50 found and not found, at 100,000
    "peak_rss_mib": 512.0,  # indexing, whole process tree, at 100,000
    "help_ms": 120.0,  # caucasus --help
    "index_size_change_pct": -30.0,  # index kB/article against the baseline below
}
# Index folder per article, 2026-12-02, 2,226 BBC articles indexed with 2 workers,
# before the quote store: what the index size target is judged against.
BASELINE_INDEX_KB_PER_ARTICLE = 14.08
BASELINE_ARTICLES = 2226
CHECK_CLAIMS = 3  # claims taken from the index, per size
CHECK_MIN_WORDS = 8  # a sentence one would check, not a two-word scare quote
CHECK_SCAN = 50  # quotes read from each position to find one long enough
# Common English words in no article (grep -rilF finds none of them in the BBC set).
NOT_FOUND_CLAIMS = (
    "the government said on Tuesday that it would not comment on the new plan",
    "a spokesman for the company said the figures would be published later this year",
    "we have no plans to change the rules before the end of the month",
)
# What only quote groups need in quotes.sqlite (quotestore.py), and the wording key's
# bytes in each quote row (an integer of up to 8 bytes).
GROUPING_TABLES = ("links", "links_w2", "wordings", "quotes_wording")
WORDING_BYTES = 8


# --- statistics --------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    """Linear-interpolated percentile (0.5 = median) of a non-empty list."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def spread(samples: list[float]) -> dict[str, float]:
    """Median and p95 in milliseconds of samples in seconds."""
    return {
        "p50_ms": ms(percentile(samples, 0.5)),
        "p95_ms": ms(percentile(samples, 0.95)),
        "samples": len(samples),
    }


# --- environment -------------------------------------------------------------------


def child_env(workdir: Path) -> dict[str, str]:
    """The environment of every command run: the checkout's code, no user config.

    Bytecode is cached (under the work dir, not in the checkout) even when the caller
    sets PYTHONDONTWRITEBYTECODE, as it is for an installed package: otherwise every
    start compiles the package's modules again (time_startup measures that case too).
    """
    dropped = ("CAUCASUS_INDEX", "CAUCASUS_PEOPLE", "PYTHONPROFILEIMPORTTIME")
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    )
    env["XDG_CONFIG_HOME"] = str(workdir / "config")  # empty: bundled data only
    env["XDG_DATA_HOME"] = str(workdir / "data")
    return env


def caucasus_command() -> tuple[list[str], str]:
    """The installed `caucasus` script when it belongs to this interpreter, else -m."""
    # The interpreter's own bin folder, not resolved: a venv's python links elsewhere.
    script = Path(sys.executable).parent / "caucasus"
    if script.is_file():
        return [str(script)], f"installed script {script}"
    return [sys.executable, "-m", "caucasus_cli"], f"{sys.executable} -m caucasus_cli"


def version_line(argv: list[str]) -> str | None:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout.splitlines()[0] if done.stdout else None


def git_state() -> dict[str, Any]:
    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=False
        )
        return done.stdout.strip()

    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "package_modified": bool(git("status", "--porcelain", "--", "caucasus_cli")),
    }


def machine_facts(rg: str | None) -> dict[str, Any]:
    return {
        "platform": platform.platform(),
        "processor": platform.machine(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "python_executable": sys.executable,
        "whoosh": metadata.version("whoosh3"),
        "sqlite": sqlite3.sqlite_version,
        "grep": version_line(["grep", "--version"]),
        "rg": version_line([rg, "--version"]) if rg else None,
        "sqlite_utils": sqlite_utils_version(),
        "locale": os.environ.get("LC_ALL") or os.environ.get("LANG") or "",
        "memory_mib": _memory_mib(),
        "load_average_start": list(os.getloadavg()),
    }


def _memory_mib() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return None


# --- corpora -----------------------------------------------------------------------


def read_marker(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_marker(path: Path, values: dict[str, Any]) -> None:
    path.write_text(json.dumps(values, indent=2) + "\n", encoding="utf-8")


def prepare_corpus(size_dir: Path, count: int, origin: str) -> tuple[Path, bool]:
    """The folder of `count` articles, written unless a complete one is there."""
    articles = size_dir / "articles"
    marker = size_dir / "corpus.json"
    wanted = {"articles": count, "origin": origin, "seed": SEED}
    if read_marker(marker) == wanted and articles.is_dir():
        return articles, True
    shutil.rmtree(size_dir, ignore_errors=True)
    size_dir.mkdir(parents=True)
    written = write_corpus(articles, count, seed=SEED, use_bbc=origin == "bbc")
    if written != origin:
        raise SystemExit(f"expected a {origin} corpus, write_corpus made a {written} one")
    write_marker(marker, wanted)
    return articles, False


# --- indexing ----------------------------------------------------------------------


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


# --- in process --------------------------------------------------------------------


def pick_speaker(index_dir: Path) -> str:
    """The most quoted speaker of the corpus (the fallback when nobody is quoted)."""
    from caucasus_cli.search.quotes import list_speakers

    with CorpusIndex(index_dir) as index:
        speakers = list_speakers(index)
    return speakers[0].speaker if speakers else FALLBACK_SPEAKER


def caucasus_query(q: Query, speaker: str) -> Callable[[CorpusIndex], int]:
    """A function running `q` on an open index as `caucasus search` does; returns hits."""

    def run(index: CorpusIndex) -> int:
        result = run_query(index, q, speaker)
        return result.total if result else 0  # the total may be Whoosh's upper bound

    return run


def time_in_process(index_dir: Path, speaker: str, repeats: int) -> dict[str, Any]:
    """Latency of each query on one open index, after one warm-up run each."""
    runs = [caucasus_query(q, speaker) for q in QUERIES]
    samples: dict[str, list[float]] = defaultdict(list)
    with CorpusIndex(index_dir) as index:
        hits = {q.label: run(index) for q, run in zip(QUERIES, runs, strict=True)}
        for _ in range(repeats):
            for q, run in zip(QUERIES, runs, strict=True):
                started = time.perf_counter()
                run(index)
                samples[q.label].append(time.perf_counter() - started)
    return summarize(samples, hits)


def summarize(
    samples: dict[str, list[float]], counts: dict[str, int], counted: str = "hits"
) -> dict[str, Any]:
    """Overall p50/p95, and per query its median and `counts` (hits, rows) as `counted`."""
    everything = [s for values in samples.values() for s in values]
    return {
        **spread(everything),
        "per_query": {
            label: {"p50_ms": ms(percentile(values, 0.5)), counted: counts[label]}
            for label, values in samples.items()
        },
    }


# --- SQLite FTS5 -------------------------------------------------------------------


FTS_SCHEMA = (
    "CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, title, body, date UNINDEXED, "
    "speakers UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2')"
)
FTS_SELECT = (
    "SELECT path, title, snippet(docs, 2, '[', ']', ' … ', 32) FROM docs WHERE docs MATCH ?"
)
FTS_ORDER = " ORDER BY bm25(docs, 0.0, 2.0, 1.0, 0.0, 0.0) LIMIT ?"


def article_speakers(index_dir: Path) -> dict[str, str]:
    """doc id -> ",key,key," of the speakers quoted in it, from the caucasus index."""
    found: dict[str, set[str]] = defaultdict(set)
    with CorpusIndex(index_dir) as index:
        reader = index.searcher.reader()
        if reader.doc_count() == 0:
            return {}
        docs = reader.column_reader("doc")
        for term in reader.lexicon("speakers"):
            key = term.decode("utf-8") if isinstance(term, bytes) else term
            for docnum in reader.postings("speakers", key).all_ids():
                found[docs[docnum]].add(key)
    return {doc: "," + ",".join(sorted(keys)) + "," for doc, keys in found.items()}


def article_files(articles: Path) -> Iterator[Path]:
    return iter(sorted(articles.glob("*/*.txt")))


def ensure_fts(size_dir: Path, articles: Path, index_dir: Path) -> tuple[Path, dict[str, Any]]:
    """The FTS5 database of the same documents, and its build figures."""
    db = size_dir / "fts5.db"
    marker = size_dir / "fts5.json"
    previous = read_marker(marker)
    if previous and db.is_file():
        return db, {**previous, "reused": True}
    db.unlink(missing_ok=True)
    speakers = article_speakers(index_dir)
    started, cpu_started = time.perf_counter(), time.process_time()
    count = 0
    with sqlite3.connect(db) as connection:
        connection.execute(FTS_SCHEMA)
        rows = (fts_row(path, speakers) for path in article_files(articles))
        for row in rows:
            connection.execute("INSERT INTO docs VALUES (?, ?, ?, ?, ?)", row)
            count += 1
    connection.close()
    seconds = time.perf_counter() - started
    figures = {
        "build_seconds": round(seconds, 2),
        "build_cpu_seconds": round(time.process_time() - cpu_started, 2),
        "build_articles_per_s": round(count / seconds, 1),
        "articles": count,
        "db_mib": round(db.stat().st_size / 2**20, 1),
        "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
    }
    write_marker(marker, figures)
    return db, {**figures, "reused": False}


def ensure_sqlite_utils(
    size_dir: Path, articles: Path, index_dir: Path
) -> tuple[Path, dict[str, Any]]:
    """The sqlite-utils database of the same documents, and its build figures."""
    db = size_dir / "sqlite-utils.db"
    marker = size_dir / "sqlite-utils.json"
    previous = read_marker(marker)
    if previous and db.is_file():
        return db, {**previous, "reused": True}
    db.unlink(missing_ok=True)
    speakers = article_speakers(index_dir)
    rows = (sqlite_utils_row(path, speakers) for path in article_files(articles))
    figures = {
        **build_database(db, rows),
        "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
    }
    write_marker(marker, figures)
    return db, {**figures, "reused": False}


def sqlite_utils_row(path: Path, speakers: dict[str, str]) -> dict[str, Any]:
    path_text, title, body, date, quoted = fts_row(path, speakers)
    return {
        "id": path.stem,
        "path": path_text,
        "title": title,
        "body": body,
        "date": date,
        "speakers": quoted,
    }


def fts_row(path: Path, speakers: dict[str, str]) -> tuple[str, str, str, str | None, str]:
    """Title, body and date as caucasus parses the file (build time includes parsing)."""
    article = parse_article(path.stem, str(path), path.read_text(encoding="utf-8"))
    date = article.date.isoformat() if article.date else None
    return str(path), article.title or "", article.body, date, speakers.get(path.stem, "")


def fts_statement(q: Query, speaker_keys: list[str]) -> tuple[str, list[Any]]:
    sql, values = FTS_SELECT, [fts_expression(q)]
    if q.since:
        sql += " AND date >= ?"
        values.append(q.since)
    if q.speaker:
        tests = " OR ".join("instr(speakers, ?) > 0" for _ in speaker_keys) or "0"
        sql += f" AND ({tests})"
        values += [f",{key}," for key in speaker_keys]
    return sql + FTS_ORDER, [*values, LIMIT]


def speaker_keys(index_dir: Path, speaker: str) -> list[str]:
    """The folded keys `--speaker` resolves to, for the SQL peers' speaker condition."""
    from caucasus_cli.search.quotes import resolve_speaker

    with CorpusIndex(index_dir) as index:
        return list(resolve_speaker(index, speaker).keys)


def time_fts(db: Path, index_dir: Path, speaker: str, repeats: int) -> dict[str, Any]:
    """Latency of each query on FTS5, after one warm-up run each."""
    keys = speaker_keys(index_dir, speaker)
    statements = [fts_statement(q, keys) for q in QUERIES]
    samples: dict[str, list[float]] = defaultdict(list)
    connection = sqlite3.connect(db)
    try:
        rows = {
            q.label: len(connection.execute(sql, values).fetchall())
            for q, (sql, values) in zip(QUERIES, statements, strict=True)
        }
        for _ in range(repeats):
            for q, (sql, values) in zip(QUERIES, statements, strict=True):
                started = time.perf_counter()
                connection.execute(sql, values).fetchall()
                samples[q.label].append(time.perf_counter() - started)
    finally:
        connection.close()
    return summarize(samples, rows, counted="rows")


# --- end to end --------------------------------------------------------------------


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


# --- check, quote groups, index size -----------------------------------------------


@dataclass(frozen=True, slots=True)
class Claim:
    text: str
    from_index: bool  # a quote of the index (to be found), else a sentence in no article
    quote_id: str | None = None  # the quote it was taken from


def found_claims(index_dir: Path) -> list[Claim]:
    """Up to CHECK_CLAIMS direct quotes of CHECK_MIN_WORDS words or more: from each of
    the start, a third and two thirds of the listing (text order), the first one long
    enough and not taken yet. The same claims for the same index, spread over the
    corpus rather than all from its first article; whitespace collapsed, as typed."""
    from caucasus_cli.search.quotes import QuoteFilter, stream_quotes

    claims: list[Claim] = []
    with CorpusIndex(index_dir) as index:
        total = stream_quotes(index, QuoteFilter(kind="direct", limit=1)).total
        for part in range(CHECK_CLAIMS):
            offset = total * part // CHECK_CLAIMS
            wanted = QuoteFilter(kind="direct", offset=offset, limit=CHECK_SCAN)
            for quote in stream_quotes(index, wanted).quotes:
                text = " ".join(quote.text.split())
                taken = {claim.text for claim in claims}
                if len(text.split()) >= CHECK_MIN_WORDS and text not in taken:
                    claims.append(Claim(text, True, quote.id))
                    break
    return claims


def bench_claims(index_dir: Path) -> list[Claim]:
    """The claims `check` is timed with: quotes of the index, then sentences in none."""
    return [*found_claims(index_dir), *(Claim(text, False) for text in NOT_FOUND_CLAIMS)]


def quote_commands(
    command: list[str], index: Path, claims: list[Claim]
) -> dict[str, tuple[list[str], tuple[int, ...]]]:
    """name -> (argv, accepted exit codes): each `check`, `quotes --spread`, `quote ID`
    (ID: the quote of the first claim taken from the index, when there is one)."""
    where = ["--index", str(index)]
    commands = {
        f"check {number}": ([*command, "check", claim.text, *where, "--format", "jsonl"], (0, 1, 3))
        for number, claim in enumerate(claims, 1)
    }
    commands["spread"] = ([*command, "quotes", "--spread", *where, "--format", "jsonl"], (0, 1))
    quote_id = first_quote_id(claims)
    if quote_id:
        commands["quote"] = ([*command, "quote", quote_id, *where, "--format", "json"], (0,))
    return commands


def first_quote_id(claims: list[Claim]) -> str | None:
    return next((claim.quote_id for claim in claims if claim.quote_id), None)


def first_verdict(stdout: str) -> str | None:
    """The verdict on `check --format jsonl`'s first line (None if there is none)."""
    try:
        return json.loads(stdout.splitlines()[0]).get("verdict")
    except (IndexError, ValueError, AttributeError):
        return None


def time_quote_commands(
    command: list[str], env: dict[str, str], index: Path, claims: list[Claim], rounds: int
) -> dict[str, Any]:
    """The quote commands end to end, alternated as in time_end_to_end: a warm-up run of
    each (it gives each claim's exit code and verdict, and the lines printed), then
    `rounds` rounds with the first command rotating."""
    commands = quote_commands(command, index, claims)
    outcomes: dict[str, subprocess.CompletedProcess[str]] = {}
    for name, (argv, ok) in commands.items():
        outcomes[name] = timed_run(argv, env, ok)[1]
    samples: dict[str, list[float]] = defaultdict(list)
    names = list(commands)
    for round_number in range(rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            argv, ok = commands[name]
            samples[name].append(timed_run(argv, env, ok)[0])
    return {
        "check": check_summary(claims, samples, outcomes),
        "spread": {
            "p50_s": round(percentile(samples["spread"], 0.5), 3),
            "samples": len(samples["spread"]),
            "exit": outcomes["spread"].returncode,
            "statements": len(outcomes["spread"].stdout.splitlines()),
        },
        "quote": quote_summary(claims, samples, outcomes),
    }


def check_summary(
    claims: list[Claim],
    samples: dict[str, list[float]],
    outcomes: dict[str, subprocess.CompletedProcess[str]],
) -> dict[str, Any]:
    """p50/p95 of the claims taken from the index, of those in no article, of all; and
    each claim's exit code and verdict, which say whether it was found after all."""
    named = [(f"check {number}", claim) for number, claim in enumerate(claims, 1)]

    def pooled(from_index: bool | None) -> dict[str, float] | None:
        chosen = [
            s for name, c in named if from_index in (None, c.from_index) for s in samples[name]
        ]
        return spread(chosen) if chosen else None

    return {
        "found": pooled(True),
        "not_found": pooled(False),
        "all": pooled(None),
        "claims": [
            {
                "claim": claim.text,
                "from_index": claim.from_index,
                "quote_id": claim.quote_id,
                "exit": outcomes[name].returncode,
                "verdict": first_verdict(outcomes[name].stdout),
                "p50_ms": ms(percentile(samples[name], 0.5)),
            }
            for name, claim in named
        ],
    }


def quote_summary(
    claims: list[Claim],
    samples: dict[str, list[float]],
    outcomes: dict[str, subprocess.CompletedProcess[str]],
) -> dict[str, Any] | None:
    quote_id = first_quote_id(claims)
    if quote_id is None:
        return None  # no direct quote long enough to check: no ID to show
    return {
        "id": quote_id,
        "p50_ms": ms(percentile(samples["quote"], 0.5)),
        "samples": len(samples["quote"]),
        "exit": outcomes["quote"].returncode,
    }


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


def measure_grouping(
    index_dir: Path, size_dir: Path, articles: int, index_bytes: int
) -> dict[str, Any]:
    """What a first build spends on quote groups, and what they add to the index.

    `link_new_wordings` is timed in process on a copy of the store whose links and
    linked wordings were taken out, in one transaction as StoreWriter.link_statements
    runs it (commit included): a first build adds every row under one generation, so
    this links every wording, as that build did. Its links should be the index's.
    """
    from caucasus_cli.index.statements import link_new_wordings

    copy = size_dir / "grouping.sqlite"
    shutil.copyfile(index_dir / QUOTES_FILE, copy)
    db = sqlite3.connect(copy, isolation_level=None)
    try:
        generation, generations, rows = db.execute(
            "SELECT max(added), count(DISTINCT added), count(*) FROM quotes"
        ).fetchone()
        built = db.execute("SELECT count(*) FROM links").fetchone()[0]
        db.executescript("BEGIN; DELETE FROM links; DELETE FROM wordings; COMMIT;")
        started, cpu_started = time.perf_counter(), time.process_time()
        db.execute("BEGIN IMMEDIATE")
        links = link_new_wordings(db, generation or 0)
        db.execute("COMMIT")
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        wordings = db.execute("SELECT count(*) FROM wordings").fetchone()[0]
    finally:
        db.close()
        copy.unlink(missing_ok=True)
    return {
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu, 3),
        "links": links,
        "links_in_index": built,
        "wordings": wordings,
        "quote_rows": rows,
        "generation": generation,
        "generations": generations,
        **grouping_size(index_dir / QUOTES_FILE, rows, articles, index_bytes),
    }


def grouping_size(store: Path, rows: int, articles: int, index_bytes: int) -> dict[str, Any]:
    """The pages of the tables and indexes only groups need (dbstat), and WORDING_BYTES a
    quote row for its wording key; per article and as a share of the index folder."""
    uri = store.resolve().as_uri() + "?mode=ro"
    db = sqlite3.connect(uri, uri=True)
    try:
        pages = {
            name: db.execute(
                "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name = ?", (name,)
            ).fetchone()[0]
            for name in GROUPING_TABLES
        }
    except sqlite3.OperationalError as error:  # SQLite built without SQLITE_ENABLE_DBSTAT_VTAB
        return {"bytes": None, "kb_per_article": None, "pct_of_index": None, "note": str(error)}
    finally:
        db.close()
    parts = {**pages, "wording_column": WORDING_BYTES * rows}
    total = sum(parts.values())
    return {
        "bytes": {**parts, "total": total},
        "kb_per_article": round(total / articles / 1e3, 3),
        "pct_of_index": round(100 * total / index_bytes, 2) if index_bytes else None,
    }


# --- start-up ----------------------------------------------------------------------


def ensure_tiny_index(command: list[str], env: dict[str, str], workdir: Path) -> Path:
    """An index of the five bundled articles, for start-up timings."""
    index = workdir / "tiny" / "index"
    if not opens(index):
        shutil.rmtree(index, ignore_errors=True)
        index.parent.mkdir(parents=True, exist_ok=True)
        run_indexer(command, env, bundled_corpus_dir(), index, workdir / "tiny" / "index.log")
    return index


def time_startup(command: list[str], env: dict[str, str], tiny: Path, runs: int):
    help_argv = [*command, "--help"]
    rare_argv = [*command, "search", STARTUP_RARE_WORD, "--limit", "1", "--index", str(tiny)]
    samples: dict[str, list[float]] = {"help": [], "search": []}
    timed(help_argv, env, ok=(0,))
    timed(rare_argv, env)
    for _ in range(runs):
        samples["help"].append(timed(help_argv, env, ok=(0,))[0])
        samples["search"].append(timed(rare_argv, env)[0])
    uncached = {**env, "PYTHONDONTWRITEBYTECODE": "1"}
    uncached.pop("PYTHONPYCACHEPREFIX")  # the checkout has no __pycache__: compiled each time
    without_cache = [timed(rare_argv, uncached)[0] for _ in range(runs)]
    return {
        "help": spread(samples["help"]),
        "search_tiny_index": spread(samples["search"]),
        "search_tiny_index_no_bytecode_cache": spread(without_cache),
        "imports_help": import_profile(help_argv, env),
        "imports_search": import_profile(rare_argv, env),
    }


def import_profile(argv: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Import time by top-level package (self times summed), from -X importtime."""
    done = subprocess.run(
        argv, capture_output=True, text=True, env={**env, "PYTHONPROFILEIMPORTTIME": "1"}
    )
    by_package: dict[str, int] = defaultdict(int)
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+\d+ \|\s+(\S+)", line)
        if match:
            by_package[match.group(2).split(".")[0]] += int(match.group(1))
    top = sorted(by_package.items(), key=lambda item: -item[1])[:12]
    return {
        "total_ms": ms(sum(by_package.values()) / 1e6),
        "top_packages_ms": {name: ms(us / 1e6) for name, us in top},
    }


# --- one corpus size ---------------------------------------------------------------


@dataclass(slots=True)
class Setup:
    command: list[str]
    env: dict[str, str]
    rg: str | None
    workdir: Path
    origin: str
    rounds: int
    fresh: bool
    sqlite_utils: list[str] | None  # the sqlite-utils command; None when not installed
    reuse_index: bool = False  # results modes: keep the index built before


def bench_size(setup: Setup, count: int, speaker: str | None) -> tuple[dict[str, Any], str]:
    """Every figure for a corpus of `count` articles; the speaker used for --speaker."""
    size_dir = setup.workdir / f"{setup.origin}-{count}"
    if setup.fresh:
        shutil.rmtree(size_dir, ignore_errors=True)
    say(f"{count:,} articles: corpus")
    articles, corpus_reused = prepare_corpus(size_dir, count, setup.origin)
    say(f"{count:,} articles: index (log: {size_dir / 'index.log'})")
    index, indexing = ensure_index(setup.command, setup.env, size_dir, articles)
    speaker = speaker or pick_speaker(index)
    say(f"{count:,} articles: FTS5 database")
    db, fts_build = ensure_fts(size_dir, articles, index)
    repeats = 3 * setup.rounds
    say(f"{count:,} articles: in-process queries ({repeats} runs each)")
    in_process = time_in_process(index, speaker, repeats)
    fts = {**fts_build, **time_fts(db, index, speaker, repeats)}
    fts["ratio_to_caucasus"] = round(fts["p50_ms"] / in_process["p50_ms"], 3)
    indexing["ratio_to_fts5_build"] = ratio(indexing["seconds"], fts["build_seconds"])
    # The same in CPU time: the two builds are not alternated, and a shared machine's
    # load can change between them (one loaded run gave 21 by wall time, the next 60).
    indexing["cpu_ratio_to_fts5_build"] = ratio(
        indexing.get("cpu_seconds", 0), fts.get("build_cpu_seconds", 0)
    )
    peer, sqlite_utils_build = None, None
    if setup.sqlite_utils:
        say(f"{count:,} articles: sqlite-utils database")
        su_db, sqlite_utils_build = ensure_sqlite_utils(size_dir, articles, index)
        peer = SqliteUtilsPeer(setup.sqlite_utils, su_db, speaker_keys(index, speaker))
    say(f"{count:,} articles: end to end ({setup.rounds} rounds)")
    e2e = time_end_to_end(
        setup.command, setup.env, setup.rg, articles, index, speaker, setup.rounds, peer
    )
    say(f"{count:,} articles: check, quotes --spread, quote ID ({setup.rounds} rounds)")
    claims = bench_claims(index)
    quoting = time_quote_commands(setup.command, setup.env, index, claims, setup.rounds)
    say(f"{count:,} articles: grouping cost")
    size = index_size(index, count)
    grouping = measure_grouping(index, size_dir, count, size["bytes"])
    figures = {
        "articles": count,
        "origin": setup.origin,
        "corpus_dir": str(articles),
        "corpus_reused": corpus_reused,
        "index_dir": str(index),
        "speaker": speaker,
        "indexing": indexing,
        "in_process": in_process,
        "fts5": fts,
        "sqlite_utils": sqlite_utils_build,
        "end_to_end": e2e,
        **quoting,
        "index_size": size,
        "grouping": grouping,
        "load_average_after": list(os.getloadavg()),
    }
    return figures, speaker


def ratio(value: float, base: float) -> float | None:
    """value ÷ base to one decimal; None when base rounded to 0 (a tiny corpus)."""
    return round(value / base, 1) if base else None


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- report ------------------------------------------------------------------------


def optional(value: float | None, spec: str, mark: str = "") -> str:
    return "—" if value is None else f"{value:{spec}}{mark}"


def markdown_table(
    sizes: list[dict[str, Any]], with_rg: bool, with_sqlite_utils: bool = False
) -> str:
    header = [
        "articles",
        "corpus",
        "index s",
        "articles/s",
        "index CPU ms/article",
        "index ÷ FTS5 build",
        "same in CPU time",
        "quotes",
        "peak MiB: RSS tree / PSS tree / largest",
        "index kB/article",
        "grouping s",
        "grouping kB/article",
        "query p50 ms",
        "query p95 ms",
        "e2e caucasus ms",
        "e2e grep ms",
        "grep ÷ caucasus",
    ]
    if with_rg:
        header += ["e2e rg ms", "rg ÷ caucasus"]
    if with_sqlite_utils:
        header += ["e2e sqlite-utils ms", "sqlite-utils ÷ caucasus"]
    header += ["check e2e ms (found / not found)", "spread e2e s"]
    header += ["FTS5 p50 ms", "FTS5 p95 ms", "FTS5 ÷ caucasus", "FTS5 build s"]
    if with_sqlite_utils:
        header += ["sqlite-utils build s"]
    rows = [header, ["---:" if i != 1 else "---" for i in range(len(header))]]
    for size in sizes:
        indexing, e2e, fts = size["indexing"], size["end_to_end"], size["fts5"]
        mark = "*" if indexing["reused"] else ""
        fmark = "*" if fts["reused"] else ""
        row = [
            f"{size['articles']:,}",
            size["origin"],
            f"{indexing['seconds']:.1f}{mark}",
            f"{indexing['articles_per_s']:.0f}{mark}",
            optional(indexing.get("cpu_ms_per_article"), ".1f", mark),
            optional(indexing["ratio_to_fts5_build"], ".1f", mark or fmark),
            optional(indexing["cpu_ratio_to_fts5_build"], ".1f", mark or fmark),
            f"{indexing['quotes'] or 0:,}",
            f"{indexing['peak_rss_tree_mib']:.0f} / {indexing.get('peak_pss_tree_mib', 0):.0f}"
            f" / {indexing['peak_rss_single_mib']:.0f}{mark}",
            f"{size['index_size']['kb_per_article']:.2f}",
            f"{size['grouping']['seconds']:.2f}",
            grouping_cell(size["grouping"]),
            f"{size['in_process']['p50_ms']:.1f}",
            f"{size['in_process']['p95_ms']:.1f}",
            f"{e2e['caucasus']['p50_ms']:.0f}",
            f"{e2e['grep']['p50_ms']:.0f}",
            f"{e2e['grep']['ratio_to_caucasus']:.2f}",
        ]
        if with_rg:
            rg = e2e.get("rg")
            row += [f"{rg['p50_ms']:.0f}", f"{rg['ratio_to_caucasus']:.2f}"] if rg else ["—"] * 2
        su_e2e, su_build = e2e.get("sqlite-utils"), size.get("sqlite_utils")
        if with_sqlite_utils:
            row += (
                [f"{su_e2e['p50_ms']:.0f}", f"{su_e2e['ratio_to_caucasus']:.2f}"]
                if su_e2e
                else ["—"] * 2
            )
        row += [check_cell(size["check"]), f"{size['spread']['p50_s']:.2f}"]
        row += [
            f"{fts['p50_ms']:.2f}",
            f"{fts['p95_ms']:.2f}",
            f"{fts['ratio_to_caucasus']:.3f}",
            f"{fts['build_seconds']:.2f}{fmark}",
        ]
        if with_sqlite_utils:
            smark = "*" if su_build and su_build["reused"] else ""
            row += [f"{su_build['build_seconds']:.2f}{smark}" if su_build else "—"]
        rows.append(row)
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def grouping_cell(grouping: dict[str, Any]) -> str:
    value = grouping["kb_per_article"]
    return "not measured" if value is None else f"{value:.2f} ({grouping['pct_of_index']:.1f}%)"


def check_cell(check: dict[str, Any]) -> str:
    """p50 of the claims taken from the index / of those in no article."""
    found, missing = check["found"], check["not_found"]
    return " / ".join("—" if part is None else f"{part['p50_ms']:.0f}" for part in (found, missing))


@dataclass(slots=True)
class Target:
    name: str
    target: str
    measured: str
    met: bool | None  # None: not measured in this run


def evaluate_targets(sizes: list[dict[str, Any]], startup: dict[str, Any]) -> list[Target]:
    """Each target of the issue, met / missed / not measured (None) in this run.

    A target "at 100,000" is shown with the largest size's figure when 100,000 was not
    run, but is judged only at 100,000; a target "from N up" at every size ≥ N run.
    """
    at_target = next((s for s in sizes if s["articles"] == TARGET_SIZE), None)
    probe = at_target or max(sizes, key=lambda s: s["articles"])
    return [
        indexing_rate_target(sizes),
        search_target(probe, at_target is not None),
        sqlite_utils_target(sizes),
        grep_break_even_target(sizes),
        grep_ratio_target(probe, at_target is not None),
        check_target(probe, at_target is not None),
        memory_target(probe, at_target is not None),
        help_target(startup),
        index_size_target(sizes),
    ]


def where(size: dict[str, Any]) -> str:
    return f"at {size['articles']:,}"


def from_size(sizes: list[dict[str, Any]], smallest: int) -> list[dict[str, Any]]:
    return [s for s in sizes if s["articles"] >= smallest]


def every(values: list[bool]) -> bool | None:
    """All true; None (not measured) when there is nothing to judge."""
    return all(values) if values else None


def indexing_rate_target(sizes: list[dict[str, Any]]) -> Target:
    big = from_size(sizes, RATE_FROM_SIZE)
    limit = TARGETS["articles_per_s"]
    rates = [s["indexing"]["articles_per_s"] for s in big]
    return Target(
        "indexing rate, quote extraction included",
        f"≥ {limit:.0f} articles/s at every size from {RATE_FROM_SIZE:,}",
        ", ".join(f"{s['articles']:,}: {r:.0f}/s" for s, r in zip(big, rates, strict=True))
        or f"no size ≥ {RATE_FROM_SIZE:,} in this run",
        every([rate >= limit for rate in rates]),
    )


def search_target(probe: dict[str, Any], judged: bool) -> Target:
    e2e = probe["end_to_end"]["caucasus"]
    median, p95 = e2e["p50_ms"], e2e["p95_ms"]
    met = median <= TARGETS["e2e_ms"] and p95 <= TARGETS["e2e_p95_ms"]
    return Target(
        "`caucasus search` end to end, median and p95",
        f"≤ {TARGETS['e2e_ms']:.0f} ms and ≤ {TARGETS['e2e_p95_ms']:.0f} ms at 100,000",
        f"{median:.0f} ms and {p95:.0f} ms {where(probe)}",
        met if judged else None,
    )


def ratio_text(size: dict[str, Any], peer: str) -> str:
    e2e = size["end_to_end"]
    return (
        f"{e2e[peer]['ratio_to_caucasus']:.2f}× ({e2e['caucasus']['p50_ms']:.0f} vs"
        f" {e2e[peer]['p50_ms']:.0f} ms)"
    )


def ratio_list(sizes: list[dict[str, Any]], peer: str) -> str:
    return ", ".join(f"{s['articles']:,}: {ratio_text(s, peer)}" for s in sizes)


def sqlite_utils_target(sizes: list[dict[str, Any]]) -> Target:
    big = [s for s in from_size(sizes, SQLITE_UTILS_FROM_SIZE) if "sqlite-utils" in s["end_to_end"]]
    installed = any("sqlite-utils" in s["end_to_end"] for s in sizes)
    if not installed:
        measured = "sqlite-utils not installed"
    else:
        measured = ratio_list(big, "sqlite-utils") or (
            f"no size ≥ {SQLITE_UTILS_FROM_SIZE:,} in this run"
        )
    limit = TARGETS["sqlite_utils_ratio"]
    return Target(
        "`caucasus search` faster than `sqlite-utils search` (sqlite-utils ÷ caucasus > 1)",
        f"from {SQLITE_UTILS_FROM_SIZE:,} articles up",
        measured,
        every([s["end_to_end"]["sqlite-utils"]["ratio_to_caucasus"] > limit for s in big]),
    )


def grep_break_even_target(sizes: list[dict[str, Any]]) -> Target:
    big = from_size(sizes, GREP_FROM_SIZE)
    limit = TARGETS["grep_ratio_from"]
    return Target(
        "`caucasus search` break-even with `grep -rilF` (grep ÷ caucasus ≥ 1)",
        f"at {GREP_FROM_SIZE:,} articles at the latest: every size from there up",
        ratio_list(big, "grep") or f"no size ≥ {GREP_FROM_SIZE:,} in this run",
        every([s["end_to_end"]["grep"]["ratio_to_caucasus"] >= limit for s in big]),
    )


def grep_ratio_target(probe: dict[str, Any], judged: bool) -> Target:
    ratio_now = probe["end_to_end"]["grep"]["ratio_to_caucasus"]
    return Target(
        "`caucasus search` against `grep -rilF` (grep ÷ caucasus)",
        f"≥ {TARGETS['grep_ratio']:.0f}× at 100,000",
        f"{ratio_text(probe, 'grep')} {where(probe)}",
        ratio_now >= TARGETS["grep_ratio"] if judged else None,
    )


def check_target(probe: dict[str, Any], judged: bool) -> Target:
    found, missing = probe["check"]["found"], probe["check"]["not_found"]
    limit = TARGETS["check_ms"]
    name = "`caucasus check` end to end, p50 of claims found / not found"
    target = f"≤ {limit:.0f} ms both, at 100,000"
    if found is None or missing is None:
        return Target(name, target, f"no claim taken from the index {where(probe)}", None)
    return Target(
        name,
        target,
        f"{found['p50_ms']:.0f} / {missing['p50_ms']:.0f} ms {where(probe)}",
        max(found["p50_ms"], missing["p50_ms"]) <= limit if judged else None,
    )


def memory_target(probe: dict[str, Any], judged: bool) -> Target:
    indexing = probe["indexing"]
    rss, pss = indexing["peak_rss_tree_mib"], indexing.get("peak_pss_tree_mib", 0)
    return Target(
        "indexing peak memory, process tree (summed RSS)",
        f"≤ {TARGETS['peak_rss_mib']:.0f} MiB at 100,000",
        f"{rss:.0f} MiB {where(probe)} (PSS {pss:.0f} MiB; largest process"
        f" {indexing['peak_rss_single_mib']:.0f} MiB)",
        rss <= TARGETS["peak_rss_mib"] if judged else None,
    )


def help_target(startup: dict[str, Any]) -> Target:
    help_ms = startup["help"]["p50_ms"]
    return Target(
        "`caucasus --help`, median",
        f"≤ {TARGETS['help_ms']:.0f} ms",
        f"{help_ms:.0f} ms",
        help_ms <= TARGETS["help_ms"],
    )


def index_size_target(sizes: list[dict[str, Any]]) -> Target:
    """The index folder per article at the largest size ≥ RATE_FROM_SIZE, against the
    baseline measured before the quote store."""
    big = from_size(sizes, RATE_FROM_SIZE)
    base, limit = BASELINE_INDEX_KB_PER_ARTICLE, TARGETS["index_size_change_pct"]
    target = f"{limit:.0f}% against {base:.2f} kB (2,226 BBC articles, before the quote store)"
    if not big:
        return Target("index size per article", target, f"no size ≥ {RATE_FROM_SIZE:,}", None)
    # Per article an index shrinks as it grows (one term list for more articles): judged
    # at the size nearest the baseline's, not at the largest.
    nearest = min(big, key=lambda s: abs(s["articles"] - BASELINE_ARTICLES))
    kb = nearest["index_size"]["kb_per_article"]
    change = 100 * (kb - base) / base
    return Target(
        "index size per article",
        target,
        f"{kb:.2f} kB {where(nearest)} ({nearest['origin']}), {change:+.1f}%",
        change <= limit,
    )


def targets_text(targets: list[Target], startup: dict[str, Any]) -> str:
    verdict = {True: "met", False: "**missed**", None: "not measured"}
    lines = ["Targets (2-core machine):", ""]
    lines += [f"- {t.name}: {t.measured} — target {t.target}: {verdict[t.met]}" for t in targets]
    search = startup["search_tiny_index"]["p50_ms"]
    uncached = startup["search_tiny_index_no_bytecode_cache"]["p50_ms"]
    imports = startup["imports_search"]
    top = ", ".join(f"{name} {value:.0f}" for name, value in imports["top_packages_ms"].items())
    lines += [
        "",
        f"Start-up: `caucasus search {STARTUP_RARE_WORD}` on a 5-article index {search:.0f} ms"
        f" median ({uncached:.0f} ms without a bytecode cache for the checkout);"
        f" imports {imports['total_ms']:.0f} ms under -X importtime: {top}"
        " (ms, self time by package).",
    ]
    return "\n".join(lines)


def sqlite_utils_note(settings: dict[str, Any]) -> str:
    if settings["sqlite_utils"]:
        return f"{settings['sqlite_utils']} (`search`, FTS5 tokenize={TOKENIZE})"
    return "not installed, its columns are left out (pip install -e '.[bench]')"


def notes_text(result: dict[str, Any]) -> str:
    settings = result["settings"]
    reused = any(
        s["indexing"]["reused"] or s["fts5"]["reused"] or (s["sqlite_utils"] or {}).get("reused")
        for s in result["sizes"]
    )
    lines = [
        f"caucasus run as: {settings['command']}; {settings['rounds']} end-to-end rounds, "
        f"{3 * settings['rounds']} in-process runs per query; "
        f"rg: {'yes' if settings['rg'] else 'not installed'}; "
        f"sqlite-utils: {sqlite_utils_note(settings)}.",
        "index ÷ FTS5 build: caucasus's indexing wall time (a subprocess: start-up and"
        " quote extraction included) over the FTS5 database's build (in process, parsing"
        " included); the same in CPU time (user + system of the indexer and its workers"
        " over this process's CPU time for the FTS5 build) is steadier on a loaded machine.",
        "check e2e ms: p50 of the claims taken from the index / of those in no article;"
        " grouping s: linking a first build's wordings in process; grouping kB/article:"
        " the groups' tables and indexes in quotes.sqlite and the wording keys (their"
        " share of the index folder in brackets).",
        f"Load average at start {result['machine']['load_average_start']}, "
        f"after each size {[s['load_average_after'] for s in result['sizes']]}.",
    ]
    lines += unexpected_verdicts(result["sizes"])
    if reused:
        lines.append(
            "* from the run that built the index / database (reused; --fresh re-measures)."
        )
    return "\n".join(lines)


def unexpected_verdicts(sizes: list[dict[str, Any]]) -> list[str]:
    """A claim taken from the index that `check` did not find, or one in no article that
    it did: the found / not found figures then time something else than they say."""
    lines = []
    for size in sizes:
        for claim in size["check"]["claims"]:
            if claim["from_index"] == (claim["verdict"] == "not_found"):
                lines.append(
                    f"Unexpected at {size['articles']:,}: `check` said {claim['verdict']}"
                    f" (exit {claim['exit']}) for {claim['claim'][:60]!r}."
                )
    return lines


# --- results unchanged ---------------------------------------------------------------


def results_file(path: Path, workdir: Path) -> Path:
    return workdir / "answers.json" if path == DEFAULT_RESULTS else path


def answers_index(setup: Setup, count: int, reuse: bool) -> Path:
    """The index of `count` articles, rebuilt with the code as it is unless `reuse`."""
    size_dir = setup.workdir / f"{setup.origin}-{count}"
    if setup.fresh:
        shutil.rmtree(size_dir, ignore_errors=True)
    articles, _ = prepare_corpus(size_dir, count, setup.origin)
    if not reuse:
        (size_dir / "indexing.json").unlink(missing_ok=True)
    say(f"{count:,} articles: index{' (reused)' if reuse else ''}")
    index, _ = ensure_index(setup.command, setup.env, size_dir, articles)
    return index


def record_results(setup: Setup, sizes: list[int], path: Path) -> int:
    answers, speaker = {}, None
    for count in sizes:
        index = answers_index(setup, count, setup.reuse_index)
        speaker = speaker or pick_speaker(index)
        answers[count] = answer_queries(index, speaker)
    write_results(path, results_document(answers, setup.origin, speaker, git_state()))
    print(
        f"Answers of the {len(QUERIES)} queries at {', '.join(f'{c:,}' for c in sizes)}"
        f" {setup.origin} articles (speaker {speaker}) written to {path}"
    )
    return 0


def compare_results(setup: Setup, path: Path) -> int:
    try:
        document = read_results(path)
    except ResultsFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if document["origin"] != setup.origin:
        print(
            f"error: {path} was recorded on a {document['origin']} corpus, this run would"
            f" use a {setup.origin} one (--no-bbc, or ../shared/data/bbc missing?)",
            file=sys.stderr,
        )
        return 2
    recorded = recorded_answers(document)
    current = {
        count: answer_queries(answers_index(setup, count, setup.reuse_index), document["speaker"])
        for count in recorded
    }
    comparison = compare_answers(recorded, current)
    print(comparison_text(comparison, document))
    return 1 if comparison.differences else 0


# --- main --------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="corpus sizes, comma-separated"
    )
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/caucasus-bench"))
    parser.add_argument("--rounds", type=int, default=5, help="end-to-end rounds per query")
    parser.add_argument("--fresh", action="store_true", help="rebuild corpora and indexes")
    parser.add_argument(
        "--json", type=Path, default=REPO / "benchmarks" / "results" / "latest.json"
    )
    parser.add_argument("--no-bbc", action="store_true", help="synthetic corpus only")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--record-results",
        nargs="?",
        const=DEFAULT_RESULTS,
        type=Path,
        metavar="FILE",
        help="no timing: index each size afresh, write what the 20 queries answer to FILE"
        " (default WORKDIR/answers.json)",
    )
    mode.add_argument(
        "--compare-results",
        nargs="?",
        const=DEFAULT_RESULTS,
        type=Path,
        metavar="FILE",
        help="no timing: index the sizes recorded in FILE afresh and compare the answers"
        " (exit 0 same, 1 different, 2 no usable FILE)",
    )
    parser.add_argument(
        "--reuse-index",
        action="store_true",
        help="with --record-results/--compare-results: use the index already built",
    )
    args = parser.parse_args(argv)
    try:
        args.sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        parser.error("--sizes takes comma-separated whole numbers")
    if not args.sizes or min(args.sizes) < 1 or args.rounds < 1:
        parser.error("sizes and --rounds must be at least 1")
    chosen = args.record_results
    if chosen and chosen != DEFAULT_RESULTS and not results_path_allowed(chosen):
        parser.error(f"results files stay outside the repository (or in {RESULTS_DIR})")
    return args


def results_path_allowed(path: Path) -> bool:
    path = path.resolve()
    return not path.is_relative_to(REPO) or path.is_relative_to(RESULTS_DIR)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    workdir = args.workdir.resolve()
    if workdir.is_relative_to(REPO):
        raise SystemExit(f"--workdir must be outside the repository ({REPO})")
    workdir.mkdir(parents=True, exist_ok=True)
    env = child_env(workdir)
    # This process loads people and variants too: the same (bundled) data as the commands.
    os.environ.update({k: env[k] for k in ("XDG_CONFIG_HOME", "XDG_DATA_HOME")})
    for key in ("CAUCASUS_INDEX", "CAUCASUS_PEOPLE"):
        os.environ.pop(key, None)
    command, command_label = caucasus_command()
    rg = shutil.which("rg")
    found = sqlite_utils_command()
    su_command, su_label = found if found else (None, None)
    origin = "bbc" if not args.no_bbc and bbc_articles() else "synthetic"
    setup = Setup(
        command, env, rg, workdir, origin, args.rounds, args.fresh, su_command, args.reuse_index
    )
    if args.record_results:
        return record_results(setup, args.sizes, results_file(args.record_results, workdir))
    if args.compare_results:
        return compare_results(setup, results_file(args.compare_results, workdir))
    result: dict[str, Any] = {
        "generated": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": machine_facts(rg),
        "code": git_state(),
        "settings": {
            "sizes": args.sizes,
            "workdir": str(workdir),
            "rounds": args.rounds,
            "fresh": args.fresh,
            "origin": origin,
            "command": command_label,
            "rg": rg,
            "sqlite_utils": su_label,
            "limit": LIMIT,
        },
        "queries": [
            {
                **asdict(q),
                "grep": grep_pattern(q),
                "fts5": fts_expression(q),
                "sqlite_utils": "query" if q.since or q.speaker else "search",
            }
            for q in QUERIES
        ],
        "targets_defined": TARGETS,
    }
    say("start-up")
    tiny = ensure_tiny_index(command, env, workdir)
    result["startup"] = time_startup(command, env, tiny, max(3, 2 * args.rounds))
    sizes, speaker = [], None
    for count in args.sizes:
        figures, speaker = bench_size(setup, count, speaker)
        sizes.append(figures)
    result["sizes"] = sizes
    result["speaker"] = speaker
    result["code_after"] = git_state()
    targets = evaluate_targets(sizes, result["startup"])
    result["targets"] = [asdict(t) for t in targets]
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(markdown_table(sizes, with_rg=rg is not None, with_sqlite_utils=su_command is not None))
    print()
    print(notes_text(result))
    print()
    print(targets_text(targets, result["startup"]))
    print(f"\nFigures: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
