"""Start-up: `caucasus --help` and a search on the five bundled articles; where the
imports go."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path
from typing import Any

from benchmarks.common import ms, spread
from benchmarks.end_to_end import timed
from benchmarks.indexing import opens, run_indexer
from caucasus_cli.config import bundled_corpus_dir

STARTUP_RARE_WORD = "Mardini"


def ensure_tiny_index(command: list[str], env: dict[str, str], workdir: Path) -> Path:
    """An index of the five bundled articles, for start-up timings."""
    index = workdir / "tiny" / "index"
    if not opens(index):
        shutil.rmtree(index, ignore_errors=True)
        index.parent.mkdir(parents=True, exist_ok=True)
        run_indexer(command, env, bundled_corpus_dir(), index, workdir / "tiny" / "index.log")
    return index


def time_startup(command: list[str], env: dict[str, str], tiny: Path, runs: int):
    help_argv = [*command, "--help"]
    rare_argv = [*command, "search", STARTUP_RARE_WORD, "--limit", "1", "--index", str(tiny)]
    samples: dict[str, list[float]] = {"help": [], "search": []}
    timed(help_argv, env, ok=(0,))
    timed(rare_argv, env)
    for _ in range(runs):
        samples["help"].append(timed(help_argv, env, ok=(0,))[0])
        samples["search"].append(timed(rare_argv, env)[0])
    uncached = {**env, "PYTHONDONTWRITEBYTECODE": "1"}
    uncached.pop("PYTHONPYCACHEPREFIX")  # the checkout has no __pycache__: compiled each time
    without_cache = [timed(rare_argv, uncached)[0] for _ in range(runs)]
    return {
        "help": spread(samples["help"]),
        "search_tiny_index": spread(samples["search"]),
        "search_tiny_index_no_bytecode_cache": spread(without_cache),
        "imports_help": import_profile(help_argv, env),
        "imports_search": import_profile(rare_argv, env),
    }


def import_profile(argv: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Import time by top-level package (self times summed), from -X importtime."""
    done = subprocess.run(
        argv, capture_output=True, text=True, env={**env, "PYTHONPROFILEIMPORTTIME": "1"}
    )
    by_package: dict[str, int] = defaultdict(int)
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+\d+ \|\s+(\S+)", line)
        if match:
            by_package[match.group(2).split(".")[0]] += int(match.group(1))
    top = sorted(by_package.items(), key=lambda item: -item[1])[:12]
    return {
        "total_ms": ms(sum(by_package.values()) / 1e6),
        "top_packages_ms": {name: ms(us / 1e6) for name, us in top},
    }
