"""Stage 3, index: the on-disk Whoosh index and keeping it in step with the files.

Public API (imported from the modules, so that a command loads only what it uses):
- `sync.sync_index(index_dir, roots, ...)` -> `IndexReport` (incremental, atomic);
  `resync.sync_index`, the same without loading the indexer when nothing changed;
- `store.CorpusIndex` (an open index), `store.index_exists`;
- `documents`: the only module that maps records to Whoosh documents and back;
- `schema`: fields, analyzers and `SCHEMA_VERSION`; `spelling`: words for "did you mean".

Imports `ingest` and `quotes`, never `search`.
"""
