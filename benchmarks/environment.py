"""What the commands run with, and the facts of the machine and the code measured."""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks.common import REPO
from benchmarks.sqlite_utils_peer import (
    sqlite_utils_version,
)


def child_env(workdir: Path) -> dict[str, str]:
    """The environment of every command run: the checkout's code, no user config.

    Bytecode is cached (under the work dir, not in the checkout) even when the caller
    sets PYTHONDONTWRITEBYTECODE, as it is for an installed package: otherwise every
    start compiles the package's modules again (time_startup measures that case too).
    """
    dropped = ("CAUCASUS_INDEX", "CAUCASUS_PEOPLE", "PYTHONPROFILEIMPORTTIME")
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    )
    env["XDG_CONFIG_HOME"] = str(workdir / "config")  # empty: bundled data only
    env["XDG_DATA_HOME"] = str(workdir / "data")
    return env


def caucasus_command() -> tuple[list[str], str]:
    """The installed `caucasus` script when it belongs to this interpreter, else -m."""
    # The interpreter's own bin folder, not resolved: a venv's python links elsewhere.
    script = Path(sys.executable).parent / "caucasus"
    if script.is_file():
        return [str(script)], f"installed script {script}"
    return [sys.executable, "-m", "caucasus_cli"], f"{sys.executable} -m caucasus_cli"


def version_line(argv: list[str]) -> str | None:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout.splitlines()[0] if done.stdout else None


def git_state() -> dict[str, Any]:
    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=False
        )
        return done.stdout.strip()

    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "package_modified": bool(git("status", "--porcelain", "--", "caucasus_cli")),
    }


def machine_facts(rg: str | None) -> dict[str, Any]:
    return {
        "platform": platform.platform(),
        "processor": platform.machine(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "python_executable": sys.executable,
        "whoosh": metadata.version("whoosh3"),
        "sqlite": sqlite3.sqlite_version,
        "grep": version_line(["grep", "--version"]),
        "rg": version_line([rg, "--version"]) if rg else None,
        "sqlite_utils": sqlite_utils_version(),
        "locale": os.environ.get("LC_ALL") or os.environ.get("LANG") or "",
        "memory_mib": _memory_mib(),
        "load_average_start": list(os.getloadavg()),
    }


def _memory_mib() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return None
