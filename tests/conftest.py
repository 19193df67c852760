"""Shared fixtures: an index of the bundled seed articles, the bundled people, and an
isolated user environment."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from caucasus_cli.config import bundled_corpus_dir
from caucasus_cli.index.sync import sync_index
from caucasus_cli.quotes.people import PEOPLE_ENV_VAR, People, load_people

# No test asserts a time (these machines are shared): Hypothesis's default 200 ms
# deadline per example fails a property test on a busy machine, not on a wrong answer.
settings.register_profile("shared-machine", deadline=None)
settings.load_profile("shared-machine")

SEED_DOCS = (
    "000_6ceba82ccbfec31b",
    "001_7e16cc46a88fe3df",
    "002_555f5ba2ef349d98",
    "003_c2fa5512a1292afa",
    "004_b33b2c1105469be7",
)
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(autouse=True)
def isolated_user(tmp_path_factory, monkeypatch):
    """No test reads or writes the real user's index or config."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("CAUCASUS_INDEX", raising=False)
    monkeypatch.delenv("CAUCASUS_PEOPLE", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture(scope="session")
def seed_corpus() -> Path:
    return bundled_corpus_dir()


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory, seed_corpus) -> Path:
    """An index of the five seed articles, built once per test session; treat as read-only."""
    index_dir = tmp_path_factory.mktemp("seed-index") / "index"
    sync_index(index_dir, [seed_corpus])
    return index_dir


@pytest.fixture
def corpus_copy(tmp_path, seed_corpus) -> Path:
    """A writable copy of the seed articles, for tests that change files."""
    target = tmp_path / "articles"
    shutil.copytree(seed_corpus, target)
    for path in target.iterdir():
        path.chmod(0o644)
    return target


@pytest.fixture(scope="session")
def seed_text(seed_corpus):
    """seed_text(doc) -> the decoded text of a seed article."""

    def read(doc: str) -> str:
        return (seed_corpus / f"{doc}.txt").read_text(encoding="utf-8")

    return read


@pytest.fixture(scope="module")
def people(tmp_path_factory: pytest.TempPathFactory) -> People:
    """The bundled people.toml only (no user files of the machine running the tests)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
        patch.delenv(PEOPLE_ENV_VAR, raising=False)
        return load_people()
