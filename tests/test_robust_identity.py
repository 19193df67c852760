"""One file is one document, with one id for as long as it is indexed."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from caucasus_cli.cli import app
from caucasus_cli.index.store import CorpusIndex
from caucasus_cli.index.sync import assign_doc_ids, sync_index

STATEMENT = (
    "Foreign Minister Jeyhun Bayramov spoke in Baku on Tuesday.\n\n"
    "“We want a peaceful settlement of the conflict,” said Bayramov. {marker}\n"
)


def bbc_like_folder(root: Path) -> Path:
    """Topic folders with the same file names in each, as the BBC dataset has them."""
    for topic in ("politics", "sport", "world"):
        (root / topic).mkdir(parents=True)
        for number in (1, 2, 3):
            text = STATEMENT.format(marker=f"Zyx{topic}{number} Zyxall")
            (root / topic / f"{number:03d}.txt").write_text(text, encoding="utf-8")
    return root


def indexed(index: Path) -> dict[str, str]:
    """path -> doc id of every article in the index."""
    from whoosh import query

    with CorpusIndex(index) as corpus:
        hits = corpus.searcher.search(query.Term("type", "article"), limit=None)
        return {hit["path"]: hit["doc"] for hit in hits}


def quote_ids(index: Path) -> set[str]:
    from caucasus_cli.search.quotes import QuoteFilter, stream_quotes

    with CorpusIndex(index) as corpus:
        return {quote.id for quote in list(stream_quotes(corpus, QuoteFilter(kind=None)).quotes)}


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, (args, result.stderr, result.exception)
    return result.stderr


def test_the_same_folder_twice_or_with_a_slash_is_indexed_once(tmp_path):
    news = bbc_like_folder(tmp_path / "bbc")
    index = str(tmp_path / "index")
    run("index", str(news), f"{news}/", "--index", index)
    run("index", str(news) + os.sep, "--index", index)
    docs = indexed(Path(index))
    assert len(docs) == 9 and len(set(docs.values())) == 9
    search = CliRunner().invoke(app, ["search", "Zyxsport2", "--index", index, "-f", "jsonl"])
    assert len(search.stdout.strip().splitlines()) == 1


def test_a_subfolder_then_the_whole_keeps_every_id_and_adds_no_duplicate(tmp_path):
    news = bbc_like_folder(tmp_path / "bbc")
    index = str(tmp_path / "index")
    run("index", str(news), "--index", index)
    first, first_quotes = indexed(Path(index)), quote_ids(Path(index))
    assert first[str(news / "sport" / "001.txt")] == "sport/001.txt"

    run("index", str(news / "sport"), "--index", index)
    run("index", "--index", index)

    assert indexed(Path(index)) == first  # same files, same ids, nothing twice
    assert quote_ids(Path(index)) == first_quotes  # saved citations still resolve
    meta = json.loads((Path(index) / "caucasus.json").read_text())
    assert meta["roots"] == [str(news.resolve())]


def test_a_link_to_an_indexed_folder_adds_nothing(tmp_path):
    news = bbc_like_folder(tmp_path / "bbc")
    (tmp_path / "shortcut").symlink_to(news)
    index = tmp_path / "index"
    sync_index(index, [news])
    report = sync_index(index, [tmp_path / "shortcut"])
    assert report.added == 0 and len(indexed(index)) == 9


def test_an_unrelated_folder_with_a_same_named_file_renames_nothing(tmp_path):
    first = tmp_path / "baku"
    first.mkdir()
    (first / "statement.txt").write_text(STATEMENT.format(marker="Zyxbaku"), encoding="utf-8")
    later = tmp_path / "yerevan"
    later.mkdir()
    (later / "statement.txt").write_text(STATEMENT.format(marker="Zyxyerevan"), encoding="utf-8")
    index = tmp_path / "index"
    sync_index(index, [first])
    before = quote_ids(index)

    sync_index(index, [later])

    docs = indexed(index)
    assert docs[str(first / "statement.txt")] == "statement"  # the old id stays
    assert docs[str(later / "statement.txt")] != "statement"  # the newcomer gets a longer one
    assert before <= quote_ids(index)


def test_a_missing_folder_keeps_its_articles_until_it_is_back_or_forgotten(tmp_path):
    drive = bbc_like_folder(tmp_path / "drive" / "bbc")
    other = tmp_path / "other"
    other.mkdir()
    (other / "note.txt").write_text(STATEMENT.format(marker="Zyxother"), encoding="utf-8")
    index = str(tmp_path / "index")
    run("index", str(drive), str(other), "--index", index)
    unmounted = tmp_path / "unmounted"
    drive.rename(unmounted)  # the drive is gone

    stderr = run("index", "--index", index)

    assert "folder missing or empty" in stderr and "--forget" in stderr
    assert len(indexed(Path(index))) == 10  # nothing dropped
    unmounted.rename(drive)
    assert "10 unchanged" in run("index", "--index", index)
    run("index", "--forget", str(drive), "--index", index)
    assert list(indexed(Path(index)).values()) == ["note"]


def test_rebuild_from_a_folder_drops_the_bundled_corpus(tmp_path, corpus_copy):
    news = bbc_like_folder(tmp_path / "bbc")
    index = str(tmp_path / "index")
    run("index", "--index", index)  # a new index: the bundled corpus
    run("index", "--rebuild", str(news), "--index", index)
    run("index", "--index", index)
    assert len(indexed(Path(index))) == 9
    shutil.rmtree(news / "world")
    assert "3 removed" in run("index", "--index", index)


def test_rebuild_keeps_the_ids_an_index_grew(tmp_path):
    first = tmp_path / "baku"
    first.mkdir()
    (first / "statement.txt").write_text(STATEMENT.format(marker="Zyxbaku"), encoding="utf-8")
    later = tmp_path / "yerevan"
    later.mkdir()
    (later / "statement.txt").write_text(STATEMENT.format(marker="Zyxyerevan"), encoding="utf-8")
    index = tmp_path / "index"
    sync_index(index, [first])
    sync_index(index, [later])
    grown, grown_quotes = indexed(index), quote_ids(index)

    sync_index(index, None, rebuild=True)

    assert indexed(index) == grown
    assert quote_ids(index) == grown_quotes


_NAMES = ["001", "002", "statement", "caf\udce9", "report"]


@given(
    files=st.sets(
        st.tuples(
            st.sampled_from(["bbc", "news", "bbc/sport"]),
            st.lists(st.sampled_from(["sport", "world", "baku"]), max_size=2).map(tuple),
            st.sampled_from(_NAMES),
        ),
        max_size=12,
    ),
    taken=st.sets(st.sampled_from([*_NAMES, "sport/001.txt", "bbc/world/002.txt"]), max_size=4),
)
def test_new_doc_ids_are_unique_printable_and_never_one_in_use(files, taken):
    base = Path("/data")
    pairs = [
        (base / root, base / root / Path(*folders) / f"{name}.txt") for root, folders, name in files
    ]
    ids = assign_doc_ids(pairs, taken=set(taken))
    assert set(ids) == {str(path) for _, path in pairs}
    assert len(set(ids.values())) == len(ids)
    assert not set(ids.values()) & set(taken)
    for doc in ids.values():
        doc.encode("utf-8")  # storable: no lone surrogates from non-UTF-8 names
