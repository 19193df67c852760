"""The benchmark keeps working: run it at a tiny size (no timing is asserted here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "benchmarks" / "bench.py"


def test_benchmark_runs_at_a_tiny_size(tmp_path):
    out = tmp_path / "results.json"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH),
            "--sizes",
            "30",
            "--rounds",
            "1",
            "--no-bbc",
            "--workdir",
            str(tmp_path / "work"),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "| articles | corpus | index s |" in done.stdout
    assert "| 30 | synthetic |" in done.stdout
    assert "Targets" in done.stdout

    result = json.loads(out.read_text(encoding="utf-8"))
    assert {"machine", "settings", "queries", "startup", "sizes", "targets"} <= result.keys()
    assert result["machine"]["cpu_count"] >= 1
    assert result["machine"]["whoosh"]
    assert len(result["queries"]) == 20
    assert result["startup"]["help"]["p50_ms"] > 0
    assert result["startup"]["search_tiny_index"]["p50_ms"] > 0
    assert result["startup"]["search_tiny_index_no_bytecode_cache"]["p50_ms"] > 0

    (size,) = result["sizes"]
    assert size["articles"] == 30 and size["origin"] == "synthetic"
    indexing = size["indexing"]
    assert indexing["articles"] == 30
    assert indexing["articles_per_s"] > 0 and indexing["quotes"] > 0
    assert indexing["peak_rss_tree_mib"] > 0 and indexing["peak_rss_single_mib"] > 0
    assert indexing["peak_pss_tree_mib"] > 0
    assert size["in_process"]["p50_ms"] > 0 and size["in_process"]["p95_ms"] > 0
    assert len(size["in_process"]["per_query"]) == 20
    assert size["fts5"]["p50_ms"] > 0 and size["fts5"]["articles"] == 30
    e2e = size["end_to_end"]
    assert e2e["caucasus"]["p50_ms"] > 0 and e2e["grep"]["p50_ms"] > 0
    assert e2e["grep"]["ratio_to_caucasus"] > 0
    # The corpus is about the conflict: the name-variant query finds articles.
    assert size["in_process"]["per_query"]["Qarabağ (variants)"]["hits"] > 0
    assert {t["name"] for t in result["targets"]}
