"""Reading article files: every encoding users meet, and files that must be skipped."""

from __future__ import annotations

import codecs
import os

import pytest

from caucasus_cli.ingest.formats import UnreadFiles
from caucasus_cli.ingest.reader import (
    SkippedFile,
    decode_bytes,
    find_article_files,
    read_article_file,
)

SENTENCE = (
    "Azerbaijan’s Foreign Ministry spokeswoman Leyla Abdullayeva said “Qarabağ is Azerbaijan” "
    "in Bakı on Tuesday."
)
CP1252_SENTENCE = "“We want a peaceful settlement of the conflict,” added Bayramov — café."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SENTENCE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SENTENCE.encode("utf-8"), "utf-8-sig"),
        (SENTENCE.encode("utf-16"), "utf-16"),  # Python writes a BOM
        (codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be"), "utf-16"),
    ],
)
def test_unicode_encodings_decode_to_the_same_text(data, encoding):
    text, used = decode_bytes(data)
    assert text == SENTENCE  # the BOM is not part of the text
    assert used == encoding


def test_windows_1252_falls_back_without_losing_characters():
    text, used = decode_bytes(CP1252_SENTENCE.encode("cp1252"))
    assert used == "cp1252"
    assert text == CP1252_SENTENCE


def test_nul_bytes_without_bom_are_binary():
    with pytest.raises(ValueError, match="binary"):
        decode_bytes(b"PK\x03\x04\x00\x00" + SENTENCE.encode())


def test_crlf_line_endings_are_kept_so_offsets_stay_true(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"By Trend\r\n\r\nBaku, Azerbaijan\r\n")
    assert read_article_file(path).text == "By Trend\r\n\r\nBaku, Azerbaijan\r\n"


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty file"), (b"  \n\n\t", "empty file"), (b"\x00\x01\x02binary", "binary")],
)
def test_unusable_files_are_skipped_with_a_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(SkippedFile, match=reason) as raised:
        read_article_file(path)
    assert raised.value.path == path


def test_files_over_the_size_limit_are_skipped(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text(SENTENCE * 100, encoding="utf-8")
    with pytest.raises(SkippedFile, match="too large"):
        read_article_file(path, max_bytes=1000)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_skipped(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    path.chmod(0)
    with pytest.raises(SkippedFile, match="permission denied"):
        read_article_file(path)


def test_finds_readable_files_recursively_and_counts_the_rest(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(SENTENCE)
    (tmp_path / "a" / "b" / "two.md").write_text(SENTENCE)
    (tmp_path / "a" / "b" / "three.TXT").write_text(SENTENCE)
    (tmp_path / "a" / "page.html").write_text(f"<p>{SENTENCE}</p>")
    (tmp_path / "a" / "feed.jsonl").write_text('{"text": "x"}')
    (tmp_path / "a" / "sheet.csv").write_text("text\nx\n")
    (tmp_path / "a" / "photo.jpg").write_bytes(b"\xff\xd8")
    for name in ("report.pdf", "brief.pdf", "memo.docx"):
        (tmp_path / "a" / "b" / name).write_bytes(b"%PDF")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text("ref")
    unread = UnreadFiles()
    found = find_article_files([tmp_path], on_unread=unread.add)
    paths = sorted(f.path.relative_to(tmp_path).as_posix() for f in found)
    assert paths == [
        "a/b/three.TXT", "a/b/two.md", "a/feed.jsonl", "a/one.txt", "a/page.html", "a/sheet.csv"
    ]  # fmt: skip
    assert unread.total == 4
    assert unread.summary() == (
        "4 files of types caucasus does not read (.pdf ×2, .docx ×1, .jpg ×1): "
        "convert them to text or HTML"
    )


def test_nothing_unread_means_no_summary_line():
    assert UnreadFiles().summary() is None


def test_symlink_loops_and_broken_links_are_reported_not_followed_forever(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "story.txt").write_text(SENTENCE)
    (tmp_path / "news" / "loop").symlink_to(tmp_path / "news")
    (tmp_path / "news" / "gone.txt").symlink_to(tmp_path / "missing.txt")
    skipped: list[tuple[str, str]] = []
    found = list(find_article_files([tmp_path], lambda p, r: skipped.append((p.name, r))))
    assert [f.path.name for f in found] == ["story.txt"]
    assert ("gone.txt", "broken symbolic link") in skipped
    assert any(name == "loop" and "loop" in reason for name, reason in skipped)


def test_a_missing_root_is_reported(tmp_path):
    skipped: list[str] = []
    assert list(find_article_files([tmp_path / "nope"], lambda p, r: skipped.append(r))) == []
    assert skipped == ["no such file or folder"]


def test_a_saved_pages_resource_folder_is_neither_read_nor_counted(tmp_path):
    (tmp_path / "Ceasefire talks.html").write_text(f"<p>{SENTENCE}</p>")
    resources = tmp_path / "Ceasefire talks_files"
    resources.mkdir()
    for name in ("app.js", "site.css", "logo.png", "saved_resource.html"):
        (resources / name).write_text("x")
    (tmp_path / "field_files").mkdir()  # no page of that name: an ordinary folder
    (tmp_path / "field_files" / "notes.txt").write_text(SENTENCE)
    unread = UnreadFiles()
    found = [f.path.name for f in find_article_files([tmp_path], on_unread=unread.add)]
    assert sorted(found) == ["Ceasefire talks.html", "notes.txt"]
    assert unread.total == 0
