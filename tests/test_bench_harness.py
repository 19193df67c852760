"""The benchmark harness: how it judges and reports figures, on a recorded run.

No timing and no ratio of times is asserted: the figures are those of a recorded run
at 30 synthetic articles (tests/inputs/bench_result.json; `pytest -m bench` checks that
a real run still has its shape), with values set by hand where a target is judged.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.report import markdown_table, notes_text
from benchmarks.targets import evaluate_targets, targets_text

REPO = Path(__file__).resolve().parents[1]
RECORDED = Path(__file__).resolve().parent / "inputs" / "bench_result.json"


@pytest.fixture(scope="module")
def result() -> dict:
    return json.loads(RECORDED.read_text(encoding="utf-8"))


def figures_at(size: dict, articles: int, **values: float) -> dict:
    """The recorded figures for one size, as if measured at `articles` with `values`."""
    size = copy.deepcopy(size)
    size["articles"] = articles
    size["indexing"]["articles_per_s"] = values["rate"]
    size["indexing"]["peak_rss_tree_mib"] = values["rss"]
    e2e = size["end_to_end"]
    e2e["caucasus"].update(p50_ms=values["search"], p95_ms=values["search_p95"])
    e2e["grep"].update(ratio_to_caucasus=values["grep"])
    e2e["sqlite-utils"] = {"p50_ms": 1.0, "ratio_to_caucasus": values["sqlite_utils"]}
    size["check"]["found"]["p50_ms"] = values["found"]
    size["check"]["not_found"]["p50_ms"] = values["not_found"]
    size["index_size"]["kb_per_article"] = values["kb"]
    return size


def test_targets_are_judged_at_their_sizes(result):
    (tiny,) = result["sizes"]
    common = {"rss": 500, "search": 140, "search_p95": 290, "sqlite_utils": 1.5}
    sizes = [
        figures_at(tiny, 2_225, rate=410, grep=0.1, found=90, not_found=95, kb=11, **common),
        figures_at(tiny, 22_250, rate=380, grep=0.9, found=90, not_found=95, kb=8, **common),
        figures_at(tiny, 100_000, rate=450, grep=5, found=250, not_found=320, kb=7, **common),
    ]
    met = {t.name: t.met for t in evaluate_targets(sizes, result["startup"])}
    assert met["indexing rate, quote extraction included"] is False  # 380/s at 22,250
    assert met["`caucasus search` end to end, median and p95"] is True
    assert met["`caucasus search` faster than `sqlite-utils search` (sqlite-utils ÷ caucasus > 1)"]
    assert met["`caucasus search` break-even with `grep -rilF` (grep ÷ caucasus ≥ 1)"] is False
    assert met["`caucasus search` against `grep -rilF` (grep ÷ caucasus)"] is True
    assert met["`caucasus check` end to end, p50 of claims found / not found"] is False
    assert met["indexing peak memory, process tree (summed RSS)"] is True
    # Judged at 2,225, the baseline's size: 11 kB is -22% (7 kB at 100,000 would pass).
    assert met["index size per article"] is False


def test_a_tiny_run_judges_only_what_it_can(result):
    targets = evaluate_targets(result["sizes"], result["startup"])
    assert len(targets) == 9
    judged = [target.name for target in targets if target.met is not None]
    assert judged == ["`caucasus --help`, median"]
    text = targets_text(targets, result["startup"])
    assert "14.08 kB" in text and "not measured" in text


def test_the_table_has_a_row_per_size_and_every_column(result):
    table = markdown_table(result["sizes"], with_rg=False, with_sqlite_utils=True)
    header, rule, *rows = table.splitlines()
    for column in (
        "articles",
        "index ÷ FTS5 build",
        "same in CPU time",
        "index kB/article",
        "grouping s",
        "grouping kB/article",
        "grep ÷ caucasus",
        "e2e sqlite-utils ms",
        "check e2e ms (found / not found)",
        "spread e2e s",
    ):
        assert f"| {column} |" in header, column
    assert rule.count("|") == header.count("|")
    assert len(rows) == 1 and rows[0].startswith("| 30 | synthetic |")


def test_without_sqlite_utils_its_columns_are_left_out(result):
    table = markdown_table(result["sizes"], with_rg=False, with_sqlite_utils=False)
    assert "sqlite-utils" not in table


def test_the_notes_name_the_command_and_the_load(result):
    notes = notes_text(result)
    assert "caucasus run as:" in notes and "Load average at start" in notes
    assert "Unexpected at" not in notes


def test_results_files_stay_out_of_the_repository(tmp_path):
    argv = [sys.executable, str(REPO / "benchmarks" / "bench.py"), "--no-bbc"]
    argv += ["--workdir", str(tmp_path), "--record-results", str(REPO / "answers.json")]
    done = subprocess.run(
        argv,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "outside the repository" in done.stderr
    assert not (REPO / "answers.json").exists()
