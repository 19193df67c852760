"""Stage 1, ingest: article files to `Article` records.

Public API (imported from the modules, so that a command loads only what it uses):
- `reader.find_article_files`, `reader.read_article_file` (decoding, skips as `SkippedFile`);
- `paragraphs.split_paragraphs`;
- `formats.articles_from_file` (one decoded file to its articles: a text file or saved
  page is one, an export one a record), `formats.UnreadFiles` (other types, counted);
- `html.read_page_metadata`, `html.extract_main_text` (the `html` extra);
- `exports.read_jsonl`, `exports.read_csv`, `exports.field_names`, `exports.parse_fields_option`;
- `dates.find_date`, `dates.parse_date_value` (read only when unambiguous);
- `metadata.parse_article` (title, outlet, place, date, body paragraphs; never invented).

Imports nothing from `quotes`, `index` or `search`.
"""
