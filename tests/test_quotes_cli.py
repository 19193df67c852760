"""Who said what, through the command line: speakers, quotes, quote, search --speaker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from caucasus_cli.cli import app
from caucasus_cli.index.sync import sync_index

ABDULLAYEVA_DOC = "002_555f5ba2ef349d98"


@pytest.fixture
def run(seed_index):
    runner = CliRunner()

    def invoke(*args: str, index: Path = seed_index):
        return runner.invoke(app, list(args), env={"CAUCASUS_INDEX": str(index)})

    return invoke


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_quotes_by_surname_lists_all_of_hers_and_no_one_elses(run):
    result = run("quotes", "--speaker", "abdullayeva", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    quotes = jsonl(result.stdout)
    assert len(quotes) >= 6
    assert {q["speaker"] for q in quotes} == {"Leyla Abdullayeva"}
    assert {q["kind"] for q in quotes} == {"direct"}
    idea = [q for q in quotes if "President Ilham Aliyev came up with the idea" in q["text"]]
    assert len(idea) == 1  # a name inside her quote does not make it Aliyev's

    by_full_name = run("quotes", "--speaker", "Leyla Abdullayeva", "--format", "jsonl")
    assert jsonl(by_full_name.stdout) == quotes


def test_nobody_else_is_credited_with_her_sentence(run):
    aliyev = jsonl(run("quotes", "--speaker", "Aliyev", "--kind", "all", "-f", "jsonl").stdout)
    assert aliyev
    assert not any("came up with the idea" in q["text"] for q in aliyev)
    assert {q["speaker"] for q in aliyev} == {"Ilham Aliyev"}


def test_every_listed_quote_can_be_shown_and_cited_at_its_offsets(run):
    listed = jsonl(run("quotes", "--kind", "all", "--format", "jsonl").stdout)
    assert len(listed) > 20
    for item in listed:
        shown = run("quote", item["id"], "--format", "json")
        assert shown.exit_code == 0, shown.stderr
        record = json.loads(shown.stdout)
        for name in ("text", "speaker", "context", "title", "source", "date", "start", "end"):
            assert name in record
        file_text = Path(record["path"]).read_text(encoding="utf-8")
        assert file_text[record["start"] : record["end"]] == record["text"]
        offset = record["start"] - record["context_start"]
        assert record["context"][offset : offset + len(record["text"])] == record["text"]
        assert file_text.count("\n", 0, record["start"]) + 1 == record["line"]


def test_cite_prints_one_line_with_speaker_source_and_place(run):
    bayramov = jsonl(run("quotes", "peaceful settlement", "-f", "jsonl").stdout)[0]
    result = run("quote", bayramov["id"], "--cite")
    assert result.exit_code == 0
    line = result.stdout.strip()
    assert "\n" not in line
    assert "We want a peaceful settlement of the conflict" in line
    assert "Jeyhun Bayramov" in line and "Trend" in line and "Nov.25" in line
    assert f"000_6ceba82ccbfec31b.txt:{bayramov_line(bayramov)}" in line


def bayramov_line(quote: dict) -> int:
    text = Path(quote["path"]).read_text(encoding="utf-8")
    return text.count("\n", 0, quote["start"]) + 1


def test_kind_filter(run):
    direct = jsonl(run("quotes", "--speaker", "Lavrov", "--kind", "direct", "-f", "jsonl").stdout)
    reported = jsonl(
        run("quotes", "--speaker", "Lavrov", "--kind", "indirect", "-f", "jsonl").stdout
    )
    assert direct == []
    assert reported and all(q["kind"] == "indirect" for q in reported)
    assert any(q["speaker_mention"] == "The Russian minister" for q in reported)


def test_unknown_speaker_exits_1_and_suggests_close_names(run):
    result = run("quotes", "--speaker", "Abdulayeva")
    assert result.exit_code == 1
    assert "Leyla Abdullayeva" in result.stderr
    assert result.stdout == ""


def test_speakers_lists_roles_counts_and_aliases(run):
    speakers = json.loads(run("speakers", "--format", "json").stdout)
    by_name = {s["speaker"]: s for s in speakers}
    assert by_name["Jeyhun Bayramov"]["speaker_role"] == "Azerbaijani Foreign Minister"
    assert by_name["Jeyhun Bayramov"]["articles"] == 2  # seeds 000 and 003
    assert "Bayramov" in by_name["Jeyhun Bayramov"]["aliases"]
    assert "Aliev" in by_name["Ilham Aliyev"]["aliases"]
    all_quotes = jsonl(run("quotes", "--kind", "all", "-f", "jsonl").stdout)
    for speaker in speakers:
        mine = [q for q in all_quotes if q["speaker"] == speaker["speaker"]]
        assert speaker["quotes"] == len(mine)
        assert speaker["articles"] == len({q["doc"] for q in mine})


def test_search_keeps_only_articles_quoting_the_speaker(run):
    hits = jsonl(run("search", "peace", "--speaker", "Abdullayeva", "-f", "jsonl").stdout)
    assert [hit["doc"] for hit in hits] == [ABDULLAYEVA_DOC]
    assert run("search", "peace", "--speaker", "Nobody Atall").exit_code == 1


def test_unknown_quote_id(run):
    result = run("quote", "000000000000")
    assert result.exit_code == 1
    assert "no quote" in result.stderr


def test_quote_ids_survive_reindexing_and_context_refuses_a_changed_file(tmp_path, corpus_copy):
    index = tmp_path / "index"
    sync_index(index, [corpus_copy])
    runner = CliRunner()
    env = {"CAUCASUS_INDEX": str(index)}
    before = jsonl(runner.invoke(app, ["quotes", "--kind", "all", "-f", "jsonl"], env=env).stdout)
    sync_index(index, [corpus_copy], rebuild=True)
    after = jsonl(runner.invoke(app, ["quotes", "--kind", "all", "-f", "jsonl"], env=env).stdout)
    assert [q["id"] for q in after] == [q["id"] for q in before]

    target = next(q for q in after if q["doc"] == ABDULLAYEVA_DOC)
    path = Path(target["path"])
    path.write_text("Inserted line.\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    shown = runner.invoke(app, ["quote", target["id"], "-f", "json"], env=env)
    assert shown.exit_code == 0
    assert json.loads(shown.stdout)["context"] is None
    assert "changed since it was indexed" in shown.stderr


def test_quotes_in_a_real_process(seed_index):
    env = {**os.environ, "CAUCASUS_INDEX": str(seed_index)}
    result = subprocess.run(
        [sys.executable, "-m", "caucasus_cli", "quotes", "--speaker", "abdullayeva", "-f", "tsv"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert header.split("\t")[:4] == ["id", "doc", "path", "speaker"]
    assert len(rows) >= 6
    assert all(row.split("\t")[3] == "Leyla Abdullayeva" for row in rows)


def test_every_speaker_comes_with_the_articles_words_naming_them(run):
    listed = jsonl(run("quotes", "--kind", "all", "--format", "jsonl").stdout)
    attributed = [q for q in listed if q["speaker"]]
    assert attributed and len(attributed) < len(listed) + 1
    for quote in listed:
        evidence = quote["speaker_evidence"]
        if quote["speaker"] is None:
            assert evidence is None and quote["attribution"] is None
            continue
        file_text = Path(quote["path"]).read_text(encoding="utf-8")
        assert file_text[evidence["start"] : evidence["end"]] == evidence["text"]
        surname = quote["speaker"].split()[-1]
        assert surname.lower() in file_text.lower()
        assert quote["attribution"] in {
            "named", "pronoun", "role", "follow_on", "headline", "organisation",
        }  # fmt: skip


def test_speakers_count_direct_quotes_as_quotes_speaker_lists_them(run):
    speakers = jsonl(run("speakers", "--format", "jsonl").stdout)
    for speaker in speakers[:4]:
        direct = run("quotes", "--speaker", speaker["speaker"], "--count")
        every = run("quotes", "--speaker", speaker["speaker"], "--kind", "all", "--count")
        assert int(direct.stdout) == speaker["direct"], speaker
        assert int(every.stdout) == speaker["quotes"], speaker
