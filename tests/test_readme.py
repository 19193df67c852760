"""The README is a guide a new user follows: its first session is real output of the
commands it shows, its set-up commands are the ones CI runs, and it stays short."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from terminal import caucasus_script

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _session() -> list[tuple[str, str]]:
    """The `console` block of "A first session": (command, output) pairs."""
    section = README.split("## A first session", 1)[1].split("\n## ", 1)[0]
    block = section.split("```console\n", 1)[1].split("```", 1)[0]
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    return [(command, "\n".join(lines)) for command, lines in steps]


def test_the_first_session_is_what_the_commands_print(tmp_path, seed_corpus):
    home = tmp_path / "home"
    shutil.copytree(seed_corpus, home / "news" / "karabakh")
    env = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "PATH": f"{Path(caucasus_script()).parent}:/usr/bin:/bin",
        "LANG": "C.UTF-8",
    }
    session = _session()
    assert [command.split()[1] for command, _ in session][:5] == [
        "index", "search", "quotes", "quote", "check",
    ]  # fmt: skip
    for command, expected in session:
        result = subprocess.run(
            ["bash", "-c", command], env=env, cwd=home, capture_output=True, text=True
        )
        shown = (result.stderr + result.stdout).replace(str(home), "~").rstrip("\n")
        # The indexing time is the one figure that differs from run to run.
        shown = re.sub(r"; \d+\.\d s$", "; T s", shown, flags=re.MULTILINE)
        expected = re.sub(r"; \d+\.\d s$", "; T s", expected, flags=re.MULTILINE)
        assert shown == expected, command


def test_the_set_up_commands_ci_runs_are_in_the_readme():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    quoted = re.findall(r'# README "([^"]+)"[^:]*: (.+?)(?:, with this Python)?$', ci, re.M)
    assert quoted, "CI names the README's commands"
    for section, command in quoted:
        assert f"## {section}" in README
        assert command.strip() in README
    assert 'pip install ".[test,html]" && pytest' in ci
    assert 'pip install ".[test,html]" && pytest' in README


def test_the_readme_is_a_guide_not_a_log():
    assert len(README.splitlines()) < 400
    assert "benchmarks/RESULTS.md" in README
    sizes = set(re.findall(r"(\d+) MB installed", README))
    assert len(sizes) <= 1  # the HTML reader's size, stated once
