"""The speaker table: everyone quoted, with counts, written beside the index.

`speakers` and `--speaker` read this small file instead of walking every quote
(or the index's term list) per command. It is derived from the index, never the
other way round: it carries the Whoosh generation (table-of-contents number) and
schema version it was built from, and a reader that finds it out of step (a crash
between the index's commit and this file, a deleted or damaged file) builds it
again from the quote store before answering. So the table can never
answer for another state of the index than the one being searched.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

from .schema import SCHEMA_VERSION

SPEAKERS_FILE = "speakers.json"


@dataclass(slots=True)
class SpeakerEntry:
    speaker: str
    role: str | None  # the role most often given with the name, if any
    quotes: int  # of every kind: direct quotations and reported speech
    direct: int  # direct quotations: what `quotes --speaker` lists by default
    articles: int
    written: list[str]  # other ways articles name them that are part of the name


def build_table(store) -> list[SpeakerEntry]:
    """The table from the quote store: most quoted first."""
    from ..quotes.people import fold_name

    quotes: Counter[str] = Counter()
    direct: Counter[str] = Counter()
    articles: dict[str, set[str]] = defaultdict(set)
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    mentions: dict[str, set[str]] = defaultdict(set)
    for said in store.quoted_speakers():
        quotes[said.speaker] += 1
        direct[said.speaker] += said.direct
        articles[said.speaker].add(said.doc)
        if said.role:
            roles[said.speaker][said.role] += 1
        if said.mention:
            mentions[said.speaker].add(said.mention)
    entries = []
    for speaker, count in quotes.items():
        own_words = set(fold_name(speaker).split())
        written = {
            mention
            for mention in mentions[speaker]
            if mention != speaker and set(fold_name(mention).split()) <= own_words
        }
        role = roles[speaker].most_common(1)[0][0] if roles[speaker] else None
        entries.append(
            SpeakerEntry(
                speaker, role, count, direct[speaker], len(articles[speaker]), sorted(written)
            )
        )
    return sorted(entries, key=lambda e: (-e.quotes, e.speaker))


def speaker_table(index_dir: Path, store) -> list[SpeakerEntry]:
    """The table for the quotes `store` reads, from the file when it is in step."""
    stamp = [SCHEMA_VERSION, store.generation]
    stored = _read(index_dir)
    if stored is not None and stored.get("stamp") == stamp:
        return [SpeakerEntry(**entry) for entry in stored["speakers"]]
    entries = build_table(store)
    _write_if_newer(index_dir, stamp, entries, stored)
    return entries


def refresh_speaker_table(index_dir: Path, ix) -> None:
    """After a commit (or a run that committed nothing): bring the file in step."""
    from .quotestore import QuoteStore

    store = QuoteStore(index_dir, ix.latest_generation())
    try:
        speaker_table(index_dir, store)
    finally:
        store.close()


def _read(index_dir: Path) -> dict | None:
    try:
        raw = json.loads((index_dir / SPEAKERS_FILE).read_text(encoding="utf-8"))
        return raw if isinstance(raw, dict) and isinstance(raw.get("speakers"), list) else None
    except (OSError, ValueError):
        return None  # absent or damaged: rebuilt from the index


def _write_if_newer(index_dir: Path, stamp: list[int], entries, stored: dict | None) -> None:
    # A command still reading an older generation must not overwrite a newer table
    # (it would only cost the next command a rebuild, but that is work for nothing).
    previous = stored.get("stamp") if stored is not None else None
    if isinstance(previous, list) and previous[:1] == stamp[:1] and previous[1:] > stamp[1:]:
        return
    payload = json.dumps(
        {"stamp": stamp, "speakers": [asdict(e) for e in entries]}, ensure_ascii=False
    )
    temp = None
    try:
        handle, temp = tempfile.mkstemp(dir=index_dir, prefix=".caucasus-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(payload)
        os.replace(temp, index_dir / SPEAKERS_FILE)
    except OSError:  # a read-only index (or a full disk) still answers, from memory
        if temp is not None:
            Path(temp).unlink(missing_ok=True)
