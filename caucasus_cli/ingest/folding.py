"""Folding words as the index does: lowercase, accents off, Azerbaijani ə as e.

The index analyzer (index/schema.py), claim alignment and quote wordings
(quotes/wording.py) all fold with this one table, so that what matches in one
matches in the others.
"""

from __future__ import annotations

from whoosh.support.charset import accent_map

# Whoosh's accent map leaves letters with no Unicode decomposition (Azerbaijani ə)
# and the combining dot that `İ`.lower() produces; both must fold for Qarabağ/Gəncə.
FOLDING = {
    **accent_map,
    0x0259: "e",  # ə
    0x018F: "e",  # Ə
    **dict.fromkeys(range(0x0300, 0x0370)),  # combining marks
}


FOLD_TABLE = str.maketrans(FOLDING)


def fold_text(text: str) -> str:
    """Lowercased and accent-folded exactly as the index folds words."""
    return text.lower().translate(FOLD_TABLE)
