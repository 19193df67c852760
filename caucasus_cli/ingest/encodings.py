"""Bytes to text: UTF-8 first, else the legacy code page the bytes are in; text made valid.

UTF-8 (and UTF-16/32 with a byte-order mark) is decoded without any detection, so
the common case costs nothing more than the decode. Only bytes that are not UTF-8
are looked at: a code page the page declares, else the one charset-normalizer
detects among those the sources of this conflict are written in (Russian-language
agencies in windows-1251, KOI8-R…), else cp1252, what Windows tools and old
scrapers write. A feed (JSON Lines, CSV) is decoded line by line, since records
appended by different tools can differ.

`valid_text` replaces what no later stage can store: lone surrogates (valid in a
JSON string, `"\\udfff"`, but not encodable as UTF-8) and NUL characters.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

FALLBACK = "cp1252"
UNICODE_ENCODINGS = frozenset({"utf-8", "utf-8-sig", "utf-16", "utf-32"})
# The code pages detection chooses from. Central European cp1250 is left out on
# purpose: English cp1252 text with a Spanish `ñ` would read as `ń` whenever the
# detector prefers it, and no source of this conflict is written in it.
_CANDIDATES = ("cp1252", "cp1251", "koi8_r", "cp866", "iso8859_5", "cp1254")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its BOM starts with UTF-16 LE's
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_INVALID = re.compile("[\x00\ud800-\udfff]")
_DETECTION_SAMPLE = 1 << 20  # bytes looked at to name a code page: plenty for one


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    # `utf-8`, `cp1251`…; for a feed whose lines differ, `cp1252 on line 7 (the rest utf-8)`
    encoding: str


def decode_bytes(data: bytes, *, per_line: bool = False, declared: str | None = None) -> Decoded:
    """Decode article bytes. `per_line` for feeds: each line UTF-8 if it is, else the
    legacy code page. `declared` is a charset the file names for itself (an HTML
    page's `<meta charset>`). Raises ValueError for binary data (NUL bytes without a
    UTF-16/32 BOM) unless `per_line`, where a NUL costs only its record.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            return Decoded(text.removeprefix("\ufeff"), encoding)
    if not per_line and b"\x00" in data:
        raise ValueError("binary file (NUL bytes)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if per_line:
        return _decode_lines(data, declared)
    codec = legacy_codec(data, declared)
    # cp1252 leaves five bytes undefined; those become U+FFFD rather than failing.
    return Decoded(data.decode(codec, errors="replace"), codec)


def _decode_lines(data: bytes, declared: str | None) -> Decoded:
    lines = data.split(b"\n")
    legacy: list[int] = []
    unicode_beyond_ascii = False
    for number, line in enumerate(lines):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            legacy.append(number)
        else:
            unicode_beyond_ascii = unicode_beyond_ascii or not line.isascii()
    codec = legacy_codec(b"\n".join(lines[n] for n in legacy), declared)
    if not unicode_beyond_ascii:  # the UTF-8 lines are ASCII: the file is in one code page
        return Decoded(data.decode(codec, errors="replace"), codec)
    legacy_set = set(legacy)
    texts = [
        line.decode(codec, errors="replace") if number in legacy_set else line.decode("utf-8")
        for number, line in enumerate(lines)
    ]
    return Decoded("\n".join(texts), f"{codec} on {_lines(legacy)} (the rest utf-8)")


def _lines(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"line {numbers[0] + 1}"
    if len(numbers) <= 3:
        return "lines " + ", ".join(str(n + 1) for n in numbers)
    return f"{len(numbers)} lines from line {numbers[0] + 1}"


def legacy_codec(data: bytes, declared: str | None = None) -> str:
    """The single-byte code page of bytes that are not UTF-8.

    A page's declared charset is believed when the bytes decode in it; else the
    detected Cyrillic or Turkish code page; else cp1252. An English cp1252 text that
    a detector calls something that decodes it the same stays cp1252.
    """
    codec = _codec_name(declared)
    if codec and codec not in UNICODE_ENCODINGS:
        try:
            data.decode(codec)
            return codec
        except (UnicodeDecodeError, LookupError):
            pass
    detected = _detected(data[:_DETECTION_SAMPLE])
    if detected is None or detected == FALLBACK:
        return FALLBACK
    sample = data[:_DETECTION_SAMPLE]
    same = sample.decode(detected, errors="replace") == sample.decode(FALLBACK, errors="replace")
    return FALLBACK if same else detected


def _detected(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # installed with trafilatura; without it, cp1252 as before
        return None
    best = from_bytes(data, cp_isolation=list(_CANDIDATES)).best()
    return _codec_name(best.encoding) if best is not None else None


def _codec_name(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def valid_text(text: str) -> tuple[str, int]:
    """`text` with lone surrogates and NULs replaced by U+FFFD (one for one, so that
    offsets into it stay true), and how many were replaced."""
    if _INVALID.search(text) is None:
        return text, 0
    return _INVALID.subn("\ufffd", text)
