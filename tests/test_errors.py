"""Every expected failure: one line on stderr with a hint, exit 2, never a traceback."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

from caucasus_cli.cli import app
from caucasus_cli.errors import CaucasusError, DataFileError, IndexBusy, IndexUnavailable
from caucasus_cli.index.sync import sync_index


def _one_line_exit_2(result, *fragments: str) -> None:
    assert result.exit_code == 2, (result.stderr, result.exception)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) <= 2, result.stderr  # the problem, and its hint
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


@pytest.fixture
def runner_env(seed_index):
    return {"CAUCASUS_INDEX": str(seed_index)}


def _user_config(tmp_path: Path, name: str, text: str, monkeypatch) -> Path:
    config = tmp_path / "config"
    (config / "caucasus").mkdir(parents=True)
    path = config / "caucasus" / name
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    _clear_data_caches()
    return path


def _clear_data_caches() -> None:
    from caucasus_cli.config import data_entries
    from caucasus_cli.ingest import metadata

    data_entries.cache_clear()
    metadata._boilerplate_pattern.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_caches():
    yield
    _clear_data_caches()


def test_a_malformed_user_people_file_names_the_file_and_the_problem(
    tmp_path, monkeypatch, runner_env
):
    path = _user_config(tmp_path, "people.toml", "[[person]]\nname = 3\n", monkeypatch)
    result = CliRunner().invoke(app, ["speakers"], env=runner_env)
    _one_line_exit_2(result, str(path), "'name' must be a non-empty string")


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_caucasus_people_pointing_at_no_file(tmp_path, monkeypatch, runner_env, kind):
    target = tmp_path / "nowhere.toml"
    if kind == "folder":
        target.mkdir()
    monkeypatch.setenv("CAUCASUS_PEOPLE", str(target))
    result = CliRunner().invoke(app, ["quotes", "--speaker", "Aliyev"], env=runner_env)
    _one_line_exit_2(result, "CAUCASUS_PEOPLE", str(target))


def test_a_bad_boilerplate_line_names_its_line(tmp_path, monkeypatch, corpus_copy):
    path = _user_config(
        tmp_path, "boilerplate.txt", "# my lines\nSubscribe now\n(unclosed\n", monkeypatch
    )
    result = CliRunner().invoke(
        app, ["index", str(corpus_copy), "--index", str(tmp_path / "index")]
    )
    _one_line_exit_2(result, f"{path}:3", "regular expression")


def test_an_index_path_that_is_a_file(tmp_path):
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("my notes\n", encoding="utf-8")
    for command in (["search", "peace"], ["index"]):
        result = CliRunner().invoke(app, [*command, "--index", str(not_a_folder)])
        _one_line_exit_2(result, str(not_a_folder), "not a folder")
    assert not_a_folder.read_text(encoding="utf-8") == "my notes\n"


def test_a_corrupt_segment_file_is_reported_with_the_rebuild_hint(tmp_path, corpus_copy):
    index = tmp_path / "index"
    sync_index(index, [corpus_copy])
    for column in index.glob("*_stored.col"):
        column.write_bytes(b"\xff" * column.stat().st_size)
    # `quotes` reads the quote store alone, which is intact: it still answers.
    for command in (["show", "001"], ["search", "peace"]):
        result = CliRunner().invoke(app, [*command, "--index", str(index)])
        _one_line_exit_2(result, "damaged", "caucasus index --rebuild")


@pytest.mark.parametrize(
    "error",
    [
        IndexBusy("another run"),
        IndexUnavailable("gone", hint=None),
        DataFileError("people.toml:3: bad", hint="look at line 3"),
    ],
)
def test_errors_cross_process_boundaries_with_their_hint(error):
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert (copy.message, copy.hint) == (error.message, error.hint)
    assert isinstance(copy, CaucasusError)
