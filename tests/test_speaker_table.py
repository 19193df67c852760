"""The speaker table beside the index: `speakers` and `--speaker` answer from it, and it
always answers for the index being searched (after a sync, a crash before it was
written, or its loss)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from caucasus_cli.cli import app
from caucasus_cli.index.speakertable import SPEAKERS_FILE
from caucasus_cli.index.sync import sync_index

NEW_ARTICLE = """Yerevan talks resume

By Staff reporter

Armenian Deputy Foreign Minister Vahan Kostanyan met the co-chairs in Yerevan on Monday.

"We are ready to continue the negotiations on the basis of the agreed principles, and we
expect the same commitment from Baku," Kostanyan told reporters after the meeting.
"""


def cli(index: Path, *args: str):
    return CliRunner().invoke(app, list(args), env={"CAUCASUS_INDEX": str(index)})


def speakers(index: Path) -> dict[str, dict]:
    result = cli(index, "speakers", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return {entry["speaker"]: entry for entry in json.loads(result.stdout)}


def test_a_sync_adds_and_drops_speakers(tmp_path, corpus_copy):
    index = tmp_path / "index"
    sync_index(index, [corpus_copy])
    assert "Vahan Kostanyan" not in speakers(index)
    (corpus_copy / "kostanyan.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    sync_index(index, [corpus_copy])
    added = speakers(index)["Vahan Kostanyan"]
    assert (added["quotes"], added["articles"]) == (1, 1)
    found = cli(index, "quotes", "--speaker", "Kostanyan", "--format", "jsonl")
    assert found.exit_code == 0, found.stderr
    assert "agreed principles" in found.stdout
    (corpus_copy / "kostanyan.txt").unlink()
    sync_index(index, [corpus_copy])
    assert "Vahan Kostanyan" not in speakers(index)
    assert cli(index, "quotes", "--speaker", "Kostanyan").exit_code == 1


def test_a_table_left_behind_by_an_interrupted_sync_is_not_believed(tmp_path, corpus_copy):
    index = tmp_path / "index"
    sync_index(index, [corpus_copy])
    before = speakers(index)
    stale = (index / SPEAKERS_FILE).read_bytes()
    (corpus_copy / "kostanyan.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    sync_index(index, [corpus_copy])
    # As if the sync had been killed after the index's commit, before the table's write.
    (index / SPEAKERS_FILE).write_bytes(stale)
    assert cli(index, "quotes", "--speaker", "Kostanyan").exit_code == 0
    after = speakers(index)
    assert set(after) == set(before) | {"Vahan Kostanyan"}
    assert json.loads((index / SPEAKERS_FILE).read_text())["stamp"] != json.loads(stale)["stamp"]


def test_a_lost_or_damaged_table_is_rebuilt_the_same(tmp_path, seed_index):
    index = tmp_path / "index"
    shutil.copytree(seed_index, index)
    expected = speakers(index)
    assert expected["Jeyhun Bayramov"]["articles"] == 2
    (index / SPEAKERS_FILE).unlink()
    assert speakers(index) == expected
    assert (index / SPEAKERS_FILE).is_file()
    (index / SPEAKERS_FILE).write_text('{"stamp": [', encoding="utf-8")
    assert speakers(index) == expected


def test_a_rebuild_from_scratch_removes_the_old_table(tmp_path, corpus_copy):
    index = tmp_path / "index"
    sync_index(index, [corpus_copy])
    (corpus_copy / "kostanyan.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    for path in corpus_copy.glob("00*.txt"):
        path.unlink()
    sync_index(index, [corpus_copy], rebuild=True)
    assert set(speakers(index)) == {"Vahan Kostanyan"}
