"""Several commands at once on a fresh index location: one builds, all answer."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path


def start(args: list[str], index: Path) -> subprocess.Popen:
    env = {**os.environ, "CAUCASUS_INDEX": str(index), "NO_COLOR": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "caucasus_cli", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_four_first_commands_at_once_all_answer_from_the_finished_index(tmp_path):
    index = tmp_path / "fresh" / "index"
    commands = [
        ["search", "Bayramov", "--format", "jsonl"],
        ["search", "Karabakh", "--format", "jsonl"],
        ["quotes", "--speaker", "Bayramov", "--format", "jsonl"],
        ["show", "001_7e16cc46a88fe3df", "--format", "json"],
    ]
    runs = [start(command, index) for command in commands]
    outcomes = [(run.wait(timeout=180), *run.communicate()) for run in runs]

    for command, (code, stdout, stderr) in zip(commands, outcomes, strict=True):
        assert code == 0, (command, stderr)
        assert stdout.strip(), command
        assert "Traceback" not in stderr
    builders = [err for _, _, err in outcomes if "building one from the bundled corpus" in err]
    assert len(builders) == 1, [err for _, _, err in outcomes]
    searched = [line for line in outcomes[0][1].splitlines() if line.strip()]
    assert len(searched) >= 2  # Bayramov is in more than one seed article


def test_a_command_waits_for_a_first_build_under_way_and_says_so(tmp_path):
    from caucasus_cli.index.sync import build_lock

    index = tmp_path / "fresh" / "index"
    with build_lock(index):  # as a first build in another command holds it
        run = start(["search", "Bayramov", "--format", "jsonl"], index)
        ready, _, _ = select.select([run.stderr], [], [], 60)
        assert ready, "said nothing while waiting"
        line = run.stderr.readline()
        assert "waiting for another caucasus command to finish building the index" in line
        assert run.poll() is None  # still waiting, not reading a half-built index
    code = run.wait(timeout=120)
    stdout, stderr = run.communicate()
    assert code == 0, stderr
    assert len(stdout.strip().splitlines()) >= 2
