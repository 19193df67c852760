"""Standard streams the shell closed, or that cannot take a message: only messages are lost.

`caucasus index 2>&-` (stderr closed) or `2>/dev/full` (stderr on a full disk) used to
index nothing or half, and end with exit code 1 (grep's "nothing found"): the first
warning or the progress line raised. The messages are lost either way; the work and
the exit code must not be. So stderr becomes a stream that drops what it cannot write,
and `index` indexes everything and exits 0 (its summary is `caucasus status`), a bad
query still exits 2.

A standard descriptor closed at start-up is reopened on /dev/null first: otherwise
the next file opened (an index segment) would get its number, and anything written
to "stderr" (a worker's message) would land in the index.
"""

from __future__ import annotations

import os
import sys


def guard_standard_streams() -> None:
    """Call once, first thing in the command's process."""
    _reserve_closed_descriptors()
    if sys.stderr is None:  # the shell closed it: messages go to /dev/null now
        sys.stderr = open(2, "w", buffering=1, encoding="utf-8", closefd=False)  # noqa: SIM115
    if not isinstance(sys.stderr, QuietStream):
        sys.stderr = QuietStream(sys.stderr)


def _reserve_closed_descriptors() -> None:
    for descriptor, mode in ((0, os.O_RDONLY), (1, os.O_WRONLY), (2, os.O_WRONLY)):
        try:
            os.fstat(descriptor)
        except OSError:
            opened = os.open(os.devnull, mode)
            if opened != descriptor:
                os.dup2(opened, descriptor)
                os.close(opened)


class QuietStream:
    """stderr that drops a message it cannot write, rather than fail the command."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except (OSError, ValueError):
            self._give_up()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except (OSError, ValueError):
            self._give_up()

    def isatty(self) -> bool:
        try:
            return self._stream.isatty()
        except (OSError, ValueError):
            return False

    def __getattr__(self, name: str):
        return getattr(self._stream, name)  # encoding, fileno, ...

    def _give_up(self) -> None:
        """Point the descriptor at /dev/null: what is still buffered is then flushed there
        (at exit too), and later messages cost nothing."""
        try:
            descriptor = self._stream.fileno()
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, descriptor)
            os.close(devnull)
            self._stream.flush()
        except (AttributeError, OSError, ValueError):
            self._stream = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
