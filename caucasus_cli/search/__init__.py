"""Stage 4, search: answering questions from an open index.

Public API (imported from the modules, so that a command loads only what it uses):
- `articles.search_articles(index, SearchOptions)` -> `SearchResult`;
- `show.find_article(index, doc)`;
- `quotes.stream_quotes`, `quotes.list_speakers`, `quotes.quote_in_context`,
  `quotes.resolve_speaker`;
- `check.check_claim(index, claim, ...)` -> `Verdict` (and the pure `check.decide`);
- `variants.expand_variants` (Karabakh / Qarabağ / Karabagh).
"""

from __future__ import annotations

import importlib
import sys
import types

_WORD_VARIATIONS = "whoosh.lang.morph_en"


def _defer_word_variations() -> None:
    """Let `whoosh.query` load without Whoosh's English word-variation tables.

    `whoosh.query.terms` imports `variations` from `whoosh.lang.morph_en`, whose import
    compiles some 150 regular expressions: about a tenth of a search's start-up, for
    the `Variations` query, which caucasus never builds. Until something calls
    `variations`, a stand-in module holds its place; the first call (or any other
    name asked of it) imports the real module and answers from it.
    """
    if _WORD_VARIATIONS in sys.modules:
        return
    stand_in = types.ModuleType(_WORD_VARIATIONS, "Deferred: see caucasus_cli/search.")

    def real() -> types.ModuleType:
        if sys.modules.get(_WORD_VARIATIONS) is stand_in:
            del sys.modules[_WORD_VARIATIONS]
        return importlib.import_module(_WORD_VARIATIONS)

    def variations(word: str):
        return real().variations(word)

    stand_in.variations = variations

    def other_name(name: str):
        if name.startswith("__"):  # the import system's questions (__spec__, __path__)
            raise AttributeError(name)
        return getattr(real(), name)

    stand_in.__getattr__ = other_name
    stand_in.deferred = True
    sys.modules[_WORD_VARIATIONS] = stand_in


_defer_word_variations()
