"""The results-unchanged check: what the 20 benchmark queries answer, recorded and compared.

`bench.py --record-results FILE` writes, for each corpus size, each query's total and
its top 20 articles in rank order (with their scores); `--compare-results FILE` indexes
the same corpora with the code as it is now and says which query answers differently.
So a change made for speed can show that the 20 queries still answer the same.

Articles whose scores tie may come back in another order when the index is rebuilt (the
parallel writers decide the document numbers, and Whoosh breaks ties by document
number): a reordering inside a tie, or another member of a tie cut by the limit, is
reported but does not count as a difference.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.queries import LIMIT, QUERIES, run_query
from caucasus_cli.index.store import CorpusIndex

FORMAT = 1
SCORE_DIGITS = 6  # scores equal to this many decimals are a tie


@dataclass(slots=True)
class Answer:
    total: int
    hits: list[tuple[str, float]]  # (doc id, score) in rank order


@dataclass(slots=True)
class Difference:
    articles: int
    query: str
    what: str


@dataclass(slots=True)
class Comparison:
    differences: list[Difference] = field(default_factory=list)
    ties_reordered: list[str] = field(default_factory=list)  # "size: query"
    compared: int = 0


def answer_queries(index_dir: Path, speaker: str) -> dict[str, Answer]:
    """Each benchmark query's answer on the index, run in process as the CLI runs it."""
    answers: dict[str, Answer] = {}
    with CorpusIndex(index_dir) as index:
        for q in QUERIES:
            result = run_query(index, q, speaker)
            if result is None:
                answers[q.label] = Answer(0, [])
                continue
            answers[q.label] = Answer(
                total=result.total,
                hits=[(hit.doc, round(hit.score, SCORE_DIGITS)) for hit in result.hits],
            )
    return answers


def results_document(
    sizes: dict[int, dict[str, Answer]], origin: str, speaker: str, code: dict[str, Any]
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "recorded": dt.datetime.now().isoformat(timespec="seconds"),
        "code": code,
        "origin": origin,
        "speaker": speaker,
        "limit": LIMIT,
        "sizes": {
            str(count): {label: asdict(answer) for label, answer in answers.items()}
            for count, answers in sizes.items()
        },
    }


def write_results(path: Path, document: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


class ResultsFileError(Exception):
    pass


def read_results(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ResultsFileError(f"cannot read {path}: {error.strerror}") from None
    except ValueError:
        raise ResultsFileError(f"{path} is not a results file (not JSON)") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ResultsFileError(f"{path} is not a results file of format {FORMAT}")
    return document


def recorded_answers(document: dict[str, Any]) -> dict[int, dict[str, Answer]]:
    return {
        int(count): {
            label: Answer(a["total"], [tuple(h) for h in a["hits"]]) for label, a in answers.items()
        }
        for count, answers in document["sizes"].items()
    }


def compare_answers(
    recorded: dict[int, dict[str, Answer]], current: dict[int, dict[str, Answer]]
) -> Comparison:
    comparison = Comparison()
    for count, before in recorded.items():
        after = current.get(count, {})
        for label, old in before.items():
            new = after.get(label)
            comparison.compared += 1
            if new is None:
                comparison.differences.append(Difference(count, label, "not answered now"))
                continue
            what = answer_difference(old, new)
            if what:
                comparison.differences.append(Difference(count, label, what))
            elif old.hits != new.hits:
                comparison.ties_reordered.append(f"{count:,}: {label}")
    return comparison


def answer_difference(old: Answer, new: Answer) -> str | None:
    """What differs between two answers to one query; None when they are the same
    (tied articles in another order, or another member of a tie cut by the limit, count
    as the same)."""
    if old.total != new.total:
        return f"total {old.total} → {new.total}"
    if len(old.hits) != len(new.hits):
        return f"{len(old.hits)} articles shown → {len(new.hits)}"
    if old.hits == new.hits:
        return None
    old_groups, new_groups = tie_groups(old.hits), tie_groups(new.hits)
    cut = len(old.hits) == LIMIT  # the last tie may go on past the limit
    if same_up_to_ties(old_groups, new_groups, last_may_differ=cut):
        return None
    rank = next(i for i, (a, b) in enumerate(zip(old.hits, new.hits, strict=True)) if a != b)
    return f"rank {rank + 1}: {describe(old.hits[rank])} → {describe(new.hits[rank])}"


def tie_groups(hits: list[tuple[str, float]]) -> list[tuple[float, list[str]]]:
    """Consecutive hits of equal score, as (score, doc ids sorted)."""
    groups: list[tuple[float, list[str]]] = []
    for doc, score in hits:
        if groups and groups[-1][0] == score:
            groups[-1][1].append(doc)
        else:
            groups.append((score, [doc]))
    return [(score, sorted(docs)) for score, docs in groups]


def same_up_to_ties(
    old: list[tuple[float, list[str]]],
    new: list[tuple[float, list[str]]],
    *,
    last_may_differ: bool,
) -> bool:
    if len(old) != len(new):
        return False
    if not last_may_differ:
        return old == new
    if old[:-1] != new[:-1]:
        return False
    (old_score, old_docs), (new_score, new_docs) = old[-1], new[-1]
    return old_score == new_score and len(old_docs) == len(new_docs)


def describe(hit: tuple[str, float]) -> str:
    return f"{hit[0]} (score {hit[1]:g})"


def comparison_text(comparison: Comparison, document: dict[str, Any]) -> str:
    code = document.get("code", {})
    modified = " with uncommitted package changes" if code.get("package_modified") else ""
    head = f"Against {document['recorded']} (commit {code.get('commit', '?')}{modified}): "
    lines = []
    if comparison.differences:
        lines.append(
            head + f"{len(comparison.differences)} of {comparison.compared} answers differ."
        )
        lines += [f"  {d.articles:,} articles, {d.query}: {d.what}" for d in comparison.differences]
    else:
        lines.append(head + f"all {comparison.compared} answers are the same.")
    if comparison.ties_reordered:
        lines.append(
            "  Tied articles in another order (not a difference): "
            + "; ".join(comparison.ties_reordered)
        )
    return "\n".join(lines)
