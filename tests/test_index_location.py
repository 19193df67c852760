"""Where the index is, and whether it may be used, is decided once per command
(`locate_index`) and handed on: nothing down the line checks the folder again."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from caucasus_cli.cli import app
from caucasus_cli.errors import IndexUnavailable, NotAnIndexFolder
from caucasus_cli.index import store
from caucasus_cli.index.store import CorpusIndex, locate_index


def test_a_new_folder_is_not_built_and_may_be_written(tmp_path):
    location = locate_index(tmp_path / "new" / "index")
    assert (location.exists, location.built, location.writable) == (False, False, True)


def test_a_built_index_is_located_as_built(seed_index):
    location = locate_index(seed_index)
    assert location.exists and location.built
    with CorpusIndex(location) as index:
        assert index.path == seed_index


def test_a_file_or_someone_elses_folder_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(IndexUnavailable, match="not a folder"):
        locate_index(tmp_path / "notes.txt")
    with pytest.raises(NotAnIndexFolder, match=r"notes\.txt"):
        locate_index(tmp_path)


@pytest.fixture
def checks(monkeypatch):
    """Each time the folder is checked (store.py holds the one check)."""
    made: list[str] = []
    original = store.check_index_location

    def counting(index_dir):
        made.append(str(index_dir))
        return original(index_dir)

    monkeypatch.setattr(store, "check_index_location", counting)
    return made


def test_a_search_checks_the_index_folder_once(seed_index, checks):
    result = CliRunner().invoke(app, ["search", "peace", "--index", str(seed_index)])
    assert result.exit_code == 0, result.stderr
    assert checks == [str(seed_index)]


def test_a_first_build_and_a_re_sync_check_the_folder_once_each(tmp_path, corpus_copy, checks):
    index_dir = tmp_path / "index"
    for _run in range(2):
        result = CliRunner().invoke(app, ["index", str(corpus_copy), "--index", str(index_dir)])
        assert result.exit_code == 0, result.stderr
    assert checks == [str(index_dir)] * 2


def test_a_command_building_the_default_index_checks_it_once(tmp_path, checks):
    index_dir = tmp_path / "fresh"
    result = CliRunner().invoke(app, ["quotes", "--count", "--index", str(index_dir)])
    assert result.exit_code == 0, result.stderr
    assert checks == [str(index_dir)]
