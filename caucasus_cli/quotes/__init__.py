"""Stage 2, quotes: quotations and reported speech in an article, with their speakers.

Public API (imported from the modules, so that a command loads only what it uses):
- `extract.extract_quotes(text, paragraphs, people)` -> list of `models.Quote`;
- `people.load_people()` (people.toml: names, aliases, roles) and `people.fold_name`.

The steps: `marks` pairs quotation marks, `sentences` splits and masks quoted words,
`attribution` finds cues and speaker phrases, `mentions` reads a speaker phrase,
`speakers` links mentions to people through the article. Imports neither `index` nor
`search`.
"""
