"""A record is the unit of failure: one bad record, line or file costs only itself.

Each folder below holds one hostile file among good ones, as a journalist's scrape
or a colleague's export would: the run exits 0, says one warning line naming the
file (and the record's line), and every good record is searchable.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from caucasus_cli.cli import app
from caucasus_cli.ingest import reader
from caucasus_cli.ingest.formats import articles_from_file
from caucasus_cli.ingest.reader import SkippedFile, find_article_files, read_article_file

GOOD_TEXT = (
    "Foreign ministers of Armenia and Azerbaijan met in Moscow on Friday for talks on a "
    'humanitarian ceasefire. "We are ready to continue the dialogue," Sergei Lavrov said.'
)


def record(key: str, title: str, text: str = GOOD_TEXT) -> str:
    return json.dumps({"id": key, "title": title, "text": text, "source": "Wire"})


def good_feed(folder: Path) -> None:
    """A neighbour feed and article that must be indexed whatever else is in the folder."""
    (folder / "neighbours.jsonl").write_text(
        record("n1", "Ceasefire talks in Moscow") + "\n" + record("n2", "Lachin corridor") + "\n",
        encoding="utf-8",
    )
    (folder / "briefing.txt").write_text(
        "Shusha briefing\n\nThe governor of Shusha spoke to reporters on Monday.\n",
        encoding="utf-8",
    )


@pytest.fixture
def cli(tmp_path):
    runner = CliRunner()
    env = {"CAUCASUS_INDEX": str(tmp_path / "index")}

    def invoke(*args: str):
        return runner.invoke(app, list(args), env=env)

    return invoke


def warnings_of(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if "caucasus: warning: " in line]


def search_docs(cli, query: str) -> list[str]:
    result = cli("search", query, "--format", "jsonl", "--limit", "50")
    return [json.loads(line)["doc"] for line in result.stdout.splitlines() if line.strip()]


# --- invalid text: lone surrogates and NULs -----------------------------------------


def test_a_lone_surrogate_in_a_record_is_replaced_and_the_run_and_the_next_succeed(tmp_path, cli):
    folder = tmp_path / "feeds"
    folder.mkdir()
    good_feed(folder)
    # `"x\udfff"` is valid JSON, and Python reads it as a string no UTF-8 writer takes.
    bad = '{"id": "s1", "title": "Karabakh x\\udfff", "text": "Talks on Karabakh resumed."}'
    (folder / "poisoned.jsonl").write_text(
        record("p0", "Lachin talks") + "\n" + bad + "\n", encoding="utf-8"
    )
    result = cli("index", str(folder))
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    [warning] = warnings_of(result)
    assert "poisoned.jsonl:2:" in warning and "replaced" in warning
    assert "poisoned#s1" in search_docs(cli, "Karabakh")
    assert {"neighbours#n1", "neighbours#n2", "poisoned#p0"} <= set(search_docs(cli, "ceasefire"))
    shown = json.loads(cli("show", "poisoned#s1", "--format", "json").stdout)
    assert shown["title"] == "Karabakh x\ufffd"
    (folder / "later.txt").write_text("Later\n\nTalks in Geneva went on.\n", encoding="utf-8")
    again = cli("index", str(folder))
    assert again.exit_code == 0, again.stderr
    assert "later" in search_docs(cli, "Geneva")


def test_a_lone_surrogate_in_a_pages_json_ld_headline_is_replaced(tmp_path, cli):
    folder = tmp_path / "pages"
    folder.mkdir()
    good_feed(folder)
    (folder / "talks.html").write_text(
        "<html><head><script type='application/ld+json'>"
        '{"@type": "NewsArticle", "headline": "Talks in Moscow \\ud800"}</script></head>'
        f"<body><article><p>{GOOD_TEXT}</p><p>The talks lasted ten hours, officials said "
        "after the meeting ended late on Friday night.</p></article></body></html>",
        encoding="utf-8",
    )
    result = cli("index", str(folder))
    assert result.exit_code == 0, result.stderr
    [warning] = warnings_of(result)
    assert "talks.html:" in warning and "in title replaced" in warning
    assert "talks" in search_docs(cli, "Lavrov")


def test_a_nul_byte_costs_no_record_of_its_feed(tmp_path, cli):
    folder = tmp_path / "feeds"
    folder.mkdir()
    good_feed(folder)
    (folder / "scrape.jsonl").write_bytes(
        (record("a", "Ceasefire holds") + "\n").encode()
        + b'{"id": "b", "title": "Shusha\x00", "text": "Shelling near Shusha overnight."}\n'
        + (record("c", "Talks go on") + "\n").encode()
        + b'{"id": "d", "title": "Escaped", "text": "Lachin road \\u0000 reopened."}\n'
    )
    result = cli("index", str(folder))
    assert result.exit_code == 0, result.stderr
    assert [w.split("warning: ", 1)[1].split(": ")[0] for w in warnings_of(result)] == [
        f"{folder / 'scrape.jsonl'}:2",
        f"{folder / 'scrape.jsonl'}:4",
    ]
    assert {"scrape#a", "scrape#c"} <= set(search_docs(cli, "ceasefire"))
    assert "scrape#b" in search_docs(cli, "Shusha")
    assert "scrape#d" in search_docs(cli, "Lachin")


def test_a_record_nested_a_hundred_thousand_deep_is_one_warning(tmp_path, cli):
    folder = tmp_path / "feeds"
    folder.mkdir()
    good_feed(folder)
    deep = '{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}"
    fields = '{"id": "deep2", "text": "x", "title": ' + "[" * 900 + "]" * 900 + "}"
    (folder / "nested.jsonl").write_text(
        "\n".join([record("a", "Before"), deep, fields, record("b", "After")]) + "\n",
        encoding="utf-8",
    )
    result = cli("index", str(folder))
    assert result.exit_code == 0, result.stderr
    assert "RecursionError" not in result.stderr
    warned = {w.split("warning: ", 1)[1].split(": ")[0] for w in warnings_of(result)}
    assert f"{folder / 'nested.jsonl'}:2" in warned
    assert {"nested#a", "nested#b"} <= set(search_docs(cli, "ceasefire"))


def test_a_feed_of_utf8_and_cp1252_lines_is_decoded_line_by_line(tmp_path, cli):
    folder = tmp_path / "feeds"
    folder.mkdir()
    good_feed(folder)
    utf8 = json.dumps(
        {"id": "az", "text": "Qarabağ: the ceasefire held overnight, officials said."},
        ensure_ascii=False,
    ).encode("utf-8")
    cp1252 = json.dumps(
        {"id": "fr", "text": "The café in Stepanakert \u201creopened\u201d on Sunday."},
        ensure_ascii=False,
    ).encode("cp1252")
    (folder / "merged.jsonl").write_bytes(utf8 + b"\n" + cp1252 + b"\n")
    result = cli("index", str(folder))
    assert result.exit_code == 0, result.stderr
    [warning] = warnings_of(result)
    assert "merged.jsonl: not UTF-8; decoded as cp1252 on line 2 (the rest utf-8)" in warning
    assert "merged#az" in search_docs(cli, "Qarabağ")
    shown = json.loads(cli("show", "merged#az", "--format", "json").stdout)
    assert "Qarabağ" in f"{shown['title']} {shown['body']}"
    assert "merged#fr" in search_docs(cli, "café")


def test_a_stray_csv_quote_is_reported_not_merged_into_one_record(tmp_path, cli):
    folder = tmp_path / "exports"
    folder.mkdir()
    good_feed(folder)
    (folder / "archive.csv").write_text(
        "id,title,text\n"
        '1,"Talks resume,Officials met in Baku on Monday.\n'
        "2,Shusha,Shelling was reported near Shusha.\n"
        "3,Lachin,The Lachin road was closed for a day.\n"
        '4,Kalbajar,"Residents of Kalbajar, officials said, left."\n'
        "5,Agdam,Mine clearing went on in Agdam.\n",
        encoding="utf-8",
    )
    result = cli("index", str(folder))
    assert result.exit_code == 0, result.stderr
    [warning] = warnings_of(result)
    assert "archive.csv:2: a stray quote" in warning
    for place, doc in [("Shusha", "archive#2"), ("Lachin", "archive#3"), ("Agdam", "archive#5")]:
        assert doc in search_docs(cli, place), place
    shown = json.loads(cli("show", "archive#4", "--format", "json").stdout)
    assert shown["body"] == "Residents of Kalbajar, officials said, left."


def test_the_real_command_keeps_the_good_records_of_a_poisoned_folder(tmp_path):
    folder = tmp_path / "feeds"
    folder.mkdir()
    good_feed(folder)
    (folder / "poisoned.jsonl").write_text(
        '{"id": "s", "title": "x\\udfff", "text": "Talks on Karabakh resumed."}\n',
        encoding="utf-8",
    )
    env = {**os.environ, "CAUCASUS_INDEX": str(tmp_path / "index")}
    command = [sys.executable, "-m", "caucasus_cli"]
    run = subprocess.run([*command, "index", str(folder)], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    assert len([line for line in run.stderr.splitlines() if "caucasus: warning: " in line]) == 1
    found = subprocess.run(
        [*command, "search", "ceasefire", "-l"], capture_output=True, text=True, env=env
    )
    assert found.returncode == 0
    assert str(folder / "neighbours.jsonl") in found.stdout


def test_the_api_replaces_invalid_text_and_names_the_record(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        record("a", "Fine") + "\n" + '{"id": "b", "title": "Bad \\udc80", "text": "A\\u0000B"}\n',
        encoding="utf-8",
    )
    read = articles_from_file(read_article_file(path), "feed")
    assert [a.title for a in read.articles] == ["Fine", "Bad \ufffd"]
    assert read.articles[1].text == "A\ufffdB"  # one for one: quote offsets stay true
    [problem] = read.problems
    assert problem.line == 2 and "2 invalid characters" in problem.reason


# --- files that are not files ---------------------------------------------------------


def test_a_fifo_named_txt_is_one_warning_and_never_opened(tmp_path, cli):
    folder = tmp_path / "folder"
    folder.mkdir()
    good_feed(folder)
    os.mkfifo(folder / "pipe.txt")  # opening it for reading would block the run for ever
    result = cli("index", str(folder))
    assert result.exit_code == 0, result.stderr
    [warning] = warnings_of(result)
    assert warning.endswith("pipe.txt: not a regular file (a named pipe)")
    assert "briefing" in search_docs(cli, "Shusha")


def test_a_socket_named_txt_is_one_warning(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    listening = socket.socket(socket.AF_UNIX)
    try:
        listening.bind(str(folder / "s.txt"))
        skipped = []
        list(find_article_files([folder], lambda path, why: skipped.append((path.name, why))))
    finally:
        listening.close()
    assert skipped == [("s.txt", "not a regular file (a socket)")]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_link_to_dev_zero_is_not_called_broken(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "gone.txt").symlink_to(folder / "nothing-here.txt")
    skipped = []
    list(find_article_files([folder], lambda path, why: skipped.append((path.name, why))))
    assert sorted(skipped) == [
        ("gone.txt", "broken symbolic link"),
        ("zero.txt", "not a regular file (a character device)"),
    ]
    with pytest.raises(SkippedFile, match=r"not a regular file \(a character device\)"):
        read_article_file(folder / "zero.txt")


# --- size ---------------------------------------------------------------------------


def test_the_size_warning_names_the_limit_the_user_set(tmp_path, cli):
    folder = tmp_path / "folder"
    folder.mkdir()
    good_feed(folder)
    (folder / "dump.txt").write_bytes(b"Talks went on. " * (21 * 2**20 // 15 + 1))
    result = cli("index", str(folder))
    [warning] = warnings_of(result)
    assert "dump.txt: too large (21 MB > 20 MB limit; see --max-size)" in warning
    assert result.exit_code == 0


def test_a_file_larger_than_memory_allows_is_refused_in_one_line(tmp_path, cli, monkeypatch):
    folder = tmp_path / "folder"
    folder.mkdir()
    good_feed(folder)
    (folder / "dump.txt").write_bytes(b"Talks went on in Moscow. " * 200_000)  # 4.8 MiB
    # As on a machine where one file may use 64 MiB: 4.8 MiB would need ~115 MiB.
    monkeypatch.setattr(reader, "memory_budget", lambda: 64 * 2**20)
    result = cli("index", str(folder), "--max-size", "400")
    assert result.exit_code == 0, result.stderr
    [warning] = warnings_of(result)
    assert "dump.txt: too large to index in this machine's memory (4.8 MB would need" in warning
    assert "briefing" in search_docs(cli, "Shusha")


def test_the_memory_budget_is_a_share_of_what_the_process_may_use():
    budget = reader.memory_budget()
    assert budget is None or 0 < budget < 2**50
