"""Stage 4, search: answering questions from an open index.

Public API (imported from the modules, so that a command loads only what it uses):
- `articles.search_articles(index, SearchOptions)` -> `SearchResult`;
- `show.find_article(index, doc)`;
- `quotes.stream_quotes`, `quotes.list_speakers`, `quotes.quote_in_context`,
  `quotes.resolve_speaker`;
- `check.check_claim(index, claim, ...)` -> `Verdict` (and the pure `check.decide`);
- `variants.expand_variants` (Karabakh / Qarabağ / Karabagh).
"""
