"""BM25F as Whoosh scores it, with each field's lengths read once per segment.

Whoosh's BM25F needs the length of the field in every document it scores, and reads
it per document through four layers of Python (reader, per-document reader, column
reader, file), about as long as the rest of the scoring: at 22,250 articles a search
for `government` scores 6,000 documents in two fields. A W3 segment keeps those
lengths as one byte per document in a column; here the column is read whole when a
scorer is made (22 KB at 22,250 articles) and a length is an index into it. The
bytes mean what Whoosh's `byte_to_length` says and a missing byte is None, as in
`W3PerDocReader.doc_field_length`: the scores are Whoosh's, to the last bit.
"""

from __future__ import annotations

from collections.abc import Callable

from whoosh import columns, scoring
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader
from whoosh.reading import SegmentReader
from whoosh.util.numeric import byte_to_length

# A length byte as Whoosh reads it; 0 is "no length" (None), not 0.
_LENGTH_OF_BYTE: tuple[int | None, ...] = (None, *(byte_to_length(b) for b in range(1, 256)))


class ColumnLengthBM25F(scoring.BM25F):
    """Whoosh's BM25F (same B, K1, scores) whose scorers look lengths up in the
    segment's length column read whole."""

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        if isinstance(scorer, scoring.BM25FScorer):
            lengths = field_lengths(searcher.reader(), fieldname)
            if lengths is not None:
                scorer.dfl = lengths
        return scorer


def field_lengths(reader, fieldname: str) -> Callable[[int], int | None] | None:
    """A function giving the length of `fieldname` in a document of this segment, as
    `reader.doc_field_length(docnum, fieldname, 1)` does, or None where the segment is
    not a W3 one with a one-byte length column (then Whoosh's own lookup is kept)."""
    if type(reader) is not SegmentReader or type(reader._perdoc) is not W3PerDocReader:
        return None
    perdoc = reader._perdoc
    if not perdoc.has_column(f"_{fieldname}_len"):
        return lambda _docnum: 1  # no lengths kept: Whoosh's default for the scorer
    column = perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
    if type(column) is not columns.NumericColumn.Reader or column._fixedlen != 1:
        return None
    # Documents after the last one written have no byte (Whoosh gives the default: 0).
    data = column._dbfile.get(column._basepos, column._count)
    data += bytes(max(0, perdoc.doc_count_all() - len(data)))
    table = _LENGTH_OF_BYTE

    def length(docnum: int) -> int | None:
        return table[data[docnum]]

    return length
