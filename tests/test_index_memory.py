"""What an index run keeps per file while the files wait to be read: a first build of
100,000 files holds all of them at once, beside its worker processes, so each file's
record must stay small (benchmarks/memory.py measures the whole run)."""

from __future__ import annotations

from pathlib import Path

from caucasus_cli.index import sync
from caucasus_cli.ingest.reader import find_article_files

REPORT = "Yerevan, 4 March. The talks resumed on Monday, officials said.\n"


def _folder(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    for folder, name in [("2021", "a"), ("2021", "b"), ("2022", "c")]:
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / f"{name}.txt").write_text(REPORT, encoding="utf-8")
    return root.resolve()


def test_files_found_keep_their_path_as_a_string_and_share_one_root(tmp_path):
    root = _folder(tmp_path)

    found = sync._found_once(find_article_files([root]), [root])

    assert sorted(Path(item.path).name for item in found) == ["a.txt", "b.txt", "c.txt"]
    assert all(type(item.path) is str for item in found)
    assert len({id(item.root) for item in found}) == 1  # one object, not one per file
    assert found[0].root == root
    assert found[0].found_file().path == Path(found[0].path)  # what a worker reads


def test_a_file_s_task_is_made_when_it_is_read_not_all_up_front(tmp_path):
    root = _folder(tmp_path)
    found = sync._found_once(find_article_files([root]), [root])
    made = []

    def task_of(item):
        made.append(item.path)
        return sync._Task(item, Path(item.path).stem, 1 << 20, None)

    results = sync._prepare_all(found, task_of, count=1)
    first = next(results)

    assert first.path == found[0].path and len(made) == 1
    assert [result.doc for result in results] == ["b", "c"] and len(made) == 3


def test_doc_ids_are_the_same_for_paths_given_as_strings(tmp_path):
    root = _folder(tmp_path)
    files = sorted(root.rglob("*.txt"))
    clash = root / "2022" / "a.txt"  # same stem as 2021/a.txt: longer ids for both
    clash.write_text(REPORT, encoding="utf-8")
    pairs = [(root, path) for path in [*files, clash]]

    as_paths = sync.assign_doc_ids(pairs, taken={"b"})
    as_strings = sync.assign_doc_ids([(root, str(path)) for _, path in pairs], taken={"b"})

    assert as_strings == as_paths
    assert as_paths[str(clash)] == "2022/a.txt" and as_paths[str(files[0])] == "2021/a.txt"
    assert as_paths[str(files[1])] == "2021/b.txt"  # "b" is taken
