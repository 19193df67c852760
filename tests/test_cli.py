"""The real command line: Typer's CliRunner in-process, and `caucasus` as a subprocess."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from caucasus_cli.cli import app

ALIYEV_DOC = "001_7e16cc46a88fe3df"


@pytest.fixture
def run(seed_index):
    """run(*args) -> result of `caucasus ARGS` against the seed index."""
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None):
        return runner.invoke(
            app, list(args), env={"CAUCASUS_INDEX": str(seed_index), **(env or {})}
        )

    return invoke


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_search_jsonl_lists_the_aliyev_article_first(run):
    result = run("search", "peace agreement", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    hits = jsonl(result.stdout)
    assert hits[0]["doc"] == ALIYEV_DOC
    assert hits[0]["source"] == "JAMnews"
    assert hits[0]["date"] == "2021-09-25"
    assert set(hits[0]) == {
        "rank", "doc", "path", "url", "title", "source", "place", "date", "date_text", "score",
        "snippet", "matches",
    }  # fmt: skip
    assert Path(hits[0]["path"]).name == f"{ALIYEV_DOC}.txt"


def test_json_csv_and_tsv_carry_the_same_fields(run):
    as_json = json.loads(run("search", "Bayramov", "-f", "json").stdout)
    as_csv = list(csv.DictReader(io.StringIO(run("search", "Bayramov", "-f", "csv").stdout)))
    tsv_lines = run("search", "Bayramov", "-f", "tsv").stdout.splitlines()
    assert [row["doc"] for row in as_csv] == [hit["doc"] for hit in as_json]
    header = tsv_lines[0].split("\t")
    assert header == list(as_csv[0].keys())
    assert len(tsv_lines) == len(as_json) + 1
    assert all(len(line.split("\t")) == len(header) for line in tsv_lines)


def test_nothing_found_exits_1_with_nothing_on_stdout(run):
    result = run("search", "Eurovision", "--format", "jsonl")
    assert result.exit_code == 1
    assert result.stdout == ""


def test_malformed_query_exits_2_with_one_line_and_no_traceback(run):
    result = run("search", "title:(")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "unbalanced parenthesis" in result.stderr
    assert "Traceback" not in result.stderr


def test_did_you_mean_goes_to_stderr(run):
    result = run("search", "negotiatons")
    assert result.exit_code == 1
    assert "did you mean: negotiations" in result.stderr


def test_variants_from_the_command_line(run):
    for query, doc in [("Nakhchivan", ALIYEV_DOC), ("Aliev", ALIYEV_DOC)]:
        result = run("search", query, "-f", "jsonl")
        assert doc in [hit["doc"] for hit in jsonl(result.stdout)]
    assert run("search", "Nakhchivan", "--exact").exit_code == 1


def test_filters_from_the_command_line(run):
    result = run("search", "Armenia", "--since", "2021-01-01", "-f", "jsonl")
    assert [hit["doc"] for hit in jsonl(result.stdout)] == [ALIYEV_DOC]
    trend = run("search", "Bayramov", "--source", "Trend", "-f", "jsonl")
    assert {hit["source"] for hit in jsonl(trend.stdout)} == {"Trend"}
    bad_date = run("search", "Armenia", "--since", "25/09/2021")
    assert bad_date.exit_code == 2


def test_plain_text_when_piped(run):
    result = run("search", "Lavrov")
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout  # no colour codes
    assert "Karabakh conflict .. Russia declares ceasefire" in result.stdout


def test_table_format_without_colour_under_no_color(run):
    result = run("search", "Lavrov", "--format", "table", env={"NO_COLOR": "1", "COLUMNS": "160"})
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    assert "Russia declares" in result.stdout


def test_show_gives_the_article_record(run):
    result = run("show", "002_555f5ba2ef349d98", "--format", "json")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["title"].startswith('"We are serious about the process')
    assert record["source"] is None and record["date"] is None
    assert "Leyla Abdullayeva" in record["body"]


def test_show_accepts_a_unique_prefix_and_reports_unknown_ids(run):
    assert json.loads(run("show", "003", "-f", "json").stdout)["date"] == "2020-10-31"
    missing = run("show", "999")
    assert missing.exit_code == 1
    assert "no article '999'" in missing.stderr
    ambiguous = run("show", "00")
    assert ambiguous.exit_code == 1
    assert ALIYEV_DOC in ambiguous.stderr


def test_index_reports_a_summary_and_is_incremental(tmp_path, corpus_copy):
    runner = CliRunner()
    env = {"CAUCASUS_INDEX": str(tmp_path / "index")}
    first = runner.invoke(app, ["index", str(corpus_copy)], env=env)
    assert first.exit_code == 0, first.stderr
    assert "5 added" in first.stderr
    again = runner.invoke(app, ["index"], env=env)
    assert "0 added" in again.stderr and "5 unchanged" in again.stderr


def test_index_summary_counts_one_quote_in_the_singular(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "Talks resume in Geneva\n\n"
        '"We are ready to sign," the Ruritanian foreign minister Jon Roe told reporters.\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["index", str(folder)], env={"CAUCASUS_INDEX": str(tmp_path / "i")}
    )
    assert result.exit_code == 0, result.stderr
    assert "; 1 quote extracted;" in result.stderr


def _caucasus_command() -> list[str]:
    script = Path(sys.executable).with_name("caucasus")
    if not script.exists():
        pytest.fail("the `caucasus` script is not installed next to this Python (pip install .)")
    return [str(script)]


def test_installed_command_builds_the_default_index_from_any_directory(tmp_path):
    """The first search with no index builds one from the bundled corpus, saying so."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "NO_COLOR": "1"}
    env.pop("CAUCASUS_INDEX", None)
    empty = tmp_path / "somewhere"
    empty.mkdir()
    result = subprocess.run(
        [*_caucasus_command(), "search", "peace agreement", "--format", "jsonl"],
        cwd=empty, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert jsonl(result.stdout)[0]["doc"] == ALIYEV_DOC
    assert "building one from the bundled corpus" in result.stderr
    assert (tmp_path / "data" / "caucasus" / "index" / "caucasus.json").is_file()

    again = subprocess.run(
        [*_caucasus_command(), "search", "peace agreement", "--format", "jsonl"],
        cwd=empty, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert "building" not in again.stderr
    assert again.stdout == result.stdout


def test_python_dash_m_and_exit_codes_in_a_real_process(seed_index, tmp_path):
    env = {**os.environ, "CAUCASUS_INDEX": str(seed_index)}
    command = [sys.executable, "-m", "caucasus_cli"]
    found = subprocess.run([*command, "search", "Lavrov"], env=env, capture_output=True, text=True)
    assert found.returncode == 0
    assert "\x1b[" not in found.stdout
    missing = subprocess.run([*command, "search", "Eurovision"], env=env, capture_output=True)
    assert missing.returncode == 1
    bad = subprocess.run([*command, "search", "title:("], env=env, capture_output=True, text=True)
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_version_and_help_need_no_index(tmp_path):
    runner = CliRunner()
    env = {"CAUCASUS_INDEX": str(tmp_path / "never-built")}
    version = runner.invoke(app, ["--version"], env=env)
    assert version.exit_code == 0
    assert version.stdout.startswith("caucasus ")
    helped = runner.invoke(app, ["--help"], env=env)
    assert helped.exit_code == 0
    assert "check" in helped.stdout and "quotes" in helped.stdout
    assert not (tmp_path / "never-built").exists()


def test_index_without_paths_starts_from_the_bundled_corpus(tmp_path):
    runner = CliRunner()
    env = {"CAUCASUS_INDEX": str(tmp_path / "index")}
    first = runner.invoke(app, ["index"], env=env)
    assert first.exit_code == 0, first.stderr
    assert "5 added" in first.stderr
    assert "5 unchanged" in runner.invoke(app, ["index"], env=env).stderr
