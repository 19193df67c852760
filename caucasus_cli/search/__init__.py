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

# Whoosh modules whose import compiles regular expressions that a search never uses,
# and the one function of each that Whoosh's own modules import by name.
_DEFERRED = {
    # `whoosh.query.terms` imports `variations` for the `Variations` query, which
    # caucasus never builds: some 150 expressions, about a tenth of a search's start-up.
    "whoosh.lang.morph_en": "variations",
    # `whoosh.analysis` imports the Porter stemmer as StemFilter's default; caucasus's
    # analyzers name their own stemmer (Porter2 or Snowball): ~3 ms of start-up.
    "whoosh.lang.porter": "stem",
}


def _defer(module_name: str, function_name: str) -> None:
    """Let Whoosh load without `module_name`: until something calls its
    `function_name`, a stand-in module holds its place; the first call (or any other
    name asked of it) imports the real module and answers from it."""
    if module_name in sys.modules:
        return
    stand_in = types.ModuleType(module_name, "Deferred: see caucasus_cli/search.")

    def real() -> types.ModuleType:
        if sys.modules.get(module_name) is stand_in:
            del sys.modules[module_name]
        return importlib.import_module(module_name)

    def function(*args, **kwargs):
        return getattr(real(), function_name)(*args, **kwargs)

    # Pickled by reference (a default argument of a pickled analyzer) it names the
    # real function, and only the real one is ever loaded back.
    function.__module__, function.__qualname__ = module_name, function_name
    function.__name__ = function_name
    setattr(stand_in, function_name, function)

    def other_name(name: str):
        if name.startswith("__"):  # the import system's questions (__spec__, __path__)
            raise AttributeError(name)
        return getattr(real(), name)

    stand_in.__getattr__ = other_name
    stand_in.deferred = True
    sys.modules[module_name] = stand_in


for _module, _function in _DEFERRED.items():
    _defer(_module, _function)
