"""A new user's shell manners (issue 21): notes after the output they describe, one
paging rule with --no-pager everywhere, -V, index --quiet, -0/--null, check manners."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from terminal import caucasus_script, run_in_pty, user_env
from typer.testing import CliRunner

from caucasus_cli.cli import app

CONFIRMED_CLAIM = "The Nagorno-Karabakh conflict is a thing of the past."
MISQUOTED_CLAIM = "Nagorno-Karabakh conflict is now a thing of the past"
MARKING_PAGER = (
    f"{sys.executable} -c \"import sys; print('PAGER>'); sys.stdout.write(sys.stdin.read())\""
)


@pytest.fixture
def run(seed_index):
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None):
        env = {"CAUCASUS_INDEX": str(seed_index), **(env or {})}
        return runner.invoke(app, list(args), env=env)

    return invoke


def test_the_footer_comes_after_a_table_that_fits_the_screen(seed_index):
    """No pager (the table fits): the footer was printed above the table."""
    env = user_env(seed_index, CAUCASUS_PAGER=MARKING_PAGER, NO_COLOR="1")
    code, screen = run_in_pty(["search", "Lavrov", "--limit", "1"], env, rows=60)
    assert code == 0, screen
    assert "PAGER>" not in screen
    assert screen.index("┘") < screen.index("matching articles")


@pytest.mark.parametrize(
    "args", [["quote", "bae15baa254c"], ["check", CONFIRMED_CLAIM], ["status"], ["help"]]
)
def test_every_command_with_results_pages_the_same_way(seed_index, args):
    env = user_env(seed_index, CAUCASUS_PAGER=MARKING_PAGER, NO_COLOR="1")
    code, paged = run_in_pty(args, env, rows=6)  # longer than the screen: paged
    assert code == 0, paged
    assert "PAGER>" in paged
    code, unpaged = run_in_pty([*args, "--no-pager"], env, rows=6)
    assert code == 0, unpaged
    assert "PAGER>" not in unpaged


def test_check_panel_ids_are_never_cut(seed_index, run):
    (verdict,) = json.loads(run("check", MISQUOTED_CLAIM, "-f", "json").stdout)
    env = user_env(seed_index, CAUCASUS_PAGER="cat", NO_COLOR="1")
    code, screen = run_in_pty(["check", MISQUOTED_CLAIM], env, columns=80)
    assert code == 3, screen
    evidence = screen.split("evidence")[-1]
    # A quote or document id folds onto a second line; it was cut (`001_7e16cc…`).
    assert not re.search(r"\d{3}_[0-9a-f]*…|[0-9a-f]{6,}…", evidence), evidence
    assert verdict["id"] in evidence


def test_short_version_option(run):
    assert run("-V").stdout.startswith("caucasus ")
    assert run("-V").exit_code == 0


def test_index_quiet_says_errors_only(tmp_path, corpus_copy):
    (corpus_copy / "empty.txt").write_text("", encoding="utf-8")  # a skip warning
    env = {"CAUCASUS_INDEX": str(tmp_path / "index")}
    loud = CliRunner().invoke(app, ["index", str(corpus_copy)], env=env)
    assert "warning" in loud.stderr and "indexed" in loud.stderr
    quiet = CliRunner().invoke(app, ["index", "--quiet", str(corpus_copy), "--rebuild"], env=env)
    assert quiet.exit_code == 0
    assert quiet.stderr == ""
    failed = CliRunner().invoke(app, ["index", "-q", "--fields", "nonsense"], env=env)
    assert failed.exit_code == 2 and failed.stderr.startswith("caucasus: error:")


def test_null_ends_each_path_with_nul_for_xargs_0(run, seed_index, tmp_path):
    listed = run("search", "Karabakh", "-l", "-0")
    assert listed.exit_code == 0
    paths = listed.stdout.split("\0")
    assert paths[-1] == "" and len(paths) > 2 and "\n" not in listed.stdout
    assert all(Path(path).is_file() for path in paths[:-1])
    wrong = run("search", "Karabakh", "-0")
    assert wrong.exit_code == 2 and "--null" in wrong.stderr


def test_check_names_one_arrow_direction_claimed_to_said(run):
    claim = "The Nagorno-Karabakh war is a thing of the past"  # said: "conflict"
    plain = run("check", claim).stdout
    table = run("check", claim, "-f", "table", env={"NO_COLOR": "1"}).stdout
    assert "~ war → conflict" in plain
    assert "[war→conflict]" in table and "claimed → said" in table  # was [conflict→war]


def test_check_json_is_one_array_for_one_claim_too(run):
    one = json.loads(run("check", CONFIRMED_CLAIM, "-f", "json").stdout)
    assert isinstance(one, list) and len(one) == 1 and one[0]["verdict"] == "confirmed"


@pytest.mark.parametrize("claim", ["war", "peace talks", "  the   war  "])
def test_a_claim_under_three_words_is_refused(run, claim):
    result = run("check", claim)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and "three words" in result.stderr


def test_check_speaker_suggests_a_name_when_nobody_matches(run):
    result = run("check", CONFIRMED_CLAIM, "--speaker", "Aliyv")
    assert "did you mean: " in result.stderr and "Aliyev" in result.stderr


def test_a_group_with_no_known_outlet_says_so():
    from caucasus_cli.models import Quote
    from caucasus_cli.render.quotes import group_summary

    quote = Quote(text="x y z", start=0, end=5, paragraph=1, kind="direct", id="q1")

    occurrence = SimpleNamespace(quote=quote)

    group = SimpleNamespace(
        first_seen=occurrence,
        occurrences=[occurrence, occurrence],
        outlets=[],
        speakers=[],
        attributions_differ=False,
    )
    line = group_summary(group)
    assert "outlet unknown" in line and "0 outlets" not in line


def test_completion_quotes_a_name_with_a_space(seed_index, tmp_path):
    """Through bash's own completion function: `--speaker Kenny<TAB>` must insert a
    quoted name, or the command line splits it in two."""
    script = subprocess.run(
        [caucasus_script(), "completion", "bash"], capture_output=True, text=True, check=True
    ).stdout
    probe = tmp_path / "probe.sh"
    probe.write_text(
        script
        + "\nCOMP_WORDS=(caucasus quotes --speaker Jeyhun)\nCOMP_CWORD=3\n"
        + "COMP_LINE='caucasus quotes --speaker Jeyhun'\nCOMP_POINT=${#COMP_LINE}\n"
        + "_caucasus_completion caucasus\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n",
        encoding="utf-8",
    )
    env = user_env(seed_index)
    env["PATH"] = f"{Path(caucasus_script()).parent}:{env.get('PATH', '')}"
    result = subprocess.run(["bash", str(probe)], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    names = result.stdout.splitlines()
    assert "Jeyhun\\ Bayramov" in names, names
    assert all(name.count(" ") == name.count("\\ ") for name in names), names


def test_a_date_filter_says_how_many_undated_matches_it_left_out(run):
    # Two Trend articles name Bayramov: one of 2020-10-31, one dated only "Nov.25".
    within = run("search", "Bayramov", "--since", "2020")
    assert within.exit_code == 0
    assert "1 matching article with no date left out by --since/--until" in within.stderr
    beyond = run("search", "Bayramov", "--since", "2030", "--count")
    assert beyond.exit_code == 1 and beyond.stdout == "0\n"
    assert "1 matching article with no date left out" in beyond.stderr
    unfiltered = run("search", "Bayramov")
    assert "no date" not in unfiltered.stderr
