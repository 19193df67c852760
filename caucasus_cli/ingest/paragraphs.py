"""Split decoded article text into paragraphs that keep their file offsets."""

from __future__ import annotations

import re

from ..models import Paragraph

# A paragraph break is a line holding nothing but whitespace; `\r\n` files split the same.
_BREAK = re.compile(r"(?:\r?\n|\r)[ \t\f\v\u00a0]*(?:\r?\n|\r)\s*")


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs of `text`, each trimmed of surrounding whitespace.

    `paragraph.text == text[paragraph.start:paragraph.end]` always holds.
    """
    paragraphs: list[Paragraph] = []
    position = 0
    for match in _BREAK.finditer(text):
        _append_trimmed(paragraphs, text, position, match.start())
        position = match.end()
    _append_trimmed(paragraphs, text, position, len(text))
    return paragraphs


def _append_trimmed(out: list[Paragraph], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Paragraph(len(out) + 1, start, end, text[start:end]))
