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
"""

from __future__ import annotations

import codecs
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


def _latin1(text: str, encoding: str = "latin1", errors: str = "strict") -> bytes:
    """`_codecs.encode`, which protocol 2 uses to pickle bytes, for that use only."""
    if not isinstance(text, str) or encoding not in ("latin1", "latin-1"):
        raise RefusedPickle("an index file asks to run a codec other than latin-1")
    return codecs.encode(text, "latin1", "strict")


def _pattern(pattern: str | bytes, flags: int = 0) -> re.Pattern:
    """`re._compile`, which pickles a tokenizer's expression, with checked arguments."""
    if not isinstance(pattern, str | bytes) or not isinstance(flags, int):
        raise RefusedPickle("an index file holds a malformed expression")
    return re.compile(pattern, flags)


_STAND_INS = {("_codecs", "encode"): _latin1, ("re", "_compile"): _pattern}


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


def loads(data, /, **_options):
    if _INT_LIST.fullmatch(data):
        return pickle.loads(data)
    return IndexUnpickler(io.BytesIO(data)).load()


def load(file, /, **_options):
    return IndexUnpickler(file).load()


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
