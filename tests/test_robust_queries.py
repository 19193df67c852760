"""Queries and claim files that used to escape their bounds."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from caucasus_cli.cli import app


def test_not_query_lists_articles_only_each_once(seed_index):
    runner = CliRunner()
    env = {"CAUCASUS_INDEX": str(seed_index)}
    everything = runner.invoke(app, ["search", "Karabakh OR peace OR said", "-f", "jsonl"], env=env)
    for query in ("NOT peace", "NOT (Bayramov OR Lavrov)", "said NOT peace"):
        result = runner.invoke(app, ["search", query, "-f", "jsonl", "--limit", "50"], env=env)
        hits = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
        docs = [hit["doc"] for hit in hits]
        assert len(docs) == len(set(docs)), (query, docs)  # no article once per quote
        assert all(hit["title"] for hit in hits), query  # quote documents have no title
        assert len(docs) <= 5, (query, docs)  # five seed articles
    assert everything.exit_code == 0


def test_check_file_without_line_breaks_stops_at_the_line_limit(tmp_path, seed_index):
    endless = tmp_path / "endless.txt"
    endless.write_bytes(b"a" * 300_000)  # one "line" far longer than any claim
    result = CliRunner().invoke(app, ["check", "--file", str(endless), "--index", str(seed_index)])
    assert result.exit_code == 2, (result.stderr, result.exception)
    assert "line 1" in result.stderr and "longer than" in result.stderr


def test_check_file_reads_claims_line_by_line(tmp_path, seed_index):
    claims = tmp_path / "claims.txt"
    claims.write_text(
        "We want a peaceful settlement of the conflict\n\n   \nZyxnothing was ever said here\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["check", "--file", str(claims), "--index", str(seed_index), "-f", "jsonl"]
    )
    verdicts = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(verdicts) == 2, result.stdout
