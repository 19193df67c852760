"""Text is data on the terminal too (issue 20, items 2 and 8).

An article, a record or a file name may hold terminal escapes: OSC 52 sets the
clipboard, OSC 8 hides a link, OSC 0 retitles the window, CSI 2J clears the screen.
Whatever reaches a terminal shows them as symbols (ESC as ␛); machine formats in a
pipe keep the text as written; JSON escapes it anyway. A non-UTF-8 argument is a
usage error, not index damage.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from terminal import caucasus_script, run_in_pty, user_env
from typer.testing import CliRunner

from caucasus_cli.cli import app
from caucasus_cli.index.sync import sync_index
from caucasus_cli.render.output import visible

ESC = "\x1b"
CLIPBOARD = f"{ESC}]52;c;cm0gLXJmIH4={ESC}\\"  # OSC 52: "rm -rf ~" into the clipboard
LINK = f"{ESC}]8;;http://evil.example/{ESC}\\read more{ESC}]8;;{ESC}\\"  # OSC 8
TITLE = f"{ESC}]0;pwned{ESC}\\"  # OSC 0: the window title
CLEAR = f"{ESC}[2J"  # CSI 2J: clear the screen
HEADLINE = f"Ceasefire talks resume {TITLE} in Moscow {CLEAR}"
ARTICLE = f"""\
{HEADLINE}

Nov.25

    By Trend

BAKU, Azerbaijan, Nov.25

Azerbaijan's Foreign Minister Jeyhun Bayramov met his counterpart in Moscow {LINK} on \
Wednesday.

"The ceasefire {CLIPBOARD} must hold along the whole line {CLEAR} of contact," Bayramov said.
"""
# What must never reach a terminal: the start of an OSC or of a CSI sequence.
ESCAPES = (f"{ESC}]", f"{ESC}[2J")


@pytest.fixture(scope="module")
def hostile_index(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    (root / "articles").mkdir()
    (root / "articles" / "ceasefire-talks.txt").write_text(ARTICLE, encoding="utf-8")
    sync_index(root / "index", [root / "articles"])
    return root / "index"


def _no_escapes(screen: str) -> None:
    for escape in ESCAPES:
        assert escape not in screen, f"{escape!r} reached the terminal"


def test_visible_shows_control_characters_one_for_one():
    shown = visible(f"a{ESC}]0;x\x07b\tc\nd\r\x9be")
    assert shown == "a␛]0;x␇b\tc\nd␍\ufffde"
    assert len(shown) == len(f"a{ESC}]0;x\x07b\tc\nd\r\x9be")  # highlight offsets stay right
    assert visible("line\nbreak\ttab", layout=False) == "line␊break␉tab"
    assert visible("Qarabağ — «Лавров»") == "Qarabağ — «Лавров»"


@pytest.mark.parametrize(
    "args",
    [
        ["show", "ceasefire-talks"],
        ["search", "ceasefire"],
        ["quotes"],
        ["quote", "PREFIX"],
        ["search", "ceasefire", "-f", "tsv"],
        ["search", "ceasefire", "-f", "csv"],
        ["quotes", "-f", "tsv"],
        ["show", "ceasefire-talks", "-f", "json"],
        ["check", "The ceasefire must hold along the whole line of contact"],
    ],
)
def test_on_a_real_terminal_escapes_from_an_article_are_shown_not_obeyed(hostile_index, args):
    if args == ["quote", "PREFIX"]:
        listed = CliRunner().invoke(
            app, ["quotes", "-f", "jsonl"], env={"CAUCASUS_INDEX": str(hostile_index)}
        )
        args = ["quote", json.loads(listed.stdout.splitlines()[0])["id"]]
    env = user_env(hostile_index, NO_COLOR="1", CAUCASUS_PAGER="cat")
    code, screen = run_in_pty(args, env)
    assert code in ((0, 1, 3) if args[0] == "check" else (0,)), screen
    assert ESC not in screen  # no colour asked: not one escape of any kind
    # The escapes are there to see: as symbols, or in JSON's own escapes.
    assert ("\\u001b" if "json" in args else "␛") in screen
    assert "Ceasefire" in screen or "ceasefire" in screen


def test_with_colour_on_a_terminal_only_caucasus_own_styles_are_escapes(hostile_index):
    env = user_env(hostile_index, CAUCASUS_PAGER="cat", FORCE_COLOR="1")
    for args in (["search", "ceasefire"], ["show", "ceasefire-talks"], ["quotes"]):
        code, screen = run_in_pty(args, env)
        assert code == 0, screen
        _no_escapes(screen)
        assert "␛]52;c;" in screen or "␛]0;pwned" in screen


def test_through_the_pager_the_text_is_shown_too(hostile_index):
    env = user_env(hostile_index, NO_COLOR="1", CAUCASUS_PAGER="cat")
    code, screen = run_in_pty(["show", "ceasefire-talks"], env, rows=5)  # longer: paged
    assert code == 0, screen
    assert ESC not in screen and "␛]8;;http://evil.example/" in screen


def test_machine_formats_in_a_pipe_keep_the_text_as_written(hostile_index):
    env = user_env(hostile_index)
    run = [caucasus_script(), "search", "ceasefire"]
    tsv = subprocess.run([*run, "-f", "tsv"], env=env, capture_output=True, text=True)
    assert tsv.returncode == 0 and TITLE in tsv.stdout  # what the file holds, for the pipe
    as_json = subprocess.run([*run, "-f", "json"], env=env, capture_output=True, text=True)
    assert ESC not in as_json.stdout  # JSON escapes it as \u001b ...
    assert json.loads(as_json.stdout)[0]["title"] == " ".join(HEADLINE.split())  # ... losslessly


def test_colour_forced_into_a_pipe_is_for_a_terminal_and_shows_the_escapes(hostile_index):
    """`caucasus search … --color always | less -R`: drawn for a terminal, so made safe."""
    env = user_env(hostile_index)
    result = subprocess.run(
        [caucasus_script(), "search", "ceasefire", "--color", "always"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0
    _no_escapes(result.stdout)


def test_a_file_name_with_escapes_and_a_newline_is_one_warning_line(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "fine.txt").write_text(ARTICLE, encoding="utf-8")
    (articles / f"bad{TITLE}\nname.txt").write_bytes(b"")  # empty: skipped with a warning
    result = CliRunner().invoke(app, ["index", str(articles), "--index", str(tmp_path / "i")])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1, result.stderr
    assert "bad␛]0;pwned␛\\␊name.txt" in warnings[0]
    _no_escapes(result.stderr)


@pytest.mark.parametrize(
    "args",
    [
        [b"show", b"\xff\xfe"],
        [b"quote", b"\xff"],
        [b"quotes", b"--group", b"\xff"],
        [b"quotes", b"--speaker", b"Aliyev\xff"],
        [b"search", b"peace\xff"],
    ],
)
def test_a_non_utf8_argument_is_a_usage_error_not_damage(seed_index, args):
    result = subprocess.run(
        [caucasus_script().encode(), *args],
        env=user_env(seed_index), capture_output=True,
    )  # fmt: skip
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2, stderr
    assert len(stderr.splitlines()) == 1
    assert "not UTF-8 text" in stderr
    assert "damaged" not in stderr and "--rebuild" not in stderr


def test_a_non_utf8_index_folder_is_still_a_folder(seed_index, tmp_path):
    """Paths are the file system's: any bytes it allows name an index."""
    folder = Path(bytes(tmp_path).decode("utf-8") + "/caf\udce9")  # `café` in Latin-1
    folder.mkdir()
    result = subprocess.run(
        [caucasus_script().encode(), b"status", b"--index", bytes(folder)],
        env=user_env(seed_index), capture_output=True,
    )  # fmt: skip
    assert result.returncode == 1  # nothing there yet: "no index at …", not a usage error
    assert b"not UTF-8 text" not in result.stderr
