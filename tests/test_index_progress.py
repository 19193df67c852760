"""`caucasus index` says which phase it is in: the core reports each phase to its progress
callback, the terminal shows a label for it; nothing in a pipe, nothing with -q."""

from __future__ import annotations

import subprocess
from itertools import groupby

from terminal import caucasus_script, run_in_pty, user_env

from caucasus_cli.index.sync import sync_index
from caucasus_cli.models import IndexPhase
from caucasus_cli.render.output import PHASE_LABELS

PHASES = [
    IndexPhase.FINDING,
    IndexPhase.READING,
    IndexPhase.LINKING,
    IndexPhase.COMMITTING,
    IndexPhase.SPEAKERS,
]


def _reports(index_dir, folder):
    reports = []
    sync_index(index_dir, [folder], progress=lambda *report: reports.append(report))
    return reports


def test_every_phase_is_reported_in_order_with_the_articles_counted(tmp_path, corpus_copy):
    reports = _reports(tmp_path / "index", corpus_copy)
    assert [phase for phase, _ in groupby(r[0] for r in reports)] == PHASES
    reading = [(done, total) for phase, done, total in reports if phase == IndexPhase.READING]
    assert reading == [(n, 5) for n in range(6)]  # the five bundled articles, from 0/5
    assert all(total is None for phase, _, total in reports if phase != IndexPhase.READING)


def test_a_run_with_nothing_to_read_still_reports_its_phases(tmp_path, corpus_copy):
    _reports(tmp_path / "index", corpus_copy)
    again = _reports(tmp_path / "index", corpus_copy)
    assert [phase for phase, _ in groupby(r[0] for r in again)] == PHASES
    assert [(d, t) for p, d, t in again if p == IndexPhase.READING] == [(0, 0)]


def test_the_terminal_shows_a_label_for_each_phase(tmp_path, corpus_copy):
    code, screen = run_in_pty(["index", str(corpus_copy)], user_env(tmp_path / "index"))
    assert code == 0
    for phase in PHASES:
        assert PHASE_LABELS[phase] in screen
    assert screen.index("reading articles") < screen.index("linking quotes")
    assert screen.index("linking quotes") < screen.index("committing")


def test_quiet_shows_no_progress_on_a_terminal(tmp_path, corpus_copy):
    code, screen = run_in_pty(["index", "-q", str(corpus_copy)], user_env(tmp_path / "index"))
    assert (code, screen) == (0, "")


def test_a_pipe_gets_no_progress(tmp_path, corpus_copy):
    result = subprocess.run(
        [caucasus_script(), "index", str(corpus_copy)],
        env=user_env(tmp_path / "index"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0
    assert not any(label in result.stderr for label in PHASE_LABELS.values())
    assert result.stderr.startswith("caucasus: indexed")
