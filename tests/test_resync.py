"""Re-syncing a folder: an unchanged one costs a walk and one query, nothing more."""

from __future__ import annotations

from caucasus_cli.index import sync as sync_module
from caucasus_cli.index.sync import sync_index

REPORT = (
    "Talks resume\n\nBy Staff\n\nAzerbaijan's Foreign Minister Jeyhun Bayramov said the border "
    'commission would meet in Baku. "We will finish the delimitation work," he said. ({n})\n'
)


def test_an_unchanged_folder_of_many_files_starts_no_worker_processes(tmp_path, monkeypatch):
    folder = tmp_path / "wire"
    folder.mkdir()
    count = sync_module._PARALLEL_THRESHOLD + 10
    for n in range(count):
        (folder / f"report_{n:03}.txt").write_text(REPORT.format(n=n), encoding="utf-8")
    index = tmp_path / "index"
    assert sync_index(index, [folder], workers=1).added == count

    def no_pool(*_args, **_kwargs):
        raise AssertionError("an unchanged re-sync started writer processes")

    monkeypatch.setattr(sync_module, "parallel_writer", no_pool)
    report = sync_index(index, None, workers=2)
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, count)

    # One file edited among the many: still one process, and the edit is read.
    edited = folder / "report_007.txt"
    edited.write_text(REPORT.format(n="edited Zyxnew"), encoding="utf-8")
    report = sync_index(index, None, workers=2)
    assert (report.updated, report.unchanged) == (1, count - 1)
