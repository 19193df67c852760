"""Reading Whoosh's pickles without running code from them.

Whoosh keeps the schema and the segment list of an index pickled in its table of
contents (`_MAIN_N.toc`), and pickles stored fields, posting blocks and term info in
the segment files. Unpickling runs whatever callable a pickle names: a TOC crafted
with a `__reduce__` payload would run it on `caucasus search` of an index received
from someone else (the README invites reading indexes from shared drives). Here
every such pickle is read by an unpickler that admits only what a caucasus index
holds, and refuses anything else as damage.

Why a patch, and why this one: Whoosh reads these pickles with module-level
`pickle.loads` / `pickle.load` in several modules (the TOC's schema in
`whoosh.index`, `StructFile.read_pickle` for segment lists and posting info,
`whoosh.columns` for stored fields, `whoosh.formats` for positions, the W3 codec
for posting blocks, `whoosh.legacy` for TOCs of Whoosh 1). A storage subclass would
reach only the reads that go through `StructFile`; the others take bytes, with no
hook. So `install()` rebinds the name `loads` (or `load`, or `pickle`) in exactly
those Whoosh modules, once per process: the `pickle` module itself, and any other
user of it (the worker pool, Whoosh's own temp files), are untouched.

Bytes in a protocol 2 pickle (every value of a posting block, every stored string of
bytes) are written as a call, `_codecs.encode(text, "latin1")`, once per value: a
phrase search at 22,250 articles loads thousands of them. The stand-in for that
name is `str.encode`, a C method, not a Python function checking its arguments (with
one, loading the 90 posting blocks of "prime", "minister" and "government" at 22,250,
10,580 values, took 7.5 ms instead of 4.0). It is as safe, for these reasons:
- it runs only on a `str` (anything else is a TypeError), and a text encoding only
  turns that text into bytes: it can return nothing but a `bytes` object;
- an encoding name is looked up in the codec registry, whose only search function in
  this process is the standard library's `encodings` package: it imports modules of
  that package alone (a name with a dot is skipped, by design, so that no module
  outside it is imported), and a codec that is not a text encoding (`rot13`, `zlib`,
  `base64`) is refused by `str.encode` before it runs;
- an error handler named as the third argument is looked up among the registered
  ones, and only if the text cannot be encoded;
so a crafted pickle gets at most an error (refused as damage, like any other
malformed pickle) or some bytes of text it holds anyway. Neither caucasus nor a
library it imports registers a codec search function of its own (whoosh3 3.54,
typer, rich, rapidfuzz, trafilatura's stack: none calls `codecs.register`);
test_robust_hostile checks that a codec name naming a module elsewhere imports nothing.

The pickles are read from a buffered stream: the C unpickler then takes each opcode
from its buffer, where from a bare `io.BytesIO` (no `peek`) it calls `read` once per
opcode: the same 90 blocks took 24 ms that way.
"""

from __future__ import annotations

import io
import pickle
import re
import threading
import types

# Everything a caucasus index's pickles name, found by listing what the TOC and
# segments of real indexes hold (built, updated, merged, searched); see
# tests/test_robust_hostile.py, which checks a fresh index against this list.
_ALLOWED = frozenset(
    {
        ("builtins", "int"),
        ("builtins", "float"),
        ("builtins", "str"),
        ("builtins", "bytes"),
        ("builtins", "bytearray"),
        ("builtins", "bool"),
        ("builtins", "list"),
        ("builtins", "tuple"),
        ("builtins", "dict"),
        ("builtins", "set"),
        ("builtins", "frozenset"),
        ("collections", "defaultdict"),
        ("datetime", "datetime"),
        ("datetime", "date"),
        ("datetime", "timedelta"),
        ("datetime", "timezone"),
        ("caucasus_cli.index.schema", "StemmedText"),
        ("caucasus_cli.ingest.stemming", "stem_word"),
        ("whoosh.analysis.analyzers", "CompositeAnalyzer"),
        ("whoosh.analysis.filters", "CharsetFilter"),
        ("whoosh.analysis.filters", "LowercaseFilter"),
        ("whoosh.analysis.filters", "StopFilter"),
        ("whoosh.analysis.filters", "StripFilter"),
        ("whoosh.analysis.morph", "StemFilter"),
        ("whoosh.analysis.tokenizers", "IDTokenizer"),
        ("whoosh.analysis.tokenizers", "RegexTokenizer"),
        ("whoosh.codec.whoosh3", "W3Codec"),
        ("whoosh.codec.whoosh3", "W3Segment"),
        ("whoosh.columns", "NumericColumn"),
        ("whoosh.columns", "VarBytesColumn"),
        ("whoosh.fields", "COLUMN"),
        ("whoosh.fields", "DATETIME"),
        ("whoosh.fields", "ID"),
        ("whoosh.fields", "KEYWORD"),
        ("whoosh.fields", "NUMERIC"),
        ("whoosh.fields", "STORED"),
        ("whoosh.fields", "Schema"),
        ("whoosh.fields", "TEXT"),
        ("whoosh.formats", "Existence"),
        ("whoosh.formats", "Frequency"),
        ("whoosh.formats", "Positions"),
        ("whoosh.lang.porter2", "stem"),
    }
)
# Python 2 names that protocol 2 pickles use for the builtins.
_PY2_BUILTINS = {"long": "int", "unicode": "str"}


class RefusedPickle(pickle.UnpicklingError):
    """An index file names something to load that no caucasus index holds."""


def _pattern(pattern: str | bytes, flags: int = 0) -> re.Pattern:
    """`re._compile`, which pickles a tokenizer's expression, with checked arguments."""
    if not isinstance(pattern, str | bytes) or not isinstance(flags, int):
        raise RefusedPickle("an index file holds a malformed expression")
    return re.compile(pattern, flags)


# `_codecs.encode` (bytes in protocol 2): a text encoding of a str, only (see above).
_STAND_INS = {("_codecs", "encode"): str.encode, ("re", "_compile"): _pattern}


class IndexUnpickler(pickle.Unpickler):
    """Loads only the classes and functions a caucasus index legitimately holds."""

    def find_class(self, module: str, name: str):
        if module == "__builtin__":
            module, name = "builtins", _PY2_BUILTINS.get(name, name)
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        if (module, name) in _STAND_INS:
            return _STAND_INS[module, name]
        raise RefusedPickle(f"an index file asks to load {module}.{name}, which no index holds")


# A pickle (protocol 2) of a list of ints and nothing else, as Whoosh writes the
# positions of a word in a document: PROTO 2, EMPTY_LIST, BINPUT 0, then one int and
# APPEND, or batches of MARK, ints (BININT1, BININT2, BININT) and APPENDS; STOP. Every
# byte is consumed by that structure, so such a pickle names no class and cannot run
# code: the stdlib's unpickler reads it as safely as IndexUnpickler, at a fifth of the
# cost (one per document a phrase search checks).
_INT = rb"(?:K.|M..|J....)"
_INT_LIST = re.compile(rb"\x80\x02\]q\x00(?:" + _INT + rb"a|(?:\(" + _INT + rb"+e)+)?\.", re.DOTALL)


# Many such lists in one pickle: PROTO 2, MARK, the lists' own opcodes one after the
# other (each from its EMPTY_LIST to its last APPEND(S)), LIST, STOP. Every byte is
# again consumed by that structure: a list of lists of ints, and nothing is called.
_INT_LISTS = re.compile(
    rb"\x80\x02\((?:\]q\x00(?:" + _INT + rb"a|(?:\(" + _INT + rb"+e)+)?)*l\.", re.DOTALL
)
_PROTOCOL_2 = b"\x80\x02"


def int_lists(pickles: list[bytes], skip: int = 0) -> list:
    """What each of `pickles` (from its byte `skip` on) loads to, where each is a list of
    ints as Whoosh pickles positions: in one load of one pickle made of them all.

    A phrase search loads one such list per word and document holding every word
    (thousands); one regular-expression match and one load for them all cost a
    fraction of that many calls. If any is not such a list, each is loaded on its own
    (refused if it names anything). A list made from bytes that are not a positions
    pickle could be misread as another list of ints, which an index could hold anyway.
    """
    start = skip + len(_PROTOCOL_2)
    if b"".join([data[-1:] for data in pickles]) == b"." * len(pickles):
        whole = b"".join([_PROTOCOL_2, b"(", *[data[start:-1] for data in pickles], b"l."])
        if _INT_LISTS.fullmatch(whole):
            lists = pickle.loads(whole)
            if len(lists) == len(pickles):
                return lists
    # Whoosh's own decoder takes a value without its STOP (it adds one): so does this.
    return [loads(data[skip:] if data.endswith(b".") else data[skip:] + b".") for data in pickles]


def loads(data, /, **_options):
    if _INT_LIST.fullmatch(data):
        return pickle.loads(data)
    return _load(io.BufferedReader(io.BytesIO(data)))


def load(file, /, **_options):
    return _load(file)


def _load(file):
    """One pickle from `file` through the allowlist. What a stand-in or an admitted
    class refuses to build from the arguments a pickle gives it (a codec that is not a
    text encoding, a str where bytes belong) is damage, as a refused name is."""
    try:
        return IndexUnpickler(file).load()
    except (LookupError, TypeError, ValueError) as error:
        raise RefusedPickle(f"an index file holds a malformed call ({error})") from None


_installed = False
_install_lock = threading.Lock()


def install() -> None:
    """Have Whoosh read every pickle of an index through `IndexUnpickler` (idempotent)."""
    global _installed
    if _installed:
        return
    with _install_lock:
        if _installed:
            return
        import whoosh.codec.whoosh3
        import whoosh.columns
        import whoosh.filedb.structfile
        import whoosh.formats
        import whoosh.index

        # whoosh.index uses `pickle.loads` for the schema and `pickle.dumps` to write
        # it; only the reading side changes.
        whoosh.index.pickle = types.SimpleNamespace(
            loads=loads, dumps=pickle.dumps, PicklingError=pickle.PicklingError
        )
        # A TOC of Whoosh 1's format would be read by whoosh.legacy's own unpickler,
        # which loads anything: caucasus never wrote one, so that format is refused.
        whoosh.index.toc_loaders = {}
        whoosh.filedb.structfile.load = load
        for module in (whoosh.codec.whoosh3, whoosh.columns, whoosh.formats):
            module.loads = loads
        _installed = True
