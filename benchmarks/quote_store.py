"""What the quote store costs and answers: indexing CPU and index size, the answers users
get (to compare two versions), and the latency of check, speakers and --speaker.

    PYTHONPATH=. python benchmarks/quote_store.py index CORPUS_DIR INDEX_DIR [--workers N]
    PYTHONPATH=. python benchmarks/quote_store.py answers INDEX_DIR OUT.json
    PYTHONPATH=. python benchmarks/quote_store.py compare A.json B.json
    PYTHONPATH=. python benchmarks/quote_store.py latency INDEX_DIR

`index` runs `sync_index` in this process (workers=1 by default) and reports CPU seconds
per article and bytes per article of the index folder. `answers` writes what the 20
queries of bench.py, quote searches, speaker listings, quote views, checks and quote
groups return, as JSON; run it with each version's code on PYTHONPATH against an index
that version built, then `compare` the two files. INDEX_DIR and OUT are never inside
the repository's tracked files unless you put them there.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from caucasus_cli.index.store import CorpusIndex
from caucasus_cli.index.sync import sync_index
from caucasus_cli.models import QuoteKind
from caucasus_cli.search.articles import SearchOptions, search_articles
from caucasus_cli.search.check import check_claim
from caucasus_cli.search.quotes import (
    QuoteFilter,
    QuoteListing,
    list_speakers,
    quote_in_context,
    resolve_speaker,
    stream_quotes,
)

QUOTE_QUERIES = (
    "economy",
    '"prime minister"',
    "Blair",
    "oil OR gas",
    "minist*",
    "growht~",
    "said NOT blair",
    "election",
)
SPEAKER_NAMES = ("Blair", "Brown", "Tony Blair", "Blaire")


def index_command(corpus: Path, index: Path, workers: int) -> None:
    if index.exists():
        shutil.rmtree(index)
    cpu, wall = time.process_time(), time.perf_counter()
    report = sync_index(index, [corpus], workers=workers)
    cpu = time.process_time() - cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu += children.ru_utime + children.ru_stime
    size = sum(entry.stat().st_size for entry in index.iterdir() if entry.is_file())
    wall = time.perf_counter() - wall
    print(
        f"{report.articles} articles, {report.quotes} quotes: CPU {cpu:.1f} s "
        f"({cpu / report.articles * 1000:.2f} ms/article), wall {wall:.1f} s, "
        f"index {size / 1e6:.2f} MB ({size / report.articles / 1e3:.2f} kB/article)"
    )


def list_quotes(index: CorpusIndex, wanted: QuoteFilter) -> QuoteListing:
    """Every quote `wanted`, as the answers recorded before stream_quotes compare."""
    stream = stream_quotes(index, wanted)
    return QuoteListing(quotes=list(stream.quotes), total=stream.total)


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def answers_command(index_dir: Path, out: Path) -> None:
    from benchmarks.bench import QUERIES
    from caucasus_cli.search.groups import quote_group

    index = CorpusIndex(index_dir)
    found: dict[str, object] = {}
    speakers = list_speakers(index)
    found["speakers"] = _plain(speakers)
    top = speakers[0].speaker if speakers else "nobody"
    for q in QUERIES:
        options = SearchOptions(query=q.text, limit=20)
        if q.since:
            options.since = dt.date.fromisoformat(q.since)
        if q.speaker:
            options.speaker_keys = resolve_speaker(index, top).keys
        found[f"search {q.label}"] = _plain(search_articles(index, options))
    for text in QUOTE_QUERIES:
        for label, kind in (("direct", QuoteKind.DIRECT), ("all", None)):
            wanted = QuoteFilter(query=text, kind=kind, limit=30)
            found[f"quotes {text} {label}"] = _plain(list_quotes(index, wanted))
    everything = list_quotes(index, QuoteFilter(kind=None))
    found["quotes all"] = _plain(everything)
    for name in (top, *SPEAKER_NAMES):
        match = resolve_speaker(index, name)
        found[f"resolve {name}"] = _plain(match)
        wanted = QuoteFilter(speaker_keys=match.keys, kind=None, limit=50)
        found[f"quotes --speaker {name}"] = _plain(list_quotes(index, wanted))
    top_keys = resolve_speaker(index, top).keys
    for quote in everything.quotes[::97]:
        found[f"quote {quote.id}"] = _plain(quote_in_context(index, quote.id))
        found[f"check {quote.id}"] = _plain(check_claim(index, quote.text))
        found[f"check --speaker {quote.id}"] = _plain(
            check_claim(index, quote.text, speaker_keys=top_keys, speaker=top)
        )
        found[f"group {quote.id}"] = _plain(quote_group(index, quote))
    out.write_text(json.dumps(found, indent=1, sort_keys=True, default=str), encoding="utf-8")
    print(f"{len(found)} answers written to {out}")


def compare_command(first: Path, second: Path) -> int:
    a = json.loads(first.read_text(encoding="utf-8"))
    b = json.loads(second.read_text(encoding="utf-8"))
    differ = sorted(key for key in a.keys() | b.keys() if a.get(key) != b.get(key))
    print(f"{len(a)} and {len(b)} answers; {len(differ)} differ")
    for key in differ[:20]:
        print(f"  differs: {key}")
    return 1 if differ else 0


def _median_ms(run, rounds: int = 5) -> float:
    run()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def latency_command(index_dir: Path) -> None:
    index = CorpusIndex(index_dir)
    said = list(
        stream_quotes(index, QuoteFilter(query="minister", kind=QuoteKind.DIRECT, limit=1)).quotes
    )
    claims = {
        "found": said[0].text if said else "minister",
        "not found, common words": "we will not accept any proposal from the government "
        "that says the people must wait",
        "not found, rare words": "the purple giraffes of Zanzibar negotiated cheese tariffs",
    }
    for label, claim in claims.items():
        verdict = check_claim(index, claim).verdict
        ms = _median_ms(lambda claim=claim: check_claim(index, claim))
        print(f"in process: check [{label}] {ms:.0f} ms ({verdict})")

    def fresh_speakers():
        index.__dict__.pop("speakers", None)  # as a new command would: table read again
        return list_speakers(index)

    def fresh_resolve():
        index.__dict__.pop("speakers", None)
        return resolve_speaker(index, "Blair")

    print(f"in process: speakers {_median_ms(fresh_speakers):.0f} ms")
    print(f"in process: resolve --speaker Blair {_median_ms(fresh_resolve):.0f} ms")
    commands = {
        f"check [{label}]": ["check", claim, "--format", "json"] for label, claim in claims.items()
    }
    commands["speakers"] = ["speakers", "--format", "json"]
    commands["quotes --speaker Blair"] = ["quotes", "--speaker", "Blair", "--limit", "5"]
    for label, args in commands.items():
        command = [sys.executable, "-m", "caucasus_cli", *args, "--index", str(index_dir)]
        ms = _median_ms(lambda command=command: subprocess.run(command, capture_output=True))
        print(f"end to end: {label} {ms:.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    index = commands.add_parser("index")
    index.add_argument("corpus", type=Path)
    index.add_argument("index", type=Path)
    index.add_argument("--workers", type=int, default=1)
    answers = commands.add_parser("answers")
    answers.add_argument("index", type=Path)
    answers.add_argument("out", type=Path)
    compare = commands.add_parser("compare")
    compare.add_argument("first", type=Path)
    compare.add_argument("second", type=Path)
    latency = commands.add_parser("latency")
    latency.add_argument("index", type=Path)
    args = parser.parse_args()
    if args.command == "index":
        index_command(args.corpus, args.index, args.workers)
    elif args.command == "answers":
        answers_command(args.index, args.out)
    elif args.command == "compare":
        return compare_command(args.first, args.second)
    else:
        latency_command(args.index)
    return 0


if __name__ == "__main__":
    sys.exit(main())
