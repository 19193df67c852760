"""A damaged index is found out, said in one line, and `index --rebuild` repairs it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from caucasus_cli.cli import app
from caucasus_cli.index.sync import sync_index


def _scribble(path: Path) -> None:
    """Overwrite the middle of a file, keeping its size (a bad sector, a stray write)."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(range(200, 255)) + b"\xff" * 9
    path.write_bytes(bytes(data[: len(path.read_bytes())]))


def _one(index: Path, pattern: str) -> Path:
    files = sorted(index.glob(pattern), key=lambda p: p.stat().st_size)
    assert files, pattern
    return files[-1]


@pytest.mark.parametrize("pattern", ["MAIN_*.pst", "MAIN_*.trm", "MAIN_*._stored.col"])
def test_a_scribbled_segment_is_reported_and_rebuilt(tmp_path, corpus_copy, pattern):
    index = tmp_path / "index"
    sync_index(index, [corpus_copy])
    _scribble(_one(index, pattern))
    runner = CliRunner()
    env = {"CAUCASUS_INDEX": str(index)}

    resync = runner.invoke(app, ["index"], env=env)
    assert resync.exit_code == 2, (resync.stderr, resync.exception)
    assert "damaged" in resync.stderr and "caucasus index --rebuild" in resync.stderr
    assert len(resync.stderr.strip().splitlines()) == 1
    for command in (["search", "peace"], ["quotes", "--speaker", "Bayramov"], ["show", "001"]):
        result = runner.invoke(app, command, env=env)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            command,
            result.exception,
        )
        assert result.exit_code in (0, 1, 2), command
        if result.exit_code == 2:
            assert "caucasus index --rebuild" in result.stderr, result.stderr

    rebuilt = runner.invoke(app, ["index", "--rebuild"], env=env)
    assert rebuilt.exit_code == 0, rebuilt.stderr
    assert "5 added" in rebuilt.stderr
    assert runner.invoke(app, ["index"], env=env).exit_code == 0
    assert runner.invoke(app, ["search", "Bayramov"], env=env).exit_code == 0


def test_rebuild_repairs_a_corrupt_toc_without_caucasus_json(tmp_path, corpus_copy):
    index = tmp_path / "index"
    sync_index(index, [corpus_copy])
    for toc in index.glob("_MAIN_*.toc"):
        toc.write_bytes(b"\x00garbage" * 10)
    (index / "caucasus.json").unlink()
    runner = CliRunner()
    env = {"CAUCASUS_INDEX": str(index)}

    rebuilt = runner.invoke(app, ["index", "--rebuild", str(corpus_copy)], env=env)

    assert rebuilt.exit_code == 0, (rebuilt.stderr, rebuilt.exception)
    assert "5 added" in rebuilt.stderr
    assert runner.invoke(app, ["search", "Bayramov"], env=env).exit_code == 0
