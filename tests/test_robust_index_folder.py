"""An index folder is caucasus's own: a folder of the user's files is never written to."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from caucasus_cli.cli import app


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def users_folder(folder: Path, names: tuple[str, ...]) -> Path:
    folder.mkdir()
    for name in names:
        (folder / name).write_text(f"the user's own {name}\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "names",
    [
        ("thesis.docx", "notes.txt", "MAIN_budget.csv", "vocabulary.tsv"),
        ("MAIN_budget.csv", "vocabulary.tsv"),  # only names an index could hold, none of ours
    ],
)
@pytest.mark.parametrize("extra", [[], ["--rebuild"]])
def test_index_pointed_at_a_users_folder_refuses_and_touches_nothing(
    tmp_path, corpus_copy, names, extra
):
    folder = users_folder(tmp_path / "Documents", names)
    before = snapshot(folder)
    runner = CliRunner()

    result = runner.invoke(app, ["index", str(corpus_copy), "--index", str(folder), *extra])
    search = runner.invoke(app, ["search", "peace", "--index", str(folder)])

    for outcome in (result, search):
        assert outcome.exit_code == 2, (outcome.stderr, outcome.exception)
        assert "`--index` points at a folder that is not a caucasus index" in outcome.stderr
        assert len(outcome.stderr.strip().splitlines()) == 1
    assert snapshot(folder) == before
    assert sorted(os.listdir(folder)) == sorted(names)


def test_an_empty_index_option_is_refused_not_taken_as_the_current_folder(
    tmp_path, corpus_copy, monkeypatch
):
    work = users_folder(tmp_path / "work", ("draft.txt",))
    monkeypatch.chdir(work)
    before = snapshot(work)
    runner = CliRunner()
    for command in (["index", str(corpus_copy)], ["index", "--rebuild"], ["search", "peace"]):
        result = runner.invoke(app, [*command, "--index", ""])
        assert result.exit_code == 2, (command, result.stderr)
        assert "`--index` is empty" in result.stderr
    assert snapshot(work) == before and os.listdir(work) == ["draft.txt"]


def test_a_new_or_empty_folder_becomes_an_index_and_stays_usable(tmp_path, corpus_copy):
    empty = tmp_path / "empty"
    empty.mkdir()
    runner = CliRunner()
    for folder in (empty, tmp_path / "new" / "index"):
        first = runner.invoke(app, ["index", str(corpus_copy), "--index", str(folder)])
        again = runner.invoke(app, ["index", "--rebuild", "--index", str(folder)])
        assert first.exit_code == 0 and again.exit_code == 0, (first.stderr, again.stderr)
        assert "5 added" in again.stderr
        assert runner.invoke(app, ["search", "Bayramov", "--index", str(folder)]).exit_code == 0


def test_an_index_folder_a_file_manager_has_shown_is_still_an_index(tmp_path, corpus_copy):
    index = tmp_path / "index"
    runner = CliRunner()
    assert runner.invoke(app, ["index", str(corpus_copy), "--index", str(index)]).exit_code == 0
    (index / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    again = runner.invoke(app, ["index", "--rebuild", "--index", str(index)])
    assert again.exit_code == 0, again.stderr
    assert (index / ".DS_Store").read_bytes() == b"\x00\x00\x00\x01Bud1"
