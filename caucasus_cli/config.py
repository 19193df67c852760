"""Where caucasus keeps things: bundled data files, the user's additions, the index.

Data that users may extend (name variants, outlets, boilerplate lines) ships in
`caucasus_cli/data/`; a file of the same name in the user's config folder
(`$XDG_CONFIG_HOME/caucasus/`, default `~/.config/caucasus/`) adds to it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import CaucasusError, DataFileError

_PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_data_path(name: str) -> Path:
    return _PACKAGE_DIR / "data" / name


def user_config_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(Path.home(), ".config")
    return Path(base) / "caucasus"


def default_index_dir() -> Path:
    """The per-user index: `$XDG_DATA_HOME/caucasus/index`, default `~/.local/share/...`."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "caucasus" / "index"


def resolve_index_dir(option: str | Path | None) -> Path:
    """`--index DIR`, else `$CAUCASUS_INDEX`, else the per-user default."""
    if option is not None:
        if not str(option).strip():
            # Path("") is the current folder: never make that the index by accident.
            raise CaucasusError("`--index` is empty", hint="give --index a folder")
        return Path(option).expanduser()
    from_env = os.environ.get("CAUCASUS_INDEX")
    if from_env:
        return Path(from_env).expanduser()
    return default_index_dir()


def bundled_corpus_dir() -> Path:
    """The seed articles: inside the installed package, or beside it in a source checkout."""
    for candidate in (_PACKAGE_DIR / "corpus", _PACKAGE_DIR.parent / "corpus"):
        if candidate.is_dir():
            return candidate
    raise DataFileError(
        "the bundled corpus is missing from this installation", hint="reinstall caucasus"
    )


@dataclass(frozen=True, slots=True)
class DataLine:
    """One entry of a data file, with where it was written (for error messages)."""

    text: str
    path: Path
    number: int

    @property
    def where(self) -> str:
        return f"{self.path}:{self.number}"


def read_data_file(path: Path) -> str:
    """A data file's text; a file that cannot be read is a DataFileError naming it."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DataFileError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise DataFileError(f"{path}: cannot read ({error.strerror})") from None


@cache
def data_entries(name: str) -> tuple[DataLine, ...]:
    """Non-empty, non-comment lines of a bundled data file followed by the user's own."""
    entries: list[DataLine] = []
    for path in (bundled_data_path(name), user_config_dir() / name):
        if not path.is_file():
            continue
        text = read_data_file(path)
        for number, line in enumerate(text.splitlines(), start=1):
            stripped = line.strip()
            if stripped and not stripped.startswith("#"):
                entries.append(DataLine(stripped, path, number))
    return tuple(entries)


def data_lines(name: str) -> tuple[str, ...]:
    return tuple(entry.text for entry in data_entries(name))
