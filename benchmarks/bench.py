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

What is measured, on the same files and the same 20 queries (QUERIES in queries.py),
each by its own module (indexing.py, in_process.py, fts5.py, end_to_end.py,
quoting.py, grouping.py, startup.py; targets.py judges, report.py prints):

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
import os
import shutil
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

# Run as a script (python benchmarks/bench.py): the checkout, so that `benchmarks` and
# `caucasus_cli` import as packages.
if str(Path(__file__).resolve().parents[1]) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.answers import (
    ResultsFileError,
    answer_queries,
    compare_answers,
    comparison_text,
    read_results,
    recorded_answers,
    results_document,
    write_results,
)
from benchmarks.common import REPO, ratio, say
from benchmarks.corpora import prepare_corpus
from benchmarks.end_to_end import SqliteUtilsPeer, time_end_to_end
from benchmarks.environment import caucasus_command, child_env, git_state, machine_facts
from benchmarks.fts5 import ensure_fts, ensure_sqlite_utils, speaker_keys, time_fts
from benchmarks.grouping import measure_grouping
from benchmarks.in_process import pick_speaker, time_in_process
from benchmarks.indexing import ensure_index, index_size
from benchmarks.queries import LIMIT, QUERIES, fts_expression, grep_pattern
from benchmarks.quoting import bench_claims, time_quote_commands
from benchmarks.report import markdown_table, notes_text
from benchmarks.sqlite_utils_peer import (
    sqlite_utils_command,
)
from benchmarks.startup import ensure_tiny_index, time_startup
from benchmarks.synthetic import bbc_articles
from benchmarks.targets import TARGETS, evaluate_targets, targets_text

RESULTS_DIR = REPO / "benchmarks" / "results"  # git-ignored
DEFAULT_RESULTS = Path("WORKDIR/answers.json")  # stands for the work dir's answers.json


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
