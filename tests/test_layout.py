"""The package is the pipeline: a stage imports only earlier stages, the core no UI."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "caucasus_cli"
STAGES = ("ingest", "quotes", "index", "search")
TOP_LEVEL = {"cli", "streams", "models", "errors", "config", "__init__", "__main__"}
# The user interface: the only code that may know Typer, Click or Rich.
UI = {"render"}


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
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert packages == set(STAGES) | UI


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_no_later_stage(stage):
    later = set(STAGES[STAGES.index(stage) + 1 :])
    for path in (PACKAGE / stage).glob("*.py"):
        wrong = {m for m in _imports(path) if _stage(m) in later}
        assert not wrong, f"{path.name} imports {sorted(wrong)}"


def test_the_core_knows_nothing_of_typer_or_rich():
    for path in PACKAGE.rglob("*.py"):
        if path.stem == "cli" or path.relative_to(PACKAGE).parts[0] in UI:
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


def _exits(tree: ast.AST) -> list[ast.AST]:
    """`typer.Exit(...)`, `raise typer.Exit`, `sys.exit(...)` and `exit(...)` in a tree."""
    found = []
    for node in ast.walk(tree):
        target = node.func if isinstance(node, ast.Call) else node
        if isinstance(target, ast.Attribute) and target.attr in ("Exit", "exit"):
            if isinstance(target.value, ast.Name) and target.value.id in ("typer", "sys"):
                found.append(node)
        elif isinstance(target, ast.Name) and target.id in ("Exit", "exit", "quit"):
            found.append(node)
    return found


def test_only_main_decides_the_exit_code():
    """Commands return their ExitStatus or raise (NothingFound, Differs, CaucasusError);
    no helper exits on behalf of its caller. The app's `main` alone exits."""
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "main":
            allowed |= {id(inner) for inner in ast.walk(node)}
    stray = [node.lineno for node in _exits(tree) if id(node) not in allowed]
    assert not stray, f"cli.py exits outside main at lines {stray}"
    for path in PACKAGE.rglob("*.py"):
        if path.name != "cli.py":
            assert not _exits(ast.parse(path.read_text(encoding="utf-8"))), path
