"""Worker processes must not outlive the command that started them.

When `caucasus index` is killed (Ctrl-C in another terminal, `kill -9`, a laptop
lid), its spawned workers would otherwise wait forever on their job queue, each
holding tens of megabytes. A daemon thread in each worker watches its parent.
"""

from __future__ import annotations

import os
import threading
import time


def exit_with_parent(poll_seconds: float = 0.5) -> None:
    """In a worker: exit as soon as the process that started it has gone."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll_seconds)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def run_subwriter(*args) -> None:
    """Entry point of a Whoosh sub-writer process, watching its parent first."""
    from whoosh.multiproc import _run_subwriter

    exit_with_parent()
    _run_subwriter(*args)


def parallel_writer(ix, **options):
    """Whoosh's multi-process writer, with sub-writers that exit with their parent."""
    from whoosh.multiproc import MpWriter

    class Writer(MpWriter):
        # Same as whoosh3 3.54's MpWriter._new_task (start_method given), but with a
        # target that watches the parent. whoosh3 is pinned; tests cover this path.
        def _new_task(self):
            args = (
                self.storage,
                self.indexname,
                self.jobqueue,
                self.resultqueue,
                self.subargs,
                self.multisegment,
            )
            task = self._mpctx.Process(target=run_subwriter, args=args)
            self.tasks.append(task)
            task.start()
            return task

    return Writer(ix, **options)
