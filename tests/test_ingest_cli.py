"""Pages and exports through the real command line: indexed, searched, quoted and cited."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from caucasus_cli.cli import app

INPUTS = Path(__file__).parent / "inputs"
PAGE_URL = "https://caspianherald.example/politics/ceasefire-talks-moscow"


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture
def saved(tmp_path) -> Path:
    """A folder as a journalist keeps it: a saved page, two exports, and files of other types."""
    folder = tmp_path / "saved"
    folder.mkdir()
    for name in ("ceasefire_page.html", "wire_export.jsonl", "archive_export.csv"):
        shutil.copy(INPUTS / name, folder / name)
    for name in ("briefing.pdf", "statement.pdf", "notes.docx"):
        (folder / name).write_bytes(b"%PDF-1.4 not text caucasus reads")
    return folder


@pytest.fixture
def cli(tmp_path):
    runner = CliRunner()
    env = {"CAUCASUS_INDEX": str(tmp_path / "index")}

    def invoke(*args: str):
        return runner.invoke(app, list(args), env=env)

    return invoke


def test_exports_are_indexed_record_by_record_and_other_types_are_counted(cli, saved):
    result = cli("index", str(saved))
    assert result.exit_code == 0, result.stderr
    # One warning for the broken line; the export's other records are indexed.
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1
    assert "wire_export.jsonl:3: not valid JSON" in warnings[0]
    assert "1 bad record" in result.stderr
    assert (
        "3 files of types caucasus does not read (.pdf ×2, .docx ×1): convert them to text or HTML"
        in result.stderr
    )

    ganja = cli("search", "Ganja shelling residential", "-f", "jsonl")
    assert ganja.exit_code == 0
    hit = jsonl(ganja.stdout)[0]
    assert hit["doc"] == "wire_export#tr-2020-10-04-001"
    assert hit["url"] == "https://wire.example/en/news/2020/10/04/shelling-ganja"
    assert hit["date"] == "2020-10-04"

    icrc = jsonl(cli("search", "facilitate the exchange", "-f", "jsonl").stdout)
    assert icrc[0]["doc"] == "archive_export#https://archive.example/articles/48213"
    assert icrc[0]["source"] == "Archive Weekly"

    # The broken record's words were not indexed.
    assert cli("search", "scraper", "-f", "jsonl").exit_code == 1


def test_quotes_from_an_export_carry_its_url_and_cite_it(cli, saved):
    cli("index", str(saved))
    listed = cli("quotes", "--speaker", "Hajiyev", "-f", "jsonl")
    assert listed.exit_code == 0, listed.stderr
    [quote] = jsonl(listed.stdout)
    assert quote["url"] == "https://wire.example/en/news/2020/10/04/shelling-ganja"
    assert quote["text"] == "Civilian buildings were hit and there are wounded among the residents"

    cited = cli("quote", quote["id"], "--cite")
    assert cited.exit_code == 0
    assert "https://wire.example/en/news/2020/10/04/shelling-ganja" in cited.stdout
    assert "wire_export.jsonl" not in cited.stdout

    shown = json.loads(cli("quote", quote["id"], "-f", "json").stdout)
    # Context from the record's stored text, around the quote's own offsets.
    context = shown["context"]
    start = quote["start"] - shown["context_start"]
    assert context[start : start + len(quote["text"])] == quote["text"]
    assert context.startswith("Shelling hit residential areas of Ganja")


def test_a_changed_export_is_read_again_and_its_old_records_go(cli, saved):
    (saved / "ceasefire_page.html").unlink()  # the same with or without the HTML extra
    cli("index", str(saved))
    again = cli("index", str(saved))
    assert "0 added, 0 updated, 0 removed, 2 unchanged, 0 skipped" in again.stderr

    export = saved / "wire_export.jsonl"
    first_line = export.read_text(encoding="utf-8").splitlines()[0]
    export.write_text(first_line + "\n", encoding="utf-8")
    changed = cli("index", str(saved))
    assert "1 updated" in changed.stderr
    assert cli("search", "Naghdalyan", "-f", "jsonl").exit_code == 1
    assert cli("search", "Ganja", "-f", "jsonl").exit_code == 0


def test_fields_option_reads_an_export_with_other_field_names(cli, tmp_path):
    folder = tmp_path / "other"
    folder.mkdir()
    (folder / "feed.ndjson").write_text(
        json.dumps(
            {
                "story": "Azerbaijan's defence ministry said on Friday that the front line was "
                "calm overnight.",
                "headline_en": "Front line calm overnight, ministry says",
                "first_seen": "2020-10-16",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    plain = cli("index", str(folder))
    assert "no readable record" in plain.stderr
    assert "looked for: text, body" in plain.stderr  # says which names it tried
    mapped = cli(
        "index",
        str(folder),
        "--rebuild",
        "--fields",
        "text=story,title=headline_en,date=first_seen",
    )
    assert mapped.exit_code == 0, mapped.stderr
    [hit] = jsonl(cli("search", "front line calm", "-f", "jsonl").stdout)
    assert (hit["title"], hit["date"]) == ("Front line calm overnight, ministry says", "2020-10-16")


def test_a_bad_fields_option_is_a_usage_error(cli, saved):
    result = cli("index", str(saved), "--fields", "words=body")
    assert result.exit_code == 2
    assert "--fields" in result.stderr


def test_a_saved_page_is_searched_quoted_and_cited_by_its_url(cli, saved):
    pytest.importorskip("trafilatura")
    cli("index", str(saved))
    [hit] = jsonl(cli("search", "humanitarian ceasefire Moscow", "-f", "jsonl").stdout)[:1]
    assert (hit["doc"], hit["url"], hit["date"]) == ("ceasefire_page", PAGE_URL, "2020-10-10")
    assert cli("search", "goalless draw", "-f", "jsonl").exit_code == 1  # a "most read" link

    [quote] = jsonl(cli("quotes", "--speaker", "Lavrov", "-f", "jsonl").stdout)
    assert quote["url"] == PAGE_URL
    cited = cli("quote", quote["id"], "--cite")
    assert PAGE_URL in cited.stdout
    assert "Sergey Lavrov" in cited.stdout


def test_a_page_changed_after_indexing_still_shows_its_indexed_context_with_a_warning(cli, saved):
    pytest.importorskip("trafilatura")
    cli("index", str(saved))
    [quote] = jsonl(cli("quotes", "--speaker", "Lavrov", "-f", "jsonl").stdout)
    page = saved / "ceasefire_page.html"
    page.write_text(page.read_text(encoding="utf-8").replace("ten hours", "nine hours"))
    shown = cli("quote", quote["id"], "-f", "json")
    assert shown.exit_code == 0
    assert "more than ten hours" in json.loads(shown.stdout)["context"]
    assert "changed since it was indexed" in shown.stderr


def test_without_the_html_reader_pages_are_skipped_with_one_line_naming_it(cli, saved, monkeypatch):
    shutil.copy(saved / "ceasefire_page.html", saved / "second_page.htm")
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if not installed
    result = cli("index", str(saved))
    assert result.exit_code == 0
    mentions = [line for line in result.stderr.splitlines() if "trafilatura" in line]
    assert mentions == [
        "caucasus: 2 HTML files not read: the HTML reader is not installed "
        "(pip install trafilatura)"
    ]
    assert "2 skipped" in result.stderr
    assert cli("search", "Ganja", "-f", "jsonl").exit_code == 0  # the exports still indexed


def test_skipped_files_survive_the_trip_back_from_a_worker_process():
    from caucasus_cli.ingest.formats import ReaderMissing
    from caucasus_cli.ingest.kinds import FileKind
    from caucasus_cli.ingest.reader import SkippedFile

    skipped = pickle.loads(pickle.dumps(SkippedFile(Path("/a/b.txt"), "empty file")))
    assert (skipped.path, skipped.reason) == (Path("/a/b.txt"), "empty file")
    missing = pickle.loads(pickle.dumps(ReaderMissing(Path("/a/p.html"), FileKind.HTML, "x")))
    assert (missing.path, missing.kind, missing.install) == (Path("/a/p.html"), "html", "x")


def test_exports_in_a_real_process(saved, tmp_path):
    env = {**os.environ, "CAUCASUS_INDEX": str(tmp_path / "index")}

    def caucasus(*args: str):
        return subprocess.run(
            [sys.executable, "-m", "caucasus_cli", *args], env=env, capture_output=True, text=True
        )

    indexed = caucasus("index", str(saved))
    assert indexed.returncode == 0, indexed.stderr
    found = caucasus("quotes", "--speaker", "Naghdalyan", "--kind", "all", "-f", "jsonl")
    assert found.returncode == 0, found.stderr
    [quote] = jsonl(found.stdout)
    cited = caucasus("quote", quote["id"], "--cite")
    assert "https://wire.example/en/news/2020/10/04/yerevan-statement" in cited.stdout
