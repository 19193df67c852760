"""The package is the pipeline: a stage imports only earlier stages, the core no UI."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "caucasus_cli"
STAGES = ("ingest", "quotes", "index", "search")
TOP_LEVEL = {"cli", "streams", "models", "errors", "config", "__init__", "__main__"}
# The user interface: the only code that may know Typer, Click or Rich.
UI = {"render", "commands"}


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


SEARCH = PACKAGE / "search"
# SQL in search/ would be storage leaking out of index/: search builds a QuoteQuery and
# index/quotequery.py makes it SQL.
SQL = re.compile(r"SELECT|= \?|\bWHERE\b|\bMATCH\b")


def test_search_writes_no_sql():
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(SEARCH.glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SQL.search(line)
    ]
    assert not found, "\n".join(found)


def _field_names() -> set[str]:
    from caucasus_cli.index.schema import build_schema, quote_query_schema

    return set(build_schema().names()) | set(quote_query_schema().names())


def _strings(tree: ast.AST) -> list[ast.Constant]:
    """String literals used as values: subscripts, call arguments, collection items,
    comparisons (not prose: messages, docstrings)."""
    found: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript):
            found.append(node.slice)
        elif isinstance(node, ast.Call):
            found += [*node.args, *(k.value for k in node.keywords)]
        elif isinstance(node, ast.Tuple | ast.List | ast.Set):
            found += node.elts
        elif isinstance(node, ast.Dict):
            found += [key for key in node.keys if key is not None]
        elif isinstance(node, ast.Compare):
            found += [node.left, *node.comparators]
    return [n for n in found if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def test_search_names_no_whoosh_field():
    """index/documents.py is the one module that knows field names: search/ asks it."""
    fields = _field_names()
    found = []
    for path in sorted(SEARCH.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [
            f"{path.name}:{n.lineno}: {n.value!r}" for n in _strings(tree) if n.value in fields
        ]
        found += [
            f"{path.name}:{k.value.lineno}: {k.arg}="
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            for k in node.keywords
            if k.arg in fields
            and isinstance(k.value, ast.AST)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("document", "document_number", "documents")
        ]
    assert not found, "\n".join(found)


def test_the_layout_rules_catch_what_they_forbid():
    sample = 'rows = store.rows("SELECT w2 FROM links WHERE w1 = ?")\nhit["body"]\n'
    assert SQL.search(sample)
    assert any(n.value == "body" for n in _strings(ast.parse(sample)))
    assert "body" in _field_names()


def test_index_modules_import_each_other_in_no_circle():
    """documents, quotestore and statements once imported each other, held together by
    imports inside functions; the pieces they share are in index/rows.py."""
    index = PACKAGE / "index"
    graph = {
        path.stem: {m.split(".")[2] for m in _imports(path) if m.startswith("caucasus_cli.index.")}
        for path in index.glob("*.py")
    }

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, ()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    circles = sorted(module for module in graph if reaches(module, module, {module}))
    assert not circles, f"index modules in an import circle: {circles}"


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
    no helper exits on behalf of its caller. The app's `main` alone exits (and `run`,
    the script's, with main's exit status)."""
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name in ("main", "run"):
            allowed |= {id(inner) for inner in ast.walk(node)}
    stray = [node.lineno for node in _exits(tree) if id(node) not in allowed]
    assert not stray, f"cli.py exits outside main at lines {stray}"
    for path in PACKAGE.rglob("*.py"):
        if path.name != "cli.py":
            assert not _exits(ast.parse(path.read_text(encoding="utf-8"))), path


def test_no_test_puts_a_folder_on_the_import_path():
    """Tests import `benchmarks` as the package pytest's `pythonpath` makes it, never a
    folder pushed onto sys.path (which shadows module names for the whole session)."""
    tests = Path(__file__).resolve().parent
    pushing = [
        path.name
        for path in tests.glob("*.py")
        if path.name != Path(__file__).name and "sys.path.insert" in path.read_text("utf-8")
    ]
    assert not pushing, pushing
