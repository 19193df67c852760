"""An index folder from someone else runs no code: its pickles load only what an index holds."""

from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from caucasus_cli.index import safeload
from caucasus_cli.index.sync import sync_index


class _Payload:
    """What an attacker pickles: loading it creates `marker` (a stand-in for any code)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def _toc(index: Path) -> Path:
    (toc,) = index.glob("_MAIN_*.toc")
    return toc


def _rewrite_toc(toc: Path, *, schema=None, segments=None, version: int | None = None) -> None:
    """Write the TOC again with one of its parts replaced, as a hostile sender would."""
    from whoosh.filedb.structfile import StructFile

    source = StructFile(io.BytesIO(toc.read_bytes()))
    header = [source.read_varint() for _ in range(3)]
    assert source.read_int() == -12345
    toc_version = source.read_int()
    release = [source.read_varint() for _ in range(3)]
    schema_bytes = source.read_string()
    generation, unused = source.read_int(), source.read_int()
    segment_bytes = source.file.read()

    out = io.BytesIO()
    target = StructFile(out)
    for number in header:
        target.write_varint(number)
    target.write_int(-12345)
    target.write_int(toc_version if version is None else version)
    for number in release:
        target.write_varint(number)
    if version == -110:  # Whoosh 1's layout: the schema's length, then its pickle
        target.write_varint(len(pickle.dumps(schema, 2)))
        target.write(pickle.dumps(schema, 2))
    else:
        target.write_string(schema_bytes if schema is None else pickle.dumps(schema, 2))
    target.write_int(generation)
    target.write_int(unused)
    target.write(segment_bytes if segments is None else pickle.dumps(segments, 5))
    toc.write_bytes(out.getvalue())


def _caucasus(*args: str, index: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "caucasus_cli", *args],
        env={**os.environ, "CAUCASUS_INDEX": str(index), "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def index(tmp_path, corpus_copy) -> Path:
    index = tmp_path / "index"
    sync_index(index, [corpus_copy])
    return index


HOSTILE_TOCS = {
    "schema": lambda marker: {"schema": _Payload(marker)},
    "segments": lambda marker: {"segments": [_Payload(marker)]},
    "whoosh 1 format": lambda marker: {"schema": _Payload(marker), "version": -110},
}


@pytest.mark.parametrize("part", sorted(HOSTILE_TOCS))
@pytest.mark.parametrize(
    "command", [("search", "peace"), ("status",), ("quotes", "--speaker", "Bayramov"), ("index",)]
)
def test_a_toc_carrying_code_runs_nothing_and_is_damage(index, tmp_path, part, command):
    marker = tmp_path / "code-ran"
    _rewrite_toc(_toc(index), **HOSTILE_TOCS[part](marker))

    done = _caucasus(*command, index=index)

    assert not marker.exists(), "code from the index folder ran"
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "damaged" in lines[0] and "caucasus index --rebuild" in lines[0], done.stderr


def test_rebuild_replaces_a_hostile_toc_without_running_it(index, tmp_path, corpus_copy):
    marker = tmp_path / "code-ran"
    _rewrite_toc(_toc(index), segments=[_Payload(marker)])

    rebuilt = _caucasus("index", "--rebuild", index=index)

    assert rebuilt.returncode == 0, rebuilt.stderr
    assert not marker.exists()
    assert _caucasus("search", "Bayramov", index=index).returncode == 0


def test_an_index_built_updated_and_searched_loads_through_the_safe_unpickler(
    index, corpus_copy, tmp_path
):
    """What caucasus writes, it reads back through the allowlist: every field type,
    a segment with deletions, a merged segment."""
    first = sorted(corpus_copy.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nMore words.\n", encoding="utf-8")
    sync_index(index, [corpus_copy])  # an update: a deletion in the old segment
    (corpus_copy / "extra.txt").write_text(
        'Talks resume\n\nThe minister said: "We will meet again in Geneva."\n', encoding="utf-8"
    )
    sync_index(index, [corpus_copy])
    for command in (("search", "Geneva"), ("status",), ("quotes", "--speaker", "Bayramov")):
        done = _caucasus(*command, index=index)
        assert done.returncode == 0, (command, done.stderr)


@pytest.mark.parametrize(
    "payload",
    [
        lambda marker: _Payload(marker),
        lambda marker: {"stored": [_Payload(marker)]},  # as a stored field would hold it
    ],
)
def test_the_unpickler_refuses_what_an_index_does_not_hold(tmp_path, payload):
    marker = tmp_path / "code-ran"
    for protocol in (2, 5):
        with pytest.raises(pickle.UnpicklingError):
            safeload.loads(pickle.dumps(payload(marker), protocol))
    assert not marker.exists()


def test_bytes_and_patterns_load_only_as_data():
    assert safeload.loads(pickle.dumps(b"\x00\xffabc", 2)) == b"\x00\xffabc"
    evil = pickle.dumps(_CodecCall(), 2)
    with pytest.raises(pickle.UnpicklingError):
        safeload.loads(evil)


def test_positions_read_as_the_ints_they_are_and_a_disguised_call_is_still_refused(tmp_path):
    """A word's positions (a pickled list of ints, read once per document a phrase search
    checks) skip the allowlist's unpickler; a pickle that starts like one and then
    names a callable goes through the allowlist and is refused."""
    for positions in ([0], [3, 7, 200, 70_000, 2**31 - 1], list(range(2_500)), []):
        assert safeload.loads(pickle.dumps(positions, 2)) == positions
    marker = tmp_path / "code-ran"
    disguised = pickle.dumps([1, 2, _Payload(marker)], 2)
    assert disguised.startswith(pickle.dumps([1, 2], 2)[:6])
    with pytest.raises(pickle.UnpicklingError):
        safeload.loads(disguised)
    assert not marker.exists()


class _CodecCall:
    """`_codecs.encode` is admitted for latin-1 bytes only, not as a general call."""

    def __init__(self, *args) -> None:
        self.args = args or ("payload", "rot13")

    def __reduce__(self):
        import _codecs

        return (_codecs.encode, self.args)


def test_a_posting_block_loads_as_the_bytes_whoosh_wrote():
    """What a posting block holds (ids, weights, encoded positions as bytes) comes back
    equal, every byte value included."""
    values = tuple(bytes([n, 255 - n]) + pickle.dumps([n, n + 7], 2) for n in range(256))
    block = (tuple(range(256)), tuple(float(n % 5) for n in range(256)), values)
    assert safeload.loads(pickle.dumps(block, 2)) == block


@pytest.mark.parametrize(
    "args",
    [
        ("payload", "rot13"),  # text to text
        ("payload", "zlib"),  # bytes codecs: not text encodings
        ("payload", "base64"),
        (b"payload", "latin1"),  # not text
        ("payload", "no-such-codec"),
        ("caf\u00e9 \u20ac", "latin1", "strict"),  # text latin-1 cannot hold
        (),
    ],
)
def test_a_codec_call_in_a_pickle_does_no_more_than_encode_text(args):
    with pytest.raises(pickle.UnpicklingError):
        safeload.loads(pickle.dumps(_CodecCall(*args), 2))


def test_a_codec_name_in_a_pickle_imports_nothing_outside_the_encodings_package(
    tmp_path, monkeypatch
):
    """A pickle's encoding name is looked up by the standard library's codec search,
    which imports only modules of `encodings`: a module of that name elsewhere on the
    path is never imported, let alone run."""
    marker = tmp_path / "code-ran"
    (tmp_path / "caucasus_planted_codec.py").write_text(
        f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("caucasus_planted_codec", "..caucasus_planted_codec", "x.caucasus_planted_codec"):
        with pytest.raises(pickle.UnpicklingError):
            safeload.loads(pickle.dumps(_CodecCall("payload", name), 2))
    assert not marker.exists(), "a module named by an index file was imported"


# Every Whoosh module that reads pickles (or marshal data), and why each is safe: the
# ones an index is read through load via the allowlist; the others never see an index
# file. A Whoosh upgrade that adds a reader fails here until it is looked at.
THROUGH_THE_ALLOWLIST = {
    "whoosh.index",  # the TOC's schema (and the Whoosh 1 loader, removed)
    "whoosh.filedb.structfile",  # read_pickle: segment lists, posting info, compound dirs
    "whoosh.codec.whoosh3",  # posting blocks, inlined postings
    "whoosh.columns",  # stored fields
    "whoosh.formats",  # positions and characters of postings
}
NEVER_READ_AN_INDEX = {
    "whoosh.legacy": "Whoosh 1 TOCs: its loader is taken out of whoosh.index",
    "whoosh.util.loading": "the Whoosh 1 loader's unpickler",
    "whoosh.multiproc": "the job files this process's writer wrote",
    "whoosh.externalsort": "its own sort runs",
    "whoosh.filedb.pools": "its own posting pools",
    "whoosh.codec.whoosh2": "W2 segments: refused by the allowlist, never imported",
    "whoosh.codec.plaintext": "plain-text codec: refused by the allowlist, never imported",
    "whoosh.filedb.fileindex": "Whoosh 1 index: never imported",
    "whoosh.filedb.filereading": "Whoosh 1 reader: never imported",
    "whoosh.filedb.filewriting": "Whoosh 1 writer: never imported",
    "whoosh.filedb.misc": "Whoosh 1 helpers: never imported",
}


_LOADERS = ("from pickle import", "import pickle", "from marshal import", "Unpickler")


def test_every_whoosh_module_that_unpickles_is_accounted_for():
    import whoosh

    root = Path(whoosh.__file__).parent
    readers = set()
    for path in root.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if any(
            marker in source
            for marker in (
                "from pickle import",
                "import pickle",
                "from marshal import",
                "Unpickler",
            )
        ):
            parts = path.relative_to(root.parent).with_suffix("").parts
            readers.add(".".join(parts))
    assert readers == THROUGH_THE_ALLOWLIST | set(NEVER_READ_AN_INDEX)


def test_the_modules_said_never_imported_are_not(index):
    never = [name for name, why in NEVER_READ_AN_INDEX.items() if "never imported" in why]
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from caucasus_cli.index.store import CorpusIndex, index_stats\n"
        "from caucasus_cli.search.articles import SearchOptions, search_articles\n"
        f"index = Path({str(index)!r})\n"
        "index_stats(index)\n"
        "with CorpusIndex(index) as corpus:\n"
        "    [hit.doc for hit in search_articles(corpus, SearchOptions('peace')).hits]\n"
        f"print(sorted(set({never!r}) & set(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_stored_field_carrying_code_runs_nothing_and_is_damage(index, tmp_path):
    """Not only the TOC: a segment whose stored fields hold a payload (here written by
    Whoosh itself, as anyone with the schema could) is refused when a search shows it."""
    from whoosh import index as whoosh_index

    marker = tmp_path / "code-ran"
    writer = whoosh_index.open_dir(str(index)).writer()
    writer.add_document(
        type="article",
        doc="hostile",
        file_doc="hostile",
        path="/elsewhere/hostile.txt",
        title="Zebrafinch talks",
        body="Zebrafinch delegations met in Tbilisi.",
        author=_Payload(marker),
    )
    writer.commit()

    done = _caucasus("search", "zebrafinch", index=index)

    assert not marker.exists(), "code from the index folder ran"
    assert done.returncode == 2, (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "damaged" in lines[0], done.stderr


def test_positions_of_many_documents_load_in_one_go_and_a_disguised_call_is_refused(tmp_path):
    """A phrase search loads the positions of every document holding its words at once
    (safeload.int_lists): the same lists as one by one; one value naming a callable
    among them sends them all through the allowlist, which refuses it."""
    positions = [[0], [3, 7, 200, 70_000, 2**31 - 1], list(range(600)), []]
    values = [len(p).to_bytes(4, "big") + pickle.dumps(p, 2) for p in positions]
    assert safeload.int_lists(values, skip=4) == positions
    assert safeload.int_lists([value[:-1] for value in values], skip=4) == positions
    marker = tmp_path / "code-ran"
    disguised = b"\x00\x00\x00\x03" + pickle.dumps([1, 2, _Payload(marker)], 2)
    with pytest.raises(pickle.UnpicklingError):
        safeload.int_lists([*values, disguised], skip=4)
    assert not marker.exists()
