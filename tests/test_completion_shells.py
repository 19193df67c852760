"""zsh and fish completion insert a speaker's name as one word, as bash's does
(tests/test_cli_manners.py): through each shell's own completion, typed on a real
terminal with TAB, the command line read back from the shell's line editor.
Skipped where the shell is not installed (`apt-get install zsh fish`)."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import struct
import subprocess
import termios
import time
from pathlib import Path

import pytest
from terminal import caucasus_script, user_env

# Leyla Abdullayeva is quoted in the seed; her alias Abdullaeva starts the same way, so
# TAB inserts their common part: a space the shell must quote.
TYPED = "caucasus quotes --speaker Leyla"
INSERTED = "caucasus quotes --speaker Leyla\\ Abdulla"


def _zsh_setup(home: Path, dump: Path) -> list[str]:
    (home / ".zshrc").write_text(
        "autoload -Uz compinit && compinit -u -D\n"
        'eval "$(caucasus completion zsh)"\n'
        f"dump() {{ print -r -- \"$BUFFER\" > '{dump}' }}\n"
        "zle -N dump\nbindkey '^X' dump\nPS1='> '\n",
        encoding="utf-8",
    )
    return ["zsh", "-i"]


def _fish_setup(home: Path, dump: Path) -> list[str]:
    config = home / ".config" / "fish"
    config.mkdir(parents=True)
    (config / "config.fish").write_text(
        "caucasus completion fish | source\n"
        f"function dump; commandline > '{dump}'; end\n"
        "bind \\cx dump\n"
        "function fish_greeting; end\n",
        encoding="utf-8",
    )
    return ["fish", "-i"]


def _line_after_tab(argv: list[str], env: dict[str, str], dump: Path) -> str:
    """Type TYPED and TAB into an interactive shell, then Ctrl-X (bound to write the
    line being edited to `dump`); the line as the shell holds it."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 200, 0, 0))
    shell = subprocess.Popen(
        argv, stdin=terminal, stdout=terminal, stderr=terminal, env=env, close_fds=True,
        start_new_session=True,
        preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),  # job control wants a tty
    )  # fmt: skip
    os.close(terminal)

    def drain(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([controller], [], [], 0.1)
            if ready:
                try:
                    os.read(controller, 65536)
                except OSError:
                    return

    try:
        drain(3)  # the prompt
        os.write(controller, TYPED.encode() + b"\t")
        drain(5)  # the completion runs `caucasus` once
        os.write(controller, b"\x18")
        deadline = time.monotonic() + 20
        while not dump.exists() and time.monotonic() < deadline:
            drain(0.5)
        return dump.read_text(encoding="utf-8").strip() if dump.exists() else ""
    finally:
        shell.kill()
        shell.wait(timeout=10)
        os.close(controller)


@pytest.mark.parametrize("name, setup", [("zsh", _zsh_setup), ("fish", _fish_setup)])
def test_tab_inserts_a_name_with_a_space_quoted(seed_index, tmp_path, name, setup):
    if shutil.which(name) is None:
        pytest.skip(f"{name} is not installed")
    home = tmp_path / "home"
    home.mkdir()
    dump = tmp_path / "line.txt"
    argv = setup(home, dump)
    env = user_env(seed_index, HOME=str(home), ZDOTDIR=str(home), TERM="xterm")
    env["XDG_CONFIG_HOME"] = str(home / ".config")
    env["PATH"] = f"{Path(caucasus_script()).parent}:/usr/bin:/bin"
    assert _line_after_tab(argv, env, dump) == INSERTED
