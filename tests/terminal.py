"""Running the installed `caucasus` as a user's shell would: in a pipe or on a terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest


def caucasus_script() -> str:
    script = Path(sys.executable).with_name("caucasus")
    if not script.exists():
        pytest.fail("the `caucasus` script is not installed next to this Python (pip install .)")
    return str(script)


def user_env(index: Path, **extra: str) -> dict[str, str]:
    """The environment of a shell: no NO_COLOR unless asked, the index given."""
    env = {**os.environ, "CAUCASUS_INDEX": str(index), **extra}
    for name in ("NO_COLOR", "FORCE_COLOR", "PAGER", "CAUCASUS_PAGER", "COLUMNS", "LINES"):
        if name not in extra:
            env.pop(name, None)
    return env


def run_in_pty(
    args: list[str], env: dict[str, str], rows: int = 40, columns: int = 200
) -> tuple[int, str]:
    """Run `caucasus ARGS` with stdout and stderr on a pseudo-terminal of rows×columns;
    the exit code and everything the terminal showed (\\r\\n turned into \\n)."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    process = subprocess.Popen(
        [caucasus_script(), *args], stdin=terminal, stdout=terminal, stderr=terminal,
        env=env, close_fds=True, start_new_session=True,
    )  # fmt: skip
    os.close(terminal)
    chunks = []
    while True:
        ready, _, _ = select.select([controller], [], [], 60)
        if not ready:
            process.kill()
            break
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: the terminal's other side is closed, the command ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    code = process.wait(timeout=60)
    return code, b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
