"""Stage 1, ingest: article files to `Article` records.

Public API (imported from the modules, so that a command loads only what it uses):
- `reader.find_article_files`, `reader.read_article_file` (decoding, skips as `SkippedFile`);
- `paragraphs.split_paragraphs`;
- `metadata.parse_article` (title, outlet, place, date, body paragraphs; never invented).

Imports nothing from `quotes`, `index` or `search`.
"""
