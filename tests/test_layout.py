"""The package is the pipeline: a stage imports only earlier stages, the core no UI."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "caucasus_cli"
STAGES = ("ingest", "quotes", "index", "search")
TOP_LEVEL = {"cli", "render", "streams", "models", "errors", "config", "__init__", "__main__"}


def _imports(path: Path) -> set[str]:
    """Dotted caucasus_cli modules a file imports (relative imports resolved)."""
    package = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.split(".")[0] == "caucasus_cli"}


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def test_only_the_stage_folders_and_the_shared_modules_are_in_the_package():
    loose = {p.stem for p in PACKAGE.glob("*.py")}
    assert loose == TOP_LEVEL
    assert {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()} == set(STAGES)


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_no_later_stage(stage):
    later = set(STAGES[STAGES.index(stage) + 1 :])
    for path in (PACKAGE / stage).glob("*.py"):
        wrong = {m for m in _imports(path) if _stage(m) in later}
        assert not wrong, f"{path.name} imports {sorted(wrong)}"


def test_the_core_knows_nothing_of_typer_or_rich():
    for path in PACKAGE.rglob("*.py"):
        if path.stem in ("cli", "render"):
            continue
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        names = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        } | {
            (node.module or "").split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and not node.level
        }
        assert not names & {"typer", "rich", "click"}, path
