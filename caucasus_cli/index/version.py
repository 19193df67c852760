"""The index's schema version, in a module of its own: `caucasus index` on an unchanged
folder checks it without loading Whoosh (index/unchanged.py).

Bump SCHEMA_VERSION whenever a field of the Whoosh schema (schema.py) or the quote
store's layout (quotestore.py) changes: an index written under another version must be
rebuilt.
"""

# 10: Cyrillic words stemmed as Russian (ingest/stemming.py).
# 11: no word-pair fields (title_pairs, body_pairs) any more.
SCHEMA_VERSION = 11
